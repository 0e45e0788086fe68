//! The result of an assessment: grade with its explanation, the limit with
//! each method's figure and the rule that set it, the terms, utilisation.
//! Every figure is the core's; this only lays it out.

use credit_core::assessment::{Assessment, FactorGroup, FactorId, ZModel, Zone};
use credit_core::limit::{blocks_new_credit, utilisation, LimitMethod, LimitRule};
use credit_core::money::Currency;
use credit_core::rating::Recommendation;
use credit_core::terms::{Security, TermsBasis, TermsRecommendation};
use credit_core::Decimal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::shell::S;
use crate::i18n::{text, use_i18n, Lang, K};

/// The label of a scorecard factor.
pub fn factor_key(f: FactorId) -> K {
    match f {
        FactorId::AltmanZ => K::FAltman,
        FactorId::Liquidity => K::FLiquidity,
        FactorId::Leverage => K::FLeverage,
        FactorId::Profitability => K::FProfitability,
        FactorId::PaymentDelay => K::FPaymentDelay,
        FactorId::LatePayments => K::FLatePayments,
        FactorId::WorstDelay => K::FWorstDelay,
        FactorId::DelayTrend => K::FDelayTrend,
        FactorId::YearsInBusiness => K::FYears,
        FactorId::CompanySize => K::FSize,
        FactorId::Registration => K::FRegistration,
        FactorId::CourtCases => K::FCourtCases,
        FactorId::Enforcement => K::FEnforcement,
        FactorId::IndustryRisk => K::FIndustry,
        FactorId::CountryRisk => K::FCountry,
    }
}

fn group_key(g: FactorGroup) -> K {
    match g {
        FactorGroup::Financial => K::GFinancial,
        FactorGroup::Behaviour => K::GBehaviour,
        FactorGroup::Profile => K::GProfile,
        FactorGroup::Legal => K::GLegal,
        FactorGroup::CountryIndustry => K::GCountryIndustry,
    }
}

fn method_key(m: LimitMethod) -> K {
    match m {
        LimitMethod::NetWorth => K::MNetWorth,
        LimitMethod::WorkingCapital => K::MWorkingCapital,
        LimitMethod::Needs => K::MNeeds,
        LimitMethod::TradeReferences => K::MTradeRefs,
        LimitMethod::Insured => K::MInsured,
    }
}

fn rule_key(r: LimitRule) -> K {
    match r {
        LimitRule::Median => K::RMedian,
        LimitRule::GradeFactor => K::RGradeFactor,
        LimitRule::HistoryBonus => K::RHistoryBonus,
        LimitRule::HistoryPenalty => K::RHistoryPenalty,
        LimitRule::InsuredCap => K::RInsuredCap,
        LimitRule::NoCredit => K::RNoCredit,
        LimitRule::NoMethod => K::RNoMethod,
        LimitRule::Need => K::RNeed,
        LimitRule::CapacityOnly => K::RCapacityOnly,
    }
}

fn basis_key(b: TermsBasis) -> K {
    match b {
        TermsBasis::OpenAccount => K::TOpenAccount,
        TermsBasis::OpenAccountWithSecurity => K::TOpenAccountSecured,
        TermsBasis::PrepaymentOrLetterOfCredit => K::TPrepaymentOrLc,
        TermsBasis::CashBeforeDelivery => K::TCashBeforeDelivery,
    }
}

fn security_key(s: Security) -> K {
    match s {
        Security::PartPrepayment => K::SPartPrepayment,
        Security::Instalments => K::SInstalments,
        Security::Guarantee => K::SGuarantee,
        Security::BankGuarantee => K::SBankGuarantee,
        Security::LetterOfCredit => K::SLetterOfCredit,
        Security::Prepayment => K::SPrepayment,
        Security::CashBeforeDelivery => K::SCashBeforeDelivery,
    }
}

fn zone_key(z: Zone) -> K {
    match z {
        Zone::Distress => K::ZoneDistress,
        Zone::Grey => K::ZoneGrey,
        Zone::Safe => K::ZoneSafe,
    }
}

fn model_label(m: ZModel, lang: Lang) -> String {
    match m {
        ZModel::Z => format!("Z ({})", text(lang, K::ModelZ)),
        ZModel::ZPrime => format!("Z′ ({})", text(lang, K::ModelZPrime)),
        ZModel::ZDoublePrime => format!("Z″ ({})", text(lang, K::ModelZDoublePrime)),
    }
}

/// The terms in a sentence: "Open account, up to 90 days".
pub fn terms_text(t: &TermsRecommendation, lang: Lang) -> String {
    let mut s = text(lang, basis_key(t.basis)).to_string();
    if let Some(d) = t.max_days {
        s.push_str(&crate::i18n::shell::up_to_days(lang, d));
    }
    if !t.security.is_empty() {
        let list: Vec<&str> = t
            .security
            .iter()
            .map(|x| text(lang, security_key(*x)))
            .collect();
        s.push_str(&crate::i18n::shell::security_list(lang, &list));
    }
    s
}

/// The key risks: the drivers that pulled the grade down.
pub fn key_risks(a: &Assessment) -> Vec<FactorId> {
    a.drivers
        .iter()
        .copied()
        .filter(|d| {
            a.factors
                .iter()
                .any(|f| f.id == *d && f.impact < Decimal::ZERO)
        })
        .collect()
}

/// Everything the assessment says, for a buyer. A buyer not assessed (no
/// figures and a clean payment history, `credit_core::rating`) shows no
/// grade and no PD, but says so; its limit and terms are at the neutral
/// grade.
#[component]
pub fn AssessmentResult(
    rec: Recommendation,
    currency: Currency,
    /// Open exposure and the current limit, for a buyer of a portfolio.
    #[prop(optional)]
    exposure: Option<(Decimal, Option<Decimal>)>,
) -> impl IntoView {
    let i = use_i18n();
    move || {
        let lang = i.lang.get();
        let (a, limit, terms) = (&rec.assessment, &rec.limit, &rec.terms);
        let t = |k| text(lang, k);
        let grade = a.grade;
        let assessed = rec.assessed;
        let risks = key_risks(a);
        let drivers = a
            .drivers
            .iter()
            .map(|d| {
                let f = a.factors.iter().find(|f| f.id == *d);
                let impact = f.map(|f| f.impact).unwrap_or_default();
                let cls = if impact < Decimal::ZERO {
                    "driver down"
                } else {
                    "driver up"
                };
                let sign = if impact < Decimal::ZERO { "▼" } else { "▲" };
                view! {
                    <li class=cls data-testid="driver">
                        <span>{sign} " " {t(factor_key(*d))}</span>
                        <span class="num muted">{format!("{:+.1}", impact.round_dp(1))}</span>
                    </li>
                }
            })
            .collect_view();
        let factors = a
            .factors
            .iter()
            .map(|f| {
                let score = f.score.map_or_else(
                    || t(K::Missing).to_string(),
                    |s| format!("{:.0}", s.round_dp(0)),
                );
                view! {
                    <tr class:missing=f.score.is_none() data-testid="factor-row">
                        <td>{t(factor_key(f.id))}</td>
                        <td class="muted">{t(group_key(f.id.group()))}</td>
                        <td class="num">{score}</td>
                        <td class="num">{format::percent(Some(f.weight), lang)}</td>
                        <td class="num">{format!("{:.1}", f.points.round_dp(1))}</td>
                    </tr>
                }
            })
            .collect_view();
        let altman = a.altman.as_ref().map(|z| {
            view! {
                <p data-testid="altman">
                    {t(K::Altman)} ": " <strong>{format!("{:.2}", z.score.round_dp(2))}</strong> " · "
                    {model_label(z.model, lang)} " · " {t(zone_key(z.zone))}
                </p>
            }
        });
        let r = &a.ratios;
        let ratio = |v: Option<Decimal>| {
            v.map_or_else(
                || t(K::NotAvailable).to_string(),
                |x| format!("{:.2}", x.round_dp(2)),
            )
        };
        let methods = limit
            .methods
            .iter()
            .map(|m| {
                view! {
                    <tr data-testid="limit-method">
                        <td>{t(method_key(m.method))}</td>
                        <td class="num">{format::amount(m.amount, currency)}</td>
                    </tr>
                }
            })
            .collect_view();
        let median = limit
            .median
            .map(|m| format::amount(m, currency))
            .unwrap_or_else(|| t(K::NotAvailable).to_string());
        let cap = limit.cap.map(|m| format::amount(m, currency));
        let util = exposure.map(|(exp, current)| {
            let (pct, blocked) = match current {
                Some(l) => (utilisation(exp, l), blocks_new_credit(exp, l)),
                None => (None, false),
            };
            let width = pct
                .map(|p| (p * Decimal::ONE_HUNDRED).round_dp(0).min(Decimal::ONE_HUNDRED).max(Decimal::ZERO))
                .unwrap_or_default();
            view! {
                <div class="util" data-testid="utilisation">
                    <div class="util-head">
                        <span>{t(K::Utilisation)}</span>
                        <strong data-testid="utilisation-value">{format::percent(pct, lang)}</strong>
                    </div>
                    <div class="util-bar" class:over=blocked>
                        <div class="util-fill" style:width=format!("{width}%")></div>
                    </div>
                    <p class="muted">
                        {t(K::OpenExposure)} ": " {format::money(exp, currency)} " · " {t(K::CreditLimit)} ": "
                        {current.map(|l| format::money(l, currency)).unwrap_or_else(|| t(K::NoLimit).to_string())}
                    </p>
                    {blocked.then(|| view! { <p class="warn" data-testid="over-limit">{t(K::OverLimitBlocks)}</p> })}
                </div>
            }
        });
        view! {
            <div class="result">
                <div class="result-head">
                    {if assessed {
                        view! {
                            <div class=format!("grade grade-{grade}") data-testid="grade">
                                <span class="grade-label">{t(K::Grade)}</span>
                                <span class="grade-value" data-testid="grade-value">{grade}</span>
                                <span class="grade-scale">"1–10"</span>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <div class="grade grade-na" data-testid="grade">
                                <span class="grade-label">{t(K::Grade)}</span>
                                <span class="grade-value" data-testid="grade-value">"—"</span>
                                <span class="grade-scale" data-testid="not-assessed">{t(K::NotAssessed)}</span>
                            </div>
                        }.into_any()
                    }}
                    <div class="result-facts">
                        {if assessed {
                            view! {
                                <p>
                                    {t(K::Pd)} ": " <strong data-testid="pd">
                                        {format::percent_dp(a.pd.pd_low, 2, lang)} " – " {format::percent_dp(a.pd.pd_high, 2, lang)}
                                    </strong>
                                </p>
                            }.into_any()
                        } else {
                            view! { <p class="warn" data-testid="not-assessed-why">{t(K::NotAssessedWhy)}</p> }.into_any()
                        }}
                        <p>{t(K::Confidence)} ": " <strong data-testid="confidence">{format::percent(Some(a.confidence), lang)}</strong></p>
                        <p>{t(K::RecommendedLimit)} ": " <strong data-testid="recommended-limit">{format::money(limit.recommended, currency)}</strong></p>
                        <p>{t(K::RecommendedTerms)} ": " <strong data-testid="terms">{terms_text(terms, lang)}</strong></p>
                        {terms.new_buyer_rule.then(|| view! { <p class="warn" data-testid="new-buyer-rule">{t(K::NewBuyerRule)}</p> })}
                    </div>
                </div>
                <div class="result-cols">
                    <section>
                        <h3>{t(K::Drivers)}</h3>
                        <ul class="drivers">{drivers}</ul>
                        <h3>{t(K::KeyRisks)}</h3>
                        <ul class="risks" data-testid="key-risks">
                            {if risks.is_empty() {
                                view! { <li>{t(K::NoMajorRisk)}</li> }.into_any()
                            } else {
                                risks.iter().map(|k| view! { <li data-testid="key-risk">{t(factor_key(*k))}</li> }).collect_view().into_any()
                            }}
                        </ul>
                        {altman}
                        <p class="muted ratios">
                            {t(K::CurrentRatio)} " " {ratio(r.current)} " · " {t(K::QuickRatio)} " " {ratio(r.quick)} " · "
                            {t(K::DebtToEquity)} " " {ratio(r.debt_to_equity)} " · " {t(K::NetMargin)} " "
                            {format::percent(r.net_margin, lang)} " · " {t(K::Roa)} " " {format::percent(r.return_on_assets, lang)}
                        </p>
                    </section>
                    <section>
                        <h3>{t(K::LimitMethods)}</h3>
                        <table class="compact" data-testid="limit-methods">
                            <thead><tr><th>{t(K::Method)}</th><th class="num">{currency.to_string()}</th></tr></thead>
                            <tbody>{methods}</tbody>
                        </table>
                        <p class="muted">
                            {t(K::Median)} ": " {median} " · " {t(K::GradeFactor)} ": " {format!("{:.2}", limit.grade_factor)}
                            " · " {t(K::HistoryAdjustment)} ": " {format::percent(Some(limit.history_adjustment), lang)}
                            {cap.map(|c| format!(" · {}: {c}", t(K::Cap)))}
                        </p>
                        <p>
                            {t(K::SetBy)} ": " <strong data-testid="limit-rule">{t(rule_key(limit.set_by))}</strong> " · "
                            {t(K::ReviewDate)} ": " <strong data-testid="review-date">{format::date(limit.review_date, lang)}</strong>
                        </p>
                        {util}
                    </section>
                </div>
                <details class="factors">
                    <summary>{t(K::Explanation)}</summary>
                    <table class="compact" data-testid="factors">
                        <thead>
                            <tr>
                                <th>{t(K::Factor)}</th><th>{t(K::Group)}</th><th class="num">{t(K::Score)}</th>
                                <th class="num">{t(K::Weight)}</th><th class="num">{t(K::Points)}</th>
                            </tr>
                        </thead>
                        <tbody>{factors}</tbody>
                    </table>
                </details>
            </div>
        }
    }
}

/// The result in one line, for a narrow screen where the full result is
/// below the form (meeting mode on a phone, issue 22): grade, limit,
/// terms and the key risks, updated as figures are typed.
#[component]
pub fn ResultSummary(rec: Recommendation, currency: Currency) -> impl IntoView {
    let i = use_i18n();
    move || {
        let lang = i.lang.get();
        let t = |k| text(lang, k);
        let a = &rec.assessment;
        let (cls, grade) = if rec.assessed {
            (format!("grade grade-{}", a.grade), a.grade.to_string())
        } else {
            ("grade grade-na".to_string(), "—".to_string())
        };
        let risks: Vec<&str> = key_risks(a).into_iter().map(|k| t(factor_key(k))).collect();
        view! {
            <div class=cls data-testid="summary-grade" aria-label=format!("{} {grade}", t(K::Grade))>
                <span class="grade-value">{grade.clone()}</span>
            </div>
            <dl>
                <dt>{text(lang, S::SummaryLimit)}</dt>
                <dd data-testid="summary-limit">{format::money(rec.limit.recommended, currency)}</dd>
                <dt>{text(lang, S::SummaryTerms)}</dt>
                <dd data-testid="summary-terms">{terms_text(&rec.terms, lang)}</dd>
            </dl>
            {(!risks.is_empty()).then(|| view! {
                <p class="risks" data-testid="summary-risks">{t(K::KeyRisks)} ": " {risks.join(" · ")}</p>
            })}
        }
    }
}
