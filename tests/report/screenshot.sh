#!/bin/sh
# The README's picture of the report: the example season's report printed by headless Chromium,
# its first page as PNG.  usage: sh tests/report/screenshot.sh OCOP OUT.png
set -eu
ocop=$1
out=$2
command -v chromium >/dev/null || { echo "screenshot: chromium is not installed (make deps)" >&2; exit 1; }
command -v pdftoppm >/dev/null || { echo "screenshot: pdftoppm is not installed (poppler-utils)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocop-shot.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
top=$(cd "$(dirname "$0")/../.." && pwd)
"$ocop" report -o "$tmp/report.html" "$top/data/examples/chau-phu-2024.csv" || [ $? = 1 ]
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
	--user-data-dir="$tmp/profile" \
	--no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html" 2>/dev/null
pdftoppm -png -r 90 -f 1 -l 1 -singlefile "$tmp/report.pdf" "$tmp/page"
cp "$tmp/page.png" "$out"
echo "screenshot: $out"
