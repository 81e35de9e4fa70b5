//! The team server's banner and the reload of shared pages: in team mode, whether the server answered the last
//! call, and how often its watch said something changed. The shell keeps both from the answers it passes on,
//! so asking costs no network; the UI asks every two seconds (a solo desktop always answers "nothing").

use super::command::use_caller;
use gloo_timers::callback::Interval;
use hiredesk_wire::{TeamStatus, TeamStatusRequest};
use yew::prelude::*;

const EVERY_MS: u32 = 2_000;

/// What the shell knows of the team server: why it cannot be reached (while it cannot), and the changes seen.
#[hook]
pub fn use_team_status() -> TeamStatus {
    let caller = use_caller();
    let status = use_state(TeamStatus::default);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(EVERY_MS, move || {
                let (caller, status) = (caller.clone(), status.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    // A failed ask changes nothing: the next one comes two seconds later.
                    if let Ok(answer) = caller.call(&TeamStatusRequest {}).await {
                        if *status != answer {
                            status.set(answer);
                        }
                    }
                });
            });
            move || drop(interval)
        });
    }
    (*status).clone()
}

/// Calls `reload` whenever `changes` (the team status's count of changes seen) differs from what this component
/// last saw: a page asks again for what it shows when another desktop changed something. Asking again, rather
/// than mounting the page afresh, keeps what is on screen and what the user is typing. A solo desktop's count
/// never moves, so nothing is asked again there.
#[hook]
pub fn use_reload_on_change(changes: u64, reload: impl FnOnce() + 'static) {
    let seen = use_mut_ref(|| changes);
    use_effect_with(changes, move |changes| {
        if *seen.borrow() != *changes {
            *seen.borrow_mut() = *changes;
            reload();
        }
    });
}
