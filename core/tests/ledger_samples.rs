//! The realistic ERP exports in `tests/data/ledgers/` (SAP FBL5N German and
//! English, ERPNext, Odoo, Kingdee CSV and XLSX, Yonyou, QuickBooks, Xero),
//! against `expected.json`, computed independently (`expected.py`): each
//! file is read with the default options, its preset recognised and its
//! header row found, previewed with the preset's mapping and the file date
//! 2026-11-30, merged into an empty portfolio in its currency, and each
//! buyer's net open amount compared to the cent.

#![cfg(not(target_os = "wasi"))]

use credit_core::import::{
    detect_preset, merge, preview, read_file, Encoding, MergePolicy, OnExisting, ParseOptions,
    Preset, ReadOptions,
};
use credit_core::money::Currency;
use credit_core::portfolio::Portfolio;
use credit_core::Decimal;

fn dir() -> String {
    format!("{}/tests/data/ledgers", env!("CARGO_MANIFEST_DIR"))
}

fn expected() -> serde_json::Value {
    let path = format!("{}/expected.json", dir());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("expected.json")
}

/// Reads, previews and merges one sample; checks it against `expected`
/// (the entry of `key` in expected.json).
fn check(file: &str, key: &str, preset: Preset, encoding: Option<Encoding>) {
    let all = expected();
    let want = &all[key];
    let path = format!("{}/{file}", dir());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let t = read_file(&bytes, &ReadOptions::default()).unwrap();
    if let Some(e) = encoding {
        assert_eq!(t.encoding, e, "{file}");
    }
    assert_eq!(detect_preset(&t), Some(preset), "{file}: {:?}", t.headers);
    assert_eq!(
        t.header_row as u64,
        want["header_row"].as_u64().unwrap(),
        "{file}"
    );
    let currency = Currency::new(want["currency"].as_str().unwrap()).unwrap();
    let opts = ParseOptions {
        default_currency: currency,
        file_date: credit_core::dates::parse_iso("2026-11-30"),
        preset: Some(preset),
        ..ParseOptions::default()
    };
    let p = preview(file, &t, &preset.mapping(&t.headers), &opts);
    assert!(p.errors.is_empty(), "{file}: {:#?}", p.errors);
    assert!(!p.needs_date_order, "{file}");
    let at = &want["as_of"]["2026-11-30"];
    assert_eq!(
        p.invoices.len() as u64,
        at["items"].as_u64().unwrap(),
        "{file}: lines"
    );
    let (portfolio, report) = merge(
        &Portfolio::new(file, currency),
        &p,
        MergePolicy::AllOrNothing,
        OnExisting::Skip,
    )
    .unwrap();
    assert_eq!(report.added, p.invoices.len(), "{file}");
    assert!(report.currencies_without_rate.is_empty(), "{file}");
    assert_eq!(portfolio.invoices.len(), p.invoices.len());
    let buyers = at["buyers"].as_object().unwrap();
    let got = p.buyer_balances();
    assert_eq!(got.len(), buyers.len(), "{file}: {got:?}");
    for (id, cur, net) in &got {
        assert_eq!(*cur, currency, "{file}: {id}");
        let w: Decimal = buyers[id.as_str()]["net"]
            .as_str()
            .unwrap_or_else(|| panic!("{file}: buyer {id} not expected"))
            .parse()
            .unwrap();
        assert_eq!(net.round_dp(2), w, "{file}: buyer {id}");
    }
    let total: Decimal = at["total"]["net"].as_str().unwrap().parse().unwrap();
    assert_eq!(got.iter().map(|b| b.2).sum::<Decimal>(), total, "{file}");
    for (date, want) in want["as_of"].as_object().unwrap() {
        check_ageing(file, &portfolio, date, want);
    }
}

/// The ageing of the imported portfolio as of a date (default buckets,
/// credits by their date) against the independent computation: each
/// buyer's buckets and net to the cent, the lines issued later left out.
fn check_ageing(file: &str, p: &Portfolio, date: &str, want: &serde_json::Value) {
    let as_of = credit_core::dates::parse_iso(date).unwrap();
    let r = credit_core::ageing::age(p, as_of, &p.settings.ageing).unwrap();
    let keys = ["not_due", "1_30", "31_60", "61_90", "91_120", "121_plus"];
    let buyers = want["buyers"].as_object().unwrap();
    let dec = |v: &serde_json::Value| -> Decimal { v.as_str().unwrap().parse().unwrap() };
    for (id, w) in buyers {
        let c = r
            .customers
            .iter()
            .find(|c| &c.customer_id == id)
            .unwrap_or_else(|| panic!("{file} {date}: no buyer {id}"));
        let got: Vec<Decimal> = c.row.buckets.iter().map(|b| b.round_dp(2)).collect();
        let exp: Vec<Decimal> = keys.iter().map(|k| dec(&w[*k])).collect();
        assert_eq!(got, exp, "{file} {date}: buyer {id} buckets");
        assert_eq!(
            c.row.total.round_dp(2),
            dec(&w["net"]),
            "{file} {date}: {id}"
        );
    }
    // Buyers the file names only by lines issued later are empty.
    for c in &r.customers {
        if !buyers.contains_key(&c.customer_id) {
            assert!(c.row.total.is_zero(), "{file} {date}: {}", c.customer_id);
        }
    }
    assert_eq!(
        r.total.total.round_dp(2),
        dec(&want["total"]["net"]),
        "{file} {date}"
    );
    assert_eq!(
        r.not_yet_issued as u64,
        want["left_out_after_as_of"].as_u64().unwrap(),
        "{file} {date}: left out"
    );
}

#[test]
fn sap_fbl5n_de() {
    check(
        "sap_fbl5n_de.csv",
        "sap_fbl5n_de.csv",
        Preset::SapFbl5nDe,
        Some(Encoding::Windows1252),
    );
}

#[test]
fn sap_fbl5n_en() {
    check(
        "sap_fbl5n_en.csv",
        "sap_fbl5n_en.csv",
        Preset::SapFbl5nEn,
        None,
    );
}

#[test]
fn erpnext() {
    check("erpnext_ar.csv", "erpnext_ar.csv", Preset::ErpNextAr, None);
}

#[test]
fn odoo() {
    check(
        "odoo_aged_receivable.csv",
        "odoo_aged_receivable.csv",
        Preset::OdooJournalItems,
        None,
    );
}

#[test]
fn kingdee_csv() {
    check(
        "kingdee_ar.csv",
        "kingdee_ar.csv",
        Preset::Kingdee,
        Some(Encoding::Gb18030),
    );
}

#[cfg(feature = "xlsx")]
#[test]
fn kingdee_xlsx() {
    check("kingdee_ar.xlsx", "kingdee_ar.csv", Preset::Kingdee, None);
}

#[test]
fn yonyou() {
    check("yonyou_ar.csv", "yonyou_ar.csv", Preset::Yonyou, None);
}

#[test]
fn quickbooks() {
    check(
        "quickbooks_ar_aging_detail.csv",
        "quickbooks_ar_aging_detail.csv",
        Preset::QuickBooksAgingDetail,
        None,
    );
}

#[test]
fn xero() {
    check(
        "xero_aged_receivables_detail.csv",
        "xero_aged_receivables_detail.csv",
        Preset::XeroAgedDetail,
        None,
    );
}

/// Xero's report as it usually comes: no Contact column, each contact a
/// heading row above its lines. The same file as the one with the column,
/// so the same figures (`xero_aged_receivables_detail_grouped.csv` is made
/// from it by moving the contact into the headings; see the README there).
#[test]
fn xero_grouped_by_contact_headings() {
    check(
        "xero_aged_receivables_detail_grouped.csv",
        "xero_aged_receivables_detail.csv",
        Preset::XeroAgedDetail,
        None,
    );
}

/// The title rows give the report's date; total and section rows are left
/// out and listed.
#[test]
fn report_dates_and_skipped_rows() {
    use credit_core::import::{ImportWarning, SkipReason};
    let read = |f: &str| {
        let bytes = std::fs::read(format!("{}/{f}", dir())).unwrap();
        read_file(&bytes, &ReadOptions::default()).unwrap()
    };
    for f in [
        "sap_fbl5n_de.csv",
        "sap_fbl5n_en.csv",
        "kingdee_ar.csv",
        "yonyou_ar.csv",
        "quickbooks_ar_aging_detail.csv",
        "xero_aged_receivables_detail.csv",
    ] {
        assert_eq!(
            read(f).report_date,
            credit_core::dates::parse_iso("2026-11-30"),
            "{f}"
        );
    }
    let t = read("quickbooks_ar_aging_detail.csv");
    let p = Preset::QuickBooksAgingDetail;
    let pv = preview(
        "qb.csv",
        &t,
        &p.mapping(&t.headers),
        &ParseOptions::default(),
    );
    let totals: Vec<usize> = pv
        .skipped_rows
        .iter()
        .filter(|(_, w)| *w == SkipReason::Total)
        .map(|(r, _)| *r)
        .collect();
    assert_eq!(totals, vec![10, 16, 21, 25, 30, 31]);
    assert!(pv
        .warnings
        .contains(&ImportWarning::PresetRecognised { preset: p }));
    assert!(pv.warnings.iter().any(|w| matches!(
        w,
        ImportWarning::SectionRowsLeftOut { rows } if rows.starts_with(&[6, 11])
    )));
}
