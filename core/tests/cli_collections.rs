//! `credit statement` and `credit order-check` on the ERPNext sample export
//! with a collections book, against `tests/data/collections/expected.json`,
//! computed independently by `expected.py` there.
#![cfg(feature = "cli")]

use std::process::Command;

use rust_decimal::Decimal;
use serde_json::Value;

fn data(rel: &str) -> String {
    format!("{}/tests/data/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn expected() -> Value {
    let text = std::fs::read_to_string(data("collections/expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn credit(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_credit"))
        .args(args)
        .output()
        .expect("run credit");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

const LEDGER: &str = "ledgers/erpnext_ar.csv";

#[test]
fn statements_match_the_independent_figures() {
    let e = expected();
    let (ledger, book) = (data(LEDGER), data("collections/erpnext_book.json"));
    for buyer in ["CUST-00012", "CUST-00023"] {
        let (code, out, err) = credit(&[
            "statement",
            &ledger,
            "--buyer",
            buyer,
            "--as-of",
            "2026-11-30",
            "--currency",
            "INR",
            "--book",
            &book,
            "--json",
        ]);
        assert_eq!(code, 0, "{err}");
        let got: Value = serde_json::from_str(&out).unwrap();
        let want = &e["statements"][buyer];
        let lines = got["lines"].as_array().unwrap();
        let wl = want["lines"].as_array().unwrap();
        assert_eq!(lines.len(), wl.len(), "{buyer}");
        for (g, w) in lines.iter().zip(wl) {
            assert_eq!(g["id"], w["id"]);
            assert_eq!(
                g["days_past_due"].as_i64().unwrap().max(0),
                w["days_overdue"].as_i64().unwrap()
            );
            assert_eq!(dec(&g["open"]), dec(&w["open"]), "{}", w["id"]);
            assert_eq!(dec(&g["disputed"]), dec(&w["disputed"]), "{}", w["id"]);
            assert_eq!(g["promised"], w["promised"], "{}", w["id"]);
        }
        let t = &got["totals"][0];
        assert_eq!(t[0], "INR");
        assert_eq!(dec(&t[1]), dec(&want["open"]));
        assert_eq!(dec(&t[2]), dec(&want["overdue"]));
    }
}

#[test]
fn a_statement_in_the_contacts_language_saved_as_an_eml() {
    let dir = std::env::temp_dir().join(format!("credit-eml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("s.eml");
    let (code, out, err) = credit(&[
        "statement",
        &data(LEDGER),
        "--buyer",
        "CUST-00023",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
        "--book",
        &data("collections/erpnext_book.json"),
        "--eml",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // The contact reads Chinese: the statement is in Chinese.
    assert!(out.starts_with("对账单 CUST-00023"), "{out}");
    assert!(
        out.contains("合计 INR：未结 89,580.00，其中逾期 91,080.00"),
        "{out}"
    );
    let eml = std::fs::read_to_string(&out_path).unwrap();
    let (head, body) = eml.split_once("\r\n\r\n").unwrap();
    assert!(head.contains("<ap@nordicfjord.se>"), "{head}");
    assert!(head.contains("Content-Type: text/plain; charset=UTF-8"));
    let text = credit_core::envelope::base64_decode(&body.replace("\r\n", "")).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("张伟：\r\n"), "{text}");
    assert!(text.contains("ACC-SINV-2026-00265"));
    // In English on request, and no address: no .eml.
    let (code, out, _) = credit(&[
        "statement",
        &data(LEDGER),
        "--buyer",
        "CUST-00023",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
        "--book",
        &data("collections/erpnext_book.json"),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("Statement of account CUST-00023"), "{out}");
    let (code, _, err) = credit(&[
        "statement",
        &data(LEDGER),
        "--buyer",
        "CUST-00031",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
        "--eml",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no contact e-mail address"), "{err}");
    let (code, _, err) = credit(&[
        "statement",
        &data(LEDGER),
        "--buyer",
        "NOPE",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("No buyer NOPE"), "{err}");
}

#[test]
fn order_checks_match_the_independent_figures() {
    let e = expected();
    let dir = std::env::temp_dir().join(format!("credit-book-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut book: Value = serde_json::from_str(
        &std::fs::read_to_string(data("collections/erpnext_book.json")).unwrap(),
    )
    .unwrap();
    let default_book = data("collections/erpnext_book.json");
    book["order_rules"] = serde_json::json!({ "overdue": "off" });
    let off_book = dir.join("off.json");
    std::fs::write(&off_book, book.to_string()).unwrap();
    let cases = [
        (
            "CUST-00031 20000",
            "CUST-00031",
            "20000",
            default_book.as_str(),
        ),
        (
            "CUST-00031 20000 overdue off",
            "CUST-00031",
            "20000",
            off_book.to_str().unwrap(),
        ),
        (
            "CUST-00036 1000 overdue off",
            "CUST-00036",
            "1000",
            off_book.to_str().unwrap(),
        ),
    ];
    for (key, buyer, amount, book) in cases {
        let want = &e["order_checks"][key];
        let (code, out, err) = credit(&[
            "order-check",
            &data(LEDGER),
            "--buyer",
            buyer,
            "--amount",
            amount,
            "--as-of",
            "2026-11-30",
            "--currency",
            "INR",
            "--book",
            book,
            "--json",
        ]);
        assert_eq!(
            i64::from(code),
            want["exit"].as_i64().unwrap(),
            "{key}: {err}"
        );
        let got: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(got["decision"], want["decision"], "{key}");
        assert_eq!(dec(&got["exposure"]), dec(&want["exposure"]), "{key}");
        let rs = got["reasons"].as_array().unwrap();
        let ws = want["reasons"].as_array().unwrap();
        assert_eq!(rs.len(), ws.len(), "{key}: {out}");
        for (g, w) in rs.iter().zip(ws) {
            assert_eq!(g["reason"]["rule"], w["rule"], "{key}");
            assert_eq!(g["action"], w["action"], "{key}");
            match w["rule"].as_str().unwrap() {
                "overdue" => {
                    assert_eq!(dec(&g["reason"]["amount"]), dec(&w["amount"]));
                    assert_eq!(g["reason"]["oldest_days"], w["oldest_days"]);
                }
                "over_group_limit" => {
                    assert_eq!(g["reason"]["group"], w["group"]);
                    assert_eq!(dec(&g["reason"]["after"]), dec(&w["after"]));
                }
                _ => {}
            }
        }
    }
    // Bad input: a clear message, exit 2.
    let (code, _, err) = credit(&[
        "order-check",
        &data(LEDGER),
        "--buyer",
        "CUST-00031",
        "--amount",
        "-5",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Order amount: \"-5\" is not an amount above zero"),
        "{err}"
    );
}

#[test]
fn the_statements_of_the_plan_in_one_run() {
    let e = expected();
    let (ledger, book) = (data(LEDGER), data("collections/erpnext_book.json"));
    let (code, out, err) = credit(&[
        "statement",
        &ledger,
        "--plan",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
        "--book",
        &book,
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let got: Value = serde_json::from_str(&out).unwrap();
    let mut ids: Vec<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["customer_id"].as_str().unwrap())
        .collect();
    ids.sort();
    let want: Vec<&str> = e["plan_buyers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids, want);
    // As text: one after another, a page break between them.
    let (code, out, _) = credit(&[
        "statement",
        &ledger,
        "--plan",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
        "--book",
        &book,
    ]);
    assert_eq!(code, 0);
    assert_eq!(out.matches('\x0c').count(), want.len() - 1);
    // As messages: one .eml per buyer with an address, the others named.
    let dir = std::env::temp_dir().join(format!("credit-plan-{}", std::process::id()));
    let (code, out, err) = credit(&[
        "statement",
        &ledger,
        "--plan",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
        "--book",
        &book,
        "--eml-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["statement-CUST-00023-2026-11-30.eml"]);
    assert!(out.contains("no contact e-mail address: "), "{out}");
    // --plan takes no buyer.
    let (code, _, err) = credit(&[
        "statement",
        &ledger,
        "--plan",
        "--buyer",
        "CUST-00023",
        "--as-of",
        "2026-11-30",
        "--currency",
        "INR",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--plan takes the plan's buyers"), "{err}");
}
