//! Checks of values that more than one feature accepts: every text field's length and characters (one rule
//! per kind of field, [`TextRule`]), and a phone number (on a job seeker and on a user).

use crate::error::{CoreError, FieldErrors};

/// Whether a text field may span lines: multi-line fields (notes, letters, drafts) may hold line breaks and
/// tabs; every other field is one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// What a text field may hold: at most `max_chars` characters, on one line or several, and never a control
/// character (NUL, escape, …) beyond the line breaks and tabs a multi-line field allows. Every text a command
/// takes is checked with one of these before it is used or stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    pub max_chars: usize,
    pub lines: Lines,
}

impl TextRule {
    const fn one(max_chars: usize) -> Self {
        TextRule { max_chars, lines: Lines::One }
    }

    const fn many(max_chars: usize) -> Self {
        TextRule { max_chars, lines: Lines::Many }
    }

    /// A person's first or last name, a city, a state, an extension.
    pub const NAME: TextRule = TextRule::one(100);
    /// An email address (RFC 5321's longest path).
    pub const EMAIL: TextRule = TextRule::one(254);
    /// A phone number, a ZIP code, a date typed in a field.
    pub const SHORT: TextRule = TextRule::one(40);
    /// One line of words: an address line, a requisition's title, a question, a subject, a mail host, a tag's
    /// value, a search.
    pub const LINE: TextRule = TextRule::one(200);
    /// A password or an answer that is compared, not shown (the password policy has its own, lower maximum).
    pub const SECRET: TextRule = TextRule::one(1_000);
    /// A value typed into an offer letter's tag: an address or the benefits may take several lines.
    pub const TAG_VALUE: TextRule = TextRule::many(2_000);
    /// A note, a task, and the draft of one kept at the idle timeout.
    pub const NOTE: TextRule = TextRule::many(10_000);
    /// An offer letter's template.
    pub const LETTER: TextRule = TextRule::many(20_000);

    /// Why `value` breaks this rule, if it does.
    pub fn refusal(&self, value: &str) -> Option<String> {
        // Counted only as far as the limit: a megabyte of text costs no more than the limit to refuse.
        if value.chars().nth(self.max_chars).is_some() {
            return Some(format!("Use at most {} characters.", self.max_chars));
        }
        let allowed = |c: char| self.lines == Lines::Many && matches!(c, '\n' | '\r' | '\t');
        let control = value.chars().find(|c| c.is_control() && !allowed(*c))?;
        Some(match (self.lines, control) {
            (Lines::One, '\n' | '\r' | '\t') => "Keep this on one line, without tabs.".to_owned(),
            _ => format!(
                "Remove the control character (U+{:04X}) from this text; it cannot be stored.",
                u32::from(control)
            ),
        })
    }

    /// Adds this rule's refusal of `value` at `field`, if any.
    pub(crate) fn check(&self, errors: &mut FieldErrors, field: &str, value: &str) {
        if let Some(message) = self.refusal(value) {
            errors.add(field, message);
        }
    }

    /// This rule's refusal of `value` at `field`, as an error.
    pub(crate) fn require(&self, field: &str, value: &str) -> Result<(), CoreError> {
        match self.refusal(value) {
            Some(message) => Err(CoreError::field(field, message)),
            None => Ok(()),
        }
    }
}

/// A US number of ten digits (an optional leading 1), or an international one written with `+`, in the
/// usual punctuation.
pub fn is_valid_phone(phone: &str) -> bool {
    let phone = phone.trim();
    if !phone.chars().all(|c| c.is_ascii_digit() || " ()-.+".contains(c)) || phone.matches('+').count() > 1 {
        return false;
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if phone.starts_with('+') {
        (8..=15).contains(&digits)
    } else {
        digits == 10 || (digits == 11 && phone.trim_start_matches('(').starts_with('1'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules_bound_length_and_refuse_control_characters() {
        assert_eq!(TextRule::NAME.refusal("Zoë O'Brien-Smith"), None);
        assert_eq!(TextRule::NAME.refusal(&"x".repeat(100)), None);
        assert_eq!(TextRule::NAME.refusal(&"é".repeat(101)).as_deref(), Some("Use at most 100 characters."));
        assert_eq!(
            TextRule::NAME.refusal("Ana\u{0}").as_deref(),
            Some("Remove the control character (U+0000) from this text; it cannot be stored.")
        );
        assert_eq!(TextRule::LINE.refusal("a\nb").as_deref(), Some("Keep this on one line, without tabs."));
        assert_eq!(TextRule::LINE.refusal("a\tb").as_deref(), Some("Keep this on one line, without tabs."));
        assert_eq!(TextRule::NOTE.refusal("Called.\r\n\tLeft a message."), None);
        assert!(TextRule::NOTE.refusal("bell\u{7}").is_some());
        assert!(TextRule::NOTE.refusal("escape\u{1b}[31m").is_some());
        assert!(TextRule::NOTE.refusal("C1 \u{85}").is_some());
        assert!(TextRule::NOTE.refusal(&"n".repeat(1 << 20)).is_some());
    }

    #[test]
    fn phones() {
        for good in
            ["(617) 555-0123", "617-555-0123", "617.555.0123", "6175550123", "1 617 555 0123", "+44 20 7946 0958"]
        {
            assert!(is_valid_phone(good), "{good}");
        }
        for bad in ["555-0123", "617-555-01234", "phone", "617 555 0123 x12", "++1 617 555 0123", "+12345"] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }
}
