//! Server functions of the staff pages: each checks the session and calls one service.

use leptos::prelude::*;

use super::import_view::{ImportPreview, ImportStartView};
use super::view::{
    ComparisonFilter, ComparisonView, DashboardFilter, DashboardView, ModelVersionsView,
    OpenLinkSheet, OrganisationPanel, PeerGroupsView, ReportView, RoundDetail,
};
use super::StaffError;

#[cfg(feature = "ssr")]
fn context() -> Result<crate::server_context::ServerContext, StaffError> {
    crate::server_context::server_context().ok_or(StaffError::Storage)
}

/// Who is signed in, for the page header on every page; `None` for everyone else.
#[server]
pub async fn get_signed_in() -> Result<Option<crate::auth::StaffUser>, StaffError> {
    let ctx = context()?;
    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return Ok(None);
    };
    super::session::user_from_headers(&ctx.db, &parts.headers).await
}

/// The logged-in user's dashboard: their organisations, searched, filtered and paged.
#[server]
pub async fn get_dashboard(
    #[server(default)] filter: DashboardFilter,
) -> Result<DashboardView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::dashboard::dashboard(&ctx.db, user, filter, ctx.min_respondents).await
}

/// An organisation's page: its details and its rounds.
#[server]
pub async fn get_organisation(organisation_id: i32) -> Result<OrganisationPanel, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::organisations::organisation_page(&ctx, user, organisation_id).await
}

/// The page adding an organisation (admin only): who is signed in.
#[server]
pub async fn get_new_organisation() -> Result<crate::auth::StaffUser, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::organisations::may_add_organisations(&user)?;
    Ok(user)
}

/// A round's page.
#[server]
pub async fn get_round(round_id: i32) -> Result<RoundDetail, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::rounds::round_detail(&ctx, user, round_id).await
}

/// A round's action plan (its page and its printable version).
#[server]
pub async fn get_plan(round_id: i32) -> Result<super::plan_view::PlanView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::plans::plan_page(&ctx, user, round_id).await
}

/// The association's overview of the organisations' action plans.
#[server]
pub async fn get_sector_plans() -> Result<super::plan_view::SectorPlansView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::plans::sector_plans(&ctx, user).await
}

/// A round's printable invitation sheet (its open link with a QR code).
#[server]
pub async fn get_open_link_sheet(round_id: i32) -> Result<OpenLinkSheet, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::invitations::open_link_sheet(&ctx, user, round_id).await
}

/// The language of the request (its `qs_lang` cookie), which the page is shown in too.
#[cfg(feature = "ssr")]
fn request_lang() -> quickscan_domain::Lang {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| crate::locale::request_lang(&parts.headers))
        .unwrap_or_default()
}

/// A round's report, its charts drawn in the request's language.
#[server]
pub async fn get_report(round_id: i32) -> Result<ReportView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    let lang = request_lang();
    super::report::report(&ctx, user, round_id, lang).await
}

/// The association's comparison of organisations (admin; advisors for their organisations).
#[server]
pub async fn get_comparison(
    #[server(default)] filter: ComparisonFilter,
) -> Result<ComparisonView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    let lang = request_lang();
    super::comparison::comparison(&ctx, user, filter, lang).await
}

/// The admin's peer groups.
#[server]
pub async fn get_peer_groups() -> Result<PeerGroupsView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::peer_groups::peer_groups(&ctx, user).await
}

/// The loaded model versions (admin only).
#[server]
pub async fn get_model_versions() -> Result<ModelVersionsView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::models::model_versions(&ctx, user)
}

/// The import page: organisations the user may import answers for.
#[server]
pub async fn get_import_start() -> Result<ImportStartView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    let limit_mib = ctx.upload_limit_bytes.div_ceil(1024 * 1024);
    super::import::import_start(&ctx.db, &user, limit_mib).await
}

/// The dry-run preview of an uploaded file, or what its confirmation wrote.
#[server]
pub async fn get_import_preview(upload_id: i32) -> Result<ImportPreview, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    let lang = request_lang();
    super::import::preview(&ctx, &user, upload_id, lang).await
}

/// The e-mail panel of a round's page (counts per group; never a link).
#[server]
pub async fn get_round_mail(round_id: i32) -> Result<super::mail_view::MailPanel, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::mail::mail_panel(&ctx, &user, round_id, chrono::Utc::now()).await
}

/// The admin's list of staff accounts.
#[server]
pub async fn get_accounts() -> Result<super::account_view::AccountsView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::accounts::accounts(&ctx, user).await
}

/// What a one-time account link opens (anyone holding the link may ask; it says whose
/// account it is, never more).
#[server]
pub async fn get_account_link(
    token: String,
) -> Result<super::account_view::AccountLinkView, StaffError> {
    let ctx = context()?;
    super::accounts::account_link(&ctx, &token, chrono::Utc::now()).await
}

/// Whether this server sends e-mail (the forgotten-password page says what to do without).
#[server]
pub async fn get_mail_on() -> Result<bool, StaffError> {
    Ok(context()?.mail.is_some())
}

/// The audit log, filtered and paged (admin only).
#[server]
pub async fn get_audit_log(
    #[server(default)] filter: super::audit_view::AuditFilter,
) -> Result<super::audit_view::AuditView, StaffError> {
    let ctx = context()?;
    let user = super::session::require_user(&ctx).await?;
    super::audit::audit_page(&ctx, user, filter).await
}
