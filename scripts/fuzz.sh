#!/usr/bin/env bash
# Fuzzes the decoders of untrusted input with cargo-fuzz (libFuzzer, nightly):
#   import  any bytes → read_file (CSV or XLSX) → guess_mapping → preview → merge
#   backup  any text  → backup::from_json
#   store   any bytes → store::decode_head and store::decode_chunk
# one after the other, one job each (the machine may be shared).
#
#   scripts/fuzz.sh [IMPORT_SECS [BACKUP_SECS [STORE_SECS]]]   (default 600 300 180)
#
# Seeds are in core/fuzz/seeds/<target>; the corpus libFuzzer grows goes to
# core/fuzz/corpus/<target> and crashes to core/fuzz/artifacts/<target>
# (both git-ignored). Replay a crash: cd core && cargo +nightly fuzz run
# <target> fuzz/artifacts/<target>/<file>.
# Not part of scripts/test.sh: it takes minutes and needs nightly.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

secs=("${1:-600}" "${2:-300}" "${3:-180}")
targets=(import backup store)

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi

cd core
for i in 0 1 2; do
    t=${targets[$i]}
    mkdir -p "fuzz/corpus/$t"
    printf '\n\033[1m==> fuzz %s for %ss\033[0m\n' "$t" "${secs[$i]}"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb (and
    # libFuzzer's malloc limit, which follows it) catches huge allocations.
    cargo +nightly fuzz run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
        -max_total_time="${secs[$i]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
