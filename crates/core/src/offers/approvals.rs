//! Approval of offers (SPEC OF-9): the steps of an offer, in order, and who must act now: the approver of
//! the next step while the offer is pending approval, its author once it is approved. The notice scheduler
//! tells them ([`approval_notices`]) and Home lists an approver's offers ([`pending_approvals`]); the moves
//! themselves are [`super::act`]'s.

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle};
use crate::db::schema::{applications, job_seekers, offer_approvals, offers, requisitions, users};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::CoreResult;
use diesel::prelude::*;
use hiredesk_wire::{OfferStatus, PendingApproval, PendingApprovalsRequest, Stage};

/// One approval step of an offer, with the approver's email.
#[derive(Debug, Clone, Queryable)]
pub(super) struct Step {
    pub position: i32,
    pub user_id: i32,
    pub approved_at: Option<i64>,
    pub email: String,
}

impl Step {
    pub fn open(&self) -> bool {
        self.approved_at.is_none()
    }
}

pub(super) fn steps(conn: &mut DbConn, offer_id: i32) -> CoreResult<Vec<Step>> {
    Ok(offer_approvals::table
        .inner_join(users::table)
        .filter(offer_approvals::offer_id.eq(offer_id))
        .order(offer_approvals::position)
        .select((offer_approvals::position, offer_approvals::user_id, offer_approvals::approved_at, users::email))
        .load(conn)?)
}

/// An approval notice (SPEC OF-9, AC-8): to the approver of the next step, and to the recruiter once the
/// offer is approved. `key` names it for `notices_sent`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalNotice {
    pub key: String,
    pub user_id: i32,
    /// The job seeker the offer is for; clicking the notification opens them.
    pub job_seeker_id: i32,
    pub title: String,
    pub body: String,
}

/// An offer that waits on someone: for approval on the approver of its next step, or approved, on its
/// author to send it.
struct Waiting {
    offer_id: i32,
    approved: bool,
    creator: i32,
    creator_email: String,
    job_seeker_id: i32,
    job_seeker: String,
    requisition: String,
    steps: Vec<Step>,
}

impl Waiting {
    /// The step whose approver must act now, while the offer is pending approval.
    fn next_step(&self) -> Option<&Step> {
        if self.approved {
            None
        } else {
            self.steps.iter().find(|step| step.open())
        }
    }
}

/// An offer pending approval or approved, as read; [`waiting`] adds its steps.
#[derive(Queryable)]
struct WaitingRow {
    offer_id: i32,
    #[diesel(deserialize_as = Stored<OfferStatus>)]
    status: OfferStatus,
    creator: i32,
    creator_email: String,
    job_seeker_id: i32,
    first_name: String,
    last_name: String,
    requisition: String,
}

fn waiting(conn: &mut DbConn) -> CoreResult<Vec<Waiting>> {
    let open: Vec<WaitingRow> = offers::table
        .inner_join(applications::table.inner_join(job_seekers::table).inner_join(requisitions::table))
        .inner_join(users::table.on(users::id.eq(offers::created_by_user_id)))
        .filter(offers::status.eq_any([Stored(OfferStatus::PendingApproval), Stored(OfferStatus::Approved)]))
        // Moved off stage Offer, an offer can be neither approved nor sent until it is back.
        .filter(applications::stage.eq(Stored(Stage::Offer)))
        .order(offers::id)
        .select((
            offers::id,
            offers::status,
            offers::created_by_user_id,
            users::email,
            job_seekers::id,
            job_seekers::first_name,
            job_seekers::last_name,
            requisitions::title,
        ))
        .load(conn)?;
    open.into_iter()
        .map(|row| {
            Ok(Waiting {
                offer_id: row.offer_id,
                approved: row.status == OfferStatus::Approved,
                creator: row.creator,
                creator_email: row.creator_email,
                job_seeker_id: row.job_seeker_id,
                job_seeker: format!("{} {}", row.first_name, row.last_name),
                requisition: row.requisition,
                steps: steps(conn, row.offer_id)?,
            })
        })
        .collect()
}

/// The approval notices the current state calls for; the notice scheduler delivers each once.
pub fn approval_notices(conn: &mut DbConn) -> CoreResult<Vec<ApprovalNotice>> {
    let mut notices = Vec::new();
    for offer in waiting(conn)? {
        let Waiting { offer_id, creator, job_seeker_id, ref job_seeker, ref requisition, .. } = offer;
        if offer.approved {
            notices.push(ApprovalNotice {
                key: format!("offer_approved:{offer_id}:{creator}"),
                user_id: creator,
                job_seeker_id,
                title: format!("Offer approved: {job_seeker}"),
                body: format!("The offer to {job_seeker} for {requisition} is approved and can be sent."),
            });
        } else if let Some(Step { position, user_id, .. }) = offer.next_step() {
            notices.push(ApprovalNotice {
                key: format!("offer_approval:{offer_id}:{position}:{user_id}"),
                user_id: *user_id,
                job_seeker_id,
                title: format!("Offer awaiting your approval: {job_seeker}"),
                body: format!(
                    "The offer to {job_seeker} for {requisition} awaits your approval (step {position} of \
                    {}). Open the job seeker's Offers tab to approve it.",
                    offer.steps.len()
                ),
            });
        }
    }
    Ok(notices)
}

/// The offers whose next approval step is `signed_in`'s, for Home (SPEC OF-9).
pub fn pending_approvals(conn: &mut DbConn, signed_in: &SignedInUser) -> CoreResult<Vec<PendingApproval>> {
    Ok(waiting(conn)?
        .into_iter()
        .filter_map(|offer| {
            let step = offer.next_step().filter(|step| step.user_id == signed_in.user.id)?.position;
            Some(PendingApproval {
                offer_id: offer.offer_id,
                job_seeker_id: offer.job_seeker_id,
                job_seeker: offer.job_seeker,
                requisition: offer.requisition,
                step,
                steps: i32::try_from(offer.steps.len()).unwrap_or(i32::MAX),
                requested_by: offer.creator_email,
            })
        })
        .collect())
}

// The command of Home's "Offers Awaiting Your Approval".

impl Handle for PendingApprovalsRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<PendingApproval>> {
        pending_approvals(cx.conn, &cx.user)
    }
}
