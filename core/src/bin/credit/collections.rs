//! `credit statement FILE --buyer ID --as-of DATE [--lang zh|en] [--book
//! BOOK.json] [--eml OUT.eml] [--json]`: a buyer's statement of account
//! (every open item with its age, interest accrued, disputes and promises),
//! as text in the buyer's language (`--lang`, else its contact's, else
//! English), and optionally as an `.eml` for the user's mail client.
//!
//! `credit statement FILE --plan --as-of DATE [--eml-dir DIR] …`: the
//! statements of every buyer in the day's dunning plan (with the book's
//! pauses and cadences and the backup's log), one after another with a
//! page break between them; `--eml-dir` writes one `.eml` per buyer with an
//! e-mail address and names the others.
//!
//! `credit order-check FILE --buyer ID --amount X --as-of DATE [--grade N]
//! [--book BOOK.json] [--json]`: approve, refer or block an order, with
//! every reason. Exit code 0 for approve, 3 for refer, 4 for block, so a
//! script can branch on it.
//!
//! The book (promises, disputes, contacts, groups, order rules) is the
//! backup's own when FILE is a backup, or `--book`; a ledger file alone has
//! an empty book. Interest uses the backup's dunning settings.

use credit_core::collections::{
    eml, order_check, plan_statements, statement, Book, OrderDecision, EXTRAS_KEY,
};
use credit_core::dunning::{plan_with, DunningSettings, Lang, LogEntry, LOG_KEY, SETTINGS_KEY};
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

/// A buyer id as part of a file name: letters, digits, `-`, `_` and `.`
/// kept, anything else `_`.
fn file_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

pub(super) fn cmd_statement(args: &[String]) -> Result<(), Failure> {
    const C: &str = "statement";
    let whole_plan = args.iter().any(|a| a == "--plan");
    let args: Vec<String> = args.iter().filter(|a| *a != "--plan").cloned().collect();
    let (f, rest) = take_flags(
        C,
        &args,
        &["--buyer", "--lang", "--book", "--eml", "--eml-dir"],
    )?;
    if whole_plan {
        return plan_statements_cmd(&f, &rest);
    }
    let buyer = one_flag(C, &f, "--buyer")?
        .ok_or_else(|| usage_error(C, "--buyer ID (or --plan) is required"))?;
    let lang = lang_flag(&f)?;
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

fn lang_flag(f: &super::Flags) -> Result<Option<Lang>, Failure> {
    match one_flag("statement", f, "--lang")?.as_deref() {
        None => Ok(None),
        Some("en") => Ok(Some(Lang::En)),
        Some("zh") => Ok(Some(Lang::Zh)),
        Some(other) => Err(usage_error(
            "statement",
            &format!("--lang {other:?}: zh or en"),
        )),
    }
}

/// `credit statement FILE --plan …`.
fn plan_statements_cmd(f: &super::Flags, rest: &[String]) -> Result<(), Failure> {
    const C: &str = "statement";
    if f.contains_key("--buyer") || f.contains_key("--eml") {
        return Err(usage_error(
            C,
            "--plan takes the plan's buyers: no --buyer or --eml (--eml-dir DIR)",
        ));
    }
    let lang = lang_flag(f)?;
    let a = parse_file_args(C, rest, false)?;
    let (p, extras) = load_with_extras(&a)?;
    let book = read_book(C, one_flag(C, f, "--book")?, &extras)?;
    let settings: DunningSettings = extras
        .get(SETTINGS_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let log: Vec<LogEntry> = extras
        .get(LOG_KEY)
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let pauses = book.pauses(&p, a.as_of, lang.unwrap_or_default());
    let plan = plan_with(&p, a.as_of, &book.with_cadences(&settings), &log, &pauses)
        .map_err(|e| Failure(format!("credit {C}: {}", e.message(Lang::En)), 2))?;
    let all = plan_statements(
        &p,
        &book,
        &plan,
        &settings.interest,
        &settings.letter.company,
        lang,
    )
    .map_err(|e| Failure(format!("credit {C}: {}", e.message(Lang::En)), 2))?;
    if let Some(dir) = one_flag(C, f, "--eml-dir")? {
        std::fs::create_dir_all(&dir)
            .map_err(|e| Failure(format!("credit {C}: cannot create {dir}: {e}"), 1))?;
        let (mut written, mut without) = (0, Vec::new());
        for s in &all {
            let Some(to) = s.to() else {
                without.push(s.customer_id.clone());
                continue;
            };
            let name = s
                .contact
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default();
            let m = eml(&name, to, &s.subject(), &s.text())
                .map_err(|e| Failure(format!("credit {C}: {}", e.message(Lang::En)), 2))?;
            let path = std::path::Path::new(&dir).join(format!(
                "statement-{}-{}.eml",
                file_part(&s.customer_id),
                s.as_of
            ));
            std::fs::write(&path, m).map_err(|e| {
                Failure(
                    format!("credit {C}: cannot write {}: {e}", path.display()),
                    1,
                )
            })?;
            written += 1;
        }
        println!(
            "{} statement(s) in the plan of {}; {written} written to {dir}",
            all.len(),
            a.as_of
        );
        if !without.is_empty() {
            println!("no contact e-mail address: {}", without.join(", "));
        }
        return Ok(());
    }
    if a.json {
        let v = serde_json::to_value(&all)
            .map_err(|e| Failure(format!("credit {C}: cannot write JSON: {e}"), 1))?;
        return print_json(&v);
    }
    let texts: Vec<String> = all
        .iter()
        .map(|s| format!("{}\n\n{}", s.subject(), s.text()))
        .collect();
    // A form feed between statements: a page break when printed.
    print!("{}", texts.join("\x0c\n"));
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
