//! Terms and cash: what an early-payment discount costs, the DSO and cash
//! effect of other terms, payment plans for an overdue balance, the 13-week
//! collections forecast (and how it compared with what came in), and
//! working capital. Amounts are in the portfolio's base currency, converted
//! at the report date's rate; a currency without a rate is an error
//! ([`MoneyError::NoRate`](crate::money::MoneyError::NoRate)), never
//! converted 1:1. Nothing here reads a clock.
//!
//! One concept per file, every item re-exported here
//! (`credit_core::cash::Name`):
//!
//! - `discount`: the cost of skipping an early-payment
//!   discount ([`Discount`], [`discount_cost`]).
//! - `terms`: the DSO and cash effect of other terms ([`terms_effect`]).
//! - `plan`: payment plans for an overdue balance, their state, and the
//!   plan form ([`payment_plan`], [`plan_state`], [`overdue_balance`],
//!   [`PlanForm`]).
//! - `forecast`: the 13-week collections forecast and forecast against
//!   actual ([`forecast`], [`forecast_vs_actual`]).
//! - `working_capital`: WCR, DSO, DIO, DPO, the cycle and the cash ratio
//!   ([`working_capital`], [`WcForm`]).
//! - `error`: [`CashError`] (a discount or a plan the rules refuse) and
//!   [`FormError`] (a field of the cash forms that cannot be read, naming
//!   the [`Field`], the value and the bound).
//!
//! Each file's docs list the choices made where the domain brief is silent.

mod discount;
mod error;
mod forecast;
mod plan;
mod terms;
mod working_capital;

pub use discount::*;
pub use error::*;
pub use forecast::*;
pub use plan::*;
pub use terms::*;
pub use working_capital::*;
