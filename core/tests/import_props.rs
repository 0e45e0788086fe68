//! Properties of the import: export → import gives the same invoices;
//! every open invoice of a parsed file lands in the ageing; an open-items
//! file's buyer totals add up to the file's net total; no input, however
//! broken, makes the reader or the preview panic.
#![cfg(not(target_os = "wasi"))]

use credit_core::ageing::{age, AgeingSettings};
use credit_core::export::invoices_csv;
use credit_core::import::{
    guess_mapping, merge, preview, read_table, Field, Mapping, MergePolicy, OnExisting,
    ParseOptions, ReadOptions,
};
use credit_core::invoice::{Dispute, Invoice, Payment};
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use credit_core::{Decimal, NaiveDate};
use proptest::prelude::*;

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
}

prop_compose! {
    fn invoice(currencies: Vec<Currency>)(
        customer in "[A-Z][A-Za-z0-9]{0,5}",
        issue in 0u32..700,
        terms in 0u32..120,
        cur in 0..currencies.len(),
        gross in -100_000_000_i64..10_000_000_000,
        vat_pct in proptest::option::of(0i64..=30),
        paid in proptest::option::of((1i64..=100, 0u32..200)),
        dispute in proptest::option::of(("([a-z]{1,8}( [a-z\u{4e00}-\u{4e10}]{1,8})?)?", 0u32..50)),
    ) -> Invoice {
        let gross = Decimal::new(gross, 2);
        let payments = match paid {
            Some((pct, after)) if gross > Decimal::ZERO => {
                let amount = (gross * Decimal::from(pct) / Decimal::ONE_HUNDRED).round_dp(2);
                if amount.is_zero() { vec![] } else {
                    vec![Payment { date: day(issue + after), amount }]
                }
            }
            _ => vec![],
        };
        Invoice {
            kind: Default::default(),
            id: String::new(),
            customer_id: customer,
            issue_date: day(issue),
            due_date: day(issue + terms),
            currency: currencies[cur],
            gross,
            // VAT is part of the gross (the importer refuses more).
            vat: vat_pct.map(|k| (gross.abs() * Decimal::new(k, 2)).round_dp(2)),
            payments,
            dispute: dispute.map(|(reason, after)| Dispute { date: day(issue + after), reason }),
        }
    }
}

fn invoices(currencies: Vec<Currency>) -> impl Strategy<Value = Vec<Invoice>> {
    proptest::collection::vec(invoice(currencies), 0..40).prop_map(|mut v| {
        for (i, inv) in v.iter_mut().enumerate() {
            inv.id = format!("INV-{i:05}");
        }
        v
    })
}

fn import(csv: &str) -> credit_core::import::Preview {
    let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
    preview(
        "p.csv",
        &t,
        &guess_mapping(&t.headers),
        &ParseOptions::default(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn export_import_round_trip(inv in invoices(vec![Currency::CNY, Currency::EUR, Currency::JPY])) {
        let csv = invoices_csv(&inv, &Portfolio::new("p", Currency::CNY));
        let p = import(&csv);
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);
        // The export has no kind column: a negative line reads back as a
        // credit note (the sign decides).
        let want: Vec<_> = inv
            .into_iter()
            .map(|mut i| {
                i.kind = credit_core::invoice::DocKind::from_sign(i.gross);
                i
            })
            .collect();
        prop_assert_eq!(p.invoices, want);
    }

    #[test]
    fn every_open_invoice_is_aged(inv in invoices(vec![Currency::CNY]), as_of in 0u32..900) {
        let csv = invoices_csv(&inv, &Portfolio::new("p", Currency::CNY));
        let p = import(&csv);
        let (q, _) = merge(&Portfolio::new("p", Currency::CNY), &p,
                           MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
        let as_of = day(as_of);
        let r = age(&q, as_of, &AgeingSettings::default()).unwrap();
        let sum: Decimal = r.total.buckets.iter().sum();
        prop_assert_eq!(sum, r.total.total);
        // Net of every open item issued by as_of (credits included).
        let open: Decimal = inv.iter().map(|i| i.open_as_of(as_of)).sum();
        prop_assert_eq!(r.total.total, open);
    }

    /// An open-items file as an ERP writes it (a title row, a header,
    /// invoices, credit notes, payments on account, part- and over-paid
    /// lines, a total row): the buyers' totals in the ageing as of the
    /// file's date add up to the file's net total (Σ amount − paid, worked
    /// out here from the generated figures), and each buyer's to its own.
    #[test]
    fn buyer_totals_add_up_to_the_files_net(
        lines in proptest::collection::vec(
            (0u8..5, 0u8..3, 1i64..5_000_000, 0u8..4, 0u32..300, 0u32..90),
            1..40,
        ),
    ) {
        let file_date = day(400);
        let mut csv = String::from("Open items list,,,,,,\nKey date 2025-02-04,,,,,,\n\n");
        csv.push_str("Document No,Type,Customer,Document date,Due date,Amount,Paid amount\n");
        let mut net: std::collections::BTreeMap<String, Decimal> = Default::default();
        for (k, (buyer, kind, cents, paid_q, issue, terms)) in lines.iter().enumerate() {
            let amount = Decimal::new(*cents, 2);
            let issue_d = day(*issue);
            let due_d = issue_d + chrono::Days::new(u64::from(*terms));
            let (ty, signed, paid) = match kind {
                // An invoice, paid 0, half, in full or 10 % over.
                0 => {
                    let paid = match paid_q {
                        0 => Decimal::ZERO,
                        1 => (amount / Decimal::TWO).round_dp(2),
                        2 => amount,
                        _ => (amount * Decimal::new(11, 1)).round_dp(2),
                    };
                    ("Invoice", amount, paid)
                }
                1 => ("Credit Memo", -amount, Decimal::ZERO),
                _ => ("Payment", -amount, Decimal::ZERO),
            };
            let id = format!("D-{k:04}");
            csv.push_str(&format!("{id},{ty},B{buyer},{issue_d},{due_d},{signed},{paid}\n"));
            *net.entry(format!("B{buyer}")).or_default() += signed - paid;
        }
        let total: Decimal = net.values().copied().sum();
        csv.push_str(&format!("Total,,,,,{total},\n"));
        let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
        prop_assert_eq!(t.header_row, 4);
        let opts = ParseOptions { file_date: Some(file_date), ..ParseOptions::default() };
        let p = preview("open.csv", &t, &guess_mapping(&t.headers), &opts);
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);
        prop_assert_eq!(p.invoices.len(), lines.len());
        let (q, _) = merge(&Portfolio::new("p", Currency::CNY), &p,
                           MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
        let r = age(&q, file_date, &AgeingSettings::default()).unwrap();
        prop_assert_eq!(r.total.total, total);
        let by_customer: Decimal = r.customers.iter().map(|c| c.row.total).sum();
        prop_assert_eq!(by_customer, total);
        for c in &r.customers {
            prop_assert_eq!(Some(&c.row.total), net.get(&c.customer_id));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Ok(t) = read_table(&bytes, &ReadOptions::default()) {
            let _ = preview("x", &t, &guess_mapping(&t.headers), &ParseOptions::default());
            let _ = preview("x", &t, &all_fields(t.headers.len()), &ParseOptions::default());
        }
    }

    #[test]
    fn csv_like_text_never_panics(text in "[a-zA-Z0-9 ,;\t\"\r\n./\\-()¥€$£'年月日,.]{0,300}") {
        let with_header = format!("invoice,customer,issue date,due date,amount,paid,vat,payment date\n{text}");
        for t in [text.as_str(), with_header.as_str()] {
            if let Ok(t) = read_table(t.as_bytes(), &ReadOptions::default()) {
                let p = preview("x", &t, &all_fields(t.headers.len()), &ParseOptions::default());
                let _ = merge(&Portfolio::new("p", Currency::CNY), &p,
                              MergePolicy::ValidRowsOnly, OnExisting::Replace);
            }
        }
    }
}

/// Maps the first columns to the invoice fields, in order.
fn all_fields(n: usize) -> Mapping {
    let fields = [
        Field::InvoiceId,
        Field::CustomerId,
        Field::IssueDate,
        Field::DueDate,
        Field::Gross,
        Field::Paid,
        Field::Vat,
        Field::PaymentDate,
        Field::Currency,
        Field::Disputed,
        Field::DisputeDate,
    ];
    Mapping {
        columns: (0..n).map(|i| fields.get(i).copied()).collect(),
    }
}
