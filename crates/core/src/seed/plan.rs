//! Deciding the whole data set in memory, from a fixed random seed, before anything is written.

use crate::error::{CoreError, CoreResult};
use crate::job_seekers::applications::Disposition;
use crate::time;
use chrono::{DateTime, Utc};
use hiredesk_wire::{ErrorKind, FieldChange, Stage};

use super::SeedOptions;

/// Rows per INSERT. A thousand rows of at most twelve columns stay far below SQLite's 32,766 bound
/// parameters; larger statements were not measurably faster.
pub(super) const ROWS_PER_INSERT: usize = 1_000;

/// The fixed seed ("Hiredesk"): the same options always give the same database.
pub(super) const RANDOM_SEED: u64 = 0x4869_7265_6465_736b;

pub(super) const MINUTE: i64 = 60_000;
pub(super) const HOUR: i64 = 60 * MINUTE;
pub(super) const DAY: i64 = 24 * HOUR;
/// How far back the oldest job seeker applied.
pub(super) const SPAN: i64 = 3 * 365 * DAY;

/// Upper bounds that keep ids inside `i32` and the plan (about 24 bytes per History entry) in memory.
pub(super) const MAX_JOB_SEEKERS: usize = 10_000_000;
pub(super) const MAX_HISTORY: usize = 50_000_000;
pub(super) const MAX_REQUISITIONS: usize = 100_000;

/// (role, department)
pub(super) const ROLES: [(&str, &str); 25] = [
    ("Registered Nurse", "Nursing"),
    ("Nurse Practitioner", "Nursing"),
    ("Licensed Practical Nurse", "Nursing"),
    ("Medical Assistant", "Outpatient Care"),
    ("Patient Care Technician", "Outpatient Care"),
    ("Pharmacy Technician", "Pharmacy"),
    ("Clinical Pharmacist", "Pharmacy"),
    ("Lab Technician", "Laboratory"),
    ("Phlebotomist", "Laboratory"),
    ("Radiology Technologist", "Imaging"),
    ("Sonographer", "Imaging"),
    ("Physical Therapist", "Rehabilitation"),
    ("Occupational Therapist", "Rehabilitation"),
    ("Respiratory Therapist", "Rehabilitation"),
    ("IT Support Specialist", "Information Technology"),
    ("Systems Analyst", "Information Technology"),
    ("Billing Coordinator", "Finance"),
    ("Accounts Payable Clerk", "Finance"),
    ("Patient Services Representative", "Front Office"),
    ("Scheduling Coordinator", "Front Office"),
    ("HR Generalist", "Human Resources"),
    ("Recruiting Coordinator", "Human Resources"),
    ("Facilities Technician", "Facilities"),
    ("Environmental Services Aide", "Facilities"),
    ("Dietary Aide", "Food Services"),
];
pub(super) const LOCATIONS: [&str; 4] = ["Boston, MA", "Cambridge, MA", "Worcester, MA", "Providence, RI"];
pub(super) const MANAGERS: [&str; 8] =
    ["Helen Park", "Robert Lin", "Angela Ruiz", "Tom Becker", "Priya Nair", "Carlos Mendes", "Grace Kim", "Owen Walsh"];

pub(super) const FIRST_NAMES: [&str; 40] = [
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
    "Chloe",
    "Omar",
    "Grace",
    "Yusuf",
    "Hannah",
    "Kenji",
    "Zoe",
    "Andre",
    "Leila",
    "Tomas",
];
pub(super) const LAST_NAMES: [&str; 40] = [
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
    "Chen",
    "Haddad",
    "Schmidt",
    "Rossi",
    "Ivanova",
    "Sato",
    "Mensah",
    "Novak",
    "Dubois",
    "Silva",
];
/// (city, state, ZIP code)
pub(super) const CITIES: [(&str, &str, &str); 8] = [
    ("Boston", "MA", "02118"),
    ("Cambridge", "MA", "02139"),
    ("Somerville", "MA", "02143"),
    ("Quincy", "MA", "02169"),
    ("Newton", "MA", "02458"),
    ("Worcester", "MA", "01608"),
    ("Providence", "RI", "02903"),
    ("Nashua", "NH", "03060"),
];
pub(super) const STREETS: [&str; 10] = [
    "Beacon St",
    "Massachusetts Ave",
    "Tremont St",
    "Boylston St",
    "Washington St",
    "Main St",
    "Elm St",
    "Harvard St",
    "Centre St",
    "Park Dr",
];
pub(super) const AREA_CODES: [&str; 5] = ["617", "857", "781", "508", "401"];
pub(super) const DOMAINS: [&str; 4] = ["mail.example", "inbox.example", "post.example", "webmail.example"];

/// How every seeded job seeker applied, as the Applied entry says.
pub(super) const HOW: &str = "careers site";

/// One stage change: the stage reached and the disposition set with it.
pub(super) type Step = (Stage, Option<Disposition>);

/// How applications end, as the stage changes that lead there from New. An ending listed twice is twice as
/// likely: every stage appears, and most applications stop early or are turned down, as in real pipelines.
pub(super) const OUTCOMES: [&[Step]; 13] = [
    &[],
    &[],
    &[(Stage::Screening, None)],
    &[(Stage::Screening, None)],
    &[(Stage::Screening, None), (Stage::Interview, None)],
    &[(Stage::Screening, None), (Stage::Interview, None)],
    &[(Stage::Screening, None), (Stage::Interview, None), (Stage::Offer, None)],
    &[
        (Stage::Screening, None),
        (Stage::Interview, None),
        (Stage::Offer, None),
        (Stage::Hired, Some(Disposition::AcceptedOffer)),
    ],
    &[(Stage::NotHired, Some(Disposition::NotQualified))],
    &[(Stage::Screening, None), (Stage::NotHired, Some(Disposition::Withdrew))],
    &[(Stage::Screening, None), (Stage::Interview, None), (Stage::NotHired, Some(Disposition::NoShow))],
    &[(Stage::Screening, None), (Stage::Interview, None), (Stage::NotHired, Some(Disposition::PositionFilled))],
    &[
        (Stage::Screening, None),
        (Stage::Interview, None),
        (Stage::Offer, None),
        (Stage::NotHired, Some(Disposition::DeclinedOffer)),
    ],
];

/// SplitMix64: small, fast and good enough for test data; the core has no need of a random-number crate.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// A number in `0..n` (`n` > 0), without modulo bias worth mentioning.
    pub(super) fn below(&mut self, n: usize) -> usize {
        // The product's high half is below n, so the conversion back cannot fail.
        usize::try_from((u128::from(self.next()) * n as u128) >> 64).unwrap_or(0)
    }

    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for last in (1..items.len()).rev() {
            items.swap(last, self.below(last + 1));
        }
    }
}

/// SplitMix64's finaliser: also gives each job seeker stable pseudo-random details without storing them.
pub(super) fn mix(value: u64) -> u64 {
    let mut z = value;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The 1-based id of a 0-based row. [`validate`] keeps every count far below `i32::MAX`.
pub(super) fn id(index: usize) -> i32 {
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

/// A profile edit, which changes one field (or City with its State and ZIP Code) to its next version.
#[derive(Debug, Clone, Copy)]
pub(super) enum Edit {
    Phone,
    Email,
    Address,
    City,
    Unit,
}

impl Edit {
    /// Phones and emails change most, flats least.
    pub(super) fn pick(rng: &mut Rng) -> Edit {
        match rng.below(20) {
            0..=5 => Edit::Phone,
            6..=9 => Edit::Email,
            10..=13 => Edit::Address,
            14..=16 => Edit::City,
            _ => Edit::Unit,
        }
    }
}

pub(super) struct Requisition {
    pub(super) title: String,
    pub(super) department: &'static str,
    pub(super) location: &'static str,
    pub(super) manager: &'static str,
    pub(super) created_at: i64,
    pub(super) closing_date: String,
    pub(super) is_open: bool,
}

pub(super) struct Application {
    pub(super) requisition: usize,
    pub(super) outcome: &'static [Step],
    pub(super) applied_at: i64,
}

impl Application {
    /// The stage and disposition the application ends at.
    pub(super) fn last_step(&self) -> Step {
        self.outcome.last().copied().unwrap_or((Stage::New, None))
    }
}

pub(super) struct Person {
    pub(super) first: &'static str,
    pub(super) last: &'static str,
    pub(super) applications: Vec<Application>,
    /// Profile edits beyond the applications and their stage changes.
    pub(super) edits: usize,
    pub(super) created_at: i64,
    pub(super) last_activity_at: i64,
    /// How often each [`Edit`] happened, in the order of its variants: the profile shows the last version
    /// of each field.
    pub(super) versions: [u32; 5],
}

impl Person {
    /// The History entries the applications need: one per application and one per stage change.
    pub(super) fn required_history(&self) -> usize {
        self.applications.iter().map(|application| 1 + application.outcome.len()).sum()
    }

    pub(super) fn history(&self) -> usize {
        self.required_history() + self.edits
    }

    pub(super) fn phone(index: usize, version: u32) -> String {
        let base = mix(index as u64);
        let number = (base + u64::from(version) * 7_919) % 10_000;
        format!("({}) 555-{number:04}", AREA_CODES[usize::try_from(base % 5).unwrap_or(0)])
    }

    pub(super) fn email(&self, index: usize, version: u32) -> String {
        let domain = DOMAINS[version as usize % DOMAINS.len()];
        format!("{}.{}{index}@{domain}", self.first.to_lowercase(), self.last.to_lowercase())
    }

    pub(super) fn address(index: usize, version: u32) -> String {
        let number = 10 + (mix(index as u64) + u64::from(version) * 37) % 990;
        format!("{number} {}", STREETS[(index + version as usize) % STREETS.len()])
    }

    pub(super) fn city(index: usize, version: u32) -> (&'static str, &'static str, &'static str) {
        CITIES[(index + version as usize) % CITIES.len()]
    }

    pub(super) fn unit(index: usize, version: u32) -> String {
        if version.is_multiple_of(2) {
            String::new()
        } else {
            format!("Apt {}", 1 + (mix(index as u64) + u64::from(version)) % 40)
        }
    }

    /// What an edit from `version` to the next changed, labelled as on the Profile tab.
    pub(super) fn changes(&self, index: usize, edit: Edit, version: u32) -> Vec<FieldChange> {
        let change = |field: &str, old: String, new: String| FieldChange { field: field.to_owned(), old, new };
        let next = version + 1;
        match edit {
            Edit::Phone => vec![change("Phone", Self::phone(index, version), Self::phone(index, next))],
            Edit::Email => vec![change("Email", self.email(index, version), self.email(index, next))],
            Edit::Address => vec![change("Address Line 1", Self::address(index, version), Self::address(index, next))],
            Edit::Unit => vec![change("Address Line 2", Self::unit(index, version), Self::unit(index, next))],
            Edit::City => {
                let (old, new) = (Self::city(index, version), Self::city(index, next));
                let mut changes = vec![change("City", old.0.to_owned(), new.0.to_owned())];
                if old.1 != new.1 {
                    changes.push(change("State", old.1.to_owned(), new.1.to_owned()));
                }
                changes.push(change("ZIP Code", old.2.to_owned(), new.2.to_owned()));
                changes
            }
        }
    }
}

/// What a History entry records. Kept small (the plan holds a million of them) and turned into text only
/// when written.
#[derive(Debug, Clone, Copy)]
pub(super) enum What {
    Applied { application: u8 },
    StageChanged { application: u8, step: u8 },
    ProfileEdited { edit: Edit, version: u32 },
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    pub(super) at: i64,
    pub(super) person: u32,
    pub(super) what: What,
}

/// The whole data set, decided in memory before anything is written.
pub(super) struct Plan {
    pub(super) requisitions: Vec<Requisition>,
    pub(super) people: Vec<Person>,
    /// Every History entry, oldest first, as the app would have written them.
    pub(super) events: Vec<Event>,
    pub(super) busy: usize,
    /// How many notes and tasks to write (`notes.rs`).
    pub(super) notes: usize,
}

pub(super) fn invalid(message: String) -> CoreError {
    CoreError::user(ErrorKind::Validation, message)
}

pub(super) fn validate(options: &SeedOptions) -> CoreResult<()> {
    if !(2..=MAX_REQUISITIONS).contains(&options.requisitions) {
        return Err(invalid(format!("Seed between 2 and {MAX_REQUISITIONS} requisitions.")));
    }
    if !(2..=MAX_JOB_SEEKERS).contains(&options.job_seekers) {
        return Err(invalid(format!("Seed between 2 and {MAX_JOB_SEEKERS} job seekers.")));
    }
    if options.history > MAX_HISTORY {
        return Err(invalid(format!("Seed at most {MAX_HISTORY} History entries.")));
    }
    Ok(())
}

impl Plan {
    pub(super) fn new(options: &SeedOptions, now: DateTime<Utc>) -> CoreResult<Plan> {
        validate(options)?;
        let mut rng = Rng(RANDOM_SEED);
        let now = time::to_millis(now);
        let first = now - SPAN;
        let requisitions = Self::requisitions(options.requisitions, first, now);
        // Not the very first row, so that nothing measured depends on being first; early enough that its
        // entries spread over nearly the whole span.
        let busy = options.job_seekers / 100;
        let n = options.job_seekers;
        // Job seekers arrive evenly over the span (ids in order of arrival) and stop a day before now.
        let slot = usize::try_from((SPAN - DAY) / i64::try_from(n).unwrap_or(i64::MAX)).unwrap_or(1).max(1);
        let mut people: Vec<Person> = (0..n)
            .map(|index| {
                let created_at = first + i64::try_from(slot * index + rng.below(slot)).unwrap_or(0);
                Self::person(&mut rng, index, n, created_at, index == busy, options.requisitions)
            })
            .collect();

        let busy_required = people[busy].required_history();
        let others_required: usize = people.iter().map(Person::required_history).sum::<usize>() - busy_required;
        if options.busy_history < busy_required {
            return Err(invalid(format!(
                "The busy job seeker needs at least {busy_required} History entries for their applications."
            )));
        }
        let Some(spare) = options.history.checked_sub(options.busy_history + others_required) else {
            return Err(invalid(format!(
                "{n} job seekers need at least {} History entries: one per application and stage change, and {} for \
                 the busy job seeker.",
                options.busy_history + others_required,
                options.busy_history
            )));
        };
        people[busy].edits = options.busy_history - busy_required;
        // The rest are profile edits: three in four land anywhere, one in four on every fiftieth job seeker,
        // so that some have a few pages of History and most have less than one.
        for _ in 0..spare {
            let mut index = if rng.chance(25) { rng.below(n.div_ceil(50)) * 50 } else { rng.below(n) };
            if index == busy {
                index = (index + 1) % n;
            }
            people[index].edits += 1;
        }

        let mut events = Vec::with_capacity(options.history);
        for (index, person) in people.iter_mut().enumerate() {
            let end = if index == busy {
                now - HOUR
            } else {
                (person.created_at + DAY * i64::try_from(30 + rng.below(335)).unwrap_or(30)).min(now)
            };
            Self::events(&mut rng, index, person, end, &mut events);
        }
        // Ids follow time, as when the app writes them: one job seeker's entries lie scattered through the table.
        events.sort_unstable_by_key(|event| (event.at, event.person));
        Ok(Plan { requisitions, people, events, busy, notes: options.notes })
    }

    pub(super) fn requisitions(count: usize, first: i64, now: i64) -> Vec<Requisition> {
        let every = SPAN / i64::try_from(count).unwrap_or(1);
        (0..count)
            .map(|index| {
                let (role, department) = ROLES[index % ROLES.len()];
                let location = LOCATIONS[(index / ROLES.len()) % LOCATIONS.len()];
                let round = index / (ROLES.len() * LOCATIONS.len());
                let title = if round == 0 { role.to_owned() } else { format!("{role} ({})", round + 1) };
                let created_at = first - 30 * DAY + every * i64::try_from(index).unwrap_or(0);
                let closing = created_at + 120 * DAY;
                Requisition {
                    title: format!("{title}, {location}"),
                    department,
                    location,
                    manager: MANAGERS[index % MANAGERS.len()],
                    created_at,
                    closing_date: time::from_millis(closing).date_naive().format("%Y-%m-%d").to_string(),
                    is_open: closing >= now,
                }
            })
            .collect()
    }

    /// A job seeker with one application (two for two in five, and for the busy one) to requisitions open
    /// around the time they arrived.
    pub(super) fn person(
        rng: &mut Rng,
        index: usize,
        n: usize,
        created_at: i64,
        busy: bool,
        requisitions: usize,
    ) -> Person {
        let current = index * requisitions / n;
        let first_choice = current - rng.below(current.min(2) + 1);
        let mut chosen = vec![first_choice];
        if busy || rng.chance(40) {
            chosen.push(if first_choice + 1 < requisitions { first_choice + 1 } else { first_choice - 1 });
        }
        let applications = chosen
            .into_iter()
            .map(|requisition| Application { requisition, outcome: OUTCOMES[rng.below(OUTCOMES.len())], applied_at: 0 })
            .collect();
        Person {
            first: FIRST_NAMES[rng.below(FIRST_NAMES.len())],
            last: LAST_NAMES[rng.below(LAST_NAMES.len())],
            applications,
            edits: 0,
            created_at,
            last_activity_at: created_at,
            versions: [0; 5],
        }
    }

    /// The job seeker's History from arrival to `end`: their applications first, then stage changes (each
    /// application's in order) mixed with profile edits, at irregular, strictly increasing times.
    pub(super) fn events(rng: &mut Rng, index: usize, person: &mut Person, end: i64, events: &mut Vec<Event>) {
        let count = person.history();
        let times = spread(rng, person.created_at, end, count);
        let person_index = u32::try_from(index).unwrap_or(u32::MAX);
        let mut push = |at: i64, what: What| events.push(Event { at, person: person_index, what });
        let applications = person.applications.len();
        for (application, planned) in person.applications.iter_mut().enumerate() {
            planned.applied_at = times[application];
            push(times[application], What::Applied { application: u8::try_from(application).unwrap_or(0) });
        }
        // One tag per later entry: an application's index for its next stage change, or None for an edit.
        let mut tags: Vec<Option<u8>> = Vec::with_capacity(count - applications);
        for (application, planned) in person.applications.iter().enumerate() {
            let tag = u8::try_from(application).ok();
            tags.extend(std::iter::repeat_n(tag, planned.outcome.len()));
        }
        tags.extend(std::iter::repeat_n(None, person.edits));
        rng.shuffle(&mut tags);
        let mut steps = [0u8; 2];
        for (tag, at) in tags.into_iter().zip(&times[applications..]) {
            let what = match tag {
                Some(application) => {
                    let step = &mut steps[usize::from(application)];
                    *step += 1;
                    What::StageChanged { application, step: *step - 1 }
                }
                None => {
                    let edit = Edit::pick(rng);
                    let version = &mut person.versions[edit as usize];
                    *version += 1;
                    What::ProfileEdited { edit, version: *version - 1 }
                }
            };
            push(*at, what);
        }
        person.created_at = times[0];
        person.last_activity_at = times.last().copied().unwrap_or(person.created_at);
    }
}

/// `count` strictly increasing instants from `from` to about `end`, at irregular intervals.
pub(super) fn spread(rng: &mut Rng, from: i64, end: i64, count: usize) -> Vec<i64> {
    let gaps: Vec<i128> = (1..count).map(|_| 1 + i128::try_from(rng.below(1_000)).unwrap_or(0)).collect();
    let total: i128 = gaps.iter().sum::<i128>().max(1);
    let width = i128::from((end - from).max(0));
    let mut times = Vec::with_capacity(count);
    times.push(from);
    let (mut elapsed, mut previous) = (0i128, from);
    for gap in gaps {
        elapsed += gap;
        let at = (from + i64::try_from(width * elapsed / total).unwrap_or(0)).max(previous + 1);
        times.push(at);
        previous = at;
    }
    times
}
