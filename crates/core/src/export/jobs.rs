//! Exports running now (SPEC EX-3), by the id the UI gave each, so that the UI can ask how far one has got
//! and cancel it while the export itself runs on a worker thread. A job is registered for the user who
//! started it, and only that user sees or cancels it; it leaves the register when its export ends, however
//! it ends.

use crate::error::{CoreError, CoreResult};
use hiredesk_wire::{ErrorKind, ExportProgress};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

/// The register of running exports; cheap to clone (one shared map).
#[derive(Debug, Clone, Default)]
pub struct Jobs(Arc<Mutex<HashMap<u32, Arc<Job>>>>);

#[derive(Debug)]
struct Job {
    user_id: i32,
    written: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Jobs {
    /// Registers export `id` for `user_id`; refuses an id that is already running.
    pub(crate) fn start(&self, id: u32, user_id: i32) -> CoreResult<Running> {
        let job = Arc::new(Job {
            user_id,
            written: AtomicU64::new(0),
            total: AtomicU64::new(0),
            cancelled: AtomicBool::new(false),
        });
        let mut jobs = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if jobs.contains_key(&id) {
            return Err(CoreError::user(ErrorKind::Conflict, "An export with this number is already running."));
        }
        jobs.insert(id, Arc::clone(&job));
        Ok(Running { jobs: self.clone(), id, job })
    }

    fn find(&self, id: u32, user_id: i32) -> Option<Arc<Job>> {
        let jobs = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        jobs.get(&id).filter(|job| job.user_id == user_id).cloned()
    }

    /// How far export `id` of `user_id` has got; `None` when no such export is running.
    pub(crate) fn progress(&self, id: u32, user_id: i32) -> Option<ExportProgress> {
        self.find(id, user_id).map(|job| ExportProgress {
            written: job.written.load(Ordering::Relaxed),
            total: job.total.load(Ordering::Relaxed),
        })
    }

    /// Asks export `id` of `user_id` to stop at its next batch; `false` when no such export is running.
    pub(crate) fn cancel(&self, id: u32, user_id: i32) -> bool {
        self.find(id, user_id).is_some_and(|job| {
            job.cancelled.store(true, Ordering::Relaxed);
            true
        })
    }
}

/// A registered export; it leaves the register when dropped.
#[derive(Debug)]
pub(crate) struct Running {
    jobs: Jobs,
    id: u32,
    job: Arc<Job>,
}

impl Running {
    /// The export's progress callback: records how far it got, and answers `false` once it is cancelled.
    pub(crate) fn report(&self, written: u64, total: u64) -> bool {
        self.job.written.store(written, Ordering::Relaxed);
        self.job.total.store(total, Ordering::Relaxed);
        !self.job.cancelled.load(Ordering::Relaxed)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.jobs.0.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_and_cancel_reach_the_running_export_of_its_user_only() {
        let jobs = Jobs::default();
        let running = jobs.start(7, 1).expect("started");
        assert_eq!(jobs.start(7, 1).expect_err("same id").kind(), ErrorKind::Conflict);
        assert_eq!(jobs.progress(7, 1), Some(ExportProgress { written: 0, total: 0 }));
        assert!(running.report(2_000, 10_000));
        assert_eq!(jobs.progress(7, 1), Some(ExportProgress { written: 2_000, total: 10_000 }));

        // Another user neither sees nor cancels it.
        assert_eq!(jobs.progress(7, 2), None);
        assert!(!jobs.cancel(7, 2));
        assert!(running.report(4_000, 10_000));

        assert!(jobs.cancel(7, 1));
        assert!(!running.report(6_000, 10_000), "the export is told to stop at its next batch");
        drop(running);
        assert_eq!(jobs.progress(7, 1), None, "an ended export leaves the register");
        assert!(!jobs.cancel(7, 1));
        jobs.start(7, 1).expect("the id is free again");
    }
}
