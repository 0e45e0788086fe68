#!/usr/bin/env python3
"""Ageing of the import benchmark's CSV with pandas, for comparison with
`cargo bench -p credit-core --bench import` (read_table + preview + merge)
and the core's ageing.

The CSV is the one the Rust benchmark writes: `target/import_bench.csv`
(1,000,000 demo invoices, UTF-8 with BOM, columns invoice_id, customer_id,
customer_name, issue_date, due_date, currency, gross, vat, paid,
payment_date, disputed, dispute_reason, dispute_date). Run the Rust
benchmark once first, then:

    python3 tests/bench/pandas_age.py [CSV] [--as-of 2026-06-30]

Ageing as the core does it on the due-date basis with buckets 30/60/90/120:
open = gross - paid (payments dated after as_of ignored), credit balances
(open < 0) left out of the buckets, one row per customer and currency (the
demo's FX conversion is not repeated here, so totals are per currency).
Amounts are read as float64: fine for timing, not for money (the core uses
exact decimals). pandas is not installed by this project; install it
yourself to run this script.
"""

import argparse
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", nargs="?", default="target/import_bench.csv")
    ap.add_argument("--as-of", default="2026-06-30")
    args = ap.parse_args()
    try:
        import pandas as pd
    except ImportError:
        print("pandas is not installed; `pip install pandas` to run this comparison", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    df = pd.read_csv(
        args.csv,
        encoding="utf-8-sig",
        dtype={"invoice_id": str, "customer_id": str, "currency": str},
        parse_dates=["issue_date", "due_date", "payment_date"],
    )
    t1 = time.perf_counter()

    as_of = pd.Timestamp(args.as_of)
    df = df[df["issue_date"] <= as_of]
    paid = df["paid"].fillna(0).where(df["payment_date"].isna() | (df["payment_date"] <= as_of), 0)
    df = df.assign(open=df["gross"] - paid)
    df = df[df["open"] > 0]
    days = (as_of - df["due_date"]).dt.days
    labels = ["Not yet due", "1-30", "31-60", "61-90", "91-120", "121+"]
    df = df.assign(bucket=pd.cut(days, [-10**9, 0, 30, 60, 90, 120, 10**9], labels=labels))
    table = df.pivot_table(
        index=["customer_id", "currency"], columns="bucket", values="open",
        aggfunc="sum", fill_value=0, observed=False,
    )
    totals = df.groupby(["currency", "bucket"], observed=False)["open"].sum().unstack(fill_value=0)
    t2 = time.perf_counter()

    print(f"rows: {len(df):,} open invoices, {len(table):,} customer/currency rows")
    print(totals.round(2).to_string())
    print(f"read_csv: {t1 - t0:.2f} s; ageing group-by: {t2 - t1:.2f} s; total {t2 - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
