//! Sign-in, lockout, sessions and password changes against a real SQLite file.

use crate::common;

use chrono::Duration;
use common::TestDesk;
use hiredesk_core::demo;
use hiredesk_wire::{
    AppStatusRequest, ChangePasswordRequest, CreateFirstAdministratorRequest, CurrentUserRequest, ErrorKind,
    GetContactInformationRequest, SignInRequest, SignOutRequest,
};

const ADMIN_EMAIL: &str = "ada.byron@northwind.example";
const ADMIN_PASSWORD: &str = "velvet kettle orbit nineteen";

fn first_admin() -> CreateFirstAdministratorRequest {
    CreateFirstAdministratorRequest {
        email: ADMIN_EMAIL.into(),
        first_name: "Ada".into(),
        last_name: "Byron".into(),
        password: ADMIN_PASSWORD.into(),
        confirm_password: ADMIN_PASSWORD.into(),
    }
}

fn sign_in(email: &str, password: &str) -> SignInRequest {
    SignInRequest { email: email.into(), password: password.into() }
}

fn with_admin() -> TestDesk {
    let test = TestDesk::new(false);
    test.call_public(&first_admin()).expect("first administrator");
    test
}

#[test]
fn first_administrator_then_sign_in() {
    let test = TestDesk::new(false);
    assert!(!test.call_public(&AppStatusRequest {}).expect("status").has_users);
    test.call_public(&first_admin()).expect("first administrator");
    assert!(test.call_public(&AppStatusRequest {}).expect("status").has_users);

    let signed_in = test.call_public(&sign_in("  Ada.Byron@Northwind.example ", ADMIN_PASSWORD)).expect("sign in");
    assert!(!signed_in.must_change_password);
    assert_eq!(signed_in.user.display_name(), "Ada Byron");
    assert_eq!(signed_in.user.records_per_page, 20);
    assert_eq!(signed_in.user.time_zone, hiredesk_wire::UsTimeZone::Eastern);
    assert!(signed_in.user.observe_daylight_saving);
    assert_eq!(test.call(&signed_in.token, &CurrentUserRequest {}).expect("current user").email, ADMIN_EMAIL);

    let again = test.call_public(&first_admin()).expect_err("only once");
    assert_eq!(again.kind(), ErrorKind::Conflict);
}

#[test]
fn first_administrator_form_reports_every_field() {
    let test = TestDesk::new(false);
    let request = CreateFirstAdministratorRequest {
        email: "not-an-email".into(),
        first_name: " ".into(),
        last_name: "".into(),
        password: "short".into(),
        confirm_password: "other".into(),
    };
    let hiredesk_core::CoreError::User(error) = test.call_public(&request).expect_err("refused") else {
        panic!("expected a user error")
    };
    assert_eq!(error.field("email"), Some("Enter an email address like name@example.com."));
    assert_eq!(error.field("first_name"), Some("Enter a first name."));
    assert_eq!(error.field("last_name"), Some("Enter a last name."));
    assert_eq!(error.field("password"), Some("Use at least 12 characters."));
    assert_eq!(test.history_count(), 0, "a refused mutation writes no history");
    assert!(!test.call_public(&AppStatusRequest {}).expect("status").has_users);
}

#[test]
fn unknown_email_and_wrong_password_answer_alike() {
    let test = with_admin();
    let unknown = test.call_public(&sign_in("nobody@northwind.example", ADMIN_PASSWORD)).expect_err("unknown");
    let wrong = test.call_public(&sign_in(ADMIN_EMAIL, "not the password at all")).expect_err("wrong");
    assert_eq!(unknown.kind(), ErrorKind::InvalidCredentials);
    assert_eq!(wrong.kind(), ErrorKind::InvalidCredentials);
    assert_eq!(unknown.to_string(), wrong.to_string());
}

#[test]
fn unknown_email_takes_about_as_long_as_a_wrong_password() {
    let test = with_admin();
    let time = |email: &str| {
        let start = std::time::Instant::now();
        let _ = test.call_public(&sign_in(email, "not the password at all"));
        start.elapsed()
    };
    // Interleaved, so that a burst of load from other processes falls on both sides alike, and the fastest of
    // each side compared: the fastest run is the cost of the work itself. A right password after every three
    // wrong ones keeps the account below the lockout, which would change what a fifth does.
    let (mut wrong, mut unknown) = (std::time::Duration::MAX, std::time::Duration::MAX);
    for round in 0..9 {
        wrong = wrong.min(time(ADMIN_EMAIL));
        unknown = unknown.min(time("nobody@northwind.example"));
        if round % 3 == 2 {
            test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("the right password resets the count");
        }
    }
    let ratio = unknown.as_secs_f64() / wrong.as_secs_f64();
    // Both are dominated by one argon2id verification; without the dummy verification the unknown email
    // would answer in well under a tenth of the time, so a third is far from both.
    assert!((0.33..3.0).contains(&ratio), "unknown {unknown:?} vs wrong {wrong:?}");
}

#[test]
fn five_failures_lock_the_account_until_the_lockout_ends() {
    let test = with_admin();
    for attempt in 1..=4 {
        let error = test.call_public(&sign_in(ADMIN_EMAIL, "wrong password here")).expect_err("wrong");
        assert_eq!(error.kind(), ErrorKind::InvalidCredentials, "attempt {attempt}");
    }
    let fifth = test.call_public(&sign_in(ADMIN_EMAIL, "wrong password here")).expect_err("locks");
    assert_eq!(fifth.kind(), ErrorKind::Locked);
    // 17:00 UTC on 23 Nov 2026 is 12:00 EST; the lock lasts 15 minutes.
    assert_eq!(
        fifth.to_string(),
        "Too many failed sign-in attempts. This account is locked until 11/23/2026 12:15 PM EST."
    );

    let while_locked = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect_err("still locked");
    assert_eq!(while_locked.kind(), ErrorKind::Locked, "the right password does not open a locked account");

    test.advance(Duration::minutes(14));
    assert_eq!(test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect_err("locked").kind(), ErrorKind::Locked);
    test.advance(Duration::minutes(1));
    test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("the lock has expired");
}

/// The answers to six wrong passwords in a row on `email`: (kind, message) each.
fn six_wrong_passwords(test: &TestDesk, email: &str) -> Vec<(ErrorKind, String)> {
    (0..6)
        .map(|_| test.call_public(&sign_in(email, "wrong password here")).expect_err("wrong"))
        .map(|error| (error.kind(), error.to_string()))
        .collect()
}

#[test]
fn five_wrong_passwords_answer_alike_whether_or_not_the_account_exists() {
    let test = with_admin();
    let known = six_wrong_passwords(&test, ADMIN_EMAIL);
    // Counted by the email as sign-in reads it, whatever its case and spaces.
    let unknown = six_wrong_passwords(&test, " NoBody@Northwind.example ");
    assert_eq!(known, unknown, "the same six answers");
    let locked = "Too many failed sign-in attempts. This account is locked until 11/23/2026 12:15 PM EST.";
    assert_eq!(unknown[3], (ErrorKind::InvalidCredentials, "The email or password is not correct.".to_owned()));
    assert_eq!(unknown[4], (ErrorKind::Locked, locked.to_owned()), "the fifth locks");
    assert_eq!(unknown[5], (ErrorKind::Locked, locked.to_owned()), "and it stays locked");
    assert_eq!(
        test.call_public(&sign_in("nobody@northwind.example", "another guess")).expect_err("locked").kind(),
        ErrorKind::Locked
    );
    // Another unknown email has a count of its own.
    let other = test.call_public(&sign_in("someone.else@northwind.example", "a guess")).expect_err("wrong");
    assert_eq!(other.kind(), ErrorKind::InvalidCredentials);

    // When the lock ends, both count again from the start.
    test.advance(Duration::minutes(15));
    assert_eq!(six_wrong_passwords(&test, ADMIN_EMAIL), six_wrong_passwords(&test, "nobody@northwind.example"));
}

/// Forty-one wrong passwords at once, each on its own thread and connection: attempts on one account are checked
/// one at a time, so exactly the policy's five are verified (four failures and the one that locks) and the other
/// thirty-six are refused as locked without a verification.
#[test]
fn parallel_wrong_passwords_verify_no_more_than_the_limit() {
    use diesel::prelude::*;
    use hiredesk_core::db::schema::history;
    let test = with_admin();
    let answers: Vec<ErrorKind> = std::thread::scope(|scope| {
        let attempts: Vec<_> = (0..41)
            .map(|_| {
                scope.spawn(|| {
                    test.desk.call_public(&sign_in(ADMIN_EMAIL, "wrong password here")).expect_err("wrong").kind()
                })
            })
            .collect();
        attempts.into_iter().map(|attempt| attempt.join().expect("attempt")).collect()
    });
    let count = |kind: ErrorKind| answers.iter().filter(|answer| **answer == kind).count();
    assert_eq!(count(ErrorKind::InvalidCredentials), 4, "{answers:?}");
    assert_eq!(count(ErrorKind::Locked), 37, "{answers:?}");
    let recorded = |kind: &str| -> i64 {
        history::table.filter(history::kind.eq(kind)).count().get_result(&mut test.raw()).expect("count")
    };
    assert_eq!(recorded("sign_in_failed"), 4, "one History line per verified failure");
    assert_eq!(recorded("account_locked"), 1, "the fifth verified attempt locked the account, once");
}

/// The same person signing in from eight windows at once: every right password opens a session, none is
/// refused because the others were being checked at the same moment.
#[test]
fn parallel_right_passwords_all_sign_in() {
    let test = with_admin();
    let signed_in = std::thread::scope(|scope| {
        let attempts: Vec<_> =
            (0..8).map(|_| scope.spawn(|| test.desk.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)))).collect();
        attempts.into_iter().map(|attempt| attempt.join().expect("attempt")).collect::<Vec<_>>()
    });
    let refused: Vec<_> = signed_in.iter().filter_map(|answer| answer.as_ref().err()).collect();
    assert!(refused.is_empty(), "{refused:?}");
}

#[test]
fn a_success_resets_the_failure_count() {
    let test = with_admin();
    for _ in 0..4 {
        let _ = test.call_public(&sign_in(ADMIN_EMAIL, "wrong password here"));
    }
    test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in");
    let error = test.call_public(&sign_in(ADMIN_EMAIL, "wrong password here")).expect_err("wrong");
    assert_eq!(error.kind(), ErrorKind::InvalidCredentials, "one failure after a success does not lock");
}

#[test]
fn sessions_end_after_the_idle_period_and_on_sign_out() {
    let test = with_admin();
    let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    // Activity within the 20-minute idle period keeps the session alive.
    test.advance(Duration::minutes(19));
    test.call(&token, &CurrentUserRequest {}).expect("still signed in");
    test.advance(Duration::minutes(19));
    test.call(&token, &CurrentUserRequest {}).expect("activity extended it");
    test.advance(Duration::minutes(20));
    assert_eq!(test.call(&token, &CurrentUserRequest {}).expect_err("idle").kind(), ErrorKind::SessionExpired);
    assert_eq!(test.call(&token, &CurrentUserRequest {}).expect_err("gone").kind(), ErrorKind::SessionExpired);

    // Background polling identifies the session without keeping it alive.
    let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    let user_id = test.desk.session_user_id(&token).expect("identified");
    test.advance(Duration::minutes(19));
    assert_eq!(test.desk.session_user_id(&token).expect("still signed in"), user_id);
    test.advance(Duration::minutes(1));
    assert_eq!(
        test.desk.session_user_id(&token).expect_err("polling is not activity").kind(),
        ErrorKind::SessionExpired
    );
    assert_eq!(test.call(&token, &CurrentUserRequest {}).expect_err("idle").kind(), ErrorKind::SessionExpired);
    assert_eq!(test.desk.session_user_id("made-up token").expect_err("unknown").kind(), ErrorKind::SessionExpired);

    let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    test.call(&token, &SignOutRequest {}).expect("sign out");
    assert_eq!(test.call(&token, &CurrentUserRequest {}).expect_err("signed out").kind(), ErrorKind::SessionExpired);
    assert_eq!(
        test.call("made-up token", &CurrentUserRequest {}).expect_err("unknown").kind(),
        ErrorKind::SessionExpired
    );
}

fn change(old: &str, new: &str, confirm: &str) -> ChangePasswordRequest {
    ChangePasswordRequest { old_password: old.into(), new_password: new.into(), confirm_password: confirm.into() }
}

fn field_message(error: hiredesk_core::CoreError, field: &str) -> String {
    match error {
        hiredesk_core::CoreError::User(error) => error.field(field).unwrap_or_default().to_owned(),
        other => panic!("expected a field error, got {other}"),
    }
}

#[test]
fn a_demo_recruiter_must_change_the_initial_password_first() {
    let test = TestDesk::new(true);
    let email = "maria.alvarez@northwind.example";
    let signed_in = test.call_public(&sign_in(email, demo::RECRUITER_PASSWORD)).expect("sign in");
    assert!(signed_in.must_change_password);
    let token = signed_in.token;
    let refused = test.desk.check_session(&token).expect_err("change first");
    assert_eq!(refused.kind(), ErrorKind::PasswordChangeRequired);

    let old = demo::RECRUITER_PASSWORD;
    let new = "copper lantern meadow fifty";
    let refusals = [
        (change("wrong old password", new, new), "old_password", "The old password is not correct."),
        (
            change(old, "password1234", "password1234"),
            "new_password",
            "This password is too common or too easy to guess. Try a longer phrase of unrelated words.",
        ),
        (change(old, "Xq9!vb2", "Xq9!vb2"), "new_password", "Use at least 12 characters."),
        (
            change(old, new, "copper lantern meadow fifty!"),
            "confirm_password",
            "The confirmation does not match the new password.",
        ),
        (
            change(old, old, old),
            "new_password",
            "You used this password recently. Choose one that is not among your last 5.",
        ),
    ];
    let before = test.history_count();
    for (request, field, message) in refusals {
        let error = test.call(&token, &request).expect_err(message);
        assert_eq!(field_message(error, field), message);
    }
    assert_eq!(test.history_count(), before, "refused changes write no history");

    test.call(&token, &change(old, new, new)).expect("change");
    assert_eq!(test.history_count(), before + 1, "one history entry for the change");
    test.desk.check_session(&token).expect("now allowed");
    let again = test.call_public(&sign_in(email, new)).expect("sign in with the new password");
    assert!(!again.must_change_password);
}

#[test]
fn each_demo_account_has_its_own_salt_even_with_a_shared_initial_password() {
    use diesel::prelude::*;
    use hiredesk_core::db::schema::users;
    let test = TestDesk::new(true);
    let hashes: Vec<(String, String)> =
        users::table.select((users::email, users::password_hash)).load(&mut test.raw()).expect("the demo's hashes");
    assert_eq!(hashes.len(), 3, "the demo's three accounts");
    // A PHC string reads `$argon2id$v=19$params$salt$hash`: the salt is its fourth field.
    let salts: std::collections::HashSet<&str> =
        hashes.iter().map(|(_, phc)| phc.split('$').nth(4).expect("a PHC string with a salt")).collect();
    assert_eq!(salts.len(), hashes.len(), "one salt per account: {hashes:?}");
    // Both demo recruiters share the documented initial password, and both still sign in with it.
    for (email, _) in hashes.iter().filter(|(email, _)| !email.starts_with("dana.")) {
        test.call_public(&sign_in(email, demo::RECRUITER_PASSWORD)).expect("the initial password still works");
    }
}

#[test]
fn the_last_five_passwords_cannot_be_reused() {
    let test = with_admin();
    let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    let passwords = [
        ADMIN_PASSWORD,
        "amber falcon riverbed ninety",
        "glacier teapot velcro summit",
        "saffron tunnel piano eclipse",
        "marble orchid lantern kayak",
        "quartz meadow bicycle harbor",
    ];
    for pair in passwords.windows(2) {
        test.call(&token, &change(pair[0], pair[1], pair[1])).expect(pair[1]);
    }
    // The current password and the four before it are refused; the sixth-last is allowed again.
    let current = passwords[5];
    for recent in &passwords[1..=5] {
        let error = test.call(&token, &change(current, recent, recent)).expect_err(recent);
        assert!(field_message(error, "new_password").starts_with("You used this password recently"));
    }
    test.call(&token, &change(current, ADMIN_PASSWORD, ADMIN_PASSWORD)).expect("sixth-last is fine");
}

#[test]
fn changing_the_password_ends_the_users_other_sessions() {
    let test = with_admin();
    let first = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    let second = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    let new = "amber falcon riverbed ninety";
    test.call(&first, &change(ADMIN_PASSWORD, new, new)).expect("change");
    test.call(&first, &CurrentUserRequest {}).expect("the session that changed it stays");
    assert_eq!(test.call(&second, &CurrentUserRequest {}).expect_err("ended").kind(), ErrorKind::SessionExpired);
}

#[test]
fn contact_information_and_settings_are_saved_with_one_history_entry_each() {
    use hiredesk_wire::{ContactInformation, SaveContactInformationRequest, SavePreferencesRequest, UsTimeZone};
    let test = with_admin();
    let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
    let before = test.history_count();
    let contact = ContactInformation {
        first_name: "Augusta".into(),
        last_name: "King".into(),
        phone: "(617) 555-0100".into(),
        extension: "204".into(),
    };
    let profile = test.call(&token, &SaveContactInformationRequest(contact.clone())).expect("save");
    assert_eq!(profile.display_name(), "Augusta King");
    assert_eq!(profile.email, ADMIN_EMAIL, "the email never changes here");
    assert_eq!(test.call(&token, &GetContactInformationRequest {}).expect("read"), contact);
    assert_eq!(test.history_count(), before + 1);

    let bad = ContactInformation { first_name: "".into(), phone: "12".into(), extension: "12a".into(), ..contact };
    let hiredesk_core::CoreError::User(error) =
        test.call(&token, &SaveContactInformationRequest(bad)).expect_err("bad")
    else {
        panic!("field errors")
    };
    assert_eq!(error.field("first_name"), Some("Enter your first name."));
    assert!(error.field("phone").is_some() && error.field("extension").is_some());
    assert_eq!(test.history_count(), before + 1);

    let pacific = SavePreferencesRequest {
        records_per_page: Some(10),
        time_zone: Some(UsTimeZone::Pacific),
        observe_daylight_saving: Some(false),
    };
    let profile = test.call(&token, &pacific).expect("save");
    assert_eq!(
        (profile.records_per_page, profile.time_zone, profile.observe_daylight_saving),
        (10, UsTimeZone::Pacific, false)
    );
    assert_eq!(test.history_count(), before + 2);
    test.call(&token, &pacific).expect("unchanged");
    assert_eq!(test.history_count(), before + 2, "saving the same settings writes nothing");
    let odd = SavePreferencesRequest { records_per_page: Some(25), ..Default::default() };
    assert_eq!(test.call(&token, &odd).expect_err("25").kind(), ErrorKind::Validation);

    // The lockout message follows the new zone: 17:00 UTC is 09:00 PST.
    for _ in 0..5 {
        let _ = test.call_public(&sign_in(ADMIN_EMAIL, "wrong password here"));
    }
    let locked = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect_err("locked");
    assert!(locked.to_string().ends_with("locked until 11/23/2026 09:15 AM PST."), "{locked}");
}

mod questions {
    use super::*;
    use hiredesk_wire::{
        QuestionChange, RecoverPasswordRequest, RecoveryQuestionsRequest, SaveSecurityQuestionsRequest,
    };

    fn set(question: &str, answer: &str) -> QuestionChange {
        QuestionChange::Set { question: question.into(), answer: answer.into() }
    }

    fn three() -> SaveSecurityQuestionsRequest {
        SaveSecurityQuestionsRequest {
            slots: vec![
                set("What was the name of your first pet?", "Rex the Dog"),
                set("In what city were you born?", "Providence"),
                set("Who taught you to sail?", "Aunt  Margit"),
            ],
        }
    }

    fn recover(answers: [&str; 3], new: &str) -> RecoverPasswordRequest {
        RecoverPasswordRequest {
            email: ADMIN_EMAIL.into(),
            answers: answers.iter().map(|answer| (*answer).to_owned()).collect(),
            new_password: new.into(),
            confirm_password: new.into(),
        }
    }

    #[test]
    fn three_questions_are_set_kept_cleared_and_must_differ() {
        let test = with_admin();
        let signed_in = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in");
        assert!(signed_in.security_questions_missing, "the reminder opens until three are set");
        let token = signed_in.token;
        let saved = test.call(&token, &three()).expect("save");
        assert!(saved.slots.iter().all(Option::is_some));
        assert!(!test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").security_questions_missing);

        // The answers are stored only as argon2id hashes.
        let stored: Vec<String> = {
            use diesel::prelude::*;
            use hiredesk_core::db::schema::security_answers;
            security_answers::table.select(security_answers::answer_hash).load(&mut test.raw()).expect("hashes")
        };
        assert!(stored.iter().all(|hash| hash.starts_with("$argon2id$")));

        let duplicate = SaveSecurityQuestionsRequest {
            slots: vec![QuestionChange::Keep, set("what was the name of your first pet?", "Rex"), QuestionChange::Keep],
        };
        let hiredesk_core::CoreError::User(error) = test.call(&token, &duplicate).expect_err("same") else {
            panic!("a field error")
        };
        assert_eq!(error.field("question_2"), Some("Choose a different question for each of the three."));

        let clear = SaveSecurityQuestionsRequest {
            slots: vec![QuestionChange::Keep, QuestionChange::Clear, QuestionChange::Keep],
        };
        let cleared = test.call(&token, &clear).expect("clear");
        assert_eq!(cleared.slots[1], None);
        assert!(test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").security_questions_missing);
    }

    #[test]
    fn forgot_password_with_three_right_answers_sets_a_new_password() {
        let test = with_admin();
        let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
        test.call(&token, &three()).expect("save");
        let asked = test.call_public(&RecoveryQuestionsRequest { email: ADMIN_EMAIL.into() }).expect("questions");
        assert_eq!(asked[2], "Who taught you to sail?");
        // An unknown email gets three plausible questions too, the same each time.
        let decoys =
            test.call_public(&RecoveryQuestionsRequest { email: "nobody@northwind.example".into() }).expect("decoys");
        assert_eq!(decoys.len(), 3);
        assert_eq!(
            decoys,
            test.call_public(&RecoveryQuestionsRequest { email: "nobody@northwind.example".into() }).expect("again")
        );

        let new = "amber falcon riverbed ninety";
        let wrong = test.call_public(&recover(["rex the dog", "Boston", "aunt margit"], new)).expect_err("wrong");
        assert_eq!(wrong.to_string(), "One or more answers are not correct.");
        // Case and spacing do not matter; the policy still applies to the new password.
        let weak = test
            .call_public(&recover(["REX  THE DOG", " providence", "aunt margit"], "password1234"))
            .expect_err("weak");
        assert_eq!(weak.kind(), ErrorKind::Validation);
        test.call_public(&recover(["REX  THE DOG", " providence", "aunt margit"], new)).expect("recovered");
        assert_eq!(
            test.call(&token, &CurrentUserRequest {}).expect_err("other sessions end").kind(),
            ErrorKind::SessionExpired
        );
        test.call_public(&sign_in(ADMIN_EMAIL, new)).expect("the new password works");
    }

    #[test]
    fn wrong_answers_for_an_email_without_an_account_lock_it_as_they_would_an_account() {
        let test = with_admin();
        let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
        test.call(&token, &three()).expect("save");
        let five_wrong = |email: &str| -> Vec<(ErrorKind, String)> {
            (0..5)
                .map(|_| {
                    let request = RecoverPasswordRequest { email: email.into(), ..recover(["a", "b", "c"], "x") };
                    test.call_public(&request).expect_err("wrong")
                })
                .map(|error| (error.kind(), error.to_string()))
                .collect()
        };
        let known = five_wrong(ADMIN_EMAIL);
        let unknown = five_wrong("nobody@northwind.example");
        assert_eq!(known, unknown, "the same five answers");
        assert_eq!(unknown[4].0, ErrorKind::Locked);
        // Wrong answers and wrong passwords share the count, for an unknown email as for an account.
        for email in [ADMIN_EMAIL, "nobody@northwind.example"] {
            let error = test.call_public(&sign_in(email, ADMIN_PASSWORD)).expect_err("locked");
            assert_eq!(error.kind(), ErrorKind::Locked, "{email}");
        }
    }

    #[test]
    fn wrong_answers_count_toward_the_lockout() {
        let test = with_admin();
        let token = test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect("sign in").token;
        test.call(&token, &three()).expect("save");
        for _ in 0..4 {
            let error = test.call_public(&recover(["a", "b", "c"], "amber falcon riverbed ninety")).expect_err("wrong");
            assert_eq!(error.kind(), ErrorKind::InvalidCredentials);
        }
        let fifth = test.call_public(&recover(["a", "b", "c"], "amber falcon riverbed ninety")).expect_err("locks");
        assert_eq!(fifth.kind(), ErrorKind::Locked);
        assert_eq!(
            test.call_public(&sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)).expect_err("locked").kind(),
            ErrorKind::Locked
        );
        let right =
            test.call_public(&recover(["rex the dog", "providence", "aunt margit"], "amber falcon riverbed ninety"));
        assert_eq!(right.expect_err("still locked").kind(), ErrorKind::Locked);
    }
}

/// Issue 14, rough edge: the first Administrator form listed "Not one of your last 5 passwords" for an account
/// that has none yet.
#[test]
fn a_new_accounts_password_rules_leave_out_the_reuse_rule() {
    let test = TestDesk::new(false);
    let rules = |new_account: bool| -> Vec<String> {
        let request = hiredesk_wire::CheckPasswordRequest {
            new_password: "amber falcon riverbed ninety".into(),
            personal_words: Vec::new(),
            new_account,
        };
        test.call_public(&request).expect("the rules").into_iter().map(|check| check.rule).collect()
    };
    let existing = rules(false);
    assert!(existing.iter().any(|rule| rule.starts_with("Not one of your last 5 passwords")), "{existing:?}");
    let new = rules(true);
    assert!(!new.iter().any(|rule| rule.contains("last 5")), "{new:?}");
    assert_eq!(new.len(), existing.len() - 1, "every other rule stays: {new:?}");
}
