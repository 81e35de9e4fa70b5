//! Synthetic notes and tasks for the search benchmark: short recruiter notes put together from everyday
//! phrases (calls, shifts, cities, languages, certifications, pay), a fifth of them tasks with a due date, half
//! of those done, all by the seeded Administrator. They get no History lines of their own, so the History
//! count stays what was asked for.

use crate::db::schema::notes;
use crate::db::stored::Day;
use crate::db::DbConn;
use crate::error::CoreResult;
use diesel::prelude::*;

use super::plan::{id, Plan, Rng, DAY, ROWS_PER_INSERT};
use super::ADMINISTRATOR_EMAIL;

const CALLS: [&str; 8] = [
    "Called, left a voicemail",
    "Phone screen went well",
    "Emailed about next steps",
    "Spoke with the hiring manager",
    "Texted to confirm the interview",
    "No answer, will try again",
    "Met at the career fair",
    "Referred by a current employee",
];
const FACTS: [&str; 12] = [
    "mentioned relocating to {city}",
    "prefers the night shift",
    "prefers weekend shifts",
    "bilingual in {language}",
    "{cert} certified, renewal due in {month}",
    "asked for ${pay} an hour",
    "available from {month}",
    "licensed in {state}",
    "needs visa sponsorship",
    "has a competing offer from another hospital",
    "references checked and positive",
    "wants a hybrid schedule",
];
const CITIES: [&str; 10] =
    ["Denver", "Seattle", "Chicago", "Austin", "Portland", "Phoenix", "Atlanta", "Miami", "Boston", "San Diego"];
const LANGUAGES: [&str; 6] = ["Spanish", "Portuguese", "Haitian Creole", "Vietnamese", "Mandarin", "French"];
const CERTIFICATIONS: [&str; 6] = ["ACLS", "BLS", "PALS", "CPR", "CNA", "Phlebotomy"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const STATES: [&str; 6] = ["Massachusetts", "Rhode Island", "New Hampshire", "Colorado", "Texas", "Florida"];
const TASKS: [&str; 6] = [
    "Send the background check forms",
    "Schedule the second interview",
    "Check references",
    "Follow up on the offer",
    "Collect the licence copy",
    "Book the drug screen",
];

impl Plan {
    /// Writes `self.notes` notes about random applications, each written after its job seeker arrived.
    pub(super) fn write_notes(&self, conn: &mut DbConn, author: i32, now: i64) -> CoreResult<()> {
        let mut first_application = Vec::with_capacity(self.people.len());
        let mut next = 0;
        for person in &self.people {
            first_application.push(next);
            next += person.applications.len();
        }
        let mut rng = Rng(0x6e6f_7465_7321);
        let mut rows = Vec::with_capacity(ROWS_PER_INSERT);
        for _ in 0..self.notes {
            let index = rng.below(self.people.len());
            let person = &self.people[index];
            let application = first_application[index] + rng.below(person.applications.len().max(1));
            let span = usize::try_from((now - person.created_at).max(DAY) / 60_000).unwrap_or(1).max(1);
            let created_at = person.created_at + 60_000 * i64::try_from(rng.below(span)).unwrap_or(0);
            let task = rng.chance(20);
            let text = if task { pick(&mut rng, &TASKS).to_owned() } else { note_text(&mut rng) };
            let due = task.then(|| {
                let days = i64::try_from(rng.below(28)).unwrap_or(0) - 7;
                Day::text(crate::time::from_millis(created_at + days * DAY).date_naive())
            });
            let completed_at = (task && rng.chance(50)).then_some(created_at + DAY);
            rows.push((
                notes::application_id.eq(id(application)),
                notes::job_seeker_id.eq(id(index)),
                notes::author_user_id.eq(author),
                notes::author_email.eq(ADMINISTRATOR_EMAIL),
                notes::text.eq(text),
                notes::is_task.eq(task),
                notes::due_date.eq(due),
                notes::completed_at.eq(completed_at),
                notes::created_at.eq(created_at),
                notes::updated_at.eq(created_at),
            ));
            if rows.len() == ROWS_PER_INSERT {
                crate::db::on_backend!(conn, |c| diesel::insert_into(notes::table).values(&rows).execute(c))?;
                rows.clear();
            }
        }
        if !rows.is_empty() {
            crate::db::on_backend!(conn, |c| diesel::insert_into(notes::table).values(&rows).execute(c))?;
        }
        Ok(())
    }
}

fn pick<'a>(rng: &mut Rng, from: &[&'a str]) -> &'a str {
    from[rng.below(from.len())]
}

/// A call and one or two facts: "Phone screen went well; mentioned relocating to Denver, bilingual in French."
fn note_text(rng: &mut Rng) -> String {
    let mut facts = vec![fact(rng)];
    if rng.chance(50) {
        facts.push(fact(rng));
    }
    format!("{}; {}.", pick(rng, &CALLS), facts.join(", "))
}

fn fact(rng: &mut Rng) -> String {
    let pay = 18 + rng.below(40);
    pick(rng, &FACTS)
        .replace("{city}", pick(rng, &CITIES))
        .replace("{language}", pick(rng, &LANGUAGES))
        .replace("{cert}", pick(rng, &CERTIFICATIONS))
        .replace("{month}", pick(rng, &MONTHS))
        .replace("{state}", pick(rng, &STATES))
        .replace("{pay}", &pay.to_string())
}
