//! The mail password in the operating system's credential store (issue 14, defect 5), against a real Secret
//! Service: GNOME Keyring (Debian's `gnome-keyring`, which `cargo xtask test` installs) on a session bus of the
//! test's own, with its keyrings in a temporary folder. The `keyring` crate connects to the session bus once per
//! process, so each case runs in a child process of this binary with that bus in its environment: one where
//! the Secret Service answers (the password is kept there, never in the database, and one an earlier version
//! left in the database is moved there at start), and one on a bus without it (saving a password is refused
//! with a message that says what to do, and nothing is written in plain text).

use diesel::prelude::*;
use hiredesk_core::db::schema::mail_settings;
use hiredesk_core::mail::secret::{PasswordStore, PASSWORD_FILE_VARIABLE};
use hiredesk_core::{demo, CoreError, Hiredesk, HiredeskConfig};
use hiredesk_wire::{
    ChangePasswordRequest, ErrorKind, MailSecurity, MailSettings, SaveMailSettingsRequest, SignInRequest,
};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Set in a child: which case it runs.
const CASE_VARIABLE: &str = "HIREDESK_CREDENTIAL_STORE_CASE";

/// A process of the test's, ended (and waited for) when dropped, also after a failure.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A private session bus that starts no service on demand (the system's session configuration would start the
/// installed keyring daemon, with the real user's keyrings, when a client asks for the Secret Service); its
/// address.
fn session_bus(folder: &Path) -> (Running, String) {
    let config = folder.join("session.conf");
    std::fs::write(
        &config,
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
    )
    .expect("the bus configuration");
    let mut bus = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (Debian's dbus)");
    let mut address = String::new();
    let stdout = bus.stdout.take().expect("its output");
    BufReader::new(stdout).read_line(&mut address).expect("the bus address");
    (Running(bus), address.trim().to_owned())
}

/// GNOME Keyring's Secret Service on `address`, its login keyring created (and unlocked) in `home`. The daemon
/// is run from a copy: the installed binary carries a file capability, under which it ignores `XDG_DATA_HOME`
/// and would write the real user's keyrings.
fn secret_service(address: &str, home: &Path) -> Running {
    let daemon = home.join("gnome-keyring-daemon");
    std::fs::copy("/usr/bin/gnome-keyring-daemon", &daemon).expect("gnome-keyring-daemon (Debian's gnome-keyring)");
    let runtime = home.join("run");
    std::fs::create_dir_all(&runtime).expect("a runtime folder");
    let mut child = Command::new(&daemon)
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_RUNTIME_DIR", &runtime)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the keyring daemon");
    // The login keyring's password, on standard input; closing it lets the daemon go on.
    let mut stdin = child.stdin.take().expect("its input");
    stdin.write_all(b"hiredesk test keyring").expect("the keyring password");
    drop(stdin);
    let daemon = Running(child);
    // Ready once the bus knows its name (a bounded wait for a condition).
    let started = std::time::Instant::now();
    loop {
        let names = Command::new("dbus-send")
            .arg(format!("--bus={address}"))
            .args(["--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus"])
            .arg("org.freedesktop.DBus.ListNames")
            .output()
            .expect("dbus-send");
        if String::from_utf8_lossy(&names.stdout).contains("org.freedesktop.secrets") {
            return daemon;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "the Secret Service did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Runs `case` in a child of this binary on the bus at `address`.
fn run_case(case: &str, address: &str) {
    let output = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "credential_store::child", "--nocapture", "--test-threads=1"])
        .env(CASE_VARIABLE, case)
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .env_remove(PASSWORD_FILE_VARIABLE)
        .output()
        .expect("the child");
    assert!(
        output.status.success() && String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "{case}:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_mail_password_is_kept_in_a_real_secret_service_and_refused_clearly_without_one() {
    let home = tempfile::tempdir().expect("a home for the keyring");
    let (_bus, address) = session_bus(home.path());
    let _keyring = secret_service(&address, home.path());
    run_case("with-secret-service", &address);
    let keyrings = home.path().join("data/keyrings");
    assert!(keyrings.join("login.keyring").exists(), "the keyring daemon kept its keyring in the test's folder");

    let (_bare, bare_address) = session_bus(home.path());
    run_case("without-secret-service", &bare_address);
}

/// One case, in a child process (see [`run_case`]); does nothing in the test run itself.
#[test]
fn child() {
    let Ok(case) = std::env::var(CASE_VARIABLE) else { return };
    let data = tempfile::tempdir().expect("a data folder");
    let mut config = HiredeskConfig::new(data.path());
    config.demo = true;
    let account = match &config.mail_password {
        PasswordStore::CredentialStore { account } => account.clone(),
        other => panic!("the credential store is the default, not {other:?}"),
    };
    let desk = Hiredesk::open(&config).expect("open");
    let token = administrator(&desk);
    let settings = MailSettings {
        host: "smtp.northwind.example".into(),
        port: 587,
        security: MailSecurity::StartTls,
        username: "recruiting".into(),
        password: "s3cret relay password".into(),
        sender: "recruiting@northwind.example".into(),
    };
    // The solo file, read behind the core's back (this test is about the desktop: SQLite only).
    let file = data.path().join(hiredesk_core::db::DATABASE_FILE).to_string_lossy().into_owned();
    let raw = || SqliteConnection::establish(&file).expect("a connection");
    let database = || -> String {
        mail_settings::table.find(1).select(mail_settings::password).first(&mut raw()).expect("the row")
    };
    match case.as_str() {
        "with-secret-service" => {
            desk.call(&token, &SaveMailSettingsRequest(settings)).expect("saved");
            assert_eq!(database(), "", "the database never holds the password");
            let store = PasswordStore::CredentialStore { account: account.clone() };
            assert_eq!(store.read().expect("read from the Secret Service"), "s3cret relay password");

            // A password an earlier version left in the database moves to the credential store at start.
            drop(desk);
            diesel::update(mail_settings::table.find(1))
                .set(mail_settings::password.eq("an older password"))
                .execute(&mut raw())
                .expect("the legacy column");
            config.demo = false;
            let _desk = Hiredesk::open(&config).expect("open again");
            assert_eq!(database(), "", "moved out of the database");
            assert_eq!(store.read().expect("read"), "an older password");
        }
        "without-secret-service" => {
            let refused = desk.call(&token, &SaveMailSettingsRequest(settings)).expect_err("no credential store");
            let CoreError::User(error) = refused else { panic!("a message for the administrator: {refused:?}") };
            assert_eq!(error.kind, ErrorKind::Validation);
            let message = error.field("password").expect("at the password field");
            assert!(
                message.starts_with("This computer has no credential store to keep the mail password in"),
                "{message}"
            );
            assert!(message.contains("HIREDESK_MAIL_PASSWORD_FILE"), "says what to do: {message}");
            assert_eq!(database(), "", "nothing in plain text");
            assert_eq!(desk.call(&token, &hiredesk_wire::MailSettingsRequest {}).expect("settings").host, "");
        }
        other => panic!("unknown case {other}"),
    }
}

fn administrator(desk: &Hiredesk) -> String {
    let email = "dana.whitfield@northwind.example";
    let token = desk
        .call_public(&SignInRequest { email: email.into(), password: demo::ADMINISTRATOR_PASSWORD.into() })
        .expect("sign in")
        .token;
    let new = "velvet kettle orbit nineteen";
    let change = ChangePasswordRequest {
        old_password: demo::ADMINISTRATOR_PASSWORD.into(),
        new_password: new.into(),
        confirm_password: new.into(),
    };
    desk.call(&token, &change).expect("change");
    token
}
