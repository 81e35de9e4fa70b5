//! The commands the UI invokes, all from the command table (`hiredesk_wire::for_each_command!`), each one
//! generated Tauri command.
//!
//! A command takes its request and gives its answer or its typed error in `hiredesk_wire::encoded`'s form,
//! one string each way; the decoding and encoding happen here, once for every row. A `core` row hands the
//! request (and the session token, for a `session` row) to [`AppState::answer`], which sends it to the team
//! server in team mode or runs it on the local core on a worker thread. A `shell` row hands it to its handler
//! in [`shell`], written by hand.

mod shell;

use crate::state::AppState;
use hiredesk_wire::encoded::Encoded;
use hiredesk_wire::*;
use tauri::State;

type Answer<T> = Result<T, IpcError>;

/// What a command gives Tauri: the answer, or the error, encoded.
type Given<T> = Result<Encoded<T>, Encoded<IpcError>>;

fn given<T>(answer: Answer<T>) -> Given<T> {
    answer.map(Encoded).map_err(Encoded)
}

/// What the shell's handlers may use besides their request: the app, the window that called and the state.
pub struct Shell<'a> {
    app: tauri::AppHandle,
    window: tauri::Window,
    state: State<'a, AppState>,
}

/// The Tauri command of one row. Two core rows do more in team mode: a new note is kept on this computer
/// while the server cannot be reached, and the To-Do list falls back to the last copy.
macro_rules! adapter {
    (save_note: $request:ty => $response:ty, session core) => {
        #[tauri::command]
        pub async fn save_note(
            state: State<'_, AppState>,
            token: String,
            request: Encoded<$request>,
        ) -> Given<$response> {
            given(state.save_note(token, request.0).await)
        }
    };
    (todo: $request:ty => $response:ty, session core) => {
        #[tauri::command]
        pub async fn todo(state: State<'_, AppState>, token: String, request: Encoded<$request>) -> Given<$response> {
            given(state.todo(token, request.0).await)
        }
    };
    ($name:ident: $request:ty => $response:ty, session core) => {
        #[tauri::command]
        pub async fn $name(state: State<'_, AppState>, token: String, request: Encoded<$request>) -> Given<$response> {
            given(state.answer(token, request.0).await)
        }
    };
    ($name:ident: $request:ty => $response:ty, public core) => {
        #[tauri::command]
        pub async fn $name(state: State<'_, AppState>, request: Encoded<$request>) -> Given<$response> {
            given(state.answer_public(request.0).await)
        }
    };
    ($name:ident: $request:ty => $response:ty, session shell) => {
        #[tauri::command]
        pub async fn $name(
            app: tauri::AppHandle,
            window: tauri::Window,
            state: State<'_, AppState>,
            token: String,
            request: Encoded<$request>,
        ) -> Given<$response> {
            given(shell::$name(Shell { app, window, state }, token, request.0).await)
        }
    };
    ($name:ident: $request:ty => $response:ty, public shell) => {
        #[tauri::command]
        pub async fn $name(
            app: tauri::AppHandle,
            window: tauri::Window,
            state: State<'_, AppState>,
            request: Encoded<$request>,
        ) -> Given<$response> {
            given(shell::$name(Shell { app, window, state }, request.0).await)
        }
    };
}

/// Every row's adapter.
macro_rules! adapters {
    ($(
        $name:ident: $variant:ident($request:ty) -> $response:ty [$window:ident, $caller:ident, $handler:ident];
    )+) => {
        $( adapter!($name: $request => $response, $caller $handler); )+
    };
}

hiredesk_wire::for_each_command!(adapters);
