//! Security questions and password recovery with them (SPEC AC-5).

use serde::{Deserialize, Serialize};

/// The questions offered in the drop-downs; a user may also write their own.
pub const SUGGESTED_QUESTIONS: [&str; 10] = [
    "What was the name of your first pet?",
    "In what city were you born?",
    "What was the make and model of your first car?",
    "What is your oldest sibling's middle name?",
    "What was the name of your elementary school?",
    "In what city did your parents meet?",
    "What was your childhood nickname?",
    "What is the name of the street you grew up on?",
    "What was the first concert you attended?",
    "What was the last name of your favorite teacher?",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityQuestionsRequest {}

/// The user's three slots: the question of each that is set (answers are never sent back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityQuestions {
    pub slots: Vec<Option<String>>,
    /// Whether the organisation allows "Forgot password" with these questions.
    pub recovery_enabled: bool,
}

/// What to do with one slot when saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionChange {
    /// Leave the slot as it is.
    Keep,
    /// Clear the slot (the Delete icon).
    Clear,
    /// A question (from the list or the user's own) and its answer.
    Set { question: String, answer: String },
}

/// Exactly three changes, one per slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveSecurityQuestionsRequest {
    pub slots: Vec<QuestionChange>,
}

/// "Forgot password", step one: the questions for an email.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryQuestionsRequest {
    pub email: String,
}

/// "Forgot password", step two: the three answers and a new password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverPasswordRequest {
    pub email: String,
    pub answers: Vec<String>,
    pub new_password: String,
    pub confirm_password: String,
}
