//! Table tests from `tests/data/*.csv`: the worked examples of the domain brief.

use credit_core::kpi::countback_dso;
use credit_core::Decimal;

mod common;
use common::rows;

#[test]
fn countback_dso_table() {
    let table = rows("countback.csv");
    assert!(table.len() >= 5);
    for r in table {
        let ar: Decimal = r[0].parse().unwrap();
        let months: Vec<(Decimal, u32)> = r[1]
            .split(';')
            .map(|m| {
                let (s, d) = m.split_once(':').unwrap();
                (s.parse().unwrap(), d.parse().unwrap())
            })
            .collect();
        let got = countback_dso(ar, &months).unwrap().round_dp(1);
        let want: Decimal = r[2].parse().unwrap();
        assert_eq!(got, want, "case: {}", r[3]);
    }
}
