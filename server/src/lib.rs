//! The QuickScan server: configuration, database, start-up, axum routes and the CLI.

pub mod backup;
pub mod bench;
pub mod cli;
pub mod client_address;
pub mod config;
pub mod database;
pub mod demo;
pub mod export;
pub mod import;
pub mod models;
pub mod origin_check;
pub mod routes;
pub mod security_headers;
pub mod staff_request;
pub mod startup;

pub use config::Config;
pub use startup::{build_app, Application, StartupError};
