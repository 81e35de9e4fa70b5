//! One job seeker: the detail page (Previous/Next and the tabs) and each tab in a file of its own.

mod communication;
mod detail;
pub mod export;
mod forms;
pub mod history;
mod notes;
mod offers;
mod profile;

pub use detail::JobSeekerPage;
pub use notes::NoteDraft;
