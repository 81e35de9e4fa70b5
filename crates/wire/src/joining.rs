//! Choosing how a desktop works, at its first start: on this computer (solo), or with a team's server; and,
//! in team mode, whether the server answers. These are the shell's own rows of the command table: the
//! answers come from the data folder and the team server's client, not from a core.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesktopModeRequest {}

/// How this desktop works now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DesktopMode {
    /// On this computer, with its own database in the data folder.
    Solo,
    /// With the team server at `address` (`https://host:port`).
    Team { address: String },
}

/// Reads the certificate fingerprint of a team's server before it is trusted, for the user to compare with
/// the one the server's administrator gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeTeamServerRequest {
    /// As the user typed it: `host:port` or `https://host:port`.
    pub address: String,
}

/// A team's server that answered, not trusted yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamServerFound {
    /// The address as it will be kept: `https://host:port`.
    pub address: String,
    /// The SHA-256 of its certificate, `AB:CD:…` (95 characters).
    pub fingerprint: String,
}

/// Joins the server whose fingerprint the user confirmed: from now on this desktop works with it. Refused
/// when the server now shows another certificate, or speaks another version of the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinTeamServerRequest {
    pub address: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamStatusRequest {}

/// In team mode, what the UI shows about the server; the UI asks every few seconds and the shell answers from
/// what it already knows (no network).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamStatus {
    /// Why the team server did not answer the last call, until a call is answered again: the banner.
    pub unreachable: Option<String>,
    /// How many times the server's watch said something changed on any desktop since this one started: when
    /// it grows, the pages that show shared state (Home, its To-Do list and approvals) reload.
    #[serde(default)]
    pub changes: u64,
}
