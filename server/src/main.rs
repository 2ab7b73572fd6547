//! The `server` binary: `server [serve]` runs QuickScan.

use std::process::ExitCode;

use server::{build_app, demo, Config};
use tracing_subscriber::EnvFilter;

const USAGE: &str = "\
Usage: server [serve]

  serve      run the web application (the default)

Settings come from the environment:
  DATABASE_URL           sqlite://path?mode=rwc (default: quickscan.sqlite next to the binary)
                         or postgres://user@host/database
  QUICKSCAN_ADDR         address to listen on (default 127.0.0.1:3000)
  QUICKSCAN_PUBLIC_URL   address users reach the server at, for printed links
  QUICKSCAN_MODELS_DIR   folder with the maturity model files (default app/models)
  QUICKSCAN_DEMO=1       seed demo data into an empty database and print a demo link";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command: {other}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

async fn serve() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("QuickScan cannot start: {error}");
            return ExitCode::from(1);
        }
    };
    let app = match build_app(&config).await {
        Ok(app) => app,
        Err(error) => {
            eprintln!("QuickScan cannot start: {error}");
            return ExitCode::from(1);
        }
    };
    if config.demo {
        if let Err(error) = announce_demo(&app, &config).await {
            eprintln!("QuickScan cannot create its demo data: {error}");
            return ExitCode::from(1);
        }
    }
    println!("QuickScan is running at {}/", config.public_url);
    match app.serve(config.addr).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("QuickScan stopped: {error}");
            ExitCode::from(1)
        }
    }
}

async fn announce_demo(app: &server::Application, config: &Config) -> Result<(), sea_orm::DbErr> {
    if demo::seed_if_empty(&app.ctx.db, app.ctx.models.current()).await? {
        println!("Demo data created: six Flemish cities and one open scan round.");
    }
    match demo::unused_demo_invitation(&app.ctx.db).await? {
        Some(token) => println!("Demo invitation link: {}/s/{token}", config.public_url),
        None => println!("This database holds real data; no demo link."),
    }
    Ok(())
}
