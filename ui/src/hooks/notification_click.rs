//! Opening the job seeker of a clicked native notification (SPEC NT-6), on the tab it is about. The shell
//! shows the window when a notification is clicked and keeps its target; this asks for it every second while
//! the user is signed in (polling rather than an event, so the window needs no event permission; the asking
//! does not count as activity for the idle timeout).

use super::command::use_caller;
use gloo_timers::callback::Interval;
use hiredesk_wire::{NoticeTarget, TakeNotificationClickRequest};
use yew::prelude::*;

const EVERY_MS: u32 = 1_000;

/// Calls `open` with what each clicked notification opens (its job seeker and tab).
#[hook]
pub fn use_notification_clicks(open: Callback<NoticeTarget>) {
    let caller = use_caller();
    // A failed ask changes nothing: the next one comes a second later, and an ended session is the idle
    // timer's to show.
    use_effect_with(caller.token().map(str::to_owned), move |_| {
        let interval = Interval::new(EVERY_MS, move || {
            let (caller, open) = (caller.clone(), open.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(Some(target)) = caller.call(&TakeNotificationClickRequest {}).await {
                    open.emit(target);
                }
            });
        });
        move || drop(interval)
    });
}
