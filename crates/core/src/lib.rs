//! Hiredesk's core: every rule and all persistence, with no knowledge of Tauri or of the UI.
//!
//! The shell (`src-tauri`) holds one [`Hiredesk`] and calls its methods from blocking worker threads; each
//! method takes a connection from the pool, checks the session where one is needed, and does its work in one
//! transaction together with its History entry. Only this crate knows Diesel.
//!
//! Not here: windows, tray, IPC (the shell), rendering (the UI), request/response types (`hiredesk-wire`).

pub mod accounts;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod history;
pub mod intake;
pub mod job_seekers;
pub mod mail;
pub mod notes;
pub mod notices;
pub mod offers;
pub mod organisation;
pub mod requisitions;
pub mod seed;
mod service;
pub mod time;
pub mod validation;

pub use error::{CoreError, CoreResult};
pub use service::{Clock, Hiredesk, HiredeskConfig};
