//! The server's background workers: the notice scheduler and the mail worker, each on a thread of its own with
//! the core's loop (`hiredesk_core::workers::run`), as the desktop runs them. Several servers may run them at once
//! on one database: the core delivers each notice and each email once (part 1). A notice round that delivered
//! something wakes this server's watches.

use hiredesk_core::{CoreError, Hiredesk};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::Notify;

/// How often the outbox is looked at; a retry waits at least a minute anyway.
const MAIL_EVERY: Duration = Duration::from_secs(15);
/// Notices are due on the minute (07:00, 22:00) or as events arrive.
const NOTICES_EVERY: Duration = Duration::from_secs(60);

/// The running workers, until [`Workers::stop`].
pub struct Workers {
    desk: Hiredesk,
    running: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Workers {
    pub fn start(desk: &Hiredesk, news: Arc<Notify>) -> Result<Workers, std::io::Error> {
        let running = Arc::new(AtomicBool::new(true));
        let notices =
            spawn("notice scheduler", desk, &running, Hiredesk::notices_signal, NOTICES_EVERY, move |desk| match desk
                .deliver_notices()
            {
                Ok(delivered) if !delivered.is_empty() => {
                    tracing::info!(count = delivered.len(), "notices delivered");
                    news.notify_waiters();
                }
                Ok(_) => {}
                Err(error) => tracing::error!(error = %message(error), "the notice scheduler could not run"),
            })?;
        let mail = spawn("mail worker", desk, &running, Hiredesk::mail_signal, MAIL_EVERY, |desk| {
            if let Err(error) = desk.deliver_mail() {
                tracing::error!(error = %message(error), "the mail worker could not run");
            }
        })?;
        Ok(Workers { desk: desk.clone(), running, threads: vec![notices, mail] })
    }

    /// Lets each worker finish its round, then ends it.
    pub fn stop(self) {
        self.running.store(false, Ordering::SeqCst);
        // Raised so that neither waits out its tick.
        self.desk.notices_signal().raise();
        self.desk.mail_signal().raise();
        for thread in self.threads {
            if thread.join().is_err() {
                tracing::error!("a worker ended abnormally");
            }
        }
    }
}

fn spawn(
    name: &str,
    desk: &Hiredesk,
    running: &Arc<AtomicBool>,
    signal: fn(&Hiredesk) -> &hiredesk_core::signal::Signal,
    every: Duration,
    round: impl FnMut(&Hiredesk) + Send + 'static,
) -> Result<JoinHandle<()>, std::io::Error> {
    let (desk, running) = (desk.clone(), running.clone());
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || hiredesk_core::workers::run(&desk, signal, every, || running.load(Ordering::SeqCst), round))
}

fn message(error: CoreError) -> String {
    hiredesk_wire::IpcError::from(error).message
}
