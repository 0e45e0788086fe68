//! One module per route.

pub mod customer;
pub mod customers;
pub mod dashboard;
pub mod invoices;
pub mod meeting;
pub mod not_found;
pub mod selfcheck;
