//! What a shipped Hiredesk does around its features (issue 15): `--version`, Help → About, the message box
//! of a start-up failure (a data folder it may not write to, one that another user's Hiredesk holds, a
//! database from a newer version), the main window's size and position kept from one run to the next, and
//! the log shown on the terminal it was started from (and only there).
//!
//! The failures start the real binary without WebDriver (there is no UI to drive), each on its own
//! [`Desktop`], and find the message box as a window manager would: the X window of the app's process with
//! the box's title. A data folder that
//! root may not write to, and another user's Hiredesk, need a second account: the test then starts Hiredesk
//! as `nobody` (Debian's unprivileged user) through `setpriv`, which only root can do; run as another user,
//! those two scenarios say so and pass without looking.

use crate::desktop::Desktop;
use crate::harness::App;
use diesel::connection::SimpleConnection;
use diesel::Connection;
use hiredesk_wire::CreateFirstAdministratorRequest;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _, MapState, Window};
use x11rb::rust_connection::RustConnection;

/// The start-up failure's message box (`src-tauri/src/startup.rs`).
const FAILURE_TITLE: &str = "Hiredesk cannot start";
const PATIENCE: Duration = Duration::from_secs(30);
/// Debian's unprivileged account.
const NOBODY: u32 = 65534;

/// Waits until `condition` holds, checking every 100 ms.
async fn eventually<T>(what: &str, mut condition: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(value) = condition() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out after {PATIENCE:?} waiting until {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A started Hiredesk, killed if the scenario leaves it running.
struct Running(Child);

impl Running {
    fn start(command: &mut Command) -> Running {
        Running(command.stdin(Stdio::null()).stdout(Stdio::null()).spawn().expect("the app starts"))
    }

    fn pid(&self) -> u32 {
        self.0.id()
    }

    /// Waits for the process to end and returns its exit code.
    async fn exit_code(&mut self) -> Option<i32> {
        let child = &mut self.0;
        eventually("the app ends", || child.try_wait().ok().flatten()).await.code()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

/// The app on `desktop`, with no data folder but the one a scenario gives it.
fn hiredesk(desktop: &Desktop) -> Command {
    let mut command = desktop.command(env!("CARGO_BIN_EXE_hiredesk"));
    command.env_remove("HIREDESK_DATA_DIR");
    command
}

/// The scenario's X display, as a window manager sees it.
struct Display {
    x: RustConnection,
    root: Window,
}

fn display(desktop: &Desktop) -> Display {
    let (x, root) = desktop.x();
    Display { x, root }
}

/// The mapped top-level windows of process `pid` titled `title`. The app's own windows come and go
/// meanwhile, so a window that vanished between two requests is skipped rather than an error.
fn windows(display: &Display, pid: u32, title: &str) -> Vec<Window> {
    let (x, root) = (&display.x, display.root);
    let Ok(pid_atom) = x.intern_atom(false, b"_NET_WM_PID").map(|cookie| cookie.reply()) else { return Vec::new() };
    let Ok(pid_atom) = pid_atom.map(|reply| reply.atom) else { return Vec::new() };
    let children = x.query_tree(root).ok().and_then(|cookie| cookie.reply().ok()).map(|tree| tree.children);
    children
        .unwrap_or_default()
        .into_iter()
        .filter(|&window| {
            let property = |atom: u32, kind: u32, length: u32| {
                x.get_property(false, window, atom, kind, 0, length).ok().and_then(|cookie| cookie.reply().ok())
            };
            let titled = property(AtomEnum::WM_NAME.into(), AtomEnum::ANY.into(), 256)
                .is_some_and(|name| name.value == title.as_bytes());
            let owned = property(pid_atom, AtomEnum::CARDINAL.into(), 1)
                .and_then(|owner| owner.value32().and_then(|mut values| values.next()))
                == Some(pid);
            let mapped = x
                .get_window_attributes(window)
                .ok()
                .and_then(|cookie| cookie.reply().ok())
                .is_some_and(|attributes| attributes.map_state == MapState::VIEWABLE);
            titled && owned && mapped
        })
        .collect()
}

/// Closes `window` as a window manager does when its close button is clicked.
fn close(display: &Display, window: Window) {
    let x = &display.x;
    use x11rb::protocol::xproto::{ClientMessageEvent, EventMask};
    let atom = |name: &[u8]| x.intern_atom(false, name).expect("intern").reply().expect("an atom").atom;
    let message = ClientMessageEvent::new(32, window, atom(b"WM_PROTOCOLS"), [atom(b"WM_DELETE_WINDOW"), 0, 0, 0, 0]);
    x.send_event(false, window, EventMask::NO_EVENT, message).expect("the close request is sent");
    x.flush().expect("flush");
}

/// Waits for the start-up failure's message box of `app`, checks that the log says `expected`, closes the box
/// and checks that the app then ends with exit code 1.
async fn message_box_then_exit(desktop: &Desktop, app: &mut Running, log_folder: &Path, expected: &str) {
    let x = display(desktop);
    let pid = app.pid();
    let message_box = eventually("the message box is on screen", || windows(&x, pid, FAILURE_TITLE).pop()).await;
    let logged = log_text(log_folder);
    assert!(logged.contains(expected), "the log names the failure ({expected:?}):\n{logged}");
    close(&x, message_box);
    assert_eq!(app.exit_code().await, Some(1), "a failed start ends with exit code 1 once the box is closed");
}

/// Everything in the log files of `folder`.
fn log_text(folder: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    text
}

fn running_as_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// A folder that `nobody` owns.
fn nobodys_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    std::os::unix::fs::chown(dir.path(), Some(NOBODY), Some(NOBODY)).expect("given to nobody");
    dir
}

/// `hiredesk` run as `nobody`, on the scenario's display, with a home of its own and no session bus (nobody
/// may not use the test's); `home` must be nobody's.
fn hiredesk_as_nobody(desktop: &Desktop, home: &Path) -> Command {
    let mut command = desktop.command("setpriv");
    command
        .args(["--reuid", &NOBODY.to_string(), "--regid", &NOBODY.to_string(), "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_hiredesk"))
        .env_remove("HIREDESK_DATA_DIR")
        .env("HOME", home)
        .env("USER", "nobody")
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("XDG_RUNTIME_DIR")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .env("NO_AT_BRIDGE", "1");
    // The scenario's Xvfb asks for no cookie, so nobody connects to it as the test does.
    command
}

#[test]
fn version_prints_the_version() {
    // Before any window: no display is needed, and none is given.
    let output = Command::new(env!("CARGO_BIN_EXE_hiredesk"))
        .arg("--version")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("hiredesk --version runs");
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), format!("Hiredesk {}", env!("CARGO_PKG_VERSION")));
}

#[tokio::test]
async fn help_about_shows_the_version_the_data_folder_and_the_log_file() {
    let app = App::launch_with(&[], |dir| {
        let desk = hiredesk_core::Hiredesk::open(&hiredesk_core::HiredeskConfig::new(dir)).expect("a database");
        desk.call_public(&CreateFirstAdministratorRequest {
            email: "ada.byron@northwind.example".into(),
            first_name: "Ada".into(),
            last_name: "Byron".into(),
            password: "velvet kettle orbit nineteen".into(),
            confirm_password: "velvet kettle orbit nineteen".into(),
        })
        .expect("the first administrator");
    })
    .await;
    crate::sign_in::sign_in(&app, "ada.byron@northwind.example", "velvet kettle orbit nineteen").await;
    app.click("help-menu").await;
    app.click("menu-about").await;
    app.element("about-dialog").await;
    assert_eq!(app.text("about-version").await, env!("CARGO_PKG_VERSION"));
    assert_eq!(app.text("about-data-folder").await, app.data_dir().display().to_string());
    let log_file = PathBuf::from(app.text("about-log-file").await);
    assert_eq!(log_file.parent(), Some(app.data_dir().join("logs").as_path()), "the log is in the data folder");
    let logged = std::fs::read_to_string(&log_file).expect("the log file About names exists");
    assert!(logged.contains("Hiredesk starts"), "{logged}");
    app.snapshot("about");
    app.click("about-close").await;
    app.until("the dialog is closed", || async { !app.is_present("about-dialog").await }).await;
    app.close().await;
}

#[tokio::test]
async fn a_database_of_a_newer_version_is_refused_in_a_message_box() {
    let _turn = crate::harness::one_at_a_time().await;
    let data = tempfile::tempdir().expect("a data folder");
    drop(hiredesk_core::Hiredesk::open(&hiredesk_core::HiredeskConfig::new(data.path())).expect("a database"));
    let database = data.path().join(hiredesk_core::db::DATABASE_FILE);
    let mut newer = diesel::SqliteConnection::establish(&database.to_string_lossy()).expect("the database");
    newer
        .batch_execute(
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('20991231000000'); \
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .expect("a newer version's migration is recorded");
    drop(newer);
    let before = std::fs::read(&database).expect("the database");

    let desktop = Desktop::start();
    let mut app = Running::start(hiredesk(&desktop).arg("--data-dir").arg(data.path()));
    message_box_then_exit(&desktop, &mut app, &data.path().join("logs"), "was written by a newer version of Hiredesk")
        .await;
    assert_eq!(std::fs::read(&database).expect("the database"), before, "the newer database is left as it was");
}

#[tokio::test]
async fn a_data_folder_that_cannot_be_written_is_reported_in_a_message_box() {
    if !running_as_root() {
        eprintln!("skipped: a folder that cannot be written needs a second account, which only root can use");
        return;
    }
    let _turn = crate::harness::one_at_a_time().await;
    // Root's folder, which nobody may not write to.
    let parent = tempfile::tempdir().expect("a folder");
    std::fs::create_dir(parent.path().join("data")).expect("the data folder");
    let home = nobodys_folder();
    let data = parent.path().join("data");
    let desktop = Desktop::start();
    let mut app = Running::start(hiredesk_as_nobody(&desktop, home.path()).arg("--data-dir").arg(&data));
    // The data folder has no room for the log: it goes to nobody's temporary folder.
    let logs = std::env::temp_dir().join("hiredesk-logs-nobody");
    message_box_then_exit(
        &desktop,
        &mut app,
        &logs,
        &format!("Hiredesk cannot use its data folder {}", data.display()),
    )
    .await;
    assert!(std::fs::read_dir(&data).expect("the data folder").next().is_none(), "nothing was written there");
}

#[tokio::test]
async fn a_data_folder_in_use_by_another_user_is_reported_in_a_message_box() {
    if !running_as_root() {
        eprintln!("skipped: another user's Hiredesk needs a second account, which only root can use");
        return;
    }
    let _turn = crate::harness::one_at_a_time().await;
    let (data, home) = (nobodys_folder(), nobodys_folder());
    let desktop = Desktop::start();
    let nobodys = Running::start(hiredesk_as_nobody(&desktop, home.path()).arg("--data-dir").arg(data.path()));
    let x = display(&desktop);
    eventually("nobody's Hiredesk shows its window", || windows(&x, nobodys.pid(), "Hiredesk").pop()).await;
    // Nobody closes it to the tray; another user's start must not bring it forward on nobody's screen.
    hide(&x, nobodys.pid()).await;

    let mut mine = Running::start(hiredesk(&desktop).arg("--data-dir").arg(data.path()));
    message_box_then_exit(&desktop, &mut mine, &data.path().join("logs"), "is in use by nobody's Hiredesk").await;
    assert!(windows(&x, nobodys.pid(), "Hiredesk").is_empty(), "nobody's window stays hidden");
    let mut nobodys = nobodys;
    assert!(matches!(nobodys.0.try_wait(), Ok(None)), "nobody's Hiredesk goes on");
}

/// Closes the main window of `pid` as a window manager does, until it is hidden. A close that arrives while
/// the app is still starting can go unanswered (seen under Xvfb), so this asks again each second, as a user
/// would click again.
async fn hide(x: &Display, pid: u32) {
    let deadline = Instant::now() + PATIENCE;
    while let Some(window) = windows(x, pid, "Hiredesk").pop() {
        assert!(Instant::now() < deadline, "closing never hid the main window");
        close(x, window);
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(1) && !windows(x, pid, "Hiredesk").is_empty() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Where `window` is on the screen and how big it is: (x, y, width, height).
fn geometry(display: &Display, window: Window) -> Option<(i32, i32, u32, u32)> {
    let (x, root) = (&display.x, display.root);
    let size = x.get_geometry(window).ok()?.reply().ok()?;
    let place = x.translate_coordinates(window, root, 0, 0).ok()?.reply().ok()?;
    Some((place.dst_x.into(), place.dst_y.into(), size.width.into(), size.height.into()))
}

#[tokio::test]
async fn the_main_windows_size_and_position_are_kept_for_the_next_start() {
    use x11rb::protocol::xproto::ConfigureWindowAux;
    let _turn = crate::harness::one_at_a_time().await;
    let data = tempfile::tempdir().expect("a data folder");
    let desktop = Desktop::start();
    let x = display(&desktop);
    let mut first = Running::start(hiredesk(&desktop).arg("--data-dir").arg(data.path()));
    let window = eventually("the main window is on screen", || windows(&x, first.pid(), "Hiredesk").pop()).await;
    // Where the user puts it (no window manager runs here, so the request is carried out as asked).
    let arranged = (60, 40, 1000, 640);
    let placement = ConfigureWindowAux::new().x(arranged.0).y(arranged.1).width(arranged.2).height(arranged.3);
    x.x.configure_window(window, &placement).expect("the window is moved");
    x.x.flush().expect("flush");
    eventually("the window is moved and resized", || (geometry(&x, window) == Some(arranged)).then_some(())).await;
    // Closed to the tray; then the desktop session ends and takes Hiredesk with it, without Quit.
    hide(&x, first.pid()).await;
    let state = data.path().join("window-state.json");
    eventually("the window's state is written", || {
        std::fs::read_to_string(&state).ok().filter(|text| text.contains("1000")).map(drop)
    })
    .await;
    first.0.kill().expect("the app is ended");
    first.exit_code().await;

    let second = Running::start(hiredesk(&desktop).arg("--data-dir").arg(data.path()));
    let window = eventually("the main window is on screen again", || windows(&x, second.pid(), "Hiredesk").pop()).await;
    eventually("the window is where it was left", || (geometry(&x, window) == Some(arranged)).then_some(())).await;
}

/// Starts the app on `desktop` with a fresh demo database in `data` until its sign-in form is interactive (the
/// start-up probe then ends it), `from_terminal` or with its output going to a file, and returns what it
/// wrote on its standard output and error.
async fn start_to_sign_in(desktop: &Desktop, data: &Path, from_terminal: bool) -> String {
    let output = tempfile::NamedTempFile::new().expect("a file for the output");
    let mut command = if from_terminal {
        // `script` runs the command on a new pseudo-terminal, as a terminal window would, and copies what
        // appears there to its own output. The paths are temporary folders' names, which need no quoting but
        // get it anyway.
        let line = format!("'{}' --demo --data-dir '{}'", env!("CARGO_BIN_EXE_hiredesk"), data.display());
        let mut command = desktop.command("script");
        command.args(["--quiet", "--return", "--command", &line, "/dev/null"]);
        command
    } else {
        let mut command = hiredesk(desktop);
        command.arg("--demo").arg("--data-dir").arg(data);
        command
    };
    command
        .env("HIREDESK_STARTUP_PROBE", "1")
        .stdout(output.reopen().expect("the output file"))
        .stderr(output.reopen().expect("the output file"))
        .stdin(Stdio::null());
    let mut app = Running(command.spawn().expect("the app starts"));
    assert_eq!(app.exit_code().await, Some(0), "the probe ends the app once the sign-in form is interactive");
    std::fs::read_to_string(output.path()).expect("the output")
}

#[tokio::test]
async fn started_from_a_terminal_the_log_is_shown_there_too() {
    let _turn = crate::harness::one_at_a_time().await;
    let desktop = Desktop::start();
    let (from_terminal, from_menu) = (tempfile::tempdir().expect("a folder"), tempfile::tempdir().expect("a folder"));

    let shown = start_to_sign_in(&desktop, from_terminal.path(), true).await;
    assert!(shown.contains("hiredesk-ready"), "the app ran on the terminal:\n{shown}");
    assert!(shown.contains("Hiredesk starts"), "the log is on the terminal:\n{shown}");
    assert!(log_text(&from_terminal.path().join("logs")).contains("Hiredesk starts"), "and in the log file");

    // Started from the desktop's menu, stderr is no terminal: the log goes to its file only.
    let written = start_to_sign_in(&desktop, from_menu.path(), false).await;
    assert!(written.contains("hiredesk-ready"), "the app ran:\n{written}");
    assert!(!written.contains("Hiredesk starts"), "no log on a stderr that is not a terminal:\n{written}");
    assert!(log_text(&from_menu.path().join("logs")).contains("Hiredesk starts"), "the log file has it");
}
