//! Driving a release build of a Tauri app through tauri-driver and WebKitWebDriver, as the end-to-end suite
//! drives the debug build, with every wait bounded. The display and session bus are the ones this process
//! was given (`cargo xtask bench` starts a private Xvfb and dbus-daemon when there are none). The benchmarks
//! read the app's own performance marks through it ([`Driven::measure`]).

use crate::failure::Failure;
use crate::processes;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

/// How long any one thing may take to appear.
const PATIENCE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(10);

impl From<WebDriverError> for Failure {
    fn from(error: WebDriverError) -> Self {
        match std::error::Error::source(&error) {
            Some(source) => Failure::Setup(format!("WebDriver: {error} ({source})")),
            None => Failure::Setup(format!("WebDriver: {error}")),
        }
    }
}

/// One app under WebDriver.
pub struct Driven {
    driver: Option<WebDriver>,
    tauri_driver: Child,
    app: PathBuf,
}

impl Driven {
    /// Starts `app` with `args` and a WebDriver session on it; `envs` reach the app (tauri-driver passes its
    /// environment on). A session that could not be made is tried again with a new tauri-driver, twice.
    pub async fn launch(app: &Path, args: &[String], envs: &[(&str, &str)]) -> Result<Driven, Failure> {
        let mut failure = None;
        for _ in 0..3 {
            match Driven::try_launch(app, args, envs).await {
                Ok(driven) => return Ok(driven),
                Err(error) => failure = Some(error),
            }
        }
        Err(failure.unwrap_or_else(|| Failure::Setup("no WebDriver session".to_owned())))
    }

    async fn try_launch(app: &Path, args: &[String], envs: &[(&str, &str)]) -> Result<Driven, Failure> {
        let port = free_port()?;
        let native_port = loop {
            let native_port = free_port()?;
            if native_port != port {
                break native_port;
            }
        };
        let tauri_driver = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(envs.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| Failure::Setup(format!("tauri-driver could not start ({error}); is it installed?")))?;
        // Dropped on failure, which stops tauri-driver and whatever it started.
        let mut driven = Driven { driver: None, tauri_driver, app: app.to_path_buf() };
        // tauri-driver passes the session request on to WebKitWebDriver without waiting for it to listen, and
        // drops the connection when it does not yet: both must be listening first.
        for (listening, who) in [(port, "tauri-driver"), (native_port, "WebKitWebDriver")] {
            let deadline = Instant::now() + PATIENCE;
            while std::net::TcpStream::connect(("127.0.0.1", listening)).is_err() {
                if Instant::now() > deadline {
                    return Err(Failure::Setup(format!("{who} did not listen on port {listening}")));
                }
                tokio::time::sleep(POLL).await;
            }
        }
        let mut capabilities = Capabilities::new();
        capabilities.set("browserName", "wry")?;
        capabilities.set("tauri:options", serde_json::json!({ "application": app, "args": args }))?;
        let session = WebDriver::builder(format!("http://127.0.0.1:{port}"), capabilities).request_timeout(PATIENCE);
        let driver = tokio::time::timeout(PATIENCE, session).await.map_err(|_| {
            Failure::Setup(format!("no WebDriver session with {} within {PATIENCE:?}", app.display()))
        })??;
        driven.driver = Some(driver);
        Ok(driven)
    }

    fn driver(&self) -> Result<&WebDriver, Failure> {
        self.driver.as_ref().ok_or_else(|| Failure::Setup("the WebDriver session has ended".to_owned()))
    }

    /// The element with `id`, once it is on the page.
    pub async fn element(&self, id: &str) -> Result<WebElement, Failure> {
        self.css(&format!("#{id}")).await
    }

    /// The first element `selector` (CSS) finds, once there is one.
    pub async fn css(&self, selector: &str) -> Result<WebElement, Failure> {
        self.driver()?
            .query(By::Css(selector))
            .wait(PATIENCE, POLL)
            .first()
            .await
            .map_err(|error| Failure::Check(format!("{selector} did not appear: {error}")))
    }

    pub async fn click(&self, id: &str) -> Result<(), Failure> {
        Ok(self.element(id).await?.click().await?)
    }

    /// Replaces the text of input `id` by `text`, with the key strokes that fire the page's input events.
    pub async fn fill(&self, id: &str, text: &str) -> Result<(), Failure> {
        let input = self.element(id).await?;
        input.send_keys(Key::Control + "a").await?;
        input.send_keys(Key::Delete).await?;
        input.send_keys(text).await?;
        Ok(())
    }

    /// Waits until the text of `id` satisfies `wanted`.
    pub async fn text_when(&self, id: &str, what: &str, wanted: impl Fn(&str) -> bool) -> Result<(), Failure> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(element)) = self.driver()?.query(By::Id(id)).nowait().first_opt().await {
                if element.text().await.is_ok_and(|text| wanted(&text)) {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(Failure::Check(format!("#{id} never showed {what}")));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Forgets the measures on the page's performance timeline, before an interaction is measured.
    pub async fn clear_measures(&self) -> Result<(), Failure> {
        self.driver()?.execute("performance.clearMeasures();", Vec::new()).await?;
        Ok(())
    }

    /// Waits for the page's measure `name` (see `ui/src/perf.rs`); returns its duration and the marks on the
    /// timeline after its start (the commands asked, answered and decoded on the way), each with its time after
    /// that start.
    pub async fn measure(&self, name: &str) -> Result<Measured, Failure> {
        const SCRIPT: &str = "const measures = performance.getEntriesByName(arguments[0], 'measure');
            if (measures.length === 0) { return null; }
            const measure = measures[measures.length - 1];
            const marks = performance.getEntriesByType('mark')
                .filter(mark => mark.startTime >= measure.startTime)
                .map(mark => [mark.name, mark.startTime - measure.startTime]);
            return [measure.duration, marks];";
        let deadline = Instant::now() + PATIENCE;
        loop {
            let found: Option<(f64, Vec<(String, f64)>)> =
                self.driver()?.execute(SCRIPT, vec![serde_json::json!(name)]).await?.convert()?;
            if let Some((millis, marks)) = found {
                return Ok(Measured {
                    took: from_millis(millis),
                    marks: marks.into_iter().map(|(name, at)| (name, from_millis(at))).collect(),
                });
            }
            if Instant::now() > deadline {
                return Err(Failure::Check(format!("the page never measured {name:?}")));
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The app's process (found below tauri-driver and WebKitWebDriver), for measuring its memory.
    pub fn app_pid(&self) -> Result<u32, Failure> {
        processes::find_below(self.tauri_driver.id(), &self.app)
            .ok_or_else(|| Failure::Check(format!("{} is not running under tauri-driver", self.app.display())))
    }

    /// Ends the session (which ends the app) and stops tauri-driver, which stops WebKitWebDriver too. Waits
    /// (bounded) until the app has gone, so that the next start on the same data folder is not handed to it.
    pub async fn close(mut self) {
        let app = processes::find_below(self.tauri_driver.id(), &self.app);
        if let Some(driver) = self.driver.take() {
            let _ = tokio::time::timeout(PATIENCE, driver.quit()).await;
        }
        terminate(&mut self.tauri_driver);
        let deadline = Instant::now() + PATIENCE;
        while app.is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists()) && Instant::now() < deadline {
            tokio::time::sleep(POLL).await;
        }
    }
}

impl Drop for Driven {
    fn drop(&mut self) {
        // After a failure `close` never ran: the session is let go (quitting needs the runtime that is
        // unwinding) and stopping tauri-driver ends the app with it.
        if let Some(driver) = self.driver.take() {
            let _ = driver.leak();
        }
        terminate(&mut self.tauri_driver);
    }
}

/// One interaction measured by the page: click to paint, and its marks after the click.
pub struct Measured {
    pub took: Duration,
    pub marks: Vec<(String, Duration)>,
}

fn from_millis(millis: f64) -> Duration {
    Duration::from_secs_f64(millis.max(0.0) / 1000.0)
}

/// SIGTERM, so that tauri-driver stops what it started; SIGKILL if it has not ended within ten seconds.
fn terminate(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).stderr(Stdio::null()).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn free_port() -> Result<u16, Failure> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|error| Failure::Setup(format!("no free port: {error}")))
}

/// A runtime for the WebDriver client, on this thread. The client's HTTP (reqwest, built here with rustls and
/// no crypto provider of its own, for bench-team's pinned connections) needs the process's provider set
/// first, even for plain `http://`.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    // Already set (by an earlier call) is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::Setup(format!("no async runtime: {error}")))
}
