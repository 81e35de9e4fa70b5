//! The US time zones a user may choose, as the UI and the core both name them.

use serde::{Deserialize, Serialize};

/// The seven US time zones a user can choose (SPEC AC-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum UsTimeZone {
    #[default]
    Eastern,
    Central,
    Mountain,
    Arizona,
    Pacific,
    Alaska,
    Hawaii,
}

impl UsTimeZone {
    pub const ALL: [UsTimeZone; 7] = [
        UsTimeZone::Eastern,
        UsTimeZone::Central,
        UsTimeZone::Mountain,
        UsTimeZone::Arizona,
        UsTimeZone::Pacific,
        UsTimeZone::Alaska,
        UsTimeZone::Hawaii,
    ];

    /// The name shown to the user and stored in the database.
    pub const fn label(self) -> &'static str {
        match self {
            UsTimeZone::Eastern => "Eastern",
            UsTimeZone::Central => "Central",
            UsTimeZone::Mountain => "Mountain",
            UsTimeZone::Arizona => "Arizona",
            UsTimeZone::Pacific => "Pacific",
            UsTimeZone::Alaska => "Alaska",
            UsTimeZone::Hawaii => "Hawaii",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|zone| zone.label() == label)
    }
}
