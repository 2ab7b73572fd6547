//! Parsing untrusted spreadsheets in a child process.
//!
//! calamine 0.38 can abort the whole process on tiny hostile files (a sheet with cells at A1
//! and XFD1048576 makes it reserve ~500 GB; a count inside the workbook can make it reserve
//! terabytes while opening), and an abort cannot be caught. So the server re-invokes its own
//! binary as `server read-spreadsheet NAME` with the file on standard input, under an address
//! space limit and a wall-clock timeout. The child answers with JSON; anything else — a
//! signal, an abort, a non-zero exit, garbage, silence — becomes "could not be read safely".

use std::path::PathBuf;
use std::process::{ExitCode, Stdio};
use std::time::Duration;

use quickscan_domain::import::{ReadFailure, Workbook};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::reader::read_spreadsheet;

/// The internal subcommand the child runs.
pub const CHILD_COMMAND: &str = "read-spreadsheet";
/// The environment variable carrying the child's memory limit in MiB.
const MEMORY_ENV: &str = "QUICKSCAN_READER_MEMORY_MB";
/// The most JSON a child may send back.
const MAX_OUTPUT_BYTES: u64 = 96 * 1024 * 1024;
/// Text cells are cut to this many characters: answers are short, and a sheet of megabyte
/// cells should not travel back to the server.
const MAX_CELL_CHARS: usize = 1_000;

/// How uploaded spreadsheets are read.
#[derive(Debug, Clone)]
pub struct ReaderSandbox {
    /// The binary that understands [`CHILD_COMMAND`] (normally the server itself).
    pub exe: PathBuf,
    /// The child's address-space limit.
    pub memory_limit_mb: u64,
    /// How long a child may take.
    pub timeout: Duration,
}

impl ReaderSandbox {
    /// Reads a file in a child process. Never panics, never takes the caller down.
    pub async fn read(&self, bytes: &[u8], file_name: &str) -> Result<Workbook, ReadFailure> {
        if bytes.is_empty() {
            return Err(ReadFailure::Empty);
        }
        let shown_name: String = file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(120)
            .collect();
        let mut child = match tokio::process::Command::new(&self.exe)
            .arg(CHILD_COMMAND)
            .arg(&shown_name)
            .env(MEMORY_ENV, self.memory_limit_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(child) => child,
            Err(error) => {
                tracing::error!(%error, exe = %self.exe.display(), "cannot start the spreadsheet reader");
                return Err(ReadFailure::Unsafe);
            }
        };
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let input = bytes.to_vec();
        let writer = tokio::spawn(async move {
            // A child that dies early closes the pipe; that shows up in its exit status.
            let _ = stdin.write_all(&input).await;
        });
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let work = async {
            let mut output = Vec::new();
            let read = (&mut stdout)
                .take(MAX_OUTPUT_BYTES + 1)
                .read_to_end(&mut output)
                .await;
            let status = exit_status(&mut child).await;
            (read, status, output)
        };
        let outcome = tokio::time::timeout(self.timeout, work).await;
        writer.abort();
        let (read, status, output) = match outcome {
            Ok(done) => done,
            Err(_) => {
                let _ = child.start_kill();
                let _ = tokio::time::timeout(Duration::from_secs(2), exit_status(&mut child)).await;
                tracing::warn!(file = %shown_name, "spreadsheet reader timed out");
                return Err(ReadFailure::TimedOut {
                    seconds: self.timeout.as_secs(),
                });
            }
        };
        match (read, status) {
            (Ok(_), Ok(status)) if status.success() && output.len() as u64 <= MAX_OUTPUT_BYTES => {
                serde_json::from_slice::<Result<Workbook, ReadFailure>>(&output).unwrap_or_else(
                    |error| {
                        tracing::error!(%error, "the spreadsheet reader answered garbage");
                        Err(ReadFailure::Unsafe)
                    },
                )
            }
            (_, status) => {
                tracing::warn!(file = %shown_name, ?status, "spreadsheet reader failed");
                Err(ReadFailure::Unsafe)
            }
        }
    }
}

/// Waits for the child to exit by polling `waitpid(WNOHANG)`.
///
/// `Child::wait` is woken by SIGCHLD through tokio's global signal driver, and a wake-up is
/// lost when the runtime that first registered for SIGCHLD has been dropped (seen with one
/// runtime per test). The child has closed its stdout when this is called, so it is exiting
/// anyway; a few polls cost nothing.
async fn exit_status(
    child: &mut tokio::process::Child,
) -> std::io::Result<std::process::ExitStatus> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The child's side: limit itself, read standard input, answer JSON on standard output.
pub fn child_main(file_name: &str) -> ExitCode {
    let memory_mb: u64 = std::env::var(MEMORY_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    limit_self(memory_mb * 1024 * 1024, 120);
    let mut bytes = Vec::new();
    if std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).is_err() {
        return ExitCode::from(1);
    }
    let mut result = read_spreadsheet(&bytes, file_name);
    drop(bytes);
    if let Ok(workbook) = &mut result {
        for sheet in &mut workbook.sheets {
            for cell in &mut sheet.cells {
                if let quickscan_domain::import::CellValue::Text(text) = &mut cell.value {
                    if text.chars().count() > MAX_CELL_CHARS {
                        *text = text.chars().take(MAX_CELL_CHARS).collect();
                    }
                }
            }
        }
    }
    let stdout = std::io::stdout().lock();
    match serde_json::to_writer(std::io::BufWriter::new(stdout), &result) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}

/// Address space, CPU seconds and no core file: an abort should cost nothing but the child.
fn limit_self(address_space_bytes: u64, cpu_seconds: u64) {
    let set = |resource, soft: u64| {
        let limit = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: soft as libc::rlim_t,
        };
        // SAFETY: setrlimit only reads the struct we pass; lowering our own limits is allowed.
        unsafe { libc::setrlimit(resource, &limit) };
    };
    set(libc::RLIMIT_AS, address_space_bytes);
    set(libc::RLIMIT_CPU, cpu_seconds);
    set(libc::RLIMIT_CORE, 0);
}
