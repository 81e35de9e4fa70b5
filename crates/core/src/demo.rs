//! The demo organisation (SPEC DT-1): an Administrator and two Recruiters whose documented initial passwords
//! must be changed at first sign-in, ten requisitions, sixty job seekers across every stage and three offer templates.
//!
//! The data is fixed (no randomness), so a demo looks the same on every machine and tests can rely on it.

use crate::accounts::{new_accounts, password};
use crate::db::schema::{application_forms, applications, job_seekers, organisation, requisitions};
use crate::db::stored::{Day, Stored};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::intake::JobSeekerRow;
use crate::job_seekers::applications::{self as application, Disposition, NewApplication};
use crate::requisitions::RequisitionColumns;
use crate::{offers, time};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use hiredesk_wire::{DemoAccount, ErrorKind, FieldChange, Role, Stage};

pub const ORGANISATION: &str = "Northwind Health";
pub const ADMINISTRATOR_PASSWORD: &str = "Northwind admin demo";
pub const RECRUITER_PASSWORD: &str = "Northwind recruiter demo";

/// (email, first name, last name, role, initial password)
const ACCOUNTS: [(&str, &str, &str, Role, &str); 3] = [
    ("dana.whitfield@northwind.example", "Dana", "Whitfield", Role::Administrator, ADMINISTRATOR_PASSWORD),
    ("maria.alvarez@northwind.example", "Maria", "Alvarez", Role::Recruiter, RECRUITER_PASSWORD),
    ("james.okafor@northwind.example", "James", "Okafor", Role::Recruiter, RECRUITER_PASSWORD),
];

/// (title, department, location, hiring manager, days until closing; negative: closed)
const REQUISITIONS: [(&str, &str, &str, &str, i64); 10] = [
    ("Registered Nurse, Cardiology", "Nursing", "Boston, MA", "Helen Park", 21),
    ("Medical Assistant", "Outpatient Care", "Cambridge, MA", "Robert Lin", 14),
    ("Pharmacy Technician", "Pharmacy", "Quincy, MA", "Angela Ruiz", 30),
    ("IT Support Specialist", "Information Technology", "Boston, MA", "Tom Becker", 10),
    ("Billing Coordinator", "Finance", "Worcester, MA", "Priya Nair", 45),
    ("Physical Therapist", "Rehabilitation", "Newton, MA", "Carlos Mendes", 28),
    ("Lab Technician", "Laboratory", "Boston, MA", "Grace Kim", 7),
    ("Patient Services Representative", "Front Office", "Lowell, MA", "Owen Walsh", 35),
    ("Nurse Practitioner, Primary Care", "Nursing", "Brookline, MA", "Helen Park", 60),
    ("HR Generalist", "Human Resources", "Boston, MA", "Sofia Rossi", -5),
];

const FIRST_NAMES: [&str; 30] = [
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Elijah",
    "Sophia",
    "Mateo",
    "Isabella",
    "Lucas",
    "Mia",
    "Ethan",
    "Amelia",
    "Aiden",
    "Harper",
    "Jackson",
    "Evelyn",
    "Sebastian",
    "Abigail",
    "Daniel",
    "Emily",
    "Henry",
    "Ella",
    "Samuel",
    "Aaliyah",
    "Owen",
    "Priya",
    "Wei",
    "Fatima",
    "Diego",
];
const LAST_NAMES: [&str; 30] = [
    "Johnson",
    "Nguyen",
    "Patel",
    "Garcia",
    "Smith",
    "Kowalski",
    "Brown",
    "Hernandez",
    "Murphy",
    "Kim",
    "Williams",
    "Okonkwo",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Cohen",
    "Anderson",
    "Thompson",
    "Singh",
    "Lopez",
    "Wilson",
    "Moore",
    "Taylor",
    "Jackson",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "Rivera",
];
const CITIES: [(&str, &str); 6] = [
    ("Boston", "02118"),
    ("Cambridge", "02139"),
    ("Somerville", "02143"),
    ("Quincy", "02169"),
    ("Newton", "02458"),
    ("Worcester", "01608"),
];
const STREETS: [&str; 8] =
    ["Beacon St", "Massachusetts Ave", "Tremont St", "Boylston St", "Washington St", "Main St", "Elm St", "Harvard St"];

/// (stage, disposition) for the job seekers in turn: every stage appears, several at Offer.
const STAGES: [(Stage, Option<Disposition>); 10] = [
    (Stage::New, None),
    (Stage::Screening, None),
    (Stage::Interview, None),
    (Stage::Offer, None),
    (Stage::New, None),
    (Stage::Screening, None),
    (Stage::Interview, None),
    (Stage::Hired, Some(Disposition::AcceptedOffer)),
    (Stage::NotHired, Some(Disposition::NotQualified)),
    (Stage::NotHired, Some(Disposition::Withdrew)),
];

/// The stages an application passed through to reach `stage`.
fn path_to(stage: Stage) -> &'static [Stage] {
    match stage {
        Stage::New => &[],
        Stage::Screening => &[Stage::Screening],
        Stage::Interview => &[Stage::Screening, Stage::Interview],
        Stage::Offer => &[Stage::Screening, Stage::Interview, Stage::Offer],
        Stage::Hired => &[Stage::Screening, Stage::Interview, Stage::Offer, Stage::Hired],
        Stage::NotHired => &[Stage::Screening, Stage::NotHired],
    }
}

/// Gives a demo application a past: the stage changes that led to its stage, a disposition, and forms
/// completed along the way, each with its History entry at a plausible time.
#[allow(clippy::too_many_arguments)]
fn live_through(
    conn: &mut DbConn,
    application_id: i32,
    job_seeker_id: i32,
    (requisition_id, title): (i32, &str),
    stage: Stage,
    disposition: Option<Disposition>,
    applied: DateTime<Utc>,
    recruiter: &str,
) -> CoreResult<()> {
    let actor = Actor { user_id: None, email: recruiter };
    let mut at = applied;
    let mut previous = Stage::New;
    let log = |conn: &mut DbConn, at: DateTime<Utc>, kind: HistoryKind, summary: String, change: FieldChange| {
        history::record(
            conn,
            &Entry::about(at, actor, kind, job_seeker_id, Some(requisition_id), summary)
                .with_details(history::changes_details(&[change])),
        )
    };
    let complete = |conn: &mut DbConn, at: DateTime<Utc>, form: &str| -> CoreResult<()> {
        diesel::update(
            application_forms::table
                .filter(application_forms::application_id.eq(application_id))
                .filter(application_forms::name.eq(form)),
        )
        .set((
            application_forms::completed_at.eq(Some(time::to_millis(at))),
            application_forms::completed_by_email.eq(Some(recruiter)),
        ))
        .execute(conn)?;
        log(
            conn,
            at,
            HistoryKind::FormCompleted,
            format!("{form} form completed for {title}"),
            FieldChange { field: form.to_owned(), old: "Not completed".into(), new: "Completed".into() },
        )
    };
    complete(conn, applied + Duration::hours(1), "Application")?;
    for next in path_to(stage) {
        at += Duration::hours(31);
        log(
            conn,
            at,
            HistoryKind::StageChanged,
            format!("Stage changed from {} to {} for {title}", previous.label(), next.label()),
            FieldChange { field: "Stage".into(), old: previous.label().into(), new: next.label().into() },
        )?;
        if *next == Stage::Offer {
            complete(conn, at + Duration::hours(2), "Background Check")?;
        }
        if *next == Stage::Hired {
            complete(conn, at + Duration::hours(3), "W-4 Tax Form")?;
            complete(conn, at + Duration::hours(4), "I-9 Employment Eligibility")?;
        }
        previous = *next;
    }
    if let Some(disposition) = disposition {
        at += Duration::hours(1);
        log(
            conn,
            at,
            HistoryKind::DispositionChanged,
            format!("Disposition set to {} for {title}", disposition.label()),
            FieldChange { field: "Disposition".into(), old: String::new(), new: disposition.label().into() },
        )?;
    }
    diesel::update(applications::table.find(application_id))
        .set((applications::stage.eq(Stored(stage)), applications::disposition.eq(disposition)))
        .execute(conn)?;
    diesel::update(job_seekers::table.find(job_seeker_id))
        .set(job_seekers::last_activity_at.eq(time::to_millis(at)))
        .execute(conn)?;
    Ok(())
}

/// (name, subject, letter, approved by the administrator first) for the demo's offer templates.
const OFFER_TEMPLATES: [(&str, &str, &str, bool); 3] = [
    (
        "Full-Time Offer",
        "Offer of employment: {{ requisition_title }} at {{ organisation_name }}",
        "{{ today }}

{{ job_seeker_full_name }}
{{ job_seeker_address }}

Dear {{ job_seeker_first_name }},

On behalf of {{ organisation_name }}, I am pleased to offer you the full-time position of \
{{ requisition_title }} in our {{ department }} department in {{ location }}, reporting to {{ hiring_manager }}.

Your annual salary will be {{ salary }}, paid every two weeks, and your first day will be {{ start_date }}. \
{% if signing_bonus %}You will also receive a signing bonus of {{ signing_bonus }}, paid with your first \
salary.{% endif %}

{% if benefits %}{{ benefits }}{% endif %}

Please let us know your decision by {{ response_deadline }}. We look forward to welcoming you to the team.

Sincerely,

{{ recruiter_name }}
{{ organisation_name }}
{{ recruiter_email }}
",
        true,
    ),
    (
        "Hourly Part-Time Offer",
        "Your part-time offer: {{ requisition_title }}",
        "{{ today }}

Dear {{ job_seeker_first_name }} {{ job_seeker_last_name }},

We are happy to offer you a part-time position as {{ requisition_title }} with {{ organisation_name }} \
in {{ location }}.

Pay: {{ hourly_rate }} per hour
Hours: {{ hours_per_week }} hours per week
Schedule: {{ work_schedule }}
First day: {{ start_date }}

Your supervisor will be {{ hiring_manager }}. Please reply by {{ response_deadline }}.

Kind regards,
{{ recruiter_name }}
{{ recruiter_email }}
",
        false,
    ),
    (
        "Internship Offer",
        "Internship offer from {{ organisation_name }}",
        "{{ today }}

Dear {{ job_seeker_first_name }},

Congratulations! {{ organisation_name }} is delighted to offer you an internship as {{ requisition_title }} \
in the {{ department }} department, from {{ start_date }} to {{ end_date }}.

Your supervisor will be {{ supervisor }}, and the internship carries a stipend of {{ stipend }}.

Please confirm by {{ response_deadline }} that you accept.

Best wishes,
{{ recruiter_name }}
{{ organisation_name }}
",
        false,
    ),
];

fn insert_offer_templates(conn: &mut DbConn, administrator: i32, now: DateTime<Utc>) -> CoreResult<()> {
    for (name, subject, body, approved) in OFFER_TEMPLATES {
        let template = offers::templates::Template {
            id: 0,
            name: name.into(),
            subject: subject.into(),
            body: body.into(),
            active: true,
        };
        let approvers = if approved { vec![administrator] } else { Vec::new() };
        offers::templates::insert(conn, &template, &approvers, now)?;
    }
    Ok(())
}

/// Number of demo job seekers.
pub const JOB_SEEKERS: usize = 60;

/// Fills an installation that has no users with the demo organisation, in one transaction.
pub fn load(conn: &mut DbConn, now: DateTime<Utc>) -> CoreResult<Vec<DemoAccount>> {
    if new_accounts::any_exist(conn)? {
        return Err(CoreError::user(
            ErrorKind::Conflict,
            "Demo data can only be loaded into an empty installation. Start with --demo for a separate demo.",
        ));
    }
    // Hash outside the transaction: it is the slow part. Each account gets its own hash, with its own fresh
    // salt, even where two share an initial password: one shared hash would tell anyone who can read the file
    // that those accounts have the same password, and one cracked hash would open them all.
    let hashes =
        ACCOUNTS.iter().map(|(_, _, _, _, initial)| password::hash(initial)).collect::<CoreResult<Vec<String>>>()?;
    crate::db::write(conn, |conn| {
        if new_accounts::any_exist(conn)? {
            return Err(CoreError::user(ErrorKind::Conflict, "This installation already has users."));
        }
        diesel::update(organisation::table.find(1)).set(organisation::name.eq(ORGANISATION)).execute(conn)?;
        let mut user_ids = Vec::new();
        for ((email, first_name, last_name, role, _), phc) in ACCOUNTS.into_iter().zip(&hashes) {
            let new = new_accounts::NewUser {
                email,
                first_name,
                last_name,
                role,
                password_hash: phc,
                must_change_password: true,
            };
            user_ids.push(new_accounts::insert(conn, &new, now)?);
        }
        let administrator = Actor { user_id: user_ids.first().copied(), email: ACCOUNTS[0].0 };
        let requisition_ids = insert_requisitions(conn, now)?;
        insert_job_seekers(conn, now, &requisition_ids, &user_ids)?;
        insert_offer_templates(conn, user_ids[0], now)?;
        history::record(
            conn,
            &Entry::account(
                now,
                administrator,
                HistoryKind::DemoDataLoaded,
                format!("Demo data loaded: {} requisitions, {JOB_SEEKERS} job seekers", requisition_ids.len()),
            ),
        )?;
        Ok(accounts())
    })
}

/// The demo accounts and their documented initial passwords.
pub fn accounts() -> Vec<DemoAccount> {
    ACCOUNTS
        .iter()
        .map(|(email, _, _, role, initial)| DemoAccount {
            email: (*email).to_owned(),
            role: *role,
            initial_password: (*initial).to_owned(),
        })
        .collect()
}

fn insert_requisitions(conn: &mut DbConn, now: DateTime<Utc>) -> CoreResult<Vec<(i32, String)>> {
    let mut ids = Vec::new();
    for (index, (title, department, location, manager, closes_in)) in REQUISITIONS.into_iter().enumerate() {
        let days_ago = i64::try_from(index).unwrap_or(0) * 3 + 20;
        let closing = Day::text((now + Duration::days(closes_in)).date_naive());
        let columns = RequisitionColumns {
            title,
            department,
            location,
            hiring_manager: manager,
            closing_date: Some(&closing),
            is_open: closes_in >= 0,
        };
        let created_at = requisitions::created_at.eq(time::to_millis(now - Duration::days(days_ago)));
        let id: i32 = diesel::insert_into(requisitions::table)
            .values((columns, created_at))
            .returning(requisitions::id)
            .get_result(conn)?;
        ids.push((id, title.to_owned()));
    }
    Ok(ids)
}

fn insert_job_seekers(
    conn: &mut DbConn,
    now: DateTime<Utc>,
    requisitions: &[(i32, String)],
    user_ids: &[i32],
) -> CoreResult<()> {
    let recruiters = &user_ids[1..];
    for index in 0..JOB_SEEKERS {
        // Stepping through the name lists with different strides gives sixty distinct, plausible names.
        let first = FIRST_NAMES[index % FIRST_NAMES.len()];
        let last = LAST_NAMES[(index * 7 + 3 + index / FIRST_NAMES.len() * 11) % LAST_NAMES.len()];
        let (city, postal_code) = CITIES[index % CITIES.len()];
        let (stage, disposition) = STAGES[index % STAGES.len()];
        let (requisition_id, requisition_title) = &requisitions[index % requisitions.len()];
        let requisition_title = requisition_title.as_str();
        let recruiter = recruiters[index % recruiters.len()];
        // Far enough back for the whole path of stage changes to lie in the past.
        let applied = now - Duration::hours(i64::try_from(index).unwrap_or(0) * 17 + 160);
        let email = format!("{}.{}{}@mail.example", first.to_lowercase(), last.to_lowercase(), index % 7);
        let phone = format!("(617) 555-{:04}", 1000 + index * 37);
        let street = format!("{} {}", 10 + index * 13, STREETS[index % STREETS.len()]);
        let row = JobSeekerRow {
            first_name: first,
            last_name: last,
            email: &email,
            phone: &phone,
            address_line1: &street,
            address_line2: "",
            city,
            state: "MA",
            postal_code,
            created_at: time::to_millis(applied),
            last_activity_at: time::to_millis(applied),
        };
        let id: i32 =
            diesel::insert_into(job_seekers::table).values(row).returning(job_seekers::id).get_result(conn)?;
        let application_id = application::create(
            conn,
            &NewApplication {
                job_seeker_id: id,
                requisition_id: *requisition_id,
                requisition_title,
                stage: Stage::New,
                recruiter_user_id: Some(recruiter),
                at: applied,
                actor: Actor { user_id: None, email: &email },
                how: "careers site",
            },
        )?;
        let recruiter_email = ACCOUNTS[1 + index % recruiters.len()].0;
        live_through(
            conn,
            application_id,
            id,
            (*requisition_id, requisition_title),
            stage,
            disposition,
            applied,
            recruiter_email,
        )?;
    }
    Ok(())
}
