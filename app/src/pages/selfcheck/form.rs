//! The answers as typed and their parsing.

use super::*;

/// The answers as typed: text until they parse.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) currency: RwSignal<String>,
    pub(super) turnover: RwSignal<String>,
    pub(super) credit: RwSignal<String>,
    pub(super) industry: RwSignal<String>,
    pub(super) terms: RwSignal<String>,
    pub(super) buyers: RwSignal<String>,
    pub(super) largest: RwSignal<String>,
    pub(super) export: RwSignal<String>,
    pub(super) new_markets: RwSignal<String>,
    pub(super) bad_debts: RwSignal<String>,
}

pub(super) fn pct_text(f: Decimal) -> String {
    (f * Decimal::ONE_HUNDRED).normalize().to_string()
}

/// A number as people type it: thousands separators and spaces allowed.
pub(super) fn number(s: &str) -> Option<Decimal> {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '\u{a0}' | '，'))
        .collect();
    t.parse().ok()
}

impl Form {
    pub(super) fn new(a: &SelfCheckInput) -> Self {
        let f = Form {
            currency: RwSignal::new(String::new()),
            turnover: RwSignal::new(String::new()),
            credit: RwSignal::new(String::new()),
            industry: RwSignal::new(String::new()),
            terms: RwSignal::new(String::new()),
            buyers: RwSignal::new(String::new()),
            largest: RwSignal::new(String::new()),
            export: RwSignal::new(String::new()),
            new_markets: RwSignal::new(String::new()),
            bad_debts: RwSignal::new(String::new()),
        };
        f.fill(a);
        f
    }

    pub(super) fn fill(&self, a: &SelfCheckInput) {
        self.currency.set(a.currency.code().to_string());
        self.turnover.set(a.annual_turnover.normalize().to_string());
        self.credit.set(pct_text(a.credit_share));
        self.industry.set(a.industry.code().to_string());
        self.terms.set(a.terms_days.to_string());
        self.buyers.set(a.buyers.to_string());
        self.largest.set(pct_text(a.largest_buyer_share));
        self.export.set(pct_text(a.export_share));
        self.new_markets
            .set(if a.new_markets { "1" } else { "0" }.to_string());
        self.bad_debts.set(a.bad_debts_3y.normalize().to_string());
    }

    /// The answers, or the first field that does not parse or validate.
    pub(super) fn answers(&self) -> Result<SelfCheckInput, Field> {
        let dec = |s: RwSignal<String>, f: Field| s.with(|t| number(t)).ok_or(f);
        let frac = |s: RwSignal<String>, f: Field| dec(s, f).map(|p| p / Decimal::ONE_HUNDRED);
        let int = |s: RwSignal<String>, f: Field| s.with(|t| t.trim().parse::<u32>().ok()).ok_or(f);
        let a = SelfCheckInput {
            currency: self
                .currency
                .with(|c| Currency::new(c).ok())
                .unwrap_or(Currency::CNY),
            annual_turnover: dec(self.turnover, Field::AnnualTurnover)?,
            credit_share: frac(self.credit, Field::CreditShare)?,
            terms_days: int(self.terms, Field::TermsDays)?,
            buyers: int(self.buyers, Field::Buyers)?,
            largest_buyer_share: frac(self.largest, Field::LargestBuyerShare)?,
            export_share: frac(self.export, Field::ExportShare)?,
            new_markets: self.new_markets.with(|v| v == "1"),
            bad_debts_3y: dec(self.bad_debts, Field::BadDebts)?,
            industry: self
                .industry
                .with(|c| Industry::from_code(c))
                .unwrap_or(Industry::Manufacturing),
        };
        a.validate()
            .map_err(|e| e.field().unwrap_or(Field::AnnualTurnover))?;
        Ok(a)
    }
}

/// The step that asks for a field.
pub(super) fn step_of(f: Field) -> usize {
    match f {
        Field::AnnualTurnover | Field::CreditShare => 0,
        Field::TermsDays | Field::Buyers | Field::LargestBuyerShare => 1,
        Field::ExportShare => 2,
        _ => 3,
    }
}
