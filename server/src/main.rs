//! The `server` binary; everything it does is in [`server::cli`].

fn main() -> std::process::ExitCode {
    server::cli::main()
}
