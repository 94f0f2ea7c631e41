#!/usr/bin/env bash
# bench/compare.sh: budgetxl verify against LibreOffice's headless recalculation and against an
# excelize CalcCellValue loop (bench/calcloop), on the same synthetic workbooks, in the same run.
# Prints CPU seconds (user+sys of the whole process, the least of RUNS runs, default 3; for verify
# the mean of REPEAT runs, default 10, in each: see bench/measure.sh) and the ratios, and whether the values
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

# Each figure is the least of RUNS measurements (default 3); verify's measurement is REPEAT runs
# (default 10), the others one (see bench/measure.sh).
. bench/measure.sh
runs=${RUNS:-3}
repeat=${REPEAT:-10} # runs of verify in each of its measurements

printf '%-26s %10s %8s %8s %10s %10s %8s %8s %8s  %s\n' workload formulas fill fill-MB verify libreoffice ratio calcloop ratio "values agree"
for spec in "1000 20 1000-projects" "10 7000 7000-codes" "10 20 small"; do
  set -- $spec
  dir="$out/$3"
  rm -rf "$dir"
  go run ./bench/gen -o "$dir" -projects "$1" -codes "$2" >/dev/null
  read -r fill fillmb < <(least "$runs" 1 "$out/budgetxl" fill "$dir/units/unit-0001" --templates "$dir/templates" -o "$dir/unit.xlsx")
  formulas=$(grep -o '[0-9]* formulas\|[0-9]* 个公式' "$out/stdout" | grep -o '^[0-9]*')
  read -r verify _ < <(least "$runs" "$repeat" "$out/budgetxl" --lang en verify "$dir/unit.xlsx" --templates "$dir/templates")
  clean=$(grep -c '0 errors, 0 warnings, 0 notes' "$out/stdout" || true)
  mkdir -p "$dir/lo"
  read -r lo _ < <(least "$runs" 1 soffice -env:UserInstallation="file://$profile" --headless --convert-to xlsx --outdir "$dir/lo" "$dir/unit.xlsx")
  lodiff=$("$out/calcloop" -same "$dir/unit.xlsx" "$dir/lo/unit.xlsx")
  read -r calc _ < <(least "$runs" 1 "$out/calcloop" "$dir/unit.xlsx")
  calcdiff=$(cat "$out/stdout")
  # A verify below what the measurement counts is taken as that much, and its ratios are marked
  # as the least they can be (>=).
  at=""
  floor=$(echo "0.01 / $repeat" | bc -l)
  if (( $(echo "$verify < $floor" | bc -l) )); then verify=$floor at=">="; fi
  printf '%-26s %10s %8s %8s %10s %10s %s%.1fx %8s %s%.1fx  verify clean=%s; LibreOffice: %s; excelize: %s\n' \
    "$3" "$formulas" "$fill" "$fillmb" "$verify" "$lo" "$at" "$(echo "$lo / $verify" | bc -l)" "$calc" "$at" "$(echo "$calc / $verify" | bc -l)" \
    "$clean" "$lodiff" "$calcdiff"
done
