//! The `server` command line: `serve` (the default), `create-admin`, `import`, and the internal
//! `read-spreadsheet` the import sandbox runs in a child process.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use quickscan_domain::import::{validate_workbook, ImportProblem, ReadFailure, Validated};
use quickscan_domain::Lang;
use tracing_subscriber::EnvFilter;

use crate::import::content_hash;
use crate::import::sandbox::{child_main, CHILD_COMMAND};
use crate::{build_app, demo, Config};

const USAGE: &str = "\
Usage: server [serve]
       server create-admin EMAIL [NAME]
       server import FILE --org CODE [--dry-run] [--lang nl|en|fr]
       server backup FILE

  serve          run the web application (the default)
  create-admin   create an association admin account; the password is read from
                 QUICKSCAN_ADMIN_PASSWORD or, if unset, from the first line of standard input
  import         import answers from a spreadsheet (xlsx, xlsm, xls, ods, csv) for the
                 organisation with NIS code CODE; --dry-run checks and shows what would be
                 written without writing. Exit status: 0 imported (or a clean dry run),
                 1 the file or its content was refused (one problem per line on stderr), 2 usage
  backup         copy the SQLite database to FILE (a new file), consistent while the server
                 runs, and check the copy; to restore, stop the server and put FILE where
                 DATABASE_URL points. PostgreSQL: use pg_dump and pg_restore (see README)

Settings come from the environment:
  DATABASE_URL           sqlite://path?mode=rwc (default: quickscan.sqlite next to the binary)
                         or postgres://user@host/database
  QUICKSCAN_ADDR         address to listen on (default 127.0.0.1:3000)
  QUICKSCAN_PUBLIC_URL   address users reach the server at, for printed links
  QUICKSCAN_MODELS_DIR   folder with the maturity model files (default app/models)
  QUICKSCAN_MODEL_FOR_NEW_ROUNDS  model id new rounds use (default: the newest loaded)
  QUICKSCAN_DEMO=1       seed demo data into an empty database and print a demo link
  QUICKSCAN_ANONYMITY_THRESHOLD   smallest peer group shown (default 5, at least 3)
  QUICKSCAN_UPLOAD_LIMIT_MB       largest spreadsheet accepted (default 10)
  QUICKSCAN_READER_MEMORY_MB      memory limit of the spreadsheet reader process (default 1024)
  QUICKSCAN_READER_TIMEOUT_SECONDS  time limit of the spreadsheet reader process (default 30)
  QUICKSCAN_SMTP_URL     mail server for invitations by e-mail, e.g. smtp://127.0.0.1:2525 or
                         smtps://user:password@host (default: e-mail off)
  QUICKSCAN_MAIL_FROM    the sender, e.g. \"QuickScan <quickscan@example.be>\" (required with
                         QUICKSCAN_SMTP_URL)";

/// Runs the command line; `main` is only this.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The sandboxed reader runs before anything else: no runtime, no logging, no database.
    if args.first().map(String::as_str) == Some(CHILD_COMMAND) {
        return child_main(args.get(1).map(String::as_str).unwrap_or("upload"));
    }
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
    runtime.block_on(dispatch(args))
}

async fn dispatch(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("create-admin") => match (args.get(1), args.get(3)) {
            (Some(email), None) => create_admin(email, args.get(2).map(String::as_str)).await,
            _ => {
                eprintln!("create-admin needs an e-mail address and optionally a name\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("import") => match ImportArgs::parse(&args[1..]) {
            Ok(import) => run_import(import).await,
            Err(message) => {
                eprintln!("{message}\n\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("backup") => match (args.get(1), args.get(2)) {
            (Some(file), None) => run_backup(Path::new(file)).await,
            _ => {
                eprintln!("backup needs one file name\n\n{USAGE}");
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
    file: String,
    org: String,
    dry_run: bool,
    lang: Lang,
}

impl ImportArgs {
    fn parse(args: &[String]) -> Result<ImportArgs, String> {
        let (mut file, mut org, mut dry_run, mut lang) = (None, None, false, Lang::En);
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "--dry-run" => dry_run = true,
                "--org" => {
                    org = Some(
                        rest.next()
                            .ok_or("--org needs an organisation code")?
                            .clone(),
                    )
                }
                "--lang" => {
                    let code = rest.next().ok_or("--lang needs nl, en or fr")?;
                    lang = Lang::from_code(code).ok_or(format!("unknown language: {code}"))?;
                }
                flag if flag.starts_with("--") => return Err(format!("unknown option: {flag}")),
                path if file.is_none() => file = Some(path.to_owned()),
                extra => return Err(format!("one file at a time, not also {extra}")),
            }
        }
        Ok(ImportArgs {
            file: file.ok_or("import needs a file")?,
            org: org.ok_or("import needs --org CODE")?,
            dry_run,
            lang,
        })
    }
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
    let path = Path::new(&args.file);
    let size = match std::fs::metadata(path) {
        Ok(meta) => meta.len(),
        Err(error) => {
            eprintln!("cannot read {}: {error}", args.file);
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
            eprintln!("cannot read {}: {error}", args.file);
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

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn import_arguments_parse_and_usage_errors_are_named() {
        assert_eq!(
            ImportArgs::parse(&args(&["a.xlsx", "--org", "13008", "--dry-run"])),
            Ok(ImportArgs {
                file: "a.xlsx".into(),
                org: "13008".into(),
                dry_run: true,
                lang: Lang::En
            })
        );
        assert_eq!(
            ImportArgs::parse(&args(&["a.xlsx"])),
            Err("import needs --org CODE".into())
        );
        assert_eq!(
            ImportArgs::parse(&args(&["--org", "1"])),
            Err("import needs a file".into())
        );
        assert_eq!(
            ImportArgs::parse(&args(&["a", "b", "--org", "1"])),
            Err("one file at a time, not also b".into())
        );
        assert_eq!(
            ImportArgs::parse(&args(&["a", "--org", "1", "--lang", "de"])),
            Err("unknown language: de".into())
        );
    }
}
