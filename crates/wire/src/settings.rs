//! The signed-in user's own account: Contact Information and Settings (SPEC AC-2, AC-7, AC-9).

use crate::UsTimeZone;
use serde::{Deserialize, Serialize};

/// The choices for Records per Page (SPEC AC-7).
pub const RECORDS_PER_PAGE: [u16; 5] = [10, 20, 50, 100, 250];

/// The editable contact fields; the email is the account's identifier and is not among them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInformation {
    pub first_name: String,
    pub last_name: String,
    pub phone: String,
    pub extension: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetContactInformationRequest {}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveContactInformationRequest(pub ContactInformation);

/// Settings → General and Settings → Time Zone, saved together or apart: `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavePreferencesRequest {
    pub records_per_page: Option<u16>,
    pub time_zone: Option<UsTimeZone>,
    pub observe_daylight_saving: Option<bool>,
}

/// When "someone applies" notices arrive (the guide's two choices).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppliesDelivery {
    /// Immediately after the job seeker applies.
    #[default]
    Immediately,
    /// One summary of the day's new job seekers at 10:00 pm Eastern.
    DailySummary,
}

/// The four notices a user can switch on or off (SPEC AC-8); also the organisation's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPreferences {
    pub requisition_closing: bool,
    pub someone_applies: bool,
    pub applies_delivery: AppliesDelivery,
    pub background_check_completed: bool,
    pub approval_steps: bool,
}

/// When the organisation's timed notices go out, said for the signed-in user: they follow Eastern Time, and a
/// user elsewhere also reads the time on their own clock (Settings → Notifications).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeTimesRequest {}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeTimes {
    /// "7:00 am Eastern Time", or "7:00 am Eastern Time, 4:00 am PST where you are".
    pub requisition_closing: String,
    /// The same for the 10:00 pm summary of the day's new job seekers.
    pub daily_summary: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationPreferencesRequest {
    /// The organisation's defaults for new users (Administrators) instead of the user's own.
    pub organisation_defaults: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveNotificationPreferencesRequest {
    pub organisation_defaults: bool,
    pub preferences: NotificationPreferences,
}
