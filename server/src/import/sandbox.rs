//! Parsing untrusted spreadsheets in a child process.
//!
//! calamine 0.38 can abort the whole process on tiny hostile files (a sheet with cells at A1
//! and XFD1048576 makes it reserve ~500 GB; a count inside the workbook can make it reserve
//! terabytes while opening), and an abort cannot be caught. So the server re-invokes its own
//! binary as `server read-spreadsheet NAME` with the file on standard input, under an address
//! space limit and a wall-clock timeout. The child answers with JSON; anything else — a
//! signal, an abort, a non-zero exit, garbage, silence — becomes "could not be read safely".
//!
//! The child starts with an empty environment (it never sees `DATABASE_URL` or any other
//! secret), limits itself (address space, CPU seconds, no files written, a handful of open
//! files, no core dump) and refuses to read at all if a limit cannot be set. At most a few
//! children run at once; further uploads wait their turn. A caller that goes on working with
//! the workbook (a dry run validates and records it) holds its [`ReaderTurn`] until done, so
//! that no more workbooks than that are in the server's memory at once either.

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
/// The child's allocator setting: mimalloc reserves address space a gigabyte at a time by
/// default, which under the child's address-space limit made about one read in ten fail to
/// allocate; reserving in small steps keeps the limit about memory in use. Whoever starts a
/// reader child sets it (the bench times the child directly).
pub const CHILD_ALLOCATOR_ENV: (&str, &str) = ("MIMALLOC_ARENA_RESERVE", "64MiB");
/// The most JSON a child may send back: a 5,000 × 60 answer sheet is about 15 MB.
const MAX_OUTPUT_BYTES: u64 = 32 * 1024 * 1024;
/// Open files the child may hold: standard input, output and error, and a few for the runtime.
const MAX_OPEN_FILES: u64 = 16;
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
    /// Reads (and the work on their workbooks) that may run at once, per server process.
    pub running: std::sync::Arc<tokio::sync::Semaphore>,
}

/// One of the turns [`ReaderSandbox::running`] hands out; the turn ends when this is dropped.
pub struct ReaderTurn {
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl ReaderSandbox {
    /// Waits for a turn to read a file and work on its workbook.
    pub async fn turn(&self) -> Result<ReaderTurn, ReadFailure> {
        self.running
            .clone()
            .acquire_owned()
            .await
            .map(|permit| ReaderTurn { _permit: permit })
            .map_err(|_| ReadFailure::Unsafe)
    }

    /// Reads a file in a child process, in a turn of its own. Never panics, never takes the
    /// caller down.
    pub async fn read(&self, bytes: &[u8], file_name: &str) -> Result<Workbook, ReadFailure> {
        let turn = self.turn().await?;
        self.read_in(&turn, bytes, file_name).await
    }

    /// Reads a file in a child process, in the caller's `turn`.
    pub async fn read_in(
        &self,
        _turn: &ReaderTurn,
        bytes: &[u8],
        file_name: &str,
    ) -> Result<Workbook, ReadFailure> {
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
            .env_clear()
            .env(MEMORY_ENV, self.memory_limit_mb.to_string())
            .env(CHILD_ALLOCATOR_ENV.0, CHILD_ALLOCATOR_ENV.1)
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
    if let Err(error) = limit_self(memory_mb * 1024 * 1024, 120) {
        // Reading unlimited is what the child exists to avoid.
        eprintln!("cannot limit the spreadsheet reader: {error}");
        return ExitCode::from(2);
    }
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

/// Address space, CPU seconds, no file written, few files open and no core file: an abort
/// should cost nothing but the child. Fails when any limit cannot be set.
fn limit_self(address_space_bytes: u64, cpu_seconds: u64) -> std::io::Result<()> {
    let set = |resource, soft: u64| {
        let limit = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: soft as libc::rlim_t,
        };
        // SAFETY: setrlimit only reads the struct we pass; lowering our own limits is allowed.
        if unsafe { libc::setrlimit(resource, &limit) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    set(libc::RLIMIT_AS, address_space_bytes)?;
    set(libc::RLIMIT_CPU, cpu_seconds)?;
    set(libc::RLIMIT_FSIZE, 0)?;
    set(libc::RLIMIT_NOFILE, MAX_OPEN_FILES)?;
    set(libc::RLIMIT_CORE, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in reader: a shell script in a fresh folder, and that folder.
    fn fake_reader(script: &str) -> (PathBuf, PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "qs-fake-reader-{}-{}",
            std::process::id(),
            rand::random::<u64>()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let exe = dir.join("reader.sh");
        std::fs::write(&exe, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        (exe, dir)
    }

    fn sandbox(exe: PathBuf, at_once: usize) -> ReaderSandbox {
        ReaderSandbox {
            exe,
            memory_limit_mb: 256,
            timeout: Duration::from_secs(20),
            running: std::sync::Arc::new(tokio::sync::Semaphore::new(at_once)),
        }
    }

    #[tokio::test]
    async fn the_child_sees_no_environment_but_its_memory_limit() {
        let (exe, dir) = fake_reader(r#"env > "$(dirname "$0")/env.txt"; exit 1"#);
        // A variable of this test's own (DATABASE_URL and the like are inherited the same way).
        std::env::set_var(
            "QUICKSCAN_SANDBOX_TEST_SECRET",
            "postgres://secret@db/quickscan",
        );
        let answer = sandbox(exe, 2).read(b"x", "a.xlsx").await;
        assert!(matches!(answer, Err(ReadFailure::Unsafe)));
        let seen = std::fs::read_to_string(dir.join("env.txt")).unwrap();
        assert!(!seen.contains("QUICKSCAN_SANDBOX_TEST_SECRET"), "{seen}");
        assert!(seen.contains(MEMORY_ENV), "{seen}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn no_more_children_run_at_once_than_allowed() {
        // Each child notes its start and end; with room for two, the log never shows a third
        // start before an end.
        let (exe, dir) = fake_reader(
            r#"log="$(dirname "$0")/log.txt"; echo start >> "$log"; sleep 0.3; echo end >> "$log"; exit 1"#,
        );
        let reader = sandbox(exe, 2);
        let reads = (0..6).map(|_| reader.read(b"x", "a.xlsx"));
        let answers = futures::future::join_all(reads).await;
        assert!(answers
            .iter()
            .all(|a| matches!(a, Err(ReadFailure::Unsafe))));
        let log = std::fs::read_to_string(dir.join("log.txt")).unwrap();
        let (mut running, mut most) = (0i32, 0i32);
        for line in log.lines() {
            running += if line == "start" { 1 } else { -1 };
            most = most.max(running);
        }
        // A child can fail to start when another test forks while the script is still open
        // for writing (ETXTBSY); it then answers "unsafe" like the others and logs nothing.
        // The bound is what counts: every child that ran ended, and never three at once.
        let starts = log.lines().filter(|l| *l == "start").count();
        assert_eq!(log.lines().count(), 2 * starts, "{log}");
        assert!(starts >= 4, "most children ran: {log}");
        assert_eq!(most, 2, "{log}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn a_held_turn_keeps_other_reads_waiting_until_it_ends() {
        // With room for one, a caller still working on its workbook (holding its turn) keeps
        // the next read from starting: the reader never runs while the turn is held.
        let (exe, dir) = fake_reader(r#"echo ran >> "$(dirname "$0")/log.txt"; exit 1"#);
        let reader = sandbox(exe, 1);
        let turn = reader.turn().await.unwrap();
        let waiting = reader.read(b"x", "a.xlsx");
        tokio::pin!(waiting);
        let early = tokio::time::timeout(Duration::from_millis(300), &mut waiting).await;
        assert!(early.is_err(), "the read waited for the held turn");
        assert!(!dir.join("log.txt").exists(), "no reader ran meanwhile");
        drop(turn);
        // Then it runs (and, this stand-in failing, answers "unsafe").
        assert!(matches!(waiting.await, Err(ReadFailure::Unsafe)));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_limits_hold_in_a_child() {
        // In a forked child, so this test process keeps its limits. After a fork only
        // async-signal-safe calls are sound, so the child uses libc directly and allocates
        // nothing: after limit_self, writing a byte to a file fails and at most
        // MAX_OPEN_FILES descriptors can be open.
        // SAFETY: fork, then only setrlimit, signal, open, write, close and _exit in the child.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            let ok = unsafe {
                if limit_self(512 * 1024 * 1024, 10).is_err() {
                    libc::_exit(3);
                }
                // Without this, the refused write would end the child with SIGXFSZ.
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let file = libc::open(
                    c"/tmp/qs-fsize-limit-test".as_ptr(),
                    libc::O_CREAT | libc::O_WRONLY | libc::O_TRUNC,
                    0o600,
                );
                let wrote = file >= 0 && libc::write(file, b"x".as_ptr().cast(), 1) == 1;
                let mut opened = 0;
                for _ in 0..64 {
                    if libc::open(c"/dev/null".as_ptr(), libc::O_RDONLY) >= 0 {
                        opened += 1;
                    }
                }
                !wrote && opened < MAX_OPEN_FILES
            };
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        let mut status = 0;
        // SAFETY: waiting for the child forked above.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        let _ = std::fs::remove_file("/tmp/qs-fsize-limit-test");
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "status {status}"
        );
    }
}
