//! The user interface: the HTML shell, the router and the page layout.

mod home;
mod layout;
mod not_found;
mod scan;
mod staff;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::locale::provide_lang;

/// The response header through which a page tells the security-headers layer the nonce its
/// scripts carry; the layer removes it and allows exactly those scripts in the
/// Content-Security-Policy (one place for the policy: `server::security_headers`).
pub const SCRIPT_NONCE_HEADER: &str = "x-quickscan-script-nonce";

/// The HTML document around the app (rendered on the server only).
///
/// A page rendered in answer to a post (a refused form, a checked list, a one-time link) is
/// served without the hydration scripts: its address is the form's action, which the client
/// router would not match, and what it shows exists only in this render (see
/// [`crate::staff::refusal::RenderedForPost`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = provide_lang();
    let hydrate = !crate::staff::refusal::rendered_for_post() && hydrated_page();
    // Every inline script Leptos writes carries this render's nonce, and the policy allows
    // exactly it. A page that is not hydrated still has a few (the serialized values), which
    // would otherwise be blocked, and the browser would log each one.
    announce_script_nonce();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {hydrate.then(|| view! {
                    <AutoReload options=options.clone()/>
                    <HydrationScripts options/>
                })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Whether the page being rendered is one the browser hydrates ([`crate::paths::HYDRATED`]);
/// every other page is sent without the hydration scripts.
fn hydrated_page() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>().is_some_and(|parts| {
            crate::paths::HYDRATED
                .iter()
                .any(|page| page.matches(parts.uri.path()))
        })
    }
    #[cfg(not(feature = "ssr"))]
    true
}

/// Passes this render's nonce (leptos_axum makes one per request and puts it on the hydration
/// scripts) to the security-headers layer.
fn announce_script_nonce() {
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = axum::http::HeaderValue::from_str(&nonce) {
            response.insert_header(
                axum::http::HeaderName::from_static(SCRIPT_NONCE_HEADER),
                value,
            );
        }
    }
}

/// Text for an element whose content the server writes unescaped: every page's title
/// (leptos_meta 0.8.7 writes it raw) and a `<textarea>`'s content (tachys renders it raw), so
/// stored text holding `</title><script>` or `</textarea><img …>` would end the element; on
/// the server the text is escaped here. In the browser such text is set as text
/// (`document.title`, a text node), which must not be escaped.
pub fn escaped_on_the_server(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}

/// The application: layout and routes.
///
/// Every route renders completely on the server before the response is sent
/// (`SsrMode::Async`), so pages are whole without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_lang();
    crate::staff::refusal::provide_form_refusal();
    view! {
        <Stylesheet id="leptos" href="/pkg/quickscan.css"/>
        <Title formatter=escaped_on_the_server/>
        <Router>
            <layout::Layout>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/s/:token") view=scan::ScanRoute ssr=SsrMode::Async/>
                    <Route path=path!("/s/:token/:page") view=scan::ScanRoute ssr=SsrMode::Async/>
                    <Route path=path!("/j/:slug") view=scan::open_link::OpenLinkRoute ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=staff::server_page(staff::login::LoginPage) ssr=SsrMode::Async/>
                    <Route path=path!("/account/password") view=staff::server_page(staff::account::PasswordPage) ssr=SsrMode::Async/>
                    <Route path=path!("/account/link/:token") view=staff::server_page(staff::accounts::AccountLinkPage) ssr=SsrMode::Async/>
                    <Route path=path!("/account/forgot") view=staff::server_page(staff::accounts::ForgotPasswordPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/accounts") view=staff::server_page(staff::accounts::AccountsPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=staff::server_page(staff::audit::AuditLogPage) ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=staff::server_page(staff::dashboard::DashboardPage) ssr=SsrMode::Async/>
                    <Route path=path!("/association") view=staff::server_page(staff::comparison::ComparisonPage) ssr=SsrMode::Async/>
                    <Route path=path!("/import") view=staff::server_page(staff::import::ImportPage) ssr=SsrMode::Async/>
                    <Route path=path!("/import/:id") view=staff::server_page(staff::import::ImportPreviewPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/peer-groups") view=staff::server_page(staff::peer_groups::PeerGroupsPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/models") view=staff::server_page(staff::models::ModelVersionsPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations/new") view=staff::server_page(staff::organisation::NewOrganisationPage) ssr=SsrMode::Async/>
                    <Route path=path!("/admin/organisations/import") view=staff::server_page(staff::organisation::OrganisationsImportPage) ssr=SsrMode::Async/>
                    <Route path=path!("/organisations/:id") view=staff::server_page(staff::organisation::OrganisationPage) ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id") view=staff::server_page(staff::round::RoundPage) ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/open-link/sheet") view=staff::server_page(staff::sheet::SheetPage) ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/report") view=staff::server_page(staff::report::ReportPage) ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/plan") view=staff::server_page(staff::plan::PlanPage) ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/plan/print") view=staff::server_page(staff::plan::PlanPrintPage) ssr=SsrMode::Async/>
                    <Route path=path!("/association/plans") view=staff::server_page(staff::plan::SectorPlansPage) ssr=SsrMode::Async/>
                </Routes>
            </layout::Layout>
        </Router>
    }
}
