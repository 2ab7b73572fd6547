//! Test helpers: the real application on a fresh database, on a free port.
//!
//! SQLite gets a temporary file per test (not `sqlite::memory:`: each pooled connection would
//! see its own empty database); PostgreSQL gets a fresh database per test, copied from a
//! migrated template. Either is removed when the [`TestApp`] is dropped, also when the test
//! fails.

pub mod smtp;

use std::path::PathBuf;

use app::server_context::ServerContext;
use migration::MigratorTrait;
use rand::Rng;
use reqwest::redirect::Policy;
use sea_orm::{ConnectionTrait, Database};
use server::{build_app, Config};

/// The PostgreSQL server tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("QUICKSCAN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// The server binary built with the tests (`target/<profile>/quickscan-server`): the import's
/// sandboxed reader, and a server or command line to start as a process.
pub fn server_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    // Test binaries live in target/<profile>/deps; binaries one level up.
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let binary = profile_dir.join("quickscan-server");
    assert!(
        binary.exists(),
        "{} is missing: run the tests with cargo test, which builds it",
        binary.display()
    );
    binary
}

/// A fixture file's path under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(name)
}

/// The password of every account [`TestApp::add_staff`] creates.
pub const TEST_PASSWORD: &str = "a-long-test-password";

/// What [`TestApp::staff_world`] made.
pub struct StaffWorld {
    /// The first demo organisation (Geel, NIS 13008).
    pub org_a: i32,
    /// The second.
    pub org_b: i32,
    /// The first organisation's open demo round.
    pub round_a: i32,
    /// Raw tokens of three personal invitations to `round_a` (the database holds only their
    /// hashes; these exist only here, as they would only in the respondents' mailboxes).
    pub tokens: Vec<String>,
}

/// Signs in through the login form of the server at `base`; the session cookie
/// (`name=value`), or `None` when refused.
pub async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> Option<String> {
    let response = client
        .post(format!("{base}{}", app::paths::LOGIN))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("POST /login");
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("qs_session=") && !c.starts_with("qs_session=;"))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

/// The running application and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// A client that does not follow redirects and sends our `Origin` on every request.
    pub client: reqwest::Client,
    /// The server's database and models.
    pub ctx: ServerContext,
    /// Where its database is.
    pub database_url: String,
    cleanup: Option<Cleanup>,
}

/// What a test leaves behind, removed when its [`TestApp`] is dropped.
enum Cleanup {
    SqliteFile(PathBuf),
    PostgresDatabase(String),
}

impl Cleanup {
    /// Removes the database; from `Drop`, so it runs on its own thread and runtime (the test's
    /// runtime may be the one unwinding).
    fn run(self) {
        match self {
            Cleanup::SqliteFile(file) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
            Cleanup::PostgresDatabase(name) => {
                let dropped = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("a runtime to drop the test database");
                    runtime.block_on(async move {
                        let admin = Database::connect(&postgres_admin_url()).await?;
                        admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await?;
                        admin.close().await
                    })
                })
                .join();
                if !matches!(dropped, Ok(Ok(()))) {
                    eprintln!("warning: a test database could not be dropped: {dropped:?}");
                }
            }
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(cleanup) = self.cleanup.take() {
            cleanup.run();
        }
    }
}

/// The migrated template every PostgreSQL test database is copied from, made once per set of
/// migrations (its name carries them) and kept for later test processes; `./dev test` drops it
/// with the other `qs_test_` databases before a run.
async fn postgres_template(admin_url: &str) -> String {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let names: Vec<String> = migration::Migrator::migrations()
                .iter()
                .map(|m| m.name().to_owned())
                .collect();
            let digest = names.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, name| {
                name.bytes().fold(hash, |h, b| {
                    (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                })
            });
            let template = format!("qs_test_template_{digest:016x}");
            let admin = Database::connect(admin_url)
                .await
                .expect("PostgreSQL must be reachable at QUICKSCAN_TEST_POSTGRES_URL");
            let exists = admin
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    format!("SELECT 1 FROM pg_database WHERE datname = '{template}'"),
                ))
                .await
                .expect("look for the template")
                .is_some();
            if !exists {
                let building = format!("{template}_building");
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)"))
                    .await
                    .expect("drop a half-built template");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {building}"))
                    .await
                    .expect("create the template database");
                let (server, _) = admin_url.rsplit_once('/').expect("a database URL");
                let db = server::database::connect_and_migrate(&format!("{server}/{building}"))
                    .await
                    .expect("migrate the template");
                db.close().await.expect("close the template");
                // Renamed only once complete, so a failed build is never used as a template.
                admin
                    .execute_unprepared(&format!("ALTER DATABASE {building} RENAME TO {template}"))
                    .await
                    .expect("publish the template");
            }
            admin.close().await.expect("close the admin connection");
            template
        })
        .await
        .clone()
}

fn unique_name() -> String {
    let suffix: String = rand::rng()
        .sample_iter(&rand::distr::Alphanumeric)
        .take(12)
        .map(char::from)
        .collect();
    format!("qs_test_{}", suffix.to_ascii_lowercase())
}

/// Starts the application on a fresh database.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// Starts the application on a fresh database, with the configuration changed by `configure`.
pub async fn spawn_app_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> TestApp {
    let name = unique_name();
    let (database_url, cleanup) = match backend {
        Backend::Sqlite => {
            let file = std::env::temp_dir().join(format!("{name}.sqlite"));
            (
                format!("sqlite://{}?mode=rwc", file.display()),
                Cleanup::SqliteFile(file),
            )
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url();
            let template = postgres_template(&admin_url).await;
            let admin = Database::connect(&admin_url)
                .await
                .expect("PostgreSQL must be reachable at QUICKSCAN_TEST_POSTGRES_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
                .await
                .expect("create the test database from the template");
            admin.close().await.expect("close the admin connection");
            let (server, _) = admin_url.rsplit_once('/').expect("a database URL");
            (format!("{server}/{name}"), Cleanup::PostgresDatabase(name))
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let addr = listener.local_addr().expect("local address");
    let base = format!("http://{addr}");
    let mut config = Config {
        database_url,
        models_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/models")),
        addr,
        public_url: base.clone(),
        demo: false,
        anonymity_threshold: quickscan_domain::AnonymityThreshold::DEFAULT,
        min_respondents: quickscan_domain::AnonymityThreshold::DEFAULT,
        upload_limit_bytes: 10 * 1024 * 1024,
        reader_exe: server_binary(),
        reader_memory_mb: 1024,
        reader_timeout_seconds: 30,
        readers_at_once: 2,
        client_address_header: None,
        mail: None,
        audit_retention_days: quickscan_domain::audit::DEFAULT_RETENTION_DAYS,
        model_for_new_rounds: None,
    };
    configure(&mut config);
    let database_url = config.database_url.clone();
    let app = build_app(&config).await.expect("the application builds");
    let ctx = app.ctx.clone();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        base.parse().expect("a valid header value"),
    );
    // A request that never gets an answer fails the test instead of stalling the suite.
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .default_headers(headers)
        .build()
        .expect("a client");
    TestApp {
        base,
        client,
        ctx,
        database_url,
        cleanup: Some(cleanup),
    }
}

impl TestApp {
    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET a path; returns status and body.
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// POST a form; returns status, `Location` (if any) and body.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, Option<String>, String) {
        self.post(None, path, form).await
    }

    async fn post(
        &self,
        cookie: Option<&str>,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, Option<String>, String) {
        let mut request = self.client.post(self.url(path)).form(form);
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        let response = request.send().await.expect("POST");
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, location, response.text().await.expect("body"))
    }

    /// Seeds six organisations and one open round; returns the raw tokens of three personal
    /// invitations to it, issued as the e-mail would issue them.
    pub async fn seed_open_round(&self) -> Vec<String> {
        use app::db::round;
        use sea_orm::{EntityTrait, QueryOrder};
        server::demo::seed_if_empty(&self.ctx.db, self.ctx.models.current())
            .await
            .expect("seed");
        let round = round::Entity::find()
            .order_by_asc(round::Column::Id)
            .one(&self.ctx.db)
            .await
            .expect("rounds")
            .expect("the demo round");
        let mut tokens = Vec::new();
        for _ in 0..3 {
            tokens.push(self.issue_invitation(round.id, None).await);
        }
        tokens
    }

    /// Creates (or re-caps) a round's open link as a staff member through the round page's
    /// form; returns the link's slug (not secret: the round page shows it).
    pub async fn create_open_link(&self, cookie: &str, round_id: i32, cap: i32) -> String {
        use app::db::open_link;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let csrf = self.csrf_token(cookie).await;
        let (status, location, body) = self
            .post_as(
                cookie,
                &app::paths::ROUND_OPEN_LINK.with(round_id),
                &[("csrf", csrf.as_str()), ("cap", cap.to_string().as_str())],
            )
            .await;
        assert_eq!(status, 303, "open link: {location:?} {body}");
        open_link::Entity::find()
            .filter(open_link::Column::RoundId.eq(round_id))
            .one(&self.ctx.db)
            .await
            .expect("open links")
            .expect("the round has an open link")
            .slug
    }

    /// Starts a response through an open link as a respondent would (POST, optionally with
    /// a group); returns the raw token of the personal link it redirected to, or the
    /// status and location when it did not.
    pub async fn start_through_open_link(
        &self,
        slug: &str,
        group: &str,
    ) -> Result<String, (u16, Option<String>)> {
        let (status, location, _) = self
            .post_form(&app::paths::OPEN_LINK.with(slug), &[("group", group)])
            .await;
        match location.as_deref().and_then(|l| l.strip_prefix("/s/")) {
            Some(token) if status == 303 => Ok(token.to_owned()),
            _ => Err((status, location)),
        }
    }

    /// Opens a round named `name` for an organisation on the current model, in `year`,
    /// opened a day ago.
    pub async fn open_round(
        &self,
        organisation_id: i32,
        name: &str,
        year: i32,
    ) -> app::db::round::Model {
        use app::db::round;
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        round::ActiveModel {
            organisation_id: Set(organisation_id),
            model_version_id: Set(self.ctx.models.current().id.clone()),
            name: Set(name.to_owned()),
            year: Set(year),
            status: Set(round::RoundStatus::Open),
            opened_at: Set(chrono::Utc::now() - chrono::Duration::days(1)),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(&self.ctx.db)
        .await
        .expect("a round")
    }

    /// Issues one personal invitation to a round through
    /// [`app::staff::invitations::issue_personal`]; returns its raw token.
    pub async fn issue_invitation(
        &self,
        round_id: i32,
        group: Option<quickscan_domain::RespondentGroup>,
    ) -> String {
        use sea_orm::TransactionTrait;
        let txn = self.ctx.db.begin().await.expect("begin");
        let token =
            app::staff::invitations::issue_personal(&txn, round_id, group, chrono::Utc::now())
                .await
                .expect("issue an invitation");
        txn.commit().await.expect("commit");
        token
    }

    /// Creates a staff account with [`TEST_PASSWORD`]: a coordinator of `organisation`, or an
    /// advisor assigned to `assigned`.
    pub async fn add_staff(
        &self,
        email: &str,
        role: app::auth::Role,
        organisation: Option<i32>,
        assigned: Option<i32>,
    ) {
        use app::auth::service::{assign_advisor, create_user, NewUser};
        let new = NewUser {
            email,
            display_name: email,
            password: TEST_PASSWORD,
            role,
            organisation_id: organisation,
        };
        let user = create_user(&self.ctx.db, new)
            .await
            .expect("create a staff user");
        if let Some(organisation) = assigned {
            assign_advisor(&self.ctx.db, user.id, organisation)
                .await
                .expect("assign the advisor");
        }
    }

    /// The demo's organisations and open round, with one account per role and situation:
    /// `coordinator-a@test.be` and `coordinator-b@test.be` (of the first two organisations),
    /// `advisor-a@test.be` and `advisor-b@test.be` (assigned to them) and `admin@test.be`,
    /// all with [`TEST_PASSWORD`].
    pub async fn staff_world(&self) -> StaffWorld {
        use app::auth::Role;
        use app::db::{organisation, round};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let tokens = self.seed_open_round().await;
        let organisations = organisation::Entity::find()
            .order_by_asc(organisation::Column::Id)
            .all(&self.ctx.db)
            .await
            .expect("organisations");
        let (org_a, org_b) = (organisations[0].id, organisations[1].id);
        let round_a = round::Entity::find()
            .filter(round::Column::OrganisationId.eq(org_a))
            .one(&self.ctx.db)
            .await
            .expect("rounds")
            .expect("the demo round of the first organisation")
            .id;
        let accounts = [
            (
                "coordinator-a@test.be",
                Role::Coordinator,
                Some(org_a),
                None,
            ),
            (
                "coordinator-b@test.be",
                Role::Coordinator,
                Some(org_b),
                None,
            ),
            ("advisor-a@test.be", Role::Advisor, None, Some(org_a)),
            ("advisor-b@test.be", Role::Advisor, None, Some(org_b)),
            ("admin@test.be", Role::Admin, None, None),
        ];
        for (email, role, organisation, assigned) in accounts {
            self.add_staff(email, role, organisation, assigned).await;
        }
        StaffWorld {
            org_a,
            org_b,
            round_a,
            tokens,
        }
    }

    /// Waits until the work requests left running (a reset link being made and mailed
    /// after the answer) is done, so that what a test looks at next is what they leave.
    pub async fn background_settled(&self) {
        let background = &self.ctx.background;
        background.close();
        tokio::time::timeout(std::time::Duration::from_secs(60), background.wait())
            .await
            .expect("background work finishes");
        background.reopen();
    }

    /// Logs in through the login form; returns the session cookie (`name=value`).
    pub async fn login(&self, email: &str, password: &str) -> Option<String> {
        sign_in(&self.client, &self.base, email, password).await
    }

    /// GET with a cookie; returns status and body.
    pub async fn get_as(&self, cookie: &str, path: &str) -> (u16, String) {
        let response = self
            .client
            .get(self.url(path))
            .header(reqwest::header::COOKIE, cookie)
            .send()
            .await
            .expect("GET");
        (
            response.status().as_u16(),
            response.text().await.expect("body"),
        )
    }

    /// POST a form with a cookie; returns status, `Location` and body.
    pub async fn post_as(
        &self,
        cookie: &str,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, Option<String>, String) {
        self.post(Some(cookie), path, form).await
    }

    /// Uploads a file to `POST /import` for an organisation; returns status and `Location`.
    pub async fn upload_as(
        &self,
        cookie: &str,
        csrf: &str,
        organisation_id: i32,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> (u16, Option<String>) {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_owned())
            .text("organisation", organisation_id.to_string())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
            );
        let response = self
            .client
            .post(self.url(app::paths::IMPORT.pattern()))
            .header(reqwest::header::COOKIE, cookie)
            .multipart(form)
            .send()
            .await
            .expect("POST /import");
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (response.status().as_u16(), location)
    }

    /// The CSRF token the dashboard's forms carry for this session.
    pub async fn csrf_token(&self, cookie: &str) -> String {
        let (_, page) = self.get_as(cookie, app::paths::DASHBOARD.pattern()).await;
        Page::parse(&page)
            .attr("input[name=csrf]", "value")
            .expect("the dashboard has a form with a CSRF token")
    }

    /// Adds `count` submitted responses to a round, written directly (not through the forms,
    /// which the respondent-flow tests cover): each answers every statement of the round's
    /// model with `level` ("0"–"4") and, when given, leaves `comment` on every dimension.
    pub async fn submit_responses(
        &self,
        round_id: i32,
        count: usize,
        group: Option<&str>,
        level: &str,
        comment: Option<&str>,
    ) {
        use app::db::{answer, dimension_comment, invitation, response, round};
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
        let round = round::Entity::find_by_id(round_id)
            .one(&self.ctx.db)
            .await
            .expect("round")
            .expect("the round exists");
        let model = self
            .ctx
            .models
            .get(&round.model_version_id)
            .expect("the round's model");
        let now = chrono::Utc::now();
        for _ in 0..count {
            let invitation = invitation::ActiveModel {
                round_id: Set(round_id),
                token_hash: Set(invitation::hash_token(&invitation::new_token())),
                respondent_group: Set(group.map(str::to_owned)),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&self.ctx.db)
            .await
            .expect("an invitation");
            let response = response::ActiveModel {
                invitation_id: Set(invitation.id),
                model_version_id: Set(model.id.clone()),
                current_step: Set(1),
                started_at: Set(now),
                updated_at: Set(now),
                submitted_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(&self.ctx.db)
            .await
            .expect("a response");
            for dimension in &model.dimensions {
                for statement in &dimension.statements {
                    answer::ActiveModel {
                        response_id: Set(response.id),
                        statement_id: Set(statement.id.clone()),
                        value: Set(level.to_owned()),
                        answered_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&self.ctx.db)
                    .await
                    .expect("an answer");
                }
                if let Some(comment) = comment {
                    dimension_comment::ActiveModel {
                        response_id: Set(response.id),
                        dimension_id: Set(dimension.id.clone()),
                        comment: Set(comment.to_owned()),
                        ..Default::default()
                    }
                    .insert(&self.ctx.db)
                    .await
                    .expect("a comment");
                }
            }
        }
    }

    /// A round of `organisation_id` on the current model, answered by `respondents` submitted
    /// responses that rate every statement `level`, and closed now (with results when they
    /// reach the threshold).
    pub async fn closed_round(
        &self,
        organisation_id: i32,
        name: &str,
        year: i32,
        respondents: usize,
        level: &str,
    ) -> app::db::round::Model {
        use app::db::round;
        use sea_orm::EntityTrait;
        let open = self.open_round(organisation_id, name, year).await;
        self.submit_responses(open.id, respondents, Some("staff"), level, None)
            .await;
        app::staff::rounds::close_and_aggregate(&self.ctx, &open)
            .await
            .expect("the round closes");
        round::Entity::find_by_id(open.id)
            .one(&self.ctx.db)
            .await
            .expect("round")
            .expect("the closed round")
    }

    /// Closes the connections and removes the test's database (dropping the app does the same;
    /// this closes the pool first, so nothing is left connected).
    pub async fn cleanup(self) {
        let _ = self.ctx.db.close_by_ref().await;
        drop(self);
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test($crate::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test($crate::Backend::Postgres).await
                }
            }
        )*
    };
}

/// A page parsed as a document, so tests assert on its structure rather than on how its
/// attributes happen to be ordered in the markup.
pub struct Page(scraper::Html);

fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

fn text_of(element: scraper::ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Page {
    /// Parses an HTML page.
    pub fn parse(html: &str) -> Page {
        Page(scraper::Html::parse_document(html))
    }

    /// Whether some element matches `css`.
    pub fn has(&self, css: &str) -> bool {
        self.0.select(&selector(css)).next().is_some()
    }

    /// The text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0.select(&selector(css)).map(text_of).collect()
    }

    /// The value of attribute `name` of the first element matching `css`.
    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.0
            .select(&selector(css))
            .next()
            .and_then(|e| e.value().attr(name))
            .map(str::to_owned)
    }

    /// Every value of attribute `name` of the elements matching `css`.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.0
            .select(&selector(css))
            .filter_map(|e| e.value().attr(name))
            .map(str::to_owned)
            .collect()
    }

    /// The description (`<dd>`) following the term (`<dt>`) with this text.
    pub fn definition(&self, term: &str) -> Option<String> {
        self.0.select(&selector("dt")).find_map(|dt| {
            (text_of(dt) == term)
                .then(|| {
                    dt.next_siblings()
                        .filter_map(scraper::ElementRef::wrap)
                        .find(|e| e.value().name() == "dd")
                        .map(text_of)
                })
                .flatten()
        })
    }

    /// The data cells of the table row whose header cell reads `header`.
    pub fn row(&self, header: &str) -> Option<Vec<String>> {
        self.row_in(":root", header)
    }

    /// Like [`Page::row`], only inside the first element matching `within`.
    pub fn row_in(&self, within: &str, header: &str) -> Option<Vec<String>> {
        let scope = self.0.select(&selector(within)).next()?;
        scope.select(&selector("tr")).find_map(|tr| {
            let th = tr.select(&selector("th")).next()?;
            (text_of(th) == header).then(|| tr.select(&selector("td")).map(text_of).collect())
        })
    }
}
