//! The thresholds of the rules, as kept and as typed in a form.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Thresholds of the rules (defaults from the domain brief; see the module
/// documentation for each one's exact comparison).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct MonitorSettings {
    /// Utilisation that warns, a fraction (default 0.90).
    pub utilisation: Decimal,
    /// Dunning step offsets in days past due (default Standard: 7, 30, 60).
    pub dunning_steps: Vec<i64>,
    /// Recent ÷ earlier monthly sales that counts as volume up (1.5).
    pub volume_ratio: Decimal,
    /// Rise of the average delay that counts as paying slower (10 days).
    pub delay_rise_days: Decimal,
    /// Months of the delay trend (3).
    pub worsening_months: u32,
    /// Rise over those months that counts as worsening (5 days).
    pub worsening_days: Decimal,
    /// Share of AR above which a buyer is a concentration (0.20).
    pub concentration: Decimal,
    /// Maximum extension period, days after due (60).
    pub extension_days: i64,
    /// Overdue notification deadline, days after the extension ends (30).
    pub notification_days: i64,
    /// How far ahead insurer deadlines are reported, days (7).
    pub deadline_window_days: i64,
}

impl Default for MonitorSettings {
    fn default() -> Self {
        MonitorSettings {
            utilisation: Decimal::new(90, 2),
            dunning_steps: vec![7, 30, 60],
            volume_ratio: Decimal::new(15, 1),
            delay_rise_days: Decimal::from(10),
            worsening_months: 3,
            worsening_days: Decimal::from(5),
            concentration: Decimal::new(20, 2),
            extension_days: 60,
            notification_days: 30,
            deadline_window_days: 7,
        }
    }
}

/// A threshold of [`MonitorSettings`], as a field of the settings form.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Threshold {
    /// [`MonitorSettings::utilisation`], typed as a percentage.
    Utilisation,
    /// [`MonitorSettings::dunning_steps`], typed as a list of days.
    DunningSteps,
    /// [`MonitorSettings::volume_ratio`].
    VolumeRatio,
    /// [`MonitorSettings::delay_rise_days`].
    DelayRise,
    /// [`MonitorSettings::worsening_months`].
    WorseningMonths,
    /// [`MonitorSettings::worsening_days`].
    WorseningDays,
    /// [`MonitorSettings::concentration`], typed as a percentage.
    Concentration,
    /// [`MonitorSettings::extension_days`].
    ExtensionDays,
    /// [`MonitorSettings::notification_days`].
    NotificationDays,
    /// [`MonitorSettings::deadline_window_days`].
    DeadlineWindow,
}

impl std::fmt::Display for Threshold {
    /// The field's English name, as the form's error messages give it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Threshold::Utilisation => "Utilisation",
            Threshold::DunningSteps => "Dunning steps",
            Threshold::VolumeRatio => "Volume ratio",
            Threshold::DelayRise => "Delay rise",
            Threshold::WorseningMonths => "Worsening months",
            Threshold::WorseningDays => "Worsening days",
            Threshold::Concentration => "Concentration",
            Threshold::ExtensionDays => "Maximum extension period",
            Threshold::NotificationDays => "Notification deadline",
            Threshold::DeadlineWindow => "Deadline window",
        })
    }
}

/// What is wrong with a field of the thresholds form: the field, the value
/// as typed and the bounds it must keep.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// Not a number, or outside `min..=max` (both included).
    #[error("{field}: '{value}' is not a number from {min} to {max}.")]
    NotANumberFrom {
        /// The field.
        field: Threshold,
        /// The value as typed.
        value: String,
        /// The least allowed.
        min: Decimal,
        /// The most allowed.
        max: Decimal,
    },
    /// Not a whole number of days, or outside `min..=max` (both included).
    /// For the dunning steps, `value` is the one step that is wrong.
    #[error("{field}: '{value}' is not a number of days from {min} to {max}.")]
    NotDaysFrom {
        /// The field.
        field: Threshold,
        /// The value as typed.
        value: String,
        /// The least allowed.
        min: i64,
        /// The most allowed.
        max: i64,
    },
    /// A list of dunning steps with no step in it.
    #[error("{field}: '{value}' needs at least one step.")]
    NoStep {
        /// The field ([`Threshold::DunningSteps`]).
        field: Threshold,
        /// The value as typed.
        value: String,
    },
}

/// Bounds of the percentages (utilisation, concentration): 1 to 100 %.
const PERCENT: (i64, i64) = (1, 100);
/// Bounds of the volume ratio (×).
const VOLUME_RATIO: (i64, i64) = (1, 10);
/// Bounds of the delay rise and the worsening, in days.
const DELAY_DAYS: (i64, i64) = (1, 180);
/// Bounds of a dunning step, days past due (a negative step is before the
/// due date).
const STEP_DAYS: (i64, i64) = (-90, 365);
/// Most months of the delay trend that may be typed.
const MAX_WORSENING_MONTHS: i64 = 12;
/// Fewest months a trend is read over: a smaller figure counts as this.
const MIN_WORSENING_MONTHS: u32 = 2;
/// Most days of the insurer's periods (extension, notification).
const MAX_INSURER_DAYS: i64 = 365;
/// Most days ahead that insurer deadlines may be shown.
const MAX_WINDOW_DAYS: i64 = 90;

/// The thresholds as typed in the settings form, one text per field:
/// percentages for the utilisation and the concentration, the dunning
/// steps as a list of days (`7, 30, 60`).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct SettingsText {
    /// Utilisation that warns, % (1 to 100).
    pub utilisation: String,
    /// Dunning steps, days past due, separated by commas or spaces
    /// (each from −90 to 365).
    pub steps: String,
    /// Volume ratio, × (1 to 10).
    pub volume: String,
    /// Delay rise, days (1 to 180).
    pub rise: String,
    /// Months of the delay trend (0 to 12; under 2 counts as 2).
    pub months: String,
    /// Worsening over those months, days (1 to 180).
    pub worsening: String,
    /// Concentration, % of the receivables (1 to 100).
    pub concentration: String,
    /// Maximum extension period, days (0 to 365).
    pub extension: String,
    /// Notification deadline, days after the extension (0 to 365).
    pub notification: String,
    /// Insurer deadlines shown, days ahead (0 to 90).
    pub window: String,
}

fn pct_text(x: Decimal) -> String {
    (x * Decimal::ONE_HUNDRED).normalize().to_string()
}

impl SettingsText {
    /// The text of each field for settings as kept.
    ///
    /// # Example
    /// ```
    /// use credit_core::monitor::{MonitorSettings, SettingsText};
    /// let t = SettingsText::of(&MonitorSettings::default());
    /// assert_eq!(t.utilisation, "90");
    /// assert_eq!(t.steps, "7, 30, 60");
    /// assert_eq!(t.volume, "1.5");
    /// assert_eq!(t.concentration, "20");
    /// ```
    pub fn of(s: &MonitorSettings) -> Self {
        SettingsText {
            utilisation: pct_text(s.utilisation),
            steps: s
                .dunning_steps
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            volume: s.volume_ratio.normalize().to_string(),
            rise: s.delay_rise_days.normalize().to_string(),
            months: s.worsening_months.to_string(),
            worsening: s.worsening_days.normalize().to_string(),
            concentration: pct_text(s.concentration),
            extension: s.extension_days.to_string(),
            notification: s.notification_days.to_string(),
            window: s.deadline_window_days.to_string(),
        }
    }

    /// The settings, or the first field that is wrong. Fields are checked
    /// in this order: dunning steps, utilisation, volume ratio, delay rise,
    /// worsening months, worsening days, concentration, extension,
    /// notification, window. Figures are read as
    /// [`parse_amount`](crate::money::parse_amount) reads them (`1,5` is
    /// not 1.5); days as whole numbers. The percentages are kept as
    /// fractions; fewer than 2 worsening months count as 2.
    ///
    /// # Errors
    /// [`SettingsError`] naming the field, the value and its bounds.
    ///
    /// # Example
    /// ```
    /// use credit_core::monitor::{MonitorSettings, SettingsError, SettingsText, Threshold};
    /// use credit_core::Decimal;
    /// let mut t = SettingsText::of(&MonitorSettings::default());
    /// t.utilisation = "80".into();
    /// assert_eq!(t.parse().unwrap().utilisation, Decimal::new(80, 2));
    ///
    /// t.utilisation = "abc".into();
    /// let e = t.parse().unwrap_err();
    /// assert!(matches!(e, SettingsError::NotANumberFrom { field: Threshold::Utilisation, .. }));
    /// assert_eq!(e.to_string(), "Utilisation: 'abc' is not a number from 1 to 100.");
    /// ```
    pub fn parse(&self) -> Result<MonitorSettings, SettingsError> {
        let hundred = Decimal::ONE_HUNDRED;
        Ok(MonitorSettings {
            dunning_steps: steps(&self.steps)?,
            utilisation: number(&self.utilisation, Threshold::Utilisation, PERCENT)? / hundred,
            volume_ratio: number(&self.volume, Threshold::VolumeRatio, VOLUME_RATIO)?,
            delay_rise_days: number(&self.rise, Threshold::DelayRise, DELAY_DAYS)?,
            worsening_months: u32::try_from(days(
                &self.months,
                Threshold::WorseningMonths,
                MAX_WORSENING_MONTHS,
            )?)
            .unwrap_or(MIN_WORSENING_MONTHS)
            .max(MIN_WORSENING_MONTHS),
            worsening_days: number(&self.worsening, Threshold::WorseningDays, DELAY_DAYS)?,
            concentration: number(&self.concentration, Threshold::Concentration, PERCENT)?
                / hundred,
            extension_days: days(&self.extension, Threshold::ExtensionDays, MAX_INSURER_DAYS)?,
            notification_days: days(
                &self.notification,
                Threshold::NotificationDays,
                MAX_INSURER_DAYS,
            )?,
            deadline_window_days: days(&self.window, Threshold::DeadlineWindow, MAX_WINDOW_DAYS)?,
        })
    }
}

/// A figure within `bounds` (both included).
fn number(v: &str, field: Threshold, bounds: (i64, i64)) -> Result<Decimal, SettingsError> {
    let (min, max) = (Decimal::from(bounds.0), Decimal::from(bounds.1));
    crate::money::parse_amount(v, false)
        .ok()
        .filter(|x| *x >= min && *x <= max)
        .ok_or_else(|| SettingsError::NotANumberFrom {
            field,
            value: v.to_string(),
            min,
            max,
        })
}

/// Whole days from 0 to `max`.
fn days(v: &str, field: Threshold, max: i64) -> Result<i64, SettingsError> {
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|x| (0..=max).contains(x))
        .ok_or_else(|| SettingsError::NotDaysFrom {
            field,
            value: v.to_string(),
            min: 0,
            max,
        })
}

/// The dunning steps: at least one, each within [`STEP_DAYS`].
fn steps(v: &str) -> Result<Vec<i64>, SettingsError> {
    let field = Threshold::DunningSteps;
    let mut out = Vec::new();
    for part in v
        .split([',', '，', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let step = part
            .parse::<i64>()
            .ok()
            .filter(|x| (STEP_DAYS.0..=STEP_DAYS.1).contains(x))
            .ok_or_else(|| SettingsError::NotDaysFrom {
                field,
                value: part.to_string(),
                min: STEP_DAYS.0,
                max: STEP_DAYS.1,
            })?;
        out.push(step);
    }
    if out.is_empty() {
        return Err(SettingsError::NoStep {
            field,
            value: v.to_string(),
        });
    }
    Ok(out)
}
