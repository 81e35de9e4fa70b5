//! Telling the shell, once, that the first form is on screen and can be typed into (the start-up
//! benchmark's finish line).

use super::command::use_command;
use hiredesk_wire::AppReadyRequest;
use yew::prelude::*;

#[hook]
pub fn use_report_ready() {
    let ready = use_command::<AppReadyRequest>();
    use_effect_with((), move |_| ready.run(AppReadyRequest {}));
}
