//! Helpers for core integration tests: a real SQLite file in a temporary folder, a clock the test moves, and
//! a real SMTP server.

#![allow(dead_code)]

pub mod smtp;

use chrono::{DateTime, Duration, Utc};
use hiredesk_core::{Hiredesk, HiredeskConfig};
use std::sync::{Arc, Mutex};

pub struct TestDesk {
    pub desk: Hiredesk,
    pub dir: tempfile::TempDir,
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl TestDesk {
    /// A fresh installation, optionally with the demo data, with the clock at 23 Nov 2026 17:00 UTC.
    pub fn new(demo: bool) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let start = DateTime::parse_from_rfc3339("2026-11-23T17:00:00Z").expect("instant").with_timezone(&Utc);
        let now = Arc::new(Mutex::new(start));
        let clock_now = now.clone();
        let mut config = HiredeskConfig::new(dir.path());
        config.demo = demo;
        config.clock = Arc::new(move || *clock_now.lock().expect("clock"));
        let desk = Hiredesk::open(&config).expect("open");
        TestDesk { desk, dir, now }
    }

    pub fn advance(&self, by: Duration) {
        *self.now.lock().expect("clock") += by;
    }

    /// A second, independent connection to the same file, for looking behind the core's back.
    pub fn raw(&self) -> diesel::SqliteConnection {
        use diesel::Connection;
        let path = self.dir.path().join(hiredesk_core::db::DATABASE_FILE);
        diesel::SqliteConnection::establish(&path.to_string_lossy()).expect("raw connection")
    }

    /// Signs a demo user in for the first time and changes the initial password, as the app requires;
    /// returns the session token.
    pub fn first_sign_in(&self, email: &str, initial: &str) -> String {
        use hiredesk_wire::{ChangePasswordRequest, SignInRequest};
        let token =
            self.desk.sign_in(&SignInRequest { email: email.into(), password: initial.into() }).expect("sign in").token;
        let new = "copper lantern meadow fifty";
        let change = ChangePasswordRequest {
            old_password: initial.into(),
            new_password: new.into(),
            confirm_password: new.into(),
        };
        self.desk.change_password(&token, &change).expect("change the initial password");
        token
    }

    pub fn history_count(&self) -> i64 {
        use diesel::prelude::*;
        hiredesk_core::db::schema::history::table.count().get_result(&mut self.raw()).expect("count")
    }
}
