//! The server's certificate: read from PEM files, or a self-signed one made once in a folder and kept there
//! (readable by the server's user only), and its fingerprint, which a desktop shows when it joins and then pins.
//! rustls with ring only: no OpenSSL anywhere.

use crate::cli::CertificateSource;
use crate::error::ServerError;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The chain the server presents (its leaf first) and the leaf's private key.
pub struct Certificate {
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
    /// The self-signed certificate was made by this start (for the log, once it runs).
    pub made: bool,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.debug_struct("Certificate").field("fingerprint", &self.fingerprint()).finish_non_exhaustive()
    }
}

/// The names a self-signed certificate is made for; a desktop pins the certificate itself, so these only make it
/// usable by tools that check names on the server's own machine.
const SELF_SIGNED_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

impl Certificate {
    /// The certificate `source` names, making the self-signed one first if its folder has none.
    pub fn load(source: &CertificateSource) -> Result<Certificate, ServerError> {
        match source {
            CertificateSource::Files { cert, key } => read(cert, key),
            CertificateSource::SelfSigned { folder } => {
                let (cert, key) = (folder.join("cert.pem"), folder.join("key.pem"));
                let made = !cert.exists() && !key.exists();
                if made {
                    make_self_signed(folder, &cert, &key)?;
                }
                Ok(Certificate { made, ..read(&cert, &key)? })
            }
        }
    }

    /// SHA-256 of the leaf certificate's DER, as uppercase hex pairs joined by ':' (95 characters).
    pub fn fingerprint(&self) -> String {
        self.chain.first().map(|leaf| fingerprint(leaf.as_ref())).unwrap_or_default()
    }

    /// rustls' server settings with this certificate: TLS 1.2 and 1.3, HTTP/1.1.
    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, ServerError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| ServerError::Tls(format!("TLS could not be set up: {error}")))?
            .with_no_client_auth()
            .with_single_cert(self.chain.clone(), self.key.clone_key())
            .map_err(|error| ServerError::Tls(format!("The certificate and key do not go together: {error}")))?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

/// The fingerprint of a certificate's DER (see [`Certificate::fingerprint`]).
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der).iter().map(|byte| format!("{byte:02X}")).collect::<Vec<_>>().join(":")
}

fn read(cert: &Path, key: &Path) -> Result<Certificate, ServerError> {
    let unreadable = |path: &Path, error: &dyn std::fmt::Display| {
        ServerError::Tls(format!("The certificate file {} could not be read: {error}", path.display()))
    };
    let chain = CertificateDer::pem_file_iter(cert)
        .map_err(|error| unreadable(cert, &error))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| unreadable(cert, &error))?;
    if chain.is_empty() {
        return Err(ServerError::Tls(format!("The certificate file {} holds no certificate.", cert.display())));
    }
    let key = PrivateKeyDer::from_pem_file(key).map_err(|error| unreadable(key, &error))?;
    Ok(Certificate { chain, key, made: false })
}

fn make_self_signed(folder: &Path, cert: &Path, key: &Path) -> Result<(), ServerError> {
    let failed = |error: &dyn std::fmt::Display| {
        ServerError::Tls(format!("A self-signed certificate could not be made: {error}"))
    };
    let names: Vec<String> = SELF_SIGNED_NAMES.iter().map(|name| (*name).to_owned()).collect();
    let made = rcgen::generate_simple_self_signed(names).map_err(|error| failed(&error))?;
    private_folder(folder).map_err(|error| failed(&format!("{}: {error}", folder.display())))?;
    // The key first: a folder with a certificate but no key would be refused at the next start rather than made
    // again, which is what an operator who deleted one of the two would want to hear of.
    write_private(key, made.signing_key.serialize_pem().as_bytes())
        .map_err(|error| failed(&format!("{}: {error}", key.display())))?;
    write_private(cert, made.cert.pem().as_bytes()).map_err(|error| failed(&format!("{}: {error}", cert.display())))?;
    Ok(())
}

#[cfg(unix)]
fn private_folder(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(folder)
}

#[cfg(not(unix))]
fn private_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)
}

/// Writes a new file only its owner may read or write (0600 from its creation, never readable in between).
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_signed_certificate_is_made_once_kept_private_and_fingerprinted_in_pairs() {
        let dir = tempfile::tempdir().expect("folder");
        let source = CertificateSource::SelfSigned { folder: dir.path().join("tls") };
        let first = Certificate::load(&source).expect("made");
        let again = Certificate::load(&source).expect("kept");
        assert_eq!(first.fingerprint(), again.fingerprint(), "made once, then reused");
        assert!(first.made && !again.made);
        let fingerprint = first.fingerprint();
        assert_eq!(fingerprint.len(), 95, "{fingerprint}");
        assert!(fingerprint
            .split(':')
            .all(|pair| pair.len() == 2 && pair.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())));
        assert_eq!(fingerprint, super::fingerprint(first.chain[0].as_ref()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for file in ["cert.pem", "key.pem"] {
                let mode = std::fs::metadata(dir.path().join("tls").join(file)).expect("file").permissions().mode();
                assert_eq!(mode & 0o777, 0o600, "{file}");
            }
            let mode = std::fs::metadata(dir.path().join("tls")).expect("folder").permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        first.server_config().expect("usable by rustls");
    }
}
