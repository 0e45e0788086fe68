//! The shell and the shared components's strings in English and Chinese: [`S`] keys (two
//! exhaustive matches) and functions for strings with figures.

#![allow(unused_imports)]

use super::{en_count, Lang, Texts};
use crate::crypto::CheckName;
use credit_core::envelope::PassphraseError;
use credit_core::money::AmountError;

use super::K;

/// A label of the shell and the shared components.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[allow(missing_docs)]
pub enum S {
    TrendDso,
    TrendDelay,
    TrendOverdue,
    Alerts,
    Dunning,
    Insurance,
    Cash,
    Portfolios,
    Import,
    ANewerVersionOfThe,
    Reload,
    DemoNotStored,
    NoPortfolioOpen,
    ExchangeRates,
    Currency,
    Rate,
    PerUnit,
    From,
    AddRate,
    ThisPortfolioIsEncryptedEnter,
    Passphrase,
    Unlock,
    DerivingTheKey600000,
    TickTheBoxALost,
    EncryptedKeepThePassphraseSafe,
    PassphraseChanged,
    EncryptedUnlocked,
    EncryptedLocked,
    EncryptMenu,
    UnlockMenu,
    LockNow,
    ChangePassphraseMenu,
    EncryptionRemovedStoredInThe,
    RemoveEncryption,
    ThereIsNoWayTo,
    NewPassphrase,
    TypeItAgain,
    IUnderstandThatALost,
    ChangePassphrase,
    Encrypt,
    Cancel,
    WorkingDerivingTheKeyAnd,
    LockEncryptedPortfoliosAfterThis,
    CheckTheEncryptionKnownAnswer,
    AllChecksPassed,
    ACheckFailedDoNot,
    Trends12Months,
    NoAlertForThisBuyer,
    LimitCheck,
    Menu,
    SummaryLimit,
    SummaryTerms,
    Progress,
    MainNavigation,
    LoadingApp,
    MeetingSummary,
    SeeFullResult,
}

impl Texts for S {
    fn en(self) -> &'static str {
        match self {
            S::TrendDso => "DSO (days)",
            S::Menu => "Menu",
            S::SummaryLimit => "Limit",
            S::SummaryTerms => "Terms",
            S::Progress => "Progress",
            S::MainNavigation => "Main navigation",
            S::LoadingApp => "Loading Credit Assistant…",
            S::MeetingSummary => "Result so far",
            S::SeeFullResult => "Full result",
            S::TrendDelay => "Average payment delay (days)",
            S::TrendOverdue => "Overdue ratio",
            S::Alerts => "Alerts",
            S::Dunning => "Dunning",
            S::Insurance => "Insurance",
            S::Cash => "Cash",
            S::Portfolios => "Portfolios",
            S::Import => "Import",
            S::ANewerVersionOfThe => "A newer version of the app opened in another tab and upgraded the storage: this tab no longer saves.",
            S::Reload => "Reload",
            S::DemoNotStored => "Demo (not stored)",
            S::NoPortfolioOpen => "No portfolio open",
            S::ExchangeRates => "Exchange rates",
            S::Currency => "Currency",
            S::Rate => "Rate",
            S::PerUnit => "per unit",
            S::From => "From",
            S::AddRate => "Add rate",
            S::ThisPortfolioIsEncryptedEnter => "This portfolio is encrypted. Enter its passphrase to open it; until then nothing of it can be read.",
            S::Passphrase => "Passphrase",
            S::Unlock => "Unlock",
            S::DerivingTheKey600000 => "Deriving the key (600,000 rounds of PBKDF2)…",
            S::TickTheBoxALost => "Tick the box: a lost passphrase means lost data.",
            S::EncryptedKeepThePassphraseSafe => "Encrypted. Keep the passphrase safe: nobody can recover it.",
            S::PassphraseChanged => "Passphrase changed.",
            S::EncryptedUnlocked => "🔓 encrypted, unlocked",
            S::EncryptedLocked => "🔒 encrypted, locked",
            S::EncryptMenu => "Encrypt…",
            S::UnlockMenu => "Unlock…",
            S::LockNow => "Lock now",
            S::ChangePassphraseMenu => "Change passphrase…",
            S::EncryptionRemovedStoredInThe => "Encryption removed: stored in the clear.",
            S::RemoveEncryption => "Remove encryption",
            S::ThereIsNoWayTo => "There is no way to recover a lost passphrase: without it, the data of this portfolio is lost for good. Keep a backup (it is encrypted with the same passphrase).",
            S::NewPassphrase => "New passphrase",
            S::TypeItAgain => "Type it again",
            S::IUnderstandThatALost => "I understand that a lost passphrase means lost data",
            S::ChangePassphrase => "Change passphrase",
            S::Encrypt => "Encrypt",
            S::Cancel => "Cancel",
            S::WorkingDerivingTheKeyAnd => "Working: deriving the key and rewriting every record…",
            S::LockEncryptedPortfoliosAfterThis => "Lock encrypted portfolios after this long without use",
            S::CheckTheEncryptionKnownAnswer => "Check the encryption (known-answer test)",
            S::AllChecksPassed => "All checks passed.",
            S::ACheckFailedDoNot => "A check FAILED: do not rely on encryption in this browser.",
            S::Trends12Months => "Trends, 12 months",
            S::NoAlertForThisBuyer => "No alert for this buyer.",
            S::LimitCheck => "Limit check",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            S::TrendDso => "应收账款周转天数（天）",
            S::Menu => "菜单",
            S::SummaryLimit => "额度",
            S::SummaryTerms => "条件",
            S::Progress => "进度",
            S::MainNavigation => "主导航",
            S::LoadingApp => "信用助手加载中…",
            S::MeetingSummary => "当前结果",
            S::SeeFullResult => "完整结果",
            S::TrendDelay => "平均付款延迟（天）",
            S::TrendOverdue => "逾期占比",
            S::Alerts => "预警",
            S::Dunning => "催收",
            S::Insurance => "保险",
            S::Cash => "现金",
            S::Portfolios => "组合",
            S::Import => "导入",
            S::ANewerVersionOfThe => "另一个标签页中的新版本已升级存储：此标签页不再保存。",
            S::Reload => "重新加载",
            S::DemoNotStored => "演示（未存储）",
            S::NoPortfolioOpen => "未打开组合",
            S::ExchangeRates => "汇率",
            S::Currency => "币种",
            S::Rate => "汇率",
            S::PerUnit => "/单位",
            S::From => "起始日期",
            S::AddRate => "添加汇率",
            S::ThisPortfolioIsEncryptedEnter => "该组合已加密。请输入口令打开；在此之前其内容无法读取。",
            S::Passphrase => "口令",
            S::Unlock => "解锁",
            S::DerivingTheKey600000 => "正在派生密钥（PBKDF2 60万轮）…",
            S::TickTheBoxALost => "请勾选：遗失口令即丢失数据。",
            S::EncryptedKeepThePassphraseSafe => "已加密。请妥善保管口令：任何人都无法找回。",
            S::PassphraseChanged => "口令已更改。",
            S::EncryptedUnlocked => "🔓 已加密（已解锁）",
            S::EncryptedLocked => "🔒 已加密（已锁定）",
            S::EncryptMenu => "加密…",
            S::UnlockMenu => "解锁…",
            S::LockNow => "立即锁定",
            S::ChangePassphraseMenu => "更改口令…",
            S::EncryptionRemovedStoredInThe => "已移除加密：以明文存储。",
            S::RemoveEncryption => "移除加密",
            S::ThereIsNoWayTo => "遗失的口令无法找回：没有口令，该组合的数据将永久丢失。请保留备份（备份使用同一口令加密）。",
            S::NewPassphrase => "新口令",
            S::TypeItAgain => "再次输入",
            S::IUnderstandThatALost => "我了解遗失口令即丢失数据",
            S::ChangePassphrase => "更改口令",
            S::Encrypt => "加密",
            S::Cancel => "取消",
            S::WorkingDerivingTheKeyAnd => "处理中：派生密钥并重写全部记录…",
            S::LockEncryptedPortfoliosAfterThis => "无操作多久后锁定加密组合",
            S::CheckTheEncryptionKnownAnswer => "检查加密（已知答案测试）",
            S::AllChecksPassed => "全部检查通过。",
            S::ACheckFailedDoNot => "有检查未通过：请勿在此浏览器中依赖加密。",
            S::Trends12Months => "近12个月趋势",
            S::NoAlertForThisBuyer => "该买方暂无预警。",
            S::LimitCheck => "额度检查",
        }
    }
}

/// A refused new passphrase.
pub fn passphrase_error(lang: Lang, e: PassphraseError) -> String {
    match (lang, e) {
        (Lang::En, PassphraseError::TooShort { chars, min }) => {
            format!("Passphrase: at least {min} characters (it has {chars}).")
        }
        (Lang::Zh, PassphraseError::TooShort { chars, min }) => {
            format!("口令：至少 {min} 个字符（当前 {chars} 个）。")
        }
        (Lang::En, PassphraseError::Differ) => "Passphrase: the two entries differ.".into(),
        (Lang::Zh, PassphraseError::Differ) => "口令：两次输入不一致。".into(),
        // The core's errors are `#[non_exhaustive]`: a variant added there
        // shows its English text until it is given its own here.
        (_, e) => e.to_string(),
    }
}

/// `N min` / `N 分钟`, for the auto-lock choices.
pub fn minutes(lang: Lang, m: u32) -> String {
    match lang {
        Lang::En => format!("{m} min"),
        Lang::Zh => format!("{m} 分钟"),
    }
}

impl Texts for CheckName {
    fn en(self) -> &'static str {
        match self {
            CheckName::KnownAnswerFile => "known-answer file",
            CheckName::Pbkdf2 => "PBKDF2-HMAC-SHA256 (RFC 7914)",
            CheckName::AesGcm => "AES-256-GCM (GCM spec, case 16)",
            CheckName::Envelope => "Envelope of a known passphrase",
            CheckName::FlippedBit => "A flipped bit fails to decrypt",
            CheckName::WrongPassphrase => "A wrong passphrase fails to decrypt",
        }
    }
    fn zh(self) -> &'static str {
        match self {
            CheckName::KnownAnswerFile => "已知答案文件",
            CheckName::Pbkdf2 => "PBKDF2-HMAC-SHA256（RFC 7914）",
            CheckName::AesGcm => "AES-256-GCM（GCM 规范，用例 16）",
            CheckName::Envelope => "已知口令的加密封装",
            CheckName::FlippedBit => "翻转一位即无法解密",
            CheckName::WrongPassphrase => "错误口令无法解密",
        }
    }
}

/// The label of a refused amount in a form.
pub fn amount_error(e: AmountError) -> K {
    match e {
        AmountError::Negative => K::ErrNegative,
        AmountError::Empty | AmountError::NotANumber => K::ErrNotANumber,
        // `#[non_exhaustive]` in the core.
        _ => K::ErrNotANumber,
    }
}

/// The currency a form starts with for a speaker of the language: the
/// renminbi in Chinese, the euro in English.
pub fn default_currency(lang: Lang) -> credit_core::money::Currency {
    match lang {
        Lang::Zh => credit_core::money::Currency::CNY,
        Lang::En => credit_core::money::Currency::EUR,
    }
}

/// `, up to 90 days` after a payment basis.
pub fn up_to_days(lang: Lang, d: u32) -> String {
    match lang {
        Lang::En => format!(", up to {}", en_count(i128::from(d), "day", "days")),
        Lang::Zh => format!("，最长 {d} 天"),
    }
}

/// `; security: A or B` after the terms.
pub fn security_list(lang: Lang, list: &[&str]) -> String {
    match lang {
        Lang::En => format!("; security: {}", list.join(" or ")),
        Lang::Zh => format!("；担保方式：{}", list.join("或")),
    }
}

/// English month abbreviations.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A date: `22 Nov 2026` in English, `2026年11月22日` in Chinese.
pub fn date(lang: Lang, y: i32, m: u32, day: u32) -> String {
    match lang {
        Lang::En => format!("{day} {} {y}", MONTHS[(m - 1) as usize]),
        Lang::Zh => format!("{y}年{m}月{day}日"),
    }
}

/// A month for a chart axis: `Jun 26` / `26年6月` (`y` is two digits).
pub fn month(lang: Lang, y: i32, m: u32) -> String {
    match lang {
        Lang::En => format!("{} {y:02}", MONTHS[(m - 1) as usize]),
        Lang::Zh => format!("{y:02}年{m}月"),
    }
}

/// A formatted number as a percentage: `42.9 %` / `42.9%`.
pub fn percent(lang: Lang, p: &str) -> String {
    match lang {
        Lang::En => format!("{p} %"),
        Lang::Zh => format!("{p}%"),
    }
}

/// A formatted number with its unit: `70.0 days` / `70.0 天`; `1.5×`.
pub fn with_unit(lang: Lang, v: &str, unit: K) -> String {
    match lang {
        Lang::En if unit == K::UnitTimes => format!("{v}×"),
        Lang::En | Lang::Zh => format!("{v} {}", super::text(lang, unit)),
    }
}

/// The currencies without a rate yet, and the base they are needed in.
pub fn fx_missing(lang: Lang, missing: &str, base: &str) -> String {
    match lang {
        Lang::En => format!("No rate yet for {missing} — add one to see the reports in {base}."),
        Lang::Zh => format!("尚无汇率： {missing} ——请添加汇率，以便以下列币种查看报表： {base}."),
    }
}
