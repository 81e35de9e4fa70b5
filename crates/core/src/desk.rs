//! [`Hiredesk`]: the one handle the shell (and later the team server) holds, and the dispatcher every command
//! goes through.
//!
//! [`Hiredesk::call`] runs a signed-in user's command: it takes a connection from the pool, checks the session
//! once with the [`Access`] its handler asks for, and calls the handler that the feature implements beside its
//! rules ([`Handle`]); [`Hiredesk::call_public`] does the same for the commands before sign-in. A few methods
//! remain for what only the shell can start (an export into a file it chose, the print window, the workers).
//! Every method blocks (database, password hashing): call them from a worker thread, never the UI thread.

use crate::accounts::sessions::{self, SignedInUser};
use crate::command::{Access, Context, Handle, HandlePublic, PublicContext, Wakes};
use crate::db::{self, DbPool, Location, PooledConn};
use crate::error::{CoreError, CoreResult};
use crate::mail::secret::PasswordStore;
use crate::signal::{Signal, Signals};
use crate::{demo, export, mail, notices, offers, watch};
use chrono::{DateTime, Utc};
use hiredesk_wire::{
    ExportHistoryRequest, ExportNotesRequest, HistoryPageRequest, PrintRequest, PrintView, WatchAnswer, WatchCursor,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where "now" comes from: the system clock in the app, a controlled one in tests of expiry and lockout.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// How to open Hiredesk.
#[derive(Clone)]
pub struct HiredeskConfig {
    /// The folder that holds the database file.
    pub data_dir: PathBuf,
    /// A team's PostgreSQL database (a `postgres://` URL) instead of the solo file in `data_dir`. Its
    /// migrations are applied by its owner beforehand (`db::prepare_team`, with the `postgres` feature).
    pub database_url: Option<String>,
    /// Start from a fresh demo database: the folder's database is deleted and the demo loaded (a team database
    /// must be empty instead).
    pub demo: bool,
    pub clock: Clock,
    /// Where the mail server's password is kept: by default the credential store, or the file named in
    /// `HIREDESK_MAIL_PASSWORD_FILE` ([`crate::mail::secret::PasswordStore::configured`]).
    pub mail_password: PasswordStore,
}

impl HiredeskConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        // One credential-store entry per data folder, so two installations on one account keep their own.
        let mail_password = PasswordStore::configured(format!("data folder {}", data_dir.display()));
        Self { data_dir, database_url: None, demo: false, clock: Arc::new(Utc::now), mail_password }
    }

    /// Where the database is: the team's, or the solo file in the data folder.
    pub fn location(&self) -> Location {
        match &self.database_url {
            Some(url) => Location::Postgres(url.clone()),
            None => Location::in_data_dir(&self.data_dir),
        }
    }
}

impl std::fmt::Debug for HiredeskConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HiredeskConfig")
            .field("data_dir", &self.data_dir)
            .field("database", &self.location().describe())
            .field("demo", &self.demo)
            .finish()
    }
}

/// The application core: a connection pool, a clock, the exports running now and the workers' signals.
/// Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Hiredesk {
    pool: DbPool,
    clock: Clock,
    demo: bool,
    exports: export::jobs::Jobs,
    signals: Arc<Signals>,
    mail_password: PasswordStore,
}

impl std::fmt::Debug for Hiredesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hiredesk").finish_non_exhaustive()
    }
}

impl Hiredesk {
    /// Opens the database (applying migrations); with `demo`, on a fresh demo database.
    pub fn open(config: &HiredeskConfig) -> CoreResult<Self> {
        let location = config.location();
        if config.demo && matches!(location, Location::SqliteFile(_)) {
            remove_database(&config.data_dir)?;
        }
        let hiredesk = Hiredesk {
            pool: db::open(&location)?,
            clock: config.clock.clone(),
            demo: config.demo,
            exports: export::jobs::Jobs::default(),
            signals: Arc::default(),
            mail_password: config.mail_password.clone(),
        };
        if matches!(location, Location::SqliteFile(_)) {
            // One Hiredesk at a time on a solo file (the shell makes sure): a claim left in it is a dead one.
            mail::release_claims(&mut *hiredesk.conn()?)?;
        }
        if config.demo {
            demo::load(&mut *hiredesk.conn()?, hiredesk.now())?;
        }
        // A password an earlier version kept in the database leaves it now. A store that cannot take it does
        // not stop the start: the row stays as it was for the next start, and sending reports the store.
        match mail::move_password_to_store(&mut *hiredesk.conn()?, &hiredesk.mail_password, hiredesk.now()) {
            Ok(_) | Err(CoreError::User(_)) => {}
            Err(other) => return Err(other),
        }
        Ok(hiredesk)
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn conn(&self) -> CoreResult<PooledConn> {
        db::connection(&self.pool)
    }

    /// Runs a signed-in user's command: checks the session for the handler's [`Access`], runs the handler,
    /// and on success wakes the workers it declared.
    pub fn call<R: Handle>(&self, token: &str, request: &R) -> CoreResult<R::Response> {
        const { assert!(R::NEEDS_SESSION, "a Handle is for a command the table marks `session`") };
        let answer = self.with_session(token, R::ACCESS, |cx| request.handle(cx))?;
        self.wake(R::WAKES);
        Ok(answer)
    }

    /// Runs a command that needs no session (before sign-in).
    pub fn call_public<R: HandlePublic>(&self, request: &R) -> CoreResult<R::Response> {
        const { assert!(!R::NEEDS_SESSION, "a HandlePublic is for a command the table marks `public`") };
        let mut conn = self.conn()?;
        let mut cx = PublicContext { conn: &mut conn, now: self.now(), demo: self.demo };
        let answer = request.handle(&mut cx)?;
        self.wake(R::WAKES);
        Ok(answer)
    }

    /// The one session check: authenticates `token` (recording activity), applies `access`, and gives `work`
    /// the context every handler receives.
    fn with_session<T>(
        &self,
        token: &str,
        access: Access,
        work: impl FnOnce(&mut Context<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let mut conn = self.conn()?;
        let now = self.now();
        let user = sessions::authenticate(&mut conn, token, now)?;
        authorise(&user, access)?;
        let view = user.user.view(&mut conn)?;
        let mut cx = Context {
            conn: &mut conn,
            user,
            zone: view.zone,
            records_per_page: view.records_per_page,
            now,
            exports: &self.exports,
            mail_password: &self.mail_password,
        };
        work(&mut cx)
    }

    fn wake(&self, wakes: Wakes) {
        if wakes.mail {
            self.signals.mail.raise();
        }
        if wakes.notices {
            self.signals.notices.raise();
        }
    }

    /// Raised when mail was queued: the mail worker waits on it between its ticks.
    pub fn mail_signal(&self) -> &Signal {
        &self.signals.mail
    }

    /// Raised when a notice may be due: the notice scheduler waits on it between its ticks.
    pub fn notices_signal(&self) -> &Signal {
        &self.signals.notices
    }

    /// Exports a job seeker's History (with the tab's filters) to the .xlsx file `path` as export
    /// `export_id`, which `export_progress` follows and `cancel_export` stops. The shell's `export_history`
    /// command calls this with the file chosen in the save dialog, and so does `cargo xtask bench export`.
    pub fn export_history(&self, token: &str, request: &ExportHistoryRequest, path: &Path) -> CoreResult<u64> {
        self.with_session(token, Access::SignedIn, |cx| {
            let running = cx.exports.start(request.export_id, cx.user.user.id)?;
            let mut progress = |written, total| running.report(written, total);
            export::history(cx.conn, &cx.user, &request.history, path, cx.zone, cx.now, &mut progress)
        })
    }

    /// [`Self::export_history`] with its own progress callback instead of a registered export.
    pub fn export_history_with(
        &self,
        token: &str,
        request: &HistoryPageRequest,
        path: &Path,
        progress: export::Progress<'_>,
    ) -> CoreResult<u64> {
        self.with_session(token, Access::SignedIn, |cx| {
            export::history(cx.conn, &cx.user, request, path, cx.zone, cx.now, progress)
        })
    }

    /// Exports a job seeker's notes (of one application, or all) to the .xlsx file `path` as export
    /// `export_id`.
    pub fn export_notes(&self, token: &str, request: &ExportNotesRequest, path: &Path) -> CoreResult<u64> {
        self.with_session(token, Access::SignedIn, |cx| {
            let running = cx.exports.start(request.export_id, cx.user.user.id)?;
            let mut progress = |written, total| running.report(written, total);
            export::notes(cx.conn, &cx.user, &request.notes, path, cx.zone, cx.now, &mut progress)
        })
    }

    /// What the print window's Save as .xlsx does: the export of the tab it was opened from.
    pub fn export_printed(&self, token: &str, request: &PrintRequest, export_id: u32, path: &Path) -> CoreResult<u64> {
        match request {
            PrintRequest::History(history) => {
                let history = HistoryPageRequest { after: None, ..history.clone() };
                self.export_history(token, &ExportHistoryRequest { export_id, history }, path)
            }
            PrintRequest::Notes(notes) => {
                self.export_notes(token, &ExportNotesRequest { export_id, notes: notes.clone() }, path)
            }
        }
    }

    /// The print window's data (SPEC EX-2), for the session that opened it.
    pub fn print_view(&self, token: &str, request: &PrintRequest) -> CoreResult<PrintView> {
        self.with_session(token, Access::SignedIn, |cx| {
            export::print::view(cx.conn, &cx.user, request, cx.zone, cx.now)
        })
    }

    /// Checks the session (and records activity), for shell commands that do not otherwise reach the core.
    pub fn check_session(&self, token: &str) -> CoreResult<()> {
        self.with_session(token, Access::SignedIn, |_| Ok(()))
    }

    /// The user of a live session, without recording activity (background polling must not keep an idle
    /// session alive).
    pub fn session_user_id(&self, token: &str) -> CoreResult<i32> {
        sessions::identify(&mut *self.conn()?, token, self.now())
    }

    /// What is new for the session's user after `after`: their native notices and whether anything changed (the
    /// team server's watch). Not activity: the session is identified without being refreshed.
    pub fn watch(&self, token: &str, after: WatchCursor) -> CoreResult<WatchAnswer> {
        let mut conn = self.conn()?;
        let user_id = sessions::identify(&mut conn, token, self.now())?;
        watch::look(&mut conn, user_id, after)
    }

    /// Checks that the database answers and is at this version's schema (the team server's health).
    pub fn check_database(&self) -> CoreResult<()> {
        db::migrate(&mut *self.conn()?)
            .map_err(|error| CoreError::Open(format!("The database is not at this version's schema: {error}")))
    }

    /// Expires the offers past their date, then delivers the notices that are due (SPEC AC-8), by email
    /// through the outbox (waking the mail worker), and returns them; those for users signed in on this
    /// machine are marked for the shell to show natively too.
    pub fn deliver_notices(&self) -> CoreResult<Vec<notices::Notice>> {
        let mut conn = self.conn()?;
        offers::expire_due(&mut conn, self.now())?;
        let delivered = notices::deliver_due(&mut conn, self.now())?;
        if !delivered.is_empty() {
            self.signals.mail.raise();
        }
        let here = sessions::signed_in_user_ids(&mut conn, self.now())?;
        Ok(delivered
            .into_iter()
            .map(|notice| notices::Notice { show_here: here.contains(&notice.user_id), ..notice })
            .collect())
    }

    /// Sends the queued email that is due (the mail worker calls this at every tick and wake-up).
    pub fn deliver_mail(&self) -> CoreResult<mail::Delivery> {
        mail::deliver_due(&mut *self.conn()?, &self.mail_password, self.now())
    }
}

/// Applies a handler's [`Access`] to the user of a checked session.
fn authorise(user: &SignedInUser, access: Access) -> CoreResult<()> {
    match access {
        Access::BeforePasswordChange => Ok(()),
        Access::SignedIn => user.require_current_password(),
        Access::Administrator => {
            user.require_current_password()?;
            user.require_administrator()
        }
    }
}

fn remove_database(data_dir: &Path) -> CoreResult<()> {
    for suffix in ["", "-wal", "-shm"] {
        let path = data_dir.join(format!("{}{suffix}", db::DATABASE_FILE));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(CoreError::Open(format!(
                    "The old demo database {} could not be removed: {error}",
                    path.display()
                )))
            }
        }
    }
    Ok(())
}
