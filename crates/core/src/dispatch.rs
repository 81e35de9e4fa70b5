//! Routing a command by its name: [`Hiredesk::dispatch`] takes a command of the table
//! (`hiredesk_wire::for_each_command!`), its session token and its request as JSON, and answers with the
//! response as JSON. It is generated from the table, so a `core` row without a handler does not compile. The
//! desktop's shell calls the typed [`Hiredesk::call`] instead; this is the route for a process that receives
//! commands as bytes (the team server).

use crate::command::{Handle, HandlePublic};
use crate::desk::Hiredesk;
use crate::error::{CoreError, CoreResult};
use hiredesk_wire::{Command, ErrorKind, Handler};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One `if` per row: a `core` row routes to its handler, a `shell` row is not the core's to answer.
macro_rules! route {
    ($desk:ident, $command:ident, $token:ident, $body:ident: $variant:ident($request:ty) session core) => {
        if $command == Command::$variant {
            return $desk.route_session::<$request>($token, $body);
        }
    };
    ($desk:ident, $command:ident, $token:ident, $body:ident: $variant:ident($request:ty) public core) => {
        if $command == Command::$variant {
            return $desk.route_public::<$request>($body);
        }
    };
    ($desk:ident, $command:ident, $token:ident, $body:ident: $variant:ident($request:ty) $caller:ident shell) => {};
}

/// The `dispatch` method, from the table.
macro_rules! define_dispatch {
    ($(
        $name:ident: $variant:ident($request:ty) -> $response:ty [$window:ident, $caller:ident, $handler:ident];
    )+) => {
        impl Hiredesk {
            /// Runs `command` with `request` (its request type as JSON) and `token` (the session's, for a
            /// command that needs one), and answers with its response as JSON.
            pub fn dispatch(&self, command: Command, token: Option<&str>, request: &[u8]) -> CoreResult<Vec<u8>> {
                $( route!(self, command, token, request: $variant($request) $caller $handler); )+
                debug_assert_eq!(command.handler(), Handler::Shell);
                Err(CoreError::user(
                    ErrorKind::NotFound,
                    format!("The command {} is answered by the desktop app, not here.", command.name()),
                ))
            }
        }
    };
}

mod table {
    //! The table's expansion, where every request and response type is in scope.
    use super::*;
    use hiredesk_wire::*;

    hiredesk_wire::for_each_command!(define_dispatch);
}

impl Hiredesk {
    fn route_session<R>(&self, token: Option<&str>, body: &[u8]) -> CoreResult<Vec<u8>>
    where
        R: Handle + DeserializeOwned,
        R::Response: Serialize,
    {
        let Some(token) = token else { return Err(CoreError::session_expired()) };
        encode(&self.call(token, &decode::<R>(body)?)?)
    }

    fn route_public<R>(&self, body: &[u8]) -> CoreResult<Vec<u8>>
    where
        R: HandlePublic + DeserializeOwned,
        R::Response: Serialize,
    {
        encode(&self.call_public(&decode::<R>(body)?)?)
    }
}

fn decode<R: DeserializeOwned>(body: &[u8]) -> CoreResult<R> {
    serde_json::from_slice(body)
        .map_err(|error| CoreError::user(ErrorKind::Validation, format!("The request could not be read: {error}")))
}

fn encode<T: Serialize>(response: &T) -> CoreResult<Vec<u8>> {
    serde_json::to_vec(response).map_err(|error| CoreError::Encoding(error.to_string()))
}
