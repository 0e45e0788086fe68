//! The insurance page's strings in English and Chinese: [`In`] keys (two
//! exhaustive matches) and functions for strings with figures, the
//! deadline kinds and the policy form's problems
//! (`credit_core::insurance::PolicyFormError`).

use credit_core::insurance::{DeadlineKind, PolicyField, PolicyFormError, ReadinessItem};

use super::{en_count, Lang, Texts};

/// A label of the insurance page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum In {
    /// The page without an open portfolio.
    NoPortfolio,
    /// The page title.
    Title,
    /// The policy form's heading.
    PolicyTitle,
    /// What the policy's amounts are.
    AmountsNote,
    /// No policy entered yet.
    NoPolicyNote,
    /// Policy field.
    PolInsurer,
    /// Policy field.
    PolNumber,
    /// Policy field.
    PolPct,
    /// Policy field.
    PolNql,
    /// Policy field.
    PolAfl,
    /// Policy field.
    PolMax,
    /// Policy field.
    PolRate,
    /// Policy field.
    PolMinPremium,
    /// Policy field.
    PolTurnover,
    /// Policy field.
    PolMep,
    /// Policy field.
    PolNotify,
    /// Policy field.
    PolProtracted,
    /// Policy field.
    PolFiling,
    /// Policy field.
    PolYearStart,
    /// Policy field.
    PolLgd,
    /// Button.
    SavePolicy,
    /// Heading of a buyer's insured limit.
    BuyerLimitTitle,
    /// Label and column.
    Buyer,
    /// Label and column.
    InsuredLimit,
    /// Button.
    SetLimit,
    /// Button: drop the policy's limit.
    UseLedgers,
    /// Above the list of the policy's limits.
    LimitsSetHere,
    /// The cover panel's heading.
    Cover,
    /// Fact.
    OpenReceivables,
    /// Fact, column, legend.
    Insured,
    /// Fact, column, legend.
    Uninsured,
    /// Fact.
    VatNeverInsured,
    /// Fact.
    BuyersOverLimit,
    /// Fact.
    BuyersWithoutCover,
    /// Filter label.
    Show,
    /// Filter option.
    EveryBuyer,
    /// Filter option.
    AboveTheirLimit,
    /// Filter option.
    WithoutCover,
    /// Filter option.
    WithOutside,
    /// Column.
    OpenWithoutVat,
    /// Badge.
    AboveLimit,
    /// The cover chart's label.
    ChartLabel,
    /// The deadlines panel's heading.
    Deadlines,
    /// What the deadlines are.
    DeadlinesNote,
    /// No deadline this week.
    NothingThisWeek,
    /// Column.
    ColNext,
    /// Column.
    ColInvoice,
    /// Column.
    ColDue,
    /// Column.
    ColExtensionEnds,
    /// Column.
    ColNotifyBy,
    /// Column.
    ColClaimPayable,
    /// Column.
    ColFileBy,
    /// Column.
    ColNotification,
    /// Button: the notification was sent.
    MarkNotified,
    /// Badge.
    Late,
    /// A deadline.
    KindMepEnd,
    /// A deadline.
    KindNotifyBy,
    /// A deadline.
    KindClaimPayable,
    /// A deadline.
    KindFileClaimBy,
    /// Dashboard link.
    OpenInsurancePage,
    /// The claim panel's heading.
    ClaimSimulator,
    /// What the simulator computes.
    ClaimNote,
    /// Label.
    Event,
    /// Event.
    ProtractedDefault,
    /// Event.
    Insolvency,
    /// Claim field.
    ClaimDate,
    /// Claim field, and its name in a message.
    Recoveries,
    /// Claim field.
    ClaimLosses,
    /// Claim field.
    ClaimPaid,
    /// The earlier losses' name in a message.
    LossesThisYear,
    /// The indemnities' name in a message.
    PaidThisYear,
    /// The waterfall's total.
    Indemnity,
    /// What the policyholder keeps.
    StaysWithYou,
    /// Why nothing is paid.
    NoLimit,
    /// Why nothing is paid.
    NothingLeft,
    /// Why nothing is paid.
    BelowNql,
    /// The checklist's heading.
    ClaimReadiness,
    /// A paper's state.
    Have,
    /// A paper's state.
    Missing,
    /// A paper's state.
    NotNeeded,
    /// Nothing missing.
    ReadyToFile,
    /// The cost/benefit panel's heading.
    WorthTitle,
    /// Fact.
    PremiumAYear,
    /// Fact.
    InsuredTurnover,
    /// Fact.
    ElWithout,
    /// Fact.
    ElWith,
    /// Fact.
    Saving,
    /// Fact.
    BreakEven,
    /// What the verdict weighs.
    WorthNote,
}

impl Texts for In {
    fn en(self) -> &'static str {
        match self {
            In::NoPortfolio => "Open a portfolio or load the demo to see its insurance cover.",
            In::Title => "Credit insurance",
            In::PolicyTitle => "The policy",
            In::AmountsNote => "Amounts in the portfolio's base currency, without VAT (VAT is never insured).",
            In::NoPolicyNote => "No policy entered yet: the figures below use the usual terms (90 % indemnity, 60-day maximum extension period, notification within 30 days after it, 180-day waiting period) and the insured limits in the ledger.",
            In::PolInsurer => "Insurer",
            In::PolNumber => "Policy number",
            In::PolPct => "Indemnity (%)",
            In::PolNql => "Non-qualifying loss",
            In::PolAfl => "Aggregate first loss",
            In::PolMax => "Maximum liability per year (blank: none)",
            In::PolRate => "Premium rate (% of insured turnover)",
            In::PolMinPremium => "Minimum premium",
            In::PolTurnover => "Insured turnover a year (blank: the ledger's)",
            In::PolMep => "Maximum extension period (days after due)",
            In::PolNotify => "Overdue notification (days after it)",
            In::PolProtracted => "Protracted default waiting period (days after due)",
            In::PolFiling => "Claim filing deadline (days)",
            In::PolYearStart => "Policy year starts",
            In::PolLgd => "Loss given default (%)",
            In::SavePolicy => "Save policy",
            In::BuyerLimitTitle => "A buyer's insured limit",
            In::Buyer => "Buyer",
            In::InsuredLimit => "Insured limit",
            In::SetLimit => "Set",
            In::UseLedgers => "Use the ledger's",
            In::LimitsSetHere => "Insured limits set here:",
            In::Cover => "Cover",
            In::OpenReceivables => "Open receivables without VAT",
            In::Insured => "Insured",
            In::Uninsured => "Uninsured",
            In::VatNeverInsured => "VAT (never insured)",
            In::BuyersOverLimit => "Buyers above their insured limit",
            In::BuyersWithoutCover => "Buyers without cover",
            In::Show => "Show",
            In::EveryBuyer => "Every buyer",
            In::AboveTheirLimit => "Above their insured limit",
            In::WithoutCover => "Without cover",
            In::WithOutside => "With invoices outside cover",
            In::OpenWithoutVat => "Open without VAT",
            In::AboveLimit => "above limit",
            In::ChartLabel => "Insured and uninsured exposure of the largest buyers",
            In::Deadlines => "Deadlines",
            In::DeadlinesNote => "Every overdue invoice of an insured buyer: when the maximum extension period ends, when the overdue notification is due, when a claim for protracted default becomes payable and by when it must be filed.",
            In::NothingThisWeek => "Nothing due this week.",
            In::ColNext => "Next",
            In::ColInvoice => "Invoice",
            In::ColDue => "Due",
            In::ColExtensionEnds => "Extension ends",
            In::ColNotifyBy => "Notify by",
            In::ColClaimPayable => "Claim payable",
            In::ColFileBy => "File claim by",
            In::ColNotification => "Notification",
            In::MarkNotified => "Notified",
            In::Late => "late",
            In::KindMepEnd => "Maximum extension period ends",
            In::KindNotifyBy => "Overdue notification due",
            In::KindClaimPayable => "Claim payable from",
            In::KindFileClaimBy => "File the claim by",
            In::OpenInsurancePage => "Open the Insurance page",
            In::ClaimSimulator => "Claim simulator",
            In::ClaimNote => "What the policy would pay if this buyer defaulted: unpaid without VAT up to the insured limit, less recoveries; nothing below the non-qualifying loss; the year's losses fill the aggregate first loss first; the indemnity percentage of the rest, up to what is left of the maximum liability.",
            In::Event => "Event",
            In::ProtractedDefault => "Protracted default",
            In::Insolvency => "Insolvency",
            In::ClaimDate => "Date (blank: the report date)",
            In::Recoveries => "Recoveries",
            In::ClaimLosses => "Earlier losses this policy year",
            In::ClaimPaid => "Indemnities paid this policy year",
            In::LossesThisYear => "Earlier losses this year",
            In::PaidThisYear => "Indemnities paid this year",
            In::Indemnity => "Indemnity",
            In::StaysWithYou => "Stays with you",
            In::NoLimit => "This buyer has no insured limit: nothing is covered.",
            In::NothingLeft => "Nothing is left to claim after recoveries and the invoices out of cover.",
            In::BelowNql => "Below the non-qualifying loss: nothing is paid.",
            In::ClaimReadiness => "Claim readiness",
            In::Have => "in hand",
            In::Missing => "missing",
            In::NotNeeded => "not needed",
            In::ReadyToFile => "Ready to file.",
            In::WorthTitle => "Is it worth it?",
            In::PremiumAYear => "Premium a year",
            In::InsuredTurnover => "Insured turnover",
            In::ElWithout => "Expected loss without the policy",
            In::ElWith => "Expected loss with it",
            In::Saving => "Loss it takes off you",
            In::BreakEven => "Break-even premium rate",
            In::WorthNote => "Expected loss = probability of default by grade × loss given default × exposure. A policy also buys the insurer's limit decisions, monitoring and easier financing; the verdict weighs expected loss only.",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            In::NoPortfolio => "请打开组合或加载演示数据以查看保险保障。",
            In::Title => "信用保险",
            In::PolicyTitle => "保单",
            In::AmountsNote => "金额以组合本位币计，不含增值税（增值税不在保障范围内）。",
            In::NoPolicyNote => "尚未录入保单：以下数字按常见条款（赔付 90%，最长延展期 60 天，其后 30 天内申报，等待期 180 天）及账簿中的保险限额计算。",
            In::PolInsurer => "保险公司",
            In::PolNumber => "保单号",
            In::PolPct => "赔付比例（%）",
            In::PolNql => "不予赔付损失额",
            In::PolAfl => "累计自负额",
            In::PolMax => "年度最高赔偿限额（空白：无）",
            In::PolRate => "费率（投保营业额的 %）",
            In::PolMinPremium => "最低保费",
            In::PolTurnover => "年投保营业额（空白：按账簿）",
            In::PolMep => "最长延展期（到期后天数）",
            In::PolNotify => "逾期申报期限（其后天数）",
            In::PolProtracted => "拖欠等待期（到期后天数）",
            In::PolFiling => "索赔申请期限（天）",
            In::PolYearStart => "保单年度起始日",
            In::PolLgd => "违约损失率（%）",
            In::SavePolicy => "保存保单",
            In::BuyerLimitTitle => "单个买方的保险限额",
            In::Buyer => "买方",
            In::InsuredLimit => "保险限额",
            In::SetLimit => "设定",
            In::UseLedgers => "沿用账簿",
            In::LimitsSetHere => "此处设定的保险限额：",
            In::Cover => "保障情况",
            In::OpenReceivables => "未结应收（不含税）",
            In::Insured => "已保障",
            In::Uninsured => "未保障",
            In::VatNeverInsured => "增值税（不保）",
            In::BuyersOverLimit => "超出保险限额的买方",
            In::BuyersWithoutCover => "无保障的买方",
            In::Show => "显示",
            In::EveryBuyer => "全部买方",
            In::AboveTheirLimit => "超出保险限额",
            In::WithoutCover => "无保障",
            In::WithOutside => "有不在保障内的发票",
            In::OpenWithoutVat => "未结（不含税）",
            In::AboveLimit => "超限额",
            In::ChartLabel => "主要买方的已保障与未保障敞口",
            In::Deadlines => "期限",
            In::DeadlinesNote => "受保买方的每张逾期发票：最长延展期何时届满、逾期申报何时截止、拖欠索赔何时可提出以及最迟提交日期。",
            In::NothingThisWeek => "本周无到期事项。",
            In::ColNext => "下一期限",
            In::ColInvoice => "发票",
            In::ColDue => "到期日",
            In::ColExtensionEnds => "延展期届满",
            In::ColNotifyBy => "申报截止",
            In::ColClaimPayable => "可索赔日",
            In::ColFileBy => "索赔截止",
            In::ColNotification => "申报",
            In::MarkNotified => "已申报",
            In::Late => "已逾期",
            In::KindMepEnd => "最长延展期届满",
            In::KindNotifyBy => "逾期申报截止",
            In::KindClaimPayable => "可索赔日",
            In::KindFileClaimBy => "索赔提交截止",
            In::OpenInsurancePage => "打开信用保险页面",
            In::ClaimSimulator => "索赔模拟",
            In::ClaimNote => "若该买方违约，保单将赔付多少：不含税的未付金额（以保险限额为上限）减去追回款；低于不予赔付损失额的不赔；本年度损失先抵累计自负额；其余部分按赔付比例赔付，以剩余最高赔偿限额为上限。",
            In::Event => "事件",
            In::ProtractedDefault => "拖欠",
            In::Insolvency => "破产",
            In::ClaimDate => "日期（空白：报告日）",
            In::Recoveries => "追回款",
            In::ClaimLosses => "本保单年度此前损失",
            In::ClaimPaid => "本保单年度已赔付",
            In::LossesThisYear => "本年度此前损失",
            In::PaidThisYear => "本年度已赔付",
            In::Indemnity => "赔款",
            In::StaysWithYou => "自留损失",
            In::NoLimit => "该买方无保险限额：不在保障范围内。",
            In::NothingLeft => "扣除追回款及不在保障内的发票后，已无可索赔金额。",
            In::BelowNql => "低于不予赔付损失额：不予赔付。",
            In::ClaimReadiness => "索赔准备情况",
            In::Have => "已具备",
            In::Missing => "缺失",
            In::NotNeeded => "无需",
            In::ReadyToFile => "材料齐全，可以提交。",
            In::WorthTitle => "是否划算？",
            In::PremiumAYear => "年保费",
            In::InsuredTurnover => "投保营业额",
            In::ElWithout => "无保单时的预期损失",
            In::ElWith => "有保单时的预期损失",
            In::Saving => "保单转移的损失",
            In::BreakEven => "盈亏平衡费率",
            In::WorthNote => "预期损失 = 按评级的违约概率 × 违约损失率 × 敞口。保单还包括保险公司的限额审批、监控与融资便利；此结论仅比较预期损失。",
        }
    }
}

/// A deadline kind's name.
pub fn deadline_kind(k: DeadlineKind) -> In {
    match k {
        DeadlineKind::MepEnd => In::KindMepEnd,
        DeadlineKind::NotifyBy => In::KindNotifyBy,
        DeadlineKind::ClaimPayable => In::KindClaimPayable,
        DeadlineKind::FileClaimBy => In::KindFileClaimBy,
    }
}

/// A policy field's Chinese name in messages (the English one is
/// `PolicyField::label`).
fn field_zh(f: PolicyField) -> &'static str {
    match f {
        PolicyField::IndemnityPct => "赔付比例",
        PolicyField::NonQualifyingLoss => "不予赔付损失额",
        PolicyField::AggregateFirstLoss => "累计自负额",
        PolicyField::MaxLiability => "最高赔偿限额",
        PolicyField::PremiumRate => "费率",
        PolicyField::MinimumPremium => "最低保费",
        PolicyField::InsuredTurnover => "投保营业额",
        PolicyField::Limit => "保险限额",
        PolicyField::MepDays => "最长延展期",
        PolicyField::NotificationDays => "逾期申报期限",
        PolicyField::ProtractedDefaultDays => "拖欠等待期",
        PolicyField::ClaimFilingDays => "索赔申请期限",
        PolicyField::YearStart => "保单年度起始日",
        PolicyField::Lgd => "违约损失率",
    }
}

/// A problem of the policy form (or of a buyer's insured limit): the
/// field, the value and the bound. English is the core's text.
pub fn form_error(lang: Lang, e: &PolicyFormError) -> String {
    let zh = |f: PolicyField| field_zh(f);
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => match e {
            PolicyFormError::NotAnAmount { field, value } => {
                format!("{}：“{value}”不是大于等于零的金额。", zh(*field))
            }
            PolicyFormError::NotAPercentage { field, value } => {
                format!("{}：“{value}”不是百分比。", zh(*field))
            }
            PolicyFormError::NotDays {
                field,
                value,
                min,
                max,
            } => format!("{}：“{value}”不是 {min} 到 {max} 之间的天数。", zh(*field)),
            PolicyFormError::NotADate { field, value } => {
                format!("{}：“{value}”不是日期（YYYY-MM-DD）。", zh(*field))
            }
            PolicyFormError::PercentOutOfRange {
                field,
                percent,
                max,
            } => format!("{}：“{percent} %”须大于 0% 且不超过 {max}%。", zh(*field)),
            PolicyFormError::Negative { field, value } => {
                format!("{}：“{value}”不能为负数。", zh(*field))
            }
            PolicyFormError::DaysOutOfRange {
                field,
                value,
                min,
                max,
            } => format!("{}：“{value}”须为 {min} 到 {max} 之间的天数。", zh(*field)),
            // A problem the core adds later: its English text until it is
            // written here.
            _ => e.to_string(),
        },
    }
}

/// A claim figure that is not an amount of zero or more.
pub fn not_an_amount(lang: Lang, field: In, value: &str) -> String {
    match lang {
        Lang::En => format!(
            "{}: '{value}' is not an amount of zero or more.",
            field.en()
        ),
        Lang::Zh => format!("{}：“{value}”不是大于等于零的金额。", field.zh()),
    }
}

/// A claim date that is not a date.
pub fn not_a_date(lang: Lang, value: &str) -> String {
    match lang {
        Lang::En => format!("Date: '{value}' is not a date (YYYY-MM-DD)."),
        Lang::Zh => format!("日期：“{value}”不是日期（YYYY-MM-DD）。"),
    }
}

/// How many buyers the cover table lists.
pub fn cover_count(lang: Lang, shown: usize, count: usize) -> String {
    match (lang, count > shown) {
        (Lang::En, true) => format!("The {shown} largest of {count} buyers."),
        (Lang::Zh, true) => format!("显示 {count} 个买方中敞口最大的 {shown} 个。"),
        (Lang::En, false) => format!("{}.", en_count(count as i128, "buyer", "buyers")),
        (Lang::Zh, false) => format!("{count} 个买方。"),
    }
}

/// A buyer's invoices outside cover.
pub fn outside_cover(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} outside cover"),
        Lang::Zh => format!("{n} 张不在保障内"),
    }
}

/// The cover table's "show all" / "show the largest" button.
pub fn cover_more(lang: Lang, expanded: bool, count: usize, rows: usize) -> String {
    match (expanded, lang) {
        (false, Lang::En) => format!("Show all {count}"),
        (false, Lang::Zh) => format!("显示全部 {count} 个"),
        (true, Lang::En) => format!("Show the {rows} largest"),
        (true, Lang::Zh) => format!("只显示最大的 {rows} 个"),
    }
}

/// The heading of the deadlines of the next seven days.
pub fn due_next_week(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("Due in the next 7 days ({n})"),
        Lang::Zh => format!("未来 7 天到期（{n}）"),
    }
}

/// The heading of every deadline.
pub fn all_deadlines(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("All deadlines ({n})"),
        Lang::Zh => format!("全部期限（{n}）"),
    }
}

/// The dashboard's heading of the week's insurer deadlines.
pub fn dashboard_deadlines(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("Insurer deadlines in the next 7 days ({n})"),
        Lang::Zh => format!("未来 7 天的保险期限（{n}）"),
    }
}

/// When a claim is payable and by when it must be filed (dates written).
pub fn claim_dates(lang: Lang, from: &str, by: &str) -> String {
    match lang {
        Lang::En => format!("Payable from {from}; file by {by}."),
        Lang::Zh => format!("{from} 起可获赔；须于 {by} 前提交。"),
    }
}

/// The invoices a claim leaves out.
pub fn claim_excluded(lang: Lang, ids: &[&str]) -> String {
    match lang {
        Lang::En => format!(
            "Left out: {} (disputed or not notified in time).",
            ids.join(", ")
        ),
        Lang::Zh => format!("未计入：{}（争议或未按时申报）。", ids.join("、")),
    }
}

/// How many claim papers are missing.
pub fn papers_missing(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} missing."),
        Lang::Zh => format!("缺少 {n} 项。"),
    }
}

/// Why a paper of the checklist stands as it does.
pub fn paper_why(lang: Lang, it: &ReadinessItem) -> String {
    match lang {
        Lang::En => it.why.clone(),
        Lang::Zh => it.why_zh.clone(),
    }
}

/// Why the cover, the deadlines, a claim or the worth of the policy could
/// not be computed. A missing rate reads as on every other page; a policy's
/// bad terms keep the core's wording of the policy (`PolicyError`, which
/// the CLI prints too).
pub fn insurance_error(lang: Lang, e: &credit_core::insurance::InsuranceError) -> String {
    use credit_core::insurance::InsuranceError;
    match (lang, e) {
        (_, InsuranceError::Money(m)) => super::reports::money_error(lang, m),
        (Lang::En, InsuranceError::UnknownBuyer(id)) => {
            format!("Buyer '{id}' is not in the portfolio.")
        }
        (Lang::Zh, InsuranceError::UnknownBuyer(id)) => format!("组合中没有买方“{id}”。"),
        (_, InsuranceError::Policy(_)) => e.message(super::dunning::core_lang(lang)),
    }
}
