#!/usr/bin/env bash
# Builds the real app with the UI inside it (custom-protocol) and drives its window over
# WebDriver under Xvfb. Screenshots land in tests/e2e/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
cargo build -p kelisim-desktop --features custom-protocol --locked
cargo build -p kelisim-cli --locked
export KELISIM_APP="$PWD/target/debug/kelisim-desktop"
exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" node --test tests/e2e/
