//! The keyboard shortcuts (SPEC FS-2): one table says which keys do what, and everything else reads it — the
//! listeners that act on a key, the tooltips that name a button's keys, and the "Keyboard shortcuts" sheet
//! (`?`). A shortcut added here shows up in all three at once.
//!
//! Keys are matched on `KeyboardEvent.code` (the key's place on the keyboard), not on the character it types:
//! on a Mac, Option+N types "˜", and on a German layout the same key may type another letter. The platform's
//! command key is Ctrl, or ⌘ on a Mac, where labels also say ⌘ and ⌥.

use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// What a shortcut does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Action {
    Search,
    ShowShortcuts,
    Home,
    JobSeekers,
    PreviousJobSeeker,
    NextJobSeeker,
    /// The job seeker's tab at this place in the tab bar (1 = Profile … 6 = Communication).
    Tab(u8),
    NewNote,
    Save,
    Send,
}

/// The modifier a shortcut is pressed with.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Modifier {
    /// No modifier, and only outside a text field (where the key would type).
    None,
    /// Ctrl, or ⌘ on a Mac.
    Command,
    /// Alt (⌥ on a Mac).
    Alt,
}

/// Opens the "Keyboard shortcuts" sheet: the workspace provides it, and Help → Keyboard Shortcuts uses it.
#[derive(Clone, PartialEq)]
pub struct SheetOpener(pub Callback<()>);

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut {
    pub action: Action,
    modifier: Modifier,
    /// `KeyboardEvent.code`, e.g. "KeyS", "Digit1", "ArrowLeft".
    code: &'static str,
    /// The key as printed on the keyboard, for labels.
    key: &'static str,
    /// What it does, in the sheet.
    pub description: &'static str,
    /// Where it works, in the sheet.
    pub scope: &'static str,
}

const fn shortcut(
    action: Action,
    modifier: Modifier,
    code: &'static str,
    key: &'static str,
    description: &'static str,
    scope: &'static str,
) -> Shortcut {
    Shortcut { action, modifier, code, key, description, scope }
}

/// Every shortcut, in the order the sheet lists them.
pub const SHORTCUTS: &[Shortcut] = &[
    shortcut(Action::Search, Modifier::Command, "KeyK", "K", "Search everything", "Anywhere"),
    shortcut(Action::ShowShortcuts, Modifier::None, "Slash", "?", "Show these shortcuts", "Anywhere"),
    shortcut(Action::Home, Modifier::Alt, "KeyH", "H", "Go to Home", "Anywhere"),
    shortcut(Action::JobSeekers, Modifier::Alt, "KeyJ", "J", "Go to the job seeker list", "Anywhere"),
    shortcut(Action::Save, Modifier::Command, "KeyS", "S", "Save what you are editing", "Any form"),
    shortcut(Action::PreviousJobSeeker, Modifier::Alt, "ArrowLeft", "←", "Previous job seeker", "A job seeker"),
    shortcut(Action::NextJobSeeker, Modifier::Alt, "ArrowRight", "→", "Next job seeker", "A job seeker"),
    shortcut(Action::Tab(1), Modifier::Alt, "Digit1", "1", "Profile tab", "A job seeker"),
    shortcut(Action::Tab(2), Modifier::Alt, "Digit2", "2", "Forms tab", "A job seeker"),
    shortcut(Action::Tab(3), Modifier::Alt, "Digit3", "3", "History tab", "A job seeker"),
    shortcut(Action::Tab(4), Modifier::Alt, "Digit4", "4", "Notes tab", "A job seeker"),
    shortcut(Action::Tab(5), Modifier::Alt, "Digit5", "5", "Offers tab (at stage Offer)", "A job seeker"),
    shortcut(Action::Tab(6), Modifier::Alt, "Digit6", "6", "Communication tab", "A job seeker"),
    shortcut(Action::NewNote, Modifier::Alt, "KeyN", "N", "New note", "A job seeker"),
    shortcut(Action::Send, Modifier::Command, "Enter", "Enter", "Send the offer", "Offers tab"),
];

/// Whether the app runs on a Mac, where the command key is ⌘.
fn on_mac() -> bool {
    web_sys::window()
        .and_then(|window| window.navigator().user_agent().ok())
        .is_some_and(|agent| agent.contains("Mac OS") || agent.contains("Macintosh"))
}

impl Shortcut {
    /// The keys as the user presses them on this platform: "Ctrl+S", "⌘S", "Alt+1", "⌥1", "?".
    pub fn keys(&self) -> String {
        let mac = on_mac();
        match (self.modifier, mac) {
            (Modifier::None, _) => self.key.to_owned(),
            (Modifier::Command, false) => format!("Ctrl+{}", self.key),
            (Modifier::Command, true) => format!("⌘{}", self.key),
            (Modifier::Alt, false) => format!("Alt+{}", self.key),
            (Modifier::Alt, true) => format!("⌥{}", self.key),
        }
    }

    fn matches(&self, event: &KeyboardEvent) -> bool {
        let command = event.ctrl_key() || event.meta_key();
        let held = match self.modifier {
            // `?` is Shift+/ on most layouts; it is told by the character, and never while typing.
            Modifier::None => {
                return !command && !event.alt_key() && event.key() == self.key && !typing_in(event.target());
            }
            Modifier::Command => command && !event.alt_key(),
            Modifier::Alt => event.alt_key() && !command,
        };
        held && !event.shift_key() && event.code() == self.code
    }
}

/// The shortcut for `action`.
pub fn of(action: Action) -> &'static Shortcut {
    SHORTCUTS.iter().find(|shortcut| shortcut.action == action).unwrap_or(&SHORTCUTS[0])
}

/// A tooltip that names the keys: "Save (Ctrl+S)".
pub fn titled(label: &str, action: Action) -> String {
    format!("{label} ({})", of(action).keys())
}

/// The action `event` asks for, if any. None while a modal dialog is open (a confirmation, the idle warning, a
/// sheet, the search box): no key acts behind it.
pub fn action_of(event: &KeyboardEvent) -> Option<Action> {
    let action = SHORTCUTS.iter().find(|shortcut| shortcut.matches(event)).map(|shortcut| shortcut.action)?;
    (!dialog_open()).then_some(action)
}

/// Whether the key goes to a field the user types in, where a plain key must type and not act.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(element) = target.and_then(|target| target.dyn_into::<HtmlElement>().ok()) else { return false };
    if element.is_content_editable() {
        return true;
    }
    match element.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => {
            let kind = element.get_attribute("type").unwrap_or_default();
            !matches!(kind.as_str(), "checkbox" | "radio" | "button" | "submit" | "reset")
        }
        _ => false,
    }
}

/// Presses the button on screen that `role` names (`data-shortcut="save"` or `"send"`), if one is shown and
/// enabled: Ctrl+S saves whatever form is open, however it saves. Returns whether one was pressed.
pub fn press(role: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return false };
    let Ok(buttons) = document.query_selector_all(&format!("[data-shortcut=\"{role}\"]:not([disabled])")) else {
        return false;
    };
    let shown = (0..buttons.length())
        .filter_map(|index| buttons.get(index))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        // A button on a hidden part of the page has no offset parent.
        .find(|button| button.offset_parent().is_some());
    match shown {
        Some(button) => {
            button.click();
            true
        }
        None => false,
    }
}

/// Calls `on_key` for every key pressed anywhere in the window while the component is on screen. The
/// listener is added once; it calls the closure of the latest render, so `on_key` always sees current state.
#[hook]
pub fn use_document_keys<F>(on_key: F)
where
    F: Fn(&KeyboardEvent) + 'static,
{
    let latest = use_mut_ref(|| None::<Rc<dyn Fn(&KeyboardEvent)>>);
    *latest.borrow_mut() = Some(Rc::new(on_key));
    use_effect_with((), move |()| {
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
            // Taken out first: the handler may render, and a render writes `latest` again.
            let current = latest.borrow().clone();
            if let Some(on_key) = current {
                on_key(&event);
            }
        });
        let document = web_sys::window().and_then(|window| window.document());
        if let Some(document) = &document {
            let _ = document.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = document {
                let _ = document.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
        }
    });
}

/// Whether a modal dialog is open.
fn dialog_open() -> bool {
    let document = web_sys::window().and_then(|window| window.document());
    document.is_some_and(|document| document.query_selector("[aria-modal=\"true\"]").ok().flatten().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_shortcuts_share_keys_and_every_action_has_one() {
        for (index, shortcut) in SHORTCUTS.iter().enumerate() {
            for other in &SHORTCUTS[index + 1..] {
                assert!(
                    (shortcut.modifier, shortcut.code) != (other.modifier, other.code),
                    "{:?} and {:?} have the same keys",
                    shortcut.action,
                    other.action
                );
                assert_ne!(shortcut.action, other.action, "one row per action");
            }
        }
        let tabs = SHORTCUTS.iter().filter(|shortcut| matches!(shortcut.action, Action::Tab(_))).count();
        assert_eq!(tabs, 6, "one for each tab of a job seeker");
        assert_eq!(of(Action::Save).code, "KeyS");
    }
}
