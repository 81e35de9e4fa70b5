//! The client against a real HTTPS server started in the test: rustls with a self-signed certificate made
//! here, on 127.0.0.1, answering from a table of canned routes. Real TCP and TLS; only the server's rules are
//! absent (the team server's own tests cover those).

use super::*;
use hiredesk_wire::{CurrentUserRequest, SignInRequest};
use std::collections::HashMap;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// What the test server saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    authorization: Option<String>,
    body: Vec<u8>,
}

/// An answer: status, extra headers, body.
type Reply = (u16, Vec<(&'static str, String)>, Vec<u8>);

struct TestServer {
    address: TeamAddress,
    fingerprint: Fingerprint,
    seen: tokio::sync::mpsc::UnboundedReceiver<Seen>,
}

/// Starts a server whose answers come from `reply`, with a certificate of its own.
async fn serve(reply: fn(&Seen) -> Reply) -> TestServer {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("answered");
    let der = certified.cert.der().clone();
    let fingerprint = Fingerprint::of_certificate(&der);
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(pin::provider())
        .with_safe_default_protocol_versions()
        .expect("answered")
        .with_no_client_auth()
        .with_single_cert(vec![der], key)
        .expect("answered");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("answered");
    let port = listener.local_addr().expect("answered").port();
    let (tell, seen) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            let (acceptor, tell) = (acceptor.clone(), tell.clone());
            tokio::spawn(async move {
                // A refused handshake (the client's pin did not match) ends the connection here.
                let Ok(mut stream) = acceptor.accept(stream).await else { return };
                while let Some(request) = read_request(&mut stream).await {
                    let (status, headers, body) = reply(&request);
                    let _ = tell.send(request);
                    let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
                    for (name, value) in headers {
                        head.push_str(&format!("{name}: {value}\r\n"));
                    }
                    head.push_str("\r\n");
                    if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(&body).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    TestServer { address: TeamAddress::parse(&format!("127.0.0.1:{port}")).expect("answered"), fingerprint, seen }
}

/// Reads one HTTP/1.1 request (head and a body of `content-length`); `None` when the client closed.
async fn read_request(stream: &mut (impl AsyncReadExt + Unpin)) -> Option<Seen> {
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break end;
        }
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok().filter(|read| *read > 0)?;
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: HashMap<String, String> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers.get("content-length").and_then(|value| value.parse().ok()).unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok().filter(|read| *read > 0)?;
        body.extend_from_slice(&chunk[..read]);
    }
    Some(Seen { method, path, authorization: headers.get("authorization").cloned(), body })
}

/// The canned routes: a user for `current_user`, a refusal for `sign_in`, a workbook, a health.
fn team_routes(seen: &Seen) -> Reply {
    let json = |status, value: serde_json::Value| (status, vec![], value.to_string().into_bytes());
    match seen.path.as_str() {
        "/v1/commands/current_user" => json(200, serde_json::json!({ "echo": seen.authorization })),
        "/v1/commands/sign_in" => {
            json(401, serde_json::json!({ "kind": "invalid_credentials", "message": "Email or password is wrong." }))
        }
        "/v1/exports/notes" => (200, vec![(ROWS_HEADER, "3".to_owned())], b"PK-workbook".to_vec()),
        "/v1/health" => json(503, serde_json::json!({ "version": "0.1.0", "wire": 1, "database_ok": false })),
        path if path.starts_with("/v1/watch?") => {
            json(200, serde_json::json!({ "cursor": { "notice": 4, "change": 9 }, "notices": [], "changed": true }))
        }
        _ => (404, vec![], b"<html>not here</html>".to_vec()),
    }
}

#[tokio::test]
async fn probe_reads_the_fingerprint_the_server_has() {
    let server = serve(team_routes).await;
    assert_eq!(probe(&server.address).await.expect("answered"), server.fingerprint);
}

#[tokio::test]
async fn the_pinned_certificate_is_accepted_and_the_token_and_body_reach_the_server() {
    let mut server = serve(team_routes).await;
    let client = TeamClient::new(server.address.clone(), server.fingerprint.clone()).expect("answered");
    let answer = client.call(Command::CurrentUser, Some("token-1"), b"{}".to_vec()).await.expect("answered");
    let answer: serde_json::Value = serde_json::from_slice(&answer).expect("answered");
    assert_eq!(answer["echo"], "Bearer token-1");
    let seen = server.seen.recv().await.expect("answered");
    assert_eq!((seen.method.as_str(), seen.path.as_str()), ("POST", "/v1/commands/current_user"));
    assert_eq!(seen.body, b"{}");
    // Without a token, no Authorization header; the typed call writes the request as JSON.
    let _ = client.call(Command::CurrentUser, None, Vec::new()).await;
    assert_eq!(server.seen.recv().await.expect("answered").authorization, None);
    let request = CurrentUserRequest {};
    let typed = client.call_typed(Some("token-2"), &request).await;
    assert!(typed.is_err(), "the canned answer is not a UserProfile, so it cannot be read as one");
    assert_eq!(server.seen.recv().await.expect("answered").body, serde_json::to_vec(&request).expect("answered"));
}

#[tokio::test]
async fn another_certificate_than_the_pinned_one_is_refused_before_anything_is_sent() {
    let mut server = serve(team_routes).await;
    let other = Fingerprint::of_certificate(b"the certificate of another server");
    let client = TeamClient::new(server.address.clone(), other).expect("answered");
    let error = client.call(Command::CurrentUser, Some("token-1"), b"{}".to_vec()).await.expect_err("refused");
    assert_eq!(error.kind, ErrorKind::Unreachable);
    assert!(error.message.contains(server.fingerprint.as_str()), "the message names what it showed: {error}");
    assert!(error.message.contains("certificate other than the one this computer joined"), "{error}");
    // The server never saw a request: the token did not leave the computer.
    assert!(server.seen.try_recv().is_err());
}

#[tokio::test]
async fn the_servers_error_is_passed_on_as_it_answered() {
    let server = serve(team_routes).await;
    let client = TeamClient::new(server.address.clone(), server.fingerprint.clone()).expect("answered");
    let request = SignInRequest { email: "a@example.org".into(), password: "wrong".into() };
    let error = client.call_typed(None, &request).await.expect_err("refused");
    assert_eq!((error.kind, error.message.as_str()), (ErrorKind::InvalidCredentials, "Email or password is wrong."));
    // A body that is not an IpcError still gives a typed error, naming the status.
    let error = client.call(Command::ListUsers, Some("t"), b"{}".to_vec()).await.expect_err("refused");
    assert_eq!(error.kind, ErrorKind::Internal);
    assert!(error.message.contains("404"), "{error}");
}

#[tokio::test]
async fn a_server_that_is_not_there_is_unreachable() {
    // A port that was just free: nothing listens on it any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("answered").local_addr().expect("answered").port();
    let address = TeamAddress::parse(&format!("127.0.0.1:{port}")).expect("answered");
    let client = TeamClient::new(address.clone(), Fingerprint::of_certificate(b"x")).expect("answered");
    let error = client.call(Command::CurrentUser, Some("t"), b"{}".to_vec()).await.expect_err("refused");
    assert_eq!(error.kind, ErrorKind::Unreachable);
    assert!(error.message.contains("cannot be reached"), "{error}");
    assert_eq!(probe(&address).await.expect_err("refused").kind, ErrorKind::Unreachable);
}

#[tokio::test]
async fn health_watch_and_an_export_read_their_answers() {
    let mut server = serve(team_routes).await;
    let client = TeamClient::new(server.address.clone(), server.fingerprint.clone()).expect("answered");
    let health = client.health().await.expect("answered");
    assert_eq!(health, ServerHealth { version: "0.1.0".into(), wire: 1, database_ok: false });
    let _ = server.seen.recv().await;
    let answer = client.watch("token-3", WatchCursor { notice: 1, change: 2 }).await.expect("answered");
    assert_eq!((answer.cursor, answer.changed), (WatchCursor { notice: 4, change: 9 }, true));
    let seen = server.seen.recv().await.expect("answered");
    assert_eq!(
        (seen.path.as_str(), seen.authorization.as_deref()),
        ("/v1/watch?notice=1&change=2", Some("Bearer token-3"))
    );
    let request = ExportNotesRequest {
        export_id: 7,
        notes: hiredesk_wire::NotesRequest { job_seeker_id: 1, application_id: None },
    };
    let workbook = client.export_notes("token-4", &request).await.expect("answered");
    assert_eq!(workbook, Workbook { bytes: b"PK-workbook".to_vec(), rows: 3 });
}

#[test]
fn addresses_are_read_as_users_type_them() {
    let read = |text: &str| TeamAddress::parse(text).map(|address| address.to_string());
    assert_eq!(read("server.example.org:8443").expect("answered"), "https://server.example.org:8443");
    assert_eq!(read(" https://server.example.org:8443/ ").expect("answered"), "https://server.example.org:8443");
    assert_eq!(read("https://server.example.org").expect("answered"), "https://server.example.org");
    assert_eq!(read("[::1]:9000").expect("answered"), "https://[::1]:9000");
    for refused in ["", "http://server:80", "server:8443/v1/commands", "user@server:1", "server:99999"] {
        assert!(read(refused).expect_err("refused").field("address").is_some(), "{refused:?}");
    }
}
