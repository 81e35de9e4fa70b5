//! Everything after sign-in: the header and the view below it (Home, the job seeker list, one job seeker).
//! The list's filter and the detail's open tab live here, so they survive moving between views and
//! between job seekers (the guide's tip: the open tab stays the landing tab).

use super::add_job_seeker::AddJobSeekerPage;
use super::administration::AdministrationPage;
use super::contact::ContactPage;
use super::home::HomePage;
use super::import::ImportPage;
use super::job_seeker::JobSeekerPage;
use super::job_seeker::NoteDraft;
use super::job_seekers::JobSeekersPage;
use super::requisitions::RequisitionsPage;
use super::security::SecurityPage;
use super::settings::SettingsPage;
use crate::app::{Notice, Session};
use crate::components::header::Header;
use crate::hooks::idle::{use_idle_timeout, Idle};
use crate::hooks::notification_click::use_notification_clicks;
use crate::ipc;
use hiredesk_wire::{
    ErrorKind, IpcError, JobSeekerFilter, JobSeekerSort, KeepDraftRequest, KeptDraft, NoticeTab, NoticeTarget,
    OfferedDraft, SignOutRequest, TakeDraftRequest, UserProfile,
};
use yew::prelude::*;

/// The tabs of the job seeker detail that exist so far.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DetailTab {
    Profile,
    Forms,
    History,
    Notes,
    /// Only while an application is at stage Offer; kept as the landing tab while moving through the list.
    Offers,
    Communication,
}

#[derive(Clone, PartialEq)]
pub enum View {
    Home,
    JobSeekers,
    JobSeeker(i32),
    AddJobSeeker,
    Import,
    Requisitions,
    ContactInformation,
    Security(SecurityTab),
    Settings,
    Administration,
}

/// The tabs of Security.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SecurityTab {
    Password,
    Questions,
}

/// The list as the user left it: the detail's Previous/Next walk the same list.
#[derive(Clone, PartialEq, Default)]
pub struct ListState {
    pub filter: JobSeekerFilter,
    pub sort: JobSeekerSort,
    pub page: u32,
}

/// What pages need from the workspace: the session, navigation, and where to send errors.
#[derive(Clone, PartialEq)]
pub struct WorkspaceContext {
    pub session: Session,
    pub navigate: Callback<View>,
    /// Called with any failed command: an ended session goes back to sign-in, anything else is the page's.
    pub session_ended: Callback<IpcError>,
    pub toast: Callback<String>,
    /// Opens a job seeker on a tab (from Home's widgets, a kept draft, a clicked notification).
    pub open_job_seeker: Callback<(i32, DetailTab)>,
}

impl WorkspaceContext {
    /// Sends `failure` to sign-in when the session has ended; otherwise hands it back to the page.
    pub fn check(&self, failure: IpcError) -> Option<IpcError> {
        if failure.kind == ErrorKind::SessionExpired {
            self.session_ended.emit(failure);
            None
        } else {
            Some(failure)
        }
    }

    pub fn token(&self) -> Option<&str> {
        Some(&self.session.token)
    }
}

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub session: Session,
    pub on_signed_out: Callback<Option<Notice>>,
    #[prop_or_default]
    pub on_toast: Callback<String>,
    #[prop_or_default]
    pub remind_questions: bool,
    /// The user's name or settings changed: the header and every list follow.
    #[prop_or_default]
    pub on_profile: Callback<UserProfile>,
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    // Until all three security questions are set, Security Questions opens on sign-in as a reminder.
    let reminder = use_state(|| props.remind_questions);
    let view = use_state(|| if props.remind_questions { View::Security(SecurityTab::Questions) } else { View::Home });
    let list = use_state(|| ListState { page: 1, ..ListState::default() });
    let tab = use_state(|| DetailTab::Profile);
    let note_draft = use_state(|| None::<NoteDraft>);
    let offered = use_state(|| None::<OfferedDraft>);
    // A note kept at the last idle sign-out is offered back.
    {
        let (offered, token) = (offered.clone(), props.session.token.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(Some(draft)) = ipc::call(Some(&token), &TakeDraftRequest {}).await {
                    offered.set(Some(draft));
                }
            });
        });
    }

    let on_idle = {
        let (token, on_signed_out, minutes) =
            (props.session.token.clone(), props.on_signed_out.clone(), props.session.idle_minutes);
        Callback::from(move |()| {
            let (token, on_signed_out) = (token.clone(), on_signed_out.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = ipc::call(Some(&token), &SignOutRequest {}).await;
                on_signed_out.emit(Some(Notice::text(format!(
                    "You were signed out after {minutes} minutes without activity. Please sign in again."
                ))));
            });
        })
    };
    let (idle, stay) = use_idle_timeout(props.session.token.clone(), props.session.idle_minutes, on_idle);
    // At the warning, an unsaved note goes to the backend, to be offered back after the next sign-in; if the
    // user stays, it is forgotten there again.
    {
        let (note_draft, token) = (note_draft.clone(), props.session.token.clone());
        let kept_one = use_mut_ref(|| false);
        use_effect_with(matches!(idle, Idle::Warning(_)), move |warned| {
            let request = if *warned {
                (*note_draft).clone().map(|draft| KeptDraft {
                    job_seeker_id: draft.job_seeker_id,
                    application_id: draft.application_id,
                    note_id: draft.id,
                    text: draft.text,
                    is_task: draft.is_task,
                    due_date: draft.due_date,
                })
            } else {
                None
            };
            // Forget a kept draft only when the user stayed after a warning that kept one.
            let send = request.is_some() || *kept_one.borrow();
            *kept_one.borrow_mut() = request.is_some();
            if send {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = ipc::call(Some(&token), &KeepDraftRequest(request)).await;
                });
            }
        });
    }
    let on_logout = {
        let (token, on_signed_out) = (props.session.token.clone(), props.on_signed_out.clone());
        Callback::from(move |()| {
            let (token, on_signed_out) = (token.clone(), on_signed_out.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Whatever the answer (even an already-ended session), the user leaves for the sign-in screen.
                let _ = ipc::call(Some(&token), &SignOutRequest {}).await;
                on_signed_out.emit(Some(Notice::text("You have signed out.")));
            });
        })
    };
    let context = WorkspaceContext {
        session: props.session.clone(),
        navigate: {
            let (view, reminder) = (view.clone(), reminder.clone());
            Callback::from(move |next: View| {
                reminder.set(false);
                view.set(next);
            })
        },
        session_ended: {
            let on_signed_out = props.on_signed_out.clone();
            Callback::from(move |failure: IpcError| on_signed_out.emit(Some(Notice::text(failure.message))))
        },
        toast: props.on_toast.clone(),
        open_job_seeker: {
            let (view, tab, reminder) = (view.clone(), tab.clone(), reminder.clone());
            Callback::from(move |(id, on): (i32, DetailTab)| {
                reminder.set(false);
                tab.set(on);
                view.set(View::JobSeeker(id));
            })
        },
    };
    {
        let open_job_seeker = context.open_job_seeker.clone();
        use_notification_clicks(
            props.session.token.clone(),
            Callback::from(move |target: NoticeTarget| {
                let tab = match target.tab {
                    NoticeTab::Profile => DetailTab::Profile,
                    NoticeTab::Notes => DetailTab::Notes,
                    NoticeTab::Offers => DetailTab::Offers,
                };
                open_job_seeker.emit((target.job_seeker_id, tab));
            }),
        );
    }
    let on_list_change = {
        let list = list.clone();
        Callback::from(move |next: ListState| list.set(next))
    };
    let on_tab = {
        let tab = tab.clone();
        Callback::from(move |next: DetailTab| tab.set(next))
    };
    let navigate = |target: View| {
        let navigate = context.navigate.clone();
        Callback::from(move |()| navigate.emit(target.clone()))
    };

    let page = match &*view {
        View::Home => html! { <HomePage context={context.clone()} /> },
        View::JobSeekers => html! {
            <JobSeekersPage context={context.clone()} list={(*list).clone()} on_change={on_list_change} />
        },
        View::JobSeeker(id) => html! {
            <JobSeekerPage context={context.clone()} id={*id} list={(*list).clone()} tab={*tab} {on_tab} note_draft={note_draft.clone()} />
        },
        View::AddJobSeeker => html! { <AddJobSeekerPage context={context.clone()} /> },
        View::Import => html! { <ImportPage context={context.clone()} /> },
        View::Requisitions => html! { <RequisitionsPage context={context.clone()} /> },
        View::ContactInformation => {
            html! { <ContactPage context={context.clone()} on_profile={props.on_profile.clone()} /> }
        }
        View::Security(tab) => {
            let notice = (*reminder)
                .then(|| "Set your three security questions: they let you reset a forgotten password.".to_owned());
            html! { <SecurityPage key={format!("{tab:?}")} context={context.clone()} tab={*tab} {notice} /> }
        }
        View::Administration => html! { <AdministrationPage context={context.clone()} /> },
        View::Settings => html! { <SettingsPage context={context.clone()} on_profile={props.on_profile.clone()} /> },
    };
    html! {
        <div class="app">
            <Header
                user={props.session.user.clone()}
                current={(*view).clone()}
                on_home={navigate(View::Home)}
                on_job_seekers={navigate(View::JobSeekers)}
                on_requisitions={navigate(View::Requisitions)}
                on_account={context.navigate.clone()}
                {on_logout}
            />
            if let Some(offer) = &*offered {
                <div class="notice draft-offer" id="draft-offer" role="status">
                    {format!("You were signed out while writing a note for {}. ", offer.job_seeker)}
                    <button type="button" class="link" id="open-kept-draft" onclick={{
                        let (offered, note_draft, open_job_seeker, offer) = (offered.clone(), note_draft.clone(), context.open_job_seeker.clone(), offer.clone());
                        Callback::from(move |_: MouseEvent| {
                            note_draft.set(Some(NoteDraft {
                                job_seeker_id: offer.draft.job_seeker_id,
                                id: offer.draft.note_id,
                                application_id: offer.draft.application_id,
                                text: offer.draft.text.clone(),
                                is_task: offer.draft.is_task,
                                due_date: offer.draft.due_date.clone(),
                            }));
                            offered.set(None);
                            open_job_seeker.emit((offer.draft.job_seeker_id, DetailTab::Notes));
                        })
                    }}>{"Open the note"}</button>
                    {" · "}
                    <button type="button" class="link" id="discard-kept-draft" onclick={{
                        let offered = offered.clone();
                        Callback::from(move |_: MouseEvent| offered.set(None))
                    }}>{"Discard"}</button>
                </div>
            }
            {page}
            if let Idle::Warning(seconds) = idle {
                <div class="backdrop">
                    <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-message">
                        <h2 id="idle-title">{"Are you still there?"}</h2>
                        <p id="idle-message">{format!("For your security you will be signed out in {seconds} seconds.")}</p>
                        <div class="actions">
                            <button type="button" class="primary" id="stay-signed-in" autofocus=true
                                onclick={Callback::from(move |_: MouseEvent| stay.emit(()))}>{"Stay signed in"}</button>
                        </div>
                    </div>
                </div>
            }
        </div>
    }
}
