//! The one typed way to call the shell: `call(token, &request)` sends a request to its own command (named by
//! `hiredesk_wire::Rpc`) and decodes the answer as that command's response or as an `IpcError`.

use crate::perf;
use hiredesk_wire::{ErrorKind, IpcError, Rpc};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct Args<'a, R> {
    request: &'a R,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
}

/// Calls the command of `request`. `token` is the session's, for commands that need one.
pub async fn call<R: Rpc>(token: Option<&str>, request: &R) -> Result<R::Response, IpcError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Args { request, token: if R::NEEDS_SESSION { token } else { None } }
        .serialize(&serializer)
        .map_err(|error| internal(format!("The request could not be prepared: {error}")))?;
    perf::traced(R::COMMAND.name(), "asked");
    let answer = tauri_invoke(R::COMMAND.name(), args).await;
    perf::traced(R::COMMAND.name(), "answered");
    match answer {
        Ok(value) => {
            let decoded = serde_wasm_bindgen::from_value(value)
                .map_err(|error| internal(format!("The answer could not be read: {error}")));
            perf::traced(R::COMMAND.name(), "decoded");
            decoded
        }
        Err(value) => Err(serde_wasm_bindgen::from_value::<IpcError>(value.clone())
            .unwrap_or_else(|_| internal(value.as_string().unwrap_or_else(|| format!("{value:?}"))))),
    }
}

fn internal(message: String) -> IpcError {
    IpcError::new(ErrorKind::Internal, message)
}
