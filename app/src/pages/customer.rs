//! A buyer's page: its ageing and payment behaviour from the ledger, the
//! assessment form, the grade with its explanation, the limit and terms, and
//! the audit trail of saved decisions.

use crate::i18n::shell::S;
use credit_core::assessment::{Financials, Scorecard};
use credit_core::behaviour::{monthly_delays, payment_behaviour, sales_last_12_months};
use credit_core::country::country_risk;
use credit_core::decision::AssessmentRecord;
use credit_core::limit::LimitInput;
use credit_core::monitor::trends;
use credit_core::rating::recommend;
use credit_core::{Datelike, Decimal};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::alerts::{visible, AlertTable, Show};
use crate::components::as_of::AsOfInput;
use crate::components::assessment_form::{
    amount, whole, AmountField, FinancialsForm, ProfileForm, WholeField,
};
use crate::components::assessment_result::{terms_text, AssessmentResult};
use crate::components::delay_chart::DelayChart;
use crate::components::limit_check::LimitCheck;
use crate::components::trend_chart::TrendCharts;
use crate::format;
use crate::i18n::{text, use_i18n, K};
use crate::pages::customers::status_key;
use crate::pages::dunning::BuyerDunning;
use crate::state::use_app;
use crate::state::PortfolioDecisionLog;
use crate::storage::DecisionLog;

/// Trade references typed as amounts separated by `;` or new lines.
pub fn trade_refs(text: &str) -> Result<Vec<Decimal>, String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match amount(s, false) {
            Ok(Some(v)) => Ok(v),
            _ => Err(s.to_string()),
        })
        .collect()
}

/// `/customers/:id`.
#[component]
pub fn Customer() -> impl IntoView {
    let params = use_params_map();
    let app = use_app();
    let i = use_i18n();
    let id = Memo::new(move |_| {
        params.track();
        crate::format::customer_id_in_url()
    });
    move || {
        let id = id.get();
        match app.portfolio.get() {
            Some(p) if p.customer(&id).is_some() => view! { <CustomerView id=id/> }.into_any(),
            _ => view! {
                <section class="panel">
                    <h1>{move || i.t(K::NotFound)}</h1>
                    <A href="/customers">{move || i.t(K::NavCustomers)}</A>
                </section>
            }
            .into_any(),
        }
    }
}

#[component]
fn CustomerView(id: String) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let Some(p) = app.portfolio.get_untracked() else {
        return ().into_any();
    };
    let Some(c) = p.customer(&id).cloned() else {
        return ().into_any();
    };
    let cur = p.base_currency();
    let currency = Signal::derive(move || cur.to_string());
    let portfolio_name = p.name.clone();

    let cid = id.clone();
    let behaviour = Memo::new(move |_| {
        let p = app.portfolio.get()?;
        payment_behaviour(&p.index, &cid, app.as_of.get()).ok()
    });
    let cid = id.clone();
    let months = Memo::new(move |_| {
        let p = app.portfolio.get()?;
        monthly_delays(&p.index, &cid, app.as_of.get(), 12).ok()
    });
    let cid = id.clone();
    let trends = Memo::new(move |_| {
        let p = app.portfolio.get()?;
        trends(&p.index, Some(&cid), app.as_of.get(), 12).ok()
    });
    let id3 = id.clone();
    let id4 = id.clone();
    let cid = id.clone();
    let row = Memo::new(move |_| {
        let r = app.ageing.get()?.ok()?;
        r.customers
            .iter()
            .find(|x| x.customer_id == cid)
            .map(|x| x.row.clone())
    });

    // The form, with defaults from what the portfolio knows.
    let as_of0 = app.as_of.get_untracked();
    let years = c.year_founded.map(|y| (as_of0.year() - y).max(0) as u32);
    let fin = FinancialsForm::from(&Financials::default());
    let profile = ProfileForm::new(years, country_risk(&c.country));
    let sales12 = sales_last_12_months(&p.index, &id, as_of0).unwrap_or_default();
    let purchases = RwSignal::new(sales12.round_dp(0).to_string());
    let terms_days = RwSignal::new(c.terms_days.to_string());
    let refs = RwSignal::new(String::new());
    let insured_only = RwSignal::new(false);
    let insured_limit = c.insured_limit;

    // Always "changed": comparing assessments would cost the page a
    // deep equality of every input and result.
    let result = Memo::new_with_compare(
        move |_| {
            let b = behaviour.get().unwrap_or_default();
            let input = profile.input(fin.read(), b);
            let asked = terms_days.with(|v| whole(v, 0, 720).ok().flatten());
            let li = LimitInput {
                expected_annual_purchases: purchases.with(|v| amount(v, false).ok().flatten()),
                terms_days: asked.unwrap_or(0),
                trade_references: refs.with(|v| trade_refs(v).unwrap_or_default()),
                insured_limit,
                insured_only: insured_only.get(),
                ..LimitInput::default()
            }
            .with_buyer(&input);
            let r = recommend(&input, &li, asked, app.as_of.get(), &Scorecard::default())?;
            Ok::<_, credit_core::assessment::AssessmentError>((input, li, r))
        },
        |_, _| true,
    );

    // The audit trail.
    let history = RwSignal::new(PortfolioDecisionLog(app).load(&portfolio_name, &id));
    let note = RwSignal::new(String::new());
    let decided = RwSignal::new(String::new());
    let save_msg = RwSignal::new(None::<Result<(), String>>);
    let (pname, cid) = (portfolio_name.clone(), id.clone());
    let save = move |_| {
        let Ok((input, li, r)) = result.get() else {
            return;
        };
        let rec = AssessmentRecord::new(
            app.as_of.get(),
            cid.clone(),
            cur,
            input,
            li,
            &r.assessment,
            &r.limit,
            r.terms,
            decided.with(|v| amount(v, false).ok().flatten()),
            note.get(),
        );
        // The history and "saved" once the write is kept, not before.
        let (pn, buyer) = (pname.clone(), rec.customer_id.clone());
        let r = app.save_decision(&rec, move || {
            history.set(PortfolioDecisionLog(app).load(&pn, &buyer));
            note.set(String::new());
            save_msg.set(Some(Ok(())));
        });
        if let Err(e) = r {
            save_msg.set(Some(Err(e)));
        }
    };

    let limit = c.credit_limit;
    let c2 = c.clone();
    let name_lang = {
        let (n, country) = (c.name.clone(), c.country.clone());
        move || crate::i18n::name_lang(&n, &country, i.lang.get())
    };
    view! {
        <div class="page-head">
            <h1 data-testid="customer-heading"><span lang=name_lang>{c.name.clone()}</span> " " <span class="muted">{c.id.clone()}</span></h1>
            <AsOfInput/>
        </div>
        <section class="panel">
            <p class="facts">
                <span>{move || i.t(K::Country)} ": " <strong>{c2.country.clone()}</strong></span>
                <span>{move || i.t(K::Industry)} ": " <strong>{c2.industry.clone()}</strong></span>
                <span>{move || i.t(K::Status)} ": " <strong>{move || i.t(status_key(c2.status))}</strong></span>
                <span>{move || i.t(K::TermsDays)} ": " <strong>{move || format!("{} {}", c2.terms_days, i.t(K::UnitDays))}</strong></span>
                <span>{move || i.t(K::CreditLimit)} ": " <strong>{c2.credit_limit.map(|l| format::money(l, cur))}</strong></span>
                <span>{move || i.t(K::InsuredLimit)} ": " <strong>{c2.insured_limit.map(|l| format::money(l, cur))}</strong></span>
            </p>
            {move || row.get().map(|r| view! {
                <p class="facts">
                    <span>{i.t(K::ClosingAr)} ": " <strong data-testid="customer-outstanding">{format::money(r.total, cur)}</strong></span>
                    <span>{i.t(K::SortOverdue)} ": " <strong>{format::money(r.overdue(), cur)}</strong></span>
                    <LimitCheck exposure=r.total limit=limit currency=cur/>
                    <span>{i.t(K::OfWhichDisputed)} ": " <strong>{format::money(r.disputed_total, cur)}</strong></span>
                    <A href=crate::format::invoices_href(&id)>{i.t(K::ShowInvoices)}</A>
                </p>
            })}
        </section>
        <section class="panel">
            <h2>{move || i.t(K::PaymentBehaviour)}</h2>
            {move || behaviour.get().map(|b| {
                let lang = i.lang.get();
                view! {
                    <p class="facts" data-testid="behaviour">
                        <span>{text(lang, K::AvgDelay)} ": " <strong data-testid="avg-delay">{format::with_unit(b.avg_delay_days, K::UnitDays, lang)}</strong></span>
                        <span>{text(lang, K::ShareLate)} ": " <strong>{format::percent(b.share_paid_late, lang)}</strong></span>
                        <span>{text(lang, K::WorstDelay)} ": " <strong>{b.worst_delay_days.map_or_else(|| text(lang, K::NotAvailable).to_string(), |w| format!("{w} {}", text(lang, K::UnitDays)))}</strong></span>
                        <span>{text(lang, K::Trend)} ": " <strong>{format::with_unit(b.trend_days, K::UnitDays, lang)}</strong></span>
                        {(!b.has_history).then(|| view! { <span class="warn">{text(lang, K::NoHistory)}</span> })}
                    </p>
                }
            })}
            <h3>{move || i.t(K::DelayChart)}</h3>
            {move || months.get().map(|m| view! { <DelayChart months=m/> })}
            <h3>{move || i.t(S::Trends12Months)}</h3>
            {move || trends.get().map(|t| view! { <TrendCharts months=t/> })}
        </section>
        {move || {
            let p = app.portfolio.get()?;
            let alerts = app.alerts.get()?.ok()?;
            let notes = app.alert_notes();
            let rows: Vec<_> = visible(&alerts, &notes, app.as_of.get(), Show::All)
                .into_iter()
                .filter(|(a, _)| a.customer_id == id3)
                .collect();
            Some(view! {
                <section class="panel" data-testid="customer-alerts">
                    <h2>{move || i.t(S::Alerts)}</h2>
                    {if rows.is_empty() {
                        view! { <p class="muted">{move || i.t(S::NoAlertForThisBuyer)}</p> }.into_any()
                    } else {
                        view! { <AlertTable rows=rows portfolio=p/> }.into_any()
                    }}
                </section>
            })
        }}
        <BuyerDunning id=id4/>
        <section class="panel assess">
            <h2>{move || i.t(K::Assessment)}</h2>
            <div class="assess-cols">
                <div class="inputs">
                    <h3>{move || i.t(K::Financials)}</h3>
                    {fin.view(currency, true)}
                    <h3>{move || i.t(K::ProfileSection)}</h3>
                    {profile.view()}
                    <h3>{move || i.t(K::LimitSection)}</h3>
                    <div class="form-grid">
                        <AmountField label=K::ExpectedPurchases currency=currency value=purchases testid="purchases"/>
                        <WholeField label=K::TermsDays unit=K::UnitDays value=terms_days max=720 testid="terms-days"/>
                        <label class="field" class:invalid=move || refs.with(|v| trade_refs(v).is_err())>
                            <span>{move || i.t(K::TradeReferences)} " (" {move || currency.get()} ")"</span>
                            <input type="text" data-testid="trade-refs" prop:value=move || refs.get() on:input=move |ev| refs.set(event_target_value(&ev))/>
                            <small class="error">{move || refs.with(|v| trade_refs(v).err()).map(|bad| format!("{}: {bad}", i.t(K::ErrNotANumber)))}</small>
                            <small class="muted">{move || i.t(K::TradeReferencesHelp)}</small>
                        </label>
                        <label class="check">
                            <input type="checkbox" data-testid="insured-only" prop:checked=move || insured_only.get() on:change=move |ev| insured_only.set(event_target_checked(&ev))/>
                            <span>{move || i.t(K::InsuredOnly)}</span>
                        </label>
                    </div>
                </div>
                <div class="outputs">
                    {move || match result.get() {
                        Ok((_, _, rec)) => {
                            let exp = row.get().map(|r| r.total).unwrap_or_default();
                            view! { <AssessmentResult rec=rec currency=cur exposure=(exp, limit)/> }.into_any()
                        }
                        Err(e) => view! { <p class="error" data-testid="assessment-error">{crate::i18n::assessment::assessment_error(i.lang(), &e)}</p> }.into_any(),
                    }}
                    <div class="save">
                        <h3>{move || i.t(K::Decision)}</h3>
                        <AmountField label=K::DecidedLimit currency=currency value=decided testid="decided-limit"/>
                        <label class="field wide">
                            <span>{move || i.t(K::DecisionNote)}</span>
                            <textarea data-testid="decision-note" rows="3" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                        </label>
                        <button data-testid="save-assessment" on:click=save>{move || i.t(K::SaveAssessment)}</button>
                        {move || save_msg.get().map(|r| match r {
                            Ok(()) => view! { <span class="ok" data-testid="saved">{i.t(K::Saved)}</span> }.into_any(),
                            Err(e) => view! { <span class="error" data-testid="save-error">{format!("{}: {e}", i.t(K::SaveFailed))}</span> }.into_any(),
                        })}
                    </div>
                </div>
            </div>
        </section>
        <section class="panel">
            <h2>{move || i.t(K::History)}</h2>
            {move || {
                let lang = i.lang.get();
                let h = history.get();
                if h.is_empty() {
                    return view! { <p class="muted" data-testid="no-decisions">{text(lang, K::NoDecisions)}</p> }.into_any();
                }
                let rows = h.iter().rev().map(|r| view! {
                    <tr data-testid="decision-row">
                        <td>{format::date(r.date, lang)}</td>
                        <td class="num" data-testid="decision-grade">{if r.graded { r.grade.to_string() } else { text(lang, K::NotAssessed).into() }}</td>
                        <td class="num">{format::percent(Some(r.confidence), lang)}</td>
                        <td class="num">{format::amount(r.recommended_limit, r.currency)}</td>
                        <td class="num">{r.decided_limit.map(|d| format::amount(d, r.currency))}</td>
                        <td>{terms_text(&r.terms, lang)}</td>
                        <td data-testid="decision-note-text">{r.note.clone()}</td>
                    </tr>
                }).collect_view();
                view! {
                    <div class="table-wrap" tabindex="0">
                        <table data-testid="decisions">
                            <thead><tr>
                                <th>{text(lang, K::Date)}</th><th class="num">{text(lang, K::Grade)}</th>
                                <th class="num">{text(lang, K::Confidence)}</th><th class="num">{text(lang, K::RecommendedLimit)}</th>
                                <th class="num">{text(lang, K::DecidedLimit)}</th><th>{text(lang, K::RecommendedTerms)}</th>
                                <th>{text(lang, K::DecisionNote)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
