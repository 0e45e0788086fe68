//! `credit insurance FILE --policy POLICY.json --as-of DATE [--currency CNY]
//! [--date-order dmy|mdy] [--json]`: the cover of a trade credit insurance
//! policy over an invoice file (insured and uninsured exposure, buyers above
//! their limit, invoices outside cover) and its deadlines, those of the next
//! 7 days first. A CSV carries no insured limits: they come from the
//! policy file's `limits` (`{"C0001": "500000"}`); every term of
//! `credit_core::insurance::Policy` may be given, the rest take their
//! defaults. No notification has been sent (a file carries none).
//!
//! `credit claim FILE --policy POLICY.json --buyer ID --as-of DATE
//! [--event insolvency|protracted] [--date DATE] [--recoveries X]
//! [--losses-this-year X] [--paid-this-year X] [--json]`: what a claim on
//! that buyer's default would pay, step by step.

use credit_core::dates::parse_iso;
use credit_core::insurance::{
    cover, deadlines, due_within, simulate_claim, step_label, ClaimInput, DefaultEvent, Lang,
    Policy,
};
use credit_core::money::{format_amount, parse_amount};
use credit_core::Decimal;

use super::{load, one_flag, parse_file_args, print_json, take_flags, usage_error, Failure};

fn read_policy(cmd: &str, path: &str) -> Result<Policy, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure(format!("credit {cmd}: cannot read {path}: {e}"), 2))?;
    let p: Policy = serde_json::from_str(&text).map_err(|e| {
        Failure(
            format!(
                "credit {cmd}: {path}: line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
            2,
        )
    })?;
    p.validate().map_err(|v| {
        let msgs: Vec<String> = v.iter().map(|e| e.message(Lang::En)).collect();
        Failure(format!("credit {cmd}: {path}: {}", msgs.join("; ")), 2)
    })?;
    Ok(p)
}

pub(super) fn cmd_insurance(args: &[String]) -> Result<(), Failure> {
    let (f, rest) = take_flags("insurance", args, &["--policy"])?;
    let path = one_flag("insurance", &f, "--policy")?
        .ok_or_else(|| usage_error("insurance", "--policy POLICY.json is required"))?;
    let pol = read_policy("insurance", &path)?;
    let a = parse_file_args("insurance", &rest, false)?;
    let p = load(&a)?;
    let c =
        cover(&p, a.as_of, &pol, &[]).map_err(|e| Failure(format!("credit insurance: {e}"), 2))?;
    let dl = deadlines(&p, a.as_of, &pol, &[])
        .map_err(|e| Failure(format!("credit insurance: {e}"), 2))?;
    if a.json {
        let v = serde_json::json!({ "cover": c, "deadlines": dl });
        return print_json(&v);
    }
    let cur = c.currency;
    let m = |x| format!("{cur} {}", format_amount(x, cur));
    println!(
        "Open without VAT {}: insured {}, uninsured {} (VAT {}); {} buyer(s) above their limit",
        m(c.total_open),
        m(c.total_insured),
        m(c.total_uninsured),
        m(c.total_vat),
        c.over_limit
    );
    for b in c
        .buyers
        .iter()
        .filter(|b| b.over_limit || !b.outside.is_empty())
    {
        println!(
            "BUYER {} {}: open {}, limit {}, insured {}, uninsured {}{}",
            b.customer_id,
            b.name,
            m(b.open),
            m(b.insured_limit),
            m(b.insured),
            m(b.uninsured),
            if b.over_limit { ", ABOVE LIMIT" } else { "" }
        );
        for o in &b.outside {
            println!("  OUTSIDE {} {:?} {}", o.invoice_id, o.reason, m(o.amount));
        }
    }
    let week = due_within(&dl, a.as_of, 7);
    println!(
        "{} deadline(s), {} in the next 7 days",
        dl.len(),
        week.len()
    );
    for d in week {
        if let Some((k, day)) = d.next {
            println!(
                "DUE {day} {k:?} {} {} (due {}, open {})",
                d.customer_id,
                d.invoice_id,
                d.due_date,
                m(d.open)
            );
        }
    }
    Ok(())
}

pub(super) fn cmd_claim(args: &[String]) -> Result<(), Failure> {
    const C: &str = "claim";
    let own = [
        "--policy",
        "--buyer",
        "--event",
        "--date",
        "--recoveries",
        "--losses-this-year",
        "--paid-this-year",
    ];
    let (f, rest) = take_flags(C, args, &own)?;
    let path = one_flag(C, &f, "--policy")?
        .ok_or_else(|| usage_error(C, "--policy POLICY.json is required"))?;
    let buyer =
        one_flag(C, &f, "--buyer")?.ok_or_else(|| usage_error(C, "--buyer ID is required"))?;
    let event = match one_flag(C, &f, "--event")?.as_deref() {
        None | Some("protracted") => DefaultEvent::ProtractedDefault,
        Some("insolvency") => DefaultEvent::Insolvency,
        Some(v) => {
            return Err(usage_error(
                C,
                &format!("--event '{v}': insolvency or protracted"),
            ))
        }
    };
    let amount = |flag: &str| -> Result<Decimal, Failure> {
        match one_flag(C, &f, flag)? {
            None => Ok(Decimal::ZERO),
            Some(v) => parse_amount(&v, false)
                .map_err(|_| usage_error(C, &format!("{flag} '{v}': an amount of zero or more"))),
        }
    };
    let recoveries = amount("--recoveries")?;
    let losses = amount("--losses-this-year")?;
    let paid = amount("--paid-this-year")?;
    let pol = read_policy(C, &path)?;
    let a = parse_file_args(C, &rest, false)?;
    let day = match one_flag(C, &f, "--date")? {
        None => a.as_of,
        Some(v) => parse_iso(&v)
            .ok_or_else(|| usage_error(C, &format!("--date '{v}': a date YYYY-MM-DD")))?,
    };
    let p = load(&a)?;
    let input = ClaimInput {
        customer_id: buyer,
        event,
        date: day,
        recoveries,
        losses_this_year: losses,
        paid_this_year: paid,
    };
    let c = simulate_claim(&p, a.as_of, &pol, &[], &input)
        .map_err(|e| Failure(format!("credit claim: {e}"), 2))?;
    if a.json {
        let v = serde_json::to_value(&c)
            .map_err(|e| Failure(format!("credit: cannot write JSON: {e}"), 1))?;
        return print_json(&v);
    }
    let cur = c.currency;
    for s in &c.steps {
        println!(
            "{:<50} {:>20}",
            step_label(&s.key, Lang::En),
            format!("{cur} {}", format_amount(s.amount, cur))
        );
    }
    if c.below_nql {
        println!("Below the non-qualifying loss: nothing is paid.");
    }
    for x in &c.excluded {
        let why = match x.reason {
            credit_core::insurance::OutsideReason::Disputed => "disputed",
            credit_core::insurance::OutsideReason::NotNotified => "not notified in time",
        };
        println!(
            "Outside cover: {} ({why}), {cur} {} without VAT",
            x.invoice_id,
            format_amount(x.amount, cur)
        );
    }
    println!("Stays with you: {cur} {}", format_amount(c.retained, cur));
    println!("Payable from {}; file by {}", c.payable_from, c.file_by);
    Ok(())
}
