//! The team server's banner: in team mode, whether the server answered the last call. The shell keeps that
//! from the answers it passes on, so asking costs no network; the UI asks every two seconds, before and after
//! sign-in alike (a solo desktop always answers "nothing to show").

use super::command::use_caller;
use gloo_timers::callback::Interval;
use hiredesk_wire::TeamStatusRequest;
use yew::prelude::*;

const EVERY_MS: u32 = 2_000;

/// Why the team server cannot be reached, while it cannot.
#[hook]
pub fn use_team_unreachable() -> Option<String> {
    let caller = use_caller();
    let unreachable = use_state(|| None::<String>);
    {
        let unreachable = unreachable.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(EVERY_MS, move || {
                let (caller, unreachable) = (caller.clone(), unreachable.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    // A failed ask changes nothing: the next one comes two seconds later.
                    if let Ok(status) = caller.call(&TeamStatusRequest {}).await {
                        if *unreachable != status.unreachable {
                            unreachable.set(status.unreachable);
                        }
                    }
                });
            });
            move || drop(interval)
        });
    }
    (*unreachable).clone()
}
