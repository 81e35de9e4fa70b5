//! Small pieces the pages are built from.

pub mod about;
pub mod confirm;
pub mod field;
pub mod header;
pub mod icons;
pub mod password_rules;
pub mod profile_fields;
pub mod toast;
