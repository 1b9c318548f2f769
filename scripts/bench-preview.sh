#!/usr/bin/env bash
# A party edited in the real window, timed to the preview's first page on screen: the 3-party,
# 20-page memorandum with a 100-row annex (the one `make bench-render` renders) is imported
# through the CLI, opened in the editor with its preview, and a party is moved and its name
# typed (driven over WebDriver under Xvfb). Figures only: nothing is asserted.
#   BENCH_EDITS=7  how many edits of each kind
#   KELISIM_APP=target/release/kelisim-desktop  time a release build (built with custom-protocol)
set -euo pipefail
cd "$(dirname "$0")/.."
json=target/bench-render/memo-20-annex.json
[ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
[ -f "$json" ] || cargo bench -q -p kelisim-pdf --bench render
if [ -z "${KELISIM_APP:-}" ]; then
  cargo build -q -p kelisim-desktop --features custom-protocol --locked
  export KELISIM_APP="$PWD/target/debug/kelisim-desktop"
fi
cargo build -q -p kelisim-cli --locked
home=$(mktemp -d "${TMPDIR:-/tmp}/kelisim-bench-preview-XXXXXX")
trap 'rm -rf "$home"' EXIT
target/debug/kelisim --data-dir "$home/kz.kelisim.desktop" memo import "$json" >/dev/null
echo "app: $KELISIM_APP (custom-protocol); $(nproc) cores"
BENCH_DATA_HOME="$home" xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" node scripts/bench-preview.mjs
