//! Wake-up signals for the background workers: the mail worker and the notice scheduler sleep until their
//! next tick or until a command gives them work ("immediately" means immediately). The dispatcher raises
//! them from what each handler declares (`Handle::WAKES`); the shell's and the server's worker threads wait
//! on them.
//!
//! A raised signal is remembered until a waiter takes it, so a wake-up that comes while the worker is busy
//! is not lost: the worker runs once more straight away.

use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// One worker's wake-up signal.
#[derive(Debug, Default)]
pub struct Signal {
    raised: Mutex<bool>,
    changed: Condvar,
}

impl Signal {
    /// Wakes the worker waiting on this signal (or the next one to wait).
    pub fn raise(&self) {
        *self.raised.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.changed.notify_all();
    }

    /// Waits until the signal is raised or `timeout` has passed, and takes the signal. `true`: it was raised.
    pub fn wait(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut raised = self.raised.lock().unwrap_or_else(PoisonError::into_inner);
        while !*raised {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            raised = self.changed.wait_timeout(raised, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        *raised = false;
        true
    }

    /// Takes the signal without waiting. `true`: it was raised since it was last taken.
    pub fn take(&self) -> bool {
        std::mem::take(&mut *self.raised.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// The two workers' signals.
#[derive(Debug, Default)]
pub struct Signals {
    /// Mail was queued in the outbox (or the mail server changed): deliver now.
    pub mail: Signal,
    /// An event that may make a notice due was recorded: look for due notices now.
    pub notices: Signal,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_raised_signal_is_kept_until_taken_once() {
        let signal = Signal::default();
        assert!(!signal.take());
        signal.raise();
        signal.raise();
        assert!(signal.wait(Duration::ZERO));
        assert!(!signal.take(), "taken once, whatever the number of raises");
    }

    #[test]
    fn a_waiter_wakes_when_raised_from_another_thread_and_times_out_otherwise() {
        let signal = Arc::new(Signal::default());
        assert!(!signal.wait(Duration::from_millis(20)), "nothing raised: the wait times out");
        let raiser = signal.clone();
        let thread = std::thread::spawn(move || raiser.raise());
        assert!(signal.wait(Duration::from_secs(30)), "the raise from the other thread wakes the waiter");
        thread.join().expect("the raising thread");
    }
}
