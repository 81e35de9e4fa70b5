//! One file per screen; the job seeker detail and Administration, which have tabs, are folders with a file
//! per tab. This module only declares them and re-exports what `app.rs` shows: nothing here is used by the
//! pages themselves, so no page depends on this file.

mod add_job_seeker;
mod administration;
mod change_password;
mod contact;
mod first_run;
mod home;
mod import;
mod job_seeker;
mod job_seekers;
mod join_team;
mod notifications;
mod print;
mod recover;
mod requisitions;
mod security;
mod security_questions;
mod settings;
mod sign_in;
mod workspace;

pub use change_password::ChangePasswordPage;
pub use first_run::FirstRunPage;
pub use print::PrintPage;
pub use recover::RecoverPage;
pub use sign_in::SignInPage;
pub use workspace::Workspace;
