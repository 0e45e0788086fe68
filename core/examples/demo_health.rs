//! Prints how healthy the standard demo looks as of a few dates: alerts by
//! rule and severity (with the buyers' computed grades, as the app has
//! them), the buyers over their credit limit, and the largest buyers'
//! exposure against their limit. A tool for tuning the generator
//! (`cargo run -p credit-core --example demo_health`); the properties it
//! shows are asserted by the demo's unit tests.

use std::collections::{BTreeMap, HashMap};

use credit_core::assessment::Scorecard;
use credit_core::demo::{generate, DemoSpec};
use credit_core::index::LedgerIndex;
use credit_core::monitor::{evaluate, BuyerContext, MonitorSettings, Rule};
use credit_core::{ageing, rating, Decimal, NaiveDate};

fn main() {
    let dates: Vec<String> = std::env::args().skip(1).collect();
    let dates = if dates.is_empty() {
        vec![
            "2026-06-30".into(),
            "2026-12-03".into(),
            "2027-03-15".into(),
        ]
    } else {
        dates
    };
    for end in dates {
        let as_of: NaiveDate = end.parse().expect("a date, YYYY-MM-DD");
        let p = generate(&DemoSpec::standard(as_of));
        let ix = LedgerIndex::new(&p);
        let ratings = rating::ratings(&p, &ix, &HashMap::new(), as_of, &Scorecard::default())
            .expect("ratings");
        let mut ctx: HashMap<String, BuyerContext> = HashMap::new();
        for (id, r) in &ratings {
            let c = ctx.entry(id.clone()).or_default();
            c.grade = r.grade;
            c.previous_grade = r.previous;
        }
        let alerts = evaluate(&p, &ix, as_of, &ctx, &MonitorSettings::default()).expect("alerts");
        let mut by: BTreeMap<String, usize> = BTreeMap::new();
        for a in &alerts {
            *by.entry(format!("{:?}/{:?}", a.severity, a.rule))
                .or_default() += 1;
        }
        println!("== as of {end}: {} alerts", alerts.len());
        for (k, n) in by {
            println!("   {k}: {n}");
        }
        let future = p.invoices.iter().filter(|i| i.issue_date > as_of).count();
        println!("   invoices after the date: {future}");
        let a = ageing::age(&p, as_of, &p.settings.ageing).expect("ageing");
        let mut rows: Vec<_> = a.customers.iter().collect();
        rows.sort_by_key(|y| std::cmp::Reverse(y.row.total));
        let limits: HashMap<&str, _> = p
            .customers
            .iter()
            .map(|c| (c.id.as_str(), c.credit_limit))
            .collect();
        for al in alerts.iter().filter(|a| a.rule == Rule::OverLimit) {
            println!("   over limit: {} {:?}", al.customer_id, al.evidence);
        }
        let total = a.total.total;
        println!("   receivables {}", total.round());
        for c in rows.iter().take(10) {
            let l = limits.get(c.customer_id.as_str()).copied().flatten();
            let g = ratings.get(c.customer_id.as_str()).and_then(|r| r.grade);
            println!(
                "   {} exposure {} ({}%) limit {:?} grade {:?}",
                c.customer_id,
                c.row.total.round(),
                (c.row.total * Decimal::from(100) / total).round(),
                l,
                g
            );
        }
    }
}
