//! Writing a planned data set with multi-row INSERTs, the way the app would have written it.

use crate::accounts::new_accounts;
use crate::db::schema::{application_forms, applications, history, job_seekers, notification_events, requisitions};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::history::{changes_details, HistoryKind};
use crate::job_seekers::applications::standard_forms;
use crate::notices::NotificationKind;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{FieldChange, Role, Stage};

use super::plan::*;
use super::{Seeded, ADMINISTRATOR_EMAIL};

impl Plan {
    pub(super) fn write(&self, conn: &mut DbConn, phc: &str, now: DateTime<Utc>) -> CoreResult<Seeded> {
        let administrator = new_accounts::insert(
            conn,
            &new_accounts::NewUser {
                email: ADMINISTRATOR_EMAIL,
                first_name: "Avery",
                last_name: "Seed",
                role: Role::Administrator,
                password_hash: phc,
                must_change_password: false,
            },
            now,
        )?;
        self.write_requisitions(conn)?;
        self.write_job_seekers(conn)?;
        let applications = self.write_applications(conn, administrator)?;
        self.write_history(conn, administrator)?;
        self.write_notes(conn, administrator, crate::time::to_millis(now))?;
        Ok(Seeded {
            requisitions: self.requisitions.len(),
            job_seekers: self.people.len(),
            applications,
            history: self.events.len(),
            busy_job_seeker_id: id(self.busy),
        })
    }

    pub(super) fn write_requisitions(&self, conn: &mut DbConn) -> CoreResult<()> {
        let rows: Vec<_> = self
            .requisitions
            .iter()
            .enumerate()
            .map(|(index, requisition)| {
                (
                    requisitions::id.eq(id(index)),
                    requisitions::title.eq(&requisition.title),
                    requisitions::department.eq(requisition.department),
                    requisitions::location.eq(requisition.location),
                    requisitions::hiring_manager.eq(requisition.manager),
                    requisitions::closing_date.eq(Some(&requisition.closing_date)),
                    requisitions::is_open.eq(requisition.is_open),
                    requisitions::created_at.eq(requisition.created_at),
                )
            })
            .collect();
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            crate::db::on_backend!(conn, |c| diesel::insert_into(requisitions::table).values(chunk).execute(c))?;
        }
        Ok(())
    }

    pub(super) fn write_job_seekers(&self, conn: &mut DbConn) -> CoreResult<()> {
        for (chunk_index, chunk) in self.people.chunks(ROWS_PER_INSERT).enumerate() {
            let rows: Vec<_> = chunk
                .iter()
                .enumerate()
                .map(|(offset, person)| {
                    let index = chunk_index * ROWS_PER_INSERT + offset;
                    let [phone, email, address, city, unit] = person.versions;
                    let (city, state, postal_code) = Person::city(index, city);
                    (
                        job_seekers::id.eq(id(index)),
                        job_seekers::first_name.eq(person.first),
                        job_seekers::last_name.eq(person.last),
                        job_seekers::email.eq(person.email(index, email)),
                        job_seekers::phone.eq(Person::phone(index, phone)),
                        job_seekers::address_line1.eq(Person::address(index, address)),
                        job_seekers::address_line2.eq(Person::unit(index, unit)),
                        job_seekers::city.eq(city),
                        job_seekers::state.eq(state),
                        job_seekers::postal_code.eq(postal_code),
                        job_seekers::created_at.eq(person.created_at),
                        job_seekers::last_activity_at.eq(person.last_activity_at),
                    )
                })
                .collect();
            crate::db::on_backend!(conn, |c| diesel::insert_into(job_seekers::table).values(&rows).execute(c))?;
        }
        Ok(())
    }

    /// Writes every application with what `job_seekers::applications::create` writes beside it: its
    /// standard forms (not completed) and its "someone applies" event (long delivered, as after years of
    /// use). Returns how many. Application ids are 1, 2, … in job seeker order.
    pub(super) fn write_applications(&self, conn: &mut DbConn, recruiter: i32) -> CoreResult<usize> {
        let all: Vec<(usize, &Application)> = self
            .people
            .iter()
            .enumerate()
            .flat_map(|(index, person)| person.applications.iter().map(move |application| (index, application)))
            .collect();
        for (chunk_index, chunk) in all.chunks(ROWS_PER_INSERT).enumerate() {
            let rows: Vec<_> = chunk
                .iter()
                .enumerate()
                .map(|(offset, (person, application))| {
                    let (stage, disposition) = application.last_step();
                    (
                        applications::id.eq(id(chunk_index * ROWS_PER_INSERT + offset)),
                        applications::job_seeker_id.eq(id(*person)),
                        applications::requisition_id.eq(id(application.requisition)),
                        applications::stage.eq(Stored(stage)),
                        applications::disposition.eq(disposition),
                        applications::recruiter_user_id.eq(Some(recruiter)),
                        applications::applied_at.eq(application.applied_at),
                    )
                })
                .collect();
            crate::db::on_backend!(conn, |c| diesel::insert_into(applications::table).values(&rows).execute(c))?;
            let forms: Vec<_> = (0..chunk.len())
                .flat_map(|offset| standard_forms(id(chunk_index * ROWS_PER_INSERT + offset)))
                .collect();
            crate::db::on_backend!(conn, |c| diesel::insert_into(application_forms::table).values(&forms).execute(c))?;
            let events: Vec<_> = chunk
                .iter()
                .enumerate()
                .map(|(offset, (person, application))| {
                    (
                        notification_events::kind.eq(NotificationKind::SomeoneApplies),
                        notification_events::job_seeker_id.eq(id(*person)),
                        notification_events::requisition_id.eq(id(application.requisition)),
                        notification_events::application_id.eq(id(chunk_index * ROWS_PER_INSERT + offset)),
                        notification_events::created_at.eq(application.applied_at),
                        notification_events::delivered_at.eq(Some(application.applied_at + MINUTE)),
                    )
                })
                .collect();
            crate::db::on_backend!(conn, |c| diesel::insert_into(notification_events::table)
                .values(&events)
                .execute(c))?;
        }
        Ok(all.len())
    }

    pub(super) fn write_history(&self, conn: &mut DbConn, administrator: i32) -> CoreResult<()> {
        for chunk in self.events.chunks(ROWS_PER_INSERT) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|event| {
                    let entry = self.entry(event, administrator);
                    (
                        history::at.eq(event.at),
                        history::actor_user_id.eq(entry.actor_user_id),
                        history::actor_email.eq(entry.actor_email),
                        history::job_seeker_id.eq(Some(id(event.person as usize))),
                        history::requisition_id.eq(entry.requisition_id),
                        history::kind.eq(entry.kind),
                        history::summary.eq(entry.summary),
                        history::details.eq(entry.details),
                    )
                })
                .collect();
            crate::db::on_backend!(conn, |c| diesel::insert_into(history::table).values(&rows).execute(c))?;
        }
        Ok(())
    }

    /// The text of one History entry, worded as the app words it.
    pub(super) fn entry(&self, event: &Event, administrator: i32) -> EntryText {
        let index = event.person as usize;
        let person = &self.people[index];
        match event.what {
            What::Applied { application } => {
                let application = &person.applications[usize::from(application)];
                EntryText {
                    // Applications come in from the job seeker through the careers site, as in the demo.
                    actor_user_id: None,
                    actor_email: person.email(index, 0),
                    requisition_id: Some(id(application.requisition)),
                    kind: HistoryKind::Applied,
                    summary: format!("Applied for {} ({HOW})", self.requisitions[application.requisition].title),
                    details: serde_json::json!({ "stage": Stage::New.label(), "how": HOW }).to_string(),
                }
            }
            What::StageChanged { application, step } => {
                let application = &person.applications[usize::from(application)];
                let step = usize::from(step);
                let (new, disposition) = application.outcome[step];
                let old = if step == 0 { Stage::New } else { application.outcome[step - 1].0 };
                let mut changes =
                    vec![FieldChange { field: "Stage".into(), old: old.label().into(), new: new.label().into() }];
                if let Some(disposition) = disposition {
                    changes.push(FieldChange {
                        field: "Disposition".into(),
                        old: String::new(),
                        new: disposition.label().into(),
                    });
                }
                let title = &self.requisitions[application.requisition].title;
                EntryText {
                    actor_user_id: Some(administrator),
                    actor_email: ADMINISTRATOR_EMAIL.to_owned(),
                    requisition_id: Some(id(application.requisition)),
                    kind: HistoryKind::StageChanged,
                    summary: format!("Stage changed from {} to {} for {title}", old.label(), new.label()),
                    details: changes_details(&changes).to_string(),
                }
            }
            What::ProfileEdited { edit, version } => {
                let changes = person.changes(index, edit, version);
                let fields: Vec<&str> = changes.iter().map(|change| change.field.as_str()).collect();
                EntryText {
                    actor_user_id: Some(administrator),
                    actor_email: ADMINISTRATOR_EMAIL.to_owned(),
                    requisition_id: None,
                    kind: HistoryKind::ProfileEdited,
                    summary: format!("Edited {}", fields.join(", ")),
                    details: changes_details(&changes).to_string(),
                }
            }
        }
    }
}

pub(super) struct EntryText {
    pub(super) actor_user_id: Option<i32>,
    pub(super) actor_email: String,
    pub(super) requisition_id: Option<i32>,
    pub(super) kind: HistoryKind,
    pub(super) summary: String,
    pub(super) details: String,
}
