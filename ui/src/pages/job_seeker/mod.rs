//! One job seeker: the detail page (Previous/Next and the tabs) and each tab in a file of its own.

mod communication;
mod detail;
mod export;
mod forms;
mod history;
mod notes;
mod offers;
mod profile;

pub use detail::JobSeekerPage;
pub use export::{ExportButton, ExportWhat};
pub use history::{history_row, HISTORY_COLUMNS};
