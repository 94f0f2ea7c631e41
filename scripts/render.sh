#!/usr/bin/env bash
# Makes the README's pictures (docs/img) from the PDFs budgetxl publishes: the qijiang sample's
# workbook (fill --pdf), its blank form, a reviewer's summary (budgetxl pdf) and the first page of the demo unit's 情况说明
# (explain against its prior year, then fill --pdf prints it before the tables), printed by LibreOffice as the render
# test prints them, pages turned into PNG by poppler (trimmed of their white margins where ImageMagick is installed).
# usage: scripts/render.sh [OUT_DIR]   (default: docs/img)
# needs: Go, libreoffice-calc-nogui, poppler-utils, fonts-noto-cjk (Debian); imagemagick to trim
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/img}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/budgetxl" .
# bx runs budgetxl; exit status 1 (the qijiang sample's published figures have errors) is fine here.
bx() { "$tmp/budgetxl" --config /dev/null "$@" >/dev/null || [ $? -eq 1 ]; }
bx fill samples/qijiang-shebao-2025 --templates templates -o "$tmp/qijiang.xlsx" --pdf
bx form samples/qijiang-shebao-2025 --templates templates -o "$tmp/form.xlsx"
bx pdf "$tmp/form.xlsx"
bx explain samples/demo-2025 --prior samples/demo-2024 --templates templates -o "$tmp/demo-情况说明.docx"
bx fill samples/demo-2025 --templates templates -o "$tmp/demo.xlsx" --pdf
# A reviewer's inbox: the demo, a copy of it (the same unit code), qijiang, a text file named .xlsx.
mkdir -p "$tmp/收件/部门A" "$tmp/收件/部门B"
bx fill samples/demo-2025 --templates templates -o "$tmp/收件/部门A/文化馆.xlsx"
cp "$tmp/收件/部门A/文化馆.xlsx" "$tmp/收件/部门B/文化馆副本.xlsx"
cp "$tmp/qijiang.xlsx" "$tmp/收件/部门B/社保中心.xlsx"
echo "代码,名称" > "$tmp/收件/部门B/坏文件.xlsx"
(cd "$tmp" && ./budgetxl --config /dev/null verify 收件 --templates "$OLDPWD/templates" --summary 审核汇总.xlsx --annotate-dir 标注 >/dev/null 2>&1 || [ $? -eq 2 ])
bx pdf "$tmp/审核汇总.xlsx"

# first PDF SHEET: the page a sheet starts on, from the PDF's bookmarks (one per sheet).
first() { pdftohtml -xml -i -stdout "$1" | sed -n "s|.*<item page=\"\([0-9]*\)\">$2</item>.*|\1|p" | head -1; }

# picture PDF PAGE NAME: page PAGE of PDF as OUT/NAME.png.
picture() {
  pdftoppm -png -r 80 -f "$2" -l "$2" -singlefile "$1" "$out/$3"
  if convert -version 2>/dev/null | grep -q ImageMagick; then
    convert "$out/$3.png" -trim +repage -bordercolor white -border 12 "$out/$3.png"
  fi
}

picture "$tmp/qijiang.pdf" "$(first "$tmp/qijiang.pdf" 附件4-1)" qijiang-1
picture "$tmp/qijiang.pdf" "$(first "$tmp/qijiang.pdf" 附件4-2)" qijiang-2
picture "$tmp/form.pdf" "$(first "$tmp/form.pdf" 附件4-1)" form-1
picture "$tmp/form.pdf" "$(first "$tmp/form.pdf" 项目支出绩效目标表)" form-2
picture "$tmp/demo.pdf" 1 explain-1
picture "$tmp/审核汇总.pdf" 1 summary-1
picture "$tmp/审核汇总.pdf" "$(first "$tmp/审核汇总.pdf" 全部问题)" summary-2
echo "wrote $out/qijiang-1.png $out/qijiang-2.png $out/form-1.png $out/form-2.png $out/explain-1.png $out/summary-1.png $out/summary-2.png"
