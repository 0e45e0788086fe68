//! The labels of the core's fields, industries, criteria, measures and verdicts.

use super::*;

pub(super) fn field_label(f: Field) -> K {
    match f {
        Field::AnnualTurnover => K::ScTurnover,
        Field::CreditShare => K::ScCreditShare,
        Field::TermsDays => K::ScTerms,
        Field::Buyers => K::ScBuyers,
        Field::LargestBuyerShare => K::ScLargest,
        Field::ExportShare => K::ScExport,
        Field::BadDebts => K::ScBadDebts,
    }
}

pub(super) fn industry_label(i: Industry) -> K {
    match i {
        Industry::Manufacturing => K::IndManufacturing,
        Industry::Wholesale => K::IndWholesale,
        Industry::Retail => K::IndRetail,
        Industry::Construction => K::IndConstruction,
        Industry::Services => K::IndServices,
        Industry::Transport => K::IndTransport,
        Industry::Agriculture => K::IndAgriculture,
        Industry::Technology => K::IndTechnology,
    }
}

pub(super) fn criterion_label(c: Criterion) -> (K, &'static str) {
    match c {
        Criterion::LargeConcentrated => (K::CritLargeConcentrated, "large-concentrated"),
        Criterion::ExportMarkets => (K::CritExport, "export"),
        Criterion::NewMarkets => (K::CritNewMarkets, "new-markets"),
        Criterion::LongTerms => (K::CritLongTerms, "long-terms"),
        Criterion::PastBadDebts => (K::CritBadDebts, "bad-debts"),
    }
}

pub(super) fn measure_label(m: Measure) -> (K, &'static str) {
    match m {
        Measure::InsureReceivables => (K::MeasureInsure, "insure"),
        Measure::LimitLargestBuyer => (K::MeasureLimitLargest, "limit-largest"),
        Measure::CheckNewBuyers => (K::MeasureCheckNew, "check-new"),
        Measure::DunningBeforeDue => (K::MeasureDunning, "dunning"),
        Measure::ShortenTerms => (K::MeasureShortenTerms, "shorten-terms"),
        Measure::SetCreditLimits => (K::MeasureLimits, "limits"),
    }
}

pub(super) fn verdict_label(v: Verdict) -> (K, K, &'static str) {
    match v {
        Verdict::Recommended => (
            K::VerdictRecommended,
            K::VerdictRecommendedText,
            "recommended",
        ),
        Verdict::WorthConsidering => (K::VerdictWorth, K::VerdictWorthText, "worth-considering"),
        Verdict::NotNeededNow => (K::VerdictNotNeeded, K::VerdictNotNeededText, "not-needed"),
    }
}

/// An estimate in whole units with its currency: `CNY 17,260`.
pub(super) fn estimate(d: Decimal, c: Currency, lang: Lang) -> String {
    format!("{} {}", c.code(), format::whole(Some(d), lang))
}
