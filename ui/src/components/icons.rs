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

pub fn check() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
    }
}

pub fn cross() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
    }
}

pub fn dot() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="8" r="3" fill="currentColor" />
        </svg>
    }
}

pub fn chevron_down() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
            <path d="M3 6l5 5 5-5" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
    }
}
