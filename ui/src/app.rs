//! The top of the UI: which screen is showing, the signed-in session (provided to the screens that have one
//! as a [`SessionContext`]), and the success toast.

use crate::components::toast::Toast;
use crate::hooks::command::use_command;
use crate::hooks::team_status::use_team_status;
use crate::pages::{ChangePasswordPage, FirstRunPage, RecoverPage, SignInPage, Workspace};
use crate::session::{Notice, Session, SessionContext, DEMO_NOTICE};
use hiredesk_wire::{AppStatusRequest, IpcError, SignedIn, UserProfile};
use yew::prelude::*;

#[derive(Clone, PartialEq)]
enum Screen {
    Loading,
    Failed(String),
    /// The first start; `joined` once this desktop has joined a team's server that has no users yet, whose
    /// own first start it then is (a fresh page: the solo choices are gone).
    FirstRun {
        joined: bool,
    },
    SignIn(Option<Notice>),
    Recover,
    ChangePassword(Session),
    Home(Session),
}

#[component]
pub fn App() -> Html {
    let screen = use_state(|| Screen::Loading);
    let toast = use_state(|| None::<String>);
    let unreachable = use_team_status().unreachable;

    // Where to start: asked at start, and again once the desktop joined a team's server (whose database may
    // have no users yet). `notice` is shown on the sign-in form when there are users.
    let status = use_command::<AppStatusRequest>();
    let check_status = {
        let screen = screen.clone();
        Callback::from(move |(notice, joined): (Option<Notice>, bool)| {
            let screen = screen.clone();
            status.run_settled(AppStatusRequest {}, move |outcome| match outcome {
                Ok(status) if status.has_users && notice.is_none() && !status.demo_accounts.is_empty() => {
                    screen.set(Screen::SignIn(Some(Notice {
                        text: DEMO_NOTICE.to_owned(),
                        demo_accounts: status.demo_accounts.clone(),
                    })));
                }
                Ok(status) if status.has_users => screen.set(Screen::SignIn(notice.clone())),
                Ok(_) => screen.set(Screen::FirstRun { joined }),
                Err(failure) => screen.set(Screen::Failed(failure.message.clone())),
            });
        })
    };
    {
        let check_status = check_status.clone();
        use_effect_with((), move |_| check_status.emit((None, false)));
    }
    let on_joined = Callback::from(move |notice: Notice| check_status.emit((Some(notice), true)));

    // Signing out takes the last user's toast down with their screen: the next user never sees it.
    let to_sign_in = {
        let (screen, toast) = (screen.clone(), toast.clone());
        Callback::from(move |notice: Option<Notice>| {
            toast.set(None);
            screen.set(Screen::SignIn(notice));
        })
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
    let on_toast_done = {
        let toast = toast.clone();
        Callback::from(move |_| toast.set(None))
    };

    let page = match (*screen).clone() {
        Screen::Loading => html! { <main class="centered" aria-busy="true"><p>{"Starting Hiredesk…"}</p></main> },
        Screen::Failed(message) => html! {
            <main class="centered"><p class="form-error" role="alert">{message}</p></main>
        },
        Screen::FirstRun { joined } => html! {
            <FirstRunPage key={joined.to_string()} on_done={to_sign_in.clone()} {on_joined} />
        },
        Screen::SignIn(notice) => {
            let screen = screen.clone();
            let on_forgot = Callback::from(move |()| screen.set(Screen::Recover));
            html! { <SignInPage {notice} on_signed_in={on_signed_in.clone()} {on_forgot} /> }
        }
        Screen::Recover => html! { <RecoverPage on_done={to_sign_in.clone()} /> },
        Screen::ChangePassword(session) => {
            let on_changed = {
                let (screen, toast, session) = (screen.clone(), toast.clone(), session.clone());
                Callback::from(move |()| {
                    toast.set(Some("Your password was changed.".to_owned()));
                    screen.set(Screen::Home(session.clone()));
                })
            };
            html! {
                <ContextProvider<SessionContext> context={session_context(&screen, &to_sign_in, session)}>
                    <ChangePasswordPage {on_changed} />
                </ContextProvider<SessionContext>>
            }
        }
        Screen::Home(session) => {
            let toast = toast.clone();
            let on_toast = Callback::from(move |message: Option<String>| toast.set(message));
            html! {
                <ContextProvider<SessionContext> context={session_context(&screen, &to_sign_in, session)}>
                    <Workspace on_signed_out={to_sign_in.clone()} {on_toast} />
                </ContextProvider<SessionContext>>
            }
        }
    };

    html! {
        <>
            if let Some(reason) = unreachable {
                <div class="team-banner" id="team-banner" role="alert">
                    <strong>{"The team server cannot be reached."}</strong>
                    {" "}{reason}{" "}
                    {"What is on screen stays readable; anything you save waits until the server answers again."}
                </div>
            }
            {page}
            if let Some(message) = (*toast).clone() {
                <Toast {message} on_done={on_toast_done} />
            }
        </>
    }
}

/// The session as the screens after sign-in see it: an ended session goes back to sign-in with the core's
/// message, and a changed profile updates the session that the header and the lists read.
fn session_context(
    screen: &UseStateHandle<Screen>,
    to_sign_in: &Callback<Option<Notice>>,
    session: Session,
) -> SessionContext {
    let ended = {
        let to_sign_in = to_sign_in.clone();
        Callback::from(move |failure: IpcError| to_sign_in.emit(Some(Notice::text(failure.message))))
    };
    let user_changed = {
        let (screen, base) = (screen.clone(), session.clone());
        Callback::from(move |user: UserProfile| {
            screen.set(Screen::Home(Session { user, remind_questions: false, ..base.clone() }));
        })
    };
    SessionContext::new(session, ended, user_changed)
}
