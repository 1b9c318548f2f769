#!/usr/bin/env bash
# Builds and opens the Kelisim desktop app. Data lives in the OS's data folder
# (~/.local/share/kz.kelisim.desktop on Linux) unless KELISIM_DATA_DIR says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run --silent build)
exec cargo run -p kelisim-desktop --features custom-protocol --locked
