#!/usr/bin/env bash
# bench/district.sh [N] [OUT_DIR]: N synthetic units (default 1,000; 10 projects and 20 codes each)
# filled and verified, one process each, two at a time (the machine's two cores); prints the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
out=${2:-$(mktemp -d)}
go build -o "$out/budgetxl" .
go run ./bench/gen -o "$out/d" -units "$n" -projects 10 -codes 20 >/dev/null
start=$(date +%s.%N)
ls -d "$out"/d/units/* | xargs -P 2 -I{} sh -c \
  '"$0" fill "$1" --templates "$2" -o "$1.xlsx" >/dev/null && "$0" verify "$1.xlsx" --templates "$2" >/dev/null' \
  "$out/budgetxl" {} "$out/d/templates"
end=$(date +%s.%N)
printf '%d units filled and verified in %.1f s of wall time\n' "$n" "$(echo "$end - $start" | bc -l)"
