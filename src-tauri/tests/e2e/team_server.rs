//! Team mode against the real team server (issue 13): `hiredesk-server` on a PostgreSQL database of the
//! scenario's own, and the app in team mode (its data folder holds `team.json`). The server is stopped while the
//! recruiter writes two notes: the banner shows and the notes are kept on the computer; once it is back they
//! are saved, once each and in order; with the server gone again, Home's To-Do list shows the last copy.
//! `two_desktops.rs` runs two apps against one server.
//!
//! These need a PostgreSQL server (`HIREDESK_TEST_POSTGRES`, the owner's URL without a database) and the
//! server's and tools' binaries (built by `cargo xtask test` before its PostgreSQL pass, which runs them with
//! `--ignored`), so a plain `cargo test` leaves them out.

use crate::harness::App;
use crate::job_seekers::to_the_list;
use crate::sign_in::first_start_settled;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use thirtyfour::prelude::*;

mod joining;
mod reminders;
mod two_desktops;

/// Where cargo puts the workspace's debug binaries (`cargo build -p hiredesk-server -p hiredesk-tools`).
fn binary(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/debug").join(name)
}

/// The role the server connects as (`xtask/src/postgres.rs` creates it).
const APP_ROLE: &str = "hiredesk_app";

/// A team server of the scenario's own: a fresh database, prepared as a team's, and `hiredesk-server serve` on
/// a port of its own with a certificate made in a folder of its own (kept, so a restart shows the same one).
struct TeamServer {
    owner_server: String,
    database: String,
    port: u16,
    tls: tempfile::TempDir,
    process: Option<Child>,
    fingerprint: String,
    /// The server's log lines (JSON, one per request), for what the desktop asked of it.
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl TeamServer {
    fn start() -> TeamServer {
        let owner_server = std::env::var("HIREDESK_TEST_POSTGRES")
            .expect("HIREDESK_TEST_POSTGRES names a PostgreSQL server (cargo xtask test starts one)");
        // The scenarios of this file run side by side in one process (each takes its turn only to start its
        // apps), so the process id alone would give two of them the same database.
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let number = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let database = format!("hiredesk_e2e_{}_{number}", std::process::id());
        psql(&owner_server, &format!("CREATE DATABASE {database}"));
        let prepared = Command::new(binary("hiredesk-tools"))
            .args(["prepare-team", "--postgres", &format!("{owner_server}/{database}"), "--app-role", APP_ROLE])
            .status()
            .expect("hiredesk-tools (cargo build -p hiredesk-tools)");
        assert!(prepared.success(), "the team database is prepared");
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a port").local_addr().expect("bound").port();
        let tls = tempfile::tempdir().expect("a certificate folder");
        let log = std::sync::Arc::default();
        let mut server =
            TeamServer { owner_server, database, port, tls, process: None, fingerprint: String::new(), log };
        server.serve();
        server
    }

    /// Starts `serve` and waits for its line with the address and the fingerprint.
    fn serve(&mut self) {
        let host = self.owner_server.rsplit_once('@').map_or("", |(_, host)| host);
        let url = format!("postgres://{APP_ROLE}@{host}/{}", self.database);
        let mut child = Command::new(binary("hiredesk-server"))
            .args(["serve", "--listen", &format!("127.0.0.1:{}", self.port), "--tls-dir"])
            .arg(self.tls.path())
            .env("HIREDESK_DATABASE_URL", url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("hiredesk-server (cargo build -p hiredesk-server)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("its output");
        let mut reader = BufReader::new(stdout);
        reader.read_line(&mut line).expect("its first line");
        let fingerprint = line.trim().rsplit_once(" fingerprint ").map(|(_, fingerprint)| fingerprint.to_owned());
        self.fingerprint = fingerprint.unwrap_or_else(|| panic!("the listening line, not {line:?}"));
        // Its JSON log lines are kept (and so drained: the pipes never fill).
        let log = self.log.clone();
        std::thread::spawn(move || reader.lines().map_while(Result::ok).for_each(|line| log_line(&log, line)));
        let (log, stderr) = (self.log.clone(), child.stderr.take().expect("its log"));
        std::thread::spawn(move || {
            BufReader::new(stderr).lines().map_while(Result::ok).for_each(|line| log_line(&log, line))
        });
        self.process = Some(child);
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Whether the server logged an answer to a request on `route` with `status`.
    fn answered(&self, route: &str, status: u16) -> bool {
        let (route, status) = (format!("\"route\":\"{route}\""), format!("\"status\":{status}"));
        let log = self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        log.iter().any(|line| line.contains(&route) && line.contains(&status))
    }

    /// Whether the server logged an answer to command `name` with `status`.
    fn answered_command(&self, name: &str, status: u16) -> bool {
        let (command, status) = (format!("\"command\":\"{name}\""), format!("\"status\":{status}"));
        let log = self.log.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        log.iter().any(|line| line.contains(&command) && line.contains(&status))
    }

    /// What the desktop keeps in `team.json` once it joined this server.
    fn team_json(&self) -> String {
        serde_json::json!({ "address": format!("https://127.0.0.1:{}", self.port), "fingerprint": self.fingerprint })
            .to_string()
    }
}

impl Drop for TeamServer {
    fn drop(&mut self) {
        self.stop();
        psql(&self.owner_server, &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.database));
    }
}

fn log_line(log: &std::sync::Mutex<Vec<String>>, line: String) {
    log.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(line);
}

fn psql(server: &str, statement: &str) {
    let status = Command::new("psql")
        .args([&format!("{server}/postgres"), "--quiet", "--command", statement])
        .status()
        .expect("psql");
    assert!(status.success(), "{statement}");
}

/// Writes a note on the open job seeker's Notes tab and waits until the form has closed.
async fn write_note(app: &App, text: &str) {
    app.click("add-note").await;
    app.fill("note-text", text).await;
    app.click("save-note").await;
    let saved = format!("the note form closes after saving {text:?}");
    app.until(&saved, || async { !app.is_present("note-draft").await }).await;
}

/// On the first start of the team's empty database: loads the demo there through the server, signs Maria in
/// and opens the first job seeker of the list; returns the app and that job seeker's name.
async fn demo_on_the_server(app: App) -> (App, String) {
    first_start_settled(&app).await;
    app.click("load-demo").await;
    app.text_when("notice", "the demo accounts", |text| text.contains("maria.alvarez")).await;
    let app = to_the_list(app).await;
    let first = app.element("job-seeker-list").await.find(By::Css("tbody button")).await.expect("a row");
    first.click().await.expect("open");
    let name = app.text_when("job-seeker-name", "a job seeker", |text| !text.is_empty()).await;
    (app, name)
}

#[tokio::test]
#[ignore = "needs PostgreSQL and the team server's binaries: cargo xtask test runs it in its PostgreSQL pass"]
async fn notes_written_while_the_server_is_down_are_kept_and_saved_once_in_order() {
    let mut server = TeamServer::start();
    let team_json = server.team_json();
    let app = App::launch_with(&[], |dir| std::fs::write(dir.join("team.json"), team_json).expect("team.json")).await;
    // The team's database is empty: the first start loads the demo there, through the server.
    let (app, _) = demo_on_the_server(app).await;
    app.click("tab-notes").await;
    write_note(&app, "Online before the outage").await;
    app.text_when("note-list", "the online note", |text| text.contains("Online before the outage")).await;
    assert!(!app.is_present("team-banner").await, "no banner while the server answers");
    // The desktop keeps a watch open for the signed-in recruiter; the note is a change, so it answers.
    app.until("the recruiter's watch is answered", || async { server.answered("/v1/watch", 200) }).await;

    server.stop();
    write_note(&app, "Offline note one").await;
    let banner = app.text_when("team-banner", "the banner", |text| !text.is_empty()).await;
    assert!(banner.contains("The team server cannot be reached"), "{banner}");
    write_note(&app, "Offline note two").await;
    let kept = std::fs::read_to_string(app.data_dir().join("offline-notes.jsonl")).expect("the kept notes");
    assert_eq!(kept.lines().count(), 2, "both notes are kept on the computer: {kept}");

    server.serve();
    app.until("the kept notes are saved", || async { !app.data_dir().join("offline-notes.jsonl").exists() }).await;
    app.until("the banner goes", || async { !app.is_present("team-banner").await }).await;
    app.click("tab-profile").await;
    app.click("tab-notes").await;
    let list = app.text_when("note-list", "the saved notes", |text| text.contains("Offline note two")).await;
    assert_eq!(list.matches("Offline note one").count(), 1, "saved once: {list}");
    assert_eq!(list.matches("Offline note two").count(), 1, "saved once: {list}");
    // Newest first: the second note written is above the first.
    let (one, two) = (list.find("Offline note one"), list.find("Offline note two"));
    assert!(two < one, "in the order they were written: {list}");

    // The To-Do list keeps working from the last copy the server gave: a task written online is on Home, and
    // still there once the server is gone again.
    app.click("add-note").await;
    app.fill("note-text", "Call about the start date").await;
    app.click("note-task").await;
    app.fill("note-due", "12/31/2026").await;
    app.click("save-note").await;
    app.until("the task form closes", || async { !app.is_present("note-draft").await }).await;
    app.click("home").await;
    app.text_when("todo", "the task online", |text| text.contains("Call about the start date")).await;
    server.stop();
    app.click("nav-job-seekers").await;
    app.text_when("team-banner", "the banner", |text| !text.is_empty()).await;
    app.click("home").await;
    app.text_when("todo", "the task from the copy", |text| text.contains("Call about the start date")).await;
    assert!(app.is_present("team-banner").await, "still without the server");
    app.close().await;
}
