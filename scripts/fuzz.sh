#!/usr/bin/env bash
# Fuzzes the decoders of untrusted input with cargo-fuzz (libFuzzer):
#   import  any bytes → read_file (CSV or XLSX) → guess_mapping → preview → merge
#   backup  any text  → backup::from_json
#   store   any bytes → store::decode_head and store::decode_chunk
# one after the other, one job each (the machine may be shared).
#
#   scripts/fuzz.sh [IMPORT_SECS [BACKUP_SECS [STORE_SECS]]]   (default 600 300 180; 0 skips)
#
# Runs on the stable toolchain: cargo-fuzz's unstable compiler flags are
# allowed with RUSTC_BOOTSTRAP=1, and without a sanitizer (AddressSanitizer
# needs a nightly compiler; the crate has no unsafe code, and a panic, a
# hang or an allocation beyond the RSS limit is found without one). With
# FUZZ_TOOLCHAIN=nightly, or when the stable build fails and a nightly
# toolchain is installed, it uses `cargo +nightly` with AddressSanitizer.
# Nothing is downloaded but cargo-fuzz itself (from crates.io) and the fuzz
# crate's dependencies.
#
# Inputs are up to 1 MB (-max_len=1048576), tried at any length from the
# start (-len_control=0: libFuzzer's default grows the length slowly, and
# ten minutes of it kept every input under 310 bytes). An input that takes
# 10 s is a hang, one that needs over 2 GB an OOM; each is a finding, saved
# in core/fuzz/artifacts/<target>. At the end it prints, per target, the
# executions, executions per second, the corpus size and the findings.
#
# Seeds are in core/fuzz/seeds/<target>; the corpus libFuzzer grows goes to
# core/fuzz/corpus/<target> and findings to core/fuzz/artifacts/<target>
# (both git-ignored). Replay a finding:
#   cd core && RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none <target> fuzz/artifacts/<target>/<file>
# Not part of scripts/test.sh: it takes 18 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

secs=("${1:-600}" "${2:-300}" "${3:-180}")
targets=(import backup store)

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

# One compile job: the machine may be shared.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"

nightly_installed() { rustup toolchain list 2>/dev/null | grep -q '^nightly'; }

# How to call cargo fuzz: stable (RUSTC_BOOTSTRAP=1, no sanitizer) or
# nightly with AddressSanitizer.
use_nightly() {
    fuzz=(cargo +nightly fuzz)
    sanitizer=(--sanitizer address)
    mode="nightly, AddressSanitizer"
}
use_stable() {
    fuzz=(env RUSTC_BOOTSTRAP=1 cargo fuzz)
    sanitizer=(--sanitizer none)
    mode="stable $(rustc --version | cut -d' ' -f2) with RUSTC_BOOTSTRAP=1, no sanitizer"
}

cd core
if [ "${FUZZ_TOOLCHAIN:-stable}" = nightly ] && nightly_installed; then
    use_nightly
else
    use_stable
    if ! "${fuzz[@]}" build "${sanitizer[@]}"; then
        if nightly_installed; then
            echo "the stable build failed; trying nightly" >&2
            use_nightly
        else
            exit 1
        fi
    fi
fi
printf '\033[1m==> cargo fuzz: %s\033[0m\n' "$mode"

summary=()
for i in 0 1 2; do
    t=${targets[$i]}
    [ "${secs[$i]}" -gt 0 ] || continue  # 0 seconds: skipped
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t.log"  # the whole output
    : >"$log"
    printf '\n\033[1m==> fuzz %s for %ss\033[0m\n' "$t" "${secs[$i]}"
    # libFuzzer stops at a finding (saved in fuzz/artifacts/<target>):
    # it is started again on the grown corpus until the time is used (at
    # most 20 findings). -rss_limit_mb catches huge allocations (an OOM),
    # -timeout a hang. (-fork=1 would keep going by itself, but re-reads the
    # corpus for every job: with inputs up to 1 MB it ran 40 times slower.)
    deadline=$((SECONDS + secs[i]))
    runs=0 crashes=0 timeouts=0 ooms=0
    while left=$((deadline - SECONDS)); [ "$left" -gt 2 ] && [ $((crashes + timeouts + ooms)) -lt 20 ]; do
        runs=$((runs + 1))
        set +e
        "${fuzz[@]}" run "${sanitizer[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
            -max_total_time="$left" -max_len=1048576 -len_control=0 -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 2>&1 |
            tee -a "$log" | grep -E '^#[0-9]+.*(pulse|DONE)|^==[0-9]+== ERROR|^SUMMARY|^stat::(number_of|average|peak)|^Test unit written'
        set -e
        # What ended this run (nothing: the time was used).
        end=$(grep -E 'ERROR: libFuzzer: (deadly signal|timeout|out-of-memory|fuzz target exited)|panicked at|^Done [0-9]+ runs' "$log" | tail -1 || true)
        case "$end" in
            *timeout*) timeouts=$((timeouts + 1)) ;;
            *out-of-memory*) ooms=$((ooms + 1)) ;;
            *deadly*|*panicked*|*exited*) crashes=$((crashes + 1)) ;;
            *) break ;;
        esac
    done
    execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | awk '{n += $NF} END {print n + 0}')
    rate=$(( ${execs:-0} / secs[i] ))
    corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
    kb=$(du -sk --apparent-size "fuzz/corpus/$t" | cut -f1)
    largest=$(find "fuzz/corpus/$t" -type f -printf '%s\n' | sort -n | tail -1)
    summary+=("$(printf '%-7s %5ss %11s execs %7s exec/s  corpus %6s files %8s KB (largest %8s bytes)  findings: %s crash, %s timeout, %s oom  (%s run(s))' \
        "$t" "${secs[$i]}" "${execs:-0}" "$rate" "$corpus" "$kb" "${largest:-0}" "$crashes" "$timeouts" "$ooms" "$runs")")
done

printf '\n\033[1m==> fuzz summary (%s)\033[0m\n' "$mode"
printf '%s\n' "${summary[@]}"
found=$(find fuzz/artifacts -mindepth 2 -type f | wc -l)
if [ "$found" -gt 0 ]; then
    echo "findings (all runs) in core/fuzz/artifacts:"
    find fuzz/artifacts -mindepth 2 -type f | sort
    exit 1
fi
echo "no findings"
