#!/usr/bin/env bash
# bench/jobs.sh [N] [OUT_DIR]: one `budgetxl verify DIR` of N copies (default 300) of the qijiang
# sample's workbook, with --jobs 1 and with --jobs 2, each the least wall time of RUNS runs
# (default 3); prints both, their ratio (issue 11's goal: two jobs at least 1.7 times as fast),
# the CPU time and the peak memory of each. Run it on an otherwise idle machine: two jobs cannot be
# faster than the cores the machine leaves them.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
out=${2:-$(mktemp -d)}
runs=${RUNS:-3}
go build -o "$out/budgetxl" .
"$out/budgetxl" fill samples/qijiang-shebao-2025 -o "$out/one.xlsx" >/dev/null || [ -s "$out/one.xlsx" ] # exit 1: the published set has errors
rm -rf "$out/d" && mkdir -p "$out/d"
for i in $(seq -w 1 "$n"); do cp "$out/one.xlsx" "$out/d/unit-$i.xlsx"; done
best() { # best JOBS: "wall cpu peakMB" of the run with the least wall time
  local b=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$out/budgetxl" verify "$out/d" -j "$1" --quiet >/dev/null || true
    t=$(tail -1 "$out/time" | awk '{printf "%.2f %.2f %.0f\n", $1, $2+$3, $4/1024}')
    if [ -z "$b" ] || (( $(echo "${t%% *} < ${b%% *}" | bc -l) )); then b=$t; fi
  done
  echo "$b"
}
read -r w1 c1 m1 < <(best 1)
read -r w2 c2 m2 < <(best 2)
printf '%d workbooks: --jobs 1 %.2f s wall (%.2f CPU-s, %d MB); --jobs 2 %.2f s wall (%.2f CPU-s, %d MB); two jobs %.2f times as fast\n' \
  "$n" "$w1" "$c1" "$m1" "$w2" "$c2" "$m2" "$(echo "$w1 / $w2" | bc -l)"
