//! The report commands read a backup file as the app's Restore reads it
//! (issue 23): the same checks, a clear refusal, and its portfolio as it
//! stands. The hostile backups themselves are run by
//! `tests/hostile/run_corpus.py`.
#![cfg(feature = "cli")]

use std::process::Command;

use credit_core::backup::to_json;
use credit_core::customer::Customer;
use credit_core::invoice::Invoice;
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use credit_core::store::Extras;
use credit_core::{Decimal, NaiveDate};

fn credit(args: &[&str]) -> (Option<i32>, String, String) {
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

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn portfolio(gross: Decimal) -> Portfolio {
    let mut p = Portfolio::new("Backup", Currency::EUR);
    for id in ["A/B", "A?x=1", "A#f", ".."] {
        p.customers.push(Customer::new(id, format!("Buyer {id}")));
        p.invoices.push(Invoice {
            kind: Default::default(),
            id: format!("{id}-1"),
            customer_id: id.into(),
            issue_date: day("2026-09-01"),
            due_date: day("2026-10-01"),
            currency: Currency::EUR,
            gross,
            vat: None,
            payments: vec![],
            dispute: None,
        });
    }
    p
}

fn write(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("credit-cli-backup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_backup_is_aged_in_its_own_currency() {
    let path = write(
        "ok.json",
        &to_json(&portfolio(Decimal::from(100)), &Extras::new()),
    );
    let (status, out, err) = credit(&["age", &path, "--as-of", "2026-11-30"]);
    assert_eq!(status, Some(0), "{err}");
    assert!(out.contains("in EUR"), "{out}");
    for id in ["A/B Buyer A/B", "A?x=1", "A#f", ".. Buyer .."] {
        assert!(out.contains(id), "{id} in {out}");
    }
    assert!(out.contains("400.00"), "{out}");
}

#[test]
fn a_backup_breaking_the_rules_is_refused_with_the_reason() {
    let path = write(
        "max.json",
        &to_json(&portfolio(Decimal::MAX), &Extras::new()),
    );
    let (status, _, err) = credit(&["kpi", &path, "--as-of", "2026-11-30"]);
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("cannot restore this backup"), "{err}");
    assert!(err.contains("beyond the largest amount"), "{err}");
    // Edited by hand: the checksum says so.
    let edited = to_json(&portfolio(Decimal::from(100)), &Extras::new()).replace("Buyer", "Bayer");
    let path = write("edited.json", &edited);
    let (status, _, err) = credit(&["age", &path, "--as-of", "2026-11-30"]);
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("checksum does not match"), "{err}");
    // Cut short: still named a backup, not read as a ledger.
    let path = write("cut.json", &edited[..edited.len() / 2]);
    let (status, _, err) = credit(&["age", &path, "--as-of", "2026-11-30"]);
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("not a JSON file"), "{err}");
}

#[test]
fn an_encrypted_backup_is_refused_and_its_kdf_checked() {
    let file = |iterations: u64| {
        format!(
            r#"{{"format":"credit-assistant-backup-encrypted","version":1,"kdf":{{"name":"PBKDF2-SHA256","iterations":{iterations},"salt":"{}"}},"cipher":"AES-256-GCM","iv":"{}","data":"{}"}}"#,
            "00".repeat(16),
            "00".repeat(12),
            "A".repeat(64)
        )
    };
    let path = write("kdf.json", &file(4_294_967_295));
    let (status, _, err) = credit(&["age", &path, "--as-of", "2026-11-30"]);
    assert_eq!(status, Some(2), "{err}");
    assert!(
        err.contains("4294967295 iterations (at most 10000000"),
        "{err}"
    );
    let path = write("enc.json", &file(600_000));
    let (status, _, err) = credit(&["age", &path, "--as-of", "2026-11-30"]);
    assert_eq!(status, Some(2), "{err}");
    assert!(err.contains("encrypted backup"), "{err}");
}
