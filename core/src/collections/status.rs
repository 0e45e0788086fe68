//! Where the records stand as of a date, and what they change elsewhere:
//! promise states, the dunning pauses, the forecast's promised dates, the
//! alerts, group figures and the KPIs.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::book::{Book, DisputeReason, Promise};
use crate::dates::add_days;
use crate::dunning::{Lang, Pauses};
use crate::heatmap::{zone, Band, Zone};
use crate::monitor::{Action, Alert, Evidence, Rule, Severity};
use crate::openitems::{net_open, NetOpen};
use crate::portfolio::Portfolio;

/// Where a promise stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum PromiseState {
    /// Not yet due, or within its grace.
    Open {
        /// Paid towards it so far, base currency.
        paid: Decimal,
    },
    /// Paid in time.
    Kept {
        /// The day the payments reached the amount.
        on: NaiveDate,
    },
    /// Not paid by its date + grace.
    Broken {
        /// The first day it counted as broken.
        on: NaiveDate,
        /// Paid within its window, base currency.
        paid: Decimal,
    },
}

/// What a group stands at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The group.
    pub name: String,
    /// Its members.
    pub members: Vec<String>,
    /// Σ members' net exposure (base currency, ≥ 0 each).
    pub exposure: Decimal,
    /// The shared limit.
    pub limit: Option<Decimal>,
    /// exposure ÷ limit.
    pub utilisation: Option<Decimal>,
    /// Σ members' insured cover: min(exposure, insured limit) each.
    pub cover: Decimal,
    /// exposure ÷ the portfolio's exposure.
    pub share: Option<Decimal>,
}

/// The disputes of one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonFigures {
    /// The reason.
    pub reason: DisputeReason,
    /// Open disputes.
    pub open: u32,
    /// Their disputed amount, base currency.
    pub open_amount: Decimal,
    /// Resolved or rejected.
    pub closed: u32,
    /// Their average days from opening to closing.
    pub avg_days_to_resolve: Option<Decimal>,
}

/// The collections KPIs as of a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionsKpis {
    /// Promises kept.
    pub kept: u32,
    /// Promises broken.
    pub broken: u32,
    /// Promises still open.
    pub open: u32,
    /// kept ÷ (kept + broken).
    pub kept_share: Option<Decimal>,
    /// The disputed amount of open disputes, base currency.
    pub disputed: Decimal,
    /// disputed ÷ the portfolio's open receivables (net exposure).
    pub disputed_share: Option<Decimal>,
    /// Average days from opening to closing of the closed disputes.
    pub avg_days_to_resolve: Option<Decimal>,
    /// By reason, in the reasons' order (only reasons with a dispute).
    pub by_reason: Vec<ReasonFigures>,
}

/// Each buyer's net exposure (≥ 0) in the base currency.
fn exposures(net: &NetOpen) -> BTreeMap<&str, Decimal> {
    net.buyer_net
        .iter()
        .map(|(id, _)| (id.as_str(), net.exposure(id)))
        .collect()
}

impl Book {
    /// The buyer's payments (base currency, at the rate of `as_of`) dated
    /// in `[from, to]`, in date order.
    fn payments(
        p: &Portfolio,
        customer_id: &str,
        from: NaiveDate,
        to: NaiveDate,
        as_of: NaiveDate,
    ) -> Vec<(NaiveDate, Decimal)> {
        let mut v = Vec::new();
        for inv in p.invoices.iter().filter(|i| i.customer_id == customer_id) {
            let rate = p.fx.rate(inv.currency, as_of).unwrap_or(Decimal::ZERO);
            for pay in &inv.payments {
                if pay.date >= from && pay.date <= to && pay.amount > Decimal::ZERO {
                    v.push((pay.date, pay.amount * rate));
                }
            }
        }
        crate::sorting::sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        v
    }

    /// Where a promise stands as of a date (see the module docs). A
    /// buyer's payments are shared among its promises earliest promised
    /// date first, so one payment never keeps two promises.
    pub fn promise_state(&self, p: &Portfolio, pr: &Promise, as_of: NaiveDate) -> PromiseState {
        let mut mine: Vec<&Promise> = self
            .promises
            .iter()
            .filter(|x| x.customer_id == pr.customer_id && x.recorded <= as_of)
            .collect();
        if !mine.iter().any(|x| x.id == pr.id) {
            mine.push(pr);
        }
        crate::sorting::sort_by(&mut mine, |a, b| {
            a.promised_date
                .cmp(&b.promised_date)
                .then_with(|| a.recorded.cmp(&b.recorded))
                .then_with(|| a.id.cmp(&b.id))
        });
        let from = mine.iter().map(|x| x.recorded).min().unwrap_or(pr.recorded);
        let mut pool = Self::payments(p, &pr.customer_id, from, as_of, as_of);
        let grace = self.grace_days.max(0);
        for x in mine {
            let last = add_days(x.promised_date, grace);
            let to = last.min(as_of);
            let mut paid = Decimal::ZERO;
            let mut kept = None;
            for (d, left) in pool.iter_mut() {
                if *d < x.recorded || *d > to || left.is_zero() {
                    continue;
                }
                let take = (*left).min(x.amount - paid);
                *left -= take;
                paid += take;
                if paid >= x.amount {
                    kept = Some(*d);
                    break;
                }
            }
            if x.id != pr.id {
                continue;
            }
            return match kept {
                Some(on) => PromiseState::Kept { on },
                None if as_of > last => PromiseState::Broken {
                    on: last.succ_opt().unwrap_or(last),
                    paid,
                },
                None => PromiseState::Open { paid },
            };
        }
        PromiseState::Open {
            paid: Decimal::ZERO,
        }
    }

    /// The invoices a promise covers as of a date: those it names (still
    /// open), or the buyer's open invoices oldest due first until their
    /// open amount reaches what is still promised.
    pub fn covered(
        &self,
        p: &Portfolio,
        net: &NetOpen,
        pr: &Promise,
        as_of: NaiveDate,
    ) -> Vec<String> {
        let mut rows: Vec<usize> = (0..p.invoices.len())
            .filter(|&k| {
                p.invoices[k].customer_id == pr.customer_id && net.effective[k] > Decimal::ZERO
            })
            .collect();
        if !pr.invoice_ids.is_empty() {
            return rows
                .into_iter()
                .map(|k| &p.invoices[k].id)
                .filter(|id| pr.invoice_ids.contains(id))
                .cloned()
                .collect();
        }
        crate::sorting::sort_by(&mut rows, |a, b| {
            let (x, y) = (&p.invoices[*a], &p.invoices[*b]);
            x.due_date
                .cmp(&y.due_date)
                .then(x.issue_date.cmp(&y.issue_date))
                .then(a.cmp(b))
        });
        let paid = match self.promise_state(p, pr, as_of) {
            PromiseState::Open { paid } | PromiseState::Broken { paid, .. } => paid,
            PromiseState::Kept { .. } => return Vec::new(),
        };
        let mut left = pr.amount - paid;
        let mut out = Vec::new();
        for k in rows {
            if left <= Decimal::ZERO {
                break;
            }
            let inv = &p.invoices[k];
            left -= net.effective[k] * p.fx.rate(inv.currency, as_of).unwrap_or(Decimal::ONE);
            out.push(inv.id.clone());
        }
        out
    }

    /// What the workflow pauses and escalates in the dunning plan as of a
    /// date, with reasons in a language.
    pub fn pauses(&self, p: &Portfolio, as_of: NaiveDate, lang: Lang) -> Pauses {
        let mut out = Pauses::default();
        if self.promises.is_empty() && self.disputes.is_empty() {
            return out;
        }
        let net = net_open(p, as_of, p.settings.ageing.credits);
        for pr in self.promises.iter().filter(|x| x.recorded <= as_of) {
            match self.promise_state(p, pr, as_of) {
                PromiseState::Open { .. } => {
                    let why = match lang {
                        Lang::En => format!("Promise to pay {} by {}", pr.id, pr.promised_date),
                        Lang::Zh => format!("付款承诺 {}：{} 前付款", pr.id, pr.promised_date),
                    };
                    for id in self.covered(p, &net, pr, as_of) {
                        out.promised.insert(id, (why.clone(), pr.recorded));
                    }
                }
                PromiseState::Broken { .. } => {
                    for id in self.covered(p, &net, pr, as_of) {
                        out.escalate.insert(id);
                    }
                }
                PromiseState::Kept { .. } => {}
            }
        }
        for c in &self.disputes {
            if c.status_as_of(as_of).is_some_and(|s| s.is_open()) {
                let why = match lang {
                    Lang::En => format!("Dispute {}: {}", c.id, c.reason.label(lang)),
                    Lang::Zh => format!("争议 {}：{}", c.id, c.reason.label(lang)),
                };
                let e = out.disputed.entry(c.invoice_id.clone()).or_insert((
                    Decimal::ZERO,
                    why,
                    c.opened(),
                ));
                e.0 += c.amount;
            }
        }
        for id in out.promised.keys() {
            out.escalate.remove(id);
        }
        out
    }

    /// The promised date of each invoice under an open promise (for the
    /// cash forecast).
    pub fn promised_dates(&self, p: &Portfolio, as_of: NaiveDate) -> BTreeMap<String, NaiveDate> {
        let mut out = BTreeMap::new();
        if self.promises.is_empty() {
            return out;
        }
        let net = net_open(p, as_of, p.settings.ageing.credits);
        for pr in self.promises.iter().filter(|x| x.recorded <= as_of) {
            if matches!(self.promise_state(p, pr, as_of), PromiseState::Open { .. }) {
                for id in self.covered(p, &net, pr, as_of) {
                    out.insert(id, pr.promised_date);
                }
            }
        }
        out
    }

    /// Every group's figures as of a date.
    pub fn group_figures(&self, p: &Portfolio, as_of: NaiveDate) -> Vec<GroupFigures> {
        let net = net_open(p, as_of, p.settings.ageing.credits);
        let exp = exposures(&net);
        let total: Decimal = exp.values().sum();
        self.groups
            .iter()
            .map(|g| {
                let mut exposure = Decimal::ZERO;
                let mut cover = Decimal::ZERO;
                for m in &g.members {
                    let e = exp.get(m.as_str()).copied().unwrap_or(Decimal::ZERO);
                    exposure += e;
                    if let Some(l) = p.customer(m).and_then(|c| c.insured_limit) {
                        cover += e.min(l.max(Decimal::ZERO));
                    }
                }
                GroupFigures {
                    name: g.name.clone(),
                    members: g.members.clone(),
                    exposure,
                    limit: g.limit,
                    utilisation: g.limit.filter(|l| *l > Decimal::ZERO).map(|l| exposure / l),
                    cover,
                    share: (total > Decimal::ZERO).then(|| exposure / total),
                }
            })
            .collect()
    }

    /// Each group on the risk heat map ([`crate::heatmap`]): its likelihood
    /// is its worst member's grade (a group is as weak as its weakest
    /// company, when any is graded), its impact its share of the
    /// receivables. `grades` are the buyers' grades by id.
    pub fn group_heat(
        &self,
        p: &Portfolio,
        as_of: NaiveDate,
        grades: &BTreeMap<String, u8>,
    ) -> Vec<(String, Option<u8>, Band, Zone)> {
        self.group_figures(p, as_of)
            .into_iter()
            .map(|f| {
                let grade = f
                    .members
                    .iter()
                    .filter_map(|m| grades.get(m).copied())
                    .max();
                let band = Band::of(f.share.unwrap_or(Decimal::ZERO));
                (f.name, grade, band, zone(grade, band))
            })
            .collect()
    }

    /// The workflow's alerts as of a date: broken promises not yet paid,
    /// groups over their limit or above the concentration threshold (a
    /// fraction of the AR, the monitoring settings'), most severe first.
    pub fn alerts(&self, p: &Portfolio, as_of: NaiveDate, concentration: Decimal) -> Vec<Alert> {
        let mut out = Vec::new();
        for pr in self.promises.iter().filter(|x| x.recorded <= as_of) {
            let PromiseState::Broken { paid, .. } = self.promise_state(p, pr, as_of) else {
                continue;
            };
            let since: Decimal = Self::payments(p, &pr.customer_id, pr.recorded, as_of, as_of)
                .iter()
                .map(|x| x.1)
                .sum();
            if since >= pr.amount {
                continue;
            }
            out.push(Alert {
                rule: Rule::PromiseBroken,
                severity: Severity::Critical,
                customer_id: pr.customer_id.clone(),
                evidence: Evidence::PromiseBroken {
                    promise_id: pr.id.clone(),
                    promised_date: pr.promised_date,
                    amount: pr.amount,
                    paid,
                },
                action: Action::Escalate,
            });
        }
        if !self.groups.is_empty() {
            let net = net_open(p, as_of, p.settings.ageing.credits);
            let exp = exposures(&net);
            for f in self.group_figures(p, as_of) {
                // Raised on the member with the largest exposure.
                let Some(top) = f.members.iter().max_by(|a, b| {
                    let ea = exp.get(a.as_str()).copied().unwrap_or_default();
                    let eb = exp.get(b.as_str()).copied().unwrap_or_default();
                    ea.cmp(&eb).then(b.cmp(a))
                }) else {
                    continue;
                };
                if let Some(l) = f.limit.filter(|l| f.exposure > *l) {
                    out.push(Alert {
                        rule: Rule::GroupOverLimit,
                        severity: Severity::Critical,
                        customer_id: top.clone(),
                        evidence: Evidence::GroupOverLimit {
                            group: f.name.clone(),
                            members: f.members.len() as u32,
                            exposure: f.exposure,
                            limit: l,
                        },
                        action: Action::HoldDeliveries,
                    });
                }
                if let Some(s) = f
                    .share
                    .filter(|s| f.members.len() > 1 && *s > concentration)
                {
                    let total: Decimal = exp.values().sum();
                    out.push(Alert {
                        rule: Rule::GroupConcentration,
                        severity: Severity::Warning,
                        customer_id: top.clone(),
                        evidence: Evidence::GroupConcentration {
                            group: f.name.clone(),
                            exposure: f.exposure,
                            total,
                            share: s,
                        },
                        action: Action::ReduceExposure,
                    });
                }
            }
        }
        crate::sorting::sort_by(&mut out, |a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.customer_id.cmp(&b.customer_id))
                .then_with(|| a.rule.cmp(&b.rule))
        });
        out
    }

    /// The collections KPIs as of a date.
    pub fn kpis(&self, p: &Portfolio, as_of: NaiveDate) -> CollectionsKpis {
        let (mut kept, mut broken, mut open) = (0u32, 0u32, 0u32);
        for pr in self.promises.iter().filter(|x| x.recorded <= as_of) {
            match self.promise_state(p, pr, as_of) {
                PromiseState::Kept { .. } => kept += 1,
                PromiseState::Broken { .. } => broken += 1,
                PromiseState::Open { .. } => open += 1,
            }
        }
        let net = net_open(p, as_of, p.settings.ageing.credits);
        let ar: Decimal = exposures(&net).values().sum();
        let currency_of: BTreeMap<&str, _> = p
            .invoices
            .iter()
            .map(|i| (i.id.as_str(), i.currency))
            .collect();
        let mut disputed = Decimal::ZERO;
        let mut by: BTreeMap<DisputeReason, (u32, Decimal, u32, i64)> = BTreeMap::new();
        let (mut closed, mut closed_days) = (0u32, 0i64);
        for c in &self.disputes {
            let Some(st) = c.status_as_of(as_of) else {
                continue;
            };
            let e = by.entry(c.reason).or_default();
            if st.is_open() {
                let rate = currency_of
                    .get(c.invoice_id.as_str())
                    .and_then(|cur| p.fx.rate(*cur, as_of).ok())
                    .unwrap_or(Decimal::ONE);
                e.0 += 1;
                e.1 += c.amount * rate;
                disputed += c.amount * rate;
            } else if let Some(d) = c.closed_on(as_of) {
                let days = (d - c.opened()).num_days();
                e.2 += 1;
                e.3 += days;
                closed += 1;
                closed_days += days;
            }
        }
        let avg = |n: u32, days: i64| (n > 0).then(|| Decimal::from(days) / Decimal::from(n));
        CollectionsKpis {
            kept,
            broken,
            open,
            kept_share: (kept + broken > 0)
                .then(|| Decimal::from(kept) / Decimal::from(kept + broken)),
            disputed,
            disputed_share: (ar > Decimal::ZERO).then(|| disputed / ar),
            avg_days_to_resolve: avg(closed, closed_days),
            by_reason: by
                .into_iter()
                .map(|(reason, (o, a, c, d))| ReasonFigures {
                    reason,
                    open: o,
                    open_amount: a,
                    closed: c,
                    avg_days_to_resolve: avg(c, d),
                })
                .collect(),
        }
    }
}
