//! Users, passwords, sign-in, sessions and lockout (SPEC AC-3 to AC-8).
//!
//! The layering, lowest first: `password` (hashing) and `policy`; `users` (the row and its preferences);
//! `sessions` (the checked session and who may do what); `lockout` and `password_store`; then the features
//! that use them: `sign_in`, `questions` (and Forgot password), `new_accounts`, `admin`, `settings` and
//! `notification_preferences`. A module uses only modules listed before it.

pub mod admin;
mod lockout;
pub mod new_accounts;
pub mod notification_preferences;
pub mod password;
pub mod password_store;
pub mod policy;
pub mod questions;
pub mod sessions;
pub mod settings;
pub mod sign_in;
pub mod users;

pub use sessions::SignedInUser;
