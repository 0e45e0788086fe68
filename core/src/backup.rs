//! The backup file: a portfolio and its [`Extras`] as one JSON document a
//! person can keep, move to another browser and restore.
//!
//! ```text
//! {"format":"credit-assistant-backup","schema":2,"checksum":"sha256:<64 hex>",
//!  "data":{"portfolio":{…},"extras":{…}}}
//! ```
//!
//! - `checksum` is the SHA-256 of the exact bytes of the `data` value as they
//!   stand in the file, so a file edited by hand (or damaged) is refused
//!   even where the edit would serialise back to the same JSON;
//! - the output is deterministic (no clock, no timestamp): the same
//!   portfolio always gives the same bytes, and export → import → export is
//!   byte-identical;
//! - schema 1 files (no `extras`) are read with empty extras; a newer schema
//!   is refused rather than misread.
//!
//! # Example
//! ```
//! use credit_core::backup::{from_json, to_json, BackupError};
//! use credit_core::store::Extras;
//! use credit_core::{customer::Customer, money::Currency, portfolio::Portfolio};
//! let mut p = Portfolio::new("主账户", Currency::CNY);
//! p.customers.push(Customer::new("C1", "苏州恒达"));
//! let text = to_json(&p, &Extras::new());
//! assert!(text.starts_with(r#"{"format":"credit-assistant-backup","schema":2,"checksum":"sha256:"#));
//! assert_eq!(from_json(&text), Ok((p, Extras::new())));
//! // One character changed in the data: the checksum no longer matches.
//! let edited = text.replace("苏州恒达", "苏州恒远");
//! assert_eq!(from_json(&edited), Err(BackupError::ChecksumMismatch));
//! ```

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use crate::portfolio::Portfolio;
use crate::store::Extras;

/// The value of the `format` field that marks a backup file.
pub const FORMAT: &str = "credit-assistant-backup";

/// The schema this build writes and the newest it reads.
pub const SCHEMA: u32 = 2;

/// The prefix of the `checksum` field's value.
const CHECKSUM_PREFIX: &str = "sha256:";

/// Why a file could not be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// Not JSON at all (or cut short): where the reading stopped.
    #[error("not a JSON file: {reason} at line {line}, column {column}")]
    NotJson {
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the parser found.
        reason: String,
    },
    /// Valid JSON, but not a Credit Assistant backup (no or another
    /// `format`).
    #[error("not a Credit Assistant backup file")]
    NotABackup,
    /// Written by a newer version of the app.
    #[error("written by a newer version of the app (schema {found}; this version reads up to {supported}): update the app")]
    NewerSchema {
        /// The file's schema.
        found: u32,
        /// The newest schema this build reads ([`SCHEMA`]).
        supported: u32,
    },
    /// The data is not what was written: edited by hand or damaged.
    #[error("the backup's checksum does not match its data: the file was edited or damaged")]
    ChecksumMismatch,
    /// A backup whose structure or values are wrong.
    #[error("invalid backup: {reason}")]
    Invalid {
        /// What is wrong, and where.
        reason: String,
    },
}

/// What `data` holds, for writing.
#[derive(Serialize)]
struct DataOut<'a> {
    portfolio: &'a Portfolio,
    extras: &'a Extras,
}

/// What `data` holds, for reading.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataIn {
    portfolio: Portfolio,
    #[serde(default)]
    extras: Extras,
}

/// The envelope, each field left unparsed until it is needed.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    format: Option<&'a RawValue>,
    #[serde(borrow)]
    schema: Option<&'a RawValue>,
    #[serde(borrow)]
    checksum: Option<&'a RawValue>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

/// The backup file of a portfolio and its extras: compact JSON on one line,
/// the same bytes for the same input.
pub fn to_json(p: &Portfolio, extras: &Extras) -> String {
    let data = serde_json::to_string(&DataOut {
        portfolio: p,
        extras,
    })
    // Serialising these types cannot fail: every map key is a string and
    // every value has a JSON form.
    .unwrap_or_else(|_| String::from("null"));
    let mut out = String::with_capacity(data.len() + 160);
    let _ = write!(
        out,
        r#"{{"format":"{FORMAT}","schema":{SCHEMA},"checksum":"{CHECKSUM_PREFIX}{}","data":{data}}}"#,
        sha256_hex(data.as_bytes())
    );
    out
}

/// Reads a backup file.
///
/// # Errors
/// - [`BackupError::NotJson`] for text that is not JSON (with the line and
///   column where reading stopped);
/// - [`BackupError::NotABackup`] for JSON that is not a backup;
/// - [`BackupError::NewerSchema`] for a file from a newer app;
/// - [`BackupError::ChecksumMismatch`] when the data is not what was
///   written;
/// - [`BackupError::Invalid`] for a wrong structure or value (with its
///   path) or an inconsistent portfolio (e.g. an invoice of an unknown
///   buyer).
///
/// # Example
/// ```
/// use credit_core::backup::{from_json, BackupError};
/// assert_eq!(from_json(r#"{"a":1}"#), Err(BackupError::NotABackup));
/// assert!(matches!(from_json("{\n\"format\":"), Err(BackupError::NotJson { line: 2, .. })));
/// let newer = r#"{"format":"credit-assistant-backup","schema":3,"checksum":"sha256:00","data":{}}"#;
/// assert_eq!(from_json(newer), Err(BackupError::NewerSchema { found: 3, supported: 2 }));
/// ```
pub fn from_json(text: &str) -> Result<(Portfolio, Extras), BackupError> {
    let env: Envelope = match serde_json::from_str(text) {
        Ok(env) => env,
        Err(e) if e.is_syntax() || e.is_eof() => {
            return Err(BackupError::NotJson {
                line: e.line(),
                column: e.column(),
                reason: reason_of(&e),
            })
        }
        // Valid JSON of another shape: an array, a number…
        Err(_) if !text.trim_start().starts_with('{') => return Err(BackupError::NotABackup),
        // An object with a field twice.
        Err(e) => return Err(invalid(e.to_string())),
    };
    match env.format.map(|f| serde_json::from_str::<&str>(f.get())) {
        Some(Ok(FORMAT)) => {}
        _ => return Err(BackupError::NotABackup),
    }
    let schema = env
        .schema
        .and_then(|s| serde_json::from_str::<u32>(s.get()).ok())
        .ok_or_else(|| invalid("\"schema\" must be a whole number".into()))?;
    if schema > SCHEMA {
        return Err(BackupError::NewerSchema {
            found: schema,
            supported: SCHEMA,
        });
    }
    if schema == 0 {
        return Err(invalid("\"schema\" 0 does not exist".into()));
    }
    let checksum = env
        .checksum
        .and_then(|c| serde_json::from_str::<String>(c.get()).ok())
        .ok_or_else(|| invalid("no \"checksum\"".into()))?;
    let expected = checksum
        .strip_prefix(CHECKSUM_PREFIX)
        .ok_or_else(|| invalid(format!("\"checksum\" must start with {CHECKSUM_PREFIX}")))?;
    let data = env.data.ok_or_else(|| invalid("no \"data\"".into()))?;
    if !expected.eq_ignore_ascii_case(&sha256_hex(data.get().as_bytes())) {
        return Err(BackupError::ChecksumMismatch);
    }
    // Where: the line and column in the file (a JSON path tracker cost the
    // worker's download 40 KB for the same information).
    let DataIn { portfolio, extras } =
        serde_json::from_str(data.get()).map_err(|e: serde_json::Error| {
            let (line, column) = absolute(text, data.get(), e.line(), e.column());
            invalid(format!("{} (line {line}, column {column})", reason_of(&e)))
        })?;
    check(&portfolio)?;
    Ok((portfolio, extras))
}

/// What the portfolio's types do not check themselves: a sound ledger
/// ([`Portfolio::validate`]) and an FX table in order with rates above zero.
fn check(p: &Portfolio) -> Result<(), BackupError> {
    let rates = p.fx.rates();
    for (i, r) in rates.iter().enumerate() {
        if r.rate <= rust_decimal::Decimal::ZERO {
            return Err(invalid(format!(
                "the exchange rate {} for {} on {} must be above zero",
                r.rate, r.currency, r.date
            )));
        }
        if i > 0
            && rates
                .get(i - 1)
                .is_some_and(|q| (q.currency, q.date) >= (r.currency, r.date))
        {
            return Err(invalid(format!(
                "exchange rates out of order at {} {}",
                r.currency, r.date
            )));
        }
    }
    let errors = p.validate();
    if errors.is_empty() {
        return Ok(());
    }
    // The first few say enough; a broken file can have thousands.
    const SHOWN: usize = 5;
    let mut reason = errors
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if errors.len() > SHOWN {
        let _ = write!(reason, " (and {} more)", errors.len() - SHOWN);
    }
    Err(invalid(reason))
}

fn invalid(reason: String) -> BackupError {
    BackupError::Invalid { reason }
}

/// serde_json's message without the " at line L column C" it appends.
fn reason_of(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    s.strip_suffix(&tail).map_or(s.clone(), str::to_string)
}

/// A position in `inner` (a slice of `outer`) as a position in `outer`.
fn absolute(outer: &str, inner: &str, line: usize, column: usize) -> (usize, usize) {
    let start = (inner.as_ptr() as usize)
        .checked_sub(outer.as_ptr() as usize)
        .filter(|&s| s <= outer.len())
        .unwrap_or(0);
    let before = outer.get(..start).unwrap_or("");
    let line0 = before.matches('\n').count();
    let col0 = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
    if line <= 1 {
        (line0 + 1, col0 + column)
    } else {
        (line0 + line, column)
    }
}

/// Lower-case hex of the SHA-256 of `bytes`.
fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::demo::{generate, DemoSpec};
    use crate::invoice::{Invoice, Payment};
    use crate::money::Currency;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default()
    }

    fn extras() -> Extras {
        let mut e = Extras::new();
        e.insert(
            "import.mapping".into(),
            "{\"发票号\":\"invoice_id\"}".into(),
        );
        e
    }

    fn round_trip(p: &Portfolio, e: &Extras) {
        let text = to_json(p, e);
        let (q, f) = from_json(&text).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(&q, p);
        assert_eq!(&f, e);
        assert_eq!(
            to_json(&q, &f),
            text,
            "export → import → export changed bytes"
        );
    }

    #[test]
    fn the_standard_demo_round_trips_byte_for_byte() {
        round_trip(&generate(&DemoSpec::standard(end())), &extras());
    }

    #[test]
    fn the_large_demo_round_trips_byte_for_byte() {
        round_trip(
            &generate(&DemoSpec::large(end(), 200, 20_000)),
            &Extras::new(),
        );
    }

    #[test]
    fn chinese_names_round_trip() {
        let mut p = Portfolio::new("信用助手 主账户", Currency::CNY);
        p.customers
            .push(Customer::new("客户1", "苏州恒达精密机械有限公司"));
        round_trip(&p, &extras());
        // Written as UTF-8, not as \u escapes.
        assert!(to_json(&p, &extras()).contains("苏州恒达精密机械有限公司"));
    }

    #[test]
    fn a_hand_edited_amount_fails_the_checksum() {
        let mut p = Portfolio::new("P", Currency::CNY);
        p.customers.push(Customer::new("C1", "A"));
        p.invoices.push(Invoice {
            kind: Default::default(),
            id: "F1".into(),
            customer_id: "C1".into(),
            issue_date: end(),
            due_date: end(),
            currency: Currency::CNY,
            gross: Decimal::new(123_450, 2),
            vat: None,
            payments: vec![],
            dispute: None,
        });
        let text = to_json(&p, &Extras::new());
        assert!(text.contains("\"1234.50\""));
        let edited = text.replace("\"1234.50\"", "\"9234.50\"");
        assert_eq!(from_json(&edited), Err(BackupError::ChecksumMismatch));
        // Even an edit that means the same value: the bytes are checked.
        let spaced = text.replace("\"gross\":", "\"gross\": ");
        assert_eq!(from_json(&spaced), Err(BackupError::ChecksumMismatch));
    }

    /// Issue 23, case 7: a backup whose checksum was recomputed after an
    /// edit passes the same rules as an import: each edit below is refused,
    /// naming the invoice or buyer, the field and the reason.
    #[test]
    fn a_recomputed_checksum_does_not_skip_validation() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let good = || {
            let mut p = Portfolio::new("P", Currency::EUR);
            p.customers.push(Customer::new("C1", "Acme"));
            p.invoices.push(Invoice {
                kind: Default::default(),
                id: "INV-1".into(),
                customer_id: "C1".into(),
                issue_date: d("2026-01-31"),
                due_date: d("2026-03-02"),
                currency: Currency::EUR,
                gross: Decimal::from(1190),
                vat: Some(Decimal::from(190)),
                payments: vec![Payment {
                    date: d("2026-02-20"),
                    amount: Decimal::from(500),
                }],
                dispute: None,
            });
            p
        };
        assert!(from_json(&to_json(&good(), &Extras::new())).is_ok());
        type Edit = fn(&mut Portfolio);
        let cases: [(Edit, &str); 8] = [
            (
                |p| p.invoices[0].payments[0].amount = Decimal::from(-500),
                "payment '-500': cannot be negative",
            ),
            (
                |p| p.invoices[0].due_date = p.invoices[0].issue_date.pred_opt().unwrap(),
                "due date '2026-01-30': due date is before the issue date",
            ),
            (
                |p| {
                    p.invoices[0].customer_id.clear();
                    p.customers[0].id.clear();
                },
                "customer '': required value is empty",
            ),
            (
                |p| p.invoices[0].vat = Some(Decimal::from(2000)),
                "vat '2000': VAT is larger than the gross amount",
            ),
            (
                |p| p.customers[0].name = "N".repeat(100_000),
                "customer 'C1': name: longer than 1,000 characters",
            ),
            (
                |p| p.invoices[0].gross = Decimal::MAX,
                "gross '79228162514264337593543950335': beyond the largest amount",
            ),
            (
                |p| {
                    p.invoices[0].payments[0].amount = Decimal::new(1, 0) + crate::money::MAX_AMOUNT
                },
                "payment '1000000000000001': beyond the largest amount",
            ),
            (
                |p| p.invoices[0].id = " ".into(),
                "id ' ': required value is empty",
            ),
        ];
        for (edit, says) in cases {
            let mut p = good();
            edit(&mut p);
            match from_json(&to_json(&p, &Extras::new())) {
                Err(BackupError::Invalid { reason }) => assert!(reason.contains(says), "{reason}"),
                other => panic!("{says}: {other:?}"),
            }
        }
    }

    #[test]
    fn newer_schema_is_refused() {
        let text = to_json(&Portfolio::new("P", Currency::CNY), &Extras::new());
        let newer = text.replace("\"schema\":2", "\"schema\":3");
        assert_eq!(
            from_json(&newer),
            Err(BackupError::NewerSchema {
                found: 3,
                supported: 2
            })
        );
    }

    #[test]
    fn schema_1_without_extras_is_read() {
        let p = Portfolio::new("P", Currency::CNY);
        let data =
            serde_json::to_string(&serde_json::json!({ "portfolio": p })).unwrap_or_default();
        let text = format!(
            r#"{{"format":"{FORMAT}","schema":1,"checksum":"sha256:{}","data":{data}}}"#,
            sha256_hex(data.as_bytes())
        );
        assert_eq!(from_json(&text), Ok((p, Extras::new())));
    }

    #[test]
    fn other_json_is_not_a_backup() {
        assert_eq!(from_json(r#"{"a":1}"#), Err(BackupError::NotABackup));
        assert_eq!(from_json(r#"[1,2]"#), Err(BackupError::NotABackup));
        assert_eq!(
            from_json(r#"{"format":"other"}"#),
            Err(BackupError::NotABackup)
        );
        assert_eq!(from_json(r#"{"format":7}"#), Err(BackupError::NotABackup));
    }

    #[test]
    fn truncated_text_is_not_json_with_a_position() {
        let text = to_json(&generate(&DemoSpec::standard(end())), &Extras::new());
        let cut = &text[..text.len() / 2];
        match from_json(cut) {
            Err(BackupError::NotJson { line, column, .. }) => {
                assert_eq!(line, 1);
                assert!(column > 0);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(from_json(""), Err(BackupError::NotJson { .. })));
    }

    #[test]
    fn an_inconsistent_portfolio_is_invalid() {
        let mut p = Portfolio::new("P", Currency::CNY);
        p.invoices.push(Invoice {
            kind: Default::default(),
            id: "F1".into(),
            customer_id: "nobody".into(),
            issue_date: end(),
            due_date: end(),
            currency: Currency::CNY,
            gross: Decimal::ONE,
            vat: None,
            payments: vec![Payment {
                date: end(),
                amount: Decimal::ONE,
            }],
            dispute: None,
        });
        match from_json(&to_json(&p, &Extras::new())) {
            Err(BackupError::Invalid { reason }) => assert!(reason.contains("nobody"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_wrong_value_says_what_and_where() {
        let p = Portfolio::new("P", Currency::CNY);
        let data = r#"{"portfolio":{"name":"P","fx":{"base":"CNY","rates":[]},"customers":[],"invoices":[],"settings":{"ageing":{"basis":"sideways","edges":[]},"kpi":{"period_days":1,"countback_months":1,"at_risk_days":1}}}}"#;
        let text = format!(
            r#"{{"format":"{FORMAT}","schema":2,"checksum":"sha256:{}","data":{data}}}"#,
            sha256_hex(data.as_bytes())
        );
        match from_json(&text) {
            Err(BackupError::Invalid { reason }) => {
                // The value and the position just after it in the file.
                let column = text.find("\"sideways\"").unwrap() + "\"sideways\"".len();
                assert!(reason.contains("unknown variant `sideways`"), "{reason}");
                assert!(
                    reason.ends_with(&format!("(line 1, column {column})")),
                    "{reason}"
                );
            }
            other => panic!("{other:?} {p:?}"),
        }
    }

    /// Any amount a stored portfolio can hold (within `MAX_AMOUNT`).
    fn decimal() -> impl Strategy<Value = Decimal> {
        (-1_000_000_000_000_000i64..=1_000_000_000_000_000, 0u32..=28)
            .prop_map(|(m, s)| Decimal::new(m, s))
    }

    fn portfolio() -> impl Strategy<Value = Portfolio> {
        (
            "\\PC{0,16}",
            proptest::collection::vec(
                ("\\PC{1,8}", "\\PC{0,12}", proptest::option::of(decimal())),
                1..5,
            ),
            proptest::collection::vec(
                (
                    "\\PC{1,10}",
                    0usize..5,
                    -30_000i32..30_000,
                    0i32..200,
                    decimal(),
                    proptest::option::of(0i64..=100),
                ),
                0..20,
            ),
        )
            .prop_map(|(name, custs, invs)| {
                let mut p = Portfolio::new(name, Currency::EUR);
                for (i, (id, cname, limit)) in custs.into_iter().enumerate() {
                    p.customers.push(Customer {
                        credit_limit: limit,
                        ..Customer::new(format!("{i}-{id}"), cname)
                    });
                }
                let n = p.customers.len();
                let day =
                    |k: i32| NaiveDate::from_num_days_from_ce_opt(719_163 + k).unwrap_or_default();
                for (i, (id, c, issue, terms, gross, vat_pct)) in invs.into_iter().enumerate() {
                    // VAT a share of the gross, as on an invoice.
                    let vat = vat_pct.map(|k| gross * Decimal::new(k, 2));
                    let customer_id = p
                        .customers
                        .get(c % n)
                        .map(|c| c.id.clone())
                        .unwrap_or_default();
                    p.invoices.push(Invoice {
                        kind: Default::default(),
                        id: format!("{i}-{id}"),
                        customer_id,
                        issue_date: day(issue),
                        due_date: day(issue + terms),
                        currency: Currency::EUR,
                        gross,
                        vat,
                        payments: vec![Payment {
                            date: day(issue + 1),
                            amount: gross,
                        }],
                        dispute: None,
                    });
                }
                p
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn generated_portfolios_round_trip_byte_for_byte(
            p in portfolio(),
            e in proptest::collection::btree_map("\\PC{0,8}", "\\PC{0,20}", 0..3),
        ) {
            let text = to_json(&p, &e);
            let (q, f) = from_json(&text).map_err(|err| TestCaseError::fail(err.to_string()))?;
            prop_assert_eq!(&q, &p);
            prop_assert_eq!(&f, &e);
            prop_assert_eq!(to_json(&q, &f), text);
        }

        #[test]
        fn any_text_gives_a_result(text in "\\PC{0,200}") {
            let _ = from_json(&text);
        }
    }
}
