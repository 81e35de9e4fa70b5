//! Hiredesk's core: every rule and all persistence, with no knowledge of Tauri or of the UI.
//!
//! The shell (`src-tauri`) holds one [`Hiredesk`] and sends it the commands of the table in
//! `hiredesk_wire::for_each_command!` from blocking worker threads. [`Hiredesk::call`] checks the session once
//! and runs the command's handler, which each feature implements beside its rules ([`command::Handle`]); the
//! handler does its work in one transaction together with its History entry. Only this crate knows Diesel.
//!
//! Not here: windows, tray, IPC (the shell), rendering (the UI), request/response types (`hiredesk-wire`).

pub mod accounts;
pub mod command;
pub mod db;
pub mod demo;
mod desk;
mod dispatch;
pub mod error;
pub mod export;
mod first_start;
pub mod history;
pub mod intake;
pub mod job_seekers;
pub mod mail;
pub mod notes;
pub mod notices;
pub mod offers;
pub mod organisation;
#[cfg(test)]
mod properties;
pub mod requisitions;
pub mod search;
pub mod seed;
pub mod signal;
pub mod time;
pub mod validation;
mod watch;
pub mod workers;

pub use command::{Access, Context, Handle, HandlePublic, PublicContext, Wakes};
pub use desk::{Clock, Hiredesk, HiredeskConfig};
pub use error::{CoreError, CoreResult};
