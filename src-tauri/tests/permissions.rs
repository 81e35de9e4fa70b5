//! Architecture invariant: every command exists four times and the four agree — in `hiredesk_wire::Command`,
//! in the shell's `generate_handler!` list, in the generated permission manifest (one `allow-` permission
//! each) and in a window's capability: the print window's (`Command::PRINT_WINDOW`) or else the main
//! window's. A command missing from any of them fails here, and so does a
//! permission the window is granted for something that is not one of our commands.

use hiredesk_wire::Command;
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

fn names(commands: &[Command]) -> BTreeSet<String> {
    commands.iter().map(|command| command.name().to_owned()).collect()
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
fn every_command_has_a_handler_and_every_handler_is_a_command() {
    let source = read("src-tauri/src/lib.rs");
    let start = source.find("generate_handler![").expect("lib.rs registers its commands with generate_handler!");
    let list = &source[start + "generate_handler![".len()..];
    let list = &list[..list.find(']').expect("the handler list ends")];
    let handlers: BTreeSet<String> = list
        .split(',')
        .map(|entry| entry.trim().rsplit("::").next().unwrap_or_default().to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    assert_eq!(handlers, commands(), "generate_handler! and hiredesk_wire::Command differ");
}

#[test]
fn the_main_window_is_granted_exactly_our_commands_but_the_print_windows() {
    let capability = json("src-tauri/capabilities/main-window.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]), "the capability is for the main window only");
    let main: BTreeSet<String> = commands().difference(&names(Command::PRINT_WINDOW)).cloned().collect();
    let expected: BTreeSet<String> = main.iter().map(|command| permission_for(command)).collect();
    assert_eq!(granted(&capability), expected, "the capability must grant each command once and nothing else");
}

#[test]
fn the_print_window_is_granted_its_own_commands_only() {
    let capability = json("src-tauri/capabilities/print-window.json");
    assert_eq!(capability["windows"], serde_json::json!(["print"]), "the capability is for the print window only");
    let expected: BTreeSet<String> =
        names(Command::PRINT_WINDOW).iter().map(|command| permission_for(command)).collect();
    assert_eq!(granted(&capability), expected);
    assert_eq!(Command::PRINT_WINDOW.len(), 4, "print_view, print_export and the export's progress and cancel");
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
