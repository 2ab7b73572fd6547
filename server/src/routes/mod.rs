//! Plain axum routes beside the Leptos pages, grouped by area: form posts that work without
//! JavaScript, and downloads. [`axum_routes`] is the one list the router is built from, so the
//! access tests can enumerate it.

pub mod accounts;
pub mod audit;
pub mod error_page;
pub mod exports;
pub mod imports;
pub mod invitations;
pub mod language;
pub mod mail;
pub mod open_invitation;
pub mod organisation_list;
pub mod organisations;
pub mod peer_groups;
pub mod plans;
pub mod rounds;
pub mod scan_forms;
pub mod staff_accounts;

use app::paths::{self, RoutePath};
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{get, post, MethodRouter};

use crate::startup::AppState;

/// One axum route: its path, its method and its handler.
pub struct AxumRoute {
    /// The path, by name.
    pub path: RoutePath,
    /// GET or POST.
    pub method: Method,
    /// Who may use it: anyone (respondents, sign-in) or signed-in staff only.
    pub audience: Audience,
    /// The handler.
    pub handler: MethodRouter<AppState>,
}

/// Who a route is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: respondents, the language switch, signing in.
    Public,
    /// Signed-in staff; the access rule decides the rest.
    Staff,
}

fn get_route<H, T>(path: RoutePath, audience: Audience, handler: H) -> AxumRoute
where
    H: Handler<T, AppState>,
    T: 'static,
{
    AxumRoute {
        path,
        method: Method::GET,
        audience,
        handler: get(handler),
    }
}

fn post_route<H, T>(path: RoutePath, audience: Audience, handler: H) -> AxumRoute
where
    H: Handler<T, AppState>,
    T: 'static,
{
    AxumRoute {
        path,
        method: Method::POST,
        audience,
        handler: post(handler),
    }
}

/// Every axum route (the upload's body limit is added by the router).
pub fn axum_routes() -> Vec<AxumRoute> {
    use Audience::{Public, Staff};
    vec![
        post_route(paths::SCAN_PAGE, Public, scan_forms::post_scan_page),
        post_route(paths::OPEN_LINK, Public, invitations::post_open_link_start),
        get_route(paths::LANGUAGE, Public, language::switch_language),
        get_route(
            paths::OPEN_INVITATION,
            Public,
            open_invitation::open_invitation,
        ),
        post_route(paths::LOGIN, Public, accounts::post_login),
        post_route(paths::LOGOUT, Staff, accounts::post_logout),
        post_route(paths::ACCOUNT_PASSWORD, Staff, accounts::post_password),
        post_route(
            paths::ACCOUNT_LINK,
            Public,
            staff_accounts::post_account_link,
        ),
        post_route(
            paths::ACCOUNT_FORGOT,
            Public,
            staff_accounts::post_forgot_password,
        ),
        post_route(paths::ACCOUNTS, Staff, staff_accounts::post_new_account),
        post_route(
            paths::ACCOUNT_ACTIVE,
            Staff,
            staff_accounts::post_account_active,
        ),
        post_route(
            paths::ACCOUNT_NEW_LINK,
            Staff,
            staff_accounts::post_account_new_link,
        ),
        post_route(
            paths::ACCOUNT_ORGANISATIONS,
            Staff,
            staff_accounts::post_account_organisations,
        ),
        post_route(
            paths::ORGANISATION_COORDINATORS,
            Staff,
            staff_accounts::post_invite_coordinator,
        ),
        post_route(
            paths::ORGANISATION_NEW,
            Staff,
            organisations::post_new_organisation,
        ),
        post_route(
            paths::ORGANISATIONS_IMPORT,
            Staff,
            organisation_list::post_list_upload,
        ),
        post_route(
            paths::ORGANISATIONS_IMPORT_CONFIRM,
            Staff,
            organisation_list::post_list_confirm,
        ),
        get_route(
            paths::ORGANISATIONS_EXPORT,
            Staff,
            organisation_list::export_list,
        ),
        post_route(
            paths::ORGANISATION_DELETE,
            Staff,
            organisations::post_delete_organisation,
        ),
        post_route(
            paths::ORGANISATION_DETAILS,
            Staff,
            organisations::post_organisation_details,
        ),
        post_route(paths::ORGANISATION_NEW_ROUND, Staff, rounds::post_new_round),
        post_route(paths::ROUND_CLOSE, Staff, rounds::post_close_round),
        post_route(paths::ROUND_OPEN_LINK, Staff, invitations::post_open_link),
        post_route(
            paths::ROUND_INVITE_BY_MAIL,
            Staff,
            mail::post_invite_by_mail,
        ),
        post_route(paths::ROUND_MAIL_RESEND, Staff, mail::post_resend),
        post_route(paths::ROUND_MAIL_REMIND, Staff, mail::post_remind),
        post_route(paths::PEER_GROUPS, Staff, peer_groups::post_peer_group),
        post_route(
            paths::PEER_GROUP_MEMBERS,
            Staff,
            peer_groups::post_peer_group_members,
        ),
        post_route(paths::IMPORT, Staff, imports::post_upload),
        get_route(paths::IMPORT_TEMPLATE, Staff, imports::get_template),
        post_route(paths::IMPORT_CONFIRM, Staff, imports::post_confirm),
        get_route(paths::AUDIT_LOG_EXPORT, Staff, audit::export_audit_log),
        get_route(paths::ROUND_EXPORT_CSV, Staff, exports::export_round_csv),
        get_route(paths::ROUND_EXPORT_XLSX, Staff, exports::export_round_xlsx),
        get_route(
            paths::ASSOCIATION_EXPORT_CSV,
            Staff,
            exports::export_comparison_csv,
        ),
        get_route(
            paths::ASSOCIATION_EXPORT_XLSX,
            Staff,
            exports::export_comparison_xlsx,
        ),
        post_route(paths::PLAN_TARGET, Staff, plans::post_plan_target),
        post_route(paths::PLAN_ADOPT, Staff, plans::post_plan_adopt),
        post_route(paths::PLAN_ACTIONS, Staff, plans::post_plan_action),
        post_route(paths::PLAN_COMMENTS, Staff, plans::post_plan_comment),
        post_route(paths::PLAN_ACTION, Staff, plans::post_plan_action_update),
        post_route(paths::PLAN_ACTION_MOVE, Staff, plans::post_plan_action_move),
        post_route(
            paths::PLAN_ACTION_DELETE,
            Staff,
            plans::post_plan_action_delete,
        ),
        get_route(paths::PLAN_EXPORT_CSV, Staff, exports::export_plan_csv),
        get_route(paths::PLAN_EXPORT_XLSX, Staff, exports::export_plan_xlsx),
    ]
}
