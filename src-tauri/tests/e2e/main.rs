//! End-to-end tests: the real app binary, driven through WebKitWebDriver under Xvfb and a private D-Bus
//! session (`cargo xtask test` sets all of that up). One file per feature.

mod harness;
mod sign_in;
