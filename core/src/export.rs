//! CSV export of ageing, KPIs, invoices and the dunning plan; the dunning
//! letters as one HTML or text document.
//!
//! Choices:
//! - **UTF-8 with a byte-order mark**, CRLF line ends, `,` delimiter: Excel
//!   opens a BOM-less UTF-8 CSV in the system code page (GBK on Chinese
//!   Windows) and garbles Chinese names; with the BOM it reads UTF-8. The
//!   import skips the BOM.
//! - **Formula injection**: a *text* cell beginning with `=`, `+`, `-`, `@`,
//!   tab or CR gets a leading `'`, so a spreadsheet shows it as text instead
//!   of running it (OWASP's advice). *Number* cells we format ourselves
//!   (`-1234.50`, `2025-03-31`) are not escaped: a plain number cannot run
//!   anything, and escaping it would turn a negative balance into text that
//!   no longer sums. So a customer named `-5` is exported as `'-5`, while an
//!   amount of −5 stays `-5`. The import reads what the export writes, but an
//!   escaped text cell comes back with its `'`.
//! - **Quoting** per RFC 4180: a cell with `,`, `"`, CR or LF is quoted, its
//!   quotes doubled.
//! - **Amounts**: ageing and KPI amounts rounded half-even to the currency's
//!   minor unit (money::round_minor), other KPIs to the precision the app
//!   shows ([`kpi_rows`]). The invoice export writes the stored
//!   amounts unrounded, so that export → import gives the same invoices. An
//!   invoice's payments are exported as their sum in `paid` and the last
//!   payment's date in `payment_date`: one row per invoice, the form the
//!   import reads back (an invoice with several payments comes back with one).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::ageing::AgeingReport;
use crate::dunning::{letter_blocks, pick, Lang, Letter, Plan};
use crate::import::Field;
use crate::invoice::Invoice;
use crate::kpi::Kpis;
use crate::money::{round_minor, Currency};
use crate::portfolio::Portfolio;

/// One cell to write.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cell<'a> {
    /// Text from a user or a file: escaped against formula injection.
    Text(&'a str),
    /// A number or date the export formatted itself: written as is.
    Number(&'a str),
}

/// Whether a text cell would start a formula in a spreadsheet.
/// How many columns a character takes in fixed-width text: 2 for CJK and
/// other wide scripts (from U+2E80 on), 1 otherwise (accented Latin too).
pub fn char_width(c: char) -> usize {
    if c as u32 > 0x2e7f {
        2
    } else {
        1
    }
}

/// How many columns a text takes in fixed-width text ([`char_width`]).
pub fn text_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn is_formula_like(s: &str) -> bool {
    matches!(s.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// A cell as CSV: escaped (text only) and quoted when needed.
///
/// # Example
/// ```
/// use credit_core::export::{csv_cell, Cell};
/// assert_eq!(csv_cell(Cell::Text("=HYPERLINK(\"x\")")), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell(Cell::Text("-5")), "'-5");
/// assert_eq!(csv_cell(Cell::Number("-5")), "-5");
/// assert_eq!(csv_cell(Cell::Text("上海, 甲")), "\"上海, 甲\"");
/// ```
pub fn csv_cell(cell: Cell<'_>) -> String {
    let s = match cell {
        Cell::Text(t) if is_formula_like(t) => format!("'{t}"),
        Cell::Text(t) | Cell::Number(t) => t.to_string(),
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Builds a CSV text: BOM, rows joined by `,`, CRLF.
#[derive(Clone, Debug)]
pub struct CsvWriter {
    out: String,
}

impl Default for CsvWriter {
    fn default() -> Self {
        CsvWriter::new()
    }
}

impl CsvWriter {
    /// An empty CSV (just the BOM).
    pub fn new() -> Self {
        CsvWriter {
            out: String::from("\u{feff}"),
        }
    }

    /// Appends a row.
    pub fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&csv_cell(c));
        }
        self.out.push_str("\r\n");
    }

    /// The text.
    pub fn finish(self) -> String {
        self.out
    }
}

/// An amount rounded to the currency's minor unit, with all its decimals
/// (`1234.50`).
///
/// # Example
/// ```
/// use credit_core::export::amount_string;
/// use credit_core::money::Currency;
/// assert_eq!(amount_string("1234.505".parse().unwrap(), Currency::CNY), "1234.50");
/// assert_eq!(amount_string("1234.5".parse().unwrap(), Currency::JPY), "1234");
/// ```
pub fn amount_string(x: Decimal, currency: Currency) -> String {
    let dp = currency.minor_units() as usize;
    format!("{:.*}", dp, round_minor(x, currency))
}

fn opt(x: Option<Decimal>, dp: u32) -> String {
    x.map_or(String::new(), |v| {
        format!("{:.*}", dp as usize, v.round_dp(dp))
    })
}

/// The ageing report as CSV: one row per buyer (id, name, each bucket, the
/// credits column, the net total, of which disputed, then both sides: the
/// open debits and the open credits, so `total = open_debits −
/// open_credits`), then a `TOTAL` row; bucket headers are the English
/// labels ([`crate::ageing::BucketDef::label`]).
///
/// # Example
/// ```
/// use credit_core::{ageing, demo, export, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let r = ageing::age(&p, as_of, &p.settings.ageing).unwrap();
/// let csv = export::ageing_csv(&r, &p);
/// assert!(csv.starts_with("\u{feff}customer_id,customer_name,Not yet due,1–30,"));
/// assert_eq!(csv.lines().count(), r.customers.len() + 2);
/// ```
pub fn ageing_csv(report: &AgeingReport, portfolio: &Portfolio) -> String {
    let cur = report.currency;
    let mut w = CsvWriter::new();
    let labels: Vec<String> = report
        .buckets
        .iter()
        .map(|b| b.label(report.basis))
        .collect();
    let mut head = vec![Cell::Text("customer_id"), Cell::Text("customer_name")];
    head.extend(labels.iter().map(|l| Cell::Text(l)));
    head.push(Cell::Text("credits_column"));
    head.push(Cell::Text("total"));
    head.push(Cell::Text("disputed"));
    head.push(Cell::Text("open_debits"));
    head.push(Cell::Text("open_credits"));
    w.row(head);
    let names = portfolio.customer_index();
    let row = |w: &mut CsvWriter, id: &str, name: &str, r: &crate::ageing::AgeingRow| {
        let nums: Vec<String> = r
            .buckets
            .iter()
            .chain([
                &r.credit,
                &r.total,
                &r.disputed_total,
                &r.debits,
                &r.credits,
            ])
            .map(|x| amount_string(*x, cur))
            .collect();
        let mut cells = vec![Cell::Text(id), Cell::Text(name)];
        cells.extend(nums.iter().map(|s| Cell::Number(s)));
        w.row(cells);
    };
    for c in &report.customers {
        let name = names
            .get(c.customer_id.as_str())
            .and_then(|i| portfolio.customers.get(*i))
            .map_or("", |x| x.name.as_str());
        row(&mut w, &c.customer_id, name, &c.row);
    }
    row(&mut w, "TOTAL", "", &report.total);
    w.finish()
}

/// The KPIs as CSV: `kpi,value` rows, amounts in the report's currency.
///
/// # Example
/// ```
/// use credit_core::{demo, export, kpi, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let k = kpi::compute(&p, as_of, &p.settings.kpi).unwrap();
/// let csv = export::kpis_csv(&k);
/// assert!(csv.contains("\r\nas_of,2026-06-30\r\n"));
/// assert!(csv.contains("\r\ndso,"));
/// ```
pub fn kpis_csv(k: &Kpis) -> String {
    let mut w = CsvWriter::new();
    w.row([Cell::Text("kpi"), Cell::Text("value")]);
    for (name, value) in kpi_rows(k) {
        w.row([Cell::Text(name), Cell::Number(&value)]);
    }
    w.finish()
}

/// The KPIs as (name, value) pairs, formatted as the CSV export and the
/// CLI's `--json` write them, to the precision the app shows: amounts to
/// the minor unit, days, CEI (a percentage) and turnover to 0.1, ratios and
/// shares (fractions) to 0.001 (0.1 %), HHI whole; an empty value when a KPI
/// is undefined.
pub fn kpi_rows(k: &Kpis) -> Vec<(&'static str, String)> {
    let cur = k.currency;
    let a = |x: Decimal| amount_string(x, cur);
    vec![
        ("as_of", k.as_of.to_string()),
        ("period_start", k.period_start.to_string()),
        ("period_days", k.period_days.to_string()),
        ("currency", cur.to_string()),
        ("closing_ar", a(k.closing_ar)),
        ("opening_ar", a(k.opening_ar)),
        ("credit_sales", a(k.credit_sales)),
        ("not_due_ar", a(k.not_due_ar)),
        ("overdue_ar", a(k.overdue_ar)),
        ("at_risk_ar", a(k.at_risk_ar)),
        ("dso", opt(k.dso, 1)),
        ("countback_dso", opt(k.countback_dso, 1)),
        ("best_dso", opt(k.best_dso, 1)),
        ("add", opt(k.add, 1)),
        ("cei", opt(k.cei, 1)),
        ("avg_payment_delay", opt(k.avg_payment_delay, 1)),
        ("overdue_ratio", opt(k.overdue_ratio, 3)),
        ("at_risk_ratio", opt(k.at_risk_ratio, 3)),
        ("top1_share", opt(k.top1_share, 3)),
        ("top10_share", opt(k.top10_share, 3)),
        ("hhi", opt(k.hhi, 0)),
        ("turnover", opt(k.turnover, 1)),
    ]
}

fn date(d: Option<NaiveDate>) -> String {
    d.map_or(String::new(), |d| d.to_string())
}

/// The invoices as CSV, one row each, with the headers the import maps back
/// (see the module docs for payments): `invoice_id, customer_id,
/// customer_name, issue_date, due_date, currency, gross, vat, paid,
/// payment_date, disputed, dispute_reason, dispute_date`.
///
/// # Example
/// ```
/// use credit_core::{export, import::*, portfolio::Portfolio, money::Currency};
/// let csv = "invoice,customer,issue date,due date,amount\nA,-C1,2025-01-01,2025-01-31,-7.5\n";
/// let t = read_table(csv.as_bytes(), &ReadOptions::default()).unwrap();
/// let p = preview("f", &t, &guess_mapping(&t.headers), &ParseOptions::default());
/// let out = export::invoices_csv(&p.invoices, &Portfolio::new("p", Currency::CNY));
/// assert!(out.ends_with("\r\nA,'-C1,'-C1,2025-01-01,2025-01-31,CNY,-7.5,,,,no,,\r\n"));
/// ```
pub fn invoices_csv(invoices: &[Invoice], portfolio: &Portfolio) -> String {
    let fields = [
        Field::InvoiceId,
        Field::CustomerId,
        Field::CustomerName,
        Field::IssueDate,
        Field::DueDate,
        Field::Currency,
        Field::Gross,
        Field::Vat,
        Field::Paid,
        Field::PaymentDate,
        Field::Disputed,
        Field::DisputeReason,
        Field::DisputeDate,
    ];
    let mut w = CsvWriter::new();
    w.row(fields.iter().map(|f| Cell::Text(f.header())));
    let names = portfolio.customer_index();
    for inv in invoices {
        let name = names
            .get(inv.customer_id.as_str())
            .and_then(|i| portfolio.customers.get(*i))
            .map_or(inv.customer_id.as_str(), |c| c.name.as_str());
        let paid: Decimal = inv.payments.iter().map(|p| p.amount).sum();
        let paid = if inv.payments.is_empty() {
            String::new()
        } else {
            paid.to_string()
        };
        let last = inv.payments.iter().map(|p| p.date).max();
        let (issue, due, gross) = (
            inv.issue_date.to_string(),
            inv.due_date.to_string(),
            inv.gross.to_string(),
        );
        let vat = inv.vat.map_or(String::new(), |v| v.to_string());
        let pay_date = date(last);
        let disputed = if inv.dispute.is_some() { "yes" } else { "no" };
        let reason = inv.dispute.as_ref().map_or("", |d| d.reason.as_str());
        let disp_date = date(inv.dispute.as_ref().map(|d| d.date));
        w.row([
            Cell::Text(&inv.id),
            Cell::Text(&inv.customer_id),
            Cell::Text(name),
            Cell::Number(&issue),
            Cell::Number(&due),
            Cell::Text(inv.currency.code()),
            Cell::Number(&gross),
            Cell::Number(&vat),
            Cell::Number(&paid),
            Cell::Number(&pay_date),
            Cell::Text(disputed),
            Cell::Text(reason),
            Cell::Number(&disp_date),
        ]);
    }
    w.finish()
}

/// The dunning plan as CSV: one row per item and invoice, headers in
/// `lang`, text escaped against formula injection; amounts rounded to their
/// currency.
///
/// # Example
/// ```
/// use credit_core::dunning::{plan, DunningSettings, Lang};
/// use credit_core::{demo, export, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let pl = plan(&p, as_of, &DunningSettings::default(), &[]).unwrap();
/// let csv = export::plan_csv(&pl, Lang::En);
/// assert!(csv.starts_with("\u{feff}buyer_id,buyer,step,"));
/// let rows: usize = pl.items.iter().map(|it| it.invoices.len()).sum();
/// assert_eq!(csv.lines().count(), rows + 1);
/// ```
pub fn plan_csv(plan: &Plan, lang: Lang) -> String {
    let mut w = CsvWriter::new();
    let head = pick(
        lang,
        [
            "buyer_id",
            "buyer",
            "step",
            "offset_days",
            "actions",
            "channel",
            "step_date",
            "invoice",
            "due_date",
            "days_past_due",
            "currency",
            "open",
            "interest",
            "compensation",
            "compensation_currency",
            "next_step",
            "next_date",
        ],
        [
            "买方编号",
            "买方",
            "步骤",
            "偏移天数",
            "动作",
            "渠道",
            "步骤日期",
            "发票号",
            "到期日",
            "逾期天数",
            "币种",
            "未付金额",
            "利息",
            "补偿金",
            "补偿金币种",
            "下一步",
            "下一步日期",
        ],
    );
    w.row(head.iter().map(|h| Cell::Text(h)));
    for it in &plan.items {
        let actions = it
            .step
            .actions
            .iter()
            .map(|a| a.label(lang))
            .collect::<Vec<_>>()
            .join(" + ");
        for x in &it.invoices {
            let step = (it.step_index + 1).to_string();
            let offset = it.step.offset_days.to_string();
            let step_date = it.step_date.to_string();
            let due = x.due_date.to_string();
            let dpd = x.days_past_due.to_string();
            let cur = x.currency.to_string();
            let open = amount_string(x.open, x.currency);
            let interest = amount_string(x.interest, x.currency);
            let comp = amount_string(x.compensation, x.compensation_currency);
            let comp_cur = x.compensation_currency.to_string();
            let (ns, nd) = it
                .next
                .map(|(k, d)| ((k + 1).to_string(), d.to_string()))
                .unwrap_or_default();
            w.row([
                Cell::Text(&it.customer_id),
                Cell::Text(&it.customer_name),
                Cell::Number(&step),
                Cell::Number(&offset),
                Cell::Text(&actions),
                Cell::Text(it.step.channel.label(lang)),
                Cell::Number(&step_date),
                Cell::Text(&x.id),
                Cell::Number(&due),
                Cell::Number(&dpd),
                Cell::Text(&cur),
                Cell::Number(&open),
                Cell::Number(&interest),
                Cell::Number(&comp),
                Cell::Text(&comp_cur),
                Cell::Number(&ns),
                Cell::Number(&nd),
            ]);
        }
    }
    w.finish()
}

/// Every letter as one HTML document, one letter per printed page: its
/// subject as a heading, its text in blocks ([`letter_blocks`]) with the
/// invoice tables set in a fixed-width font. The text is escaped (`&`, `<`,
/// `>`): a buyer's name never becomes markup.
///
/// # Example
/// ```
/// use credit_core::dunning::{Lang, Letter};
/// use credit_core::export::letters_html;
/// let l = Letter { subject: "Reminder: <Acme>".into(), body: "Dear customer,\n\nINV-1  2026-01-31".into() };
/// let html = letters_html(&[l], Lang::En);
/// assert!(html.starts_with("<!doctype html><html lang=\"en\">"));
/// assert!(html.contains("<title>Dunning letters</title>"));
/// assert!(html.contains("<h2>Reminder: &lt;Acme&gt;</h2>"));
/// assert!(html.contains("<pre class=\"t\">INV-1  2026-01-31</pre>"));
/// ```
pub fn letters_html(letters: &[Letter], lang: Lang) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let (tag, title) = match lang {
        Lang::En => ("en", "Dunning letters"),
        Lang::Zh => ("zh-CN", "催收函"),
    };
    let mut out = format!(
        "<!doctype html><html lang=\"{tag}\"><meta charset=\"utf-8\"><title>{title}</title><style>body{{font-family:sans-serif}}article{{page-break-after:always}}pre{{white-space:pre-wrap;font-family:inherit;margin:0}}pre.t{{font-family:monospace;white-space:pre;overflow-x:auto;margin:1em 0}}</style><body>"
    );
    for l in letters {
        let blocks: String = letter_blocks(&l.body)
            .iter()
            .map(|(table, text)| {
                format!(
                    "<pre{}>{}</pre>",
                    if *table { " class=\"t\"" } else { "" },
                    esc(text.trim_matches('\n'))
                )
            })
            .collect();
        out.push_str(&format!(
            "<article><h2>{}</h2>{blocks}</article>",
            esc(&l.subject)
        ));
    }
    out.push_str("</body></html>");
    out
}

/// Every letter as one text file: each its subject, a blank line and its
/// text, the letters parted by a form feed (a new page when printed).
///
/// # Example
/// ```
/// use credit_core::dunning::Letter;
/// use credit_core::export::letters_text;
/// let a = Letter { subject: "A".into(), body: "a".into() };
/// let b = Letter { subject: "B".into(), body: "b".into() };
/// assert_eq!(letters_text(&[a, b]), "A\n\na\n\n\u{0c}\nB\n\nb");
/// ```
pub fn letters_text(letters: &[Letter]) -> String {
    letters
        .iter()
        .map(|l| format!("{}\n\n{}", l.subject, l.body))
        .collect::<Vec<_>>()
        .join("\n\n\u{0c}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(text_width("INV-1"), 5);
        assert_eq!(text_width("Société"), 7);
        assert_eq!(text_width("发票号"), 6);
        assert_eq!(char_width('…'), 1);
    }

    #[test]
    fn escapes_text_but_not_our_numbers() {
        for (s, want) in [
            ("=1+1", "'=1+1"),
            ("+86 21", "'+86 21"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(Cell::Text(s)), want, "{s:?}");
        }
        assert_eq!(csv_cell(Cell::Text("\rx")), "\"'\rx\"");
        assert_eq!(csv_cell(Cell::Number("-1234.50")), "-1234.50");
        assert_eq!(csv_cell(Cell::Text("say \"hi\"")), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn bom_and_crlf() {
        let mut w = CsvWriter::new();
        w.row([Cell::Text("客户"), Cell::Number("1")]);
        assert_eq!(w.finish(), "\u{feff}客户,1\r\n");
    }
}
