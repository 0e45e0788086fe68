//! The import and portfolios pages' strings in English and Chinese: [`Im`]
//! keys (two exhaustive matches) and functions for strings with figures.

use credit_core::import::header::Field;
use credit_core::import::{FileKind, Preset};

use super::{en_count, Lang, Texts};
use crate::protocol::{field_name, Committed, Notice};
use credit_core::import::ImportWarning;

/// A label of the import and portfolios pages.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Im {
    // The import page: where the file goes, and the file.
    /// The page's title.
    ImportALedger,
    /// What files the page reads.
    Formats,
    /// The target's label.
    Into,
    /// The target option for a new portfolio.
    ANewPortfolio,
    /// A new portfolio's name (label).
    Name,
    /// A new portfolio's name when none is given (and the placeholder).
    ImportedLedger,
    /// The currency of rows without one (label).
    DefaultCurrency,
    /// The file (label, and the errors' column).
    File,
    /// The encoding (label).
    Encoding,
    /// Detect the encoding.
    Detect,
    /// Windows-1252 (option).
    Windows1252,
    /// The date order (label).
    DateOrder,
    /// The date order from the file (option).
    FromTheFile,
    /// Day first (option).
    Dmy,
    /// Month first (option).
    Mdy,
    /// Year first (option).
    Ymd,
    /// Retry after the worker stopped.
    TryAgain,
    /// See the import on the dashboard (link).
    SeeOnDashboard,
    // The mapping.
    /// The mapping's heading.
    Columns,
    /// The mapping was remembered.
    MappingRemembered,
    /// The rows above the header.
    AboveIt,
    /// An export recognised.
    ExportRecognised,
    /// The export format (label).
    ExportFormat,
    /// Recognise the export from its headers (option).
    RecogniseFromHeaders,
    /// The header's row (label).
    HeaderRow,
    /// Column header: the file's column.
    ColumnInFile,
    /// Column header: its first values.
    FirstValues,
    /// Column header: the field it is imported as.
    ImportedAs,
    /// A column not imported (option).
    Ignore,
    // The summary.
    /// The summary's heading.
    BeforeStored,
    /// What the file holds.
    FileHolds,
    /// Data rows.
    Rows,
    /// Valid rows.
    ValidRows,
    /// Rows with errors.
    RowsWithErrors,
    /// Buyers named by the file.
    Buyers,
    /// The date range.
    Dates,
    /// Ids repeated within the file.
    DuplicateIds,
    /// Ids the portfolio already has.
    AlreadyInPortfolio,
    /// The balances' heading.
    BalancePerBuyer,
    /// What the balances are net of.
    NetOf,
    /// Column header: the buyer.
    Buyer,
    /// Column header: the net balance.
    NetBalance,
    /// Column header: the currency.
    Currency,
    // The errors.
    /// Download every error.
    DownloadErrors,
    /// Column header: the file's row.
    Row,
    /// Column header: the column.
    Column,
    /// Column header: the cell's value.
    Value,
    /// Column header: why it was refused.
    Reason,
    // The actions.
    /// Keep the stored invoices.
    KeepStored,
    /// Replace the stored invoices.
    ReplaceWithFile,
    /// The file is the portfolio's next open-items list.
    NextOpenItems,
    /// The date order must be chosen.
    DateOrderNeeded,
    /// Import (button).
    Import,
    /// Nothing imported while the file has errors.
    FileHasErrors,
    // The portfolios page.
    /// The page's title.
    Portfolios,
    /// A new portfolio's name when none is given.
    DefaultPortfolioName,
    /// Save a new name.
    Save,
    /// The open portfolio's badge.
    OpenBadge,
    /// Open a portfolio.
    Open,
    /// Rename a portfolio.
    Rename,
    /// Duplicate a portfolio.
    Duplicate,
    /// Back a portfolio up.
    BackUp,
    /// Delete a portfolio.
    Delete,
    /// What deleting does.
    DeleteConfirm,
    /// Cancel the deletion.
    Cancel,
    /// Column header: the buyers.
    ColBuyers,
    /// Column header: the invoices.
    ColInvoices,
    /// Column header: when it was saved.
    Saved,
    /// Column header: encryption.
    Encryption,
    /// No portfolio stored.
    NoPortfolios,
    /// The new portfolio's heading.
    NewPortfolio,
    /// The base currency (label).
    BaseCurrency,
    /// Create a portfolio.
    Create,
    /// A link to the import page.
    ImportLink,
    /// The restore's heading.
    RestoreBackup,
    /// What a restore does.
    RestoreHelp,
    /// An encrypted backup asks for its passphrase.
    EncryptedBackup,
    /// The passphrase (label).
    Passphrase,
    /// Restore (button).
    Restore,
    /// The encryption's heading.
    EncryptionAtRest,
    /// What encryption protects.
    EncryptionHelp,
}

impl Texts for Im {
    fn en(self) -> &'static str {
        match self {
            Im::ImportALedger => "Import a ledger",
            Im::Formats => "CSV (UTF-8, UTF-16, GBK/GB18030; comma, semicolon or tab) or XLSX, with English or Chinese headers. The file is read in this browser and never leaves it.",
            Im::Into => "Into",
            Im::ANewPortfolio => "A new portfolio",
            Im::Name => "Name",
            Im::ImportedLedger => "Imported ledger",
            Im::DefaultCurrency => "Currency of rows without one",
            Im::File => "File",
            Im::Encoding => "Encoding",
            Im::Detect => "Detect",
            Im::Windows1252 => "Windows-1252 / Latin-1 (German, French Excel)",
            Im::DateOrder => "Date order",
            Im::FromTheFile => "From the file",
            Im::Dmy => "Day/month/year (31/03/2025)",
            Im::Mdy => "Month/day/year (03/31/2025)",
            Im::Ymd => "Year/month/day (2025/03/31)",
            Im::TryAgain => "Try again",
            Im::SeeOnDashboard => "See it aged on the dashboard",
            Im::Columns => "Columns",
            Im::MappingRemembered => "mapping remembered from the last import",
            Im::AboveIt => "above it",
            Im::ExportRecognised => "Export recognised",
            Im::ExportFormat => "Export format",
            Im::RecogniseFromHeaders => "Recognise from the headers",
            Im::HeaderRow => "Header row",
            Im::ColumnInFile => "Column in the file",
            Im::FirstValues => "First values",
            Im::ImportedAs => "Imported as",
            Im::Ignore => "(ignore)",
            Im::BeforeStored => "Before anything is stored",
            Im::FileHolds => "File holds",
            Im::Rows => "Rows",
            Im::ValidRows => "Valid rows",
            Im::RowsWithErrors => "Rows with errors",
            Im::Buyers => "Buyers",
            Im::Dates => "Dates",
            Im::DuplicateIds => "Duplicate ids in the file",
            Im::AlreadyInPortfolio => "Already in the portfolio",
            Im::BalancePerBuyer => "Balance per buyer after import",
            Im::NetOf => "Net of credit notes, overpayments and payments on account: what the dashboard will show.",
            Im::Buyer => "Buyer",
            Im::NetBalance => "Net balance",
            Im::Currency => "Currency",
            Im::DownloadErrors => "Download all errors (CSV)",
            Im::Row => "Row",
            Im::Column => "Column",
            Im::Value => "Value",
            Im::Reason => "Reason",
            Im::KeepStored => "Keep the stored ones (skip)",
            Im::ReplaceWithFile => "Replace them with the file's",
            Im::NextOpenItems => "This is the next open-items list of this portfolio: close what is no longer in it (paid) and update what changed",
            Im::DateOrderNeeded => "The dates can be read day/month or month/day: choose the date order above.",
            Im::Import => "Import",
            Im::FileHasErrors => "The file has errors: nothing is imported unless you choose to import the valid rows only.",
            Im::Portfolios => "Portfolios",
            Im::DefaultPortfolioName => "New portfolio",
            Im::Save => "Save",
            Im::OpenBadge => "open",
            Im::Open => "Open",
            Im::Rename => "Rename",
            Im::Duplicate => "Duplicate",
            Im::BackUp => "Back up",
            Im::Delete => "Delete",
            Im::DeleteConfirm => "Delete this portfolio and all its invoices from this browser? This cannot be undone (keep a backup).",
            Im::Cancel => "Cancel",
            Im::ColBuyers => "Buyers",
            Im::ColInvoices => "Invoices",
            Im::Saved => "Saved",
            Im::Encryption => "Encryption",
            Im::NoPortfolios => "No portfolio stored yet: create one, import a ledger or restore a backup.",
            Im::NewPortfolio => "New portfolio",
            Im::BaseCurrency => "Base currency",
            Im::Create => "Create",
            Im::ImportLink => "Import a ledger…",
            Im::RestoreBackup => "Restore a backup",
            Im::RestoreHelp => "A backup is restored as a new portfolio; nothing stored is overwritten.",
            Im::EncryptedBackup => "This backup is encrypted: enter its passphrase. The restored portfolio stays encrypted under it.",
            Im::Passphrase => "Passphrase",
            Im::Restore => "Restore",
            Im::EncryptionAtRest => "Encryption at rest",
            Im::EncryptionHelp => "An encrypted portfolio is stored as AES-256-GCM ciphertext, its key derived from your passphrase (PBKDF2-SHA256, 600,000 rounds) and held only in memory while it is unlocked. Its name and counts stay readable in this list; no buyer, amount or invoice number does.",
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Im::ImportALedger => "导入账簿",
            Im::Formats => "CSV（UTF-8、UTF-16、GBK/GB18030；逗号、分号或制表符分隔）或 XLSX，中英文标题均可。文件只在本浏览器中读取，不会离开本机。",
            Im::Into => "导入到",
            Im::ANewPortfolio => "新建组合",
            Im::Name => "名称",
            Im::ImportedLedger => "导入的账簿",
            Im::DefaultCurrency => "无币种行的币种",
            Im::File => "文件",
            Im::Encoding => "编码",
            Im::Detect => "自动检测",
            Im::Windows1252 => "Windows-1252 / Latin-1（德文、法文 Excel）",
            Im::DateOrder => "日期顺序",
            Im::FromTheFile => "按文件判断",
            Im::Dmy => "日/月/年（31/03/2025）",
            Im::Mdy => "月/日/年（03/31/2025）",
            Im::Ymd => "年/月/日（2025/03/31）",
            Im::TryAgain => "重试",
            Im::SeeOnDashboard => "在仪表盘查看账龄",
            Im::Columns => "列映射",
            Im::MappingRemembered => "已沿用上次导入的映射",
            Im::AboveIt => "其上方",
            Im::ExportRecognised => "已识别导出格式",
            Im::ExportFormat => "导出格式",
            Im::RecogniseFromHeaders => "按标题自动识别",
            Im::HeaderRow => "标题所在行",
            Im::ColumnInFile => "文件中的列",
            Im::FirstValues => "前几个值",
            Im::ImportedAs => "导入为",
            Im::Ignore => "（忽略）",
            Im::BeforeStored => "导入前预览",
            Im::FileHolds => "文件内容",
            Im::Rows => "行数",
            Im::ValidRows => "有效行",
            Im::RowsWithErrors => "有错误的行",
            Im::Buyers => "客户数",
            Im::Dates => "日期范围",
            Im::DuplicateIds => "文件内重复编号",
            Im::AlreadyInPortfolio => "组合中已有",
            Im::BalancePerBuyer => "导入后各客户余额（净额）",
            Im::NetOf => "已扣除红字发票、多付款和预收款：即仪表盘将显示的金额。",
            Im::Buyer => "客户",
            Im::NetBalance => "净余额",
            Im::Currency => "币种",
            Im::DownloadErrors => "下载全部错误（CSV）",
            Im::Row => "行",
            Im::Column => "列",
            Im::Value => "值",
            Im::Reason => "原因",
            Im::KeepStored => "保留已存储的（跳过）",
            Im::ReplaceWithFile => "用文件中的替换",
            Im::NextOpenItems => "这是本组合的下一期未清项清单：关闭清单中已不存在的项目（视为已收款），并更新有变动的项目",
            Im::DateOrderNeeded => "日期可读作日/月或月/日：请在上方选择日期顺序。",
            Im::Import => "导入",
            Im::FileHasErrors => "文件有错误：除非选择仅导入有效行，否则不会导入任何内容。",
            Im::Portfolios => "组合",
            Im::DefaultPortfolioName => "新组合",
            Im::Save => "保存",
            Im::OpenBadge => "已打开",
            Im::Open => "打开",
            Im::Rename => "重命名",
            Im::Duplicate => "复制",
            Im::BackUp => "备份",
            Im::Delete => "删除",
            Im::DeleteConfirm => "从本浏览器删除该组合及其全部发票？此操作无法撤销（请先备份）。",
            Im::Cancel => "取消",
            Im::ColBuyers => "客户",
            Im::ColInvoices => "发票",
            Im::Saved => "保存时间",
            Im::Encryption => "加密",
            Im::NoPortfolios => "尚未存储组合：新建、导入账簿或从备份恢复。",
            Im::NewPortfolio => "新建组合",
            Im::BaseCurrency => "本位币",
            Im::Create => "新建",
            Im::ImportLink => "导入账簿…",
            Im::RestoreBackup => "从备份恢复",
            Im::RestoreHelp => "备份将恢复为新的组合，不会覆盖已存储的内容。",
            Im::EncryptedBackup => "该备份已加密：请输入口令。恢复后的组合仍以该口令加密。",
            Im::Passphrase => "口令",
            Im::Restore => "恢复",
            Im::EncryptionAtRest => "静态加密",
            Im::EncryptionHelp => "加密组合以 AES-256-GCM 密文存储，密钥由口令派生（PBKDF2-SHA256，60万轮），仅在解锁期间保存在内存中。列表中仍可见其名称与数量；买方、金额、发票号均不可读。",
        }
    }
}

/// A preset's name.
pub fn preset(lang: Lang, p: Preset) -> &'static str {
    match lang {
        Lang::En => p.label_en(),
        Lang::Zh => p.label_zh(),
    }
}

/// A field's label in the mapping's drop-downs.
pub fn field(lang: Lang, f: Field) -> String {
    field_label(lang, &field_name(f))
}

/// What a file holds, in the summary.
pub fn file_kind(lang: Lang, kind: FileKind) -> &'static str {
    match (kind, lang) {
        (FileKind::Invoices, Lang::En) => "invoices",
        (FileKind::Invoices, Lang::Zh) => "发票",
        (FileKind::Payments, Lang::En) => "payments",
        (FileKind::Payments, Lang::Zh) => "付款",
        (FileKind::Customers, Lang::En) => "customers",
        (FileKind::Customers, Lang::Zh) => "客户",
    }
}

/// A notice of the worker about the file.
pub fn notice(lang: Lang, n: &Notice) -> String {
    match lang {
        Lang::En => n.en.clone(),
        Lang::Zh => n.zh.clone(),
    }
}

/// The file's rows, encoding and delimiter: `120 rows · encoding Utf8 ·
/// delimiter ,`.
pub fn file_info(lang: Lang, rows: usize, encoding: &str, delimiter: &str) -> String {
    match lang {
        Lang::En => format!(
            "{} · encoding {encoding} · delimiter {delimiter}",
            en_count(rows as i128, "row", "rows")
        ),
        Lang::Zh => format!("{rows} 行 · 编码 {encoding} · 分隔符 {delimiter}"),
    }
}

/// The header's row in the file.
pub fn header_on_row(lang: Lang, row: usize) -> String {
    match lang {
        Lang::En => format!("Header on row {row}"),
        Lang::Zh => format!("标题行：第 {row} 行"),
    }
}

/// One currency's total in the summary: code, gross and invoice count.
pub fn currency_total(lang: Lang, code: &str, gross: &str, invoices: usize) -> String {
    match lang {
        Lang::En => format!(
            "{code} {gross} · {}",
            en_count(invoices as i128, "invoice", "invoices")
        ),
        Lang::Zh => format!("{code} {gross} · {invoices} 张发票"),
    }
}

/// The date the balances are as of, after the heading: ` (as of 31 Mar
/// 2025)`.
pub fn as_of(lang: Lang, date: &str) -> String {
    match lang {
        Lang::En => format!(" (as of {date})"),
        Lang::Zh => format!(" (截至 {date})"),
    }
}

/// How many of the buyers' balances are shown.
pub fn largest_of(lang: Lang, shown: usize, count: usize) -> String {
    match lang {
        Lang::En => format!("The largest {shown} of {count} buyers."),
        Lang::Zh => format!("最大的 {shown} 个（共 {count} 个客户）。"),
    }
}

/// The errors' heading with their count.
pub fn errors_title(lang: Lang, count: usize) -> String {
    match lang {
        Lang::En => format!("Errors ({count})"),
        Lang::Zh => format!("错误 ({count})"),
    }
}

/// How many ids the portfolio already has, and some of them (`more` when
/// there are others).
pub fn already_stored(lang: Lang, count: usize, sample: &str, more: bool) -> String {
    let more = if more { ", …" } else { "" };
    match lang {
        Lang::En if count == 1 => format!("1 id is already in the portfolio ({sample}{more})"),
        Lang::En => format!("{count} ids are already in the portfolio ({sample}{more})"),
        Lang::Zh => format!("{count} 个编号已在组合中 ({sample}{more})"),
    }
}

/// Import the valid rows only (button).
pub fn import_valid_only(lang: Lang, valid: usize) -> String {
    match lang {
        Lang::En if valid == 1 => "Import only the 1 valid row".to_string(),
        Lang::En => format!("Import only the {valid} valid rows"),
        Lang::Zh => format!("仅导入 {valid} 行有效数据"),
    }
}

/// What an import did.
pub fn imported(lang: Lang, c: &Committed) -> String {
    match lang {
        Lang::En => format!(
            "Imported: {} added, {} replaced, {} skipped, {} added, {} left out.",
            en_count(c.added as i128, "invoice", "invoices"),
            c.replaced,
            c.skipped,
            en_count(c.customers_added as i128, "buyer", "buyers"),
            en_count(c.rows_left_out as i128, "row", "rows"),
        ),
        Lang::Zh => format!(
            "已导入: {} 张发票新增, {} 张替换, {} 张跳过, {} 个客户新增, {} 行未导入.",
            c.added, c.replaced, c.skipped, c.customers_added, c.rows_left_out
        ),
    }
}

/// What the next open-items list closed, updated and left unchanged.
pub fn reconciled(lang: Lang, c: &Committed) -> String {
    match lang {
        Lang::En => format!(
            "Next open-items list: {} closed as paid, {} updated, {} unchanged.",
            c.closed, c.updated, c.unchanged
        ),
        Lang::Zh => format!(
            "下一期未清项: {} 项已关闭（已收款）, {} 项已更新, {} 项无变动.",
            c.closed, c.updated, c.unchanged
        ),
    }
}

/// The currencies without an exchange rate, listed.
pub fn no_rate(lang: Lang, codes: &str) -> String {
    match lang {
        Lang::En => format!("No exchange rate yet for: {codes}"),
        Lang::Zh => format!("尚无汇率： {codes}"),
    }
}

/// A restored backup's new portfolio.
pub fn restored_as(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("Restored as “{name}”."),
        Lang::Zh => format!("已恢复为 “{name}”."),
    }
}

/// A duplicate's name.
pub fn copy_name(lang: Lang, name: &str) -> String {
    match lang {
        Lang::En => format!("{name} (copy)"),
        Lang::Zh => format!("{name} (副本)"),
    }
}

/// How much of the browser's storage is used, of how much, and whether it
/// is kept when space runs low.
pub fn storage_usage(lang: Lang, used: &str, quota: &str, persisted: bool) -> String {
    match (lang, persisted) {
        (Lang::En, true) => {
            format!("Stored in this browser: {used} of {quota} · kept even when space runs low")
        }
        (Lang::En, false) => format!(
            "Stored in this browser: {used} of {quota} · the browser may clear it when space runs low (not yet persistent)"
        ),
        (Lang::Zh, true) => format!("本浏览器存储： {used} / {quota} · 空间不足时也会保留"),
        (Lang::Zh, false) => {
            format!("本浏览器存储： {used} / {quota} · 空间不足时浏览器可能清除（尚未设为持久）")
        }
    }
}

/// The locale a saving time is written in.
pub fn date_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en-GB",
        Lang::Zh => "zh-CN",
    }
}

/// The label of a field (by its serde name), in Chinese or English: the
/// import page's mapping and the worker's notices.
pub fn field_label(lang: Lang, name: &str) -> String {
    let (en, zh) = match name {
        "invoice_id" => ("Invoice number", "发票号"),
        "customer_id" => ("Buyer id", "客户编号"),
        "customer_name" => ("Buyer name", "客户名称"),
        "issue_date" => ("Issue date", "开票日期"),
        "due_date" => ("Due date", "到期日"),
        "currency" => ("Currency", "币种"),
        "gross" => ("Amount (gross)", "金额（含税）"),
        "vat" => ("VAT", "税额"),
        "paid" => ("Paid amount", "已付金额"),
        "payment_date" => ("Payment date", "付款日期"),
        "disputed" => ("Disputed", "争议"),
        "dispute_reason" => ("Dispute reason", "争议原因"),
        "dispute_date" => ("Dispute date", "争议日期"),
        "terms_days" => ("Terms (days)", "账期（天）"),
        "country" => ("Country", "国家"),
        "industry" => ("Industry", "行业"),
        "credit_limit" => ("Credit limit", "信用额度"),
        "doc_type" => ("Document type", "单据类型"),
        "outstanding" => ("Open amount (balance)", "未收金额（余额）"),
        "debit" => ("Debit", "借方"),
        "credit" => ("Credit", "贷方"),
        "credit_note" => ("Credit note amount", "红字/贷项金额"),
        other => (other, other),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
    .to_string()
}

/// A preview's warning in both languages (see [`Notice`]).
pub fn preview_notice(w: &ImportWarning) -> Option<Notice> {
    use ImportWarning as W;
    let rows = |r: &[usize]| {
        let mut s = r
            .iter()
            .take(8)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if r.len() > 8 {
            s.push_str(", …");
        }
        s
    };
    let (class, en, zh) = match w {
        W::LooksLikeInvoices { missing } => {
            let names = |lang: Lang, sep: &str| {
                missing
                    .iter()
                    .map(|f| field_label(lang, &field_name(*f)))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            (
                "warn",
                format!("This file looks like a receivables report, but it is mapped as a customer list, so it would import no invoices. Map these columns: {}.", names(Lang::En, ", ")),
                format!("此文件看起来是应收账款报表，但当前映射为客户清单，将不会导入任何发票。请映射这些列：{}。", names(Lang::Zh, "、")),
            )
        }
        W::TotalRowsLeftOut { rows: r } => (
            "muted",
            format!("{} left out (rows {}).", super::en_count(r.len() as i128, "total row", "total rows"), rows(r)),
            format!("已略去 {} 个合计行（第 {} 行）。", r.len(), rows(r)),
        ),
        W::SectionRowsLeftOut { rows: r } => (
            "muted",
            format!("{} left out (rows {}).", super::en_count(r.len() as i128, "heading row", "heading rows"), rows(r)),
            format!("已略去 {} 个分组标题行（第 {} 行）。", r.len(), rows(r)),
        ),
        W::PresetRecognised { preset } => (
            "ok",
            format!(
                "Read as {}: document types and signs as that export writes them.",
                preset.label_en()
            ),
            format!("按{}读取：单据类型和正负号按该导出格式识别。", preset.label_zh()),
        ),
        W::ReportDate { date } => (
            "muted",
            format!("The file's date is {date}: paid amounts without a payment date are dated then at the latest."),
            format!("文件日期为 {date}：无付款日期的已付金额最晚按该日计。"),
        ),
        _ => return None,
    };
    Some(Notice {
        class: class.to_string(),
        en,
        zh,
    })
}

// The refusals below say these limits as literals (shorter code).
const _: () = assert!(credit_core::import::MAX_COLUMNS == 1000);
const _: () = assert!(credit_core::import::MAX_CELL_CHARS == 100_000);

/// What `credit_core::import::binary_kind` names, in Chinese.
fn looks_like_zh(en: &str) -> &'static str {
    match en {
        "a PNG image" => "PNG 图片",
        "a JPEG image" => "JPEG 图片",
        "a GIF image" => "GIF 图片",
        "a PDF document" => "PDF 文档",
        "a gzip archive" | "a RAR archive" | "a 7-Zip archive" => "压缩包",
        e if e.starts_with("an old Excel") => {
            "旧版 Excel（.xls）或 Word 文件，请另存为 XLSX 或 CSV"
        }
        _ => "二进制数据",
    }
}

/// The import refusals the worker words in both languages (a file that is
/// not text, too wide, a cell too long), or `None` for the others.
pub fn refusal(e: &credit_core::import::ImportError) -> Option<crate::protocol::Failure> {
    use crate::protocol::Failure;
    use credit_core::import::ImportError;
    match e {
        ImportError::NotText { looks_like } => Some(Failure::Refused {
            en: format!("This is not a CSV or XLSX file: it looks like {looks_like}."),
            zh: format!(
                "这不是 CSV 或 XLSX 文件：它看起来是{}。",
                looks_like_zh(looks_like)
            ),
        }),
        ImportError::TooWide { columns } => Some(Failure::Refused {
            en: format!("The file has {columns} columns; at most 1000 are read."),
            zh: format!("文件有 {columns} 列，最多读取 1000 列。"),
        }),
        ImportError::CellTooLong { row, column, chars } => Some(Failure::Refused {
            en: format!(
                "Row {row}, column {column}: a cell of {chars} characters; at most 100000."
            ),
            zh: format!("第 {row} 行第 {column} 列：单元格有 {chars} 个字符，最多 100000 个。"),
        }),
        _ => None,
    }
}
