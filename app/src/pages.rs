//! One module per route.

pub mod alerts;
pub mod cash;
pub mod customer;
pub mod customers;
pub mod dashboard;
pub mod dunning;
pub mod import;
pub mod insurance;
pub mod invoices;
pub mod meeting;
pub mod not_found;
pub mod portfolios;
pub mod selfcheck;
