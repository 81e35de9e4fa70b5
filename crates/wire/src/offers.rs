//! Offers (SPEC OF-1 to OF-10): templates kept by administrators, and the Offers tab of a job seeker whose
//! application is at stage Offer. The Communication tab (CO-1) lists every email sent to the job seeker.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A tag a template may use: filled from the database, or typed by the recruiter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagInfo {
    /// What goes between the braces: `{{ job_seeker_first_name }}`.
    pub name: String,
    pub label: String,
    /// Where the value comes from ("Job seeker: first name"); `None` for a tag the recruiter types.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTemplateView {
    pub id: i32,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub active: bool,
    /// The approvers, in order (SPEC OF-9): user ids, and their names for display.
    pub approver_ids: Vec<i32>,
    pub approvers: Vec<String>,
}

/// The Offer Templates page: every template, the tag catalogue and who may approve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTemplates {
    pub templates: Vec<OfferTemplateView>,
    pub catalogue: Vec<TagInfo>,
    /// Active users who can be named as approvers: (id, "Name `<email>`").
    pub users: Vec<(i32, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTemplatesRequest {}

/// Adds (`id: None`) or saves a template. Refused with the line and tag named when it does not compile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveOfferTemplateRequest {
    pub id: Option<i32>,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub active: bool,
    pub approver_ids: Vec<i32>,
}

/// Where an offer stands (SPEC OF-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OfferStatus {
    Draft,
    PendingApproval,
    Approved,
    Sent,
    Accepted,
    Declined,
    Rescinded,
    Expired,
}

impl OfferStatus {
    pub const ALL: [OfferStatus; 8] = [
        OfferStatus::Draft,
        OfferStatus::PendingApproval,
        OfferStatus::Approved,
        OfferStatus::Sent,
        OfferStatus::Accepted,
        OfferStatus::Declined,
        OfferStatus::Rescinded,
        OfferStatus::Expired,
    ];

    /// The name shown in the tagline.
    pub const fn label(self) -> &'static str {
        match self {
            OfferStatus::Draft => "Draft",
            OfferStatus::PendingApproval => "Pending approval",
            OfferStatus::Approved => "Approved",
            OfferStatus::Sent => "Sent",
            OfferStatus::Accepted => "Accepted",
            OfferStatus::Declined => "Declined",
            OfferStatus::Rescinded => "Rescinded",
            OfferStatus::Expired => "Expired",
        }
    }

    /// The name stored in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Draft => "draft",
            OfferStatus::PendingApproval => "pending_approval",
            OfferStatus::Approved => "approved",
            OfferStatus::Sent => "sent",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Declined => "declined",
            OfferStatus::Rescinded => "rescinded",
            OfferStatus::Expired => "expired",
        }
    }

    pub fn parse(stored: &str) -> Option<OfferStatus> {
        Self::ALL.into_iter().find(|status| status.as_str() == stored)
    }
}

/// One tag of the chosen template in the left column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTag {
    pub name: String,
    pub label: String,
    /// The value from the database, for a tag that has one (even when empty there).
    pub filled: Option<String>,
    /// The value the letter uses: the recruiter's, else the database's.
    pub value: String,
}

impl OfferTag {
    /// A filled tag the recruiter changed: allowed, but not recommended.
    pub fn overridden(&self) -> bool {
        self.filled.as_ref().is_some_and(|filled| *filled != self.value)
    }
}

/// One approval step of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalStep {
    pub approver: String,
    /// When it was approved, in the user's time zone; `None` while waiting.
    pub approved: Option<String>,
}

/// An action that the current user may take on the offer now (what [View History] offers). The buttons are
/// listed in the order declared here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OfferActionKind {
    RequestApproval,
    Approve,
    Send,
    Rescind,
    RecordResponse,
    SendNewOffer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferView {
    pub id: i32,
    pub version: i32,
    pub template_id: i32,
    pub template: String,
    pub status: OfferStatus,
    /// "Sent 11/23/2026 02:15 PM EST by maria.alvarez@northwind.example".
    pub tagline: String,
    pub tags: Vec<OfferTag>,
    /// `MM/DD/YYYY`, or empty.
    pub expires_on: String,
    pub subject: String,
    /// The letter as HTML: merged values in `<mark class="merged">`, empty tags in `<mark class="missing">`;
    /// once sent, the letter exactly as emailed. Every value in it is escaped.
    pub preview_html: String,
    /// Labels of the tags still empty: [Send Offer] stays disabled until there are none.
    pub missing: Vec<String>,
    pub approvals: Vec<ApprovalStep>,
    /// The template names approvers: the draft asks for approval instead of being sent directly.
    pub needs_approval: bool,
    /// What the current user may do now; core refuses anything else.
    pub actions: Vec<OfferActionKind>,
}

/// One line of [View History] (SPEC OF-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferEventView {
    pub version: i32,
    /// "Generated", "Approved", "Sent", "Accepted", …
    pub action: String,
    pub user: String,
    pub at: String,
    pub comment: String,
}

/// Everything the Offers tab shows for one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTab {
    /// The active templates: (id, name).
    pub templates: Vec<(i32, String)>,
    /// The latest version, if an offer was generated.
    pub offer: Option<OfferView>,
    pub events: Vec<OfferEventView>,
    /// Today in the user's time zone (MM/DD/YYYY), which the response date starts at; the computer's own
    /// clock may be in another zone and day.
    pub today: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTabRequest {
    pub application_id: i32,
}

/// An offer whose next approval step is the signed-in user's (SPEC OF-9): Home lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingApproval {
    pub offer_id: i32,
    pub job_seeker_id: i32,
    pub job_seeker: String,
    pub requisition: String,
    /// This user's step, of `steps`.
    pub step: i32,
    pub steps: i32,
    /// The email of the recruiter who made the offer.
    pub requested_by: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingApprovalsRequest {}

/// The tags of a template, filled from the database for this application (before anything is saved).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferTagsRequest {
    pub application_id: i32,
    pub template_id: i32,
}

/// \[Save\]: generates the offer (or saves the draft) with the values in the tag column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveOfferRequest {
    pub application_id: i32,
    pub template_id: i32,
    /// Tag name → the value shown in the column.
    pub values: BTreeMap<String, String>,
    /// `MM/DD/YYYY`, or empty for no expiry.
    pub expires_on: String,
}

/// A step in the offer's life. Core checks that it is legal now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OfferAction {
    RequestApproval,
    Approve,
    Send,
    Rescind {
        comment: String,
    },
    /// The job seeker's answer, with the day it came (`MM/DD/YYYY`) and an optional comment.
    RecordResponse {
        accepted: bool,
        date: String,
        comment: String,
    },
    /// After a decline (or a rescinded or expired offer): a new draft version from the previous values.
    SendNewOffer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferActionRequest {
    pub offer_id: i32,
    pub action: OfferAction,
}

/// Delivery state of an email in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmailStatus {
    Queued,
    Sent,
    Failed,
}

impl EmailStatus {
    const ALL: [EmailStatus; 3] = [EmailStatus::Queued, EmailStatus::Sent, EmailStatus::Failed];

    /// As stored in the outbox's `status` column.
    pub const fn as_str(self) -> &'static str {
        match self {
            EmailStatus::Queued => "queued",
            EmailStatus::Sent => "sent",
            EmailStatus::Failed => "failed",
        }
    }

    pub fn parse(stored: &str) -> Option<EmailStatus> {
        Self::ALL.into_iter().find(|status| status.as_str() == stored)
    }

    pub const fn label(self) -> &'static str {
        match self {
            EmailStatus::Queued => "Queued",
            EmailStatus::Sent => "Sent",
            EmailStatus::Failed => "Failed",
        }
    }
}

/// One email to the job seeker, for the Communication tab (SPEC CO-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailView {
    pub id: i32,
    pub to: String,
    pub subject: String,
    /// When it was written, in the user's time zone.
    pub at: String,
    /// Who caused it.
    pub user: String,
    pub status: EmailStatus,
    pub last_error: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunicationRequest {
    pub job_seeker_id: i32,
}

/// Queues a failed email again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResendEmailRequest {
    pub id: i32,
}

/// Sends a test message to the administrator with the saved mail settings, at once; the answer says
/// where it went, or the error says why it did not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendTestEmailRequest {}
