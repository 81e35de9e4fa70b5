//! Security questions and "Forgot password" (SPEC AC-5). Answers are kept only as argon2id hashes of a
//! normalised form (case, surrounding and repeated spaces do not matter). Wrong answers count toward the
//! same lockout as wrong passwords, and an unknown email looks like a known one.

use super::lockout;
use super::password;
use super::password_store::{self, new_password_hash, store_password};
use super::policy::PasswordPolicy;
use super::users::User;
use super::SignedInUser;
use crate::command::{Context, Handle, HandlePublic, PublicContext, Wakes};
use crate::db::schema::security_answers;
use crate::db::DbConn;
use crate::error::FieldErrors;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::organisation::Organisation;
use crate::validation::TextRule;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    ErrorKind, QuestionChange, RecoverPasswordRequest, RecoveryQuestionsRequest, SaveSecurityQuestionsRequest,
    SecurityQuestions, SecurityQuestionsRequest, SUGGESTED_QUESTIONS,
};
use sha2::{Digest, Sha256};

const SLOTS: usize = 3;
const WRONG_ANSWERS: &str = "One or more answers are not correct.";

/// The form in which answers are hashed and compared: lower case, words separated by single spaces.
pub fn normalise_answer(answer: &str) -> String {
    answer.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The user's questions by slot (1 to 3), answers' hashes included.
fn stored(conn: &mut DbConn, user_id: i32) -> CoreResult<Vec<(i32, String, String)>> {
    Ok(security_answers::table
        .filter(security_answers::user_id.eq(user_id))
        .order(security_answers::slot)
        .select((security_answers::slot, security_answers::question, security_answers::answer_hash))
        .load(conn)?)
}

/// Whether fewer than three questions are set (the sign-in reminder).
pub fn missing(conn: &mut DbConn, user_id: i32) -> CoreResult<bool> {
    Ok(stored(conn, user_id)?.len() < SLOTS)
}

pub fn questions(conn: &mut DbConn, user: &User) -> CoreResult<SecurityQuestions> {
    let stored = stored(conn, user.id)?;
    let slots = (1..=3).map(|slot| stored.iter().find(|row| row.0 == slot).map(|row| row.1.clone())).collect();
    Ok(SecurityQuestions { slots, recovery_enabled: Organisation::load(conn)?.question_recovery })
}

/// Saves the three slots: each kept, cleared or set. The questions in use must differ.
pub fn save(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SaveSecurityQuestionsRequest,
    now: DateTime<Utc>,
) -> CoreResult<SecurityQuestions> {
    let user = &signed_in.user;
    if request.slots.len() != SLOTS {
        return Err(CoreError::user(ErrorKind::Validation, "Send exactly three security questions."));
    }
    let current = questions(conn, user)?.slots;
    let mut errors = FieldErrors::default();
    let mut in_use: Vec<(usize, String)> = Vec::new();
    for (index, change) in request.slots.iter().enumerate() {
        let slot = index + 1;
        match change {
            QuestionChange::Keep => {
                if let Some(question) = &current[index] {
                    in_use.push((slot, question.clone()));
                }
            }
            QuestionChange::Clear => {}
            QuestionChange::Set { question, answer } => {
                let question = question.trim();
                if question.is_empty() {
                    errors.add(&format!("question_{slot}"), "Choose a question or write your own.");
                } else {
                    TextRule::LINE.check(&mut errors, &format!("question_{slot}"), question);
                }
                TextRule::SECRET.check(&mut errors, &format!("answer_{slot}"), answer);
                let answer = normalise_answer(answer);
                if answer.chars().count() < 2 {
                    errors.add(&format!("answer_{slot}"), "Enter an answer of at least two characters.");
                }
                in_use.push((slot, question.to_owned()));
            }
        }
    }
    for (position, (slot, question)) in in_use.iter().enumerate() {
        if in_use[..position].iter().any(|(_, earlier)| earlier.eq_ignore_ascii_case(question)) {
            errors.add(&format!("question_{slot}"), "Choose a different question for each of the three.");
        }
    }
    errors.finish()?;
    // Hash before the write transaction: it is the slow part.
    let mut hashed = Vec::new();
    for change in &request.slots {
        hashed.push(match change {
            QuestionChange::Set { question, answer } => {
                Some((question.trim().to_owned(), password::hash(&normalise_answer(answer))?))
            }
            _ => None,
        });
    }
    crate::db::write(conn, |conn| {
        let mut changed = Vec::new();
        for (index, (change, hashed)) in request.slots.iter().zip(&hashed).enumerate() {
            let slot = i32::try_from(index + 1).unwrap_or(1);
            let this = security_answers::table
                .filter(security_answers::user_id.eq(user.id))
                .filter(security_answers::slot.eq(slot));
            match (change, hashed) {
                (QuestionChange::Clear, _) if current[index].is_some() => {
                    diesel::delete(this).execute(conn)?;
                    changed.push(format!("question {slot} cleared"));
                }
                (QuestionChange::Set { .. }, Some((question, answer_hash))) => {
                    diesel::delete(security_answers::table.find((user.id, slot))).execute(conn)?;
                    diesel::insert_into(security_answers::table)
                        .values((
                            security_answers::user_id.eq(user.id),
                            security_answers::slot.eq(slot),
                            security_answers::question.eq(question),
                            security_answers::answer_hash.eq(answer_hash),
                        ))
                        .execute(conn)?;
                    changed.push(format!("question {slot} set"));
                }
                _ => {}
            }
        }
        if changed.is_empty() {
            return Ok(());
        }
        // The entry names the slots, never a question's answer.
        let summary = format!("Security questions changed: {}", changed.join(", "));
        history::record(conn, &Entry::account(now, user.actor(), HistoryKind::SecurityQuestionsChanged, summary))
    })?;
    questions(conn, user)
}

fn recovery_switched_off() -> CoreError {
    CoreError::user(
        ErrorKind::Forbidden,
        "Your organisation has turned off password recovery with security questions. Ask your administrator \
        to reset your password.",
    )
}

/// Three questions that look like anyone's, the same ones every time for the same email, so that asking
/// reveals nothing about whether an account exists or has its questions set.
fn decoy_questions(email: &str) -> Vec<String> {
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    let mut picked: Vec<String> = Vec::new();
    for byte in digest.iter() {
        let question = SUGGESTED_QUESTIONS[usize::from(*byte) % SUGGESTED_QUESTIONS.len()];
        if !picked.iter().any(|known| known == question) {
            picked.push(question.to_owned());
        }
        if picked.len() == SLOTS {
            break;
        }
    }
    picked
}

/// "Forgot password", step one: the questions to answer.
pub fn recovery_questions(conn: &mut DbConn, email: &str) -> CoreResult<Vec<String>> {
    if !Organisation::load(conn)?.question_recovery {
        return Err(recovery_switched_off());
    }
    if email.trim().is_empty() {
        return Err(CoreError::field("email", "Enter the email address you sign in with."));
    }
    let found = match User::find_by_email(conn, email)? {
        Some(user) => Some(stored(conn, user.id)?).filter(|rows| rows.len() == SLOTS),
        None => None,
    };
    Ok(found.map_or_else(|| decoy_questions(email), |rows| rows.into_iter().map(|row| row.1).collect()))
}

/// "Forgot password", step two: all three answers right, then a new password under the policy. Wrong
/// answers count toward the lockout, like wrong passwords.
pub fn recover(conn: &mut DbConn, request: &RecoverPasswordRequest, now: DateTime<Utc>) -> CoreResult<()> {
    let organisation = Organisation::load(conn)?;
    if !organisation.question_recovery {
        return Err(recovery_switched_off());
    }
    if request.answers.len() != SLOTS {
        return Err(CoreError::user(ErrorKind::Validation, "Answer all three questions."));
    }
    let answers: Vec<String> = request.answers.iter().map(|answer| normalise_answer(answer)).collect();
    let wrong = || CoreError::user(ErrorKind::InvalidCredentials, WRONG_ANSWERS);
    let user = User::find_by_email(conn, &request.email)?;
    let rows = match &user {
        Some(user) => stored(conn, user.id)?,
        None => Vec::new(),
    };
    let policy = PasswordPolicy::effective(&organisation.password_policy());
    // The same work as three real verifications.
    let decoy = || answers.iter().for_each(|answer| password::verify_against_nothing(answer));
    let Some(user) = user else {
        // Counted and locked like an account's wrong answers, so that the answers do not tell which emails exist.
        return Err(lockout::check_unknown(conn, &request.email, &policy, now, decoy, wrong)?);
    };
    let zone = user.zone(conn)?;
    // An account without its three answers was shown decoy questions: its tries fail, and count, like any other.
    let complete = rows.len() == SLOTS;
    // Every answer is checked, right or wrong, so the time does not tell which one failed.
    let checks = (
        || {
            if !complete {
                decoy();
                return false;
            }
            rows.iter().zip(&answers).filter(|((_, _, phc), answer)| password::verify(answer, phc)).count() == SLOTS
        },
        decoy,
    );
    let recovered = lockout::check(conn, &user, &policy, now, checks, |conn| {
        // Only now, to someone who knows the answers, is the new password checked against the policy and the
        // account's earlier passwords.
        let phc = new_password_hash(conn, &user, &request.new_password, &request.confirm_password)?;
        store_password(conn, &user, &phc, None, now)?;
        crate::mail::enqueue(conn, &password_store::password_changed_notice(&user, now, zone), now)?;
        history::record(
            conn,
            &Entry::account(
                now,
                user.actor(),
                HistoryKind::PasswordRecovered,
                "Password reset with the security questions",
            ),
        )
    })?;
    recovered.map_err(|refusal| if refusal.kind() == ErrorKind::Locked { refusal } else { wrong() })
}

// The commands of Security → Security Questions, and of Forgot password on the sign-in screen.

impl Handle for SecurityQuestionsRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<SecurityQuestions> {
        questions(cx.conn, &cx.user.user)
    }
}

impl Handle for SaveSecurityQuestionsRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<SecurityQuestions> {
        save(cx.conn, &cx.user, self, cx.now)
    }
}

impl HandlePublic for RecoveryQuestionsRequest {
    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<Vec<String>> {
        recovery_questions(cx.conn, &self.email)
    }
}

impl HandlePublic for RecoverPasswordRequest {
    /// The "your password was changed" email.
    const WAKES: Wakes = Wakes::MAIL;

    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<()> {
        recover(cx.conn, self, cx.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_compared_without_case_or_extra_spaces() {
        assert_eq!(normalise_answer("  Rex   the\tDog "), "rex the dog");
        assert_eq!(normalise_answer("REX THE DOG"), normalise_answer("rex the dog"));
        assert_ne!(normalise_answer("rexthedog"), normalise_answer("rex the dog"));
    }

    #[test]
    fn decoys_are_three_different_questions_and_stable_per_email() {
        let first = decoy_questions("nobody@northwind.example");
        assert_eq!(first.len(), 3);
        assert!(first[0] != first[1] && first[1] != first[2] && first[0] != first[2]);
        assert_eq!(first, decoy_questions(" NOBODY@northwind.example"));
    }
}
