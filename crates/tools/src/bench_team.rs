//! `bench-team`: what the network hop to the team server costs. Fifty simulated desktops (threads, each with its
//! own HTTPS connection and its own session) run a recruiter's mix against one real `hiredesk-server` on
//! 127.0.0.1 for S seconds (60 by default): open a job seeker, the newest History page, add a note, the To-Do
//! list, in turn. Then the same desktops run the same mix, the same JSON bytes, in-process through
//! `Hiredesk::dispatch` on the same database, which is what the server does for each request once it has it.
//! Printed: requests/s, p50/p95/p99 latency and errors (the goal is 0) of each, and their ratio.
//!
//! The database is a private PostgreSQL (`cargo xtask bench team` starts it, with `fsync` off like the other
//! benches), seeded by its owner with 2,000 job seekers and 20,000 History entries; ten Recruiters, each signed in
//! on five desktops. The server and the in-process core each have the core's pool of 16 connections. Everything
//! listens on 127.0.0.1 only and stops at the end of its window.

use crate::failure::Failure;
use crate::team::TeamDatabase;
use crate::thousands;
use hiredesk_core::seed::{self, SeedOptions};
use hiredesk_core::{db, Hiredesk, HiredeskConfig};
use hiredesk_wire::{
    ChangePasswordRequest, Command, CreateUserRequest, ErrorKind, HistoryPageRequest, IpcError, JobSeekerRequest, Role,
    SaveNoteRequest, SignInRequest, SignedIn, TodoRequest,
};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const DEFAULT_SECONDS: u64 = 60;
const DESKTOPS: usize = 50;
const USERS: usize = 10;
const DATA_SET: SeedOptions =
    SeedOptions { requisitions: 20, job_seekers: 2_000, history: 20_000, busy_history: 1_000, notes: 0 };
/// The job seekers the desktops open and write on.
const TARGET_JOB_SEEKERS: i32 = 200;

/// `bench-team --postgres URL [--app-role ROLE] [--seconds S] --server PATH`.
pub fn main(args: &[String]) -> Result<(), Failure> {
    let (mut postgres, mut app_role, mut seconds, mut server) = (None, None, DEFAULT_SECONDS, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| Failure::Usage(format!("{flag} needs a value\n\n{}", crate::USAGE)))?;
        match flag.as_str() {
            "--postgres" => postgres = Some(value.clone()),
            "--app-role" => app_role = Some(value.clone()),
            "--server" => server = Some(PathBuf::from(value)),
            "--seconds" => {
                seconds = value.parse::<u64>().ok().filter(|seconds| *seconds >= 1).ok_or_else(|| {
                    Failure::Usage(format!("--seconds takes a whole number of at least 1, not {value:?}"))
                })?;
            }
            _ => return Err(Failure::Usage(format!("unknown option {flag:?}\n\n{}", crate::USAGE))),
        }
    }
    let team = TeamDatabase::from_flags(postgres, app_role)?
        .ok_or_else(|| Failure::Usage(format!("bench-team needs --postgres URL\n\n{}", crate::USAGE)))?;
    let server = server.ok_or_else(|| Failure::Usage("bench-team needs --server PATH (hiredesk-server)".into()))?;
    run(&team, &server, Duration::from_secs(seconds))
}

fn run(team: &TeamDatabase, server: &std::path::Path, window: Duration) -> Result<(), Failure> {
    println!(
        "Team server benchmark: {DESKTOPS} desktops for {} s over HTTPS on 127.0.0.1, then {} s in-process; {} job \
         seekers, {} History entries seeded first.\n",
        window.as_secs(),
        window.as_secs(),
        thousands(DATA_SET.job_seekers),
        thousands(DATA_SET.history)
    );
    crate::machine::report("before");
    team.prepare()?;
    {
        let owner_pool = db::open(&db::Location::Postgres(team.owner_url.clone()))?;
        seed::seed(&mut *db::connection(&owner_pool)?, &DATA_SET, chrono::Utc::now())?;
    }
    let folder = tempfile::tempdir().map_err(|error| Failure::Check(format!("a temporary folder: {error}")))?;
    let mut config = HiredeskConfig::new(folder.path());
    config.database_url = Some(team.app_url()?);
    let desk = Hiredesk::open(&config)?;
    let accounts = recruiters(&desk)?;
    let mut applications = Vec::new();
    let admin = sign_in_here(&desk, seed::ADMINISTRATOR_EMAIL, seed::ADMINISTRATOR_PASSWORD)?;
    for job_seeker_id in 1..=TARGET_JOB_SEEKERS {
        let detail = desk.call(&admin, &JobSeekerRequest { id: job_seeker_id })?;
        applications.extend(detail.applications.iter().map(|application| (application.id, detail.id)));
    }
    if applications.is_empty() {
        return Err(Failure::Check("the seeded job seekers have no applications".into()));
    }

    let running = RunningServer::start(server, &team.app_url()?, folder.path())?;
    println!("Server: https://{} (fingerprint {}).", running.address, running.fingerprint);
    let network = Network { base: format!("https://{}", running.address), tls: running.client_config()? };
    let over_network = measure("over HTTPS", &accounts, &applications, window, &network)?;
    running.stop()?;
    let in_process = measure("in-process", &accounts, &applications, window, &InProcess { desk: desk.clone() })?;

    println!(
        "\nSummary ({DESKTOPS} desktops, {} s each; the mix: job seeker, History page, note, To-Do):",
        window.as_secs()
    );
    println!(
        "  {:<14}{:>10}{:>12}{:>11}{:>11}{:>11}{:>8}",
        "", "requests", "requests/s", "p50", "p95", "p99", "errors"
    );
    for figures in [&over_network, &in_process] {
        println!(
            "  {:<14}{:>10}{:>12.0}{:>11}{:>11}{:>11}{:>8}",
            figures.label,
            thousands(figures.latencies.len()),
            figures.throughput(),
            ms(figures.percentile(50)),
            ms(figures.percentile(95)),
            ms(figures.percentile(99)),
            figures.errors
        );
    }
    let ratio = |network: Duration, here: Duration| network.as_secs_f64() / here.as_secs_f64().max(f64::EPSILON);
    println!(
        "  The network hop: {:.2}× the in-process throughput; p50 {:.2}×, p95 {:.2}× the in-process latency.",
        over_network.throughput() / in_process.throughput().max(f64::EPSILON),
        ratio(over_network.percentile(50), in_process.percentile(50)),
        ratio(over_network.percentile(95), in_process.percentile(95)),
    );
    if let Some(error) = over_network.first_error.as_ref().or(in_process.first_error.as_ref()) {
        println!("  First error: {} ({:?}).", error.message, error.kind);
    }
    crate::machine::report("after");
    if over_network.errors + in_process.errors > 0 {
        return Err(Failure::Check(format!(
            "{} requests failed over HTTPS and {} in-process; the goal is none",
            over_network.errors, in_process.errors
        )));
    }
    Ok(())
}

/// Creates the Recruiters the desktops sign in as (each changes the temporary password, as the app demands);
/// their emails and passwords.
fn recruiters(desk: &Hiredesk) -> Result<Vec<(String, String)>, Failure> {
    let admin = sign_in_here(desk, seed::ADMINISTRATOR_EMAIL, seed::ADMINISTRATOR_PASSWORD)?;
    let mut accounts = Vec::with_capacity(USERS);
    for user in 1..=USERS {
        let email = format!("bench.team{user:02}@seed.example");
        let request = CreateUserRequest {
            email: email.clone(),
            first_name: "Team".to_owned(),
            last_name: format!("{user:02}"),
            role: Role::Recruiter,
        };
        let created = desk.call(&admin, &request)?;
        let password = format!("Team desktop {user:02} passphrase");
        let first = sign_in_here(desk, &email, &created.password)?;
        let change = ChangePasswordRequest {
            old_password: created.password,
            new_password: password.clone(),
            confirm_password: password.clone(),
        };
        desk.call(&first, &change)?;
        accounts.push((email, password));
    }
    Ok(accounts)
}

fn sign_in_here(desk: &Hiredesk, email: &str, password: &str) -> Result<String, Failure> {
    Ok(desk.call_public(&SignInRequest { email: email.to_owned(), password: password.to_owned() })?.token)
}

/// How a desktop reaches the core: over HTTPS, or in this process.
trait Route: Sync {
    /// A desktop's own way of calling (its own connection, for HTTPS).
    type Desktop: Send;
    fn desktop(&self) -> Result<Self::Desktop, Failure>;
    /// Sends one command's request (JSON) and reads the response.
    fn call(
        &self,
        desktop: &Self::Desktop,
        command: Command,
        token: Option<&str>,
        body: &[u8],
    ) -> Result<Vec<u8>, IpcError>;
}

struct Network {
    base: String,
    tls: rustls::ClientConfig,
}

impl Route for Network {
    type Desktop = reqwest::blocking::Client;

    fn desktop(&self) -> Result<Self::Desktop, Failure> {
        reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(self.tls.clone())
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|error| Failure::Check(format!("an HTTPS client: {error}")))
    }

    fn call(
        &self,
        client: &Self::Desktop,
        command: Command,
        token: Option<&str>,
        body: &[u8],
    ) -> Result<Vec<u8>, IpcError> {
        let mut post = client
            .post(format!("{}/v1/commands/{}", self.base, command.name()))
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(token) = token {
            post = post.bearer_auth(token);
        }
        let unreachable = |error: reqwest::Error| IpcError::new(ErrorKind::Unreachable, error.to_string());
        let response = post.send().map_err(unreachable)?;
        let ok = response.status().is_success();
        let bytes = response.bytes().map_err(unreachable)?.to_vec();
        if ok {
            Ok(bytes)
        } else {
            Err(serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| IpcError::new(ErrorKind::Internal, "an answer that is not an IpcError")))
        }
    }
}

struct InProcess {
    desk: Hiredesk,
}

impl Route for InProcess {
    type Desktop = ();

    fn desktop(&self) -> Result<Self::Desktop, Failure> {
        Ok(())
    }

    fn call(&self, _: &(), command: Command, token: Option<&str>, body: &[u8]) -> Result<Vec<u8>, IpcError> {
        self.desk.dispatch(command, token, body).map_err(IpcError::from)
    }
}

/// One route's run: every request's latency, and the failures.
struct Figures {
    label: &'static str,
    latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<IpcError>,
    window: Duration,
}

impl Figures {
    fn throughput(&self) -> f64 {
        self.latencies.len() as f64 / self.window.as_secs_f64().max(f64::EPSILON)
    }

    /// The latency `percent` of requests stay within (the latencies are sorted).
    fn percentile(&self, percent: usize) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let index = (self.latencies.len() * percent).div_ceil(100).saturating_sub(1);
        self.latencies[index.min(self.latencies.len() - 1)]
    }
}

/// What one desktop did in the window.
#[derive(Default)]
struct Desktop {
    latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<IpcError>,
}

/// The desktops sign in (outside the window), then run the mix together until the window closes.
fn measure<R: Route>(
    label: &'static str,
    accounts: &[(String, String)],
    applications: &[(i32, i32)],
    window: Duration,
    route: &R,
) -> Result<Figures, Failure> {
    println!("{label}: {DESKTOPS} desktops sign in …");
    let start = Arc::new(Barrier::new(DESKTOPS + 1));
    let desktops: Vec<Desktop> = std::thread::scope(|scope| -> Result<Vec<Desktop>, Failure> {
        let mut threads = Vec::with_capacity(DESKTOPS);
        for number in 0..DESKTOPS {
            let (email, password) = &accounts[number % accounts.len()];
            let start = start.clone();
            threads.push(scope.spawn(move || -> Result<Desktop, Failure> {
                let desktop = route.desktop();
                let signed_in = desktop.as_ref().map_err(|_| ()).and_then(|desktop| {
                    let request = SignInRequest { email: email.clone(), password: password.clone() };
                    let body = json(&request);
                    let answer = route.call(desktop, Command::SignIn, None, &body).map_err(|_| ())?;
                    serde_json::from_slice::<SignedIn>(&answer).map_err(|_| ())
                });
                // Every desktop reaches the barrier, signed in or not, so that none waits forever.
                start.wait();
                let (desktop, token) = match (desktop, signed_in) {
                    (Ok(desktop), Ok(signed_in)) => (desktop, signed_in.token),
                    _ => return Err(Failure::Check(format!("desktop {number} could not sign in as {email}"))),
                };
                Ok(run_mix(route, &desktop, &token, number, applications, Instant::now() + window))
            }));
        }
        start.wait();
        println!("{label}: {DESKTOPS} desktops running for {} s …", window.as_secs());
        threads
            .into_iter()
            .map(|thread| thread.join().unwrap_or_else(|_| Err(Failure::Check("a desktop's thread panicked".into()))))
            .collect()
    })?;
    let mut latencies: Vec<Duration> = desktops.iter().flat_map(|desktop| desktop.latencies.iter().copied()).collect();
    latencies.sort_unstable();
    let errors = desktops.iter().map(|desktop| desktop.errors).sum();
    let first_error = desktops.into_iter().find_map(|desktop| desktop.first_error);
    Ok(Figures { label, latencies, errors, first_error, window })
}

/// One desktop's recruiter: the four steps in turn on job seekers picked by a small deterministic generator (its
/// own seed), until `until`.
fn run_mix<R: Route>(
    route: &R,
    desktop: &R::Desktop,
    token: &str,
    number: usize,
    applications: &[(i32, i32)],
    until: Instant,
) -> Desktop {
    let mut done = Desktop::default();
    let mut state = 0x9E37_79B9_7F4A_7C15_u64 ^ (number as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let mut step = 0_usize;
    while Instant::now() < until {
        // xorshift64: spread over the applications without a dependency, the same every run.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let (application_id, job_seeker_id) = applications[(state % applications.len() as u64) as usize];
        let (command, body) = match step % 4 {
            0 => (Command::GetJobSeeker, json(&JobSeekerRequest { id: job_seeker_id })),
            1 => (
                Command::JobSeekerHistory,
                json(&HistoryPageRequest { job_seeker_id, kind: None, requisition_id: None, after: None }),
            ),
            2 => (
                Command::SaveNote,
                json(&SaveNoteRequest {
                    id: None,
                    application_id,
                    text: format!("Team bench: desktop {number}, step {step}"),
                    is_task: false,
                    due_date: String::new(),
                    client_key: None,
                    written_at: None,
                }),
            ),
            _ => (Command::Todo, json(&TodoRequest {})),
        };
        step += 1;
        let started = Instant::now();
        let answer = route.call(desktop, command, Some(token), &body);
        done.latencies.push(started.elapsed());
        if let Err(error) = answer {
            done.errors += 1;
            done.first_error.get_or_insert(error);
        }
    }
    done
}

fn json<T: serde::Serialize>(request: &T) -> Vec<u8> {
    // The wire's requests are plain data: encoding them cannot fail.
    serde_json::to_vec(request).unwrap_or_default()
}

/// The real server, started for the bench on a free port of 127.0.0.1 with a self-signed certificate.
struct RunningServer {
    child: Child,
    address: String,
    fingerprint: String,
    certificate: Vec<u8>,
}

impl RunningServer {
    fn start(binary: &std::path::Path, app_url: &str, folder: &std::path::Path) -> Result<RunningServer, Failure> {
        let tls_dir = folder.join("tls");
        let mut child = std::process::Command::new(binary)
            .args(["serve", "--listen", "127.0.0.1:0", "--tls-dir"])
            .arg(&tls_dir)
            .env("HIREDESK_DATABASE_URL", app_url)
            .env("HIREDESK_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| Failure::Check(format!("{} could not start: {error}", binary.display())))?;
        let stdout = child.stdout.take().ok_or_else(|| Failure::Check("the server's output".into()))?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        // The rest (warnings only) is read and dropped, so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let rest = first
            .strip_prefix("hiredesk-server listening on https://")
            .ok_or_else(|| Failure::Check(format!("the server did not start: {first:?}")))?;
        let (address, fingerprint) =
            rest.split_once(" fingerprint ").ok_or_else(|| Failure::Check(format!("no fingerprint in {first:?}")))?;
        let pem = std::fs::read(tls_dir.join("cert.pem"))
            .map_err(|error| Failure::Check(format!("the server's certificate: {error}")))?;
        use rustls::pki_types::pem::PemObject;
        let certificate = rustls::pki_types::CertificateDer::from_pem_slice(&pem)
            .map_err(|error| Failure::Check(format!("the server's certificate: {error}")))?
            .as_ref()
            .to_vec();
        Ok(RunningServer { child, address: address.to_owned(), fingerprint: fingerprint.to_owned(), certificate })
    }

    /// A client configuration that trusts exactly this server's certificate.
    fn client_config(&self) -> Result<rustls::ClientConfig, Failure> {
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(rustls::pki_types::CertificateDer::from(self.certificate.clone()))
            .map_err(|error| Failure::Check(format!("the server's certificate: {error}")))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        Ok(rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| Failure::Check(format!("TLS: {error}")))?
            .with_root_certificates(roots)
            .with_no_client_auth())
    }

    /// Stops the server as systemd does (SIGTERM) and checks that it exits cleanly.
    fn stop(mut self) -> Result<(), Failure> {
        let sent = std::process::Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        if !sent.is_ok_and(|status| status.success()) {
            let _ = self.child.kill();
        }
        let status = self.child.wait().map_err(|error| Failure::Check(format!("the server's exit: {error}")))?;
        if !status.success() {
            return Err(Failure::Check(format!("the server exited with {status}")));
        }
        Ok(())
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        // Only when the bench failed before stopping it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
