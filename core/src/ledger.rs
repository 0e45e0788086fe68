//! Ledger queries (placeholder).
