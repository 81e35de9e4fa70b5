//! Custom hooks.

pub mod idle;
pub mod notification_click;
