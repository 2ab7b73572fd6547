//! A real SMTP server for the tests: `tests/smtp_sink.py` (Python's aiosmtpd) on a port of
//! ours, writing each accepted message to a folder, refusing chosen recipients with 550. It
//! stops when the [`SmtpSink`] is dropped (its standard input closes, and it is killed).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Deserialize;

/// One message the sink accepted.
#[derive(Debug, Clone, Deserialize)]
pub struct ReceivedMail {
    /// The envelope's sender.
    pub from: String,
    /// The envelope's accepted recipients.
    pub to: Vec<String>,
    /// The decoded subject.
    pub subject: String,
    /// The decoded plain-text body.
    pub body: String,
}

impl ReceivedMail {
    /// The first personal link (`{base}/s/{token}`) in the body: its token.
    pub fn token(&self, base: &str) -> Option<String> {
        let start = self.body.find(&format!("{base}/s/"))? + base.len() + 3;
        Some(
            self.body[start..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect(),
        )
    }
}

/// The running SMTP server.
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

/// The Python interpreter the sink runs with (`QUICKSCAN_TEST_PYTHON`, else `python3`).
fn python() -> String {
    std::env::var("QUICKSCAN_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// A port that is free now (nothing listens on it).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl SmtpSink {
    /// Starts a sink on a free port that refuses `refused` recipients.
    pub fn start(refused: &[&str]) -> SmtpSink {
        SmtpSink::start_on(free_port(), refused)
    }

    /// Starts a sink on `port`.
    pub fn start_on(port: u16, refused: &[&str]) -> SmtpSink {
        let dir = std::env::temp_dir().join(format!("qs_smtp_{port}_{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the sink's folder");
        let script = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/smtp_sink.py"));
        let mut command = Command::new(python());
        command
            .arg(script)
            .arg("--port")
            .arg(port.to_string())
            .arg("--dir")
            .arg(&dir);
        for address in refused {
            command.arg("--refuse").arg(address);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs tests/smtp_sink.py (./dev installs aiosmtpd)");
        let stdout = child.stdout.take().expect("the sink's output");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the sink starts");
        assert_eq!(
            line.trim(),
            "READY",
            "the SMTP sink did not start (is aiosmtpd installed? ./dev installs it)"
        );
        SmtpSink { port, dir, child }
    }

    /// The URL QuickScan sends to.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .expect("the sink's folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|file| {
                let text = std::fs::read_to_string(&file).expect("a message file");
                serde_json::from_str(&text).expect("a message record")
            })
            .collect()
    }

    /// Waits (a bounded while) until at least `count` messages arrived; returns them all.
    pub fn wait_for(&self, count: usize) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.messages();
            if messages.len() >= count || Instant::now() > deadline {
                return messages;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
