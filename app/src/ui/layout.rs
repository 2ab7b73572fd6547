//! The frame of every page: skip link, header with language switch, main landmark, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use quickscan_domain::Lang;

use crate::locale::use_lang;

/// Wraps a page in the site's landmarks.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let lang = use_lang();
    let signed_in = SharedValue::new(signed_in_on_page).into_inner();
    view! {
        <a class="skip-link" href="#content">{lang.texts().common.skip_to_content}</a>
        <header class="site-header">
            <a class="brand" href=crate::paths::HOME.pattern()>{lang.texts().common.app_name}</a>
            <div class="header-tools">
                {match signed_in {
                    Some(user) => view! { <crate::ui::staff::UserBar user/> }.into_any(),
                    None => view! {
                        <a href=crate::paths::DASHBOARD.pattern() rel="external">{lang.texts().staff.staff_login}</a>
                    }.into_any(),
                }}
                <LanguageSwitch/>
            </div>
        </header>
        <main id="content" tabindex="-1">
            <crate::ui::staff::refused::PageProblem/>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{lang.texts().common.footer}</p>
        </footer>
    }
}

/// Who is signed in, as the server resolved it for this page (see
/// [`crate::auth::SignedInOnPage`]); in the browser the value arrives with the page.
fn signed_in_on_page() -> Option<crate::auth::StaffUser> {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .extensions
                    .get::<crate::auth::SignedInOnPage>()
                    .cloned()
            })
            .and_then(|signed_in| signed_in.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Links to the same page in each language; a full page load sets the cookie.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    // A refused form's page is served at the form's address: switch back to the page itself.
    let refused_page = StoredValue::new(crate::staff::refusal::use_form_refusal().map(|r| r.page));
    let next = move || {
        if let Some(page) = refused_page.get_value() {
            return percent_encode(&page);
        }
        let path = location.pathname.get();
        let query = location.search.get();
        let target = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        percent_encode(&target)
    };
    view! {
        <nav class="language-switch" aria-label=lang.texts().common.language_switch>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|option| {
                        let current = option == lang;
                        view! {
                            <li>
                                <a
                                    href=move || format!("{}?next={}", crate::paths::LANGUAGE.with(option.code()), next())
                                    hreflang=option.code()
                                    lang=option.code()
                                    rel="external"
                                    aria-current=current.then_some("true")
                                >
                                    {option.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Percent-encodes a path and query for use as a query value.
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
