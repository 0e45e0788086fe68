//! The cash page's strings in English and Chinese: [`C`] keys (two
//! exhaustive matches) and functions for strings with figures, including
//! the cash rules' errors ([`credit_core::cash::FormError`],
//! [`credit_core::cash::CashError`]) and a missing exchange rate
//! ([`credit_core::money::MoneyError`]).

use credit_core::cash::{CashError, Field, FormError, MAX_INSTALMENTS};
use credit_core::money::MoneyError;
use credit_core::Decimal;

use super::{text, Lang, Texts};

/// A label of the cash page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum C {
    /// The page without a portfolio.
    NoPortfolio,
    /// The page's title.
    Title,
    /// The forecast panel's title.
    ForecastTitle,
    /// How the forecast is made.
    ForecastHelp,
    /// The scenario (label, legend, column).
    Scenario,
    /// No scenario.
    ScenarioNone,
    /// The other-terms scenario.
    ScenarioTerms,
    /// The DSO-target scenario.
    ScenarioDso,
    /// The other-terms scenario's days.
    TermsDays,
    /// The DSO-target scenario's days.
    DsoTargetDays,
    /// Forecast fact: open receivables.
    FactOpen,
    /// Forecast fact: expected in the 13 weeks.
    FactInWeeks,
    /// Forecast fact: expected later.
    FactLater,
    /// Forecast fact: at risk.
    FactAtRisk,
    /// Forecast fact: disputed.
    FactDisputed,
    /// Forecast fact: on payment plans.
    FactOnPlans,
    /// The forecast chart's label.
    ChartLabel,
    /// The chart legend's ledger key.
    Ledger,
    /// Column: the week.
    Week,
    /// Column: the week's dates.
    Dates,
    /// Column: invoices expected.
    Invoices,
    /// Column: expected collections.
    Expected,
    /// The forecast-against-actual panel's title.
    ActualTitle,
    /// The date the forecast was made on.
    MadeOn,
    /// No week of the past forecast has ended.
    NoActuals,
    /// Column: forecast.
    Forecast,
    /// Column: actual.
    Actual,
    /// Column: actual − forecast.
    Difference,
    /// Totals row or column.
    Total,
    /// The payment-plan panel's title.
    PlanTitle,
    /// The plan's buyer.
    PlanBuyer,
    /// No buyer chosen yet.
    Choose,
    /// The plan's balance.
    Balance,
    /// The plan's number of instalments (label, column).
    Instalments,
    /// The plan's frequency.
    Every,
    /// Frequency: every month.
    Monthly,
    /// Frequency: every two weeks.
    Fortnightly,
    /// Frequency: every week.
    Weekly,
    /// The plan's first instalment date.
    FirstInstalment,
    /// The plan's annual interest.
    InterestRate,
    /// Column: an instalment's date.
    Date,
    /// Column: principal.
    Principal,
    /// Column: interest.
    Interest,
    /// Column: amount.
    Amount,
    /// The plan's note (label, column).
    Note,
    /// Save the plan.
    SavePlan,
    /// The saved plans' heading.
    SavedPlans,
    /// No plan saved.
    NoPlans,
    /// Delete a saved plan.
    Delete,
    /// Column: the buyer.
    Buyer,
    /// Column: a plan's state.
    State,
    /// The terms panel's title.
    TermsTitle,
    /// The discount as d/D/N.
    DiscountLabel,
    /// The discount's simple annual cost.
    RateSimple,
    /// The discount's effective annual cost.
    RateEffective,
    /// What the discount's cost means.
    DiscountHelp,
    /// The effect-of-other-terms heading.
    TermsEffectTitle,
    /// Whose terms.
    For,
    /// Every buyer.
    WholePortfolio,
    /// The new terms.
    NewTermsDays,
    /// The current average terms.
    CurrentTerms,
    /// The cash effect of the new terms.
    CashEffect,
    /// The working-capital panel's title.
    WcTitle,
    /// Where the working-capital figures come from.
    WcHelp,
    /// Working capital: inventory.
    WcInventory,
    /// Working capital: trade payables.
    WcPayables,
    /// Working capital: cost of sales.
    WcCostOfSales,
    /// Working capital: cash.
    WcCash,
    /// Working capital: current liabilities.
    WcLiabilities,
    /// Working capital: days of DSO to cut.
    WcCut,
    /// Receivables from the ledger.
    Receivables,
    /// Working capital requirement.
    Wcr,
    /// Cash conversion cycle.
    Ccc,
    /// Cash ratio.
    CashRatio,
    /// A field named in an error: the balance.
    FieldBalance,
    /// A field named in an error: the instalments.
    FieldInstalments,
    /// A field named in an error: the interest.
    FieldInterest,
    /// A field named in an error: the first instalment.
    FieldFirst,
    /// A field named in an error: days.
    FieldDays,
    /// A field named in an error: the new terms.
    FieldNewTerms,
    /// A field named in an error: inventory.
    FieldInventory,
    /// A field named in an error: payables.
    FieldPayables,
    /// A field named in an error: cost of sales.
    FieldCostOfSales,
    /// A field named in an error: cash.
    FieldCash,
    /// A field named in an error: current liabilities.
    FieldLiabilities,
}

impl Texts for C {
    fn en(self) -> &'static str {
        match self {
            C::NoPortfolio => "Open a portfolio or load the demo to forecast its cash.",
            C::Title => "Cash",
            C::ForecastTitle => "Collections forecast, 13 weeks",
            C::ForecastHelp => "Each open invoice is expected on its due date plus its buyer's average payment delay (the portfolio's when the buyer has no history), weighted by 1 − its probability of default; disputed invoices are left out; buyers on a payment plan are expected on their instalments.",
            C::Scenario => "Scenario",
            C::ScenarioNone => "None (the ledger as it is)",
            C::ScenarioTerms => "Other terms for invoices not yet due",
            C::ScenarioDso => "A DSO target",
            C::TermsDays => "Terms (days)",
            C::DsoTargetDays => "DSO target (days)",
            C::FactOpen => "Open receivables",
            C::FactInWeeks => "Expected in 13 weeks",
            C::FactLater => "Expected later",
            C::FactAtRisk => "At risk (PD-weighted)",
            C::FactDisputed => "Disputed, left out",
            C::FactOnPlans => "On payment plans",
            C::ChartLabel => "Expected collections by week",
            C::Ledger => "Ledger",
            C::Week => "Week",
            C::Dates => "Dates",
            C::Invoices => "Invoices",
            C::Expected => "Expected",
            C::ActualTitle => "Forecast against actual",
            C::MadeOn => "Forecast made on",
            C::NoActuals => "No week of that forecast has ended yet.",
            C::Forecast => "Forecast",
            C::Actual => "Actual",
            C::Difference => "Difference",
            C::Total => "Total",
            C::PlanTitle => "Payment plan for an overdue balance",
            C::PlanBuyer => "Buyer (overdue balance)",
            C::Choose => "Choose…",
            C::Balance => "Balance",
            C::Instalments => "Instalments",
            C::Every => "Every",
            C::Monthly => "Month",
            C::Fortnightly => "Two weeks",
            C::Weekly => "Week",
            C::FirstInstalment => "First instalment",
            C::InterestRate => "Interest (% a year)",
            C::Date => "Date",
            C::Principal => "Principal",
            C::Interest => "Interest",
            C::Amount => "Amount",
            C::Note => "Note",
            C::SavePlan => "Save the plan to the buyer",
            C::SavedPlans => "Saved plans",
            C::NoPlans => "No payment plan saved.",
            C::Delete => "Delete",
            C::Buyer => "Buyer",
            C::State => "State",
            C::TermsTitle => "Terms",
            C::DiscountLabel => "Early-payment discount (d/D/N)",
            C::RateSimple => "Simple annual rate",
            C::RateEffective => "Effective annual rate",
            C::DiscountHelp => "What a buyer pays, in a year's terms, for skipping the discount: if it can borrow for less, it should take the discount.",
            C::TermsEffectTitle => "Effect of other terms",
            C::For => "For",
            C::WholePortfolio => "The whole portfolio",
            C::NewTermsDays => "New terms (days)",
            C::CurrentTerms => "Current terms (average)",
            C::CashEffect => "Cash effect",
            C::WcTitle => "Working capital",
            C::WcHelp => "Receivables and credit sales come from the ledger (the KPI period); type in what the ledger does not know. Kept with the portfolio.",
            C::WcInventory => "Inventory",
            C::WcPayables => "Trade payables",
            C::WcCostOfSales => "Cost of sales (same period)",
            C::WcCash => "Cash",
            C::WcLiabilities => "Current liabilities",
            C::WcCut => "Cut DSO by (days)",
            C::Receivables => "Receivables (ledger)",
            C::Wcr => "Working capital requirement",
            C::Ccc => "Cash conversion cycle",
            C::CashRatio => "Cash ratio",
            C::FieldBalance => "Balance",
            C::FieldInstalments => "Instalments",
            C::FieldInterest => "Interest",
            C::FieldFirst => "First instalment",
            C::FieldDays => "Days",
            C::FieldNewTerms => "New terms",
            C::FieldInventory => "Inventory",
            C::FieldPayables => "Payables",
            C::FieldCostOfSales => "Cost of sales",
            C::FieldCash => "Cash",
            C::FieldLiabilities => "Current liabilities",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            C::NoPortfolio => "请打开组合或加载演示数据以预测现金。",
            C::Title => "现金",
            C::ForecastTitle => "13周回款预测",
            C::ForecastHelp => "每张未结发票的预计回款日 = 到期日 + 该买方平均付款延迟（无历史时取组合平均），金额按 (1 − 违约概率) 加权；争议发票不计入；有还款计划的买方按分期日期计入。",
            C::Scenario => "情景",
            C::ScenarioNone => "无（按账簿）",
            C::ScenarioTerms => "未到期发票改用其他账期",
            C::ScenarioDso => "DSO 目标",
            C::TermsDays => "账期（天）",
            C::DsoTargetDays => "DSO 目标（天）",
            C::FactOpen => "未结应收",
            C::FactInWeeks => "13周内预计回款",
            C::FactLater => "更晚回款",
            C::FactAtRisk => "违约风险（按PD）",
            C::FactDisputed => "争议（不计入）",
            C::FactOnPlans => "还款计划内",
            C::ChartLabel => "每周预计回款",
            C::Ledger => "账簿",
            C::Week => "周",
            C::Dates => "日期",
            C::Invoices => "发票数",
            C::Expected => "预计回款",
            C::ActualTitle => "预测与实际对比",
            C::MadeOn => "预测日期",
            C::NoActuals => "该预测尚无已结束的周。",
            C::Forecast => "预测",
            C::Actual => "实际",
            C::Difference => "差额",
            C::Total => "合计",
            C::PlanTitle => "逾期余额还款计划",
            C::PlanBuyer => "买方（逾期余额）",
            C::Choose => "请选择…",
            C::Balance => "余额",
            C::Instalments => "期数",
            C::Every => "频率",
            C::Monthly => "每月",
            C::Fortnightly => "每两周",
            C::Weekly => "每周",
            C::FirstInstalment => "首期日期",
            C::InterestRate => "年利率（%）",
            C::Date => "日期",
            C::Principal => "本金",
            C::Interest => "利息",
            C::Amount => "金额",
            C::Note => "备注",
            C::SavePlan => "保存还款计划至该买方",
            C::SavedPlans => "已保存的计划",
            C::NoPlans => "尚未保存还款计划。",
            C::Delete => "删除",
            C::Buyer => "买方",
            C::State => "状态",
            C::TermsTitle => "账期",
            C::DiscountLabel => "现金折扣（折扣%/天数/净账期）",
            C::RateSimple => "单利年化成本",
            C::RateEffective => "复利年化成本",
            C::DiscountHelp => "买方放弃折扣所付出的年化代价：若其融资成本更低，就应享受折扣。",
            C::TermsEffectTitle => "调整账期的影响",
            C::For => "对象",
            C::WholePortfolio => "整个组合",
            C::NewTermsDays => "新账期（天）",
            C::CurrentTerms => "当前账期（平均）",
            C::CashEffect => "现金影响",
            C::WcTitle => "营运资金",
            C::WcHelp => "应收账款与赊销额取自账簿（KPI 期间）；请填写账簿之外的数据。随组合保存。",
            C::WcInventory => "存货",
            C::WcPayables => "应付账款",
            C::WcCostOfSales => "销售成本（同期）",
            C::WcCash => "现金",
            C::WcLiabilities => "流动负债",
            C::WcCut => "DSO 缩短（天）",
            C::Receivables => "应收账款（账簿）",
            C::Wcr => "营运资金需求",
            C::Ccc => "现金转换周期",
            C::CashRatio => "现金比率",
            C::FieldBalance => "余额",
            C::FieldInstalments => "期数",
            C::FieldInterest => "利率",
            C::FieldFirst => "首期日期",
            C::FieldDays => "天数",
            C::FieldNewTerms => "新账期",
            C::FieldInventory => "存货",
            C::FieldPayables => "应付账款",
            C::FieldCostOfSales => "销售成本",
            C::FieldCash => "现金",
            C::FieldLiabilities => "流动负债",
        }
    }
}
/// The name of a form field in an error message.
pub fn field(lang: Lang, f: Field) -> &'static str {
    let k = match f {
        Field::Balance => C::FieldBalance,
        Field::Instalments => C::FieldInstalments,
        Field::Interest => C::FieldInterest,
        Field::FirstInstalment => C::FieldFirst,
        Field::ScenarioDays | Field::CutDays => C::FieldDays,
        Field::NewTerms => C::FieldNewTerms,
        Field::Inventory => C::FieldInventory,
        Field::Payables => C::FieldPayables,
        Field::CostOfSales => C::FieldCostOfSales,
        Field::Cash => C::FieldCash,
        Field::CurrentLiabilities => C::FieldLiabilities,
    };
    text(lang, k)
}

/// A field of a cash form that cannot be read: which, what was typed and
/// why.
pub fn form_error(lang: Lang, e: &FormError) -> String {
    let name = field(lang, e.field());
    match (e, lang) {
        (FormError::NotAmount { value, .. }, Lang::En) => {
            format!("{name}: '{value}' is not an amount.")
        }
        (FormError::NotAmount { value, .. }, Lang::Zh) => format!("{name}：“{value}”不是金额。"),
        (FormError::NotPercent { value, .. }, Lang::En) => {
            format!("{name}: '{value}' is not a percentage.")
        }
        (FormError::NotPercent { value, .. }, Lang::Zh) => {
            format!("{name}：“{value}”不是百分比。")
        }
        (
            FormError::CountOutOfRange {
                value, min, max, ..
            },
            Lang::En,
        ) => {
            format!("{name}: '{value}' is not a number from {min} to {max}.")
        }
        (
            FormError::CountOutOfRange {
                value, min, max, ..
            },
            Lang::Zh,
        ) => {
            format!("{name}：“{value}”不是 {min} 到 {max} 之间的整数。")
        }
        (FormError::DaysOutOfRange { value, max, .. }, Lang::En) => {
            format!("{name}: '{value}' is not a number of days from 0 to {max}.")
        }
        (FormError::DaysOutOfRange { value, max, .. }, Lang::Zh) => {
            format!("{name}：“{value}”不是 0 到 {max} 之间的天数。")
        }
        (
            FormError::NotADate {
                value, earliest, ..
            }
            | FormError::DateTooEarly {
                value, earliest, ..
            },
            Lang::En,
        ) => format!("{name}: '{value}' must be a date on or after {earliest}."),
        (
            FormError::NotADate {
                value, earliest, ..
            }
            | FormError::DateTooEarly {
                value, earliest, ..
            },
            Lang::Zh,
        ) => format!("{name}：“{value}”须为 {earliest} 或之后的日期。"),
        // `FormError` is `#[non_exhaustive]`: a variant added in the core
        // shows its English text until it is given its own here.
        (other, _) => other.to_string(),
    }
}

/// A discount or a payment plan the rules refuse.
pub fn cash_error(lang: Lang, e: &CashError) -> String {
    match (e, lang) {
        (CashError::BadDiscount { text }, Lang::En) => format!("'{text}' is not a discount: write it as 2/10/30 or 2/10 net 30 (discount %, discount days, net days)"),
        (CashError::BadDiscount { text }, Lang::Zh) => format!("“{text}”不是折扣：请写作 2/10/30 或 2/10 net 30（折扣%/折扣天数/净账期）"),
        (CashError::NetNotAfterDiscount { discount, net }, Lang::En) => format!("the net days ({net}) must be more than the discount days ({discount})"),
        (CashError::NetNotAfterDiscount { discount, net }, Lang::Zh) => format!("净账期（{net} 天）须长于折扣天数（{discount} 天）"),
        (CashError::RateOutOfRange { percent }, Lang::En) => format!("the discount {percent} % must be more than 0 and less than 100"),
        (CashError::RateOutOfRange { percent }, Lang::Zh) => format!("折扣 {percent} % 须大于 0 且小于 100"),
        (CashError::NoInstalments, Lang::En) => "a plan needs at least one instalment".into(),
        (CashError::NoInstalments, Lang::Zh) => "还款计划至少需要一期".into(),
        (CashError::TooManyInstalments { n }, Lang::En) => format!("{n} instalments: at most {MAX_INSTALMENTS}"),
        (CashError::TooManyInstalments { n }, Lang::Zh) => format!("{n} 期：最多 {MAX_INSTALMENTS} 期"),
        (CashError::NegativeBalance { balance }, Lang::En) => format!("the balance {balance} must not be negative"),
        (CashError::NegativeBalance { balance }, Lang::Zh) => format!("余额 {balance} 不能为负"),
        (CashError::NegativeRate { rate }, Lang::En) => format!("the interest rate {rate} must not be negative"),
        (CashError::NegativeRate { rate }, Lang::Zh) => format!("利率 {rate} 不能为负"),
        (CashError::FirstBeforeStart { first, start }, Lang::En) => format!("the first instalment ({first}) is before the plan is agreed ({start})"),
        (CashError::FirstBeforeStart { first, start }, Lang::Zh) => format!("首期日期（{first}）早于计划约定日（{start}）"),
        (CashError::DateOverflow, Lang::En) => "the instalment dates run past the calendar".into(),
        (CashError::DateOverflow, Lang::Zh) => "分期日期超出日历范围".into(),
        // `CashError` is `#[non_exhaustive]`: a variant added in the core
        // shows its English text until it is given its own here.
        (other, _) => other.to_string(),
    }
}

/// The discount calculator's refusal of what was typed.
pub fn discount_error(lang: Lang, typed: &str, e: &CashError) -> String {
    match (e, lang) {
        (CashError::BadDiscount { .. }, Lang::Zh) => {
            format!("“{typed}”：无法识别，请写作 2/10/30（折扣%/折扣天数/净账期）。")
        }
        (_, Lang::En) => format!("'{typed}': {}", cash_error(lang, e)),
        (_, Lang::Zh) => format!("“{typed}”：{}", cash_error(lang, e)),
    }
}

/// A report refused for want of an exchange rate (or another money error):
/// the same words as the other reports, `MoneyError`'s own in English.
pub fn money_error(lang: Lang, e: &MoneyError) -> String {
    match (e, lang) {
        (MoneyError::NoRate { currency, date }, Lang::En) => {
            format!("no exchange rate for {currency} dated on or before {date}")
        }
        (MoneyError::NoRate { currency, date }, Lang::Zh) => {
            format!("尚无汇率：{currency}（{date} 或之前）")
        }
        (
            MoneyError::InvalidRate {
                currency,
                date,
                rate,
            },
            Lang::Zh,
        ) => {
            format!("{currency} 于 {date} 的汇率 {rate} 须大于零")
        }
        (MoneyError::CurrencyMismatch { left, right }, Lang::Zh) => {
            format!("没有汇率，无法合并 {left} 与 {right}")
        }
        (MoneyError::InvalidCurrency { value }, Lang::Zh) => {
            format!("“{value}”不是 ISO 4217 币种代码（三个字母，例如 CNY）")
        }
        // English: `MoneyError`'s own text, as every report shows it; and
        // `MoneyError` is `#[non_exhaustive]`.
        (other, _) => other.to_string(),
    }
}

/// A plan was saved for a buyer.
pub fn plan_saved(lang: Lang, id: &str) -> String {
    match lang {
        Lang::En => format!("Saved: {id}'s invoices are now expected on the instalments."),
        Lang::Zh => format!("已保存：{id} 的发票将按分期日期预计回款。"),
    }
}

/// A plan on track: what was paid, and the next instalment (amount and
/// date, formatted) if any is left.
pub fn plan_on_track(lang: Lang, paid: &str, next: Option<(String, String)>) -> String {
    match lang {
        Lang::En => format!(
            "On track · paid {paid}{}",
            next.map(|(a, d)| format!(" · next {a} on {d}"))
                .unwrap_or_default()
        ),
        Lang::Zh => format!(
            "按计划 · 已付 {paid}{}",
            next.map(|(a, d)| format!(" · 下期 {a} 于 {d}"))
                .unwrap_or_default()
        ),
    }
}

/// A plan missed: which instalment, its date, the shortfall and the rest
/// now due (formatted).
pub fn plan_missed(lang: Lang, instalment: u32, due: &str, shortfall: &str, rest: &str) -> String {
    match lang {
        Lang::En => format!("Instalment {instalment} of {due} missed (short {shortfall}): the rest, {rest}, is due now and dunning resumes"),
        Lang::Zh => format!("第 {instalment} 期（{due}）未付（差 {shortfall}）：余款 {rest} 立即到期，恢复催收"),
    }
}

/// A plan paid in full.
pub fn plan_completed(lang: Lang, paid: &str) -> String {
    match lang {
        Lang::En => format!("Completed · paid {paid}"),
        Lang::Zh => format!("已完成 · 已付 {paid}"),
    }
}

/// Cash freed by other terms (the amount formatted).
pub fn cash_freed(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::En => format!("{amount} of cash freed"),
        Lang::Zh => format!("释放现金 {amount}"),
    }
}

/// More cash tied up in receivables by other terms (formatted).
pub fn more_tied_up(lang: Lang, amount: &str) -> String {
    match lang {
        Lang::En => format!("{amount} more tied up in receivables"),
        Lang::Zh => format!("应收多占用资金 {amount}"),
    }
}

/// The label of the cash freed by cutting DSO by some days.
pub fn freed_by_cutting(lang: Lang, days: Decimal) -> String {
    let days = days.normalize();
    match lang {
        Lang::En => format!("Cash freed by cutting DSO {days} days"),
        Lang::Zh => format!("DSO 缩短 {days} 天释放现金"),
    }
}
