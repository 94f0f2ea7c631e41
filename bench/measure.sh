# bench/measure.sh: how the benchmark scripts measure a command, sourced once $out is set.

# measure N CMD...: prints "user+sys maxRSS_MB" of N runs of CMD one after another, per run (its
# output is the last run's, in $out/stdout). /usr/bin/time counts hundredths of a second, 5% of a
# verify of 0.2 CPU-s: N runs take N times as long, so that their mean is counted finer.
measure() {
  local n=$1
  shift
  /usr/bin/time -f "%U %S %M" -o "$out/time" sh -c 'n=$1; shift; for i in $(seq "$n"); do "$@" >"$OUT/stdout" 2>&1 || exit 1; done' sh "$n" "$@" || { cat "$out/stdout"; exit 1; }
  awk -v n="$n" '{printf "%.3f %.0f\n", ($1+$2)/n, $3/1024}' "$out/time"
}
export OUT=$out

# least R N CMD...: the measure (N runs of CMD) that took the least CPU of R: the machine is
# shared, and other work only ever adds time, so the least of a few is the closest to the cost of
# the work itself.
least() {
  local r=$1 best="" t
  shift
  for _ in $(seq "$r"); do
    t=$(measure "$@")
    if [ -z "$best" ] || (( $(echo "${t% *} < ${best% *}" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}
