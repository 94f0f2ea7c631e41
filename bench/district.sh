#!/usr/bin/env bash
# bench/district.sh [N] [OUT_DIR]: N synthetic units (default 1,000; 10 projects and 20 codes each)
# filled and verified two ways, on the machine's two cores:
#   batch:     one `fill UNITS_DIR --jobs 2` (a district's way: it verifies each workbook it writes),
#              then one `verify OUT_DIR --jobs 2` of all the workbooks written;
#   processes: one fill and one verify process per unit, two at a time.
# For each it prints the wall time, the CPU time of all the processes (user+sys), and the wall time
# that CPU time takes on two cores left to this work alone (CPU / 2): on a shared machine the wall
# time also holds the others' work, the CPU time does not.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
out=${2:-$(mktemp -d)}
go build -o "$out/budgetxl" .
rm -rf "$out/d" "$out/batch"
go run ./bench/gen -o "$out/d" -units "$n" -projects 10 -codes 20 >/dev/null

# report WHAT START: the figures of the run timed into $out/time since START.
report() {
  local end user sys cpu
  end=$(date +%s.%N)
  read -r user sys < "$out/time"
  cpu=$(echo "$user + $sys" | bc -l)
  printf '%-10s %d units filled and verified in %.1f s of wall time; %.1f CPU-s in all (%.3f a unit), %.1f s on two idle cores\n' \
    "$1" "$n" "$(echo "$end - $2" | bc -l)" "$cpu" "$(echo "$cpu / $n" | bc -l)" "$(echo "$cpu / 2" | bc -l)"
}

start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$out/time" sh -c '"$1" fill "$2/d/units" --templates "$2/d/templates" -o "$2/batch" --jobs 2 -q >/dev/null &&
  "$1" verify "$2/batch" --templates "$2/d/templates" --jobs 2 -q >/dev/null' sh "$out/budgetxl" "$out"
report batch "$start"

start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$out/time" sh -c 'ls -d "$1"/d/units/* | xargs -P 2 -I{} sh -c \
  '"'"'"$0" fill "$1" --templates "$2" -o "$1.xlsx" >/dev/null && "$0" verify "$1.xlsx" --templates "$2" >/dev/null'"'"' \
  "$1/budgetxl" {} "$1/d/templates"' sh "$out"
report processes "$start"
