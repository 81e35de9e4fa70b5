//! The command line: `serve` with where to listen and which certificate, `check`, `--version`. Hand-written
//! because it is this small; the database URL is deliberately not an argument (see `main.rs`).

use crate::error::ServerError;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "\
usage: hiredesk-server serve [--listen ADDR] (--tls-dir DIR | --cert FILE --key FILE) [--database-url-file FILE]
       hiredesk-server check [--database-url-file FILE]
       hiredesk-server --version

The database URL comes from HIREDESK_DATABASE_URL or from --database-url-file (a file holding it), never from the
command line. --listen defaults to 0.0.0.0:7443 (port 0: any free port). With --tls-dir the server makes a
self-signed certificate there once (cert.pem, key.pem, readable by its user only) and keeps using it; with --cert
and --key it uses those PEM files. It prints `hiredesk-server listening on https://ADDR fingerprint FP`, then logs
JSON lines.";

/// The environment variable that may hold the database URL.
pub const DATABASE_URL_VARIABLE: &str = "HIREDESK_DATABASE_URL";

/// Where the listening address defaults to: every interface, so the team's desktops reach it.
const DEFAULT_LISTEN: &str = "0.0.0.0:7443";

/// What was asked for.
#[derive(Debug)]
pub enum Action {
    Version,
    Help,
    Check(DatabaseUrl),
    Serve(ServeOptions),
}

/// Where the database URL is read from when it is needed.
#[derive(Debug, Clone)]
pub enum DatabaseUrl {
    Environment,
    File(PathBuf),
}

impl DatabaseUrl {
    /// Reads the URL (a file's first line, trimmed).
    pub fn read(&self) -> Result<String, ServerError> {
        let url = match self {
            DatabaseUrl::Environment => std::env::var(DATABASE_URL_VARIABLE).map_err(|_| {
                ServerError::Usage(format!("no database: set {DATABASE_URL_VARIABLE} or give --database-url-file FILE"))
            })?,
            DatabaseUrl::File(path) => std::fs::read_to_string(path)
                .map_err(|error| {
                    ServerError::Database(format!(
                        "The database URL file {} could not be read: {error}",
                        path.display()
                    ))
                })?
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned(),
        };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(ServerError::Database(
                "The database URL must be a team's PostgreSQL database (postgres://USER:PASSWORD@HOST/DATABASE)."
                    .into(),
            ));
        }
        Ok(url)
    }
}

/// The certificate the server presents.
#[derive(Debug, Clone)]
pub enum CertificateSource {
    /// PEM files: the chain (leaf first) and its private key.
    Files { cert: PathBuf, key: PathBuf },
    /// A self-signed certificate kept in this folder, made on the first start.
    SelfSigned { folder: PathBuf },
}

#[derive(Debug)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub certificate: CertificateSource,
    pub database: DatabaseUrl,
}

pub fn parse(arguments: &[String]) -> Result<Action, ServerError> {
    let usage = |message: String| Err(ServerError::Usage(message));
    let Some((first, rest)) = arguments.split_first() else { return usage("say what to do".into()) };
    let mut listen = None;
    let (mut tls_dir, mut cert, mut key, mut url_file) = (None, None, None, None);
    let mut words = rest.iter();
    while let Some(word) = words.next() {
        let mut value = || words.next().cloned().ok_or_else(|| ServerError::Usage(format!("{word} needs a value")));
        match word.as_str() {
            "--listen" => listen = Some(value()?),
            "--tls-dir" => tls_dir = Some(PathBuf::from(value()?)),
            "--cert" => cert = Some(PathBuf::from(value()?)),
            "--key" => key = Some(PathBuf::from(value()?)),
            "--database-url-file" => url_file = Some(PathBuf::from(value()?)),
            "--database-url" => {
                return usage(format!(
                    "the database URL is not taken from the command line (others can read it there): set \
                     {DATABASE_URL_VARIABLE} or give --database-url-file FILE"
                ))
            }
            other => return usage(format!("unknown argument {other:?}")),
        }
    }
    let database = url_file.map_or(DatabaseUrl::Environment, DatabaseUrl::File);
    match first.as_str() {
        "--version" | "-V" => Ok(Action::Version),
        "--help" | "-h" | "help" => Ok(Action::Help),
        "check" | "--check" => {
            if listen.is_some() || tls_dir.is_some() || cert.is_some() || key.is_some() {
                return usage("check takes only --database-url-file".into());
            }
            Ok(Action::Check(database))
        }
        "serve" => {
            let listen = listen.as_deref().unwrap_or(DEFAULT_LISTEN);
            let listen = listen
                .parse()
                .map_err(|error| ServerError::Usage(format!("--listen {listen}: not an address and port ({error})")))?;
            let certificate = match (tls_dir, cert, key) {
                (Some(folder), None, None) => CertificateSource::SelfSigned { folder },
                (None, Some(cert), Some(key)) => CertificateSource::Files { cert, key },
                _ => return usage("give either --tls-dir DIR or both --cert FILE and --key FILE".into()),
            };
            Ok(Action::Serve(ServeOptions { listen, certificate, database }))
        }
        other => usage(format!("unknown command {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn serve_takes_a_certificate_one_way_and_never_a_database_url() {
        let Ok(Action::Serve(options)) = parse(&words("serve --listen 127.0.0.1:0 --tls-dir /tmp/tls")) else {
            panic!("serve with a folder")
        };
        assert_eq!(options.listen.port(), 0);
        assert!(matches!(options.certificate, CertificateSource::SelfSigned { .. }));
        assert!(matches!(options.database, DatabaseUrl::Environment));
        for refused in [
            "serve",
            "serve --tls-dir a --cert b --key c",
            "serve --cert b",
            "serve --tls-dir a --database-url postgres://secret",
            "check --listen 127.0.0.1:1",
            "serve --tls-dir a --listen nowhere",
        ] {
            assert!(matches!(parse(&words(refused)), Err(ServerError::Usage(_))), "{refused}");
        }
        assert!(matches!(parse(&words("check --database-url-file f")), Ok(Action::Check(DatabaseUrl::File(_)))));
    }
}
