//! A deterministic demo portfolio, generated from a seed.
//!
//! [`generate`] builds a realistic receivables ledger for a Chinese seller
//! (base currency CNY) so every screen has something to show without an
//! import. The same [`DemoSpec`] always gives the same portfolio, natively
//! and in wasm32: the generator has its own integer-only PRNG (SplitMix64),
//! never reads a clock, and builds every amount from integer cents
//! (`Decimal::new(cents, 2)`), never from `f64`.
//!
//! # What is in it
//!
//! - **Buyers** `C0001`, `C0002`, … (four digits, more when there are over
//!   9,999): about two thirds in China (CN), the rest in DE, FR, IT, NL
//!   (invoiced in EUR), US, JP (USD), GB (GBP) and KR (CNY). Names fit the
//!   country (`上海华信机电有限公司`, `Müller Maschinenbau GmbH`,
//!   `Dupont Mécanique SAS`, `Hartley Engineering Ltd`, …; a Chinese buyer
//!   is `Shanghai Huaxin Electromechanical Co., Ltd.` in an English demo);
//!   the industry is one of eight (Machinery, Electronics, Chemicals,
//!   Textiles, Construction, Retail, Automotive, Food: 机械, 电子, … in a
//!   Chinese demo); terms are 30, 45, 60 or 90 days. The credit limit (in
//!   CNY) covers the buyer's usual exposure with room to spare: a month of
//!   its sales per 30 days of terms, usual delay and a month's headroom,
//!   × 1.2–1.5, and at least 1.25 × what it owes at `end`, rounded to two
//!   significant figures (at least 50,000); two buyers are over their limit
//!   on purpose (see [`generate`]). About 70 % of buyers are insured, some
//!   for less than the credit limit and some refused (zero).
//! - **Language**: [`DemoSpec::language`] chooses the words (the demo's
//!   name, industries, Chinese buyers' names, dispute reasons); both
//!   languages give the same buyers, invoices and figures.
//! - **Volume** is skewed: buyers are ranked at random and receive invoices
//!   in proportion to `1 / (rank + 5)`, so a few large buyers and many small
//!   ones (in the standard demo the largest holds roughly 6–10 % of the
//!   sales, the ten largest roughly 40 %). Invoice amounts lie between
//!   5,000 and 500,000 CNY-equivalent; bigger buyers have bigger tickets.
//! - **FX**: one rate per month and foreign currency, dated the first of the
//!   month, from the month the span starts to the month of `end`
//!   (EUR 7.70–7.90, USD 7.10–7.30, GBP 9.00–9.30, moving in small steps).
//! - **Invoices** `INV-000001`, … (at least six digits, numbered in issue
//!   date order) are issued over the `months` calendar months ending at
//!   `end`, none after it. Due date = issue date + the buyer's terms.
//!   CN invoices carry VAT of 13 % (gross × 13 / 113, to the cent).
//! - **Payments** are dated on or before `end` only: a payment that would
//!   come later simply is not there yet, so recent invoices are open. About
//!   5 % of invoices are paid in two parts, and a couple are overpaid by a
//!   small amount (a credit balance).
//!
//! # Behaviour profiles
//!
//! Each buyer other than the planted one gets a profile, shuffled from the
//! seed in fixed shares. The book is a healthy one with a few problems worth
//! finding: in the standard demo about a dozen alerts, five of them
//! critical (the planted buyer, the two buyers over their limit, a
//! defaulter's and a disputer's old debts).
//!
//! | profile | share | pays |
//! |---|---|---|
//! | prompt | ~72 % | 0–5 days after due; one invoice in five up to a week early |
//! | average | 20 % | 3–12 days late |
//! | slow | 4.5 % | 15–45 days late |
//! | disputer | 2 % | like average, but about one in five invoices of the last six months is disputed and stays unpaid |
//! | defaulter | 1.5 % | normally until a day 4–9 months before `end`, then nothing; deliveries stop 10–40 days later; status in legal (defaulted over six months ago) or on hold |
//!
//! The largest tenth of buyers (key accounts) are never defaulters and get
//! at most 60-day terms, and the five largest are never slow payers: their
//! balances would otherwise swamp the concentration figures (in the
//! standard demo the largest buyer holds roughly 5–10 % of the receivables,
//! the ten largest roughly 40–50 %). Average and slow payers
//! dispute the odd invoice too. Dispute reasons are in Chinese for CN
//! buyers and in English for the others.
//!
//! # The planted buyer
//!
//! [`PLANTED_BUYER_ID`] (`C0007`, `苏州恒达精密机械有限公司`, CN, active,
//! 30-day terms, present when the spec has at least 7 buyers) shows the
//! early-warning sign "volume up while paying slower". Months are counted
//! back from `end` (month 1 = the month up to and including `end`, month 2
//! the one before, and so on):
//!
//! - months 4 and earlier: three invoices a month of about 60,000 CNY;
//!   months 1–3: five a month of about 85,000 CNY, so the last three months'
//!   sales are about 2.4 × the earlier monthly average;
//! - days late by the month of issue: 2–8 (month 6 and earlier), 14–20
//!   (month 5), 26–34 (month 4), 40–50 (month 3), 55–65 (month 2),
//!   70–80 (month 1). The payments received in the last three months are
//!   therefore about 30 days late against about 5 before, and its newest
//!   invoices are open and overdue.

use std::collections::HashSet;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::customer::{Customer, CustomerStatus};
use crate::invoice::{Dispute, Invoice, Payment};
use crate::money::{Currency, FxRate};
use crate::portfolio::Portfolio;

/// The id of the planted buyer whose volume rises while it pays ever later
/// (see the module documentation). It exists when the spec has at least 7
/// buyers; it is always a CN buyer with status active.
pub const PLANTED_BUYER_ID: &str = "C0007";

/// The planted buyer's position in [`Portfolio::customers`].
const PLANTED_INDEX: usize = 6;

/// The planted buyer's fixed name, in Chinese and in English.
const PLANTED_NAME: (&str, &str) = (
    "苏州恒达精密机械有限公司",
    "Suzhou Hengda Precision Machinery Co., Ltd.",
);

/// The language of the demo's words: its name, the buyers' industries, the
/// Chinese buyers' names and the dispute reasons. Both languages give the
/// same buyers, invoices and figures; only the words differ. Foreign
/// buyers keep their own names in both.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum DemoLanguage {
    /// Chinese (the default: the demo is a Chinese seller's book).
    #[default]
    Chinese,
    /// English.
    English,
}

/// Parameters of the demo.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct DemoSpec {
    /// Seed of the generator: the same spec always gives the same portfolio.
    pub seed: u64,
    /// The last day of the span (the natural `as_of` of the demo); no
    /// invoice or payment is dated after it.
    pub end: NaiveDate,
    /// Number of buyers.
    pub buyers: usize,
    /// Number of invoices (exact, unless it is smaller than the planted
    /// buyer's fixed schedule).
    pub invoices: usize,
    /// Calendar months the invoices span, ending at `end` (at least 1).
    pub months: u32,
    /// The language of its words (see [`DemoLanguage`]).
    pub language: DemoLanguage,
}

impl DemoSpec {
    /// The standard demo: 120 buyers, 3,000 invoices over 18 months ending
    /// at `end`, seed 2026.
    pub fn standard(end: NaiveDate) -> Self {
        DemoSpec {
            seed: 2026,
            end,
            buyers: 120,
            invoices: 3000,
            months: 18,
            language: DemoLanguage::Chinese,
        }
    }

    /// A large demo for scale tests (e.g. 10,000 buyers and 1,000,000
    /// invoices), seed 2026, over 18 months ending at `end`.
    pub fn large(end: NaiveDate, buyers: usize, invoices: usize) -> Self {
        DemoSpec {
            seed: 2026,
            end,
            buyers,
            invoices,
            months: 18,
            language: DemoLanguage::Chinese,
        }
    }

    /// The same demo with its words in `language`.
    pub fn in_language(self, language: DemoLanguage) -> Self {
        DemoSpec { language, ..self }
    }

    /// The demo portfolio's name: `演示组合（种子 2026）` or
    /// `Demo portfolio (seed 2026)`.
    pub fn name(&self) -> String {
        match self.language {
            DemoLanguage::Chinese => format!("演示组合（种子 {}）", self.seed),
            DemoLanguage::English => format!("Demo portfolio (seed {})", self.seed),
        }
    }

    /// The name the demo had in both languages before its words followed
    /// the language (`演示组合 Demo portfolio (seed 2026)`): what an earlier
    /// version kept under the demo's name is found under it.
    pub fn former_name(&self) -> String {
        format!("演示组合 Demo portfolio (seed {})", self.seed)
    }
}

// ---------------------------------------------------------------------------
// The PRNG: SplitMix64, integer-only, so bit-identical on every target.

/// SplitMix64 (Steele, Lea & Flood 2014).
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by multiply-and-shift.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------
// Dates as day numbers.

fn ce(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn day(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)
}

fn month_key(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

// ---------------------------------------------------------------------------
// Countries, names, industries.

/// The industries, in English and in Chinese.
const INDUSTRIES: [(&str, &str); 8] = [
    ("Machinery", "机械"),
    ("Electronics", "电子"),
    ("Chemicals", "化工"),
    ("Textiles", "纺织"),
    ("Construction", "建筑"),
    ("Retail", "零售"),
    ("Automotive", "汽车"),
    ("Food", "食品"),
];

/// A country buyers come from.
struct Country {
    code: &'static str,
    per_mille: u64,
    currency: Currency,
    founded: (i64, i64),
}

const COUNTRIES: [Country; 9] = [
    Country {
        code: "CN",
        per_mille: 640,
        currency: Currency::CNY,
        founded: (1988, 2019),
    },
    Country {
        code: "DE",
        per_mille: 70,
        currency: Currency::EUR,
        founded: (1948, 2015),
    },
    Country {
        code: "US",
        per_mille: 60,
        currency: Currency::USD,
        founded: (1950, 2016),
    },
    Country {
        code: "FR",
        per_mille: 40,
        currency: Currency::EUR,
        founded: (1950, 2015),
    },
    Country {
        code: "GB",
        per_mille: 40,
        currency: Currency::GBP,
        founded: (1950, 2016),
    },
    Country {
        code: "JP",
        per_mille: 40,
        currency: Currency::USD,
        founded: (1950, 2012),
    },
    Country {
        code: "KR",
        per_mille: 30,
        currency: Currency::CNY,
        founded: (1970, 2015),
    },
    Country {
        code: "IT",
        per_mille: 40,
        currency: Currency::EUR,
        founded: (1950, 2015),
    },
    Country {
        code: "NL",
        per_mille: 40,
        currency: Currency::EUR,
        founded: (1950, 2015),
    },
];

/// Chinese cities, in Chinese and in the form their companies' English
/// names use.
const CN_CITIES: [(&str, &str); 22] = [
    ("上海", "Shanghai"),
    ("北京", "Beijing"),
    ("深圳", "Shenzhen"),
    ("广州", "Guangzhou"),
    ("苏州", "Suzhou"),
    ("杭州", "Hangzhou"),
    ("宁波", "Ningbo"),
    ("无锡", "Wuxi"),
    ("天津", "Tianjin"),
    ("青岛", "Qingdao"),
    ("成都", "Chengdu"),
    ("武汉", "Wuhan"),
    ("南京", "Nanjing"),
    ("东莞", "Dongguan"),
    ("佛山", "Foshan"),
    ("厦门", "Xiamen"),
    ("重庆", "Chongqing"),
    ("常州", "Changzhou"),
    ("温州", "Wenzhou"),
    ("合肥", "Hefei"),
    ("西安", "Xi'an"),
    ("郑州", "Zhengzhou"),
];
/// Trade names, in Chinese and in pinyin.
const CN_TRADE: [(&str, &str); 30] = [
    ("华信", "Huaxin"),
    ("恒达", "Hengda"),
    ("金泰", "Jintai"),
    ("宏远", "Hongyuan"),
    ("瑞丰", "Ruifeng"),
    ("永兴", "Yongxing"),
    ("鑫源", "Xinyuan"),
    ("东方", "Dongfang"),
    ("中联", "Zhonglian"),
    ("新世纪", "Xinshiji"),
    ("海天", "Haitian"),
    ("鼎盛", "Dingsheng"),
    ("汇通", "Huitong"),
    ("天成", "Tiancheng"),
    ("博远", "Boyuan"),
    ("嘉禾", "Jiahe"),
    ("同创", "Tongchuang"),
    ("广汇", "Guanghui"),
    ("富华", "Fuhua"),
    ("长城", "Changcheng"),
    ("明辉", "Minghui"),
    ("立德", "Lide"),
    ("正泰", "Zhengtai"),
    ("盛世", "Shengshi"),
    ("昌隆", "Changlong"),
    ("润达", "Runda"),
    ("安泰", "Antai"),
    ("德丰", "Defeng"),
    ("华宇", "Huayu"),
    ("凯利", "Kaili"),
];
/// What a Chinese company of each industry calls itself, in Chinese and in
/// English.
const CN_WORDS: [[(&str, &str); 3]; 8] = [
    [
        ("机电", "Electromechanical"),
        ("机械", "Machinery"),
        ("精密机械", "Precision Machinery"),
    ],
    [
        ("电子", "Electronics"),
        ("电子科技", "Electronic Technology"),
        ("光电", "Optoelectronics"),
    ],
    [
        ("化工", "Chemical"),
        ("新材料", "New Materials"),
        ("精细化工", "Fine Chemicals"),
    ],
    [
        ("纺织", "Textile"),
        ("服饰", "Apparel"),
        ("织造", "Weaving"),
    ],
    [
        ("建设工程", "Construction Engineering"),
        ("建材", "Building Materials"),
        ("建筑安装", "Building Installation"),
    ],
    [
        ("商贸", "Commerce"),
        ("贸易", "Trading"),
        ("百货", "Department Store"),
    ],
    [
        ("汽车零部件", "Auto Parts"),
        ("汽配", "Auto Accessories"),
        ("车辆部件", "Vehicle Components"),
    ],
    [
        ("食品", "Food"),
        ("粮油", "Grain & Oil"),
        ("饮品", "Beverage"),
    ],
];

const DE_NAMES: [&str; 20] = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Hartmann",
    "Krüger",
];
const DE_WORDS: [&str; 8] = [
    "Maschinenbau",
    "Elektronik",
    "Chemie",
    "Textil",
    "Bau",
    "Handel",
    "Fahrzeugtechnik",
    "Lebensmittel",
];
const DE_FORMS: [&str; 3] = ["GmbH", "GmbH & Co. KG", "AG"];

const FR_NAMES: [&str; 16] = [
    "Dupont",
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Girard",
    "Roux",
    "Fournier",
    "Mercier",
    "Blanc",
    "Garnier",
    "Faure",
    "Rousseau",
    "Chevalier",
];
const FR_WORDS: [&str; 8] = [
    "Mécanique",
    "Électronique",
    "Chimie",
    "Textiles",
    "Construction",
    "Distribution",
    "Équipements Auto",
    "Alimentaire",
];
const FR_FORMS: [&str; 2] = ["SAS", "SARL"];

const GB_NAMES: [&str; 14] = [
    "Hartley",
    "Whitmore",
    "Ashford",
    "Blackwood",
    "Carrington",
    "Fairfax",
    "Pembroke",
    "Thornton",
    "Kingsley",
    "Waverley",
    "Harrington",
    "Bradshaw",
    "Langford",
    "Marlow",
];
const GB_WORDS: [&str; 8] = [
    "Engineering",
    "Electronics",
    "Chemicals",
    "Textiles",
    "Construction",
    "Retail",
    "Automotive",
    "Foods",
];

const US_NAMES: [&str; 14] = [
    "Summit",
    "Blue Ridge",
    "Lakeshore",
    "Pioneer",
    "Redwood",
    "Keystone",
    "Liberty",
    "Silver Creek",
    "Granite",
    "Evergreen",
    "Cascade",
    "Prairie",
    "Atlantic",
    "Bay Area",
];
const US_WORDS: [&str; 8] = [
    "Machinery",
    "Electronics",
    "Chemical",
    "Textiles",
    "Builders",
    "Retail",
    "Auto Parts",
    "Foods",
];
const US_FORMS: [&str; 3] = ["Inc", "LLC", "Corp"];

const JP_NAMES: [&str; 11] = [
    "Yamada",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Nakamura",
    "Kobayashi",
    "Sato",
    "Kato",
    "Matsumoto",
];
const JP_WORDS: [&str; 8] = [
    "Seiki",
    "Denshi",
    "Kagaku",
    "Seni",
    "Kensetsu",
    "Shoji",
    "Jidosha Buhin",
    "Shokuhin",
];

const KR_NAMES: [&str; 10] = [
    "Hanil", "Daesung", "Samhwa", "Dongbang", "Seoyoung", "Jinwoo", "Taeyang", "Mirae", "Sejin",
    "Hanbit",
];
const KR_WORDS: [&str; 8] = [
    "Machinery",
    "Electronics",
    "Chemical",
    "Textile",
    "Construction",
    "Trading",
    "Auto Parts",
    "Foods",
];

const IT_NAMES: [&str; 13] = [
    "Rossi", "Russo", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca",
];
const IT_WORDS: [&str; 8] = [
    "Meccanica",
    "Elettronica",
    "Chimica",
    "Tessile",
    "Costruzioni",
    "Commerciale",
    "Componenti Auto",
    "Alimentari",
];
const IT_FORMS: [&str; 2] = ["S.r.l.", "S.p.A."];

const NL_NAMES: [&str; 11] = [
    "Van Dijk",
    "De Jong",
    "Jansen",
    "De Vries",
    "Van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "De Boer",
    "Mulder",
];
const NL_WORDS: [&str; 8] = [
    "Techniek",
    "Elektronica",
    "Chemie",
    "Textiel",
    "Bouw",
    "Handel",
    "Autotechniek",
    "Voeding",
];

/// A dispute reason in the demo's language.
fn reason(&(en, zh): &(&str, &str), language: DemoLanguage) -> String {
    match language {
        DemoLanguage::Chinese => zh,
        DemoLanguage::English => en,
    }
    .to_string()
}

/// Dispute reasons, in English and Chinese.
const DISPUTE_REASONS: [(&str, &str); 5] = [
    ("Goods damaged in transit", "货物运输途中损坏"),
    ("Quantity short", "数量短缺"),
    ("Price difference", "价格差异"),
    ("Quality below specification", "质量不符合约定规格"),
    ("Delivered late", "交货延迟"),
];

/// A company's name in Chinese and in English: the same for a foreign
/// company, a Chinese and an English one for a Chinese company (as Chinese
/// companies register both).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
struct Name {
    zh: String,
    en: String,
}

impl Name {
    fn same(name: String) -> Self {
        Name {
            zh: name.clone(),
            en: name,
        }
    }

    fn get(&self, language: DemoLanguage) -> String {
        match language {
            DemoLanguage::Chinese => self.zh.clone(),
            DemoLanguage::English => self.en.clone(),
        }
    }
}

/// A company name fitting the country and industry.
fn company_name(rng: &mut Rng, country: &str, industry: usize) -> Name {
    match country {
        "CN" => {
            let (zh_form, en_form) = if rng.chance(150) {
                ("股份有限公司", "Corp., Ltd.")
            } else {
                ("有限公司", "Co., Ltd.")
            };
            let city = rng.pick(&CN_CITIES);
            let trade = rng.pick(&CN_TRADE);
            let word = rng.pick(&CN_WORDS[industry]);
            Name {
                zh: format!("{}{}{}{zh_form}", city.0, trade.0, word.0),
                en: format!("{} {} {} {en_form}", city.1, trade.1, word.1),
            }
        }
        other => Name::same(foreign_name(rng, other, industry)),
    }
}

/// A foreign company's name, in its own language.
fn foreign_name(rng: &mut Rng, country: &str, industry: usize) -> String {
    match country {
        "DE" => format!(
            "{} {} {}",
            rng.pick(&DE_NAMES),
            DE_WORDS[industry],
            rng.pick(&DE_FORMS)
        ),
        "FR" => format!(
            "{} {} {}",
            rng.pick(&FR_NAMES),
            FR_WORDS[industry],
            rng.pick(&FR_FORMS)
        ),
        "GB" => format!("{} {} Ltd", rng.pick(&GB_NAMES), GB_WORDS[industry]),
        "US" => format!(
            "{} {} {}",
            rng.pick(&US_NAMES),
            US_WORDS[industry],
            rng.pick(&US_FORMS)
        ),
        "JP" => format!("{} {} Co., Ltd.", rng.pick(&JP_NAMES), JP_WORDS[industry]),
        "KR" => format!("{} {} Co., Ltd.", rng.pick(&KR_NAMES), KR_WORDS[industry]),
        "IT" => format!(
            "{} {} {}",
            rng.pick(&IT_NAMES),
            IT_WORDS[industry],
            rng.pick(&IT_FORMS)
        ),
        _ => format!("{} {} B.V.", rng.pick(&NL_NAMES), NL_WORDS[industry]),
    }
}

/// A name not used before: a few tries, then a numbered branch. Names are
/// told apart by their Chinese form, so both languages draw the same
/// numbers and give the same portfolio.
fn unique_name(rng: &mut Rng, used: &mut HashSet<String>, country: &str, industry: usize) -> Name {
    let mut name = company_name(rng, country, industry);
    let mut tries = 0;
    while used.contains(&name.zh) && tries < 8 {
        name = company_name(rng, country, industry);
        tries += 1;
    }
    if used.contains(&name.zh) {
        let base = name;
        let mut n = 2;
        loop {
            name = Name {
                zh: if country == "CN" {
                    format!("{}（{n}）", base.zh)
                } else {
                    format!("{} ({n})", base.zh)
                },
                en: format!("{} ({n})", base.en),
            };
            if !used.contains(&name.zh) {
                break;
            }
            n += 1;
        }
    }
    used.insert(name.zh.clone());
    name
}

/// Rounds to two significant figures, half up.
fn round_two_significant(x: i64) -> i64 {
    let mut p = 1;
    while x / p >= 100 {
        p *= 10;
    }
    (x + p / 2) / p * p
}

// ---------------------------------------------------------------------------
// FX.

/// Foreign currencies of the demo with their central rate and band, in
/// ten-thousandths of a CNY.
const FX: [(Currency, i64, i64, i64); 3] = [
    (Currency::EUR, 78_000, 77_000, 79_000),
    (Currency::USD, 72_000, 71_000, 73_000),
    (Currency::GBP, 91_500, 90_000, 93_000),
];

/// Monthly rates for each of [`FX`], from the first month of the span.
struct FxMonths {
    first_key: i32,
    first_day: NaiveDate,
    /// Per month, the rate of each currency of [`FX`] in 1/10,000 CNY.
    rates: Vec<[i64; 3]>,
}

impl FxMonths {
    fn generate(rng: &mut Rng, start: NaiveDate, end: NaiveDate) -> Self {
        let first_key = month_key(start);
        let n = (month_key(end) - first_key + 1).max(1) as usize;
        let first_day = start.with_day(1).unwrap_or(start);
        let mut cur = [0i64; 3];
        for (c, &(_, mid, _, _)) in cur.iter_mut().zip(FX.iter()) {
            *c = mid + rng.range(-300, 300);
        }
        let mut rates = Vec::with_capacity(n);
        for _ in 0..n {
            rates.push(cur);
            for (c, &(_, _, lo, hi)) in cur.iter_mut().zip(FX.iter()) {
                *c = (*c + rng.range(-250, 250)).clamp(lo, hi);
            }
        }
        FxMonths {
            first_key,
            first_day,
            rates,
        }
    }

    /// The rate of `FX[which]` in force on a day, in 1/10,000 CNY.
    fn rate(&self, which: usize, date: NaiveDate) -> i64 {
        let i = (month_key(date) - self.first_key).clamp(0, self.rates.len() as i32 - 1);
        self.rates[i as usize][which]
    }

    fn insert_into(&self, portfolio: &mut Portfolio) {
        let mut date = self.first_day;
        for month in &self.rates {
            for (&(currency, ..), &r) in FX.iter().zip(month.iter()) {
                // Rates are always above zero, so the insert cannot fail.
                let _ = portfolio.fx.insert(FxRate {
                    currency,
                    date,
                    rate: Decimal::new(r, 4),
                });
            }
            date = date.checked_add_months(Months::new(1)).unwrap_or(date);
        }
    }
}

// ---------------------------------------------------------------------------
// Buyers.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Profile {
    Prompt,
    Average,
    Slow,
    Disputer,
    Defaulter,
    Planted,
}

impl Profile {
    /// Days late a buyer of the profile usually pays, for its limit.
    fn usual_delay(self) -> i64 {
        match self {
            Profile::Prompt => 3,
            Profile::Average | Profile::Disputer | Profile::Defaulter => 8,
            Profile::Slow => 30,
            Profile::Planted => 5,
        }
    }
}

/// Shares of the profiles other than prompt, per mille of the buyers
/// other than the planted one (the rest pay promptly).
const SHARE_DEFAULTER: usize = 15;
const SHARE_DISPUTER: usize = 20;
const SHARE_SLOW: usize = 45;
const SHARE_AVERAGE: usize = 200;

/// The mean invoice in tickets, per mille (see [`amount_cny`]: 0.3–1.4
/// tickets, plus 1–4 more one time in twelve or so).
const MEAN_FACTOR: i64 = 1_050;

/// How a buyer behaves, beyond its [`Customer`] record.
struct Plan {
    profile: Profile,
    currency: Currency,
    /// Index into [`FX`] for a foreign currency.
    fx: Option<usize>,
    cn: bool,
    terms: i32,
    /// Typical invoice in whole CNY.
    ticket: i64,
    count: usize,
    /// Size rank (0 = largest; `usize::MAX` for the planted buyer).
    rank: usize,
    /// The insured share of the credit limit, per mille (`None`: not
    /// insured; 0: the insurer refused the buyer).
    insured_pm: Option<i64>,
    /// Last possible issue day (day number).
    last_issue: i32,
    /// Defaulters: the day from which nothing more is paid.
    default_day: i32,
    /// Chance per mille that a recent invoice is disputed.
    dispute_pm: u64,
}

/// A compact invoice before it is numbered: sorted by issue date, then
/// built into an [`Invoice`].
struct Draft {
    issue: i32,
    buyer: u32,
    /// Days late, for the planted buyer only.
    delay: i32,
    /// Gross in cents of the invoice's currency.
    gross: i64,
    /// Seed of the invoice's own PRNG (payments, dispute).
    seed: u64,
}

/// Weight of a buyer by its size rank (0 = largest).
fn weight(rank: usize) -> u128 {
    1_000_000_000 / (rank as u128 + 5)
}

/// Cents of CNY converted to cents of a foreign currency at a rate in
/// 1/10,000 CNY.
fn to_foreign(cny_cents: i64, rate: i64) -> i64 {
    (cny_cents * 10_000 / rate).max(1)
}

/// An invoice amount in CNY cents for a buyer with this ticket.
fn amount_cny(rng: &mut Rng, ticket: i64) -> i64 {
    let mut factor = rng.range(300, 1400);
    if rng.chance(80) {
        factor += rng.range(1000, 4000);
    }
    let whole = (ticket * factor / 1000).clamp(5_000, 499_999);
    whole * 100 + rng.range(0, 99)
}

/// The planted buyer's schedule: per month back from `end` (1 = latest),
/// the invoice count, the amount factor range (per mille of 60,000 CNY) and
/// the days-late range.
fn planted_month(k: u32) -> (usize, (i64, i64), (i64, i64)) {
    match k {
        1 => (5, (1350, 1500), (70, 80)),
        2 => (5, (1350, 1500), (55, 65)),
        3 => (5, (1350, 1500), (40, 50)),
        4 => (3, (950, 1050), (26, 34)),
        5 => (3, (950, 1050), (14, 20)),
        _ => (3, (950, 1050), (2, 8)),
    }
}

/// Generates the portfolio. The same spec gives the same portfolio, natively
/// and in wasm32: see the module documentation for what it holds.
///
/// Two buyers are over their credit limit on purpose: the planted one (its
/// limit was set on its earlier, smaller volume) and the largest slow payer
/// that owes over 60,000 CNY (its limit was cut to 85 % of what it owes at
/// its last review). Every other limit is at least 1.25 × what the buyer
/// owes at `end`.
///
/// # Example
/// ```
/// use credit_core::demo::{generate, DemoSpec, PLANTED_BUYER_ID};
/// use chrono::NaiveDate;
/// let end = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
/// let p = generate(&DemoSpec::standard(end));
/// assert_eq!(p.customers.len(), 120);
/// assert!(p.validate().is_empty());
/// assert!(p.customer(PLANTED_BUYER_ID).is_some());
/// assert_eq!(p, generate(&DemoSpec::standard(end)));
/// ```
pub fn generate(spec: &DemoSpec) -> Portfolio {
    let mut rng = Rng::new(spec.seed);
    let months = spec.months.max(1);
    let end = spec.end;
    let start = end.checked_sub_months(Months::new(months)).unwrap_or(end);
    let end_ce = ce(end);
    let start_ce = ce(start).min(end_ce - 1);

    let mut portfolio = Portfolio::new(spec.name(), Currency::CNY);
    let fx = FxMonths::generate(&mut rng, start, end);
    fx.insert_into(&mut portfolio);

    // Profiles, shuffled, with the planted buyer at its fixed place.
    let n = spec.buyers;
    let has_planted = n > PLANTED_INDEX;
    let others = n - usize::from(has_planted);
    // A healthy book with a few problems: shares per mille.
    let n_def = if others >= 10 {
        (others * SHARE_DEFAULTER + 500) / 1000
    } else {
        0
    };
    let n_disp = others * SHARE_DISPUTER / 1000;
    let n_slow = others * SHARE_SLOW / 1000;
    let n_avg = others * SHARE_AVERAGE / 1000;
    let mut profiles = Vec::with_capacity(n);
    profiles.extend(std::iter::repeat_n(Profile::Defaulter, n_def));
    profiles.extend(std::iter::repeat_n(Profile::Disputer, n_disp));
    profiles.extend(std::iter::repeat_n(Profile::Slow, n_slow));
    profiles.extend(std::iter::repeat_n(Profile::Average, n_avg));
    profiles.resize(others, Profile::Prompt);
    rng.shuffle(&mut profiles);
    if has_planted {
        profiles.insert(PLANTED_INDEX, Profile::Planted);
    }

    // Size ranks of the other buyers. Key accounts (the largest tenth) are
    // never defaulters, and the five largest are never slow payers: their
    // balances would swamp the concentration figures.
    let mut ranks: Vec<usize> = (0..others).collect();
    rng.shuffle(&mut ranks);
    if has_planted {
        ranks.insert(PLANTED_INDEX, usize::MAX);
    }
    let top_cut = (others / 10).max(1);
    let fits = |profile: Profile, rank: usize| match profile {
        Profile::Defaulter => rank >= top_cut,
        Profile::Slow => rank >= 5,
        _ => true,
    };
    for i in 0..n {
        if !fits(profiles[i], ranks[i]) {
            let j = (1..n).map(|s| (i + s) % n).find(|&j| {
                profiles[j] != Profile::Planted
                    && fits(profiles[i], ranks[j])
                    && fits(profiles[j], ranks[i])
            });
            if let Some(j) = j {
                ranks.swap(i, j);
            }
        }
    }

    // Invoice counts: the planted buyer's schedule, and the rest in
    // proportion to the size weights.
    let planted_count: usize = if has_planted {
        (1..=months).map(|k| planted_month(k).0).sum()
    } else {
        0
    };
    let regular = spec.invoices.saturating_sub(planted_count);
    let total_weight: u128 = (0..others).map(weight).sum();
    let mut counts = vec![0usize; n];
    let mut assigned = 0;
    for i in 0..n {
        if profiles[i] != Profile::Planted && total_weight > 0 {
            counts[i] = (regular as u128 * weight(ranks[i]) / total_weight) as usize;
            assigned += counts[i];
        }
    }
    // The remainder, one each to the largest buyers.
    let mut by_rank: Vec<usize> = (0..n)
        .filter(|&i| profiles[i] != Profile::Planted)
        .collect();
    by_rank.sort_unstable_by_key(|&i| ranks[i]);
    for &i in by_rank.iter().cycle().take(regular - assigned) {
        counts[i] += 1;
    }

    // Customers and their plans.
    let mut used_names = HashSet::with_capacity(n);
    used_names.insert(PLANTED_NAME.0.to_string());
    let mut plans = Vec::with_capacity(n);
    portfolio.customers.reserve(n);
    for i in 0..n {
        let profile = profiles[i];
        let planted = profile == Profile::Planted;
        let country = if planted {
            &COUNTRIES[0]
        } else {
            let mut roll = rng.below(1000);
            let mut found = &COUNTRIES[0];
            for c in &COUNTRIES {
                if roll < c.per_mille {
                    found = c;
                    break;
                }
                roll -= c.per_mille;
            }
            found
        };
        let cn = country.code == "CN";
        let industry = if planted {
            0
        } else {
            rng.index(INDUSTRIES.len())
        };
        let name = if planted {
            Name {
                zh: PLANTED_NAME.0.to_string(),
                en: PLANTED_NAME.1.to_string(),
            }
        } else {
            unique_name(&mut rng, &mut used_names, country.code, industry)
        }
        .get(spec.language);
        let year_founded = rng.range(country.founded.0, country.founded.1) as i32;
        // Key accounts get at most 60 days.
        let key_account = !planted && ranks[i] < top_cut;
        let roll = rng.below(match (key_account, cn) {
            (false, _) => 1000,
            (true, true) => 850,
            (true, false) => 800,
        });
        let terms = if planted {
            30
        } else if cn {
            match roll {
                0..350 => 30,
                350..600 => 45,
                600..850 => 60,
                _ => 90,
            }
        } else {
            match roll {
                0..200 => 30,
                200..400 => 45,
                400..800 => 60,
                _ => 90,
            }
        };
        let quantile = if planted { 0 } else { ranks[i] * 1000 / others };
        let ticket = if planted {
            60_000
        } else {
            (20_000 + 40_000 * (1000 - quantile as i64) / 1000) * rng.range(700, 1300) / 1000
        };
        let default_day = if profile == Profile::Defaulter {
            let back = rng.range(4, 9) as u32;
            end.checked_sub_months(Months::new(back))
                .map_or(end_ce - 30 * back as i32, ce)
                + rng.range(0, 27) as i32
        } else {
            i32::MAX
        };
        let last_issue = if profile == Profile::Defaulter {
            (default_day + rng.range(10, 40) as i32).min(end_ce)
        } else {
            end_ce
        };
        let active_months = if profile == Profile::Defaulter {
            (i64::from(last_issue - start_ce) / 30).max(1)
        } else {
            i64::from(months)
        };
        // The limit covers the buyer's usual exposure with room to spare:
        // a month's sales (at the mean invoice, `MEAN_FACTOR` tickets) for
        // every 30 days of terms, usual delay and a month of headroom, times
        // 1.2–1.5, and at least two typical invoices. The planted buyer's
        // limit was set on its earlier, smaller volume.
        let mean_invoice = if planted {
            ticket
        } else {
            ticket * MEAN_FACTOR / 1000
        };
        let monthly = if planted {
            3 * ticket
        } else {
            counts[i] as i64 * mean_invoice / active_months
        };
        let cover_days = i64::from(terms) + profile.usual_delay() + 30;
        let limit = round_two_significant(
            (monthly * cover_days / 30).max(2 * mean_invoice) * rng.range(1200, 1500) / 1000,
        )
        .max(50_000);
        // The insured share of the limit, per mille, applied once the limit
        // is final (see `fit_limits`).
        let insured_pm = if rng.chance(700) {
            let roll = rng.below(1000);
            Some(if roll < 120 {
                0
            } else if roll < 370 {
                rng.range(400, 800)
            } else {
                1000
            })
        } else {
            None
        };
        let status = match profile {
            Profile::Defaulter if default_day <= end_ce - 183 => CustomerStatus::InLegal,
            Profile::Defaulter => CustomerStatus::OnHold,
            _ => CustomerStatus::Active,
        };
        portfolio.customers.push(Customer {
            id: format!("C{:04}", i + 1),
            name,
            country: country.code.to_string(),
            industry: match spec.language {
                DemoLanguage::Chinese => INDUSTRIES[industry].1,
                DemoLanguage::English => INDUSTRIES[industry].0,
            }
            .to_string(),
            year_founded: Some(year_founded),
            terms_days: terms as u32,
            credit_limit: Some(Decimal::from(limit)),
            insured_limit: None,
            status,
        });
        plans.push(Plan {
            profile,
            currency: country.currency,
            fx: FX.iter().position(|f| f.0 == country.currency),
            cn,
            terms,
            ticket,
            count: counts[i],
            rank: ranks[i],
            insured_pm,
            last_issue,
            default_day,
            dispute_pm: match profile {
                Profile::Disputer => 200,
                Profile::Average | Profile::Slow => 4,
                _ => 0,
            },
        });
    }

    // Drafts: the regular invoices and the planted schedule.
    let mut drafts: Vec<Draft> = Vec::with_capacity(spec.invoices.max(regular + planted_count));
    let draft = |rng: &mut Rng, plan: &Plan, buyer: usize, issue: i32, cny: i64, delay: i32| {
        let gross = match plan.fx {
            Some(which) => to_foreign(cny, fx.rate(which, day(issue))),
            None => cny,
        };
        Draft {
            issue,
            buyer: buyer as u32,
            delay,
            gross,
            seed: rng.next_u64(),
        }
    };
    for (i, plan) in plans.iter().enumerate() {
        let span = i64::from(plan.last_issue - start_ce).max(1);
        for _ in 0..plan.count {
            let issue = start_ce + 1 + rng.below(span as u64) as i32;
            let cny = amount_cny(&mut rng, plan.ticket);
            drafts.push(draft(&mut rng, plan, i, issue, cny, 0));
        }
    }
    if has_planted {
        let plan = &plans[PLANTED_INDEX];
        for k in (1..=months).rev() {
            let lo = end
                .checked_sub_months(Months::new(k))
                .map_or(start_ce, ce)
                .max(start_ce);
            let hi = end
                .checked_sub_months(Months::new(k - 1))
                .map_or(end_ce, ce);
            let len = i64::from(hi - lo).max(1);
            let (count, (f_lo, f_hi), (d_lo, d_hi)) = planted_month(k);
            for j in 0..count as i64 {
                let off = (len * (2 * j + 1) / (2 * count as i64) + rng.range(-2, 2)).clamp(1, len);
                let cny = plan.ticket * rng.range(f_lo, f_hi) / 1000 * 100 + rng.range(0, 99);
                let delay = rng.range(d_lo, d_hi) as i32;
                drafts.push(draft(
                    &mut rng,
                    plan,
                    PLANTED_INDEX,
                    lo + off as i32,
                    cny,
                    delay,
                ));
            }
        }
    }
    crate::sorting::sort_by(&mut drafts, |a, b| a.issue.cmp(&b.issue));

    // Invoices, numbered in issue-date order.
    let width = drafts.len().to_string().len().max(6);
    let mut buyer_of = Vec::with_capacity(drafts.len());
    portfolio.invoices = drafts
        .iter()
        .enumerate()
        .map(|(k, d)| {
            buyer_of.push(d.buyer);
            let plan = &plans[d.buyer as usize];
            build_invoice(
                format!("INV-{:0width$}", k + 1),
                portfolio.customers[d.buyer as usize].id.clone(),
                d,
                plan,
                end_ce,
                spec.language,
            )
        })
        .collect();

    finish(
        &mut rng,
        &mut portfolio.invoices,
        &buyer_of,
        &plans,
        end_ce,
        spec.language,
    );
    fit_limits(&mut portfolio, &plans, &buyer_of, &fx, end);
    portfolio
}

/// Makes the limits fit a healthy book, now that the ledger is known: a
/// buyer's limit is at least 1.25 × what it owes on `end` (rounded up to
/// two significant figures), so no buyer is over its limit or close to it
/// by chance. Two are over on purpose: the planted buyer (its limit was set
/// on its earlier, smaller volume) and the largest slow payer that owes over
/// 60,000 CNY, whose limit was cut to 85 % of what it owes at its last
/// review. Then the insured limits follow the credit limits.
fn fit_limits(
    portfolio: &mut Portfolio,
    plans: &[Plan],
    buyer_of: &[u32],
    fx: &FxMonths,
    end: NaiveDate,
) {
    let mut owed = vec![Decimal::ZERO; plans.len()];
    for (inv, &b) in portfolio.invoices.iter().zip(buyer_of) {
        let open = inv.open_as_of(end);
        if open > Decimal::ZERO {
            let rate = plans[b as usize]
                .fx
                .map_or(Decimal::ONE, |which| Decimal::new(fx.rate(which, end), 4));
            owed[b as usize] += open * rate;
        }
    }
    let whole = |d: Decimal| i64::try_from(d.ceil().mantissa()).unwrap_or(i64::MAX);
    let cut = (0..plans.len())
        .filter(|&i| plans[i].profile == Profile::Slow && owed[i] > Decimal::from(60_000))
        .min_by_key(|&i| plans[i].rank);
    for (i, (c, plan)) in portfolio.customers.iter_mut().zip(plans).enumerate() {
        let formula = c.credit_limit.map_or(0, whole);
        let limit = if plan.profile == Profile::Planted {
            formula
        } else if Some(i) == cut {
            round_two_significant_down(whole(owed[i] * Decimal::new(85, 2))).max(50_000)
        } else {
            formula.max(round_two_significant_up(whole(
                owed[i] * Decimal::new(125, 2),
            )))
        };
        c.credit_limit = Some(Decimal::from(limit));
        c.insured_limit = plan.insured_pm.map(|pm| {
            Decimal::from(match pm {
                0 => 0,
                1000 => limit,
                pm => round_two_significant(limit * pm / 1000),
            })
        });
    }
}

/// Rounds up to two significant figures.
fn round_two_significant_up(x: i64) -> i64 {
    let mut p = 1;
    while x / p >= 100 {
        p *= 10;
    }
    (x + p - 1) / p * p
}

/// Rounds down to two significant figures.
fn round_two_significant_down(x: i64) -> i64 {
    let mut p = 1;
    while x / p >= 100 {
        p *= 10;
    }
    x / p * p
}

/// Builds one invoice from its draft with its own PRNG.
fn build_invoice(
    id: String,
    customer_id: String,
    d: &Draft,
    plan: &Plan,
    end_ce: i32,
    language: DemoLanguage,
) -> Invoice {
    let mut r = Rng::new(d.seed);
    let due = d.issue + plan.terms;
    let gross = d.gross;
    let mut payments = Vec::new();
    let mut dispute = None;
    if plan.dispute_pm > 0
        && d.issue <= end_ce
        && d.issue > end_ce - 180
        && r.chance(plan.dispute_pm)
    {
        let raised = d.issue + r.range(5, 40) as i32;
        if raised <= end_ce {
            dispute = Some(Dispute {
                date: day(raised),
                reason: reason(r.pick(&DISPUTE_REASONS), language),
            });
        }
    }
    if dispute.is_none() {
        let delay = match plan.profile {
            Profile::Prompt => {
                if r.chance(200) {
                    -r.range(1, 7)
                } else {
                    r.range(0, 5)
                }
            }
            Profile::Average | Profile::Disputer | Profile::Defaulter => r.range(3, 12),
            Profile::Slow => r.range(15, 45),
            Profile::Planted => i64::from(d.delay),
        } as i32;
        let paid_on = (due + delay).max(d.issue + 1);
        let split = plan.profile != Profile::Planted && r.chance(50);
        if plan.profile != Profile::Defaulter || paid_on < plan.default_day {
            settle(
                &mut payments,
                &mut r,
                gross,
                d.issue,
                paid_on,
                end_ce,
                split,
            );
        } else if d.issue < plan.default_day && r.chance(150) {
            // A last part-payment before the buyer stopped paying.
            let on = (plan.default_day - 1 - r.range(0, 14) as i32).min(end_ce);
            if on > d.issue {
                let part = gross * r.range(20, 40) / 100;
                payments.push(Payment {
                    date: day(on),
                    amount: Decimal::new(part, 2),
                });
            }
        }
    }
    Invoice {
        kind: Default::default(),
        id,
        customer_id,
        issue_date: day(d.issue),
        due_date: day(due),
        currency: plan.currency,
        gross: Decimal::new(gross, 2),
        vat: plan.cn.then(|| Decimal::new((gross * 13 + 56) / 113, 2)),
        payments,
        dispute,
    }
}

/// Pays `gross` cents on `paid_on`, or in two parts ending then; only the
/// payments dated on or before `end_ce` exist.
fn settle(
    payments: &mut Vec<Payment>,
    r: &mut Rng,
    gross: i64,
    issue: i32,
    paid_on: i32,
    end_ce: i32,
    split: bool,
) {
    let mut rest = gross;
    if split {
        let first = gross * r.range(30, 70) / 100;
        let on = (paid_on - r.range(7, 30) as i32).max(issue + 1);
        if on <= end_ce && first > 0 {
            payments.push(Payment {
                date: day(on),
                amount: Decimal::new(first, 2),
            });
        }
        rest -= first;
    }
    if paid_on <= end_ce {
        payments.push(Payment {
            date: day(paid_on),
            amount: Decimal::new(rest, 2),
        });
    }
}

/// Guarantees a disputed invoice and plants a couple of overpayments.
fn finish(
    rng: &mut Rng,
    invoices: &mut [Invoice],
    buyer_of: &[u32],
    plans: &[Plan],
    end_ce: i32,
    language: DemoLanguage,
) {
    let len = invoices.len();
    if len == 0 {
        return;
    }
    let ordinary = |b: u32| {
        matches!(
            plans[b as usize].profile,
            Profile::Prompt | Profile::Average | Profile::Slow | Profile::Disputer
        )
    };
    if !invoices.iter().any(|inv| inv.dispute.is_some()) {
        for _ in 0..10_000 {
            let i = rng.index(len);
            let issue = ce(invoices[i].issue_date);
            if ordinary(buyer_of[i]) && issue > end_ce - 120 && issue <= end_ce - 10 {
                let reason = reason(rng.pick(&DISPUTE_REASONS), language);
                let inv = &mut invoices[i];
                inv.payments.clear();
                inv.dispute = Some(Dispute {
                    date: day(issue + 7),
                    reason,
                });
                break;
            }
        }
    }
    let target = (len / 1500).max(2);
    let mut made = 0;
    for _ in 0..target * 1000 {
        if made == target {
            break;
        }
        let i = rng.index(len);
        let inv = &mut invoices[i];
        if ordinary(buyer_of[i])
            && inv.dispute.is_none()
            && inv.payments.len() == 1
            && inv.payments[0].amount == inv.gross
        {
            inv.payments[0].amount += Decimal::new(rng.range(100, 20_000), 2);
            made += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn end() -> NaiveDate {
        d(2026, 3, 31)
    }

    fn days_late(inv: &Invoice, p: &Payment) -> i64 {
        (p.date - inv.due_date).num_days().max(0)
    }

    #[test]
    fn same_spec_same_portfolio_other_seed_other_portfolio() {
        let spec = DemoSpec::standard(end());
        let a = generate(&spec);
        let b = generate(&spec);
        assert_eq!(a, b);
        let c = generate(&DemoSpec { seed: 7, ..spec });
        assert_ne!(a, c);
    }

    #[test]
    fn standard_demo_has_every_case() {
        let end = end();
        let p = generate(&DemoSpec::standard(end));
        assert_eq!(p.customers.len(), 120);
        assert!(
            (2850..=3150).contains(&p.invoices.len()),
            "{} invoices",
            p.invoices.len()
        );
        assert!(p.validate().is_empty(), "{:?}", p.validate());
        let currencies: HashSet<Currency> = p.invoices.iter().map(|i| i.currency).collect();
        assert!(currencies.len() >= 3, "{currencies:?}");
        assert!(p.invoices.iter().any(|i| i.dispute.is_some()));
        assert!(p.invoices.iter().all(|i| i.issue_date <= end));
        assert!(p.invoices.iter().any(|i| i.paid_as_of(end) > i.gross));
        assert!(p
            .invoices
            .iter()
            .all(|i| i.payments.iter().all(|pay| pay.date <= end)));
        // Every invoice has a rate on its issue date and on `end`.
        for inv in &p.invoices {
            assert!(p.fx.rate(inv.currency, inv.issue_date).is_ok());
            assert!(p.fx.rate(inv.currency, end).is_ok());
            assert_eq!(inv.due_date - inv.issue_date, {
                let c = p.customer(&inv.customer_id).unwrap();
                chrono::TimeDelta::days(i64::from(c.terms_days))
            });
        }
        // Some open, not yet due; some 91+ overdue (defaulters).
        assert!(p.invoices.iter().any(|i| i.open_as_of(end) > Decimal::ZERO
            && i.due_date >= end
            && i.issue_date <= end));
        assert!(p
            .invoices
            .iter()
            .any(|i| i.open_as_of(end) > Decimal::ZERO && i.days_past_due(end) > 90));
        assert!(p
            .customers
            .iter()
            .any(|c| matches!(c.status, CustomerStatus::InLegal | CustomerStatus::OnHold)));
        // Part payments exist.
        assert!(p.invoices.iter().any(|i| i.payments.len() == 2));
        // Ids are numbered in order.
        assert_eq!(p.invoices[0].id, "INV-000001");
        assert!(p
            .invoices
            .windows(2)
            .all(|w| w[0].issue_date <= w[1].issue_date));
    }

    #[test]
    fn standard_demo_concentration_is_moderate() {
        let end = end();
        let p = generate(&DemoSpec::standard(end));
        let mut sales: HashMap<&str, Decimal> = HashMap::new();
        let mut ar: HashMap<&str, Decimal> = HashMap::new();
        for inv in p.invoices.iter().filter(|i| i.issue_date <= end) {
            let rate = p.fx.rate(inv.currency, end).unwrap();
            *sales.entry(inv.customer_id.as_str()).or_default() += inv.gross * rate;
            let open = inv.open_as_of(end).max(Decimal::ZERO);
            *ar.entry(inv.customer_id.as_str()).or_default() += open * rate;
        }
        for (what, map) in [("sales", &sales), ("AR", &ar)] {
            let mut v: Vec<Decimal> = map.values().copied().collect();
            crate::sorting::sort_by(&mut v, |a, b| b.cmp(a));
            let total: Decimal = v.iter().sum();
            let top1 = v[0] / total;
            let top10 = v.iter().take(10).sum::<Decimal>() / total;
            assert!(
                top1 >= Decimal::new(4, 2) && top1 <= Decimal::new(16, 2),
                "{what} top-1 {top1}"
            );
            assert!(
                top10 >= Decimal::new(28, 2) && top10 <= Decimal::new(52, 2),
                "{what} top-10 {top10}"
            );
        }
    }

    /// Sales in the last 3 months against the prior 9 months' monthly
    /// average, and the amount-weighted days late of payments received in
    /// each window.
    fn planted_signal(p: &Portfolio, end: NaiveDate) -> (Decimal, Decimal, Decimal) {
        let m3 = end.checked_sub_months(Months::new(3)).unwrap();
        let m12 = end.checked_sub_months(Months::new(12)).unwrap();
        let mut recent = Decimal::ZERO;
        let mut prior = Decimal::ZERO;
        let (mut late_recent, mut amount_recent) = (Decimal::ZERO, Decimal::ZERO);
        let (mut late_prior, mut amount_prior) = (Decimal::ZERO, Decimal::ZERO);
        for inv in p
            .invoices
            .iter()
            .filter(|i| i.customer_id == PLANTED_BUYER_ID)
        {
            if inv.issue_date > m3 && inv.issue_date <= end {
                recent += inv.gross;
            } else if inv.issue_date > m12 && inv.issue_date <= m3 {
                prior += inv.gross;
            }
            for pay in &inv.payments {
                let late = Decimal::from(days_late(inv, pay)) * pay.amount;
                if pay.date > m3 && pay.date <= end {
                    late_recent += late;
                    amount_recent += pay.amount;
                } else if pay.date > m12 && pay.date <= m3 {
                    late_prior += late;
                    amount_prior += pay.amount;
                }
            }
        }
        let ratio = recent / (prior / Decimal::from(9));
        (
            ratio,
            late_prior / amount_prior,
            late_recent / amount_recent,
        )
    }

    #[test]
    fn planted_buyer_buys_more_and_pays_later() {
        for (seed, end) in [(2026, end()), (1, d(2025, 11, 15)), (99, d(2026, 2, 28))] {
            let p = generate(&DemoSpec {
                seed,
                ..DemoSpec::standard(end)
            });
            let c = p.customer(PLANTED_BUYER_ID).unwrap();
            assert_eq!(c.country, "CN");
            assert_eq!(c.status, CustomerStatus::Active);
            let (ratio, before, after) = planted_signal(&p, end);
            assert!(ratio >= Decimal::new(15, 1), "seed {seed}: ratio {ratio}");
            assert!(
                after - before >= Decimal::from(10),
                "seed {seed}: delay {before} -> {after}"
            );
            // Its newest invoices are open and overdue.
            assert!(p.invoices.iter().any(|i| i.customer_id == PLANTED_BUYER_ID
                && i.open_as_of(end) > Decimal::ZERO
                && i.due_date < end));
        }
    }

    #[test]
    fn a_prompt_payer_pays_within_five_days() {
        let end = end();
        let p = generate(&DemoSpec::standard(end));
        let mut by_customer: HashMap<&str, (i64, i64)> = HashMap::new();
        for inv in &p.invoices {
            for pay in &inv.payments {
                let e = by_customer.entry(inv.customer_id.as_str()).or_default();
                e.0 += days_late(inv, pay);
                e.1 += 1;
            }
        }
        let prompt = by_customer
            .iter()
            .filter(|(_, &(_, n))| n >= 5)
            .filter(|(_, &(late, n))| late <= 5 * n)
            .count();
        assert!(prompt >= 10, "{prompt} prompt payers");
    }

    #[test]
    fn small_and_odd_specs_still_validate() {
        for (buyers, invoices, months) in [(0, 0, 18), (3, 10, 1), (7, 5, 0), (30, 400, 6)] {
            let spec = DemoSpec {
                seed: 5,
                end: end(),
                buyers,
                invoices,
                months,
                language: DemoLanguage::English,
            };
            let p = generate(&spec);
            assert_eq!(p.customers.len(), buyers);
            assert!(p.validate().is_empty());
            assert!(p
                .invoices
                .iter()
                .all(|i| i.payments.iter().all(|pay| pay.date <= end())));
        }
    }

    #[test]
    fn large_demo_is_exact_and_valid() {
        let spec = DemoSpec::large(end(), 2_000, 100_000);
        let p = generate(&spec);
        assert_eq!(p.customers.len(), 2_000);
        assert_eq!(p.invoices.len(), 100_000);
        assert!(p.validate().is_empty());
    }

    #[test]
    fn both_languages_give_the_same_book_in_their_own_words() {
        let spec = DemoSpec::standard(end());
        let zh = generate(&spec);
        let en = generate(&spec.in_language(DemoLanguage::English));
        assert_eq!(zh.name, "演示组合（种子 2026）");
        assert_eq!(en.name, "Demo portfolio (seed 2026)");
        assert_eq!(zh.invoices.len(), en.invoices.len());
        for (a, b) in zh.invoices.iter().zip(&en.invoices) {
            assert_eq!(
                (
                    a.id.as_str(),
                    &a.customer_id,
                    a.issue_date,
                    a.gross,
                    &a.payments
                ),
                (
                    b.id.as_str(),
                    &b.customer_id,
                    b.issue_date,
                    b.gross,
                    &b.payments
                )
            );
            assert_eq!(a.dispute.is_some(), b.dispute.is_some());
            if let (Some(x), Some(y)) = (&a.dispute, &b.dispute) {
                assert!(x.reason.chars().any(|c| c > '\u{3000}'), "{}", x.reason);
                assert!(y.reason.is_ascii(), "{}", y.reason);
            }
        }
        let zh_industries: HashSet<&str> = INDUSTRIES.iter().map(|i| i.1).collect();
        let en_industries: HashSet<&str> = INDUSTRIES.iter().map(|i| i.0).collect();
        for (a, b) in zh.customers.iter().zip(&en.customers) {
            assert_eq!(
                (&a.id, a.credit_limit, a.insured_limit, a.terms_days),
                (&b.id, b.credit_limit, b.insured_limit, b.terms_days)
            );
            assert!(
                zh_industries.contains(a.industry.as_str()),
                "{}",
                a.industry
            );
            assert!(
                en_industries.contains(b.industry.as_str()),
                "{}",
                b.industry
            );
            if a.country == "CN" {
                // A Chinese name in Chinese, its English name in English.
                assert!(
                    a.name.ends_with("公司") || a.name.ends_with('）'),
                    "{}",
                    a.name
                );
                assert!(b.name.contains("Ltd."), "{}", b.name);
                assert!(b.name.is_ascii(), "{}", b.name);
            } else {
                assert_eq!(a.name, b.name);
            }
        }
        let names: HashSet<&str> = en.customers.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), en.customers.len(), "English names are unique");
    }

    /// What the app shows as alerts: the rules with the buyers' computed
    /// grades.
    fn alerts(p: &Portfolio, as_of: NaiveDate) -> Vec<crate::monitor::Alert> {
        use crate::monitor::{evaluate, BuyerContext, MonitorSettings};
        let ix = crate::index::LedgerIndex::new(p);
        let card = crate::assessment::Scorecard::default();
        let ratings = crate::rating::ratings(p, &ix, &HashMap::new(), as_of, &card).unwrap();
        let ctx: HashMap<String, BuyerContext> = ratings
            .into_iter()
            .map(|(id, r)| {
                let c = BuyerContext {
                    grade: r.grade,
                    previous_grade: r.previous,
                    ..Default::default()
                };
                (id, c)
            })
            .collect();
        evaluate(p, &ix, as_of, &ctx, &MonitorSettings::default()).unwrap()
    }

    #[test]
    fn standard_demo_is_a_healthy_book_with_a_few_problems() {
        use crate::monitor::{Rule, Severity};
        for end in [d(2026, 3, 31), d(2026, 12, 3), d(2027, 8, 15)] {
            let p = generate(&DemoSpec::standard(end));
            let all = alerts(&p, end);
            let critical = all
                .iter()
                .filter(|a| a.severity == Severity::Critical)
                .count();
            assert!((3..=16).contains(&all.len()), "{end}: {} alerts", all.len());
            assert!(critical <= 6, "{end}: {critical} critical alerts");
            let over: Vec<&str> = all
                .iter()
                .filter(|a| a.rule == Rule::OverLimit)
                .map(|a| a.customer_id.as_str())
                .collect();
            assert_eq!(over.len(), 2, "{end}: over limit {over:?}");
            assert!(over.contains(&PLANTED_BUYER_ID), "{end}: {over:?}");
            assert!(
                all.iter()
                    .any(|a| a.customer_id == PLANTED_BUYER_ID
                        && a.rule == Rule::VolumeUpPayingSlower),
                "{end}: the planted buyer is found"
            );
            // The problems a controller should find are there.
            assert!(all.iter().any(|a| a.rule == Rule::PastDunningStep));
            assert!(
                p.customers
                    .iter()
                    .any(|c| c.status == CustomerStatus::InLegal
                        || c.status == CustomerStatus::OnHold)
            );
            assert!(p.invoices.iter().all(|i| i.issue_date <= end));
        }
    }

    #[test]
    fn prng_is_splitmix64() {
        // Reference values of SplitMix64 seeded with 0.
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
