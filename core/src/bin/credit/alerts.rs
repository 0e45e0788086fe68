//! `credit alerts FILE --as-of DATE [--currency CNY] [--date-order dmy|mdy]
//! [--json]`: the early-warning alerts of `credit_core::monitor` on an
//! invoice file, with the default thresholds and no buyer context (a file
//! carries no grades, limits before or payment plans).
//!
//! Plain output: one line per alert, most severe first: severity, rule,
//! buyer id and name, the evidence's figures, the suggested action (or a
//! single line saying there are none); amounts in the base currency,
//! rounded to its minor unit. `--json`: an array of the alerts as
//! `credit_core::monitor::Alert` serialises them (`rule`, `severity`,
//! `customer_id`, `evidence` as `{rule_key: {…}}`, `action`; amounts and
//! fractions as decimal strings, full precision).

use std::collections::HashMap;

use credit_core::index::LedgerIndex;
use credit_core::money::{format_amount, Currency};
use credit_core::monitor::{
    evaluate, Action, Alert, DeadlineKind, Evidence, MonitorSettings, Severity,
};
use credit_core::Decimal;

use super::{load, parse_file_args, percent, print_json, Failure};

pub(super) fn cmd_alerts(args: &[String]) -> Result<(), Failure> {
    let a = parse_file_args("alerts", args, false)?;
    let p = load(&a)?;
    let ix = LedgerIndex::new(&p);
    let alerts = evaluate(
        &p,
        &ix,
        a.as_of,
        &HashMap::new(),
        &MonitorSettings::default(),
    )
    .map_err(|e| Failure(format!("credit alerts: {e}"), 2))?;
    if a.json {
        let v = serde_json::to_value(&alerts)
            .map_err(|e| Failure(format!("credit: cannot write JSON: {e}"), 1))?;
        return print_json(&v);
    }
    if alerts.is_empty() {
        println!("No alerts as of {}", a.as_of);
        return Ok(());
    }
    let names = p.customer_index();
    for al in &alerts {
        let name = names
            .get(al.customer_id.as_str())
            .map_or("", |i| p.customers[*i].name.as_str());
        println!("{}", line(al, name, p.base_currency()));
    }
    Ok(())
}

/// One alert on one line.
fn line(a: &Alert, name: &str, cur: Currency) -> String {
    let severity = match a.severity {
        Severity::Info => "INFO",
        Severity::Warning => "WARNING",
        Severity::Critical => "CRITICAL",
    };
    let buyer = if name.is_empty() || name == a.customer_id {
        a.customer_id.clone()
    } else {
        format!("{} {name}", a.customer_id)
    };
    format!(
        "{severity:<8} {:<23} {buyer}: {} → {}",
        a.rule.key(),
        evidence(&a.evidence, cur),
        action(a.action)
    )
}

fn days(x: Decimal) -> String {
    x.round_dp(1).normalize().to_string()
}

fn evidence(e: &Evidence, cur: Currency) -> String {
    let money = |x: Decimal| format_amount(x, cur);
    match e {
        Evidence::OverLimit { exposure, limit } => {
            format!("exposure {} over limit {}", money(*exposure), money(*limit))
        }
        Evidence::Utilisation {
            exposure,
            limit,
            utilisation,
        } => format!(
            "exposure {} of limit {} ({})",
            money(*exposure),
            money(*limit),
            percent(*utilisation, 1)
        ),
        Evidence::PastDunningStep {
            step_days,
            step,
            invoices,
            amount,
            max_days_past_due,
        } => format!(
            "{invoices} invoice(s), {} past step {step} ({step_days:+} days), up to {max_days_past_due} days past due",
            money(*amount)
        ),
        Evidence::GradeDowngraded { from, to } => format!("grade {from} → {to}"),
        Evidence::InsuredLimitCut { from, to } => {
            format!("insured limit {} → {}", money(*from), money(*to))
        }
        Evidence::VolumeUpPayingSlower {
            recent_monthly_sales,
            earlier_monthly_sales,
            ratio,
            delay_before,
            delay_now,
        } => format!(
            "monthly sales {} vs {} before (×{}), average delay {} → {} days",
            money(*recent_monthly_sales),
            money(*earlier_monthly_sales),
            ratio.round_dp(2).normalize(),
            days(*delay_before),
            days(*delay_now)
        ),
        Evidence::DelayWorsening { months, rise } => {
            let m: Vec<String> = months
                .iter()
                .map(|(end, x)| format!("{end} {}", days(*x)))
                .collect();
            format!(
                "average delay by month {} days (+{} days)",
                m.join(", "),
                days(*rise)
            )
        }
        Evidence::Concentration {
            exposure,
            total,
            share,
        } => format!(
            "exposure {} is {} of AR {}",
            money(*exposure),
            percent(*share, 1),
            money(*total)
        ),
        Evidence::InsurerDeadline {
            kind,
            date,
            days_left,
            invoice_id,
            invoices,
        } => {
            let what = match kind {
                DeadlineKind::ExtensionEnds => "maximum extension period ends",
                DeadlineKind::NotificationDue => "overdue notification due",
            };
            format!(
                "{what} {date} ({days_left} day(s) left), invoice {invoice_id}, {invoices} invoice(s) in the window"
            )
        }
        Evidence::PromiseBroken {
            promise_id,
            promised_date,
            amount,
            paid,
        } => format!(
            "promise {promise_id} of {} for {promised_date}, {} paid in time",
            money(*amount),
            money(*paid)
        ),
        Evidence::GroupOverLimit {
            group,
            members,
            exposure,
            limit,
        } => format!(
            "group {group} ({members} members) exposure {} against a shared limit of {}",
            money(*exposure),
            money(*limit)
        ),
        Evidence::GroupConcentration {
            group,
            exposure,
            total,
            share,
        } => format!(
            "group {group} {} of {} ({})",
            money(*exposure),
            money(*total),
            percent(*share, 1)
        ),
    }
}

fn action(a: Action) -> &'static str {
    match a {
        Action::ReviewLimit => "review the limit",
        Action::HoldDeliveries => "hold deliveries",
        Action::CallBuyer => "call the buyer",
        Action::SendReminder => "send a reminder",
        Action::Escalate => "escalate",
        Action::Reassess => "reassess the buyer",
        Action::ReduceExposure => "reduce exposure",
        Action::AskInsurer => "ask the insurer",
        Action::NotifyInsurer => "notify the insurer",
        Action::MonitorClosely => "monitor closely",
    }
}
