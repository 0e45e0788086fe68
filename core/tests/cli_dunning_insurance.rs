//! `credit dunning`, `credit interest`, `credit insurance`, `credit claim`
//! on the sample invoice file and hand-computed figures.
#![cfg(feature = "cli")]

use std::process::Command;

fn file() -> String {
    format!(
        "{}/tests/data/import/invoices_en.csv",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn credit(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_credit"))
        .args(args)
        .output()
        .expect("run credit");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn interest_eu_and_uk() {
    // €10,000, 30 days at 2.15 + 8 = 10.15 %: 83.42; €40.
    let (ok, out, err) = credit(&[
        "interest",
        "--amount",
        "10000",
        "--currency",
        "EUR",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--regime",
        "eu",
        "--rate",
        "2.15",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Interest: EUR 83.42"), "{out}");
    assert!(out.contains("Compensation: EUR 40.00"), "{out}");
    // UK, part paid: 26.30 and £70.
    let (ok, out, err) = credit(&[
        "interest",
        "--amount",
        "5000",
        "--currency",
        "GBP",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-02-20",
        "--regime",
        "uk",
        "--rate",
        "4",
        "--paid",
        "2026-02-10:2000",
    ]);
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.contains(" days ")).count(),
        2,
        "{out}"
    );
    assert!(out.contains("Interest: GBP 26.30"), "{out}");
    assert!(out.contains("Compensation: GBP 70.00"), "{out}");
    // JSON.
    let (ok, out, _) = credit(&[
        "interest",
        "--amount=999.99",
        "--currency=GBP",
        "--due=2026-01-31",
        "--as-of=2026-02-01",
        "--regime=uk",
        "--rate=4",
        "--json",
    ]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["compensation"], "40");
}

#[test]
fn interest_bad_input_is_named() {
    let (ok, _, err) = credit(&[
        "interest",
        "--amount",
        "x",
        "--currency",
        "EUR",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--regime",
        "eu",
        "--rate",
        "2",
    ]);
    assert!(!ok);
    assert!(err.contains("--amount 'x'"), "{err}");
    let (ok, _, err) = credit(&[
        "interest",
        "--amount",
        "1",
        "--currency",
        "EUR",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--regime",
        "eu",
    ]);
    assert!(!ok);
    assert!(err.contains("needs --rate"), "{err}");
    let (ok, _, err) = credit(&["interest", "--bogus"]);
    assert!(!ok);
    assert!(err.contains("--bogus"), "{err}");
}

#[test]
fn dunning_plan_of_the_sample() {
    let (ok, out, err) = credit(&[
        "dunning",
        &file(),
        "--as-of",
        "2025-06-30",
        "--policy",
        "firm",
    ]);
    assert!(ok, "{err}");
    assert!(out.lines().any(|l| l.starts_with("STEP ")), "{out}");
    let (ok, out, _) = credit(&["dunning", &file(), "--as-of", "2025-06-30", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["items"].as_array().unwrap();
    let mut buyers: Vec<&str> = items
        .iter()
        .map(|i| i["customer_id"].as_str().unwrap())
        .collect();
    let n = buyers.len();
    buyers.sort();
    buyers.dedup();
    assert_eq!(buyers.len(), n, "one communication per buyer");
    let (ok, _, err) = credit(&[
        "dunning",
        &file(),
        "--as-of",
        "2025-06-30",
        "--policy",
        "soft",
    ]);
    assert!(!ok);
    assert!(err.contains("--policy 'soft'"), "{err}");
}

#[test]
fn insurance_and_claim_on_the_sample() {
    let dir = std::env::temp_dir().join(format!("credit-ins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pol = dir.join("policy.json");
    std::fs::write(
        &pol,
        r#"{"limits": {"C001": "10000", "C002": "5000"}, "non_qualifying_loss": "100"}"#,
    )
    .unwrap();
    let pol = pol.to_string_lossy().into_owned();
    let (ok, out, err) = credit(&[
        "insurance",
        &file(),
        "--policy",
        &pol,
        "--as-of",
        "2025-06-30",
    ]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Open without VAT CNY "), "{out}");
    assert!(out.contains("deadline(s)"), "{out}");
    let (ok, out, _) = credit(&[
        "insurance",
        &file(),
        "--policy",
        &pol,
        "--as-of",
        "2025-06-30",
        "--json",
    ]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["cover"]["buyers"].as_array().is_some());
    let (ok, out, err) = credit(&[
        "claim",
        &file(),
        "--policy",
        &pol,
        "--buyer",
        "C001",
        "--as-of",
        "2025-06-30",
        "--event",
        "insolvency",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Indemnity"), "{out}");
    assert!(out.contains("Payable from 2025-06-30"), "{out}");
    // A bad policy file: line and column.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\n  \"mep_days\": \"x\"\n}").unwrap();
    let (ok, _, err) = credit(&[
        "insurance",
        &file(),
        "--policy",
        &bad.to_string_lossy(),
        "--as-of",
        "2025-06-30",
    ]);
    assert!(!ok);
    assert!(err.contains("line 2"), "{err}");
    let bad2 = dir.join("bad2.json");
    std::fs::write(&bad2, r#"{"indemnity_pct": "1.5"}"#).unwrap();
    let (ok, _, err) = credit(&[
        "insurance",
        &file(),
        "--policy",
        &bad2.to_string_lossy(),
        "--as-of",
        "2025-06-30",
    ]);
    assert!(!ok);
    assert!(err.contains("Indemnity: '150 %'"), "{err}");
    let (ok, _, err) = credit(&["claim", &file(), "--policy", &pol, "--as-of", "2025-06-30"]);
    assert!(!ok);
    assert!(err.contains("--buyer"), "{err}");
}

/// Issue 18, item 4, through the CLI: the plain output lists the invoices
/// outside cover and keeps them with the policyholder (see
/// insurance_examples.rs: 23,000 unpaid, 11,000 outside cover, 9,000
/// indemnity, 14,000 stays with you).
#[test]
fn claim_lists_what_is_outside_cover_and_keeps_it_with_you() {
    let dir = std::env::temp_dir().join(format!("credit-outside-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ledger = dir.join("ledger.csv");
    std::fs::write(
        &ledger,
        "Invoice,Customer,Invoice date,Due date,Amount,Disputed,Dispute date\n\
         D,C1,2025-12-02,2026-01-31,5000,yes,2026-02-05\n\
         L,C1,2025-10-01,2025-11-30,6000,no,\n\
         K,C1,2025-12-30,2026-02-28,12000,no,\n",
    )
    .unwrap();
    let pol = dir.join("policy.json");
    std::fs::write(
        &pol,
        r#"{"limits": {"C1": "100000"}, "indemnity_pct": "0.9", "aggregate_first_loss": "2000", "non_qualifying_loss": "100"}"#,
    )
    .unwrap();
    let (ok, out, err) = credit(&[
        "claim",
        ledger.to_str().unwrap(),
        "--policy",
        pol.to_str().unwrap(),
        "--buyer",
        "C1",
        "--as-of",
        "2026-03-01",
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("Outside cover: D (disputed)"), "{out}");
    assert!(
        out.contains("Outside cover: L (not notified in time)"),
        "{out}"
    );
    assert!(out.contains("Stays with you: CNY 14,000.00"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn code(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_credit"))
        .args(args)
        .output()
        .expect("run credit");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Issue 18, item 1 (Directive 2011/7/EU art. 6(1); UK Late Payment Act
/// s.5A(1)): the fixed sum is owed once interest runs — not for an invoice
/// paid in full by its due date. The figures of
/// `dunning_examples::fixed_compensation_only_when_payment_was_late`.
#[test]
fn interest_no_compensation_when_paid_by_the_due_date() {
    let base = [
        "interest",
        "--amount",
        "1000",
        "--currency",
        "EUR",
        "--due",
        "2025-03-31",
        "--as-of",
        "2025-04-30",
        "--regime",
        "eu",
        "--rate",
        "2.15",
    ];
    let run = |paid: &str| {
        let mut a = base.to_vec();
        a.extend(["--paid", paid]);
        credit(&a)
    };
    let (ok, out, err) = run("2025-03-20:1000");
    assert!(ok, "{err}");
    assert!(out.contains("Interest: EUR 0.00"), "{out}");
    assert!(out.contains("Compensation: EUR 0.00"), "{out}");
    // Paid in full 10 days late: 1,000 × 10.15 % × 10/365 = 2.78; €40.
    let (ok, out, err) = run("2025-04-10:1000");
    assert!(ok, "{err}");
    assert!(out.contains("Interest: EUR 2.78"), "{out}");
    assert!(out.contains("Compensation: EUR 40.00"), "{out}");
    // Still unpaid: 30 days, 8.34; €40.
    let (ok, out, err) = credit(&base);
    assert!(ok, "{err}");
    assert!(out.contains("Interest: EUR 8.34"), "{out}");
    assert!(out.contains("Compensation: EUR 40.00"), "{out}");
}

/// Issue 18, item 2 (Late Payment Act s.6; rate fixed on the 31 Dec / 30
/// Jun before interest runs): the Bank of England base rates as published,
/// by date of change; £10,000 due 15 Jun 2023, £4,000 paid 31 Jan 2024,
/// as of 31 Dec 2024: 11.5 % throughout, 495,650 / 365 = £1,357.95, and
/// £100 (see `dunning_examples::uk_statutory_rate_is_fixed_for_the_debt`).
#[test]
fn interest_uk_rate_fixed_from_dated_base_rates() {
    let mut a = vec![
        "interest",
        "--amount",
        "10000",
        "--currency",
        "GBP",
        "--due",
        "2023-06-15",
        "--as-of",
        "2024-12-31",
        "--regime",
        "uk",
        "--paid",
        "2024-01-31:4000",
    ];
    for r in [
        "2022-12-15:3.5",
        "2023-02-02:4.0",
        "2023-03-23:4.25",
        "2023-05-11:4.5",
        "2023-06-22:5.0",
        "2023-08-03:5.25",
        "2024-08-01:5.0",
        "2024-11-07:4.75",
    ] {
        a.extend(["--rate", r]);
    }
    let (ok, out, err) = credit(&a);
    assert!(ok, "{err}");
    let segs: Vec<&str> = out.lines().filter(|l| l.contains(" days ")).collect();
    assert_eq!(segs.len(), 2, "{out}");
    assert!(segs.iter().all(|l| l.contains("at 11.5 %")), "{out}");
    assert!(out.contains("Interest: GBP 1,357.95"), "{out}");
    assert!(out.contains("Compensation: GBP 100.00"), "{out}");
    // The same rates under the EU rule move each half-year.
    let eu: Vec<&str> = a
        .iter()
        .map(|x| if *x == "uk" { "eu" } else { x })
        .collect();
    let (ok, out, _) = credit(&eu);
    assert!(ok);
    assert!(
        out.contains("at 13 %") && out.contains("at 13.25 %"),
        "{out}"
    );
    // A dated contract rate is refused.
    let (c, _, err) = code(&[
        "interest",
        "--amount",
        "1",
        "--currency",
        "CNY",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--regime",
        "contract",
        "--rate",
        "2026-01-01:5",
    ]);
    assert_eq!(c, Some(2));
    assert!(err.contains("one --rate"), "{err}");
}

/// Issue 18, item 3 (Late Payment Act s.5A(2): £40 under £1,000, £70 to
/// £9,999.99, £100 from £10,000 — of the debt in sterling): a yen invoice
/// needs `--gbp-rate` (the value of ¥1 in GBP); without it, exit 2 asking
/// for it. ¥5,000 at £0.005 = £25 → £40; ¥2,000,000 = £10,000 → £100.
#[test]
fn interest_uk_fixed_sum_needs_the_gbp_rate() {
    let args = |yen: &'static str| {
        vec![
            "interest",
            "--amount",
            yen,
            "--currency",
            "JPY",
            "--due",
            "2026-01-31",
            "--as-of",
            "2026-03-02",
            "--regime",
            "uk",
            "--rate",
            "4",
        ]
    };
    let (c, out, err) = code(&args("5000"));
    assert_eq!(c, Some(2), "{out}");
    assert!(
        err.contains("needs --gbp-rate") && err.contains("1 JPY in GBP"),
        "{err}"
    );
    for (yen, sum) in [("5000", "GBP 40.00"), ("2000000", "GBP 100.00")] {
        let mut a = args(yen);
        a.extend(["--gbp-rate", "0.005"]);
        let (ok, out, err) = credit(&a);
        assert!(ok, "{err}");
        assert!(
            out.contains(&format!("Compensation: {sum}")),
            "¥{yen}: {out}"
        );
    }
    // Not asked for elsewhere: refused rather than silently ignored.
    let (c, _, err) = code(&[
        "interest",
        "--amount",
        "1000",
        "--currency",
        "EUR",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--regime",
        "eu",
        "--rate",
        "2",
        "--gbp-rate",
        "0.85",
    ]);
    assert_eq!(c, Some(2));
    assert!(err.contains("--gbp-rate is only for"), "{err}");
    let (c, _, err) = code(&[
        "interest",
        "--amount",
        "1000",
        "--currency",
        "JPY",
        "--due",
        "2026-01-31",
        "--as-of",
        "2026-03-02",
        "--regime",
        "uk",
        "--rate",
        "4",
        "--gbp-rate",
        "0",
    ]);
    assert_eq!(c, Some(2));
    assert!(err.contains("--gbp-rate '0'"), "{err}");
}

/// Issue 23: an amount, a payment or a rate beyond what the interest can
/// hold panicked ("Multiplication overflowed", exit 101); each is now a
/// usage error naming the bound (exit 2). Rates are the app's range.
#[test]
fn interest_refuses_amounts_and_rates_beyond_the_bounds() {
    let base = |amount: &str, rate: &str, extra: &[&str]| {
        let mut a = vec![
            "interest",
            "--amount",
            amount,
            "--currency",
            "GBP",
            "--due",
            "1900-01-31",
            "--as-of",
            "9999-03-02",
            "--regime",
            "uk",
            "--rate",
            rate,
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let max = "79228162514264337593543950335";
    for (args, says) in [
        (
            base(max, "2", &[]),
            "--amount '79228162514264337593543950335': an amount of zero or more, at most 1,000,000,000,000,000",
        ),
        (base("1000", max, &[]), "a rate in percent from −10 to 100"),
        (base("1000", "1900-01-01:101", &[]), "from −10 to 100"),
        (
            base("1000", "4", &["--paid", &format!("2000-01-01:{max}")]),
            "--paid",
        ),
    ] {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, _, err) = code(&a);
        assert_eq!(status, Some(2), "{a:?}: {err}");
        assert!(err.contains(says), "{a:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // At the bounds, over 8,000 years: computed.
    let (status, out, err) = code(&[
        "interest",
        "--amount",
        "1000000000000000",
        "--currency",
        "GBP",
        "--due",
        "0001-01-31",
        "--as-of",
        "9999-12-31",
        "--regime",
        "contract",
        "--rate",
        "100",
    ]);
    assert_eq!(status, Some(0), "{err}");
    assert!(out.contains("Interest: GBP"), "{out}");
}
