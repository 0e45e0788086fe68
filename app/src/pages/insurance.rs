//! The Insurance page (`credit_core::insurance`): what the trade credit
//! insurance policy covers, the insurer's deadlines, what a claim would pay
//! and which papers are missing, and whether the premium pays for itself.
//!
//! - **The policy**: every term of DOMAIN.md as a form, checked field by
//!   field before it is kept with the portfolio; a buyer's insured limit set
//!   here overrides the ledger's.
//! - **Cover**: open receivables without VAT per buyer, insured (up to the
//!   insured limit) and uninsured, buyers above their limit, invoices
//!   outside cover (disputed; overdue past the notification deadline with
//!   no notification); a chart of the largest exposures.
//! - **Deadlines**: for every overdue insured invoice the end of the
//!   maximum extension period, the notification due date, the day a claim
//!   becomes payable and the filing deadline; what is due in the next seven
//!   days first. "Notified" records the overdue notification (dated the
//!   report date); deadlines also raise alerts on the dashboard.
//! - **Claim simulator**: a buyer, the event, its date and recoveries (and
//!   the year's earlier losses and indemnities) → the waterfall step by
//!   step and what stays with the policyholder; the buyer's claim readiness
//!   checklist (papers ticked here are kept with the portfolio).
//! - **Is it worth it**: premium against the expected loss with and without
//!   the policy, grades: each buyer's rating (saved, else computed from the ledger; a buyer not assessed counts at the neutral grade 5).

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use credit_core::dates::parse_iso;
use credit_core::insurance::{
    cover, deadlines, due_within, readiness, simulate_claim, step_label, verdict_text, worth_it,
    BuyerCover, ClaimInput, Cover, DeadlineKind, DefaultEvent, Doc, DocState, Notification, Policy,
    Verdict,
};
use credit_core::money::{parse_amount, Currency};
use credit_core::{Decimal, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::as_of::AsOfInput;
use crate::components::settings_form::{error_list, saved_note, FormText, SettingsForm};
use crate::components::svg::scale;
use crate::format;
use crate::i18n::{use_i18n, Lang};
use crate::insurance::{self as store, lang as il, DOCS_KEY, NOTIFIED_KEY, POLICY_KEY};
use crate::state::{use_app, Open};

fn l(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A deadline kind's name.
pub fn kind_text(k: DeadlineKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (DeadlineKind::MepEnd, Lang::En) => "Maximum extension period ends",
        (DeadlineKind::MepEnd, Lang::Zh) => "最长延展期届满",
        (DeadlineKind::NotifyBy, Lang::En) => "Overdue notification due",
        (DeadlineKind::NotifyBy, Lang::Zh) => "逾期申报截止",
        (DeadlineKind::ClaimPayable, Lang::En) => "Claim payable from",
        (DeadlineKind::ClaimPayable, Lang::Zh) => "可索赔日",
        (DeadlineKind::FileClaimBy, Lang::En) => "File the claim by",
        (DeadlineKind::FileClaimBy, Lang::Zh) => "索赔提交截止",
    }
}

/// The page.
#[component]
pub fn Insurance() -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let body = move || {
        let Some(p) = app.portfolio.get() else {
            return view! {
                <section class="panel"><p class="muted">{move || i.pick("Open a portfolio or load the demo to see its insurance cover.", "请打开组合或加载演示数据以查看保险保障。")}</p></section>
            }
            .into_any();
        };
        // The cover, computed once for the cover panel and the claim
        // simulator's list of buyers.
        let report = cover_memo(p.clone());
        view! {
            <PolicyForm portfolio=p.clone()/>
            <CoverPanel report=report/>
            <DeadlinesPanel portfolio=p.clone()/>
            <ClaimPanel portfolio=p.clone() report=report/>
            <WorthPanel portfolio=p/>
        }
        .into_any()
    };
    view! {
        <div class="page-head">
            <h1>{move || i.pick("Credit insurance", "信用保险")}</h1>
            <AsOfInput/>
        </div>
        {body}
    }
}

/// The policy as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct Typed {
    insurer: String,
    number: String,
    pct: String,
    nql: String,
    afl: String,
    max_liability: String,
    rate: String,
    min_premium: String,
    turnover: String,
    mep: String,
    notify: String,
    protracted: String,
    filing: String,
    year_start: String,
    lgd: String,
}

fn pct_text(x: Decimal) -> String {
    (x * Decimal::ONE_HUNDRED).normalize().to_string()
}

fn amt_text(x: Decimal) -> String {
    x.normalize().to_string()
}

impl FormText for Typed {
    type Value = Policy;

    fn of(p: &Policy) -> Self {
        Typed {
            insurer: p.insurer.clone(),
            number: p.policy_number.clone(),
            pct: pct_text(p.indemnity_pct),
            nql: amt_text(p.non_qualifying_loss),
            afl: amt_text(p.aggregate_first_loss),
            max_liability: p.max_liability.map(amt_text).unwrap_or_default(),
            rate: pct_text(p.premium_rate),
            min_premium: amt_text(p.minimum_premium),
            turnover: p.insured_turnover.map(amt_text).unwrap_or_default(),
            mep: p.mep_days.to_string(),
            notify: p.notification_days.to_string(),
            protracted: p.protracted_default_days.to_string(),
            filing: p.claim_filing_days.to_string(),
            year_start: p.year_start.to_string(),
            lgd: pct_text(p.lgd),
        }
    }

    /// The policy with these values, or each field that cannot be read.
    fn apply(&self, mut p: Policy, lang: Lang) -> Result<Policy, Vec<String>> {
        let mut errors = Vec::new();
        let mut bad = |name: (&str, &str), v: &str, why: (&str, &str)| {
            errors.push(l(
                lang,
                format!("{}: '{v}' {}", name.0, why.0),
                format!("{}：“{v}”{}", name.1, why.1),
            ))
        };
        let amount = |v: &str| parse_amount(v.trim(), false).ok();
        let days = |v: &str| {
            v.trim()
                .parse::<i64>()
                .ok()
                .filter(|d| (0..=3650).contains(d))
        };
        const AMT: (&str, &str) = (
            "is not an amount of zero or more.",
            "不是大于等于零的金额。",
        );
        const PCT: (&str, &str) = ("is not a percentage.", "不是百分比。");
        const DAYS: (&str, &str) = (
            "is not a number of days from 0 to 3650.",
            "不是 0 到 3650 之间的天数。",
        );
        p.insurer = self.insurer.trim().to_string();
        p.policy_number = self.number.trim().to_string();
        match amount(&self.pct) {
            Some(x) => p.indemnity_pct = x / Decimal::ONE_HUNDRED,
            None => bad(("Indemnity", "赔付比例"), &self.pct, PCT),
        }
        match amount(&self.nql) {
            Some(x) => p.non_qualifying_loss = x,
            None => bad(("Non-qualifying loss", "不予赔付损失额"), &self.nql, AMT),
        }
        match amount(&self.afl) {
            Some(x) => p.aggregate_first_loss = x,
            None => bad(("Aggregate first loss", "累计自负额"), &self.afl, AMT),
        }
        if self.max_liability.trim().is_empty() {
            p.max_liability = None;
        } else {
            match amount(&self.max_liability) {
                Some(x) => p.max_liability = Some(x),
                None => bad(
                    ("Maximum liability", "最高赔偿限额"),
                    &self.max_liability,
                    AMT,
                ),
            }
        }
        match amount(&self.rate) {
            Some(x) => p.premium_rate = x / Decimal::ONE_HUNDRED,
            None => bad(("Premium rate", "费率"), &self.rate, PCT),
        }
        match amount(&self.min_premium) {
            Some(x) => p.minimum_premium = x,
            None => bad(("Minimum premium", "最低保费"), &self.min_premium, AMT),
        }
        if self.turnover.trim().is_empty() {
            p.insured_turnover = None;
        } else {
            match amount(&self.turnover) {
                Some(x) => p.insured_turnover = Some(x),
                None => bad(("Insured turnover", "投保营业额"), &self.turnover, AMT),
            }
        }
        match days(&self.mep) {
            Some(x) => p.mep_days = x,
            None => bad(("Maximum extension period", "最长延展期"), &self.mep, DAYS),
        }
        match days(&self.notify) {
            Some(x) => p.notification_days = x,
            None => bad(
                ("Notification deadline", "逾期申报期限"),
                &self.notify,
                DAYS,
            ),
        }
        match days(&self.protracted) {
            Some(x) => p.protracted_default_days = x,
            None => bad(
                ("Protracted default waiting period", "拖欠等待期"),
                &self.protracted,
                DAYS,
            ),
        }
        match days(&self.filing) {
            Some(x) => p.claim_filing_days = x,
            None => bad(
                ("Claim filing deadline", "索赔申请期限"),
                &self.filing,
                DAYS,
            ),
        }
        match parse_iso(self.year_start.trim()) {
            Some(d) => p.year_start = d,
            None => bad(
                ("Policy year starts", "保单年度起始日"),
                &self.year_start,
                ("is not a date (YYYY-MM-DD).", "不是日期（YYYY-MM-DD）。"),
            ),
        }
        match amount(&self.lgd) {
            Some(x) => p.lgd = x / Decimal::ONE_HUNDRED,
            None => bad(("Loss given default", "违约损失率"), &self.lgd, PCT),
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        p.validate()
            .map_err(|v| v.iter().map(|e| e.message(il(lang))).collect::<Vec<_>>())?;
        Ok(p)
    }
}

#[component]
fn PolicyForm(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let form = SettingsForm::<Typed>::new(POLICY_KEY, store::policy);
    let SettingsForm {
        current,
        errors,
        saved,
        ..
    } = form;
    let save = move |_| form.save();
    let field = move |label: (&'static str, &'static str),
                      id: &'static str,
                      get: fn(&Typed) -> String,
                      put: fn(&mut Typed, String)| form.text(label, id, get, put);
    // A buyer's insured limit.
    let buyer = RwSignal::new(String::new());
    let limit = RwSignal::new(String::new());
    let limit_error: RwSignal<Option<String>> = RwSignal::new(None);
    let set_limit = move |remove: bool| {
        let lang = i.lang.get_untracked();
        let id = buyer.get_untracked();
        if id.is_empty() {
            return;
        }
        let mut p = current.get_untracked();
        if remove {
            p.limits.remove(&id);
        } else {
            let v = limit.get_untracked();
            match parse_amount(v.trim(), false) {
                Ok(x) => {
                    p.limits.insert(id, x);
                }
                Err(_) => {
                    limit_error.set(Some(l(
                        lang,
                        format!("Insured limit: '{v}' is not an amount of zero or more."),
                        format!("保险限额：“{v}”不是大于等于零的金额。"),
                    )));
                    return;
                }
            }
        }
        limit_error.set(None);
        limit.set(String::new());
        app.set_extra(POLICY_KEY, &p);
    };
    let mut options: Vec<(String, String)> = portfolio
        .customers
        .iter()
        .map(|c| (c.id.clone(), format!("{} · {}", c.name, c.id)))
        .collect();
    options.sort_by(|a, b| a.1.cmp(&b.1));
    let cur = portfolio.base_currency();
    let overrides = move || {
        let lang = i.lang.get();
        let p = current.get();
        (!p.limits.is_empty()).then(|| {
            let items = p
                .limits
                .iter()
                .map(|(id, x)| view! { <li data-testid="limit-override">{id.clone()} ": " {format::money(*x, cur)}</li> })
                .collect_view();
            view! { <p class="muted">{if lang == Lang::En { "Insured limits set here:" } else { "此处设定的保险限额：" }}</p><ul>{items}</ul> }
        })
    };
    view! {
        <section class="panel" data-testid="policy-form">
            <h2>{move || i.pick("The policy", "保单")}</h2>
            <p class="muted">{move || if app.extras.with(store::has_policy) {
                i.pick("Amounts in the portfolio's base currency, without VAT (VAT is never insured).", "金额以组合本位币计，不含增值税（增值税不在保障范围内）。")
            } else {
                i.pick("No policy entered yet: the figures below use the usual terms (90 % indemnity, 60-day maximum extension period, notification within 30 days after it, 180-day waiting period) and the insured limits in the ledger.", "尚未录入保单：以下数字按常见条款（赔付 90%，最长延展期 60 天，其后 30 天内申报，等待期 180 天）及账簿中的保险限额计算。")
            }}</p>
            <div class="form-grid">
                {field(("Insurer", "保险公司"), "pol-insurer", |t| t.insurer.clone(), |t, v| t.insurer = v)}
                {field(("Policy number", "保单号"), "pol-number", |t| t.number.clone(), |t, v| t.number = v)}
                {field(("Indemnity (%)", "赔付比例（%）"), "pol-pct", |t| t.pct.clone(), |t, v| t.pct = v)}
                {field(("Non-qualifying loss", "不予赔付损失额"), "pol-nql", |t| t.nql.clone(), |t, v| t.nql = v)}
                {field(("Aggregate first loss", "累计自负额"), "pol-afl", |t| t.afl.clone(), |t, v| t.afl = v)}
                {field(("Maximum liability per year (blank: none)", "年度最高赔偿限额（空白：无）"), "pol-max", |t| t.max_liability.clone(), |t, v| t.max_liability = v)}
                {field(("Premium rate (% of insured turnover)", "费率（投保营业额的 %）"), "pol-rate", |t| t.rate.clone(), |t, v| t.rate = v)}
                {field(("Minimum premium", "最低保费"), "pol-min-premium", |t| t.min_premium.clone(), |t, v| t.min_premium = v)}
                {field(("Insured turnover a year (blank: the ledger's)", "年投保营业额（空白：按账簿）"), "pol-turnover", |t| t.turnover.clone(), |t, v| t.turnover = v)}
                {field(("Maximum extension period (days after due)", "最长延展期（到期后天数）"), "pol-mep", |t| t.mep.clone(), |t, v| t.mep = v)}
                {field(("Overdue notification (days after it)", "逾期申报期限（其后天数）"), "pol-notify", |t| t.notify.clone(), |t, v| t.notify = v)}
                {field(("Protracted default waiting period (days after due)", "拖欠等待期（到期后天数）"), "pol-protracted", |t| t.protracted.clone(), |t, v| t.protracted = v)}
                {field(("Claim filing deadline (days)", "索赔申请期限（天）"), "pol-filing", |t| t.filing.clone(), |t, v| t.filing = v)}
                {field(("Policy year starts", "保单年度起始日"), "pol-year-start", |t| t.year_start.clone(), |t, v| t.year_start = v)}
                {field(("Loss given default (%)", "违约损失率（%）"), "pol-lgd", |t| t.lgd.clone(), |t, v| t.lgd = v)}
            </div>
            <div class="filters">
                <button class="primary" data-testid="policy-save" on:click=save>{move || i.pick("Save policy", "保存保单")}</button>
                {saved_note(saved, "policy-saved")}
            </div>
            {error_list(errors, "policy-errors")}
            <h3>{move || i.pick("A buyer's insured limit", "单个买方的保险限额")}</h3>
            <div class="filters">
                <label>
                    <span>{move || i.pick("Buyer", "买方")}</span>
                    <select data-testid="limit-buyer" on:change=move |ev| buyer.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || i.pick("Insured limit", "保险限额")}</span>
                    <input type="text" data-testid="limit-amount" prop:value=move || limit.get() on:input=move |ev| limit.set(event_target_value(&ev))/>
                </label>
                <button data-testid="limit-set" on:click=move |_| set_limit(false)>{move || i.pick("Set", "设定")}</button>
                <button class="secondary" data-testid="limit-remove" on:click=move |_| set_limit(true)>{move || i.pick("Use the ledger's", "沿用账簿")}</button>
            </div>
            {move || limit_error.get().map(|e| view! { <p class="error" role="alert" data-testid="limit-error">{e}</p> })}
            {overrides}
        </section>
    }
}

/// The cover of the open portfolio for the report date, under the policy
/// and notifications kept with it.
type CoverReport = Memo<Result<Arc<Cover>, String>>;

fn cover_memo(p: Arc<Open>) -> CoverReport {
    let app = use_app();
    Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let (pol, n) = app.extras.with(|x| (store::policy(x), store::notified(x)));
            cover(&p, d, &pol, &n)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        },
        crate::state::changed,
    )
}

#[component]
fn CoverPanel(report: CoverReport) -> impl IntoView {
    let i = use_i18n();
    // Which buyers the table lists: all, above their limit, without cover,
    // or with invoices outside cover.
    let which = RwSignal::new(String::from("all"));
    // The table opens on the largest exposures; "show all" lists the rest.
    let expanded = RwSignal::new(false);
    move || {
        let lang = i.lang.get();
        let en = lang == Lang::En;
        let c = match report.get() {
            Ok(c) => c,
            Err(e) => return view! { <section class="panel"><p class="error" data-testid="cover-error">{e}</p></section> }.into_any(),
        };
        let cur = c.currency;
        let fact = |en_t: &'static str, zh_t: &'static str, v: String, id: &'static str| {
            view! {
                <div class="fact">
                    <div class="muted">{if en { en_t } else { zh_t }}</div>
                    <div class="strong" data-testid=id>{v}</div>
                </div>
            }
        };
        let filter = which.get();
        let matching: Vec<&BuyerCover> = c
            .buyers
            .iter()
            .filter(|b| b.open > Decimal::ZERO || !b.outside.is_empty())
            .filter(|b| match filter.as_str() {
                "over" => b.over_limit,
                "none" => b.insured_limit.is_zero() && b.open > Decimal::ZERO,
                "outside" => !b.outside.is_empty(),
                _ => true,
            })
            .collect();
        let count = matching.len();
        let limit = if expanded.get() {
            COVER_ROWS_ALL
        } else {
            COVER_ROWS
        };
        let shown: Vec<BuyerCover> = matching.into_iter().take(limit).cloned().collect();
        let more = count > COVER_ROWS;
        let caption = if count > shown.len() {
            l(
                lang,
                format!("The {} largest of {count} buyers.", shown.len()),
                format!("显示 {count} 个买方中敞口最大的 {} 个。", shown.len()),
            )
        } else {
            l(
                lang,
                format!("{count} buyers."),
                format!("{count} 个买方。"),
            )
        };
        let rows = shown
            .clone()
            .into_iter()
            .map(|b| {
                let outside = b.outside.len();
                view! {
                    <tr data-testid="cover-row" data-customer=b.customer_id.clone() class:over=b.over_limit>
                        <td><A href=crate::format::customer_href(&b.customer_id)>{b.name.clone()}</A></td>
                        <td class="num">{format::amount(b.open, cur)}</td>
                        <td class="num">{format::amount(b.insured_limit, cur)}</td>
                        <td class="num" data-testid="cover-insured">{format::amount(b.insured, cur)}</td>
                        <td class="num" data-testid="cover-uninsured">{format::amount(b.uninsured, cur)}</td>
                        <td>{b.over_limit.then(|| view! { <span class="badge badge-over" data-testid="over-limit">{if en { "above limit" } else { "超限额" }}</span> })}
                            {(outside > 0).then(|| view! { <span class="badge" data-testid="outside">{l(lang, format!("{outside} outside cover"), format!("{outside} 张不在保障内"))}</span> })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="panel" data-testid="cover-panel">
                <h2>{if en { "Cover" } else { "保障情况" }}</h2>
                <div class="facts">
                    {fact("Open receivables without VAT", "未结应收（不含税）", format::money(c.total_open, cur), "cover-open")}
                    {fact("Insured", "已保障", format::money(c.total_insured, cur), "cover-total-insured")}
                    {fact("Uninsured", "未保障", format::money(c.total_uninsured, cur), "cover-total-uninsured")}
                    {fact("VAT (never insured)", "增值税（不保）", format::money(c.total_vat, cur), "cover-vat")}
                    {fact("Buyers above their insured limit", "超出保险限额的买方", c.over_limit.to_string(), "cover-over")}
                    {fact("Buyers without cover", "无保障的买方", c.uninsured_buyers.to_string(), "cover-uninsured-buyers")}
                </div>
                <CoverChart rows=shown.iter().take(12).map(|b| (b.name.clone(), b.insured, b.uninsured)).collect() currency=cur/>
                <div class="filters">
                    <label>
                        <span>{if en { "Show" } else { "显示" }}</span>
                        <select data-testid="cover-filter" on:change=move |ev| which.set(event_target_value(&ev))>
                            <option value="all" selected=filter == "all">{if en { "Every buyer" } else { "全部买方" }}</option>
                            <option value="over" selected=filter == "over">{if en { "Above their insured limit" } else { "超出保险限额" }}</option>
                            <option value="none" selected=filter == "none">{if en { "Without cover" } else { "无保障" }}</option>
                            <option value="outside" selected=filter == "outside">{if en { "With invoices outside cover" } else { "有不在保障内的发票" }}</option>
                        </select>
                    </label>
                    <p class="muted" data-testid="cover-count">{caption}</p>
                    {more.then(|| view! {
                        <button class="link" data-testid="cover-more" on:click=move |_| expanded.update(|x| *x = !*x)>
                            {move || match (expanded.get(), en) {
                                (false, true) => format!("Show all {count}"),
                                (false, false) => format!("显示全部 {count} 个"),
                                (true, true) => format!("Show the {COVER_ROWS} largest"),
                                (true, false) => format!("只显示最大的 {COVER_ROWS} 个"),
                            }}
                        </button>
                    })}
                </div>
                <div class="table-wrap">
                    <table data-testid="cover-table">
                        <thead><tr>
                            <th>{if en { "Buyer" } else { "买方" }}</th>
                            <th class="num">{if en { "Open without VAT" } else { "未结（不含税）" }}</th>
                            <th class="num">{if en { "Insured limit" } else { "保险限额" }}</th>
                            <th class="num">{if en { "Insured" } else { "已保障" }}</th>
                            <th class="num">{if en { "Uninsured" } else { "未保障" }}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
        .into_any()
    }
}

/// How many buyers the cover table lists at first (the largest exposures
/// first; the filter narrows them, the caption says how many there are).
const COVER_ROWS: usize = 20;
/// How many it lists at most once "show all" is pressed (a ledger of
/// 10,000 buyers stays one page; the filter finds the rest).
const COVER_ROWS_ALL: usize = 1000;

/// A chart label that fits `units` half-width characters: a CJK character
/// counts two (the rule of the letters' fixed-width tables); a longer name
/// is cut and ends with "…".
fn fit_label(name: &str, units: usize) -> String {
    use credit_core::export::{char_width as width, text_width};
    if text_width(name) <= units {
        return name.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in name.chars() {
        if used + width(c) > units - 1 {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

/// Insured against uninsured exposure of the largest buyers: one bar each.
#[component]
fn CoverChart(rows: Vec<(String, Decimal, Decimal)>, currency: Currency) -> impl IntoView {
    const W: i64 = 680;
    const ROW: i64 = 22;
    const LEFT: i64 = 190;
    let i = use_i18n();
    let h = ROW * rows.len().max(1) as i64 + 8;
    let max = rows
        .iter()
        .map(|r| r.1 + r.2)
        .fold(Decimal::ZERO, Decimal::max);
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(k, (name, ins, unins))| {
            let y = k as i64 * ROW + 4;
            let wi = scale(ins, max, W - LEFT - 10);
            let wu = scale(unins, max, W - LEFT - 10);
            let label = fit_label(&name, 30);
            let title = format!("{name}: {} / {}", format::amount(ins, currency), format::amount(unins, currency));
            view! {
                <g>
                    <title>{title}</title>
                    <text class="bar-label start" x="0" y=(y + 14).to_string()>{label}</text>
                    <rect class="bar bar-insured" data-testid="bar-insured" x=LEFT.to_string() y=y.to_string() width=wi.to_string() height=(ROW - 6).to_string()/>
                    <rect class="bar bar-uninsured" data-testid="bar-uninsured" x=(LEFT + wi).to_string() y=y.to_string() width=wu.to_string() height=(ROW - 6).to_string()/>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {h}") role="img" data-testid="cover-chart"
            aria-label=move || i.pick("Insured and uninsured exposure of the largest buyers", "主要买方的已保障与未保障敞口")>
            {bars}
        </svg>
        <p class="legend muted"><span class="key key-insured"></span>{move || i.pick("Insured", "已保障")} " " <span class="key key-uninsured"></span>{move || i.pick("Uninsured", "未保障")}</p>
    }
}

#[component]
fn DeadlinesPanel(portfolio: Arc<Open>) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let p = portfolio.clone();
    let list = Memo::new_with_compare(
        move |_| {
            let d = app.as_of.get();
            let (pol, n) = app.extras.with(|x| (store::policy(x), store::notified(x)));
            deadlines(&p, d, &pol, &n)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        },
        crate::state::changed,
    );
    let cur = portfolio.base_currency();
    let notify = move |customer_id: String, invoice_id: String| {
        let d = app.as_of.get_untracked();
        let mut n = app.extras.with_untracked(store::notified);
        if !n
            .iter()
            .any(|x| x.invoice_id == invoice_id && x.customer_id == customer_id)
        {
            n.push(Notification {
                customer_id,
                invoice_id,
                date: d,
            });
            app.set_extra(NOTIFIED_KEY, &n);
        }
    };
    move || {
        let lang = i.lang.get();
        let en = lang == Lang::En;
        let as_of = app.as_of.get();
        let all = match list.get() {
            Ok(v) => v,
            Err(e) => return view! { <section class="panel"><p class="error" data-testid="deadlines-error">{e}</p></section> }.into_any(),
        };
        let week: Vec<_> = due_within(&all, as_of, 7).into_iter().cloned().collect();
        let row = move |d: credit_core::insurance::Deadline, testid: &'static str| {
            let (cid, iid) = (d.customer_id.clone(), d.invoice_id.clone());
            let next = d
                .next
                .map(|(k, day)| format!("{} {}", kind_text(k, lang), format::date(day, lang)))
                .unwrap_or_default();
            let notified = d.notified;
            view! {
                <tr data-testid=testid data-invoice=d.invoice_id.clone() data-notify-by=d.notify_by.to_string() class:late=d.late>
                    <td data-testid="deadline-next">{next}</td>
                    <td><A href=crate::format::customer_href(&d.customer_id)>{d.name.clone()}</A></td>
                    <td>{d.invoice_id.clone()}</td>
                    <td>{format::date(d.due_date, lang)}</td>
                    <td class="num">{format::amount(d.open, cur)}</td>
                    <td>{format::date(d.mep_end, lang)}</td>
                    <td>{format::date(d.notify_by, lang)}</td>
                    <td>{format::date(d.claim_payable, lang)}</td>
                    <td>{format::date(d.file_claim_by, lang)}</td>
                    <td>{match notified {
                        Some(day) => view! { <span class="ok" data-testid="notified">{format::date(day, lang)}</span> }.into_any(),
                        None => view! { <button class="link" data-testid="mark-notified" on:click=move |_| notify(cid.clone(), iid.clone())>{if en { "Notified" } else { "已申报" }}</button> }.into_any(),
                    }}
                    {d.late.then(|| view! { <span class="badge badge-over" data-testid="late">{if en { "late" } else { "已逾期" }}</span> })}</td>
                </tr>
            }
        };
        let head = move || {
            view! {
                <thead><tr>
                    <th>{if en { "Next" } else { "下一期限" }}</th>
                    <th>{if en { "Buyer" } else { "买方" }}</th>
                    <th>{if en { "Invoice" } else { "发票" }}</th>
                    <th>{if en { "Due" } else { "到期日" }}</th>
                    <th class="num">{if en { "Open without VAT" } else { "未结（不含税）" }}</th>
                    <th>{if en { "Extension ends" } else { "延展期届满" }}</th>
                    <th>{if en { "Notify by" } else { "申报截止" }}</th>
                    <th>{if en { "Claim payable" } else { "可索赔日" }}</th>
                    <th>{if en { "File claim by" } else { "索赔截止" }}</th>
                    <th>{if en { "Notification" } else { "申报" }}</th>
                </tr></thead>
            }
        };
        let week_rows = week
            .iter()
            .map(|d| row(d.clone(), "week-deadline"))
            .collect_view();
        let all_rows = all
            .iter()
            .take(300)
            .map(|d| row(d.clone(), "deadline-row"))
            .collect_view();
        view! {
            <section class="panel" data-testid="deadlines-panel">
                <h2>{if en { "Deadlines" } else { "期限" }}</h2>
                <p class="muted">{if en {
                    "Every overdue invoice of an insured buyer: when the maximum extension period ends, when the overdue notification is due, when a claim for protracted default becomes payable and by when it must be filed."
                } else {
                    "受保买方的每张逾期发票：最长延展期何时届满、逾期申报何时截止、拖欠索赔何时可提出以及最迟提交日期。"
                }}</p>
                <h3>{l(lang, format!("Due in the next 7 days ({})", week.len()), format!("未来 7 天到期（{}）", week.len()))}</h3>
                {if week.is_empty() {
                    view! { <p class="muted" data-testid="week-empty">{if en { "Nothing due this week." } else { "本周无到期事项。" }}</p> }.into_any()
                } else {
                    view! { <div class="table-wrap"><table data-testid="week-table">{head()}<tbody>{week_rows}</tbody></table></div> }.into_any()
                }}
                <details class="panel-sub">
                    <summary>{l(lang, format!("All deadlines ({})", all.len()), format!("全部期限（{}）", all.len()))}</summary>
                    <div class="table-wrap"><table data-testid="deadlines-table">{head()}<tbody>{all_rows}</tbody></table></div>
                </details>
            </section>
        }
        .into_any()
    }
}

#[component]
fn ClaimPanel(portfolio: Arc<Open>, report: CoverReport) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let buyer = RwSignal::new(String::new());
    let event = RwSignal::new(DefaultEvent::ProtractedDefault);
    let date = RwSignal::new(String::new());
    let recoveries = RwSignal::new("0".to_string());
    let losses = RwSignal::new("0".to_string());
    let paid = RwSignal::new("0".to_string());
    // Buyers with something open, largest first.
    let options = Memo::new(move |_| {
        report
            .get()
            .map(|c| {
                c.buyers
                    .iter()
                    .filter(|b| b.open > Decimal::ZERO)
                    .map(|b| {
                        (
                            b.customer_id.clone(),
                            format!("{} · {}", b.name, b.customer_id),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let p = portfolio.clone();
    let result = Memo::new(move |_| {
        let id = buyer.get();
        if id.is_empty() {
            return None;
        }
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        let read = |v: String, en: &str, zh: &str| {
            parse_amount(v.trim(), false).map_err(|_| {
                l(
                    lang,
                    format!("{en}: '{v}' is not an amount of zero or more."),
                    format!("{zh}：“{v}”不是大于等于零的金额。"),
                )
            })
        };
        let day = {
            let t = date.get();
            if t.trim().is_empty() {
                Ok(as_of)
            } else {
                parse_iso(t.trim()).ok_or_else(|| {
                    l(
                        lang,
                        format!("Date: '{t}' is not a date (YYYY-MM-DD)."),
                        format!("日期：“{t}”不是日期（YYYY-MM-DD）。"),
                    )
                })
            }
        };
        let input = (|| {
            Ok::<_, String>(ClaimInput {
                customer_id: id.clone(),
                event: event.get(),
                date: day?,
                recoveries: read(recoveries.get(), "Recoveries", "追回款")?,
                losses_this_year: read(losses.get(), "Earlier losses this year", "本年度此前损失")?,
                paid_this_year: read(paid.get(), "Indemnities paid this year", "本年度已赔付")?,
            })
        })();
        let input = match input {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let (pol, n) = app.extras.with(|x| (store::policy(x), store::notified(x)));
        Some(
            simulate_claim(&p, as_of, &pol, &n, &input)
                .map(Arc::new)
                .map_err(|e| e.message(il(lang))),
        )
    });
    let cur = portfolio.base_currency();
    let waterfall = move || {
        let lang = i.lang.get();
        let en = lang == Lang::En;
        match result.get()? {
            Err(e) => Some(
                view! { <p class="error" role="alert" data-testid="claim-error">{e}</p> }
                    .into_any(),
            ),
            Ok(c) => {
                // The last line, the indemnity, is the bold total below.
                let steps = c
                    .steps
                    .iter()
                    .filter(|s| s.key != "indemnity")
                    .map(|s| {
                        view! {
                            <tr data-testid="claim-step" data-key=s.key.to_string()>
                                <td>{step_label(&s.key, il(lang))}</td>
                                <td class="num">{format::amount(s.amount, cur)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <div class="table-wrap">
                        <table data-testid="claim-table">
                            <tbody>{steps}</tbody>
                            <tfoot>
                                <tr class="strong"><td>{if en { "Indemnity" } else { "赔款" }}</td><td class="num" data-testid="claim-indemnity">{format::amount(c.indemnity, cur)}</td></tr>
                                <tr><td>{if en { "Stays with you" } else { "自留损失" }}</td><td class="num" data-testid="claim-retained">{format::amount(c.retained, cur)}</td></tr>
                            </tfoot>
                        </table>
                    </div>
                    {c.below_nql.then(|| {
                        // Why nothing is paid: no limit, recoveries took it all, or the NQL.
                        let why = if c.insured_limit.is_zero() {
                            if en { "This buyer has no insured limit: nothing is covered." } else { "该买方无保险限额：不在保障范围内。" }
                        } else if c.eligible.is_zero() {
                            if en { "Nothing is left to claim after recoveries and the invoices out of cover." } else { "扣除追回款及不在保障内的发票后，已无可索赔金额。" }
                        } else if en {
                            "Below the non-qualifying loss: nothing is paid."
                        } else {
                            "低于不予赔付损失额：不予赔付。"
                        };
                        view! { <p class="warn" data-testid="claim-below-nql">{why}</p> }
                    })}
                    <p data-testid="claim-dates">{l(lang,
                        format!("Payable from {}; file by {}.", format::date(c.payable_from, lang), format::date(c.file_by, lang)),
                        format!("{} 起可获赔；须于 {} 前提交。", format::date(c.payable_from, lang), format::date(c.file_by, lang)))}</p>
                    {(!c.excluded.is_empty()).then(|| view! { <p class="muted" data-testid="claim-excluded">{l(lang,
                        format!("Left out: {} (disputed or not notified in time).", c.excluded.iter().map(|x| x.invoice_id.as_str()).collect::<Vec<_>>().join(", ")),
                        format!("未计入：{}（争议或未按时申报）。", c.excluded.iter().map(|x| x.invoice_id.as_str()).collect::<Vec<_>>().join("、")))}</p> })}
                }.into_any())
            }
        }
    };
    let p = portfolio.clone();
    let checklist = move || {
        let id = buyer.get();
        if id.is_empty() {
            return None;
        }
        let lang = i.lang.get();
        let as_of = app.as_of.get();
        let (pol, n, docs, log) = app.extras.with(|x| {
            (
                store::policy(x),
                store::notified(x),
                store::docs(x),
                crate::dunning::log(x),
            )
        });
        let ticked: BTreeSet<Doc> = docs.get(&id).cloned().unwrap_or_default();
        let logged = log.iter().any(|e| e.customer_id == id);
        let legal = event.get() == DefaultEvent::Insolvency;
        let r = match readiness(&p, as_of, &pol, &id, &ticked, logged, &n, legal) {
            Ok(r) => r,
            Err(e) => return Some(view! { <p class="error">{e.message(il(lang))}</p> }.into_any()),
        };
        let items = r
            .items
            .iter()
            .map(|it| {
                let doc = it.doc;
                let has = ticked.contains(&doc);
                let id = id.clone();
                let tickable = matches!(doc, Doc::Contract | Doc::ProofOfDelivery | Doc::DunningRecord | Doc::InsolvencyOrLegal);
                let state = match it.state {
                    DocState::Have => ("ok", if lang == Lang::En { "in hand" } else { "已具备" }),
                    DocState::Missing => ("error", if lang == Lang::En { "missing" } else { "缺失" }),
                    DocState::NotNeeded => ("muted", if lang == Lang::En { "not needed" } else { "无需" }),
                };
                view! {
                    <li data-testid="readiness-item" data-doc=doc.key() data-state=state.1>
                        {tickable.then(|| view! {
                            <input type="checkbox" data-testid="readiness-tick" prop:checked=has on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let mut all = app.extras.with_untracked(store::docs);
                                let set = all.entry(id.clone()).or_default();
                                if on { set.insert(doc); } else { set.remove(&doc); }
                                app.set_extra(DOCS_KEY, &all);
                            }/>
                        })}
                        " " <strong>{doc.label(il(lang))}</strong> " — " <span class=state.0>{state.1}</span>
                        " " <span class="muted small">{if lang == Lang::En { it.why.clone() } else { it.why_zh.clone() }}</span>
                    </li>
                }
            })
            .collect_view();
        let head = if r.ready {
            l(lang, "Ready to file.".into(), "材料齐全，可以提交。".into())
        } else {
            l(
                lang,
                format!("{} missing.", r.missing),
                format!("缺少 {} 项。", r.missing),
            )
        };
        Some(
            view! {
                <h3>{if lang == Lang::En { "Claim readiness" } else { "索赔准备情况" }}</h3>
                <p data-testid="readiness-summary" class:ok=r.ready class:warn=!r.ready>{head}</p>
                <ul class="checklist" data-testid="readiness">{items}</ul>
            }
            .into_any(),
        )
    };
    let input = move |label: (&'static str, &'static str),
                      id: &'static str,
                      sig: RwSignal<String>| {
        view! {
            <label class="field">
                <span>{move || i.pick(label.0, label.1)}</span>
                <input type="text" data-testid=id prop:value=move || sig.get() on:input=move |ev| sig.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <section class="panel" data-testid="claim-panel">
            <h2>{move || i.pick("Claim simulator", "索赔模拟")}</h2>
            <p class="muted">{move || i.pick(
                "What the policy would pay if this buyer defaulted: unpaid without VAT up to the insured limit, less recoveries; nothing below the non-qualifying loss; the year's losses fill the aggregate first loss first; the indemnity percentage of the rest, up to what is left of the maximum liability.",
                "若该买方违约，保单将赔付多少：不含税的未付金额（以保险限额为上限）减去追回款；低于不予赔付损失额的不赔；本年度损失先抵累计自负额；其余部分按赔付比例赔付，以剩余最高赔偿限额为上限。")}</p>
            <div class="form-grid">
                <label class="field">
                    <span>{move || i.pick("Buyer", "买方")}</span>
                    <select data-testid="claim-buyer" on:change=move |ev| buyer.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || options.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || i.pick("Event", "事件")}</span>
                    <select data-testid="claim-event" on:change=move |ev| event.set(if event_target_value(&ev) == "insolvency" { DefaultEvent::Insolvency } else { DefaultEvent::ProtractedDefault })>
                        <option value="protracted">{move || i.pick("Protracted default", "拖欠")}</option>
                        <option value="insolvency">{move || i.pick("Insolvency", "破产")}</option>
                    </select>
                </label>
                {input(("Date (blank: the report date)", "日期（空白：报告日）"), "claim-date", date)}
                {input(("Recoveries", "追回款"), "claim-recoveries", recoveries)}
                {input(("Earlier losses this policy year", "本保单年度此前损失"), "claim-losses", losses)}
                {input(("Indemnities paid this policy year", "本保单年度已赔付"), "claim-paid", paid)}
            </div>
            {waterfall}
            {checklist}
        </section>
    }
}

#[component]
fn WorthPanel(portfolio: Arc<Open>) -> impl IntoView {
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
            worth_it(&p, d, &pol, &g)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        },
        crate::state::changed,
    );
    move || {
        let lang = i.lang.get();
        let en = lang == Lang::En;
        let w = match w.get() {
            Ok(w) => w,
            Err(e) => {
                return view! { <section class="panel"><p class="error">{e}</p></section> }
                    .into_any()
            }
        };
        let cur = w.currency;
        let fact = |en_t: &'static str, zh_t: &'static str, v: String, id: &'static str| {
            view! {
                <div class="fact">
                    <div class="muted">{if en { en_t } else { zh_t }}</div>
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
                <h2>{if en { "Is it worth it?" } else { "是否划算？" }}</h2>
                <div class=cls data-testid="worth-verdict" data-verdict=format!("{:?}", w.verdict)>
                    <p>{verdict_text(&w, il(lang))}</p>
                </div>
                <div class="facts">
                    {fact("Premium a year", "年保费", format::money(w.premium, cur), "worth-premium")}
                    {fact("Insured turnover", "投保营业额", format::money(w.insured_turnover, cur), "worth-turnover")}
                    {fact("Expected loss without the policy", "无保单时的预期损失", format::money(w.expected_loss_without, cur), "worth-el-without")}
                    {fact("Expected loss with it", "有保单时的预期损失", format::money(w.expected_loss_with, cur), "worth-el-with")}
                    {fact("Loss it takes off you", "保单转移的损失", format::money(w.saving, cur), "worth-saving")}
                    {fact("Break-even premium rate", "盈亏平衡费率", format::percent_dp(w.break_even_rate, 3, lang), "worth-break-even")}
                </div>
                <p class="muted">{if en {
                    "Expected loss = probability of default by grade × loss given default × exposure. A policy also buys the insurer's limit decisions, monitoring and easier financing; the verdict weighs expected loss only."
                } else {
                    "预期损失 = 按评级的违约概率 × 违约损失率 × 敞口。保单还包括保险公司的限额审批、监控与融资便利；此结论仅比较预期损失。"
                }}</p>
            </section>
        }
        .into_any()
    }
}

/// The insurer deadlines of the next seven days, for the dashboard.
#[component]
pub fn DeadlinesThisWeek(portfolio: Arc<Open>, as_of: NaiveDate) -> impl IntoView {
    let i = use_i18n();
    let app = use_app();
    let (pol, n) = app
        .extras
        .with_untracked(|x| (store::policy(x), store::notified(x)));
    let list = deadlines(&portfolio, as_of, &pol, &n).unwrap_or_default();
    let week: Vec<_> = due_within(&list, as_of, 7).into_iter().cloned().collect();
    (!week.is_empty()).then(move || {
        let rows = week.clone();
        view! {
            <section class="panel" data-testid="dashboard-deadlines">
                <h2>{move || l(i.lang.get(), format!("Insurer deadlines in the next 7 days ({})", rows.len()), format!("未来 7 天的保险期限（{}）", rows.len()))}</h2>
                <ul>
                    {week.iter().take(8).map(|d| {
                        let d = d.clone();
                        view! {
                            <li data-testid="dashboard-deadline">
                                {move || {
                                    let lang = i.lang.get();
                                    let next = d.next.map(|(k, day)| format!("{} {}", kind_text(k, lang), format::date(day, lang))).unwrap_or_default();
                                    format!("{next} — {} · {}", d.name, d.invoice_id)
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <A href="/insurance">{move || i.pick("Open the Insurance page", "打开信用保险页面")}</A>
            </section>
        }
    })
}
