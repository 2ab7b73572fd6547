//! Who is asking on the staff side, and the one way a staff request is refused.
//!
//! Every staff handler is: extract [`Staff`] (or [`StaffForm`] for a post, whose CSRF token is
//! checked on the way in), call one service function, then redirect or return a [`Refusal`].
//! A refusal is rendered by [`render_refusals`] as the form's own page in the normal layout,
//! with the problem next to its field and what the user typed filled back in.

use app::auth::service::session_user;
use app::auth::{StaffUser, CSRF_FIELD, SESSION_COOKIE};
use app::paths;
use app::staff::account_view::Delivery;
use app::staff::refusal::{forms, FormRefusal, OneTimeLink};
use app::staff::session::check_csrf;
use app::staff::StaffError;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use axum_extra::extract::CookieJar;
use chrono::Utc;
use leptos::prelude::provide_context;
use quickscan_domain::Lang;

use crate::client_address::ClientAddress;
use crate::startup::AppState;
use app::staff::audit::AuditEntry;
use quickscan_domain::audit::AuditAction;

/// The signed-in staff user of a request and the language they read.
#[derive(Debug, Clone)]
pub struct Staff {
    /// Who is signed in.
    pub user: StaffUser,
    /// The interface language (the `qs_lang` cookie).
    pub lang: Lang,
    /// The session's cookie token, to end it on sign-out.
    pub session_token: String,
    /// Where the request comes from, for the audit log.
    pub client: String,
}

impl Staff {
    /// An audit entry of this user's action (add its organisation, round and details).
    pub fn audit(&self, action: AuditAction) -> AuditEntry<'_> {
        AuditEntry::by(&self.user, &self.client, action)
    }

    /// A refusal of this user's request, shown at `form` on the page at `page`.
    pub fn refuse(
        &self,
        error: StaffError,
        page: impl Into<String>,
        form: impl Into<String>,
    ) -> Refusal {
        Refusal {
            error,
            page: page.into(),
            form: form.into(),
            fields: Vec::new(),
        }
    }

    /// A refusal of a link (not a form): shown at the top of the dashboard.
    pub fn refuse_link(&self, error: StaffError) -> Refusal {
        self.refuse(error, paths::DASHBOARD.pattern(), forms::PAGE)
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refusal> {
        let lang = app::locale::request_lang(&parts.headers).unwrap_or_default();
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
            return Err(Refusal::signed_out());
        };
        let Ok(ClientAddress(client)) = ClientAddress::from_request_parts(parts, state).await;
        match session_user(&state.ctx.db, &token, Utc::now()).await {
            Ok(Some(user)) => Ok(Staff {
                user,
                lang,
                session_token: token,
                client,
            }),
            Ok(None) => Err(Refusal::signed_out()),
            Err(error) => Err(Refusal::link(StaffError::from(error))),
        }
    }
}

/// A staff form post: the signed-in user and the posted fields, its CSRF token checked.
#[derive(Debug, Clone)]
pub struct StaffForm {
    /// Who posted it.
    pub staff: Staff,
    fields: Vec<(String, String)>,
}

impl StaffForm {
    /// The value of a field (the first, if it was posted more than once).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value posted for a field (checkboxes).
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.fields
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The signed-in user.
    pub fn user(&self) -> &StaffUser {
        &self.staff.user
    }

    /// The language the user reads the pages in.
    pub fn lang(&self) -> Lang {
        self.staff.lang
    }

    /// An audit entry of this user's action (add its organisation, round and details).
    pub fn audit(&self, action: AuditAction) -> AuditEntry<'_> {
        self.staff.audit(action)
    }

    /// A refusal of this form, shown on the page at `page` with what was typed kept.
    pub fn refuse(
        &self,
        error: StaffError,
        page: impl Into<String>,
        form: impl Into<String>,
    ) -> Refusal {
        // A password is never sent back into a page, refused or not.
        let kept = self
            .fields
            .iter()
            .filter(|(key, _)| !key.contains("password"))
            .cloned()
            .collect();
        Refusal {
            fields: kept,
            ..self.staff.refuse(error, page, form)
        }
    }
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = Refusal;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Refusal> {
        let (mut parts, body) = request.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let request = Request::from_parts(parts, body);
        // A body that is not a form did not come from one of our pages: like a bad token.
        let Form(fields): Form<Vec<(String, String)>> = Form::from_request(request, state)
            .await
            .map_err(|_| staff.refuse_link(StaffError::BadCsrf))?;
        let token = fields
            .iter()
            .find(|(key, _)| key == CSRF_FIELD)
            .map(|(_, value)| value.as_str());
        check_csrf(&staff.user, token).map_err(|error| staff.refuse_link(error))?;
        let fields = fields
            .into_iter()
            .filter(|(key, _)| key != CSRF_FIELD)
            .collect();
        Ok(StaffForm { staff, fields })
    }
}

/// A refused staff request: why, and the page and form to show it on.
#[derive(Debug, Clone)]
pub struct Refusal {
    error: StaffError,
    page: String,
    form: String,
    fields: Vec<(String, String)>,
}

impl Refusal {
    /// Nobody is signed in: the sign-in page.
    fn signed_out() -> Refusal {
        Refusal::link(StaffError::NotLoggedIn)
    }

    /// A refusal before the user is known, shown on the dashboard.
    fn link(error: StaffError) -> Refusal {
        Refusal {
            error,
            page: paths::DASHBOARD.pattern().to_owned(),
            form: forms::PAGE.to_owned(),
            fields: Vec::new(),
        }
    }

    /// Fills `fields` back into the form (for forms the extractor did not read, uploads).
    pub fn keep(&mut self, fields: Vec<(String, String)>) {
        self.fields = fields;
    }

    /// Why the request was refused.
    pub fn error(&self) -> &StaffError {
        &self.error
    }
}

impl From<StaffError> for Refusal {
    fn from(error: StaffError) -> Self {
        Refusal::link(error)
    }
}

impl Refusal {
    /// A refusal of a form anyone may post (no session), shown at `form` on the page at
    /// `page`; nothing typed is kept (such forms hold passwords or addresses only).
    pub fn public(error: StaffError, page: impl Into<String>, form: impl Into<String>) -> Refusal {
        Refusal {
            error,
            page: page.into(),
            form: form.into(),
            fields: Vec::new(),
        }
    }
}

/// Puts what a rendered page shows into its request's extensions.
type Attach = std::sync::Arc<dyn Fn(&mut axum::http::Extensions) + Send + Sync>;

/// What a handler's response asks [`render_refusals`] to render in its place.
#[derive(Clone)]
enum PendingRender {
    /// A refused form, on its page.
    Refusal(Refusal),
    /// The page at `page`, showing what `attach` gives it (a one-time link, a checked list).
    Page { page: String, attach: Attach },
}

/// The page at `page` rendered in answer to a post, with `shown` in its request's extensions
/// for it to show, under `status`. Such a page is not hydrated (`RenderedForPost`).
pub fn render_with<T: Clone + Send + Sync + 'static>(
    status: StatusCode,
    page: String,
    shown: T,
) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(PendingRender::Page {
        page,
        attach: std::sync::Arc::new(move |extensions| {
            extensions.insert(shown.clone());
        }),
    });
    response
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        if matches!(self.error, StaffError::NotLoggedIn) {
            return Redirect::to(paths::LOGIN.pattern()).into_response();
        }
        let status =
            StatusCode::from_u16(self.error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = status.into_response();
        response
            .extensions_mut()
            .insert(PendingRender::Refusal(self));
        response
    }
}

/// The answer to a post that made a one-time account link: the page at `page` with the link
/// shown this once when it could not go by e-mail, else that page with `?sent=1`.
pub fn link_delivered(delivery: Delivery, page: String) -> Response {
    match delivery {
        Delivery::Mailed => {
            let separator = if page.contains('?') { '&' } else { '?' };
            Redirect::to(&format!("{page}{separator}sent=1")).into_response()
        }
        shown => render_with(StatusCode::OK, page, OneTimeLink(shown)),
    }
}

/// The request headers a refused page is rendered with: who is asking, in which language.
const KEPT_FOR_RENDERING: [header::HeaderName; 3] =
    [header::COOKIE, header::ACCEPT_LANGUAGE, header::HOST];

/// Renders refused staff requests: the form's page again, for the same user, in the normal
/// layout, with the refusal's status.
pub async fn render_refusals(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // Only what rendering the page again needs, kept before the handler takes the request.
    let mut headers = HeaderMap::new();
    for name in KEPT_FOR_RENDERING {
        for value in request.headers().get_all(&name) {
            headers.append(name.clone(), value.clone());
        }
    }
    let mut response = next.run(request).await;
    let Some(pending) = response.extensions_mut().remove::<PendingRender>() else {
        return response;
    };
    let status = response.status();
    let mut response = match pending {
        PendingRender::Refusal(refusal) => {
            let page = refusal.page.clone();
            render_page(&state, &headers, &page, |extensions| {
                extensions.insert(FormRefusal {
                    page: refusal.page,
                    form: refusal.form,
                    error: refusal.error,
                    fields: refusal.fields,
                });
            })
            .await
        }
        PendingRender::Page { page, attach } => {
            render_page(&state, &headers, &page, |extensions| attach(extensions)).await
        }
    };
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, "no-store".parse().expect("a header"));
    response
}

/// Renders the page at `page` for the request's user, with what `attach` puts in the request's
/// extensions (a refusal, a one-time link) for the page to show.
async fn render_page(
    state: &AppState,
    headers: &HeaderMap,
    page: &str,
    attach: impl FnOnce(&mut axum::http::Extensions),
) -> Response {
    let mut request = Request::new(Body::empty());
    *request.method_mut() = Method::GET;
    let page = match page.parse() {
        Ok(uri) => uri,
        Err(_) => paths::DASHBOARD.pattern().parse().expect("a path"),
    };
    *request.uri_mut() = page;
    *request.headers_mut() = headers.clone();
    let signed_in = signed_in_on_page(&state.ctx.db, headers).await;
    request.extensions_mut().insert(signed_in);
    request
        .extensions_mut()
        .insert(app::staff::refusal::RenderedForPost);
    attach(request.extensions_mut());
    let ctx = state.ctx.clone();
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(ctx.clone()),
        move || app::shell(options.clone()),
    );
    render(request).await
}

/// Who is signed in according to these request headers, for the page header.
async fn signed_in_on_page(
    db: &sea_orm::DatabaseConnection,
    headers: &HeaderMap,
) -> app::auth::SignedInOnPage {
    match app::staff::session::user_from_headers(db, headers).await {
        Ok(user) => app::auth::SignedInOnPage(user),
        // The page itself will say what went wrong; the header shows the way in.
        Err(_) => app::auth::SignedInOnPage(None),
    }
}

/// Resolves who is signed in before a page renders (GET requests for pages only: not for
/// the bundle, server functions or downloads), so the header on every page can name them.
pub async fn resolve_signed_in(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let is_page = request.method() == Method::GET
        && !path.starts_with("/pkg/")
        && !path.starts_with("/api/")
        && !path.contains('.');
    let has_session = request.headers().contains_key(header::COOKIE);
    if is_page && has_session {
        let signed_in = signed_in_on_page(&state.ctx.db, request.headers()).await;
        request.extensions_mut().insert(signed_in);
    }
    next.run(request).await
}

/// The session cookie, set on sign-in and cleared on sign-out.
pub fn session_cookie(
    public_url: &str,
    value: String,
    max_age: chrono::Duration,
) -> axum_extra::extract::cookie::Cookie<'static> {
    use axum_extra::extract::cookie::{Cookie, SameSite};
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age.num_seconds()))
        .secure(needs_secure_cookie(public_url))
        .build()
}

/// Cookies are `Secure` everywhere but on plain http to this machine itself (a local
/// installation or the tests), where a browser would otherwise drop them.
fn needs_secure_cookie(public_url: &str) -> bool {
    let Some(rest) = public_url.strip_prefix("http://") else {
        return true;
    };
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    !(host == "localhost" || host.starts_with("127.") || rest.starts_with("[::1]"))
}

#[cfg(test)]
mod tests {
    use super::needs_secure_cookie;

    #[test]
    fn only_plain_http_to_this_machine_goes_without_secure() {
        for local in [
            "http://127.0.0.1:3000",
            "http://localhost:3000/",
            "http://[::1]:3000",
        ] {
            assert!(!needs_secure_cookie(local), "{local}");
        }
        for remote in [
            "https://quickscan.example",
            "http://quickscan.example",
            "http://localhost.evil.example",
            "http://10.0.0.5:3000",
        ] {
            assert!(needs_secure_cookie(remote), "{remote}");
        }
    }
}
