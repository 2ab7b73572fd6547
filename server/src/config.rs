//! Configuration from the environment, with defaults that run on a laptop.

use std::net::SocketAddr;
use std::path::PathBuf;

use quickscan_domain::AnonymityThreshold;
use thiserror::Error;

/// Everything the server needs to know before it starts.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// The folder holding the maturity model files (`*.toml`).
    pub models_dir: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Where users reach the server, for printed and shown links.
    pub public_url: String,
    /// Seed demo data into an empty database and print the demo link.
    pub demo: bool,
    /// Peer groups smaller than this are never shown (at least 3; default 5).
    pub anonymity_threshold: AnonymityThreshold,
    /// No figure rests on fewer respondents than this (at least 3; default 5).
    pub min_respondents: AnonymityThreshold,
    /// The largest spreadsheet upload accepted, in bytes (default 10 MiB).
    pub upload_limit_bytes: u64,
    /// The binary that reads spreadsheets in a child process (default: this one).
    pub reader_exe: PathBuf,
    /// The reader child's memory limit in MiB (default 1024).
    pub reader_memory_mb: u64,
    /// How long the reader child may take, in seconds (default 30).
    pub reader_timeout_seconds: u64,
    /// How many reader children may run at once (default 2), each upload's dry run included;
    /// further uploads wait.
    pub readers_at_once: usize,
    /// Behind a reverse proxy: the header it writes the client's address into (for example
    /// `X-Real-IP`). Without it, the connection's own address counts.
    pub client_address_header: Option<axum::http::HeaderName>,
    /// The SMTP server and from-address (`QUICKSCAN_SMTP_URL`, `QUICKSCAN_MAIL_FROM`); `None`:
    /// e-mail is off.
    pub mail: Option<app::mail::MailSettings>,
    /// The model id new rounds use (`QUICKSCAN_MODEL_FOR_NEW_ROUNDS`); `None`: the newest.
    pub model_for_new_rounds: Option<String>,
    /// How many days audit events are kept (`QUICKSCAN_AUDIT_RETENTION_DAYS`, default 730).
    pub audit_retention_days: u64,
}

/// A setting that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// A threshold below the minimum or not a number.
    #[error("{name} must be a whole number of at least {min}, not {value}")]
    BadThreshold {
        /// The variable.
        name: &'static str,
        /// The lowest accepted value.
        min: usize,
        /// What was given.
        value: String,
    },
    /// A number setting that is not a positive whole number.
    #[error("{name} must be a whole number from 1 to {max}, not {value}")]
    BadNumber {
        /// The variable.
        name: &'static str,
        /// The highest accepted value.
        max: u64,
        /// What was given.
        value: String,
    },
    /// A public address that is not an http(s) address.
    #[error("QUICKSCAN_PUBLIC_URL must be an address like https://quickscan.example, not {0}")]
    BadPublicUrl(String),
    /// A header name that is not one.
    #[error("QUICKSCAN_CLIENT_ADDRESS_HEADER is not a header name: {0}")]
    BadHeader(String),
    /// An address that does not parse.
    #[error("{name} is not an address like 127.0.0.1:3000: {value}")]
    BadAddress {
        /// The variable.
        name: &'static str,
        /// Its value.
        value: String,
    },
    /// The mail settings cannot be used.
    #[error(transparent)]
    Mail(#[from] app::mail::MailSettingsError),
}

impl Config {
    /// Reads `DATABASE_URL`, `QUICKSCAN_MODELS_DIR`, `LEPTOS_SITE_ADDR` (or `QUICKSCAN_ADDR`),
    /// `QUICKSCAN_PUBLIC_URL`, `QUICKSCAN_DEMO`, `QUICKSCAN_ANONYMITY_THRESHOLD` (organisations per
    /// peer group), `QUICKSCAN_MIN_RESPONDENTS` (respondents behind any figure), and
    /// `QUICKSCAN_SMTP_URL` with `QUICKSCAN_MAIL_FROM` (e-mail; off when no URL is set).
    pub fn from_env() -> Result<Config, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let (addr_name, addr_value) = match (var("QUICKSCAN_ADDR"), var("LEPTOS_SITE_ADDR")) {
            (Some(value), _) => ("QUICKSCAN_ADDR", value),
            (None, Some(value)) => ("LEPTOS_SITE_ADDR", value),
            (None, None) => ("QUICKSCAN_ADDR", "127.0.0.1:3000".to_owned()),
        };
        let addr: SocketAddr = addr_value.parse().map_err(|_| ConfigError::BadAddress {
            name: addr_name,
            value: addr_value.clone(),
        })?;
        let public_url = var("QUICKSCAN_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .to_owned();
        // Posts are accepted only from this origin, so it must be one.
        if crate::origin_check::Origin::of(&public_url).is_none() {
            return Err(ConfigError::BadPublicUrl(public_url));
        }
        let threshold = |name: &'static str| match var(name) {
            None => Ok(AnonymityThreshold::DEFAULT),
            Some(value) => value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| AnonymityThreshold::new(n).ok())
                .ok_or(ConfigError::BadThreshold {
                    name,
                    min: AnonymityThreshold::MINIMUM.get(),
                    value,
                }),
        };
        let anonymity_threshold = threshold("QUICKSCAN_ANONYMITY_THRESHOLD")?;
        let min_respondents = threshold("QUICKSCAN_MIN_RESPONDENTS")?;
        let number = |name: &'static str, default: u64, max: u64| match var(name) {
            None => Ok(default),
            Some(value) => value
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(ConfigError::BadNumber { name, max, value }),
        };
        Ok(Config {
            anonymity_threshold,
            min_respondents,
            upload_limit_bytes: number("QUICKSCAN_UPLOAD_LIMIT_MB", 10, 1024)? * 1024 * 1024,
            reader_exe: var("QUICKSCAN_READER_EXE")
                .map(PathBuf::from)
                .or_else(|| std::env::current_exe().ok())
                .unwrap_or_else(|| PathBuf::from("server")),
            reader_memory_mb: number("QUICKSCAN_READER_MEMORY_MB", 1024, 65_536)?,
            reader_timeout_seconds: number("QUICKSCAN_READER_TIMEOUT_SECONDS", 30, 3600)?,
            readers_at_once: number("QUICKSCAN_READERS_AT_ONCE", 2, 64)? as usize,
            client_address_header: match var("QUICKSCAN_CLIENT_ADDRESS_HEADER") {
                None => None,
                Some(name) => Some(
                    axum::http::HeaderName::try_from(name.trim())
                        .map_err(|_| ConfigError::BadHeader(name.clone()))?,
                ),
            },
            model_for_new_rounds: var("QUICKSCAN_MODEL_FOR_NEW_ROUNDS"),
            audit_retention_days: number(
                "QUICKSCAN_AUDIT_RETENTION_DAYS",
                quickscan_domain::audit::DEFAULT_RETENTION_DAYS,
                36_500,
            )?,
            mail: app::mail::MailSettings::from_values(
                var("QUICKSCAN_SMTP_URL").as_deref(),
                var("QUICKSCAN_MAIL_FROM").as_deref(),
            )?,
            database_url: var("DATABASE_URL").unwrap_or_else(default_database_url),
            models_dir: var("QUICKSCAN_MODELS_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(default_models_dir),
            addr,
            public_url,
            demo: var("QUICKSCAN_DEMO").is_some_and(|v| v != "0" && v != "false"),
        })
    }
}

/// A SQLite file next to the server binary.
fn default_database_url() -> String {
    let dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."));
    format!(
        "sqlite://{}?mode=rwc",
        dir.join("quickscan.sqlite").display()
    )
}

/// `app/models` under the working directory, else the one in the source tree.
fn default_models_dir() -> PathBuf {
    let local = PathBuf::from("app/models");
    if local.is_dir() {
        local
    } else {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/models"))
    }
}
