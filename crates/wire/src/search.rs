//! The one search box (SPEC FS-1): a query of words and filters, and the hits grouped by kind, each naming the
//! job seeker and the tab it opens, with the matched words marked as text segments (never markup).

use serde::{Deserialize, Serialize};

/// The longest query the box sends (characters); a longer one is refused at the field.
pub const SEARCH_QUERY_LIMIT: usize = 500;

/// Search everything the signed-in user may see. `query` holds words (prefixes, any order, case and accents
/// ignored) and filters (`stage:offer`, `req:"Lab Technician"`, `task:overdue`, `by:maria`, `after:2026-01-31`,
/// `before:01/31/2026`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    /// Hits per kind (at most 50); `None`: the box's default of 5.
    #[serde(default)]
    pub per_kind: Option<u16>,
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    JobSeeker,
    Note,
    History,
    Offer,
    Email,
}

impl SearchKind {
    /// The order the groups are shown in.
    pub const ALL: [SearchKind; 5] =
        [SearchKind::JobSeeker, SearchKind::Note, SearchKind::History, SearchKind::Offer, SearchKind::Email];

    /// The group's heading.
    pub fn heading(self) -> &'static str {
        match self {
            SearchKind::JobSeeker => "Job seekers",
            SearchKind::Note => "Notes and tasks",
            SearchKind::History => "History",
            SearchKind::Offer => "Offers",
            SearchKind::Email => "Emails",
        }
    }

    /// The job seeker's tab a hit of this kind opens.
    pub fn tab(self) -> SearchTab {
        match self {
            SearchKind::JobSeeker => SearchTab::Profile,
            SearchKind::Note => SearchTab::Notes,
            SearchKind::History => SearchTab::History,
            SearchKind::Offer => SearchTab::Offers,
            SearchKind::Email => SearchTab::Communication,
        }
    }
}

/// The tab of the job seeker detail a hit opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchTab {
    Profile,
    Notes,
    History,
    Offers,
    Communication,
}

/// A piece of a hit's text: matched pieces are shown marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub matched: bool,
}

/// One hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub job_seeker_id: i32,
    /// The application the hit is about (a note's, an offer's), for the tab to select.
    pub application_id: Option<i32>,
    /// The job seeker's name (for a job seeker: marked where it matched).
    pub title: Vec<Segment>,
    /// What matched: the contact details, the note, the History line, the offer, the email; shortened around
    /// the first matched word.
    pub detail: Vec<Segment>,
    /// When, in the user's zone (a note's creation, a History entry, an offer's last move, an email's queuing).
    pub when: Option<String>,
}

/// The hits of one kind, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchGroup {
    pub kind: SearchKind,
    pub heading: String,
    pub hits: Vec<SearchHit>,
    /// More hits of this kind exist than were sent.
    pub more: bool,
}

/// A completion of the word being typed (the query's last): a filter key, or a value of the key typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchCompletion {
    /// The whole query with the last word completed.
    pub query: String,
    /// What the list shows: `stage:offer`, `req:"Lab Technician"`.
    pub label: String,
    /// A few words on what it does.
    pub hint: String,
}

/// The answer: the groups that have hits, in [`SearchKind::ALL`]'s order, and completions for the last word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchAnswer {
    pub groups: Vec<SearchGroup>,
    pub completions: Vec<SearchCompletion>,
}
