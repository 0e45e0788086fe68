#!/usr/bin/env python3
"""Expected per-buyer net balance and ageing for the sample receivables exports.

Standard library only. Reads the CSV files in this folder (kingdee_ar.xlsx is
not read: it has the same content as kingdee_ar.csv) and writes expected.json.
It does not use any Rust code; it follows only the rules below.

Rules
-----
* Each data line is one open item of one buyer. The buyer key is the customer
  id column where the export has one (SAP Konto/Customer, ERPNext Customer,
  Kingdee 客户编码, Yonyou 客户编号), else the name (Odoo Partner,
  QuickBooks Customer, Xero Contact).
* Title rows, blank rows, section rows (Current, 1 - 30 days past due, Xero
  contact heading rows ...), footer rows and total/subtotal rows (Summe,
  Total, TOTAL, Total for ..., Total <contact>, 合计, 总计, 小计) are not items.
* Signed open amount of a line:
    SAP (de/en): the amount in local currency (trailing minus = negative);
    ERPNext: Outstanding Amount;  Odoo: Amount Due (amount_residual);
    Kingdee: 未收金额 (= 应收金额 - 已收金额);  Yonyou: 原币余额;
    QuickBooks: Open Balance;  Xero: Due.
  Credit notes, returns and payments on account always count negative: if a
  credit-type row (by its document type) carries a positive amount, it is
  negated. (None of the sample files actually writes them unsigned.)
* Issue date = the document/posting/invoice date; due date = the net due
  date column; a line without a due date is due on its issue date.
* As of a date D: lines issued after D are left out. Each remaining line ages
  by days past due = D - due date; buckets: not_due (<= 0), 1_30, 31_60,
  61_90, 91_120, 121_plus. Negative lines age the same way by their own due
  date (they reduce that bucket). Buyer net balance = sum of signed open
  amounts; the buckets of a buyer sum to its net balance.
* Lines whose open amount is 0 (paid-early invoices, reconciled payments) are
  still items (counted in "items") and contribute 0.
* As of 2026-10-31 (only for sap_fbl5n_de.csv, erpnext_ar.csv,
  kingdee_ar.csv): the same open amounts (the files are open-item snapshots
  at 2026-11-30); only the issue-date exclusion and the ageing days change.

Output: expected.json, amounts as strings with exactly two decimals.
"""
import csv
import json
import os
import re
from datetime import date, datetime
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
BUCKETS = ["not_due", "1_30", "31_60", "61_90", "91_120", "121_plus"]
KEYS = ["net"] + BUCKETS

TOTAL_WORDS = re.compile(r"^\s*(\*|summe|total\b.*|total|合计|总计|小计|current|\d+ - \d+ days past due|\d+ or more days past due|accrual basis.*|cash basis.*)\s*$", re.I)


# ---------- number parsers ----------
def num_de(s):
    """German SAP: 1.234,56 and trailing minus 1.234,56-"""
    s = s.strip()
    neg = s.endswith("-") or s.startswith("-")
    s = s.strip("-").replace(".", "").replace(",", ".")
    v = Decimal(s)
    return -v if neg else v


def num_en(s):
    """English: 1,234.56 ; -1,234.56 ; 1,234.56- ; $1,234.56 ; (1,234.56)"""
    s = s.strip().replace("$", "").replace(",", "")
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    if s.endswith("-"):
        neg, s = True, s[:-1]
    if s.startswith("-"):
        neg, s = (not neg), s[1:]
    v = Decimal(s)
    return -v if neg else v


def dparse(fmt):
    def f(s):
        s = s.strip()
        return datetime.strptime(s, fmt).date() if s else None
    return f


# ---------- per-file configuration ----------
# header_row: 1-based line number of the header row.
# cols: column names for buyer / issue / due / amount / type.
FILES = {
    "sap_fbl5n_de.csv": dict(
        encoding="cp1252", delimiter=";", header_row=4, currency="EUR",
        buyer="Konto", issue="Belegdatum", due="Nettofälligkeit",
        amount="Betrag in Hauswährung", type="Belegart",
        credit_types={"DG", "DZ"}, num=num_de, date=dparse("%d.%m.%Y"),
        as_of=["2026-11-30", "2026-10-31"]),
    "sap_fbl5n_en.csv": dict(
        encoding="utf-8", delimiter=",", header_row=4, currency="GBP",
        buyer="Customer", issue="Document Date", due="Net due date",
        amount="Amount in local currency", type="Document Type",
        credit_types={"DG", "DZ"}, num=num_en, date=dparse("%Y-%m-%d"),
        as_of=["2026-11-30"]),
    "erpnext_ar.csv": dict(
        encoding="utf-8", delimiter=",", header_row=1, currency="INR",
        buyer="Customer", issue="Posting Date", due="Due Date",
        amount="Outstanding Amount", type="Voucher Type",
        credit_types={"Payment Entry"}, num=num_en, date=dparse("%Y-%m-%d"),
        as_of=["2026-11-30", "2026-10-31"]),
    "odoo_aged_receivable.csv": dict(
        encoding="utf-8", delimiter=",", header_row=1, currency="USD",
        buyer="Partner", issue="Date", due="Due Date",
        amount="Amount Due", type=None, credit_types=set(),
        num=num_en, date=dparse("%Y-%m-%d"), as_of=["2026-11-30"]),
    "kingdee_ar.csv": dict(
        encoding="gbk", delimiter=",", header_row=5, currency="CNY",
        buyer="客户编码", issue="单据日期", due="到期日",
        amount="未收金额", type="单据类型",
        credit_types={"收款单", "销售退货单", "红字发票"}, num=num_en,
        date=dparse("%Y/%m/%d"), as_of=["2026-11-30", "2026-10-31"]),
    "yonyou_ar.csv": dict(
        encoding="utf-8-sig", delimiter=",", header_row=4, currency="CNY",
        buyer="客户编号", issue="单据日期", due="到期日",
        amount="原币余额", type="单据类型", credit_types={"收款单"},
        num=num_en, date=dparse("%Y-%m-%d"), as_of=["2026-11-30"]),
    "quickbooks_ar_aging_detail.csv": dict(
        encoding="utf-8", delimiter=",", header_row=5, currency="USD",
        buyer="Customer", issue="Date", due="Due Date",
        amount="Open Balance", type="Transaction Type",
        credit_types={"Credit Memo", "Payment"}, num=num_en,
        date=dparse("%m/%d/%Y"), as_of=["2026-11-30"]),
    "xero_aged_receivables_detail.csv": dict(
        encoding="utf-8", delimiter=",", header_row=5, currency="GBP",
        buyer="Contact", issue="Invoice Date", due="Due Date",
        amount="Due", type="Type",
        credit_types={"Credit Note", "Overpayment", "Prepayment"},
        num=num_en, date=dparse("%d %b %Y"), as_of=["2026-11-30"]),
}


def bucket(days):
    if days <= 0:
        return "not_due"
    if days <= 30:
        return "1_30"
    if days <= 60:
        return "31_60"
    if days <= 90:
        return "61_90"
    if days <= 120:
        return "91_120"
    return "121_plus"


def is_not_item(row):
    cells = [c.strip() for c in row]
    if not any(cells):
        return True  # blank row
    for c in cells:
        if c and TOTAL_WORDS.match(c):
            return True  # total / subtotal / section / footer row
    return False


def read_items(name, cfg):
    path = os.path.join(HERE, name)
    with open(path, encoding=cfg["encoding"], newline="") as f:
        rows = list(csv.reader(f, delimiter=cfg["delimiter"]))
    hdr = rows[cfg["header_row"] - 1]
    assert cfg["buyer"] in hdr and cfg["amount"] in hdr, (name, hdr)
    ix = {h: i for i, h in enumerate(hdr)}
    items = []
    for lineno, row in enumerate(rows[cfg["header_row"]:], cfg["header_row"] + 1):
        if is_not_item(row):
            continue
        row = row + [""] * (len(hdr) - len(row))
        buyer = row[ix[cfg["buyer"]]].strip()
        issue_s = row[ix[cfg["issue"]]].strip()
        amt_s = row[ix[cfg["amount"]]].strip()
        if not issue_s and not amt_s:
            continue  # grouping row (e.g. Xero contact heading)
        assert buyer and issue_s and amt_s, (name, lineno, row)
        issue = cfg["date"](issue_s)
        due = cfg["date"](row[ix[cfg["due"]]]) or issue
        amt = cfg["num"](amt_s)
        if cfg["type"] and row[ix[cfg["type"]]].strip() in cfg["credit_types"] and amt > 0:
            amt = -amt
        # cross-checks of the files' internal arithmetic
        if name == "kingdee_ar.csv":
            assert cfg["num"](row[ix["应收金额"]]) - cfg["num"](row[ix["已收金额"]]) == amt, lineno
        if name == "erpnext_ar.csv":
            inv, paid, cn = (cfg["num"](row[ix[k]]) for k in ("Invoiced Amount", "Paid Amount", "Credit Note"))
            assert inv - paid - cn == amt, lineno
        if name == "xero_aged_receivables_detail.csv":
            tot, paid, cr = (cfg["num"](row[ix[k]]) for k in ("Total", "Paid", "Credited"))
            assert tot - paid - cr == amt, lineno
        items.append(dict(buyer=buyer, issue=issue, due=due, amount=amt, line=lineno))
    return items


def compute(items, as_of):
    D0 = Decimal("0")
    buyers = {}
    left_out = 0
    n = 0
    for it in items:
        if it["issue"] > as_of:
            left_out += 1
            continue
        n += 1
        b = buyers.setdefault(it["buyer"], {k: D0 for k in KEYS})
        b["net"] += it["amount"]
        b[bucket((as_of - it["due"]).days)] += it["amount"]
    total = {k: sum((b[k] for b in buyers.values()), D0) for k in KEYS}
    # checks
    for key, b in buyers.items():
        assert sum(b[k] for k in BUCKETS) == b["net"], key
    assert sum(b["net"] for b in buyers.values()) == total["net"]
    assert sum(total[k] for k in BUCKETS) == total["net"]
    assert n + left_out == len(items)
    fmt = lambda d: {k: f"{d[k]:.2f}" for k in KEYS}
    return {
        "buyers": {k: fmt(v) for k, v in sorted(buyers.items())},
        "total": fmt(total),
        "items": n,
        "left_out_after_as_of": left_out,
    }


def main():
    out = {}
    for name, cfg in FILES.items():
        items = read_items(name, cfg)
        entry = {
            "encoding": cfg["encoding"],
            "delimiter": cfg["delimiter"],
            "header_row": cfg["header_row"],
            "currency": cfg["currency"],
            "as_of": {},
        }
        for d in cfg["as_of"]:
            entry["as_of"][d] = compute(items, date.fromisoformat(d))
        out[name] = entry
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
        f.write("\n")
    for name, e in out.items():
        for d, r in e["as_of"].items():
            neg = [k for k, v in r["buyers"].items() if Decimal(v["net"]) < 0]
            print(f"{name:36s} {d} items={r['items']:2d} left_out={r['left_out_after_as_of']} "
                  f"net={r['total']['net']} credit_buyers={neg}")


if __name__ == "__main__":
    main()
