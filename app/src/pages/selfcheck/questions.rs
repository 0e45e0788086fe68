//! The questions and the stepper that asks them.

use super::*;

/// One question: a text field, or a choice when it has (value, text) options.
pub(super) struct Question {
    pub(super) id: &'static str,
    pub(super) label: K,
    pub(super) help: K,
    pub(super) value: RwSignal<String>,
    pub(super) options: Vec<(String, String)>,
}

pub(super) fn text_q(id: &'static str, label: K, help: K, value: RwSignal<String>) -> Question {
    Question {
        id,
        label,
        help,
        value,
        options: Vec::new(),
    }
}

/// A question with its label and help; one view type for every question.
pub(super) fn question(lang: Lang, q: Question) -> impl IntoView {
    let Question {
        id,
        label,
        help,
        value,
        options,
    } = q;
    let field = if options.is_empty() {
        Either::Left(view! {
            <input
                type="text"
                inputmode="decimal"
                autocomplete="off"
                data-testid=id
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        })
    } else {
        let current = value.get_untracked();
        let opts = options
            .into_iter()
            .map(|(v, label)| {
                let sel = v == current;
                view! { <option value=v selected=sel>{label}</option> }
            })
            .collect_view();
        Either::Right(view! {
            <select data-testid=id on:change=move |ev| value.set(event_target_value(&ev))>
                {opts}
            </select>
        })
    };
    view! {
        <label class="sc-q">
            <span class="sc-label">{text(lang, label)}</span>
            {field}
            <small class="sc-help">{text(lang, help)}</small>
        </label>
    }
}

/// The questions of one step, with progress and back / next.
pub(super) fn stepper(
    lang: Lang,
    form: Form,
    step: RwSignal<usize>,
    answers: Memo<Result<SelfCheckInput, Field>>,
) -> impl IntoView {
    let t = move |k: K| text(lang, k);
    let s = step.get_untracked().min(RESULT - 1);
    let questions = match s {
        0 => vec![
            Question {
                options: CURRENCIES
                    .iter()
                    .map(|c| (c.code().to_string(), c.code().to_string()))
                    .collect(),
                ..text_q(
                    "sc-currency",
                    K::ScCurrency,
                    K::ScCurrencyHelp,
                    form.currency,
                )
            },
            text_q(
                "sc-turnover",
                K::ScTurnover,
                K::ScTurnoverHelp,
                form.turnover,
            ),
            text_q(
                "sc-credit",
                K::ScCreditShare,
                K::ScCreditShareHelp,
                form.credit,
            ),
            Question {
                options: Industry::ALL
                    .iter()
                    .map(|x| (x.code().to_string(), t(industry_label(*x)).to_string()))
                    .collect(),
                ..text_q(
                    "sc-industry",
                    K::ScIndustry,
                    K::ScIndustryHelp,
                    form.industry,
                )
            },
        ],
        1 => vec![
            text_q("sc-terms", K::ScTerms, K::ScTermsHelp, form.terms),
            text_q("sc-buyers", K::ScBuyers, K::ScBuyersHelp, form.buyers),
            text_q("sc-largest", K::ScLargest, K::ScLargestHelp, form.largest),
        ],
        2 => vec![
            text_q("sc-export", K::ScExport, K::ScExportHelp, form.export),
            Question {
                options: vec![
                    ("0".into(), t(K::No).into()),
                    ("1".into(), t(K::Yes).into()),
                ],
                ..text_q(
                    "sc-new-markets",
                    K::ScNewMarkets,
                    K::ScNewMarketsHelp,
                    form.new_markets,
                )
            },
        ],
        _ => vec![text_q(
            "sc-bad-debts",
            K::ScBadDebts,
            K::ScBadDebtsHelp,
            form.bad_debts,
        )],
    }
    .into_iter()
    .map(|q| question(lang, q))
    .collect_view();
    // An answer of this step (or an earlier one) that does not parse or is out of range.
    let invalid = move || answers.get().err().filter(|f| step_of(*f) <= s);
    let total = STEPS.len();
    let width = format!("{}%", (s + 1) * 100 / total);
    let stages = STEPS
        .iter()
        .enumerate()
        .map(|(k, key)| view! { <li class:done=k < s class:current=k == s>{t(*key)}</li> })
        .collect_view();
    let progress = format!(
        "{}{}{}{}{} · {}",
        t(K::ScStepA),
        s + 1,
        t(K::ScStepB),
        total,
        t(K::ScStepC),
        t(STEPS[s])
    );
    let next = t(if s + 1 == RESULT {
        K::ScSeeResult
    } else {
        K::ScNext
    });
    view! {
        <section class="panel sc-step" data-testid="sc-stepper">
            <ol class="sc-stages">{stages}</ol>
            <div
                class="sc-progress"
                data-testid="sc-progress"
                role="progressbar"
                aria-label=text(lang, crate::i18n::shell::S::Progress)
                aria-valuemin="1"
                aria-valuemax=total.to_string()
                aria-valuenow=(s + 1).to_string()
            >
                <div class="sc-progress-bar" style:width=width></div>
            </div>
            <p class="muted" data-testid="sc-step">{progress}</p>
            <h2>{t(STEPS[s])}</h2>
            <div class="sc-questions">{questions}</div>
            {move || {
                invalid()
                    .map(|f| {
                        view! {
                            <p class="sc-error" data-testid="sc-error" role="alert">
                                {format!("{} {}", t(K::ScInvalid), t(field_label(f)))}
                            </p>
                        }
                    })
            }}
            <div class="sc-controls">
                <button
                    class="secondary"
                    data-testid="sc-back"
                    disabled=s == 0
                    on:click=move |_| step.set(s.saturating_sub(1))
                >
                    {t(K::ScBack)}
                </button>
                <button
                    data-testid="sc-next"
                    disabled=move || invalid().is_some()
                    on:click=move |_| step.set(s + 1)
                >
                    {next}
                </button>
            </div>
        </section>
    }
}
