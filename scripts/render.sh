#!/usr/bin/env bash
# Renders pages of a workbook as PNG pictures through LibreOffice, as the README shows them.
# usage: scripts/render.sh WORKBOOK.xlsx OUT_PREFIX FIRST_PAGE LAST_PAGE
# needs: libreoffice-calc-nogui, poppler-utils, fonts-noto-cjk (Debian)
set -euo pipefail
in=$1 prefix=$2 first=${3:-1} last=${4:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
soffice --headless --convert-to pdf --outdir "$tmp" "$in" >/dev/null
pdftoppm -png -r 80 -f "$first" -l "$last" "$tmp/$(basename "${in%.*}").pdf" "$prefix"
