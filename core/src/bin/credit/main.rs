//! `credit`: Credit Assistant's command line (build with `--features cli`).
//!
//! ```text
//! credit assess BUYER.json [--json]
//! credit age FILE --as-of DATE [--buckets 30,60,90,120] [--by due|issue]
//!            [--currency CNY] [--date-order dmy|mdy] [--json]
//! credit kpi FILE --as-of DATE [--currency CNY] [--date-order dmy|mdy] [--json]
//! credit alerts FILE --as-of DATE [--currency CNY] [--date-order dmy|mdy] [--json]
//! credit forecast FILE --as-of DATE [--weeks 13] [--currency CNY] [--date-order dmy|mdy] [--json]
//! credit terms 2/10/30 [--json]
//! ```
//!
//! Every command that reads a ledger file also reads a backup file (the
//! app's Backup, JSON): it is checked as the app's Restore checks it
//! (checksum, schema, the import's row rules and bounds) and its portfolio
//! is used as it stands, with its own base currency and rates (the options
//! on how to read a ledger do not apply). An encrypted backup is refused:
//! its key is derived in the browser.
//!
//! Every command that reads a ledger file also takes `--preset NAME` (one of
//! `credit_core::import::Preset`'s ids; without it a preset is recognised
//! from the headers, else the headers are guessed), `--header-row N` (the
//! header's row when the search below title rows gets it wrong) and
//! `--encoding auto|utf-8|gbk|windows-1252|utf-16le|utf-16be`. `--as-of` is
//! also the file's date for paid amounts without a payment date.
//!
//! `age` and `kpi` read an invoice file (CSV in UTF-8, UTF-16, GBK or
//! Windows-1252 with `,` `;` or tab; XLSX when built with the `xlsx`
//! feature) through the same
//! parser as the app's import (`credit_core::import`), into a portfolio whose
//! base currency is `--currency` (default CNY; rows without a currency take
//! it). Every row error is printed to stderr (file, row, column, value,
//! reason) and the exit code is 2; nothing is computed from half a file.
//! A file whose dates can be read day/month or month/day needs
//! `--date-order`. Invoices in another currency than the base need a rate,
//! which a file cannot give: the command refuses them (exit 2).
//!
//! `age --json` prints one object: `as_of`, `currency`, `basis`, `total`,
//! `disputed`, `buckets` (in order, each `{label, min_days, max_days,
//! amount}`, `null` for an open end) and `customers` (each `{id, name,
//! total, buckets}`); amounts are decimal strings rounded half-even to the
//! currency's minor unit. `kpi --json` prints one object of the KPIs as
//! decimal strings (amounts to the minor unit, days, CEI and turnover to
//! 0.1, ratios as
//! fractions to 0.001, HHI whole), `null` where a KPI is undefined — the
//! figures of `credit_core::export::kpi_rows`, at the app's precision.
//!
//! `assess` grades a buyer and recommends its credit limit and terms. The
//! file (see `core/tests/data/buyer_example.json`) holds:
//!
//! ```json
//! {
//!   "as_of": "2026-06-30",
//!   "currency": "CNY",
//!   "assessment": { "financials": {…}, "behaviour": {…}, "profile": {…},
//!                   "legal": {…}, "industry_risk": 2, "country_risk": 1 },
//!   "limit": { "expected_annual_purchases": 2400000, "terms_days": 60,
//!              "trade_references": [250000, 350000], "insured_limit": 500000,
//!              "insured_only": false, "exposure": 120000 }
//! }
//! ```
//!
//! - `assessment` is `credit_core::assessment::AssessmentInput`; every field
//!   may be left out (a missing input lowers the confidence, never fails).
//!   Amounts are JSON numbers or strings (`"1234.56"`, exact).
//! - `limit` takes the rest of `credit_core::limit::LimitInput`: the
//!   financials, average delay, worst delay and history come from
//!   `assessment`. Every field may be left out; `exposure` (optional) is the
//!   buyer's open exposure, for the utilisation.
//! - `currency` only labels the amounts.
//!
//! Output: the grade, PD band, score, confidence, Altman score, drivers and
//! each factor's points; every limit method's figure, the median of the
//! capacity methods, the capacity (median × grade factor × history
//! adjustment) and the need, the recommended limit (the lower of the two,
//! capped, rounded down to two figures) and the rule that set it, the review date and the utilisation; the terms.
//! `--json` prints the same as one JSON object: `as_of`, `currency`,
//! `assessment`, `limit`, `terms`, `utilisation`, `blocks_new_credit`.
//!
//! Exit codes: 0 done; 2 a usage error, a file that cannot be read or
//! parsed (the message names the file, line and column), or an impossible
//! input.

use std::process::ExitCode;

use credit_core::ageing::{age, AgeBasis, AgeingReport, AgeingSettings, BucketDef};
use credit_core::assessment::{
    Assessment, AssessmentInput, DefaultTrigger, FactorId, Scorecard, ZModel, Zone,
};
use credit_core::backup::{self, BackupError};
use credit_core::envelope::EncryptedBackup;
use credit_core::export::{amount_string, kpi_rows};
use credit_core::import::{
    detect_preset, guess_mapping, merge, preview, read_file, DateOrder, EncodingChoice,
    ErrorReason, FileKind, MergePolicy, OnExisting, ParseOptions, Preset, ReadOptions,
};
use credit_core::kpi;
use credit_core::limit::{
    blocks_new_credit, utilisation, LimitInput, LimitMethod, LimitRecommendation, LimitRule,
};
use credit_core::money::{format_amount, Currency};
use credit_core::portfolio::Portfolio;
use credit_core::rating::{recommend, NEUTRAL_GRADE};
use credit_core::store::Extras;
use credit_core::terms::{Security, TermsBasis, TermsRecommendation};
use credit_core::{Decimal, NaiveDate};
use serde::Deserialize;

const USAGE: &str = "usage: credit assess BUYER.json [--json]
       credit age FILE --as-of DATE [--buckets 30,60,90,120] [--by due|issue] [FILE OPTIONS] [--json]
       credit kpi FILE --as-of DATE [FILE OPTIONS] [--json]
       credit alerts FILE --as-of DATE [FILE OPTIONS] [--json]
       credit forecast FILE --as-of DATE [--weeks 13] [FILE OPTIONS] [--json]
       credit terms 2/10/30 [--json]
       credit dunning FILE --as-of DATE [--policy standard|proactive|firm] [FILE OPTIONS] [--json]
       credit interest --amount 1000 --currency EUR --due DATE --as-of DATE --regime eu|de|fr|uk|cn|contract [--rate 4.5 | --rate DATE:4.5 …] [--gbp-rate R] [--paid DATE:AMOUNT]… [--json]
       credit insurance FILE --policy POLICY.json --as-of DATE [FILE OPTIONS] [--json]
       credit claim FILE --policy POLICY.json --buyer ID --as-of DATE [--recoveries 0] [FILE OPTIONS] [--json]
       credit statement FILE --buyer ID --as-of DATE [--lang zh|en] [--book BOOK.json] [--eml OUT.eml] [FILE OPTIONS] [--json]
       credit statement FILE --plan --as-of DATE [--lang zh|en] [--book BOOK.json] [--eml-dir DIR] [FILE OPTIONS] [--json]
       credit order-check FILE --buyer ID --amount X --as-of DATE [--grade N] [--book BOOK.json] [FILE OPTIONS] [--json]
FILE OPTIONS: [--currency CNY] [--date-order dmy|mdy] [--preset NAME] [--header-row N]
              [--encoding auto|utf-8|gbk|windows-1252|utf-16le|utf-16be]
presets: sap-fbl5n-de, sap-fbl5n-en, erpnext-ar, odoo, kingdee, yonyou, quickbooks-ar-aging, xero-aged-receivables
FILE: a ledger (CSV or XLSX) or a backup of the app (JSON, read as Restore reads it)
BOOK: the collections book (promises, disputes, contacts, groups, order rules) as JSON; a backup's own is used when none is given";

/// The buyer file of `credit assess`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BuyerFile {
    as_of: NaiveDate,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    assessment: AssessmentInput,
    #[serde(default)]
    limit: LimitSection,
}

/// The limit inputs not already in the assessment.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct LimitSection {
    expected_annual_purchases: Option<Decimal>,
    terms_days: u32,
    trade_references: Vec<Decimal>,
    insured_limit: Option<Decimal>,
    insured_only: bool,
    exposure: Option<Decimal>,
}

mod alerts;
mod cash;
mod collections;
mod dunning;
mod insurance;

/// A failure to report: the message and the exit code.
struct Failure(String, u8);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("assess") => cmd_assess(&args[1..]),
        Some("age") => cmd_age(&args[1..]),
        Some("kpi") => cmd_kpi(&args[1..]),
        Some("forecast") => cash::cmd_forecast(&args[1..]),
        Some("terms") => cash::cmd_terms(&args[1..]),
        Some("alerts") => alerts::cmd_alerts(&args[1..]),
        Some("dunning") => dunning::cmd_dunning(&args[1..]),
        Some("interest") => dunning::cmd_interest(&args[1..]),
        Some("insurance") => insurance::cmd_insurance(&args[1..]),
        Some("claim") => insurance::cmd_claim(&args[1..]),
        Some("statement") => collections::cmd_statement(&args[1..]),
        Some("order-check") => collections::cmd_order_check(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(Failure(
            format!("credit: unknown command {other:?}\n{USAGE}"),
            2,
        )),
        None => Err(Failure(USAGE.to_string(), 2)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(msg, code)) => {
            if !msg.is_empty() {
                eprintln!("{msg}");
            }
            ExitCode::from(code)
        }
    }
}

fn cmd_assess(args: &[String]) -> Result<(), Failure> {
    let mut json = false;
    let mut path = None;
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            flag if flag.starts_with("--") => {
                return Err(Failure(
                    format!("credit assess: unknown option {flag}\n{USAGE}"),
                    2,
                ))
            }
            p if path.is_none() => path = Some(p),
            extra => {
                return Err(Failure(
                    format!("credit assess: unexpected argument {extra:?}\n{USAGE}"),
                    2,
                ))
            }
        }
    }
    let path = path.ok_or_else(|| Failure(format!("credit assess: no buyer file\n{USAGE}"), 2))?;
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("credit: cannot read {path}: {e}"), 2))?;
    let file: BuyerFile = serde_json::from_str(&text).map_err(|e| {
        Failure(
            format!(
                "credit: {path}: line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
            2,
        )
    })?;
    let l = &file.limit;
    let limit_input = LimitInput {
        expected_annual_purchases: l.expected_annual_purchases,
        terms_days: l.terms_days,
        trade_references: l.trade_references.clone(),
        insured_limit: l.insured_limit,
        insured_only: l.insured_only,
        ..LimitInput::default()
    }
    .with_buyer(&file.assessment);
    // No grade without evidence (credit_core::rating): a buyer not
    // assessed counts at the neutral grade for its limit and terms. A
    // `terms_days` of 0 (or none) is read as "no terms asked for".
    let asked = (l.terms_days > 0).then_some(l.terms_days);
    let r = recommend(
        &file.assessment,
        &limit_input,
        asked,
        file.as_of,
        &Scorecard::default(),
    )
    .map_err(|e| Failure(format!("credit: {path}: {e}"), 2))?;
    let (a, assessed, limit, terms) = (r.assessment, r.assessed, r.limit, r.terms);
    let used = l.exposure.and_then(|x| utilisation(x, limit.recommended));
    let blocks = l.exposure.map(|x| blocks_new_credit(x, limit.recommended));
    let currency = file.currency.unwrap_or_default();
    if json {
        let out = serde_json::json!({
            "as_of": file.as_of,
            "currency": currency,
            "assessed": assessed,
            "assessment": a,
            "limit": limit,
            "terms": terms,
            "utilisation": used,
            "blocks_new_credit": blocks,
        });
        let s = serde_json::to_string_pretty(&out)
            .map_err(|e| Failure(format!("credit: cannot write JSON: {e}"), 1))?;
        println!("{s}");
    } else {
        print!(
            "{}",
            plain(&a, assessed, &limit, &terms, file.as_of, &currency, used, blocks)
        );
    }
    Ok(())
}

/// The options of `age` and `kpi`.
struct FileArgs {
    path: String,
    as_of: NaiveDate,
    currency: Currency,
    date_order: Option<DateOrder>,
    json: bool,
    edges: Option<Vec<u32>>,
    basis: AgeBasis,
    /// `--preset`; `None` recognises one from the headers.
    preset: Option<Preset>,
    /// `--header-row`, 1-based.
    header_row: Option<usize>,
    /// `--encoding`.
    encoding: EncodingChoice,
}

fn usage_error(cmd: &str, msg: &str) -> Failure {
    Failure(format!("credit {cmd}: {msg}\n{USAGE}"), 2)
}

fn parse_file_args(cmd: &str, args: &[String], ageing: bool) -> Result<FileArgs, Failure> {
    let mut path = None;
    let mut as_of = None;
    let mut currency = Currency::CNY;
    let mut date_order = None;
    let mut json = false;
    let mut edges = None;
    let mut basis = AgeBasis::DueDate;
    let mut preset = None;
    let mut header_row = None;
    let mut encoding = EncodingChoice::Auto;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let needs_value = matches!(
            flag,
            "--as-of"
                | "--currency"
                | "--date-order"
                | "--buckets"
                | "--by"
                | "--preset"
                | "--header-row"
                | "--encoding"
        );
        let value = if needs_value {
            match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| usage_error(cmd, &format!("{flag} needs a value")))?,
            }
        } else {
            String::new()
        };
        match flag {
            "--json" => json = true,
            "--as-of" => {
                as_of = Some(credit_core::dates::parse_iso(&value).ok_or_else(|| {
                    usage_error(cmd, &format!("--as-of {value:?} is not a date YYYY-MM-DD"))
                })?)
            }
            "--currency" => {
                currency = Currency::new(&value.to_ascii_uppercase()).map_err(|_| {
                    usage_error(
                        cmd,
                        &format!("--currency {value:?} is not an ISO 4217 code"),
                    )
                })?
            }
            "--date-order" => {
                date_order = Some(match value.to_ascii_lowercase().as_str() {
                    "dmy" => DateOrder::Dmy,
                    "mdy" => DateOrder::Mdy,
                    _ => return Err(usage_error(cmd, "--date-order is dmy or mdy")),
                })
            }
            "--preset" => {
                preset = Some(Preset::from_id(&value).ok_or_else(|| {
                    let names: Vec<&str> = Preset::ALL.iter().map(|p| p.id()).collect();
                    usage_error(
                        cmd,
                        &format!(
                            "--preset {value:?} is not a preset; use one of: {}",
                            names.join(", ")
                        ),
                    )
                })?)
            }
            "--header-row" => {
                header_row = Some(value.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(
                    || usage_error(cmd, &format!("--header-row {value:?}: a row number from 1")),
                )?)
            }
            "--encoding" => {
                encoding =
                    match value.to_ascii_lowercase().as_str() {
                        "auto" => EncodingChoice::Auto,
                        "utf-8" | "utf8" => EncodingChoice::Utf8,
                        "gbk" | "gb18030" | "gb2312" => EncodingChoice::Gb18030,
                        "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => {
                            EncodingChoice::Windows1252
                        }
                        "utf-16le" | "utf16le" => EncodingChoice::Utf16Le,
                        "utf-16be" | "utf16be" => EncodingChoice::Utf16Be,
                        _ => return Err(usage_error(
                            cmd,
                            "--encoding is auto, utf-8, gbk, windows-1252, utf-16le or utf-16be",
                        )),
                    }
            }
            "--buckets" if ageing => {
                let e: Result<Vec<u32>, _> =
                    value.split(',').map(|x| x.trim().parse::<u32>()).collect();
                edges = Some(e.map_err(|_| {
                    usage_error(
                        cmd,
                        &format!("--buckets {value:?}: days separated by commas"),
                    )
                })?);
            }
            "--by" if ageing => {
                basis = match value.as_str() {
                    "due" => AgeBasis::DueDate,
                    "issue" => AgeBasis::IssueDate,
                    _ => return Err(usage_error(cmd, "--by is due or issue")),
                }
            }
            f if f.starts_with("--") => {
                return Err(usage_error(cmd, &format!("unknown option {f}")))
            }
            p if path.is_none() => path = Some(p.to_string()),
            extra => return Err(usage_error(cmd, &format!("unexpected argument {extra:?}"))),
        }
    }
    Ok(FileArgs {
        path: path.ok_or_else(|| usage_error(cmd, "no invoice file"))?,
        as_of: as_of.ok_or_else(|| usage_error(cmd, "--as-of DATE is required"))?,
        currency,
        date_order,
        json,
        edges,
        basis,
        preset,
        header_row,
        encoding,
    })
}

/// A backup file (the app's Backup, `credit_core::backup`), read as the
/// app's Restore reads it (checksum, schema, the import's row rules and
/// bounds): `None` when the bytes are no backup (a ledger file).
fn load_backup(path: &str, bytes: &[u8]) -> Option<Result<(Portfolio, Extras), Failure>> {
    if !bytes.trim_ascii_start().starts_with(b"{") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let fail = |msg: String| Some(Err(Failure(format!("credit: {path}: {msg}"), 2)));
    match EncryptedBackup::parse(text) {
        Err(e) => return fail(e.to_string()),
        Ok(Some(_)) => {
            return fail(
                "an encrypted backup, which the command line cannot open (its key is \
                 derived in the browser): restore it in the app, then back up without \
                 a passphrase"
                    .into(),
            )
        }
        Ok(None) => {}
    }
    match backup::from_json(text) {
        Ok(x) => Some(Ok(x)),
        Err(BackupError::NotABackup) => None,
        // Not JSON: a ledger file starting with `{`, unless it says it is
        // a backup (a cut-short one, say).
        Err(BackupError::NotJson { .. })
            if !bytes[..bytes.len().min(4096)]
                .windows(backup::FORMAT.len())
                .any(|w| w == backup::FORMAT.as_bytes()) =>
        {
            None
        }
        Err(e) => fail(format!("cannot restore this backup: {e}")),
    }
}

/// Reads an invoice file (or a backup) into a portfolio, or reports every
/// error.
fn load(a: &FileArgs) -> Result<Portfolio, Failure> {
    load_with_extras(a).map(|x| x.0)
}

/// [`load`], with what a backup keeps besides the ledger (its extras:
/// dunning settings, the collections book …; none for a ledger file).
fn load_with_extras(a: &FileArgs) -> Result<(Portfolio, Extras), Failure> {
    let path = &a.path;
    let bytes =
        std::fs::read(path).map_err(|e| Failure(format!("credit: cannot read {path}: {e}"), 2))?;
    if let Some(p) = load_backup(path, &bytes) {
        return p;
    }
    let read = ReadOptions {
        encoding: a.encoding,
        delimiter: None,
        header_row: a.header_row,
    };
    let table = read_file(&bytes, &read).map_err(|e| Failure(format!("credit: {path}: {e}"), 2))?;
    let preset = a.preset.or_else(|| detect_preset(&table));
    let mapping = preset.map_or_else(
        || guess_mapping(&table.headers),
        |p| p.mapping(&table.headers),
    );
    let opts = ParseOptions {
        date_order: a.date_order,
        decimal: None,
        default_currency: a.currency,
        file_date: Some(a.as_of),
        preset,
    };
    let p = preview(path, &table, &mapping, &opts);
    if !p.errors.is_empty() || p.needs_date_order {
        let mut msg = String::new();
        let mut ambiguous = None;
        for e in &p.errors {
            if e.reason == ErrorReason::AmbiguousDate {
                ambiguous.get_or_insert(e);
            } else {
                msg.push_str(&format!("{e}\n"));
            }
        }
        if let Some(e) = ambiguous {
            msg.push_str(&format!(
                "credit: {path}: the dates can be read day/month or month/day \
                 (row {}, column {:?}: {:?}); pass --date-order dmy or --date-order mdy\n",
                e.row, e.column, e.value
            ));
        }
        let n = p
            .errors
            .iter()
            .filter(|e| e.reason != ErrorReason::AmbiguousDate)
            .count();
        if n > 0 {
            msg.push_str(&format!("credit: {path}: {n} error(s); nothing computed"));
        }
        return Err(Failure(msg.trim_end().to_string(), 2));
    }
    if p.kind != FileKind::Invoices {
        return Err(Failure(
            format!("credit: {path}: not an invoice file (it needs invoice id, customer, issue date, due date and amount columns)"),
            2,
        ));
    }
    let name = std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.clone(), |s| s.to_string_lossy().into_owned());
    let (portfolio, report) = merge(
        &Portfolio::new(name, a.currency),
        &p,
        MergePolicy::AllOrNothing,
        OnExisting::Skip,
    )
    .map_err(|e| Failure(format!("credit: {path}: {e}"), 2))?;
    if let Some(c) = report.currencies_without_rate.first() {
        return Err(Failure(
            format!(
                "credit: {path}: invoices in {c}, which has no exchange rate to {}; \
                 pass --currency {c} or convert the file",
                a.currency
            ),
            2,
        ));
    }
    Ok((portfolio, Extras::new()))
}

fn print_json(v: &serde_json::Value) -> Result<(), Failure> {
    let s = serde_json::to_string_pretty(v)
        .map_err(|e| Failure(format!("credit: cannot write JSON: {e}"), 1))?;
    println!("{s}");
    Ok(())
}

fn buckets_json(
    defs: &[BucketDef],
    basis: AgeBasis,
    amounts: &[Decimal],
    cur: Currency,
) -> serde_json::Value {
    serde_json::Value::Array(
        defs.iter()
            .zip(amounts)
            .map(|(d, x)| {
                serde_json::json!({
                    "label": d.label(basis),
                    "min_days": d.min_days,
                    "max_days": d.max_days,
                    "amount": amount_string(*x, cur),
                })
            })
            .collect(),
    )
}

fn cmd_age(args: &[String]) -> Result<(), Failure> {
    let a = parse_file_args("age", args, true)?;
    let p = load(&a)?;
    let settings = AgeingSettings {
        basis: a.basis,
        edges: a
            .edges
            .clone()
            .unwrap_or_else(|| p.settings.ageing.edges.clone()),
        credits: p.settings.ageing.credits,
    };
    let r = age(&p, a.as_of, &settings).map_err(|e| Failure(format!("credit age: {e}"), 2))?;
    let cur = r.currency;
    let names = p.customer_index();
    let name = |id: &str| {
        names
            .get(id)
            .and_then(|i| p.customers.get(*i))
            .map_or(String::new(), |c| c.name.clone())
    };
    if a.json {
        let customers: Vec<serde_json::Value> = r
            .customers
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c.customer_id,
                    "name": name(&c.customer_id),
                    "total": amount_string(c.row.total, cur),
                    "buckets": buckets_json(&r.buckets, r.basis, &c.row.buckets, cur),
                })
            })
            .collect();
        print_json(&serde_json::json!({
            "as_of": r.as_of,
            "currency": cur,
            "basis": match r.basis { AgeBasis::DueDate => "due", AgeBasis::IssueDate => "issue" },
            "total": amount_string(r.total.total, cur),
            "disputed": amount_string(r.total.disputed_total, cur),
            "buckets": buckets_json(&r.buckets, r.basis, &r.total.buckets, cur),
            "customers": customers,
        }))
    } else {
        print!("{}", plain_ageing(&r, &name));
        Ok(())
    }
}

fn plain_ageing(r: &AgeingReport, name: &dyn Fn(&str) -> String) -> String {
    use std::fmt::Write;
    let cur = r.currency;
    let mut o = String::new();
    let basis = match r.basis {
        AgeBasis::DueDate => "due date",
        AgeBasis::IssueDate => "issue date",
    };
    let _ = writeln!(o, "Ageing as of {} by {basis}, in {cur}", r.as_of);
    let mut head = format!("{:<28}", "customer");
    for b in &r.buckets {
        let _ = write!(head, " {:>14}", b.label(r.basis));
    }
    let _ = writeln!(o, "{head} {:>16}", "total");
    let line = |o: &mut String, label: &str, row: &credit_core::ageing::AgeingRow| {
        let mut l = format!("{:<28}", label);
        for x in &row.buckets {
            let _ = write!(l, " {:>14}", format_amount(*x, cur));
        }
        let _ = writeln!(o, "{l} {:>16}", format_amount(row.total, cur));
    };
    for c in &r.customers {
        let n = name(&c.customer_id);
        let label = if n.is_empty() || n == c.customer_id {
            c.customer_id.clone()
        } else {
            format!("{} {}", c.customer_id, n)
        };
        line(&mut o, &label, &c.row);
    }
    line(&mut o, "TOTAL", &r.total);
    if !r.total.credit.is_zero() {
        let _ = writeln!(
            o,
            "Credit balances (overpayments and credit notes, not in the buckets): {}",
            format_amount(r.total.credit, cur)
        );
    }
    o
}

fn cmd_kpi(args: &[String]) -> Result<(), Failure> {
    let a = parse_file_args("kpi", args, false)?;
    let p = load(&a)?;
    let k = kpi::compute(&p, a.as_of, &p.settings.kpi)
        .map_err(|e| Failure(format!("credit kpi: {e}"), 2))?;
    let rows = kpi_rows(&k);
    if a.json {
        let mut m = serde_json::Map::new();
        for (name, value) in rows {
            let v = if value.is_empty() {
                serde_json::Value::Null
            } else if name == "period_days" {
                serde_json::Value::from(k.period_days)
            } else {
                serde_json::Value::String(value)
            };
            m.insert(name.to_string(), v);
        }
        print_json(&serde_json::Value::Object(m))
    } else {
        for (name, value) in rows {
            let value = if value.is_empty() {
                "n/a".to_string()
            } else {
                value
            };
            println!("{name:<20} {value}");
        }
        Ok(())
    }
}

/// `1234567.891` → `1,234,567.89`.
fn money(x: Decimal) -> String {
    let s = x.round_dp(2).normalize().to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

fn percent(x: Decimal, dp: u32) -> String {
    format!("{} %", (x * Decimal::ONE_HUNDRED).round_dp(dp).normalize())
}

fn factor_name(f: FactorId) -> &'static str {
    match f {
        FactorId::AltmanZ => "Altman Z",
        FactorId::Liquidity => "liquidity",
        FactorId::Leverage => "leverage",
        FactorId::Profitability => "profitability",
        FactorId::PaymentDelay => "payment delay",
        FactorId::LatePayments => "late payments",
        FactorId::WorstDelay => "worst delay",
        FactorId::DelayTrend => "delay trend",
        FactorId::YearsInBusiness => "years in business",
        FactorId::CompanySize => "company size",
        FactorId::Registration => "registration",
        FactorId::CourtCases => "court cases",
        FactorId::Enforcement => "enforcement records",
        FactorId::IndustryRisk => "industry risk",
        FactorId::CountryRisk => "country risk",
    }
}

fn method_name(m: LimitMethod) -> &'static str {
    match m {
        LimitMethod::NetWorth => "net worth (10 % of tangible net worth)",
        LimitMethod::WorkingCapital => "working capital (20 %)",
        LimitMethod::Needs => "needs (purchases ÷ 365 × days)",
        LimitMethod::TradeReferences => "trade references (median)",
        LimitMethod::Insured => "insured limit",
    }
}

fn rule_name(r: LimitRule) -> &'static str {
    match r {
        LimitRule::Median => "median of the methods",
        LimitRule::GradeFactor => "grade factor",
        LimitRule::HistoryBonus => "history bonus (+10 %)",
        LimitRule::HistoryPenalty => "history penalty (−25 %)",
        LimitRule::Need => "the buyer's need (below its capacity)",
        LimitRule::CapacityOnly => "capacity alone (no expected purchases)",
        LimitRule::InsuredCap => "insured limit cap",
        LimitRule::NoCredit => "no credit at this grade",
        LimitRule::NoMethod => "no capacity method had its inputs",
    }
}

fn security_name(s: Security) -> &'static str {
    match s {
        Security::PartPrepayment => "part prepayment",
        Security::Instalments => "instalments",
        Security::Guarantee => "a guarantee",
        Security::BankGuarantee => "a bank guarantee",
        Security::LetterOfCredit => "a letter of credit",
        Security::Prepayment => "prepayment",
        Security::CashBeforeDelivery => "cash before delivery",
    }
}

#[allow(clippy::too_many_arguments)]
fn plain(
    a: &Assessment,
    assessed: bool,
    limit: &LimitRecommendation,
    terms: &TermsRecommendation,
    as_of: NaiveDate,
    currency: &str,
    used: Option<Decimal>,
    blocks: Option<bool>,
) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "Buyer assessment as of {as_of}");
    if assessed {
        let _ = writeln!(
            o,
            "Grade: {} (annual PD {} – {})",
            a.grade,
            percent(a.pd.pd_low, 2),
            percent(a.pd.pd_high, 2)
        );
    } else {
        let _ = writeln!(
            o,
            "Grade: not assessed (no financial figures and a clean payment history; limit and terms at the neutral grade {NEUTRAL_GRADE})"
        );
    }
    let _ = writeln!(o, "Score: {} / 100", a.score);
    let _ = writeln!(o, "Confidence: {}", percent(a.confidence, 0));
    if let Some(t) = a.default_trigger {
        let why = match t {
            DefaultTrigger::WorstDelay180 => "a delay of 180 days or more",
            DefaultTrigger::Enforcement => "an enforcement record",
            DefaultTrigger::DistressAndDelay => "Altman distress with an average delay of 60+ days",
        };
        let _ = writeln!(o, "In default: {why}");
    }
    match &a.altman {
        Some(z) => {
            let model = match z.model {
                ZModel::Z => "Z",
                ZModel::ZPrime => "Z′",
                ZModel::ZDoublePrime => "Z″",
            };
            let zone = match z.zone {
                Zone::Distress => "distress",
                Zone::Grey => "grey",
                Zone::Safe => "safe",
            };
            let _ = writeln!(o, "Altman {model}: {} ({zone} zone)", z.score.round_dp(2));
        }
        None => {
            let _ = writeln!(o, "Altman: not enough figures");
        }
    }
    let drivers: Vec<String> = a
        .drivers
        .iter()
        .map(|d| {
            let impact = a.factor(*d).map_or(Decimal::ZERO, |f| f.impact);
            let sign = if impact >= Decimal::ZERO { "+" } else { "" };
            format!("{} ({sign}{:.2})", factor_name(*d), impact.round_dp(2))
        })
        .collect();
    let _ = writeln!(o, "Drivers: {}", drivers.join(", "));
    let _ = writeln!(o, "Factors (weight, score, points):");
    for f in &a.factors {
        match f.score {
            Some(s) => {
                let _ = writeln!(
                    o,
                    "  {:<20} {:>6} {:>7} {:>7}",
                    factor_name(f.id),
                    percent(f.weight, 1),
                    format!("{:.1}", s.round_dp(1)),
                    format!("{:.2}", f.points.round_dp(2))
                );
            }
            None => {
                let _ = writeln!(o, "  {:<20} missing", factor_name(f.id));
            }
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Credit limit ({currency}):");
    if limit.methods.is_empty() {
        let _ = writeln!(o, "  no method had its inputs");
    }
    for m in &limit.methods {
        let _ = writeln!(o, "  {:<40} {:>16}", method_name(m.method), money(m.amount));
    }
    if let Some(m) = limit.median {
        let _ = writeln!(
            o,
            "  {:<40} {:>16}",
            "median of the capacity methods",
            money(m)
        );
    }
    let _ = writeln!(o, "  grade factor {}", limit.grade_factor.normalize());
    if !limit.history_adjustment.is_zero() {
        let _ = writeln!(
            o,
            "  history adjustment {}",
            percent(limit.history_adjustment, 0)
        );
    }
    if let Some(c) = limit.capacity {
        let _ = writeln!(o, "  {:<40} {:>16}", "capacity", money(c));
    }
    if let Some(n) = limit.need {
        let _ = writeln!(
            o,
            "  {:<40} {:>16}",
            "need (the limit is the lower)",
            money(n)
        );
    }
    if let Some(c) = limit.cap {
        let _ = writeln!(o, "  cap {}", money(c));
    }
    let _ = writeln!(
        o,
        "Recommended limit: {} {currency} (set by: {})",
        money(limit.recommended),
        rule_name(limit.set_by)
    );
    let _ = writeln!(o, "Review by: {}", limit.review_date);
    match (used, blocks) {
        (Some(u), Some(b)) => {
            let _ = writeln!(
                o,
                "Utilisation: {}{}",
                percent(u, 1),
                if b { " — blocks new credit" } else { "" }
            );
        }
        (None, Some(true)) => {
            let _ = writeln!(
                o,
                "Utilisation: exposure on a zero limit — blocks new credit"
            );
        }
        _ => {}
    }
    let _ = writeln!(o);
    let basis = match terms.basis {
        TermsBasis::OpenAccount => "open account",
        TermsBasis::OpenAccountWithSecurity => "open account with security",
        TermsBasis::PrepaymentOrLetterOfCredit => "prepayment or a letter of credit",
        TermsBasis::CashBeforeDelivery => "cash before delivery, no credit",
    };
    let days = terms
        .max_days
        .map_or(String::new(), |d| format!(", up to {d} days"));
    let _ = writeln!(o, "Terms: {basis}{days}");
    if !terms.security.is_empty() {
        let s: Vec<&str> = terms.security.iter().map(|s| security_name(*s)).collect();
        let _ = writeln!(o, "Security: {}", s.join(" or "));
    }
    if terms.new_buyer_rule {
        let _ = writeln!(
            o,
            "New buyer: a bank guarantee or part prepayment until a payment history exists"
        );
    }
    o
}

/// A command's own flags with their values.
type Flags = std::collections::HashMap<String, Vec<String>>;

/// The value of a flag given at most once (`None` when absent).
fn one_flag(cmd: &str, f: &Flags, flag: &str) -> Result<Option<String>, Failure> {
    match f.get(flag).map(Vec::as_slice) {
        None | Some([]) => Ok(None),
        Some([v]) => Ok(Some(v.clone())),
        Some(_) => Err(usage_error(cmd, &format!("{flag} given more than once"))),
    }
}

/// Splits a command's own flags (`--flag VALUE` or `--flag=VALUE`, each
/// possibly repeated) from the rest, which go to [`parse_file_args`].
fn take_flags(cmd: &str, args: &[String], own: &[&str]) -> Result<(Flags, Vec<String>), Failure> {
    let mut found = Flags::default();
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        if own.contains(&flag) {
            let v = match inline {
                Some(v) => v,
                None => it
                    .next()
                    .cloned()
                    .ok_or_else(|| usage_error(cmd, &format!("{flag} needs a value")))?,
            };
            found.entry(flag.to_string()).or_default().push(v);
        } else {
            rest.push(a.clone());
        }
    }
    Ok((found, rest))
}
