//! `server bench …`: what the benchmark (`./dev bench`) runs inside the release binary: the
//! synthetic sector, the measurements made in-process (aggregation, closing, benchmarks),
//! the large workbook the import is measured on, and a minimal page server as the stack's
//! ceiling. Figures are printed, never asserted; the driver is `tests/src/bin/bench.rs`.

pub mod command;
pub mod measure;
pub mod seed;
pub mod static_page;
pub mod workbook;

use thiserror::Error;

/// Why a benchmark step failed.
#[derive(Debug, Error)]
pub enum BenchError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// A service refused or failed.
    #[error("service: {0:?}")]
    Service(app::staff::StaffError),
    /// The synthetic sector goes only into a database without organisations.
    #[error("the database already has organisations; the benchmark seeds only an empty one")]
    NotEmpty,
    /// Something the measurement needs is missing or failed.
    #[error("{0}")]
    Setup(String),
    /// A file could not be written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<app::staff::StaffError> for BenchError {
    fn from(error: app::staff::StaffError) -> Self {
        BenchError::Service(error)
    }
}

/// One printed figure: what was measured, its value and unit, and what it was measured on.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    /// What was measured.
    pub name: String,
    /// The value.
    pub value: f64,
    /// Its unit (`ms`, `MB`, `requests/s`, …).
    pub unit: String,
    /// What it was measured on (sizes, connections).
    pub detail: String,
}

impl Figure {
    /// A figure.
    pub fn new(name: &str, value: f64, unit: &str, detail: impl Into<String>) -> Figure {
        Figure {
            name: name.to_owned(),
            value,
            unit: unit.to_owned(),
            detail: detail.into(),
        }
    }

    /// Prints the figure as one JSON line on stdout, which the driver reads.
    pub fn print(&self) {
        println!(
            "{}",
            serde_json::to_string(self).expect("a figure serialises")
        );
    }
}

/// The process's resident memory now and at its peak since the last [`reset_peak_memory`],
/// in MB (Linux; zero elsewhere).
pub fn memory_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the peak resident memory to the current one (Linux's `clear_refs` value 5).
pub fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
