//! Custom hooks.

pub mod command;
pub mod idle;
pub mod notification_click;
pub mod ready;
