//! One module per route.

pub mod customers;
pub mod dashboard;
pub mod invoices;
pub mod not_found;
