#!/usr/bin/env bash
# Makes the README's pictures (docs/img) from the PDFs budgetxl publishes: the qijiang sample's
# workbook (fill --pdf), its blank form (budgetxl pdf) and the first page of the demo unit's 情况说明
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
echo "wrote $out/qijiang-1.png $out/qijiang-2.png $out/form-1.png $out/form-2.png $out/explain-1.png"
