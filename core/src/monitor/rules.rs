//! The rules: one pass over the ledger index, then one per buyer (see the
//! module documentation of [`crate::monitor`] for each rule).

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;

use super::{Action, Alert, BuyerContext, DeadlineKind, Evidence, MonitorSettings, Rule, Severity};
use crate::customer::Customer;
use crate::index::{day, LedgerIndex, Rates, Row, NO_SLOT};
use crate::kpi::months_back;
use crate::money::MoneyError;
use crate::portfolio::Portfolio;

/// Days left at or under which an insurer deadline is critical.
const DEADLINE_CRITICAL_DAYS: i64 = 2;

/// Grade at or beyond which a downgrade is critical.
const GRADE_CRITICAL: u8 = 8;

/// Per buyer and currency: the sums of the pass.
#[derive(Clone, Copy, Default)]
struct Acc {
    exposure: Decimal,
    sales_recent: Decimal,
    sales_before: Decimal,
    paid_recent: Decimal,
    days_recent: Decimal,
    paid_before: Decimal,
    days_before: Decimal,
}

impl Acc {
    fn is_zero(&self) -> bool {
        self.exposure.is_zero()
            && self.sales_recent.is_zero()
            && self.sales_before.is_zero()
            && self.paid_recent.is_zero()
            && self.paid_before.is_zero()
    }
}

/// The earliest insurer deadline of a buyer: (day, kind, row).
type Deadline = (i32, DeadlineKind, usize);

fn clamp_i32(x: i64) -> i32 {
    x.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

pub(super) fn ratio(num: Decimal, den: Decimal) -> Option<Decimal> {
    if den.is_zero() {
        None
    } else {
        num.checked_div(den)
    }
}

pub(super) fn no_rate(r: &Row, as_of: NaiveDate) -> MoneyError {
    MoneyError::NoRate {
        currency: r.currency,
        date: as_of,
    }
}

/// Every alert as of a date, most severe first, then by customer id, then
/// rule order (see the module documentation for the rules). `context`
/// holds, by customer id, what the ledger does not (grades, the insured
/// limit before, payment plans); a buyer missing from it has the default.
///
/// `ix` must be the index of `portfolio` (its rows in the order of
/// [`Portfolio::invoices`]). One pass over the index, then one per buyer.
///
/// # Errors
/// [`MoneyError::NoRate`] when an amount that counts is in a currency
/// without a rate on `as_of`.
///
/// # Example
/// ```
/// use std::collections::HashMap;
/// use credit_core::{demo, index::LedgerIndex, monitor, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let ix = LedgerIndex::new(&p);
/// let alerts = monitor::evaluate(&p, &ix, as_of, &HashMap::new(),
///     &monitor::MonitorSettings::default()).unwrap();
/// assert!(alerts.iter().any(|a| a.customer_id == demo::PLANTED_BUYER_ID
///     && a.rule == monitor::Rule::VolumeUpPayingSlower));
/// ```
pub fn evaluate(
    portfolio: &Portfolio,
    ix: &LedgerIndex,
    as_of: NaiveDate,
    context: &HashMap<String, BuyerContext>,
    settings: &MonitorSettings,
) -> Result<Vec<Alert>, MoneyError> {
    let on = day(as_of);
    let nc = ix.currencies.len();
    let n_cust = ix.customer_ids.len();

    // Index buyer → portfolio buyer.
    let mut customer_of: Vec<Option<&Customer>> = vec![None; n_cust];
    let mut by_id: Option<HashMap<&str, &Customer>> = None;
    for (ci, id) in ix.customer_ids.iter().enumerate() {
        customer_of[ci] = match portfolio.customers.get(ci) {
            Some(c) if c.id == *id => Some(c),
            _ => by_id
                .get_or_insert_with(|| {
                    portfolio
                        .customers
                        .iter()
                        .map(|c| (c.id.as_str(), c))
                        .collect()
                })
                .get(id.as_str())
                .copied(),
        };
    }
    let insured: Vec<bool> = customer_of
        .iter()
        .map(|c| c.is_some_and(|c| c.insured_limit.is_some_and(|l| l > Decimal::ZERO)))
        .collect();
    // Invoice ids by row, when the index is the portfolio's.
    let ids_match = ix.rows.len() == portfolio.invoices.len();

    // Windows.
    let q3 = as_of
        .checked_sub_months(Months::new(3))
        .map_or(i32::MIN, day);
    let y12 = as_of
        .checked_sub_months(Months::new(12))
        .map_or(i32::MIN, day);
    let nm = settings.worsening_months as usize;
    let mut ends = vec![on];
    for k in 1..=settings.worsening_months {
        match months_back(as_of, k) {
            Some(b) => ends.push(day(b)),
            None => break,
        }
    }
    let months_ok = ends.len() == nm + 1;
    let months_from = if months_ok { ends[nm] } else { on };
    let pay_from = y12.min(months_from);
    let mut steps = settings.dunning_steps.clone();
    crate::sorting::sort_by(&mut steps, |a, b| a.cmp(b));
    steps.dedup();
    let steps: Vec<i32> = steps.into_iter().map(clamp_i32).collect();
    let ns = steps.len();
    let window_end = on.saturating_add(clamp_i32(settings.deadline_window_days));
    let ext_days = clamp_i32(settings.extension_days);
    let notif_days = clamp_i32(settings.notification_days);

    // Accumulators.
    let mut acc = vec![Acc::default(); n_cust * nc];
    let mut month_acc = vec![Decimal::ZERO; n_cust * nc * nm * 2];
    let mut step_amount = vec![Decimal::ZERO; n_cust * nc * ns];
    let mut step_count = vec![0u32; n_cust * ns];
    let mut max_dpd = vec![i32::MIN; n_cust];
    let mut deadline: Vec<Option<Deadline>> = vec![None; n_cust];
    let mut deadline_count = vec![0u32; n_cust];

    for (ri, r) in ix.rows.iter().enumerate() {
        let open = ix.open_at(r, on);
        let recent = r.issue > q3 && r.issue <= on;
        let before = r.issue > y12 && r.issue <= q3;
        let pays_in = r.last_pay > pay_from;
        let counts_open = open > Decimal::ZERO;
        if open.is_zero() && !recent && !before && !pays_in {
            continue;
        }
        if r.slot == NO_SLOT {
            return Err(no_rate(r, as_of));
        }
        let ci = r.customer as usize;
        let cs = ci * nc + r.slot as usize;
        let a = &mut acc[cs];
        if recent {
            a.sales_recent += r.gross;
        } else if before {
            a.sales_before += r.gross;
        }
        // Net: credits lower the exposure.
        a.exposure += open;
        if counts_open && r.disputed_from > on {
            let dpd = on - r.due;
            let reached = steps.partition_point(|&o| o <= dpd);
            if reached > 0 {
                step_count[ci * ns + reached - 1] += 1;
                step_amount[cs * ns + reached - 1] += open;
                max_dpd[ci] = max_dpd[ci].max(dpd);
            }
            if insured[ci] && r.due < on {
                let ext = r.due.saturating_add(ext_days);
                let notif = ext.saturating_add(notif_days);
                let mut any = false;
                for (d, kind) in [
                    (ext, DeadlineKind::ExtensionEnds),
                    (notif, DeadlineKind::NotificationDue),
                ] {
                    if d >= on && d <= window_end {
                        any = true;
                        let cand = (d, kind, ri);
                        if deadline[ci].is_none_or(|best| cand < best) {
                            deadline[ci] = Some(cand);
                        }
                    }
                }
                if any {
                    deadline_count[ci] += 1;
                }
            }
        }
        if pays_in {
            for p in ix.pays_of(r) {
                if p.day <= pay_from {
                    continue;
                }
                if p.day > on {
                    break;
                }
                let late = p.day - r.due;
                let amount_days = if late > 0 {
                    p.amount * Decimal::from(late)
                } else {
                    Decimal::ZERO
                };
                if p.day > q3 {
                    a.paid_recent += p.amount;
                    a.days_recent += amount_days;
                } else if p.day > y12 {
                    a.paid_before += p.amount;
                    a.days_before += amount_days;
                }
                if months_ok && nm > 0 && p.day > months_from {
                    let k = ends.partition_point(|&b| b >= p.day) - 1;
                    let m = (cs * nm + k) * 2;
                    month_acc[m] += p.amount;
                    month_acc[m + 1] += amount_days;
                }
            }
        }
    }

    // Per buyer, in the base currency.
    let mut rates = Rates::new(ix, as_of);
    let mut base = vec![Acc::default(); n_cust];
    let mut total_ar = Decimal::ZERO;
    for ci in 0..n_cust {
        let b = &mut base[ci];
        for slot in 0..nc {
            let a = &acc[ci * nc + slot];
            if a.is_zero() {
                continue;
            }
            let rate = rates.slot(slot)?;
            b.exposure += a.exposure * rate;
            b.sales_recent += a.sales_recent * rate;
            b.sales_before += a.sales_before * rate;
            b.paid_recent += a.paid_recent * rate;
            b.days_recent += a.days_recent * rate;
            b.paid_before += a.paid_before * rate;
            b.days_before += a.days_before * rate;
        }
        // Concentration is measured against what buyers owe: buyers in net
        // credit do not shrink the total (as the KPIs' top-1 share).
        total_ar += b.exposure.max(Decimal::ZERO);
    }

    let default_context = BuyerContext::default();
    let mut alerts = Vec::new();
    let three = Decimal::from(3);
    let nine = Decimal::from(9);
    for ci in 0..n_cust {
        let Some(c) = customer_of[ci] else {
            continue;
        };
        let ctx = context.get(&c.id).unwrap_or(&default_context);
        let b = &base[ci];
        let exposure = b.exposure;
        let mut push = |rule, severity, evidence, action| {
            alerts.push(Alert {
                rule,
                severity,
                customer_id: c.id.clone(),
                evidence,
                action,
            })
        };

        // Over limit / utilisation.
        if let Some(limit) = c.credit_limit {
            if exposure > limit {
                push(
                    Rule::OverLimit,
                    Severity::Critical,
                    Evidence::OverLimit { exposure, limit },
                    Action::HoldDeliveries,
                );
            } else if let Some(u) = crate::limit::utilisation(exposure, limit) {
                if u >= settings.utilisation && u <= Decimal::ONE {
                    push(
                        Rule::Utilisation,
                        Severity::Warning,
                        Evidence::Utilisation {
                            exposure,
                            limit,
                            utilisation: u,
                        },
                        Action::ReviewLimit,
                    );
                }
            }
        }

        // Dunning: nothing for a buyer in net credit.
        if !ctx.on_plan && exposure > Decimal::ZERO {
            if let Some(s) = (0..ns).rev().find(|&s| step_count[ci * ns + s] > 0) {
                let mut amount = Decimal::ZERO;
                for slot in 0..nc {
                    let x = step_amount[(ci * nc + slot) * ns + s];
                    if !x.is_zero() {
                        amount += x * rates.slot(slot)?;
                    }
                }
                let (severity, action) = if s + 1 == ns {
                    (Severity::Critical, Action::Escalate)
                } else if s == 0 {
                    (Severity::Info, Action::SendReminder)
                } else {
                    (Severity::Warning, Action::CallBuyer)
                };
                push(
                    Rule::PastDunningStep,
                    severity,
                    Evidence::PastDunningStep {
                        step_days: i64::from(steps[s]),
                        step: s as u32 + 1,
                        invoices: step_count[ci * ns + s],
                        amount,
                        max_days_past_due: i64::from(max_dpd[ci]),
                    },
                    action,
                );
            }
        }

        // Grade.
        if let (Some(to), Some(from)) = (ctx.grade, ctx.previous_grade) {
            if to > from {
                let severity = if to >= GRADE_CRITICAL {
                    Severity::Critical
                } else {
                    Severity::Warning
                };
                push(
                    Rule::GradeDowngraded,
                    severity,
                    Evidence::GradeDowngraded { from, to },
                    Action::Reassess,
                );
            }
        }

        // Insured limit.
        if let Some(from) = ctx.insured_limit_before {
            let to = c.insured_limit.unwrap_or(Decimal::ZERO);
            if to < from {
                let severity = if to <= Decimal::ZERO && exposure > Decimal::ZERO {
                    Severity::Critical
                } else {
                    Severity::Warning
                };
                let action = if exposure > to {
                    Action::ReduceExposure
                } else {
                    Action::AskInsurer
                };
                push(
                    Rule::InsuredLimitCut,
                    severity,
                    Evidence::InsuredLimitCut { from, to },
                    action,
                );
            }
        }

        // Volume up while paying slower.
        let mut volume_up = false;
        if let (Some(delay_now), Some(delay_before)) = (
            ratio(b.days_recent, b.paid_recent),
            ratio(b.days_before, b.paid_before),
        ) {
            let recent_monthly_sales = b.sales_recent / three;
            let earlier_monthly_sales = b.sales_before / nine;
            if let Some(r) = ratio(recent_monthly_sales, earlier_monthly_sales) {
                if recent_monthly_sales >= settings.volume_ratio * earlier_monthly_sales
                    && delay_now - delay_before >= settings.delay_rise_days
                {
                    volume_up = true;
                    push(
                        Rule::VolumeUpPayingSlower,
                        Severity::Critical,
                        Evidence::VolumeUpPayingSlower {
                            recent_monthly_sales,
                            earlier_monthly_sales,
                            ratio: r,
                            delay_before,
                            delay_now,
                        },
                        Action::CallBuyer,
                    );
                }
            }
        }

        // Delay worsening.
        if !volume_up && months_ok && nm > 0 {
            let mut months: Vec<(NaiveDate, Decimal)> = Vec::with_capacity(nm);
            for k in (0..nm).rev() {
                let (mut paid, mut days) = (Decimal::ZERO, Decimal::ZERO);
                for slot in 0..nc {
                    let m = ((ci * nc + slot) * nm + k) * 2;
                    if month_acc[m].is_zero() {
                        continue;
                    }
                    let rate = rates.slot(slot)?;
                    paid += month_acc[m] * rate;
                    days += month_acc[m + 1] * rate;
                }
                let Some(avg) = ratio(days, paid) else {
                    break;
                };
                let end = NaiveDate::from_num_days_from_ce_opt(ends[k]).unwrap_or(as_of);
                months.push((end, avg));
            }
            if months.len() == nm && months.windows(2).all(|w| w[1].1 >= w[0].1) {
                let rise = months[nm - 1].1 - months[0].1;
                if rise >= settings.worsening_days {
                    push(
                        Rule::DelayWorsening,
                        Severity::Warning,
                        Evidence::DelayWorsening { months, rise },
                        Action::MonitorClosely,
                    );
                }
            }
        }

        // Concentration: only a buyer that owes something.
        if let Some(share) = ratio(exposure, total_ar).filter(|_| exposure > Decimal::ZERO) {
            if share > settings.concentration {
                push(
                    Rule::Concentration,
                    Severity::Warning,
                    Evidence::Concentration {
                        exposure,
                        total: total_ar,
                        share,
                    },
                    Action::ReduceExposure,
                );
            }
        }

        // Insurer deadline: nothing owed, nothing to notify.
        if let Some((d, kind, ri)) = deadline[ci].filter(|_| exposure > Decimal::ZERO) {
            let days_left = i64::from(d - on);
            let severity = if days_left <= DEADLINE_CRITICAL_DAYS {
                Severity::Critical
            } else {
                Severity::Warning
            };
            let invoice_id = if ids_match {
                portfolio.invoices[ri].id.clone()
            } else {
                String::new()
            };
            push(
                Rule::InsurerDeadline,
                severity,
                Evidence::InsurerDeadline {
                    kind,
                    date: NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(as_of),
                    days_left,
                    invoice_id,
                    invoices: deadline_count[ci],
                },
                Action::NotifyInsurer,
            );
        }
    }
    crate::sorting::sort_by(&mut alerts, |a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
            .then_with(|| a.rule.cmp(&b.rule))
    });
    Ok(alerts)
}
