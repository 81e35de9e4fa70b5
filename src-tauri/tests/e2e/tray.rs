//! The tray (SPEC NT-5): closing the main window hides it and the app keeps running, notifications
//! included; starting Hiredesk again shows it, as does the tray's Open; Quit ends the app.
//!
//! The test is the desktop's tray host: it serves `org.kde.StatusNotifierWatcher` on its own session bus, so
//! the app's tray icon (libayatana-appindicator) registers with it, then clicks the icon's menu items through
//! the item's own `com.canonical.dbusmenu` interface, as a panel does. It is the window manager too, on its
//! own X display: it finds the app's window in the window tree and asks it to close.

use crate::desktop::Desktop;
use crate::harness::{clock_from, eventually, Start, PATIENCE};
use hiredesk_core::demo;
use hiredesk_wire::{AddJobSeekerRequest, ChangePasswordRequest, JobSeekerProfile, SignInRequest};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use x11rb::errors::ReplyError;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// (bus name, object path) of each item that registered.
type Registered = Arc<Mutex<Vec<(String, String)>>>;

struct Watcher {
    registered: Registered,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(&self, service: String, #[zbus(header)] header: zbus::message::Header<'_>) {
        let sender = header.sender().map(ToString::to_string).unwrap_or_default();
        // Items pass either their object path or their bus name.
        let (name, path) =
            if service.starts_with('/') { (sender, service) } else { (service, "/StatusNotifierItem".to_owned()) };
        self.registered.lock().expect("registered").push((name, path));
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.registered.lock().expect("registered").iter().map(|(name, path)| format!("{name}{path}")).collect()
    }

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }
}

fn serve_watcher(desktop: &Desktop) -> (zbus::blocking::Connection, Registered) {
    let registered: Registered = Arc::default();
    let connection = desktop
        .bus()
        .name("org.kde.StatusNotifierWatcher")
        .and_then(|builder| builder.serve_at("/StatusNotifierWatcher", Watcher { registered: registered.clone() }))
        .and_then(|builder| builder.build())
        .expect("the StatusNotifierWatcher on the scenario's session bus");
    (connection, registered)
}

/// The dbusmenu layout node: (id, properties, children).
type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

/// The ids of the menu's items by label ("Open", "Quit"), read as a panel reads them.
fn menu_items(connection: &zbus::blocking::Connection, name: &str, menu: &str) -> HashMap<String, i32> {
    let reply = connection
        .call_method(
            Some(name),
            menu,
            Some("com.canonical.dbusmenu"),
            "GetLayout",
            &(0i32, -1i32, Vec::<String>::new()),
        )
        .expect("the tray menu's layout");
    let (_revision, (_, _, children)): (u32, Node) = reply.body().deserialize().expect("a dbusmenu layout");
    let mut items = HashMap::new();
    for child in children {
        let (id, properties, _): Node = Value::from(child).try_into().expect("a menu item");
        if let Some(label) = properties.get("label").and_then(|label| String::try_from(label.clone()).ok()) {
            items.insert(label.replace('_', ""), id);
        }
    }
    items
}

/// Clicks menu item `id`; the answer to the click, which says it arrived.
fn click(connection: &zbus::blocking::Connection, name: &str, menu: &str, id: i32) -> zbus::Result<zbus::Message> {
    connection.call_method(
        Some(name),
        menu,
        Some("com.canonical.dbusmenu"),
        "Event",
        &(id, "clicked", Value::from(0i32), 0u32),
    )
}

/// The reply to a request about one window, or `None` when that window no longer exists: a window can
/// close between the moment its parent listed it and the next request about it (BadWindow), and a window
/// that closed during a walk is gone, not an error.
fn unless_gone<T>(reply: Result<T, ReplyError>) -> Option<T> {
    match reply {
        Ok(reply) => Some(reply),
        Err(ReplyError::X11Error(error)) if error.error_kind == x11rb::protocol::ErrorKind::Window => None,
        Err(error) => panic!("the X server failed a request: {error:?}"),
    }
}

/// The X windows of process `pid` titled `title`, found as a window manager finds them: by walking the tree
/// of windows from the root (the app's own windows open and close meanwhile, WebKit's among them).
fn windows_titled(x: &x11rb::rust_connection::RustConnection, root: u32, pid: u32, title: &str) -> Vec<u32> {
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _};
    let net_wm_pid = x.intern_atom(false, b"_NET_WM_PID").expect("intern").reply().expect("an atom").atom;
    let mut pending = vec![root];
    let mut found = Vec::new();
    while let Some(window) = pending.pop() {
        let Some(tree) = unless_gone(x.query_tree(window).expect("query the tree").reply()) else { continue };
        pending.extend(tree.children);
        let name = x.get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 256).expect("get WM_NAME");
        let Some(name) = unless_gone(name.reply()) else { continue };
        if name.value != title.as_bytes() {
            continue;
        }
        let owner = x.get_property(false, window, net_wm_pid, AtomEnum::CARDINAL, 0, 1).expect("get _NET_WM_PID");
        let Some(owner) = unless_gone(owner.reply()) else { continue };
        if owner.value32().and_then(|mut values| values.next()) == Some(pid) {
            found.push(window);
        }
    }
    found
}

/// What the walk meets when a window closes in between: the requests about it are answered with BadWindow,
/// and the window counts as gone.
#[test]
fn a_window_that_closed_during_a_walk_is_gone_not_an_error() {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt as _, CreateWindowAux, PropMode, WindowClass};
    use x11rb::wrapper::ConnectionExt as _;
    let desktop = Desktop::start();
    let (x, root) = desktop.x();
    let pid = std::process::id();
    let window = x.generate_id().expect("a window id");
    let class = WindowClass::INPUT_OUTPUT;
    let aux = CreateWindowAux::new();
    x.create_window(x11rb::COPY_DEPTH_FROM_PARENT, window, root, 0, 0, 10, 10, 0, class, 0, &aux).expect("create");
    x.change_property8(PropMode::REPLACE, window, AtomEnum::WM_NAME, AtomEnum::STRING, b"Walked").expect("name it");
    let net_wm_pid = x.intern_atom(false, b"_NET_WM_PID").expect("intern").reply().expect("an atom").atom;
    x.change_property32(PropMode::REPLACE, window, net_wm_pid, AtomEnum::CARDINAL, &[pid]).expect("own it");
    // A round trip: the server has done all of the above when it answers.
    x.get_input_focus().expect("ask").reply().expect("the focus");
    assert_eq!(windows_titled(&x, root, pid, "Walked"), vec![window]);

    x.destroy_window(window).expect("destroy");
    let tree = x.query_tree(window).expect("ask for the tree").reply();
    assert!(unless_gone(tree).is_none(), "a closed window has no tree");
    let name = x.get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 256).expect("ask for the name");
    assert!(unless_gone(name.reply()).is_none(), "a closed window has no name");
    assert!(windows_titled(&x, root, pid, "Walked").is_empty());
}

/// Whether the window of `pid` titled `title` is on screen (mapped).
fn shown(desktop: &Desktop, pid: u32, title: &str) -> bool {
    use x11rb::protocol::xproto::{ConnectionExt as _, MapState};
    let (x, root) = desktop.x();
    windows_titled(&x, root, pid, title).into_iter().any(|window| {
        let attributes = x.get_window_attributes(window).expect("ask for the attributes").reply();
        unless_gone(attributes).is_some_and(|attributes| attributes.map_state == MapState::VIEWABLE)
    })
}

/// Asks the window titled `title` to close, as a window manager does when its close button is clicked (a
/// `WM_DELETE_WINDOW` client message). WebDriver's own Close Window ends the session's browser process
/// instead, so it cannot show what the close button does.
fn close_like_a_window_manager(desktop: &Desktop, pid: u32, title: &str) -> usize {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt as _, EventMask};
    let (x, root) = desktop.x();
    let atom = |name: &[u8]| x.intern_atom(false, name).expect("intern").reply().expect("an atom").atom;
    let (protocols, delete) = (atom(b"WM_PROTOCOLS"), atom(b"WM_DELETE_WINDOW"));
    let windows = windows_titled(&x, root, pid, title);
    for &window in &windows {
        let message = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
        // Not checked: a window that closed meanwhile needs no closing, and its BadWindow is only queued.
        x.send_event(false, window, EventMask::NO_EVENT, message).expect("send");
    }
    x.flush().expect("flush");
    windows.len()
}

/// The app, started directly (no WebDriver: its automation keeps the window on screen) on its own desktop;
/// killed if a failed assertion leaves it running.
struct Running {
    child: std::process::Child,
    // Dropped after the app was killed: its desktop, then its data.
    desktop: Desktop,
    data_dir: tempfile::TempDir,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// Closes the main window as a window manager does, until it is hidden. A close that arrives while the app
/// is still starting up can go unanswered (seen under Xvfb), so this clicks again each second, as a user would.
async fn hide(desktop: &Desktop, pid: u32) {
    let mut closed_at: Option<Instant> = None;
    eventually("closing hides the main window", || {
        if !shown(desktop, pid, "Hiredesk") {
            return true;
        }
        if closed_at.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
            assert_eq!(close_like_a_window_manager(desktop, pid, "Hiredesk"), 1, "one main window titled Hiredesk");
            closed_at = Some(Instant::now());
        }
        false
    })
    .await;
}

#[tokio::test]
async fn closing_hides_to_the_tray_open_shows_and_quit_ends_the_app() {
    let _turn = crate::harness::one_at_a_time().await;
    let desktop = Desktop::start();
    let (connection, registered) = serve_watcher(&desktop);
    let (_notifications, notified) = crate::notifications::serve(&desktop);
    let data_dir = tempfile::tempdir().expect("a data directory");

    // The demo database and a session of the test's own, made through the core before the app starts: the
    // app then opens that database as it is (a demo start would delete it while the test uses it), and the
    // test adds an application on it below. Both run on one clock: the app's starts where the test's is.
    let clock = clock_from(crate::harness::standard_clock());
    let mut config = hiredesk_core::HiredeskConfig::new(data_dir.path());
    (config.demo, config.clock) = (true, clock.clone());
    let desk = hiredesk_core::Hiredesk::open(&config).expect("the demo database");
    let token = desk
        .call_public(&SignInRequest {
            email: crate::sign_in::RECRUITER.into(),
            password: demo::RECRUITER_PASSWORD.into(),
        })
        .expect("sign in")
        .token;
    let new = "copper lantern meadow fifty";
    let change = ChangePasswordRequest {
        old_password: demo::RECRUITER_PASSWORD.into(),
        new_password: new.into(),
        confirm_password: new.into(),
    };
    desk.call(&token, &change).expect("the first password change");
    let requisition = desk.call(&token, &hiredesk_wire::RequisitionChoicesRequest {}).expect("requisitions")[0].id;

    // The scheduler looks every quarter second, so the notice below comes without waiting for its minute.
    let start =
        Start { clock: clock(), notice_period: Some(Duration::from_millis(250)), ..Start::new(&["--data-dir"]) };
    let mut command = desktop.command(env!("CARGO_BIN_EXE_hiredesk"));
    command.args(start.args).arg(data_dir.path()).stdout(std::process::Stdio::null());
    start.apply(&mut command);
    let child = command.spawn().expect("the app starts");
    let pid = child.id();
    let mut app = Running { child, desktop, data_dir };
    let desktop = &app.desktop;
    eventually("the main window is on screen", || shown(desktop, pid, "Hiredesk")).await;
    // The app's own registration, by its process id: nothing else on the bus can be taken for it.
    let dbus = zbus::blocking::fdo::DBusProxy::new(&connection).expect("the bus");
    let ours = || {
        registered
            .lock()
            .expect("registered")
            .iter()
            .find(|(name, _)| {
                let name = zbus::names::BusName::try_from(name.as_str()).expect("a bus name");
                dbus.get_connection_unix_process_id(name).ok() == Some(pid)
            })
            .cloned()
    };
    eventually("the tray icon registers", || ours().is_some()).await;
    let (name, path) = ours().expect("registered");
    let item = zbus::blocking::Proxy::new(&connection, name.as_str(), path.as_str(), "org.kde.StatusNotifierItem")
        .expect("the tray item");
    let menu: OwnedObjectPath = item.get_property("Menu").expect("the tray item's menu");
    let items = menu_items(&connection, &name, menu.as_str());
    assert!(items.contains_key("Open") && items.contains_key("Quit"), "the tray menu has Open and Quit: {items:?}");

    // Closing the window hides it; the app (and with it the reminder scheduler) keeps running: the
    // notification below can only come from a running app.
    hide(desktop, pid).await;
    assert!(matches!(app.child.try_wait(), Ok(None)), "closing the main window ended the app");

    // Notifications keep coming while it is hidden: an application arrives (through the core, on the same
    // database, from the test's session) and the scheduler's next round shows it.
    let profile = JobSeekerProfile {
        first_name: "Tove".into(),
        last_name: "Lindqvist".into(),
        email: "tove@mail.example".into(),
        ..Default::default()
    };
    desk.call(&token, &AddJobSeekerRequest { requisition_id: Some(requisition), profile }).expect("an application");
    eventually("a notification arrives while the window is hidden", || {
        notified.lock().expect("notifications").iter().any(|(_, summary, _)| summary == "New applicant: Tove Lindqvist")
    })
    .await;
    assert!(matches!(app.child.try_wait(), Ok(None)), "the app runs on with its window hidden");
    assert!(!shown(desktop, pid, "Hiredesk"), "a notification does not bring the window back by itself");

    // Starting Hiredesk again on the same data (from the desktop's launcher, say) only shows the running
    // app's window: the second process ends at once and leaves the running app's files alone. It ends before
    // starting a window system at all (it used to crash now and then on its way out of GTK), so it does not
    // even need the display.
    let mut second = desktop.command(env!("CARGO_BIN_EXE_hiredesk"));
    second.env_remove("DISPLAY").args(start.args).arg(app.data_dir.path()).stdout(std::process::Stdio::piped());
    start.apply(&mut second);
    let second = second.spawn().expect("a second start");
    let said = tokio::time::timeout(PATIENCE, tokio::task::spawn_blocking(move || second.wait_with_output()))
        .await
        .expect("the second start ends in time")
        .expect("joined")
        .expect("the second start ends");
    assert!(said.status.success(), "{said:?}");
    assert!(String::from_utf8_lossy(&said.stdout).contains("already running"), "{said:?}");
    eventually("the window is shown by the second start", || shown(desktop, pid, "Hiredesk")).await;
    assert!(app.data_dir.path().join("webview").is_dir(), "the running app's web view data is still there");
    assert!(matches!(app.child.try_wait(), Ok(None)), "the running app goes on");

    // Open shows it again.
    hide(desktop, pid).await;
    click(&connection, &name, menu.as_str(), items["Open"]).expect("Open was clicked");
    eventually("the window is shown again", || shown(desktop, pid, "Hiredesk")).await;

    // Quit ends the app, sometimes before it answered the click: the bus then answers that it left.
    match click(&connection, &name, menu.as_str(), items["Quit"]) {
        Ok(_) => {}
        Err(zbus::Error::MethodError(error, _, _)) if error.as_str() == "org.freedesktop.DBus.Error.NoReply" => {}
        Err(error) => panic!("Quit was not clicked: {error}"),
    }
    eventually("Quit ends the app", || !matches!(app.child.try_wait(), Ok(None))).await;
}
