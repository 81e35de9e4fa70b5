//! Helpers for core integration tests: a real database (a SQLite file in a temporary folder, or, when
//! `HIREDESK_TEST_POSTGRES` names a PostgreSQL server, a fresh database of its own there), a clock the test moves,
//! and a real SMTP server. `cargo xtask test` runs the whole suite once on each backend.

#![allow(dead_code)]

pub mod postgres;
pub mod smtp;

use chrono::{DateTime, Duration, Utc};
use hiredesk_core::db::DbConn;
use hiredesk_core::{CoreResult, Handle, HandlePublic, Hiredesk, HiredeskConfig};
use hiredesk_wire::Rpc;
use std::sync::{Arc, Mutex};

pub struct TestDesk {
    pub desk: Hiredesk,
    pub dir: tempfile::TempDir,
    now: Arc<Mutex<DateTime<Utc>>>,
    /// The test's own PostgreSQL database, dropped with it; `None` on SQLite.
    pub team: Option<postgres::TeamDatabase>,
    /// How the desk was opened, less the demo data, for [`TestDesk::reopen`].
    config: HiredeskConfig,
}

impl TestDesk {
    /// A fresh installation, optionally with the demo data, with the clock at 23 Nov 2026 17:00 UTC.
    pub fn new(demo: bool) -> Self {
        Self::on(demo, postgres::TeamDatabase::for_this_run())
    }

    /// A fresh solo installation on its SQLite file, whichever backend this run is on (for moving it to a team).
    pub fn solo(demo: bool) -> Self {
        Self::on(demo, None)
    }

    fn on(demo: bool, team: Option<postgres::TeamDatabase>) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let start = DateTime::parse_from_rfc3339("2026-11-23T17:00:00Z").expect("instant").with_timezone(&Utc);
        let now = Arc::new(Mutex::new(start));
        let clock_now = now.clone();
        let mut config = HiredeskConfig::new(dir.path());
        config.demo = demo;
        config.clock = Arc::new(move || *clock_now.lock().expect("clock"));
        config.database_url = team.as_ref().map(postgres::TeamDatabase::app_url);
        // The tests keep the mail password in the configured file, the documented choice for a machine without
        // a credential store; tests/credential_store.rs runs the credential store itself on a Secret Service.
        config.mail_password = hiredesk_core::mail::secret::PasswordStore::File(dir.path().join("mail-password"));
        let desk = Hiredesk::open(&config).expect("open");
        config.demo = false;
        TestDesk { desk, dir, now, team, config }
    }

    /// Opens the same database again, as the next start of the app does (the old desk is dropped).
    pub fn reopen(&mut self) {
        self.desk = Hiredesk::open(&self.config).expect("open again");
    }

    /// Whether this run is on PostgreSQL (for the few tests of one backend's own behaviour).
    pub fn on_postgres(&self) -> bool {
        self.team.is_some()
    }

    /// Sends a signed-in user's command through the core's dispatcher, as the shell does, and checks that a
    /// command which queued mail or recorded a notification event woke the worker concerned.
    pub fn call<R: Handle>(&self, token: &str, request: &R) -> CoreResult<R::Response> {
        self.checking_wakes::<R, _>(|| self.desk.call(token, request))
    }

    /// Sends a command that needs no session, with the same check as [`TestDesk::call`].
    pub fn call_public<R: HandlePublic>(&self, request: &R) -> CoreResult<R::Response> {
        self.checking_wakes::<R, _>(|| self.desk.call_public(request))
    }

    fn checking_wakes<R: Rpc, T>(&self, command: impl FnOnce() -> CoreResult<T>) -> CoreResult<T> {
        let (mail_before, events_before) = self.queued();
        self.desk.mail_signal().take();
        self.desk.notices_signal().take();
        let answer = command();
        let (mail_after, events_after) = self.queued();
        let name = R::COMMAND.name();
        if mail_after > mail_before {
            assert!(self.desk.mail_signal().take(), "{name} queued mail but did not wake the mail worker");
        }
        if events_after > events_before {
            assert!(self.desk.notices_signal().take(), "{name} recorded an event but did not wake the notices");
        }
        answer
    }

    /// The rows of the outbox and of the notification events: what the workers have to deliver.
    fn queued(&self) -> (i64, i64) {
        use diesel::prelude::*;
        use hiredesk_core::db::schema::{notification_events, outbox};
        let mut raw = self.raw();
        let mail = outbox::table.count().get_result(&mut raw).expect("count the outbox");
        let events = notification_events::table.count().get_result(&mut raw).expect("count the events");
        (mail, events)
    }

    /// The test's clock.
    pub fn now(&self) -> DateTime<Utc> {
        *self.now.lock().expect("clock")
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("clock") += by;
    }

    /// A second, independent connection to the same database, for looking behind the core's back (on
    /// PostgreSQL as the database's owner).
    pub fn raw(&self) -> DbConn {
        use diesel::Connection;
        match &self.team {
            Some(team) => team.raw(),
            None => {
                let path = self.dir.path().join(hiredesk_core::db::DATABASE_FILE);
                DbConn::Sqlite(diesel::SqliteConnection::establish(&path.to_string_lossy()).expect("raw connection"))
            }
        }
    }

    /// Signs a demo user in for the first time and changes the initial password, as the app requires;
    /// returns the session token.
    pub fn first_sign_in(&self, email: &str, initial: &str) -> String {
        use hiredesk_wire::{ChangePasswordRequest, SignInRequest};
        let token =
            self.call_public(&SignInRequest { email: email.into(), password: initial.into() }).expect("sign in").token;
        let new = "copper lantern meadow fifty";
        let change = ChangePasswordRequest {
            old_password: initial.into(),
            new_password: new.into(),
            confirm_password: new.into(),
        };
        self.call(&token, &change).expect("change the initial password");
        token
    }

    pub fn history_count(&self) -> i64 {
        use diesel::prelude::*;
        hiredesk_core::db::schema::history::table.count().get_result(&mut self.raw()).expect("count")
    }
}
