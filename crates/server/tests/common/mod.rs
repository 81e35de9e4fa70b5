//! The real parts of the server's tests: a fresh PostgreSQL database of the test's own on the server that
//! `HIREDESK_TEST_POSTGRES` names (created, prepared and dropped like the core tests' `TeamDatabase`), the real
//! `hiredesk-server` binary on port 0 with a self-signed certificate made for the test, and an HTTPS client that
//! trusts exactly that certificate. There is no server without PostgreSQL, so a run without the variable fails
//! loudly instead of skipping.

#![allow(dead_code)]

use diesel::connection::SimpleConnection;
use diesel::Connection;
use hiredesk_core::{Hiredesk, HiredeskConfig};
use hiredesk_wire::{IpcError, Rpc};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The owner's URL without a database (`postgres://hiredesk_owner@127.0.0.1:PORT`), set by `cargo xtask test`.
pub const SERVER_VARIABLE: &str = "HIREDESK_TEST_POSTGRES";
/// The role the application connects as; the test server has it (`xtask/src/postgres.rs`).
pub const APP_ROLE: &str = "hiredesk_app";
/// The password every demo account is given at its first sign-in here.
pub const PASSWORD: &str = "copper lantern meadow fifty";

/// A PostgreSQL database of the test's own, dropped with it.
pub struct TeamDatabase {
    server: String,
    name: String,
}

impl TeamDatabase {
    /// An empty database; [`TeamDatabase::prepared`] migrates it.
    pub fn empty() -> TeamDatabase {
        let server = std::env::var(SERVER_VARIABLE).ok().filter(|url| !url.is_empty()).unwrap_or_else(|| {
            panic!(
                "{SERVER_VARIABLE} must name a PostgreSQL server (the owner's URL without a database): the team server \
                 runs only on PostgreSQL. `cargo xtask test` starts one for its PostgreSQL pass."
            )
        });
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!("hiredesk_server_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = diesel::PgConnection::establish(&format!("{server}/postgres")).expect("the test server");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("a database of the test's own");
        TeamDatabase { server, name }
    }

    /// A database prepared as a team's (migrations as its owner, grants to the application's role), with the demo
    /// data when `demo`.
    pub fn prepared(demo: bool) -> TeamDatabase {
        let database = TeamDatabase::empty();
        hiredesk_core::db::prepare_team(&database.owner_url(), APP_ROLE).expect("prepared as a team database");
        if demo {
            let folder = tempfile::tempdir().expect("folder");
            let mut config = HiredeskConfig::new(folder.path());
            config.database_url = Some(database.app_url());
            config.demo = true;
            drop(Hiredesk::open(&config).expect("the demo data"));
        }
        database
    }

    pub fn owner_url(&self) -> String {
        format!("{}/{}", self.server, self.name)
    }

    /// As the application's role: what the server connects with.
    pub fn app_url(&self) -> String {
        let (scheme, rest) = self.server.split_once("://").expect("a URL");
        let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
        format!("{scheme}://{APP_ROLE}@{host}/{}", self.name)
    }
}

impl Drop for TeamDatabase {
    fn drop(&mut self) {
        // FORCE ends the server's pooled connections; a failure only leaves a database for the run's end to drop.
        if let Ok(mut admin) = diesel::PgConnection::establish(&format!("{}/postgres", self.server)) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// What the server printed so far, line by line, and a way to wait for a line.
#[derive(Default)]
struct Output {
    lines: Mutex<Vec<String>>,
    grew: Condvar,
}

/// The real `hiredesk-server` on a port of its own, stopped (SIGKILL) if the test did not stop it.
pub struct TestServer {
    child: Child,
    pub address: String,
    pub fingerprint: String,
    certificate: Vec<u8>,
    output: Arc<Output>,
    _tls: tempfile::TempDir,
    pub database: TeamDatabase,
}

pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_hiredesk-server"))
}

impl TestServer {
    /// The server on a fresh team database with the demo data.
    pub fn start() -> TestServer {
        TestServer::on(TeamDatabase::prepared(true), &[])
    }

    /// The server on `database`, with extra environment variables.
    pub fn on(database: TeamDatabase, environment: &[(&str, &str)]) -> TestServer {
        let tls = tempfile::tempdir().expect("folder");
        let tls_dir = tls.path().join("tls");
        let mut child = Command::new(binary())
            .args(["serve", "--listen", "127.0.0.1:0", "--tls-dir"])
            .arg(&tls_dir)
            .env("HIREDESK_DATABASE_URL", database.app_url())
            .envs(environment.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let output = Arc::new(Output::default());
        let stdout = child.stdout.take().expect("stdout");
        let reading = output.clone();
        // Read to the end, so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                reading.lines.lock().expect("lines").push(line);
                reading.grew.notify_all();
            }
        });
        let mut server = TestServer {
            child,
            address: String::new(),
            fingerprint: String::new(),
            certificate: Vec::new(),
            output,
            _tls: tls,
            database,
        };
        let first = server.wait_for_line(|line| line.starts_with("hiredesk-server listening on "));
        let rest = first.strip_prefix("hiredesk-server listening on https://").expect("the address");
        let (address, fingerprint) = rest.split_once(" fingerprint ").expect("the fingerprint");
        server.address = address.to_owned();
        server.fingerprint = fingerprint.to_owned();
        let pem = std::fs::read(tls_dir.join("cert.pem")).expect("the certificate the server made");
        use rustls::pki_types::pem::PemObject;
        server.certificate =
            rustls::pki_types::CertificateDer::from_pem_slice(&pem).expect("a PEM certificate").as_ref().to_vec();
        server
    }

    /// Waits (at most a minute) for a line the server prints, and returns it.
    pub fn wait_for_line(&self, wanted: impl Fn(&str) -> bool) -> String {
        self.wait_for_lines(1, wanted).remove(0)
    }

    /// Waits (at most a minute) until the server printed `count` lines that match, and returns them.
    pub fn wait_for_lines(&self, count: usize, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut lines = self.output.lines.lock().expect("lines");
        loop {
            let found: Vec<String> = lines.iter().filter(|line| wanted(line)).cloned().collect();
            if found.len() >= count {
                return found;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "the server did not print what was expected; it printed:\n{}", lines.join("\n"));
            lines = self.output.grew.wait_timeout(lines, left).expect("lines").0;
        }
    }

    /// The certificate's DER, as the desktop pins it.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate
    }

    pub fn url(&self, path: &str) -> String {
        format!("https://{}{path}", self.address)
    }

    /// An HTTPS client that trusts exactly this server's certificate (no system roots).
    pub fn client(&self) -> reqwest::blocking::Client {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(rustls::pki_types::CertificateDer::from(self.certificate.clone())).expect("the server's certificate");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client")
    }

    /// Sends a command of the table as a desktop does; the answer, or the error and its status.
    pub fn call<R: Rpc>(&self, token: Option<&str>, request: &R) -> Result<R::Response, (u16, IpcError)> {
        let mut post = self.client().post(self.url(&format!("/v1/commands/{}", R::COMMAND.name()))).json(request);
        if let Some(token) = token {
            post = post.bearer_auth(token);
        }
        let response = post.send().expect("the server answers");
        let status = response.status().as_u16();
        if status == 200 {
            Ok(response.json().expect("the response as JSON"))
        } else {
            Err((status, response.json().expect("an IpcError as JSON")))
        }
    }

    /// Signs in a demo account for the first time (changing its initial password), and returns the token.
    pub fn first_sign_in(&self, email: &str, initial: &str) -> String {
        use hiredesk_wire::{ChangePasswordRequest, SignInRequest};
        let signed_in =
            self.call(None, &SignInRequest { email: email.into(), password: initial.into() }).expect("sign in");
        let change = ChangePasswordRequest {
            old_password: initial.into(),
            new_password: PASSWORD.into(),
            confirm_password: PASSWORD.into(),
        };
        self.call(Some(&signed_in.token), &change).expect("the initial password changed");
        signed_in.token
    }

    /// `GET /v1/health`: status and body.
    pub fn health(&self) -> (u16, hiredesk_wire::ServerHealth) {
        let response = self.client().get(self.url("/v1/health")).send().expect("health answers");
        (response.status().as_u16(), response.json().expect("ServerHealth"))
    }

    /// Asks the server to stop as systemd does (SIGTERM).
    pub fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("kill");
        assert!(status.success(), "SIGTERM sent");
    }

    /// Waits (at most a minute) for the server to exit.
    pub fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().expect("the server's status") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
