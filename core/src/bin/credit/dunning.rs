//! `credit dunning FILE --as-of DATE [--policy standard|proactive|firm]
//! [--lang en|zh] [--currency CNY] [--date-order dmy|mdy] [--json]`: the
//! dunning plan of `credit_core::dunning` for an invoice file, with the
//! preset's steps, no action log (nothing was done yet) and no interest (a
//! file carries no rate; `credit interest` computes it for one invoice).
//! Plain output: one line per communication (buyer and step), then the
//! paused (disputed) invoices and the steps coming up. `--json`: the plan as
//! `credit_core::dunning::Plan` serialises it.
//!
//! `credit interest --amount A --currency C --due DATE --as-of DATE
//! --regime eu|de|fr|uk|cn|contract [--rate R | --rate DATE:R …]
//! [--gbp-rate R] [--paid DATE:AMOUNT]… [--json]`: late interest on one
//! invoice, segment by segment, and the fixed compensation (owed only when
//! the invoice was not paid in full by its due date).
//!
//! - `--rate R` is the reference (or base) rate for eu/de/fr/uk, in force
//!   throughout, or the contract rate for cn/contract; cn without `--rate`
//!   uses 0.05 % a day. For eu/de/fr/uk, `--rate DATE:R` (repeated) enters
//!   the rate in force from each date, as published (e.g. the Bank of
//!   England's base rate by date of change); eu/de/fr re-read it each
//!   half-year, uk takes the one of 31 December or 30 June before interest
//!   starts and keeps it for the debt.
//! - `--gbp-rate R`: the value of 1 unit of the invoice's currency in GBP
//!   (e.g. `--currency JPY --gbp-rate 0.005`: ¥1 = £0.005). Required for
//!   `--regime uk` with a currency other than GBP — the £40/£70/£100 go by
//!   the debt in sterling — and refused otherwise.

use credit_core::dates::parse_iso;
use credit_core::dunning::{
    late_interest, plan, DunningSettings, InterestSettings, Lang, Policy, Preset, RefRate, Regime,
};
use credit_core::invoice::{Invoice, Payment};
use credit_core::money::{format_amount, parse_amount, within_bounds, Currency, MAX_AMOUNT};
use credit_core::NaiveDate;

use super::{load, one_flag, parse_file_args, print_json, take_flags, usage_error, Failure};

pub(super) fn cmd_dunning(args: &[String]) -> Result<(), Failure> {
    let (f, rest) = take_flags("dunning", args, &["--policy", "--lang"])?;
    let preset = match one_flag("dunning", &f, "--policy")? {
        None => Preset::Standard,
        Some(v) => Preset::from_key(&v.to_ascii_lowercase()).ok_or_else(|| {
            usage_error(
                "dunning",
                &format!("--policy '{v}': one of standard, proactive, firm"),
            )
        })?,
    };
    let lang = match one_flag("dunning", &f, "--lang")?.as_deref() {
        None | Some("en") => Lang::En,
        Some("zh") => Lang::Zh,
        Some(v) => return Err(usage_error("dunning", &format!("--lang '{v}': en or zh"))),
    };
    let a = parse_file_args("dunning", &rest, false)?;
    let p = load(&a)?;
    let s = DunningSettings {
        policy: Policy::preset(preset),
        ..DunningSettings::default()
    };
    let pl = plan(&p, a.as_of, &s, &[]).map_err(|e| Failure(format!("credit dunning: {e}"), 2))?;
    if a.json {
        let v = serde_json::to_value(&pl)
            .map_err(|e| Failure(format!("credit: cannot write JSON: {e}"), 1))?;
        return print_json(&v);
    }
    let cur = p.base_currency();
    let m = |x| format!("{cur} {}", format_amount(x, cur));
    if pl.items.is_empty() {
        println!(
            "{}",
            if lang == Lang::En {
                format!("Nothing to send as of {}", a.as_of)
            } else {
                format!("截至 {}，无需催收", a.as_of)
            }
        );
    }
    for it in &pl.items {
        let actions: Vec<&str> = it.step.actions.iter().map(|x| x.label(lang)).collect();
        let next = it
            .next
            .map(|(k, d)| format!("; next: step {} on {d}", k + 1))
            .unwrap_or_default();
        println!(
            "STEP {} ({:+} days, {}, {}) {} {}: {} invoice(s) {}, open {}{next}",
            it.step_index + 1,
            it.step.offset_days,
            actions.join(" + "),
            it.step.channel.label(lang),
            it.customer_id,
            it.customer_name,
            it.invoices.len(),
            it.invoices
                .iter()
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>()
                .join(","),
            m(it.total_open),
        );
    }
    for x in &pl.paused {
        println!(
            "PAUSED {} {}: disputed since {} ({}), open {} {}",
            x.customer_id,
            x.invoice_id,
            x.since,
            x.reason,
            x.currency,
            format_amount(x.open, x.currency)
        );
    }
    for u in &pl.upcoming {
        println!(
            "UPCOMING {} step {} on {} {}: {}",
            u.date,
            u.step_index + 1,
            u.customer_id,
            u.customer_name,
            u.invoice_ids.join(",")
        );
    }
    Ok(())
}

/// The largest `--gbp-rate`: the debt in sterling (at most
/// `MAX_AMOUNT` × this) stays far inside what a `Decimal` holds.
const MAX_GBP_RATE: credit_core::Decimal =
    credit_core::Decimal::from_parts(1_000_000, 0, 0, false, 0);

fn date(cmd: &str, flag: &str, v: &str) -> Result<NaiveDate, Failure> {
    parse_iso(v).ok_or_else(|| usage_error(cmd, &format!("{flag} '{v}': a date YYYY-MM-DD")))
}

/// An amount of zero or more, within the bound every amount keeps
/// ([`credit_core::money::MAX_AMOUNT`]): `--amount 79228162514264337593543950335`
/// overflowed the interest (issue 23).
fn amount(cmd: &str, flag: &str, v: &str) -> Result<credit_core::Decimal, Failure> {
    parse_amount(v, false)
        .ok()
        .filter(|x| within_bounds(*x))
        .ok_or_else(|| {
            usage_error(
                cmd,
                &format!(
                    "{flag} '{v}': an amount of zero or more, at most {}",
                    format_amount(MAX_AMOUNT, Currency::JPY)
                ),
            )
        })
}

pub(super) fn cmd_interest(args: &[String]) -> Result<(), Failure> {
    const C: &str = "interest";
    let own = [
        "--amount",
        "--currency",
        "--due",
        "--as-of",
        "--regime",
        "--rate",
        "--gbp-rate",
        "--paid",
    ];
    let (f, rest) = take_flags(C, args, &own)?;
    let mut json = false;
    for r in &rest {
        match r.as_str() {
            "--json" => json = true,
            other => return Err(usage_error(C, &format!("unknown argument {other:?}"))),
        }
    }
    let need = |flag: &str| -> Result<String, Failure> {
        one_flag(C, &f, flag)?.ok_or_else(|| usage_error(C, &format!("{flag} is required")))
    };
    let gross = amount(C, "--amount", &need("--amount")?)?;
    let cur_text = need("--currency")?;
    let currency = Currency::new(&cur_text).map_err(|_| {
        usage_error(
            C,
            &format!("--currency '{cur_text}': an ISO 4217 code such as EUR"),
        )
    })?;
    let due = date(C, "--due", &need("--due")?)?;
    let as_of = date(C, "--as-of", &need("--as-of")?)?;
    let regime_text = need("--regime")?;
    let regime = Regime::from_key(&regime_text.to_ascii_lowercase()).ok_or_else(|| {
        usage_error(
            C,
            &format!("--regime '{regime_text}': one of eu, de, fr, uk, cn, contract"),
        )
    })?;
    // `--rate R` (in force throughout) or `--rate DATE:R` (from DATE).
    let mut rates = Vec::new();
    for v in f.get("--rate").into_iter().flatten() {
        let (from, r) = match v.split_once(':') {
            Some((d, r)) => (date(C, "--rate", d)?, r),
            None => (NaiveDate::MIN, v.as_str()),
        };
        // The app's range (its dunning settings): above −10, at most 100.
        let r = parse_amount(r, true)
            .ok()
            .filter(|r| *r > credit_core::Decimal::from(-10) && *r <= credit_core::Decimal::ONE_HUNDRED)
            .ok_or_else(|| {
                usage_error(
                    C,
                    &format!(
                        "--rate '{v}': a rate in percent from −10 to 100, or DATE:RATE (in force from DATE)"
                    ),
                )
            })?;
        rates.push(RefRate { from, rate: r });
    }
    let gbp_rate = one_flag(C, &f, "--gbp-rate")?
        .map(|v| match parse_amount(&v, false) {
            Ok(r) if r > credit_core::Decimal::ZERO && r <= MAX_GBP_RATE => Ok(r),
            _ => Err(usage_error(
                C,
                &format!(
                    "--gbp-rate '{v}': the value of 1 {currency} in GBP, above zero and at most 1,000,000"
                ),
            )),
        })
        .transpose()?;
    match (regime == Regime::Uk && currency != Currency::GBP, gbp_rate) {
        (true, None) => {
            return Err(usage_error(
                C,
                &format!(
                    "--regime uk with --currency {currency} needs --gbp-rate R, the value of 1 {currency} in GBP: the UK fixed sum (£40/£70/£100) goes by the debt in sterling"
                ),
            ))
        }
        (false, Some(_)) => {
            return Err(usage_error(
                C,
                "--gbp-rate is only for --regime uk with a currency other than GBP",
            ))
        }
        _ => {}
    }
    let mut payments = Vec::new();
    for p in f.get("--paid").into_iter().flatten() {
        let (d, x) = p
            .split_once(':')
            .ok_or_else(|| usage_error(C, &format!("--paid '{p}': DATE:AMOUNT")))?;
        payments.push(Payment {
            date: date(C, "--paid", d)?,
            amount: amount(C, "--paid", x)?,
        });
    }
    let mut s = InterestSettings {
        regime,
        ..InterestSettings::default()
    };
    match (regime.margin(), rates.as_slice()) {
        (Some(_), []) => {
            return Err(usage_error(
                C,
                &format!("--regime {regime_text} needs --rate (the reference or base rate)"),
            ))
        }
        (Some(_), _) => s.reference_rates = rates,
        (None, []) => s.china_sme_daily = regime == Regime::China,
        (None, [r]) if r.from == NaiveDate::MIN => s.contract_rate = Some(r.rate),
        (None, _) => {
            return Err(usage_error(
                C,
                &format!("--regime {regime_text} takes one --rate R (the contract rate), no dates"),
            ))
        }
    }
    let inv = Invoice {
        kind: Default::default(),
        id: "invoice".into(),
        customer_id: "buyer".into(),
        issue_date: due,
        due_date: due,
        currency,
        gross,
        vat: None,
        payments,
        dispute: None,
    };
    let c = late_interest(&inv, as_of, &s, None, gbp_rate)
        .map_err(|e| Failure(format!("credit interest: {e}"), 2))?;
    if json {
        let v = serde_json::to_value(&c)
            .map_err(|e| Failure(format!("credit: cannot write JSON: {e}"), 1))?;
        return print_json(&v);
    }
    let m = |x, cur| format!("{cur} {}", format_amount(x, cur));
    for seg in &c.segments {
        println!(
            "{} – {}  {:>4} days  on {}  at {} %  = {}",
            seg.from,
            seg.to,
            seg.days,
            m(seg.principal, currency),
            seg.rate.normalize(),
            m(seg.interest, currency)
        );
    }
    println!("Interest: {}", m(c.interest, currency));
    println!(
        "Compensation: {}",
        m(c.compensation, c.compensation_currency)
    );
    Ok(())
}
