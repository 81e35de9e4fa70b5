//! Time: every instant is stored in UTC (milliseconds since the epoch) and shown in the signed-in user's
//! US time zone, with or without daylight saving (SPEC AC-9). [`render`] is the one function every screen,
//! export and email uses to turn an instant into text. [`eastern`] and [`eastern_date`] are the organisation's
//! clock: the notices and offer expiry that follow Eastern Time whatever the user's zone.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use hiredesk_wire::UsTimeZone;

/// The zone and daylight-saving choice of one user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UserZone {
    pub zone: UsTimeZone,
    pub observe_daylight_saving: bool,
}

impl Default for UserZone {
    /// Eastern with daylight saving: the default for new users.
    fn default() -> Self {
        Self { zone: UsTimeZone::Eastern, observe_daylight_saving: true }
    }
}

/// An instant as a wall clock in a user's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTime {
    pub wall: NaiveDateTime,
    pub offset: FixedOffset,
    /// The zone abbreviation in force (EST, EDT, MST, HST, …).
    pub abbreviation: String,
}

fn tz(zone: UsTimeZone) -> Tz {
    match zone {
        UsTimeZone::Eastern => chrono_tz::America::New_York,
        UsTimeZone::Central => chrono_tz::America::Chicago,
        UsTimeZone::Mountain => chrono_tz::America::Denver,
        UsTimeZone::Arizona => chrono_tz::America::Phoenix,
        UsTimeZone::Pacific => chrono_tz::America::Los_Angeles,
        UsTimeZone::Alaska => chrono_tz::America::Anchorage,
        UsTimeZone::Hawaii => chrono_tz::Pacific::Honolulu,
    }
}

/// The instant as the user's clock shows it. With daylight saving off, the zone's standard offset (and its
/// standard abbreviation) applies all year, as chrono-tz's rules give it for that instant.
pub fn to_local(instant: DateTime<Utc>, user: UserZone) -> LocalTime {
    let zone = tz(user.zone);
    let offset = zone.offset_from_utc_datetime(&instant.naive_utc());
    let fixed = in_force(&offset, user.observe_daylight_saving);
    let abbreviation = if user.observe_daylight_saving {
        offset.abbreviation().unwrap_or_default().to_owned()
    } else {
        standard_abbreviation(zone, instant)
    };
    LocalTime { wall: instant.with_timezone(&fixed).naive_local(), offset: fixed, abbreviation }
}

/// Only the wall clock of [`to_local`]: no abbreviation, so nothing is allocated (exports call this once
/// per row).
pub fn wall_clock(instant: DateTime<Utc>, user: UserZone) -> NaiveDateTime {
    let offset = tz(user.zone).offset_from_utc_datetime(&instant.naive_utc());
    instant.with_timezone(&in_force(&offset, user.observe_daylight_saving)).naive_local()
}

/// The offset the user's clock follows: the zone's, or its standard offset all year without daylight saving.
fn in_force(offset: &<Tz as TimeZone>::Offset, observe_daylight_saving: bool) -> FixedOffset {
    if observe_daylight_saving {
        offset.fix()
    } else {
        FixedOffset::east_opt(i32::try_from(offset.base_utc_offset().num_seconds()).unwrap_or(0))
            .unwrap_or_else(|| offset.fix())
    }
}

/// The abbreviation of the zone's standard time: the one in force at an instant without daylight saving.
/// All seven zones are northern, so the first of January of the instant's year is in standard time.
fn standard_abbreviation(zone: Tz, instant: DateTime<Utc>) -> String {
    let year = instant.with_timezone(&zone).format("%Y").to_string().parse().unwrap_or(2000);
    let january = NaiveDate::from_ymd_opt(year, 1, 15).and_then(|date| date.and_hms_opt(12, 0, 0)).unwrap_or_default();
    zone.offset_from_utc_datetime(&january).abbreviation().unwrap_or_default().to_owned()
}

/// The one way an instant is written for a user: `11/23/2026 12:07 PM EST`.
pub fn render(instant: DateTime<Utc>, user: UserZone) -> String {
    let local = to_local(instant, user);
    format!("{} {}", local.wall.format("%m/%d/%Y %I:%M %p"), local.abbreviation)
}

/// The first instant of `date` on the user's clock (midnight, which no daylight-saving change skips: US
/// changes happen at 02:00).
pub fn start_of_day(date: NaiveDate, user: UserZone) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    let zone = tz(user.zone);
    let offset = zone
        .offset_from_local_datetime(&midnight)
        .earliest()
        .unwrap_or_else(|| zone.offset_from_utc_datetime(&midnight));
    let fixed = in_force(&offset, user.observe_daylight_saving);
    fixed
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| Utc.from_utc_datetime(&midnight), |local| local.with_timezone(&Utc))
}

/// Milliseconds since the epoch, as stored.
pub fn to_millis(instant: DateTime<Utc>) -> i64 {
    instant.timestamp_millis()
}

/// The stored form back to an instant; out-of-range values (which no code writes) clamp to the epoch.
pub fn from_millis(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

// The organisation's clock. Notices about requisitions and the daily summary follow Eastern Time whatever
// the user's own zone (SPEC AC-8), and so does the expiry of offers (SPEC OF-10).

/// The hour (Eastern Time) of the "a requisition is closing" notices.
pub const CLOSING_HOUR: u32 = 7;
/// The hour (Eastern Time) of the daily summary of new job seekers.
pub const SUMMARY_HOUR: u32 = 22;

/// The instant of `hour`:00 Eastern Time (America/New_York, with its real daylight-saving rules) on `date`.
pub fn eastern(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let wall = date.and_hms_opt(hour, 0, 0).unwrap_or_default();
    // 07:00 and 22:00 are never skipped or repeated by a daylight-saving change (those happen at 02:00).
    chrono_tz::America::New_York
        .from_local_datetime(&wall)
        .earliest()
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&wall))
}

/// The Eastern calendar date of an instant.
pub fn eastern_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&chrono_tz::America::New_York).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("test instant").with_timezone(&Utc)
    }

    const JANUARY: &str = "2026-01-15T17:00:00Z";
    const JULY: &str = "2026-07-15T17:00:00Z";

    /// (zone, January with DST on, July with DST on, January with DST off, July with DST off)
    const EXPECTED: [(UsTimeZone, &str, &str, &str, &str); 7] = [
        (
            UsTimeZone::Eastern,
            "01/15/2026 12:00 PM EST",
            "07/15/2026 01:00 PM EDT",
            "01/15/2026 12:00 PM EST",
            "07/15/2026 12:00 PM EST",
        ),
        (
            UsTimeZone::Central,
            "01/15/2026 11:00 AM CST",
            "07/15/2026 12:00 PM CDT",
            "01/15/2026 11:00 AM CST",
            "07/15/2026 11:00 AM CST",
        ),
        (
            UsTimeZone::Mountain,
            "01/15/2026 10:00 AM MST",
            "07/15/2026 11:00 AM MDT",
            "01/15/2026 10:00 AM MST",
            "07/15/2026 10:00 AM MST",
        ),
        (
            UsTimeZone::Arizona,
            "01/15/2026 10:00 AM MST",
            "07/15/2026 10:00 AM MST",
            "01/15/2026 10:00 AM MST",
            "07/15/2026 10:00 AM MST",
        ),
        (
            UsTimeZone::Pacific,
            "01/15/2026 09:00 AM PST",
            "07/15/2026 10:00 AM PDT",
            "01/15/2026 09:00 AM PST",
            "07/15/2026 09:00 AM PST",
        ),
        (
            UsTimeZone::Alaska,
            "01/15/2026 08:00 AM AKST",
            "07/15/2026 09:00 AM AKDT",
            "01/15/2026 08:00 AM AKST",
            "07/15/2026 08:00 AM AKST",
        ),
        (
            UsTimeZone::Hawaii,
            "01/15/2026 07:00 AM HST",
            "07/15/2026 07:00 AM HST",
            "01/15/2026 07:00 AM HST",
            "07/15/2026 07:00 AM HST",
        ),
    ];

    #[test]
    fn every_zone_in_january_and_july_with_and_without_daylight_saving() {
        for (zone, jan_dst, jul_dst, jan_std, jul_std) in EXPECTED {
            let on = UserZone { zone, observe_daylight_saving: true };
            let off = UserZone { zone, observe_daylight_saving: false };
            assert_eq!(render(instant(JANUARY), on), jan_dst, "{zone:?} January, DST on");
            assert_eq!(render(instant(JULY), on), jul_dst, "{zone:?} July, DST on");
            assert_eq!(render(instant(JANUARY), off), jan_std, "{zone:?} January, DST off");
            assert_eq!(render(instant(JULY), off), jul_std, "{zone:?} July, DST off");
        }
    }

    #[test]
    fn the_switch_happens_on_the_real_date() {
        let eastern = UserZone::default();
        // 2026: daylight saving starts on 8 March at 02:00 local (07:00 UTC).
        assert!(render(instant("2026-03-08T06:59:00Z"), eastern).ends_with("EST"));
        assert!(render(instant("2026-03-08T07:00:00Z"), eastern).ends_with("EDT"));
    }

    #[test]
    fn the_wall_clock_alone_is_to_locals_wall() {
        for (zone, ..) in EXPECTED {
            for observe_daylight_saving in [true, false] {
                let user = UserZone { zone, observe_daylight_saving };
                for text in [JANUARY, JULY, "2026-03-08T06:59:00Z", "2026-03-08T07:00:00Z", "2026-11-01T05:30:00Z"] {
                    assert_eq!(wall_clock(instant(text), user), to_local(instant(text), user).wall, "{user:?} {text}");
                }
            }
        }
    }

    #[test]
    fn millis_round_trip() {
        let now = instant("2026-11-23T17:07:00.123Z");
        assert_eq!(from_millis(to_millis(now)), now);
    }
}
