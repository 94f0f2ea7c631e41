#!/usr/bin/env bash
# bench/linear.sh [OUT_DIR]: is fill and verify linear in the size of a unit? Synthetic units from
# 100 to 10,000 projects (20 codes) and from 100 to 20,000 function codes (10 projects), each size
# about twice the one before; for each, fill (which verifies what it writes) and verify alone, in
# CPU seconds (user+sys; the least of RUNS passes over all sizes, default 3; a short command the
# mean of as many runs as make half a second) and peak MB, and the growth of the time per
# doubling of the size: t(n2)/t(n1) raised to 1/log2(n2/n1), so 2.0 is linear and the goal is at
# most 2.2. Sizes below 0.1 CPU-s are dominated by the start of the process (loading the pack):
# their growth says little. docs/speed.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
go build -o "$out/budgetxl" .
runs=${RUNS:-3}

. bench/measure.sh

# repeats T: how many runs of a command of T CPU-s make half a second, so that /usr/bin/time's
# hundredths count the mean to about 2%.
repeats() { awk -v t="$1" 'BEGIN { n = int(0.5 / (t > 0.005 ? t : 0.005)) + 1; print (n > 50 ? 50 : n) }'; }

# growth T1 T2 N1 N2: the time's growth per doubling of the size.
growth() { echo "e(l($2 / $1) * l(2) / l($4 / $3))" | bc -l; }

# series NAME FLAG FIXED SIZES...: fill and verify at each size. The sizes are measured in turn,
# RUNS passes over all of them, and each keeps its least: a shared machine slows down and speeds
# up over minutes, and a size's runs spread over the passes are not all caught by one slow spell.
series() {
  local name=$1 flag=$2 fixed=$3
  shift 3
  local sizes=("$@") n
  declare -A f fm v vm rf rv
  for n in "${sizes[@]}"; do
    dir="$out/$name-$n"
    rm -rf "$dir"
    # shellcheck disable=SC2086
    go run ./bench/gen -o "$dir" $fixed "$flag" "$n" >/dev/null
    read -r t _ < <(measure 1 "$out/budgetxl" fill "$dir/units/unit-0001" --templates "$dir/templates" -o "$dir/unit.xlsx")
    rf[$n]=$(repeats "$t")
    read -r t _ < <(measure 1 "$out/budgetxl" verify "$dir/unit.xlsx" --templates "$dir/templates")
    rv[$n]=$(repeats "$t")
  done
  for _ in $(seq "$runs"); do
    for n in "${sizes[@]}"; do
      dir="$out/$name-$n"
      read -r t m < <(measure "${rf[$n]}" "$out/budgetxl" fill "$dir/units/unit-0001" --templates "$dir/templates" -o "$dir/unit.xlsx")
      if [ -z "${f[$n]:-}" ] || (( $(echo "$t < ${f[$n]}" | bc -l) )); then f[$n]=$t; fi
      fm[$n]=$m
      read -r t m < <(measure "${rv[$n]}" "$out/budgetxl" verify "$dir/unit.xlsx" --templates "$dir/templates")
      if [ -z "${v[$n]:-}" ] || (( $(echo "$t < ${v[$n]}" | bc -l) )); then v[$n]=$t; fi
      vm[$n]=$m
    done
  done
  printf '\n%-9s %8s %9s %8s %8s %9s %8s\n' "$name" fill fill-MB growth verify verify-MB growth
  local pn=""
  for n in "${sizes[@]}"; do
    gf="" gv=""
    if [ -n "$pn" ]; then
      gf=$(printf '%.2fx' "$(growth "${f[$pn]}" "${f[$n]}" "$pn" "$n")")
      gv=$(printf '%.2fx' "$(growth "${v[$pn]}" "${v[$n]}" "$pn" "$n")")
    fi
    printf '%-9s %8.3f %9s %8s %8.3f %9s %8s\n' "$n" "${f[$n]}" "${fm[$n]}" "$gf" "${v[$n]}" "${vm[$n]}" "$gv"
    pn=$n
  done
  for n in "${sizes[@]}"; do rm -rf "$out/$name-$n"; done
}

series projects -projects "-codes 20" 100 200 400 800 1600 3200 6400 10000
series codes -codes "-projects 10" 100 200 400 800 1600 3200 6400 12800 20000
