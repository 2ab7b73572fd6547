//! Staff accounts: `/admin/accounts` (the admin's list and new accounts), the one-time link's
//! page `/account/link/:token`, and `/account/forgot`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::refused::{described_by, is_refused, kept_value, FieldProblem, FormProblem};
use super::{CsrfField, StaffErrorNotice};
use crate::auth::Role;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::account_view::{AccountRow, AccountState, AccountsView, Delivery};
use crate::staff::api::{get_account_link, get_accounts, get_mail_on};
use crate::staff::refusal::{forms, use_one_time_link};

/// The notice after a post that made a one-time link: it went by e-mail (`?sent=1`), or here
/// it is, this once, with a copy button (which the page's small script shows).
#[component]
pub fn OneTimeLinkNotice() -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().accounts;
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let shown = use_one_time_link().and_then(|delivery| match delivery {
        Delivery::Mailed => None,
        Delivery::ShowOnce {
            email,
            link,
            mail_failed,
        } => Some((email, link, mail_failed)),
    });
    view! {
        {move || sent().then(|| view! { <p role="status" class="notice">{texts.link_mailed}</p> })}
        {shown.map(|(email, link, mail_failed)| {
            let message = if mail_failed {
                (texts.link_mail_failed)(&email)
            } else {
                (texts.link_shown_once)(&email)
            };
            view! {
                <div role="status" class="notice one-time-link">
                    <p><label for="one-time-link">{message}</label></p>
                    <input id="one-time-link" type="text" readonly value=link/>
                    " "
                    <button type="button" data-copy="one-time-link" hidden>{texts.copy}</button>
                    <script src="/copy-link.js" defer></script>
                </div>
            }
        })}
    }
}

/// The admin's accounts page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let lang = use_lang();
    let data = super::page_data(|| (), |_| get_accounts());
    view! {
        <Title text=lang.texts().accounts.title/>
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Accounts view/> }.into_any(),
                    Err(error) => view! { <StaffErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A labelled text input of a form, with its problem and what a refused post kept.
#[component]
fn TextField(
    form: &'static str,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    let hint_id = format!("{id}-hint");
    let described = match (hint, described_by(form, name)) {
        (Some(_), Some(problem)) => Some(format!("{hint_id} {problem}")),
        (Some(_), None) => Some(hint_id.clone()),
        (None, problem) => problem,
    };
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id name=name type=kind required maxlength="254" autocomplete=autocomplete
            value=kept_value(form, name, "")
            aria-invalid=is_refused(form, name).then_some("true")
            aria-describedby=described/>
        {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
        <FieldProblem form=form field=name/>
    }
}

#[component]
fn Accounts(view: AccountsView) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().accounts;
    let query = use_query_map();
    let saved = move || query.read().get("saved").is_some();
    let user = view.user.clone();
    let form = forms::NEW_ACCOUNT;
    let role = kept_value(form, "role", "coordinator");
    view! {
        <p><a href=paths::DASHBOARD.pattern()>{lang.texts().staff.back_to_dashboard}</a></p>
        <h1>{texts.title}</h1>
        <OneTimeLinkNotice/>
        {move || saved().then(|| view! { <p role="status" class="notice">{texts.saved}</p> })}
        <h2>{texts.new_account}</h2>
        <form method="post" action=paths::ACCOUNTS.pattern() class="card details-form">
            <CsrfField user=user.clone()/>
            <FormProblem form=form/>
            <TextField form=form name="email" label=texts.column_email kind="email" autocomplete="off"/>
            <TextField form=form name="display_name" label=texts.column_name autocomplete="off"/>
            <label for="new-account-role">{texts.column_role}</label>
            <select id="new-account-role" name="role"
                aria-invalid=is_refused(form, "role").then_some("true")
                aria-describedby=described_by(form, "role")>
                {[Role::Coordinator, Role::Advisor].into_iter().map(|r| view! {
                    <option value=r.code() selected={role == r.code()}>{r.label(lang)}</option>
                }).collect_view()}
            </select>
            <FieldProblem form=form field="role"/>
            <TextField form=form name="organisations" label=texts.organisations_label hint=texts.organisations_hint/>
            <button type="submit" class="primary">{texts.create}</button>
        </form>
        <h2>{texts.title}</h2>
        <div class="table-scroll" tabindex="0" role="region" aria-label=texts.title>
            <table class="accounts">
                <thead>
                    <tr>
                        <th scope="col">{texts.column_email}</th>
                        <th scope="col">{texts.column_name}</th>
                        <th scope="col">{texts.column_role}</th>
                        <th scope="col">{texts.column_organisations}</th>
                        <th scope="col">{texts.column_last_login}</th>
                        <th scope="col">{texts.column_state}</th>
                        <th scope="col">{texts.actions}</th>
                    </tr>
                </thead>
                <tbody>
                    {view.accounts.into_iter().map(|account| {
                        let own = account.id == user.id;
                        view! { <AccountLine account own user=user.clone()/> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AccountLine(account: AccountRow, own: bool, user: crate::auth::StaffUser) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().accounts;
    let form = forms::account(account.id);
    let state = match account.state {
        AccountState::Active => texts.state_active,
        AccountState::AwaitingActivation => texts.state_waiting,
        AccountState::Deactivated => texts.state_deactivated,
    };
    let active = account.state != AccountState::Deactivated;
    let organisations_id = format!("{form}-organisations");
    view! {
        <tr>
            <th scope="row">{account.email.clone()}</th>
            <td>{account.display_name.clone()}</td>
            <td>{account.role.label(lang)}</td>
            <td>{account.organisations.join(", ")}</td>
            <td>{account.last_login.clone().unwrap_or_else(|| texts.never.to_owned())}</td>
            <td>{state}</td>
            <td class="account-actions">
                <FormProblem form=form.clone()/>
                {(!own).then(|| view! {
                    <form method="post" action=paths::ACCOUNT_ACTIVE.with(account.id) class="inline-form">
                        <CsrfField user=user.clone()/>
                        <input type="hidden" name="active" value=if active { "0" } else { "1" }/>
                        <button type="submit">{if active { texts.deactivate } else { texts.reactivate }}</button>
                    </form>
                })}
                {(!own && active).then(|| view! {
                    <form method="post" action=paths::ACCOUNT_NEW_LINK.with(account.id) class="inline-form">
                        <CsrfField user=user.clone()/>
                        <button type="submit">{texts.new_link}</button>
                    </form>
                })}
                {(account.role == Role::Advisor).then(|| view! {
                    <form method="post" action=paths::ACCOUNT_ORGANISATIONS.with(account.id) class="inline-form">
                        <CsrfField user=user.clone()/>
                        <label for=organisations_id.clone() class="visually-hidden">
                            {format!("{} {}", texts.organisations_label, account.email)}
                        </label>
                        <input id=organisations_id type="text" name="organisations" size="18"
                            value=kept_value(&form, "organisations", &account.organisation_codes)
                            aria-invalid=is_refused(&form, "organisations").then_some("true")
                            aria-describedby=described_by(&form, "organisations")/>
                        <button type="submit">{texts.save_organisations}</button>
                        <FieldProblem form=form.clone() field="organisations"/>
                    </form>
                })}
            </td>
        </tr>
    }
}

/// An organisation's form inviting another coordinator (shown where the user may).
#[component]
pub fn InviteCoordinatorForm(user: crate::auth::StaffUser, organisation_id: i32) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().accounts;
    let form = forms::INVITE_COORDINATOR;
    view! {
        <h2>{texts.invite_coordinator}</h2>
        <OneTimeLinkNotice/>
        <form method="post" action=paths::ORGANISATION_COORDINATORS.with(organisation_id) class="card details-form">
            <CsrfField user/>
            <FormProblem form=form/>
            <TextField form=form name="email" label=texts.column_email kind="email" autocomplete="off"/>
            <TextField form=form name="display_name" label=texts.column_name autocomplete="off"/>
            <button type="submit">{texts.invite}</button>
        </form>
    }
}

/// `/account/link/:token`: a one-time link sets the account's password.
#[component]
pub fn AccountLinkPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = super::page_data(token, get_account_link);
    let texts = &lang.texts().accounts;
    view! {
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(link) => {
                        let title = if link.activation { texts.activation_title } else { texts.reset_title };
                        let form = forms::SET_PASSWORD;
                        view! {
                            <Title text=title/>
                            <h1>{title}</h1>
                            <p>{(texts.for_account)(&link.email)}</p>
                            <form method="post" action=paths::ACCOUNT_LINK.with(token()) class="card login-form">
                                <FormProblem form=form/>
                                <input type="hidden" name="email" autocomplete="username" value=link.email.clone()/>
                                {[
                                    ("new_password", lang.texts().account.new_password),
                                    ("new_password_again", lang.texts().account.new_password_again),
                                ].into_iter().map(|(name, label)| {
                                    let id = name.replace('_', "-");
                                    view! {
                                        <label for=id.clone()>{label}</label>
                                        <input id=id name=name type="password" required autocomplete="new-password"
                                            aria-invalid=is_refused(form, name).then_some("true")
                                            aria-describedby=described_by(form, name)/>
                                        <FieldProblem form=form field=name/>
                                    }
                                }).collect_view()}
                                <p class="hint">{lang.texts().account.rule}</p>
                                <button type="submit" class="primary">{texts.set_password}</button>
                            </form>
                        }.into_any()
                    }
                    Err(error) => {
                        super::answer_with_status(error.status());
                        view! {
                        <Title text=texts.reset_title/>
                        <h1>{texts.reset_title}</h1>
                        <p role="alert" class="notice error">{error.message(lang)}</p>
                        <p><a href=paths::ACCOUNT_FORGOT.pattern()>{texts.request_new_link}</a></p>
                    }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// `/account/forgot`: asks for a reset link by e-mail.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().accounts;
    let query = use_query_map();
    let sent = move || query.read().get("sent").is_some();
    let mail_on = super::page_data(|| (), |_| get_mail_on());
    view! {
        <Title text=texts.forgot_title/>
        <h1>{texts.forgot_title}</h1>
        {move || sent().then(|| view! { <p role="status" class="notice">{texts.forgot_sent}</p> })}
        <Suspense fallback=move || view! { <p>{lang.texts().common.loading}</p> }>
            {move || Suspend::new(async move {
                if mail_on.await.unwrap_or(false) {
                    view! {
                        <p>{texts.forgot_intro}</p>
                        <form method="post" action=paths::ACCOUNT_FORGOT.pattern() class="card login-form">
                            <label for="email">{lang.texts().staff.email}</label>
                            <input id="email" name="email" type="email" autocomplete="username" required maxlength="254"/>
                            <button type="submit" class="primary">{texts.send_link}</button>
                        </form>
                    }.into_any()
                } else {
                    view! { <p class="notice">{texts.forgot_mail_off}</p> }.into_any()
                }
            })}
        </Suspense>
    }
}
