#!/usr/bin/env python3
"""Expected statements and order checks for the ERPNext sample ledger
(../ledgers/erpnext_ar.csv) with the collections book erpnext_book.json.

Standard library only; no Rust code. Rules (credit_core::collections docs):
* an item is a data line (not the Total row) with its Outstanding Amount as
  its signed open amount; due date = Due Date, or the Posting Date when
  blank; an item with open 0 is not on a statement;
* a statement lists the buyer's open items by due date, then id; days
  overdue = as_of - due (shown as at least 0); totals: open = sum of open,
  overdue = sum of positive open with due < as_of; no interest (a ledger
  file has no interest rate);
* a line under an open promise shows the promised date; a line under an
  open or investigated dispute shows the disputed amount;
* order check: exposure = max(0, sum of the buyer's open); overdue = sum of
  positive open more than 30 days past due (when the buyer's net > 0);
  default rules: overdue above 0 blocks; no credit limit (a ledger file
  sets none) refers; group exposure + order above the group limit refers.
  The decision is the worst: block > refer > approve; exit code 0/3/4.
* the statements of the plan (credit statement --plan): the buyers with a
  net balance above 0 and an item at least 7 days past due (the Standard
  policy's first step) whose open amount is not all paused: an invoice
  under an open promise is paused whole, an open dispute pauses its
  amount.
Writes expected.json.
"""
import csv
import json
import os
from datetime import date
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = date(2026, 11, 30)


def d(s):
    return date.fromisoformat(s)


def items():
    out = []
    with open(os.path.join(HERE, "..", "ledgers", "erpnext_ar.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Posting Date"].strip().lower() == "total":
                continue
            issue = d(r["Posting Date"])
            due = d(r["Due Date"]) if r["Due Date"].strip() else issue
            out.append({
                "id": r["Voucher No"], "buyer": r["Customer"], "issue": issue,
                "due": due, "open": Decimal(r["Outstanding Amount"]),
            })
    return out


def money(x):
    return f"{x:.2f}"


def statement(all_items, book, buyer):
    promised = {}
    for p in book["promises"]:
        if p["customer_id"] == buyer:
            for i in p["invoice_ids"]:
                promised[i] = p["promised_date"]
    disputed = {}
    for c in book["disputes"]:
        last = [h for h in c["history"] if d(h["date"]) <= AS_OF][-1]
        if last["status"] in ("open", "investigating"):
            disputed[c["invoice_id"]] = disputed.get(c["invoice_id"], Decimal(0)) + Decimal(c["amount"])
    lines = [i for i in all_items if i["buyer"] == buyer and i["open"] != 0 and i["issue"] <= AS_OF]
    lines.sort(key=lambda i: (i["due"], i["id"]))
    return {
        "lines": [{
            "id": i["id"],
            "days_overdue": max(0, (AS_OF - i["due"]).days),
            "open": money(i["open"]),
            "promised": promised.get(i["id"]),
            "disputed": money(min(disputed.get(i["id"], Decimal(0)), max(i["open"], Decimal(0)))),
        } for i in lines],
        "open": money(sum((i["open"] for i in lines), Decimal(0))),
        "overdue": money(sum((i["open"] for i in lines if i["open"] > 0 and i["due"] < AS_OF), Decimal(0))),
    }


def exposure(all_items, buyer):
    return max(Decimal(0), sum((i["open"] for i in all_items if i["buyer"] == buyer and i["issue"] <= AS_OF), Decimal(0)))


def order_check(all_items, book, buyer, amount, overdue_rule="block"):
    amount = Decimal(amount)
    reasons = []
    net = exposure(all_items, buyer)
    od = [i for i in all_items if i["buyer"] == buyer and i["open"] > 0 and (AS_OF - i["due"]).days > 30]
    overdue = sum((i["open"] for i in od), Decimal(0)) if net > 0 else Decimal(0)
    if overdue > 0 and overdue_rule != "off":
        reasons.append({"rule": "overdue", "action": overdue_rule, "amount": money(overdue),
                        "oldest_days": max((AS_OF - i["due"]).days for i in od)})
    reasons.append({"rule": "no_limit", "action": "refer"})
    for g in book["groups"]:
        if buyer in g["members"] and g.get("limit") is not None:
            after = sum((exposure(all_items, m) for m in g["members"]), Decimal(0)) + amount
            if after > Decimal(g["limit"]):
                reasons.append({"rule": "over_group_limit", "action": "refer", "group": g["name"], "after": money(after)})
    worst = "block" if any(r["action"] == "block" for r in reasons) else ("refer" if reasons else "approve")
    return {"decision": worst, "exit": {"approve": 0, "refer": 3, "block": 4}[worst],
            "exposure": money(net), "reasons": reasons}


def plan_buyers(all_items, book):
    promised = {i for p in book["promises"] for i in p["invoice_ids"]}
    disputed = {}
    for c in book["disputes"]:
        last = [h for h in c["history"] if d(h["date"]) <= AS_OF][-1]
        if last["status"] in ("open", "investigating"):
            disputed[c["invoice_id"]] = disputed.get(c["invoice_id"], Decimal(0)) + Decimal(c["amount"])
    out = set()
    for i in all_items:
        if i["open"] <= 0 or (AS_OF - i["due"]).days < 7 or i["id"] in promised:
            continue
        if exposure(all_items, i["buyer"]) <= 0:
            continue
        if i["open"] - disputed.get(i["id"], Decimal(0)) > 0:
            out.add(i["buyer"])
    return sorted(out)


def main():
    with open(os.path.join(HERE, "erpnext_book.json"), encoding="utf-8") as f:
        book = json.load(f)
    all_items = items()
    out = {
        "as_of": AS_OF.isoformat(),
        "statements": {b: statement(all_items, book, b) for b in ["CUST-00012", "CUST-00023"]},
        "plan_buyers": plan_buyers(all_items, book),
        "order_checks": {
            "CUST-00031 20000": order_check(all_items, book, "CUST-00031", "20000"),
            "CUST-00031 20000 overdue off": order_check(all_items, book, "CUST-00031", "20000", "off"),
            "CUST-00036 1000 overdue off": order_check(all_items, book, "CUST-00036", "1000", "off"),
        },
    }
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
