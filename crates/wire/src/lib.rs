//! The wire between the Yew UI (wasm) and the Tauri shell (native).
//!
//! This crate holds only serde types: the request and response of every command, the [`Command`] enum that
//! names every command once, and the typed [`IpcError`] every command fails with. It builds for
//! `wasm32-unknown-unknown` and for the host, so the UI and the shell cannot drift apart. It holds no rule:
//! validation, policy and persistence live in `hiredesk-core`.

mod about;
mod account;
mod admin;
mod bytes;
mod command;
pub mod encoded;
mod error;
mod intake;
mod job_seekers;
mod joining;
mod mail;
mod notes;
mod offers;
mod print;
mod questions;
mod search;
mod settings;
mod team;
mod time;

pub use about::*;
pub use account::*;
pub use admin::*;
pub use command::{Command, Handler, Rpc, Window};
pub use error::{ErrorKind, FieldError, IpcError};
pub use intake::*;
pub use job_seekers::*;
pub use joining::*;
pub use mail::*;
pub use notes::*;
pub use offers::*;
pub use print::*;
pub use questions::*;
pub use search::*;
pub use settings::*;
pub use team::*;
pub use time::UsTimeZone;
