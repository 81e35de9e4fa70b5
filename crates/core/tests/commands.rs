//! The command path: the one dispatcher every command goes through, by type (as the shell calls it) and by
//! name with JSON (as a process that receives commands as bytes will), and the workers it wakes.

use crate::common;

use common::TestDesk;
use hiredesk_core::demo;
use hiredesk_wire::{Command, CreateUserRequest, ErrorKind, Role, SignedIn, TodoItem};

const ADMIN: &str = "dana.whitfield@northwind.example";

#[test]
fn creating_a_user_wakes_the_mail_worker_for_the_temporary_password() {
    let test = TestDesk::new(true);
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    test.desk.mail_signal().take();
    let request = CreateUserRequest {
        email: "nora.quinn@northwind.example".into(),
        first_name: "Nora".into(),
        last_name: "Quinn".into(),
        role: Role::Recruiter,
    };
    test.desk.call(&admin, &request).expect("create");
    assert!(test.desk.mail_signal().take(), "the temporary password's email is delivered at once");
    assert!(!test.desk.notices_signal().take(), "nothing for the notices");
}

#[test]
fn a_failed_command_wakes_nobody() {
    let test = TestDesk::new(true);
    let admin = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);
    test.desk.mail_signal().take();
    let request = CreateUserRequest {
        email: "not an email".into(),
        first_name: "Nora".into(),
        last_name: "Quinn".into(),
        role: Role::Recruiter,
    };
    test.desk.call(&admin, &request).expect_err("refused");
    assert!(!test.desk.mail_signal().take());
}

#[test]
fn a_command_routed_by_name_answers_as_the_typed_call_does() {
    let test = TestDesk::new(true);
    let token = test.first_sign_in(ADMIN, demo::ADMINISTRATOR_PASSWORD);

    let body = serde_json::json!({ "email": ADMIN, "password": "copper lantern meadow fifty" }).to_string();
    let answer = test.desk.dispatch(Command::SignIn, None, body.as_bytes()).expect("sign in by name");
    let signed_in: SignedIn = serde_json::from_slice(&answer).expect("a SignedIn");
    assert_eq!(signed_in.user.email, ADMIN);

    let answer = test.desk.dispatch(Command::Todo, Some(&token), b"{}").expect("the To-Do list by name");
    let _: Vec<TodoItem> = serde_json::from_slice(&answer).expect("a list of tasks");

    let refused = test.desk.dispatch(Command::Todo, None, b"{}").expect_err("no session");
    assert_eq!(refused.kind(), ErrorKind::SessionExpired);
    let refused = test.desk.dispatch(Command::Todo, Some("not a token"), b"{}").expect_err("a wrong session");
    assert_eq!(refused.kind(), ErrorKind::SessionExpired);
    let refused = test.desk.dispatch(Command::SignIn, None, b"{\"email\": 3}").expect_err("malformed");
    assert_eq!(refused.kind(), ErrorKind::Validation);
    let refused = test.desk.dispatch(Command::ExportHistory, Some(&token), b"{}").expect_err("the shell's own");
    assert_eq!(refused.kind(), ErrorKind::NotFound);
}

#[test]
fn an_administrators_command_is_checked_by_the_dispatcher_by_name_too() {
    let test = TestDesk::new(true);
    let recruiter = test.first_sign_in("maria.alvarez@northwind.example", demo::RECRUITER_PASSWORD);
    let refused = test.desk.dispatch(Command::ListUsers, Some(&recruiter), b"{}").expect_err("not an administrator");
    assert_eq!(refused.kind(), ErrorKind::Forbidden);
}
