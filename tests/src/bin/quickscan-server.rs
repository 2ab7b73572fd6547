//! The server binary, built inside the test package so tests can start it as a process (the
//! import's child reader, the command line, and a server to kill) by a known path.

fn main() -> std::process::ExitCode {
    server::cli::main()
}
