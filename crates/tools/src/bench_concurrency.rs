//! `bench-concurrency`: how many notes a team writes at once on PostgreSQL, and that none is lost.
//!
//! N clients (1, 4 and 16) write notes for S seconds each (30 by default). Every client is a process of its
//! own (`bench-concurrency-client`, this binary started again), as a team's desktops are: its own `Hiredesk`
//! with its own pool, signed in as its own user (a Recruiter the seeded Administrator created through the
//! app's Administration command, with the password changed at first sign-in as the app demands), calling
//! `save_note` through `Hiredesk::call`, exactly as the Notes tab does, on applications picked at random
//! among those of 500 job seekers. So each write is the app's own: the session checked, then one
//! transaction with the note, the job seeker's last activity and the History line.
//!
//! The clients sign in first and wait; the timed window opens for all of them at once. Each reports every
//! write the core acknowledged (the note's id and how long the call took). Afterwards the bench reads back,
//! through the app's own commands (the Notes tab's list and the History tab's pages), every note of the run
//! and every History line of kind "Note added", and fails loudly unless each acknowledged write is there
//! exactly once with its text and author, with exactly one History line by that author, and nothing else was
//! written: "lost: 0" is counted, not assumed. A failed write also fails the bench.
//!
//! The baseline beside it is N = 1 on a SQLite file in the data directory (emptied first), seeded alike:
//! what one desktop gets on its own. Throughput is acknowledged writes over the longest client's window;
//! p50/p95 are of every write of every client. The private server runs as `cargo xtask test`'s does, with
//! `fsync` and `synchronous_commit` off, so the figures leave out the disk's flush per commit, which a team's
//! durable server pays (and SQLite's `synchronous = NORMAL` in WAL mode mostly does not).

use crate::failure::Failure;
use crate::team::TeamDatabase;
use crate::thousands;
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::{db, Hiredesk, HiredeskConfig};
use hiredesk_wire::{
    ChangePasswordRequest, CreateUserRequest, HistoryPageRequest, JobSeekerRequest, NotesRequest, Role,
    SaveNoteRequest, SignInRequest,
};
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

const CLIENTS: [usize; 3] = [1, 4, 16];
const DEFAULT_SECONDS: u64 = 30;
const DEFAULT_DATA_DIR: &str = "target/bench-concurrency-data";
/// The data set the notes are written into: enough job seekers that clients rarely wait on each other's row
/// of the same job seeker, as in a team working through different requisitions.
const DATA_SET: SeedOptions =
    SeedOptions { requisitions: 50, job_seekers: 10_000, history: 100_000, busy_history: 1_000, notes: 0 };
/// The job seekers whose applications the clients write on.
const TARGET_JOB_SEEKERS: i32 = 500;

/// What a client prints when it has signed in and waits for the start.
const READY: &str = "ready";

/// `bench-concurrency --postgres URL [--app-role ROLE] [--seconds S] [--data-dir DIR]`.
pub fn main(args: &[String]) -> Result<(), Failure> {
    let (mut postgres, mut app_role, mut seconds) = (None, None, DEFAULT_SECONDS);
    let mut data_dir = PathBuf::from(DEFAULT_DATA_DIR);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value\n\n{}", crate::USAGE)))?;
        match flag.as_str() {
            "--postgres" => postgres = Some(value.clone()),
            "--app-role" => app_role = Some(value.clone()),
            "--data-dir" => data_dir = PathBuf::from(value),
            "--seconds" => {
                seconds = value.parse::<u64>().ok().filter(|seconds| *seconds >= 1).ok_or_else(|| {
                    Failure::Usage(format!("--seconds takes a whole number of at least 1, not {value:?}"))
                })?;
            }
            _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{}", crate::USAGE))),
        }
    }
    let team = TeamDatabase::from_flags(postgres, app_role)?
        .ok_or_else(|| Failure::Usage(format!("bench-concurrency needs --postgres URL\n\n{}", crate::USAGE)))?;
    run(&team, &data_dir, Duration::from_secs(seconds))
}

fn run(team: &TeamDatabase, data_dir: &Path, window: Duration) -> Result<(), Failure> {
    let most = CLIENTS.iter().copied().max().unwrap_or(1);
    println!(
        "Concurrency benchmark: 1, 4 and 16 client processes writing notes for {} s each on PostgreSQL, and 1 on \
         SQLite; {} job seekers, {} History entries seeded first.\n",
        window.as_secs(),
        thousands(DATA_SET.job_seekers),
        thousands(DATA_SET.history)
    );
    crate::machine::report("before");
    team.prepare()?;
    {
        // Seeded by the owner, who alone may move the identity sequences and ANALYZE.
        let owner_pool = db::open(&db::Location::Postgres(team.owner_url.clone()))?;
        seed::seed(&mut *db::connection(&owner_pool)?, &DATA_SET, chrono::Utc::now())?;
    }
    // The data folder is where a client would keep its solo file; on PostgreSQL it holds nothing.
    let _ = std::fs::remove_dir_all(data_dir);
    let postgres = Database::open("PostgreSQL", data_dir, Some(team.app_url()?), most)?;
    let mut runs = Vec::new();
    for clients in CLIENTS {
        runs.push(postgres.measure(clients, window)?);
    }

    let sqlite_dir = data_dir.join("sqlite");
    {
        let pool = db::open(&db::Location::in_data_dir(&sqlite_dir))?;
        seed::seed(&mut *db::connection(&pool)?, &DATA_SET, chrono::Utc::now())?;
    }
    let sqlite = Database::open("SQLite", &sqlite_dir, None, 1)?;
    let baseline = sqlite.measure(1, window)?;

    println!(
        "\nSummary (notes written through save_note for {} s per row; every acknowledged write checked):",
        window.as_secs()
    );
    println!("  {:<22}{:>9}{:>12}{:>11}{:>11}{:>9}", "", "writes", "writes/s", "p50", "p95", "lost");
    for figures in runs.iter().chain([&baseline]) {
        println!(
            "  {:<22}{:>9}{:>12.0}{:>11}{:>11}{:>9}",
            format!("{}, {} client{}", figures.backend, figures.clients, if figures.clients == 1 { "" } else { "s" }),
            thousands(figures.writes),
            figures.throughput(),
            ms(figures.p50),
            ms(figures.p95),
            figures.lost
        );
    }
    if let Some(one) = runs.first() {
        println!(
            "  PostgreSQL with 1 client writes {:.2}× SQLite's rate; with {} clients {:.2}×. Each client is its own \
             process with its own pool.",
            one.throughput() / baseline.throughput().max(f64::MIN_POSITIVE),
            runs.last().map_or(1, |last| last.clients),
            runs.last().map_or(0.0, Figures::throughput) / baseline.throughput().max(f64::MIN_POSITIVE)
        );
    }
    crate::machine::report("after");
    Ok(())
}

/// One backend's database as the bench uses it: the Administrator's `Hiredesk`, the users the clients sign in
/// as, and the applications they write on.
struct Database {
    backend: &'static str,
    data_dir: PathBuf,
    url: Option<String>,
    desk: Hiredesk,
    token: String,
    /// (email, password) of each client's user.
    users: Vec<(String, String)>,
    /// Application id → its job seeker.
    applications: Vec<(i32, i32)>,
}

impl Database {
    /// Opens the seeded database, signs in as the seeded Administrator and creates `users` Recruiters (each
    /// signs in once and changes the temporary password, as the app demands before anything else).
    fn open(backend: &'static str, data_dir: &Path, url: Option<String>, users: usize) -> Result<Database, Failure> {
        let mut config = HiredeskConfig::new(data_dir);
        config.database_url = url.clone();
        let desk = Hiredesk::open(&config)?;
        let token = sign_in(&desk, seed::ADMINISTRATOR_EMAIL, seed::ADMINISTRATOR_PASSWORD)?;
        let mut accounts = Vec::with_capacity(users);
        for client in 1..=users {
            let email = format!("bench.client{client:02}@seed.example");
            let created = desk.call(
                &token,
                &CreateUserRequest {
                    email: email.clone(),
                    first_name: "Client".to_owned(),
                    last_name: format!("{client:02}"),
                    role: Role::Recruiter,
                },
            )?;
            let password = format!("Concurrency client {client:02} passphrase");
            let first = sign_in(&desk, &email, &created.password)?;
            desk.call(
                &first,
                &ChangePasswordRequest {
                    old_password: created.password,
                    new_password: password.clone(),
                    confirm_password: password.clone(),
                },
            )?;
            accounts.push((email, password));
        }
        let mut applications = Vec::new();
        for job_seeker_id in 1..=TARGET_JOB_SEEKERS {
            let detail = desk.call(&token, &JobSeekerRequest { id: job_seeker_id })?;
            applications.extend(detail.applications.iter().map(|application| (application.id, detail.id)));
        }
        Ok(Database { backend, data_dir: data_dir.to_owned(), url, desk, token, users: accounts, applications })
    }

    /// `clients` processes writing for `window`, then the count; fails unless nothing was lost.
    fn measure(&self, clients: usize, window: Duration) -> Result<Figures, Failure> {
        let label = format!("{} N={clients}", self.backend);
        println!("{label}: starting {clients} client process{} …", if clients == 1 { "" } else { "es" });
        let ids: Vec<String> = self.applications.iter().map(|(id, _)| id.to_string()).collect();
        let ids = ids.join(",");
        let mut running = Vec::with_capacity(clients);
        for (client, (email, password)) in self.users.iter().take(clients).enumerate() {
            let mut command = Command::new(std::env::current_exe().map_err(|error| spawn_failure(&error))?);
            command.arg("bench-concurrency-client").arg("--data-dir").arg(&self.data_dir);
            if let Some(url) = &self.url {
                command.args(["--database-url", url]);
            }
            command.args(["--email", email, "--password", password, "--label", &label, "--applications", &ids]);
            command.args(["--client", &(client + 1).to_string()]);
            running.push(Running::start(command, client + 1, email)?);
        }
        // Everyone is signed in before the window opens for all of them at once.
        for client in &mut running {
            client.wait_until_ready()?;
        }
        for client in &mut running {
            client.go(window)?;
        }
        let mut reports = Vec::with_capacity(clients);
        for client in running {
            reports.push(client.finish()?);
        }

        let mut latencies: Vec<Duration> =
            reports.iter().flat_map(|report| report.writes.iter().map(|w| w.took)).collect();
        let longest = reports.iter().map(|report| report.elapsed).max().unwrap_or_default();
        let failures: usize = reports.iter().map(|report| report.failures.len()).sum();
        if failures > 0 {
            let first = reports.iter().flat_map(|report| &report.failures).next().cloned().unwrap_or_default();
            return Err(Failure::Check(format!("{label}: {failures} writes failed; the first: {first}")));
        }
        let checked = self.count(&label, &reports)?;
        let figures = Figures {
            backend: self.backend,
            clients,
            writes: latencies.len(),
            elapsed: longest,
            p50: percentile(&mut latencies, 50),
            p95: percentile(&mut latencies, 95),
            lost: 0,
        };
        println!(
            "  {} writes in {:.1} s: {:.0} writes/s; per write p50 {}, p95 {}; lost: {} ({checked})",
            thousands(figures.writes),
            longest.as_secs_f64(),
            figures.throughput(),
            ms(figures.p50),
            ms(figures.p95),
            figures.lost
        );
        Ok(figures)
    }

    /// Reads back, through the app's Notes tab and History tab commands, every note and "Note added" line of
    /// this run, and checks them against what the clients were told was saved. Returns what was counted.
    fn count(&self, label: &str, reports: &[ClientReport]) -> Result<String, Failure> {
        let prefix = note_prefix(label);
        let job_seeker_of: HashMap<i32, i32> = self.applications.iter().copied().collect();
        let mut touched: Vec<i32> = reports
            .iter()
            .flat_map(|report| &report.writes)
            .filter_map(|write| job_seeker_of.get(&write.application_id).copied())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        touched.sort_unstable();
        // Every note of the run, and every History line about one, as the app shows them.
        let mut notes: HashMap<i32, (String, String)> = HashMap::new();
        let mut history: HashMap<(String, String), usize> = HashMap::new();
        let mut history_lines = 0;
        for &job_seeker_id in &touched {
            let listed = self.desk.call(&self.token, &NotesRequest { job_seeker_id, application_id: None })?;
            for note in listed.into_iter().filter(|note| note.text.starts_with(&prefix)) {
                notes.insert(note.id, (note.text, note.author_email));
            }
            let mut after = None;
            loop {
                let request = HistoryPageRequest {
                    job_seeker_id,
                    kind: Some("note_added".to_owned()),
                    requisition_id: None,
                    after,
                };
                let page = self.desk.call(&self.token, &request)?;
                for entry in page.entries {
                    if let Some(text) =
                        entry.summary.strip_prefix("Note added: ").filter(|text| text.starts_with(&prefix))
                    {
                        *history.entry((entry.user, text.to_owned())).or_default() += 1;
                        history_lines += 1;
                    }
                }
                match page.next {
                    Some(next) => after = Some(next),
                    None => break,
                }
            }
        }
        let acknowledged: usize = reports.iter().map(|report| report.writes.len()).sum();
        let mut problems = Vec::new();
        for report in reports {
            for write in &report.writes {
                let text = note_text(label, report.client, write.sequence);
                match notes.get(&write.note_id) {
                    Some((stored, author)) if *stored == text && *author == report.email => {}
                    Some((stored, author)) => {
                        problems.push(format!("note {} holds {stored:?} by {author}", write.note_id))
                    }
                    None => problems.push(format!("note {} ({text:?}) is missing", write.note_id)),
                }
                match history.get(&(report.email.clone(), text.clone())) {
                    Some(1) => {}
                    Some(lines) => problems.push(format!("{text:?} has {lines} History lines")),
                    None => problems.push(format!("{text:?} has no History line")),
                }
            }
        }
        if notes.len() != acknowledged || history_lines != acknowledged {
            problems.push(format!(
                "{acknowledged} writes were acknowledged, but the database holds {} notes and {history_lines} History \
                 lines of this run",
                notes.len()
            ));
        }
        if let Some(first) = problems.first() {
            return Err(Failure::Check(format!(
                "{label}: LOST OR EXTRA WRITES — {} problems; the first: {first}",
                problems.len()
            )));
        }
        Ok(format!(
            "{} notes and {} History lines read back on {} job seekers",
            thousands(notes.len()),
            thousands(history_lines),
            thousands(touched.len())
        ))
    }
}

fn sign_in(desk: &Hiredesk, email: &str, password: &str) -> Result<String, Failure> {
    let signed_in = desk.call_public(&SignInRequest { email: email.to_owned(), password: password.to_owned() })?;
    Ok(signed_in.token)
}

/// The beginning every note of one run shares, so that a run's count sees only its own notes.
fn note_prefix(label: &str) -> String {
    format!("Concurrency bench {label}: ")
}

/// A note's text: unique per run, client and write, and short enough that the History line's summary is the
/// whole text (the app cuts summaries at 60 characters).
fn note_text(label: &str, client: usize, sequence: u64) -> String {
    format!("{}client {client}, note {sequence}", note_prefix(label))
}

/// What one run measured.
struct Figures {
    backend: &'static str,
    clients: usize,
    writes: usize,
    elapsed: Duration,
    p50: Duration,
    p95: Duration,
    lost: usize,
}

impl Figures {
    fn throughput(&self) -> f64 {
        self.writes as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE)
    }
}

/// One acknowledged write as a client reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    sequence: u64,
    note_id: i32,
    application_id: i32,
    took: Duration,
}

/// Everything a client reported.
struct ClientReport {
    client: usize,
    email: String,
    writes: Vec<Written>,
    failures: Vec<String>,
    elapsed: Duration,
}

/// A client process between its start and its report.
struct Running {
    client: usize,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    email: String,
}

impl Running {
    fn start(mut command: Command, client: usize, email: &str) -> Result<Running, Failure> {
        let mut child =
            command.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().map_err(|error| spawn_failure(&error))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Failure::Check("a client started without its pipes".to_owned()));
        };
        Ok(Running { client, child, stdin, stdout: BufReader::new(stdout), email: email.to_owned() })
    }

    fn line(&mut self) -> Result<Option<String>, Failure> {
        let mut line = String::new();
        let read = self.stdout.read_line(&mut line).map_err(|error| self.failed(&error.to_string()))?;
        Ok((read > 0).then(|| line.trim_end().to_owned()))
    }

    fn failed(&self, why: &str) -> Failure {
        Failure::Check(format!("client {}: {why}", self.client))
    }

    fn wait_until_ready(&mut self) -> Result<(), Failure> {
        match self.line()? {
            Some(line) if line == READY => Ok(()),
            Some(line) => Err(self.failed(&format!("said {line:?} instead of {READY:?}"))),
            None => Err(self.failed("ended before it was ready (see its message above)")),
        }
    }

    fn go(&mut self, window: Duration) -> Result<(), Failure> {
        writeln!(self.stdin, "go {}", window.as_millis()).map_err(|error| self.failed(&error.to_string()))?;
        self.stdin.flush().map_err(|error| self.failed(&error.to_string()))
    }

    /// Reads the client's report to its end and waits for it to exit.
    fn finish(mut self) -> Result<ClientReport, Failure> {
        let mut report = ClientReport {
            client: self.client,
            email: self.email.clone(),
            writes: Vec::new(),
            failures: Vec::new(),
            elapsed: Duration::ZERO,
        };
        let mut done = false;
        while let Some(line) = self.line()? {
            let fields: Vec<&str> = line.splitn(2, ' ').collect();
            match fields[..] {
                ["wrote", rest] => report.writes.push(parse_written(rest).ok_or_else(|| self.failed(&line))?),
                ["failed", why] => report.failures.push(format!("client {}: {why}", self.client)),
                ["done", micros] => {
                    let micros = micros.parse::<u64>().map_err(|_| self.failed(&line))?;
                    report.elapsed = Duration::from_micros(micros);
                    done = true;
                }
                _ => return Err(self.failed(&format!("unexpected line {line:?}"))),
            }
        }
        let status = self.child.wait().map_err(|error| self.failed(&error.to_string()))?;
        if !status.success() || !done {
            return Err(self.failed(&format!("ended with {status} before its report was complete")));
        }
        Ok(report)
    }
}

/// `SEQUENCE NOTE_ID APPLICATION_ID MICROSECONDS`.
fn parse_written(fields: &str) -> Option<Written> {
    let mut fields = fields.split(' ');
    let written = Written {
        sequence: fields.next()?.parse().ok()?,
        note_id: fields.next()?.parse().ok()?,
        application_id: fields.next()?.parse().ok()?,
        took: Duration::from_micros(fields.next()?.parse().ok()?),
    };
    fields.next().is_none().then_some(written)
}

fn format_written(written: &Written) -> String {
    format!("wrote {} {} {} {}", written.sequence, written.note_id, written.application_id, written.took.as_micros())
}

fn spawn_failure(error: &std::io::Error) -> Failure {
    Failure::Check(format!("a client process could not be started: {error}"))
}

/// `bench-concurrency-client`: one client. Opens its own `Hiredesk` (`--database-url`, or the SQLite file in
/// `--data-dir`), signs in, prints `ready`, and on `go MILLISECONDS` writes notes on random applications of
/// `--applications` until the window closes; then reports every write (nothing is printed while it is timed).
pub fn client(args: &[String]) -> Result<(), Failure> {
    let mut options: HashMap<&str, &str> = HashMap::new();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value")))?;
        options.insert(flag.as_str(), value.as_str());
    }
    let required = |flag: &str| options.get(flag).copied().ok_or_else(|| Failure::Usage(format!("{flag} is needed")));
    let client: usize = required("--client")?.parse().map_err(|_| Failure::Usage("--client N".to_owned()))?;
    let label = required("--label")?;
    let applications: Vec<i32> = required("--applications")?
        .split(',')
        .map(|id| id.parse::<i32>().map_err(|_| Failure::Usage(format!("application id {id:?}"))))
        .collect::<Result<_, _>>()?;
    if applications.is_empty() {
        return Err(Failure::Usage("--applications lists none".to_owned()));
    }
    let mut config = HiredeskConfig::new(PathBuf::from(OsString::from(required("--data-dir")?)));
    config.database_url = options.get("--database-url").map(|url| (*url).to_owned());
    let desk = Hiredesk::open(&config)?;
    let token = sign_in(&desk, required("--email")?, required("--password")?)?;

    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let say = |out: &mut BufWriter<_>, line: &str| -> Result<(), Failure> {
        writeln!(out, "{line}").and_then(|()| out.flush()).map_err(|error| Failure::Check(format!("stdout: {error}")))
    };
    say(&mut out, READY)?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|error| Failure::Check(format!("stdin: {error}")))?;
    let window = line
        .trim()
        .strip_prefix("go ")
        .and_then(|millis| millis.parse::<u64>().ok())
        .map(Duration::from_millis)
        .ok_or_else(|| Failure::Usage(format!("expected `go MILLISECONDS`, got {line:?}")))?;

    // Each client its own sequence of applications, the same in every run.
    let mut rng = crate::bench_history::Rng(0x5eed_0000 + client as u64);
    let (mut written, mut failures) = (Vec::new(), Vec::new());
    let started = Instant::now();
    let mut sequence = 0;
    while started.elapsed() < window {
        sequence += 1;
        let application_id = applications[rng.below(applications.len())];
        let request = SaveNoteRequest {
            id: None,
            application_id,
            text: note_text(label, client, sequence),
            is_task: false,
            due_date: String::new(),
            client_key: None,
            written_at: None,
        };
        let before = Instant::now();
        match desk.call(&token, &request) {
            Ok(note) => written.push(Written { sequence, note_id: note.id, application_id, took: before.elapsed() }),
            Err(error) => failures.push(format!("note {sequence}: {error}")),
        }
    }
    let elapsed = started.elapsed();
    for write in &written {
        say(&mut out, &format_written(write))?;
    }
    for failure in &failures {
        say(&mut out, &format!("failed {failure}"))?;
    }
    say(&mut out, &format!("done {}", elapsed.as_micros()))
}

/// The nearest-rank percentile.
fn percentile(samples: &mut [Duration], percent: usize) -> Duration {
    samples.sort_unstable();
    let rank = (samples.len() * percent).div_ceil(100).max(1);
    samples.get(rank - 1).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reported_write_reads_back_as_written() {
        let written = Written { sequence: 12, note_id: 345, application_id: 6, took: Duration::from_micros(789) };
        let line = format_written(&written);
        assert_eq!(line.strip_prefix("wrote ").and_then(parse_written), Some(written));
        assert_eq!(parse_written("12 345 6"), None);
        assert_eq!(parse_written("12 345 6 789 10"), None);
    }

    #[test]
    fn note_texts_are_whole_in_their_history_summary() {
        // The count matches History lines by their summary, which the app cuts at 60 characters.
        let longest = note_text("PostgreSQL N=16", 16, 9_999_999);
        assert!(longest.chars().count() <= 60, "{longest}");
        assert!(longest.starts_with(&note_prefix("PostgreSQL N=16")));
        assert!(!note_text("PostgreSQL N=1", 1, 1).starts_with(&note_prefix("PostgreSQL N=16")));
    }
}
