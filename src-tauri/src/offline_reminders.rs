//! Task reminders while a team desktop cannot reach its server (issue 13): from the last copy of each signed-in
//! user's To-Do list, by the core's own rule ([`task_reminder_day`]: from 09:00 in the user's zone on the due date,
//! each day after while the task is open) on this desktop's clock, once per task and day. When the server is
//! back, its reminder of a task on a day this desktop already reminded of is not shown a second time.

use chrono::{DateTime, NaiveDate, Utc};
use hiredesk_core::notices::{task_reminder, task_reminder_day, Notice};
use hiredesk_core::time::UserZone;
use hiredesk_wire::{NoticeTab, NoticeTarget, TodoItem};
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// The reminders shown here while the server could not be reached: (the user's day, title, body).
#[derive(Default)]
pub struct OfflineReminders {
    shown: Mutex<HashSet<(NaiveDate, String, String)>>,
}

impl OfflineReminders {
    /// The reminders owed at `now` for `todo`, one user's copy, in their `zone`, that were not shown yet (they
    /// count as shown from here on); `user_id` is what a click on one is kept under.
    pub fn due(&self, todo: &[TodoItem], zone: UserZone, now: DateTime<Utc>, user_id: i32) -> Vec<Notice> {
        let mut shown = self.shown.lock().unwrap_or_else(PoisonError::into_inner);
        todo.iter()
            .filter_map(|item| {
                let due = NaiveDate::parse_from_str(&item.due_date, "%m/%d/%Y").ok()?;
                let day = task_reminder_day(due, now, zone)?;
                let (title, body) = task_reminder(&item.job_seeker, &item.text, due);
                shown.insert((day, title.clone(), body.clone())).then_some(Notice {
                    user_id,
                    title,
                    body,
                    opens: Some(NoticeTarget { job_seeker_id: item.job_seeker_id, tab: NoticeTab::Notes }),
                    show_here: true,
                })
            })
            .collect()
    }

    /// `notices` from the server without the reminders this desktop showed today (in `zone`) on its own.
    pub fn not_shown_yet(&self, notices: Vec<Notice>, zone: UserZone, now: DateTime<Utc>) -> Vec<Notice> {
        let today = hiredesk_core::time::to_local(now, zone).wall.date();
        let shown = self.shown.lock().unwrap_or_else(PoisonError::into_inner);
        notices
            .into_iter()
            .filter(|notice| !shown.contains(&(today, notice.title.clone(), notice.body.clone())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hiredesk_wire::UsTimeZone;

    const EASTERN: UserZone = UserZone { zone: UsTimeZone::Eastern, observe_daylight_saving: true };

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("an instant").to_utc()
    }

    fn task(note_id: i32, due_date: &str) -> TodoItem {
        TodoItem {
            note_id,
            job_seeker_id: 7,
            job_seeker: "Ana Reyes".to_owned(),
            text: format!("Task {note_id}"),
            due_date: due_date.to_owned(),
            overdue: false,
        }
    }

    #[test]
    fn a_due_task_is_reminded_once_a_day_and_the_servers_late_copy_is_not_shown_again() {
        let reminders = OfflineReminders::default();
        let todo = [task(1, "12/01/2026"), task(2, "12/02/2026")];
        assert!(reminders.due(&todo, EASTERN, at("2026-12-01T08:59:00-05:00"), 3).is_empty(), "not before nine");
        let shown = reminders.due(&todo, EASTERN, at("2026-12-01T09:00:00-05:00"), 3);
        assert_eq!(shown.len(), 1, "only the task due today");
        assert_eq!(
            (shown[0].title.as_str(), shown[0].body.as_str()),
            ("Task due: Ana Reyes", "Task 1 (due 12/01/2026)")
        );
        assert_eq!(shown[0].opens, Some(NoticeTarget { job_seeker_id: 7, tab: NoticeTab::Notes }));
        assert!(reminders.due(&todo, EASTERN, at("2026-12-01T09:05:00-05:00"), 3).is_empty(), "once a day");

        // The server, back, sends its reminder of the same task that day: it was shown already. Another one goes.
        let from_server = |title: &str, body: &str| Notice {
            user_id: 3,
            title: title.to_owned(),
            body: body.to_owned(),
            opens: None,
            show_here: true,
        };
        let late = vec![
            from_server("Task due: Ana Reyes", "Task 1 (due 12/01/2026)"),
            from_server("New job seeker", "Someone applied"),
        ];
        let left = reminders.not_shown_yet(late.clone(), EASTERN, at("2026-12-01T11:00:00-05:00"));
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].title, "New job seeker");
        // The next day the open task is owed a reminder again, and the server's of that day is new.
        assert_eq!(reminders.not_shown_yet(late, EASTERN, at("2026-12-02T08:00:00-05:00")).len(), 2);
        let next_day = reminders.due(&todo, EASTERN, at("2026-12-02T09:30:00-05:00"), 3);
        assert_eq!(next_day.len(), 2, "task 1 again, task 2 for the first time");
    }

    #[test]
    fn a_due_date_that_cannot_be_read_is_left_out() {
        let reminders = OfflineReminders::default();
        assert!(reminders.due(&[task(1, "soon")], EASTERN, at("2026-12-01T10:00:00-05:00"), 3).is_empty());
    }
}
