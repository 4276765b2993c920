#!/usr/bin/env bash
# The browser tests (Tests/Browser): a fresh demo workspace, yizhan-server on it, and Selenium with
# headless Chromium at 360×740 and 1280×800. Needs Debian's chromium and chromium-driver, a CJK
# font (fonts-noto-cjk), and selenium, pytest, openpyxl, pillow and zxing-cpp from PyPI (.ci/run
# installs them). Screenshots go to $YIZHAN_SHOTS (default .build/browser-screenshots).
#   scripts/browser-tests.sh [pytest arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."
for product in yizhan yizhan-server yizhan-report; do swift build --product "$product" > /dev/null 2>&1; done
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
server=
finish() {
    if [ -n "$server" ]; then kill -TERM "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; fi
    rm -rf "$work"
}
trap finish EXIT
"$bin/yizhan" demo "$work/yizhan-demo" > /dev/null 2> "$work/demo.log"
password() { awk -v login="$1" '$1 == login { print $3 }' "$work/demo.log"; }
YIZHAN_WORKER_PASSWORD=$(password baibu.worker)
YIZHAN_ADMIN_PASSWORD=$(password county.admin)
YIZHAN_WORKER_TOKEN=$("$bin/yizhan" token create --name browser-tests --grant socialWorker@baibu --days 1 \
    --workspace "$work/yizhan-demo" 2> /dev/null | tail -n 1)
port=${YIZHAN_BROWSER_PORT:-18090}
"$bin/yizhan-server" --workspace "$work/yizhan-demo" --port "$port" > "$work/server.log" 2>&1 &
server=$!
up=no
for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1; then up=yes; break; fi
    sleep 0.2
done
if [ "$up" = no ]; then
    echo "yizhan-server did not answer on port $port:" >&2
    tail -n 20 "$work/server.log" >&2
    exit 1
fi
export YIZHAN_URL="http://127.0.0.1:$port" YIZHAN_WORKER_PASSWORD YIZHAN_ADMIN_PASSWORD YIZHAN_WORKER_TOKEN
export YIZHAN_BIN="$bin" YIZHAN_WORKSPACE="$work/yizhan-demo"
export YIZHAN_SHOTS=${YIZHAN_SHOTS:-$PWD/.build/browser-screenshots}
if ! (cd Tests/Browser && python3 -m pytest -p no:cacheprovider -q "$@"); then
    echo "browser tests failed; the server's log:" >&2
    tail -n 40 "$work/server.log" >&2
    exit 1
fi
echo "screenshots: $YIZHAN_SHOTS"
