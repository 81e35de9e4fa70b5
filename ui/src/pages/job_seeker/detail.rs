//! One job seeker (SPEC JS-4): Previous/Next through the list the user came from, keeping the open tab,
//! and the tabs: Profile, Forms, History, Notes, Offers (only while an application is at stage Offer,
//! SPEC OF-1) and Communication. In team mode a change on another desktop loads the detail again, and the
//! History, Notes and Offers tabs ask again for what they show (see `use_reload_on_change`).

use super::communication::CommunicationTab;
use super::forms::FormsTab;
use super::history::HistoryTab;
use super::notes::NotesTab;
use super::offers::OffersTab;
use super::profile::ProfileTab;
use crate::components::form::error_message;
use crate::components::tab_button::TabButton;
use crate::hooks::command::{use_command_when, use_command_with_then};
use crate::hooks::team_status::use_reload_on_change;
use crate::perf::{self, use_painted, Interaction};
use crate::shortcuts::{self, use_document_keys, Action};
use crate::workspace_context::{DetailTab, View, WorkspaceContext};
use hiredesk_wire::{ApplicationView, JobSeekerDetail, JobSeekerRequest, Neighbours, NeighboursRequest, Stage};
use yew::prelude::*;

/// The tabs in the order of the tab bar, which their shortcuts (Alt+1 …) follow; Offers keeps its place
/// (and its key) while it is not shown.
const TAB_ORDER: [DetailTab; 6] = [
    DetailTab::Profile,
    DetailTab::Forms,
    DetailTab::History,
    DetailTab::Notes,
    DetailTab::Offers,
    DetailTab::Communication,
];

#[derive(Properties, PartialEq)]
pub struct JobSeekerProps {
    pub id: i32,
    /// How many changes the team server's watch has reported (always 0 on a solo desktop).
    #[prop_or_default]
    pub changes: u64,
}

#[component]
pub fn JobSeekerPage(props: &JobSeekerProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    // Loaded for each job seeker; a tab's save answers with the whole detail, which then replaces it.
    let detail = use_state(|| None::<JobSeekerDetail>);
    let loaded = {
        let detail = detail.clone();
        use_command_with_then(JobSeekerRequest { id: props.id }, move |found| detail.set(Some(found.clone())))
    };
    // Loaded again after a change elsewhere: a stage moved to Offer shows the Offers tab. A profile being edited
    // keeps its draft, which the Profile tab holds apart from the detail.
    {
        let (loaded, detail, id) = (loaded.clone(), detail.clone(), props.id);
        use_reload_on_change(props.changes, move || {
            loaded.run_then(JobSeekerRequest { id }, move |found| detail.set(Some(found.clone())));
        });
    }
    // Previous/Next through the list the user came from: read from the page the job seeker was opened on while
    // it shows both, otherwise asked of the core.
    let listed = workspace.listed_around(props.id);
    let list = workspace.list();
    let asked = use_command_when(listed.is_none().then(|| NeighboursRequest {
        filter: list.filter.clone(),
        sort: list.sort,
        current_id: props.id,
    }));
    // An answer for the job seeker before is not shown meanwhile: its buttons would lead elsewhere.
    let neighbours = listed.as_ref().or_else(|| asked.answer().filter(|_| !asked.loading()));
    use_painted(
        Interaction::JobSeeker,
        detail.is_some() && !loaded.loading() && (listed.is_some() || !asked.loading()),
    );

    let go = |target: Option<i32>| {
        let workspace = workspace.clone();
        move || {
            if let Some(id) = target {
                workspace.navigate(View::JobSeeker(id));
            }
        }
    };
    let (previous, next) = match neighbours {
        Some(found) => (found.previous, found.next),
        None => (None, None),
    };
    // A new note asked for by its shortcut, until the Notes tab has started it.
    let new_note = use_state(|| false);
    let chosen = workspace.tab();
    {
        let (to_previous, to_next, workspace, new_note) = (go(previous), go(next), workspace.clone(), new_note.clone());
        use_document_keys(move |event| {
            let tab = match shortcuts::action_of(event) {
                Some(Action::PreviousJobSeeker) => return to_previous(),
                Some(Action::NextJobSeeker) => return to_next(),
                Some(Action::NewNote) => {
                    new_note.set(true);
                    DetailTab::Notes
                }
                Some(Action::Tab(place)) => match TAB_ORDER.get(usize::from(place) - 1) {
                    Some(tab) => *tab,
                    None => return,
                },
                _ => return,
            };
            event.prevent_default();
            workspace.show_tab(tab);
        });
    }
    let click = |target: Option<i32>| {
        let to = go(target);
        perf::timed(Interaction::JobSeeker, Callback::from(move |_: MouseEvent| to()))
    };
    let on_saved = {
        let detail = detail.clone();
        Callback::from(move |saved: JobSeekerDetail| detail.set(Some(saved)))
    };
    let at_offer: Vec<ApplicationView> = detail
        .as_ref()
        .map(|found| {
            found.applications.iter().filter(|application| application.stage == Stage::Offer).cloned().collect()
        })
        .unwrap_or_default();
    // On a job seeker without an offer, the Offers tab stays chosen for the next one but shows the profile.
    let showing = if chosen == DetailTab::Offers && at_offer.is_empty() { DetailTab::Profile } else { chosen };
    let tab_button = |tab: DetailTab, id: &'static str, label: &'static str| {
        let workspace = workspace.clone();
        let on_select = Callback::from(move |()| workspace.show_tab(tab));
        let place = TAB_ORDER.iter().position(|each| *each == tab).unwrap_or_default();
        let title = shortcuts::titled(label, Action::Tab(u8::try_from(place + 1).unwrap_or(1)));
        html! { <TabButton {id} {label} {title} selected={showing == tab} {on_select} /> }
    };

    html! {
        <main class="page" id="job-seeker-page">
            <div class="detail-bar">
                <button type="button" id="back-to-list"
                    onclick={perf::timed(Interaction::JobSeekerList, workspace.go_to(View::JobSeekers))}>
                    {"← Job Seekers"}
                </button>
                <h1 id="job-seeker-name">
                    { detail.as_ref().map(|d| format!("{} {}", d.profile.first_name, d.profile.last_name))
                        .unwrap_or_default() }
                </h1>
                <span class="spacer"></span>
                if let Some(Neighbours { position: Some(position), total, .. }) = neighbours {
                    <span class="muted" id="list-position">{format!("{position} of {total}")}</span>
                }
                <button type="button" id="previous-job-seeker"
                    title={shortcuts::titled("Previous job seeker", Action::PreviousJobSeeker)}
                    disabled={previous.is_none()} onclick={click(previous)}>{"Previous"}</button>
                <button type="button" id="next-job-seeker"
                    title={shortcuts::titled("Next job seeker", Action::NextJobSeeker)}
                    disabled={next.is_none()} onclick={click(next)}>{"Next"}</button>
            </div>
            {error_message(loaded.error())}
            <div class="tabs" role="tablist" aria-label="Job seeker">
                {tab_button(DetailTab::Profile, "tab-profile", "Profile")}
                {tab_button(DetailTab::Forms, "tab-forms", "Forms")}
                {tab_button(DetailTab::History, "tab-history", "History")}
                {tab_button(DetailTab::Notes, "tab-notes", "Notes")}
                if !at_offer.is_empty() {
                    {tab_button(DetailTab::Offers, "tab-offers", "Offers")}
                }
                {tab_button(DetailTab::Communication, "tab-communication", "Communication")}
            </div>
            if let Some(found) = &*detail {
                <section class="tab-panel" role="tabpanel">
                    { match showing {
                        DetailTab::Profile => html! {
                            <ProfileTab key={found.id} detail={found.clone()} on_saved={on_saved.clone()} />
                        },
                        DetailTab::Forms => html! {
                            <FormsTab detail={found.clone()} on_saved={on_saved.clone()} />
                        },
                        DetailTab::Notes => html! {
                            <NotesTab key={found.id} detail={found.clone()} changes={props.changes}
                                start_new={*new_note} on_started={{
                                    let new_note = new_note.clone();
                                    Callback::from(move |()| new_note.set(false))
                                }} />
                        },
                        DetailTab::History => html! {
                            <HistoryTab key={found.id} job_seeker_id={found.id}
                                applications={found.applications.clone()} changes={props.changes} />
                        },
                        DetailTab::Offers => html! {
                            <OffersTab key={found.id} applications={at_offer.clone()} changes={props.changes} />
                        },
                        DetailTab::Communication => html! {
                            <CommunicationTab key={found.id} job_seeker_id={found.id} />
                        },
                    } }
                </section>
            }
        </main>
    }
}
