//! What the table tests share: reading `tests/data/*.csv`.

/// The data lines of a table file: blank lines and `#` comments skipped.
#[allow(dead_code)] // each test crate uses what it needs
pub fn lines(name: &str) -> Vec<String> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("table file");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The rows of a table, split at every comma.
#[allow(dead_code)]
pub fn rows(name: &str) -> Vec<Vec<String>> {
    lines(name)
        .iter()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

pub mod cash;
pub mod dunning;
pub mod insurance;
pub mod monitor;
