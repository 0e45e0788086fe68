//! The strings of the app in English and zh-CN.
//!
//! Every label is a [`K`] key; [`en::text`] and [`zh::text`] are exhaustive
//! matches over it, so a string added in one language and not the other is a
//! compile error — both languages are always complete.

mod en;
mod zh;

pub mod alerts;
pub mod assessment;
pub mod cash;
pub mod dunning;
pub mod import;
pub mod insurance;
pub mod messages;
pub mod reports;
pub mod shell;

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

    /// The words the demo portfolio is generated in.
    pub fn demo_language(self) -> credit_core::demo::DemoLanguage {
        match self {
            Lang::En => credit_core::demo::DemoLanguage::English,
            Lang::Zh => credit_core::demo::DemoLanguage::Chinese,
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

/// The language of a name (a buyer's) when it is not the page's, for its
/// element's `lang` attribute, so a screen reader reads it in the right
/// voice: a name in Chinese characters on an English page is `zh`; a name
/// without them on a Chinese page is in the language of its country
/// (`de`, `fr`, `it`, `nl`, `es`, `pt`), else `en`. `None` when the name is
/// in the page's language (or empty).
pub fn name_lang(name: &str, country: &str, page: Lang) -> Option<&'static str> {
    let han = name
        .chars()
        .any(|c| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'));
    match page {
        Lang::En if han => Some("zh"),
        Lang::Zh if !han && name.chars().any(char::is_alphabetic) => {
            Some(match country.to_ascii_uppercase().as_str() {
                "DE" | "AT" => "de",
                "FR" => "fr",
                "IT" => "it",
                "NL" => "nl",
                "ES" => "es",
                "PT" => "pt",
                _ => "en",
            })
        }
        _ => None,
    }
}

/// A set of keys, each with an English and a Chinese text.
///
/// [`K`] holds the shell's and the shared pages' labels; each area of the
/// app (alerts, cash, dunning, import, insurance) has its own key enum in
/// `i18n/<area>.rs`, with its two languages as two exhaustive matches side
/// by side, so a label added in one language and not the other does not
/// compile. Strings with figures in them are functions of the same files
/// that match on [`Lang`]. No string is chosen by language anywhere else
/// (`scripts/arch-check.py` checks this in the test command).
pub trait Texts: Copy {
    /// The English text.
    fn en(self) -> &'static str;
    /// The Chinese text.
    fn zh(self) -> &'static str;
}

impl Texts for K {
    fn en(self) -> &'static str {
        en::text(self)
    }
    fn zh(self) -> &'static str {
        zh::text(self)
    }
}

/// The text of a key in a language.
pub fn text<T: Texts>(lang: Lang, k: T) -> &'static str {
    match lang {
        Lang::En => k.en(),
        Lang::Zh => k.zh(),
    }
}

/// A count with its noun in English: "1 invoice", "3 invoices" (Chinese
/// has no plural; its strings write the measure word themselves).
pub fn en_count(n: i128, one: &str, many: &str) -> String {
    if n == 1 || n == -1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
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
    StatusCredit,
    OpenCredits,
    CreditsColumn,
    NotYetIssued,
    CreditPlacement,
    CreditsByDate,
    CreditsInColumn,
    CreditsOldestFirst,
    NetCredit,
    DocKindCol,
    DocInvoice,
    DocCreditNote,
    DocDebitNote,
    DocPayment,
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
    OpenMostOverdue,
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
    // Self-check (issue 9).
    NavSelfCheck,
    ScTitle,
    ScIntro,
    ScStepA,
    ScStepB,
    ScStepC,
    ScStepSales,
    ScStepBuyers,
    ScStepMarkets,
    ScStepHistory,
    ScCurrency,
    ScCurrencyHelp,
    ScTurnover,
    ScTurnoverHelp,
    ScCreditShare,
    ScCreditShareHelp,
    ScIndustry,
    ScIndustryHelp,
    ScTerms,
    ScTermsHelp,
    ScBuyers,
    ScBuyersHelp,
    ScLargest,
    ScLargestHelp,
    ScExport,
    ScExportHelp,
    ScNewMarkets,
    ScNewMarketsHelp,
    ScBadDebts,
    ScBadDebtsHelp,
    ScBack,
    ScNext,
    ScSeeResult,
    ScChangeAnswers,
    ScPrint,
    ScInvalid,
    ScResult,
    ScReceivables,
    ScReceivablesHelp,
    ScExpectedLoss,
    ScExpectedLossHelp,
    ScPremium,
    ScPremiumHelp,
    ScLargestLoss,
    ScLargestLossHelp,
    ScChart,
    ScChartLoss,
    ScChartPremium,
    ScChartLargest,
    ScConcentrationA,
    ScConcentrationB,
    ScConcentrationC,
    VerdictRecommended,
    VerdictWorth,
    VerdictNotNeeded,
    VerdictRecommendedText,
    VerdictWorthText,
    VerdictNotNeededText,
    ScBecause,
    CritLargeConcentrated,
    CritExport,
    CritNewMarkets,
    CritLongTerms,
    CritBadDebts,
    ScPremiumAbove,
    ScPremiumBelow,
    ScMeasures,
    MeasureInsure,
    MeasureLimitLargest,
    MeasureCheckNew,
    MeasureDunning,
    MeasureShortenTerms,
    MeasureLimits,
    ScShare,
    ScShareHelp,
    ScOpenLink,
    ScYourAnswers,
    ScBadLink,
    IndManufacturing,
    IndWholesale,
    IndRetail,
    IndConstruction,
    IndServices,
    IndTransport,
    IndAgriculture,
    IndTechnology,
    NavMeeting,
    Print,
    MeetingHelp,
    Company,
    BuyerName,
    CountryCode,
    NewBuyer,
    ErrOutOfRange,
    ErrNegative,
    ErrNotAWholeNumber,
    ErrNotANumber,
    Sales,
    Ebit,
    TotalAssets,
    TotalLiabilities,
    CurrentAssets,
    CurrentLiabilities,
    RetainedEarnings,
    BookEquity,
    NetProfit,
    Cash,
    Intangibles,
    MarketEquity,
    SizeMicro,
    SizeSmall,
    SizeMedium,
    SizeLarge,
    YearsInBusiness,
    UnitYears,
    UnitCount,
    CompanySize,
    Unknown,
    CourtCases,
    EnforcementRecords,
    IndustryRisk,
    CountryRisk,
    RegistrationVerified,
    Listed,
    Manufacturer,
    FAltman,
    FLiquidity,
    FLeverage,
    FProfitability,
    FPaymentDelay,
    FLatePayments,
    FWorstDelay,
    FDelayTrend,
    FYears,
    FSize,
    FRegistration,
    FCourtCases,
    FEnforcement,
    FIndustry,
    FCountry,
    GFinancial,
    GBehaviour,
    GProfile,
    GLegal,
    GCountryIndustry,
    MNetWorth,
    MWorkingCapital,
    MNeeds,
    MTradeRefs,
    MInsured,
    RMedian,
    RGradeFactor,
    RHistoryBonus,
    RHistoryPenalty,
    RInsuredCap,
    RNoCredit,
    RNoMethod,
    RNeed,
    RCapacityOnly,
    TOpenAccount,
    TOpenAccountSecured,
    TPrepaymentOrLc,
    TCashBeforeDelivery,
    SPartPrepayment,
    SInstalments,
    SGuarantee,
    SBankGuarantee,
    SLetterOfCredit,
    SPrepayment,
    SCashBeforeDelivery,
    ZoneDistress,
    ZoneGrey,
    ZoneSafe,
    ModelZ,
    ModelZPrime,
    ModelZDoublePrime,
    Missing,
    Altman,
    CurrentRatio,
    QuickRatio,
    DebtToEquity,
    NetMargin,
    Roa,
    Utilisation,
    OpenExposure,
    CreditLimit,
    NoLimit,
    OverLimitBlocks,
    Grade,
    Pd,
    Confidence,
    RecommendedLimit,
    RecommendedTerms,
    NewBuyerRule,
    NotAssessed,
    NotAssessedWhy,
    Drivers,
    KeyRisks,
    NoMajorRisk,
    LimitMethods,
    Method,
    Median,
    GradeFactor,
    HistoryAdjustment,
    Cap,
    SetBy,
    ReviewDate,
    Explanation,
    Factor,
    Group,
    Score,
    Weight,
    Points,
    NoPayments,
    DelayChart,
    TermsDays,
    InsuredLimit,
    PaymentBehaviour,
    AvgDelay,
    ShareLate,
    WorstDelay,
    Trend,
    NoHistory,
    Assessment,
    Financials,
    ProfileSection,
    LimitSection,
    ExpectedPurchases,
    TradeReferences,
    TradeReferencesHelp,
    InsuredOnly,
    Decision,
    DecidedLimit,
    DecisionNote,
    SaveAssessment,
    Saved,
    SaveFailed,
    History,
    NoDecisions,
    Date,
    // CSV export
    ExportAgeing,
    ExportKpis,
    ExportInvoices,
    ExportFailed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_another_language_says_which() {
        assert_eq!(
            name_lang("苏州恒达精密机械有限公司", "CN", Lang::En),
            Some("zh")
        );
        assert_eq!(name_lang("苏州恒达精密机械有限公司", "CN", Lang::Zh), None);
        assert_eq!(name_lang("Müller Bau GmbH", "DE", Lang::Zh), Some("de"));
        assert_eq!(name_lang("Dupont Chimie SAS", "fr", Lang::Zh), Some("fr"));
        assert_eq!(
            name_lang("Suzhou Hengda Co., Ltd.", "CN", Lang::Zh),
            Some("en")
        );
        assert_eq!(name_lang("Summit Foods Inc", "US", Lang::En), None);
        assert_eq!(name_lang("", "US", Lang::Zh), None);
    }

    #[test]
    fn english_counts_agree_with_their_number() {
        assert_eq!(en_count(1, "day", "days"), "1 day");
        assert_eq!(en_count(0, "day", "days"), "0 days");
        assert_eq!(en_count(2, "day", "days"), "2 days");
        assert_eq!(en_count(-1, "day", "days"), "-1 day");
        assert_eq!(alerts::alert_count(Lang::En, 1), "1 alert");
        assert_eq!(alerts::alert_count(Lang::En, 74), "74 alerts");
        assert_eq!(alerts::alert_count(Lang::Zh, 1), "共 1 条预警");
    }
}
