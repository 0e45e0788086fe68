//! Default country risk on the 1 (lowest) – 7 (highest) scale of the domain
//! brief, by ISO 3166 alpha-2 code.
//!
//! These are starting values for the assessment form, modelled on the OECD
//! country risk classification (whose 0 — high-income OECD members — is
//! shown here as 1); the user overrides them, and they are no substitute
//! for a current rating. Unknown countries get [`UNKNOWN_COUNTRY_RISK`].

/// The default for a country not in the table: the middle of the scale.
pub const UNKNOWN_COUNTRY_RISK: u8 = 4;

const TABLE: &[(&str, u8)] = &[
    ("AT", 1),
    ("AU", 1),
    ("BE", 1),
    ("CA", 1),
    ("CH", 1),
    ("DE", 1),
    ("DK", 1),
    ("ES", 1),
    ("FI", 1),
    ("FR", 1),
    ("GB", 1),
    ("IE", 1),
    ("IT", 1),
    ("JP", 1),
    ("KR", 1),
    ("NL", 1),
    ("NO", 1),
    ("NZ", 1),
    ("PT", 1),
    ("SE", 1),
    ("SG", 1),
    ("US", 1),
    ("HK", 2),
    ("CN", 2),
    ("MY", 2),
    ("SA", 2),
    ("AE", 2),
    ("CL", 2),
    ("IL", 2),
    ("PL", 1),
    ("CZ", 1),
    ("TH", 3),
    ("IN", 3),
    ("ID", 3),
    ("MX", 3),
    ("PH", 3),
    ("VN", 4),
    ("BR", 4),
    ("ZA", 4),
    ("TR", 5),
    ("EG", 5),
    ("NG", 6),
    ("PK", 6),
    ("AR", 7),
    ("RU", 7),
    ("UA", 7),
];

/// The default country risk (1–7) of an ISO alpha-2 code, case-insensitive.
///
/// # Example
/// ```
/// use credit_core::country::{country_risk, UNKNOWN_COUNTRY_RISK};
/// assert_eq!(country_risk("de"), 1);
/// assert_eq!(country_risk("CN"), 2);
/// assert_eq!(country_risk("XX"), UNKNOWN_COUNTRY_RISK);
/// ```
pub fn country_risk(code: &str) -> u8 {
    let code = code.trim().to_ascii_uppercase();
    TABLE
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(UNKNOWN_COUNTRY_RISK, |(_, r)| *r)
}
