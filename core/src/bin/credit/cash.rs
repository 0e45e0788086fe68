//! `credit forecast FILE --as-of DATE [--weeks 13] [--currency CNY]
//! [--date-order dmy|mdy] [--json]`: the collections forecast of
//! `credit_core::cash` week by week (every buyer at the default PD of a
//! buyer never assessed, grade 5's 0.9 %: a file carries no grades).
//!
//! `credit terms 2/10/30` (also `2/10 net 30`, one or several arguments)
//! `[--json]`: what skipping the discount costs the buyer, as simple and
//! effective annual rates.

use credit_core::cash::{discount_cost, forecast, Discount, ForecastOptions};
use credit_core::index::LedgerIndex;
use credit_core::money::format_amount;
use serde_json::json;

use super::{load, parse_file_args, print_json, usage_error, Failure};

pub(super) fn cmd_forecast(args: &[String]) -> Result<(), Failure> {
    // `--weeks N` is this command's own; the rest are the file arguments.
    let mut weeks = 13u32;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--weeks" {
            Some(it.next().cloned().unwrap_or_default())
        } else {
            a.strip_prefix("--weeks=").map(str::to_string)
        };
        match value {
            Some(v) => {
                weeks = v
                    .parse()
                    .ok()
                    .filter(|w| (1..=104).contains(w))
                    .ok_or_else(|| {
                        usage_error(
                            "forecast",
                            &format!("--weeks '{v}': a number of weeks from 1 to 104"),
                        )
                    })?;
            }
            None => rest.push(a.clone()),
        }
    }
    let a = parse_file_args("forecast", &rest, false)?;
    let p = load(&a)?;
    let ix = LedgerIndex::new(&p);
    let opts = ForecastOptions {
        weeks,
        ..ForecastOptions::default()
    };
    let f = forecast(&p, &ix, a.as_of, &opts)
        .map_err(|e| Failure(format!("credit forecast: {e}"), 2))?;
    let cur = f.currency;
    let m = |x| format_amount(x, cur);
    if a.json {
        let weeks: Vec<_> = f
            .weeks
            .iter()
            .map(|w| json!({"start": w.start, "end": w.end, "expected": m(w.expected).replace(',', ""), "invoices": w.invoices}))
            .collect();
        return print_json(&json!({
            "as_of": f.as_of,
            "currency": cur.code(),
            "weeks": weeks,
            "open_ar": m(f.open_ar).replace(',', ""),
            "later": m(f.later).replace(',', ""),
            "at_risk": m(f.at_risk).replace(',', ""),
            "disputed": m(f.disputed).replace(',', ""),
        }));
    }
    println!(
        "Collections forecast as of {} ({}), weighted by 1 − PD",
        f.as_of,
        cur.code()
    );
    println!(
        "{:<5} {:<10} {:<10} {:>8} {:>18}",
        "week", "from", "to", "invoices", "expected"
    );
    for (k, w) in f.weeks.iter().enumerate() {
        println!(
            "{:<5} {:<10} {:<10} {:>8} {:>18}",
            k + 1,
            w.start,
            w.end,
            w.invoices,
            m(w.expected)
        );
    }
    println!("open receivables {}", m(f.open_ar));
    println!("expected later   {}", m(f.later));
    println!("at risk (PD)     {}", m(f.at_risk));
    println!("disputed, left out {}", m(f.disputed));
    Ok(())
}

pub(super) fn cmd_terms(args: &[String]) -> Result<(), Failure> {
    let json_out = args.iter().any(|a| a == "--json");
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && *a != "--json") {
        return Err(usage_error("terms", &format!("unknown option '{flag}'")));
    }
    let text: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--json")
        .collect();
    if text.is_empty() {
        return Err(usage_error("terms", "give the discount, e.g. 2/10/30"));
    }
    let text = text.join(" ");
    let d: Discount = text
        .parse()
        .map_err(|e| Failure(format!("credit terms: {e}"), 2))?;
    let c = discount_cost(&d).map_err(|e| Failure(format!("credit terms: '{text}': {e}"), 2))?;
    let pct = |x: credit_core::Decimal| (x * credit_core::Decimal::ONE_HUNDRED).round_dp(1);
    if json_out {
        return print_json(&json!({
            "discount": (d.rate * credit_core::Decimal::ONE_HUNDRED).normalize().to_string(),
            "discount_days": d.discount_days,
            "net_days": d.net_days,
            "simple": pct(c.simple).to_string(),
            "effective": pct(c.effective).to_string(),
        }));
    }
    println!(
        "{}/{} net {}",
        (d.rate * credit_core::Decimal::ONE_HUNDRED).normalize(),
        d.discount_days,
        d.net_days
    );
    println!("simple {:.1} %", pct(c.simple));
    println!("effective {:.1} %", pct(c.effective));
    Ok(())
}
