//! Checking a job seeker's profile: required names, an email address, a US phone number and ZIP code.

use crate::accounts::users::is_valid_email;
use crate::error::CoreResult;
use crate::error::FieldErrors;
use crate::validation::{is_valid_phone, TextRule};
use hiredesk_wire::JobSeekerProfile;

/// Every field's refusal at once; `Ok` when the profile may be saved.
pub fn validate(profile: &JobSeekerProfile) -> CoreResult<()> {
    let mut errors = FieldErrors::default();
    let required = [
        ("first_name", &profile.first_name, "Enter a first name."),
        ("last_name", &profile.last_name, "Enter a last name."),
    ];
    for (field, value, message) in required {
        if value.trim().is_empty() {
            errors.add(field, message);
        }
    }
    if profile.email.trim().is_empty() {
        errors.add("email", "Enter an email address.");
    } else if !is_valid_email(profile.email.trim()) {
        errors.add("email", "Enter an email address like name@example.com.");
    }
    if !profile.phone.trim().is_empty() && !is_valid_phone(&profile.phone) {
        errors.add("phone", "Enter a phone number like (617) 555-0123, with 10 digits (or + and a country code).");
    }
    if !profile.postal_code.trim().is_empty() && !is_valid_zip(profile.postal_code.trim()) {
        errors.add("postal_code", "Enter a ZIP code like 02118 or 02118-1234.");
    }
    let fields = [
        ("first_name", &profile.first_name, TextRule::NAME),
        ("last_name", &profile.last_name, TextRule::NAME),
        ("email", &profile.email, TextRule::EMAIL),
        ("phone", &profile.phone, TextRule::SHORT),
        ("address_line1", &profile.address_line1, TextRule::LINE),
        ("address_line2", &profile.address_line2, TextRule::LINE),
        ("city", &profile.city, TextRule::NAME),
        ("state", &profile.state, TextRule::NAME),
        ("postal_code", &profile.postal_code, TextRule::SHORT),
    ];
    for (field, value, rule) in fields {
        rule.check(&mut errors, field, value);
    }
    errors.finish()
}

fn is_valid_zip(zip: &str) -> bool {
    let bytes = zip.as_bytes();
    let five = |slice: &[u8]| slice.len() == 5 && slice.iter().all(u8::is_ascii_digit);
    match bytes.len() {
        5 => five(bytes),
        10 => five(&bytes[..5]) && bytes[5] == b'-' && bytes[6..].iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// The profile with surrounding spaces removed and the email in lower case, as stored.
pub fn normalised(profile: &JobSeekerProfile) -> JobSeekerProfile {
    JobSeekerProfile {
        first_name: profile.first_name.trim().to_owned(),
        last_name: profile.last_name.trim().to_owned(),
        email: profile.email.trim().to_lowercase(),
        phone: profile.phone.trim().to_owned(),
        address_line1: profile.address_line1.trim().to_owned(),
        address_line2: profile.address_line2.trim().to_owned(),
        city: profile.city.trim().to_owned(),
        state: profile.state.trim().to_owned(),
        postal_code: profile.postal_code.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_codes() {
        for good in ["02118", "02118-1234"] {
            assert!(is_valid_zip(good), "{good}");
        }
        for bad in ["2118", "021181", "02118-12", "ABCDE", "02118 1234"] {
            assert!(!is_valid_zip(bad), "{bad}");
        }
    }

    #[test]
    fn every_bad_field_is_reported() {
        let profile = JobSeekerProfile {
            email: "nope".into(),
            phone: "12".into(),
            postal_code: "1".into(),
            ..JobSeekerProfile::default()
        };
        let Err(crate::error::CoreError::User(error)) = validate(&profile) else { panic!("refused") };
        for field in ["first_name", "last_name", "email", "phone", "postal_code"] {
            assert!(error.field(field).is_some(), "{field}");
        }
    }
}
