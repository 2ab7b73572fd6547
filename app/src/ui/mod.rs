//! The user interface: the HTML shell, the router and the page layout.

mod home;
mod layout;
mod not_found;
mod scan;
mod staff;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::locale::provide_lang;

/// The HTML document around the app (rendered on the server only).
///
/// A page rendered for a refused form is served without the hydration scripts: its address is
/// the form's action, which the client router would not match (see [`crate::staff::refusal`]).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = provide_lang();
    let hydrate = crate::staff::refusal::request_refusal().is_none();
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
        <Router>
            <layout::Layout>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/s/:token") view=scan::ScanRoute ssr=SsrMode::Async/>
                    <Route path=path!("/s/:token/:page") view=scan::ScanRoute ssr=SsrMode::Async/>
                    <Route path=path!("/j/:slug") view=scan::open_link::OpenLinkRoute ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=staff::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/dashboard") view=staff::dashboard::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/association") view=staff::comparison::ComparisonPage ssr=SsrMode::Async/>
                    <Route path=path!("/import") view=staff::import::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/import/:id") view=staff::import::ImportPreviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/peer-groups") view=staff::peer_groups::PeerGroupsPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id") view=staff::round::RoundPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/open-link/sheet") view=staff::sheet::SheetPage ssr=SsrMode::Async/>
                    <Route path=path!("/rounds/:id/report") view=staff::report::ReportPage ssr=SsrMode::Async/>
                </Routes>
            </layout::Layout>
        </Router>
    }
}
