//! Small pieces the pages are built from.

pub mod field;
pub mod header;
pub mod icons;
pub mod password_rules;
pub mod toast;
