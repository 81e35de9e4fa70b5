//! Telling the shell, once, that the first form is on screen and can be typed into (the start-up
//! benchmark's finish line), with the start-up's performance marks.

use super::command::use_command;
use crate::perf;
use hiredesk_wire::AppReadyRequest;
use yew::prelude::*;

#[hook]
pub fn use_report_ready() {
    let ready = use_command::<AppReadyRequest>();
    use_effect_with((), move |_| {
        perf::mark("form on screen");
        let (time_origin, marks) = perf::startup_marks();
        ready.run(AppReadyRequest { time_origin, marks });
    });
}
