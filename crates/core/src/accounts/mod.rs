//! Users, passwords, sign-in, sessions and lockout (SPEC AC-3, AC-4, AC-6).

pub mod admin;
pub mod notifications;
pub mod password;
pub mod policy;
pub mod questions;
pub mod sessions;
pub mod settings;
pub mod users;

pub use sessions::SignedInUser;
