// Loads the Yew UI. A file of its own (not an inline script) so the CSP can forbid inline scripts.
import init from "./hiredesk_ui.js";

// The start-up timeline's first mark of the page's own (ui/src/perf.rs).
performance.mark("main.js");

// The wasm's fetch starts as `init` is called, so first.
const started = init();

// The main window's first question (which screen to start on: `app_status`, whose request is empty) is
// asked here, while the wasm is still fetched and compiled, so that its answer is there by the time the UI
// asks; the UI takes it, once, in place of asking again (`early_answer` in ui/src/ipc.rs). The print window
// (print.html, the same rule as `start` in ui/src/lib.rs) asks no such thing and is not granted it.
if (!location.pathname.endsWith("/print.html")) {
  window.__hiredeskEarly = {
    command: "app_status",
    request: "",
    answer: window.__TAURI__.core.invoke("app_status", { request: "" }),
  };
  performance.mark("app_status asked by main.js");
  // Until the UI takes it, a refusal is nobody's error yet.
  window.__hiredeskEarly.answer.catch(() => {});
}

await started;
