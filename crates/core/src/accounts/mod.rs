//! Users, passwords, sign-in, sessions and lockout (SPEC AC-3 to AC-8).
//!
//! The layering, lowest first: `password` (hashing) and `policy`; `users` (the row and its preferences);
//! `sessions` (the checked session and who may do what); `lockout` and `password_store`; then the features
//! that use them: `questions` (and Forgot password), `sign_in`, `notification_preferences`, `new_accounts`,
//! `admin` and `settings`. A module uses only modules listed before it.

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
