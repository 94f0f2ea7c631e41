#!/usr/bin/env bash
# bench/linear.sh [OUT_DIR]: is fill and verify linear in the size of a unit? Synthetic units from
# 100 to 10,000 projects (20 codes) and from 100 to 20,000 function codes (10 projects), each size
# about twice the one before; for each, fill (which verifies what it writes) and verify alone, in
# CPU seconds (user+sys, the least of RUNS runs, default 3) and peak MB, and the growth of the
# time per doubling of the size: t(n2)/t(n1) raised to 1/log2(n2/n1), so 2.0 is linear and the
# goal is at most 2.2. Sizes below 0.2 CPU-s are dominated by the start of the process (loading
# the pack, about 0.02 s): their growth says little. docs/speed.md has the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
go build -o "$out/budgetxl" .
runs=${RUNS:-3}

# cpu CMD...: "user+sys maxRSS_MB" of the run that took the least CPU.
cpu() {
  local best=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S %M" -o "$out/time" "$@" >"$out/stdout" 2>&1 || { cat "$out/stdout"; exit 1; }
    t=$(awk '{printf "%.3f %.0f\n", $1+$2, $3/1024}' "$out/time")
    if [ -z "$best" ] || (( $(echo "${t% *} < ${best% *}" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}

# growth T1 T2 N1 N2: the time's growth per doubling of the size.
growth() { echo "e(l($2 / $1) * l(2) / l($4 / $3))" | bc -l; }

series() { # name, the varied flag, the fixed flags, sizes...
  local name=$1 flag=$2 fixed=$3
  shift 3
  printf '\n%-9s %8s %9s %8s %8s %9s %8s\n' "$name" fill fill-MB growth verify verify-MB growth
  local pn="" pf="" pv=""
  for n in "$@"; do
    dir="$out/$name-$n"
    rm -rf "$dir"
    # shellcheck disable=SC2086
    go run ./bench/gen -o "$dir" $fixed "$flag" "$n" >/dev/null
    read -r f fm < <(cpu "$out/budgetxl" fill "$dir/units/unit-0001" --templates "$dir/templates" -o "$dir/unit.xlsx")
    read -r v vm < <(cpu "$out/budgetxl" verify "$dir/unit.xlsx" --templates "$dir/templates")
    gf="" gv=""
    if [ -n "$pn" ]; then
      gf=$(printf '%.2fx' "$(growth "$pf" "$f" "$pn" "$n")")
      gv=$(printf '%.2fx' "$(growth "$pv" "$v" "$pn" "$n")")
    fi
    printf '%-9s %8s %9s %8s %8s %9s %8s\n' "$n" "$f" "$fm" "$gf" "$v" "$vm" "$gv"
    pn=$n pf=$f pv=$v
    rm -rf "$dir"
  done
}

series projects -projects "-codes 20" 100 200 400 800 1600 3200 6400 10000
series codes -codes "-projects 10" 100 200 400 800 1600 3200 6400 12800 20000
