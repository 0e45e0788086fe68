//! Unit tests of the import: preview, merge, layouts and cell readings.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::*;
use crate::invoice::DocKind;
use crate::money::Currency;
use crate::portfolio::Portfolio;

fn table(csv: &str) -> Table {
    read_table(csv.as_bytes(), &ReadOptions::default()).unwrap()
}

fn pv(csv: &str, opts: &ParseOptions) -> Preview {
    let t = table(csv);
    preview("t.csv", &t, &guess_mapping(&t.headers), opts)
}

#[test]
fn paid_column_becomes_a_payment() {
    let p = pv(
        "invoice,customer,name,issue date,due date,amount,paid,payment date\n\
         A,C1,Acme,2025-01-01,2025-01-31,100,40,2025-02-10\n\
         B,C1,Acme,2025-01-02,2025-02-01,100,100,\n\
         C,C2,,2025-01-03,2025-03-04,50,0,\n",
        &ParseOptions::default(),
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.invoices[0].payments[0].date.to_string(), "2025-02-10");
    assert_eq!(p.invoices[1].payments[0].date.to_string(), "2025-02-01");
    assert!(p.invoices[2].payments.is_empty());
    assert_eq!(p.customers.len(), 2);
    assert_eq!(p.customers[0].name, "Acme");
    assert_eq!(p.customers[0].terms_days, 30);
    assert_eq!(p.customers[1].name, "C2");
    assert_eq!(p.customers[1].terms_days, 60);
    assert_eq!(p.summary.totals[0].gross, Decimal::from(250));
    assert_eq!(p.summary.totals[0].paid, Decimal::from(140));
}

#[test]
fn all_errors_listed() {
    let p = pv(
        "invoice,customer,issue date,due date,amount,currency,paid\n\
         A,C1,2025-01-01,2024-12-01,x,ZZ1,5\n\
         A,,2025-02-30,,1,,2\n",
        &ParseOptions::default(),
    );
    let reasons: Vec<(usize, &str, ErrorReason)> = p
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            (2, "currency", ErrorReason::UnknownCurrency),
            (2, "amount", ErrorReason::NotAnAmount),
            (2, "due date", ErrorReason::DueBeforeIssue),
            (3, "invoice", ErrorReason::DuplicateInFile),
            (3, "customer", ErrorReason::Missing),
            (3, "issue date", ErrorReason::NoSuchDate),
            (3, "due date", ErrorReason::Missing),
            // Paid 2 of a gross of 1 is an overpayment now, not an error.
        ]
    );
    assert_eq!(p.duplicates_in_file, vec!["A"]);
    assert_eq!(p.summary.error_rows, 2);
}

#[test]
fn ambiguous_dates_need_a_choice() {
    let csv = "invoice,customer,issue date,due date,amount\n\
               A,C1,03/04/2025,05/04/2025,1\n";
    let p = pv(csv, &ParseOptions::default());
    assert!(p.needs_date_order);
    assert_eq!(p.errors[0].reason, ErrorReason::AmbiguousDate);
    let empty = Portfolio::new("p", Currency::CNY);
    assert_eq!(
        merge(&empty, &p, MergePolicy::ValidRowsOnly, OnExisting::Skip),
        Err(ImportError::DateOrderRequired)
    );
    let opts = ParseOptions {
        date_order: Some(DateOrder::Dmy),
        ..ParseOptions::default()
    };
    let p = pv(csv, &opts);
    assert!(!p.needs_date_order && p.errors.is_empty());
    assert_eq!(p.invoices[0].issue_date.to_string(), "2025-04-03");
}

#[test]
fn skip_or_replace_existing() {
    let csv = "invoice,customer,issue date,due date,amount\nA,C1,2025-01-01,2025-01-31,7\n";
    let p = pv(csv, &ParseOptions::default());
    let empty = Portfolio::new("p", Currency::CNY);
    let (one, _) = merge(&empty, &p, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
    let p2 = pv(
        "invoice,customer,issue date,due date,amount\nA,C1,2025-01-01,2025-01-31,9\n",
        &ParseOptions::default(),
    );
    let (s, r) = merge(&one, &p2, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
    assert_eq!(
        (s.invoices[0].gross, r.skipped.clone()),
        (Decimal::from(7), vec!["A".to_string()])
    );
    let (s, r) = merge(&one, &p2, MergePolicy::AllOrNothing, OnExisting::Replace).unwrap();
    assert_eq!(
        (s.invoices[0].gross, r.replaced),
        (Decimal::from(9), vec!["A".to_string()])
    );
    assert_eq!(s.invoices.len(), 1);
    assert_eq!(one.invoices[0].gross, Decimal::from(7));
}

#[test]
fn payment_and_customer_files() {
    let inv = pv(
        "invoice,customer,issue date,due date,amount,currency\nA,C1,2025-01-01,2025-01-31,100,EUR\n",
        &ParseOptions::default(),
    );
    let empty = Portfolio::new("p", Currency::CNY);
    let (base, r) = merge(&empty, &inv, MergePolicy::AllOrNothing, OnExisting::Skip).unwrap();
    assert_eq!(r.currencies_without_rate, vec![Currency::EUR]);
    let pay = pv(
        "invoice,paid,payment date\nA,60,2025-02-01\nZ,1,2025-02-01\n",
        &ParseOptions::default(),
    );
    assert_eq!(pay.kind, FileKind::Payments);
    assert!(matches!(
        merge(&base, &pay, MergePolicy::AllOrNothing, OnExisting::Skip),
        Err(ImportError::UnknownInvoices(_))
    ));
    let (q, r) = merge(&base, &pay, MergePolicy::ValidRowsOnly, OnExisting::Skip).unwrap();
    assert_eq!((r.payments_added, r.rows_left_out), (1, 1));
    assert_eq!(q.invoices[0].payments[0].amount, Decimal::from(60));
    let cust = pv(
        "客户编号,客户名称,国家,账期,信用额度\nC1,上海甲公司,cn,60天,\"500,000\"\n",
        &ParseOptions::default(),
    );
    assert_eq!(cust.kind, FileKind::Customers);
    let (q, r) = merge(&base, &cust, MergePolicy::AllOrNothing, OnExisting::Replace).unwrap();
    assert_eq!(r.replaced, vec!["C1".to_string()]);
    assert_eq!(q.customers[0].name, "上海甲公司");
    assert_eq!(q.customers[0].country, "CN");
    assert_eq!(q.customers[0].terms_days, 60);
    assert_eq!(q.customers[0].credit_limit, Some(Decimal::from(500_000)));
}

#[test]
fn missing_columns() {
    let p = pv("foo,bar\n1,2\n", &ParseOptions::default());
    assert!(p.invoices.is_empty());
    assert!(p.errors.iter().all(|e| e.row == 1));
    assert!(!p.errors.is_empty());
    let t = table("invoice,amount\nA,1\n");
    assert!(matches!(
        file_kind(&guess_mapping(&t.headers)),
        Err(ImportError::MissingColumns(_))
    ));
}

fn d(s: &str) -> NaiveDate {
    crate::dates::parse_iso(s).unwrap()
}

#[test]
fn title_rows_and_file_row_numbers() {
    let csv = "应收账款明细表,,,\n会计期间：2026年第11期,,,\n单位：元,,,\n\
               单据编号,客户编码,单据日期,到期日,金额\n\
               A-1,C1,2026-10-01,2026-10-31,100\n\
               A-2,C1,2026-10-02,,5\n";
    let t = table(csv);
    assert_eq!(t.header_row, 4);
    assert_eq!(
        t.title_rows,
        vec!["应收账款明细表", "会计期间：2026年第11期", "单位：元"]
    );
    assert_eq!(t.report_date, Some(d("2026-11-30")));
    let p = preview(
        "t.csv",
        &t,
        &guess_mapping(&t.headers),
        &ParseOptions::default(),
    );
    assert_eq!(p.errors.len(), 1);
    assert_eq!(
        (p.errors[0].row, p.errors[0].reason),
        (6, ErrorReason::Missing)
    );
    assert!(p.warnings.contains(&ImportWarning::ReportDate {
        date: d("2026-11-30")
    }));
    // The user's override.
    let opts = ReadOptions {
        header_row: Some(2),
        ..ReadOptions::default()
    };
    let t = read_table(csv.as_bytes(), &opts).unwrap();
    assert_eq!(
        (t.header_row, t.headers[0].as_str()),
        (2, "会计期间：2026年第11期")
    );
    assert_eq!(t.title_rows, vec!["应收账款明细表"]);
}

#[test]
fn total_and_section_rows_left_out() {
    let p = pv(
        "Customer,Date,Num,Due Date,Amount\n\
         Current,,,,\n\
         Acme,2026-11-01,1,2026-12-01,100\n\
         Total for Current,,,,100\n\
         1 - 30 days past due,,,,\n\
         Total Energies,2026-10-01,2,2026-10-31,50\n\
         TOTAL,,,,150\n\
         合计,,,,150\n\
         *,,,,150\n",
        &ParseOptions::default(),
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.invoices.len(), 2);
    assert_eq!(p.invoices[1].customer_id, "Total Energies");
    assert_eq!(
        p.skipped_rows,
        vec![
            (2, SkipReason::Section),
            (4, SkipReason::Total),
            (5, SkipReason::Section),
            (7, SkipReason::Total),
            (8, SkipReason::Total),
            (9, SkipReason::Total),
        ]
    );
    assert!(p.warnings.contains(&ImportWarning::TotalRowsLeftOut {
        rows: vec![4, 7, 8, 9]
    }));
    assert!(p
        .warnings
        .contains(&ImportWarning::SectionRowsLeftOut { rows: vec![2, 5] }));
    assert_eq!(p.summary.rows, 2);
}

#[test]
fn currency_names() {
    for (name, code) in [
        ("人民币", "CNY"),
        ("rmb", "CNY"),
        ("元", "CNY"),
        ("￥", "CNY"),
        ("美元", "USD"),
        ("US Dollar", "USD"),
        ("US$", "USD"),
        ("$", "USD"),
        ("欧元", "EUR"),
        ("euro", "EUR"),
        ("€", "EUR"),
        ("英镑", "GBP"),
        ("Pound Sterling", "GBP"),
        ("£", "GBP"),
        ("港币", "HKD"),
        ("港元", "HKD"),
        ("HK$", "HKD"),
        ("日元", "JPY"),
        ("円", "JPY"),
        ("Yen", "JPY"),
        ("Franken", "CHF"),
        ("新台币", "TWD"),
        ("澳元", "AUD"),
        ("加元", "CAD"),
        ("新加坡元", "SGD"),
        ("韩元", "KRW"),
        ("usd", "USD"),
    ] {
        assert_eq!(currency_from_name(name), Some(code), "{name}");
    }
    let p = pv(
        "invoice,customer,issue date,due date,amount,currency\n\
         A,C1,2026-01-01,2026-01-31,1,美元\nB,C1,2026-01-01,2026-01-31,1,chf\n\
         C,C1,2026-01-01,2026-01-31,1,Gold\n",
        &ParseOptions::default(),
    );
    assert_eq!(p.invoices[0].currency, Currency::USD);
    assert_eq!(p.invoices[1].currency.code(), "CHF");
    assert_eq!(p.errors[0].reason, ErrorReason::UnknownCurrency);
}

#[test]
fn doc_types_and_signs() {
    let p = pv(
        "type,invoice,customer,issue date,due date,amount\n\
         RV,1,C1,2026-01-01,2026-01-31,100\n\
         DG,2,C1,2026-01-05,,30\n\
         DZ,3,C1,2026-01-06,,-50\n\
         Sales Invoice,4,C1,2026-01-07,2026-01-07,-10\n\
         Journal Entry,5,C1,2026-01-08,,25\n\
         Mystery,6,C1,2026-01-09,2026-02-09,-5\n\
         收款单,,C1,2026-01-10,,800\n\
         Debit Memo,8,C1,2026-01-11,2026-02-11,7\n",
        &ParseOptions::default(),
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let got: Vec<(DocKind, String)> = p
        .invoices
        .iter()
        .map(|i| (i.kind, i.gross.to_string()))
        .collect();
    let want = [
        (DocKind::Invoice, "100"),
        (DocKind::CreditNote, "-30"),
        (DocKind::Payment, "-50"),
        (DocKind::CreditNote, "-10"),
        (DocKind::Invoice, "25"),
        (DocKind::CreditNote, "-5"),
        (DocKind::Payment, "-800"),
        (DocKind::DebitNote, "7"),
    ];
    for ((k, g), (wk, wg)) in got.iter().zip(want) {
        assert_eq!((*k, g.as_str()), (wk, wg));
    }
    // No due date on a credit: due on its issue date; made-up id.
    assert_eq!(p.invoices[1].due_date, d("2026-01-05"));
    assert_eq!(p.invoices[4].due_date, d("2026-01-08"));
    assert_eq!(p.invoices[6].id, "PAY-C1-2026-01-10-r8");
    // An invoice still needs its due date and id.
    let p = pv(
        "type,invoice,customer,issue date,due date,amount\nRV,,C1,2026-01-01,,100\n",
        &ParseOptions::default(),
    );
    let reasons: Vec<(&str, ErrorReason)> = p
        .errors
        .iter()
        .map(|e| (e.column.as_str(), e.reason))
        .collect();
    assert_eq!(
        reasons,
        vec![
            ("due date", ErrorReason::Missing),
            ("invoice", ErrorReason::Missing)
        ]
    );
    // Buyer terms come from its first invoice, not from a credit.
    let p = pv(
        "type,invoice,customer,issue date,due date,amount\n\
         DZ,1,C1,2026-01-01,,-5\nRV,2,C1,2026-01-01,2026-03-02,10\n",
        &ParseOptions::default(),
    );
    assert_eq!(p.customers[0].terms_days, 60);
}

/// Issue 23, cases 1 and 3: the one-row file with an amount of 10^27
/// (every page then panicked in `kpi::dso`), two rows at `Decimal::MAX`,
/// columns that add up beyond the bound, a 100,000-character name and
/// VAT above the gross are refused cell by cell, saying why; the rest
/// of the file is kept.
#[test]
fn hostile_amounts_and_texts_are_refused_with_the_reason() {
    let name = "N".repeat(100_000);
    let text = format!(
        "invoice,customer,customer name,issue date,due date,amount,paid,vat\n\
         A,C1,Acme,2026-10-01,2026-10-31,1000000000000000000000000000,,\n\
         B,C1,Acme,2026-10-01,2026-10-31,79228162514264337593543950335,,\n\
         C,C2,{name},2026-10-01,2026-10-31,100,,\n\
         D,C1,Acme,2026-10-01,2026-10-31,100,,150\n\
         E,C1,Acme,2026-10-01,2026-10-31,1000000000000000,-1000000000000000,\n\
         F,C1,Acme,2026-10-01,2026-10-31,250.00,,\n"
    );
    let p = pv(&text, &ParseOptions::default());
    let got: Vec<(usize, &str, ErrorReason)> = p
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.reason))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "amount", ErrorReason::TooLarge),
            (3, "amount", ErrorReason::TooLarge),
            (4, "customer name", ErrorReason::TooLong),
            (5, "vat", ErrorReason::VatAboveGross),
            (6, "paid", ErrorReason::Negative),
        ]
    );
    assert!(p.errors[2].value.chars().count() <= 41);
    assert_eq!(p.invoices.len(), 1);
    assert_eq!(p.invoices[0].id, "F");
    // What it keeps is what a backup restores.
    let mut port = crate::portfolio::Portfolio::new("P", Currency::CNY);
    port.customers = p.customers.clone();
    port.invoices = p.invoices.clone();
    assert_eq!(port.validate(), vec![]);
    // Two columns that each hold the largest amount add up beyond it.
    let p = pv(
        "Belegnummer;Kunde;Belegdatum;Fälligkeit;Soll;Haben\n\
         1;K1;01.10.2026;31.10.2026;1.000.000.000.000.000;-1.000.000.000.000.000\n",
        &ParseOptions::default(),
    );
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(
        (p.errors[0].column.as_str(), p.errors[0].reason),
        ("Soll", ErrorReason::TooLarge)
    );
}

#[test]
fn soll_haben_and_balance_only() {
    let p = pv(
        "Belegnummer;Kunde;Belegdatum;Fälligkeit;Soll;Haben;Offener Betrag\n\
         1;K1;01.10.2026;31.10.2026;1.000,00;;400,00\n\
         2;K1;05.10.2026;05.10.2026;;250,00;-250,00\n",
        &ParseOptions::default(),
    );
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.invoices[0].gross, Decimal::from(1000));
    assert_eq!(p.invoices[0].payments[0].amount, Decimal::from(600));
    assert_eq!(
        (p.invoices[1].kind, p.invoices[1].gross),
        (DocKind::CreditNote, Decimal::from(-250))
    );
    assert!(p.invoices[1].payments.is_empty());
    // Balance only: the outstanding is the amount, no payments.
    let p = pv(
        "invoice,customer,issue date,due date,outstanding\n\
         A,C1,2026-10-01,2026-10-31,\"1,500.00\"\nB,C1,2026-10-02,2026-10-02,-20\n",
        &ParseOptions::default(),
    );
    assert_eq!(p.kind, FileKind::Invoices);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.invoices[0].gross, Decimal::from(1500));
    assert!(p.invoices.iter().all(|i| i.payments.is_empty()));
    assert_eq!(
        p.buyer_balances(),
        vec![("C1".to_string(), Currency::CNY, Decimal::from(1480))]
    );
}

#[test]
fn overpayment_is_a_credit() {
    let p = pv(
        "invoice,customer,issue date,due date,amount,paid\n\
         A,C1,2026-01-01,2026-01-31,100,130\n\
         B,C1,2026-01-01,2026-01-31,100,-1\n",
        &ParseOptions::default(),
    );
    assert_eq!(p.invoices.len(), 1);
    assert_eq!(p.invoices[0].payments[0].amount, Decimal::from(130));
    assert_eq!(
        p.buyer_balances()[0].2,
        Decimal::from(-30),
        "open amount negative"
    );
    assert_eq!(p.errors[0].reason, ErrorReason::Negative);
}

#[test]
fn paid_without_a_date() {
    let csv = "invoice,customer,issue date,due date,amount,paid\n\
               A,C1,2026-10-01,2026-12-31,100,100\n\
               B,C1,2026-10-01,2026-10-31,100,100\n\
               C,C1,2026-12-05,2027-01-04,100,100\n";
    // The earlier of due date and file date, never before the issue.
    let opts = ParseOptions {
        file_date: Some(d("2026-11-30")),
        ..ParseOptions::default()
    };
    let dates: Vec<String> = pv(csv, &opts)
        .invoices
        .iter()
        .map(|i| i.payments[0].date.to_string())
        .collect();
    assert_eq!(dates, ["2026-11-30", "2026-10-31", "2026-12-05"]);
    // Without a file date: the due date.
    let dates: Vec<String> = pv(csv, &ParseOptions::default())
        .invoices
        .iter()
        .map(|i| i.payments[0].date.to_string())
        .collect();
    assert_eq!(dates, ["2026-12-31", "2026-10-31", "2027-01-04"]);
    // The title's date serves when the options give none.
    let titled = format!("As of November 30, 2026\n{csv}");
    let p = pv(&titled, &ParseOptions::default());
    assert_eq!(p.invoices[0].payments[0].date, d("2026-11-30"));
}

#[test]
fn looks_like_invoices_guardrail() {
    // Buyer and open balance by date, but no invoice id: a customer file
    // by its mapping; the preview says it looks like invoices.
    let p = pv(
        "Customer,Name,Open Balance,Due Date\nC1,Acme,\"1,200.00\",2026-11-30\n",
        &ParseOptions::default(),
    );
    assert_eq!(p.kind, FileKind::Invoices);
    let mut t = table("客户,Remarks,Foo\nC1,2026-11-30,\"1,200.00\"\n");
    t.rows
        .push(vec!["C2".into(), "2026-10-31".into(), "5.50".into()]);
    let p = preview(
        "t.csv",
        &t,
        &guess_mapping(&t.headers),
        &ParseOptions::default(),
    );
    assert_eq!(p.kind, FileKind::Customers);
    assert_eq!(
        p.warnings,
        vec![ImportWarning::LooksLikeInvoices {
            missing: vec![
                Field::InvoiceId,
                Field::IssueDate,
                Field::DueDate,
                Field::Gross
            ]
        }]
    );
    let p = pv("客户,客户名称\nC1,Acme\n", &ParseOptions::default());
    assert!(p.warnings.is_empty());
}

#[test]
fn preset_fixes_order_and_decimal() {
    let csv = "Konto;Belegnummer;Belegart;Belegdatum;Nettofälligkeit;Betrag in Hauswährung\n\
               1;9;RV;03/04/2026;03/05/2026;1.234\n";
    let t = table(csv);
    let preset = detect_preset(&t).unwrap();
    assert_eq!(preset, Preset::SapFbl5nDe);
    let opts = ParseOptions {
        preset: Some(preset),
        ..ParseOptions::default()
    };
    let p = preview("t.csv", &t, &preset.mapping(&t.headers), &opts);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.invoices[0].issue_date, d("2026-04-03"));
    assert_eq!(p.invoices[0].gross, Decimal::from(1234));
}

#[test]
fn windows_1252_file_reads() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
        "Kunde;Name 1;Belegnummer;Belegdatum;Nettofälligkeit;Betrag\n\
         1;Müller;1;01.10.2026;31.10.2026;5,00\n",
    );
    let t = read_table(&bytes, &ReadOptions::default()).unwrap();
    assert_eq!((t.encoding, t.delimiter), (Encoding::Windows1252, ';'));
    assert_eq!(t.rows[0][1], "Müller");
}
