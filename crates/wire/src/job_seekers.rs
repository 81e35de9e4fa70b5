//! Job seekers, their applications and the History tab (SPEC JS-2, JS-3, JS-4, HI-2).

use serde::{Deserialize, Serialize};

/// Where an application stands (SPEC JS-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    New,
    Screening,
    Interview,
    Offer,
    Hired,
    NotHired,
}

impl Stage {
    pub const ALL: [Stage; 6] =
        [Stage::New, Stage::Screening, Stage::Interview, Stage::Offer, Stage::Hired, Stage::NotHired];

    /// The name shown and stored.
    pub const fn label(self) -> &'static str {
        match self {
            Stage::New => "New",
            Stage::Screening => "Screening",
            Stage::Interview => "Interview",
            Stage::Offer => "Offer",
            Stage::Hired => "Hired",
            Stage::NotHired => "Not Hired",
        }
    }

    pub fn from_label(label: &str) -> Option<Stage> {
        Self::ALL.into_iter().find(|stage| stage.label() == label)
    }
}

/// The dispositions offered for an application (SPEC JS-2); stored as text.
pub const DISPOSITIONS: [&str; 6] =
    ["Withdrew", "Not qualified", "Position filled", "Accepted offer", "Declined offer", "No show"];

/// Which job seekers the list shows. The same filter drives the Previous/Next buttons of the detail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerFilter {
    /// Part of a name or an email; empty for everyone.
    pub search: String,
    pub stage: Option<Stage>,
    pub requisition_id: Option<i32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobSeekerSort {
    /// Last name, then first name.
    #[default]
    Name,
    /// Most recent activity first.
    LastActivity,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerListRequest {
    pub filter: JobSeekerFilter,
    pub sort: JobSeekerSort,
    /// 1-based; the page size is the user's records per page.
    pub page: u32,
}

/// One row of the job seeker list: the person and the application the filter matched (their latest one
/// when no stage or requisition is chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerRow {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub requisition: String,
    pub stage: Stage,
    /// In the user's time zone.
    pub last_activity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerPage {
    pub rows: Vec<JobSeekerRow>,
    pub page: u32,
    pub page_count: u32,
    pub total: u64,
}

/// The previous and next job seeker of the filtered, sorted list around `current_id`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeighboursRequest {
    pub filter: JobSeekerFilter,
    pub sort: JobSeekerSort,
    pub current_id: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbours {
    pub previous: Option<i32>,
    pub next: Option<i32>,
    /// 1-based position of the current job seeker in the list, when it is in it.
    pub position: Option<u64>,
    pub total: u64,
}

/// The editable fields of a job seeker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerProfile {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub city: String,
    pub state: String,
    pub postal_code: String,
}

impl JobSeekerProfile {
    /// The request field names, in the order forms and imports show them.
    pub const FIELDS: [&'static str; 9] =
        ["first_name", "last_name", "email", "phone", "address_line1", "address_line2", "city", "state", "postal_code"];

    /// The value of the field named as in [`Self::FIELDS`].
    pub fn field(&self, name: &str) -> Option<&str> {
        let profile = self;
        Some(match name {
            "first_name" => &profile.first_name,
            "last_name" => &profile.last_name,
            "email" => &profile.email,
            "phone" => &profile.phone,
            "address_line1" => &profile.address_line1,
            "address_line2" => &profile.address_line2,
            "city" => &profile.city,
            "state" => &profile.state,
            "postal_code" => &profile.postal_code,
            _ => return None,
        })
    }

    /// The field named as in [`Self::FIELDS`], to write to.
    pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
        let profile = self;
        Some(match name {
            "first_name" => &mut profile.first_name,
            "last_name" => &mut profile.last_name,
            "email" => &mut profile.email,
            "phone" => &mut profile.phone,
            "address_line1" => &mut profile.address_line1,
            "address_line2" => &mut profile.address_line2,
            "city" => &mut profile.city,
            "state" => &mut profile.state,
            "postal_code" => &mut profile.postal_code,
            _ => return None,
        })
    }
}

/// An application of a job seeker to a requisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub requisition_id: i32,
    pub requisition: String,
    pub stage: Stage,
    pub disposition: Option<String>,
    /// In the user's time zone.
    pub applied: String,
    pub forms: Vec<FormView>,
}

/// A form of an application (SPEC JS-5) and whether it is completed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    pub id: i32,
    pub name: String,
    /// `MM/DD/YYYY` in the user's time zone when completed.
    pub completed_on: Option<String>,
    pub completed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerDetail {
    pub id: i32,
    pub profile: JobSeekerProfile,
    pub applications: Vec<ApplicationView>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSeekerRequest {
    pub id: i32,
}

/// Saves the profile; answers with the job seeker as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateProfileRequest {
    pub id: i32,
    pub profile: JobSeekerProfile,
}

/// Sets an application's stage and disposition; answers with the job seeker as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStageRequest {
    pub application_id: i32,
    pub stage: Stage,
    pub disposition: Option<String>,
}

/// Where the next History page starts: just after this entry (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryCursor {
    pub at: i64,
    pub id: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPageRequest {
    pub job_seeker_id: i32,
    /// One of the kinds of [`HistoryPage::kinds`]; `None` for every kind.
    pub kind: Option<String>,
    pub requisition_id: Option<i32>,
    /// `None` for the newest page.
    pub after: Option<HistoryCursor>,
}

/// One old → new value of a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntryView {
    pub id: i64,
    /// In the user's time zone.
    pub at: String,
    pub user: String,
    pub kind: String,
    pub kind_label: String,
    pub requisition: Option<String>,
    pub summary: String,
    pub changes: Vec<FieldChange>,
}

/// A kind of history entry the filter offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryKindOption {
    pub kind: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntryView>,
    /// Present when older entries remain.
    pub next: Option<HistoryCursor>,
    pub kinds: Vec<HistoryKindOption>,
}

/// The requisitions, for the list's filter and the forms (title and id).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequisitionChoicesRequest {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequisitionChoice {
    pub id: i32,
    pub title: String,
    pub is_open: bool,
}
