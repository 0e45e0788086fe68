//! The result: figures, verdict, measures and the loss chart.

use super::*;

/// One figure of the result.
pub(super) fn figure(
    id: &'static str,
    name: &'static str,
    help: &'static str,
    value: String,
) -> impl IntoView {
    view! {
        <div class="kpi" data-testid=id>
            <p class="kpi-name">{name}</p>
            <p class="kpi-value" data-testid="sc-value">{value}</p>
            <p class="kpi-help">{help}</p>
        </div>
    }
}

/// The result: figures, chart, verdict, measures, answers, share link.
pub(super) fn outcome(
    lang: Lang,
    a: &SelfCheckInput,
    r: &SelfCheckResult,
    step: RwSignal<usize>,
) -> impl IntoView {
    let t = move |k: K| text(lang, k);
    let c = r.currency;
    let est = move |d: Decimal| estimate(d, c, lang);
    let pct = move |f: Decimal| format::percent(Some(f), lang);
    let link = share_link(a);
    let (v_title, v_text, v_id) = verdict_label(r.verdict);
    let (low, high) = (r.expected_loss.low, r.expected_loss.high);
    let criteria = (!r.criteria.is_empty()).then(|| {
        let items = r
            .criteria
            .iter()
            .map(|cr| {
                let (k, id) = criterion_label(*cr);
                view! { <li data-testid="sc-criterion" data-criterion=id>{t(k)}</li> }
            })
            .collect_view();
        view! {
            <p class="sc-because">{t(K::ScBecause)}</p>
            <ul class="sc-criteria">{items}</ul>
        }
    });
    let measures = r
        .measures
        .iter()
        .map(|m| {
            let (k, id) = measure_label(*m);
            view! { <li data-testid="sc-measure" data-measure=id>{t(k)}</li> }
        })
        .collect_view();
    // No credit sales, no premium: then there is nothing to compare.
    let premium_vs_loss = (!r.premium.is_zero()).then(|| {
        let k = if r.premium > high {
            K::ScPremiumAbove
        } else {
            K::ScPremiumBelow
        };
        view! { <p data-testid="sc-premium-vs-loss">{t(k)}</p> }
    });
    let concentration = r.concentrated.then(|| {
        let msg = format!(
            "{}{}{}{}{}",
            t(K::ScConcentrationA),
            pct(r.largest_share),
            t(K::ScConcentrationB),
            est(r.largest_buyer_loss),
            t(K::ScConcentrationC)
        );
        view! { <p class="sc-warning" data-testid="sc-concentration">{msg}</p> }
    });
    let summary = [
        (K::ScCurrency, a.currency.code().to_string()),
        (K::ScTurnover, est(a.annual_turnover)),
        (K::ScCreditShare, pct(a.credit_share)),
        (K::ScIndustry, t(industry_label(a.industry)).to_string()),
        (K::ScTerms, a.terms_days.to_string()),
        (K::ScBuyers, a.buyers.to_string()),
        (K::ScLargest, pct(a.largest_buyer_share)),
        (K::ScExport, pct(a.export_share)),
        (
            K::ScNewMarkets,
            t(if a.new_markets { K::Yes } else { K::No }).to_string(),
        ),
        (K::ScBadDebts, est(a.bad_debts_3y)),
    ]
    .into_iter()
    .map(|(k, v)| view! { <dt>{t(k)}</dt><dd>{v}</dd> })
    .collect_view();
    let chart = loss_chart(lang, low, high, r.premium, r.largest_buyer_loss, c);
    view! {
        <section class="panel sc-result" data-testid="sc-result">
            <h2>{t(K::ScResult)}</h2>
            <div class=format!("sc-verdict sc-verdict-{v_id}") data-testid="sc-verdict" data-verdict=v_id>
                <h3 data-testid="sc-verdict-title">{t(v_title)}</h3>
                <p data-testid="sc-verdict-text">{t(v_text)}</p>
                {criteria}
            </div>
            {concentration}
            <div class="kpis sc-figures">
                {figure("sc-receivables", t(K::ScReceivables), t(K::ScReceivablesHelp), est(r.receivables_at_risk))}
                <div class="kpi" data-testid="sc-expected-loss">
                    <p class="kpi-name">{t(K::ScExpectedLoss)}</p>
                    <p class="kpi-value">
                        <span data-testid="sc-loss-low">{est(low)}</span>
                        " – "
                        <span data-testid="sc-loss-high">{format::whole(Some(high), lang)}</span>
                    </p>
                    <p class="kpi-help">{t(K::ScExpectedLossHelp)}</p>
                </div>
                {figure("sc-premium", t(K::ScPremium), t(K::ScPremiumHelp), est(r.premium))}
                {figure("sc-largest-loss", t(K::ScLargestLoss), t(K::ScLargestLossHelp), est(r.largest_buyer_loss))}
            </div>
            {chart}
            {premium_vs_loss}
            <h3>{t(K::ScMeasures)}</h3>
            <ol class="sc-measures" data-testid="sc-measures">{measures}</ol>
            <h3>{t(K::ScYourAnswers)}</h3>
            <dl class="sc-answers" data-testid="sc-answers">{summary}</dl>
            <div class="sc-share">
                <label>
                    <span>{t(K::ScShare)}</span>
                    <input type="text" readonly data-testid="sc-share-link" value=link.clone()/>
                </label>
                <a href=link target="_blank" rel="noopener" data-testid="sc-share-open">{t(K::ScOpenLink)}</a>
                <small class="sc-help">{t(K::ScShareHelp)}</small>
            </div>
            <div class="sc-controls">
                <button class="secondary" data-testid="sc-restart" on:click=move |_| step.set(0)>
                    {t(K::ScChangeAnswers)}
                </button>
                <button
                    class="secondary"
                    data-testid="sc-print"
                    on:click=move |_| {
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }
                >
                    {t(K::ScPrint)}
                </button>
            </div>
        </section>
    }
}

/// The chart is drawn 320 units wide and shown at most 420 px wide
/// (`.sc-chart` in style/app.css), so its 12-unit text is never under 11 px
/// on a 360 px phone (issue 22): each row's label and figure sit above
/// its bar rather than beside it.
pub(super) const CW: i64 = 320;
pub(super) const ROW: i64 = 46;
/// Height of a bar.
pub(super) const BAR_H: i64 = 18;

/// One bar of the chart: a row, its label (once per row), from and to.
pub(super) struct Bar {
    pub(super) row: usize,
    pub(super) label: Option<K>,
    pub(super) from: Decimal,
    pub(super) to: Decimal,
    pub(super) class: &'static str,
    pub(super) value: String,
}

/// Expected loss (low to high) against the premium and the largest buyer's
/// failure, as horizontal bars in inline SVG.
pub(super) fn loss_chart(
    lang: Lang,
    low: Decimal,
    high: Decimal,
    premium: Decimal,
    largest: Decimal,
    currency: Currency,
) -> impl IntoView {
    let max = high.max(premium).max(largest);
    let span = CW;
    let h = ROW * 3;
    let w = |d: Decimal| format::whole(Some(d), lang);
    let bars = [
        Bar { row: 0, label: None, from: Decimal::ZERO, to: low, class: "sc-bar-loss-low", value: String::new() },
        Bar {
            row: 0,
            label: Some(K::ScChartLoss),
            from: low,
            to: high,
            class: "sc-bar-loss",
            value: format!("{}–{}", w(low), w(high)),
        },
        Bar { row: 1, label: Some(K::ScChartPremium), from: Decimal::ZERO, to: premium, class: "sc-bar-premium", value: w(premium) },
        Bar { row: 2, label: Some(K::ScChartLargest), from: Decimal::ZERO, to: largest, class: "sc-bar-largest", value: w(largest) },
    ]
    .into_iter()
    .map(|b| {
        let y = b.row as i64 * ROW;
        let x0 = scale(b.from, max, span);
        let x1 = scale(b.to, max, span);
        let line = (y + 13).to_string();
        view! {
            <g>
                {b.label.map(|k| view! { <text class="sc-chart-label" x="0" y=line.clone()>{text(lang, k)}</text> })}
                <rect
                    class=b.class
                    x=x0.to_string()
                    y=(y + 20).to_string()
                    width=(x1 - x0).max(2).to_string()
                    height=BAR_H.to_string()
                ></rect>
                <text class="sc-chart-value" x=CW.to_string() y=line>
                    {b.value}
                </text>
            </g>
        }
    })
    .collect_view();
    view! {
        <svg
            class="chart sc-chart"
            viewBox=format!("0 0 {CW} {h}")
            role="img"
            aria-label=format!("{} ({})", text(lang, K::ScChart), currency.code())
            data-testid="sc-chart"
        >
            {bars}
        </svg>
    }
}
