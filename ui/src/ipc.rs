//! The one typed way to call the shell: `call(token, &request)` sends a request to its own command (named by
//! `hiredesk_wire::Rpc`) and decodes the answer as that command's response or as an `IpcError`. Each travels
//! in `hiredesk_wire::encoded`'s form, as one string.
//!
//! Only the encoding and [`decode`] are generic: the call itself ([`invoke`]) is one function for every
//! command, so each command costs the wasm its own types' code and little more.

use crate::perf;
use hiredesk_wire::{encoded, ErrorKind, IpcError, Rpc};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Calls the command of `request`. `token` is the session's, for commands that need one.
pub async fn call<R: Rpc>(token: Option<&str>, request: &R) -> Result<R::Response, IpcError> {
    let name = R::COMMAND.name();
    let answer = invoke(name, token.filter(|_| R::NEEDS_SESSION), &encoded::encode(request)).await?;
    let decoded = decode(&answer);
    perf::traced(name, "decoded");
    decoded
}

/// An encoded answer as a `T`.
pub fn decode<T: DeserializeOwned>(answer: &str) -> Result<T, IpcError> {
    encoded::decode(answer).map_err(|error| internal(format!("The answer could not be read: {error}")))
}

/// Invokes `command` with an encoded request; its encoded answer, or its error.
pub async fn invoke(command: &str, token: Option<&str>, request: &str) -> Result<String, IpcError> {
    let args = js_sys::Object::new();
    let set = |key: &str, value: &str| js_sys::Reflect::set(&args, &key.into(), &value.into());
    set("request", request)
        .and_then(|_| token.map_or(Ok(true), |token| set("token", token)))
        .map_err(|_| internal("The request could not be prepared.".to_owned()))?;
    perf::traced(command, "asked");
    let answer = match early_answer(command, token, request) {
        Some(asked) => wasm_bindgen_futures::JsFuture::from(asked).await,
        None => tauri_invoke(command, args.into()).await,
    };
    perf::traced(command, "answered");
    match answer {
        Ok(value) => value.as_string().ok_or_else(|| internal("The answer could not be read: it is not text.".into())),
        // The command's own error, encoded; or Tauri's refusal in words (a command this window is not granted,
        // an argument missing), which is not.
        Err(value) => {
            let text = value.as_string().unwrap_or_else(|| format!("{value:?}"));
            Err(encoded::decode(&text).unwrap_or_else(|_| internal(text)))
        }
    }
}

/// The answer `ui/static/main.js` asked for before the wasm was fetched, if it asked `command` with this
/// request and without a session: taken once, so every later call asks the shell again.
fn early_answer(command: &str, token: Option<&str>, request: &str) -> Option<js_sys::Promise> {
    const EARLY: &str = "__hiredeskEarly";
    let global = js_sys::global();
    let early = js_sys::Reflect::get(&global, &EARLY.into()).ok().filter(JsValue::is_object)?;
    let text = |key: &str| js_sys::Reflect::get(&early, &key.into()).ok().and_then(|value| value.as_string());
    if token.is_some() || text("command")?.as_str() != command || text("request")?.as_str() != request {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(&global, &EARLY.into());
    js_sys::Reflect::get(&early, &"answer".into()).ok()?.dyn_into().ok()
}

fn internal(message: String) -> IpcError {
    IpcError::new(ErrorKind::Internal, message)
}
