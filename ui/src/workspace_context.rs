//! The workspace's context: where the signed-in user is (the view, the job seeker detail's open tab, the list
//! that the detail's Previous/Next walk), the note being written, and the toast. The `Workspace` component
//! holds it and provides it; the pages inside read it with `use_context`. It names no page, so the pages and
//! the workspace both depend on it and not on each other.
//!
//! Moves go through one reducer, [`WorkspaceState`], so the rules of moving (the open tab stays the landing
//! tab from one job seeker to the next, the security-questions reminder goes once the user moves on) live
//! in one place.

use hiredesk_wire::{JobSeekerFilter, JobSeekerSort};
use std::rc::Rc;
use yew::prelude::*;

/// The tabs of the job seeker detail.
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

/// The screens of the workspace.
#[derive(Clone, PartialEq, Debug)]
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

/// A note being written or edited. The workspace keeps it, so switching tabs and the idle timeout do not
/// lose it.
#[derive(Clone, PartialEq, Default)]
pub struct NoteDraft {
    pub job_seeker_id: i32,
    pub id: Option<i32>,
    pub application_id: i32,
    pub text: String,
    pub is_task: bool,
    pub due_date: String,
}

/// Where the user is, as the workspace keeps it between views.
#[derive(Clone, PartialEq)]
pub struct WorkspaceState {
    pub view: View,
    /// The detail's open tab: it survives moving between views and between job seekers (the guide's tip:
    /// the open tab stays the landing tab).
    pub tab: DetailTab,
    pub list: ListState,
    /// Security Questions opened at sign-in as a reminder, which shows until the user moves elsewhere.
    pub reminding: bool,
}

impl WorkspaceState {
    /// Where a session starts: Home, or, until all three security questions are set, Security Questions as
    /// a reminder.
    pub fn start(remind_questions: bool) -> Self {
        WorkspaceState {
            view: if remind_questions { View::Security(SecurityTab::Questions) } else { View::Home },
            tab: DetailTab::Profile,
            list: ListState { page: 1, ..ListState::default() },
            reminding: remind_questions,
        }
    }
}

/// A move within the workspace.
pub enum Move {
    /// To another view.
    Go(View),
    /// To a job seeker, on one tab (from Home's widgets, a kept draft, a clicked notification).
    OpenJobSeeker(i32, DetailTab),
    /// Another tab of the detail.
    ShowTab(DetailTab),
    /// The list with other filters, sort or page.
    ShowList(ListState),
}

impl Reducible for WorkspaceState {
    type Action = Move;

    fn reduce(self: Rc<Self>, action: Move) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Move::Go(view) => {
                next.view = view;
                next.reminding = false;
            }
            Move::OpenJobSeeker(id, tab) => {
                next.view = View::JobSeeker(id);
                next.tab = tab;
                next.reminding = false;
            }
            Move::ShowTab(tab) => next.tab = tab,
            Move::ShowList(list) => next.list = list,
        }
        Rc::new(next)
    }
}

/// What the pages of the workspace share.
#[derive(Clone, PartialEq)]
pub struct WorkspaceContext {
    state: UseReducerHandle<WorkspaceState>,
    /// The note being written, if any (see [`NoteDraft`]).
    pub note_draft: UseStateHandle<Option<NoteDraft>>,
    /// Shows a toast (`Some`) or takes it down (`None`): a toast belongs to the screen it was raised on.
    toast: Callback<Option<String>>,
}

impl WorkspaceContext {
    pub fn new(
        state: UseReducerHandle<WorkspaceState>,
        note_draft: UseStateHandle<Option<NoteDraft>>,
        toast: Callback<Option<String>>,
    ) -> Self {
        WorkspaceContext { state, note_draft, toast }
    }

    pub fn view(&self) -> &View {
        &self.state.view
    }

    pub fn tab(&self) -> DetailTab {
        self.state.tab
    }

    pub fn list(&self) -> &ListState {
        &self.state.list
    }

    pub fn reminding(&self) -> bool {
        self.state.reminding
    }

    /// Goes to `view`. Every move to another screen takes the last screen's toast down first, so a toast
    /// meant for a result after the move is raised after it.
    pub fn navigate(&self, view: View) {
        self.toast.emit(None);
        self.state.dispatch(Move::Go(view));
    }

    /// A click handler that goes to `view`.
    pub fn go_to(&self, view: View) -> Callback<MouseEvent> {
        let (state, toast) = (self.state.clone(), self.toast.clone());
        Callback::from(move |_: MouseEvent| {
            toast.emit(None);
            state.dispatch(Move::Go(view.clone()));
        })
    }

    pub fn open_job_seeker(&self, id: i32, tab: DetailTab) {
        self.toast.emit(None);
        self.state.dispatch(Move::OpenJobSeeker(id, tab));
    }

    pub fn show_tab(&self, tab: DetailTab) {
        self.toast.emit(None);
        self.state.dispatch(Move::ShowTab(tab));
    }

    pub fn show_list(&self, list: ListState) {
        self.state.dispatch(Move::ShowList(list));
    }

    /// Shows a short success message.
    pub fn toast(&self, message: impl Into<String>) {
        self.toast.emit(Some(message.into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(state: WorkspaceState, action: Move) -> WorkspaceState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn the_open_tab_stays_the_landing_tab_from_one_job_seeker_to_the_next() {
        let state = moved(WorkspaceState::start(false), Move::OpenJobSeeker(4, DetailTab::Notes));
        assert!(state.view == View::JobSeeker(4) && state.tab == DetailTab::Notes);
        let state = moved(moved(state, Move::Go(View::JobSeekers)), Move::Go(View::JobSeeker(5)));
        assert_eq!(state.tab, DetailTab::Notes);
        let state = moved(state, Move::ShowTab(DetailTab::History));
        assert!(state.view == View::JobSeeker(5) && state.tab == DetailTab::History);
    }

    #[test]
    fn the_questions_reminder_opens_first_and_goes_once_the_user_moves_on() {
        let state = WorkspaceState::start(true);
        assert!(state.view == View::Security(SecurityTab::Questions) && state.reminding);
        let listed = moved(state.clone(), Move::ShowList(ListState { page: 2, ..ListState::default() }));
        assert!(listed.reminding && listed.list.page == 2, "changing the list is not moving on");
        assert!(!moved(state, Move::Go(View::Home)).reminding);
        assert_eq!(WorkspaceState::start(false).view, View::Home);
    }
}
