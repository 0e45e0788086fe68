//! Demo portfolio (placeholder).
