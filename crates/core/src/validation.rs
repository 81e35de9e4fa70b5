//! Checks of values that more than one feature accepts (a phone number on a job seeker and on a user).

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
