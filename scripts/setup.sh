#!/usr/bin/env bash
# Installs everything the build and the tests need, offline from GitHub:
# only crates.io, npm and Debian are reached. Idempotent: each step checks
# first and takes a second when things are already there.
#   scripts/setup.sh          build tools (wasm target, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh --test   also Chromium and the end-to-end test packages
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# trunk 0.22 needs a newer Rust than this machine's; 0.21 builds (about 16 min the first time).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  step "installing trunk 0.21 (first time only, about 16 minutes on 2 cores)"
  cargo install --locked trunk --version '^0.21'
fi

# wasm-bindgen-cli must be exactly the version in Cargo.lock. No --locked:
# its lock file names a crate version crates.io does not have.
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wbg" ]; then
  echo "Cargo.lock names no wasm-bindgen version; run cargo generate-lockfile" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg"; then
  step "installing wasm-bindgen-cli $wbg (first time only, about 4 minutes)"
  cargo install wasm-bindgen-cli --version "=$wbg" --force
fi

# Debian's binaryen (wasm-opt 108) silently breaks wasm-bindgen's output;
# npm's binaryen@132 works.
if ! "$CREDIT_TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q 'version 132'; then
  step "installing wasm-opt (npm binaryen@132)"
  mkdir -p "$CREDIT_TOOLS"
  npm install --prefix "$CREDIT_TOOLS" --no-audit --no-fund --loglevel=error binaryen@132
fi

if [ "${1:-}" = "--test" ]; then
  # The core's native-vs-wasm checks run it as a WASI program under Node.
  if ! rustup target list --installed | grep -qx wasm32-wasip1; then
    step "adding the wasm32-wasip1 target"
    rustup target add wasm32-wasip1
  fi
  if [ ! -x /usr/bin/chromium ]; then
    step "installing Debian's Chromium for the end-to-end tests"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # A Chinese font, so the zh pages are drawn (and their reviewed
  # screenshots, tests/e2e/screens.spec.js-snapshots/, show) real glyphs.
  if [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    step "installing Debian's WenQuanYi Micro Hei font for the Chinese pages"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-wqy-microhei >/dev/null
  fi
  # The hostile-file corpus (tests/hostile/) is generated and run by Python 3
  # (its standard library only).
  if ! command -v python3 >/dev/null 2>&1; then
    step "installing Debian's Python 3 for the hostile-file corpus"
    if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 >/dev/null
  fi
  # Playwright and axe-core (the accessibility check) from npm, pinned in
  # tests/package-lock.json; never `playwright install`: it drives Debian's Chromium.
  if [ ! -d tests/node_modules/@playwright/test ] || [ tests/package-lock.json -nt tests/node_modules/.package-lock.json ]; then
    step "installing the end-to-end test packages"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
