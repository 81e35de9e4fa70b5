//! Custom hooks: running commands (`command`), moving the focus (`focus`), the idle timeout, the polling for
//! clicked notifications and for the team server's banner, and the start-up benchmark's ready report.

pub mod command;
pub mod focus;
pub mod idle;
pub mod notification_click;
pub mod ready;
pub mod team_status;
