//! Small pieces the pages are built from.

pub mod about;
pub mod confirm;
pub mod field;
pub mod form;
pub mod header;
pub mod icons;
pub mod list_table;
pub mod pager;
pub mod password_rules;
pub mod profile_fields;
pub mod requisition_picker;
pub mod search;
pub mod shortcut_sheet;
pub mod tab_button;
pub mod toast;
pub mod toolbar;
