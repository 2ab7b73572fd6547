//! The `server` binary; everything it does is in [`server::cli`].

/// mimalloc rather than glibc's allocator: under load glibc's malloc and free took a quarter
/// of a report page's time, and the memory of large uploads stayed with the process.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    server::cli::main()
}
