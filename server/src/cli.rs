//! The `server` command line (clap): `serve` (the default), `create-admin`, `create-user`,
//! `import`, `backup`, and the internal `read-spreadsheet` the import sandbox runs in a child
//! process (not among the commands of the help).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use quickscan_domain::import::{validate_workbook, ImportProblem, ReadFailure, Validated};
use quickscan_domain::Lang;
use tracing_subscriber::EnvFilter;

use crate::import::content_hash;
use crate::import::sandbox::{child_main, CHILD_COMMAND};
use crate::{build_app, demo, Config};

/// The settings, shown after every command's help.
const SETTINGS: &str = "\
Settings come from the environment:
  DATABASE_URL           sqlite://path?mode=rwc (default: quickscan.sqlite next to the binary)
                         or postgres://user@host/database
  QUICKSCAN_ADDR         address to listen on (default 127.0.0.1:3000)
  QUICKSCAN_PUBLIC_URL   address users reach the server at, for printed links
  QUICKSCAN_MODELS_DIR   folder with the maturity model files (default app/models)
  QUICKSCAN_MODEL_FOR_NEW_ROUNDS  model id new rounds use (default: the newest loaded)
  QUICKSCAN_DEMO=1       seed demo data into an empty database and print a demo link
  QUICKSCAN_ANONYMITY_THRESHOLD   smallest peer group shown (default 5, at least 3)
  QUICKSCAN_MIN_RESPONDENTS       fewest respondents behind any figure (default 5, at least 3)
  QUICKSCAN_UPLOAD_LIMIT_MB       largest spreadsheet accepted (default 10)
  QUICKSCAN_READER_MEMORY_MB      memory limit of the spreadsheet reader process (default 1024)
  QUICKSCAN_READER_TIMEOUT_SECONDS  time limit of the spreadsheet reader process (default 30)
  QUICKSCAN_AUDIT_RETENTION_DAYS  how long audit events are kept (default 730)
  QUICKSCAN_SMTP_URL     mail server for invitations and account links, e.g.
                         smtp://127.0.0.1:2525 or smtps://user:password@host (default: e-mail off)
  QUICKSCAN_MAIL_FROM    the sender, e.g. \"QuickScan <quickscan@example.be>\" (required with
                         QUICKSCAN_SMTP_URL)";

/// QuickScan integrity policy: the web application and its set-up commands.
#[derive(Debug, Parser)]
#[command(name = "server", version, after_help = SETTINGS)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// A command; without one, `serve`.
#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web application (the default).
    Serve,
    /// Create an association admin account. The password is read from
    /// QUICKSCAN_ADMIN_PASSWORD or, if unset, from the first line of standard input.
    CreateAdmin {
        /// The admin's e-mail address (their sign-in name).
        email: String,
        /// Their name as the pages show it (default: the address).
        name: Option<String>,
    },
    /// Create a coordinator or advisor account and print its one-time activation link (valid
    /// 7 days), with which the account sets its own password. Exit status: 0 created,
    /// 1 refused (the reason on stderr), 2 usage.
    CreateUser {
        /// coordinator (of one organisation) or advisor (of one or more).
        #[arg(long, value_enum)]
        role: NewRole,
        /// The account's e-mail address.
        email: String,
        /// The NIS code of an organisation; repeat for an advisor's several.
        #[arg(long = "org", value_name = "CODE", required = true)]
        organisations: Vec<String>,
        /// Their name as the pages show it (default: the address).
        #[arg(long)]
        name: Option<String>,
    },
    /// Import answers from a spreadsheet (xlsx, xlsm, xls, ods, csv) for one organisation.
    /// Exit status: 0 imported (or a clean dry run), 1 the file or its content was refused
    /// (one problem per line on stderr), 2 usage.
    Import {
        /// The spreadsheet.
        file: PathBuf,
        /// The organisation's NIS code.
        #[arg(long, value_name = "CODE")]
        org: String,
        /// Check and show what would be written, without writing.
        #[arg(long)]
        dry_run: bool,
        /// The language of the messages.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
    /// The association's organisation list.
    #[command(subcommand)]
    Organisations(OrganisationsCommand),
    /// Copy the SQLite database to FILE (a new file), consistent while the server runs, and
    /// check the copy; to restore, stop the server and put FILE where DATABASE_URL points.
    /// PostgreSQL: use pg_dump and pg_restore (see README).
    Backup {
        /// The new file.
        file: PathBuf,
    },
    /// What the benchmark (`./dev bench`) runs: seeding a synthetic sector, in-process
    /// measurements, a large workbook, the static page. Not for a real database.
    #[command(subcommand)]
    Bench(crate::bench::command::BenchCommand),
}

/// What `organisations` does.
#[derive(Debug, Subcommand)]
enum OrganisationsCommand {
    /// Import an organisation list (xlsx, ods, xls, csv): a header row with NIS code, name,
    /// kind, province and population, then one organisation per row. Organisations are
    /// matched by NIS code: new ones are added, known ones updated, the same list twice
    /// changes nothing. Exit status: 0 imported (or a clean dry run), 1 refused (one problem
    /// per line on stderr), 2 usage.
    Import {
        /// The spreadsheet.
        file: PathBuf,
        /// Check and show what would change, without writing.
        #[arg(long)]
        dry_run: bool,
        /// The language of the messages.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
}

/// The roles `create-user` gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NewRole {
    /// An organisation's integrity coordinator.
    Coordinator,
    /// An advisor of the association, for the organisations assigned.
    Advisor,
}

fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| format!("unknown language {code}: nl, en or fr"))
}

/// Runs the command line; `main` is only this.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    // The sandboxed reader runs before anything else: no runtime, no logging, no database,
    // and it is no command of the help.
    if args.get(1).map(String::as_str) == Some(CHILD_COMMAND) {
        return child_main(args.get(2).map(String::as_str).unwrap_or("upload"));
    }
    // `--help` prints and exits 0; a usage error prints and exits 2.
    let cli = Cli::parse_from(args);
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("QuickScan cannot start its runtime: {error}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(dispatch(cli.command.unwrap_or(Command::Serve)))
}

async fn dispatch(command: Command) -> ExitCode {
    match command {
        Command::Serve => serve().await,
        Command::CreateAdmin { email, name } => create_admin(&email, name.as_deref()).await,
        Command::CreateUser {
            role,
            email,
            organisations,
            name,
        } => create_user(role, &email, &organisations, name.as_deref()).await,
        Command::Import {
            file,
            org,
            dry_run,
            lang,
        } => {
            run_import(ImportArgs {
                file,
                org,
                dry_run,
                lang,
            })
            .await
        }
        Command::Organisations(OrganisationsCommand::Import {
            file,
            dry_run,
            lang,
        }) => import_organisations(&file, dry_run, lang).await,
        Command::Backup { file } => run_backup(&file).await,
        Command::Bench(command) => crate::bench::command::run(command).await,
    }
}

/// `server organisations import FILE [--dry-run]`.
async fn import_organisations(file: &Path, dry_run: bool, lang: Lang) -> ExitCode {
    use app::staff::organisation_view::ListChange;
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) if bytes.len() as u64 <= config.upload_limit_bytes => bytes,
        Ok(bytes) => {
            let failure = ReadFailure::TooLarge {
                bytes: bytes.len() as u64,
                limit: config.upload_limit_bytes,
            };
            return refuse(&[ImportProblem::unreadable(failure)], 0, lang);
        }
        Err(error) => {
            eprintln!("cannot read {}: {error}", file.display());
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
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let workbook = match app.reader.read(&bytes, &file_name).await {
        Ok(workbook) => workbook,
        Err(failure) => return refuse(&[ImportProblem::unreadable(failure)], 0, lang),
    };
    let list = match quickscan_domain::organisation_list::read_organisation_list(&workbook) {
        Ok(list) => list.into_iter().map(|l| l.details).collect::<Vec<_>>(),
        Err(problems) => {
            for problem in problems {
                eprintln!("{}", problem.message(lang));
            }
            return ExitCode::from(1);
        }
    };
    let preview = match app::staff::organisations::list_changes(
        &app.ctx.db,
        &file_name,
        list.clone(),
    )
    .await
    {
        Ok(preview) => preview,
        Err(error) => {
            eprintln!("{}", error.message(lang));
            return ExitCode::from(1);
        }
    };
    println!(
        "{file_name}: {}",
        (lang.texts().organisations.preview)(
            preview.count(ListChange::New),
            preview.count(ListChange::Updated),
            preview.count(ListChange::Unchanged)
        )
    );
    if dry_run {
        println!("dry run: nothing was written");
        return ExitCode::SUCCESS;
    }
    match app::staff::organisations::write_list(&app.ctx, &list).await {
        Ok((added, updated)) => {
            println!("{}", (lang.texts().organisations.imported)(added, updated));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("nothing was imported: {}", error.message(lang));
            ExitCode::from(1)
        }
    }
}

/// `server create-user`: the account and its activation link on stdout.
async fn create_user(
    role: NewRole,
    email: &str,
    organisations: &[String],
    name: Option<&str>,
) -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let db = match crate::database::connect_and_migrate(&config.database_url).await {
        Ok(db) => db,
        Err(error) => {
            eprintln!("cannot open the database: {error}");
            return ExitCode::from(1);
        }
    };
    let codes = organisations.join(" ");
    let new = app::staff::accounts::NewAccount {
        email,
        display_name: name.unwrap_or(email),
        role: match role {
            NewRole::Coordinator => "coordinator",
            NewRole::Advisor => "advisor",
        },
        organisations: &codes,
    };
    match app::staff::accounts::create_account_with_link(&db, new).await {
        Ok((account, token)) => {
            println!("{} account created for {}.", new.role, account.email);
            println!(
                "Activation link (works once, for {} days): {}{}",
                app::auth::links::ACTIVATION_LIFETIME.num_days(),
                config.public_url,
                app::paths::ACCOUNT_LINK.with(token)
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("No account created: {}", error.message(Lang::En));
            ExitCode::from(1)
        }
    }
}

/// `server backup FILE`: 0 when the checked copy is there, 1 when it could not be made.
async fn run_backup(file: &Path) -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    match crate::backup::backup(&config.database_url, file).await {
        Ok(()) => {
            println!("backup written to {}", file.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("no backup: {error}");
            ExitCode::from(1)
        }
    }
}

/// `server import FILE --org CODE [--dry-run] [--lang nl|en|fr]`.
#[derive(Debug, PartialEq)]
struct ImportArgs {
    file: PathBuf,
    org: String,
    dry_run: bool,
    lang: Lang,
}

/// Prints every problem on stderr, one per line, and says the file was refused.
fn refuse(problems: &[ImportProblem], omitted: usize, lang: Lang) -> ExitCode {
    for problem in problems {
        eprintln!("{}", problem.message(lang));
    }
    if omitted > 0 {
        eprintln!("… and {omitted} more problems");
    }
    ExitCode::from(1)
}

async fn run_import(args: ImportArgs) -> ExitCode {
    let lang = args.lang;
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(1);
        }
    };
    let path = args.file.as_path();
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.display());
            return ExitCode::from(1);
        }
    };
    if size > config.upload_limit_bytes {
        let failure = ReadFailure::TooLarge {
            bytes: size,
            limit: config.upload_limit_bytes,
        };
        return refuse(&[ImportProblem::unreadable(failure)], 0, lang);
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {}: {error}", path.display());
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
    let db = &app.ctx.db;
    let organisation = match app::staff::import::organisation_by_code(db, &args.org).await {
        Ok(Some(organisation)) => organisation,
        Ok(None) => {
            eprintln!("no organisation has the code {}", args.org);
            return ExitCode::from(1);
        }
        Err(error) => {
            eprintln!("database: {error}");
            return ExitCode::from(1);
        }
    };
    let model = app.ctx.models.current();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let validated = match app.reader.read(&bytes, &file_name).await {
        Ok(workbook) => validate_workbook(&workbook, model, &organisation.code),
        Err(failure) => Validated::failed(ImportProblem::unreadable(failure)),
    };
    let hash = content_hash(&bytes);
    let facts = match app::staff::import::describe(db, organisation.id, model, &hash).await {
        Ok(facts) => facts,
        Err(error) => {
            eprintln!("database: {error}");
            return ExitCode::from(1);
        }
    };
    println!(
        "{} ({}), {}",
        organisation.name, organisation.code, file_name
    );
    for notice in &validated.notices {
        println!("note: {}", notice.message(lang));
    }
    if !validated.is_clean() {
        return refuse(&validated.problems, validated.problems_omitted, lang);
    }
    let replaced = validated
        .respondents
        .iter()
        .filter(|r| facts.replaced.contains(&r.key))
        .count();
    println!(
        "{} respondents, {} answers, {} replacing an earlier import, into {}",
        validated.respondents.len(),
        validated.answer_count(),
        replaced,
        match &facts.target {
            Some(round) => format!("the open round \"{}\"", round.name),
            None => "a new round".to_owned(),
        }
    );
    if let Some(at) = facts.already_imported_at {
        println!(
            "this file was imported before, on {}; importing it again changes nothing",
            at.format("%Y-%m-%d %H:%M")
        );
    }
    if args.dry_run {
        println!("dry run: nothing was written");
        return ExitCode::SUCCESS;
    }
    let upload_id = match app::staff::import::record_upload(
        db,
        app::staff::import::NewUpload {
            organisation_id: organisation.id,
            uploaded_by: None,
            file_name: &file_name,
            content_hash: &hash,
            byte_size: size,
            validated: &validated,
        },
    )
    .await
    {
        Ok(id) => id,
        Err(error) => {
            eprintln!("database: {error}");
            return ExitCode::from(1);
        }
    };
    let mut progress = Progress::new(validated.respondents.len());
    let result = app::staff::import::apply_upload(db, model, upload_id, &mut |done, total| {
        progress.tick(done, total)
    })
    .await;
    progress.finish();
    match result {
        Ok(applied) if applied.unchanged => {
            println!("nothing changed: this file had been imported before");
            ExitCode::SUCCESS
        }
        Ok(applied) => {
            println!("imported {} respondents", applied.respondents);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("nothing was imported: {error}");
            ExitCode::from(1)
        }
    }
}

/// A progress bar on a terminal; on a pipe, a line every 5 %.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    next_line: usize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} respondents")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar, next_line: 0 }
    }

    fn tick(&mut self, done: usize, total: usize) {
        match &self.bar {
            Some(bar) => bar.set_position(done as u64),
            None if done >= self.next_line => {
                eprintln!("written {done}/{total} respondents (not committed yet)");
                self.next_line = done + (total / 20).max(1);
            }
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
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
                quickscan_domain::password::MIN_PASSWORD_CHARS
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
    let db = match crate::database::connect_and_migrate(&config.database_url).await {
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

async fn announce_demo(app: &crate::Application, config: &Config) -> Result<(), demo::DemoError> {
    if demo::seed_full_demo(&app.ctx).await? {
        println!("Demo data created: 30 Flemish cities and municipalities with two closed rounds each, and an open round for Geel.");
    }
    if demo::has_demo_users(&app.ctx.db).await? {
        println!("Staff logins ({}/login):", config.public_url);
        for (role, email, _, password) in demo::DEMO_USERS {
            println!("  {:<12} {email} / {password}", role.code());
        }
    }
    match demo::demo_invitation(&app.ctx.db).await? {
        Some(token) => println!("Demo invitation link: {}/s/{token}", config.public_url),
        None => println!("This database holds real data; no demo link."),
    }
    if let Some(slug) = demo::demo_open_link(&app.ctx.db).await? {
        println!(
            "Demo open group link: {}{}",
            config.public_url,
            app::paths::OPEN_LINK.with(slug)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(list: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("server").chain(list.iter().copied()))
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn import_arguments_parse_and_usage_errors_are_named() {
        let cli = parse(&["import", "a.xlsx", "--org", "13008", "--dry-run"]).unwrap();
        match cli.command {
            Some(Command::Import {
                file,
                org,
                dry_run,
                lang,
            }) => {
                assert_eq!(file, PathBuf::from("a.xlsx"));
                assert_eq!((org.as_str(), dry_run, lang), ("13008", true, Lang::En));
            }
            other => panic!("{other:?}"),
        }
        for (args, needle) in [
            (&["import", "a.xlsx"][..], "--org"),
            (&["import", "--org", "1"][..], "FILE"),
            (&["import", "a", "b", "--org", "1"][..], "'b'"),
            (&["import", "a", "--org", "1", "--lang", "de"][..], "de"),
            (&["create-user", "x@y.be", "--org", "1"][..], "--role"),
            (
                &["create-user", "--role", "admin", "x@y.be", "--org", "1"][..],
                "admin",
            ),
            (&["frobnicate"][..], "frobnicate"),
        ] {
            let error = parse(args).expect_err("a usage error");
            assert_eq!(error.exit_code(), 2, "{args:?}");
            assert!(error.to_string().contains(needle), "{args:?}: {error}");
        }
    }

    #[test]
    fn every_command_has_help_and_the_reader_is_not_among_them() {
        for args in [
            &["--help"][..],
            &["import", "--help"],
            &["create-user", "--help"],
            &["help"],
        ] {
            let error = parse(args).expect_err("help is printed by clap");
            assert_eq!(error.exit_code(), 0, "{args:?}");
        }
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("create-user") && help.contains("QUICKSCAN_AUDIT_RETENTION_DAYS"));
        assert!(!help.contains(CHILD_COMMAND));
        let cli = parse(&[
            "create-user",
            "--role",
            "advisor",
            "a@b.be",
            "--org",
            "1",
            "--org",
            "2",
        ])
        .unwrap();
        assert!(
            matches!(cli.command, Some(Command::CreateUser { organisations, .. }) if organisations == ["1", "2"])
        );
        assert!(parse(&[]).unwrap().command.is_none(), "no command: serve");
    }
}
