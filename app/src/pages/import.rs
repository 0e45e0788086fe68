//! Import a ledger: choose where it goes and the file; the worker reads it
//! (encoding detected, or the user's choice), guesses the mapping (or takes
//! the one the portfolio remembers) and checks every row; the page shows
//! the mapping to correct, the summary and every error before anything is
//! stored. Nothing is written until the user imports — all rows, or
//! explicitly the valid ones — and an invoice already stored is skipped or
//! replaced as the user chooses.

use credit_core::import::header::Field;
use credit_core::import::{
    DateOrder, EncodingChoice, FileKind, Mapping, MergePolicy, OnExisting, Preset, RowError,
};
use credit_core::money::Currency;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::pager::Pager;
use crate::i18n::messages;
use crate::i18n::{use_i18n, Lang};
use crate::protocol::{
    field_label, field_name, Committed, Failure, Opened, Previewed, Reply, Request, Target,
};
use crate::state::use_app;
use crate::worker;

fn field_from(name: &str) -> Option<Field> {
    Field::ALL.into_iter().find(|f| field_name(*f) == name)
}

/// A preset's name in a language.
fn preset_label(p: Preset, lang: Lang) -> &'static str {
    match lang {
        Lang::En => p.label_en(),
        Lang::Zh => p.label_zh(),
    }
}

/// Currencies offered for a new portfolio and for rows without one.
pub const CURRENCIES: [&str; 14] = [
    "CNY", "EUR", "USD", "GBP", "JPY", "HKD", "CHF", "SGD", "INR", "AUD", "CAD", "KRW", "TWD",
    "NZD",
];

/// The import page.
#[component]
pub fn Import() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let target_id = RwSignal::new(
        app.open_meta
            .get_untracked()
            .map(|m| m.id)
            .unwrap_or_else(|| "new".to_string()),
    );
    let new_name = RwSignal::new(String::new());
    let currency = RwSignal::new("CNY".to_string());
    // Until the user picks one, a new portfolio takes the currency of a file
    // whose lines are all in one currency.
    let currency_chosen = RwSignal::new(false);
    let file = RwSignal::new_local(None::<web_sys::File>);
    let encoding = RwSignal::new(EncodingChoice::Auto);
    let opened = RwSignal::new(None::<Opened>);
    let mapping = RwSignal::new(Mapping::default());
    let date_order = RwSignal::new(None::<DateOrder>);
    let previewed = RwSignal::new(None::<Previewed>);
    let errors = RwSignal::new(Vec::<RowError>::new());
    let error_page = RwSignal::new(0usize);
    let on_existing = RwSignal::new(OnExisting::Skip);
    let header_row = RwSignal::new(None::<usize>);
    let preset_choice = RwSignal::new(None::<Preset>);
    let reconcile = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let done = RwSignal::new(None::<Committed>);
    let busy = RwSignal::new(false);
    let progress = worker::progress();

    let cur = move || Currency::new(&currency.get_untracked()).unwrap_or(Currency::CNY);
    let target = move || {
        let id = target_id.get_untracked();
        if id == "new" {
            let name = new_name.get_untracked();
            let name = if name.trim().is_empty() {
                i.pick("Imported ledger", "导入的账簿").to_string()
            } else {
                name
            };
            Target::New {
                name,
                currency: cur(),
            }
        } else {
            Target::Existing { id }
        }
    };

    let check = move || {
        busy.set(true);
        failure.set(None);
        let req = Request::Preview {
            mapping: mapping.get_untracked(),
            date_order: date_order.get_untracked(),
            decimal: None,
            currency: cur(),
            target: target(),
            file_date: Some(crate::browser::today()),
            locale: (!currency_chosen.get_untracked()).then(crate::browser::navigator_language),
        };
        spawn_local(async move {
            match worker::call(&req, None).await {
                Reply::Previewed(p) => {
                    if target_id.get_untracked() == "new" && !currency_chosen.get_untracked() {
                        if let [only] = p.summary.totals.as_slice() {
                            currency.set(only.currency.code().to_string());
                        }
                    }
                    errors.set(p.errors.clone());
                    error_page.set(0);
                    previewed.set(Some(p));
                }
                Reply::Failed(f) => {
                    previewed.set(None);
                    failure.set(Some(f));
                }
                _ => {}
            }
            busy.set(false);
        });
    };

    let open = move || {
        let Some(f) = file.get_untracked() else {
            return;
        };
        busy.set(true);
        failure.set(None);
        done.set(None);
        previewed.set(None);
        opened.set(None);
        let remembered_from = match target_id.get_untracked() {
            id if id == "new" => None,
            id => Some(id),
        };
        let req = Request::Open {
            file_name: f.name(),
            encoding: encoding.get_untracked(),
            remembered_from,
            header_row: header_row.get_untracked(),
            preset: preset_choice.get_untracked(),
        };
        spawn_local(async move {
            match worker::call(&req, Some(&f)).await {
                Reply::Opened(o) => {
                    mapping.set(o.mapping.clone());
                    opened.set(Some(o));
                    busy.set(false);
                    check();
                }
                Reply::Failed(e) => {
                    failure.set(Some(e));
                    busy.set(false);
                }
                _ => busy.set(false),
            }
        });
    };

    let load_errors = move |page: usize| {
        let req = Request::Errors {
            offset: page * crate::protocol::ERRORS_PER_PAGE,
        };
        spawn_local(async move {
            if let Reply::Errors { errors: e, .. } = worker::call(&req, None).await {
                errors.set(e);
            }
        });
    };
    Effect::new(move |prev: Option<usize>| {
        let p = error_page.get();
        if prev.is_some_and(|q| q != p) {
            load_errors(p);
        }
        p
    });

    let download_errors = move |_| {
        spawn_local(async move {
            if let Reply::Csv { text } = worker::call(&Request::ErrorsCsv, None).await {
                let _ = crate::browser::download("import-errors.csv", "text/csv", &text);
            }
        });
    };

    let commit = move |policy: MergePolicy| {
        busy.set(true);
        failure.set(None);
        let req = Request::Commit {
            target: target(),
            policy,
            on_existing: on_existing.get_untracked(),
            reconcile: reconcile.get_untracked() && target_id.get_untracked() != "new",
        };
        spawn_local(async move {
            match worker::call(&req, None).await {
                Reply::Committed(c) => {
                    // The file and its preview are done with.
                    worker::release();
                    crate::browser::request_persist();
                    app.open_stored(c.id.clone());
                    app.refresh();
                    target_id.set(c.id.clone());
                    previewed.set(None);
                    opened.set(None);
                    done.set(Some(c));
                }
                Reply::Failed(f) => failure.set(Some(f)),
                _ => {}
            }
            busy.set(false);
        });
    };

    let target_options = move || {
        let mut opts = vec![view! {
            <option value="new" selected=move || target_id.get() == "new">
                {move || i.pick("A new portfolio", "新建组合")}
            </option>
        }
        .into_any()];
        for m in app.portfolios.get() {
            let id = m.id.clone();
            let sel = id.clone();
            opts.push(
                view! { <option value=id selected=move || target_id.get() == sel>{m.name.clone()}</option> }
                    .into_any(),
            );
        }
        opts
    };

    let mapping_table = move || {
        let lang = i.lang.get();
        let o = opened.get()?;
        let m = mapping.get();
        let rows = o
            .headers
            .iter()
            .enumerate()
            .map(|(col, h)| {
                let current = m
                    .columns
                    .get(col)
                    .copied()
                    .flatten()
                    .map(field_name)
                    .unwrap_or_default();
                let samples = o
                    .sample
                    .iter()
                    .filter_map(|r| r.get(col).cloned())
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" · ");
                let options = std::iter::once((
                    "".to_string(),
                    match lang {
                        Lang::En => "(ignore)".to_string(),
                        Lang::Zh => "（忽略）".to_string(),
                    },
                ))
                .chain(Field::ALL.iter().map(|f| {
                    (
                        field_name(*f),
                        field_label(lang == Lang::Zh, &field_name(*f)),
                    )
                }))
                .map(|(v, label)| {
                    let sel = v == current;
                    view! { <option value=v selected=sel>{label}</option> }
                })
                .collect_view();
                view! {
                    <tr data-testid="map-row">
                        <td data-testid="map-header">{h.clone()}</td>
                        <td class="muted">{samples}</td>
                        <td>
                            <select
                                data-testid=format!("map-{col}")
                                disabled=move || busy.get()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    mapping.update(|m| m.set(col, field_from(&v)));
                                    check();
                                }
                            >
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let enc = o.encoding.map(|e| format!("{e:?}")).unwrap_or_default();
        let delim = match o.delimiter {
            Some('\t') => "Tab".to_string(),
            Some(c) => c.to_string(),
            None => String::new(),
        };
        Some(view! {
            <section class="card">
                <h2>{i.pick("Columns", "列映射")}</h2>
                <p class="muted" data-testid="file-info" data-ms=o.elapsed_ms.to_string()>
                    {format!("{} {} · {} {} · {} {}", o.rows, i.pick("rows", "行"), i.pick("encoding", "编码"), enc, i.pick("delimiter", "分隔符"), delim)}
                    {o.remembered.then(|| view! { <span data-testid="mapping-remembered">{format!(" · {}", i.pick("mapping remembered from the last import", "已沿用上次导入的映射"))}</span> })}
                </p>
                <p class="muted" data-testid="header-info">
                    {format!("{} {}", i.pick("Header on row", "标题行：第"), o.header_row)}
                    {(lang == Lang::Zh).then_some(" 行")}
                    {(!o.title_rows.is_empty()).then(|| format!(" · {}: {}", i.pick("above it", "其上方"), o.title_rows.join(" | ")))}
                </p>
                {o.preset.as_deref().and_then(Preset::from_id).map(|p| view! {
                    <p class="ok" data-testid="preset-recognised">
                        {format!("{}: {}", i.pick("Export recognised", "已识别导出格式"), preset_label(p, lang))}
                    </p>
                })}
                <div class="form-grid">
                    <label>
                        {i.pick("Export format", "导出格式")}
                        <select data-testid="import-preset" on:change=move |ev| {
                            preset_choice.set(Preset::from_id(&event_target_value(&ev)));
                            open();
                        }>
                            <option value="">{i.pick("Recognise from the headers", "按标题自动识别")}</option>
                            {Preset::ALL.into_iter().map(|p| view! {
                                <option value=p.id() selected=move || preset_choice.get() == Some(p)>{preset_label(p, lang)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {i.pick("Header row", "标题所在行")}
                        <input type="number" min="1" data-testid="import-header-row"
                            prop:value=o.header_row.to_string()
                            on:change=move |ev| {
                                header_row.set(event_target_value(&ev).trim().parse().ok().filter(|n: &usize| *n >= 1));
                                open();
                            }/>
                    </label>
                </div>
                <table class="data">
                    <thead><tr>
                        <th>{i.pick("Column in the file", "文件中的列")}</th>
                        <th>{i.pick("First values", "前几个值")}</th>
                        <th>{i.pick("Imported as", "导入为")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        })
    };

    let summary = move || {
        let lang = i.lang.get();
        let p = previewed.get()?;
        let s = &p.summary;
        let kind = match (p.kind, lang) {
            (FileKind::Invoices, Lang::En) => "invoices",
            (FileKind::Invoices, Lang::Zh) => "发票",
            (FileKind::Payments, Lang::En) => "payments",
            (FileKind::Payments, Lang::Zh) => "付款",
            (FileKind::Customers, Lang::En) => "customers",
            (FileKind::Customers, Lang::Zh) => "客户",
        };
        let totals = s
            .totals
            .iter()
            .map(|t| {
                view! {
                    <li data-testid="summary-total" data-currency=t.currency.code().to_string()>
                        {format!("{} {} · {} {}", t.currency.code(), crate::format::amount(t.gross, t.currency), t.invoices, i.pick("invoices", "张发票"))}
                    </li>
                }
            })
            .collect_view();
        let warnings = (!p.warnings.is_empty()).then(|| {
            let items = p
                .warnings
                .iter()
                .map(|w| {
                    let text = if lang == Lang::En {
                        w.en.clone()
                    } else {
                        w.zh.clone()
                    };
                    view! { <li class=w.class.clone() data-testid="import-warning">{text}</li> }
                })
                .collect_view();
            view! { <ul class="warnings">{items}</ul> }
        });
        let balances = (!p.balances.is_empty()).then(|| {
            let rows = p
                .balances
                .iter()
                .map(|(id, c, x)| {
                    view! {
                        <tr data-testid="balance-row">
                            <td data-testid="balance-buyer">{id.clone()}</td>
                            <td class="num" data-testid="balance-amount">{crate::format::amount(*x, *c)}</td>
                            <td>{c.code().to_string()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let as_of = p
                .file_date
                .map(|d| format!(" ({} {})", i.pick("as of", "截至"), crate::format::date(d, lang)))
                .unwrap_or_default();
            let more = (p.balances_count > crate::protocol::BALANCES_SHOWN).then(|| {
                format!(
                    "{} {} {}",
                    i.pick("The largest", "最大的"),
                    p.balances.len(),
                    match lang {
                        Lang::En => format!("of {} buyers.", p.balances_count),
                        Lang::Zh => format!("个（共 {} 个客户）。", p.balances_count),
                    }
                )
            });
            view! {
                <h3>{format!("{}{}", i.pick("Balance per buyer after import", "导入后各客户余额（净额）"), as_of)}</h3>
                <p class="muted">{i.pick("Net of credit notes, overpayments and payments on account: what the dashboard will show.", "已扣除红字发票、多付款和预收款：即仪表盘将显示的金额。")} {more}</p>
                <table class="data" data-testid="import-balances">
                    <thead><tr>
                        <th>{i.pick("Buyer", "客户")}</th>
                        <th class="num">{i.pick("Net balance", "净余额")}</th>
                        <th>{i.pick("Currency", "币种")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        });
        let range = s
            .date_range
            .map(|(a, b)| {
                format!(
                    "{} – {}",
                    crate::format::date(a, lang),
                    crate::format::date(b, lang)
                )
            })
            .unwrap_or_default();
        Some(view! {
            <section class="card" data-testid="import-summary" data-ms=p.elapsed_ms.to_string()>
                <h2>{i.pick("Before anything is stored", "导入前预览")}</h2>
                <dl class="summary">
                    <dt>{i.pick("File holds", "文件内容")}</dt><dd data-testid="summary-kind">{kind}</dd>
                    <dt>{i.pick("Rows", "行数")}</dt><dd data-testid="summary-rows">{s.rows}</dd>
                    <dt>{i.pick("Valid rows", "有效行")}</dt><dd data-testid="summary-valid">{s.valid_rows}</dd>
                    <dt>{i.pick("Rows with errors", "有错误的行")}</dt><dd data-testid="summary-error-rows">{s.error_rows}</dd>
                    <dt>{i.pick("Buyers", "客户数")}</dt><dd data-testid="summary-buyers">{s.buyers}</dd>
                    <dt>{i.pick("Dates", "日期范围")}</dt><dd data-testid="summary-range">{range}</dd>
                    <dt>{i.pick("Duplicate ids in the file", "文件内重复编号")}</dt><dd data-testid="summary-duplicates">{s.duplicates}</dd>
                    <dt>{i.pick("Already in the portfolio", "组合中已有")}</dt><dd data-testid="summary-existing">{p.existing}</dd>
                </dl>
                <ul class="totals">{totals}</ul>
                {warnings}
                {balances}
            </section>
        })
    };

    let error_list = move || {
        let lang = i.lang.get();
        let p = previewed.get()?;
        if p.error_count == 0 {
            return None;
        }
        let rows = errors
            .get()
            .into_iter()
            .map(|e| {
                view! {
                    <tr data-testid="import-error-row" title=messages::row_error(lang, &e)>
                        <td>{e.file.clone()}</td>
                        <td class="num" data-testid="error-row">{e.row}</td>
                        <td data-testid="error-column">{e.column.clone()}</td>
                        <td data-testid="error-value">{e.value.clone()}</td>
                        <td data-testid="error-reason">{messages::reason(lang, e.reason)}</td>
                    </tr>
                }
            })
            .collect_view();
        let count = p.error_count;
        Some(view! {
            <section class="card" data-testid="import-errors">
                <h2>{format!("{} ({})", i.pick("Errors", "错误"), count)}</h2>
                <button class="secondary" data-testid="import-errors-csv" on:click=download_errors>
                    {i.pick("Download all errors (CSV)", "下载全部错误（CSV）")}
                </button>
                <table class="data">
                    <thead><tr>
                        <th>{i.pick("File", "文件")}</th>
                        <th class="num">{i.pick("Row", "行")}</th>
                        <th>{i.pick("Column", "列")}</th>
                        <th>{i.pick("Value", "值")}</th>
                        <th>{i.pick("Reason", "原因")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <Pager total=Signal::derive(move || count) page=error_page/>
            </section>
        })
    };

    let actions = move || {
        let p = previewed.get()?;
        let blocked = p.needs_date_order;
        let errs = p.error_count;
        let valid = p.summary.valid_rows;
        let existing = (p.existing > 0).then(|| {
            let sample = p.existing_sample.join(", ");
            view! {
                <div class="existing" data-testid="existing-choice">
                    <p>{format!("{} {} ({}{})", p.existing, i.pick("ids are already in the portfolio", "个编号已在组合中"), sample, if p.existing > p.existing_sample.len() { ", …" } else { "" })}</p>
                    <label><input type="radio" name="on-existing" data-testid="on-existing-skip" prop:checked=move || on_existing.get() == OnExisting::Skip on:change=move |_| on_existing.set(OnExisting::Skip)/>{i.pick("Keep the stored ones (skip)", "保留已存储的（跳过）")}</label>
                    <label><input type="radio" name="on-existing" data-testid="on-existing-replace" prop:checked=move || on_existing.get() == OnExisting::Replace on:change=move |_| on_existing.set(OnExisting::Replace)/>{i.pick("Replace them with the file's", "用文件中的替换")}</label>
                </div>
            }
        });
        let next_export = (target_id.get() != "new" && p.kind == FileKind::Invoices).then(|| view! {
            <label class="check">
                <input type="checkbox" data-testid="import-reconcile"
                    prop:checked=move || reconcile.get()
                    on:change=move |ev| reconcile.set(event_target_checked(&ev))/>
                {i.pick("This is the next open-items list of this portfolio: close what is no longer in it (paid) and update what changed", "这是本组合的下一期未清项清单：关闭清单中已不存在的项目（视为已收款），并更新有变动的项目")}
            </label>
        });
        Some(view! {
            <section class="card actions">
                {next_export}
                {existing}
                {blocked.then(|| view! { <p class="warn" data-testid="date-order-needed">{i.pick("The dates can be read day/month or month/day: choose the date order above.", "日期可读作日/月或月/日：请在上方选择日期顺序。")}</p> })}
                <button data-testid="import-commit" disabled=move || { busy.get() || blocked || errs > 0 } on:click=move |_| commit(MergePolicy::AllOrNothing)>
                    {i.pick("Import", "导入")}
                </button>
                {(errs > 0).then(|| view! {
                    <button class="secondary" data-testid="import-valid-only" disabled=move || { busy.get() || blocked || valid == 0 } on:click=move |_| commit(MergePolicy::ValidRowsOnly)>
                        {format!("{} {} {}", i.pick("Import only the", "仅导入"), valid, i.pick("valid rows", "行有效数据"))}
                    </button>
                })}
                {(errs > 0).then(|| view! { <p class="muted">{i.pick("The file has errors: nothing is imported unless you choose to import the valid rows only.", "文件有错误：除非选择仅导入有效行，否则不会导入任何内容。")}</p> })}
            </section>
        })
    };

    view! {
        <section class="page import">
            <h1>{move || i.pick("Import a ledger", "导入账簿")}</h1>
            <p class="muted">{move || i.pick("CSV (UTF-8, UTF-16, GBK/GB18030; comma, semicolon or tab) or XLSX, with English or Chinese headers. The file is read in this browser and never leaves it.", "CSV（UTF-8、UTF-16、GBK/GB18030；逗号、分号或制表符分隔）或 XLSX，中英文标题均可。文件只在本浏览器中读取，不会离开本机。")}</p>
            <div class="card form-grid">
                <label>
                    {move || i.pick("Into", "导入到")}
                    <select data-testid="import-target" on:change=move |ev| { target_id.set(event_target_value(&ev)); if opened.get_untracked().is_some() { check(); } }>
                        {target_options}
                    </select>
                </label>
                <Show when=move || target_id.get() == "new">
                    <label>
                        {move || i.pick("Name", "名称")}
                        <input data-testid="import-new-name" prop:value=move || new_name.get() placeholder=move || i.pick("Imported ledger", "导入的账簿") on:input=move |ev| new_name.set(event_target_value(&ev))/>
                    </label>
                </Show>
                <label>
                    {move || i.pick("Currency of rows without one", "无币种行的币种")}
                    <select data-testid="import-currency" prop:value=move || currency.get() on:change=move |ev| { currency.set(event_target_value(&ev)); currency_chosen.set(true); if opened.get_untracked().is_some() { check(); } }>
                        {CURRENCIES.iter().map(|c| view! { <option value=*c selected=move || currency.get() == *c>{*c}</option> }).collect_view()}
                        {move || {
                            let c = currency.get();
                            (!CURRENCIES.contains(&c.as_str())).then(|| view! { <option value=c.clone() selected=true>{c.clone()}</option> })
                        }}
                    </select>
                </label>
                <label>
                    {move || i.pick("File", "文件")}
                    <input type="file" data-testid="import-file" accept=".csv,.txt,.tsv,.xlsx"
                        on:change=move |ev| {
                            let input = event_target::<web_sys::HtmlInputElement>(&ev);
                            file.set(input.files().and_then(|l| l.get(0)));
                            open();
                        }/>
                </label>
                <label>
                    {move || i.pick("Encoding", "编码")}
                    <select data-testid="import-encoding" on:change=move |ev| {
                        encoding.set(match event_target_value(&ev).as_str() {
                            "utf8" => EncodingChoice::Utf8,
                            "utf16le" => EncodingChoice::Utf16Le,
                            "utf16be" => EncodingChoice::Utf16Be,
                            "gb18030" => EncodingChoice::Gb18030,
                            "windows1252" => EncodingChoice::Windows1252,
                            _ => EncodingChoice::Auto,
                        });
                        open();
                    }>
                        <option value="auto">{move || i.pick("Detect", "自动检测")}</option>
                        <option value="utf8">"UTF-8"</option>
                        <option value="utf16le">"UTF-16LE"</option>
                        <option value="utf16be">"UTF-16BE"</option>
                        <option value="gb18030">"GBK / GB18030"</option>
                        <option value="windows1252">{move || i.pick("Windows-1252 / Latin-1 (German, French Excel)", "Windows-1252 / Latin-1（德文、法文 Excel）")}</option>
                    </select>
                </label>
                <label>
                    {move || i.pick("Date order", "日期顺序")}
                    <select data-testid="import-date-order" on:change=move |ev| {
                        date_order.set(match event_target_value(&ev).as_str() {
                            "dmy" => Some(DateOrder::Dmy),
                            "mdy" => Some(DateOrder::Mdy),
                            "ymd" => Some(DateOrder::Ymd),
                            _ => None,
                        });
                        if opened.get_untracked().is_some() { check(); }
                    }>
                        <option value="">{move || i.pick("From the file", "按文件判断")}</option>
                        <option value="dmy">{move || i.pick("Day/month/year (31/03/2025)", "日/月/年（31/03/2025）")}</option>
                        <option value="mdy">{move || i.pick("Month/day/year (03/31/2025)", "月/日/年（03/31/2025）")}</option>
                        <option value="ymd">{move || i.pick("Year/month/day (2025/03/31)", "年/月/日（2025/03/31）")}</option>
                    </select>
                </label>
            </div>
            {move || progress.get().map(|(phase, permille)| view! {
                <div class="progress" data-testid="import-progress" role="status">
                    <span>{messages::phase(i.lang.get(), phase)}</span>
                    <progress max="1000" value=permille.to_string()></progress>
                </div>
            })}
            {move || failure.get().map(|f| {
                let retry = matches!(f, Failure::WorkerStopped { .. }).then(|| view! {
                    <button data-testid="import-retry" on:click=move |_| open()>{i.pick("Try again", "重试")}</button>
                });
                view! { <p class="error" role="alert" data-testid="import-failure">{messages::failure(i.lang.get(), &f)} " " {retry}</p> }
            })}
            {move || done.get().map(|c| view! {
                <section class="card done" data-testid="import-done" data-merge-ms=c.merge_ms.to_string() data-save-ms=c.save_ms.to_string()>
                    <p>{format!("{}: {} {}, {} {}, {} {}, {} {}, {} {}.",
                        i.pick("Imported", "已导入"),
                        c.added, i.pick("invoices added", "张发票新增"),
                        c.replaced, i.pick("replaced", "张替换"),
                        c.skipped, i.pick("skipped", "张跳过"),
                        c.customers_added, i.pick("buyers added", "个客户新增"),
                        c.rows_left_out, i.pick("rows left out", "行未导入"))}</p>
                    {c.reconciled.then(|| view! {
                        <p data-testid="import-reconciled">{format!("{}: {} {}, {} {}, {} {}.",
                            i.pick("Next open-items list", "下一期未清项"),
                            c.closed, i.pick("closed as paid", "项已关闭（已收款）"),
                            c.updated, i.pick("updated", "项已更新"),
                            c.unchanged, i.pick("unchanged", "项无变动"))}</p>
                    })}
                    {(!c.currencies_without_rate.is_empty()).then(|| view! { <p class="warn">{format!("{} {}", i.pick("No exchange rate yet for:", "尚无汇率：") , c.currencies_without_rate.iter().map(|c| c.code().to_string()).collect::<Vec<_>>().join(", "))}</p> })}
                    <a href="/" data-testid="import-open-dashboard">{i.pick("See it aged on the dashboard", "在仪表盘查看账龄")}</a>
                </section>
            })}
            {mapping_table}
            {summary}
            {error_list}
            {actions}
        </section>
    }
}
