//! The release server as a process, as production runs it: 200 respondents saving at once,
//! SIGKILL while they save and while a round closes, two servers on one PostgreSQL, a
//! graceful stop on SIGTERM, and its sandboxed spreadsheet reader on a large workbook.
//!
//! These drive the release build that `./dev test` makes for the browser stories (one build
//! for every process-level test), named by `QUICKSCAN_RELEASE_SERVER`. A plain `cargo test`
//! skips them as ignored; `./dev test` runs them with `--ignored` after that build, and then
//! a missing binary fails them rather than passing them silently.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app::db::{answer, invitation, response, round, round_result};
use app::paths;
use quickscan_tests::{spawn_app, Backend, TestApp, TEST_PASSWORD};
use rand::Rng;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// How long the load runs, in seconds (`QUICKSCAN_LOAD_SECONDS` shortens it locally).
fn load_seconds() -> u64 {
    std::env::var("QUICKSCAN_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
        .min(30)
}

fn release_binary() -> PathBuf {
    let binary = std::env::var("QUICKSCAN_RELEASE_SERVER").expect(
        "QUICKSCAN_RELEASE_SERVER names the release server binary (./dev test sets it after \
         building)",
    );
    let binary = PathBuf::from(binary);
    assert!(
        binary.is_file(),
        "no release server at {}",
        binary.display()
    );
    binary
}

/// A release server process on a database that a [`TestApp`] made (and seeds and reads).
struct Served {
    child: Child,
    base: String,
    client: reqwest::Client,
}

impl Served {
    /// Starts the server on `database_url` and waits until it answers.
    async fn start(database_url: &str) -> Served {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let site = std::env::temp_dir().join("quickscan-release-tests-site");
        let _ = std::fs::create_dir_all(&site);
        let mut child = Command::new(release_binary())
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", database_url)
            .env("QUICKSCAN_ADDR", format!("127.0.0.1:{port}"))
            .env("QUICKSCAN_PUBLIC_URL", &base)
            .env(
                "QUICKSCAN_MODELS_DIR",
                concat!(env!("CARGO_MANIFEST_DIR"), "/../app/models"),
            )
            .env("LEPTOS_SITE_ROOT", &site)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the release server");
        // Drain its output so it never blocks on a full pipe.
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || for _ in BufReader::new(stdout).lines() {});
        let client = client_for(&base);
        let started = Instant::now();
        loop {
            if let Ok(response) = client.get(format!("{base}/")).send().await {
                if response.status().is_success() {
                    break;
                }
            }
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the release server exited at start-up: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the release server did not answer within 60 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Served {
            child,
            base,
            client,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a signal (`KILL`, `TERM`) to the server process.
    fn signal(&self, name: &str) {
        let sent = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("kill");
        assert!(sent.success(), "kill -{name}");
    }

    /// POSTs a form; the status, or `None` when the connection failed.
    async fn post(&self, cookie: Option<&str>, path: &str, form: &[(&str, &str)]) -> Option<u16> {
        let mut request = self.client.post(self.url(path)).form(form);
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        request.send().await.ok().map(|r| r.status().as_u16())
    }

    /// Signs in; the session cookie.
    async fn sign_in(&self, email: &str, password: &str) -> Option<String> {
        quickscan_tests::sign_in(&self.client, &self.base, email, password).await
    }

    /// A signed-in page and its CSRF token.
    async fn csrf_token(&self, cookie: &str) -> String {
        let page = self
            .client
            .get(self.url(paths::DASHBOARD.pattern()))
            .header(reqwest::header::COOKIE, cookie)
            .send()
            .await
            .expect("GET /dashboard")
            .text()
            .await
            .expect("body");
        quickscan_tests::Page::parse(&page)
            .attr("input[name=csrf]", "value")
            .expect("a CSRF token on the dashboard")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client_for(base: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ORIGIN, base.parse().expect("an origin"));
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .default_headers(headers)
        .build()
        .expect("a client")
}

/// One simulated respondent: what the server acknowledged, and what it might have taken
/// without answering (the request in flight when the server died).
#[derive(Default, Clone)]
struct Ledger {
    acknowledged: HashMap<String, String>,
    in_flight: Option<(String, String)>,
    failures: Vec<String>,
    saves: u64,
}

/// Saves random answers on the first step as one respondent, one request after another,
/// until `until`; stops at the first failure when `stop_on_failure` (a killed server).
async fn respond(
    server: Arc<Served>,
    token: String,
    statements: Arc<Vec<String>>,
    until: Instant,
    stop_on_failure: bool,
) -> Ledger {
    let mut ledger = Ledger::default();
    let path = paths::scan_page(&token, 1);
    while Instant::now() < until {
        let (statement, value) = {
            let mut rng = rand::rng();
            let statement = statements[rng.random_range(0..statements.len())].clone();
            (statement, rng.random_range(0..5).to_string())
        };
        ledger.in_flight = Some((statement.clone(), value.clone()));
        let field = format!("answer:{statement}");
        let status = server
            .post(
                None,
                &path,
                &[(field.as_str(), value.as_str()), ("nav", "save")],
            )
            .await;
        match status {
            Some(303) => {
                ledger.acknowledged.insert(statement, value);
                ledger.in_flight = None;
                ledger.saves += 1;
            }
            other => {
                ledger.failures.push(format!("{path}: {other:?}"));
                if stop_on_failure {
                    break;
                }
            }
        }
    }
    ledger
}

/// The answers stored for a token's response, by statement.
async fn stored_answers(app: &TestApp, token: &str) -> HashMap<String, String> {
    let Some(invitation) = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(invitation::hash_token(token)))
        .one(&app.ctx.db)
        .await
        .expect("invitations")
    else {
        return HashMap::new();
    };
    let Some(response) = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(&app.ctx.db)
        .await
        .expect("responses")
    else {
        return HashMap::new();
    };
    answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response.id))
        .all(&app.ctx.db)
        .await
        .expect("answers")
        .into_iter()
        .map(|a| (a.statement_id, a.value))
        .collect()
}

/// Every acknowledged answer is stored; a statement may instead hold the one request in
/// flight when the server was killed (taken but not answered), never anything else.
async fn assert_nothing_acknowledged_is_lost(app: &TestApp, ledgers: &[(String, Ledger)]) {
    for (token, ledger) in ledgers {
        let stored = stored_answers(app, token).await;
        for (statement, value) in &ledger.acknowledged {
            let in_flight = ledger
                .in_flight
                .as_ref()
                .filter(|(s, _)| s == statement)
                .map(|(_, v)| v);
            let held = stored.get(statement);
            assert!(
                held == Some(value) || (held.is_some() && held == in_flight),
                "{statement}: acknowledged {value}, stored {held:?} (in flight {in_flight:?})"
            );
        }
    }
}

fn first_step_statements(app: &TestApp) -> Arc<Vec<String>> {
    Arc::new(
        app.ctx.models.current().dimensions[0]
            .statements
            .iter()
            .map(|s| s.id.clone())
            .collect(),
    )
}

async fn tokens_for(app: &TestApp, round_id: i32, count: usize) -> Vec<String> {
    let mut tokens = Vec::with_capacity(count);
    for _ in 0..count {
        tokens.push(app.issue_invitation(round_id, None).await);
    }
    tokens
}

macro_rules! on_both_databases_with_the_release_server {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[ignore = "drives the release build: ./dev test runs it with --ignored"]
                async fn sqlite() {
                    super::$test(quickscan_tests::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                #[ignore = "drives the release build: ./dev test runs it with --ignored"]
                async fn postgres() {
                    super::$test(quickscan_tests::Backend::Postgres).await
                }
            }
        )*
    };
}

on_both_databases_with_the_release_server!(
    two_hundred_respondents_saving_at_once_lose_nothing,
    a_killed_server_loses_no_acknowledged_answer_and_no_round_is_half_closed,
    sigterm_stops_the_server_gracefully,
);

/// 200 respondents on loopback save answers concurrently for 30 s: no request fails, and
/// afterwards every acknowledged answer is in the database.
async fn two_hundred_respondents_saving_at_once_lose_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let tokens = tokens_for(&app, world.round_a, 200).await;
    let statements = first_step_statements(&app);
    let server = Arc::new(Served::start(&app.database_url).await);
    let started = Instant::now();
    let until = started + Duration::from_secs(load_seconds());
    let respondents = tokens.iter().map(|token| {
        tokio::spawn(respond(
            server.clone(),
            token.clone(),
            statements.clone(),
            until,
            false,
        ))
    });
    let ledgers: Vec<(String, Ledger)> = tokens
        .iter()
        .cloned()
        .zip(futures::future::join_all(respondents).await)
        .map(|(token, ledger)| (token, ledger.expect("a respondent task")))
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    let saves: u64 = ledgers.iter().map(|(_, l)| l.saves).sum();
    let failures: Vec<&String> = ledgers.iter().flat_map(|(_, l)| &l.failures).collect();
    println!(
        "{backend:?}: 200 respondents, {saves} saves in {elapsed:.1} s ({:.0}/s), {} failed",
        saves as f64 / elapsed,
        failures.len()
    );
    assert!(failures.is_empty(), "failed requests: {failures:?}");
    assert!(saves >= 200, "every respondent saved at least once");
    // Nothing was in flight at the end: every answer is exactly the last acknowledged one.
    for (token, ledger) in &ledgers {
        assert_eq!(stored_answers(&app, token).await, ledger.acknowledged);
    }
    app.cleanup().await;
}

/// Kills the server with SIGKILL three times: while 50 respondents save, and at a random
/// moment of a round's close. After each restart every acknowledged answer is there, and the
/// closing round is either closed with its results or still open, never in between.
async fn a_killed_server_loses_no_acknowledged_answer_and_no_round_is_half_closed(
    backend: Backend,
) {
    let app = spawn_app(backend).await;
    let world = app.staff_world().await;
    let tokens = tokens_for(&app, world.round_a, 50).await;
    let statements = first_step_statements(&app);
    let mut ledgers: Vec<(String, Ledger)> = tokens
        .iter()
        .map(|t| (t.clone(), Ledger::default()))
        .collect();
    for attempt in 0..3 {
        let closing = app
            .open_round(world.org_b, &format!("Sluiten {attempt}"), 2026)
            .await;
        app.submit_responses(closing.id, 6, None, "3", None).await;
        let server = Arc::new(Served::start(&app.database_url).await);
        let coordinator = server
            .sign_in("coordinator-b@test.be", TEST_PASSWORD)
            .await
            .expect("the coordinator signs in");
        let csrf = server.csrf_token(&coordinator).await;
        let until = Instant::now() + Duration::from_secs(20);
        let respondents: Vec<_> = tokens
            .iter()
            .map(|token| {
                tokio::spawn(respond(
                    server.clone(),
                    token.clone(),
                    statements.clone(),
                    until,
                    true,
                ))
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let close = {
            let server = server.clone();
            let path = paths::ROUND_CLOSE.with(closing.id);
            tokio::spawn(async move {
                server
                    .post(Some(&coordinator), &path, &[("csrf", csrf.as_str())])
                    .await
            })
        };
        // Early in the close, somewhere in it, and likely after it: both outcomes occur.
        let band = [0..40, 40..400, 1000..1500][attempt].clone();
        let delay = rand::rng().random_range(band);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        server.signal("KILL");
        let _ = close.await;
        for ((_, kept), task) in ledgers.iter_mut().zip(respondents) {
            let ledger = task.await.expect("a respondent task");
            kept.acknowledged.extend(ledger.acknowledged);
            kept.in_flight = ledger.in_flight;
        }
        drop(server);
        // The database as the restarted server finds it.
        let restarted = Served::start(&app.database_url).await;
        assert_nothing_acknowledged_is_lost(&app, &ledgers).await;
        let round = round::Entity::find_by_id(closing.id)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap();
        let results = round_result::Entity::find_by_id(closing.id)
            .count(&app.ctx.db)
            .await
            .unwrap();
        println!(
            "{backend:?} attempt {attempt}: killed {delay} ms into the close; round {}",
            if round.is_open() { "open" } else { "closed" }
        );
        assert_eq!(
            (round.is_open(), results),
            if round.is_open() {
                (true, 0)
            } else {
                (false, 1)
            },
            "attempt {attempt}: a round is closed with its results or open without"
        );
        // What is stored now was just checked; the next attempt starts from it, so an answer
        // in flight at this kill cannot be mistaken for a lost one later.
        for (token, ledger) in &mut ledgers {
            ledger.acknowledged = stored_answers(&app, token).await;
            ledger.in_flight = None;
        }
        drop(restarted);
    }
    app.cleanup().await;
}

/// SIGTERM (how service managers stop a server) ends it gracefully, with exit code 0.
async fn sigterm_stops_the_server_gracefully(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut server = Served::start(&app.database_url).await;
    server.signal("TERM");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server did not stop within 20 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(
        status.code(),
        Some(0),
        "a graceful stop exits with 0: {status}"
    );
    app.cleanup().await;
}

/// The release binary's spreadsheet reader, under the default memory limit, reads a large
/// workbook (5,000 respondents × every statement) every time. Its allocator must live within
/// the child's address-space limit: mimalloc reserving a gigabyte at a time once made about
/// one read in ten fail to allocate, so twenty reads in a row find such a regression.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "drives the release build: ./dev test runs it with --ignored"]
async fn the_release_reader_reads_a_large_workbook_every_time() {
    let app = spawn_app(Backend::Sqlite).await;
    let model = app.ctx.models.current();
    let statements: usize = model.dimensions.iter().map(|d| d.statements.len()).sum();
    let workbook = server::bench::workbook::large_answer_workbook(model, "11002", 5_000, 7)
        .expect("a workbook");
    let reader = server::import::sandbox::ReaderSandbox {
        exe: release_binary(),
        memory_limit_mb: 1024,
        timeout: Duration::from_secs(30),
        running: Arc::new(tokio::sync::Semaphore::new(2)),
    };
    for attempt in 1..=20 {
        let read = reader
            .read(&workbook, "large.xlsx")
            .await
            .unwrap_or_else(|failure| panic!("read {attempt} of 20 failed: {failure:?}"));
        let rows = read.sheets[0].cells.iter().map(|c| c.row).max();
        assert_eq!(rows, Some(5_000), "read {attempt}: every respondent's row");
        let columns = read.sheets[0].cells.iter().map(|c| c.col).max();
        assert_eq!(
            columns,
            Some(u32::try_from(3 + statements).unwrap()),
            "read {attempt}"
        );
    }
    app.cleanup().await;
}

/// Two release servers on one PostgreSQL are one application: a session made on one works on
/// the other, sign-in throttling counts tries made on both, an upload made on one is
/// previewed and confirmed on the other, and a round closed on one while respondents save on
/// the other refuses their later saves cleanly and keeps every earlier one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "drives the release build: ./dev test runs it with --ignored"]
async fn two_servers_on_one_postgres_are_one_application() {
    let app = spawn_app(Backend::Postgres).await;
    let world = app.staff_world().await;
    app.submit_responses(world.round_a, 5, None, "2", None)
        .await;
    let tokens = tokens_for(&app, world.round_a, 30).await;
    let one = Arc::new(Served::start(&app.database_url).await);
    let other = Arc::new(Served::start(&app.database_url).await);

    // A session made on one server, used on the other.
    let coordinator = one
        .sign_in("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .expect("the coordinator signs in on the first server");
    let csrf = other.csrf_token(&coordinator).await;

    // Five wrong passwords spread over both servers lock the pair on both.
    for attempt in 0..5 {
        let server = if attempt % 2 == 0 { &one } else { &other };
        assert!(server.sign_in("admin@test.be", "wrong").await.is_none());
    }
    for server in [&one, &other] {
        assert!(
            server
                .sign_in("admin@test.be", TEST_PASSWORD)
                .await
                .is_none(),
            "the sixth try is refused on either server"
        );
    }

    // An upload on one server, previewed and confirmed on the other.
    let advisor = one
        .sign_in("advisor-a@test.be", TEST_PASSWORD)
        .await
        .expect("the advisor signs in");
    let advisor_csrf = one.csrf_token(&advisor).await;
    let geel = app::db::organisation::Entity::find_by_id(world.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    let csv = format!(
        "organisation;respondent;groep;datum;policy-1\n{};Twee servers;medewerker;02/03/2026;3\n",
        geel.code
    );
    let form = reqwest::multipart::Form::new()
        .text("csrf", advisor_csrf.clone())
        .text("organisation", world.org_a.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("twee.csv"),
        );
    let uploaded = one
        .client
        .post(one.url(paths::IMPORT.pattern()))
        .header(reqwest::header::COOKIE, &advisor)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(uploaded.status().as_u16(), 303);
    let preview = uploaded.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let page = other
        .client
        .get(other.url(&preview))
        .header(reqwest::header::COOKIE, &advisor)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.unwrap().contains("Twee servers"));
    let id: i32 = preview.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(
        other
            .post(
                Some(&advisor),
                &paths::IMPORT_CONFIRM.with(id),
                &[("csrf", advisor_csrf.as_str())]
            )
            .await,
        Some(303)
    );
    let imported = invitation::Entity::find()
        .filter(invitation::Column::ImportKey.eq("Twee servers"))
        .count(&app.ctx.db)
        .await
        .unwrap();
    assert_eq!(
        imported, 1,
        "the import confirmed on the other server is written"
    );

    // Respondents save on the other server while the round closes on the first.
    let statements = first_step_statements(&app);
    let until = Instant::now() + Duration::from_secs(20);
    let respondents: Vec<_> = tokens
        .iter()
        .map(|token| {
            tokio::spawn(respond(
                other.clone(),
                token.clone(),
                statements.clone(),
                until,
                true,
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        one.post(
            Some(&coordinator),
            &paths::ROUND_CLOSE.with(world.round_a),
            &[("csrf", csrf.as_str())]
        )
        .await,
        Some(303),
        "the round closes on the first server"
    );
    let mut saves = 0;
    for (token, task) in tokens.iter().zip(respondents) {
        let ledger = task.await.expect("a respondent task");
        saves += ledger.saves;
        assert_eq!(
            ledger.failures.len(),
            1,
            "each respondent stops at the close"
        );
        assert!(
            ledger.failures[0].ends_with("Some(410)"),
            "a save after the close is refused as closed: {:?}",
            ledger.failures
        );
        assert_eq!(stored_answers(&app, token).await, ledger.acknowledged);
    }
    println!("two servers: {saves} saves on the second while the first closed the round");
    let result = round_result::Entity::find_by_id(world.round_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .expect("the closed round has its results");
    let aggregate: quickscan_domain::OrganisationAggregate =
        app::staff::stored::decode(&result.aggregate).unwrap();
    assert_eq!(aggregate.respondents, 6, "five submitted and one imported");
    app.cleanup().await;
}
