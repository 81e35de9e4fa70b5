//! A private desktop for one scenario: its own X display (Xvfb) and its own D-Bus session bus.
//!
//! Scenarios that shared one display and one bus saw each other's windows and bus names: the tray test walked
//! windows that another scenario's app was closing, and a test's Notifications server could be asked by an
//! app that was not its own. Each scenario now starts a [`Desktop`], points everything it starts or connects
//! to at it (tauri-driver and so the app, the Notifications server, the tray host, the window-manager
//! stand-in), and dropping it stops both servers, also when the scenario failed. Nothing is read from the
//! environment the suite runs in, so `cargo test` needs no display of its own, and a developer's desktop
//! never shows the scenarios' windows.

use crate::harness::PATIENCE;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Desktop {
    display: String,
    bus_address: String,
    // Fields drop in this order: the bus first (the helpers it started, such as the accessibility bus, end
    // with it), then the display.
    _bus: Server,
    _display: Server,
}

impl Desktop {
    /// Starts a fresh X display and session bus, both ready to be connected to when this returns.
    pub fn start() -> Desktop {
        // `-displayfd 1`: Xvfb takes the first free display number itself (no race with another run choosing
        // the same one, as `xvfb-run -a` can) and writes it to standard output once it accepts connections.
        // `-noreset`: by default the server resets when its last client leaves, and a client connecting
        // meanwhile is refused (connection reset by peer); here the test's own short connections (the check
        // below, the tray test's window walks) are often the only clients, just before the app connects.
        let (display_server, number) = Server::start(
            Command::new("Xvfb")
                .args(["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"])
                .arg("-noreset"),
            "Xvfb (Debian package xvfb)",
        );
        let display = format!(":{number}");
        // The bus starts its helpers (the accessibility bus that GTK asks for) with its own environment: they
        // belong on this display too.
        let (bus_server, bus_address) = Server::start(
            Command::new("dbus-daemon").args(["--session", "--nofork", "--print-address=1"]).env("DISPLAY", &display),
            "dbus-daemon (Debian package dbus)",
        );
        let desktop = Desktop { display, bus_address, _bus: bus_server, _display: display_server };
        // Ready means a client can connect: checked here rather than left to the app's start to find out.
        drop(desktop.x());
        desktop
    }

    /// `program` with this desktop's display and bus, and nothing that could lead it to another one.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("DISPLAY", &self.display)
            .env("DBUS_SESSION_BUS_ADDRESS", &self.bus_address)
            // GTK prefers Wayland when it is offered, and a cookie file would be for another X server.
            .env("GDK_BACKEND", "x11")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XAUTHORITY");
        command
    }

    /// A connection to this desktop's session bus, to be given a name and objects (the test's own servers).
    pub fn bus(&self) -> zbus::blocking::connection::Builder<'static> {
        zbus::blocking::connection::Builder::address(self.bus_address.as_str()).expect("the session bus's address")
    }

    /// A connection to this desktop's X display, and its screen's root window.
    pub fn x(&self) -> (x11rb::rust_connection::RustConnection, u32) {
        use x11rb::connection::Connection as _;
        let (connection, screen) = x11rb::connect(Some(&self.display)).expect("the scenario's X display");
        let root = connection.setup().roots[screen].root;
        (connection, root)
    }
}

/// A server process of the desktop, stopped when dropped.
struct Server(Child);

impl Server {
    /// Starts a server that prints one line (its display number, its bus address) when it is ready, and
    /// returns that line.
    fn start(command: &mut Command, what: &str) -> (Server, String) {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| panic!("{what} could not be started: {error}"));
        let stdout = child.stdout.take().expect("standard output is piped");
        // From here on a failed start stops the process again.
        let server = Server(child);
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("{what} was not ready in {PATIENCE:?}"));
        let line = line.trim().to_owned();
        assert!(!line.is_empty(), "{what} ended before it was ready");
        (server, line)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        terminate(&mut self.0);
    }
}

/// Stops `child` with SIGTERM, so that it can stop what it started (tauri-driver its WebKitWebDriver, which
/// SIGKILL would orphan on its port), and kills it if it is still there after five seconds.
pub fn terminate(child: &mut Child) {
    if let Ok(Some(_)) = child.try_wait() {
        return;
    }
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A client that connects after the last one left is served: the app often connects just after one of the
/// test's own short connections. Without `-noreset` about one connection in eight failed here.
#[test]
fn the_display_serves_one_short_client_after_another() {
    let desktop = Desktop::start();
    for _ in 0..100 {
        drop(desktop.x());
    }
}
