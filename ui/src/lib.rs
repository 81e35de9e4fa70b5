//! Hiredesk's user interface: Yew function components compiled to wasm.
//!
//! The UI talks to the shell only through [`ipc::call`] and the types of `hiredesk-wire`. It holds no
//! business rule: password rules, validation and permissions are checked by the core, and the UI shows what
//! the core answers (field messages, rule checks, the session's state).

mod app;
mod components;
mod hooks;
mod ipc;
mod pages;
mod perf;
mod session;
mod shortcuts;
mod workspace_context;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by `main.js` once the wasm module is loaded: the app, or in the print window
/// (`print.html`) the printable page.
#[wasm_bindgen(start)]
pub fn start() {
    perf::mark("wasm started");
    let path = web_sys::window().and_then(|window| window.location().pathname().ok()).unwrap_or_default();
    if path.ends_with("/print.html") {
        yew::Renderer::<pages::PrintPage>::new().render();
    } else {
        yew::Renderer::<app::App>::new().render();
    }
}
