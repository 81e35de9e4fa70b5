//! A real SMTP server for tests, on a free port of 127.0.0.1: enough of RFC 5321 for lettre (EHLO, MAIL,
//! RCPT, DATA, RSET, NOOP, QUIT), keeping every message it accepts. It can be told to refuse DATA with a
//! temporary error, to test retries, or to keep a message but hold back its "250 OK", to test a client that
//! dies before it hears the answer.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    behaviour: Arc<Behaviour>,
}

#[derive(Default)]
struct Behaviour {
    refuse: AtomicBool,
    hold: AtomicBool,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        Self::start_on(0)
    }

    /// A server on `port` (0: any free port), e.g. one that comes back where a stopped one was.
    pub fn start_on(port: u16) -> SmtpServer {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("a port");
        let port = listener.local_addr().expect("address").port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let behaviour = Arc::new(Behaviour::default());
        let (store, refusing) = (received.clone(), behaviour.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (store, refusing) = (store.clone(), refusing.clone());
                std::thread::spawn(move || {
                    let _ = serve(stream, &store, &refusing);
                });
            }
        });
        SmtpServer { port, received, behaviour }
    }

    /// Answer DATA with "451 try again later" while `refuse` is set.
    pub fn refuse_for_now(&self, refuse: bool) {
        self.behaviour.refuse.store(refuse, Ordering::SeqCst);
    }

    /// Keep each message but wait a minute before answering "250 OK" while `hold` is set.
    pub fn hold_answers(&self, hold: bool) {
        self.behaviour.hold.store(hold, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("messages").clone()
    }

    /// The outgoing mail settings that send through this server (plain SMTP, no account).
    pub fn settings(&self) -> hiredesk_wire::MailSettings {
        hiredesk_wire::MailSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            security: hiredesk_wire::MailSecurity::None,
            username: String::new(),
            password: String::new(),
            sender: "Northwind Recruiting <recruiting@northwind.example>".into(),
        }
    }
}

fn serve(stream: TcpStream, store: &Mutex<Vec<Received>>, behaviour: &Behaviour) -> std::io::Result<()> {
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    writer.write_all(b"220 test.hiredesk.example ESMTP ready\r\n")?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            writer.write_all(b"250-test.hiredesk.example\r\n250 8BITMIME\r\n")?;
        } else if upper.starts_with("MAIL FROM:") {
            from = command[10..].trim().to_owned();
            to.clear();
            writer.write_all(b"250 OK\r\n")?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(command[8..].trim().to_owned());
            writer.write_all(b"250 OK\r\n")?;
        } else if upper == "DATA" {
            if behaviour.refuse.load(Ordering::SeqCst) {
                writer.write_all(b"451 4.3.0 try again later\r\n")?;
                continue;
            }
            writer.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let mut data = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').filter(|_| line.starts_with("..")).unwrap_or(&line));
            }
            store.lock().expect("messages").push(Received { from: from.clone(), to: to.clone(), data });
            if behaviour.hold.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_secs(60));
            }
            writer.write_all(b"250 OK queued\r\n")?;
        } else if upper == "QUIT" {
            writer.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else if upper == "RSET" || upper == "NOOP" {
            writer.write_all(b"250 OK\r\n")?;
        } else {
            writer.write_all(b"502 command not implemented\r\n")?;
        }
    }
}
