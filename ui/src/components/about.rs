//! Help in the header: Keyboard Shortcuts (the sheet, which the workspace shows), and About: the version, the
//! data folder and the log file, which the shell reports (`about`), for a recruiter who is asked by their IT
//! person "which version, and where are the files?".

use crate::hooks::focus::{escape_closes, focus, menu_keys, use_focus_when};
use crate::ipc;
use crate::shortcuts::{self, Action, SheetOpener};
use hiredesk_wire::{About, AboutRequest, IpcError};
use yew::prelude::*;

/// The Help button, its menu, and the About dialog it opens.
#[component]
pub fn HelpMenu() -> Html {
    let open = use_state(|| false);
    use_focus_when("menu-about", *open);
    let about = use_state(|| None::<Result<About, IpcError>>);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let show_about = {
        let (open, about) = (open.clone(), about.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            let about = about.clone();
            wasm_bindgen_futures::spawn_local(async move {
                about.set(Some(ipc::call(None, &AboutRequest {}).await));
            });
        })
    };
    let close = {
        let about = about.clone();
        Callback::from(move |()| about.set(None))
    };
    let menu_keys = menu_keys(open.clone(), "help-menu");
    let show_shortcuts = use_context::<SheetOpener>().map(|SheetOpener(opener)| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            // The sheet gives the focus back to what had it when it opened: the Help button, not this item.
            focus("help-menu");
            opener.emit(());
        })
    });
    html! {
        <div class="help-menu">
            <button type="button" id="help-menu" class="help-button" aria-haspopup="menu"
                aria-expanded={open.to_string()} onclick={toggle}>{"Help"}</button>
            if *open {
                <ul class="menu" role="menu" aria-label="Help" onkeydown={menu_keys}>
                    <li role="none">
                        <button type="button" role="menuitem" id="menu-about" onclick={show_about}>
                            {"About Hiredesk"}
                        </button>
                    </li>
                    if let Some(show_shortcuts) = show_shortcuts {
                        <li role="none">
                            <button type="button" role="menuitem" id="menu-shortcuts" onclick={show_shortcuts}>
                                {"Keyboard Shortcuts"}
                                <span class="menu-keys">{shortcuts::of(Action::ShowShortcuts).keys()}</span>
                            </button>
                        </li>
                    }
                </ul>
            }
            if let Some(about) = (*about).clone() {
                <AboutDialog {about} on_close={close} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct AboutDialogProps {
    about: Result<About, IpcError>,
    on_close: Callback<()>,
}

#[component]
fn AboutDialog(props: &AboutDialogProps) -> Html {
    use_focus_when("about-close", true);
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let escape = escape_closes(props.on_close.clone());
    let body = match &props.about {
        Ok(about) => html! {
            <dl class="about-facts">
                <dt>{"Version"}</dt>
                <dd id="about-version">{&about.version}</dd>
                <dt>{"Data folder"}</dt>
                <dd><code id="about-data-folder">{&about.data_folder}</code></dd>
                <dt>{"Log file"}</dt>
                <dd>
                    if let Some(log_file) = &about.log_file {
                        <code id="about-log-file">{log_file}</code>
                    } else {
                        <span id="about-log-file">{"None: Hiredesk could not write a log file."}</span>
                    }
                </dd>
            </dl>
        },
        Err(error) => html! { <p class="form-error" role="alert">{&error.message}</p> },
    };
    html! {
        <div class="backdrop" onkeydown={escape}>
            <div class="dialog" id="about-dialog" role="dialog" aria-modal="true" aria-labelledby="about-title">
                <h2 id="about-title">{"About Hiredesk"}</h2>
                {body}
                <div class="actions">
                    <button type="button" id="about-close" onclick={close}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
