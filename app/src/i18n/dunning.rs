//! The dunning page's strings in English and Chinese: [`D`] keys (two
//! exhaustive matches), functions for strings with figures, and the
//! messages of the core's dunning errors.

use credit_core::customer::CustomerStatus;
use credit_core::dunning::{DunningError, PolicyError, SettingsFormError, Step, StepRowError};
use credit_core::{Decimal, NaiveDate};

use super::{Lang, Texts};
use crate::format;

/// A label of the dunning page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)]
pub enum D {
    Title,
    NoPortfolio,
    TabToday,
    TabSettings,
    Sections,
    // The plan.
    PlanTitle,
    PlanHelp,
    Action,
    All,
    Buyer,
    Step,
    Invoices,
    Invoice,
    Open,
    Interest,
    Compensation,
    Next,
    Letter,
    ExportPlanCsv,
    LettersText,
    LettersHtml,
    Channel,
    StepsChannel,
    Note,
    LogUnreadable,
    ScheduledNext,
    PausedDisputed,
    Date,
    Since,
    Reason,
    // The letter.
    Language,
    English,
    Chinese,
    Print,
    Copy,
    DownloadText,
    DownloadHtml,
    Close,
    EditsThisLetterOnly,
    // The policy editor.
    PolicyTitle,
    Name,
    StartFromPreset,
    OffsetDays,
    Also,
    StopDeliveries,
    Templates,
    Remove,
    AddStep,
    SavePolicy,
    // Interest and letterhead.
    InterestTitle,
    InterestHelp,
    NoRate,
    Regime,
    ContractRate,
    ChinaDaily,
    ChargeCompensation,
    ReferenceRates,
    AddRate,
    Letterhead,
    Company,
    Address,
    Contact,
    BankDetails,
    DaysToPay,
    Save,
    // The log.
    LogTitle,
    LogHelp,
    NothingLogged,
    // A buyer's page.
    BuyerPolicy,
    PortfolioPolicy,
    PortfolioPolicyCopy,
    Lift,
}

impl Texts for D {
    fn en(self) -> &'static str {
        match self {
            D::Title => "Dunning",
            D::TabToday => "Today's work",
            D::TabSettings => "Policy, interest and letterhead",
            D::Sections => "Dunning sections",
            D::NoPortfolio => "Open a portfolio or load the demo to see its dunning plan.",
            D::PlanTitle => "Plan for the report date",
            D::PlanHelp => "One communication per buyer per step, at the highest step any of its open invoices reached; steps already done are not repeated; disputed invoices are paused.",
            D::Action => "Action",
            D::All => "All",
            D::Buyer => "Buyer",
            D::Step => "Step",
            D::Invoices => "Invoices",
            D::Invoice => "Invoice",
            D::Open => "Open",
            D::Interest => "Interest",
            D::Compensation => "Compensation",
            D::Next => "Next",
            D::Letter => "Letter",
            D::ExportPlanCsv => "Export plan (CSV)",
            D::LettersText => "Letters (text)",
            D::LettersHtml => "Letters (HTML)",
            D::Channel => "Channel",
            D::StepsChannel => "The step's",
            D::Note => "Note",
            D::LogUnreadable => "The stored action log could not be read (saved by a newer version of the app?), so nothing was written: what it holds is kept as it is.",
            D::ScheduledNext => "Scheduled next",
            D::PausedDisputed => "Paused: disputed",
            D::Date => "Date",
            D::Since => "Since",
            D::Reason => "Reason",
            D::Language => "Language",
            D::English => "English",
            D::Chinese => "中文",
            D::Print => "Print",
            D::Copy => "Copy",
            D::DownloadText => "Download text",
            D::DownloadHtml => "Download HTML",
            D::Close => "Close",
            D::EditsThisLetterOnly => "Edits here are for this letter only.",
            D::PolicyTitle => "Dunning policy",
            D::Name => "Name",
            D::StartFromPreset => "Start from a preset",
            D::OffsetDays => "Offset (days)",
            D::Also => "Also",
            D::StopDeliveries => "stop deliveries",
            D::Templates => "Templates",
            D::Remove => "Remove",
            D::AddStep => "Add a step",
            D::SavePolicy => "Save policy",
            D::InterestTitle => "Late interest and letterhead",
            D::InterestHelp => "Simple interest, actual/365, from the day after the due date, on what is open each day. EU: reference rate + 8 points and €40 per invoice; Germany: base rate + 9; France: reference rate + 10; UK: base rate + 8 and £40/£70/£100; China: the contract's rate, or 0.05 % a day under the SME payment regulations; contract: your rate. Reference rates are typed in with the date they apply from (there is no network).",
            D::NoRate => "No rate entered for this regime yet: the plan and the letters charge no late interest until you enter one below.",
            D::Regime => "Regime",
            D::ContractRate => "Contract rate (% a year)",
            D::ChinaDaily => "China: 0.05 % a day where no rate was agreed",
            D::ChargeCompensation => "Charge the fixed compensation",
            D::ReferenceRates => "Reference or base rates",
            D::AddRate => "Add a rate",
            D::Letterhead => "Letterhead",
            D::Company => "Company",
            D::Address => "Address",
            D::Contact => "Contact",
            D::BankDetails => "Bank details",
            D::DaysToPay => "Days to pay",
            D::Save => "Save",
            D::LogTitle => "Action log",
            D::LogHelp => "What was sent or done, when, at which step, for which invoices. Kept with the portfolio and in its backup.",
            D::NothingLogged => "Nothing logged yet.",
            D::BuyerPolicy => "Policy for this buyer",
            D::PortfolioPolicy => "The portfolio's",
            D::PortfolioPolicyCopy => "A copy of the portfolio's, kept for this buyer",
            D::Lift => "Lift",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            D::Title => "催收",
            D::TabToday => "今日工作",
            D::TabSettings => "政策、利息与抬头",
            D::Sections => "催收分区",
            D::NoPortfolio => "请打开组合或加载演示数据以查看催收计划。",
            D::PlanTitle => "报告日的催收计划",
            D::PlanHelp => "每个买方每一步只发一次，按其未结发票达到的最高步骤；已完成的步骤不再重复；争议发票暂停。",
            D::Action => "动作",
            D::All => "全部",
            D::Buyer => "买方",
            D::Step => "步骤",
            D::Invoices => "发票",
            D::Invoice => "发票",
            D::Open => "未结",
            D::Interest => "利息",
            D::Compensation => "补偿金",
            D::Next => "下一步",
            D::Letter => "函件",
            D::ExportPlanCsv => "导出计划（CSV）",
            D::LettersText => "函件（文本）",
            D::LettersHtml => "函件（HTML）",
            D::Channel => "渠道",
            D::StepsChannel => "按步骤",
            D::Note => "备注",
            D::LogUnreadable => "无法读取已存储的催收记录（可能由更新版本的应用保存），因此未写入任何内容：原有记录保持不变。",
            D::ScheduledNext => "后续安排",
            D::PausedDisputed => "暂停：争议中",
            D::Date => "日期",
            D::Since => "起始",
            D::Reason => "原因",
            D::Language => "语言",
            D::English => "英文",
            D::Chinese => "中文",
            D::Print => "打印",
            D::Copy => "复制",
            D::DownloadText => "下载文本",
            D::DownloadHtml => "下载 HTML",
            D::Close => "关闭",
            D::EditsThisLetterOnly => "此处修改仅对本函件有效。",
            D::PolicyTitle => "催收政策",
            D::Name => "名称",
            D::StartFromPreset => "从预设开始",
            D::OffsetDays => "偏移（天）",
            D::Also => "同时",
            D::StopDeliveries => "停止发货",
            D::Templates => "模板",
            D::Remove => "删除",
            D::AddStep => "添加步骤",
            D::SavePolicy => "保存政策",
            D::InterestTitle => "逾期利息与函件抬头",
            D::InterestHelp => "单利，实际天数/365，自到期次日起按每日未结金额计。欧盟：参考利率 + 8 个百分点，每张发票 40 欧元；德国：基准利率 + 9；法国：参考利率 + 10；英国：基准利率 + 8，固定补偿 40/70/100 英镑；中国：合同约定利率，或按《保障中小企业款项支付条例》每日万分之五；合同：自定利率。参考利率需手动输入并注明生效日期（无网络）。",
            D::NoRate => "尚未为该规则录入利率：在下方录入之前，催收计划与函件不计逾期利息。",
            D::Regime => "适用规则",
            D::ContractRate => "合同利率（年 %）",
            D::ChinaDaily => "中国：未约定利率时按每日万分之五",
            D::ChargeCompensation => "收取固定补偿金",
            D::ReferenceRates => "参考/基准利率",
            D::AddRate => "添加利率",
            D::Letterhead => "函件抬头",
            D::Company => "公司名称",
            D::Address => "地址",
            D::Contact => "联系人",
            D::BankDetails => "银行账户",
            D::DaysToPay => "付款期限（天）",
            D::Save => "保存",
            D::LogTitle => "催收记录",
            D::LogHelp => "发送或执行了什么、何时、哪一步、涉及哪些发票。随组合及其备份保存。",
            D::NothingLogged => "尚无记录。",
            D::BuyerPolicy => "该买方的催收政策",
            D::PortfolioPolicy => "沿用组合政策",
            D::PortfolioPolicyCopy => "组合政策副本（单独保存）",
            D::Lift => "解除",
        }
    }
}

/// The core's language for the app's: the language of the core's labels
/// (actions, channels, presets, regimes), letters and CSV headers.
pub fn core_lang(l: Lang) -> credit_core::dunning::Lang {
    match l {
        Lang::En => credit_core::dunning::Lang::En,
        Lang::Zh => credit_core::dunning::Lang::Zh,
    }
}

/// The value of a letter language in the letter's language menu.
pub fn letter_lang_value(l: Lang) -> &'static str {
    match l {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// The letter language of a value of the letter's language menu (English
/// for anything but `zh`).
pub fn letter_lang_of(value: &str) -> Lang {
    if value == letter_lang_value(Lang::Zh) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// The plan's checkbox for a buyer's step (its accessible name): "Select
/// Acme Ltd, step 2".
pub fn select_step(lang: Lang, buyer: &str, k: usize) -> String {
    let n = k + 1;
    match lang {
        Lang::En => format!("Select {buyer}, step {n}"),
        Lang::Zh => format!("选择 {buyer} 第{n}步"),
    }
}

/// A field of a policy step, by its column (its accessible name):
/// "Action · step 2".
pub fn step_field_label(lang: Lang, column: D, k: usize) -> String {
    let n = k + 1;
    let what = super::text(lang, column);
    match lang {
        Lang::En => format!("{what} · step {n}"),
        Lang::Zh => format!("第{n}步 · {what}"),
    }
}

/// "Step 2 · +30 days · Phone call · Phone": a step of a policy, from 0.
pub fn step_text(lang: Lang, k: usize, s: &Step) -> String {
    let d = core_lang(lang);
    let actions: Vec<&str> = s.actions.iter().map(|a| a.label(d)).collect();
    let channel = s.channel.label(d);
    let n = k + 1;
    let off = s.offset_days;
    match lang {
        Lang::En => format!(
            "Step {n} · {off:+} days · {} · {channel}",
            actions.join(" + ")
        ),
        Lang::Zh => format!("第{n}步 · {off:+}天 · {} · {channel}", actions.join("＋")),
    }
}

/// The plan has no line after the filters.
pub fn nothing_to_send(lang: Lang, as_of: NaiveDate) -> String {
    let d = format::date(as_of, lang);
    match lang {
        Lang::En => format!("Nothing to send as of {d}."),
        Lang::Zh => format!("截至 {d}，无需催收。"),
    }
}

/// A plan line's next step (from 0) and its date.
pub fn next_step(lang: Lang, k: usize, on: NaiveDate) -> String {
    let d = format::date(on, lang);
    let n = k + 1;
    match lang {
        Lang::En => format!("step {n} on {d}"),
        Lang::Zh => format!("第{n}步 {d}"),
    }
}

/// The "mark as done" button for `n` selected lines.
pub fn mark_done(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("Mark {n} as done"),
        Lang::Zh => format!("标记 {n} 项为已完成"),
    }
}

/// `n` lines were marked as done and logged.
pub fn marked_done(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} marked as done and logged."),
        Lang::Zh => format!("已标记完成并记录 {n} 项。"),
    }
}

/// The policy editor's help, with the merge fields templates may use.
pub fn policy_help(lang: Lang, fields: &str) -> String {
    match lang {
        Lang::En => format!("The portfolio's policy; a buyer can have its own (on its page). Offsets are days from the due date, negative before it. Templates may use: {fields}"),
        Lang::Zh => format!("组合的催收政策；单个买方可在其页面另设。偏移为相对到期日的天数，负数表示到期前。模板可用字段：{fields}"),
    }
}

/// A hold made by a dunning step: what it is. Only a step that hands over
/// to legal action makes "in legal"; any other status a hold carries reads
/// as deliveries stopped.
pub fn hold_status(lang: Lang, status: CustomerStatus) -> &'static str {
    match (status, lang) {
        (CustomerStatus::InLegal, Lang::En) => "In legal",
        (CustomerStatus::InLegal, Lang::Zh) => "已转法律程序",
        (CustomerStatus::OnHold | CustomerStatus::Active | CustomerStatus::Closed, Lang::En) => {
            "On hold: deliveries stopped"
        }
        (CustomerStatus::OnHold | CustomerStatus::Active | CustomerStatus::Closed, Lang::Zh) => {
            "暂停：已停止发货"
        }
    }
}

/// Since when a hold holds, and the step (its offset in days) that made it.
pub fn hold_since(lang: Lang, since: NaiveDate, step_offset: i64) -> String {
    let d = format::date(since, lang);
    match lang {
        Lang::En => format!("since {d} (step {step_offset:+} days)"),
        Lang::Zh => format!("自 {d}（{step_offset:+}天步骤）"),
    }
}

/// A bound as the messages write it: a minus sign (−), not a hyphen.
fn bound(x: Decimal) -> String {
    let s = x.normalize().to_string();
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// A problem of the late-interest and letterhead form. The core's enum may
/// gain variants: one this app does not know yet is shown in English.
pub fn settings_error(lang: Lang, e: &SettingsFormError) -> String {
    match (e, lang) {
        (SettingsFormError::RateDate { row, value }, Lang::En) => {
            format!("Reference rate {row}: '{value}' is not a date (YYYY-MM-DD).")
        }
        (SettingsFormError::RateDate { row, value }, Lang::Zh) => {
            format!("参考利率第{row}行：“{value}”不是日期（YYYY-MM-DD）。")
        }
        (
            SettingsFormError::Rate {
                row,
                value,
                above,
                max,
            },
            Lang::En,
        ) => format!(
            "Reference rate {row}: '{value}' is not a rate in percent from {} to {}.",
            bound(*above),
            bound(*max)
        ),
        (
            SettingsFormError::Rate {
                row,
                value,
                above,
                max,
            },
            Lang::Zh,
        ) => format!(
            "参考利率第{row}行：“{value}”不是 {} 到 {} 之间的百分比利率。",
            bound(*above),
            bound(*max)
        ),
        (SettingsFormError::ContractRate { value, above, max }, Lang::En) => format!(
            "Contract rate: '{value}' is not a rate in percent from {} to {}.",
            bound(*above),
            bound(*max)
        ),
        (SettingsFormError::ContractRate { value, above, max }, Lang::Zh) => format!(
            "合同利率：“{value}”不是 {} 到 {} 之间的百分比利率。",
            bound(*above),
            bound(*max)
        ),
        (SettingsFormError::PayWithin { value, max }, Lang::En) => {
            format!("Days to pay: '{value}' is not a number of days from 0 to {max}.")
        }
        (SettingsFormError::PayWithin { value, max }, Lang::Zh) => {
            format!("付款期限：“{value}”不是 0 到 {max} 之间的天数。")
        }
        (e, _) => e.to_string(),
    }
}

/// A problem of the policy editor's rows. The core's enum may gain
/// variants: one this app does not know yet is shown in English.
pub fn step_row_error(lang: Lang, e: &StepRowError) -> String {
    match (e, lang) {
        (StepRowError::OffsetNotWhole { step, value }, Lang::En) => {
            format!("Step {step}: offset '{value}' is not a whole number of days.")
        }
        (StepRowError::OffsetNotWhole { step, value }, Lang::Zh) => {
            format!("第{step}步：偏移“{value}”不是整数天数。")
        }
        (StepRowError::Policy(p), _) => policy_error(lang, p),
        (e, _) => e.to_string(),
    }
}

/// The name of a template's language.
fn template_lang(lang: Lang, of: credit_core::dunning::Lang) -> &'static str {
    match (lang, of) {
        (Lang::En, credit_core::dunning::Lang::En) => "English",
        (Lang::En, credit_core::dunning::Lang::Zh) => "Chinese",
        (Lang::Zh, credit_core::dunning::Lang::En) => "英文",
        (Lang::Zh, credit_core::dunning::Lang::Zh) => "中文",
    }
}

/// A problem of a dunning policy.
pub fn policy_error(lang: Lang, e: &PolicyError) -> String {
    match (e, lang) {
        (PolicyError::NoSteps, Lang::En) => "A policy needs at least one step.".into(),
        (PolicyError::NoSteps, Lang::Zh) => "政策至少需要一个步骤。".into(),
        (PolicyError::NoAction { step }, Lang::En) => format!("Step {step}: choose an action."),
        (PolicyError::NoAction { step }, Lang::Zh) => format!("第{step}步：请选择动作。"),
        (
            PolicyError::NotIncreasing {
                step,
                offset,
                before,
            },
            Lang::En,
        ) => format!("Step {step}: offset {offset} must be after the step before ({before})."),
        (
            PolicyError::NotIncreasing {
                step,
                offset,
                before,
            },
            Lang::Zh,
        ) => format!("第{step}步：偏移 {offset} 必须大于上一步（{before}）。"),
        (PolicyError::OffsetOutOfRange { step, offset }, Lang::En) => {
            format!("Step {step}: offset {offset} must be from −365 to 3650 days.")
        }
        (PolicyError::OffsetOutOfRange { step, offset }, Lang::Zh) => {
            format!("第{step}步：偏移 {offset} 须在 −365 到 3650 天之间。")
        }
        (
            PolicyError::UnknownField {
                step,
                lang: of,
                field,
                position,
            },
            Lang::En,
        ) => format!(
            "Step {step}, {} template, position {position}: unknown field {{{field}}}.",
            template_lang(lang, *of)
        ),
        (
            PolicyError::UnknownField {
                step,
                lang: of,
                field,
                position,
            },
            Lang::Zh,
        ) => format!(
            "第{step}步{}模板第 {position} 个字符：未知字段 {{{field}}}。",
            template_lang(lang, *of)
        ),
        (
            PolicyError::Unclosed {
                step,
                lang: of,
                position,
            },
            Lang::En,
        ) => format!(
            "Step {step}, {} template, position {position}: '{{' is not closed by '}}'.",
            template_lang(lang, *of)
        ),
        (
            PolicyError::Unclosed {
                step,
                lang: of,
                position,
            },
            Lang::Zh,
        ) => format!(
            "第{step}步{}模板第 {position} 个字符：“{{”没有对应的“}}”。",
            template_lang(lang, *of)
        ),
        (PolicyError::Buyer { customer_id, error }, Lang::En) => {
            format!("Buyer {customer_id}: {}", policy_error(lang, error))
        }
        (PolicyError::Buyer { customer_id, error }, Lang::Zh) => {
            format!("买方 {customer_id}：{}", policy_error(lang, error))
        }
    }
}

/// What went wrong in a plan or a letter. A template's problem comes from
/// the core already in the letter's language.
pub fn dunning_error(lang: Lang, e: &DunningError) -> String {
    match (e, lang) {
        (DunningError::Money(m), Lang::En) => format!("Exchange rate: {m}"),
        (DunningError::Money(m), Lang::Zh) => format!("汇率：{m}"),
        (DunningError::NoRate { regime, date }, _) => {
            let r = regime.label(core_lang(lang));
            match (regime.margin().is_some(), lang) {
                (false, Lang::En) => {
                    format!("{r}: no contract rate is set (needed from {date}).")
                }
                (false, Lang::Zh) => format!("{r}：未设定合同利率（自 {date} 起需要）。"),
                (true, Lang::En) => format!("{r}: no reference rate is entered for {date}."),
                (true, Lang::Zh) => format!("{r}：未输入 {date} 适用的参考利率。"),
            }
        }
        (DunningError::Policy(v), _) => v
            .iter()
            .map(|p| policy_error(lang, p))
            .collect::<Vec<_>>()
            .join(" "),
        (DunningError::Template(m), _) => m.clone(),
        (DunningError::NoGbpRate { currency }, Lang::En) => format!(
            "UK fixed sum: the debt is in {currency}; give the value of 1 {currency} in GBP (the £40/£70/£100 go by the debt in sterling)."
        ),
        (DunningError::NoGbpRate { currency }, Lang::Zh) => format!(
            "英国固定补偿金：债务币种为 {currency}，请提供 1 {currency} 折合多少英镑（£40/£70/£100 按英镑金额确定）。"
        ),
    }
}
