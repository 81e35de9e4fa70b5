// The baseline's finish line: the page's script has run and the form is in the DOM. The time origin goes
// with it, for the benchmark's timeline.
window.__TAURI__.core.invoke("ready", { timeOrigin: performance.timeOrigin });
