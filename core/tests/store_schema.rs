//! The storage codec across schemas and at scale: data written by the
//! previous schema loads, a newer schema is refused, the demo portfolios
//! round-trip exactly.

use credit_core::ageing::AgeBasis;
use credit_core::customer::CustomerStatus;
use credit_core::demo::{generate, DemoSpec};
use credit_core::money::Currency;
use credit_core::store::{
    decode, decode_chunk, decode_head, encode, encode_chunk, encode_head, Extras, StoreError,
    CHUNK_INVOICES, SCHEMA,
};
use credit_core::{Decimal, NaiveDate};

/// A head written by schema 1 (`encode_head_v1` in src/store.rs), checked in.
const V1_HEAD: &[u8] = include_bytes!("data/store_v1_head.bin");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

#[test]
fn data_written_by_the_previous_schema_loads() {
    let (p, extras, schema) = decode_head(V1_HEAD).expect("schema 1 head");
    assert_eq!(schema, 1);
    assert!(
        extras.is_empty(),
        "schema 1 has no extras: they start empty"
    );
    assert_eq!(p.name, "华东 portfolio");
    assert_eq!(p.base_currency(), Currency::CNY);
    assert!(p.invoices.is_empty());

    let rates = p.fx.rates();
    assert_eq!(rates.len(), 2);
    assert_eq!(
        (rates[0].currency, rates[0].date),
        (Currency::EUR, d(2025, 1, 1))
    );
    assert_eq!(rates[0].rate.to_string(), "7.8512");
    assert_eq!(rates[1].rate.to_string(), "7.10", "the scale survives");

    assert_eq!(p.customers.len(), 2);
    let c = &p.customers[0];
    assert_eq!(
        (c.id.as_str(), c.name.as_str()),
        ("C-001", "苏州恒达精密机械有限公司")
    );
    assert_eq!(
        (c.country.as_str(), c.industry.as_str()),
        ("CN", "机械制造")
    );
    assert_eq!((c.year_founded, c.terms_days), (Some(2003), 60));
    assert_eq!(
        c.credit_limit.map(|l| l.to_string()),
        Some("500000.00".into())
    );
    assert_eq!(c.insured_limit, Some(Decimal::ZERO));
    assert_eq!(c.status, CustomerStatus::OnHold);
    let c = &p.customers[1];
    assert_eq!(
        (c.id.as_str(), c.name.as_str(), c.country.as_str()),
        ("C-002", "Alpha GmbH", "DE")
    );
    assert_eq!(
        (c.year_founded, c.credit_limit, c.status),
        (None, None, CustomerStatus::Active)
    );

    assert_eq!(p.settings.ageing.basis, AgeBasis::IssueDate);
    assert_eq!(p.settings.ageing.edges, vec![15, 30, 45, 60]);
    let k = &p.settings.kpi;
    assert_eq!(
        (k.period_days, k.countback_months, k.at_risk_days),
        (30, 12, 60)
    );

    // Saved again, it is a head of the current schema with the same portfolio.
    let again = encode_head(&p, &Extras::new());
    assert_eq!(
        decode_head(&again).expect("schema 2"),
        (p, Extras::new(), SCHEMA)
    );
}

#[test]
fn a_schema_1_head_takes_chunks() {
    let (mut p, _, _) = decode_head(V1_HEAD).expect("schema 1 head");
    let inv = credit_core::invoice::Invoice {
        kind: Default::default(),
        id: "F-1".into(),
        customer_id: "C-001".into(),
        issue_date: d(2025, 3, 1),
        due_date: d(2025, 4, 30),
        currency: Currency::EUR,
        gross: dec("1200.50"),
        vat: Some(dec("191.68")),
        payments: vec![],
        dispute: None,
    };
    let chunk = encode_chunk(std::slice::from_ref(&inv));
    let (q, _) = decode(V1_HEAD, &[chunk]).expect("head and chunk");
    p.invoices.push(inv);
    assert_eq!(q, p);
    assert!(p.validate().is_empty());
}

#[test]
fn a_newer_schema_is_refused() {
    let mut head = encode_head(
        &generate(&DemoSpec::standard(d(2025, 6, 30))),
        &Extras::new(),
    );
    head[3..7].copy_from_slice(&4u32.to_le_bytes());
    assert_eq!(
        decode_head(&head),
        Err(StoreError::NewerSchema {
            found: 4,
            supported: 3
        })
    );
    let mut chunk = encode_chunk(&[]);
    chunk[3..7].copy_from_slice(&4u32.to_le_bytes());
    assert_eq!(
        decode_chunk(&chunk, &mut Vec::new()),
        Err(StoreError::NewerSchema {
            found: 4,
            supported: 3
        })
    );
}

#[test]
fn the_large_demo_round_trips() {
    let p = generate(&DemoSpec::large(d(2025, 6, 30), 200, 20_000));
    let mut extras = Extras::new();
    extras.insert(
        "import.mapping".into(),
        "{\"发票号\":\"invoice_id\"}".into(),
    );
    extras.insert("ui.lang".into(), "zh-CN".into());
    let s = encode(&p, &extras);
    assert_eq!(s.chunks.len(), 20_000 / CHUNK_INVOICES);
    let (q, e) = decode(&s.head, &s.chunks).expect("decode");
    assert_eq!(q, p);
    // Debug shows each Decimal's scale, which == does not compare.
    assert_eq!(format!("{q:?}"), format!("{p:?}"));
    assert_eq!(e, extras);
}

#[test]
fn a_flipped_magic_is_corrupt() {
    let mut head = V1_HEAD.to_vec();
    head[1] = b'X';
    assert!(matches!(
        decode_head(&head),
        Err(StoreError::Corrupt { .. })
    ));
}

/// A head and a chunk written by schema 2 (before document kinds and the
/// credit placement), checked in: a EUR ledger with an invoice part paid, a
/// credit note (negative gross), a not-yet-due invoice and an overpaid one.
const V2_HEAD: &[u8] = include_bytes!("data/store_v2_head.bin");
const V2_CHUNK: &[u8] = include_bytes!("data/store_v2_chunk.bin");

#[test]
fn a_schema_2_ledger_loads_with_kinds_and_the_same_figures() {
    use credit_core::ageing::{age, CreditPlacement};
    use credit_core::invoice::DocKind;
    let (p, extras) = decode(V2_HEAD, &[V2_CHUNK]).expect("schema 2 ledger");
    assert_eq!(extras.get("import.mapping").map(String::as_str), Some("{}"));
    assert_eq!(p.settings.ageing.credits, CreditPlacement::ByDate);
    let kinds: Vec<(&str, DocKind)> = p.invoices.iter().map(|i| (i.id.as_str(), i.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("RV-1", DocKind::Invoice),
            ("DG-2", DocKind::CreditNote),
            ("RV-3", DocKind::Invoice),
            ("RV-4", DocKind::Invoice),
        ]
    );
    assert_eq!(p.customers[0].name, "Müller Maschinenbau GmbH");
    // By hand, as of 2026-11-30: K-100 owes 10,000 − 4,000 = 6,000 (91 days
    // past due) less the credit note of 1,500 (81 days): 4,500 net. K-200
    // owes 2,500 not yet due less the 200 overpaid on RV-4: 2,300.
    let r = age(&p, d(2026, 11, 30), &p.settings.ageing).expect("ageing");
    let by_id = |id: &str| {
        r.customers
            .iter()
            .find(|c| c.customer_id == id)
            .map(|c| c.row.total)
    };
    assert_eq!(by_id("K-100"), Some(dec("4500.00")));
    assert_eq!(by_id("K-200"), Some(dec("2300.00")));
    assert_eq!(r.total.total, dec("6800.00"));
    // Saved again in the current schema, it reads back the same.
    let again = encode(&p, &extras);
    assert_eq!(
        decode(&again.head, &again.chunks).expect("schema 3"),
        (p, extras)
    );
}

/// A saved assessment from before grades needed evidence (no `graded`
/// field; `tests/data/decision_v1.json`, written by that version: a buyer
/// with only a clean history, which the scorecard then graded 2) reads
/// back whole, its grade kept as a decision someone saved; the same record
/// saved now says it did not grade the buyer.
#[test]
fn a_decision_saved_before_evidence_reads_as_graded() {
    use credit_core::decision::AssessmentRecord;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/decision_v1.json"
    ))
    .unwrap();
    assert!(!text.contains("graded"));
    let old: AssessmentRecord = serde_json::from_str(&text).unwrap();
    assert_eq!((old.grade, old.graded), (2, true));
    assert_eq!(old.customer_id, "C0042");
    assert_eq!(old.note, "saved before grades needed evidence");
    assert!(!credit_core::rating::has_evidence(&old.input));
    let now = serde_json::to_value(&old).unwrap();
    assert_eq!(now["graded"], true);
}
