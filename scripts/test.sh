#!/usr/bin/env bash
# Every check and test of Kelisim, from nothing: setup, formatting, lints, the UI's type check and
# unit tests, every Rust test, and the end-to-end test of the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$SECONDS
stage_start=$SECONDS
stage() { printf '\n\033[1m==> [%4ss] %s\033[0m\n' "$((SECONDS - start))" "$*"; stage_start=$SECONDS; }
done_stage() { printf '    (%s: %ss)\n' "$1" "$((SECONDS - stage_start))"; }

FEATURES=(--features kelisim-desktop/custom-protocol)

stage "setup"
bash scripts/setup.sh
done_stage setup

stage "UI: type check, one-door check, unit tests, build"
(cd ui && npm run --silent check && npm test --silent && npm run --silent build)
done_stage ui

stage "Rust: formatting"
cargo fmt --all --check
done_stage fmt

stage "Rust: clippy"
cargo clippy --workspace --all-targets "${FEATURES[@]}" --locked -- -D warnings
done_stage clippy

stage "Rust: tests"
cargo test --workspace "${FEATURES[@]}" --locked
done_stage rust-tests

stage "end-to-end: the real window over WebDriver"
e2e_start=$SECONDS
bash scripts/e2e.sh
done_stage e2e

printf '\nall checks passed in %ss (end-to-end part %ss)\n' "$((SECONDS - start))" "$((SECONDS - e2e_start))"
