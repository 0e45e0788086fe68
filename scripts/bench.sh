#!/usr/bin/env bash
# Benchmarks, figures printed: criterion over 1,000,000 invoices (native);
# the same code as a program native and in wasm under Node's WASI (the
# wasm/native ratio); the release build's size; the browser benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh --test

echo "==> criterion (native)"
cargo bench -p credit-core --bench ageing 2>&1 | grep -E "Benchmarking .*: Analyzing|time:" | sed 's/Benchmarking //; s/: Analyzing//'

echo "==> native vs wasm (same program, release profile)"
cargo build -q --release -p credit-core --example wasm_bench
cargo build -q --release -p credit-core --example wasm_bench --target wasm32-wasip1
native=$(./target/release/examples/wasm_bench)
# Judged by its output (Node 20 has crashed tearing down a large WASI
# instance after the program printed its figures).
wasm=$(node --no-warnings tests/bench/wasi-run.mjs target/wasm32-wasip1/release/examples/wasm_bench.wasm) || true
case "$wasm" in *ageing_plus_kpis_ms=*) ;; *) echo "the wasm benchmark printed no figures" >&2; exit 1 ;; esac
echo "native: $native"
echo "wasm:   $wasm"
node -e '
const p = (s) => Object.fromEntries(s.trim().split(/\s+/).map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
const [n, w] = [p(process.argv[1]), p(process.argv[2])];
for (const k of ["ageing_ms", "kpis_ms", "ageing_plus_kpis_ms"]) console.log(`wasm/native ${k.replace("_ms", "")}: ${(w[k] / n[k]).toFixed(2)}`);
' "$native" "$wasm"

echo "==> release build size"
trunk build --release >/dev/null 2>&1
node tests/sizes.mjs dist

echo "==> browser benchmark"
(cd tests && node bench/app-bench.mjs 5)
