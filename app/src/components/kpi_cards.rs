use std::sync::Arc;

use credit_core::kpi::Kpis;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Lang, K};

/// One card: an id for tests, the name, the value, the one-line explanation.
struct Card {
    id: &'static str,
    name: K,
    help: K,
    value: fn(&Kpis, Lang) -> String,
}

const CARDS: [Card; 12] = [
    Card {
        id: "dso",
        name: K::KpiDso,
        help: K::KpiDsoHelp,
        value: |k, l| format::with_unit(k.dso, K::UnitDays, l),
    },
    Card {
        id: "countback",
        name: K::KpiCountback,
        help: K::KpiCountbackHelp,
        value: |k, l| format::with_unit(k.countback_dso, K::UnitDays, l),
    },
    Card {
        id: "best-dso",
        name: K::KpiBest,
        help: K::KpiBestHelp,
        value: |k, l| format::with_unit(k.best_dso, K::UnitDays, l),
    },
    Card {
        id: "add",
        name: K::KpiAdd,
        help: K::KpiAddHelp,
        value: |k, l| format::with_unit(k.add, K::UnitDays, l),
    },
    Card {
        id: "cei",
        name: K::KpiCei,
        help: K::KpiCeiHelp,
        value: |k, l| format::with_unit(k.cei, K::UnitNone, l),
    },
    Card {
        id: "delay",
        name: K::KpiDelay,
        help: K::KpiDelayHelp,
        value: |k, l| format::with_unit(k.avg_payment_delay, K::UnitDays, l),
    },
    Card {
        id: "overdue",
        name: K::KpiOverdue,
        help: K::KpiOverdueHelp,
        value: |k, l| format::percent(k.overdue_ratio, l),
    },
    Card {
        id: "at-risk",
        name: K::KpiAtRisk,
        help: K::KpiAtRiskHelp,
        value: |k, l| format::percent(k.at_risk_ratio, l),
    },
    Card {
        id: "top1",
        name: K::KpiTop1,
        help: K::KpiTop1Help,
        value: |k, l| format::percent(k.top1_share, l),
    },
    Card {
        id: "top10",
        name: K::KpiTop10,
        help: K::KpiTop10Help,
        value: |k, l| format::percent(k.top10_share, l),
    },
    Card {
        id: "hhi",
        name: K::KpiHhi,
        help: K::KpiHhiHelp,
        value: |k, l| format::whole(k.hhi, l),
    },
    Card {
        id: "turnover",
        name: K::KpiTurnover,
        help: K::KpiTurnoverHelp,
        value: |k, l| format::with_unit(k.turnover, K::UnitTimes, l),
    },
];

/// The KPI cards, each with a one-line explanation.
#[component]
pub fn KpiCards(kpis: Arc<Kpis>) -> impl IntoView {
    let i = use_i18n();
    let cards = move || {
        let lang = i.lang.get();
        CARDS
            .iter()
            .map(|c| {
                view! {
                    <article class="kpi" data-testid=format!("kpi-{}", c.id)>
                        <h3 class="kpi-name">{crate::i18n::text(lang, c.name)}</h3>
                        <div class="kpi-value" data-testid="kpi-value">{(c.value)(&kpis, lang)}</div>
                        <p class="kpi-help">{crate::i18n::text(lang, c.help)}</p>
                    </article>
                }
            })
            .collect_view()
    };
    view! { <div class="kpis">{cards}</div> }
}
