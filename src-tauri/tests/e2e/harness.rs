//! Drives the real Hiredesk binary through tauri-driver and WebKitWebDriver.
//!
//! Each [`App`] gets its own [`Desktop`] (X display and session bus), a fresh data directory, its own
//! tauri-driver on free ports and its own WebDriver session. Its clock starts at a fixed instant unless the
//! scenario chose another ([`Start`]), so no scenario depends on the day or the season it runs in. Scenarios
//! run one at a time (WebKit instances on two cores would only slow each other down), and every wait is for
//! a condition and bounded, so a broken flow fails with a message instead of hanging. A scenario of two
//! desktops (a team's) starts its second app beside the first ([`App::start_beside`]), under the same turn.

use crate::desktop::{terminate, Desktop};
use chrono::{DateTime, TimeDelta, Utc};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// How long any one thing may take to appear. Generous: debug builds under Xvfb on two cores.
pub const PATIENCE: Duration = Duration::from_secs(20);
/// How many characters of the window's text a timed-out wait prints.
const WINDOW_TEXT_SHOWN: usize = 1500;
const POLL: Duration = Duration::from_millis(100);

/// One scenario at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Where every scenario's clock starts unless it chose another: Tuesday 24 November 2026, 10:00 Eastern, when
/// the scenarios were written. The demo's activity of the last weeks is then all in standard time (EST, PST),
/// as the time zone scenario expects, and the dates the scenarios type are still ahead.
pub fn standard_clock() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-24T10:00:00-05:00").expect("an RFC 3339 instant").to_utc()
}

/// A clock like the app's test clock: `start` now, then on at the real rate. For a scenario's own core on
/// the app's database, so both agree about what time it is.
pub fn clock_from(start: DateTime<Utc>) -> hiredesk_core::Clock {
    let anchor = Instant::now();
    std::sync::Arc::new(move || start + TimeDelta::from_std(anchor.elapsed()).expect("a short elapsed time"))
}

/// How a scenario starts the app: its arguments, where its clock starts, and the notice scheduler's period.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    pub args: &'a [&'a str],
    /// The instant the app's clock reads when it starts; it runs on at the real rate from there.
    pub clock: DateTime<Utc>,
    /// The notice scheduler's period; `None` keeps the app's minute.
    pub notice_period: Option<Duration>,
}

impl<'a> Start<'a> {
    /// `args`, on the [`standard_clock`] and the app's own scheduler period.
    pub fn new(args: &'a [&'a str]) -> Self {
        Start { args, clock: standard_clock(), notice_period: None }
    }

    /// Gives `command` (the app, or tauri-driver, which passes its environment on) the test clock and period,
    /// which debug builds of the app honour.
    pub fn apply(&self, command: &mut Command) {
        command.env("HIREDESK_TEST_CLOCK", self.clock.to_rfc3339());
        if let Some(period) = self.notice_period {
            command.env("HIREDESK_TEST_NOTICE_PERIOD_MS", period.as_millis().to_string());
        }
    }
}

pub struct App {
    driver: Option<WebDriver>,
    tauri_driver: Child,
    /// Where the app's clock started, and when (before the launch, and once the session was up): its clock
    /// now reads between `clock + (now - ready)` and `clock + (now - launched)`.
    clock: DateTime<Utc>,
    launched: Instant,
    ready: Instant,
    // Fields drop in this order, after `drop` stopped tauri-driver: the desktop (which ends whatever still
    // runs on it), the data directory, and last the turn, so the next scenario starts on a quiet machine.
    desktop: Desktop,
    _data_dir: tempfile::TempDir,
    /// Shared by the apps of one scenario: the turn ends when the last of them is dropped.
    turn: std::sync::Arc<tokio::sync::MutexGuard<'static, ()>>,
}

/// Waits for this scenario's turn; for tests that start the app without WebDriver.
pub async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().await
}

/// Waits until `condition` holds, checking every 100 ms, for at most `patience`.
pub async fn eventually_within(patience: Duration, what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + patience;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out after {patience:?} waiting until {what}");
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until `condition` holds, for at most [`PATIENCE`].
pub async fn eventually(what: &str, condition: impl FnMut() -> bool) {
    eventually_within(PATIENCE, what, condition).await;
}

/// Two free ports, for tauri-driver and the WebKitWebDriver it starts; different, because both are held
/// until both are chosen.
fn free_ports() -> (u16, u16) {
    let listen = || TcpListener::bind("127.0.0.1:0").expect("a free port");
    let (first, second) = (listen(), listen());
    let port = |listener: &TcpListener| listener.local_addr().expect("a bound port").port();
    (port(&first), port(&second))
}

async fn wait_for_port(port: u16, program: &str) {
    let what = format!("{program} listens on port {port}");
    eventually(&what, || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()).await;
}

/// The name of the file Import's open dialog chooses (see [`App::import_file`]).
const IMPORT_FILE_NAME: &str = "applicants.csv";

impl App {
    /// Starts Hiredesk with `args` on a fresh data directory.
    pub async fn launch(args: &[&str]) -> App {
        App::start(Start::new(args), |_| {}).await
    }

    /// Starts Hiredesk with `args` on a fresh data directory that `prepare` has filled first (e.g. with the
    /// core's seed data).
    pub async fn launch_with(args: &[&str], prepare: impl FnOnce(&std::path::Path)) -> App {
        App::start(Start::new(args), prepare).await
    }

    /// Starts Hiredesk as `start` says, on its own desktop and a fresh data directory that `prepare` has
    /// filled first.
    pub async fn start(start: Start<'_>, prepare: impl FnOnce(&std::path::Path)) -> App {
        let turn = std::sync::Arc::new(ONE_AT_A_TIME.lock().await);
        App::start_on(turn, start, prepare).await
    }

    /// Starts a second Hiredesk while `first` runs, in the same scenario's turn: a desktop of its own (display
    /// and bus, so each app's notifications reach only its own server), a fresh data directory that `prepare`
    /// has filled first, its own tauri-driver on free ports and its own WebDriver session. For the flows
    /// between two desktops of a team; the turn ends once both apps are gone.
    pub async fn start_beside(first: &App, start: Start<'_>, prepare: impl FnOnce(&std::path::Path)) -> App {
        App::start_on(first.turn.clone(), start, prepare).await
    }

    async fn start_on(
        turn: std::sync::Arc<tokio::sync::MutexGuard<'static, ()>>,
        start: Start<'_>,
        prepare: impl FnOnce(&std::path::Path),
    ) -> App {
        let desktop = Desktop::start();
        let data_dir = tempfile::tempdir().expect("a data directory");
        prepare(data_dir.path());
        let (port, native_port) = free_ports();
        let mut command = desktop.command("tauri-driver");
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            // The app inherits this through WebKitWebDriver: it never touches a real user's data.
            .env("HIREDESK_DATA_DIR", data_dir.path())
            // Exports land here instead of asking with the save dialog, which WebDriver cannot drive.
            .env("HIREDESK_EXPORT_DIR", data_dir.path())
            // Likewise Import's open dialog: the file it "chooses" is [`App::import_file`].
            .env("HIREDESK_IMPORT_FILE", data_dir.path().join(IMPORT_FILE_NAME))
            .stdout(Stdio::null());
        start.apply(&mut command);
        let launched = Instant::now();
        let tauri_driver = command.spawn().expect("tauri-driver must be installed (cargo xtask test installs it)");
        // From here on a failure stops tauri-driver (and with it the app) and the desktop.
        let mut app = App {
            driver: None,
            tauri_driver,
            clock: start.clock,
            launched,
            ready: launched,
            desktop,
            _data_dir: data_dir,
            turn,
        };
        // tauri-driver starts WebKitWebDriver and listens at once; a new session is passed on to
        // WebKitWebDriver, and fails if that one is not listening yet (seen with the CPU busy).
        wait_for_port(port, "tauri-driver").await;
        wait_for_port(native_port, "WebKitWebDriver").await;
        // thirtyfour's reqwest has no cryptography provider of its own (see Cargo.toml); set once, for all.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut capabilities = Capabilities::new();
        capabilities.set("browserName", "wry").expect("capability");
        let options = serde_json::json!({ "application": env!("CARGO_BIN_EXE_hiredesk"), "args": start.args });
        capabilities.set("tauri:options", options).expect("capability");
        let session = WebDriver::builder(format!("http://127.0.0.1:{port}"), capabilities).request_timeout(PATIENCE);
        let driver = tokio::time::timeout(PATIENCE, session)
            .await
            .expect("the WebDriver session started in time")
            .expect("a WebDriver session with the app");
        app.driver = Some(driver);
        app.ready = Instant::now();
        app
    }

    /// The file Import's open dialog chooses in this scenario; a test writes it before choosing.
    pub fn import_file(&self) -> std::path::PathBuf {
        self.data_dir().join(IMPORT_FILE_NAME)
    }

    /// The scenario's desktop, for the servers a test runs on its bus.
    pub fn desktop(&self) -> &Desktop {
        &self.desktop
    }

    /// The earliest and the latest time the app's clock can read now. The app starts its clock while it
    /// starts, after [`App::start`] launched it and before the WebDriver session was up.
    pub fn clock_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let since = |moment: Instant| TimeDelta::from_std(moment.elapsed()).expect("a short elapsed time");
        (self.clock + since(self.ready), self.clock + since(self.launched))
    }

    /// The app's data directory (a fresh temporary folder; also a place for files a test hands the app).
    pub fn data_dir(&self) -> &std::path::Path {
        self._data_dir.path()
    }

    pub fn driver(&self) -> &WebDriver {
        self.driver.as_ref().expect("the session is open until close()")
    }

    /// The element with `id`, once it is on screen.
    pub async fn element(&self, id: &str) -> WebElement {
        match self.driver().query(By::Id(id)).wait(PATIENCE, POLL).first().await {
            Ok(element) => element,
            Err(error) => panic!("#{id} did not appear: {error}; {}", self.page_text().await),
        }
    }

    /// The first element matching the CSS `selector`, once there is one on screen.
    pub async fn first(&self, selector: &str) -> WebElement {
        match self.driver().query(By::Css(selector)).wait(PATIENCE, POLL).first().await {
            Ok(element) => element,
            Err(error) => panic!("nothing matching {selector:?} appeared: {error}; {}", self.page_text().await),
        }
    }

    /// What the window shows, for a failure message: when a wait fails, the screen usually says why (an
    /// error message, another page than expected).
    async fn page_text(&self) -> String {
        let script = self.driver().execute("return document.body ? document.body.innerText : '';", Vec::new());
        match tokio::time::timeout(PATIENCE, script).await {
            Ok(Ok(answer)) => {
                let text = answer.json().as_str().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
                // Long enough to reach past the header and banners to the page's own messages and forms.
                format!("the window shows {:?}", text.chars().take(WINDOW_TEXT_SHOWN).collect::<String>())
            }
            _ => "the window's text could not be read".to_owned(),
        }
    }

    pub async fn is_present(&self, id: &str) -> bool {
        self.driver().query(By::Id(id)).nowait().exists().await.unwrap_or(false)
    }

    /// Replaces the text of input `id` by `text`.
    pub async fn fill(&self, id: &str, text: &str) {
        let input = self.element(id).await;
        input.clear().await.unwrap_or_else(|error| panic!("clearing #{id}: {error}"));
        // Clearing does not fire `input`; select-all and delete does, so the UI's state follows.
        input.send_keys(Key::Control + "a").await.unwrap_or_else(|error| panic!("#{id}: {error}"));
        input.send_keys(Key::Delete).await.unwrap_or_else(|error| panic!("#{id}: {error}"));
        if !text.is_empty() {
            input.send_keys(text).await.unwrap_or_else(|error| panic!("typing into #{id}: {error}"));
        }
    }

    /// Presses Enter in input `id` (forms submit on Enter).
    pub async fn press_enter(&self, id: &str) {
        self.element(id).await.send_keys(Key::Enter).await.unwrap_or_else(|error| panic!("Enter in #{id}: {error}"));
    }

    pub async fn click(&self, id: &str) {
        self.element(id).await.click().await.unwrap_or_else(|error| panic!("clicking #{id}: {error}"));
    }

    pub async fn text(&self, id: &str) -> String {
        self.element(id).await.text().await.unwrap_or_else(|error| panic!("text of #{id}: {error}"))
    }

    pub async fn value(&self, id: &str) -> String {
        self.element(id).await.value().await.ok().flatten().unwrap_or_default()
    }

    /// Waits until the text of `id` satisfies `wanted`, and returns it.
    pub async fn text_when(&self, id: &str, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(element)) = self.driver().query(By::Id(id)).nowait().first_opt().await {
                if let Ok(text) = element.text().await {
                    if wanted(&text) {
                        return text;
                    }
                    assert!(Instant::now() < deadline, "#{id} never showed {what}; it shows {text:?}");
                }
            }
            if Instant::now() >= deadline {
                panic!("#{id} never appeared (waiting for {what}); {}", self.page_text().await);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until the async `condition` holds, for at most [`PATIENCE`].
    pub async fn until<F, Fut>(&self, what: &str, condition: F)
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + PATIENCE;
        while !condition().await {
            if Instant::now() >= deadline {
                // What the window shows usually says why (an error message, another page than expected).
                panic!("timed out waiting until {what}; {}", self.page_text().await);
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// With `HIREDESK_E2E_SHOTS=DIR` set, saves a picture of the screen as `DIR/NAME.png` (for looking at
    /// the app, not for asserting on it). Uses ImageMagick's `import`, which is reliable under Xvfb.
    pub fn snapshot(&self, name: &str) {
        if let Some(dir) = std::env::var_os("HIREDESK_E2E_SHOTS") {
            let path = std::path::Path::new(&dir).join(format!("{name}.png"));
            let _ = std::fs::create_dir_all(&dir);
            let _ = self.desktop.command("import").args(["-window", "root"]).arg(path).status();
        }
    }

    /// Ends the WebDriver session and stops tauri-driver with SIGTERM (SIGKILL would orphan
    /// WebKitWebDriver on its port).
    pub async fn close(mut self) {
        if let Some(driver) = self.driver.take() {
            let _ = tokio::time::timeout(PATIENCE, driver.quit()).await;
        }
        terminate(&mut self.tauri_driver);
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // After a failed assertion `close` never ran. Quitting the session would need the async runtime
        // that is unwinding, so the session is let go and stopping tauri-driver ends the app with it.
        if let Some(driver) = self.driver.take() {
            let _ = driver.leak();
        }
        terminate(&mut self.tauri_driver);
    }
}
