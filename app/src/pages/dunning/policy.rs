//! The policy editor: a preset or custom steps (offset, action, what
//! accompanies it, channel, templates in both languages), checked by the
//! core ([`policy_from_rows`]) before it is kept.

use credit_core::dunning::{
    policy_from_rows, Channel, DunningAction, DunningSettings, Policy, Preset, StepRow,
};
use leptos::prelude::*;

use crate::components::settings_form::{error_list, saved_note};
use crate::dunning::{self as store, SETTINGS_KEY};
use crate::i18n::dunning::{self as i18n, core_lang, D};
use crate::i18n::{text, use_i18n};
use crate::state::use_app;

/// The portfolio's policy, edited.
#[component]
pub(super) fn PolicyEditor() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let current = Memo::new(move |_| app.extras.with(store::settings).policy);
    let name = RwSignal::new(String::new());
    let rows: RwSignal<Vec<StepRow>> = RwSignal::new(Vec::new());
    let errors: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let saved = RwSignal::new(false);
    let reset = move |p: &Policy| {
        name.set(p.name.clone());
        rows.set(StepRow::rows(p));
        errors.set(Vec::new());
    };
    Effect::new(move |_| reset(&current.get()));
    let save = move |_| {
        let lang = i.lang.get_untracked();
        let kept = policy_from_rows(&name.get_untracked(), &rows.get_untracked());
        match kept.map_err(|v| v.iter().map(|e| i18n::step_row_error(lang, e)).collect()) {
            Ok(p) => {
                let mut s: DunningSettings = app.extras.with_untracked(store::settings);
                s.policy = p;
                errors.set(Vec::new());
                app.set_extra(SETTINGS_KEY, &s);
                saved.set(true);
            }
            Err(e) => {
                errors.set(e);
                saved.set(false);
            }
        }
    };
    let step_rows = move || {
        let lang = i.lang.get();
        let d = core_lang(lang);
        let n = rows.with(Vec::len);
        (0..n)
            .map(|k| {
                let get = move |f: fn(&StepRow) -> String| rows.with(|r| r.get(k).map(f).unwrap_or_default());
                let set = move |f: Box<dyn Fn(&mut StepRow)>| {
                    saved.set(false);
                    rows.update(|r| {
                        if let Some(x) = r.get_mut(k) {
                            f(x)
                        }
                    })
                };
                let action = rows.with_untracked(|r| r[k].action);
                let channel = rows.with_untracked(|r| r[k].channel);
                view! {
                    <tr data-testid="policy-step">
                        <td>{k + 1}</td>
                        <td><input type="text" inputmode="numeric" class="short" data-testid="step-offset" aria-label=move || crate::i18n::dunning::step_field_label(i.lang(), D::OffsetDays, k) prop:value=move || get(|r| r.offset.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.offset = v.clone())) }/></td>
                        <td><select data-testid="step-action" aria-label=move || crate::i18n::dunning::step_field_label(i.lang(), D::Action, k) on:change=move |ev| { let v = event_target_value(&ev); if let Some(a) = DunningAction::ALL.into_iter().find(|a| a.key() == v) { set(Box::new(move |r| r.action = a)) } }>
                            {DunningAction::ALL.into_iter().map(|a| view! { <option value=a.key() selected=a == action>{a.label(d)}</option> }).collect_view()}
                        </select></td>
                        <td><label class="check"><input type="checkbox" data-testid="step-stop" prop:checked=move || rows.with(|r| r.get(k).is_some_and(|x| x.stop))
                            on:change=move |ev| { let v = event_target_checked(&ev); set(Box::new(move |r| r.stop = v)) }/>{text(lang, D::StopDeliveries)}</label></td>
                        <td><select data-testid="step-channel" aria-label=move || crate::i18n::dunning::step_field_label(i.lang(), D::Channel, k) on:change=move |ev| { let v = event_target_value(&ev); if let Some(c) = Channel::ALL.into_iter().find(|c| c.key() == v) { set(Box::new(move |r| r.channel = c)) } }>
                            {Channel::ALL.into_iter().map(|c| view! { <option value=c.key() selected=c == channel>{c.label(d)}</option> }).collect_view()}
                        </select></td>
                        <td>
                            <details>
                                <summary>{text(lang, D::Templates)}</summary>
                                <label class="field wide"><span>{text(lang, D::English)}</span>
                                    <textarea rows="8" data-testid="step-template-en" prop:value=move || get(|r| r.template_en.clone()) on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.template_en = v.clone())) }></textarea></label>
                                <label class="field wide"><span>{text(lang, D::Chinese)}</span>
                                    <textarea rows="8" data-testid="step-template-zh" prop:value=move || get(|r| r.template_zh.clone()) on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.template_zh = v.clone())) }></textarea></label>
                            </details>
                        </td>
                        <td><button class="link" data-testid="step-remove" on:click=move |_| { saved.set(false); rows.update(|r| { if k < r.len() { r.remove(k); } }) }>{text(lang, D::Remove)}</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel no-print" data-testid="policy-editor">
            <h2>{move || i.t(D::PolicyTitle)}</h2>
            <p class="muted">{move || {
                let fields = credit_core::dunning::merge_fields().iter().map(|f| format!("{{{f}}}")).collect::<Vec<_>>().join(" ");
                i18n::policy_help(i.lang(), &fields)
            }}</p>
            <div class="filters">
                <label>
                    <span>{move || i.t(D::Name)}</span>
                    <input type="text" data-testid="policy-name" prop:value=move || name.get() on:input=move |ev| { saved.set(false); name.set(event_target_value(&ev)) }/>
                </label>
                <label>
                    <span>{move || i.t(D::StartFromPreset)}</span>
                    <select data-testid="policy-preset" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(p) = Preset::ALL.into_iter().find(|p| p.key() == v) { saved.set(false); reset(&Policy::preset(p)); }
                    }>
                        <option value="">"—"</option>
                        {move || { let d = core_lang(i.lang.get()); Preset::ALL.into_iter().map(|p| view! { <option value=p.key()>{p.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
            </div>
            <div class="table-wrap" tabindex="0">
                <table data-testid="policy-table">
                    <thead><tr>
                        <th>"#"</th>
                        <th>{move || i.t(D::OffsetDays)}</th>
                        <th>{move || i.t(D::Action)}</th>
                        <th>{move || i.t(D::Also)}</th>
                        <th>{move || i.t(D::Channel)}</th>
                        <th>{move || i.t(D::Letter)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{step_rows}</tbody>
                </table>
            </div>
            <div class="filters">
                <button data-testid="step-add" on:click=move |_| {
                    saved.set(false);
                    rows.update(|r| {
                        let next = StepRow::after(r);
                        r.push(next);
                    })
                }>{move || i.t(D::AddStep)}</button>
                <button class="primary" data-testid="policy-save" on:click=save>{move || i.t(D::SavePolicy)}</button>
                {saved_note(saved, "policy-saved")}
            </div>
            {error_list(errors, "policy-errors")}
        </section>
    }
}
