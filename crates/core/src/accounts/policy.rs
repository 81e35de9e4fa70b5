//! The password policy: system defaults (NIST SP 800-63B / OWASP ASVS), the organisation's own rules, and
//! the effective policy, which is the stricter of the two rule by rule (SPEC AC-3).

use hiredesk_wire::PasswordRuleCheck;

/// The organisation's own rules as an administrator set them; 0 means "no requirement of its own".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrganisationPasswordPolicy {
    pub min_length: u32,
    pub require_upper: bool,
    pub require_lower: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
    pub expiry_days: u32,
    pub reuse_count: u32,
    pub lockout_attempts: u32,
    pub lockout_minutes: u32,
}

/// The rules in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    pub min_length: u32,
    pub max_length: u32,
    pub require_upper: bool,
    pub require_lower: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
    /// Days after which a password must be changed; `None`: never.
    pub expiry_days: Option<u32>,
    /// How many of the most recent passwords may not be used again.
    pub reuse_count: u32,
    pub lockout_attempts: u32,
    pub lockout_minutes: u32,
}

/// The lowest zxcvbn score accepted: 3 means "safely unguessable: moderate protection from offline attacks".
const MIN_STRENGTH: zxcvbn::Score = zxcvbn::Score::Three;

impl PasswordPolicy {
    /// The system defaults: 12 to 128 characters, no composition rule, no expiry, the last 5 not reusable,
    /// lockout after 5 failed attempts for 15 minutes.
    pub const SYSTEM: PasswordPolicy = PasswordPolicy {
        min_length: 12,
        max_length: 128,
        require_upper: false,
        require_lower: false,
        require_digit: false,
        require_symbol: false,
        expiry_days: None,
        reuse_count: 5,
        lockout_attempts: 5,
        lockout_minutes: 15,
    };

    /// The stricter, rule by rule, of the system defaults and the organisation's rules.
    pub fn effective(organisation: &OrganisationPasswordPolicy) -> PasswordPolicy {
        let system = Self::SYSTEM;
        let nonzero = |value: u32| (value > 0).then_some(value);
        PasswordPolicy {
            // An organisation may ask for more, but never for more than can be typed.
            min_length: system.min_length.max(organisation.min_length).min(system.max_length),
            max_length: system.max_length,
            require_upper: system.require_upper || organisation.require_upper,
            require_lower: system.require_lower || organisation.require_lower,
            require_digit: system.require_digit || organisation.require_digit,
            require_symbol: system.require_symbol || organisation.require_symbol,
            expiry_days: match (system.expiry_days, nonzero(organisation.expiry_days)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            reuse_count: system.reuse_count.max(organisation.reuse_count),
            lockout_attempts: nonzero(organisation.lockout_attempts)
                .map_or(system.lockout_attempts, |attempts| attempts.min(system.lockout_attempts)),
            lockout_minutes: system.lockout_minutes.max(organisation.lockout_minutes),
        }
    }

    /// Every rule, and whether `candidate` meets it, for the live display on the password forms.
    /// `personal_words` (email, names) make a password that leans on them count as easily guessed.
    pub fn checks(&self, candidate: &str, personal_words: &[&str]) -> Vec<PasswordRuleCheck> {
        self.rules(candidate, personal_words)
            .into_iter()
            .map(|rule| PasswordRuleCheck { rule: rule.text, met: rule.met })
            .collect()
    }

    /// The message for the first rule `candidate` breaks, if any. The reuse rule is checked by the caller,
    /// which has the stored hashes.
    pub fn refusal(&self, candidate: &str, personal_words: &[&str]) -> Option<String> {
        self.rules(candidate, personal_words).into_iter().find(|rule| rule.met == Some(false)).map(|rule| rule.refusal)
    }

    /// The message when a candidate is one of the recent passwords.
    pub fn reuse_refusal(&self) -> String {
        format!("You used this password recently. Choose one that is not among your last {}.", self.reuse_count)
    }

    fn rules(&self, candidate: &str, personal_words: &[&str]) -> Vec<Rule> {
        let length = u32::try_from(candidate.chars().count()).unwrap_or(u32::MAX);
        let has = |test: fn(char) -> bool| candidate.chars().any(test);
        let mut rules = vec![Rule::new(
            format!("At least {} characters", self.min_length),
            length >= self.min_length,
            format!("Use at least {} characters.", self.min_length),
        )];
        if length > self.max_length {
            // Only shown when it matters: nobody needs to be told about a limit they are far from.
            rules.push(Rule::new(
                format!("At most {} characters", self.max_length),
                false,
                format!("Use at most {} characters.", self.max_length),
            ));
        }
        let classes: [CharacterClass; 4] = [
            (self.require_upper, "an upper-case letter", char::is_uppercase),
            (self.require_lower, "a lower-case letter", char::is_lowercase),
            (self.require_digit, "a digit", |c| c.is_ascii_digit()),
            (self.require_symbol, "a symbol", |c| !c.is_alphanumeric() && !c.is_whitespace()),
        ];
        for (required, name, test) in classes {
            if required {
                rules.push(Rule::new(format!("Contains {name}"), has(test), format!("Add {name}.")));
            }
        }
        rules.push(Rule::new(
            "Not a common or easily guessed password".to_owned(),
            length > 0 && length <= self.max_length && strong_enough(candidate, personal_words),
            "This password is too common or too easy to guess. Try a longer phrase of unrelated words.".to_owned(),
        ));
        if self.reuse_count > 0 {
            rules.push(Rule {
                text: format!("Not one of your last {} passwords (checked when you save)", self.reuse_count),
                met: None,
                refusal: self.reuse_refusal(),
            });
        }
        rules
    }
}

fn strong_enough(candidate: &str, personal_words: &[&str]) -> bool {
    // zxcvbn matches its dictionaries in lower case; an email also counts by its parts ("maria", "alvarez").
    let words: Vec<String> = personal_words
        .iter()
        .flat_map(|word| word.split(|c: char| !c.is_alphanumeric()).chain([*word]))
        .map(|word| word.trim().to_lowercase())
        .filter(|word| word.chars().count() >= 3)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    zxcvbn::zxcvbn(candidate, &words).score() >= MIN_STRENGTH
}

/// (required, what the rule calls it, the test for one character)
type CharacterClass = (bool, &'static str, fn(char) -> bool);

struct Rule {
    text: String,
    met: Option<bool>,
    refusal: String,
}

impl Rule {
    fn new(text: String, met: bool, refusal: String) -> Self {
        Rule { text, met: Some(met), refusal }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYSTEM: PasswordPolicy = PasswordPolicy::SYSTEM;

    #[test]
    fn system_defaults_accept_a_long_unusual_passphrase() {
        assert_eq!(SYSTEM.refusal("velvet kettle orbit nineteen", &[]), None);
    }

    #[test]
    fn short_passwords_are_refused_with_the_length_rule() {
        assert_eq!(SYSTEM.refusal("Xq9!vb2", &[]).as_deref(), Some("Use at least 12 characters."));
        // Eleven characters are not enough, twelve are (when the password is not guessable).
        assert!(SYSTEM.refusal("k7#Rm2pQz9w", &[]).is_some());
        assert_eq!(SYSTEM.refusal("k7#Rm2pQz9wL", &[]), None);
    }

    #[test]
    fn more_than_128_characters_are_refused() {
        let long = "horse battery staple correct ".repeat(5);
        assert!(long.chars().count() > 128);
        assert_eq!(SYSTEM.refusal(&long, &[]).as_deref(), Some("Use at most 128 characters."));
        let at_limit: String = long.chars().take(128).collect();
        assert_eq!(SYSTEM.refusal(&at_limit, &[]), None);
    }

    #[test]
    fn common_and_guessable_passwords_are_refused_even_when_long_enough() {
        for common in ["password1234", "qwertyuiop123", "123456789012", "aaaaaaaaaaaa", "iloveyou2026"] {
            assert_eq!(
                SYSTEM.refusal(common, &[]).as_deref(),
                Some("This password is too common or too easy to guess. Try a longer phrase of unrelated words."),
                "{common}"
            );
        }
    }

    #[test]
    fn a_password_built_from_the_users_own_name_is_easily_guessed() {
        let words = ["maria.alvarez@northwind.example", "Maria", "Alvarez"];
        let own_email = "maria.alvarez@northwind.example";
        assert_eq!(SYSTEM.refusal(own_email, &[]), None, "long enough and unusual for a stranger");
        assert!(SYSTEM.refusal(own_email, &words).is_some(), "but not for Maria");
    }

    #[test]
    fn no_composition_rule_by_default() {
        let rules = SYSTEM.checks("", &[]);
        assert!(rules.iter().all(|rule| !rule.rule.starts_with("Contains")));
    }

    #[test]
    fn the_effective_policy_takes_the_stricter_rule_each_time() {
        let organisation = OrganisationPasswordPolicy {
            min_length: 16,
            require_symbol: true,
            expiry_days: 90,
            reuse_count: 3,
            lockout_attempts: 3,
            lockout_minutes: 10,
            ..Default::default()
        };
        let effective = PasswordPolicy::effective(&organisation);
        assert_eq!(effective.min_length, 16);
        assert!(effective.require_symbol && !effective.require_upper);
        assert_eq!(effective.expiry_days, Some(90));
        assert_eq!(effective.reuse_count, 5, "the system's 5 is stricter than 3");
        assert_eq!(effective.lockout_attempts, 3, "fewer attempts is stricter");
        assert_eq!(effective.lockout_minutes, 15, "a longer lockout is stricter");
        assert_eq!(effective.refusal("velvet kettle orbit nineteen", &[]).as_deref(), Some("Add a symbol."),);
    }

    #[test]
    fn an_organisation_without_rules_of_its_own_gets_the_system_defaults() {
        assert_eq!(PasswordPolicy::effective(&OrganisationPasswordPolicy::default()), SYSTEM);
    }

    #[test]
    fn live_checks_list_every_rule_with_reuse_left_for_save() {
        let checks = SYSTEM.checks("short", &[]);
        assert_eq!(checks[0], PasswordRuleCheck { rule: "At least 12 characters".into(), met: Some(false) });
        assert_eq!(checks.last().map(|check| check.met), Some(None));
    }
}
