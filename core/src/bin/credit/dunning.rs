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
//! --regime eu|de|fr|uk|cn|contract [--rate R] [--paid DATE:AMOUNT]…
//! [--json]`: late interest on one invoice, segment by segment, and the
//! fixed compensation. `--rate` is the reference (or base) rate for
//! eu/de/fr/uk, in force throughout, or the contract rate for cn/contract;
//! cn without `--rate` uses 0.05 % a day.

use credit_core::dates::parse_iso;
use credit_core::dunning::{
    late_interest, plan, DunningSettings, InterestSettings, Lang, Policy, Preset, RefRate, Regime,
};
use credit_core::invoice::{Invoice, Payment};
use credit_core::money::{format_amount, parse_amount, Currency};
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

fn date(cmd: &str, flag: &str, v: &str) -> Result<NaiveDate, Failure> {
    parse_iso(v).ok_or_else(|| usage_error(cmd, &format!("{flag} '{v}': a date YYYY-MM-DD")))
}

fn amount(cmd: &str, flag: &str, v: &str) -> Result<credit_core::Decimal, Failure> {
    parse_amount(v, false)
        .map_err(|_| usage_error(cmd, &format!("{flag} '{v}': an amount of zero or more")))
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
    let rate = one_flag(C, &f, "--rate")?
        .map(|v| {
            parse_amount(&v, true)
                .map_err(|_| usage_error(C, &format!("--rate '{v}': a rate in percent")))
        })
        .transpose()?;
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
    match (regime.margin(), rate) {
        (Some(_), Some(r)) => s.reference_rates.push(RefRate {
            from: NaiveDate::MIN,
            rate: r,
        }),
        (Some(_), None) => {
            return Err(usage_error(
                C,
                &format!("--regime {regime_text} needs --rate (the reference or base rate)"),
            ))
        }
        (None, r) => {
            s.contract_rate = r;
            s.china_sme_daily = regime == Regime::China && r.is_none();
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
    let c = late_interest(&inv, as_of, &s, None)
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
