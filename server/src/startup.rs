//! Building the application from its configuration: models, database, router.

use std::net::SocketAddr;
use std::sync::Arc;

use app::paths;
use app::server_context::{ModelCatalog, ServerContext};
use app::{shell, App};
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::{middleware, Router};
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use sea_orm::DbErr;
use thiserror::Error;

use crate::config::{Config, ConfigError};
use crate::database;
use crate::import::ReaderSandbox;
use crate::models::{load_models, register_models, ModelLoadError};
use crate::origin_check::require_same_origin;
use crate::security_headers::{security_headers, Https};
use crate::staff_request::render_refusals;

/// Why the server did not start.
#[derive(Debug, Error)]
pub enum StartupError {
    /// A setting is wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A model file is missing or invalid.
    #[error(transparent)]
    Models(#[from] ModelLoadError),
    /// `QUICKSCAN_MODEL_FOR_NEW_ROUNDS` names a model that is not loaded.
    #[error("QUICKSCAN_MODEL_FOR_NEW_ROUNDS is {wanted}, but the loaded models are {loaded}")]
    UnknownModelForNewRounds {
        /// The id configured.
        wanted: String,
        /// The ids loaded.
        loaded: String,
    },
    /// The database cannot be reached or migrated.
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// Stored figures could not be brought under the configured thresholds.
    #[error("stored results could not be brought under the configured thresholds: {0}")]
    Thresholds(app::staff::StaffError),
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

/// The router's state: Leptos' options and our server context.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Leptos' options (site root, output name).
    pub leptos_options: LeptosOptions,
    /// Database and models.
    pub ctx: ServerContext,
    /// How uploaded spreadsheets are read.
    pub reader: ReaderSandbox,
    /// The header a reverse proxy puts the client's address in, if one is trusted.
    pub client_address_header: Option<axum::http::HeaderName>,
}

/// A built application, ready to serve.
pub struct Application {
    /// The complete router.
    pub router: Router,
    /// Database and models, for start-up tasks and tests.
    pub ctx: ServerContext,
    /// How uploaded spreadsheets are read (also used by the `import` command).
    pub reader: ReaderSandbox,
}

/// Loads the models, connects and migrates the database, and builds the router.
pub async fn build_app(config: &Config) -> Result<Application, StartupError> {
    let loaded = load_models(&config.models_dir)?;
    let db = database::connect_and_migrate(&config.database_url).await?;
    register_models(&db, &loaded).await?;
    app::staff::mail::erase_addresses_of_closed_rounds(&db).await?;
    let mut catalog = ModelCatalog::new(loaded.into_iter().map(|l| l.model).collect())
        .expect("load_models never returns an empty list");
    if let Some(wanted) = &config.model_for_new_rounds {
        catalog = catalog.with_new_rounds_on(wanted).map_err(|loaded| {
            StartupError::UnknownModelForNewRounds {
                wanted: wanted.clone(),
                loaded,
            }
        })?;
    }
    let ctx = ServerContext {
        db,
        models: Arc::new(catalog),
        public_url: config.public_url.clone(),
        anonymity_threshold: config.anonymity_threshold,
        min_respondents: config.min_respondents,
        upload_limit_bytes: config.upload_limit_bytes,
        mail: config.mail.clone(),
        audit_retention_days: config.audit_retention_days,
        background: tokio_util::task::TaskTracker::new(),
    };
    let purged = app::staff::audit::purge(&ctx.db, ctx.audit_retention_days, chrono::Utc::now())
        .await
        .map_err(StartupError::Database)?;
    if purged > 0 {
        tracing::info!(purged, "audit events past the retention period deleted");
    }
    // Stored results and benchmarks were computed under some threshold; a raised one must
    // hide what it hides before any page is served.
    let reapplied = app::staff::rounds::reapply_thresholds(&ctx)
        .await
        .map_err(StartupError::Thresholds)?;
    if reapplied != Default::default() {
        tracing::info!(
            recomputed = reapplied.recomputed,
            removed = reapplied.removed,
            "stored round results brought under the configured respondent threshold"
        );
    }
    let reader = ReaderSandbox {
        exe: config.reader_exe.clone(),
        memory_limit_mb: config.reader_memory_mb,
        timeout: std::time::Duration::from_secs(config.reader_timeout_seconds),
        running: Arc::new(tokio::sync::Semaphore::new(config.readers_at_once)),
    };
    let router = router(
        ctx.clone(),
        reader.clone(),
        config.client_address_header.clone(),
        leptos_options(config),
    );
    Ok(Application {
        router,
        ctx,
        reader,
    })
}

/// Leptos' options from cargo-leptos' environment, or built here when run without it.
fn leptos_options(config: &Config) -> LeptosOptions {
    if std::env::var_os("LEPTOS_OUTPUT_NAME").is_some() {
        if let Ok(conf) = leptos::config::get_configuration(None) {
            return conf.leptos_options;
        }
    }
    LeptosOptions::builder()
        .output_name("quickscan")
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

fn router(
    ctx: ServerContext,
    reader: ReaderSandbox,
    client_address_header: Option<axum::http::HeaderName>,
    leptos_options: LeptosOptions,
) -> Router {
    // The body limit leaves room for the multipart envelope around the largest file.
    let upload_body_limit =
        usize::try_from(ctx.upload_limit_bytes + 64 * 1024).unwrap_or(usize::MAX);
    let state = AppState {
        leptos_options: leptos_options.clone(),
        ctx: ctx.clone(),
        reader,
        client_address_header,
    };
    let provide_server_context = move || provide_context(ctx.clone());
    let mut router = Router::new();
    for route in crate::routes::axum_routes() {
        let handler = if route.path == paths::IMPORT || route.path == paths::ORGANISATIONS_IMPORT {
            route
                .handler
                .layer(DefaultBodyLimit::max(upload_body_limit))
        } else {
            route.handler
        };
        router = router.route(route.path.pattern(), handler);
    }
    router
        .leptos_routes_with_context(
            &state,
            page_routes(),
            provide_server_context.clone(),
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_server_context, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            render_refusals,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::staff_request::resolve_signed_in,
        ))
        .layer(middleware::from_fn_with_state(
            crate::origin_check::Origin::of(&state.ctx.public_url),
            require_same_origin,
        ))
        .layer(middleware::from_fn_with_state(
            Https(state.ctx.public_url.starts_with("https://")),
            security_headers,
        ))
        .with_state(state)
}

impl Application {
    /// Serves until Ctrl-C.
    pub async fn serve(self, addr: SocketAddr) -> Result<(), StartupError> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| StartupError::Listen { addr, source })?;
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_requested())
        .await
        .map_err(|source| StartupError::Listen { addr, source })?;
        // The requests are answered; what they left running (a reset link being mailed)
        // gets a few seconds to finish.
        self.ctx.background.close();
        if tokio::time::timeout(BACKGROUND_GRACE, self.ctx.background.wait())
            .await
            .is_err()
        {
            tracing::warn!(
                left = self.ctx.background.len(),
                "stopped before background work finished"
            );
        }
        Ok(())
    }
}

/// The Leptos pages, listed once per process.
///
/// Listing them runs the whole app with resource loading suppressed through a process-wide
/// flag (leptos_server's `SuppressResourceLoad`), and a resource first polled while it is set
/// waits forever (leptos-rs/leptos#4773): a page rendering in the same process at that moment
/// hung until its client gave up. Listed once, before any router serves, no second
/// application in the process (the tests start many at once) lists them while another
/// renders.
pub fn page_routes() -> Vec<AxumRouteListing> {
    static PAGES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| generate_route_list(App)).clone()
}

/// How long a graceful stop waits for background work once the requests are answered.
const BACKGROUND_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Resolves on Ctrl-C or SIGTERM (what systemd, Docker and Kubernetes send to stop a
/// service): the server then stops accepting connections and finishes the requests it has.
async fn shutdown_requested() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM; only Ctrl-C stops gracefully");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests in progress");
}
