// Loads the Yew UI. A file of its own (not an inline script) so the CSP can forbid inline scripts.
import init from "./hiredesk_ui.js";

// The start-up timeline's first mark of the page's own (ui/src/perf.rs).
performance.mark("main.js");

init();
