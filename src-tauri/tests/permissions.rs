//! Architecture invariant: every command is one row of the command table (`hiredesk_wire::for_each_command!`),
//! and what is built from the table agrees with it — the `Command` enum, the shell's handler list and its
//! adapters (generated for the core's rows, hand-written for the shell's), the generated permission manifest
//! (one `allow-` permission each) and the window capabilities, which are written by hand: the print window's
//! for the rows marked `print`, the main window's for every other. A command missing from any of them fails
//! here, and so does a permission a window is granted for something that is not one of our commands.

use hiredesk_wire::{Command, Handler, Window};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|error| panic!("{relative}: {error}"))
}

fn json(relative: &str) -> serde_json::Value {
    serde_json::from_str(&read(relative)).unwrap_or_else(|error| panic!("{relative}: {error}"))
}

fn commands() -> BTreeSet<String> {
    Command::ALL.iter().map(|command| command.name().to_owned()).collect()
}

fn of_window(window: Window) -> BTreeSet<String> {
    Command::ALL.iter().filter(|command| command.window() == window).map(|command| command.name().to_owned()).collect()
}

/// The permissions a capability file grants.
fn granted(capability: &serde_json::Value) -> BTreeSet<String> {
    capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .map(|permission| permission.as_str().expect("permissions are plain identifiers").to_owned())
        .collect()
}

fn permission_for(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

#[test]
fn the_shell_registers_the_table_and_handles_by_hand_exactly_the_shells_rows() {
    let lib = read("src-tauri/src/lib.rs");
    assert_eq!(lib.matches(".invoke_handler(").count(), 1, "one handler list");
    assert!(
        lib.contains(".invoke_handler(hiredesk_wire::for_each_command!(handlers))"),
        "the handler list is the table's: every row, and nothing else"
    );
    let commands = read("src-tauri/src/commands.rs");
    assert!(commands.contains("hiredesk_wire::for_each_command!(adapters);"), "every row gets a generated command");
    for file in ["src-tauri/src/commands.rs", "src-tauri/src/commands/shell.rs"] {
        assert!(!read(file).contains("\n#[tauri::command]"), "{file}: a command outside the table's macro");
    }
    // The shell's handlers: each `pub async fn` at the start of a line of `commands/shell.rs`.
    let hand_written: BTreeSet<String> = read("src-tauri/src/commands/shell.rs")
        .split("\npub async fn ")
        .skip(1)
        .filter_map(|rest| Some(rest[..rest.find('(')?].to_owned()))
        .collect();
    let shells: BTreeSet<String> = Command::ALL
        .iter()
        .filter(|command| command.handler() == Handler::Shell)
        .map(|command| command.name().to_owned())
        .collect();
    assert_eq!(hand_written, shells, "the shell's handlers are exactly the table's `shell` rows");
}

#[test]
fn the_main_window_is_granted_exactly_our_commands_but_the_print_windows() {
    let capability = json("src-tauri/capabilities/main-window.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]), "the capability is for the main window only");
    let expected: BTreeSet<String> = of_window(Window::Main).iter().map(|command| permission_for(command)).collect();
    assert_eq!(granted(&capability), expected, "the capability must grant each command once and nothing else");
}

#[test]
fn the_print_window_is_granted_its_own_commands_only() {
    let capability = json("src-tauri/capabilities/print-window.json");
    assert_eq!(capability["windows"], serde_json::json!(["print"]), "the capability is for the print window only");
    let expected: BTreeSet<String> = of_window(Window::Print).iter().map(|command| permission_for(command)).collect();
    assert_eq!(granted(&capability), expected);
    assert_eq!(of_window(Window::Print).len(), 4, "print_view, print_export and the export's progress and cancel");
}

#[test]
fn the_permission_manifest_has_an_allow_permission_for_every_command() {
    // Written by tauri-build (src-tauri/build.rs) when this package was built for the test.
    let manifests = json("gen/schemas/acl-manifests.json");
    let app = manifests["__app-acl__"]["permissions"].as_object().expect("the app's own permissions");
    for command in commands() {
        let permission = &app[&permission_for(&command)];
        assert_eq!(
            permission["commands"]["allow"],
            serde_json::json!([command]),
            "{} must allow exactly {command}",
            permission_for(&command)
        );
    }
    let app_commands: BTreeSet<String> =
        app.keys().filter_map(|key| key.strip_prefix("allow-")).map(|name| name.replace('-', "_")).collect();
    assert_eq!(app_commands, commands(), "the manifest lists a command that is not in hiredesk_wire::Command");
}

#[test]
fn the_content_security_policy_is_strict() {
    let config = json("tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self' 'wasm-unsafe-eval'", "no unsafe-eval, no inline scripts, no remote");
    assert_eq!(csp["style-src"], "'self'", "styles only from the stylesheet file");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["base-uri"], "'none'");
    for (directive, sources) in csp.as_object().expect("csp directives") {
        let sources = sources.as_str().unwrap_or_default();
        assert!(!sources.contains("unsafe-inline") && !sources.contains("'unsafe-eval'"), "{directive}: {sources}");
        assert!(
            sources.split_whitespace().all(|source| !source.starts_with("https:") && !source.starts_with("http://")
                || source == "http://ipc.localhost"),
            "{directive} names a remote origin: {sources}"
        );
    }
    assert_eq!(config["app"]["security"]["capabilities"], serde_json::json!(["main-window", "print-window"]));
}
