//! The alerts' strings (page, dashboard panel, heat map, limit check,
//! settings forms) in English and Chinese: [`A`] keys (two exhaustive
//! matches), the keys of the monitor's enums, and functions for strings
//! with figures.

use credit_core::heatmap::Band;
use credit_core::money::Currency;
use credit_core::monitor::{
    Action, DeadlineKind, Evidence, Rule, SettingsError, Severity, Threshold,
};
use credit_core::{Decimal, NaiveDate};

use super::{text, Lang, Texts};
use crate::format;

/// A label of the alerts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum A {
    /// The page's title.
    Title,
    /// A severity, as a filter and a column.
    Severity,
    /// A rule, as a filter and a column.
    Rule,
    /// Every value of a filter.
    All,
    /// The filter of noted alerts.
    Show,
    /// Alerts no note hides.
    ShowOpen,
    /// Alerts a note hides.
    ShowNoted,
    /// The page without a portfolio.
    NoPortfolio,
    /// The heat map's heading.
    HeatMap,
    /// The thresholds form's summary.
    Thresholds,
    /// Field: utilisation that warns.
    ThUtilisation,
    /// Field: dunning steps.
    ThSteps,
    /// Field: volume ratio.
    ThVolume,
    /// Field: delay rise.
    ThRise,
    /// Field: months of the delay trend.
    ThMonths,
    /// Field: worsening days.
    ThWorsening,
    /// Field: concentration.
    ThConcentration,
    /// Field: maximum extension period.
    ThExtension,
    /// Field: notification deadline.
    ThNotification,
    /// Field: insurer deadlines window.
    ThWindow,
    /// Apply the thresholds.
    Apply,
    /// Back to the default thresholds.
    Reset,
    /// The thresholds were kept.
    Applied,
    /// The buyer column.
    Buyer,
    /// The evidence column.
    Evidence,
    /// The action column.
    SuggestedAction,
    /// Take a note off.
    Reopen,
    /// Open the note form.
    AckOrSnooze,
    /// The note's text field.
    Note,
    /// Acknowledge an alert.
    Acknowledge,
    /// The snooze date field.
    SnoozeUntil,
    /// Snooze an alert.
    Snooze,
    /// Close the note form.
    Cancel,
    /// The dashboard panel with no alert.
    NothingToday,
    /// The link to the Alerts page.
    AllAlertsLink,
    /// The dashboard panel's heading.
    PanelTitle,
    /// A severity's name.
    SevCritical,
    /// A severity's name.
    SevWarning,
    /// A severity's name.
    SevInfo,
    /// A rule's name.
    RuleOverLimit,
    /// A rule's name.
    RuleUtilisation,
    /// A rule's name.
    RulePastDunningStep,
    /// A rule's name.
    RuleGradeDowngraded,
    /// A rule's name.
    RuleInsuredLimitCut,
    /// A rule's name.
    RuleVolumeUpPayingSlower,
    /// A rule's name.
    RuleDelayWorsening,
    /// A rule's name.
    RuleConcentration,
    /// A rule's name.
    RuleInsurerDeadline,
    /// A rule's name.
    RulePromiseBroken,
    /// A rule's name.
    RuleGroupOverLimit,
    /// A rule's name.
    RuleGroupConcentration,
    /// A suggested action.
    ActReviewLimit,
    /// A suggested action.
    ActHoldDeliveries,
    /// A suggested action.
    ActCallBuyer,
    /// A suggested action.
    ActSendReminder,
    /// A suggested action.
    ActEscalate,
    /// A suggested action.
    ActReassess,
    /// A suggested action.
    ActReduceExposure,
    /// A suggested action.
    ActAskInsurer,
    /// A suggested action.
    ActNotifyInsurer,
    /// A suggested action.
    ActMonitorClosely,
    /// An insurer deadline: the extension ends.
    ExtensionEnds,
    /// An insurer deadline: the notification is due.
    NotificationDue,
    /// The heat map's accessible name.
    HeatMapLabel,
    /// The heat map's grade axis.
    HeatAxis,
    /// "grade" before a point's grade.
    HeatGrade,
    /// After a grade computed from the ledger.
    HeatFromLedger,
    /// A point of a buyer not assessed.
    HeatNotAssessed,
    /// An impact band of the heat map.
    BandUnderOne,
    /// An impact band of the heat map.
    BandOneToFive,
    /// An impact band of the heat map.
    BandFiveToTen,
    /// An impact band of the heat map.
    BandTenToTwenty,
    /// An impact band of the heat map.
    BandOverTwenty,
    /// The limit check without a limit.
    NoLimitSet,
    /// A settings form was saved.
    SavedWithPortfolio,
}

impl Texts for A {
    fn en(self) -> &'static str {
        match self {
            A::Title => "Alerts",
            A::Severity => "Severity",
            A::Rule => "Rule",
            A::All => "All",
            A::Show => "Show",
            A::ShowOpen => "Needing attention",
            A::ShowNoted => "Acknowledged or snoozed",
            A::NoPortfolio => "Open a portfolio or load the demo to see its alerts.",
            A::HeatMap => "Risk heat map",
            A::Thresholds => "Thresholds of the rules",
            A::ThUtilisation => "Limit utilisation that warns (%)",
            A::ThSteps => "Dunning steps (days past due)",
            A::ThVolume => "Volume up: last 3 months ÷ monthly average before (×)",
            A::ThRise => "Paying slower: delay up by (days)",
            A::ThMonths => "Delay worsening over (months)",
            A::ThWorsening => "Delay worsening by (days)",
            A::ThConcentration => "Concentration: share of receivables (%)",
            A::ThExtension => "Insurer: maximum extension period (days)",
            A::ThNotification => "Insurer: notification within (days after it)",
            A::ThWindow => "Insurer deadlines shown (days ahead)",
            A::Apply => "Apply",
            A::Reset => "Back to the defaults",
            A::Applied => "Applied, and kept with the portfolio.",
            A::Buyer => "Buyer",
            A::Evidence => "Evidence",
            A::SuggestedAction => "Suggested action",
            A::Reopen => "Reopen",
            A::AckOrSnooze => "Acknowledge / snooze…",
            A::Note => "Note",
            A::Acknowledge => "Acknowledge",
            A::SnoozeUntil => "Snooze until",
            A::Snooze => "Snooze",
            A::Cancel => "Cancel",
            A::NothingToday => "Nothing needs attention today.",
            A::AllAlertsLink => "All alerts and the risk heat map →",
            A::PanelTitle => "What needs attention today",
            A::SevCritical => "Critical",
            A::SevWarning => "Warning",
            A::SevInfo => "Info",
            A::RuleOverLimit => "Over its credit limit",
            A::RuleUtilisation => "Limit nearly used",
            A::RulePastDunningStep => "Past a dunning step",
            A::RuleGradeDowngraded => "Grade downgraded",
            A::RuleInsuredLimitCut => "Insured limit cut or cancelled",
            A::RuleVolumeUpPayingSlower => "Volume up while paying slower",
            A::RuleDelayWorsening => "Payment delay worsening",
            A::RuleConcentration => "Concentration",
            A::RuleInsurerDeadline => "Insurer deadline within 7 days",
            A::RulePromiseBroken => "Promise to pay broken",
            A::RuleGroupOverLimit => "Group over its shared limit",
            A::RuleGroupConcentration => "Group concentration",
            A::ActReviewLimit => "Review the credit limit",
            A::ActHoldDeliveries => "Hold new deliveries until it is back under its limit",
            A::ActCallBuyer => "Call the buyer",
            A::ActSendReminder => "Send a reminder",
            A::ActEscalate => "Escalate: formal demand, legal action or a collection agency",
            A::ActReassess => "Reassess the buyer and its limit",
            A::ActReduceExposure => "Reduce the exposure (security, shorter terms, lower limit)",
            A::ActAskInsurer => "Ask the insurer why, and what cover remains",
            A::ActNotifyInsurer => "Notify the insurer of the overdue account",
            A::ActMonitorClosely => "Watch its payments closely",
            A::ExtensionEnds => "the maximum extension period ends",
            A::NotificationDue => "the overdue notification is due",
            A::HeatMapLabel => "Risk heat map: grade against exposure",
            A::HeatAxis => "Grade (likelihood): 1 best → 10 default · ? not assessed",
            A::HeatGrade => "grade",
            A::HeatFromLedger => " (from the ledger)",
            A::HeatNotAssessed => "not assessed",
            A::BandUnderOne => "< 1 % of AR",
            A::BandOneToFive => "1–5 %",
            A::BandFiveToTen => "5–10 %",
            A::BandTenToTwenty => "10–20 %",
            A::BandOverTwenty => "> 20 % of AR",
            A::NoLimitSet => "No limit set",
            A::SavedWithPortfolio => "Saved with the portfolio.",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            A::Title => "预警",
            A::Severity => "级别",
            A::Rule => "规则",
            A::All => "全部",
            A::Show => "显示",
            A::ShowOpen => "待处理",
            A::ShowNoted => "已确认或暂缓",
            A::NoPortfolio => "请打开组合或加载演示数据以查看预警。",
            A::HeatMap => "风险热力图",
            A::Thresholds => "预警规则阈值",
            A::ThUtilisation => "额度使用率预警（%）",
            A::ThSteps => "催收步骤（逾期天数）",
            A::ThVolume => "采购量上升：近3个月 ÷ 此前月均（倍）",
            A::ThRise => "付款变慢：延迟上升（天）",
            A::ThMonths => "延迟恶化观察期（月）",
            A::ThWorsening => "延迟恶化幅度（天）",
            A::ThConcentration => "集中度：占应收比例（%）",
            A::ThExtension => "保险：最长延展期（天）",
            A::ThNotification => "保险：延展期后申报期限（天）",
            A::ThWindow => "保险期限提前提醒（天）",
            A::Apply => "应用",
            A::Reset => "恢复默认",
            A::Applied => "已应用，并随组合保存。",
            A::Buyer => "买方",
            A::Evidence => "依据",
            A::SuggestedAction => "建议措施",
            A::Reopen => "重新打开",
            A::AckOrSnooze => "确认 / 暂缓…",
            A::Note => "备注",
            A::Acknowledge => "确认",
            A::SnoozeUntil => "暂缓至",
            A::Snooze => "暂缓",
            A::Cancel => "取消",
            A::NothingToday => "今天没有需要处理的事项。",
            A::AllAlertsLink => "全部预警与风险热力图 →",
            A::PanelTitle => "今日待办预警",
            A::SevCritical => "严重",
            A::SevWarning => "警告",
            A::SevInfo => "提示",
            A::RuleOverLimit => "超出信用额度",
            A::RuleUtilisation => "额度即将用尽",
            A::RulePastDunningStep => "已过催收步骤",
            A::RuleGradeDowngraded => "评级下调",
            A::RuleInsuredLimitCut => "保险限额削减或取消",
            A::RuleVolumeUpPayingSlower => "采购量上升而付款变慢",
            A::RuleDelayWorsening => "付款延迟持续恶化",
            A::RuleConcentration => "客户集中度过高",
            A::RuleInsurerDeadline => "保险申报期限7天内到期",
            A::RulePromiseBroken => "付款承诺未兑现",
            A::RuleGroupOverLimit => "集团超出共享额度",
            A::RuleGroupConcentration => "集团集中度过高",
            A::ActReviewLimit => "复核信用额度",
            A::ActHoldDeliveries => "暂停新发货，直至回到额度以内",
            A::ActCallBuyer => "致电买方",
            A::ActSendReminder => "发送付款提醒",
            A::ActEscalate => "升级处理：正式催告、法律行动或委托催收",
            A::ActReassess => "重新评估买方及其额度",
            A::ActReduceExposure => "降低敞口（担保、缩短账期、降低额度）",
            A::ActAskInsurer => "向保险公司了解原因及剩余保障",
            A::ActNotifyInsurer => "向保险公司申报逾期账款",
            A::ActMonitorClosely => "密切关注其付款",
            A::ExtensionEnds => "最长延展期结束",
            A::NotificationDue => "逾期申报截止",
            A::HeatMapLabel => "风险热力图：评级与敞口",
            A::HeatAxis => "评级（可能性）：1 最好 → 10 违约 · ? 未评估",
            A::HeatGrade => "评级",
            A::HeatFromLedger => "（据台账计算）",
            A::HeatNotAssessed => "未评估",
            A::BandUnderOne => "< 1% 应收",
            A::BandOneToFive => "1–5 %",
            A::BandFiveToTen => "5–10 %",
            A::BandTenToTwenty => "10–20 %",
            A::BandOverTwenty => "> 20% 应收",
            A::NoLimitSet => "未设额度",
            A::SavedWithPortfolio => "已随组合保存。",
        }
    }
}
/// A severity's name.
pub fn severity(s: Severity) -> A {
    match s {
        Severity::Critical => A::SevCritical,
        Severity::Warning => A::SevWarning,
        Severity::Info => A::SevInfo,
    }
}

/// A rule's name.
pub fn rule(r: Rule) -> A {
    match r {
        Rule::OverLimit => A::RuleOverLimit,
        Rule::Utilisation => A::RuleUtilisation,
        Rule::PastDunningStep => A::RulePastDunningStep,
        Rule::GradeDowngraded => A::RuleGradeDowngraded,
        Rule::InsuredLimitCut => A::RuleInsuredLimitCut,
        Rule::VolumeUpPayingSlower => A::RuleVolumeUpPayingSlower,
        Rule::DelayWorsening => A::RuleDelayWorsening,
        Rule::Concentration => A::RuleConcentration,
        Rule::InsurerDeadline => A::RuleInsurerDeadline,
        Rule::PromiseBroken => A::RulePromiseBroken,
        Rule::GroupOverLimit => A::RuleGroupOverLimit,
        Rule::GroupConcentration => A::RuleGroupConcentration,
    }
}

/// A suggested action, in words.
pub fn action(a: Action) -> A {
    match a {
        Action::ReviewLimit => A::ActReviewLimit,
        Action::HoldDeliveries => A::ActHoldDeliveries,
        Action::CallBuyer => A::ActCallBuyer,
        Action::SendReminder => A::ActSendReminder,
        Action::Escalate => A::ActEscalate,
        Action::Reassess => A::ActReassess,
        Action::ReduceExposure => A::ActReduceExposure,
        Action::AskInsurer => A::ActAskInsurer,
        Action::NotifyInsurer => A::ActNotifyInsurer,
        Action::MonitorClosely => A::ActMonitorClosely,
    }
}

/// An impact band of the heat map, as its row label.
pub fn band(b: Band) -> A {
    match b {
        Band::UnderOne => A::BandUnderOne,
        Band::OneToFive => A::BandOneToFive,
        Band::FiveToTen => A::BandFiveToTen,
        Band::TenToTwenty => A::BandTenToTwenty,
        Band::OverTwenty => A::BandOverTwenty,
    }
}

/// How many alerts a list shows.
pub fn alert_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => super::en_count(n as i128, "alert", "alerts"),
        Lang::Zh => format!("共 {n} 条预警"),
    }
}

/// What the heat map shows, with the most points it draws.
pub fn heat_map_intro(lang: Lang, max_points: usize) -> String {
    match lang {
        Lang::En => format!("Each buyer by its grade (likelihood) and its share of the receivables (impact); the {max_points} largest exposures are drawn, filled if the grade was saved, ringed if computed from the ledger, hollow under “?” if not assessed. Click a point to open the buyer."),
        Lang::Zh => format!("按评级（可能性）与应收占比（影响）排列买方；显示敞口最大的 {max_points} 家，实心为已保存评级，虚线环为据台账计算，“?” 列空心为未评估。点击圆点打开买方。"),
    }
}

/// A snoozed alert's note: `Snoozed until 10 Jul 2026`.
pub fn snoozed_until(lang: Lang, until: NaiveDate) -> String {
    let day = format::date(until, lang);
    match lang {
        Lang::En => format!("Snoozed until {day}"),
        Lang::Zh => format!("暂缓至 {day}"),
    }
}

/// An acknowledged alert's note: `Acknowledged 1 Jul 2026`.
pub fn acknowledged_on(lang: Lang, on: NaiveDate) -> String {
    let day = format::date(on, lang);
    match lang {
        Lang::En => format!("Acknowledged {day}"),
        Lang::Zh => format!("已确认 {day}"),
    }
}

/// The limit check over the limit: `Over limit (120.0 %)`.
pub fn over_limit(lang: Lang, utilisation: Option<Decimal>) -> String {
    let p = format::percent(utilisation, lang);
    match lang {
        Lang::En => format!("Over limit ({p})"),
        Lang::Zh => format!("超额（{p}）"),
    }
}

/// The limit check within the limit: `72.0 % of limit`.
pub fn of_limit(lang: Lang, utilisation: Option<Decimal>) -> String {
    let p = format::percent(utilisation, lang);
    match lang {
        Lang::En => format!("{p} of limit"),
        Lang::Zh => format!("额度使用 {p}"),
    }
}

/// The limit check's title: exposure and limit (`—` when none is set).
pub fn limit_title(lang: Lang, exposure: Decimal, limit: Option<Decimal>, cur: Currency) -> String {
    let l = limit.map_or_else(|| "—".to_string(), |l| format::money(l, cur));
    let e = format::money(exposure, cur);
    match lang {
        Lang::En => format!("Exposure {e} · limit {l}"),
        Lang::Zh => format!("敞口 {e} · 额度 {l}"),
    }
}

/// A threshold's name in Chinese, as the form's errors give it (the
/// English one is its `Display`).
fn threshold_zh(t: Threshold) -> &'static str {
    match t {
        Threshold::Utilisation => "额度使用率",
        Threshold::DunningSteps => "催收步骤",
        Threshold::VolumeRatio => "采购量倍数",
        Threshold::DelayRise => "延迟上升",
        Threshold::WorseningMonths => "恶化月数",
        Threshold::WorseningDays => "恶化天数",
        Threshold::Concentration => "集中度",
        Threshold::ExtensionDays => "最长延展期",
        Threshold::NotificationDays => "申报期限",
        Threshold::DeadlineWindow => "期限提醒窗口",
    }
}

/// What is wrong with a field of the thresholds form:
/// `Utilisation: 'abc' is not a number from 1 to 100.` in English (the
/// error's own words), `额度使用率：“abc”不是 1 到 100 之间的数。` in Chinese.
pub fn settings_error(lang: Lang, e: &SettingsError) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => match e {
            SettingsError::NotANumberFrom {
                field,
                value,
                min,
                max,
            } => format!(
                "{}：“{value}”不是 {min} 到 {max} 之间的数。",
                threshold_zh(*field)
            ),
            SettingsError::NotDaysFrom {
                field,
                value,
                min,
                max,
            } => format!(
                "{}：“{value}”不是 {min} 到 {max} 之间的天数。",
                threshold_zh(*field)
            ),
            SettingsError::NoStep { field, value } => {
                format!("{}：“{value}”至少需要一个步骤。", threshold_zh(*field))
            }
            // A problem added to the core later: its English words.
            other => other.to_string(),
        },
    }
}

/// The evidence of an alert in a sentence, amounts in the base currency.
pub fn evidence(e: &Evidence, cur: Currency, lang: Lang) -> String {
    let m = |x: Decimal| format::money(x, cur);
    let p = |x: Decimal| format::percent(Some(x), lang);
    let d = |x: Decimal| x.round_dp(1).to_string();
    match (e, lang) {
        (Evidence::OverLimit { exposure, limit }, Lang::En) => format!("Exposure {} against a limit of {} ({} over).", m(*exposure), m(*limit), m(*exposure - *limit)),
        (Evidence::OverLimit { exposure, limit }, Lang::Zh) => format!("敞口 {}，额度 {}（超出 {}）。", m(*exposure), m(*limit), m(*exposure - *limit)),
        (Evidence::Utilisation { exposure, limit, utilisation }, Lang::En) => format!("Exposure {} is {} of its limit of {}.", m(*exposure), p(*utilisation), m(*limit)),
        (Evidence::Utilisation { exposure, limit, utilisation }, Lang::Zh) => format!("敞口 {} 已占额度 {} 的 {}。", m(*exposure), m(*limit), p(*utilisation)),
        (Evidence::PastDunningStep { step_days, step, invoices, amount, max_days_past_due }, Lang::En) => format!(
            "{}, {}, past step {step} (+{}); the oldest is {} past due.",
            super::en_count(*invoices as i128, "invoice", "invoices"),
            m(*amount),
            super::en_count(i128::from(*step_days), "day", "days"),
            super::en_count(i128::from(*max_days_past_due), "day", "days"),
        ),
        (Evidence::PastDunningStep { step_days, step, invoices, amount, max_days_past_due }, Lang::Zh) => format!(
            "{invoices} 张发票（{}）已过第 {step} 步（到期后 {step_days} 天）；最久逾期 {max_days_past_due} 天。",
            m(*amount)
        ),
        (Evidence::GradeDowngraded { from, to }, Lang::En) => format!("Grade went from {from} to {to} (1 best, 10 default)."),
        (Evidence::GradeDowngraded { from, to }, Lang::Zh) => format!("评级由 {from} 降至 {to}（1 最好，10 为违约）。"),
        (Evidence::InsuredLimitCut { from, to }, Lang::En) => format!("The insurer's limit went from {} to {}.", m(*from), m(*to)),
        (Evidence::InsuredLimitCut { from, to }, Lang::Zh) => format!("保险限额由 {} 降至 {}。", m(*from), m(*to)),
        (Evidence::VolumeUpPayingSlower { recent_monthly_sales, earlier_monthly_sales, ratio, delay_before, delay_now }, Lang::En) => format!(
            "Sales of the last 3 months {} a month, {}× the {} a month of the 9 before; average delay {} days, up from {}.",
            m(*recent_monthly_sales), ratio.round_dp(2), m(*earlier_monthly_sales), d(*delay_now), d(*delay_before)
        ),
        (Evidence::VolumeUpPayingSlower { recent_monthly_sales, earlier_monthly_sales, ratio, delay_before, delay_now }, Lang::Zh) => format!(
            "近3个月月均销售 {}，为此前9个月月均 {} 的 {} 倍；平均延迟 {} 天，此前 {} 天。",
            m(*recent_monthly_sales), m(*earlier_monthly_sales), ratio.round_dp(2), d(*delay_now), d(*delay_before)
        ),
        (Evidence::DelayWorsening { months, rise }, _) => {
            let seq = months
                .iter()
                .map(|(end, v)| format!("{} {}", format::month(*end, lang), d(*v)))
                .collect::<Vec<_>>()
                .join(" → ");
            match lang {
                Lang::En => format!("Average delay by month (days): {seq}; up {} days.", d(*rise)),
                Lang::Zh => format!("逐月平均延迟（天）：{seq}；上升 {} 天。", d(*rise)),
            }
        }
        (Evidence::Concentration { exposure, total, share }, Lang::En) => format!("{} of {} receivables ({}).", m(*exposure), m(*total), p(*share)),
        (Evidence::Concentration { exposure, total, share }, Lang::Zh) => format!("应收总额 {} 中占 {}（{}）。", m(*total), m(*exposure), p(*share)),
        (Evidence::InsurerDeadline { kind, date, days_left, invoice_id, invoices }, _) => {
            let what = text(lang, match kind {
                DeadlineKind::ExtensionEnds => A::ExtensionEnds,
                DeadlineKind::NotificationDue => A::NotificationDue,
            });
            let day = format::date(*date, lang);
            match lang {
                Lang::En => format!(
                    "For invoice {invoice_id} {what} on {day} ({} left); {} overdue.",
                    super::en_count(i128::from(*days_left), "day", "days"),
                    super::en_count(*invoices as i128, "insured invoice", "insured invoices"),
                ),
                Lang::Zh => format!("发票 {invoice_id}：{what}日为 {day}（剩 {days_left} 天）；{invoices} 张投保发票逾期。"),
            }
        }
        (Evidence::PromiseBroken { promise_id, promised_date, amount, paid }, _) => {
            let day = format::date(*promised_date, lang);
            match lang {
                Lang::En => format!("Promise {promise_id}: {} promised for {day}, {} came in time.", m(*amount), m(*paid)),
                Lang::Zh => format!("付款承诺 {promise_id}：承诺 {day} 前支付 {}，按时到账 {}。", m(*amount), m(*paid)),
            }
        }
        (Evidence::GroupOverLimit { group, members, exposure, limit }, Lang::En) => format!(
            "Group \"{group}\" ({}) owes {} against its shared limit of {} ({} over).",
            super::en_count(i128::from(*members), "member", "members"), m(*exposure), m(*limit), m(*exposure - *limit)
        ),
        (Evidence::GroupOverLimit { group, members, exposure, limit }, Lang::Zh) => format!(
            "集团“{group}”（{members} 家成员）敞口 {}，共享额度 {}（超出 {}）。", m(*exposure), m(*limit), m(*exposure - *limit)
        ),
        (Evidence::GroupConcentration { group, exposure, total, share }, Lang::En) => format!("Group \"{group}\": {} of {} receivables ({}).", m(*exposure), m(*total), p(*share)),
        (Evidence::GroupConcentration { group, exposure, total, share }, Lang::Zh) => format!("集团“{group}”：应收总额 {} 中占 {}（{}）。", m(*total), m(*exposure), p(*share)),
    }
}
