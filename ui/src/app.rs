//! The top of the UI: which screen is showing, the signed-in session, and the success toast.

use crate::components::toast::Toast;
use crate::ipc;
use crate::pages::{ChangePasswordPage, FirstRunPage, RecoverPage, SignInPage, Workspace};
use hiredesk_wire::{AppStatusRequest, DemoAccount, SignedIn, UserProfile};
use yew::prelude::*;

/// A signed-in user and their opaque session token.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub token: String,
    pub user: UserProfile,
    /// Fewer than three security questions were set at sign-in.
    pub remind_questions: bool,
    /// The organisation's idle period (SPEC AC-6).
    pub idle_minutes: u16,
}

/// What the sign-in screen tells the user on arrival (signed out, session ended, demo accounts, …).
#[derive(Clone, PartialEq, Default)]
pub struct Notice {
    pub text: String,
    pub demo_accounts: Vec<DemoAccount>,
}

/// What the sign-in screen says above the demo accounts.
pub const DEMO_NOTICE: &str =
    "Demo data loaded. Sign in with one of these accounts; you will be asked to choose a new password.";

impl Notice {
    pub fn text(text: impl Into<String>) -> Self {
        Notice { text: text.into(), demo_accounts: Vec::new() }
    }
}

#[derive(Clone, PartialEq)]
enum Screen {
    Loading,
    Failed(String),
    FirstRun,
    SignIn(Option<Notice>),
    Recover,
    ChangePassword(Session),
    Home(Session),
}

#[component]
pub fn App() -> Html {
    let screen = use_state(|| Screen::Loading);
    let toast = use_state(|| None::<String>);

    {
        let screen = screen.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(None, &AppStatusRequest {}).await {
                    Ok(status) if status.has_users && !status.demo_accounts.is_empty() => {
                        screen.set(Screen::SignIn(Some(Notice {
                            text: DEMO_NOTICE.to_owned(),
                            demo_accounts: status.demo_accounts,
                        })));
                    }
                    Ok(status) if status.has_users => screen.set(Screen::SignIn(None)),
                    Ok(_) => screen.set(Screen::FirstRun),
                    Err(error) => screen.set(Screen::Failed(error.message)),
                }
            });
        });
    }

    let to_sign_in = {
        let screen = screen.clone();
        Callback::from(move |notice: Option<Notice>| screen.set(Screen::SignIn(notice)))
    };
    let on_signed_in = {
        let screen = screen.clone();
        Callback::from(move |signed_in: SignedIn| {
            let session = Session {
                token: signed_in.token,
                user: signed_in.user,
                remind_questions: signed_in.security_questions_missing,
                idle_minutes: signed_in.idle_minutes,
            };
            screen.set(if signed_in.must_change_password {
                Screen::ChangePassword(session)
            } else {
                Screen::Home(session)
            });
        })
    };
    let on_password_changed = {
        let (screen, toast) = (screen.clone(), toast.clone());
        Callback::from(move |session: Session| {
            toast.set(Some("Your password was changed.".to_owned()));
            screen.set(Screen::Home(session));
        })
    };
    let on_toast_done = {
        let toast = toast.clone();
        Callback::from(move |_| toast.set(None))
    };

    let page = match (*screen).clone() {
        Screen::Loading => html! { <main class="centered" aria-busy="true"><p>{"Starting Hiredesk…"}</p></main> },
        Screen::Failed(message) => html! {
            <main class="centered"><p class="form-error" role="alert">{message}</p></main>
        },
        Screen::FirstRun => html! { <FirstRunPage on_done={to_sign_in.clone()} /> },
        Screen::SignIn(notice) => {
            let screen = screen.clone();
            let on_forgot = Callback::from(move |()| screen.set(Screen::Recover));
            html! { <SignInPage {notice} on_signed_in={on_signed_in.clone()} {on_forgot} /> }
        }
        Screen::Recover => html! { <RecoverPage on_done={to_sign_in.clone()} /> },
        Screen::ChangePassword(session) => html! {
            <ChangePasswordPage {session} on_changed={on_password_changed} on_session_ended={to_sign_in.clone()} />
        },
        Screen::Home(session) => {
            let toast = toast.clone();
            let on_toast = Callback::from(move |message: String| toast.set(Some(message)));
            let on_profile = {
                let (screen, base) = (screen.clone(), session.clone());
                Callback::from(move |user: UserProfile| {
                    screen.set(Screen::Home(Session { user, remind_questions: false, ..base.clone() }));
                })
            };
            let remind_questions = session.remind_questions;
            html! { <Workspace {session} on_signed_out={to_sign_in} {on_toast} {on_profile} {remind_questions} /> }
        }
    };

    html! {
        <>
            {page}
            if let Some(message) = (*toast).clone() {
                <Toast {message} on_done={on_toast_done} />
            }
        </>
    }
}
