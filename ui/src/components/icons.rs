//! Inline SVG icons: nothing is fetched, and they take the text colour.

use yew::prelude::*;

/// The app mark used in the header and on the sign-in screens.
pub fn app_mark() -> Html {
    html! {
        <svg class="app-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect x="1" y="1" width="30" height="30" rx="7" class="app-mark-tile" />
            <path d="M10 8v16M22 8v16M10 16h12" class="app-mark-letter" />
        </svg>
    }
}

/// A small line icon drawn with one path in the text colour.
fn stroke_icon(size: &'static str, path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
            <path d={path} fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
    }
}

pub fn check() -> Html {
    stroke_icon("14", "M3 8.5l3 3 7-7")
}

pub fn cross() -> Html {
    stroke_icon("14", "M4 4l8 8M12 4l-8 8")
}

pub fn dot() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="8" r="3" fill="currentColor" />
        </svg>
    }
}

pub fn chevron_down() -> Html {
    stroke_icon("12", "M3 6l5 5 5-5")
}

/// The Delete icon (a bin).
pub fn trash() -> Html {
    stroke_icon("16", "M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 8.5h5.6l.7-8.5M7 7v4M9 7v4")
}

pub fn pencil() -> Html {
    stroke_icon("16", "M11 2.5l2.5 2.5L6 12.5H3.5V10z")
}

pub fn plus() -> Html {
    stroke_icon("14", "M8 3v10M3 8h10")
}

/// A task: a checklist.
pub fn checklist() -> Html {
    stroke_icon("16", "M2 4l1.5 1.5L6 3M2 11l1.5 1.5L6 10M8 4.5h6M8 11.5h6")
}

/// Export to Excel: a sheet with a grid.
pub fn spreadsheet() -> Html {
    stroke_icon("14", "M2.5 2.5h11v11h-11zM2.5 6h11M2.5 9.5h11M6.5 2.5v11")
}

/// A printer: the print window (SPEC EX-2).
pub fn printer() -> Html {
    stroke_icon("14", "M4 6V2h8v4M4 12H2V6h12v6h-2M4 9h8v5H4z")
}
