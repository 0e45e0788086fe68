//! Working capital: the figures the ledger does not know (inventory,
//! payables, cost of sales, cash, current liabilities) are typed in and
//! kept with the portfolio (extras `cash.wc`).

use std::sync::Arc;

use credit_core::cash::{working_capital, WcForm};
use credit_core::Decimal;
use leptos::prelude::*;

use crate::format;
use crate::i18n::cash::{self as t, C};
use crate::i18n::{text, use_i18n, K};
use crate::state::{use_app, Open};

use super::WC_KEY;

/// The working-capital panel.
#[component]
pub(super) fn WorkingCapitalPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let form = RwSignal::new(app.extra::<WcForm>(WC_KEY).unwrap_or(WcForm {
        cut_days: "10".into(),
        ..WcForm::default()
    }));
    let cur = portfolio.base_currency();
    let field = move |label: C,
                      id: &'static str,
                      get: fn(&WcForm) -> &String,
                      set: fn(&mut WcForm, String)| {
        view! {
            <label>
                <span>{move || i.t(label)}</span>
                <input type="text" inputmode="decimal" data-testid=id prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                    on:change=move |_| app.set_extra(WC_KEY, &form.get_untracked())/>
            </label>
        }
    };
    let result = move || {
        let lang = i.lang.get();
        let k = app.kpis.get().and_then(Result::ok)?;
        let read = form.with(|f| f.read(k.closing_ar, k.credit_sales, k.period_days));
        let cut = read.cut_days;
        let w = working_capital(&read.input);
        let days = |v: Option<Decimal>| format::with_unit(v, K::UnitDays, lang);
        Some(view! {
            {read.errors.iter().map(|e| view! { <p class="error" role="alert" data-testid="wc-error">{t::form_error(lang, e)}</p> }).collect_view()}
            <div class="facts" data-testid="wc-results">
                <div class="fact"><div class="muted">{text(lang, C::Receivables)}</div><div class="strong">{format::money(k.closing_ar, cur)}</div></div>
                <div class="fact"><div class="muted">{text(lang, C::Wcr)}</div><div class="strong" data-testid="wc-wcr">{format::money(w.wcr, cur)}</div></div>
                <div class="fact"><div class="muted">"DSO"</div><div class="strong" data-testid="wc-dso">{days(w.dso)}</div></div>
                <div class="fact"><div class="muted">"DIO"</div><div class="strong" data-testid="wc-dio">{days(w.dio)}</div></div>
                <div class="fact"><div class="muted">"DPO"</div><div class="strong" data-testid="wc-dpo">{days(w.dpo)}</div></div>
                <div class="fact"><div class="muted">{text(lang, C::Ccc)}</div><div class="strong" data-testid="wc-ccc">{days(w.ccc)}</div></div>
                <div class="fact"><div class="muted">{text(lang, C::CashRatio)}</div><div class="strong" data-testid="wc-cash-ratio">{format::with_unit(w.cash_ratio, K::UnitNone, lang)}</div></div>
                <div class="fact"><div class="muted">{t::freed_by_cutting(lang, cut)}</div><div class="strong" data-testid="wc-freed">{format::money(w.cash_freed(cut), cur)}</div></div>
            </div>
        })
    };
    view! {
        <section class="panel" data-testid="wc-panel">
            <h2>{move || i.t(C::WcTitle)}</h2>
            <p class="muted">{move || i.t(C::WcHelp)}</p>
            <div class="form-grid">
                {field(C::WcInventory, "wc-inventory", |f| &f.inventory, |f, v| f.inventory = v)}
                {field(C::WcPayables, "wc-payables", |f| &f.payables, |f, v| f.payables = v)}
                {field(C::WcCostOfSales, "wc-cogs", |f| &f.cost_of_sales, |f, v| f.cost_of_sales = v)}
                {field(C::WcCash, "wc-cash", |f| &f.cash, |f, v| f.cash = v)}
                {field(C::WcLiabilities, "wc-liabilities", |f| &f.current_liabilities, |f, v| f.current_liabilities = v)}
                {field(C::WcCut, "wc-cut", |f| &f.cut_days, |f, v| f.cut_days = v)}
            </div>
            {result}
        </section>
    }
}
