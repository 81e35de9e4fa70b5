// The baseline's finish line: the page's script has run and the form is in the DOM.
window.__TAURI__.core.invoke("ready");
