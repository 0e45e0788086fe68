//! Pieces shared by the pages.

pub mod ageing_chart;
pub mod ageing_table;
pub mod alerts;
pub mod as_of;
pub mod assessment_form;
pub mod assessment_result;
pub mod delay_chart;
pub mod fx_rates;
pub mod heat_map;
pub mod kpi_cards;
pub mod lang_switch;
pub mod limit_check;
pub mod lock;
pub mod no_portfolio;
pub mod pager;
pub mod settings_form;
pub mod svg;
pub mod trend_chart;
