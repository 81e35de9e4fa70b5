//! The workspace's context: where the signed-in user is (the view, the job seeker detail's open tab, the list
//! that the detail's Previous/Next walk), the note being written, and the toast. The `Workspace` component
//! holds it and provides it; the pages inside read it with `use_context`. It names no page, so the pages and
//! the workspace both depend on it and not on each other.
//!
//! Moves go through one reducer, [`WorkspaceState`], so the rules of moving (the open tab stays the landing
//! tab from one job seeker to the next, the security-questions reminder goes once the user moves on) live
//! in one place.

use hiredesk_wire::{JobSeekerFilter, JobSeekerPage, JobSeekerSort, Neighbours};
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

/// The page of the list a job seeker was opened from, as it was shown. While a step of Previous/Next stays
/// on it, the detail reads the neighbours from it instead of asking the core (which finds them in the whole
/// filtered list: a LIKE over every job seeker for a searched one); at an edge of the page that is not an end
/// of the list, and for a job seeker opened from elsewhere, the detail asks.
#[derive(Clone, PartialEq, Debug)]
pub struct ListedPage {
    filter: JobSeekerFilter,
    sort: JobSeekerSort,
    ids: Vec<i32>,
    /// How many job seekers come before the page's first row.
    before: u64,
    total: u64,
    first: bool,
    last: bool,
}

impl ListedPage {
    /// The page `page` of the list `list` asked for.
    pub fn new(list: &ListState, page: &JobSeekerPage) -> Self {
        let shown = page.rows.len() as u64;
        let last = page.page >= page.page_count;
        // Every page but the last is full, so its rows' count is the records per page.
        let before = if last { page.total.saturating_sub(shown) } else { u64::from(page.page - 1) * shown };
        ListedPage {
            filter: list.filter.clone(),
            sort: list.sort,
            ids: page.rows.iter().map(|row| row.id).collect(),
            before,
            total: page.total,
            first: page.page <= 1,
            last,
        }
    }

    /// The neighbours of job seeker `id` in `list`, when this page of that list shows both.
    pub fn around(&self, id: i32, list: &ListState) -> Option<Neighbours> {
        if self.filter != list.filter || self.sort != list.sort {
            return None;
        }
        let at = self.ids.iter().position(|each| *each == id)?;
        let previous = match at.checked_sub(1) {
            Some(before) => Some(self.ids[before]),
            None if self.first => None,
            None => return None,
        };
        let next = match self.ids.get(at + 1) {
            Some(after) => Some(*after),
            None if self.last => None,
            None => return None,
        };
        Some(Neighbours { previous, next, position: Some(self.before + at as u64 + 1), total: self.total })
    }
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
    /// The list's page the detail was opened from, kept while the user walks the detail (see [`ListedPage`]).
    pub listed: Option<Rc<ListedPage>>,
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
            listed: None,
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
    /// To a job seeker in the list's page it was clicked on.
    OpenListed(i32, Rc<ListedPage>),
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
                // Previous/Next keep the page they walk; any other screen lets it go.
                if !matches!(view, View::JobSeeker(_)) {
                    next.listed = None;
                }
                next.view = view;
                next.reminding = false;
            }
            Move::OpenJobSeeker(id, tab) => {
                next.view = View::JobSeeker(id);
                next.tab = tab;
                next.listed = None;
                next.reminding = false;
            }
            Move::OpenListed(id, listed) => {
                next.view = View::JobSeeker(id);
                next.listed = Some(listed);
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

    /// The neighbours of job seeker `id` in the list, when the page the detail was opened from shows them.
    pub fn listed_around(&self, id: i32) -> Option<Neighbours> {
        self.state.listed.as_ref().and_then(|listed| listed.around(id, &self.state.list))
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
        self.moving_on_click(move || Move::Go(view.clone()))
    }

    /// A click handler that makes the move `to` gives, taking the last screen's toast down first.
    fn moving_on_click(&self, to: impl Fn() -> Move + 'static) -> Callback<MouseEvent> {
        let (state, toast) = (self.state.clone(), self.toast.clone());
        Callback::from(move |_: MouseEvent| {
            toast.emit(None);
            state.dispatch(to());
        })
    }

    pub fn open_job_seeker(&self, id: i32, tab: DetailTab) {
        self.toast.emit(None);
        self.state.dispatch(Move::OpenJobSeeker(id, tab));
    }

    /// A click handler that opens job seeker `id` from the list's page `listed`.
    pub fn open_listed(&self, id: i32, listed: Rc<ListedPage>) -> Callback<MouseEvent> {
        self.moving_on_click(move || Move::OpenListed(id, listed.clone()))
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

    /// Page `page` of a list of `total` at `per_page`, its job seekers numbered from 1 in list order.
    fn page_of(page: u32, per_page: u32, total: u32) -> JobSeekerPage {
        let first = (page - 1) * per_page + 1;
        let rows = (first..=total.min(page * per_page))
            .map(|number| hiredesk_wire::JobSeekerRow {
                id: i32::try_from(number).expect("small"),
                name: String::new(),
                email: String::new(),
                requisition: String::new(),
                stage: hiredesk_wire::Stage::New,
                last_activity: String::new(),
            })
            .collect();
        JobSeekerPage { rows, page, page_count: total.div_ceil(per_page), total: u64::from(total) }
    }

    fn around(listed: &ListedPage, id: i32) -> Option<(Option<i32>, Option<i32>, u64)> {
        let list = ListState { page: 1, ..ListState::default() };
        listed.around(id, &list).map(|found| (found.previous, found.next, found.position.expect("in the list")))
    }

    #[test]
    fn the_listed_page_answers_inside_it_and_at_the_list_ends_only() {
        let list = ListState { page: 1, ..ListState::default() };
        // 23 job seekers at 10 a page: pages of 1–10, 11–20 and 21–23.
        let first = ListedPage::new(&list, &page_of(1, 10, 23));
        assert_eq!(around(&first, 1), Some((None, Some(2), 1)), "the list's start has no previous");
        assert_eq!(around(&first, 5), Some((Some(4), Some(6), 5)));
        assert_eq!(around(&first, 10), None, "the next is on page 2: asked");
        let middle = ListedPage::new(&list, &page_of(2, 10, 23));
        assert_eq!(around(&middle, 11), None, "the previous is on page 1: asked");
        assert_eq!(around(&middle, 15), Some((Some(14), Some(16), 15)));
        assert_eq!(around(&middle, 20), None);
        let last = ListedPage::new(&list, &page_of(3, 10, 23));
        assert_eq!(around(&last, 22), Some((Some(21), Some(23), 22)));
        assert_eq!(around(&last, 23), Some((Some(22), None, 23)), "the list's end has no next");
        assert_eq!(around(&last, 5), None, "not on the page: asked");
        let only = ListedPage::new(&list, &page_of(1, 10, 1));
        assert_eq!(around(&only, 1), Some((None, None, 1)));
        assert_eq!(only.around(1, &list).map(|found| found.total), Some(1));

        let searched = ListState {
            filter: JobSeekerFilter { search: "ann".into(), ..JobSeekerFilter::default() },
            page: 1,
            ..list
        };
        assert_eq!(middle.around(15, &searched), None, "another list's page answers nothing");
        let by_activity = ListState { sort: JobSeekerSort::LastActivity, page: 1, ..ListState::default() };
        assert_eq!(middle.around(15, &by_activity), None);
    }

    #[test]
    fn the_listed_page_is_kept_while_walking_the_detail_and_let_go_elsewhere() {
        let list = ListState { page: 1, ..ListState::default() };
        let listed = Rc::new(ListedPage::new(&list, &page_of(1, 10, 23)));
        let opened = moved(WorkspaceState::start(false), Move::OpenListed(3, listed.clone()));
        assert!(opened.view == View::JobSeeker(3) && opened.listed.as_ref() == Some(&listed));
        let walked = moved(opened.clone(), Move::Go(View::JobSeeker(4)));
        assert!(walked.listed.is_some(), "Previous/Next keep it");
        assert!(moved(walked.clone(), Move::ShowTab(DetailTab::Notes)).listed.is_some());
        assert!(moved(walked.clone(), Move::Go(View::JobSeekers)).listed.is_none());
        assert!(moved(walked, Move::OpenJobSeeker(4, DetailTab::Profile)).listed.is_none(), "opened from Home");
    }
}
