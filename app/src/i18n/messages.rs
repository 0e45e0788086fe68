//! Messages with figures in them (storage and import failures, import
//! errors, progress), in both languages. Each function matches on the
//! language exhaustively, so neither language can lack a message.

use credit_core::import::{ErrorReason, RowError};
use credit_core::portfolio::{NameError, MAX_NAME_CHARS};

use crate::db::DbError;
use crate::i18n::Lang;
use crate::protocol::{Failure, Phase, StopReason};

/// A storage failure, and that nothing stored was lost.
/// A refused portfolio name (`credit_core::portfolio::clean_name`).
pub fn name_error(lang: Lang, e: NameError) -> String {
    match (lang, e) {
        (Lang::En, NameError::Empty) => "The name is empty. Nothing was changed.".into(),
        (Lang::Zh, NameError::Empty) => "名称为空。未做任何更改。".into(),
        (Lang::En, NameError::TooLong { chars }) => format!(
            "The name has {chars} characters; at most {MAX_NAME_CHARS}. Nothing was changed."
        ),
        (Lang::Zh, NameError::TooLong { chars }) => {
            format!("名称有 {chars} 个字符，最多 {MAX_NAME_CHARS} 个。未做任何更改。")
        }
    }
}

pub fn db_error(lang: Lang, e: &DbError) -> String {
    match (lang, e) {
        (Lang::En, DbError::NotFound) => "That portfolio is no longer stored (deleted in another tab?).".into(),
        (Lang::Zh, DbError::NotFound) => "该组合已不在存储中（可能已在其他标签页删除）。".into(),
        (Lang::En, DbError::Corrupt(d)) => format!("The stored portfolio cannot be read ({d}). Restore it from a backup."),
        (Lang::Zh, DbError::Corrupt(d)) => format!("无法读取存储的组合（{d}）。请从备份恢复。"),
        (Lang::En, DbError::NewerSchema { found, supported }) => format!("This portfolio was saved by a newer version of the app (schema {found}; this version reads up to {supported}). Update the app to open it."),
        (Lang::Zh, DbError::NewerSchema { found, supported }) => format!("该组合由更新版本的应用保存（架构 {found}；本版本最高支持 {supported}）。请更新应用后再打开。"),
        (Lang::En, DbError::Quota) => "The browser's storage is full: nothing was changed. Free space (delete a portfolio or other sites' data) and try again.".into(),
        (Lang::Zh, DbError::Quota) => "浏览器存储空间已满：未做任何更改。请释放空间（删除组合或其他网站数据）后重试。".into(),
        (Lang::En, DbError::Conflict) => "Another tab changed this portfolio meanwhile: nothing was overwritten. It has been reloaded; try again.".into(),
        (Lang::Zh, DbError::Conflict) => "另一个标签页同时修改了该组合：未覆盖任何内容。已重新加载，请重试。".into(),
        (Lang::En, DbError::Locked) => "This portfolio is encrypted and locked: unlock it with its passphrase first. Nothing was changed.".into(),
        (Lang::Zh, DbError::Locked) => "该组合已加密并锁定：请先用口令解锁。未做任何更改。".into(),
        (Lang::En, DbError::WrongPassphrase) => "Wrong passphrase: nothing was unlocked and nothing was changed.".into(),
        (Lang::Zh, DbError::WrongPassphrase) => "口令错误：未解锁，也未做任何更改。".into(),
        (Lang::En, DbError::Other(d)) => format!("The browser refused the storage operation ({d}); nothing was changed."),
        (Lang::Zh, DbError::Other(d)) => format!("浏览器拒绝了存储操作（{d}）；未做任何更改。"),
    }
}

/// A worker failure.
pub fn failure(lang: Lang, f: &Failure) -> String {
    let zh = lang == Lang::Zh;
    match f {
        Failure::FileUnreadable { detail } => {
            if zh {
                format!("无法读取文件：{detail}")
            } else {
                format!("The file cannot be read: {detail}")
            }
        }
        Failure::Refused { en, zh: z } => {
            if zh {
                z.clone()
            } else {
                en.clone()
            }
        }
        Failure::Empty => {
            if zh {
                "文件为空：没有标题行。".into()
            } else {
                "The file is empty: it has no header row.".into()
            }
        }
        Failure::Unclosed { row } => {
            if zh {
                format!("第 {row} 行：引号字段没有闭合。")
            } else {
                format!("Row {row}: a quoted field is never closed.")
            }
        }
        Failure::Workbook { detail } => {
            if zh {
                format!("无法读取工作簿：{detail}")
            } else {
                format!("The workbook cannot be read: {detail}")
            }
        }
        Failure::MissingColumns { fields } => {
            let list = fields
                .iter()
                .map(|f| crate::i18n::import::field_label(lang, f))
                .collect::<Vec<_>>()
                .join(if zh { "、" } else { ", " });
            if zh {
                format!("缺少必需的列：{list}。请在映射中指定。")
            } else {
                format!("Required columns are missing: {list}. Map them below.")
            }
        }
        Failure::DateOrderRequired => {
            if zh {
                "日期可读作日/月或月/日：请选择日期顺序。".into()
            } else {
                "The dates can be read day/month or month/day: choose the date order.".into()
            }
        }
        Failure::RowErrors { count } => {
            if zh {
                format!("文件有 {count} 个错误：未导入任何内容。")
            } else {
                format!(
                    "{} in the file: nothing was imported.",
                    super::en_count(*count as i128, "error", "errors")
                )
            }
        }
        Failure::UnknownInvoices { ids } => {
            if zh {
                format!("付款对应的发票不在组合中：{}", ids.join(", "))
            } else {
                format!(
                    "Payments for invoices the portfolio does not have: {}",
                    ids.join(", ")
                )
            }
        }
        Failure::NoPreview => {
            if zh {
                "请先选择文件。".into()
            } else {
                "Choose a file first.".into()
            }
        }
        Failure::BackupNotJson { line, column } => {
            if zh {
                format!("备份文件不是有效的 JSON（第 {line} 行第 {column} 列）。")
            } else {
                format!("The backup is not valid JSON (line {line}, column {column}).")
            }
        }
        Failure::NotABackup => {
            if zh {
                "该文件不是信用助手的备份。".into()
            } else {
                "This file is not a Credit Assistant backup.".into()
            }
        }
        Failure::NewerSchema { found, supported } => db_error(
            lang,
            &DbError::NewerSchema {
                found: *found,
                supported: *supported,
            },
        ),
        Failure::ChecksumMismatch => {
            if zh {
                "备份的校验和不符：文件已被修改或损坏，未恢复任何内容。".into()
            } else {
                "The backup's checksum does not match: the file was changed or damaged. Nothing was restored.".into()
            }
        }
        Failure::BackupInvalid { detail } => {
            if zh {
                format!("备份内容无效：{detail}")
            } else {
                format!("The backup's content is invalid: {detail}")
            }
        }
        Failure::NotFound => db_error(lang, &DbError::NotFound),
        Failure::StoreCorrupt { detail } => db_error(lang, &DbError::Corrupt(detail.clone())),
        Failure::QuotaExceeded => db_error(lang, &DbError::Quota),
        Failure::Conflict => db_error(lang, &DbError::Conflict),
        Failure::Locked => db_error(lang, &DbError::Locked),
        Failure::WrongPassphrase => db_error(lang, &DbError::WrongPassphrase),
        Failure::BackupDamaged => {
            if zh {
                "口令正确，但备份已损坏（数据未通过认证校验）：未恢复任何内容。".into()
            } else {
                "The passphrase is right but the backup is damaged (its data fails authentication). Nothing was restored.".into()
            }
        }
        Failure::BadRate { value } => {
            if zh {
                format!("“{value}”不是有效的汇率：请输入正数，例如 7.85。")
            } else {
                format!("“{value}” is not a rate: enter a positive number, e.g. 7.85.")
            }
        }
        Failure::WorkerStopped(r) => {
            let why = match (r, zh) {
                (StopReason::Crashed(d), false) => format!("it failed: {d}"),
                (StopReason::Crashed(d), true) => format!("出错：{d}"),
                (StopReason::Silent(s), false) => format!("no answer for {s} s"),
                (StopReason::Silent(s), true) => format!("{s} 秒无响应"),
                (StopReason::NotVerified, false) => {
                    "its code did not pass the integrity check or could not be loaded".into()
                }
                (StopReason::NotVerified, true) => "其代码未通过完整性校验或无法加载".into(),
                (StopReason::Replaced, false) => "a newer file replaced this one".into(),
                (StopReason::Replaced, true) => "已被更新的文件取代".into(),
            };
            if zh {
                format!("文件读取器已停止（{why}）：未做任何更改。请重试；若再次发生，该文件可能过大或已损坏。")
            } else {
                format!("The file reader stopped ({why}): nothing was changed. Try again; if it happens again, the file may be too large or damaged.")
            }
        }
        Failure::Storage { detail } => db_error(lang, &DbError::Other(detail.clone())),
    }
}

/// Why a cell was refused.
pub fn reason(lang: Lang, r: ErrorReason) -> &'static str {
    let zh = lang == Lang::Zh;
    match r {
        ErrorReason::Missing => {
            if zh {
                "必填值为空"
            } else {
                "required value is empty"
            }
        }
        ErrorReason::NotADate => {
            if zh {
                "不是日期（可用 2025-03-31、2025/3/31、31.03.2025 或 03/31/2025）"
            } else {
                "not a date (use 2025-03-31, 2025/3/31, 31.03.2025 or 03/31/2025)"
            }
        }
        ErrorReason::NoSuchDate => {
            if zh {
                "不存在的日期"
            } else {
                "no such date"
            }
        }
        ErrorReason::AmbiguousDate => {
            if zh {
                "日期有歧义：日/月还是月/日（请选择日期顺序）"
            } else {
                "ambiguous date: day/month or month/day (choose the date order)"
            }
        }
        ErrorReason::NotAnAmount => {
            if zh {
                "不是金额"
            } else {
                "not an amount"
            }
        }
        ErrorReason::Negative => {
            if zh {
                "不能为负数"
            } else {
                "cannot be negative"
            }
        }
        ErrorReason::UnknownCurrency => {
            if zh {
                "不是货币代码（ISO 4217，如 CNY）"
            } else {
                "not a currency code (ISO 4217, e.g. CNY)"
            }
        }
        ErrorReason::DueBeforeIssue => {
            if zh {
                "到期日早于开票日期"
            } else {
                "due date is before the issue date"
            }
        }
        ErrorReason::PaidExceedsGross => {
            if zh {
                "已付金额超过发票金额"
            } else {
                "paid amount exceeds the gross amount"
            }
        }
        ErrorReason::DuplicateInFile => {
            if zh {
                "发票号已在前面的行出现"
            } else {
                "invoice id already appears on an earlier row"
            }
        }
        ErrorReason::NotADayCount => {
            if zh {
                "不是整数天数"
            } else {
                "not a whole number of days"
            }
        }
        ErrorReason::NotYesOrNo => {
            if zh {
                "不是“是”或“否”"
            } else {
                "not yes or no"
            }
        }
        ErrorReason::TooLarge => {
            if zh {
                "超出报表可汇总的最大金额（1,000,000,000,000,000）"
            } else {
                "beyond the largest amount the reports can add up (1,000,000,000,000,000)"
            }
        }
        ErrorReason::TooLong => {
            if zh {
                "超过 1,000 个字符"
            } else {
                "longer than 1,000 characters"
            }
        }
        ErrorReason::VatAboveGross => {
            if zh {
                "增值税大于含税金额"
            } else {
                "VAT is larger than the gross amount"
            }
        }
        _ => {
            if zh {
                "无效值"
            } else {
                "invalid value"
            }
        }
    }
}

/// One error as a sentence: file, row, column, value, reason.
pub fn row_error(lang: Lang, e: &RowError) -> String {
    match lang {
        Lang::En => format!(
            "{}: row {}, column “{}”, value “{}”: {}",
            e.file,
            e.row,
            e.column,
            e.value,
            reason(lang, e.reason)
        ),
        Lang::Zh => format!(
            "{}：第 {} 行，列“{}”，值“{}”：{}",
            e.file,
            e.row,
            e.column,
            e.value,
            reason(lang, e.reason)
        ),
    }
}

/// The stage of a long job.
pub fn phase(lang: Lang, p: Phase) -> &'static str {
    let zh = lang == Lang::Zh;
    match p {
        Phase::Reading => {
            if zh {
                "正在读取文件…"
            } else {
                "Reading the file…"
            }
        }
        Phase::Parsing => {
            if zh {
                "正在拆分行…"
            } else {
                "Splitting it into rows…"
            }
        }
        Phase::Checking => {
            if zh {
                "正在检查每一行…"
            } else {
                "Checking every row…"
            }
        }
        Phase::Merging => {
            if zh {
                "正在合并…"
            } else {
                "Merging…"
            }
        }
        Phase::Saving => {
            if zh {
                "正在保存到浏览器存储…"
            } else {
                "Saving to the browser's storage…"
            }
        }
    }
}
