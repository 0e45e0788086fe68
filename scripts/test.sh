#!/usr/bin/env bash
# Runs every test: formatting, lints, the core's unit, property, table and
# doc tests, the hostile-file corpus through the CLI, the release build with
# its size, and the end-to-end tests in headless Chromium. Sets up whatever
# is missing first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "set-up"
bash scripts/setup.sh --test

step "cargo fmt --check"
cargo fmt --all --check

step "the app's architecture (scripts/arch-check.py: no module cycle, strings only in i18n/, pages within 400 lines)"
python3 scripts/arch-check.py --self-test
python3 scripts/arch-check.py

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
cargo clippy --all-targets --all-features -- -D warnings
cargo clippy -p credit-app --target wasm32-unknown-unknown -- -D warnings

step "core tests (unit, property, table, doc, CLI)"
cargo test -p credit-core --all-features
cargo test -p credit-app

step "hostile files through the command line (issue 23): no panic, no hang, a named refusal, under 512 MB"
# The corpus (XLSX bombs, 200,000 columns, 30 MB lines, binaries, backups
# breaking the rules…) is generated in a temporary directory, never checked in.
cargo build -q -p credit-core --all-features --bin credit
python3 tests/hostile/run_corpus.py target/debug/credit

step "the same demo and figures natively and in wasm (wasm32-wasip1 under Node)"
cargo build -q --release -p credit-core --example demo_fingerprint
cargo build -q --release -p credit-core --example demo_fingerprint --target wasm32-wasip1
native=$(./target/release/examples/demo_fingerprint)
# Judged by its output: Node 20 has crashed while tearing down a WASI
# instance after the program had finished and printed everything.
wasm=$(node --no-warnings tests/bench/wasi-run.mjs target/wasm32-wasip1/release/examples/demo_fingerprint.wasm) || true
echo "$native"
if [ "$native" != "$wasm" ]; then
  echo "wasm differs from native:"; echo "$wasm"; exit 1
fi
echo "wasm: identical"

step "release build (scripts/build.sh: the self-check entry, then the app) and its size"
scripts/build.sh
node tests/sizes.mjs dist

step "end-to-end tests in headless Chromium"
# A failure prints what the page showed (Playwright's error context: the
# page's accessibility snapshot), so a run on a clean machine that fails
# once says where, even when its test-results/ are gone.
if ! (cd tests && npx playwright test); then
  for f in tests/test-results/*/error-context.md; do
    [ -f "$f" ] && { printf '\n--- %s\n' "$f"; head -c 20000 "$f"; }
  done
  exit 1
fi
