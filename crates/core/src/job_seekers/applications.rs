//! Creating an application: the row, its standard forms, the "someone applies" event and its History
//! entry, all in the caller's transaction. Every way a job seeker applies (by hand, import, demo) comes here.
//! Also the application's [`Disposition`], a typed column.

use crate::db::schema::{application_forms, applications, job_seekers, requisitions};
use crate::db::stored::{text_column, Stored, StoredName};
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::notices::{self, NotificationKind};
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::Stage;

/// Why an application ended or stands where it does (SPEC JS-2), stored as its label. The wire lists the same
/// labels for the UI's choice (`DISPOSITIONS`); a test keeps the two lists equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum Disposition {
    Withdrew,
    NotQualified,
    PositionFilled,
    AcceptedOffer,
    DeclinedOffer,
    NoShow,
}

impl Disposition {
    pub const ALL: [Disposition; 6] = [
        Disposition::Withdrew,
        Disposition::NotQualified,
        Disposition::PositionFilled,
        Disposition::AcceptedOffer,
        Disposition::DeclinedOffer,
        Disposition::NoShow,
    ];

    /// The name shown and stored.
    pub const fn label(self) -> &'static str {
        match self {
            Disposition::Withdrew => "Withdrew",
            Disposition::NotQualified => "Not qualified",
            Disposition::PositionFilled => "Position filled",
            Disposition::AcceptedOffer => "Accepted offer",
            Disposition::DeclinedOffer => "Declined offer",
            Disposition::NoShow => "No show",
        }
    }

    pub fn from_label(label: &str) -> Option<Disposition> {
        Self::ALL.into_iter().find(|disposition| disposition.label() == label)
    }
}

impl StoredName for Disposition {
    const WHAT: &'static str = "disposition";

    fn stored_name(self) -> &'static str {
        self.label()
    }

    fn from_stored_name(name: &str) -> Option<Self> {
        Self::from_label(name)
    }
}

text_column!(Disposition);

/// The forms every application starts with (SPEC JS-5), in the order the Forms tab lists them.
pub const STANDARD_FORMS: [&str; 4] = ["Application", "Background Check", "W-4 Tax Form", "I-9 Employment Eligibility"];

/// The form whose completion notifies users who asked for it (SPEC AC-8).
pub const BACKGROUND_CHECK: &str = "Background Check";

/// A new application to write.
#[derive(Debug)]
pub struct NewApplication<'a> {
    pub job_seeker_id: i32,
    pub requisition_id: i32,
    pub requisition_title: &'a str,
    pub stage: Stage,
    pub recruiter_user_id: Option<i32>,
    pub at: DateTime<Utc>,
    /// Who did it (the recruiter, or the applicant for a careers-site application) and how, for History.
    pub actor: Actor<'a>,
    pub how: &'a str,
}

/// An application where it stands: whose it is, for which requisition (with its title), its stage and
/// disposition. Selected with [`STANDING`] from `applications` joined with `requisitions`.
#[derive(Debug, Clone, Queryable)]
pub(crate) struct Standing {
    pub job_seeker_id: i32,
    pub requisition_id: i32,
    pub title: String,
    #[diesel(deserialize_as = Stored<Stage>)]
    pub stage: Stage,
    pub disposition: Option<Disposition>,
}

/// The columns of a [`Standing`].
pub(crate) const STANDING: (
    applications::job_seeker_id,
    applications::requisition_id,
    requisitions::title,
    applications::stage,
    applications::disposition,
) = (
    applications::job_seeker_id,
    applications::requisition_id,
    requisitions::title,
    applications::stage,
    applications::disposition,
);

/// A row of `applications` as written.
#[derive(Insertable)]
#[diesel(table_name = applications)]
struct ApplicationRow {
    job_seeker_id: i32,
    requisition_id: i32,
    #[diesel(serialize_as = Stored<Stage>)]
    stage: Stage,
    recruiter_user_id: Option<i32>,
    applied_at: i64,
}

/// A form of an application, not completed yet.
#[derive(Insertable)]
#[diesel(table_name = application_forms)]
pub(crate) struct NewForm {
    pub application_id: i32,
    pub name: &'static str,
    pub position: i32,
}

/// The standard forms of an application, in order.
pub(crate) fn standard_forms(application_id: i32) -> impl Iterator<Item = NewForm> {
    STANDARD_FORMS.into_iter().zip(1..).map(move |(name, position)| NewForm { application_id, name, position })
}

/// Writes the application with its forms, its event and its one History entry. Returns its id.
pub fn create(conn: &mut DbConn, new: &NewApplication<'_>) -> CoreResult<i32> {
    let at = time::to_millis(new.at);
    let row = ApplicationRow {
        job_seeker_id: new.job_seeker_id,
        requisition_id: new.requisition_id,
        stage: new.stage,
        recruiter_user_id: new.recruiter_user_id,
        applied_at: at,
    };
    let id: i32 = diesel::insert_into(applications::table).values(row).returning(applications::id).get_result(conn)?;
    let forms: Vec<NewForm> = standard_forms(id).collect();
    crate::db::on_backend!(conn, |c| diesel::insert_into(application_forms::table).values(&forms).execute(c))?;
    notices::record_event(conn, NotificationKind::SomeoneApplies, new.job_seeker_id, new.requisition_id, id, at)?;
    diesel::update(job_seekers::table.find(new.job_seeker_id))
        .set(job_seekers::last_activity_at.eq(at))
        .execute(conn)?;
    history::record(
        conn,
        &Entry::about(
            new.at,
            new.actor,
            HistoryKind::Applied,
            new.job_seeker_id,
            Some(new.requisition_id),
            format!("Applied for {} ({})", new.requisition_title, new.how),
        )
        .with_details(serde_json::json!({ "stage": new.stage.label(), "how": new.how })),
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dispositions_are_the_ones_the_wire_offers_in_its_order() {
        let labels: Vec<&str> = Disposition::ALL.iter().map(|disposition| disposition.label()).collect();
        assert_eq!(labels, hiredesk_wire::DISPOSITIONS);
        assert!(Disposition::ALL.iter().all(|d| Disposition::from_stored_name(d.stored_name()) == Some(*d)));
    }
}
