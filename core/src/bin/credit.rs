//! `credit`: Credit Assistant's command line (build with `--features cli`).
//!
//! ```text
//! credit assess BUYER.json [--json]
//! ```
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
//! each factor's points; every limit method's figure, the recommended limit
//! and the rule that set it, the review date and the utilisation; the terms.
//! `--json` prints the same as one JSON object: `as_of`, `currency`,
//! `assessment`, `limit`, `terms`, `utilisation`, `blocks_new_credit`.
//!
//! Exit codes: 0 done; 2 a usage error, a file that cannot be read or
//! parsed (the message names the file, line and column), or an impossible
//! input.

use std::process::ExitCode;

use credit_core::assessment::{
    assess, Assessment, AssessmentInput, DefaultTrigger, FactorId, Scorecard, ZModel, Zone,
};
use credit_core::limit::{
    blocks_new_credit, recommend_limit, utilisation, LimitInput, LimitMethod, LimitRecommendation,
    LimitRule,
};
use credit_core::terms::{recommend_terms, Security, TermsBasis, TermsRecommendation};
use credit_core::{Decimal, NaiveDate};
use serde::Deserialize;

const USAGE: &str = "usage: credit assess BUYER.json [--json]";

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

/// A failure to report: the message and the exit code.
struct Failure(String, u8);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("assess") => cmd_assess(&args[1..]),
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
            eprintln!("{msg}");
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
    let a = assess(&file.assessment, &Scorecard::default())
        .map_err(|e| Failure(format!("credit: {path}: {e}"), 2))?;
    let b = &file.assessment.behaviour;
    let l = &file.limit;
    let limit_input = LimitInput {
        financials: file.assessment.financials.clone(),
        expected_annual_purchases: l.expected_annual_purchases,
        terms_days: l.terms_days,
        avg_payment_delay_days: b.avg_delay_days,
        trade_references: l.trade_references.clone(),
        insured_limit: l.insured_limit,
        insured_only: l.insured_only,
        worst_delay_12m: b.worst_delay_days,
        has_history: b.has_history,
    };
    let limit = recommend_limit(&limit_input, a.grade, file.as_of);
    let terms = recommend_terms(a.grade, b.has_history);
    let used = l.exposure.and_then(|x| utilisation(x, limit.recommended));
    let blocks = l.exposure.map(|x| blocks_new_credit(x, limit.recommended));
    let currency = file.currency.unwrap_or_default();
    if json {
        let out = serde_json::json!({
            "as_of": file.as_of,
            "currency": currency,
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
            plain(&a, &limit, &terms, file.as_of, &currency, used, blocks)
        );
    }
    Ok(())
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
        LimitRule::InsuredCap => "insured limit cap",
        LimitRule::NoCredit => "no credit at this grade",
        LimitRule::NoMethod => "no method had its inputs",
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

fn plain(
    a: &Assessment,
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
    let _ = writeln!(
        o,
        "Grade: {} (annual PD {} – {})",
        a.grade,
        percent(a.pd.pd_low, 2),
        percent(a.pd.pd_high, 2)
    );
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
        let _ = writeln!(o, "  {:<40} {:>16}", "median", money(m));
    }
    let _ = writeln!(o, "  grade factor {}", limit.grade_factor.normalize());
    if !limit.history_adjustment.is_zero() {
        let _ = writeln!(
            o,
            "  history adjustment {}",
            percent(limit.history_adjustment, 0)
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
