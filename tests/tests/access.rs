//! The access matrix: every route and server function, enumerated from the lists the router is
//! built from, for every kind of user — allowed or refused, with the content checked, not only
//! the status. A new route or server function without a rule here fails the test.

use std::collections::BTreeSet;

use app::db::{
    account_link, import_upload, invitation, invitation_mail, open_link, organisation, peer_group,
    peer_group_member, plan_action, plan_comment, plan_target, round, user,
};
use app::paths;
use leptos::server_fn::ServerFn;
use quickscan_tests::{on_both_databases, spawn_app_with, Backend, TestApp, TEST_PASSWORD};
use sea_orm::{EntityTrait, PaginatorTrait};

on_both_databases!(every_route_and_server_function_has_a_rule_that_holds);

/// Who may use a route, stated here independently of the code's access rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in staff member.
    SignedIn,
    /// Those who may read organisation A: its coordinator, its advisor, the admin.
    ReadA,
    /// Those who may manage A's rounds: its coordinator, the admin.
    ManageA,
    /// Those who may import for A: its advisor, the admin.
    ImportA,
    /// Those who may import for some organisation: advisors, the admin.
    ImportAny,
    /// Those who may open the comparison: advisors, the admin.
    Compare,
    /// Those who may comment on organisation A's action plan: A's advisor, the admin.
    CommentA,
    /// The admin only.
    Admin,
}

/// A kind of user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Anonymous,
    CoordinatorA,
    CoordinatorB,
    AdvisorA,
    AdvisorB,
    Admin,
}

impl Actor {
    const ALL: [Actor; 6] = [
        Actor::Anonymous,
        Actor::CoordinatorA,
        Actor::CoordinatorB,
        Actor::AdvisorA,
        Actor::AdvisorB,
        Actor::Admin,
    ];

    fn email(self) -> Option<&'static str> {
        match self {
            Actor::Anonymous => None,
            Actor::CoordinatorA => Some("coordinator-a@test.be"),
            Actor::CoordinatorB => Some("coordinator-b@test.be"),
            Actor::AdvisorA => Some("advisor-a@test.be"),
            Actor::AdvisorB => Some("advisor-b@test.be"),
            Actor::Admin => Some("admin@test.be"),
        }
    }

    /// The matrix itself.
    fn allowed(self, rule: Rule) -> bool {
        use Actor::*;
        match rule {
            Rule::Public => true,
            Rule::SignedIn => self != Anonymous,
            Rule::ReadA => matches!(self, CoordinatorA | AdvisorA | Admin),
            Rule::ManageA => matches!(self, CoordinatorA | Admin),
            Rule::ImportA => matches!(self, AdvisorA | Admin),
            Rule::ImportAny => matches!(self, AdvisorA | AdvisorB | Admin),
            Rule::Compare => matches!(self, AdvisorA | AdvisorB | Admin),
            Rule::CommentA => matches!(self, AdvisorA | Admin),
            Rule::Admin => self == Admin,
        }
    }
}

/// The ids the probes fill into paths.
struct Targets {
    org_a: i32,
    round_a: i32,
    upload_a: i32,
    group: i32,
    token: String,
    slug: String,
    /// An organisation of no one, which the admin's deletion removes.
    throwaway: i32,
    /// An advisor account the admin's account forms act on.
    account: i32,
    /// A one-time link of that account.
    account_link: String,
    /// Another account's link that no probe uses up, for the server function showing one.
    viewed_link: String,
    /// A round of A with results, which the action plan starts from.
    plan_round: i32,
    /// An action in its plan.
    plan_action: i32,
    /// Actions one deleting probe each removes, in turn.
    deletable_actions: Vec<i32>,
    /// How many probes took a deletable action.
    deletions: std::sync::atomic::AtomicUsize,
    /// How many probes adopted an advice item.
    adoptions: std::sync::atomic::AtomicUsize,
    /// The model's dimensions, whose advice the adopting probes take in turn.
    dimensions: Vec<String>,
}

/// The next turn of a counter of probes.
fn next_turn(counter: &std::sync::atomic::AtomicUsize) -> usize {
    counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One signed-in (or anonymous) user's credentials.
struct Session {
    actor: Actor,
    cookie: String,
    csrf: String,
}

/// What came back.
struct Answer {
    status: u16,
    location: Option<String>,
    content_type: String,
    body: String,
}

impl Answer {
    /// A page or download with content, or a form post that went on (not to the sign-in page).
    fn granted(&self) -> bool {
        self.status == 200
            || (self.status == 303
                && self
                    .location
                    .as_deref()
                    .is_some_and(|l| !l.starts_with(paths::LOGIN.pattern())))
    }
}

async fn send(session: &Session, request: reqwest::RequestBuilder) -> Answer {
    let response = request
        .header(reqwest::header::COOKIE, &session.cookie)
        .send()
        .await
        .expect("a response");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.bytes().await.expect("a body");
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Answer {
        status,
        location,
        content_type,
        body,
    }
}

/// The rule of an axum route or Leptos page, by method and pattern (axum syntax).
fn route_rule(method: &str, pattern: &str) -> Option<Rule> {
    use Rule::*;
    let rule = match (method, pattern) {
        ("GET", "/") | ("GET", "/s/{token}") | ("GET", "/s/{token}/{page}") => Public,
        ("POST", "/s/{token}/{page}") => Public,
        ("GET", "/j/{slug}") | ("POST", "/j/{slug}") => Public,
        ("GET", "/language/{code}") | ("GET", "/open") => Public,
        ("GET", "/login") | ("POST", "/login") => Public,
        ("POST", "/logout") | ("GET", "/dashboard") => SignedIn,
        ("GET", "/account/password") | ("POST", "/account/password") => SignedIn,
        ("GET", "/rounds/{id}") | ("GET", "/rounds/{id}/report") => ReadA,
        ("GET", "/rounds/{id}/open-link/sheet") => ReadA,
        ("GET", "/rounds/{id}/export.csv") | ("GET", "/rounds/{id}/export.xlsx") => ReadA,
        ("POST", "/organisations/{id}/rounds") => ManageA,
        ("POST", "/rounds/{id}/open-link") | ("POST", "/rounds/{id}/close") => ManageA,
        ("POST", "/rounds/{id}/mail") | ("POST", "/rounds/{id}/mail/resend") => ManageA,
        ("POST", "/rounds/{id}/mail/remind") => ManageA,
        ("GET", "/import") => ImportAny,
        ("POST", "/import") | ("GET", "/import/template.xlsx") => ImportA,
        ("GET", "/import/{id}") | ("POST", "/import/{id}/confirm") => ImportA,
        ("GET", "/association") => Compare,
        ("GET", "/association/export.csv") | ("GET", "/association/export.xlsx") => Compare,
        ("GET", "/admin/peer-groups") | ("POST", "/admin/peer-groups") => Admin,
        ("POST", "/admin/peer-groups/{id}/members") => Admin,
        ("GET", "/admin/models") => Admin,
        ("GET", "/organisations/{id}") => ReadA,
        ("GET", "/account/forgot") | ("POST", "/account/forgot") => Public,
        ("GET", "/account/link/{token}") | ("POST", "/account/link/{token}") => Public,
        ("GET", "/admin/accounts") | ("POST", "/admin/accounts") => Admin,
        ("POST", "/admin/accounts/{id}/active") | ("POST", "/admin/accounts/{id}/link") => Admin,
        ("POST", "/admin/accounts/{id}/organisations") => Admin,
        ("POST", "/organisations/{id}/coordinators") => ManageA,
        ("GET", "/admin/audit") | ("GET", "/admin/audit/export.csv") => Admin,
        ("GET", "/admin/organisations/import") | ("POST", "/admin/organisations/import") => Admin,
        ("POST", "/admin/organisations/import/confirm") => Admin,
        ("GET", "/admin/organisations/export.csv") => Admin,
        ("POST", "/organisations/{id}/details") => Admin,
        ("POST", "/organisations/{id}/delete") => Admin,
        ("GET", "/admin/organisations/new") | ("POST", "/admin/organisations/new") => Admin,
        ("GET", "/rounds/{id}/plan") | ("GET", "/rounds/{id}/plan/print") => ReadA,
        ("GET", "/rounds/{id}/plan.csv") | ("GET", "/rounds/{id}/plan.xlsx") => ReadA,
        ("POST", "/rounds/{id}/plan/targets") | ("POST", "/rounds/{id}/plan/adopt") => ManageA,
        ("POST", "/rounds/{id}/plan/actions") => ManageA,
        ("POST", "/plan-actions/{id}") | ("POST", "/plan-actions/{id}/move") => ManageA,
        ("POST", "/plan-actions/{id}/delete") => ManageA,
        ("POST", "/rounds/{id}/plan/comments") => CommentA,
        ("GET", "/association/plans") => Admin,
        _ => return None,
    };
    Some(rule)
}

/// The rule of a server function, by its path.
fn server_fn_rule(path: &str) -> Option<Rule> {
    use app::scan::api::{GetOpenLink, GetScanPage, SaveAnswer};
    use app::staff::api::*;
    let rules: [(&str, Rule); 22] = [
        (<GetPlan as ServerFn>::PATH, Rule::ReadA),
        (<GetSectorPlans as ServerFn>::PATH, Rule::Admin),
        (<GetAuditLog as ServerFn>::PATH, Rule::Admin),
        (<GetAccounts as ServerFn>::PATH, Rule::Admin),
        // What a one-time link opens: its holder may ask, signed in or not.
        (<GetAccountLink as ServerFn>::PATH, Rule::Public),
        (<GetMailOn as ServerFn>::PATH, Rule::Public),
        (<GetOrganisation as ServerFn>::PATH, Rule::ReadA),
        (<GetNewOrganisation as ServerFn>::PATH, Rule::Admin),
        (<GetModelVersions as ServerFn>::PATH, Rule::Admin),
        (<GetScanPage as ServerFn>::PATH, Rule::Public),
        // Answers only who the caller is (or nothing): anyone may ask.
        (<GetSignedIn as ServerFn>::PATH, Rule::Public),
        (<SaveAnswer as ServerFn>::PATH, Rule::Public),
        (<GetOpenLink as ServerFn>::PATH, Rule::Public),
        (<GetOpenLinkSheet as ServerFn>::PATH, Rule::ReadA),
        (<GetDashboard as ServerFn>::PATH, Rule::SignedIn),
        (<GetRound as ServerFn>::PATH, Rule::ReadA),
        (<GetRoundMail as ServerFn>::PATH, Rule::ReadA),
        (<GetReport as ServerFn>::PATH, Rule::ReadA),
        (<GetComparison as ServerFn>::PATH, Rule::Compare),
        (<GetPeerGroups as ServerFn>::PATH, Rule::Admin),
        (<GetImportStart as ServerFn>::PATH, Rule::ImportAny),
        (<GetImportPreview as ServerFn>::PATH, Rule::ImportA),
    ];
    rules
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, rule)| *rule)
}

/// Every route and server function, as (method, path pattern), from the router's own lists.
fn every_route() -> BTreeSet<(String, String)> {
    let mut routes = BTreeSet::new();
    for route in server::routes::axum_routes() {
        routes.insert((route.method.to_string(), route.path.pattern().to_owned()));
    }
    for listing in server::startup::page_routes() {
        // Leptos lists `:id` or `{id}` depending on the version; compare in axum's syntax.
        let path: String = listing
            .path()
            .split('/')
            .map(|segment| match segment.strip_prefix(':') {
                Some(name) => format!("{{{name}}}"),
                None => segment.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/");
        let path = if path.is_empty() {
            "/".to_owned()
        } else {
            path
        };
        routes.insert(("GET".to_owned(), path));
    }
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        routes.insert((method.to_string(), path.to_owned()));
    }
    routes
}

/// What only a granted answer of a page carries: a text, or an element.
enum Marker {
    /// Text in the page.
    Text(String),
    /// An element matching this CSS selector.
    Element(&'static str),
}

impl Marker {
    fn is_in(&self, body: &str) -> bool {
        match self {
            Marker::Text(text) => body.contains(text.as_str()),
            Marker::Element(css) => quickscan_tests::Page::parse(body).has(css),
        }
    }
}

impl std::fmt::Display for Marker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Marker::Text(text) => write!(f, "text {text:?}"),
            Marker::Element(css) => write!(f, "element {css}"),
        }
    }
}

/// A marker that only a granted answer of this route carries.
fn marker(method: &str, pattern: &str, actor: Actor) -> Option<Marker> {
    let text = |t: &str| Marker::Text(t.to_owned());
    let marker = match (method, pattern) {
        ("GET", "/dashboard") => text(actor.email()?),
        ("GET", "/rounds/{id}") | ("GET", "/rounds/{id}/report") => text("Demo QuickScan"),
        ("GET", "/rounds/{id}/open-link/sheet") => Marker::Element(".invitation-sheet"),
        ("GET", "/rounds/{id}/export.csv") => text("Geel"),
        ("GET", "/association") => text("export.csv"),
        ("GET", "/import") => Marker::Element("input[type=file][name=file]"),
        ("GET", "/import/{id}") => text("matrix.csv"),
        ("GET", "/admin/peer-groups") => text("Matrixgroep"),
        ("GET", "/admin/models") => text("quickscan-2026"),
        ("GET", "/organisations/{id}") => text("NIS 13008"),
        ("GET", "/admin/accounts") => Marker::Element("table.accounts"),
        ("GET", "/admin/audit") => Marker::Element("table.audit-log"),
        ("GET", "/admin/organisations/import") => {
            Marker::Element("form[action=\"/admin/organisations/import\"] input[type=file]")
        }
        ("GET", "/admin/organisations/export.csv") => text("13008,Geel"),
        ("POST", "/admin/organisations/import") => Marker::Element("table.organisation-list"),
        ("GET", "/admin/audit/export.csv") => text("admin@test.be"),
        ("GET", "/admin/organisations/new") => Marker::Element("input[name=population]"),
        ("GET", "/rounds/{id}/plan") => Marker::Element("section.plan-dimension"),
        ("GET", "/rounds/{id}/plan/print") => Marker::Element("article.plan-print"),
        ("GET", "/rounds/{id}/plan.csv") => text("Geel"),
        ("GET", "/association/plans") => Marker::Element("article.sector-plans"),
        _ => return None,
    };
    Some(marker)
}

/// A server function's marker in its JSON.
fn server_fn_marker(path: &str, actor: Actor) -> Option<String> {
    use app::staff::api::*;
    let marker = if path == <GetDashboard as ServerFn>::PATH {
        actor.email()?.to_owned()
    } else if path == <GetRound as ServerFn>::PATH || path == <GetReport as ServerFn>::PATH {
        "Demo QuickScan".to_owned()
    } else if path == <GetRoundMail as ServerFn>::PATH {
        "\"groups\"".to_owned()
    } else if path == <GetOpenLinkSheet as ServerFn>::PATH {
        "qr_svg".to_owned()
    } else if path == <GetComparison as ServerFn>::PATH {
        "\"rows\"".to_owned()
    } else if path == <GetPeerGroups as ServerFn>::PATH {
        "Matrixgroep".to_owned()
    } else if path == <GetImportStart as ServerFn>::PATH {
        "\"organisations\"".to_owned()
    } else if path == <GetImportPreview as ServerFn>::PATH {
        "matrix.csv".to_owned()
    } else if path == <GetOrganisation as ServerFn>::PATH {
        "\"13008\"".to_owned()
    } else if path == <GetAuditLog as ServerFn>::PATH {
        "\"events\"".to_owned()
    } else if path == <GetAccounts as ServerFn>::PATH {
        "advisor-b@test.be".to_owned()
    } else if path == <GetNewOrganisation as ServerFn>::PATH {
        actor.email()?.to_owned()
    } else if path == <GetPlan as ServerFn>::PATH {
        "\"dimensions\"".to_owned()
    } else if path == <GetSectorPlans as ServerFn>::PATH {
        "\"dimension_names\"".to_owned()
    } else {
        return None;
    };
    Some(marker)
}

fn fill(pattern: &str, targets: &Targets) -> String {
    let id = if pattern == "/organisations/{id}/delete" {
        targets.throwaway
    } else if pattern == "/plan-actions/{id}/delete" {
        targets.deletable_actions[next_turn(&targets.deletions) % targets.deletable_actions.len()]
    } else if pattern.starts_with("/plan-actions/") {
        targets.plan_action
    } else if pattern.starts_with("/rounds/{id}/plan") {
        targets.plan_round
    } else if pattern.starts_with("/organisations/") {
        targets.org_a
    } else if pattern.starts_with("/import/") {
        targets.upload_a
    } else if pattern.starts_with("/admin/peer-groups/") {
        targets.group
    } else if pattern.starts_with("/admin/accounts/") {
        targets.account
    } else {
        targets.round_a
    };
    let token = if pattern.starts_with("/account/link/") {
        &targets.account_link
    } else {
        &targets.token
    };
    pattern
        .replace("{id}", &id.to_string())
        .replace("{token}", token)
        .replace("{slug}", &targets.slug)
        .replace("{page}", "1")
        .replace("{code}", "en")
}

/// The request a route is probed with: a valid request for organisation A's things.
fn request(
    app: &TestApp,
    session: &Session,
    method: &str,
    pattern: &str,
    targets: &Targets,
) -> reqwest::RequestBuilder {
    let url = app.url(&fill(pattern, targets));
    let csrf = session.csrf.as_str();
    match (method, pattern) {
        ("GET", "/import/template.xlsx") => app
            .client
            .get(app.url(&format!("{pattern}?organisation={}", targets.org_a))),
        ("GET", "/language/{code}") => app.client.get(format!("{url}?next=/")),
        ("GET", "/open") => app
            .client
            .get(format!("{url}?invitation={}", targets.token)),
        ("GET", _) => app.client.get(url),
        ("POST", "/login") => app
            .client
            .post(url)
            .form(&[("email", "nobody@test.be"), ("password", "wrong")]),
        ("POST", "/s/{token}/{page}") => app.client.post(url).form(&[("nav", "save")]),
        ("POST", "/import") => {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.to_owned())
                .text("organisation", targets.org_a.to_string())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(MATRIX_CSV.as_bytes().to_vec())
                        .file_name("matrix.csv"),
                );
            app.client.post(url).multipart(form)
        }
        ("POST", "/rounds/{id}/plan/targets") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("dimension", "policy"),
            ("target", "4"),
            ("ambition", "Matrix"),
        ]),
        ("POST", "/rounds/{id}/plan/adopt") => {
            // Each probe adopts another dimension's first item, so an allowed one is never
            // refused as adopted already.
            let dimension =
                &targets.dimensions[next_turn(&targets.adoptions) % targets.dimensions.len()];
            app.client.post(url).form(&[
                ("csrf", csrf.to_owned()),
                ("advice", format!("{dimension}:2:short:0")),
            ])
        }
        ("POST", "/rounds/{id}/plan/actions") | ("POST", "/plan-actions/{id}") => {
            app.client.post(url).form(&[
                ("csrf", csrf),
                ("title", "Matrixactie"),
                ("dimension", "policy"),
                ("horizon", "short"),
                ("owner", "Matrix"),
                ("due", "2030-01-01"),
                ("status", "planned"),
                ("time", ""),
                ("budget", ""),
                ("note", ""),
            ])
        }
        ("POST", "/plan-actions/{id}/move") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("direction", "down")]),
        ("POST", "/rounds/{id}/plan/comments") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("comment", "Matrixopmerking")]),
        ("POST", "/plan-actions/{id}/delete") => app.client.post(url).form(&[("csrf", csrf)]),
        ("POST", "/organisations/{id}/rounds") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("name", "Matrixronde")]),
        ("POST", "/rounds/{id}/open-link") => {
            app.client.post(url).form(&[("csrf", csrf), ("cap", "50")])
        }
        // Mail goes to a closed port: the invitations are written and wait.
        ("POST", "/rounds/{id}/mail") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("addresses", "matrix@test.be")]),
        ("POST", "/j/{slug}") => app.client.post(url).form(&[("group", "staff")]),
        ("POST", "/admin/peer-groups") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("name", &format!("Groep van {:?}", session.actor)),
        ]),
        ("POST", "/admin/peer-groups/{id}/members") => {
            let org = targets.org_a.to_string();
            app.client
                .post(url)
                .form(&[("csrf", csrf), ("organisation", org.as_str())])
        }
        ("POST", "/admin/organisations/import") => {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.to_owned())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(
                        b"code,name,kind,province,population\r\n13008,Geel,city,Antwerpen,41900\r\n"
                            .to_vec(),
                    )
                    .file_name("lijst.csv"),
                );
            app.client.post(url).multipart(form)
        }
        // Geel as it is: a granted import that changes nothing.
        ("POST", "/admin/organisations/import/confirm") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("code", "13008"),
            ("name", "Geel"),
            ("kind", "city"),
            ("province", "Antwerpen"),
            ("population", "41900"),
        ]),
        ("POST", "/admin/organisations/new") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("code", "99001"),
            ("name", "Matrixgemeente"),
            ("kind", "municipality"),
            ("province", "Limburg"),
            ("population", "1000"),
            ("active", "1"),
        ]),
        ("POST", "/account/forgot") => app.client.post(url).form(&[("email", "advisor-a@test.be")]),
        ("POST", "/account/link/{token}") => app.client.post(url).form(&[
            ("new_password", "een nieuw matrixwachtwoord"),
            ("new_password_again", "een nieuw matrixwachtwoord"),
        ]),
        ("POST", "/admin/accounts") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("email", "matrix-coordinator@test.be"),
            ("display_name", "Matrix"),
            ("role", "coordinator"),
            ("organisations", "13008"),
        ]),
        ("POST", "/admin/accounts/{id}/active") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("active", "1")]),
        ("POST", "/admin/accounts/{id}/organisations") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("organisations", "13008")]),
        ("POST", "/organisations/{id}/coordinators") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("email", &format!("colleague-{:?}@test.be", session.actor)),
            ("display_name", "Collega"),
        ]),
        ("POST", "/organisations/{id}/delete") => app
            .client
            .post(url)
            .form(&[("csrf", csrf), ("confirm_name", "Wegwerpgemeente")]),
        // Geel's details as they are: a granted save that changes nothing.
        ("POST", "/organisations/{id}/details") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("code", "13008"),
            ("name", "Geel"),
            ("kind", "city"),
            ("province", "Antwerpen"),
            ("population", "41900"),
            ("active", "1"),
        ]),
        // The same password again: a granted change that leaves the account as it was.
        ("POST", "/account/password") => app.client.post(url).form(&[
            ("csrf", csrf),
            ("current_password", TEST_PASSWORD),
            ("new_password", TEST_PASSWORD),
            ("new_password_again", TEST_PASSWORD),
        ]),
        ("POST", _) => app.client.post(url).form(&[("csrf", csrf)]),
        _ => unreachable!("only GET and POST routes"),
    }
}

/// A long-form file with one problem: its confirmation writes nothing.
const MATRIX_CSV: &str = "respondent,statement,answer\r\nr1,policy-1,vijf\r\n";

/// What a state-changing route changed, to check a refused one changed nothing.
async fn footprint(
    app: &TestApp,
) -> (Vec<u64>, (u64, u64, u64, u64, u64, u64, u64, u64, u64, u64)) {
    let db = &app.ctx.db;
    let caps = open_link::Entity::find().all(db).await.unwrap();
    let plan = vec![
        plan_target::Entity::find().count(db).await.unwrap(),
        plan_action::Entity::find().count(db).await.unwrap(),
        plan_comment::Entity::find().count(db).await.unwrap(),
        plan_action::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|a| a.position as u64 * 1000 + a.title.len() as u64)
            .sum(),
    ];
    (
        plan,
        (
            caps.iter().map(|l| l.response_cap as u64).sum(),
            invitation::Entity::find().count(db).await.unwrap(),
            invitation_mail::Entity::find().count(db).await.unwrap(),
            round::Entity::find().count(db).await.unwrap(),
            peer_group::Entity::find().count(db).await.unwrap(),
            peer_group_member::Entity::find().count(db).await.unwrap(),
            import_upload::Entity::find().count(db).await.unwrap(),
            organisation::Entity::find().count(db).await.unwrap(),
            user::Entity::find().count(db).await.unwrap(),
            account_link::Entity::find().count(db).await.unwrap(),
        ),
    )
}

async fn every_route_and_server_function_has_a_rule_that_holds(backend: Backend) {
    // E-mail on, to a port where nothing listens: mailed invitations are written and wait.
    let closed_port = quickscan_tests::smtp::free_port();
    let mail = app::mail::MailSettings::parse(
        &format!("smtp://127.0.0.1:{closed_port}"),
        "QuickScan <scan@test.be>",
    )
    .expect("mail settings");
    let app = spawn_app_with(backend, |config| config.mail = Some(mail)).await;
    let world = app.staff_world().await;
    let admin_cookie = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let admin_csrf = app.csrf_token(&admin_cookie).await;
    // Something for every page to show: a peer group, an upload of A, an invitation of A.
    let (status, _, _) = app
        .post_as(
            &admin_cookie,
            paths::PEER_GROUPS.pattern(),
            &[("csrf", &admin_csrf), ("name", "Matrixgroep")],
        )
        .await;
    assert_eq!(status, 303);
    let group = peer_group::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, location) = app
        .upload_as(
            &admin_cookie,
            &admin_csrf,
            world.org_a,
            "matrix.csv",
            MATRIX_CSV.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(status, 303, "{location:?}");
    let upload_a = import_upload::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let token = world.tokens[0].clone();
    // A's round has an open link, so its sheet and its public page have something to show.
    let slug = app
        .create_open_link(&admin_cookie, world.round_a, 100)
        .await;
    // An advisor who has yet to activate, with a one-time link.
    app.add_staff(
        "link@test.be",
        app::auth::Role::Advisor,
        None,
        Some(world.org_a),
    )
    .await;
    let account = user::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "link@test.be")
        .unwrap()
        .id;
    let account_link = app::auth::links::issue(
        &app.ctx.db,
        account,
        account_link::LinkPurpose::Reset,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    app.add_staff(
        "viewed@test.be",
        app::auth::Role::Advisor,
        None,
        Some(world.org_a),
    )
    .await;
    let viewed = user::Entity::find()
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "viewed@test.be")
        .unwrap()
        .id;
    let viewed_link = app::auth::links::issue(
        &app.ctx.db,
        viewed,
        account_link::LinkPurpose::Activation,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let throwaway = {
        use sea_orm::{ActiveModelTrait, Set};
        organisation::ActiveModel {
            code: Set("99002".into()),
            name: Set("Wegwerpgemeente".into()),
            kind: Set(organisation::StoredKind::Municipality),
            province: Set("Limburg".into()),
            population: Set(1000),
            ..Default::default()
        }
        .insert(&app.ctx.db)
        .await
        .unwrap()
        .id
    };
    // A closed round of A with results, and a plan with actions to change, move and delete.
    let plan_round = app
        .closed_round(world.org_a, "Planronde", 2025, 5, "2")
        .await
        .id;
    let mut plan_actions = Vec::new();
    for title in ["Te wijzigen", "Weg 1", "Weg 2", "Weg 3"] {
        let (status, location, _) = app
            .post_as(
                &admin_cookie,
                &paths::PLAN_ACTIONS.with(plan_round),
                &[
                    ("csrf", admin_csrf.as_str()),
                    ("title", title),
                    ("dimension", "code"),
                    ("horizon", "medium"),
                    ("owner", ""),
                    ("due", "31/12/2027"),
                    ("status", "planned"),
                ],
            )
            .await;
        assert_eq!(status, 303, "{location:?}");
        plan_actions.push(
            plan_action::Entity::find()
                .all(&app.ctx.db)
                .await
                .unwrap()
                .into_iter()
                .find(|a| a.title == title)
                .unwrap()
                .id,
        );
    }
    let targets = Targets {
        plan_round,
        plan_action: plan_actions[0],
        deletable_actions: plan_actions[1..].to_vec(),
        deletions: Default::default(),
        adoptions: Default::default(),
        dimensions: app
            .ctx
            .models
            .current()
            .dimensions
            .iter()
            .map(|d| d.id.clone())
            .collect(),
        throwaway,
        viewed_link,
        account,
        account_link,
        org_a: world.org_a,
        round_a: world.round_a,
        upload_a,
        group,
        token,
        slug,
    };

    let routes = every_route();
    let unruled: Vec<_> = routes
        .iter()
        .filter(|(method, path)| {
            route_rule(method, path).is_none() && server_fn_rule(path).is_none()
        })
        .collect();
    assert!(
        unruled.is_empty(),
        "routes without a rule in the matrix: {unruled:?}"
    );
    // All three lists were read: axum routes, Leptos pages and server functions.
    for probe in [
        ("POST", paths::ROUND_CLOSE.pattern()),
        ("GET", paths::ROUND_REPORT.pattern()),
        ("POST", <app::staff::api::GetReport as ServerFn>::PATH),
    ] {
        assert!(
            routes.contains(&(probe.0.to_owned(), probe.1.to_owned())),
            "{probe:?} is listed"
        );
    }

    for actor in Actor::ALL {
        let session = match actor.email() {
            Some(email) => {
                let cookie = app.login(email, TEST_PASSWORD).await.expect("login");
                let csrf = app.csrf_token(&cookie).await;
                Session {
                    actor,
                    cookie,
                    csrf,
                }
            }
            None => Session {
                actor,
                cookie: "qs_session=none".to_owned(),
                csrf: String::new(),
            },
        };
        // Reads first, then changes; signing out and closing the round come last.
        let mut ordered: Vec<&(String, String)> = routes.iter().collect();
        ordered.sort_by_key(|(method, path)| {
            (
                path == paths::LOGOUT.pattern(),
                path == paths::ROUND_CLOSE.pattern(),
                method == "POST",
            )
        });
        for (method, pattern) in ordered {
            let what = format!("{actor:?}: {method} {pattern}");
            if let Some(rule) = server_fn_rule(pattern) {
                let args: Vec<(&str, String)> = server_fn_args(pattern, &targets);
                let answer = send(&session, app.client.post(app.url(pattern)).form(&args)).await;
                let allowed = actor.allowed(rule);
                assert_eq!(answer.status == 200, allowed, "{what}: {}", answer.status);
                if let Some(marker) = server_fn_marker(pattern, actor) {
                    assert_eq!(answer.body.contains(&marker), allowed, "{what}: {marker}");
                }
                continue;
            }
            let rule = route_rule(method, pattern).expect("checked above");
            let allowed = actor.allowed(rule);
            if pattern == paths::ROUND_CLOSE.pattern() && allowed {
                // Closing is checked last, below, for the round's coordinator only.
                continue;
            }
            // What an earlier request left running (a reset link is made after its answer)
            // is done before this one is measured.
            app.background_settled().await;
            let before = footprint(&app).await;
            let answer = send(&session, request(&app, &session, method, pattern, &targets)).await;
            if rule == Rule::Public {
                assert!(
                    !matches!(answer.status, 401 | 403 | 404 | 500..),
                    "{what}: {}",
                    answer.status
                );
                continue;
            }
            assert_eq!(
                answer.granted(),
                allowed,
                "{what}: {} {:?}",
                answer.status,
                answer.location
            );
            if let Some(marker) = marker(method, pattern, actor) {
                assert_eq!(marker.is_in(&answer.body), allowed, "{what}: {marker}");
            }
            // A download is a file only when granted; a refusal is a page.
            if pattern.ends_with(".csv") || pattern.ends_with(".xlsx") {
                let file = answer.content_type.starts_with("text/csv")
                    || answer.content_type.contains("spreadsheetml");
                assert_eq!(file, allowed, "{what}: {}", answer.content_type);
                if pattern.ends_with(".xlsx") && allowed {
                    assert!(answer.body.starts_with("PK"), "{what}: an xlsx is a zip");
                }
            }
            if !allowed {
                assert!(
                    matches!(answer.status, 401 | 403 | 404)
                        || (answer.status == 303
                            && answer.location.as_deref() == Some(paths::LOGIN.pattern())),
                    "{what}: refused with {} {:?}",
                    answer.status,
                    answer.location
                );
                if method == "POST" && pattern != paths::LOGOUT.pattern() {
                    app.background_settled().await;
                    assert_eq!(footprint(&app).await, before, "{what} changed something");
                }
            }
        }
    }
    // The round's coordinator closes it; everyone refused before left it open.
    let cookie = app
        .login("coordinator-a@test.be", TEST_PASSWORD)
        .await
        .unwrap();
    let csrf = app.csrf_token(&cookie).await;
    let (status, location, _) = app
        .post_as(
            &cookie,
            &paths::ROUND_CLOSE.with(world.round_a),
            // The demo round has fewer respondents than results need.
            &[("csrf", &csrf), ("confirm_without_results", "1")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(location, Some(paths::ROUND_REPORT.with(world.round_a)));
    app.cleanup().await;
}

/// The arguments a server function is probed with.
fn server_fn_args(path: &str, targets: &Targets) -> Vec<(&'static str, String)> {
    use app::scan::api::{GetOpenLink, GetScanPage, SaveAnswer};
    use app::staff::api::*;
    if path == <GetRound as ServerFn>::PATH
        || path == <GetReport as ServerFn>::PATH
        || path == <GetRoundMail as ServerFn>::PATH
        || path == <GetOpenLinkSheet as ServerFn>::PATH
    {
        vec![("round_id", targets.round_a.to_string())]
    } else if path == <GetPlan as ServerFn>::PATH {
        vec![("round_id", targets.plan_round.to_string())]
    } else if path == <GetImportPreview as ServerFn>::PATH {
        vec![("upload_id", targets.upload_a.to_string())]
    } else if path == <GetOrganisation as ServerFn>::PATH {
        vec![("organisation_id", targets.org_a.to_string())]
    } else if path == <GetAccountLink as ServerFn>::PATH {
        vec![("token", targets.viewed_link.clone())]
    } else if path == <GetOpenLink as ServerFn>::PATH {
        vec![("slug", targets.slug.clone())]
    } else if path == <GetScanPage as ServerFn>::PATH {
        vec![("token", targets.token.clone()), ("page", "1".to_owned())]
    } else if path == <SaveAnswer as ServerFn>::PATH {
        vec![
            ("token", targets.token.clone()),
            ("statement", "policy-1".to_owned()),
            ("value", "2".to_owned()),
        ]
    } else {
        Vec::new()
    }
}

/// The Leptos router's pages are exactly the page paths the paths module names. (In a runtime,
/// as the server lists them; and through the server's one listing per process, since listing
/// while another test's page renders would hang that page.)
#[tokio::test]
async fn the_pages_are_the_named_paths() {
    let routed: BTreeSet<String> = server::startup::page_routes()
        .iter()
        .map(|listing| listing.path().to_owned())
        .collect();
    let named: BTreeSet<String> = paths::PAGES
        .iter()
        .flat_map(|page| [page.pattern().to_owned(), page.leptos_pattern()])
        .collect();
    for path in &routed {
        assert!(
            named.contains(path),
            "{path} is routed but has no name in app::paths"
        );
    }
    assert_eq!(routed.len(), paths::PAGES.len(), "{routed:?}");
}
