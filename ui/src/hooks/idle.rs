//! The idle timeout (SPEC AC-6): after the organisation's idle period without keyboard or mouse input, the
//! user is signed out, after a one-minute warning with "Stay signed in". The backend refuses an idle session
//! on its own; this hook makes the UI say so in time, and tells the backend about input that sends no
//! command (typing a long note), so an active user is never signed out.

use super::command::use_caller;
use gloo_timers::callback::Interval;
use hiredesk_wire::CurrentUserRequest;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The events that count as the user being there.
const ACTIVITY: [&str; 5] = ["keydown", "mousedown", "mousemove", "wheel", "touchstart"];
/// Input tells the backend at most this often (a command also counts as activity there).
const PING_EVERY_MS: f64 = 60_000.0;
const WARNING_MS: f64 = 60_000.0;

fn now() -> f64 {
    js_sys::Date::now()
}

/// What the idle timer says now.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Idle {
    Active,
    /// Seconds until sign-out.
    Warning(u32),
}

/// Tracks input; returns the state and a callback for "Stay signed in". `on_expired` runs once the idle
/// period has passed.
#[hook]
pub fn use_idle_timeout(idle_minutes: u16, on_expired: Callback<()>) -> (Idle, Callback<()>) {
    let caller = use_caller();
    let last_input = use_mut_ref(|| Rc::new(Cell::new(now())));
    let last_ping = use_mut_ref(|| Rc::new(Cell::new(now())));
    let state = use_state(|| Idle::Active);
    {
        let (last_input, last_ping) = (last_input.borrow().clone(), last_ping.borrow().clone());
        let (state, caller) = (state.clone(), caller.clone());
        use_effect_with(idle_minutes, move |minutes| {
            let limit = f64::from(*minutes) * 60_000.0;
            let listener = {
                let (last_input, last_ping) = (last_input.clone(), last_ping.clone());
                Closure::<dyn Fn()>::new(move || {
                    let moment = now();
                    last_input.set(moment);
                    if moment - last_ping.get() > PING_EVERY_MS {
                        last_ping.set(moment);
                        caller.send(CurrentUserRequest {});
                    }
                })
            };
            let document = web_sys::window().and_then(|window| window.document());
            if let Some(document) = &document {
                for event in ACTIVITY {
                    let _ = document.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
                }
            }
            let expired = Rc::new(Cell::new(false));
            let ticker = Interval::new(1_000, move || {
                let idle = now() - last_input.get();
                if idle >= limit {
                    if !expired.replace(true) {
                        on_expired.emit(());
                    }
                } else if idle >= limit - WARNING_MS {
                    // Whole seconds left, rounded up, for the countdown.
                    let left = ((limit - idle) / 1000.0).ceil();
                    state.set(Idle::Warning(if left > 0.0 { left as u32 } else { 0 }));
                } else if *state != Idle::Active {
                    state.set(Idle::Active);
                }
            });
            move || {
                drop(ticker);
                if let Some(document) = document {
                    for event in ACTIVITY {
                        let _ = document.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
                    }
                }
            }
        });
    }
    let stay = {
        let (last_input, last_ping, state) = (last_input.borrow().clone(), last_ping.borrow().clone(), state.clone());
        Callback::from(move |()| {
            last_input.set(now());
            last_ping.set(now());
            state.set(Idle::Active);
            caller.send(CurrentUserRequest {});
        })
    };
    (*state, stay)
}
