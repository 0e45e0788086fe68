//! The Dunning page (`credit_core::dunning`): whom to contact today, how and
//! why, the letters with their interest, and the record of what was done.
//!
//! - **The plan for the report date**: one line per buyer per step (the
//!   highest step any of its invoices reached), filtered by action or buyer;
//!   select lines and **mark them as done** (date = the report date, the
//!   step's channel or another, a note) — that writes the action log, and a
//!   step that stops deliveries or hands over to legal puts the buyer on
//!   hold. Disputed invoices are listed apart (paused); the next step of
//!   every buyer is listed with its date.
//! - **The letter** of a line, in English or Chinese (the page's language
//!   by default), with the invoice table, interest and compensation, pay-by
//!   date and bank details; editable before it is printed (print CSS: the
//!   letter alone on the page), copied, or downloaded as text or HTML.
//!   Edits are for that letter only; the step's template is edited in the
//!   policy editor.
//! - **The policy**: a preset or custom steps (offset, action, what
//!   accompanies it, channel, templates in both languages), validated before
//!   it is kept; a buyer's own policy is chosen on the buyer's page.
//! - **Interest and letterhead**: the regime, the reference rates with
//!   their dates (typed in: there is no network), a contract rate; the
//!   company, address, contact, bank details and days to pay.
//! - **Export**: the plan as CSV; every letter of the plan as one text or
//!   HTML file.

use std::collections::BTreeSet;
use std::sync::Arc;

use credit_core::dates::parse_iso;
use credit_core::dunning::{
    letter, plan, plan_csv, Channel, DunningAction, DunningSettings, LogEntry, Plan, PlanItem,
    Policy, Preset, RefRate, Regime, Step,
};
use credit_core::money::parse_amount;
use credit_core::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser;
use crate::components::as_of::AsOfInput;
use crate::components::settings_form::{error_list, saved_note, FormText, SettingsForm};
use crate::dunning::{self as store, lang as dl, SETTINGS_KEY};
use crate::format;
use crate::i18n::{use_i18n, Lang};
use crate::state::{use_app, AppState, Open};

fn l(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A plan line's key: buyer and step.
fn key(it: &PlanItem) -> String {
    format!("{}#{}", it.customer_id, it.step_index)
}

/// "Step 2 · +30 days · Phone call · Phone".
pub fn step_text(k: usize, s: &Step, lang: Lang) -> String {
    let d = dl(lang);
    let actions: Vec<&str> = s.actions.iter().map(|a| a.label(d)).collect();
    let sep = if lang == Lang::En { " + " } else { "＋" };
    l(
        lang,
        format!(
            "Step {} · {:+} days · {} · {}",
            k + 1,
            s.offset_days,
            actions.join(sep),
            s.channel.label(d)
        ),
        format!(
            "第{}步 · {:+}天 · {} · {}",
            k + 1,
            s.offset_days,
            actions.join(sep),
            s.channel.label(d)
        ),
    )
}

/// The plan for the report date.
fn plan_memo(app: AppState, p: Arc<Open>) -> Memo<Result<Arc<Plan>, String>> {
    Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let (s, log) = app.extras.with(|x| (store::settings(x), store::log(x)));
            plan(&p, d, &s, &log)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        },
        crate::state::changed,
    )
}

/// The page.
#[component]
pub fn Dunning() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! {
                <section class="panel"><p class="muted">{move || i.pick("Open a portfolio or load the demo to see its dunning plan.", "请打开组合或加载演示数据以查看催收计划。")}</p></section>
            }
            .into_any();
        };
        view! { <PlanPanel portfolio=p/> <PolicyEditor/> <InterestPanel/> <LogPanel/> }.into_any()
    };
    view! {
        <div class="dunning-page">
            <div class="page-head no-print">
                <h1>{move || i.pick("Dunning", "催收")}</h1>
                <AsOfInput/>
            </div>
            {body}
        </div>
    }
}

#[component]
fn PlanPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let cur = portfolio.base_currency();
    let name = portfolio.name.clone();
    let planned = plan_memo(app, portfolio);
    let action = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let selected: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    let preview: RwSignal<Option<String>> = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let done_msg: RwSignal<Option<String>> = RwSignal::new(None);
    // The stored log could not be read, so "mark as done" wrote nothing.
    let done_err = RwSignal::new(false);
    let unreadable =
        Memo::new(move |_| app.extras.with(|x| store::appended(x, Vec::new()).is_err()));
    // Lines shown after the filters.
    let shown = Memo::new(move |_| {
        let Ok(pl) = planned.get() else {
            return Vec::new();
        };
        let a = action.get();
        let q = search.get().trim().to_lowercase();
        pl.items
            .iter()
            .filter(|it| a.is_empty() || it.step.actions.first().is_some_and(|x| x.key() == a))
            .filter(|it| {
                q.is_empty()
                    || it.customer_name.to_lowercase().contains(&q)
                    || it.customer_id.to_lowercase().contains(&q)
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    let mark_done = move |_| {
        let Ok(pl) = planned.get_untracked() else {
            return;
        };
        let sel = selected.get_untracked();
        let d = app.as_of.get_untracked();
        let n = note.get_untracked();
        let ch = channel.get_untracked();
        let entries: Vec<LogEntry> = pl
            .items
            .iter()
            .filter(|it| sel.contains(&key(it)))
            .map(|it| {
                let used = Channel::ALL
                    .into_iter()
                    .find(|c| c.key() == ch)
                    .unwrap_or(it.step.channel);
                LogEntry::for_item(it, d, used, &n)
            })
            .collect();
        if entries.is_empty() {
            return;
        }
        let count = entries.len();
        done_err.set(false);
        let kept = store::record(&app, entries, move || {
            selected.set(BTreeSet::new());
            note.set(String::new());
            done_msg.set(Some(l(
                i.lang.get_untracked(),
                format!("{count} marked as done and logged."),
                format!("已标记完成并记录 {count} 项。"),
            )));
        });
        if kept.is_err() {
            done_msg.set(None);
            done_err.set(true);
        }
    };
    let name2 = name.clone();
    let export_csv = move |_| {
        if let Ok(pl) = planned.get_untracked() {
            let lang = i.lang.get_untracked();
            let file = browser::export_file_name("dunning-plan", &name2, pl.as_of);
            let _ = browser::download(&file, "text/csv;charset=utf-8", &plan_csv(&pl, dl(lang)));
        }
    };
    let name3 = StoredValue::new(name.clone());
    let export_letters = move |html: bool| {
        let Ok(pl) = planned.get_untracked() else {
            return;
        };
        let lang = i.lang.get_untracked();
        let s = app.extras.with_untracked(store::settings);
        let mut parts = Vec::new();
        for it in &pl.items {
            if let Ok(lt) = letter(it, dl(lang), &s.letter, pl.as_of) {
                parts.push((lt.subject, lt.body));
            }
        }
        let stem = browser::export_file_name("dunning-letters", &name3.get_value(), pl.as_of);
        let stem = stem.trim_end_matches(".csv");
        if html {
            let _ = browser::download(
                &format!("{stem}.html"),
                "text/html;charset=utf-8",
                &letters_html(&parts, lang),
            );
        } else {
            let text = parts
                .iter()
                .map(|(s, b)| format!("{s}\n\n{b}"))
                .collect::<Vec<_>>()
                .join("\n\n\u{0c}\n");
            let _ = browser::download(&format!("{stem}.txt"), "text/plain;charset=utf-8", &text);
        }
    };
    let table = move || {
        let lang = i.lang.get();
        let pl = match planned.get() {
            Ok(p) => p,
            Err(e) => {
                return view! { <p class="error" role="alert" data-testid="plan-error">{e}</p> }
                    .into_any()
            }
        };
        let rows = shown.get();
        if rows.is_empty() {
            return view! { <p class="muted" data-testid="plan-empty">{l(lang, format!("Nothing to send as of {}.", format::date(pl.as_of, lang)), format!("截至 {}，无需催收。", format::date(pl.as_of, lang)))}</p> }.into_any();
        }
        let body = rows
            .into_iter()
            .map(|it| {
                let k = key(&it);
                let k1 = k.clone();
                let k2 = k.clone();
                let k3 = k.clone();
                let href = crate::format::customer_href(&it.customer_id);
                let next = it.next.map(|(n, d)| l(lang, format!("step {} on {}", n + 1, format::date(d, lang)), format!("第{}步 {}", n + 1, format::date(d, lang)))).unwrap_or_default();
                let ids = it.invoices.iter().map(|x| x.id.as_str()).collect::<Vec<_>>().join(", ");
                view! {
                    <tr data-testid="plan-row" data-customer=it.customer_id.clone() data-step=it.step_index.to_string()>
                        <td><input type="checkbox" data-testid="plan-select"
                            prop:checked=move || selected.with(|s| s.contains(&k1))
                            on:change=move |ev| { let on = event_target_checked(&ev); let k = k2.clone(); selected.update(|s| { if on { s.insert(k); } else { s.remove(&k); } }); }/></td>
                        <td><A href=href>{it.customer_name.clone()}</A><div class="muted small">{it.customer_id.clone()}</div></td>
                        <td class="wrap" data-testid="plan-step">{step_text(it.step_index, &it.step, lang)}</td>
                        <td class="small wrap" data-testid="plan-invoices">{ids}</td>
                        <td class="num">{format::amount(it.total_open, cur)}</td>
                        <td class="num" data-testid="plan-interest">{format::amount(it.interest, cur)}</td>
                        <td class="num">{format::amount(it.compensation, cur)}</td>
                        <td class="small" data-testid="plan-next">{next}</td>
                        <td><button class="link" data-testid="plan-letter" on:click=move |_| preview.set(Some(k3.clone()))>{if lang == Lang::En { "Letter" } else { "函件" }}</button></td>
                    </tr>
                }
            })
            .collect_view();
        let en = lang == Lang::En;
        view! {
            <div class="table-wrap">
                <table data-testid="plan-table">
                    <thead><tr>
                        <th></th>
                        <th>{if en { "Buyer" } else { "买方" }}</th>
                        <th>{if en { "Step" } else { "步骤" }}</th>
                        <th>{if en { "Invoices" } else { "发票" }}</th>
                        <th class="num">{if en { "Open" } else { "未结" }} " (" {cur.to_string()} ")"</th>
                        <th class="num">{if en { "Interest" } else { "利息" }}</th>
                        <th class="num">{if en { "Compensation" } else { "补偿金" }}</th>
                        <th>{if en { "Next" } else { "下一步" }}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let letter_view = move || {
        let k = preview.get()?;
        let pl = planned.get().ok()?;
        let it = pl.items.iter().find(|it| key(it) == k)?.clone();
        Some(
            view! { <LetterPreview item=it as_of=pl.as_of on_close=Callback::new(move |_| preview.set(None))/> },
        )
    };
    let side = move || {
        let lang = i.lang.get();
        let pl = planned.get().ok()?;
        let paused = pl
            .paused
            .iter()
            .map(|x| {
                view! {
                    <tr data-testid="paused-row">
                        <td>{x.customer_id.clone()}</td>
                        <td>{x.invoice_id.clone()}</td>
                        <td>{format::date(x.since, lang)}</td>
                        <td>{x.reason.clone()}</td>
                        <td class="num">{format::money(x.open, x.currency)}</td>
                    </tr>
                }
            })
            .collect_view();
        let upcoming = pl
            .upcoming
            .iter()
            .map(|u| {
                let s = app.extras.with(store::settings);
                let step = s.policy_for(&u.customer_id).steps.get(u.step_index).map(|st| step_text(u.step_index, st, lang)).unwrap_or_default();
                view! {
                    <tr data-testid="upcoming-row" data-customer=u.customer_id.clone() data-step=u.step_index.to_string()>
                        <td>{format::date(u.date, lang)}</td>
                        <td>{u.customer_name.clone()}</td>
                        <td>{step}</td>
                        <td class="small">{u.invoice_ids.join(", ")}</td>
                    </tr>
                }
            })
            .collect_view();
        let en = lang == Lang::En;
        Some(view! {
            <details class="panel-sub" open=true>
                <summary>{if en { "Scheduled next" } else { "后续安排" }} " (" {pl.upcoming.len()} ")"</summary>
                <div class="table-wrap"><table data-testid="upcoming-table">
                    <thead><tr><th>{if en { "Date" } else { "日期" }}</th><th>{if en { "Buyer" } else { "买方" }}</th><th>{if en { "Step" } else { "步骤" }}</th><th>{if en { "Invoices" } else { "发票" }}</th></tr></thead>
                    <tbody>{upcoming}</tbody>
                </table></div>
            </details>
            <details class="panel-sub">
                <summary>{if en { "Paused: disputed" } else { "暂停：争议中" }} " (" {pl.paused.len()} ")"</summary>
                <div class="table-wrap"><table data-testid="paused-table">
                    <thead><tr><th>{if en { "Buyer" } else { "买方" }}</th><th>{if en { "Invoice" } else { "发票" }}</th><th>{if en { "Since" } else { "起始" }}</th><th>{if en { "Reason" } else { "原因" }}</th><th class="num">{if en { "Open" } else { "未结" }}</th></tr></thead>
                    <tbody>{paused}</tbody>
                </table></div>
            </details>
        })
    };
    view! {
        <section class="panel no-print" data-testid="plan-panel">
            <h2>{move || i.pick("Plan for the report date", "报告日的催收计划")}</h2>
            <p class="muted">{move || i.pick(
                "One communication per buyer per step, at the highest step any of its open invoices reached; steps already done are not repeated; disputed invoices are paused.",
                "每个买方每一步只发一次，按其未结发票达到的最高步骤；已完成的步骤不再重复；争议发票暂停。")}</p>
            <div class="filters">
                <label>
                    <span>{move || i.pick("Action", "动作")}</span>
                    <select data-testid="plan-action" on:change=move |ev| action.set(event_target_value(&ev))>
                        <option value="">{move || i.pick("All", "全部")}</option>
                        {move || { let d = dl(i.lang.get()); DunningAction::ALL.into_iter().map(|a| view! { <option value=a.key()>{a.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("Buyer", "买方")}</span>
                    <input type="search" data-testid="plan-search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
                <button data-testid="plan-export-csv" on:click=export_csv>{move || i.pick("Export plan (CSV)", "导出计划（CSV）")}</button>
                <button data-testid="letters-export-txt" on:click=move |_| export_letters(false)>{move || i.pick("Letters (text)", "函件（文本）")}</button>
                <button data-testid="letters-export-html" on:click=move |_| export_letters(true)>{move || i.pick("Letters (HTML)", "函件（HTML）")}</button>
            </div>
            {table}
            <div class="filters mark-done">
                <label>
                    <span>{move || i.pick("Channel", "渠道")}</span>
                    <select data-testid="done-channel" on:change=move |ev| channel.set(event_target_value(&ev))>
                        <option value="">{move || i.pick("The step's", "按步骤")}</option>
                        {move || { let d = dl(i.lang.get()); Channel::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
                <label class="grow">
                    <span>{move || i.pick("Note", "备注")}</span>
                    <input type="text" data-testid="done-note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
                </label>
                <button class="primary" data-testid="mark-done" disabled=move || selected.with(BTreeSet::is_empty) on:click=mark_done>
                    {move || l(i.lang.get(), format!("Mark {} as done", selected.with(BTreeSet::len)), format!("标记 {} 项为已完成", selected.with(BTreeSet::len)))}
                </button>
                {move || done_msg.get().map(|m| view! { <span class="ok" data-testid="done-msg">{m}</span> })}
                {move || (done_err.get() || unreadable.get()).then(|| view! { <span class="error" role="alert" data-testid="done-error">{move || i.pick(
                    "The stored action log could not be read (saved by a newer version of the app?), so nothing was written: what it holds is kept as it is.",
                    "无法读取已存储的催收记录（可能由更新版本的应用保存），因此未写入任何内容：原有记录保持不变。",
                )}</span> })}
            </div>
            {side}
        </section>
        {letter_view}
    }
}

/// Every letter as one HTML document, one per printed page.
fn letters_html(parts: &[(String, String)], lang: Lang) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title><style>body{{font-family:sans-serif}}article{{page-break-after:always}}pre{{white-space:pre-wrap;font-family:inherit;margin:0}}pre.t{{font-family:monospace;white-space:pre;overflow-x:auto;margin:1em 0}}</style><body>",
        lang.tag(),
        if lang == Lang::En { "Dunning letters" } else { "催收函" }
    );
    for (s, b) in parts {
        let blocks: String = credit_core::dunning::letter_blocks(b)
            .iter()
            .map(|(table, text)| {
                format!(
                    "<pre{}>{}</pre>",
                    if *table { " class=\"t\"" } else { "" },
                    esc(text.trim_matches('\n'))
                )
            })
            .collect();
        out.push_str(&format!("<article><h2>{}</h2>{blocks}</article>", esc(s)));
    }
    out.push_str("</body></html>");
    out
}

#[component]
fn LetterPreview(item: PlanItem, as_of: NaiveDate, on_close: Callback<()>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let lang = RwSignal::new(i.lang.get_untracked());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let it = item.clone();
    Effect::new(move |_| {
        let lg = lang.get();
        let s = app.extras.with(store::settings);
        match letter(&it, dl(lg), &s.letter, as_of) {
            Ok(lt) => {
                subject.set(lt.subject);
                body.set(lt.body);
                error.set(None);
            }
            Err(e) => error.set(Some(e.message(dl(lg)))),
        }
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let text = format!("{}\n\n{}", subject.get_untracked(), body.get_untracked());
            let _ = w.navigator().clipboard().write_text(&text);
        }
    };
    let item = StoredValue::new(item);
    let download = move |html: bool| {
        let item = item.get_value();
        let lg = lang.get_untracked();
        let stem = format!(
            "letter-{}-{}-{}",
            crate::protocol::file_name_part(&item.customer_id),
            item.step_index + 1,
            as_of
        );
        let parts = [(subject.get_untracked(), body.get_untracked())];
        let _ = if html {
            browser::download(
                &format!("{stem}.html"),
                "text/html;charset=utf-8",
                &letters_html(&parts, lg),
            )
        } else {
            browser::download(
                &format!("{stem}.txt"),
                "text/plain;charset=utf-8",
                &format!("{}\n\n{}", parts[0].0, parts[0].1),
            )
        };
    };
    view! {
        <section class="panel letter-panel" data-testid="letter-panel">
            <div class="page-head no-print">
                <h2>{move || i.pick("Letter", "函件")}</h2>
                <div class="filters">
                    <label>
                        <span>{move || i.pick("Language", "语言")}</span>
                        <select data-testid="letter-lang" on:change=move |ev| lang.set(if event_target_value(&ev) == "zh" { Lang::Zh } else { Lang::En })>
                            <option value="en" selected=move || lang.get() == Lang::En>{move || i.pick("English", "英文")}</option>
                            <option value="zh" selected=move || lang.get() == Lang::Zh>"中文"</option>
                        </select>
                    </label>
                    <button data-testid="letter-print" on:click=print>{move || i.pick("Print", "打印")}</button>
                    <button data-testid="letter-copy" on:click=copy>{move || i.pick("Copy", "复制")}</button>
                    <button data-testid="letter-txt" on:click=move |_| download(false)>{move || i.pick("Download text", "下载文本")}</button>
                    <button data-testid="letter-html" on:click=move |_| download(true)>{move || i.pick("Download HTML", "下载 HTML")}</button>
                    <button class="link" data-testid="letter-close" on:click=move |_| on_close.run(())>{move || i.pick("Close", "关闭")}</button>
                </div>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert" data-testid="letter-error">{e}</p> })}
            <p class="muted no-print">{move || i.pick("Edits here are for this letter only.", "此处修改仅对本函件有效。")}</p>
            <input class="letter-subject-input no-print" type="text" data-testid="letter-subject-input" prop:value=move || subject.get() on:input=move |ev| subject.set(event_target_value(&ev))/>
            <textarea class="no-print" rows="18" data-testid="letter-body-input" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            <article class="letter-sheet" data-testid="letter-sheet" lang=move || lang.get().tag()>
                <h3 data-testid="letter-subject">{move || subject.get()}</h3>
                <div class="letter-body" data-testid="letter-body">{move || {
                    credit_core::dunning::letter_blocks(&body.get())
                        .into_iter()
                        // The blank lines around the table become its margins.
                        .map(|(table, text)| view! { <pre class:letter-table=table>{text.trim_matches('\n').to_string()}</pre> })
                        .collect_view()
                }}</div>
            </article>
        </section>
    }
}

/// The steps as typed in the editor.
#[derive(Clone, Debug, PartialEq)]
struct StepRow {
    offset: String,
    action: DunningAction,
    stop: bool,
    channel: Channel,
    en: String,
    zh: String,
}

fn rows_of(p: &Policy) -> Vec<StepRow> {
    p.steps
        .iter()
        .map(|s| StepRow {
            offset: s.offset_days.to_string(),
            action: s
                .actions
                .first()
                .copied()
                .unwrap_or(DunningAction::Reminder),
            stop: s.actions.contains(&DunningAction::StopDeliveries)
                && s.actions.first() != Some(&DunningAction::StopDeliveries),
            channel: s.channel,
            en: s.template(credit_core::dunning::Lang::En).to_string(),
            zh: s.template(credit_core::dunning::Lang::Zh).to_string(),
        })
        .collect()
}

/// The policy from the editor's rows, or what is wrong (row and value).
fn policy_of(name: &str, rows: &[StepRow], lang: Lang) -> Result<Policy, Vec<String>> {
    let mut steps = Vec::new();
    let mut errors = Vec::new();
    for (k, r) in rows.iter().enumerate() {
        let Ok(offset) = r.offset.trim().parse::<i64>() else {
            errors.push(l(
                lang,
                format!(
                    "Step {}: offset '{}' is not a whole number of days.",
                    k + 1,
                    r.offset
                ),
                format!("第{}步：偏移“{}”不是整数天数。", k + 1, r.offset),
            ));
            continue;
        };
        let mut actions = vec![r.action];
        if r.stop && r.action != DunningAction::StopDeliveries {
            actions.push(DunningAction::StopDeliveries);
        }
        let mut step = Step {
            offset_days: offset,
            actions,
            channel: r.channel,
            template_en: None,
            template_zh: None,
        };
        // A template equal to the default stays the default.
        if r.en != step.template(credit_core::dunning::Lang::En) {
            step.template_en = Some(r.en.clone());
        }
        if r.zh != step.template(credit_core::dunning::Lang::Zh) {
            step.template_zh = Some(r.zh.clone());
        }
        steps.push(step);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let p = Policy {
        name: name.to_string(),
        steps,
    };
    p.validate()
        .map_err(|v| v.iter().map(|e| e.message(dl(lang))).collect::<Vec<_>>())?;
    Ok(p)
}

#[component]
fn PolicyEditor() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let current = Memo::new(move |_| app.extras.with(store::settings).policy);
    let name = RwSignal::new(String::new());
    let rows: RwSignal<Vec<StepRow>> = RwSignal::new(Vec::new());
    let errors: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let saved = RwSignal::new(false);
    let reset = move |p: &Policy| {
        name.set(p.name.clone());
        rows.set(rows_of(p));
        errors.set(Vec::new());
    };
    Effect::new(move |_| reset(&current.get()));
    let save = move |_| {
        let lang = i.lang.get_untracked();
        match policy_of(&name.get_untracked(), &rows.get_untracked(), lang) {
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
        let d = dl(lang);
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
                        <td><input type="text" inputmode="numeric" class="short" data-testid="step-offset" prop:value=move || get(|r| r.offset.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.offset = v.clone())) }/></td>
                        <td><select data-testid="step-action" on:change=move |ev| { let v = event_target_value(&ev); if let Some(a) = DunningAction::ALL.into_iter().find(|a| a.key() == v) { set(Box::new(move |r| r.action = a)) } }>
                            {DunningAction::ALL.into_iter().map(|a| view! { <option value=a.key() selected=a == action>{a.label(d)}</option> }).collect_view()}
                        </select></td>
                        <td><label class="check"><input type="checkbox" data-testid="step-stop" prop:checked=move || rows.with(|r| r.get(k).is_some_and(|x| x.stop))
                            on:change=move |ev| { let v = event_target_checked(&ev); set(Box::new(move |r| r.stop = v)) }/>{if lang == Lang::En { "stop deliveries" } else { "停止发货" }}</label></td>
                        <td><select data-testid="step-channel" on:change=move |ev| { let v = event_target_value(&ev); if let Some(c) = Channel::ALL.into_iter().find(|c| c.key() == v) { set(Box::new(move |r| r.channel = c)) } }>
                            {Channel::ALL.into_iter().map(|c| view! { <option value=c.key() selected=c == channel>{c.label(d)}</option> }).collect_view()}
                        </select></td>
                        <td>
                            <details>
                                <summary>{if lang == Lang::En { "Templates" } else { "模板" }}</summary>
                                <label class="field wide"><span>{if lang == Lang::En { "English" } else { "英文" }}</span>
                                    <textarea rows="8" data-testid="step-template-en" prop:value=move || get(|r| r.en.clone()) on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.en = v.clone())) }></textarea></label>
                                <label class="field wide"><span>"中文"</span>
                                    <textarea rows="8" data-testid="step-template-zh" prop:value=move || get(|r| r.zh.clone()) on:input=move |ev| { let v = event_target_value(&ev); set(Box::new(move |r| r.zh = v.clone())) }></textarea></label>
                            </details>
                        </td>
                        <td><button class="link" data-testid="step-remove" on:click=move |_| { saved.set(false); rows.update(|r| { if k < r.len() { r.remove(k); } }) }>{if lang == Lang::En { "Remove" } else { "删除" }}</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="panel no-print" data-testid="policy-editor">
            <h2>{move || i.pick("Dunning policy", "催收政策")}</h2>
            <p class="muted">{move || {
                let fields = credit_core::dunning::merge_fields().iter().map(|f| format!("{{{f}}}")).collect::<Vec<_>>().join(" ");
                l(i.lang.get(),
                    format!("The portfolio's policy; a buyer can have its own (on its page). Offsets are days from the due date, negative before it. Templates may use: {fields}"),
                    format!("组合的催收政策；单个买方可在其页面另设。偏移为相对到期日的天数，负数表示到期前。模板可用字段：{fields}"))
            }}</p>
            <div class="filters">
                <label>
                    <span>{move || i.pick("Name", "名称")}</span>
                    <input type="text" data-testid="policy-name" prop:value=move || name.get() on:input=move |ev| { saved.set(false); name.set(event_target_value(&ev)) }/>
                </label>
                <label>
                    <span>{move || i.pick("Start from a preset", "从预设开始")}</span>
                    <select data-testid="policy-preset" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(p) = Preset::ALL.into_iter().find(|p| p.key() == v) { saved.set(false); reset(&Policy::preset(p)); }
                    }>
                        <option value="">"—"</option>
                        {move || { let d = dl(i.lang.get()); Preset::ALL.into_iter().map(|p| view! { <option value=p.key()>{p.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
            </div>
            <div class="table-wrap">
                <table data-testid="policy-table">
                    <thead><tr>
                        <th>"#"</th>
                        <th>{move || i.pick("Offset (days)", "偏移（天）")}</th>
                        <th>{move || i.pick("Action", "动作")}</th>
                        <th>{move || i.pick("Also", "同时")}</th>
                        <th>{move || i.pick("Channel", "渠道")}</th>
                        <th>{move || i.pick("Letter", "函件")}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{step_rows}</tbody>
                </table>
            </div>
            <div class="filters">
                <button data-testid="step-add" on:click=move |_| {
                    saved.set(false);
                    rows.update(|r| {
                        let last = r.last().and_then(|x| x.offset.trim().parse::<i64>().ok()).unwrap_or(0);
                        let s = Step { offset_days: last + 15, actions: vec![DunningAction::Reminder], channel: Channel::Letter, template_en: None, template_zh: None };
                        r.push(StepRow { offset: s.offset_days.to_string(), action: DunningAction::Reminder, stop: false, channel: Channel::Letter, en: s.template(credit_core::dunning::Lang::En).to_string(), zh: s.template(credit_core::dunning::Lang::Zh).to_string() });
                    })
                }>{move || i.pick("Add a step", "添加步骤")}</button>
                <button class="primary" data-testid="policy-save" on:click=save>{move || i.pick("Save policy", "保存政策")}</button>
                {saved_note(saved, "policy-saved")}
            </div>
            {error_list(errors, "policy-errors")}
        </section>
    }
}

/// The interest and letter settings as typed.
#[derive(Clone, Debug, PartialEq, Default)]
struct Typed {
    regime: String,
    rates: Vec<(String, String)>,
    contract: String,
    china_daily: bool,
    compensation: bool,
    company: String,
    address: String,
    contact: String,
    bank: String,
    pay_within: String,
}

impl FormText for Typed {
    type Value = DunningSettings;

    fn of(s: &DunningSettings) -> Self {
        Typed {
            regime: s.interest.regime.key().to_string(),
            rates: s
                .interest
                .reference_rates
                .iter()
                .map(|r| (r.from.to_string(), r.rate.normalize().to_string()))
                .collect(),
            contract: s
                .interest
                .contract_rate
                .map(|r| r.normalize().to_string())
                .unwrap_or_default(),
            china_daily: s.interest.china_sme_daily,
            compensation: s.interest.compensation,
            company: s.letter.company.clone(),
            address: s.letter.address.clone(),
            contact: s.letter.contact.clone(),
            bank: s.letter.bank_details.clone(),
            pay_within: s.letter.pay_within_days.to_string(),
        }
    }

    /// The settings with these values, or each bad field with its value.
    fn apply(&self, mut s: DunningSettings, lang: Lang) -> Result<DunningSettings, Vec<String>> {
        let mut errors = Vec::new();
        let pct = |field: (&str, &str),
                   v: &str,
                   errors: &mut Vec<String>|
         -> Option<credit_core::Decimal> {
            match parse_amount(v, true) {
                Ok(x)
                    if x > credit_core::Decimal::from(-10)
                        && x <= credit_core::Decimal::from(100) =>
                {
                    Some(x)
                }
                _ => {
                    errors.push(l(
                        lang,
                        format!(
                            "{}: '{v}' is not a rate in percent from −10 to 100.",
                            field.0
                        ),
                        format!("{}：“{v}”不是 −10 到 100 之间的百分比利率。", field.1),
                    ));
                    None
                }
            }
        };
        if let Some(r) = Regime::ALL.into_iter().find(|r| r.key() == self.regime) {
            s.interest.regime = r;
        }
        let mut rates = Vec::new();
        for (k, (d, r)) in self.rates.iter().enumerate() {
            let Some(from) = parse_iso(d.trim()) else {
                errors.push(l(
                    lang,
                    format!(
                        "Reference rate {}: '{d}' is not a date (YYYY-MM-DD).",
                        k + 1
                    ),
                    format!("参考利率第{}行：“{d}”不是日期（YYYY-MM-DD）。", k + 1),
                ));
                continue;
            };
            if let Some(rate) = pct(
                (
                    &format!("Reference rate {}", k + 1),
                    &format!("参考利率第{}行", k + 1),
                ),
                r.trim(),
                &mut errors,
            ) {
                rates.push(RefRate { from, rate });
            }
        }
        rates.sort_by_key(|r| r.from);
        s.interest.reference_rates = rates;
        s.interest.contract_rate = if self.contract.trim().is_empty() {
            None
        } else {
            pct(
                ("Contract rate", "合同利率"),
                self.contract.trim(),
                &mut errors,
            )
        };
        s.interest.china_sme_daily = self.china_daily;
        s.interest.compensation = self.compensation;
        s.letter.company = self.company.trim().to_string();
        s.letter.address = self.address.trim().to_string();
        s.letter.contact = self.contact.trim().to_string();
        s.letter.bank_details = self.bank.trim().to_string();
        match self.pay_within.trim().parse::<u32>() {
            Ok(d) if d <= 90 => s.letter.pay_within_days = d,
            _ => errors.push(l(
                lang,
                format!(
                    "Days to pay: '{}' is not a number of days from 0 to 90.",
                    self.pay_within
                ),
                format!("付款期限：“{}”不是 0 到 90 之间的天数。", self.pay_within),
            )),
        }
        if errors.is_empty() {
            Ok(s)
        } else {
            Err(errors)
        }
    }
}

#[component]
fn InterestPanel() -> impl IntoView {
    let i = use_i18n();
    let form = SettingsForm::<Typed>::new(SETTINGS_KEY, store::settings);
    let SettingsForm {
        current,
        typed,
        errors,
        saved,
        ..
    } = form;
    let save = move |_| form.save();
    let text = move |label: (&'static str, &'static str),
                     id: &'static str,
                     get: fn(&Typed) -> String,
                     put: fn(&mut Typed, String)| form.text(label, id, get, put);
    let rates = move || {
        let n = typed.with(|t| t.rates.len());
        (0..n)
            .map(|k| view! {
                <div class="filters" data-testid="ref-rate">
                    <input type="date" data-testid="ref-rate-from" prop:value=move || typed.with(|t| t.rates.get(k).map(|r| r.0.clone()).unwrap_or_default())
                        on:change=move |ev| { saved.set(false); let v = event_target_value(&ev); typed.update(|t| if let Some(r) = t.rates.get_mut(k) { r.0 = v }) }/>
                    <input type="text" class="short" data-testid="ref-rate-value" prop:value=move || typed.with(|t| t.rates.get(k).map(|r| r.1.clone()).unwrap_or_default())
                        on:input=move |ev| { saved.set(false); let v = event_target_value(&ev); typed.update(|t| if let Some(r) = t.rates.get_mut(k) { r.1 = v }) }/>
                    "%"
                    <button class="link" on:click=move |_| { saved.set(false); typed.update(|t| { if k < t.rates.len() { t.rates.remove(k); } }) }>{move || i.pick("Remove", "删除")}</button>
                </div>
            })
            .collect_view()
    };
    view! {
        <section class="panel no-print" data-testid="interest-panel">
            <h2>{move || i.pick("Late interest and letterhead", "逾期利息与函件抬头")}</h2>
            <p class="muted">{move || i.pick(
                "Simple interest, actual/365, from the day after the due date, on what is open each day. EU: reference rate + 8 points and €40 per invoice; Germany: base rate + 9; France: reference rate + 10; UK: base rate + 8 and £40/£70/£100; China: the contract's rate, or 0.05 % a day under the SME payment regulations; contract: your rate. Reference rates are typed in with the date they apply from (there is no network).",
                "单利，实际天数/365，自到期次日起按每日未结金额计。欧盟：参考利率 + 8 个百分点，每张发票 40 欧元；德国：基准利率 + 9；法国：参考利率 + 10；英国：基准利率 + 8，固定补偿 40/70/100 英镑；中国：合同约定利率，或按《保障中小企业款项支付条例》每日万分之五；合同：自定利率。参考利率需手动输入并注明生效日期（无网络）。")}</p>
            {move || (!current.with(|c| c.interest.has_rate())).then(|| view! {
                <p class="warn" data-testid="interest-no-rate">{move || i.pick(
                    "No rate entered for this regime yet: the plan and the letters charge no late interest until you enter one below.",
                    "尚未为该规则录入利率：在下方录入之前，催收计划与函件不计逾期利息。")}</p>
            })}
            <div class="form-grid">
                <label class="field">
                    <span>{move || i.pick("Regime", "适用规则")}</span>
                    <select data-testid="interest-regime" on:change=move |ev| { saved.set(false); let v = event_target_value(&ev); typed.update(|t| t.regime = v) }>
                        {move || { let d = dl(i.lang.get()); let cur = typed.with(|t| t.regime.clone()); Regime::ALL.into_iter().map(|r| view! { <option value=r.key() selected=r.key() == cur>{r.label(d)}</option> }).collect_view() }}
                    </select>
                </label>
                {text(("Contract rate (% a year)", "合同利率（年 %）"), "contract-rate", |t| t.contract.clone(), |t, v| t.contract = v)}
                <label class="check"><input type="checkbox" data-testid="china-daily" prop:checked=move || typed.with(|t| t.china_daily) on:change=move |ev| { saved.set(false); let v = event_target_checked(&ev); typed.update(|t| t.china_daily = v) }/>{move || i.pick("China: 0.05 % a day where no rate was agreed", "中国：未约定利率时按每日万分之五")}</label>
                <label class="check"><input type="checkbox" data-testid="compensation" prop:checked=move || typed.with(|t| t.compensation) on:change=move |ev| { saved.set(false); let v = event_target_checked(&ev); typed.update(|t| t.compensation = v) }/>{move || i.pick("Charge the fixed compensation", "收取固定补偿金")}</label>
            </div>
            <h3>{move || i.pick("Reference or base rates", "参考/基准利率")}</h3>
            {rates}
            <button data-testid="ref-rate-add" on:click=move |_| { saved.set(false); typed.update(|t| t.rates.push((String::new(), String::new()))) }>{move || i.pick("Add a rate", "添加利率")}</button>
            <h3>{move || i.pick("Letterhead", "函件抬头")}</h3>
            <div class="form-grid">
                {text(("Company", "公司名称"), "letter-company", |t| t.company.clone(), |t, v| t.company = v)}
                {text(("Address", "地址"), "letter-address", |t| t.address.clone(), |t, v| t.address = v)}
                {text(("Contact", "联系人"), "letter-contact", |t| t.contact.clone(), |t, v| t.contact = v)}
                {text(("Bank details", "银行账户"), "letter-bank", |t| t.bank.clone(), |t, v| t.bank = v)}
                {text(("Days to pay", "付款期限（天）"), "letter-pay-within", |t| t.pay_within.clone(), |t, v| t.pay_within = v)}
            </div>
            <div class="filters">
                <button class="primary" data-testid="interest-save" on:click=save>{move || i.pick("Save", "保存")}</button>
                {saved_note(saved, "interest-saved")}
            </div>
            {error_list(errors, "interest-errors")}
        </section>
    }
}

/// The action log as a table; only `customer` when given.
#[component]
pub fn LogTable(#[prop(optional, into)] customer: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    move || {
        let lang = i.lang.get();
        let d = dl(lang);
        let mut log = app.extras.with(store::log);
        if let Some(c) = &customer {
            log.retain(|e| &e.customer_id == c);
        }
        if log.is_empty() {
            return view! { <p class="muted" data-testid="log-empty">{if lang == Lang::En { "Nothing logged yet." } else { "尚无记录。" }}</p> }.into_any();
        }
        let rows = log
            .iter()
            .rev()
            .map(|e| {
                let actions = e
                    .actions
                    .iter()
                    .map(|a| a.label(d))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let invoices = e
                    .invoices
                    .iter()
                    .map(|x| x.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <tr data-testid="log-row">
                        <td>{format::date(e.date, lang)}</td>
                        <td>{e.customer_id.clone()}</td>
                        <td>{format!("{:+}", e.step_offset)} " · " {actions}</td>
                        <td>{e.channel.label(d)}</td>
                        <td class="small">{invoices}</td>
                        <td>{e.note.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        let en = lang == Lang::En;
        view! {
            <div class="table-wrap">
                <table data-testid="log-table">
                    <thead><tr>
                        <th>{if en { "Date" } else { "日期" }}</th>
                        <th>{if en { "Buyer" } else { "买方" }}</th>
                        <th>{if en { "Step" } else { "步骤" }}</th>
                        <th>{if en { "Channel" } else { "渠道" }}</th>
                        <th>{if en { "Invoices" } else { "发票" }}</th>
                        <th>{if en { "Note" } else { "备注" }}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

#[component]
fn LogPanel() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="panel no-print" data-testid="log-panel">
            <h2>{move || i.pick("Action log", "催收记录")}</h2>
            <p class="muted">{move || i.pick("What was sent or done, when, at which step, for which invoices. Kept with the portfolio and in its backup.", "发送或执行了什么、何时、哪一步、涉及哪些发票。随组合及其备份保存。")}</p>
            <LogTable/>
        </section>
    }
}

/// A buyer's dunning on its page: its policy, a hold, its log.
#[component]
pub fn BuyerDunning(id: String) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let id2 = id.clone();
    let choice = Memo::new(move |_| {
        let s = app.extras.with(store::settings);
        match s.overrides.get(&id2) {
            None => String::new(),
            Some(p) => Preset::ALL
                .into_iter()
                .find(|k| Policy::preset(*k).steps == p.steps)
                .map_or("portfolio".to_string(), |k| k.key().to_string()),
        }
    });
    let id3 = id.clone();
    let pick = move |v: String| {
        let mut s = app.extras.with_untracked(store::settings);
        match Preset::ALL.into_iter().find(|p| p.key() == v) {
            Some(p) => {
                s.overrides.insert(id3.clone(), Policy::preset(p));
            }
            None if v == "portfolio" => {
                let p = s.policy.clone();
                s.overrides.insert(id3.clone(), p);
            }
            None => {
                s.overrides.remove(&id3);
            }
        }
        app.set_extra(SETTINGS_KEY, &s);
    };
    let id4 = id.clone();
    let hold = move || {
        let lang = i.lang.get();
        let h = app.extras.with(store::holds).get(&id4).cloned()?;
        let id = id4.clone();
        let what = match h.status {
            credit_core::customer::CustomerStatus::InLegal => {
                l(lang, "In legal".into(), "已转法律程序".into())
            }
            _ => l(
                lang,
                "On hold: deliveries stopped".into(),
                "暂停：已停止发货".into(),
            ),
        };
        Some(view! {
            <p class="warn" data-testid="buyer-hold">
                {what} " " {l(lang, format!("since {} (step {:+} days)", format::date(h.since, lang), h.step_offset), format!("自 {}（{:+}天步骤）", format::date(h.since, lang), h.step_offset))}
                " " <button class="link" data-testid="lift-hold" on:click=move |_| store::lift(&app, &id)>{if lang == Lang::En { "Lift" } else { "解除" }}</button>
            </p>
        })
    };
    view! {
        <section class="panel" data-testid="buyer-dunning">
            <h2>{move || i.pick("Dunning", "催收")}</h2>
            {hold}
            <label>
                <span>{move || i.pick("Policy for this buyer", "该买方的催收政策")}</span>
                <select data-testid="buyer-policy" on:change=move |ev| pick(event_target_value(&ev))>
                    <option value="" selected=move || choice.get().is_empty()>{move || i.pick("The portfolio's", "沿用组合政策")}</option>
                    {move || { let d = dl(i.lang.get()); let c = choice.get(); Preset::ALL.into_iter().map(|p| view! { <option value=p.key() selected=c == p.key()>{p.label(d)}</option> }).collect_view() }}
                    <option value="portfolio" selected=move || choice.get() == "portfolio">{move || i.pick("A copy of the portfolio's, kept for this buyer", "组合政策副本（单独保存）")}</option>
                </select>
            </label>
            <LogTable customer=id/>
        </section>
    }
}
