#!/usr/bin/env bash
# Regenerates ui/src/lib/ipc/bindings.ts from the Rust commands and DTOs.
set -euo pipefail
cd "$(dirname "$0")/.."
UPDATE_BINDINGS=1 cargo test -p kelisim-desktop --features custom-protocol typescript_bindings_are_current
