#!/usr/bin/env bash
# Builds the Debian package offline: target/release/bundle/deb/Kelisim_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run --silent build)
TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=ui ui/node_modules/.bin/tauri build --bundles deb
ls -l target/release/bundle/deb/*.deb
