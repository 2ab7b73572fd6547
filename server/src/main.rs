//! The `server` binary: `server [serve]` runs QuickScan.

use std::process::ExitCode;

use server::{build_app, demo, Config};
use tracing_subscriber::EnvFilter;

const USAGE: &str = "\
Usage: server [serve]
       server create-admin EMAIL [NAME]

  serve          run the web application (the default)
  create-admin   create an association admin account; the password is read from
                 QUICKSCAN_ADMIN_PASSWORD or, if unset, from the first line of standard input

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
        Some("create-admin") => match (args.get(1), args.get(3)) {
            (Some(email), None) => create_admin(email, args.get(2).map(String::as_str)).await,
            _ => {
                eprintln!("create-admin needs an e-mail address and optionally a name\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
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

async fn create_admin(email: &str, name: Option<&str>) -> ExitCode {
    let password = match std::env::var("QUICKSCAN_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            eprintln!(
                "Password for {email} (at least {} characters):",
                app::auth::service::MIN_PASSWORD_CHARS
            );
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                eprintln!("could not read a password from standard input");
                return ExitCode::from(1);
            }
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    let db = match server::database::connect_and_migrate(&config.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("cannot open the database: {error}");
            return ExitCode::from(1);
        }
    };
    let new = app::auth::service::NewUser {
        email,
        display_name: name.unwrap_or(email),
        password: &password,
        role: app::auth::Role::Admin,
        organisation_id: None,
    };
    match app::auth::service::create_user(&db, new).await {
        Ok(user) => {
            println!("Admin account created for {}.", user.email);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("No account created: {error}");
            ExitCode::from(1)
        }
    }
}

async fn announce_demo(app: &server::Application, config: &Config) -> Result<(), demo::DemoError> {
    if demo::seed_full_demo(&app.ctx).await? {
        println!("Demo data created: 30 Flemish cities and municipalities with two closed rounds each, and an open round for Geel.");
    }
    if demo::has_demo_users(&app.ctx.db).await? {
        println!("Staff logins ({}/login):", config.public_url);
        for (role, email, _, password) in demo::DEMO_USERS {
            println!("  {:<12} {email} / {password}", role.code());
        }
    }
    match demo::unused_demo_invitation(&app.ctx.db).await? {
        Some(token) => println!("Demo invitation link: {}/s/{token}", config.public_url),
        None => println!("This database holds real data; no demo link."),
    }
    Ok(())
}
