//! The team server's certificate, pinned by its fingerprint instead of trusted through a certificate
//! authority: a team's server usually has a self-signed certificate, and the desktop learnt its fingerprint
//! when it joined (the user compared it with the one the server printed).
//!
//! [`PinnedCertificate`] accepts exactly the leaf certificate whose SHA-256 is the pinned [`Fingerprint`]; the
//! name in it is not checked (the pin is stronger than a name), but the handshake's signatures still are, with
//! the crypto provider's algorithms, so only the holder of that certificate's private key is accepted.
//! [`FirstSight`] is the verifier of [`crate::probe`]: it accepts any leaf (still checking the signatures) and
//! remembers its fingerprint, for the user to confirm before anything is sent.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, PoisonError};

/// The SHA-256 of a certificate's DER, as the contract writes it: uppercase hex pairs joined by ':'
/// (`AB:CD:…`, 95 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fingerprint(String);

impl Fingerprint {
    /// The fingerprint of a certificate in DER.
    pub fn of_certificate(der: &[u8]) -> Self {
        let digest = Sha256::digest(der);
        Self(digest.iter().map(|byte| format!("{byte:02X}")).collect::<Vec<_>>().join(":"))
    }

    /// Reads a fingerprint as a user or a file gives it: hex pairs joined by ':' (spaces around it and lowercase
    /// hex are accepted). `None` when it is not 32 pairs of hex digits.
    pub fn parse(text: &str) -> Option<Self> {
        let pairs: Vec<&str> = text.trim().split(':').collect();
        let well_formed = pairs.len() == 32
            && pairs.iter().all(|pair| pair.len() == 2 && pair.chars().all(|c| c.is_ascii_hexdigit()));
        well_formed.then(|| Self(text.trim().to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The provider every connection of this crate uses (rustls's ring), named once so that the
/// verifiers check signatures with the same algorithms the connection negotiates.
pub(crate) fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A TLS client configuration that trusts only what `verifier` accepts.
pub(crate) fn client_config(verifier: Arc<dyn ServerCertVerifier>) -> Result<rustls::ClientConfig, rustls::Error> {
    let mut config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // HTTP/1.1 only: a command is one small request, and the server speaks both.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// Accepts exactly the pinned leaf certificate, and remembers the last other one it was shown, so that the
/// error can say the server's certificate changed rather than just "a TLS failure".
#[derive(Debug)]
pub struct PinnedCertificate {
    pinned: Fingerprint,
    provider: Arc<CryptoProvider>,
    refused: Mutex<Option<Fingerprint>>,
}

impl PinnedCertificate {
    pub fn new(pinned: Fingerprint) -> Self {
        Self { pinned, provider: provider(), refused: Mutex::new(None) }
    }

    /// The fingerprint of the last certificate refused, once.
    pub fn take_refused(&self) -> Option<Fingerprint> {
        self.refused.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

impl ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let seen = Fingerprint::of_certificate(end_entity);
        if seen == self.pinned {
            return Ok(ServerCertVerified::assertion());
        }
        *self.refused.lock().unwrap_or_else(PoisonError::into_inner) = Some(seen);
        Err(rustls::Error::InvalidCertificate(rustls::CertificateError::ApplicationVerificationFailure))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// The verifier of a first contact: any leaf is accepted (nothing but the handshake is sent over it) and
/// its fingerprint kept for the user to compare with the server's.
#[derive(Debug)]
pub(crate) struct FirstSight {
    provider: Arc<CryptoProvider>,
    seen: Mutex<Option<Fingerprint>>,
}

impl FirstSight {
    pub(crate) fn new() -> Self {
        Self { provider: provider(), seen: Mutex::new(None) }
    }

    pub(crate) fn seen(&self) -> Option<Fingerprint> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl ServerCertVerifier for FirstSight {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        *self.seen.lock().unwrap_or_else(PoisonError::into_inner) = Some(Fingerprint::of_certificate(end_entity));
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_is_95_characters_of_uppercase_pairs_and_reads_back() {
        let fingerprint = Fingerprint::of_certificate(b"not really a certificate");
        assert_eq!(fingerprint.as_str().len(), 95);
        assert!(fingerprint.as_str().chars().all(|c| c == ':' || c.is_ascii_digit() || c.is_ascii_uppercase()));
        assert_eq!(Fingerprint::parse(&fingerprint.as_str().to_ascii_lowercase()), Some(fingerprint.clone()));
        assert_eq!(Fingerprint::parse(&format!(" {fingerprint} ")), Some(fingerprint.clone()));
        assert_eq!(Fingerprint::parse(&fingerprint.as_str()[3..]), None);
        let not_hex = format!("GG{}", &fingerprint.as_str()[2..]);
        assert_eq!(Fingerprint::parse(&not_hex), None);
    }
}
