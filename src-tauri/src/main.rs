//! The Hiredesk desktop app: everything is in the `hiredesk_shell` library, so that tests can build the same
//! app.

// Release builds on Windows run without a console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    hiredesk_shell::run();
}
