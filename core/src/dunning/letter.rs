//! Letters: the letterhead ([`LetterSettings`]), the templates and their
//! merge fields ([`default_template`], [`merge_fields`]), a plan item's
//! [`letter`] and its display blocks ([`letter_blocks`]).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::plan::add_days;
use super::{pick, DunningAction, DunningError, Lang, PlanItem};
use crate::export::text_width;
use crate::money::format_amount;

/// The letterhead and what letters ask.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LetterSettings {
    /// The sender.
    pub company: String,
    /// Its address.
    pub address: String,
    /// Whom to contact.
    pub contact: String,
    /// Where to pay.
    pub bank_details: String,
    /// Days from the letter to the pay-by date (7).
    pub pay_within_days: u32,
}

impl Default for LetterSettings {
    fn default() -> Self {
        LetterSettings {
            company: String::new(),
            address: String::new(),
            contact: String::new(),
            bank_details: String::new(),
            pay_within_days: 7,
        }
    }
}

/// The fields a template may use, as `{name}`.
///
/// # Example
/// ```
/// use credit_core::dunning::merge_fields;
/// assert!(merge_fields().contains(&"invoice_table"));
/// ```
pub fn merge_fields() -> &'static [&'static str] {
    &[
        "buyer",
        "buyer_id",
        "date",
        "invoice_table",
        "total_open",
        "interest",
        "compensation",
        "total_due",
        "pay_by",
        "company",
        "address",
        "contact",
        "bank_details",
        "currency",
        "step",
    ]
}

pub(super) enum TemplateError {
    Unknown(String, usize),
    Unclosed(usize),
}

/// A template's pieces: text and field names.
pub(super) fn parse_template(t: &str) -> Result<Vec<(bool, String)>, TemplateError> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = t.chars().enumerate().peekable();
    while let Some((pos, ch)) = chars.next() {
        if ch != '{' {
            text.push(ch);
            continue;
        }
        let mut name = String::new();
        let mut closed = false;
        for (_, c) in chars.by_ref() {
            if c == '}' {
                closed = true;
                break;
            }
            name.push(c);
        }
        if !closed {
            return Err(TemplateError::Unclosed(pos + 1));
        }
        if !merge_fields().contains(&name.as_str()) {
            return Err(TemplateError::Unknown(name, pos + 1));
        }
        out.push((false, std::mem::take(&mut text)));
        out.push((true, name));
    }
    out.push((false, text));
    Ok(out)
}

/// A letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    /// Its subject.
    pub subject: String,
    /// Its text.
    pub body: String,
}

/// A date as a letter writes it.
fn letter_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%-d %B %Y").to_string(),
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// The invoice table of a letter, in fixed-width text.
fn invoice_table(item: &PlanItem, lang: Lang) -> String {
    let head = pick(
        lang,
        ["Invoice", "Due date", "Days overdue", "Open", "Interest"],
        ["发票号", "到期日", "逾期天数", "未付金额", "利息"],
    );
    let rows: Vec<[String; 5]> = item
        .invoices
        .iter()
        .map(|x| {
            [
                x.id.clone(),
                x.due_date.to_string(),
                x.days_past_due.max(0).to_string(),
                format!("{} {}", x.currency, format_amount(x.open, x.currency)),
                format!("{} {}", x.currency, format_amount(x.interest, x.currency)),
            ]
        })
        .collect();
    let mut w = [0usize; 5];
    for (k, h) in head.iter().enumerate() {
        w[k] = text_width(h);
    }
    for r in &rows {
        for k in 0..5 {
            w[k] = w[k].max(text_width(&r[k]));
        }
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for k in 0..5 {
            let pad = w[k].saturating_sub(text_width(cells[k]));
            if k >= 2 {
                s.push_str(&" ".repeat(pad));
                s.push_str(cells[k]);
            } else {
                s.push_str(cells[k]);
                s.push_str(&" ".repeat(pad));
            }
            if k < 4 {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(head)];
    for r in &rows {
        out.push(line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    out.join("\n")
}

/// The letter of a plan item in a language: the step's template with its
/// fields filled in; the pay-by date is `pay_within_days` after `as_of`.
///
/// # Errors
/// [`DunningError::Template`] when the step's template names an unknown
/// field or leaves a `{` open (a policy that passed
/// [`crate::dunning::Policy::validate`] has none).
///
/// # Example
/// ```
/// use credit_core::dunning::{letter, plan, DunningSettings, Lang};
/// use credit_core::{demo, NaiveDate};
/// let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
/// let p = demo::generate(&demo::DemoSpec::standard(as_of));
/// let s = DunningSettings::default();
/// let item = &plan(&p, as_of, &s, &[]).unwrap().items[0];
/// let en = letter(item, Lang::En, &s.letter, as_of).unwrap();
/// assert!(en.body.contains(&item.customer_name));
/// assert!(en.body.contains("[bank details: enter them under Letterhead]"));
/// let zh = letter(item, Lang::Zh, &s.letter, as_of).unwrap();
/// assert!(zh.body.contains("2026年7月7日")); // pay by: 7 days on
/// ```
pub fn letter(
    item: &PlanItem,
    lang: Lang,
    s: &LetterSettings,
    as_of: NaiveDate,
) -> Result<Letter, DunningError> {
    let cur = item.currency;
    let m = |x: Decimal| format!("{cur} {}", format_amount(x, cur));
    let step_name = item
        .step
        .actions
        .iter()
        .map(|a| a.label(lang))
        .collect::<Vec<_>>()
        .join(pick(lang, " + ", "＋"));
    let value = |f: &str| -> String {
        match f {
            "buyer" => item.customer_name.clone(),
            "buyer_id" => item.customer_id.clone(),
            "date" => letter_date(as_of, lang),
            "invoice_table" => invoice_table(item, lang),
            "total_open" => m(item.total_open),
            "interest" => m(item.interest),
            "compensation" => m(item.compensation),
            "total_due" => m(item.total_open + item.interest + item.compensation),
            "pay_by" => letter_date(add_days(as_of, i64::from(s.pay_within_days)), lang),
            "company" => s.company.clone(),
            "address" => s.address.clone(),
            "contact" => s.contact.clone(),
            "bank_details" if s.bank_details.trim().is_empty() => pick(
                lang,
                "[bank details: enter them under Letterhead]",
                "[收款账户：请在“函件抬头”中填写]",
            )
            .to_string(),
            "bank_details" => s.bank_details.clone(),
            "currency" => cur.to_string(),
            "step" => step_name.clone(),
            _ => String::new(),
        }
    };
    let parts = parse_template(item.step.template(lang)).map_err(|e| {
        DunningError::Template(match e {
            TemplateError::Unknown(f, pos) => pick(
                lang,
                format!("Template, position {pos}: unknown field {{{f}}}."),
                format!("模板第 {pos} 个字符：未知字段 {{{f}}}。"),
            ),
            TemplateError::Unclosed(pos) => pick(
                lang,
                format!("Template, position {pos}: '{{' is not closed."),
                format!("模板第 {pos} 个字符：“{{”未闭合。"),
            ),
        })
    })?;
    let body: String = parts
        .into_iter()
        .map(|(field, t)| if field { value(&t) } else { t })
        .collect();
    let subject = pick(
        lang,
        format!(
            "{}: overdue invoices of {}",
            item.step.action().label(lang),
            item.customer_name
        ),
        format!(
            "{}：{} 逾期账款",
            item.step.action().label(lang),
            item.customer_name
        ),
    );
    Ok(Letter {
        subject,
        body: body.trim().to_string(),
    })
}

/// A letter's text in blocks for display: `(true, lines)` for a run of
/// fixed-width lines (the invoice table: a line with two spaces running
/// between its words), `(false, lines)` for prose. Shown and printed, the
/// table blocks are set in a fixed-width font so their columns line up;
/// the text itself is unchanged (joining the blocks with newlines gives it
/// back).
///
/// # Example
/// ```
/// use credit_core::dunning::letter_blocks;
/// let b = letter_blocks("Dear customer,\nInvoice  Due\nINV-1    2026-01-31\nThanks");
/// assert_eq!(b.len(), 3);
/// assert_eq!(b[1], (true, "Invoice  Due\nINV-1    2026-01-31".to_string()));
/// ```
pub fn letter_blocks(body: &str) -> Vec<(bool, String)> {
    let tabular = |l: &str| l.trim().contains("  ");
    let mut out: Vec<(bool, String)> = Vec::new();
    for line in body.split('\n') {
        let t = tabular(line);
        match out.last_mut() {
            Some((kind, text)) if *kind == t => {
                text.push('\n');
                text.push_str(line);
            }
            _ => out.push((t, line.to_string())),
        }
    }
    out
}

/// The default template of an action.
///
/// # Example
/// ```
/// use credit_core::dunning::{default_template, DunningAction, Lang};
/// let t = default_template(DunningAction::Reminder, Lang::En);
/// assert!(t.contains("Payment reminder") && t.contains("{total_due}"));
/// assert!(default_template(DunningAction::Reminder, Lang::Zh).contains("付款提醒函"));
/// ```
pub fn default_template(a: DunningAction, lang: Lang) -> &'static str {
    use DunningAction::*;
    match (a, lang) {
        (FriendlyReminder, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nDear customer,\n\nA friendly reminder that the invoices below fall due shortly or have just fallen due:\n\n{invoice_table}\n\nTotal open: {total_open}\n\nIf payment is already on its way, thank you and please disregard this note. Otherwise we would be grateful for payment by {pay_by} to:\n{bank_details}\n\nKind regards,\n{contact}\n{company}",
        (FriendlyReminder, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n尊敬的客户：\n\n温馨提示，以下发票即将到期或刚刚到期：\n\n{invoice_table}\n\n未付合计：{total_open}\n\n如款项已在支付途中，谢谢，请忽略本提示；否则烦请于 {pay_by} 前付款至：\n{bank_details}\n\n此致\n敬礼\n\n{contact}\n{company}",
        (Reminder, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nPayment reminder\n\nDear customer,\n\nOur records show that the following invoices are overdue:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nPlease pay by {pay_by} to:\n{bank_details}\n\nIf you have already paid, please let us know the date and amount. If there is a problem with an invoice, please tell us now.\n\nYours sincerely,\n{contact}\n{company}",
        (Reminder, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n付款提醒函\n\n尊敬的客户：\n\n经核对，以下发票已逾期未付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n请于 {pay_by} 前付款至：\n{bank_details}\n\n如已付款，请告知付款日期与金额；如对发票有异议，请即告知。\n\n此致\n敬礼\n\n{contact}\n{company}",
        (FormalDemand, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nFormal demand for payment\n\nDear Sir or Madam,\n\nDespite the due dates, the following invoices remain unpaid:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nWe formally demand payment of {total_due} by {pay_by} to:\n{bank_details}\n\nInterest continues to accrue until payment. Without payment by that date we will take further steps without further notice.\n\nYours faithfully,\n{contact}\n{company}",
        (FormalDemand, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n正式催款函\n\n贵司：\n\n以下发票已过到期日仍未支付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n现正式要求贵司于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n\n逾期利息将计至实际付款日。如届时仍未付款，我司将不再另行通知而采取进一步措施。\n\n特此函告。\n\n{contact}\n{company}",
        (PhoneCall, Lang::En) => "Call notes — {date}\n\nBuyer: {buyer} ({buyer_id})\nStep: {step}\n\nOverdue invoices:\n{invoice_table}\n\nTotal open: {total_open}\nInterest to date: {interest}\nTotal due: {total_due}\n\nAsk: the reason for the delay; a firm payment date (by {pay_by}); whether any invoice is disputed; who approves the payment.\nRecord: whom you spoke to, what was promised, and the next contact date.\n\nPayment details to give:\n{bank_details}",
        (PhoneCall, Lang::Zh) => "电话催收记录 — {date}\n\n买方：{buyer}（{buyer_id}）\n步骤：{step}\n\n逾期发票：\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的利息：{interest}\n应付总额：{total_due}\n\n需询问：延迟原因；明确付款日期（{pay_by} 前）；是否有发票存在争议；付款审批人。\n需记录：通话对象、承诺内容及下次联系日期。\n\n告知收款账户：\n{bank_details}",
        (StopDeliveries, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nNotice: deliveries suspended\n\nDear Sir or Madam,\n\nAs the invoices below remain unpaid, we have suspended deliveries and new orders on credit with immediate effect:\n\n{invoice_table}\n\nTotal due: {total_due} (open {total_open}, interest {interest}, compensation {compensation})\n\nDeliveries will resume once {total_due} is received at:\n{bank_details}\n\nYours faithfully,\n{contact}\n{company}",
        (StopDeliveries, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n暂停发货通知\n\n贵司：\n\n鉴于以下发票仍未支付，我司即日起暂停对贵司的发货及赊销新订单：\n\n{invoice_table}\n\n应付总额：{total_due}（未付 {total_open}，利息 {interest}，补偿金 {compensation}）\n\n收到上述款项后将恢复发货。收款账户：\n{bank_details}\n\n特此通知。\n\n{contact}\n{company}",
        (FinalNotice, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nFinal notice before legal action\n\nDear Sir or Madam,\n\nThe following invoices remain unpaid despite our reminders:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nThis is our final notice. Unless {total_due} reaches us by {pay_by} at:\n{bank_details}\nwe will hand the matter to our lawyers or a collection agency, at your cost, without further notice.\n\nYours faithfully,\n{contact}\n{company}",
        (FinalNotice, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n最后通知函\n\n贵司：\n\n经我司多次催告，以下发票仍未支付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n此为最后通知。如贵司未于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n我司将不再另行通知，委托律师或催收机构追讨，由此产生的费用由贵司承担。\n\n特此函告。\n\n{contact}\n{company}",
        (NotifyInsurer, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: our credit insurer\n\nOverdue account notification\n\nBuyer: {buyer} ({buyer_id})\n\nWe notify you of the following overdue invoices:\n\n{invoice_table}\n\nTotal open: {total_open}\n\nDunning so far: {step}. We will keep you informed of payments and further steps.\n\nYours faithfully,\n{contact}\n{company}",
        (NotifyInsurer, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：信用保险公司\n\n逾期账款申报\n\n买方：{buyer}（{buyer_id}）\n\n现申报以下逾期发票：\n\n{invoice_table}\n\n未付合计：{total_open}\n\n已采取的催收措施：{step}。后续付款及进展将及时告知。\n\n此致\n敬礼\n\n{contact}\n{company}",
        (LegalAction, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nLetter before legal action\n\nDear Sir or Madam,\n\nThe following invoices remain unpaid:\n\n{invoice_table}\n\nTotal open: {total_open}\nLate interest to date: {interest}\nFixed compensation: {compensation}\nTotal due: {total_due}\n\nWe are handing this debt over for legal action. To avoid proceedings and their costs, pay {total_due} by {pay_by} to:\n{bank_details}\n\nYours faithfully,\n{contact}\n{company}",
        (LegalAction, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n律师函前通知\n\n贵司：\n\n以下发票仍未支付：\n\n{invoice_table}\n\n未付合计：{total_open}\n截至目前的逾期利息：{interest}\n固定补偿金：{compensation}\n应付总额：{total_due}\n\n我司即将通过法律途径追讨上述欠款。为避免诉讼及相关费用，请于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n\n特此函告。\n\n{contact}\n{company}",
        (CollectionAgency, Lang::En) => "{company}\n{address}\n\n{date}\n\nTo: {buyer} ({buyer_id})\n\nNotice of transfer to a collection agency\n\nDear Sir or Madam,\n\nThe following invoices remain unpaid:\n\n{invoice_table}\n\nTotal due: {total_due} (open {total_open}, interest {interest}, compensation {compensation})\n\nWe are instructing a collection agency to recover this debt. Payment of {total_due} by {pay_by} to:\n{bank_details}\nwill stop the transfer.\n\nYours faithfully,\n{contact}\n{company}",
        (CollectionAgency, Lang::Zh) => "{company}\n{address}\n\n{date}\n\n致：{buyer}（{buyer_id}）\n\n委托催收通知\n\n贵司：\n\n以下发票仍未支付：\n\n{invoice_table}\n\n应付总额：{total_due}（未付 {total_open}，利息 {interest}，补偿金 {compensation}）\n\n我司将委托专业催收机构追讨该欠款。如贵司于 {pay_by} 前将 {total_due} 支付至：\n{bank_details}\n则不再移交。\n\n特此通知。\n\n{contact}\n{company}",
    }
}
