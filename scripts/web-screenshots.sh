#!/usr/bin/env bash
# Draws the main pages at 360×740 and 1280×800 (the browser tests' screenshots, on a fresh demo
# workspace) and writes the two the README shows to docs/images/, each under 300 KB:
# a station's home on a phone and the county dashboard on a desktop.
#   scripts/web-screenshots.sh        # needs what scripts/browser-tests.sh needs
set -euo pipefail
cd "$(dirname "$0")/.."
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
YIZHAN_SHOTS="$shots" scripts/browser-tests.sh
mkdir -p docs/images
python3 - "$shots" <<'PY'
import pathlib, sys
from PIL import Image
shots = pathlib.Path(sys.argv[1])
for name, crop in [("station-home-phone", 1500), ("county-dashboard-desktop", 1700)]:
    image = Image.open(shots / f"{name}.png").convert("RGB")
    image = image.crop((0, 0, image.width, min(image.height, crop)))
    out = pathlib.Path("docs/images") / f"{name}.png"
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
    size = out.stat().st_size
    assert size < 300_000, f"{out} is {size} bytes"
    print(f"{out}: {image.width}×{image.height}, {size // 1024} KB")
PY
echo "all screenshots: the browser tests keep them in .build/browser-screenshots when run on their own"
