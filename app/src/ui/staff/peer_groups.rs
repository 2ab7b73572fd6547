//! `/admin/peer-groups`: the association defines its own peer groups (admin only).

use leptos::prelude::*;
use leptos_meta::Title;

use super::refused::{
    described_by, is_refused, kept_checked, kept_value, FieldProblem, FormProblem,
};
use super::{CsrfField, StaffErrorNotice};
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_peer_groups;
use crate::staff::refusal::forms;
use crate::staff::view::PeerGroupsView;

/// The peer groups page.
#[component]
pub fn PeerGroupsPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |_| get_peer_groups());
    view! {
        <Title text=lang.texts().peer_groups.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <PeerGroups view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PeerGroups(view: PeerGroupsView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().peer_groups;
    let user = view.user.clone();
    view! {
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{texts.title}</h1>
        <form method="post" action=paths::PEER_GROUPS.pattern() class="inline-form">
            <CsrfField user=user.clone()/>
            <FormProblem form=forms::NEW_PEER_GROUP/>
            <label for="group-name">{texts.name_label}</label>
            <input id="group-name" name="name" type="text" required maxlength="100"
                value=kept_value(forms::NEW_PEER_GROUP, "name", "")
                aria-invalid=is_refused(forms::NEW_PEER_GROUP, "name").then_some("true")
                aria-describedby=described_by(forms::NEW_PEER_GROUP, "name")/>
            <FieldProblem form=forms::NEW_PEER_GROUP field="name"/>
            <button type="submit">{texts.create}</button>
        </form>
        <h2 class="visually-hidden">{texts.new_group}</h2>
        {view.groups.iter().map(|group| {
            let heading = format!("group-{}", group.id);
            let labelled = heading.clone();
            let form = forms::peer_group_members(group.id);
            view! {
                <section class="card" aria-labelledby=labelled>
                    <h2 id=heading>{group.name.clone()}</h2>
                    <form method="post" action=paths::PEER_GROUP_MEMBERS.with(group.id)>
                        <CsrfField user=user.clone()/>
                        <FormProblem form=form.clone()/>
                        <fieldset class="members"
                            aria-invalid=is_refused(&form, "organisation").then_some("true")
                            aria-describedby=described_by(&form, "organisation")>
                            <legend>{group.name.clone()}</legend>
                            {view.organisations.iter().map(|(id, name)| {
                                let input_id = format!("g{}-o{}", group.id, id);
                                let checked = kept_checked(&form, "organisation", &id.to_string())
                                    .unwrap_or_else(|| group.members.contains(id));
                                view! {
                                    <div class="member">
                                        <input type="checkbox" id=input_id.clone() name="organisation" value=id.to_string() checked=checked/>
                                        <label for=input_id>{name.clone()}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <FieldProblem form=form.clone() field="organisation"/>
                        <button type="submit" class="primary">{texts.save_members}</button>
                    </form>
                </section>
            }
        }).collect_view()}
    }
}
