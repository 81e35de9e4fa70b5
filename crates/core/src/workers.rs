//! The loop of a background worker (the notice scheduler, the mail worker), for every process that runs them:
//! the desktop's shell and the team server. A worker runs its round, then sleeps until its tick or until the core
//! raises its signal (a command gave it work), and again, until it is told to stop. What a round does with its
//! result (show notices natively, wake a server's watches) is the caller's.

use crate::desk::Hiredesk;
use crate::signal::Signal;
use std::time::Duration;

/// Runs `round` at once, then again every `every` or as soon as `signal` is raised, while `keep_going` says so. It
/// is asked after each wait, so a caller that stops raises the signal too, and the loop ends without waiting out
/// the tick.
pub fn run(
    desk: &Hiredesk,
    signal: fn(&Hiredesk) -> &Signal,
    every: Duration,
    keep_going: impl Fn() -> bool,
    mut round: impl FnMut(&Hiredesk),
) {
    while keep_going() {
        round(desk);
        signal(desk).wait(every);
    }
}
