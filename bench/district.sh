#!/usr/bin/env bash
# bench/district.sh [N] [OUT_DIR]: N synthetic units (default 1,000; 10 projects and 20 codes each)
# filled and verified, one process each, two at a time (the machine's two cores); prints the wall
# time, the CPU time of all the processes (user+sys), and the wall time that CPU time takes on two
# cores left to this work alone (CPU / 2): on a shared machine the wall time also holds the others'
# work, the CPU time does not.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
out=${2:-$(mktemp -d)}
go build -o "$out/budgetxl" .
go run ./bench/gen -o "$out/d" -units "$n" -projects 10 -codes 20 >/dev/null
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$out/time" sh -c 'ls -d "$1"/d/units/* | xargs -P 2 -I{} sh -c \
  '"'"'"$0" fill "$1" --templates "$2" -o "$1.xlsx" >/dev/null && "$0" verify "$1.xlsx" --templates "$2" >/dev/null'"'"' \
  "$1/budgetxl" {} "$1/d/templates"' sh "$out"
end=$(date +%s.%N)
read -r user sys < "$out/time"
cpu=$(echo "$user + $sys" | bc -l)
printf '%d units filled and verified in %.1f s of wall time; %.1f CPU-s in all (%.3f a unit), %.1f s on two idle cores\n' \
  "$n" "$(echo "$end - $start" | bc -l)" "$cpu" "$(echo "$cpu / $n" | bc -l)" "$(echo "$cpu / 2" | bc -l)"
