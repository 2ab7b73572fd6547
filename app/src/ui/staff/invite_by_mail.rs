//! The round page's e-mail panel: counts per group, the addresses the mail server refused, the
//! waiting invitations, and the forms to invite, send again and remind. It never shows a link.

use leptos::prelude::*;
use quickscan_domain::{Lang, RespondentGroup, MAX_ADDRESSES_AT_ONCE, REMINDER_INTERVAL_DAYS};

use super::refused::{described_by, is_refused, kept_value};
use super::CsrfField;
use crate::auth::StaffUser;
use crate::locale::use_lang;
use crate::paths;
use crate::staff::api::get_round_mail;
use crate::staff::mail_view::{MailGroupCounts, MailPanel};
use crate::staff::refusal::{forms, use_form_refusal};
use crate::staff::StaffError;

/// The e-mail panel of a round, loaded on its own.
#[component]
pub fn InviteByMail(
    /// The round.
    round_id: i32,
    /// Who is signed in (for the forms' CSRF token).
    user: StaffUser,
) -> impl IntoView {
    let data = super::page_data(move || round_id, get_round_mail);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let user = user.clone();
                Suspend::new(async move {
                    data.await.ok().map(|panel| view! { <Panel panel user/> })
                })
            }}
        </Suspense>
    }
}

/// A refusal's problem text for one of this panel's forms, with its details (the addresses
/// that are not addresses, from when a reminder is possible).
fn problem(lang: Lang, form: &str, whole_form: bool) -> Option<AnyView> {
    let refusal = use_form_refusal()?;
    if refusal.form != form || refusal.error.field().is_some() == whole_form {
        return None;
    }
    let id = format!("{form}-addresses-problem");
    let texts = &lang.texts().mail;
    let view = match &refusal.error {
        StaffError::InvalidAddresses(entries) => view! {
            <div id=id class="field-problem" role="alert">
                <p>{refusal.error.message(lang)}</p>
                <ul class="refused-addresses">
                    {entries.iter().map(|e| view! { <li><code>{e.clone()}</code></li> }).collect_view()}
                </ul>
            </div>
        }
        .into_any(),
        StaffError::ReminderTooSoon(when) => view! {
            <p class="notice error" role="alert">
                {refusal.error.message(lang)} " " {(texts.next_reminder_from)(when)}
            </p>
        }
        .into_any(),
        error if whole_form => {
            view! { <p class="notice error" role="alert">{error.message(lang)}</p> }.into_any()
        }
        error => view! { <p id=id class="field-problem" role="alert">{error.message(lang)}</p> }
            .into_any(),
    };
    Some(view)
}

#[component]
fn Panel(panel: MailPanel, user: StaffUser) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().mail;
    let manage = panel.can_manage && panel.open && panel.enabled;
    let round_id = panel.round_id;
    let can_remind = manage && panel.groups.iter().any(|g| g.sent > 0);
    let form = forms::INVITE_BY_MAIL;
    let kept_group = kept_value(form, "group", "");
    let kept_lang = kept_value(form, "lang", lang.code());
    let addresses_described = described_by(form, "addresses")
        .map_or("addresses-hint".to_owned(), |p| {
            format!("addresses-hint {p}")
        });
    view! {
        <section class="card" aria-labelledby="mail-heading">
            <h2 id="mail-heading">{texts.title}</h2>
            {(!panel.enabled).then(|| view! { <p class="notice mail-off">{texts.off}</p> })}
            // A refused form that this page does not show (e-mail off, the round closed).
            {(!manage).then(|| problem(lang, form, true))}
            {(!manage || panel.waiting == 0).then(|| problem(lang, forms::RESEND_MAIL, true))}
            {(!can_remind).then(|| problem(lang, forms::REMIND_BY_MAIL, true))}
            {(!panel.groups.is_empty()).then(|| view! { <Counts groups=panel.groups.clone()/> })}
            {(!panel.open && !panel.groups.is_empty()).then(|| view! { <p>{texts.erased}</p> })}
            {(panel.open && panel.waiting > 0 && panel.unreachable).then(|| view! {
                <p class="notice error mail-waiting" role="alert">{(texts.waiting_unreachable)(panel.waiting)}</p>
            })}
            {(manage && panel.waiting > 0).then(|| view! {
                <form method="post" action=paths::ROUND_MAIL_RESEND.with(round_id) class="inline-form">
                    <CsrfField user=user.clone()/>
                    {problem(lang, forms::RESEND_MAIL, true)}
                    <button type="submit">{texts.resend}</button>
                </form>
            })}
            {(!panel.refused.is_empty()).then(|| view! {
                <div class="notice error mail-refused">
                    <p>{(texts.refused_title)(panel.refused.len())}</p>
                    <ul>
                        {panel.refused.iter().map(|a| view! { <li><code>{a.clone()}</code></li> }).collect_view()}
                    </ul>
                </div>
            })}
            {manage.then(|| view! {
                <p>{texts.hint}</p>
                <form method="post" action=paths::ROUND_INVITE_BY_MAIL.with(round_id) class="stacked-form">
                    <CsrfField user=user.clone()/>
                    {problem(lang, form, true)}
                    <label for="addresses">{texts.addresses_label}</label>
                    <p id="addresses-hint" class="hint">{(texts.addresses_hint)(MAX_ADDRESSES_AT_ONCE)}</p>
                    <textarea id="addresses" name="addresses" rows="6" cols="60" required
                        aria-invalid=is_refused(form, "addresses").then_some("true")
                        aria-describedby=addresses_described>
                        {crate::ui::escaped_on_the_server(kept_value(form, "addresses", ""))}
                    </textarea>
                    {problem(lang, form, false)}
                    <label for="mail-group">{lang.texts().staff.group}</label>
                    <select id="mail-group" name="group"
                        aria-invalid=is_refused(form, "group").then_some("true")>
                        <option value="">{lang.texts().staff.no_group}</option>
                        {RespondentGroup::ALL
                            .into_iter()
                            .map(|g| {
                                let selected = kept_group == g.code();
                                view! { <option value=g.code() selected=selected>{g.label(lang)}</option> }
                            })
                            .collect_view()}
                    </select>
                    <label for="mail-lang">{texts.language_label}</label>
                    <select id="mail-lang" name="lang">
                        {Lang::ALL
                            .into_iter()
                            .map(|l| {
                                let selected = kept_lang == l.code();
                                view! { <option value=l.code() selected=selected>{l.endonym()}</option> }
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="primary">{texts.send}</button>
                </form>
            })}
            {can_remind.then(|| view! {
                <form method="post" action=paths::ROUND_MAIL_REMIND.with(round_id) class="stacked-form">
                    <CsrfField user=user.clone()/>
                    {problem(lang, forms::REMIND_BY_MAIL, true)}
                    <p class="hint">{(texts.remind_hint)(REMINDER_INTERVAL_DAYS)}</p>
                    {panel.last_reminder.clone().map(|when| view! { <p class="last-reminder">{(texts.last_reminder)(&when)}</p> })}
                    {panel.next_reminder.clone().map(|when| view! { <p class="next-reminder">{(texts.next_reminder_from)(&when)}</p> })}
                    <button type="submit">{texts.remind}</button>
                </form>
            })}
        </section>
    }
}

/// The counts per group, with a total row.
#[component]
fn Counts(groups: Vec<MailGroupCounts>) -> impl IntoView {
    let lang = use_lang();
    let texts = &lang.texts().mail;
    let total = MailGroupCounts {
        group: None,
        invited: groups.iter().map(|g| g.invited).sum(),
        sent: groups.iter().map(|g| g.sent).sum(),
        undeliverable: groups.iter().map(|g| g.undeliverable).sum(),
        waiting: groups.iter().map(|g| g.waiting).sum(),
    };
    let row = move |name: String, counts: &MailGroupCounts| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td class="number">{counts.invited}</td>
                <td class="number">{counts.sent}</td>
                <td class="number">{counts.undeliverable}</td>
                <td class="number">{counts.waiting}</td>
            </tr>
        }
    };
    view! {
        <table class="mail-counts">
            <caption>{texts.counts_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{lang.texts().staff.group}</th>
                    <th scope="col">{texts.invited_by_mail}</th>
                    <th scope="col">{texts.sent}</th>
                    <th scope="col">{texts.undeliverable}</th>
                    <th scope="col">{texts.waiting}</th>
                </tr>
            </thead>
            <tbody>
                {groups
                    .iter()
                    .map(|g| {
                        let name = g
                            .group
                            .as_deref()
                            .and_then(RespondentGroup::from_code)
                            .map_or(lang.texts().staff.no_group, |g| g.label(lang));
                        row(name.to_owned(), g)
                    })
                    .collect_view()}
                {row(texts.total.to_owned(), &total)}
            </tbody>
        </table>
    }
}
