//! Runs the `credit` command on the sample buyer file
//! (`tests/data/buyer_example.json`) and checks what it prints.
//!
//! The sample's figures are those of the assessment's hand-computed unit
//! test scaled by 10,000 (same ratios, so the same score 83.16, grade 2).
//! Limit: net worth 10 % × (4,000,000 − 500,000) = 350,000; working capital
//! 20 % × 2,000,000 = 400,000; needs 2,400,000 ÷ 365 × 67.5 = 443,835.62;
//! references 300,000; median (350,000 + 400,000) ÷ 2 = 375,000; × 1.10
//! (worst delay 20 days) = 412,500 → 410,000; utilisation 120,000 ÷ 410,000.
#![cfg(feature = "cli")]

use std::process::Command;

fn sample() -> String {
    format!(
        "{}/tests/data/buyer_example.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn credit(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_credit"))
        .args(args)
        .output()
        .expect("run credit")
}

#[test]
fn assess_prints_grade_limit_and_terms() {
    let out = credit(&["assess", &sample()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Grade: 2 (annual PD 0.05 % – 0.15 %)",
        "Score: 83.16 / 100",
        "Confidence: 100 %",
        "Altman Z″: 3.34 (safe zone)",
        "Drivers: Altman Z (+6.31), payment delay (+3.50), enforcement records (+3.00)",
        "net worth (10 % of tangible net worth)",
        "350,000",
        "443,835.62",
        "median",
        "375,000",
        "Recommended limit: 410,000 CNY (set by: history bonus (+10 %))",
        "Review by: 2027-06-30",
        "Utilisation: 29.3 %",
        "Terms: open account, up to 90 days",
    ] {
        assert!(s.contains(want), "missing {want:?} in:\n{s}");
    }
}

#[test]
fn assess_json_is_one_object() {
    let out = credit(&["assess", &sample(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["assessment"]["grade"], 2);
    assert_eq!(v["assessment"]["score"], "83.16");
    assert_eq!(v["assessment"]["drivers"][0], "AltmanZ");
    assert_eq!(v["limit"]["recommended"], "410000");
    assert_eq!(v["limit"]["set_by"], "HistoryBonus");
    assert_eq!(v["limit"]["methods"].as_array().unwrap().len(), 5);
    assert_eq!(v["terms"]["basis"], "OpenAccount");
    assert_eq!(v["terms"]["max_days"], 90);
    assert_eq!(v["currency"], "CNY");
    assert_eq!(v["blocks_new_credit"], false);
}

#[test]
fn bad_file_names_file_line_and_column_with_exit_code_2() {
    let dir = std::env::temp_dir().join(format!("credit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"as_of\": \"2026-06-30\",\n  \"assessment\": {\"industry_risk\": \"x\"}\n}\n",
    )
    .unwrap();
    let out = credit(&["assess", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains("bad.json: line 3, column"), "{e}");

    let impossible = dir.join("impossible.json");
    std::fs::write(
        &impossible,
        r#"{"as_of": "2026-06-30", "assessment": {"country_risk": 9}}"#,
    )
    .unwrap();
    let out = credit(&["assess", impossible.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("country risk: 9 is not a class from 1 to 7"),
        "{e}"
    );

    let out = credit(&["assess", dir.join("missing.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("missing.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(credit(&[]).status.code(), Some(2));
    assert_eq!(credit(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(credit(&["assess"]).status.code(), Some(2));
    assert_eq!(
        credit(&["assess", "a.json", "--yaml"]).status.code(),
        Some(2)
    );
    assert!(credit(&["--help"]).status.success());
}
