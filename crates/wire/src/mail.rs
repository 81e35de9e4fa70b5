//! Outgoing mail settings (SPEC CO-2), kept by an Administrator.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailSecurity {
    /// Plain connection upgraded with STARTTLS (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or network.
    None,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    pub username: String,
    /// Write-only: answers carry an empty string; an empty string on save keeps the stored password.
    pub password: String,
    /// The From address, e.g. `Northwind Recruiting <recruiting@northwind.example>`.
    pub sender: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettingsRequest {}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveMailSettingsRequest(pub MailSettings);
