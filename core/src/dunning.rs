//! Dunning: policies and presets, the plan for a date, late interest and
//! compensation by regime, letters in English and Chinese, the action log.
//!
//! # Policies
//! A [`Policy`] is an ordered list of [`Step`]s, each an offset in days
//! from the due date (negative = before it), the actions (the first is the
//! communication; others accompany it, e.g. stop deliveries), a channel and
//! a letter template per language (the default one for the action unless
//! edited). Presets ([`Preset`]):
//!
//! | preset | steps |
//! |---|---|
//! | Standard | +7 reminder (letter) · +30 phone call (phone) · +60 legal action (letter) |
//! | Proactive | −7 friendly reminder (email) · +3 formal demand (letter) · +15 legal action (letter) |
//! | Firm | +3 reminder (letter) · +15 final notice + stop deliveries (registered letter) · +30 legal action (registered letter) |
//!
//! A portfolio has a policy; a buyer may have its own
//! ([`DunningSettings::overrides`]).
//!
//! # The plan for a date ([`plan`])
//! - Every open (something unpaid as of the date), non-disputed invoice of
//!   a buyer not closed and not in net credit has a **reached step**
//!   (open amounts net of the buyer's credits, [`crate::openitems`]: a
//!   credit note or payment on account is never dunned; with credits
//!   applied oldest first, what they cover drops out): the last step whose date
//!   (due + offset) is on or before `as_of`.
//! - It is **pending** unless the action log has an entry for the same
//!   buyer, the same invoice **and the same due date** at a step offset at
//!   least the reached one. A due date that moved makes older entries not
//!   count: the invoice follows its new date.
//! - **One communication per buyer per step**: a buyer's pending invoices
//!   make one [`PlanItem`] at the highest step any of them reached; it
//!   lists all of them (each with its own reached step). Its `step_date`
//!   is the earliest day one of its invoices reached that step.
//! - Disputed invoices are **paused** ([`Plan::paused`]), in no item and no
//!   letter; paid invoices are out.
//! - [`Plan::upcoming`]: for each buyer each next step of its invoices (at
//!   its earliest date after `as_of`) when it falls within `lookahead_days`
//!   (soon-due invoices, e.g. the −7 friendly reminder), or whatever its
//!   date when the buyer is already in dunning (one of its invoices reached
//!   a step) — so a step marked done shows its successor scheduled.
//! - Amounts of an item are in the base currency at the rates of `as_of`.
//! - Items: highest offset first, then largest open amount, then buyer id.
//!
//! # Late interest ([`late_interest`])
//! Simple, actual/365, from the day after the due date through `as_of`
//! (only the days after `charged_through`: interest already claimed is
//! never charged again), on what was unpaid each day: a payment reduces
//! the principal from the day after it. Segments split at payments and at
//! half-years (1 January, 1 July) where the rate changes.
//!
//! | regime | rate a year | fixed compensation |
//! |---|---|---|
//! | EU (Directive 2011/7/EU) | reference + 8 points, re-read each half-year | €40 per invoice |
//! | Germany | base rate + 9 points, re-read each half-year | €40 per invoice |
//! | France | reference + 10 points, re-read each half-year | €40 per invoice |
//! | UK (Late Payment of Commercial Debts (Interest) Act 1998) | base rate + 8, fixed for the debt | £40 under £1,000; £70 under £10,000; £100 from £10,000 (of the invoice's gross amount in sterling) |
//! | China | the contract rate; else, when chosen, 0.05 % a day (large enterprise or public body paying an SME late, no rate agreed) | none |
//! | Contract | the contract rate | none |
//!
//! **EU, Germany, France** (Directive 2011/7/EU art. 2(7)): the reference
//! rate of a day is the entered [`RefRate`] in force on the first day of
//! its half-year (the latest `from` on or before it); when no rate was in
//! force then, the latest one in force on the day itself.
//!
//! **UK** (Late Payment Act s.6): the base rate in force on the 31
//! December or 30 June immediately before the day interest starts to run
//! (the day after the due date), fixed for that debt until it is paid —
//! later changes of the base rate do not move it; when no rate was in
//! force on that reference day, the latest one in force on the day
//! interest starts.
//!
//! No rate at all is [`DunningError::NoRate`]; in a plan that means no
//! interest is shown (nothing is charged until a rate is entered).
//!
//! **Fixed compensation** (Directive 2011/7/EU art. 6(1); UK Act s.5A) is
//! owed once late-payment interest runs ([`compensation_due`]): the due
//! date has passed and the invoice was not paid in full by it. An invoice
//! paid in full by its due date owes none; one paid in full after it, or
//! still unpaid, owes it. The UK sum goes by the debt in sterling: a debt
//! in another currency is converted at a rate given with it
//! ([`compensation`]; a plan uses the portfolio's rates of `as_of`) and is
//! [`DunningError::NoGbpRate`] without one — never a yen amount compared
//! with £1,000. Compensation is due once per invoice: a plan adds it only
//! for overdue invoices never yet in the log, converted to the base
//! currency.
//!
//! # Letters ([`letter`])
//! A step's template (the action's default, [`default_template`], unless
//! edited) with its `{fields}` ([`merge_fields`]) filled in; the invoice
//! table is fixed-width text, set in a fixed-width font where the letter is
//! shown ([`letter_blocks`]). Bank details not yet entered show as a
//! bracketed placeholder, so a letter is never sent asking for payment "to:"
//! nothing.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::customer::CustomerStatus;
use crate::export::{amount_string, text_width, Cell, CsvWriter};
use crate::invoice::Invoice;
use crate::money::{format_amount, Currency, MoneyError};
use crate::portfolio::Portfolio;

/// The language of labels, letters and messages.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

fn pick<T>(lang: Lang, en: T, zh: T) -> T {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

macro_rules! keyed {
    ($t:ident { $($v:ident => $k:literal, $en:literal, $zh:literal;)* }) => {
        impl $t {
            /// Every value, in order.
            pub const ALL: [$t; [$($k),*].len()] = [$($t::$v),*];
            /// A stable key.
            pub fn key(self) -> &'static str {
                match self { $($t::$v => $k,)* }
            }
            /// Its name in a language.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($t::$v, Lang::En) => $en, ($t::$v, Lang::Zh) => $zh,)*
                }
            }
            /// The value of a key.
            pub fn from_key(key: &str) -> Option<$t> {
                $t::ALL.into_iter().find(|x| x.key() == key)
            }
        }
    };
}

/// What a step does.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DunningAction {
    /// A friendly reminder, before or just after the due date.
    FriendlyReminder,
    /// A payment reminder.
    Reminder,
    /// A formal demand for payment.
    FormalDemand,
    /// A phone call.
    PhoneCall,
    /// Stop deliveries: the buyer is put on hold.
    StopDeliveries,
    /// A final notice before legal action.
    FinalNotice,
    /// Notify the credit insurer of the overdue account.
    NotifyInsurer,
    /// Hand over to legal action.
    LegalAction,
    /// Hand over to a collection agency.
    CollectionAgency,
}

keyed!(DunningAction {
    FriendlyReminder => "friendly_reminder", "Friendly reminder", "友好提醒";
    Reminder => "reminder", "Reminder", "付款提醒";
    FormalDemand => "formal_demand", "Formal demand", "正式催款";
    PhoneCall => "phone_call", "Phone call", "电话催收";
    StopDeliveries => "stop_deliveries", "Stop deliveries", "停止发货";
    FinalNotice => "final_notice", "Final notice", "最后通知";
    NotifyInsurer => "notify_insurer", "Notify the insurer", "通知保险公司";
    LegalAction => "legal_action", "Legal action", "法律程序";
    CollectionAgency => "collection_agency", "Collection agency", "委托催收机构";
});

/// How a step reaches the buyer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A letter.
    Letter,
    /// An email.
    Email,
    /// A phone call.
    Phone,
    /// A registered letter.
    Registered,
    /// A visit.
    Visit,
}

keyed!(Channel {
    Letter => "letter", "Letter", "信函";
    Email => "email", "Email", "电子邮件";
    Phone => "phone", "Phone", "电话";
    Registered => "registered", "Registered letter", "挂号信";
    Visit => "visit", "Visit", "上门拜访";
});

/// A preset policy.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// +7 reminder · +30 phone call · +60 legal action.
    Standard,
    /// −7 friendly reminder · +3 formal demand · +15 legal action.
    Proactive,
    /// +3 reminder · +15 final notice and stop deliveries · +30 legal.
    Firm,
}

keyed!(Preset {
    Standard => "standard", "Standard", "标准";
    Proactive => "proactive", "Proactive", "积极";
    Firm => "firm", "Firm", "严格";
});

/// One step of a policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Days from the due date (negative: before it).
    pub offset_days: i64,
    /// The actions: the first is the communication, the others accompany
    /// it.
    pub actions: Vec<DunningAction>,
    /// The channel.
    pub channel: Channel,
    /// The English letter template; `None`: the action's default.
    #[serde(default)]
    pub template_en: Option<String>,
    /// The Chinese letter template; `None`: the action's default.
    #[serde(default)]
    pub template_zh: Option<String>,
}

impl Step {
    fn new(offset_days: i64, actions: &[DunningAction], channel: Channel) -> Step {
        Step {
            offset_days,
            actions: actions.to_vec(),
            channel,
            template_en: None,
            template_zh: None,
        }
    }

    /// The step's main action.
    pub fn action(&self) -> DunningAction {
        self.actions
            .first()
            .copied()
            .unwrap_or(DunningAction::Reminder)
    }

    /// The letter template in a language: the edited one or the default.
    pub fn template(&self, lang: Lang) -> &str {
        let own = match lang {
            Lang::En => self.template_en.as_deref(),
            Lang::Zh => self.template_zh.as_deref(),
        };
        own.unwrap_or_else(|| default_template(self.action(), lang))
    }
}

/// A dunning policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Its name.
    pub name: String,
    /// The steps, by offset.
    pub steps: Vec<Step>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy::preset(Preset::Standard)
    }
}

/// What is wrong with a policy or the settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// No step.
    NoSteps,
    /// A step with no action.
    NoAction {
        /// The step, from 1.
        step: usize,
    },
    /// Offsets must increase.
    NotIncreasing {
        /// The step, from 1.
        step: usize,
        /// Its offset.
        offset: i64,
        /// The offset before it.
        before: i64,
    },
    /// An offset out of −365..=3650.
    OffsetOutOfRange {
        /// The step, from 1.
        step: usize,
        /// Its offset.
        offset: i64,
    },
    /// A template names a field that does not exist.
    UnknownField {
        /// The step, from 1.
        step: usize,
        /// The template's language.
        lang: Lang,
        /// The field.
        field: String,
        /// Its character position in the template, from 1.
        position: usize,
    },
    /// A `{` with no `}`.
    Unclosed {
        /// The step, from 1.
        step: usize,
        /// The template's language.
        lang: Lang,
        /// Its character position, from 1.
        position: usize,
    },
    /// A buyer's own policy is wrong.
    Buyer {
        /// The buyer.
        customer_id: String,
        /// What is wrong.
        error: Box<PolicyError>,
    },
}

impl PolicyError {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        let ln = |l: Lang| pick(lang, pick(l, "English", "Chinese"), pick(l, "英文", "中文"));
        match self {
            PolicyError::NoSteps => pick(
                lang,
                "A policy needs at least one step.".into(),
                "政策至少需要一个步骤。".into(),
            ),
            PolicyError::NoAction { step } => pick(
                lang,
                format!("Step {step}: choose an action."),
                format!("第{step}步：请选择动作。"),
            ),
            PolicyError::NotIncreasing {
                step,
                offset,
                before,
            } => pick(
                lang,
                format!("Step {step}: offset {offset} must be after the step before ({before})."),
                format!("第{step}步：偏移 {offset} 必须大于上一步（{before}）。"),
            ),
            PolicyError::OffsetOutOfRange { step, offset } => pick(
                lang,
                format!("Step {step}: offset {offset} must be from −365 to 3650 days."),
                format!("第{step}步：偏移 {offset} 须在 −365 到 3650 天之间。"),
            ),
            PolicyError::UnknownField {
                step,
                lang: l,
                field,
                position,
            } => pick(
                lang,
                format!(
                    "Step {step}, {} template, position {position}: unknown field {{{field}}}.",
                    ln(*l)
                ),
                format!(
                    "第{step}步{}模板第 {position} 个字符：未知字段 {{{field}}}。",
                    ln(*l)
                ),
            ),
            PolicyError::Unclosed {
                step,
                lang: l,
                position,
            } => pick(
                lang,
                format!(
                    "Step {step}, {} template, position {position}: '{{' is not closed by '}}'.",
                    ln(*l)
                ),
                format!(
                    "第{step}步{}模板第 {position} 个字符：“{{”没有对应的“}}”。",
                    ln(*l)
                ),
            ),
            PolicyError::Buyer { customer_id, error } => pick(
                lang,
                format!("Buyer {customer_id}: {}", error.message(lang)),
                format!("买方 {customer_id}：{}", error.message(lang)),
            ),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl Policy {
    /// A preset.
    pub fn preset(p: Preset) -> Policy {
        use Channel::*;
        use DunningAction::*;
        let steps = match p {
            Preset::Standard => vec![
                Step::new(7, &[Reminder], Letter),
                Step::new(30, &[PhoneCall], Phone),
                Step::new(60, &[LegalAction], Letter),
            ],
            Preset::Proactive => vec![
                Step::new(-7, &[FriendlyReminder], Email),
                Step::new(3, &[FormalDemand], Letter),
                Step::new(15, &[LegalAction], Letter),
            ],
            Preset::Firm => vec![
                Step::new(3, &[Reminder], Letter),
                Step::new(15, &[FinalNotice, StopDeliveries], Registered),
                Step::new(30, &[LegalAction], Registered),
            ],
        };
        Policy {
            name: p.label(Lang::En).to_string(),
            steps,
        }
    }

    /// Every problem: no step, a step without action, offsets not
    /// increasing or out of −365..=3650, a template that does not parse.
    pub fn validate(&self) -> Result<(), Vec<PolicyError>> {
        let mut v = Vec::new();
        if self.steps.is_empty() {
            v.push(PolicyError::NoSteps);
        }
        for (k, s) in self.steps.iter().enumerate() {
            let step = k + 1;
            if s.actions.is_empty() {
                v.push(PolicyError::NoAction { step });
            }
            if !(-365..=3650).contains(&s.offset_days) {
                v.push(PolicyError::OffsetOutOfRange {
                    step,
                    offset: s.offset_days,
                });
            }
            if k > 0 && s.offset_days <= self.steps[k - 1].offset_days {
                v.push(PolicyError::NotIncreasing {
                    step,
                    offset: s.offset_days,
                    before: self.steps[k - 1].offset_days,
                });
            }
            for lang in [Lang::En, Lang::Zh] {
                if let Err(e) = parse_template(s.template(lang)) {
                    v.push(match e {
                        TemplateError::Unknown(field, position) => PolicyError::UnknownField {
                            step,
                            lang,
                            field,
                            position,
                        },
                        TemplateError::Unclosed(position) => PolicyError::Unclosed {
                            step,
                            lang,
                            position,
                        },
                    });
                }
            }
        }
        if v.is_empty() {
            Ok(())
        } else {
            Err(v)
        }
    }
}

/// A late-interest regime.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Directive 2011/7/EU: reference + 8 points, €40.
    Eu,
    /// Germany: base rate + 9 points, €40.
    Germany,
    /// France: reference + 10 points, €40.
    France,
    /// UK Late Payment Act: base rate + 8, £40/£70/£100.
    Uk,
    /// China: the contract rate, or 0.05 % a day for an SME paid late.
    China,
    /// A contract rate.
    Contract,
}

keyed!(Regime {
    Eu => "eu", "EU (Directive 2011/7/EU)", "欧盟（2011/7/EU 指令）";
    Germany => "de", "Germany", "德国";
    France => "fr", "France", "法国";
    Uk => "uk", "UK (Late Payment Act)", "英国（逾期付款法）";
    China => "cn", "China", "中国";
    Contract => "contract", "Contract rate", "合同利率";
});

impl Regime {
    /// Points over the reference rate, for the regimes that have one.
    pub fn margin(self) -> Option<Decimal> {
        match self {
            Regime::Eu | Regime::Uk => Some(Decimal::from(8)),
            Regime::Germany => Some(Decimal::from(9)),
            Regime::France => Some(Decimal::from(10)),
            Regime::China | Regime::Contract => None,
        }
    }
}

/// A reference (or base) rate as entered, in force from a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefRate {
    /// In force from.
    pub from: NaiveDate,
    /// Percent a year (4.5 = 4.5 %).
    pub rate: Decimal,
}

/// How late interest is charged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterestSettings {
    /// The regime.
    pub regime: Regime,
    /// Reference or base rates with their dates.
    pub reference_rates: Vec<RefRate>,
    /// The contract rate, percent a year.
    pub contract_rate: Option<Decimal>,
    /// China: 0.05 % a day where no rate was agreed.
    pub china_sme_daily: bool,
    /// Charge the fixed compensation.
    pub compensation: bool,
}

impl InterestSettings {
    /// Whether a rate the regime can use was entered: without one no late
    /// interest is charged (a plan shows none, a letter says 0).
    pub fn has_rate(&self) -> bool {
        match self.regime {
            Regime::Contract => self.contract_rate.is_some(),
            Regime::China => self.contract_rate.is_some() || self.china_sme_daily,
            Regime::Eu | Regime::Germany | Regime::France | Regime::Uk => {
                !self.reference_rates.is_empty()
            }
        }
    }
}

impl Default for InterestSettings {
    fn default() -> Self {
        InterestSettings {
            regime: Regime::Contract,
            reference_rates: Vec::new(),
            contract_rate: None,
            china_sme_daily: false,
            compensation: true,
        }
    }
}

/// The letterhead and what letters ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterSettings {
    /// The sender.
    pub company: String,
    /// Its address.
    pub address: String,
    /// Whom to contact.
    pub contact: String,
    /// Where to pay.
    pub bank_details: String,
    /// Days from the letter to the pay-by date (7).
    pub pay_within_days: u32,
}

impl Default for LetterSettings {
    fn default() -> Self {
        LetterSettings {
            company: String::new(),
            address: String::new(),
            contact: String::new(),
            bank_details: String::new(),
            pay_within_days: 7,
        }
    }
}

/// The dunning settings of a portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DunningSettings {
    /// The portfolio's policy (Standard).
    pub policy: Policy,
    /// Buyers' own policies.
    pub overrides: BTreeMap<String, Policy>,
    /// Late interest.
    pub interest: InterestSettings,
    /// Letters.
    pub letter: LetterSettings,
    /// How far ahead soon-due steps are listed, days (7).
    pub lookahead_days: i64,
}

impl Default for DunningSettings {
    fn default() -> Self {
        DunningSettings {
            policy: Policy::default(),
            overrides: BTreeMap::new(),
            interest: InterestSettings::default(),
            letter: LetterSettings::default(),
            lookahead_days: 7,
        }
    }
}

impl DunningSettings {
    /// The policy of a buyer: its own, or the portfolio's.
    pub fn policy_for(&self, customer_id: &str) -> &Policy {
        self.overrides.get(customer_id).unwrap_or(&self.policy)
    }

    /// Every problem of the portfolio's policy and the buyers' own.
    pub fn validate(&self) -> Result<(), Vec<PolicyError>> {
        let mut v = self.policy.validate().err().unwrap_or_default();
        for (id, p) in &self.overrides {
            if let Err(e) = p.validate() {
                v.extend(e.into_iter().map(|e| PolicyError::Buyer {
                    customer_id: id.clone(),
                    error: Box::new(e),
                }));
            }
        }
        if v.is_empty() {
            Ok(())
        } else {
            Err(v)
        }
    }
}

/// An invoice in a log entry, as it was when the entry was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedInvoice {
    /// The invoice.
    pub id: String,
    /// Its due date then.
    pub due_date: NaiveDate,
    /// What was open.
    pub open: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// What was sent or done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When.
    pub date: NaiveDate,
    /// The buyer.
    pub customer_id: String,
    /// The step's offset.
    pub step_offset: i64,
    /// The step's actions.
    pub actions: Vec<DunningAction>,
    /// The channel used.
    pub channel: Channel,
    /// The invoices.
    pub invoices: Vec<LoggedInvoice>,
    /// A note.
    #[serde(default)]
    pub note: String,
    /// The last day whose interest this communication claimed.
    #[serde(default)]
    pub interest_through: Option<NaiveDate>,
}

impl LogEntry {
    /// What marking a plan item as done on `date` records: its buyer, step,
    /// actions and invoices (each with the due date it had, so a moved due
    /// date starts again), the channel used and a note; the interest it
    /// claimed runs through `date`.
    pub fn for_item(item: &PlanItem, date: NaiveDate, channel: Channel, note: &str) -> LogEntry {
        LogEntry {
            date,
            customer_id: item.customer_id.clone(),
            step_offset: item.step.offset_days,
            actions: item.step.actions.clone(),
            channel,
            invoices: item
                .invoices
                .iter()
                .map(|x| LoggedInvoice {
                    id: x.id.clone(),
                    due_date: x.due_date,
                    open: x.open,
                    currency: x.currency,
                })
                .collect(),
            note: note.trim().to_string(),
            interest_through: Some(date),
        }
    }
}

/// An invoice in the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInvoice {
    /// The invoice.
    pub id: String,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Days past due (negative: not yet due).
    pub days_past_due: i64,
    /// Its currency.
    pub currency: Currency,
    /// Open, its currency.
    pub open: Decimal,
    /// Open, base currency.
    pub open_base: Decimal,
    /// The step it reached.
    pub reached_step: Option<usize>,
    /// Its next step and date.
    pub next_step: Option<(usize, NaiveDate)>,
    /// Interest not yet charged, its currency.
    pub interest: Decimal,
    /// Compensation due, in `compensation_currency`.
    pub compensation: Decimal,
    /// The compensation's currency.
    pub compensation_currency: Currency,
}

/// One communication: a buyer at a step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// The step (index in the buyer's policy).
    pub step_index: usize,
    /// The step.
    pub step: Step,
    /// The earliest day one of the invoices reached the step.
    pub step_date: NaiveDate,
    /// The pending invoices.
    pub invoices: Vec<PlanInvoice>,
    /// The base currency.
    pub currency: Currency,
    /// Open, base.
    pub total_open: Decimal,
    /// Interest, base.
    pub interest: Decimal,
    /// Compensation, base.
    pub compensation: Decimal,
    /// The next step and its earliest date.
    pub next: Option<(usize, NaiveDate)>,
}

/// A step coming up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upcoming {
    /// The buyer.
    pub customer_id: String,
    /// Its name.
    pub customer_name: String,
    /// The step.
    pub step_index: usize,
    /// Its date.
    pub date: NaiveDate,
    /// The invoices that reach it that day.
    pub invoice_ids: Vec<String>,
}

/// A disputed invoice: paused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paused {
    /// The buyer.
    pub customer_id: String,
    /// The invoice.
    pub invoice_id: String,
    /// The dispute's reason.
    pub reason: String,
    /// Disputed since.
    pub since: NaiveDate,
    /// Open.
    pub open: Decimal,
    /// Its currency.
    pub currency: Currency,
}

/// The plan for a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The date.
    pub as_of: NaiveDate,
    /// The communications.
    pub items: Vec<PlanItem>,
    /// Steps coming up.
    pub upcoming: Vec<Upcoming>,
    /// Disputed invoices.
    pub paused: Vec<Paused>,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum DunningError {
    /// No exchange rate.
    Money(MoneyError),
    /// No rate to charge interest with.
    NoRate {
        /// The regime.
        regime: Regime,
        /// The first day without a rate.
        date: NaiveDate,
    },
    /// The settings are wrong.
    Policy(Vec<PolicyError>),
    /// A template does not parse.
    Template(String),
    /// The UK fixed sum of a debt not in sterling, without the value of
    /// its currency in GBP.
    NoGbpRate {
        /// The debt's currency.
        currency: Currency,
    },
}

impl DunningError {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            DunningError::Money(e) => {
                pick(lang, format!("Exchange rate: {e}"), format!("汇率：{e}"))
            }
            DunningError::NoRate { regime, date } => match regime {
                Regime::China | Regime::Contract => pick(
                    lang,
                    format!(
                        "{}: no contract rate is set (needed from {date}).",
                        regime.label(lang)
                    ),
                    format!(
                        "{}：未设定合同利率（自 {date} 起需要）。",
                        regime.label(lang)
                    ),
                ),
                _ => pick(
                    lang,
                    format!(
                        "{}: no reference rate is entered for {date}.",
                        regime.label(lang)
                    ),
                    format!("{}：未输入 {date} 适用的参考利率。", regime.label(lang)),
                ),
            },
            DunningError::Policy(v) => v
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join(" "),
            DunningError::Template(m) => m.clone(),
            DunningError::NoGbpRate { currency } => pick(
                lang,
                format!(
                    "UK fixed sum: the debt is in {currency}; give the value of 1 {currency} in GBP (the £40/£70/£100 go by the debt in sterling)."
                ),
                format!(
                    "英国固定补偿金：债务币种为 {currency}，请提供 1 {currency} 折合多少英镑（£40/£70/£100 按英镑金额确定）。"
                ),
            ),
        }
    }
}

impl fmt::Display for DunningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl From<MoneyError> for DunningError {
    fn from(e: MoneyError) -> Self {
        DunningError::Money(e)
    }
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
    .unwrap_or(d)
}

/// One interest segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Days.
    pub days: i64,
    /// Principal, the invoice's currency.
    pub principal: Decimal,
    /// Percent a year (the China daily rate as its yearly equivalent,
    /// 0.05 × 365 = 18.25).
    pub rate: Decimal,
    /// Interest.
    pub interest: Decimal,
}

/// Late interest on one invoice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterestCalc {
    /// The invoice's currency.
    pub currency: Currency,
    /// The segments.
    pub segments: Vec<Segment>,
    /// Interest, full precision.
    pub interest: Decimal,
    /// The fixed compensation (0 when none).
    pub compensation: Decimal,
    /// Its currency.
    pub compensation_currency: Currency,
}

/// Whether the fixed compensation is owed on an invoice as of a date:
/// once late-payment interest runs (Directive 2011/7/EU art. 6(1); UK Late
/// Payment Act s.5A) — the due date has passed (`as_of` after it) and the
/// payments dated on or before the due date (and not after `as_of`) do not
/// cover the gross amount. Paid in full by the due date: none; paid in
/// full after it, or still unpaid after it: owed.
///
/// # Example
/// ```
/// use credit_core::dunning::compensation_due;
/// use credit_core::invoice::{Invoice, Payment};
/// use credit_core::money::Currency;
/// use credit_core::{Decimal, NaiveDate};
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let mut inv = Invoice {
///     kind: Default::default(),
///     id: "1".into(),
///     customer_id: "C".into(),
///     issue_date: d("2025-03-01"),
///     due_date: d("2025-03-31"),
///     currency: Currency::EUR,
///     gross: Decimal::from(1000),
///     vat: None,
///     payments: vec![],
///     dispute: None,
/// };
/// assert!(!compensation_due(&inv, d("2025-03-31")));
/// assert!(compensation_due(&inv, d("2025-04-01")));
/// inv.payments.push(Payment { date: d("2025-03-20"), amount: Decimal::from(1000) });
/// assert!(!compensation_due(&inv, d("2025-04-30")));
/// ```
pub fn compensation_due(inv: &Invoice, as_of: NaiveDate) -> bool {
    if as_of <= inv.due_date {
        return false;
    }
    let paid_by_due: Decimal = inv
        .payments
        .iter()
        .filter(|p| p.date <= inv.due_date && p.date <= as_of)
        .map(|p| p.amount)
        .sum();
    paid_by_due < inv.gross
}

/// The fixed compensation of a regime for a debt (when it is owed, see
/// [`compensation_due`]): €40 (EU, Germany, France; Directive 2011/7/EU
/// art. 6(1)); £40 / £70 / £100 (UK, Late Payment Act s.5A, by the debt in
/// sterling: under £1,000, £1,000 to £9,999.99, £10,000 or more); none
/// otherwise.
///
/// `gbp_rate` is the value of 1 unit of the debt's currency in GBP, used
/// only for a UK debt not in GBP; without it that is
/// [`DunningError::NoGbpRate`].
///
/// # Example
/// ```
/// use credit_core::dunning::{compensation, Regime};
/// use credit_core::money::Currency;
/// use credit_core::Decimal;
/// let gbp = Some(Decimal::new(5, 3)); // ¥1 = £0.005
/// // ¥5,000 is £25: under £1,000.
/// assert_eq!(
///     compensation(Regime::Uk, Decimal::from(5000), Currency::JPY, gbp),
///     Ok((Decimal::from(40), Currency::GBP))
/// );
/// assert!(compensation(Regime::Uk, Decimal::from(5000), Currency::JPY, None).is_err());
/// ```
pub fn compensation(
    regime: Regime,
    debt: Decimal,
    currency: Currency,
    gbp_rate: Option<Decimal>,
) -> Result<(Decimal, Currency), DunningError> {
    Ok(match regime {
        Regime::Eu | Regime::Germany | Regime::France => (Decimal::from(40), Currency::EUR),
        Regime::Uk => {
            let debt = if currency == Currency::GBP {
                debt
            } else {
                let r = gbp_rate.ok_or(DunningError::NoGbpRate { currency })?;
                debt.checked_mul(r).unwrap_or(Decimal::MAX)
            };
            let x = if debt < Decimal::from(1_000) {
                40
            } else if debt < Decimal::from(10_000) {
                70
            } else {
                100
            };
            (Decimal::from(x), Currency::GBP)
        }
        Regime::China | Regime::Contract => (Decimal::ZERO, currency),
    })
}

/// The first day of the half-year holding `d`.
fn half_year(d: NaiveDate) -> NaiveDate {
    let m = if d.month() >= 7 { 7 } else { 1 };
    NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap_or(d)
}

/// The rate a year (percent) for a day `d` of a debt whose interest
/// starts to run on `runs_from` (the day after its due date).
fn rate_on(
    s: &InterestSettings,
    d: NaiveDate,
    runs_from: NaiveDate,
) -> Result<Decimal, DunningError> {
    let in_force = |on: NaiveDate| {
        s.reference_rates
            .iter()
            .filter(|r| r.from <= on)
            .max_by_key(|r| r.from)
            .map(|r| r.rate)
    };
    match s.regime.margin() {
        // UK: the base rate on the 31 December or 30 June before the day
        // interest starts to run, fixed for the debt.
        Some(m) if s.regime == Regime::Uk => {
            let reference_day = half_year(runs_from).pred_opt().unwrap_or(runs_from);
            let r = in_force(reference_day)
                .or_else(|| in_force(runs_from))
                .ok_or(DunningError::NoRate {
                    regime: s.regime,
                    date: reference_day,
                })?;
            Ok(r + m)
        }
        // EU, Germany, France: the rate on the first day of each half-year.
        Some(m) => {
            let r = in_force(half_year(d))
                .or_else(|| in_force(d))
                .ok_or(DunningError::NoRate {
                    regime: s.regime,
                    date: d,
                })?;
            Ok(r + m)
        }
        None => match (s.regime, s.contract_rate) {
            (_, Some(r)) => Ok(r),
            (Regime::China, None) if s.china_sme_daily => Ok(Decimal::new(1825, 2)),
            _ => Err(DunningError::NoRate {
                regime: s.regime,
                date: d,
            }),
        },
    }
}

/// Late interest on an invoice as of a date: simple, actual/365, from the
/// day after the due date (or after `charged_through`) through `as_of`,
/// segment by segment (see the module docs for the rate of each regime).
/// The compensation is the regime's fixed sum when `s.compensation` and it
/// is owed ([`compensation_due`]: not paid in full by the due date);
/// `gbp_rate`, the value of 1 unit of the invoice's currency in GBP, is
/// needed for the UK sum of an invoice not in GBP
/// ([`DunningError::NoGbpRate`] without it) and used for nothing else.
pub fn late_interest(
    inv: &Invoice,
    as_of: NaiveDate,
    s: &InterestSettings,
    charged_through: Option<NaiveDate>,
    gbp_rate: Option<Decimal>,
) -> Result<InterestCalc, DunningError> {
    let runs_from = inv.due_date.succ_opt().unwrap_or(inv.due_date);
    let mut start = runs_from;
    if let Some(c) = charged_through {
        start = start.max(c.succ_opt().unwrap_or(c));
    }
    let end = as_of; // inclusive
    let mut segments = Vec::new();
    if start <= end {
        // Breakpoints: the day after each payment, each half-year start.
        let mut cuts: Vec<NaiveDate> = inv
            .payments
            .iter()
            .filter(|p| p.date <= as_of)
            .filter_map(|p| p.date.succ_opt())
            .filter(|d| *d > start && *d <= end)
            .collect();
        let mut h = half_year(start);
        loop {
            h = NaiveDate::from_ymd_opt(
                if h.month() == 7 {
                    h.year() + 1
                } else {
                    h.year()
                },
                if h.month() == 7 { 1 } else { 7 },
                1,
            )
            .unwrap_or(end);
            if h > end {
                break;
            }
            cuts.push(h);
        }
        cuts.push(start);
        cuts.sort();
        cuts.dedup();
        for (k, from) in cuts.iter().enumerate() {
            let to = cuts.get(k + 1).and_then(|d| d.pred_opt()).unwrap_or(end);
            let paid: Decimal = inv
                .payments
                .iter()
                .filter(|p| p.date < *from && p.date <= as_of)
                .map(|p| p.amount)
                .sum();
            let principal = inv.gross - paid;
            if principal <= Decimal::ZERO {
                continue;
            }
            let rate = rate_on(s, *from, runs_from)?;
            let days = (to - *from).num_days() + 1;
            let interest =
                principal * rate / Decimal::ONE_HUNDRED * Decimal::from(days) / Decimal::from(365);
            // Merge with the segment before when nothing changed.
            match segments.last_mut() {
                Some(Segment {
                    to: t,
                    days: d,
                    principal: p,
                    rate: r,
                    interest: i,
                    ..
                }) if *p == principal && *r == rate => {
                    *t = to;
                    *d += days;
                    *i += interest;
                }
                _ => segments.push(Segment {
                    from: *from,
                    to,
                    days,
                    principal,
                    rate,
                    interest,
                }),
            }
        }
    }
    let interest = segments.iter().map(|x| x.interest).sum();
    let (compensation, compensation_currency) = if s.compensation && compensation_due(inv, as_of) {
        compensation(s.regime, inv.gross, inv.currency, gbp_rate)?
    } else {
        (Decimal::ZERO, inv.currency)
    };
    Ok(InterestCalc {
        currency: inv.currency,
        segments,
        interest,
        compensation,
        compensation_currency,
    })
}

/// A step's status effect: stop deliveries puts the buyer on hold; legal
/// action or a collection agency puts it in legal.
pub fn status_after(actions: &[DunningAction]) -> Option<CustomerStatus> {
    if actions.iter().any(|a| {
        matches!(
            a,
            DunningAction::LegalAction | DunningAction::CollectionAgency
        )
    }) {
        Some(CustomerStatus::InLegal)
    } else if actions.contains(&DunningAction::StopDeliveries) {
        Some(CustomerStatus::OnHold)
    } else {
        None
    }
}

/// What the log says of an invoice: the highest step offset done for its
/// current due date, the last day of interest claimed, and whether it was
/// ever in a communication.
#[derive(Default, Clone, Copy)]
struct Done {
    offset: Option<i64>,
    interest_through: Option<NaiveDate>,
    ever: bool,
}

/// The plan for a date.
pub fn plan(
    p: &Portfolio,
    as_of: NaiveDate,
    s: &DunningSettings,
    log: &[LogEntry],
) -> Result<Plan, DunningError> {
    s.validate().map_err(DunningError::Policy)?;
    let base = p.base_currency();
    // The log by (buyer, invoice).
    // (due date then, step offset, interest claimed through).
    type Logged = (NaiveDate, i64, Option<NaiveDate>);
    let mut done: HashMap<(&str, &str), Vec<Logged>> = HashMap::new();
    for e in log {
        for i in &e.invoices {
            done.entry((e.customer_id.as_str(), i.id.as_str()))
                .or_default()
                .push((i.due_date, e.step_offset, e.interest_through));
        }
    }
    let index = p.customer_index();
    struct Pending {
        inv: PlanInvoice,
        reached: usize,
        reached_on: NaiveDate,
        comp_base: Decimal,
        interest_base: Decimal,
    }
    let mut pending: BTreeMap<&str, Vec<Pending>> = BTreeMap::new();
    let mut next_of: BTreeMap<&str, Vec<(usize, NaiveDate, &str)>> = BTreeMap::new();
    let mut in_dunning: BTreeMap<&str, bool> = BTreeMap::new();
    let mut paused = Vec::new();
    // Net of the buyer's credits: a buyer in net credit is not dunned, and
    // with credits applied oldest first a covered invoice drops out.
    let net = crate::openitems::net_open(p, as_of, p.settings.ageing.credits);
    // Interest by `late_interest`; the compensation below (once per
    // invoice, converted with the portfolio's rates).
    let interest_only = InterestSettings {
        compensation: false,
        ..s.interest.clone()
    };
    for (i, inv) in p.invoices.iter().enumerate() {
        let open = net.effective[i];
        // Zero too for a line issued after as_of (`Invoice::open_as_of`).
        if open <= Decimal::ZERO {
            continue;
        }
        let Some(c) = index
            .get(inv.customer_id.as_str())
            .map(|k| &p.customers[*k])
        else {
            continue;
        };
        if c.status == CustomerStatus::Closed {
            continue;
        }
        if inv.disputed_as_of(as_of) {
            let d = inv.dispute.as_ref();
            paused.push(Paused {
                customer_id: c.id.clone(),
                invoice_id: inv.id.clone(),
                reason: d.map(|d| d.reason.clone()).unwrap_or_default(),
                since: d.map_or(as_of, |d| d.date),
                open,
                currency: inv.currency,
            });
            continue;
        }
        let policy = s.policy_for(&c.id);
        let date_of = |k: usize| add_days(inv.due_date, policy.steps[k].offset_days);
        let reached = (0..policy.steps.len()).rev().find(|k| date_of(*k) <= as_of);
        let next = (0..policy.steps.len())
            .find(|k| Some(*k) > reached && date_of(*k) > as_of)
            .map(|k| (k, date_of(k)));
        let mut d = Done::default();
        if let Some(v) = done.get(&(c.id.as_str(), inv.id.as_str())) {
            d.ever = true;
            for (due, off, through) in v {
                if *due == inv.due_date {
                    d.offset = Some(d.offset.map_or(*off, |o: i64| o.max(*off)));
                }
                if let Some(t) = through {
                    d.interest_through =
                        Some(d.interest_through.map_or(*t, |x: NaiveDate| x.max(*t)));
                }
            }
        }
        if reached.is_some() {
            in_dunning.insert(c.id.as_str(), true);
        }
        let is_pending =
            reached.is_some_and(|k| d.offset.is_none_or(|o| o < policy.steps[k].offset_days));
        if let Some((k, day)) = next {
            next_of
                .entry(c.id.as_str())
                .or_default()
                .push((k, day, inv.id.as_str()));
        }
        let Some(k) = reached.filter(|_| is_pending) else {
            continue;
        };
        let rate = p.fx.rate(inv.currency, as_of)?;
        let calc = match late_interest(inv, as_of, &interest_only, d.interest_through, None) {
            Ok(x) => x,
            Err(DunningError::NoRate { .. }) => InterestCalc {
                currency: inv.currency,
                segments: Vec::new(),
                interest: Decimal::ZERO,
                compensation: Decimal::ZERO,
                compensation_currency: inv.currency,
            },
            Err(e) => return Err(e),
        };
        let (mut comp, mut comp_cur) = (Decimal::ZERO, inv.currency);
        let mut comp_base = Decimal::ZERO;
        if s.interest.compensation && compensation_due(inv, as_of) && !d.ever {
            // The value of 1 unit of the invoice's currency in GBP.
            let gbp_rate = if s.interest.regime == Regime::Uk && inv.currency != Currency::GBP {
                Some(rate / p.fx.rate(Currency::GBP, as_of)?)
            } else {
                None
            };
            (comp, comp_cur) = compensation(s.interest.regime, inv.gross, inv.currency, gbp_rate)?;
            if !comp.is_zero() {
                comp_base = comp * p.fx.rate(comp_cur, as_of)?;
            }
        }
        pending.entry(c.id.as_str()).or_default().push(Pending {
            inv: PlanInvoice {
                id: inv.id.clone(),
                due_date: inv.due_date,
                days_past_due: (as_of - inv.due_date).num_days(),
                currency: inv.currency,
                open,
                open_base: open * rate,
                reached_step: reached,
                next_step: next,
                interest: calc.interest,
                compensation: comp,
                compensation_currency: comp_cur,
            },
            reached: k,
            reached_on: date_of(k),
            comp_base,
            interest_base: calc.interest * rate,
        });
    }
    let mut items = Vec::new();
    for (cid, v) in pending {
        let c = &p.customers[index[cid]];
        let policy = s.policy_for(cid);
        let k = v.iter().map(|x| x.reached).max().unwrap_or(0);
        let step_date = v
            .iter()
            .filter(|x| x.reached == k)
            .map(|x| x.reached_on)
            .min()
            .unwrap_or(as_of);
        let next = policy.steps.get(k + 1).map(|st| {
            let day = v
                .iter()
                .map(|x| add_days(x.inv.due_date, st.offset_days))
                .min()
                .unwrap_or(as_of);
            (k + 1, day)
        });
        let mut invoices: Vec<PlanInvoice> = Vec::with_capacity(v.len());
        let (mut total, mut interest, mut comp) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for x in v {
            total += x.inv.open_base;
            interest += x.interest_base;
            comp += x.comp_base;
            invoices.push(x.inv);
        }
        invoices.sort_by(|a, b| a.due_date.cmp(&b.due_date).then_with(|| a.id.cmp(&b.id)));
        items.push(PlanItem {
            customer_id: c.id.clone(),
            customer_name: c.name.clone(),
            step_index: k,
            step: policy.steps[k].clone(),
            step_date,
            invoices,
            currency: base,
            total_open: total,
            interest,
            compensation: comp,
            next,
        });
    }
    items.sort_by(|a, b| {
        b.step
            .offset_days
            .cmp(&a.step.offset_days)
            .then_with(|| b.total_open.cmp(&a.total_open))
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    let mut upcoming = Vec::new();
    for (cid, v) in next_of {
        // Each next step of the buyer, at its earliest date.
        let mut by_step: BTreeMap<usize, NaiveDate> = BTreeMap::new();
        for (k, day, _) in &v {
            let e = by_step.entry(*k).or_insert(*day);
            *e = (*e).min(*day);
        }
        let c = &p.customers[index[cid]];
        for (k, day) in by_step {
            let soon = (day - as_of).num_days() <= s.lookahead_days;
            if !soon && !in_dunning.contains_key(cid) {
                continue;
            }
            let mut ids: Vec<String> = v
                .iter()
                .filter(|(k2, d2, _)| *k2 == k && *d2 == day)
                .map(|(_, _, id)| id.to_string())
                .collect();
            ids.sort();
            upcoming.push(Upcoming {
                customer_id: c.id.clone(),
                customer_name: c.name.clone(),
                step_index: k,
                date: day,
                invoice_ids: ids,
            });
        }
    }
    upcoming.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.customer_id.cmp(&b.customer_id))
    });
    paused.sort_by(|a, b| {
        a.customer_id
            .cmp(&b.customer_id)
            .then_with(|| a.invoice_id.cmp(&b.invoice_id))
    });
    Ok(Plan {
        as_of,
        items,
        upcoming,
        paused,
    })
}

/// The fields a template may use, as `{name}`.
pub fn merge_fields() -> &'static [&'static str] {
    &[
        "buyer",
        "buyer_id",
        "date",
        "invoice_table",
        "total_open",
        "interest",
        "compensation",
        "total_due",
        "pay_by",
        "company",
        "address",
        "contact",
        "bank_details",
        "currency",
        "step",
    ]
}

enum TemplateError {
    Unknown(String, usize),
    Unclosed(usize),
}

/// A template's pieces: text and field names.
fn parse_template(t: &str) -> Result<Vec<(bool, String)>, TemplateError> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = t.chars().enumerate().peekable();
    while let Some((pos, ch)) = chars.next() {
        if ch != '{' {
            text.push(ch);
            continue;
        }
        let mut name = String::new();
        let mut closed = false;
        for (_, c) in chars.by_ref() {
            if c == '}' {
                closed = true;
                break;
            }
            name.push(c);
        }
        if !closed {
            return Err(TemplateError::Unclosed(pos + 1));
        }
        if !merge_fields().contains(&name.as_str()) {
            return Err(TemplateError::Unknown(name, pos + 1));
        }
        out.push((false, std::mem::take(&mut text)));
        out.push((true, name));
    }
    out.push((false, text));
    Ok(out)
}

/// A letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// Its subject.
    pub subject: String,
    /// Its text.
    pub body: String,
}

/// A date as a letter writes it.
fn letter_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%-d %B %Y").to_string(),
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// The invoice table of a letter, in fixed-width text.
fn invoice_table(item: &PlanItem, lang: Lang) -> String {
    let head = pick(
        lang,
        ["Invoice", "Due date", "Days overdue", "Open", "Interest"],
        ["发票号", "到期日", "逾期天数", "未付金额", "利息"],
    );
    let rows: Vec<[String; 5]> = item
        .invoices
        .iter()
        .map(|x| {
            [
                x.id.clone(),
                x.due_date.to_string(),
                x.days_past_due.max(0).to_string(),
                format!("{} {}", x.currency, format_amount(x.open, x.currency)),
                format!("{} {}", x.currency, format_amount(x.interest, x.currency)),
            ]
        })
        .collect();
    let mut w = [0usize; 5];
    for (k, h) in head.iter().enumerate() {
        w[k] = text_width(h);
    }
    for r in &rows {
        for k in 0..5 {
            w[k] = w[k].max(text_width(&r[k]));
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for k in 0..5 {
            let pad = w[k].saturating_sub(text_width(cells[k]));
            if k >= 2 {
                s.push_str(&" ".repeat(pad));
                s.push_str(cells[k]);
            } else {
                s.push_str(cells[k]);
                s.push_str(&" ".repeat(pad));
            }
            if k < 4 {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(head)];
    for r in &rows {
        out.push(line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    out.join("\n")
}

/// The letter of a plan item in a language.
pub fn letter(
    item: &PlanItem,
    lang: Lang,
    s: &LetterSettings,
    as_of: NaiveDate,
) -> Result<Letter, DunningError> {
    let cur = item.currency;
    let m = |x: Decimal| format!("{cur} {}", format_amount(x, cur));
    let step_name = item
        .step
        .actions
        .iter()
        .map(|a| a.label(lang))
        .collect::<Vec<_>>()
        .join(pick(lang, " + ", "＋"));
    let value = |f: &str| -> String {
        match f {
            "buyer" => item.customer_name.clone(),
            "buyer_id" => item.customer_id.clone(),
            "date" => letter_date(as_of, lang),
            "invoice_table" => invoice_table(item, lang),
            "total_open" => m(item.total_open),
            "interest" => m(item.interest),
            "compensation" => m(item.compensation),
            "total_due" => m(item.total_open + item.interest + item.compensation),
            "pay_by" => letter_date(add_days(as_of, i64::from(s.pay_within_days)), lang),
            "company" => s.company.clone(),
            "address" => s.address.clone(),
            "contact" => s.contact.clone(),
            "bank_details" if s.bank_details.trim().is_empty() => pick(
                lang,
                "[bank details: enter them under Letterhead]",
                "[收款账户：请在“函件抬头”中填写]",
            )
            .to_string(),
            "bank_details" => s.bank_details.clone(),
            "currency" => cur.to_string(),
            "step" => step_name.clone(),
            _ => String::new(),
        }
    };
    let parts = parse_template(item.step.template(lang)).map_err(|e| {
        DunningError::Template(match e {
            TemplateError::Unknown(f, pos) => pick(
                lang,
                format!("Template, position {pos}: unknown field {{{f}}}."),
                format!("模板第 {pos} 个字符：未知字段 {{{f}}}。"),
            ),
            TemplateError::Unclosed(pos) => pick(
                lang,
                format!("Template, position {pos}: '{{' is not closed."),
                format!("模板第 {pos} 个字符：“{{”未闭合。"),
            ),
        })
    })?;
    let body: String = parts
        .into_iter()
        .map(|(field, t)| if field { value(&t) } else { t })
        .collect();
    let subject = pick(
        lang,
        format!(
            "{}: overdue invoices of {}",
            item.step.action().label(lang),
            item.customer_name
        ),
        format!(
            "{}：{} 逾期账款",
            item.step.action().label(lang),
            item.customer_name
        ),
    );
    Ok(Letter {
        subject,
        body: body.trim().to_string(),
    })
}

/// A letter's text in blocks for display: `(true, lines)` for a run of
/// fixed-width lines (the invoice table: a line with two spaces running
/// between its words), `(false, lines)` for prose. Shown and printed, the
/// table blocks are set in a fixed-width font so their columns line up;
/// the text itself is unchanged (joining the blocks with newlines gives it
/// back).
pub fn letter_blocks(body: &str) -> Vec<(bool, String)> {
    let tabular = |l: &str| l.trim().contains("  ");
    let mut out: Vec<(bool, String)> = Vec::new();
    for line in body.split('\n') {
        let t = tabular(line);
        match out.last_mut() {
            Some((kind, text)) if *kind == t => {
                text.push('\n');
                text.push_str(line);
            }
            _ => out.push((t, line.to_string())),
        }
    }
    out
}

/// The default template of an action.
pub fn default_template(a: DunningAction, lang: Lang) -> &'static str {
    use DunningAction::*;
    match (a, lang) {
        (FriendlyReminder, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nDear customer,\n\nA friendly reminder that the invoices below fall due shortly or have just fallen due:\n\n{invoice_table}\n\nTotal open: {total_open}\n\nIf payment is already on its way, thank you and please disregard this note. Otherwise we would be grateful for payment by {pay_by} to:\n{bank_details}\n\nKind regards,\n{contact}\n{company}",
        (FriendlyReminder, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n尊敬的客户：\n\n温馨提示，以下发票即将到期或刚刚到期：\n\n{invoice_table}\n\n未付合计：{total_open}\n\n如款项已在支付途中，谢谢，请忽略本提示；否则烦请于 {pay_by} 前付款至：\n{bank_details}\n\n此致\n敬礼\n\n{contact}\n{company}",
        (Reminder, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nPayment reminder\n\nDear customer,\n\nOur records show that the following invoices are overdue:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nPlease pay by {pay_by} to:\n{bank_details}\n\nIf you have already paid, please let us know the date and amount. If there is a problem with an invoice, please tell us now.\n\nYours sincerely,\n{contact}\n{company}",
        (Reminder, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n付款提醒函\n\n尊敬的客户：\n\n经核对，以下发票已逾期未付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n请于 {pay_by} 前付款至：\n{bank_details}\n\n如已付款，请告知付款日期与金额；如对发票有异议，请即告知。\n\n此致\n敬礼\n\n{contact}\n{company}",
        (FormalDemand, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nFormal demand for payment\n\nDear Sir or Madam,\n\nDespite the due dates, the following invoices remain unpaid:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nWe formally demand payment of {total_due} by {pay_by} to:\n{bank_details}\n\nInterest continues to accrue until payment. Without payment by that date we will take further steps without further notice.\n\nYours faithfully,\n{contact}\n{company}",
        (FormalDemand, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n正式催款函\n\n贵司：\n\n以下发票已过到期日仍未支付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n现正式要求贵司于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n\n逾期利息将计至实际付款日。如届时仍未付款，我司将不再另行通知而采取进一步措施。\n\n特此函告。\n\n{contact}\n{company}",
        (PhoneCall, Lang::En) => "Call notes — {date}\n\nBuyer: {buyer} ({buyer_id})\nStep: {step}\n\nOverdue invoices:\n{invoice_table}\n\nTotal open: {total_open}\nInterest to date: {interest}\nTotal due: {total_due}\n\nAsk: the reason for the delay; a firm payment date (by {pay_by}); whether any invoice is disputed; who approves the payment.\nRecord: whom you spoke to, what was promised, and the next contact date.\n\nPayment details to give:\n{bank_details}",
        (PhoneCall, Lang::Zh) => "电话催收记录 — {date}\n\n买方：{buyer}（{buyer_id}）\n步骤：{step}\n\n逾期发票：\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的利息：{interest}\n应付总额：{total_due}\n\n需询问：延迟原因；明确付款日期（{pay_by} 前）；是否有发票存在争议；付款审批人。\n需记录：通话对象、承诺内容及下次联系日期。\n\n告知收款账户：\n{bank_details}",
        (StopDeliveries, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nNotice: deliveries suspended\n\nDear Sir or Madam,\n\nAs the invoices below remain unpaid, we have suspended deliveries and new orders on credit with immediate effect:\n\n{invoice_table}\n\nTotal due: {total_due} (open {total_open}, interest {interest}, compensation {compensation})\n\nDeliveries will resume once {total_due} is received at:\n{bank_details}\n\nYours faithfully,\n{contact}\n{company}",
        (StopDeliveries, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n暂停发货通知\n\n贵司：\n\n鉴于以下发票仍未支付，我司即日起暂停对贵司的发货及赊销新订单：\n\n{invoice_table}\n\n应付总额：{total_due}（未付 {total_open}，利息 {interest}，补偿金 {compensation}）\n\n收到上述款项后将恢复发货。收款账户：\n{bank_details}\n\n特此通知。\n\n{contact}\n{company}",
        (FinalNotice, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nFinal notice before legal action\n\nDear Sir or Madam,\n\nThe following invoices remain unpaid despite our reminders:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nThis is our final notice. Unless {total_due} reaches us by {pay_by} at:\n{bank_details}\nwe will hand the matter to our lawyers or a collection agency, at your cost, without further notice.\n\nYours faithfully,\n{contact}\n{company}",
        (FinalNotice, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n最后通知函\n\n贵司：\n\n经我司多次催告，以下发票仍未支付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n此为最后通知。如贵司未于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n我司将不再另行通知，委托律师或催收机构追讨，由此产生的费用由贵司承担。\n\n特此函告。\n\n{contact}\n{company}",
        (NotifyInsurer, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: our credit insurer\n\nOverdue account notification\n\nBuyer: {buyer} ({buyer_id})\n\nWe notify you of the following overdue invoices:\n\n{invoice_table}\n\nTotal open: {total_open}\n\nDunning so far: {step}. We will keep you informed of payments and further steps.\n\nYours faithfully,\n{contact}\n{company}",
        (NotifyInsurer, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：信用保险公司\n\n逾期账款申报\n\n买方：{buyer}（{buyer_id}）\n\n现申报以下逾期发票：\n\n{invoice_table}\n\n未付合计：{total_open}\n\n已采取的催收措施：{step}。后续付款及进展将及时告知。\n\n此致\n敬礼\n\n{contact}\n{company}",
        (LegalAction, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nLetter before legal action\n\nDear Sir or Madam,\n\nThe following invoices remain unpaid:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nWe are handing this debt over for legal action. To avoid proceedings and their costs, pay {total_due} by {pay_by} to:\n{bank_details}\n\nYours faithfully,\n{contact}\n{company}",
        (LegalAction, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n律师函前通知\n\n贵司：\n\n以下发票仍未支付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n我司即将通过法律途径追讨上述欠款。为避免诉讼及相关费用，请于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n\n特此函告。\n\n{contact}\n{company}",
        (CollectionAgency, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nNotice of transfer to a collection agency\n\nDear Sir or Madam,\n\nThe following invoices remain unpaid:\n\n{invoice_table}\n\nTotal due: {total_due} (open {total_open}, interest {interest}, compensation {compensation})\n\nWe are instructing a collection agency to recover this debt. Payment of {total_due} by {pay_by} to:\n{bank_details}\nwill stop the transfer.\n\nYours faithfully,\n{contact}\n{company}",
        (CollectionAgency, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n委托催收通知\n\n贵司：\n\n以下发票仍未支付：\n\n{invoice_table}\n\n应付总额：{total_due}（未付 {total_open}，利息 {interest}，补偿金 {compensation}）\n\n我司将委托专业催收机构追讨该欠款。如贵司于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n则不再移交。\n\n特此通知。\n\n{contact}\n{company}",
    }
}

/// The plan as CSV: one row per item and invoice, headers in `lang`, text
/// escaped against formula injection; amounts rounded to their currency.
pub fn plan_csv(plan: &Plan, lang: Lang) -> String {
    let mut w = CsvWriter::new();
    let head = pick(
        lang,
        [
            "buyer_id",
            "buyer",
            "step",
            "offset_days",
            "actions",
            "channel",
            "step_date",
            "invoice",
            "due_date",
            "days_past_due",
            "currency",
            "open",
            "interest",
            "compensation",
            "compensation_currency",
            "next_step",
            "next_date",
        ],
        [
            "买方编号",
            "买方",
            "步骤",
            "偏移天数",
            "动作",
            "渠道",
            "步骤日期",
            "发票号",
            "到期日",
            "逾期天数",
            "币种",
            "未付金额",
            "利息",
            "补偿金",
            "补偿金币种",
            "下一步",
            "下一步日期",
        ],
    );
    w.row(head.iter().map(|h| Cell::Text(h)));
    for it in &plan.items {
        let actions = it
            .step
            .actions
            .iter()
            .map(|a| a.label(lang))
            .collect::<Vec<_>>()
            .join(" + ");
        for x in &it.invoices {
            let step = (it.step_index + 1).to_string();
            let offset = it.step.offset_days.to_string();
            let step_date = it.step_date.to_string();
            let due = x.due_date.to_string();
            let dpd = x.days_past_due.to_string();
            let cur = x.currency.to_string();
            let open = amount_string(x.open, x.currency);
            let interest = amount_string(x.interest, x.currency);
            let comp = amount_string(x.compensation, x.compensation_currency);
            let comp_cur = x.compensation_currency.to_string();
            let (ns, nd) = it
                .next
                .map(|(k, d)| ((k + 1).to_string(), d.to_string()))
                .unwrap_or_default();
            w.row([
                Cell::Text(&it.customer_id),
                Cell::Text(&it.customer_name),
                Cell::Number(&step),
                Cell::Number(&offset),
                Cell::Text(&actions),
                Cell::Text(it.step.channel.label(lang)),
                Cell::Number(&step_date),
                Cell::Text(&x.id),
                Cell::Number(&due),
                Cell::Number(&dpd),
                Cell::Text(&cur),
                Cell::Number(&open),
                Cell::Number(&interest),
                Cell::Number(&comp),
                Cell::Text(&comp_cur),
                Cell::Number(&ns),
                Cell::Number(&nd),
            ]);
        }
    }
    w.finish()
}
