//! Notification preferences (SPEC AC-8): each user's four switches and the organisation's defaults, which
//! a new user starts with. Delivering the notices is the scheduler's work; this module only keeps the
//! choices.

use super::SignedInUser;
use crate::command::{Context, Handle};
use crate::db::schema::{organisation, user_preferences};
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::time::{self, UserZone};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    AppliesDelivery, FieldChange, NoticeTimes, NoticeTimesRequest, NotificationPreferences,
    NotificationPreferencesRequest, SaveNotificationPreferencesRequest, UsTimeZone,
};

/// Declares the five switch columns of one table as a struct that is read, and saved, at once: the same five
/// columns exist in `organisation` (the defaults) and in `user_preferences`.
macro_rules! switches {
    ($name:ident, $table:ident) => {
        #[derive(Debug, Clone, Copy, Queryable, Selectable, AsChangeset)]
        #[diesel(table_name = $table)]
        struct $name {
            notify_requisition_closing: bool,
            notify_someone_applies: bool,
            notify_applies_daily: bool,
            notify_background_check: bool,
            notify_approval_steps: bool,
        }

        impl From<$name> for NotificationPreferences {
            fn from(row: $name) -> Self {
                NotificationPreferences {
                    requisition_closing: row.notify_requisition_closing,
                    someone_applies: row.notify_someone_applies,
                    applies_delivery: if row.notify_applies_daily {
                        AppliesDelivery::DailySummary
                    } else {
                        AppliesDelivery::Immediately
                    },
                    background_check_completed: row.notify_background_check,
                    approval_steps: row.notify_approval_steps,
                }
            }
        }

        impl From<&NotificationPreferences> for $name {
            fn from(preferences: &NotificationPreferences) -> Self {
                $name {
                    notify_requisition_closing: preferences.requisition_closing,
                    notify_someone_applies: preferences.someone_applies,
                    notify_applies_daily: preferences.applies_delivery == AppliesDelivery::DailySummary,
                    notify_background_check: preferences.background_check_completed,
                    notify_approval_steps: preferences.approval_steps,
                }
            }
        }
    };
}

switches!(OrganisationSwitches, organisation);
switches!(UserSwitches, user_preferences);

pub fn organisation_defaults(conn: &mut DbConn) -> CoreResult<NotificationPreferences> {
    Ok(organisation::table.find(1).select(OrganisationSwitches::as_select()).first(conn)?.into())
}

pub fn of_user(conn: &mut DbConn, user_id: i32) -> CoreResult<NotificationPreferences> {
    Ok(user_preferences::table.find(user_id).select(UserSwitches::as_select()).first(conn)?.into())
}

/// Gives a new user the organisation's defaults. Call inside the transaction that creates the user.
pub fn start_with_defaults(conn: &mut DbConn, user_id: i32) -> CoreResult<()> {
    let defaults = organisation_defaults(conn)?;
    diesel::update(user_preferences::table.find(user_id)).set(UserSwitches::from(&defaults)).execute(conn)?;
    Ok(())
}

/// The user's preferences, or (for an Administrator asking) the organisation's defaults.
pub fn get(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    organisation_defaults_wanted: bool,
) -> CoreResult<NotificationPreferences> {
    if organisation_defaults_wanted {
        signed_in.require_administrator()?;
        organisation_defaults(conn)
    } else {
        of_user(conn, signed_in.user.id)
    }
}

fn changes(old: &NotificationPreferences, new: &NotificationPreferences) -> Vec<FieldChange> {
    let on = |value: bool| if value { "On" } else { "Off" }.to_owned();
    let when = |delivery: AppliesDelivery| match delivery {
        AppliesDelivery::Immediately => "Immediately".to_owned(),
        AppliesDelivery::DailySummary => "Daily at 10:00 pm Eastern".to_owned(),
    };
    [
        ("A requisition is closing", on(old.requisition_closing), on(new.requisition_closing)),
        ("Someone applies", on(old.someone_applies), on(new.someone_applies)),
        ("Someone applies: when", when(old.applies_delivery), when(new.applies_delivery)),
        (
            "A Background Check form is completed",
            on(old.background_check_completed),
            on(new.background_check_completed),
        ),
        ("Each approval step I take part in", on(old.approval_steps), on(new.approval_steps)),
    ]
    .into_iter()
    .filter(|(_, old, new)| old != new)
    .map(|(field, old, new)| FieldChange { field: field.to_owned(), old, new })
    .collect()
}

/// Saves the user's preferences, or (Administrators) the organisation's defaults for new users.
pub fn save(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    organisation_defaults_wanted: bool,
    new: &NotificationPreferences,
    now: DateTime<Utc>,
) -> CoreResult<NotificationPreferences> {
    if organisation_defaults_wanted {
        signed_in.require_administrator()?;
    }
    crate::db::write(conn, |conn| {
        let old = get(conn, signed_in, organisation_defaults_wanted)?;
        let changes = changes(&old, new);
        if changes.is_empty() {
            return Ok(());
        }
        if organisation_defaults_wanted {
            diesel::update(organisation::table.find(1)).set(OrganisationSwitches::from(new)).execute(conn)?;
        } else {
            diesel::update(user_preferences::table.find(signed_in.user.id))
                .set(UserSwitches::from(new))
                .execute(conn)?;
        }
        let summary = if organisation_defaults_wanted {
            "Notification defaults changed"
        } else {
            "Notification preferences changed"
        };
        let mut entry = Entry::account(now, signed_in.user.actor(), HistoryKind::SettingsChanged, summary);
        entry.details = changes_details(&changes);
        history::record(conn, &entry)
    })?;
    get(conn, signed_in, organisation_defaults_wanted)
}

// The commands of Settings → Notifications, and of the organisation's defaults under Administration (for
// which `organisation_defaults` asks, and only an Administrator may).

impl Handle for NotificationPreferencesRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<NotificationPreferences> {
        get(cx.conn, &cx.user, self.organisation_defaults)
    }
}

impl Handle for SaveNotificationPreferencesRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<NotificationPreferences> {
        save(cx.conn, &cx.user, self.organisation_defaults, &self.preferences, cx.now)
    }
}

/// `hour`:00 Eastern Time today, and for a user on another clock the same instant on theirs:
/// "7:00 am Eastern Time, 4:00 am PST where you are".
pub fn notice_time(hour: u32, zone: UserZone, now: DateTime<Utc>) -> String {
    let instant = time::eastern(time::eastern_date(now), hour);
    let (eastern, local) = (time::to_local(instant, UserZone::default()), time::to_local(instant, zone));
    let said = format!("{} Eastern Time", clock(&eastern));
    // An Eastern user whose clock shows Eastern Time now needs it said once.
    if zone.zone == UsTimeZone::Eastern && local.offset == eastern.offset {
        return said;
    }
    format!("{said}, {} {} where you are", clock(&local), local.abbreviation)
}

/// "7:00 am", as the Notifications page writes a time.
fn clock(local: &time::LocalTime) -> String {
    local.wall.format("%-I:%M %P").to_string()
}

impl Handle for NoticeTimesRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<NoticeTimes> {
        Ok(NoticeTimes {
            requisition_closing: notice_time(time::CLOSING_HOUR, cx.zone, cx.now),
            daily_summary: notice_time(time::SUMMARY_HOUR, cx.zone, cx.now),
        })
    }
}
