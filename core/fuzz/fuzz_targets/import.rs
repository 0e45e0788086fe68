//! Any bytes through the whole import: read (CSV or XLSX), guess the
//! mapping, preview with each date order, merge into an empty portfolio.
#![no_main]

use credit_core::import::{
    guess_mapping, merge, preview, read_file, DateOrder, MergePolicy, OnExisting, ParseOptions,
    ReadOptions,
};
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(table) = read_file(data, &ReadOptions::default()) else {
        return;
    };
    let mapping = guess_mapping(&table.headers);
    let empty = Portfolio::new("fuzz", Currency::CNY);
    for date_order in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
        let opts = ParseOptions {
            date_order,
            ..ParseOptions::default()
        };
        let p = preview("fuzz.csv", &table, &mapping, &opts);
        for policy in [MergePolicy::AllOrNothing, MergePolicy::ValidRowsOnly] {
            if let Ok((merged, _)) = merge(&empty, &p, policy, OnExisting::Replace) {
                // What a merge gives is a sound portfolio.
                assert!(merged.validate().iter().all(|e| !matches!(
                    e,
                    credit_core::portfolio::PortfolioError::DuplicateInvoice { .. }
                )));
            }
        }
    }
});
