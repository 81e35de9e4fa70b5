//! The print window (SPEC EX-2): one at a time, labelled [`LABEL`], loading `print.html` from the same UI
//! bundle. Its capability (`capabilities/print-window.json`) grants it only `print_view`, `print_export` and
//! the export's progress and Cancel (the table's `print` rows in `hiredesk_wire::for_each_command!`), and
//! those commands answer only to this label, so the window can show and save what it was opened for and
//! nothing else.

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

pub const LABEL: &str = "print";

/// Opens the print window, replacing one already open (it then shows the new data).
pub fn open(app: &tauri::AppHandle, web_view_data: &std::path::Path) -> tauri::Result<()> {
    if let Some(window) = app.get_webview_window(LABEL) {
        window.destroy()?;
    }
    WebviewWindowBuilder::new(app, LABEL, WebviewUrl::App("print.html".into()))
        .title("Hiredesk — Print")
        .inner_size(900.0, 1000.0)
        // The same web view data folder as the main window: one WebKit context, emptied at every start.
        .data_directory(web_view_data.to_path_buf())
        .build()?;
    Ok(())
}
