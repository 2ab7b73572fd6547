//! The import's safety as processes see it: hostile files through the command line and
//! through a running server (which must keep serving, within its memory budget), and an import
//! killed half-way (the database holds all of it or none of it). SQLite files only: these
//! tests are about processes, not about the database engine.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use app::db::{import_upload, organisation, response};
use app::paths;
use quickscan_tests::{fixture, server_binary, Page};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};

/// A fresh SQLite database with the schema and Geel in it.
struct Scratch {
    dir: PathBuf,
    url: String,
}

impl Scratch {
    async fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("qs-import-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("db.sqlite").display());
        let db = server::database::connect_and_migrate(&url).await.unwrap();
        organisation::ActiveModel {
            code: Set("13008".into()),
            name: Set("Geel".into()),
            kind: Set(organisation::StoredKind::City),
            province: Set("Antwerpen".into()),
            population: Set(41_900),
            ..Default::default()
        }
        .insert(&db)
        .await
        .unwrap();
        db.close().await.unwrap();
        Scratch { dir, url }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(server_binary());
        command
            .args(args)
            .env("DATABASE_URL", &self.url)
            .env(
                "QUICKSCAN_MODELS_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/../app/models"),
            )
            .env("RUST_LOG", "warn")
            .env_remove("QUICKSCAN_DEMO");
        command
    }

    /// `server import FILE --org CODE [--dry-run]`.
    fn import(&self, file: &Path, org: &str, dry_run: bool) -> Command {
        let mut args = vec!["import", file.to_str().unwrap(), "--org", org];
        if dry_run {
            args.push("--dry-run");
        }
        self.command(&args)
    }

    async fn count_responses(&self) -> u64 {
        let db = server::database::connect_and_migrate(&self.url)
            .await
            .unwrap();
        let count = response::Entity::find().count(&db).await.unwrap();
        db.close().await.unwrap();
        count
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits for a child, killing it if it hangs: a liveness guard, not a timing assertion.
fn wait_or_kill(child: &mut Child, guard: Duration) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > guard {
            let _ = child.kill();
            panic!("the process did not finish within {guard:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(mut command: Command) -> Run {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let err = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let status = wait_or_kill(&mut child, Duration::from_secs(120));
    Run {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Each hostile fixture and the words its refusal must contain.
const HOSTILE: [(&str, &str); 12] = [
    ("far-corner.xlsx", "the sheet holds no answers"),
    ("far-corner.ods", "damaged or incomplete"),
    ("dense-range.ods", "could not be read safely"),
    ("zip-bomb.xlsx", "unpacks to 300.0 MiB"),
    ("broken-xml.xlsx", "damaged or incomplete"),
    ("truncated.xlsx", "damaged or incomplete"),
    ("picture-renamed.xlsx", "this is not a spreadsheet"),
    ("million-empty-rows.xlsx", "more than 500000 cells"),
    ("million-empty-lines.csv", "more than 500000 cells"),
    ("password-protected.xlsx", "protected with a password"),
    ("excel4-legacy.xls", "outdated format"),
    ("garbage-ole.xls", "damaged or incomplete"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_dry_run_refuses_every_hostile_file_with_a_clear_message() {
    let scratch = Scratch::new("cli").await;
    for (file, expected) in HOSTILE {
        let path = fixture(&format!("hostile/{file}"));
        let result = run(scratch.import(&path, "13008", true));
        assert_eq!(result.code, Some(1), "{file}: {}", result.stderr);
        assert!(
            result.stderr.contains(expected),
            "{file}: {}",
            result.stderr
        );
        assert!(
            !result.stderr.contains("panicked") && !result.stderr.contains("backtrace"),
            "{file}: {}",
            result.stderr
        );
    }
    // Usage mistakes exit 2; a clean dry run exits 0 and writes nothing; a real import writes.
    assert_eq!(
        run(scratch.command(&["import", "--org", "13008"])).code,
        Some(2)
    );
    assert_eq!(run(scratch.command(&["import", "x.xlsx"])).code, Some(2));
    let good = fixture("openpyxl-answers.xlsx");
    let unknown = run(scratch.import(&good, "99999", false));
    assert_eq!(unknown.code, Some(1));
    assert!(unknown
        .stderr
        .contains("no organisation has the code 99999"));
    let dry = run(scratch.import(&good, "13008", true));
    assert_eq!(dry.code, Some(0), "{}", dry.stderr);
    assert!(dry.stdout.contains("3 respondents"), "{}", dry.stdout);
    assert_eq!(scratch.count_responses().await, 0);
    let real = run(scratch.import(&good, "13008", false));
    assert_eq!(real.code, Some(0), "{}", real.stderr);
    assert_eq!(scratch.count_responses().await, 3);
    let again = run(scratch.import(&good, "13008", false));
    assert_eq!(again.code, Some(0));
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    assert_eq!(scratch.count_responses().await, 3);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Posts a file to `/import` as the upload form would; `form` is (CSRF token, organisation).
async fn upload(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    (csrf, organisation): (&str, &str),
    file: &str,
    bytes: Vec<u8>,
) -> reqwest::Result<reqwest::Response> {
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_owned())
        .text("organisation", organisation.to_owned())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(file.to_owned()),
        );
    client
        .post(format!("{base}{}", paths::IMPORT.pattern()))
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
}

fn peak_rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    kib / 1024
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_server_survives_every_hostile_upload_within_its_memory_budget() {
    let scratch = Scratch::new("server").await;
    let mut admin = scratch.command(&["create-admin", "admin@test.be"]);
    admin.env("QUICKSCAN_ADMIN_PASSWORD", "a-long-test-password");
    assert_eq!(run(admin).code, Some(0));
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut serve = scratch.command(&["serve"]);
    serve
        .env("QUICKSCAN_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let server = KillOnDrop(serve.spawn().unwrap());
    let pid = server.0.id();
    // No pooled connections: the oversized upload below ends with the server dropping the
    // connection, which must not be mistaken for a server that stopped answering.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(
            [(reqwest::header::ORIGIN, base.parse().unwrap())]
                .into_iter()
                .collect(),
        )
        .build()
        .unwrap();
    let start = Instant::now();
    while client
        .get(format!("{base}{}", paths::HOME.pattern()))
        .send()
        .await
        .is_err()
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let login = client
        .post(format!("{base}{}", paths::LOGIN.pattern()))
        .form(&[
            ("email", "admin@test.be"),
            ("password", "a-long-test-password"),
        ])
        .send()
        .await
        .unwrap();
    let cookie = login
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("qs_session="))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .expect("logged in");
    let page = client
        .get(format!("{base}{}", paths::IMPORT.pattern()))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let parsed = Page::parse(&page);
    let csrf = parsed.attr("input[name=csrf]", "value").expect("csrf");
    let organisation = parsed
        .attrs("option", "value")
        .into_iter()
        .find(|v| !v.is_empty())
        .expect("an organisation");
    for (file, _) in HOSTILE {
        let bytes = std::fs::read(fixture(&format!("hostile/{file}"))).unwrap();
        let response = upload(&client, &base, &cookie, (&csrf, &organisation), file, bytes)
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 303, "{file}");
        let location = response.headers()[reqwest::header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned();
        let preview = client
            .get(format!("{base}{location}"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(preview.status().as_u16(), 200, "{file}");
        let text = preview.text().await.unwrap();
        assert!(
            text.contains("Problemen"),
            "{file}: the preview names the problem"
        );
        // The server answers the next request.
        assert_eq!(
            client
                .get(format!("{base}{}", paths::HOME.pattern()))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            200,
            "after {file}"
        );
    }
    let oversized = vec![b'a'; 11 * 1024 * 1024];
    let response = upload(
        &client,
        &base,
        &cookie,
        (&csrf, &organisation),
        "big.csv",
        oversized,
    )
    .await;
    if let Ok(response) = response {
        assert_eq!(response.status().as_u16(), 413);
    }
    assert_eq!(
        client
            .get(format!("{base}{}", paths::HOME.pattern()))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        200
    );
    let peak = peak_rss_mib(pid);
    eprintln!("server peak memory after every hostile upload: {peak} MiB");
    assert!(peak < 300, "the server's peak memory was {peak} MiB");
}

/// A CSV of `respondents` rows answering every statement of the model new rounds use.
fn large_csv(path: &Path, respondents: usize) {
    let loaded = server::models::load_models(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/models"
    )))
    .unwrap();
    let catalog =
        app::server_context::ModelCatalog::new(loaded.into_iter().map(|l| l.model).collect())
            .unwrap();
    let model = catalog.current();
    let ids: Vec<&str> = model
        .dimensions
        .iter()
        .flat_map(|d| d.statements.iter().map(|s| s.id.as_str()))
        .collect();
    let mut text = format!("organisation;respondent;{}\n", ids.join(";"));
    for r in 0..respondents {
        let answers: Vec<String> = (0..ids.len()).map(|s| ((r + s) % 5).to_string()).collect();
        text.push_str(&format!("13008;P{r:05};{}\n", answers.join(";")));
    }
    std::fs::write(path, text).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_half_way_leaves_all_of_it_or_none() {
    let scratch = Scratch::new("kill").await;
    let file = scratch.dir.join("large.csv");
    let respondents = 4_000;
    large_csv(&file, respondents);
    let mut import = scratch.import(&file, "13008", false);
    let mut child = import
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    // Wait until the import is writing, then kill it without warning.
    let mut saw_progress = false;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("written ") && !line.starts_with("written 1/") {
            saw_progress = true;
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        saw_progress,
        "the import reported progress before it was killed"
    );
    let after_kill = scratch.count_responses().await;
    assert!(
        after_kill == 0 || after_kill == respondents as u64,
        "half an import: {after_kill} responses"
    );

    // Run to the end: everything; and again: nothing changes.
    let done = run(scratch.import(&file, "13008", false));
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert_eq!(scratch.count_responses().await, respondents as u64);
    let db = server::database::connect_and_migrate(&scratch.url)
        .await
        .unwrap();
    let applied: Vec<_> = import_upload::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.applied_at.is_some())
        .collect();
    assert_eq!(
        applied.len(),
        1,
        "one upload applied: the killed one never was"
    );
    db.close().await.unwrap();
}
