//! `credit statement FILE --buyer ID --as-of DATE [--lang zh|en] [--book
//! BOOK.json] [--eml OUT.eml] [--json]`: a buyer's statement of account
//! (every open item with its age, interest accrued, disputes and promises),
//! as text in the buyer's language (its contact's, else `--lang`, else
//! English), and optionally as an `.eml` for the user's mail client.
//!
//! `credit order-check FILE --buyer ID --amount X --as-of DATE [--grade N]
//! [--book BOOK.json] [--json]`: approve, refer or block an order, with
//! every reason. Exit code 0 for approve, 3 for refer, 4 for block, so a
//! script can branch on it.
//!
//! The book (promises, disputes, contacts, groups, order rules) is the
//! backup's own when FILE is a backup, or `--book`; a ledger file alone has
//! an empty book. Interest uses the backup's dunning settings.

use credit_core::collections::{eml, order_check, statement, Book, OrderDecision, EXTRAS_KEY};
use credit_core::dunning::{DunningSettings, Lang, SETTINGS_KEY};
use credit_core::money::format_amount;
use credit_core::store::Extras;

use super::{
    load_with_extras, one_flag, parse_file_args, print_json, take_flags, usage_error, Failure,
};

/// The book: `--book`, else the backup's, else empty.
fn read_book(cmd: &str, path: Option<String>, extras: &Extras) -> Result<Book, Failure> {
    match path {
        Some(p) => {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| Failure(format!("credit {cmd}: cannot read {p}: {e}"), 2))?;
            serde_json::from_str(&text)
                .map_err(|e| Failure(format!("credit {cmd}: {p}: not a collections book: {e}"), 2))
        }
        None => Book::from_extras(extras).map_err(|e| {
            Failure(
                format!(
                    "credit {cmd}: the backup's collections book ({EXTRAS_KEY}) does not read: {e}"
                ),
                2,
            )
        }),
    }
}

pub(super) fn cmd_statement(args: &[String]) -> Result<(), Failure> {
    const C: &str = "statement";
    let (f, rest) = take_flags(C, args, &["--buyer", "--lang", "--book", "--eml"])?;
    let buyer =
        one_flag(C, &f, "--buyer")?.ok_or_else(|| usage_error(C, "--buyer ID is required"))?;
    let lang = match one_flag(C, &f, "--lang")?.as_deref() {
        None => None,
        Some("en") => Some(Lang::En),
        Some("zh") => Some(Lang::Zh),
        Some(other) => return Err(usage_error(C, &format!("--lang {other:?}: zh or en"))),
    };
    let a = parse_file_args(C, &rest, false)?;
    let (p, extras) = load_with_extras(&a)?;
    let book = read_book(C, one_flag(C, &f, "--book")?, &extras)?;
    let settings: DunningSettings = extras
        .get(SETTINGS_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let s = statement(
        &p,
        &book,
        &buyer,
        a.as_of,
        &settings.interest,
        &settings.letter.company,
        lang,
    )
    .map_err(|e| Failure(format!("credit {C}: {}", e.message(Lang::En)), 2))?;
    if let Some(out) = one_flag(C, &f, "--eml")? {
        let to = s.to().ok_or_else(|| {
            Failure(
                format!("credit {C}: buyer {buyer} has no contact e-mail address for --eml"),
                2,
            )
        })?;
        let name = s
            .contact
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let m = eml(&name, to, &s.subject(), &s.text())
            .map_err(|e| Failure(format!("credit {C}: {}", e.message(Lang::En)), 2))?;
        std::fs::write(&out, m)
            .map_err(|e| Failure(format!("credit {C}: cannot write {out}: {e}"), 1))?;
    }
    if a.json {
        let v = serde_json::to_value(&s)
            .map_err(|e| Failure(format!("credit {C}: cannot write JSON: {e}"), 1))?;
        return print_json(&v);
    }
    println!("{}\n", s.subject());
    print!("{}", s.text());
    Ok(())
}

pub(super) fn cmd_order_check(args: &[String]) -> Result<(), Failure> {
    const C: &str = "order-check";
    let (f, rest) = take_flags(C, args, &["--buyer", "--amount", "--grade", "--book"])?;
    let buyer =
        one_flag(C, &f, "--buyer")?.ok_or_else(|| usage_error(C, "--buyer ID is required"))?;
    let amount =
        one_flag(C, &f, "--amount")?.ok_or_else(|| usage_error(C, "--amount X is required"))?;
    let grade = match one_flag(C, &f, "--grade")? {
        None => None,
        Some(g) => match g.parse::<u8>() {
            Ok(n @ 1..=10) => Some(n),
            _ => {
                return Err(usage_error(
                    C,
                    &format!("--grade {g:?}: a grade from 1 to 10"),
                ))
            }
        },
    };
    let a = parse_file_args(C, &rest, false)?;
    let (p, extras) = load_with_extras(&a)?;
    let book = read_book(C, one_flag(C, &f, "--book")?, &extras)?;
    let c = order_check(&p, &book, &buyer, &amount, grade, None, a.as_of)
        .map_err(|e| Failure(format!("credit {C}: {}", e.message(Lang::En)), 2))?;
    let code = match c.decision {
        OrderDecision::Approve => 0,
        OrderDecision::Refer => 3,
        OrderDecision::Block => 4,
    };
    if a.json {
        let v = serde_json::json!({
            "buyer": c.customer_id,
            "amount": c.amount,
            "currency": c.currency,
            "decision": c.decision.key(),
            "exposure": c.exposure,
            "limit": c.limit,
            "headroom_after": c.headroom_after,
            "group": c.group,
            "reasons": c.reasons.iter().map(|(r, act)| serde_json::json!({
                "action": act.key(),
                "reason": r,
                "message": r.message(Lang::En, c.currency),
            })).collect::<Vec<_>>(),
        });
        print_json(&v)?;
    } else {
        let m = |x| format_amount(x, c.currency);
        println!(
            "{}: {} {} for {} (exposure {}{})",
            c.decision.label(Lang::En),
            c.currency,
            m(c.amount),
            c.customer_id,
            m(c.exposure),
            c.limit
                .map(|l| format!(", limit {}", m(l)))
                .unwrap_or_default()
        );
        for (r, act) in &c.reasons {
            println!(
                "- {}: {}",
                act.label(Lang::En),
                r.message(Lang::En, c.currency)
            );
        }
    }
    if code == 0 {
        Ok(())
    } else {
        Err(Failure(String::new(), code))
    }
}
