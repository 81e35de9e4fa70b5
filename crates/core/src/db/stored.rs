//! Typed columns: every status and kind column maps to a Rust type through Diesel's `FromSql`/`ToSql`, and a
//! stored value this version does not know is an error ([`UnknownValue`]), never a default that something then
//! acts on.
//!
//! Two shapes, because of the orphan rule. An enum the core owns (`HistoryKind`, the offer's `Move`, the
//! notification kind, the disposition) derives `AsExpression`/`FromSqlRow` with `#[diesel(sql_type = Text)]`,
//! implements [`StoredName`] and gets its Diesel impls from [`text_column!`]. The enums of `hiredesk-wire`
//! (`Stage`, `OfferStatus`, `Role`, `UsTimeZone`, `EmailStatus`, `MailSecurity`) are foreign here, and so are
//! Diesel's traits, so the core cannot implement the one for the other. They implement the core's own
//! [`StoredName`] (below, the one place their stored names are listed) and travel through the small wrapper
//! [`Stored<T>`], which carries one pair of Diesel impls for all of them. A row keeps the wire type itself
//! (`#[diesel(deserialize_as = Stored<Stage>)]`, `serialize_as` on inserts), so the wrapper shows only in
//! filters and tuple selects. Mirroring each wire enum in the core would list every variant twice; the wrapper
//! lists each only where its stored name is given. The wire crate stays serde-only: it builds for wasm and
//! knows nothing of Diesel.
//!
//! Every impl is generic over the backend (`String: FromSql<Text, DB>`, `str: ToSql<Text, DB>`), so the same
//! code serves SQLite today and PostgreSQL, or a `MultiConnection` backend over both, later.
//!
//! Also here: [`Day`], a calendar date kept as `YYYY-MM-DD` text, and [`Count`], a number that cannot be
//! negative (policy counts, failed attempts).

use crate::error::UnknownValue;
use chrono::NaiveDate;
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{Integer, Text};
use hiredesk_wire::{EmailStatus, MailSecurity, NoticeTab, OfferStatus, Role, Stage, UsTimeZone};
use std::fmt::Debug;

/// A value stored in a TEXT column under a fixed name.
pub trait StoredName: Sized + Copy + Debug + 'static {
    /// What the column holds, in words, for the error: "offer status".
    const WHAT: &'static str;

    /// The name in the database.
    fn stored_name(self) -> &'static str;

    /// The value of a stored name, if this version knows it.
    fn from_stored_name(name: &str) -> Option<Self>;

    /// The value of a stored name, or the error that says what the database holds.
    fn decode(name: &str) -> Result<Self, UnknownValue> {
        Self::from_stored_name(name).ok_or_else(|| UnknownValue::new(Self::WHAT, name))
    }
}

/// Reads a [`StoredName`] from a TEXT column: the body of every `FromSql` impl here.
pub(crate) fn name_from_sql<T: StoredName, DB: Backend>(bytes: DB::RawValue<'_>) -> deserialize::Result<T>
where
    String: FromSql<Text, DB>,
{
    let name = String::from_sql(bytes)?;
    Ok(T::decode(&name)?)
}

/// Writes a [`StoredName`] as its name: the body of every `ToSql` impl here.
pub(crate) fn name_to_sql<'b, T: StoredName, DB: Backend>(value: T, out: &mut Output<'b, '_, DB>) -> serialize::Result
where
    str: ToSql<Text, DB>,
{
    value.stored_name().to_sql(out)
}

/// Diesel's `FromSql<Text>` and `ToSql<Text>` through [`StoredName`], for a type this crate owns; the type also
/// derives `AsExpression` and `FromSqlRow` with `#[diesel(sql_type = Text)]`.
macro_rules! text_column {
    ($type:ty) => {
        impl<DB: diesel::backend::Backend> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $type
        where
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                $crate::db::stored::name_from_sql::<Self, DB>(bytes)
            }
        }

        impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $type
        where
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                $crate::db::stored::name_to_sql(*self, out)
            }
        }
    };
}
pub(crate) use text_column;

/// A value of a `hiredesk-wire` enum in a TEXT column (see the module documentation for why it is wrapped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct Stored<T: StoredName>(pub T);

impl<T: StoredName, DB: Backend> FromSql<Text, DB> for Stored<T>
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        name_from_sql(bytes).map(Stored)
    }
}

impl<T: StoredName, DB: Backend> ToSql<Text, DB> for Stored<T>
where
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        name_to_sql(self.0, out)
    }
}

impl<T: StoredName> From<T> for Stored<T> {
    fn from(value: T) -> Self {
        Stored(value)
    }
}

/// The stored names of the wire's enums, and the conversion `deserialize_as` needs (one per type: a generic
/// `From<Stored<T>> for T` would put the foreign `T` first, which the orphan rule refuses).
macro_rules! wire_names {
    ($($type:ty, $what:literal: $($variant:path => $name:literal),+;)+) => {
        $(
            impl StoredName for $type {
                const WHAT: &'static str = $what;

                fn stored_name(self) -> &'static str {
                    match self { $($variant => $name),+ }
                }

                fn from_stored_name(name: &str) -> Option<Self> {
                    match name { $($name => Some($variant),)+ _ => None }
                }
            }

            impl From<Stored<$type>> for $type {
                fn from(stored: Stored<$type>) -> Self {
                    stored.0
                }
            }
        )+
    };
}

// The names are the ones the migrations' CHECK constraints list; a stage is stored as its label.
wire_names! {
    Role, "role":
        Role::Administrator => "Administrator", Role::Recruiter => "Recruiter";
    UsTimeZone, "time zone":
        UsTimeZone::Eastern => "Eastern", UsTimeZone::Central => "Central", UsTimeZone::Mountain => "Mountain",
        UsTimeZone::Arizona => "Arizona", UsTimeZone::Pacific => "Pacific", UsTimeZone::Alaska => "Alaska",
        UsTimeZone::Hawaii => "Hawaii";
    Stage, "application stage":
        Stage::New => "New", Stage::Screening => "Screening", Stage::Interview => "Interview",
        Stage::Offer => "Offer", Stage::Hired => "Hired", Stage::NotHired => "Not Hired";
    OfferStatus, "offer status":
        OfferStatus::Draft => "draft", OfferStatus::PendingApproval => "pending_approval",
        OfferStatus::Approved => "approved", OfferStatus::Sent => "sent", OfferStatus::Accepted => "accepted",
        OfferStatus::Declined => "declined", OfferStatus::Rescinded => "rescinded",
        OfferStatus::Expired => "expired";
    EmailStatus, "email status":
        EmailStatus::Queued => "queued", EmailStatus::Sent => "sent", EmailStatus::Failed => "failed";
    MailSecurity, "mail security":
        MailSecurity::StartTls => "starttls", MailSecurity::Tls => "tls", MailSecurity::None => "none";
    NoticeTab, "notice tab":
        NoticeTab::Profile => "profile", NoticeTab::Notes => "notes", NoticeTab::Offers => "offers";
}

/// A calendar date kept as `YYYY-MM-DD` text (a requisition's closing date, a task's due date, an offer's
/// expiry). Only read through Diesel: writers format a `NaiveDate` with [`Day::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, FromSqlRow)]
pub struct Day(pub NaiveDate);

impl Day {
    const FORMAT: &'static str = "%Y-%m-%d";

    /// The stored form of a date.
    pub fn text(date: NaiveDate) -> String {
        date.format(Self::FORMAT).to_string()
    }

    /// A stored date, or the error that says what the database holds.
    pub fn decode(text: &str) -> Result<Day, UnknownValue> {
        NaiveDate::parse_from_str(text, Self::FORMAT)
            .map(Day)
            .map_err(|_| UnknownValue::because("calendar date", text, "not a YYYY-MM-DD date"))
    }

    /// `MM/DD/YYYY`, as every screen shows a date.
    pub fn us(self) -> String {
        self.0.format("%m/%d/%Y").to_string()
    }
}

impl<DB: Backend> FromSql<Text, DB> for Day
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ok(Day::decode(&String::from_sql(bytes)?)?)
    }
}

/// A stored number that cannot be negative (a policy's counts, failed attempts). A negative one is refused as a
/// value this version does not know rather than read as zero, which would switch a rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, FromSqlRow)]
pub struct Count(pub u32);

impl<DB: Backend> FromSql<Integer, DB> for Count
where
    i32: FromSql<Integer, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let number = i32::from_sql(bytes)?;
        let count = u32::try_from(number)
            .map_err(|_| UnknownValue::because("count", number.to_string(), "it cannot be negative"))?;
        Ok(Count(count))
    }
}

impl From<Count> for u32 {
    fn from(count: Count) -> Self {
        count.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: StoredName + PartialEq>(all: &[T]) {
        let mut names = std::collections::HashSet::new();
        for value in all {
            assert!(names.insert(value.stored_name()), "{} twice", value.stored_name());
            assert_eq!(T::from_stored_name(value.stored_name()), Some(*value));
        }
        let unknown = T::decode("no such name").expect_err("unknown");
        assert_eq!(unknown, UnknownValue::new(T::WHAT, "no such name"));
    }

    #[test]
    fn every_wire_value_has_a_distinct_name_that_reads_back() {
        round_trips(&[Role::Administrator, Role::Recruiter]);
        round_trips(&UsTimeZone::ALL);
        round_trips(&Stage::ALL);
        round_trips(&OfferStatus::ALL);
        round_trips(&[EmailStatus::Queued, EmailStatus::Sent, EmailStatus::Failed]);
        round_trips(&[MailSecurity::StartTls, MailSecurity::Tls, MailSecurity::None]);
    }

    #[test]
    fn the_stored_names_are_the_wires_own_where_it_has_them() {
        // The wire names stages, zones, offer and email statuses for the UI; the database must agree with them.
        assert!(Stage::ALL.iter().all(|stage| stage.stored_name() == stage.label()));
        assert!(UsTimeZone::ALL.iter().all(|zone| zone.stored_name() == zone.label()));
        assert!(OfferStatus::ALL.iter().all(|status| status.stored_name() == status.as_str()));
        for status in [EmailStatus::Queued, EmailStatus::Sent, EmailStatus::Failed] {
            assert_eq!(status.stored_name(), status.as_str());
        }
        assert!([Role::Administrator, Role::Recruiter].iter().all(|role| role.stored_name() == role.label()));
    }

    #[test]
    fn days_are_strict_yyyy_mm_dd() {
        let day = Day::decode("2026-02-28").expect("a date");
        assert_eq!((Day::text(day.0), day.us()), ("2026-02-28".to_owned(), "02/28/2026".to_owned()));
        for bad in ["2026-02-30", "02/28/2026", "2026-2-28x", ""] {
            assert_eq!(Day::decode(bad).expect_err(bad).what, "calendar date");
        }
    }
}
