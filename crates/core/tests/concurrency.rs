//! A team on one PostgreSQL: eight processes, each a Hiredesk of its own with its own mail and notice workers,
//! make 500 writes each (job seekers added, notes, profile edits, stage moves, offers generated and sent) at
//! the same time. Afterwards every acknowledged write is in the database with its History line and nothing
//! else was written, every email reached the test's SMTP server exactly once, and every notice was recorded
//! once. The processes are this test binary run again (`a_writer_process`, ignored unless started so).
//!
//! PostgreSQL only: a solo SQLite file has one Hiredesk at a time by design (the shell makes sure).

use crate::common;

use common::smtp::SmtpServer;
use common::TestDesk;
use diesel::prelude::*;
use hiredesk_core::db::schema::{history, job_seekers, notes, notices_sent, notification_events, offers, outbox};
use hiredesk_core::{demo, Hiredesk, HiredeskConfig};
use hiredesk_wire::{
    AddJobSeekerRequest, AppliesDelivery, JobSeekerProfile, NotificationPreferences, OfferAction, OfferActionRequest,
    OfferTabRequest, RequisitionChoicesRequest, SaveMailSettingsRequest, SaveNoteRequest,
    SaveNotificationPreferencesRequest, SaveOfferRequest, SetStageRequest, SignInRequest, Stage, UpdateProfileRequest,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const PROCESSES: usize = 8;
const WRITES: usize = 500;
const RECRUITER: &str = "maria.alvarez@northwind.example";
const ADMIN: &str = "dana.whitfield@northwind.example";
const PASSWORD: &str = "copper lantern meadow fifty";
const NOW: &str = "2026-11-23T17:00:00Z";

const URL: &str = "HIREDESK_TEST_WRITER_DATABASE_URL";
const INDEX: &str = "HIREDESK_TEST_WRITER_INDEX";

const PART_TIME: [(&str, &str); 5] = [
    ("hourly_rate", "$24.50"),
    ("hours_per_week", "20"),
    ("work_schedule", "Mon, Wed, Fri 8 am – 3 pm"),
    ("start_date", "January 5, 2027"),
    ("response_deadline", "December 4, 2026"),
];

fn instant() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(NOW).expect("instant").to_utc()
}

/// One writer: signs in, makes its writes and reports each one it was told succeeded on stdout (`note ID TEXT`,
/// `phone JOB_SEEKER PHONE`, `job_seeker ID`, `offer ID`, `writes N`), then `done`, and keeps its workers
/// delivering until the parent closes its stdin.
#[test]
#[ignore = "run by eight_processes_write_at_once_and_nothing_is_lost_or_sent_twice"]
fn a_writer_process() {
    let url = std::env::var(URL).expect("started by the parent test");
    // A failed write ends the writer at once (its workers would otherwise keep it running), and the parent,
    // who then never reads `done`, fails with it.
    let report_failure = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        report_failure(info);
        std::process::exit(101);
    }));
    let me: usize = std::env::var(INDEX).expect("index").parse().expect("a number");
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut config = HiredeskConfig::new(dir.path());
    config.database_url = Some(url);
    config.clock = std::sync::Arc::new(instant);
    let desk = Hiredesk::open(&config).expect("open");
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // The workers, as the shell runs them: woken by the commands that queue work, and every so often.
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                desk.deliver_mail().expect("deliver mail");
                desk.mail_signal().wait(Duration::from_millis(100));
            }
        });
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                desk.deliver_notices().expect("deliver notices");
                desk.notices_signal().wait(Duration::from_millis(100));
            }
        });
        let out = std::io::stdout();
        let say = |line: String| {
            let mut out = out.lock();
            writeln!(out, "{line}").and_then(|()| out.flush()).expect("report");
        };
        let token = desk
            .call_public(&SignInRequest { email: RECRUITER.into(), password: PASSWORD.into() })
            .expect("sign in")
            .token;
        let requisition = desk.call(&token, &RequisitionChoicesRequest {}).expect("requisitions")[0].id;
        let mut writes = 0;
        let mut round = 0;
        // Each round: add a job seeker, a note on the application, a profile edit, the stage Offer, an offer
        // generated and sent; its own job seekers, so that the others' writes never overwrite its values.
        'rounds: loop {
            round += 1;
            let profile = JobSeekerProfile {
                first_name: format!("Writer{me}"),
                last_name: format!("Round{round}"),
                email: format!("writer{me}.round{round}@mail.example"),
                ..JobSeekerProfile::default()
            };
            let steps: [&dyn Fn(&mut Progress) -> String; 6] = [
                &|progress| {
                    let request = AddJobSeekerRequest { requisition_id: Some(requisition), profile: profile.clone() };
                    let added = desk.call(&token, &request).expect("add");
                    progress.job_seeker = added.id;
                    progress.application = added.applications[0].id;
                    format!("job_seeker {}", added.id)
                },
                &|progress| {
                    let text = format!("Writer {me}, round {round}: called, will send references");
                    let note = SaveNoteRequest {
                        id: None,
                        application_id: progress.application,
                        text: text.clone(),
                        is_task: false,
                        due_date: String::new(),
                        client_key: None,
                        written_at: None,
                    };
                    format!("note {} {text}", desk.call(&token, &note).expect("note").id)
                },
                &|progress| {
                    let phone = format!("555-{me:02}{round:05}");
                    let edit = UpdateProfileRequest {
                        id: progress.job_seeker,
                        profile: JobSeekerProfile { phone: phone.clone(), ..profile.clone() },
                    };
                    desk.call(&token, &edit).expect("profile");
                    format!("phone {} {phone}", progress.job_seeker)
                },
                &|progress| {
                    let stage = SetStageRequest {
                        application_id: progress.application,
                        stage: Stage::Offer,
                        disposition: None,
                    };
                    desk.call(&token, &stage).expect("stage");
                    "stage".to_owned()
                },
                &|progress| {
                    let tab =
                        desk.call(&token, &OfferTabRequest { application_id: progress.application }).expect("tab");
                    let template = tab
                        .templates
                        .iter()
                        .find(|(_, name)| name == "Hourly Part-Time Offer")
                        .expect("the demo's part-time template")
                        .0;
                    let save = SaveOfferRequest {
                        application_id: progress.application,
                        template_id: template,
                        values: PART_TIME.iter().map(|(tag, value)| ((*tag).to_owned(), (*value).to_owned())).collect(),
                        expires_on: String::new(),
                    };
                    let offer = desk.call(&token, &save).expect("save").offer.expect("generated");
                    progress.offer = offer.id;
                    "generated".to_owned()
                },
                &|progress| {
                    let send = OfferActionRequest { offer_id: progress.offer, action: OfferAction::Send };
                    desk.call(&token, &send).expect("send");
                    format!("offer {}", progress.offer)
                },
            ];
            let mut progress = Progress::default();
            for step in steps {
                say(step(&mut progress));
                writes += 1;
                if writes == WRITES {
                    break 'rounds;
                }
            }
        }
        say(format!("writes {writes}"));
        say("done".to_owned());
        // Until the parent has seen every email delivered: EOF on stdin.
        std::io::stdin().lock().lines().for_each(drop);
        stop.store(true, Ordering::Relaxed);
        desk.mail_signal().raise();
        desk.notices_signal().raise();
    });
}

/// What a writer's round has made so far.
#[derive(Default)]
struct Progress {
    job_seeker: i32,
    application: i32,
    offer: i32,
}

/// What the writers said they did.
#[derive(Default)]
struct Acknowledged {
    writes: usize,
    notes: BTreeMap<i32, String>,
    phones: BTreeMap<i32, String>,
    job_seekers: BTreeSet<i32>,
    offers: BTreeSet<i32>,
}

#[test]
fn eight_processes_write_at_once_and_nothing_is_lost_or_sent_twice() {
    let test = TestDesk::new(true);
    let Some(team) = &test.team else {
        eprintln!("eight_processes_write_at_once…: a team's test, it runs on the PostgreSQL pass");
        return;
    };
    let server = SmtpServer::start();
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let settings = server.settings();
    test.call(&admin, &SaveMailSettingsRequest(settings)).expect("mail settings");
    let recruiter = test.first_sign_in(RECRUITER, demo::RECRUITER_PASSWORD);
    let immediately = NotificationPreferences {
        requisition_closing: false,
        someone_applies: true,
        applies_delivery: AppliesDelivery::Immediately,
        background_check_completed: false,
        approval_steps: false,
    };
    let preferences = SaveNotificationPreferencesRequest { organisation_defaults: false, preferences: immediately };
    test.call(&recruiter, &preferences).expect("the recruiter hears of every applicant");
    // What was there before the writers, delivered first so that only theirs is left to count.
    test.desk.deliver_notices().expect("notices");
    test.desk.deliver_mail().expect("mail");
    let mut raw = test.raw();
    let history_before: i64 = history::table.count().get_result(&mut raw).expect("count");
    let mail_before = server.received().len();
    let first_event: i32 = notification_events::table
        .select(diesel::dsl::max(notification_events::id))
        .first::<Option<i32>>(&mut raw)
        .expect("events")
        .unwrap_or(0);

    let started = Instant::now();
    let mut writers: Vec<(Child, ChildStdin)> = (0..PROCESSES)
        .map(|index| {
            let mut child = Command::new(std::env::current_exe().expect("this test binary"))
                .args(["--ignored", "--exact", "concurrency::a_writer_process", "--nocapture", "--quiet"])
                .env(URL, team.app_url())
                .env(INDEX, index.to_string())
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("a writer");
            let stdin = child.stdin.take().expect("its stdin");
            (child, stdin)
        })
        .collect();
    // Each writer's report arrives when it says `done`; its reader then drains the rest of its output (the test
    // harness's last lines), so that the writer never writes into a closed pipe.
    let reports: Vec<Acknowledged> = writers
        .iter_mut()
        .map(|(child, _)| {
            let stdout = child.stdout.take().expect("its stdout");
            let (report, arrived) = std::sync::mpsc::channel();
            std::thread::spawn(move || read_report(stdout, &report));
            arrived
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|arrived| arrived.recv().expect("a writer reported"))
        .collect();
    let written = started.elapsed();

    let mut all = Acknowledged::default();
    for report in reports {
        assert_eq!(report.writes, WRITES, "every writer made its writes");
        all.writes += report.writes;
        all.notes.extend(report.notes);
        all.phones.extend(report.phones);
        all.job_seekers.extend(report.job_seekers);
        all.offers.extend(report.offers);
    }

    // One more scheduler, this desk's, records whatever notices the writers' schedulers had not yet recorded
    // (none twice: each is recorded under its key), so that all of them are recorded once it returns.
    test.desk.deliver_notices().expect("notices");
    // The writers' mail workers deliver what was queued; wait for the outbox to empty (each look is a query, and
    // a deadline ends a test that would hang).
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let queued: i64 =
            outbox::table.filter(outbox::status.ne("sent")).count().get_result(&mut raw).expect("count the outbox");
        if queued == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{queued} emails still waiting");
        std::thread::sleep(Duration::from_millis(100));
    }
    for (mut child, stdin) in writers {
        drop(stdin);
        assert!(child.wait().expect("a writer ends").success(), "a writer failed");
    }

    // Every acknowledged write is there, and with its History line: one each, plus one sign-in per writer.
    let history_after: i64 = history::table.count().get_result(&mut raw).expect("count");
    let expected = i64::try_from(all.writes + PROCESSES).expect("count");
    assert_eq!(history_after - history_before, expected, "one History line per acknowledged write, no more");
    for (id, text) in &all.notes {
        let stored: String = notes::table.find(id).select(notes::text).first(&mut raw).expect("the note is there");
        assert_eq!(&stored, text);
    }
    for (id, phone) in &all.phones {
        let stored: String =
            job_seekers::table.find(id).select(job_seekers::phone).first(&mut raw).expect("the job seeker");
        assert_eq!(&stored, phone, "the writer's last edit of its job seeker");
    }
    let job_seekers: i64 = job_seekers::table
        .filter(job_seekers::id.eq_any(&all.job_seekers))
        .count()
        .get_result(&mut raw)
        .expect("count");
    assert_eq!(usize::try_from(job_seekers).expect("count"), all.job_seekers.len());
    let sent: Vec<(i32, Option<i32>)> = offers::table
        .filter(offers::id.eq_any(&all.offers))
        .filter(offers::status.eq("sent"))
        .select((offers::id, offers::outbox_id))
        .load(&mut raw)
        .expect("the offers");
    assert_eq!(sent.len(), all.offers.len(), "every acknowledged send is a sent offer");

    // Every email exactly once: as many messages as outbox rows, no Message-ID twice.
    let received = server.received();
    let new_mail = &received[mail_before..];
    let rows: i64 = outbox::table.count().get_result(&mut raw).expect("count");
    let ids: BTreeSet<&str> = new_mail
        .iter()
        .filter_map(|message| message.data.lines().find(|line| line.to_ascii_lowercase().starts_with("message-id:")))
        .collect();
    assert_eq!(ids.len(), new_mail.len(), "no message twice");
    assert_eq!(received.len(), usize::try_from(rows).expect("count"), "every queued email delivered once");
    let letters = new_mail.iter().filter(|message| message.data.contains("Your part-time offer")).count();
    assert_eq!(letters, all.offers.len(), "one letter per offer sent");

    // Every notice once: each new applicant event reached the same recipients, one notice (and email) each.
    let events: Vec<i32> = notification_events::table
        .filter(notification_events::id.gt(first_event))
        .select(notification_events::id)
        .load(&mut raw)
        .expect("events");
    assert_eq!(events.len(), all.job_seekers.len(), "one event per job seeker added");
    let recorded: Vec<String> = notices_sent::table
        .filter(notices_sent::key.like("someone_applies:%"))
        .select(notices_sent::key)
        .load(&mut raw)
        .expect("notices");
    let per_event =
        |event: i32| recorded.iter().filter(|key| key.starts_with(&format!("someone_applies:{event}:"))).count();
    let recipients = per_event(events[0]);
    assert!(recipients >= 1, "the recruiter asked for every applicant");
    assert!(events.iter().all(|event| per_event(*event) == recipients), "each event noticed once per recipient");
    let applicant_mail = new_mail.iter().filter(|message| message.data.contains("Subject: New applicant:")).count();
    assert_eq!(applicant_mail, events.len() * recipients, "one email per notice");
    eprintln!(
        "{PROCESSES} writers, {} writes in {:.1} s; {} emails delivered once; {} notices",
        all.writes,
        written.as_secs_f64(),
        new_mail.len(),
        events.len() * recipients
    );
}

/// Reads one writer's report up to `done` and sends it, then reads on to the end of its output.
fn read_report(stdout: std::process::ChildStdout, done: &std::sync::mpsc::Sender<Acknowledged>) {
    let mut report = Acknowledged::default();
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.expect("a line");
        let (what, rest) = line.split_once(' ').unwrap_or((&line, ""));
        let number = |text: &str| text.parse::<i32>().unwrap_or_else(|_| panic!("{line}"));
        match what {
            "done" => break,
            "writes" => report.writes = rest.parse().expect("a count"),
            "note" => {
                let (id, text) = rest.split_once(' ').expect("id and text");
                report.notes.insert(number(id), text.to_owned());
            }
            "phone" => {
                let (id, phone) = rest.split_once(' ').expect("id and phone");
                report.phones.insert(number(id), phone.to_owned());
            }
            "job_seeker" => {
                report.job_seekers.insert(number(rest));
            }
            "offer" => {
                report.offers.insert(number(rest));
            }
            _ => {}
        }
    }
    // The parent may have stopped listening after a failure of its own; then there is no one to tell.
    let _ = done.send(report);
    lines.for_each(drop);
}
