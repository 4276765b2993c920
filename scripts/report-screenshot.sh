#!/usr/bin/env bash
# Renders the demo's county summary, a station report, the compliance and the evaluation report as HTML, then has headless Chromium
# draw them: a PNG screenshot of each page as a browser shows it, and an A4 PDF as it prints.
#
#   scripts/report-screenshot.sh [OUTPUT_FOLDER]        (default: .build/report-screenshots)
#
# Needs Debian's chromium and fonts-noto-cjk (apt-get install -y chromium fonts-noto-cjk) and
# poppler-utils for the page count (optional). Prints where the files are and how many A4 pages
# each PDF has; exits non-zero when Chromium draws nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/report-screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "需要 chromium:apt-get install -y chromium fonts-noto-cjk / chromium is needed" >&2
    exit 2
fi
if ! fc-list :lang=zh | grep -q .; then
    echo "没有中文字体,中文会显示为方框:apt-get install -y fonts-noto-cjk / no Chinese font installed" >&2
    exit 2
fi

for product in yizhan yizhan-report; do
    swift build --product "$product" >/dev/null 2>&1 || { echo "swift build --product $product failed" >&2; exit 1; }
done
bin="$(swift build --show-bin-path)"
workspace="$out/demo"
"$bin/yizhan" demo "$workspace" >/dev/null

cd "$workspace"
"$bin/yizhan-report" county --period 2021 --format html --output "$out/county-2021.html" >/dev/null
"$bin/yizhan-report" station baibu --period 2021 --format html --output "$out/station-baibu-2021.html" >/dev/null
"$bin/yizhan-report" compliance --standard wenzhou-2021 --format html --output "$out/compliance-wenzhou-2021.html" >/dev/null
"$bin/yizhan-report" evaluation --period 2021 --format html --output "$out/evaluation-2021.html" >/dev/null

for name in county-2021 station-baibu-2021 compliance-wenzhou-2021 evaluation-2021; do
    html="$out/$name.html"
    # --virtual-time-budget lets layout settle; --no-sandbox because CI runs as root.
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=2000 \
        --window-size=900,4000 --screenshot="$out/$name.png" "file://$html" 2>/dev/null
    "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --print-to-pdf="$out/$name.pdf" "file://$html" 2>/dev/null
    size=$(stat -c %s "$out/$name.png")
    if [ "$size" -lt 20000 ]; then
        echo "$name.png is only $size bytes: Chromium drew nothing" >&2
        exit 1
    fi
    pages=""
    if command -v pdfinfo >/dev/null; then
        pages=", $(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}') A4 pages ($(pdfinfo "$out/$name.pdf" | awk -F': *' '/^Page size:/ {print $2}'))"
    fi
    echo "$out/$name.png ($size bytes), $out/$name.pdf$pages"
done
