#!/usr/bin/env bash
# Builds and opens the Kelisim desktop app. Data lives in the OS's data folder
# (~/.local/share/kz.kelisim.desktop on Linux) unless KELISIM_DATA_DIR says otherwise.
#
#   scripts/run.sh         the UI built into ui/dist and served from the binary (custom-protocol),
#                          as the package and the end-to-end tests run it
#   scripts/run.sh --dev   the UI from the Vite dev server on 127.0.0.1:1420 (tauri.conf.json's
#                          devUrl), which reloads the page when a file in ui/ is saved; the binary
#                          is built without custom-protocol. The Tauri CSP applies only to pages
#                          served by the binary, so check changes with the plain run as well.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if [ "${1:-}" != "--dev" ]; then
  (cd ui && npm run --silent build)
  exec cargo run -p kelisim-desktop --features custom-protocol --locked
fi

(cd ui && exec node_modules/.bin/vite) &
vite=$!
trap 'kill "$vite" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  if (exec 3<>/dev/tcp/127.0.0.1/1420) 2>/dev/null; then break; fi
  kill -0 "$vite" 2>/dev/null || { echo "run.sh: the Vite dev server did not start" >&2; exit 1; }
  sleep 0.2
done
cargo run -p kelisim-desktop --locked
