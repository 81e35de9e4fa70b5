//! How a request and its answer cross the desktop's IPC: in postcard, a compact binary form of serde's data
//! model, carried as one base64 string in the JSON Tauri's IPC sends.
//!
//! The UI is a wasm module, and every type it decodes costs code there. Decoding a JavaScript object field by
//! field (serde-wasm-bindgen) or JSON (serde_json) costs a decoder per type that matches field names and
//! tells every kind of value apart; postcard writes the fields in order without names, so a type's decoder
//! reads them one after the other and is a fraction of that. The team server is spoken to in JSON as before
//! (`hiredesk-client`): postcard is only the wire between the UI and its own shell, which are built together.
//!
//! Postcard cannot carry what serde can only tell apart by looking (`#[serde(untagged)]`, internally tagged
//! enums, `#[serde(flatten)]`, skipped fields); no type the UI exchanges uses them, which this module's tests
//! check in the crate's sources.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why a text is not an encoded value of the type asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

/// `value` as the IPC carries it.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> String {
    // Writing into a vector fails only for what postcard cannot carry (see the module documentation), which
    // no wire type is: a failure here is a programming error the tests catch.
    let bytes = postcard::to_allocvec(value).expect("a wire type postcard can carry");
    STANDARD.encode(bytes)
}

/// The value of type `T` that `text` encodes.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, DecodeError> {
    let bytes = STANDARD.decode(text).map_err(|error| DecodeError(format!("not base64: {error}")))?;
    postcard::from_bytes(&bytes).map_err(|error| DecodeError(error.to_string()))
}

/// A value that serde writes and reads as its [`encode`]d text: the shell's commands take their request and
/// give their answer in it, so Tauri's JSON holds one string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded<T>(pub T);

impl<T: Serialize> Serialize for Encoded<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode(&self.0))
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Encoded<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        decode(&text).map(Encoded).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + fmt::Debug>(value: T) {
        let text = encode(&value);
        assert_eq!(decode::<T>(&text).as_ref(), Ok(&value), "{text}");
        let json = serde_json::to_string(&Encoded(&value)).expect("json");
        assert_eq!(json, format!("\"{text}\""), "one JSON string");
    }

    #[test]
    fn answers_and_errors_travel_and_come_back_the_same() {
        let status = AppStatus { has_users: true, version: "0.1.0".into(), demo_accounts: Vec::new() };
        round_trip::<Result<AppStatus, IpcError>>(Ok(status));
        round_trip::<Result<(), IpcError>>(Err(IpcError::validation(vec![FieldError {
            field: "email".into(),
            message: "Enter an email address.".into(),
        }])));
        round_trip(DesktopMode::Team { address: "https://team.example:8443".into() });
        round_trip(DesktopMode::Solo);
        round_trip(vec![StartupMark { name: "wasm started".into(), at: 340.25 }]);
        round_trip::<Option<Vec<String>>>(Some(vec!["é".into(), String::new()]));
    }

    #[test]
    fn no_wire_type_asks_for_what_postcard_cannot_carry() {
        let sources = [
            ("about.rs", include_str!("about.rs")),
            ("account.rs", include_str!("account.rs")),
            ("admin.rs", include_str!("admin.rs")),
            ("error.rs", include_str!("error.rs")),
            ("intake.rs", include_str!("intake.rs")),
            ("job_seekers.rs", include_str!("job_seekers.rs")),
            ("joining.rs", include_str!("joining.rs")),
            ("mail.rs", include_str!("mail.rs")),
            ("notes.rs", include_str!("notes.rs")),
            ("offers.rs", include_str!("offers.rs")),
            ("print.rs", include_str!("print.rs")),
            ("questions.rs", include_str!("questions.rs")),
            ("search.rs", include_str!("search.rs")),
            ("settings.rs", include_str!("settings.rs")),
            ("team.rs", include_str!("team.rs")),
            ("time.rs", include_str!("time.rs")),
        ];
        let refused = ["untagged", "tag =", "content =", "flatten", "skip", "serde_json"];
        for (file, source) in sources {
            for line in source.lines().filter(|line| line.contains("#[serde(") || line.contains("serde_json")) {
                // The team server's watch (`WatchRequest`) is sent by the shell to the server in JSON only.
                if file == "team.rs" && line.trim() == "#[serde(flatten)]" {
                    continue;
                }
                assert!(!refused.iter().any(|word| line.contains(word)), "{file}: {line}");
            }
        }
        assert_eq!(include_str!("team.rs").matches("#[serde(flatten)]").count(), 1, "only the watch's cursor");
        // Every module of types is read: a new one must be added above.
        let modules = include_str!("lib.rs").lines().filter_map(|line| {
            line.strip_prefix("mod ").or_else(|| line.strip_prefix("pub mod ")).and_then(|rest| rest.strip_suffix(';'))
        });
        for module in modules.filter(|module| !["bytes", "command", "encoded"].contains(module)) {
            let file = format!("{module}.rs");
            assert!(sources.iter().any(|(read, _)| *read == file), "{file} is not read by this test");
        }
    }

    #[test]
    fn a_text_that_is_not_the_type_asked_for_is_refused() {
        assert!(decode::<AppStatus>("not base64!").is_err());
        assert!(decode::<IpcError>(&encode(&7u8)).is_err(), "too short for an error");
        assert!(serde_json::from_str::<Encoded<AppStatus>>("{}").is_err(), "an object is not the encoded text");
    }
}
