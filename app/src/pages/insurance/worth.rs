//! "Is it worth it": the premium against the expected loss with and
//! without the policy, and the verdict.

use std::collections::HashMap;
use std::sync::Arc;

use credit_core::insurance::{verdict_text, worth_it, Verdict};
use leptos::prelude::*;

use crate::format;
use crate::i18n::insurance::In;
use crate::i18n::{text, use_i18n};
use crate::insurance::{self as store, lang as il};
use crate::state::{use_app, Open};

#[component]
pub(super) fn WorthPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let p = portfolio.clone();
    let w = Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let g: HashMap<String, u8> = app
                .ratings
                .get()
                .iter()
                .filter_map(|(id, r)| Some((id.clone(), r.grade?)))
                .collect();
            let pol = app.extras.with(store::policy);
            worth_it(&p, d, &pol, &g).map(Arc::new)
        },
        crate::state::changed,
    );
    move || {
        let lang = i.lang.get();
        let w = match w.get() {
            Ok(w) => w,
            Err(e) => {
                return view! { <section class="panel"><p class="error">{crate::i18n::insurance::insurance_error(lang, &e)}</p></section> }
                    .into_any()
            }
        };
        let cur = w.currency;
        let fact = |label: In, v: String, id: &'static str| {
            view! {
                <div class="fact">
                    <div class="muted">{text(lang, label)}</div>
                    <div class="strong" data-testid=id>{v}</div>
                </div>
            }
        };
        let cls = match w.verdict {
            Verdict::PaysForItself => "sc-verdict sc-verdict-recommended",
            Verdict::Borderline => "sc-verdict sc-verdict-worth-considering",
            Verdict::DoesNotPay => "sc-verdict sc-verdict-not-needed",
        };
        view! {
            <section class="panel" data-testid="worth-panel">
                <h2>{text(lang, In::WorthTitle)}</h2>
                <div class=cls data-testid="worth-verdict" data-verdict=format!("{:?}", w.verdict)>
                    <p>{verdict_text(&w, il(lang))}</p>
                </div>
                <div class="facts">
                    {fact(In::PremiumAYear, format::money(w.premium, cur), "worth-premium")}
                    {fact(In::InsuredTurnover, format::money(w.insured_turnover, cur), "worth-turnover")}
                    {fact(In::ElWithout, format::money(w.expected_loss_without, cur), "worth-el-without")}
                    {fact(In::ElWith, format::money(w.expected_loss_with, cur), "worth-el-with")}
                    {fact(In::Saving, format::money(w.saving, cur), "worth-saving")}
                    {fact(In::BreakEven, format::percent_dp(w.break_even_rate, 3, lang), "worth-break-even")}
                </div>
                <p class="muted">{text(lang, In::WorthNote)}</p>
            </section>
        }
        .into_any()
    }
}
