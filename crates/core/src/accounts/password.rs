//! argon2id password hashes in PHC string form, with OWASP's parameters (19 MiB, t=2, p=1).
//!
//! Hashing is deliberately slow (tens of milliseconds in a release build); callers run it on a worker
//! thread and never inside a write transaction.

use crate::error::CoreError;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn hasher() -> Argon2<'static> {
    // Params::DEFAULT is m=19456 KiB, t=2, p=1: OWASP's recommended minimum for argon2id.
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::DEFAULT)
}

/// Hashes a password to a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) with a fresh random salt.
pub fn hash(password: &str) -> Result<String, CoreError> {
    hasher()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| CoreError::Hashing(error.to_string()))
}

/// Whether `password` matches the PHC string. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    hasher().verify_password(password.as_bytes(), phc).is_ok()
}

/// Spends the same work as [`verify`] against a real hash of nothing in particular, so that an unknown
/// email (or a locked account) answers in about the time a wrong password does (SPEC AC-3).
pub fn verify_against_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("no account has this password").unwrap_or_default());
    let _ = verify(password, phc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_phc_strings_with_owasp_parameters_and_a_fresh_salt() {
        let first = hash("correct horse battery staple").expect("hash");
        let second = hash("correct horse battery staple").expect("hash");
        assert!(first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{first}");
        assert_eq!(first.split('$').count(), 6, "algorithm, version, params, salt, hash: {first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("correct horse battery staple", &first));
        assert!(verify("correct horse battery staple", &second));
        assert!(!verify("correct horse battery stapler", &first));
    }

    #[test]
    fn a_malformed_hash_never_matches() {
        assert!(!verify("anything", "not a phc string"));
        assert!(!verify("", ""));
    }
}
