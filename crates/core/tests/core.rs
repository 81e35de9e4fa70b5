//! The core's integration tests, one binary: each module is one feature's tests, run against the core's public
//! API on a database of the test's own (SQLite, or PostgreSQL in the run `cargo xtask test` makes with
//! `HIREDESK_TEST_POSTGRES` set). One binary, not one per file: every binary links the whole core, and the
//! links and the shared helpers compiled once per file cost minutes of every build on two cores.

mod common;

mod accounts;
mod admin;
mod commands;
mod concurrency;
mod credential_store;
mod database;
mod export;
mod hostile_imports;
mod intake;
mod job_seekers;
mod mail;
mod mismatched_ids;
mod notes;
mod notices;
mod offers;
mod offline_notes;
mod schema;
mod search;
mod stored_values;
mod text_fields;
mod transfer;
mod upgrade;
mod watch;
