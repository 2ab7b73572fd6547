//! Spreadsheet import, the server's part: reading files safely (a sandboxed child process
//! running calamine) and the xlsx template. Validation is in `quickscan_domain::import`;
//! writing is in `app::staff::import`.

pub mod reader;
pub mod sandbox;
pub mod template;

pub use sandbox::ReaderSandbox;

use sha2::{Digest, Sha256};

/// SHA-256 of an uploaded file, hex: the same file imported twice changes nothing the second
/// time.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
