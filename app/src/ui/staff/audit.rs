//! `/admin/audit`: the audit log, filtered by person, organisation, action and period, paged,
//! and exported as csv with the same filter.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use quickscan_domain::audit::AuditAction;

use super::StaffErrorNotice;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_audit_log;
use crate::staff::audit_view::{AuditFilter, AuditView};

/// The filter as the page's query string gives it.
fn filter_from_query(get: impl Fn(&str) -> Option<String>) -> AuditFilter {
    let non_empty = |key: &str| {
        get(key)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    AuditFilter {
        person: non_empty("person"),
        organisation: non_empty("organisation").and_then(|v| v.parse().ok()),
        action: non_empty("action"),
        from: non_empty("from"),
        until: non_empty("until"),
        page: non_empty("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

/// The audit log page.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = move || filter_from_query(|key| query.read().get(key));
    let data = super::page_data(filter, get_audit_log);
    view! {
        <Title text=lang.texts().audit.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <AuditLog view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditLog(view: AuditView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().audit;
    let filter = view.filter.clone();
    let link = {
        let filter = filter.clone();
        move |base: &str, page: usize| {
            let query = filter.query_for_page(page);
            if query.is_empty() {
                base.to_owned()
            } else {
                format!("{base}?{query}")
            }
        }
    };
    let export = link(paths::AUDIT_LOG_EXPORT.pattern(), 1);
    view! {
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{texts.title}</h1>
        <p>{texts.intro} " " {(texts.retention)(view.retention_days)}</p>
        <form method="get" action=paths::AUDIT_LOG.pattern() class="inline-form filters" role="search">
            <label for="person">{texts.person}</label>
            <input id="person" name="person" type="search" maxlength="254" value=filter.person.clone().unwrap_or_default()/>
            <label for="organisation">{texts.organisation}</label>
            <select id="organisation" name="organisation">
                <option value="">{texts.any}</option>
                {view.organisations.iter().map(|(id, name)| view! {
                    <option value=id.to_string() selected={filter.organisation == Some(*id)}>{name.clone()}</option>
                }).collect_view()}
            </select>
            <label for="action">{texts.action}</label>
            <select id="action" name="action">
                <option value="">{texts.any}</option>
                {AuditAction::ALL.iter().map(|action| view! {
                    <option value=action.code() selected={filter.action.as_deref() == Some(action.code())}>{action.label(lang)}</option>
                }).collect_view()}
            </select>
            <label for="from">{texts.from}</label>
            <input id="from" name="from" type="text" inputmode="numeric" maxlength="10" size="10"
                value=filter.from.clone().unwrap_or_default()
                aria-invalid=view.bad_date.then_some("true")
                aria-describedby=view.bad_date.then_some("date-problem")/>
            <label for="until">{texts.until}</label>
            <input id="until" name="until" type="text" inputmode="numeric" maxlength="10" size="10"
                value=filter.until.clone().unwrap_or_default()
                aria-invalid=view.bad_date.then_some("true")
                aria-describedby=view.bad_date.then_some("date-problem")/>
            <button type="submit">{texts.filter}</button>
        </form>
        {view.bad_date.then(|| view! { <p id="date-problem" role="alert" class="notice error">{texts.bad_date}</p> })}
        <p><a class="button" href=export>{texts.export_csv}</a></p>
        {if view.events.is_empty() {
            view! { <p role="status">{texts.none}</p> }.into_any()
        } else {
            view! {
                <p role="status">{(texts.shown)(view.events.len(), view.total)}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=texts.title>
                    <table class="audit-log">
                        <thead>
                            <tr>
                                <th scope="col">{texts.column_at}</th>
                                <th scope="col">{texts.column_who}</th>
                                <th scope="col">{texts.action}</th>
                                <th scope="col">{texts.organisation}</th>
                                <th scope="col">{texts.column_detail}</th>
                                <th scope="col">{texts.column_client}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {view.events.into_iter().map(|event| view! {
                                <tr>
                                    <th scope="row">{event.at}</th>
                                    <td>{event.who}</td>
                                    <td>{match &event.action {
                                        Ok(action) => action.label(lang).to_owned(),
                                        Err(code) => code.clone(),
                                    }}</td>
                                    <td>{event.organisation.unwrap_or_default()}</td>
                                    <td>{event.detail}</td>
                                    <td>{event.client}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {(view.page_count > 1).then(|| view! {
            <nav class="pager" aria-label=lang.texts().organisations.pages>
                {(filter.page > 1).then(|| view! {
                    <a rel="prev" href=link(paths::AUDIT_LOG.pattern(), filter.page - 1)>{texts.newer}</a>
                })}
                " "
                <span>{format!("{} / {}", filter.page, view.page_count)}</span>
                " "
                {(filter.page < view.page_count).then(|| view! {
                    <a rel="next" href=link(paths::AUDIT_LOG.pattern(), filter.page + 1)>{texts.older}</a>
                })}
            </nav>
        })}
    }
}
