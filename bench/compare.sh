#!/usr/bin/env bash
# bench/compare.sh: budgetxl verify against LibreOffice's headless recalculation and against an
# excelize CalcCellValue loop (bench/calcloop), on the same synthetic workbooks, in the same run.
# Prints CPU seconds (user+sys of the whole process, the least of RUNS runs, default 3; for verify
# the mean of REPEAT runs, default 10, in each: see cpuEach) and the ratios, and whether the values
# agree; also fill (which verifies what it writes) and its peak memory.
# Usage: [RUNS=n] [REPEAT=n] bench/compare.sh [OUT_DIR]   (docs/speed.md explains the figures)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
go build -o "$out/budgetxl" .
go build -o "$out/calcloop" ./bench/calcloop
command -v soffice >/dev/null || { echo "soffice is missing: apt-get install libreoffice-calc-nogui"; exit 1; }

# A LibreOffice profile that recalculates every formula on load.
profile="$out/lo-profile"
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
soffice -env:UserInstallation="file://$profile" --headless --terminate_after_init >/dev/null 2>&1 || true

# cpu CMD...: runs CMD $runs times (default 3), prints "user+sys maxRSS_MB" of the process and
# its children, of the run that took the least CPU: the machine is shared, and other work only
# ever adds time, so the least of a few runs is the closest to the cost of the work itself.
runs=${RUNS:-3}
cpu() {
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %M" -o "$out/time" "$@" >"$out/stdout" 2>&1 || { cat "$out/stdout"; exit 1; }
    t=$(awk '{printf "%.2f %.0f\n", $1+$2, $3/1024}' "$out/time")
    if [ -z "$best" ] || (( $(echo "${t% *} < ${best% *}" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}

# cpuEach N CMD...: as cpu, for N runs of CMD one after another in each measurement, per run:
# /usr/bin/time counts hundredths of a second, 5% of a verify of 0.2 CPU-s; N runs of it take
# N times as long, so that their mean is counted to a thousandth. CMD's output is the last run's.
cpuEach() {
  local n=$1 best=""
  shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %M" -o "$out/time" sh -c 'n=$1; shift; for i in $(seq "$n"); do "$@" >"$OUT/stdout" 2>&1 || exit 1; done' sh "$n" "$@" || { cat "$out/stdout"; exit 1; }
    t=$(awk -v n="$n" '{printf "%.3f %.0f\n", ($1+$2)/n, $3/1024}' "$out/time")
    if [ -z "$best" ] || (( $(echo "${t% *} < ${best% *}" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}
export OUT=$out
repeat=${REPEAT:-10} # runs of verify in each of its measurements

printf '%-26s %10s %8s %8s %10s %10s %8s %8s %8s  %s\n' workload formulas fill fill-MB verify libreoffice ratio calcloop ratio "values agree"
for spec in "1000 20 1000-projects" "10 7000 7000-codes" "10 20 small"; do
  set -- $spec
  dir="$out/$3"
  rm -rf "$dir"
  go run ./bench/gen -o "$dir" -projects "$1" -codes "$2" >/dev/null
  read -r fill fillmb < <(cpu "$out/budgetxl" fill "$dir/units/unit-0001" --templates "$dir/templates" -o "$dir/unit.xlsx")
  formulas=$(grep -o '[0-9]* formulas\|[0-9]* 个公式' "$out/stdout" | grep -o '^[0-9]*')
  read -r verify _ < <(cpuEach "$repeat" "$out/budgetxl" --lang en verify "$dir/unit.xlsx" --templates "$dir/templates")
  clean=$(grep -c '0 errors, 0 warnings, 0 notes' "$out/stdout" || true)
  mkdir -p "$dir/lo"
  read -r lo _ < <(cpu soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$dir/lo" "$dir/unit.xlsx")
  lodiff=$("$out/calcloop" -same "$dir/unit.xlsx" "$dir/lo/unit.xlsx")
  read -r calc _ < <(cpu "$out/calcloop" "$dir/unit.xlsx")
  calcdiff=$(cat "$out/stdout")
  # A verify below what the measurement counts is taken as that much, and its ratios are marked
  # as the least they can be (>=).
  at=""
  least=$(echo "0.01 / $repeat" | bc -l)
  if (( $(echo "$verify < $least" | bc -l) )); then verify=$least at=">="; fi
  printf '%-26s %10s %8s %8s %10s %10s %s%.1fx %8s %s%.1fx  verify clean=%s; LibreOffice: %s; excelize: %s\n' \
    "$3" "$formulas" "$fill" "$fillmb" "$verify" "$lo" "$at" "$(echo "$lo / $verify" | bc -l)" "$calc" "$at" "$(echo "$calc / $verify" | bc -l)" \
    "$clean" "$lodiff" "$calcdiff"
done
