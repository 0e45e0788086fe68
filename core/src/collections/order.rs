//! The order check for sales: can this order be shipped on credit?

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::book::Book;
use super::error::{CollectionsError, Field};
use crate::customer::CustomerStatus;
use crate::dunning::{keyed, Lang};
use crate::money::{parse_amount, Currency};
use crate::openitems::net_open;
use crate::portfolio::Portfolio;

/// What a rule does when it fires.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleAction {
    /// Not checked.
    Off,
    /// The order goes to the credit manager.
    Refer,
    /// The order is blocked.
    Block,
}

keyed!(RuleAction {
    Off => "off", "Off", "不检查";
    Refer => "refer", "Refer", "转审";
    Block => "block", "Block", "拦截";
});

/// The order check's rules: a setting of the portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderRules {
    /// Deliveries held, in legal or closed.
    pub hold: RuleAction,
    /// Overdue by more than `overdue_days` above `overdue_amount`.
    pub overdue: RuleAction,
    /// Days past due that count (30).
    pub overdue_days: i64,
    /// The overdue amount tolerated, base currency (0).
    pub overdue_amount: Decimal,
    /// Over the buyer's limit after the order.
    pub limit: RuleAction,
    /// No limit set for the buyer.
    pub no_limit: RuleAction,
    /// Over the group's limit after the order.
    pub group_limit: RuleAction,
    /// A grade at or above `grade_from`.
    pub grade: RuleAction,
    /// The first grade that counts (9).
    pub grade_from: u8,
    /// Over the insurer's limit after the order (uninsured exposure).
    pub insurer: RuleAction,
}

impl Default for OrderRules {
    /// Held or in legal: block. Overdue more than 30 days, any amount:
    /// block (the ERPNext rule). Over the buyer's or group's limit, no
    /// limit, grade 9–10, over the insurer's limit: refer.
    fn default() -> Self {
        OrderRules {
            hold: RuleAction::Block,
            overdue: RuleAction::Block,
            overdue_days: 30,
            overdue_amount: Decimal::ZERO,
            limit: RuleAction::Refer,
            no_limit: RuleAction::Refer,
            group_limit: RuleAction::Refer,
            grade: RuleAction::Refer,
            grade_from: 9,
            insurer: RuleAction::Refer,
        }
    }
}

/// The answer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderDecision {
    /// Ship it.
    Approve,
    /// Ask the credit manager.
    Refer,
    /// Do not ship on credit.
    Block,
}

keyed!(OrderDecision {
    Approve => "approve", "Approve", "批准";
    Refer => "refer", "Refer to credit", "转信用部门审批";
    Block => "block", "Block", "拦截";
});

/// Why: one per rule that fired. Amounts are in the base currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum OrderReason {
    /// Deliveries held, in legal or closed.
    Status {
        /// The buyer's status.
        status: CustomerStatus,
    },
    /// Overdue beyond the threshold.
    Overdue {
        /// Open more than `days` past due.
        amount: Decimal,
        /// The most days past due.
        oldest_days: i64,
        /// The rule's days.
        days: i64,
        /// The rule's amount.
        threshold: Decimal,
    },
    /// Over the buyer's limit after the order.
    OverLimit {
        /// Exposure with the order.
        after: Decimal,
        /// The limit.
        limit: Decimal,
    },
    /// No limit set.
    NoLimit,
    /// Over the group's limit after the order.
    OverGroupLimit {
        /// The group.
        group: String,
        /// Group exposure with the order.
        after: Decimal,
        /// The group limit.
        limit: Decimal,
    },
    /// Grade at or above the rule's.
    Grade {
        /// The buyer's grade.
        grade: u8,
    },
    /// Over the insurer's limit after the order.
    OverInsurer {
        /// Exposure with the order.
        after: Decimal,
        /// The insured limit.
        insured: Decimal,
    },
}

/// The result of an order check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderCheck {
    /// The buyer.
    pub customer_id: String,
    /// The order, base currency.
    pub amount: Decimal,
    /// The base currency.
    pub currency: Currency,
    /// The answer: the worst of the reasons' actions.
    pub decision: OrderDecision,
    /// Every rule that fired, with what it does.
    pub reasons: Vec<(OrderReason, RuleAction)>,
    /// The buyer's exposure before the order.
    pub exposure: Decimal,
    /// Its limit.
    pub limit: Option<Decimal>,
    /// Limit − exposure − order (negative when over).
    pub headroom_after: Option<Decimal>,
    /// The buyer's group.
    pub group: Option<String>,
}

impl OrderReason {
    /// The reason in a sentence.
    pub fn message(&self, lang: Lang, currency: Currency) -> String {
        let zh = lang == Lang::Zh;
        let m = |a: &Decimal| crate::money::format_amount(*a, currency);
        match self {
            OrderReason::Status { status } => {
                let s = match (status, zh) {
                    (CustomerStatus::OnHold, false) => "on hold",
                    (CustomerStatus::OnHold, true) => "暂停发货",
                    (CustomerStatus::InLegal, false) => "in legal action",
                    (CustomerStatus::InLegal, true) => "法律程序中",
                    (CustomerStatus::Closed, false) => "closed",
                    (CustomerStatus::Closed, true) => "已关闭",
                    (CustomerStatus::Active, false) => "active",
                    (CustomerStatus::Active, true) => "正常",
                };
                if zh {
                    format!("客户状态：{s}。")
                } else {
                    format!("The buyer is {s}.")
                }
            }
            OrderReason::Overdue {
                amount,
                oldest_days,
                days,
                threshold,
            } => {
                if zh {
                    format!(
                        "逾期超过 {days} 天的金额 {currency} {}（最长逾期 {oldest_days} 天），超过容许的 {currency} {}。",
                        m(amount),
                        m(threshold)
                    )
                } else {
                    format!(
                        "{currency} {} is more than {days} days overdue (oldest {oldest_days} days), above the {currency} {} allowed.",
                        m(amount),
                        m(threshold)
                    )
                }
            }
            OrderReason::OverLimit { after, limit } => {
                if zh {
                    format!(
                        "含本订单的风险敞口 {currency} {} 超过信用限额 {currency} {}。",
                        m(after),
                        m(limit)
                    )
                } else {
                    format!(
                        "With this order the exposure is {currency} {}, over the credit limit of {currency} {}.",
                        m(after),
                        m(limit)
                    )
                }
            }
            OrderReason::NoLimit => {
                if zh {
                    "该客户尚未设定信用限额。".to_string()
                } else {
                    "The buyer has no credit limit set.".to_string()
                }
            }
            OrderReason::OverGroupLimit {
                group,
                after,
                limit,
            } => {
                if zh {
                    format!(
                        "含本订单，集团“{group}”的风险敞口 {currency} {} 超过集团共享限额 {currency} {}。",
                        m(after),
                        m(limit)
                    )
                } else {
                    format!(
                        "With this order group \"{group}\" owes {currency} {}, over its shared limit of {currency} {}.",
                        m(after),
                        m(limit)
                    )
                }
            }
            OrderReason::Grade { grade } => {
                if zh {
                    format!("信用等级 {grade}（9–10 级为高风险）。")
                } else {
                    format!("Grade {grade} (9–10 is high risk).")
                }
            }
            OrderReason::OverInsurer { after, insured } => {
                if zh {
                    format!(
                        "含本订单的风险敞口 {currency} {} 超过保险公司限额 {currency} {}：超出部分无保险保障。",
                        m(after),
                        m(insured)
                    )
                } else {
                    format!(
                        "With this order the exposure of {currency} {} is above the insurer's limit of {currency} {}: the excess is uninsured.",
                        m(after),
                        m(insured)
                    )
                }
            }
        }
    }
}

/// Checks an order of `amount` (typed, base currency) for a buyer as of a
/// date, with its grade when assessed and a hold made outside the ledger
/// (by a dunning step), which counts when the ledger's status is active
/// (see the module docs for the rules).
///
/// # Errors
/// An unknown buyer, an amount that is not above zero.
pub fn order_check(
    p: &Portfolio,
    book: &Book,
    customer_id: &str,
    amount: &str,
    grade: Option<u8>,
    hold: Option<CustomerStatus>,
    as_of: NaiveDate,
) -> Result<OrderCheck, CollectionsError> {
    let c = p
        .customer(customer_id)
        .ok_or_else(|| CollectionsError::UnknownBuyer(customer_id.to_string()))?;
    let order = match parse_amount(amount, false) {
        Ok(a) if a > Decimal::ZERO => a,
        _ => {
            return Err(CollectionsError::BadAmount {
                field: Field::OrderAmount,
                value: amount.to_string(),
            })
        }
    };
    let r = &book.order_rules;
    let net = net_open(p, as_of, p.settings.ageing.credits);
    let exposure = net.exposure(&c.id);
    let after = exposure + order;
    let mut reasons = Vec::new();
    let mut fire = |action: RuleAction, reason: OrderReason| {
        if action != RuleAction::Off {
            reasons.push((reason, action));
        }
    };
    let status = match (c.status, hold) {
        (CustomerStatus::Active, Some(h)) => h,
        (s, _) => s,
    };
    if status != CustomerStatus::Active {
        fire(r.hold, OrderReason::Status { status });
    }
    // Overdue beyond the rule's days, net of credits.
    let (mut overdue, mut oldest) = (Decimal::ZERO, 0i64);
    if !net.in_net_credit(&c.id) {
        for (k, inv) in p.invoices.iter().enumerate() {
            if inv.customer_id != c.id || net.effective[k] <= Decimal::ZERO {
                continue;
            }
            let days = inv.days_past_due(as_of);
            if days > r.overdue_days {
                overdue +=
                    net.effective[k] * p.fx.rate(inv.currency, as_of).unwrap_or(Decimal::ONE);
                oldest = oldest.max(days);
            }
        }
    }
    if overdue > r.overdue_amount {
        fire(
            r.overdue,
            OrderReason::Overdue {
                amount: overdue,
                oldest_days: oldest,
                days: r.overdue_days,
                threshold: r.overdue_amount,
            },
        );
    }
    match c.credit_limit {
        Some(l) if after > l => fire(r.limit, OrderReason::OverLimit { after, limit: l }),
        Some(_) => {}
        None => fire(r.no_limit, OrderReason::NoLimit),
    }
    let group = book.group_of(&c.id);
    if let Some(g) = group {
        if let Some(l) = g.limit {
            let g_after: Decimal =
                g.members.iter().map(|m| net.exposure(m)).sum::<Decimal>() + order;
            if g_after > l {
                fire(
                    r.group_limit,
                    OrderReason::OverGroupLimit {
                        group: g.name.clone(),
                        after: g_after,
                        limit: l,
                    },
                );
            }
        }
    }
    if let Some(gr) = grade.filter(|g| *g >= r.grade_from) {
        // A defaulted buyer (grade 10) is blocked whatever the setting.
        let action = if gr >= 10 && r.grade != RuleAction::Off {
            RuleAction::Block
        } else {
            r.grade
        };
        fire(action, OrderReason::Grade { grade: gr });
    }
    if let Some(ins) = c.insured_limit.filter(|l| after > *l) {
        fire(
            r.insurer,
            OrderReason::OverInsurer {
                after,
                insured: ins,
            },
        );
    }
    let decision = match reasons.iter().map(|x| x.1).max() {
        Some(RuleAction::Block) => OrderDecision::Block,
        Some(RuleAction::Refer) => OrderDecision::Refer,
        _ => OrderDecision::Approve,
    };
    Ok(OrderCheck {
        customer_id: c.id.clone(),
        amount: order,
        currency: p.base_currency(),
        decision,
        reasons,
        exposure,
        limit: c.credit_limit,
        headroom_after: c.credit_limit.map(|l| l - after),
        group: group.map(|g| g.name.clone()),
    })
}
