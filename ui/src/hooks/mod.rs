//! Custom hooks.

pub mod idle;
