//! `/admin/models`: the loaded maturity model versions and the one new rounds use (admin).

use leptos::prelude::*;
use leptos_meta::Title;

use super::StaffErrorNotice;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_model_versions;
use crate::staff::view::ModelVersionsView;

/// The model versions page.
#[component]
pub fn ModelVersionsPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |()| get_model_versions());
    view! {
        <Title text=lang.texts().models.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <ModelVersions view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModelVersions(view: ModelVersionsView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().models;
    view! {
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{texts.title}</h1>
        <p>{texts.intro}</p>
        <table class="model-versions">
            <thead>
                <tr>
                    <th scope="col">{texts.id}</th>
                    <th scope="col">{texts.name}</th>
                    <th scope="col">{texts.dimensions}</th>
                    <th scope="col">{texts.statements}</th>
                    <th scope="col">{texts.languages}</th>
                    <th scope="col">{texts.for_new_rounds}</th>
                </tr>
            </thead>
            <tbody>
                {view.models.into_iter().map(|model| {
                    let languages = model
                        .languages
                        .iter()
                        .map(|l| l.endonym())
                        .collect::<Vec<_>>()
                        .join(", ");
                    view! {
                        <tr>
                            <th scope="row"><code>{model.id.clone()}</code></th>
                            <td>{model.title.get(lang).to_owned()}</td>
                            <td>{model.dimensions}</td>
                            <td>{model.statements}</td>
                            <td>{languages}</td>
                            <td>{model.for_new_rounds.then_some(texts.used_for_new_rounds)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
