//! The strings of the app in English and zh-CN.
//!
//! Every label is a [`K`] key; [`en::text`] and [`zh::text`] are exhaustive
//! matches over it, so a string added in one language and not the other is a
//! compile error — both languages are always complete.

mod en;
mod zh;

use leptos::prelude::*;

/// A language the app speaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// From a stored tag or `navigator.language`: any `zh*` is Chinese.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// The text of a key in a language.
pub fn text(lang: Lang, k: K) -> &'static str {
    match lang {
        Lang::En => en::text(k),
        Lang::Zh => zh::text(k),
    }
}

/// The language handle every component reads.
#[derive(Clone, Copy)]
pub struct I18n {
    /// The chosen language.
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of a key in the current language (reactive).
    pub fn t(&self, k: K) -> &'static str {
        text(self.lang.get(), k)
    }
}

/// The handle from context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Every string of the app.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)]
pub enum K {
    AppName,
    Tagline,
    NavDashboard,
    NavCustomers,
    NavInvoices,
    Language,
    AsOf,
    LoadDemo,
    LoadLargeDemo,
    Loading,
    NoPortfolio,
    NoPortfolioHelp,
    PrivacyNote,
    Portfolio,
    BaseCurrency,
    Ageing,
    AgeingChart,
    Bucket,
    NotYetDue,
    Days,
    Total,
    OfWhichDisputed,
    CreditBalances,
    OpenInvoices,
    Kpis,
    TopBuyers,
    Share,
    Buyer,
    Country,
    Industry,
    Status,
    Search,
    SortBy,
    SortExposure,
    SortOverdue,
    SortName,
    SortId,
    Invoice,
    IssueDate,
    DueDate,
    Currency,
    Gross,
    Open,
    DaysPastDue,
    Disputed,
    Yes,
    No,
    Any,
    AllBuyers,
    StatusNotDue,
    StatusOverdue,
    StatusPaid,
    StatusOverpaid,
    CustActive,
    CustOnHold,
    CustInLegal,
    CustClosed,
    Previous,
    Next,
    PageOf,
    Rows,
    NoRows,
    ShowInvoices,
    ErrorTitle,
    KpiDso,
    KpiDsoHelp,
    KpiCountback,
    KpiCountbackHelp,
    KpiBest,
    KpiBestHelp,
    KpiAdd,
    KpiAddHelp,
    KpiCei,
    KpiCeiHelp,
    KpiDelay,
    KpiDelayHelp,
    KpiOverdue,
    KpiOverdueHelp,
    KpiAtRisk,
    KpiAtRiskHelp,
    KpiTop1,
    KpiTop1Help,
    KpiTop10,
    KpiTop10Help,
    KpiHhi,
    KpiHhiHelp,
    KpiTurnover,
    KpiTurnoverHelp,
    UnitDays,
    UnitTimes,
    UnitNone,
    NotAvailable,
    ClosingAr,
    CreditSales,
    PeriodDays,
    NotFound,
    BackToDashboard,
}
