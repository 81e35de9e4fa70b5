//! Administration: users and the security policy, refused to anyone but an Administrator.

use crate::common;

use chrono::Duration;
use common::TestDesk;
use hiredesk_core::{demo, CoreError};
use hiredesk_wire::{
    ChangePasswordRequest, CreateUserRequest, CurrentUserRequest, ErrorKind, ListUsersRequest, ResetPasswordRequest,
    Role, SaveSecurityPolicyRequest, SecurityPolicy, SecurityPolicyRequest, SetUserActiveRequest, SignInRequest,
    UnlockUserRequest,
};

const ADMIN: &str = "dana.whitfield@northwind.example";
const RECRUITER: &str = "maria.alvarez@northwind.example";

fn sign_in(test: &TestDesk, email: &str, password: &str) -> Result<hiredesk_wire::SignedIn, CoreError> {
    test.call_public(&SignInRequest { email: email.into(), password: password.into() })
}

/// A demo user signed in with their initial password changed to `new`.
fn ready(test: &TestDesk, email: &str, initial: &str, new: &str) -> String {
    let token = sign_in(test, email, initial).expect("sign in").token;
    let change =
        ChangePasswordRequest { old_password: initial.into(), new_password: new.into(), confirm_password: new.into() };
    test.call(&token, &change).expect("change");
    token
}

fn policy(min_length: u32, require_symbol: bool) -> SecurityPolicy {
    SecurityPolicy {
        min_length,
        require_symbol,
        idle_minutes: 20,
        question_recovery: true,
        ..SecurityPolicy::default()
    }
}

#[test]
fn every_administrative_command_is_refused_to_a_recruiter() {
    let test = TestDesk::new(true);
    let token = ready(&test, RECRUITER, demo::RECRUITER_PASSWORD, "copper lantern meadow fifty");
    let forbidden =
        |result: Result<(), CoreError>| assert_eq!(result.expect_err("refused").kind(), ErrorKind::Forbidden);
    forbidden(test.call(&token, &ListUsersRequest {}).map(drop));
    let create = CreateUserRequest {
        email: "x@northwind.example".into(),
        first_name: "X".into(),
        last_name: "Y".into(),
        role: Role::Administrator,
    };
    forbidden(test.call(&token, &create).map(drop));
    forbidden(test.call(&token, &ResetPasswordRequest { user_id: 1 }).map(drop));
    forbidden(test.call(&token, &SetUserActiveRequest { user_id: 1, active: false }).map(drop));
    forbidden(test.call(&token, &UnlockUserRequest { user_id: 1 }).map(drop));
    forbidden(test.call(&token, &SecurityPolicyRequest {}).map(drop));
    forbidden(test.call(&token, &SaveSecurityPolicyRequest(policy(16, true))).map(drop));
}

#[test]
fn a_created_user_signs_in_with_the_temporary_password_and_must_change_it() {
    let test = TestDesk::new(true);
    let admin = ready(&test, ADMIN, demo::ADMINISTRATOR_PASSWORD, "velvet kettle orbit nineteen");
    let request = CreateUserRequest {
        email: " Nora.Quinn@Northwind.example".into(),
        first_name: "Nora".into(),
        last_name: "Quinn".into(),
        role: Role::Recruiter,
    };
    let temporary = test.call(&admin, &request).expect("create");
    assert_eq!(temporary.email, "nora.quinn@northwind.example");
    let again = test.call(&admin, &request).expect_err("twice");
    let CoreError::User(error) = again else { panic!("a field error") };
    assert!(error.field("email").is_some_and(|message| message.starts_with("A user with this email already exists")));

    let signed_in = sign_in(&test, "nora.quinn@northwind.example", &temporary.password).expect("temporary works");
    assert!(signed_in.must_change_password);
    assert!(test
        .call(&admin, &ListUsersRequest {})
        .expect("list")
        .iter()
        .any(|user| user.email == temporary.email && user.must_change_password));

    // A reset issues a new temporary password, ends the user's sessions and unlocks the account.
    let reset =
        test.call(&admin, &ResetPasswordRequest { user_id: user_id(&test, &admin, &temporary.email) }).expect("reset");
    assert_ne!(reset.password, temporary.password);
    assert_eq!(
        test.call(&signed_in.token, &CurrentUserRequest {}).expect_err("ended").kind(),
        ErrorKind::SessionExpired
    );
    assert!(sign_in(&test, &temporary.email, &reset.password).expect("new temporary").must_change_password);
}

fn user_id(test: &TestDesk, admin: &str, email: &str) -> i32 {
    test.call(admin, &ListUsersRequest {})
        .expect("list")
        .into_iter()
        .find(|user| user.email == email)
        .expect("listed")
        .id
}

#[test]
fn deactivated_users_cannot_sign_in_and_locked_ones_can_be_unlocked() {
    let test = TestDesk::new(true);
    let admin = ready(&test, ADMIN, demo::ADMINISTRATOR_PASSWORD, "velvet kettle orbit nineteen");
    let recruiter = ready(&test, RECRUITER, demo::RECRUITER_PASSWORD, "copper lantern meadow fifty");
    let id = user_id(&test, &admin, RECRUITER);
    let users = test.call(&admin, &SetUserActiveRequest { user_id: id, active: false }).expect("deactivate");
    assert!(!users.iter().find(|user| user.id == id).expect("listed").active);
    assert_eq!(
        test.call(&recruiter, &CurrentUserRequest {}).expect_err("signed out").kind(),
        ErrorKind::SessionExpired
    );
    let refused = sign_in(&test, RECRUITER, "copper lantern meadow fifty").expect_err("deactivated");
    assert_eq!(refused.kind(), ErrorKind::Forbidden);
    // A wrong password still gets the usual answer: deactivation is only told to whoever knows the password.
    assert_eq!(
        sign_in(&test, RECRUITER, "wrong wrong wrong").expect_err("wrong").kind(),
        ErrorKind::InvalidCredentials
    );
    test.call(&admin, &SetUserActiveRequest { user_id: id, active: true }).expect("reactivate");

    for _ in 0..5 {
        let _ = sign_in(&test, RECRUITER, "wrong wrong wrong");
    }
    assert!(test
        .call(&admin, &ListUsersRequest {})
        .expect("list")
        .iter()
        .any(|user| user.id == id && user.locked_until.is_some()));
    test.call(&admin, &UnlockUserRequest { user_id: id }).expect("unlock");
    sign_in(&test, RECRUITER, "copper lantern meadow fifty").expect("unlocked");

    let own = test.call(&admin, &SetUserActiveRequest { user_id: user_id(&test, &admin, ADMIN), active: false });
    assert_eq!(own.expect_err("not yourself").kind(), ErrorKind::Conflict);
}

#[test]
fn the_organisation_policy_applies_where_it_is_stricter_and_says_where_it_is_not() {
    let test = TestDesk::new(true);
    let admin = ready(&test, ADMIN, demo::ADMINISTRATOR_PASSWORD, "velvet kettle orbit nineteen");
    let weak = test.call(&admin, &SaveSecurityPolicyRequest(policy(8, false))).expect("save");
    assert!(weak
        .system_stricter
        .iter()
        .any(|note| note.starts_with("Minimum length: the system already requires at least 12")));
    let strict = test.call(&admin, &SaveSecurityPolicyRequest(policy(16, true))).expect("save");
    assert!(!strict.system_stricter.iter().any(|note| note.starts_with("Minimum length")));

    let token = sign_in(&test, RECRUITER, demo::RECRUITER_PASSWORD).expect("sign in").token;
    let change = |new: &str| ChangePasswordRequest {
        old_password: demo::RECRUITER_PASSWORD.into(),
        new_password: new.into(),
        confirm_password: new.into(),
    };
    let CoreError::User(error) = test.call(&token, &change("copper lantern meadow fifty")).expect_err("no symbol")
    else {
        panic!("field error")
    };
    assert_eq!(error.field("new_password"), Some("Add a symbol."));
    test.call(&token, &change("copper lantern meadow fifty!")).expect("meets both");

    let idle = SecurityPolicy { idle_minutes: 45, ..policy(16, true) };
    let CoreError::User(error) = test.call(&admin, &SaveSecurityPolicyRequest(idle)).expect_err("45") else { panic!() };
    assert_eq!(error.field("idle_minutes"), Some("Choose an idle period from 15 to 30 minutes."));

    // An expiry makes an old password due for change at sign-in.
    let expiring = SecurityPolicy { expiry_days: 30, ..policy(16, true) };
    test.call(&admin, &SaveSecurityPolicyRequest(expiring)).expect("save");
    test.advance(Duration::days(31));
    assert!(sign_in(&test, RECRUITER, "copper lantern meadow fifty!").expect("sign in").must_change_password);
}

#[test]
fn new_users_start_with_the_organisations_notification_defaults() {
    use hiredesk_wire::{AppliesDelivery, NotificationPreferencesRequest, SaveNotificationPreferencesRequest};
    let test = TestDesk::new(true);
    let admin = ready(&test, ADMIN, demo::ADMINISTRATOR_PASSWORD, "velvet kettle orbit nineteen");
    let defaults = NotificationPreferencesRequest { organisation_defaults: true };
    let mut chosen = test.call(&admin, &defaults).expect("defaults");
    assert!(chosen.someone_applies && chosen.applies_delivery == AppliesDelivery::Immediately);
    chosen.applies_delivery = AppliesDelivery::DailySummary;
    chosen.approval_steps = false;
    let save = SaveNotificationPreferencesRequest { organisation_defaults: true, preferences: chosen };
    test.call(&admin, &save).expect("save defaults");

    let request = CreateUserRequest {
        email: "nora.quinn@northwind.example".into(),
        first_name: "Nora".into(),
        last_name: "Quinn".into(),
        role: Role::Recruiter,
    };
    let temporary = test.call(&admin, &request).expect("create");
    let nora = ready(&test, &temporary.email, &temporary.password, "glacier teapot velcro summit");
    let own = NotificationPreferencesRequest { organisation_defaults: false };
    assert_eq!(test.call(&nora, &own).expect("own"), chosen, "a new user starts with the defaults");

    // A user changes their own; a Recruiter cannot change the organisation's.
    let mut mine = chosen;
    mine.requisition_closing = false;
    let saved = test
        .call(&nora, &SaveNotificationPreferencesRequest { organisation_defaults: false, preferences: mine })
        .expect("own");
    assert!(!saved.requisition_closing);
    let refused =
        test.call(&nora, &SaveNotificationPreferencesRequest { organisation_defaults: true, preferences: mine });
    assert_eq!(refused.expect_err("not an administrator").kind(), ErrorKind::Forbidden);
    // The demo's existing users kept their own (the defaults apply to new users only).
    let maria = ready(&test, RECRUITER, demo::RECRUITER_PASSWORD, "copper lantern meadow fifty");
    assert_eq!(test.call(&maria, &own).expect("maria").applies_delivery, AppliesDelivery::Immediately);
}
