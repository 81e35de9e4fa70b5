//! End-to-end tests: the real app binary, driven through WebKitWebDriver, each scenario on its own Xvfb
//! display and D-Bus session bus (`desktop.rs`). `cargo xtask test` installs what they need. One file per
//! feature. WebKitWebDriver exists on Linux only, so elsewhere this target is empty.

#![cfg(target_os = "linux")]

mod accessibility;
mod account;
mod admin;
mod desktop;
mod export;
mod harness;
mod intake;
mod job_seekers;
mod keyboard;
mod notes;
mod notifications;
mod offers;
mod search;
mod security;
mod shipping;
mod sign_in;
/// The same real SMTP server the core tests use.
#[allow(dead_code)]
#[path = "../../../crates/core/tests/common/smtp.rs"]
mod smtp;
mod team;
mod team_server;
mod tray;
