//! The commands of the screens before anyone signs in for the first time (SPEC DT-1): whether the installation
//! has users yet (and, on a demo database, its accounts), creating the first Administrator, and Load Demo
//! Data. The rules are in `accounts::new_accounts` and `demo`; this module only answers their commands.

use crate::accounts::new_accounts::{any_exist, create_first_administrator};
use crate::command::{HandlePublic, PublicContext};
use crate::demo;
use crate::error::CoreResult;
use hiredesk_wire::{AppStatus, AppStatusRequest, CreateFirstAdministratorRequest, DemoAccount, LoadDemoDataRequest};

impl HandlePublic for AppStatusRequest {
    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<AppStatus> {
        Ok(AppStatus {
            has_users: any_exist(cx.conn)?,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            demo_accounts: if cx.demo { demo::accounts() } else { Vec::new() },
        })
    }
}

impl HandlePublic for CreateFirstAdministratorRequest {
    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<()> {
        create_first_administrator(cx.conn, self, cx.now)
    }
}

impl HandlePublic for LoadDemoDataRequest {
    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<Vec<DemoAccount>> {
        demo::load(cx.conn, cx.now)
    }
}
