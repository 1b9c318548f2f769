#!/usr/bin/env bash
# Installs whatever is missing for building, running and testing Kelisim on Debian/Ubuntu:
# system packages (apt, with sudo when not root), the UI's npm packages from the lockfile, and a
# Python virtual environment for test tools (when tests/requirements.txt lists any).
# Safe to run again: it only does what is not done yet.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# Tauri 2 on Linux (WebKitGTK 4.1), the end-to-end tools (Xvfb, WebKitWebDriver), and the PDF
# tools the rendering tests use as independent readers (pdftotext, qpdf).
APT_PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential libssl-dev libayatana-appindicator3-dev librsvg2-dev
  libxdo-dev pkg-config file xvfb xauth webkit2gtk-driver python3-venv poppler-utils qpdf
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo; install as root: ${missing[*]}"
    SUDO=(sudo)
  fi
  say "installing system packages: ${missing[*]}"
  "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=900 update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 \
    install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null ||
  die "Rust is missing: install it from https://rustup.rs (stable, 1.90 or newer), then run this again"
command -v node >/dev/null && command -v npm >/dev/null ||
  die "Node.js is missing: install Node.js 20.19+ (or 22.12+) with npm, then run this again"
node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  die "Node.js $(node --version) is too old: Vite 8 needs 20.19+ or 22.12+"

# npm packages, exactly as locked. Re-install only when the lockfile changed.
stamp=ui/node_modules/.kelisim-lock
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  say "installing the UI's npm packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json "$stamp"
fi

# Python test tools, pinned in tests/requirements.txt, in .venv.
if [ -f tests/requirements.txt ]; then
  vstamp=.venv/.kelisim-requirements
  if [ ! -f "$vstamp" ] || ! cmp -s tests/requirements.txt "$vstamp"; then
    say "creating the Python virtual environment for test tools (.venv)"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r tests/requirements.txt
    cp tests/requirements.txt "$vstamp"
  fi
fi
