//! The dunning settings as a person types them, and the rules that turn
//! them into settings: the policy editor's rows ([`StepRow`],
//! [`policy_from_rows`]) and the late-interest and letterhead form
//! ([`SettingsText`]). Every field is checked; a problem is a typed error
//! naming the field, the value typed and the bound it broke, so the app can
//! say it in either language and the command line in English (`Display`).

use rust_decimal::Decimal;

use super::{
    Channel, DunningAction, DunningSettings, Lang, Policy, PolicyError, RefRate, Regime, Step,
};
use crate::dates::parse_iso;
use crate::money::parse_amount;

/// Rates are percent a year above this (exclusive): −10.
pub const RATE_ABOVE: Decimal = Decimal::from_parts(10, 0, 0, true, 0);
/// Rates are percent a year up to this (inclusive): 100.
pub const RATE_MAX: Decimal = Decimal::ONE_HUNDRED;
/// The most days a letter may give to pay: 90.
pub const PAY_WITHIN_MAX_DAYS: u32 = 90;
/// Days between the last step and one added after it in the editor.
pub const NEW_STEP_AFTER_DAYS: i64 = 15;

/// A step of the policy editor as typed: the offset is text, the rest is
/// chosen. `stop` adds "stop deliveries" to another action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRow {
    /// The offset in days from the due date, as typed.
    pub offset: String,
    /// The step's main action.
    pub action: DunningAction,
    /// Also stop deliveries.
    pub stop: bool,
    /// The channel.
    pub channel: Channel,
    /// The English template, as shown (the default when not edited).
    pub template_en: String,
    /// The Chinese template, as shown.
    pub template_zh: String,
}

impl StepRow {
    /// The row of a kept step: its templates in full (the default where
    /// not edited).
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{DunningAction, Policy, Preset, StepRow};
    /// let firm = Policy::preset(Preset::Firm);
    /// let r = StepRow::of(&firm.steps[1]);
    /// assert_eq!(r.offset, "15");
    /// assert_eq!((r.action, r.stop), (DunningAction::FinalNotice, true));
    /// assert!(r.template_en.contains("{invoice_table}"));
    /// ```
    pub fn of(s: &Step) -> StepRow {
        StepRow {
            offset: s.offset_days.to_string(),
            action: s.action(),
            stop: s.actions.contains(&DunningAction::StopDeliveries)
                && s.actions.first() != Some(&DunningAction::StopDeliveries),
            channel: s.channel,
            template_en: s.template(Lang::En).to_string(),
            template_zh: s.template(Lang::Zh).to_string(),
        }
    }

    /// The rows of a policy.
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{Policy, Preset, StepRow};
    /// let rows = StepRow::rows(&Policy::preset(Preset::Proactive));
    /// let offsets: Vec<&str> = rows.iter().map(|r| r.offset.as_str()).collect();
    /// assert_eq!(offsets, ["-7", "3", "15"]);
    /// ```
    pub fn rows(p: &Policy) -> Vec<StepRow> {
        p.steps.iter().map(StepRow::of).collect()
    }

    /// The row the editor adds after `rows`: a reminder by letter
    /// [`NEW_STEP_AFTER_DAYS`] days after the last step (whose offset, when
    /// not a whole number, counts as 0).
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{Policy, StepRow};
    /// let rows = StepRow::rows(&Policy::default()); // +7, +30, +60
    /// assert_eq!(StepRow::after(&rows).offset, "75");
    /// assert_eq!(StepRow::after(&[]).offset, "15");
    /// ```
    pub fn after(rows: &[StepRow]) -> StepRow {
        let last = rows
            .last()
            .and_then(|x| x.offset.trim().parse::<i64>().ok())
            .unwrap_or(0);
        StepRow::of(&Step::new(
            last.saturating_add(NEW_STEP_AFTER_DAYS),
            &[DunningAction::Reminder],
            Channel::Letter,
        ))
    }

    /// The step, or the offset's problem; a template equal to the action's
    /// default stays the default (so it follows the default if that
    /// changes).
    fn step(&self, step: usize) -> Result<Step, StepRowError> {
        let offset_days =
            self.offset
                .trim()
                .parse::<i64>()
                .map_err(|_| StepRowError::OffsetNotWhole {
                    step,
                    value: self.offset.clone(),
                })?;
        let mut actions = vec![self.action];
        if self.stop && self.action != DunningAction::StopDeliveries {
            actions.push(DunningAction::StopDeliveries);
        }
        let mut s = Step::new(offset_days, &actions, self.channel);
        if self.template_en != s.template(Lang::En) {
            s.template_en = Some(self.template_en.clone());
        }
        if self.template_zh != s.template(Lang::Zh) {
            s.template_zh = Some(self.template_zh.clone());
        }
        Ok(s)
    }
}

/// What is wrong with the policy editor's rows.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StepRowError {
    /// An offset that is not a whole number of days.
    #[error("Step {step}: offset '{value}' is not a whole number of days.")]
    OffsetNotWhole {
        /// The step, from 1.
        step: usize,
        /// The offset as typed.
        value: String,
    },
    /// The steps read, but the policy they make is wrong.
    #[error("{0}")]
    Policy(PolicyError),
}

/// The policy of the editor's rows.
///
/// # Errors
/// Every offset that is not a whole number ([`StepRowError::OffsetNotWhole`]);
/// when all are, every problem of the policy ([`StepRowError::Policy`]:
/// no step, offsets not increasing or out of range, a template that does
/// not parse).
///
/// # Example
/// ```
/// use credit_core::dunning::{policy_from_rows, Policy, Preset, StepRow, StepRowError};
/// let mut rows = StepRow::rows(&Policy::preset(Preset::Firm));
/// let p = policy_from_rows("Firm", &rows).unwrap();
/// assert_eq!(p, Policy::preset(Preset::Firm));
/// rows[1].offset = "1x".into();
/// assert_eq!(
///     policy_from_rows("Firm", &rows).unwrap_err()[0].to_string(),
///     "Step 2: offset '1x' is not a whole number of days."
/// );
/// rows[1].offset = "2".into(); // not after step 1 (+3)
/// assert!(matches!(policy_from_rows("Firm", &rows).unwrap_err()[0], StepRowError::Policy(_)));
/// ```
pub fn policy_from_rows(name: &str, rows: &[StepRow]) -> Result<Policy, Vec<StepRowError>> {
    let mut steps = Vec::new();
    let mut errors = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        match r.step(k + 1) {
            Ok(s) => steps.push(s),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let p = Policy {
        name: name.to_string(),
        steps,
    };
    p.validate()
        .map_err(|v| v.into_iter().map(StepRowError::Policy).collect::<Vec<_>>())?;
    Ok(p)
}

/// The late-interest and letterhead settings as typed: rates and days as
/// text, the rest chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsText {
    /// The regime.
    pub regime: Regime,
    /// Reference rates: (in force from, percent a year), as typed.
    pub rates: Vec<(String, String)>,
    /// The contract rate, percent a year; blank: none.
    pub contract: String,
    /// China: 0.05 % a day where no rate was agreed.
    pub china_daily: bool,
    /// Charge the fixed compensation.
    pub compensation: bool,
    /// The sender.
    pub company: String,
    /// Its address.
    pub address: String,
    /// Whom to contact.
    pub contact: String,
    /// Where to pay.
    pub bank: String,
    /// Days to pay, as typed.
    pub pay_within: String,
}

impl Default for SettingsText {
    fn default() -> Self {
        SettingsText::of(&DunningSettings::default())
    }
}

/// What is wrong with a field of the late-interest and letterhead form.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsFormError {
    /// A reference rate's date that is not a date.
    #[error("Reference rate {row}: '{value}' is not a date (YYYY-MM-DD).")]
    RateDate {
        /// The rate's row, from 1.
        row: usize,
        /// The date as typed.
        value: String,
    },
    /// A reference rate that is not a percentage within the bounds.
    #[error("Reference rate {row}: '{value}' is not a rate in percent from {} to {max}.", minus(*.above))]
    Rate {
        /// The rate's row, from 1.
        row: usize,
        /// The rate as typed (trimmed).
        value: String,
        /// The rate must be above this ([`RATE_ABOVE`]).
        above: Decimal,
        /// And at most this ([`RATE_MAX`]).
        max: Decimal,
    },
    /// A contract rate that is not a percentage within the bounds.
    #[error("Contract rate: '{value}' is not a rate in percent from {} to {max}.", minus(*.above))]
    ContractRate {
        /// The rate as typed (trimmed).
        value: String,
        /// The rate must be above this ([`RATE_ABOVE`]).
        above: Decimal,
        /// And at most this ([`RATE_MAX`]).
        max: Decimal,
    },
    /// Days to pay that are not a number of days within the bound.
    #[error("Days to pay: '{value}' is not a number of days from 0 to {max}.")]
    PayWithin {
        /// The days as typed.
        value: String,
        /// At most this ([`PAY_WITHIN_MAX_DAYS`]).
        max: u32,
    },
}

/// A bound as the messages write it: a minus sign (−), not a hyphen.
pub(crate) fn minus(x: Decimal) -> String {
    let s = x.normalize().to_string();
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// A rate as typed, if it is a percentage above [`RATE_ABOVE`] and at most
/// [`RATE_MAX`].
fn rate(v: &str) -> Option<Decimal> {
    parse_amount(v, true)
        .ok()
        .filter(|x| *x > RATE_ABOVE && *x <= RATE_MAX)
}

impl SettingsText {
    /// The fields of kept settings.
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{DunningSettings, SettingsText};
    /// let t = SettingsText::of(&DunningSettings::default());
    /// assert_eq!((t.contract.as_str(), t.pay_within.as_str()), ("", "7"));
    /// ```
    pub fn of(s: &DunningSettings) -> Self {
        SettingsText {
            regime: s.interest.regime,
            rates: s
                .interest
                .reference_rates
                .iter()
                .map(|r| (r.from.to_string(), r.rate.normalize().to_string()))
                .collect(),
            contract: s
                .interest
                .contract_rate
                .map(|r| r.normalize().to_string())
                .unwrap_or_default(),
            china_daily: s.interest.china_sme_daily,
            compensation: s.interest.compensation,
            company: s.letter.company.clone(),
            address: s.letter.address.clone(),
            contact: s.letter.contact.clone(),
            bank: s.letter.bank_details.clone(),
            pay_within: s.letter.pay_within_days.to_string(),
        }
    }

    /// The settings `s` with these fields: reference rates sorted by date,
    /// a blank contract rate as none, the letterhead trimmed.
    ///
    /// # Errors
    /// Every field that is wrong, in the form's order: a reference rate's
    /// date that is not `YYYY-MM-DD` ([`SettingsFormError::RateDate`]), a
    /// rate (reference or contract) not above −10 and at most 100 percent
    /// ([`SettingsFormError::Rate`], [`SettingsFormError::ContractRate`]),
    /// days to pay not a whole number from 0 to 90
    /// ([`SettingsFormError::PayWithin`]).
    ///
    /// # Example
    /// ```
    /// use credit_core::dunning::{DunningSettings, Regime, SettingsFormError, SettingsText};
    /// let mut t = SettingsText::of(&DunningSettings::default());
    /// t.regime = Regime::Eu;
    /// t.rates.push(("2026-01-01".into(), "2.15".into()));
    /// let s = t.apply(DunningSettings::default()).unwrap();
    /// assert_eq!(s.interest.reference_rates[0].rate.to_string(), "2.15");
    ///
    /// t.rates[0].1 = "x1".into();
    /// t.pay_within = "91".into();
    /// let e = t.apply(DunningSettings::default()).unwrap_err();
    /// assert_eq!(e[0].to_string(), "Reference rate 1: 'x1' is not a rate in percent from −10 to 100.");
    /// assert!(matches!(e[1], SettingsFormError::PayWithin { max: 90, .. }));
    /// ```
    pub fn apply(&self, mut s: DunningSettings) -> Result<DunningSettings, Vec<SettingsFormError>> {
        let mut errors = Vec::new();
        s.interest.regime = self.regime;
        let mut rates = Vec::new();
        for (k, (d, r)) in self.rates.iter().enumerate() {
            let row = k + 1;
            let Some(from) = parse_iso(d.trim()) else {
                errors.push(SettingsFormError::RateDate {
                    row,
                    value: d.clone(),
                });
                continue;
            };
            match rate(r.trim()) {
                Some(rate) => rates.push(RefRate { from, rate }),
                None => errors.push(SettingsFormError::Rate {
                    row,
                    value: r.trim().to_string(),
                    above: RATE_ABOVE,
                    max: RATE_MAX,
                }),
            }
        }
        crate::sorting::sort_by(&mut rates, |a, b| a.from.cmp(&b.from));
        s.interest.reference_rates = rates;
        let contract = self.contract.trim();
        s.interest.contract_rate = if contract.is_empty() {
            None
        } else {
            let r = rate(contract);
            if r.is_none() {
                errors.push(SettingsFormError::ContractRate {
                    value: contract.to_string(),
                    above: RATE_ABOVE,
                    max: RATE_MAX,
                });
            }
            r
        };
        s.interest.china_sme_daily = self.china_daily;
        s.interest.compensation = self.compensation;
        s.letter.company = self.company.trim().to_string();
        s.letter.address = self.address.trim().to_string();
        s.letter.contact = self.contact.trim().to_string();
        s.letter.bank_details = self.bank.trim().to_string();
        match self.pay_within.trim().parse::<u32>() {
            Ok(d) if d <= PAY_WITHIN_MAX_DAYS => s.letter.pay_within_days = d,
            _ => errors.push(SettingsFormError::PayWithin {
                value: self.pay_within.clone(),
                max: PAY_WITHIN_MAX_DAYS,
            }),
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dunning::Preset;

    fn text() -> SettingsText {
        SettingsText::of(&DunningSettings::default())
    }

    #[test]
    fn every_preset_goes_through_the_editor_unchanged() {
        for p in Preset::ALL {
            let policy = Policy::preset(p);
            let back = policy_from_rows(&policy.name, &StepRow::rows(&policy)).unwrap();
            assert_eq!(back, policy, "{p:?}");
            assert!(back.steps.iter().all(|s| s.template_en.is_none()));
        }
    }

    #[test]
    fn offsets_that_are_not_whole_numbers_are_listed_each_with_its_step() {
        let mut rows = StepRow::rows(&Policy::default());
        rows[0].offset = "7.5".into();
        rows[2].offset = " ".into();
        assert_eq!(
            policy_from_rows("x", &rows).unwrap_err(),
            vec![
                StepRowError::OffsetNotWhole {
                    step: 1,
                    value: "7.5".into()
                },
                StepRowError::OffsetNotWhole {
                    step: 3,
                    value: " ".into()
                },
            ]
        );
        rows[0].offset = " 7 ".into();
        rows[2].offset = "60".into();
        assert!(policy_from_rows("x", &rows).is_ok());
    }

    #[test]
    fn a_policy_problem_comes_after_the_rows_read() {
        let mut rows = StepRow::rows(&Policy::default());
        rows[1].offset = "3651".into();
        assert_eq!(
            policy_from_rows("x", &rows).unwrap_err(),
            vec![
                StepRowError::Policy(PolicyError::OffsetOutOfRange {
                    step: 2,
                    offset: 3651
                }),
                StepRowError::Policy(PolicyError::NotIncreasing {
                    step: 3,
                    offset: 60,
                    before: 3651
                }),
            ]
        );
        assert_eq!(
            policy_from_rows("x", &[]).unwrap_err(),
            vec![StepRowError::Policy(PolicyError::NoSteps)]
        );
    }

    #[test]
    fn stop_deliveries_joins_another_action_once_and_an_edited_template_is_kept() {
        let mut rows = vec![StepRow::after(&[])];
        rows[0].stop = true;
        rows[0].template_en = "Pay {total_due}.".into();
        let p = policy_from_rows("x", &rows).unwrap();
        assert_eq!(
            p.steps[0].actions,
            [DunningAction::Reminder, DunningAction::StopDeliveries]
        );
        assert_eq!(p.steps[0].template_en.as_deref(), Some("Pay {total_due}."));
        assert_eq!(p.steps[0].template_zh, None);
        rows[0].action = DunningAction::StopDeliveries;
        let p = policy_from_rows("x", &rows).unwrap();
        assert_eq!(p.steps[0].actions, [DunningAction::StopDeliveries]);
    }

    #[test]
    fn a_new_step_comes_fifteen_days_after_the_last() {
        let mut rows = StepRow::rows(&Policy::default());
        assert_eq!(StepRow::after(&rows).offset, "75");
        rows[2].offset = "abc".into();
        assert_eq!(StepRow::after(&rows).offset, "15");
    }

    #[test]
    fn rates_are_bounded_above_minus_ten_and_up_to_a_hundred() {
        for (v, ok) in [
            ("-10", false),
            ("-9.99", true),
            ("0", true),
            ("100", true),
            ("100.01", false),
            ("x1", false),
            ("", false),
        ] {
            let mut t = text();
            t.rates.push(("2026-01-01".into(), v.into()));
            t.contract = v.into();
            let r = t.apply(DunningSettings::default());
            if ok {
                assert!(r.is_ok(), "{v}");
            } else if v.is_empty() {
                // A blank contract rate is none; a blank reference rate is wrong.
                assert!(matches!(
                    r.unwrap_err()[..],
                    [SettingsFormError::Rate { row: 1, .. }]
                ));
            } else {
                assert_eq!(
                    r.unwrap_err(),
                    vec![
                        SettingsFormError::Rate {
                            row: 1,
                            value: v.into(),
                            above: RATE_ABOVE,
                            max: RATE_MAX
                        },
                        SettingsFormError::ContractRate {
                            value: v.into(),
                            above: RATE_ABOVE,
                            max: RATE_MAX
                        },
                    ],
                    "{v}"
                );
            }
        }
    }

    #[test]
    fn a_bad_date_is_named_with_its_row_and_its_rate_not_checked() {
        let mut t = text();
        t.rates.push(("2026-01-01".into(), "2".into()));
        t.rates.push(("31.12.2025".into(), "x".into()));
        assert_eq!(
            t.apply(DunningSettings::default()).unwrap_err(),
            vec![SettingsFormError::RateDate {
                row: 2,
                value: "31.12.2025".into()
            }]
        );
    }

    #[test]
    fn days_to_pay_from_zero_to_ninety() {
        for (v, ok) in [
            ("0", true),
            ("90", true),
            (" 14 ", true),
            ("91", false),
            ("-1", false),
            ("7d", false),
        ] {
            let mut t = text();
            t.pay_within = v.into();
            match t.apply(DunningSettings::default()) {
                Ok(s) => {
                    assert!(ok, "{v}");
                    assert_eq!(s.letter.pay_within_days.to_string(), v.trim());
                }
                Err(e) => {
                    assert!(!ok, "{v}");
                    assert_eq!(
                        e,
                        vec![SettingsFormError::PayWithin {
                            value: v.into(),
                            max: 90
                        }]
                    );
                }
            }
        }
    }

    #[test]
    fn kept_settings_are_sorted_trimmed_and_read_back_the_same() {
        let mut t = text();
        t.regime = Regime::Uk;
        t.rates = vec![
            ("2026-07-01".into(), "4.0".into()),
            ("2026-01-01".into(), " 4.5 ".into()),
        ];
        t.contract = "8".into();
        t.company = "  Example Ltd ".into();
        let s = t.apply(DunningSettings::default()).unwrap();
        assert_eq!(s.interest.regime, Regime::Uk);
        let froms: Vec<String> = s
            .interest
            .reference_rates
            .iter()
            .map(|r| r.from.to_string())
            .collect();
        assert_eq!(froms, ["2026-01-01", "2026-07-01"]);
        assert_eq!(s.interest.contract_rate, Some(Decimal::from(8)));
        assert_eq!(s.letter.company, "Example Ltd");
        let back = SettingsText::of(&s);
        assert_eq!(back.rates[0], ("2026-01-01".into(), "4.5".into()));
        assert_eq!(back.apply(s.clone()), Ok(s));
    }

    #[test]
    fn messages_name_the_field_the_value_and_the_bound() {
        let e = SettingsFormError::ContractRate {
            value: "200".into(),
            above: RATE_ABOVE,
            max: RATE_MAX,
        };
        assert_eq!(
            e.to_string(),
            "Contract rate: '200' is not a rate in percent from −10 to 100."
        );
        assert_eq!(
            SettingsFormError::RateDate {
                row: 3,
                value: "x".into()
            }
            .to_string(),
            "Reference rate 3: 'x' is not a date (YYYY-MM-DD)."
        );
    }
}
