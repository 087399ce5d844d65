#!/usr/bin/env bash
# Renders align's HTML report of a statement with headless Chromium, at a desktop and a phone
# width, so a person can look at the pictures.
#
#   Scripts/screenshot-html.sh [STATEMENT] [OUTPUT_DIR]
#
# Defaults: the seed with real defects, and .build/screenshots. Needs the Debian package
# chromium (apt-get install -y chromium fonts-noto-cjk) and a built align (swift build).
set -euo pipefail
cd "$(dirname "$0")/.."

statement=${1:-Fixtures/seeds/002_d096c9044781a046.txt}
out=${2:-.build/screenshots}
align=${ALIGN:-.build/debug/align}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z $browser ]]; then
  echo "screenshot-html: no Chromium found (apt-get install -y chromium fonts-noto-cjk)" >&2
  exit 3
fi
mkdir -p "$out"
html="$out/report.html"
"$align" export --format html "$statement" -o "$html"

shoot() { # name width height
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$2,$3" --screenshot="$PWD/$out/$1.png" "file://$PWD/$html" >/dev/null 2>&1
  echo "$out/$1.png"
}
shoot desktop 1280 1600
shoot phone 390 1400

# The units with findings only, with the error's hover message shown as a pointer would show it.
focus="$out/findings.html"
sed 's#</head>#<style>.unit:not(.has-error):not(.has-warning) { display: none; }\
mark.error::after { content: attr(data-message); position: absolute; left: 0; right: 0; margin-top: 1.7em;\
z-index: 2; white-space: pre-line; padding: .4rem .6rem; background: \#222; color: \#fff; font-size: .8rem;\
line-height: 1.4; border-radius: 4px; }</style></head>#' \
  "$html" >"$focus"
html=$focus
shoot findings-desktop 1280 1000
shoot findings-phone 390 1500
