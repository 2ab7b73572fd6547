//! Spreadsheet import, the server's part: reading files safely (a sandboxed child process
//! running calamine) and the xlsx template. Validation is in `quickscan_domain::import`;
//! writing is in `app::staff::import`.

pub mod reader;
pub mod sandbox;
pub mod template;

pub use sandbox::ReaderSandbox;
