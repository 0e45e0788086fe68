#!/usr/bin/env bash
# Benchmarks, figures printed: criterion over 1,000,000 invoices (native:
# ageing and KPIs, the alert rules over 10,000 buyers, monthly trends, the
# dunning plan and the insurance cover, deadlines and cost/benefit);
# the same code as a program native and in wasm under Node's WASI (the
# wasm/native ratio); the release build's size; the browser benchmark; the
# ledger benchmark (criterion import of a 1M-row CSV, the import of 100k and
# 1M rows in Chromium, pandas vs the native `credit age`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh --test

echo "==> criterion (native)"
cargo bench -p credit-core --bench ageing --bench monitor --bench dunning 2>&1 | grep -E "Benchmarking .*: Analyzing|time:" | sed 's/Benchmarking //; s/: Analyzing//'

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
scripts/build.sh >/dev/null 2>&1
node tests/sizes.mjs dist

echo "==> browser benchmark"
(cd tests && node bench/app-bench.mjs 5)
(cd tests && node bench/phone-selfcheck.mjs 3)

echo "==> ledger benchmark: import of 100k and 1M rows in Chromium"
# The criterion import benchmark writes target/import_bench.csv (1,000,000
# demo invoices) before it measures; its figures are printed too.
cargo bench -p credit-core --bench import 2>&1 | grep -E "^import:|Benchmarking .*: Analyzing|time:" | sed 's/Benchmarking //; s/: Analyzing//'
CSV="$PWD/target/import_bench.csv"
# pandas, for the comparison below, in a venv of its own outside the clone.
VENV="$CREDIT_TOOLS/pandas-venv"
if ! "$VENV/bin/python" -c "import pandas" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check pandas
fi
# The CNY rows without row errors: `credit age` computes nothing from a file
# with row errors (the demo has a few overpaid invoices) nor from invoices in
# a currency without a rate, and the app's dashboard cannot age the full
# file without exchange rates either (it shows why instead).
CNY="$PWD/target/import_bench_cny.csv"
if [ ! "$CNY" -nt "$CSV" ]; then
  "$VENV/bin/python" - "$CSV" "$CNY" <<'PY'
import csv, sys
from decimal import Decimal
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as g:
    r, w = csv.reader(f), csv.writer(g, lineterminator="\n")
    h = next(r)
    w.writerow(h)
    gross, paid, cur = h.index("gross"), h.index("paid"), h.index("currency")
    for row in r:
        if row[cur] == "CNY" and not (row[paid] and Decimal(row[paid]) > Decimal(row[gross])):
            w.writerow(row)
PY
fi
# dist/ is the release build made above for the size.
(cd tests && node bench/ledger-bench.mjs ../dist "$CSV" "$CNY")

echo "==> ledger benchmark: pandas vs the native credit CLI"
cargo build -q --release -p credit-core --features cli,xlsx --bin credit
AS_OF=2026-06-30
best3() { # best wall time in seconds of three runs of a command
  local best="" t0 t1 s
  for _ in 1 2 3; do
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    best=$(awk -v a="$t0" -v b="$t1" -v m="$best" 'BEGIN { s = b - a; if (m == "" || s < m) m = s; print m }')
  done
  awk -v m="$best" 'BEGIN { printf "%.2f", m }'
}
rows=$(($(wc -l <"$CNY") - 1))
export PYTHONWARNINGS=ignore  # pandas warns of the mixed-type dispute columns
pandas_full=$(best3 "$VENV/bin/python" tests/bench/pandas_age.py "$CSV" --as-of "$AS_OF")
pandas_cny=$(best3 "$VENV/bin/python" tests/bench/pandas_age.py "$CNY" --as-of "$AS_OF")
native_cny=$(best3 ./target/release/credit age "$CNY" --as-of "$AS_OF" --currency CNY)
echo "pandas read_csv + ageing group-by, 1,000,000 rows (all currencies): ${pandas_full} s (best of 3)"
echo "pandas read_csv + ageing group-by, $rows CNY rows:        ${pandas_cny} s (best of 3)"
echo "credit age (parse + check + ageing), $rows CNY rows:      ${native_cny} s (best of 3)"
echo "pandas/credit on the same file: $(awk -v p="$pandas_cny" -v n="$native_cny" 'BEGIN { printf "%.2f", p / n }')"
