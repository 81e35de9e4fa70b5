//! Everything after sign-in: the header and the view below it (Home, the job seeker list, one job seeker,
//! …), the idle timeout with the note it keeps, clicked notifications, and (in team mode) the reload of Home
//! and of the open job seeker when another desktop changed something. The workspace holds the
//! [`WorkspaceContext`] (the view, the detail's open tab, the list, the note being written) and provides it to
//! the pages below.

use super::add_job_seeker::AddJobSeekerPage;
use super::administration::AdministrationPage;
use super::contact::ContactPage;
use super::home::HomePage;
use super::import::ImportPage;
use super::job_seeker::JobSeekerPage;
use super::job_seekers::JobSeekersPage;
use super::requisitions::RequisitionsPage;
use super::security::SecurityPage;
use super::settings::SettingsPage;
use crate::components::header::Header;
use crate::components::shortcut_sheet::ShortcutSheet;
use crate::hooks::command::{use_caller, use_command_with_then};
use crate::hooks::focus::use_focus_when;
use crate::hooks::idle::{use_idle_timeout, Idle};
use crate::hooks::notification_click::use_notification_clicks;
use crate::hooks::team_status::use_team_status;
use crate::session::{Notice, SessionContext};
use crate::shortcuts::{self, use_document_keys, Action, SheetOpener};
use crate::workspace_context::{DetailTab, NoteDraft, View, WorkspaceContext, WorkspaceState};
use hiredesk_wire::{
    KeepDraftRequest, KeptDraft, NoticeTab, NoticeTarget, OfferedDraft, SignOutRequest, TakeDraftRequest,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WorkspaceProps {
    pub on_signed_out: Callback<Option<Notice>>,
    /// Shows a toast, or (`None`) takes it down.
    #[prop_or_default]
    pub on_toast: Callback<Option<String>>,
}

#[component]
pub fn Workspace(props: &WorkspaceProps) -> Html {
    // The workspace is only ever shown with a session; without one there is nothing to show.
    let Some(signed_in) = use_context::<SessionContext>() else { return html! {} };
    let session = &signed_in.session;
    let caller = use_caller();
    let state = use_reducer(|| WorkspaceState::start(session.remind_questions));
    let note_draft = use_state(|| None::<NoteDraft>);
    // A note kept at the last idle sign-out is offered back.
    let offered = use_state(|| None::<OfferedDraft>);
    {
        let offered = offered.clone();
        use_command_with_then(TakeDraftRequest {}, move |kept| {
            if let Some(draft) = kept {
                offered.set(Some(draft.clone()));
            }
        });
    }
    // Signing out ends the session in the core and goes to sign-in with `notice`, whatever the core answers
    // (even that the session had already ended).
    let sign_out = |notice: Notice| {
        let (caller, on_signed_out) = (caller.clone(), props.on_signed_out.clone());
        Callback::from(move |()| {
            let (caller, on_signed_out, notice) = (caller.clone(), on_signed_out.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = caller.call(&SignOutRequest {}).await;
                on_signed_out.emit(Some(notice));
            });
        })
    };
    let minutes = session.idle_minutes;
    let on_idle = sign_out(Notice::text(format!(
        "You were signed out after {minutes} minutes without activity. Please sign in again."
    )));
    let (idle, stay) = use_idle_timeout(session.idle_minutes, on_idle);
    use_focus_when("stay-signed-in", matches!(idle, Idle::Warning(_)));
    // At the warning, an unsaved note goes to the backend, to be offered back after the next sign-in; if the
    // user stays, it is forgotten there again.
    {
        let (note_draft, caller) = (note_draft.clone(), caller.clone());
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
                caller.send(KeepDraftRequest(request));
            }
        });
    }
    let on_logout = sign_out(Notice::text("You have signed out."));
    let context = WorkspaceContext::new(state.clone(), note_draft.clone(), props.on_toast.clone());
    // The shortcuts that work on every page (the job seeker page and the search box have their own).
    let sheet = use_state(|| false);
    {
        let (sheet, context) = (sheet.clone(), context.clone());
        use_document_keys(move |event| {
            let Some(action) = shortcuts::action_of(event) else { return };
            match action {
                Action::ShowShortcuts => sheet.set(true),
                Action::Home => context.navigate(View::Home),
                Action::JobSeekers => context.navigate(View::JobSeekers),
                // Saving is always this app's: WebKit's own Ctrl+S would do nothing useful.
                Action::Save => {
                    shortcuts::press("save");
                }
                Action::Send if shortcuts::press("send") => {}
                _ => return,
            }
            event.prevent_default();
        });
    }
    let open_sheet = {
        let sheet = sheet.clone();
        SheetOpener(Callback::from(move |()| sheet.set(true)))
    };
    {
        let context = context.clone();
        use_notification_clicks(Callback::from(move |target: NoticeTarget| {
            let tab = match target.tab {
                NoticeTab::Profile => DetailTab::Profile,
                NoticeTab::Notes => DetailTab::Notes,
                NoticeTab::Offers => DetailTab::Offers,
            };
            context.open_job_seeker(target.job_seeker_id, tab);
        }));
    }
    // In team mode, every change the server reports moves the count: Home and the open job seeker are told it
    // and ask again for what they show, keeping it on screen (and what the user is typing) meanwhile.
    let changes = use_team_status().changes;
    let page = match context.view() {
        View::Home => html! { <HomePage {changes} /> },
        View::JobSeekers => html! { <JobSeekersPage /> },
        View::JobSeeker(id) => html! { <JobSeekerPage id={*id} {changes} /> },
        View::AddJobSeeker => html! { <AddJobSeekerPage /> },
        View::Import => html! { <ImportPage /> },
        View::Requisitions => html! { <RequisitionsPage /> },
        View::ContactInformation => html! { <ContactPage /> },
        View::Security(tab) => {
            let notice = context
                .reminding()
                .then(|| "Set your three security questions: they let you reset a forgotten password.".to_owned());
            html! { <SecurityPage key={format!("{tab:?}")} tab={*tab} {notice} /> }
        }
        View::Administration => html! { <AdministrationPage /> },
        View::Settings => html! { <SettingsPage /> },
    };
    html! {
        <ContextProvider<WorkspaceContext> context={context.clone()}>
        <ContextProvider<SheetOpener> context={open_sheet}>
        <div class="app">
            <Header {on_logout} />
            if let Some(offer) = &*offered {
                <div class="notice draft-offer" id="draft-offer" role="status">
                    {format!("You were signed out while writing a note for {}. ", offer.job_seeker)}
                    <button type="button" class="link" id="open-kept-draft" onclick={{
                        let (offered, note_draft, context, offer) =
                            (offered.clone(), note_draft.clone(), context.clone(), offer.clone());
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
                            context.open_job_seeker(offer.draft.job_seeker_id, DetailTab::Notes);
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
                    <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title"
                        aria-describedby="idle-message">
                        <h2 id="idle-title">{"Are you still there?"}</h2>
                        <p id="idle-message">
                            {format!("For your security you will be signed out in {seconds} seconds.")}
                        </p>
                        <div class="actions">
                            <button type="button" class="primary" id="stay-signed-in"
                                onclick={Callback::from(move |_: MouseEvent| stay.emit(()))}>{"Stay signed in"}</button>
                        </div>
                    </div>
                </div>
            }
            if *sheet {
                <ShortcutSheet on_close={{
                    let sheet = sheet.clone();
                    Callback::from(move |()| sheet.set(false))
                }} />
            }
        </div>
        </ContextProvider<SheetOpener>>
        </ContextProvider<WorkspaceContext>>
    }
}
