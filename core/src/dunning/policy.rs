//! Policies: what each step does ([`DunningAction`]), how it reaches the
//! buyer ([`Channel`]), the presets ([`Preset`]), and a policy's
//! validation ([`Policy::validate`], [`PolicyError`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::letter::{default_template, parse_template, TemplateError};
use super::{pick, Lang};

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
    pub(super) fn new(offset_days: i64, actions: &[DunningAction], channel: Channel) -> Step {
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
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{Policy, Preset};
    /// let p = Policy::preset(Preset::Proactive);
    /// let offsets: Vec<i64> = p.steps.iter().map(|s| s.offset_days).collect();
    /// assert_eq!(offsets, [-7, 3, 15]);
    /// ```
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
    ///
    /// # Errors
    /// Every [`PolicyError`] found, step by step.
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{Policy, PolicyError, Preset};
    /// let mut p = Policy::preset(Preset::Standard);
    /// assert!(p.validate().is_ok());
    /// p.steps[1].offset_days = 7;
    /// assert_eq!(
    ///     p.validate(),
    ///     Err(vec![PolicyError::NotIncreasing { step: 2, offset: 7, before: 7 }])
    /// );
    /// ```
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
