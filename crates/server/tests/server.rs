//! The team server as a desktop meets it: the real `hiredesk-server` binary over HTTPS on a real PostgreSQL
//! (`HIREDESK_TEST_POSTGRES`), with a client that trusts exactly its self-signed certificate. Health, a command's
//! round trip and a search, what a session may not do and what a malformed request gets (the server answering
//! health after each), the watch bringing an approval notice and a change, a graceful stop, and `check`.

mod common;

use common::{TeamDatabase, TestServer};
use hiredesk_core::demo;
use hiredesk_wire::{
    CurrentUserRequest, ErrorKind, ExportHistoryRequest, HistoryPageRequest, IpcError, JobSeekerFilter,
    JobSeekerListRequest, JobSeekerRequest, ListUsersRequest, NoticeTab, NoticeTarget, OfferAction, OfferActionRequest,
    OfferTabRequest, PrintRequest, PrintView, SaveOfferRequest, SearchKind, SearchRequest, SignInRequest, Stage,
    WatchAnswer, WatchCursor, TEAM_WIRE_VERSION,
};
use std::io::Read;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ADMIN: &str = "dana.whitfield@northwind.example";
const MARIA: &str = "maria.alvarez@northwind.example";

fn assert_healthy(server: &TestServer, after: &str) {
    let (status, health) = server.health();
    assert_eq!(status, 200, "health after {after}");
    assert!(health.database_ok, "the database answers after {after}");
}

/// A raw POST with a body of bytes; the status and the `IpcError` it answers.
fn post_raw(server: &TestServer, path: &str, token: Option<&str>, body: Vec<u8>) -> (u16, IpcError) {
    let mut post = server.client().post(server.url(path)).body(body);
    if let Some(token) = token {
        post = post.bearer_auth(token);
    }
    let response = post.send().expect("the server answers");
    (response.status().as_u16(), response.json().expect("an IpcError as JSON"))
}

fn watch(server: &TestServer, token: &str, after: WatchCursor) -> WatchAnswer {
    let response = server
        .client()
        .get(server.url("/v1/watch"))
        .query(&[("notice", after.notice), ("change", after.change)])
        .bearer_auth(token)
        .send()
        .expect("the watch answers");
    assert_eq!(response.status().as_u16(), 200);
    response.json().expect("a WatchAnswer")
}

#[test]
fn health_and_a_command_round_trip_through_the_core() {
    let server = TestServer::start();
    assert_eq!(
        server.fingerprint,
        hiredesk_core_fingerprint(server.certificate_der()),
        "the fingerprint is the leaf's"
    );
    let (status, health) = server.health();
    assert_eq!((status, health.wire, health.database_ok), (200, TEAM_WIRE_VERSION, true));
    assert_eq!(health.version, env!("CARGO_PKG_VERSION"));

    let maria = server.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);
    let profile = server.call(Some(&maria), &CurrentUserRequest {}).expect("current user");
    assert_eq!(profile.email, MARIA);
    let page = server.call(Some(&maria), &JobSeekerListRequest::default()).expect("the job seeker list");
    assert!(!page.rows.is_empty(), "the demo's job seekers come back through the server");
    // The shell's exports and print view, answered by the server from the same core.
    let history = HistoryPageRequest { job_seeker_id: page.rows[0].id, kind: None, requisition_id: None, after: None };
    let export = ExportHistoryRequest { export_id: 7, history: history.clone() };
    let response = server
        .client()
        .post(server.url("/v1/exports/history"))
        .bearer_auth(&maria)
        .json(&export)
        .send()
        .expect("export");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
    assert_eq!(
        header("content-type").as_deref(),
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    );
    let rows: u64 = header("hiredesk-rows").expect("Hiredesk-Rows").parse().expect("a number");
    assert!(rows > 0, "the job seeker has History");
    let bytes = response.bytes().expect("the .xlsx");
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip archive");
    let response = server
        .client()
        .post(server.url("/v1/print-view"))
        .bearer_auth(&maria)
        .json(&PrintRequest::History(history))
        .send()
        .expect("print view");
    assert_eq!(response.status().as_u16(), 200);
    let view: PrintView = response.json().expect("a PrintView");
    // The export is itself recorded in History, so the view shows at least what the export wrote.
    assert!(view.history.len() as u64 >= rows, "the print view shows what the export wrote: {}", view.history.len());
    let unsigned = server.client().post(server.url("/v1/exports/history")).json(&export).send().expect("refused");
    assert_eq!(unsigned.status().as_u16(), 401, "exports need a session");

    // The search box, on the team's PostgreSQL full-text indexes: a job seeker found by a prefix of their name,
    // and a filter it cannot read told at the field.
    let someone = &page.rows[0];
    let last = someone.name.split(',').next().unwrap_or(&someone.name).trim();
    let prefix: String = last.chars().take(4).collect();
    let found = server
        .call(Some(&maria), &SearchRequest { query: prefix.to_lowercase(), per_kind: Some(50) })
        .expect("a search through the server");
    let people = found.groups.iter().find(|group| group.kind == SearchKind::JobSeeker).expect("job seekers found");
    assert!(people.hits.iter().any(|hit| hit.job_seeker_id == someone.id), "{found:?}");
    let (status, refused) = server
        .call(Some(&maria), &SearchRequest { query: "stgae:offer".into(), per_kind: None })
        .expect_err("an unknown filter");
    assert_eq!((status, refused.field("query").is_some()), (422, true), "{refused:?}");

    // The same sessions as the desktop: a wrong password is refused as the core refuses it.
    let wrong = SignInRequest { email: MARIA.into(), password: "not the password at all".into() };
    let (status, error) = server.call(None, &wrong).expect_err("a wrong password");
    assert_eq!((status, error.kind), (401, ErrorKind::InvalidCredentials));
}

/// The fingerprint as the contract defines it, computed here independently of the server's code.
fn hiredesk_core_fingerprint(der: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(der).iter().map(|byte| format!("{byte:02X}")).collect::<Vec<_>>().join(":")
}

#[test]
fn refused_requests_get_a_clear_error_and_the_server_stays_up() {
    let server = TestServer::start();
    let maria = server.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);

    let (status, error) = server.call(Some(&maria), &ListUsersRequest {}).expect_err("an Administrator's command");
    assert_eq!((status, error.kind), (403, ErrorKind::Forbidden), "{error:?}");
    assert_healthy(&server, "a recruiter's Administrator command");

    let (status, error) = server.call(Some("forged-token"), &CurrentUserRequest {}).expect_err("a forged token");
    assert_eq!((status, error.kind), (401, ErrorKind::SessionExpired), "{error:?}");
    let (status, _) = server.call(None, &CurrentUserRequest {}).expect_err("no token");
    assert_eq!(status, 401);
    assert_healthy(&server, "a forged token");

    let oversized = vec![b' '; 1024 * 1024 + 1];
    let (status, error) = post_raw(&server, "/v1/commands/current_user", Some(&maria), oversized);
    assert_eq!((status, error.kind), (413, ErrorKind::Validation), "{error:?}");
    assert!(error.message.contains("1 MiB"), "the message says the limit: {}", error.message);
    assert_healthy(&server, "an oversized body");

    // An import may carry a file: more than 1 MiB reaches the core, which reads it (and finds no JSON).
    let large_import = vec![b' '; 2 * 1024 * 1024];
    let (status, error) = post_raw(&server, "/v1/commands/preview_import", Some(&maria), large_import);
    assert_eq!((status, error.kind), (422, ErrorKind::Validation), "within the import's limit: {error:?}");

    let (status, error) = post_raw(&server, "/v1/commands/sign_in", None, b"{\"email\": ".to_vec());
    assert_eq!((status, error.kind), (422, ErrorKind::Validation), "{error:?}");
    let (status, error) = post_raw(&server, "/v1/commands/current_user", Some(&maria), b"[1, 2]".to_vec());
    assert_eq!((status, error.kind), (422, ErrorKind::Validation), "{error:?}");
    assert_healthy(&server, "malformed JSON");

    let (status, error) = post_raw(&server, "/v1/commands/no_such_command", Some(&maria), b"{}".to_vec());
    assert_eq!((status, error.kind), (404, ErrorKind::NotFound), "{error:?}");
    // A row the desktop's shell answers (a window, a dialog) is not the server's.
    let (status, error) = post_raw(&server, "/v1/commands/open_print_window", Some(&maria), b"{}".to_vec());
    assert_eq!((status, error.kind), (404, ErrorKind::NotFound), "{error:?}");
    let (status, error) = post_raw(&server, "/v1/elsewhere", None, Vec::new());
    assert_eq!((status, error.kind), (404, ErrorKind::NotFound), "{error:?}");
    assert_healthy(&server, "an unknown command");

    // The session still works after all of it.
    server.call(Some(&maria), &CurrentUserRequest {}).expect("still signed in");
}

/// Maria asks for the approval of a full-time offer (the demo's template needs the administrator's); returns the
/// job seeker it is for.
fn request_approval(server: &TestServer, maria: &str) -> i32 {
    let request = JobSeekerListRequest {
        filter: JobSeekerFilter { stage: Some(Stage::Offer), ..Default::default() },
        ..Default::default()
    };
    let job_seeker = server.call(Some(maria), &request).expect("list").rows.remove(0).id;
    let detail = server.call(Some(maria), &JobSeekerRequest { id: job_seeker }).expect("detail");
    let application = detail.applications.iter().find(|application| application.stage == Stage::Offer).expect("Offer");
    let tab = server.call(Some(maria), &OfferTabRequest { application_id: application.id }).expect("tab");
    let template = tab.templates.iter().find(|(_, name)| name == "Full-Time Offer").expect("full-time").0;
    let values = [("salary", "$82,000"), ("start_date", "January 4, 2027"), ("response_deadline", "December 4, 2026")]
        .into_iter()
        .map(|(tag, value)| (tag.to_owned(), value.to_owned()))
        .collect();
    let save =
        SaveOfferRequest { application_id: application.id, template_id: template, values, expires_on: "".into() };
    let offer = server.call(Some(maria), &save).expect("save").offer.expect("offer");
    let ask = OfferActionRequest { offer_id: offer.id, action: OfferAction::RequestApproval };
    server.call(Some(maria), &ask).expect("approval requested");
    job_seeker
}

#[test]
fn a_watch_brings_the_approval_notice_to_the_approver_and_the_change_to_the_recruiter() {
    let server = TestServer::start();
    let admin = server.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    let maria = server.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);
    let start = watch(&server, &admin, WatchCursor::default());
    assert!(start.notices.is_empty() && !start.changed && start.cursor.change > 0, "{start:?}");

    // Both watches wait on the server while Maria works on another desktop.
    let (sent, answered) = mpsc::channel();
    std::thread::scope(|scope| {
        for (who, token) in [("admin", admin.as_str()), ("maria", maria.as_str())] {
            let (sent, server) = (sent.clone(), &server);
            scope.spawn(move || {
                let asked = Instant::now();
                let answer = watch(server, token, start.cursor);
                sent.send((who, answer, asked.elapsed())).expect("answered");
            });
        }
        let job_seeker = request_approval(&server, &maria);
        let mut answers = Vec::new();
        // Each watch may answer for the first change it sees; a desktop then watches again from the new cursor.
        // Until the approver has the notice, keep watching as a desktop does.
        for _ in 0..2 {
            answers.push(answered.recv_timeout(Duration::from_secs(60)).expect("a watch answers"));
        }
        let mut admin_answer = answers.iter().find(|(who, ..)| *who == "admin").expect("admin").1.clone();
        let maria_answer = answers.iter().find(|(who, ..)| *who == "maria").expect("maria").1.clone();
        assert!(maria_answer.changed, "Maria's desktop hears that something changed: {maria_answer:?}");
        let mut notices = admin_answer.notices.clone();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !notices.iter().any(|notice| notice.title.starts_with("Offer awaiting your approval")) {
            assert!(Instant::now() < deadline, "the approval notice never came: {notices:?}");
            admin_answer = watch(&server, &admin, admin_answer.cursor);
            notices.extend(admin_answer.notices.clone());
        }
        let asked: Vec<_> =
            notices.iter().filter(|notice| notice.title.starts_with("Offer awaiting your approval")).collect();
        assert_eq!(asked.len(), 1, "once: {notices:?}");
        assert_eq!(asked[0].opens, Some(NoticeTarget { job_seeker_id: job_seeker, tab: NoticeTab::Offers }));

        // Maria's watch brings only her own notices (the core's tests check this from every cursor).
        assert!(maria_answer.notices.is_empty(), "the approver's notice is not Maria's: {maria_answer:?}");
    });
}

/// A request body that sends its first half, then waits until the test lets it send the rest.
struct HeldBody {
    first: Vec<u8>,
    rest: Vec<u8>,
    release: mpsc::Receiver<()>,
    released: bool,
}

impl Read for HeldBody {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let source = if !self.first.is_empty() {
            &mut self.first
        } else {
            if !self.released {
                self.release.recv().map_err(|_| std::io::Error::other("the test ended"))?;
                self.released = true;
            }
            &mut self.rest
        };
        let count = source.len().min(buffer.len());
        buffer[..count].copy_from_slice(&source[..count]);
        source.drain(..count);
        Ok(count)
    }
}

#[test]
fn sigterm_lets_requests_in_flight_finish_and_exits_zero() {
    let mut server = TestServer::on(TeamDatabase::prepared(true), &[("HIREDESK_LOG", "debug")]);
    let maria = server.first_sign_in(MARIA, demo::RECRUITER_PASSWORD);
    let start = watch(&server, &maria, WatchCursor::default());
    let started = |route: &'static str| {
        move |line: &str| line.contains("\"request started\"") && line.contains(&format!("\"route\":\"{route}\""))
    };
    let watches_before = server.wait_for_lines(1, started("/v1/watch")).len();
    let commands_before = server.wait_for_lines(1, started("/v1/commands/{name}")).len();

    let (release, held) = mpsc::channel();
    std::thread::scope(|scope| {
        let in_flight_watch = scope.spawn(|| {
            let asked = Instant::now();
            (watch(&server, &maria, start.cursor), asked.elapsed())
        });
        let in_flight_command = scope.spawn(|| {
            let body = serde_json::to_vec(&JobSeekerListRequest::default()).expect("JSON");
            let (first, rest) = body.split_at(body.len() / 2);
            let length = body.len() as u64;
            let body = HeldBody { first: first.to_vec(), rest: rest.to_vec(), release: held, released: false };
            let response = server
                .client()
                .post(server.url("/v1/commands/list_job_seekers"))
                .bearer_auth(&maria)
                .header("content-type", "application/json")
                .body(reqwest::blocking::Body::sized(body, length))
                .send()
                .expect("the request in flight is answered");
            let status = response.status().as_u16();
            let page: hiredesk_wire::JobSeekerPage = response.json().expect("the list");
            (status, page.rows.len())
        });
        // Both requests have reached their handlers (the server logs each as it starts) before the stop.
        server.wait_for_lines(watches_before + 1, started("/v1/watch"));
        server.wait_for_lines(commands_before + 1, started("/v1/commands/{name}"));
        server.terminate();
        server.wait_for_line(|line| line.contains("stopping"));

        let (answer, waited) = in_flight_watch.join().expect("the watch");
        assert!(answer.notices.is_empty() && !answer.changed && answer.cursor == start.cursor, "{answer:?}");
        assert!(waited < Duration::from_secs(hiredesk_wire::WATCH_WAIT_SECONDS), "answered at once: {waited:?}");
        release.send(()).expect("the rest of the body");
        let (status, rows) = in_flight_command.join().expect("the command");
        assert_eq!(status, 200, "the request in flight finished");
        assert!(rows > 0);
    });
    let status = server.wait();
    assert_eq!(status.code(), Some(0), "a graceful stop exits 0: {status:?}");
    server.wait_for_line(|line| line.contains("\"stopped\""));
}

#[test]
fn check_passes_on_a_migrated_database_and_explains_an_empty_one() {
    let ready = TeamDatabase::prepared(false);
    let output = Command::new(common::binary())
        .arg("check")
        .env("HIREDESK_DATABASE_URL", ready.app_url())
        .output()
        .expect("check runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("is ready for hiredesk-server"), "{stdout}");

    // The URL from a file works the same, and never appears on the command line.
    let folder = tempfile::tempdir().expect("folder");
    let url_file = folder.path().join("database-url");
    let empty = TeamDatabase::empty();
    std::fs::write(&url_file, format!("{}\n", empty.owner_url())).expect("the URL file");
    let output = Command::new(common::binary())
        .args(["check", "--database-url-file"])
        .arg(&url_file)
        .env_remove("HIREDESK_DATABASE_URL")
        .output()
        .expect("check runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "an empty database fails the check: {stderr}");
    assert!(stderr.contains("no Hiredesk tables yet") && stderr.contains("prepare-team"), "clear: {stderr}");

    let refused = Command::new(common::binary())
        .args(["check", "--database-url", &ready.app_url()])
        .output()
        .expect("check runs");
    assert_eq!(refused.status.code(), Some(2), "a URL on the command line is refused");
}
