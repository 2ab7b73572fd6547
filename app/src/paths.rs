//! Every route's path, named once. The router registers these patterns, the pages link and
//! post to them, and the tests request them, so a use case such as "close a round" has one
//! name — [`ROUND_CLOSE`] — from the form to the handler.

/// A route's path pattern in axum's syntax, with at most one `{…}` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RoutePath(&'static str);

impl RoutePath {
    /// The pattern the router registers, e.g. `/rounds/{id}/close`.
    pub const fn pattern(self) -> &'static str {
        self.0
    }

    /// The path with its parameter filled in, e.g. `/rounds/7/close`.
    pub fn with(self, value: impl std::fmt::Display) -> String {
        match (self.0.find('{'), self.0.find('}')) {
            (Some(open), Some(close)) if open < close => {
                format!("{}{value}{}", &self.0[..open], &self.0[close + 1..])
            }
            _ => self.0.to_owned(),
        }
    }

    /// Whether a request path is this route (a `{…}` segment matches any one segment).
    pub fn matches(self, path: &str) -> bool {
        let mut wanted = self.0.split('/');
        let mut given = path.split('/');
        loop {
            match (wanted.next(), given.next()) {
                (None, None) => return true,
                (Some(w), Some(g)) if w.starts_with('{') && w.ends_with('}') => {
                    if g.is_empty() {
                        return false;
                    }
                }
                (Some(w), Some(g)) if w == g => {}
                _ => return false,
            }
        }
    }

    /// The pattern in Leptos' router syntax (`:id` for `{id}`), to match it against the pages.
    pub fn leptos_pattern(self) -> String {
        let mut out = String::with_capacity(self.0.len());
        let mut rest = self.0;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            out.push_str(&rest[..open]);
            out.push(':');
            out.push_str(&rest[open + 1..close]);
            rest = rest.get(close + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

impl std::fmt::Display for RoutePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

// Pages anyone may open.
/// The start page.
pub const HOME: RoutePath = RoutePath("/");
/// An invitation's welcome page.
pub const SCAN: RoutePath = RoutePath("/s/{token}");
/// One page of the scan (a dimension's number, or `review`); posting it saves or submits.
pub const SCAN_PAGE: RoutePath = RoutePath("/s/{token}/{page}");
/// A round's open invitation link: its welcome page, and posting it starts a new response.
pub const OPEN_LINK: RoutePath = RoutePath("/j/{slug}");
/// The start page's "open my invitation" form.
pub const OPEN_INVITATION: RoutePath = RoutePath("/open");
/// Switching the interface language.
pub const LANGUAGE: RoutePath = RoutePath("/language/{code}");
/// The staff sign-in page and its form.
pub const LOGIN: RoutePath = RoutePath("/login");
/// Signing out.
pub const LOGOUT: RoutePath = RoutePath("/logout");

// A staff member's own account.
/// Changing one's password: the page and its form.
pub const ACCOUNT_PASSWORD: RoutePath = RoutePath("/account/password");

/// A one-time link setting an account's password (activation or reset): its page and form.
pub const ACCOUNT_LINK: RoutePath = RoutePath("/account/link/{token}");
/// "Forgot my password": the page and its form.
pub const ACCOUNT_FORGOT: RoutePath = RoutePath("/account/forgot");

// Staff accounts (admin).
/// The list of accounts, and the form creating one.
pub const ACCOUNTS: RoutePath = RoutePath("/admin/accounts");
/// Deactivating an account, or activating it again.
pub const ACCOUNT_ACTIVE: RoutePath = RoutePath("/admin/accounts/{id}/active");
/// Sending an account a new one-time link.
pub const ACCOUNT_NEW_LINK: RoutePath = RoutePath("/admin/accounts/{id}/link");
/// Replacing an advisor's organisations.
pub const ACCOUNT_ORGANISATIONS: RoutePath = RoutePath("/admin/accounts/{id}/organisations");
/// Inviting another coordinator for an organisation.
pub const ORGANISATION_COORDINATORS: RoutePath = RoutePath("/organisations/{id}/coordinators");

// The audit log (admin).
/// The log, filtered.
pub const AUDIT_LOG: RoutePath = RoutePath("/admin/audit");
/// The filtered log as csv.
pub const AUDIT_LOG_EXPORT: RoutePath = RoutePath("/admin/audit/export.csv");

// Rounds and invitations.
/// The staff dashboard.
pub const DASHBOARD: RoutePath = RoutePath("/dashboard");
/// An organisation's page: its details and its rounds.
pub const ORGANISATION: RoutePath = RoutePath("/organisations/{id}");
/// Saving an organisation's details (admin).
pub const ORGANISATION_DETAILS: RoutePath = RoutePath("/organisations/{id}/details");
/// Importing an organisation list (admin): the page, and the upload that checks a file.
pub const ORGANISATIONS_IMPORT: RoutePath = RoutePath("/admin/organisations/import");
/// Writing a checked organisation list.
pub const ORGANISATIONS_IMPORT_CONFIRM: RoutePath =
    RoutePath("/admin/organisations/import/confirm");
/// The organisation list as csv (the import's columns, so it imports again).
pub const ORGANISATIONS_EXPORT: RoutePath = RoutePath("/admin/organisations/export.csv");
/// Deleting an organisation with everything it owns (admin, with its name typed).
pub const ORGANISATION_DELETE: RoutePath = RoutePath("/organisations/{id}/delete");
/// Adding an organisation (admin): the page and its form.
pub const ORGANISATION_NEW: RoutePath = RoutePath("/admin/organisations/new");
/// Opening a new round for an organisation.
pub const ORGANISATION_NEW_ROUND: RoutePath = RoutePath("/organisations/{id}/rounds");
/// A round's page: participation counts, the open link, closing.
pub const ROUND: RoutePath = RoutePath("/rounds/{id}");
/// Creating a round's open link, or changing its cap.
pub const ROUND_OPEN_LINK: RoutePath = RoutePath("/rounds/{id}/open-link");
/// The printable invitation sheet of a round's open link, with its QR code.
pub const ROUND_OPEN_LINK_SHEET: RoutePath = RoutePath("/rounds/{id}/open-link/sheet");
/// Closing a round.
pub const ROUND_CLOSE: RoutePath = RoutePath("/rounds/{id}/close");
/// Inviting e-mail addresses of one group to a round.
pub const ROUND_INVITE_BY_MAIL: RoutePath = RoutePath("/rounds/{id}/mail");
/// Sending a round's waiting (queued) invitation mails again.
pub const ROUND_MAIL_RESEND: RoutePath = RoutePath("/rounds/{id}/mail/resend");
/// Reminding the mailed invitees of a round who have not submitted.
pub const ROUND_MAIL_REMIND: RoutePath = RoutePath("/rounds/{id}/mail/remind");

// Reports and exports.
/// A round's report.
pub const ROUND_REPORT: RoutePath = RoutePath("/rounds/{id}/report");
/// A round's report as csv.
pub const ROUND_EXPORT_CSV: RoutePath = RoutePath("/rounds/{id}/export.csv");
/// A round's report as xlsx.
pub const ROUND_EXPORT_XLSX: RoutePath = RoutePath("/rounds/{id}/export.xlsx");
/// The association's comparison.
pub const ASSOCIATION: RoutePath = RoutePath("/association");
/// The comparison as csv.
pub const ASSOCIATION_EXPORT_CSV: RoutePath = RoutePath("/association/export.csv");
/// The comparison as xlsx.
pub const ASSOCIATION_EXPORT_XLSX: RoutePath = RoutePath("/association/export.xlsx");

// The action plan drawn up from a round with results.
/// The plan page.
pub const PLAN: RoutePath = RoutePath("/rounds/{id}/plan");
/// The plan's printable version, for the council.
pub const PLAN_PRINT: RoutePath = RoutePath("/rounds/{id}/plan/print");
/// Setting one dimension's target.
pub const PLAN_TARGET: RoutePath = RoutePath("/rounds/{id}/plan/targets");
/// Adopting an advice item as an action.
pub const PLAN_ADOPT: RoutePath = RoutePath("/rounds/{id}/plan/adopt");
/// Adding an action of one's own.
pub const PLAN_ACTIONS: RoutePath = RoutePath("/rounds/{id}/plan/actions");
/// An advisor's comment on the plan.
pub const PLAN_COMMENTS: RoutePath = RoutePath("/rounds/{id}/plan/comments");
/// The plan as csv.
pub const PLAN_EXPORT_CSV: RoutePath = RoutePath("/rounds/{id}/plan.csv");
/// The plan as xlsx.
pub const PLAN_EXPORT_XLSX: RoutePath = RoutePath("/rounds/{id}/plan.xlsx");
/// Changing an action.
pub const PLAN_ACTION: RoutePath = RoutePath("/plan-actions/{id}");
/// Moving an action up or down.
pub const PLAN_ACTION_MOVE: RoutePath = RoutePath("/plan-actions/{id}/move");
/// Deleting an action.
pub const PLAN_ACTION_DELETE: RoutePath = RoutePath("/plan-actions/{id}/delete");
/// The association's overview of every organisation's plans.
pub const SECTOR_PLANS: RoutePath = RoutePath("/association/plans");

// Peer groups.
/// The admin's peer groups, and the form creating one.
pub const PEER_GROUPS: RoutePath = RoutePath("/admin/peer-groups");
/// Setting a peer group's members.
pub const PEER_GROUP_MEMBERS: RoutePath = RoutePath("/admin/peer-groups/{id}/members");

// Model versions.
/// The admin's list of loaded model versions.
pub const MODEL_VERSIONS: RoutePath = RoutePath("/admin/models");

// Imports.
/// The import page, and the upload form.
pub const IMPORT: RoutePath = RoutePath("/import");
/// The xlsx template (`?organisation=ID`).
pub const IMPORT_TEMPLATE: RoutePath = RoutePath("/import/template.xlsx");
/// An upload's dry-run preview.
pub const IMPORT_PREVIEW: RoutePath = RoutePath("/import/{id}");
/// Confirming an upload.
pub const IMPORT_CONFIRM: RoutePath = RoutePath("/import/{id}/confirm");

/// A page of the scan: [`SCAN_PAGE`] for this token and page (a step number or `review`).
pub fn scan_page(token: &str, page: impl std::fmt::Display) -> String {
    SCAN.with(token) + "/" + &page.to_string()
}

/// The pages the Leptos router renders (the rest are axum routes).
pub const PAGES: [RoutePath; 25] = [
    HOME,
    ORGANISATIONS_IMPORT,
    AUDIT_LOG,
    ACCOUNT_LINK,
    ACCOUNT_FORGOT,
    ACCOUNTS,
    ORGANISATION,
    ORGANISATION_NEW,
    MODEL_VERSIONS,
    ACCOUNT_PASSWORD,
    SCAN,
    SCAN_PAGE,
    OPEN_LINK,
    LOGIN,
    DASHBOARD,
    ASSOCIATION,
    IMPORT,
    IMPORT_PREVIEW,
    PEER_GROUPS,
    ROUND,
    ROUND_OPEN_LINK_SHEET,
    ROUND_REPORT,
    PLAN,
    PLAN_PRINT,
    SECTOR_PLANS,
];

/// The pages the browser hydrates: those with something to add in the browser (a click on an
/// answer saved at once) and the public pages that lead there. Every other page (the staff
/// side: forms, tables, reports) is rendered by the server only, sent without the hydration
/// scripts and with its data rendered once, never also serialized for the browser; the wasm
/// bundle carries none of their code.
pub const HYDRATED: [RoutePath; 4] = [HOME, SCAN, SCAN_PAGE, OPEN_LINK];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_matches_its_pattern_segment_by_segment() {
        assert!(ROUND_REPORT.matches("/rounds/7/report"));
        assert!(!ROUND_REPORT.matches("/rounds//report"));
        assert!(!ROUND_REPORT.matches("/rounds/7/report/x"));
        assert!(!ROUND_REPORT.matches("/rounds/7"));
        assert!(ASSOCIATION.matches("/association"));
        assert!(!ASSOCIATION.matches("/association/plans"));
        assert!(HOME.matches("/"));
        assert!(!HOME.matches("/dashboard"));
    }

    #[test]
    fn a_parameter_is_filled_in_and_the_rest_kept() {
        assert_eq!(ROUND_CLOSE.with(7), "/rounds/7/close");
        assert_eq!(SCAN.with("abc"), "/s/abc");
        assert_eq!(DASHBOARD.with(7), "/dashboard");
        assert_eq!(IMPORT_CONFIRM.with(12), "/import/12/confirm");
        assert_eq!(scan_page("abc", "review"), "/s/abc/review");
        assert_eq!(scan_page("abc", 3), "/s/abc/3");
    }

    #[test]
    fn leptos_patterns_use_colons() {
        assert_eq!(SCAN_PAGE.leptos_pattern(), "/s/:token/:page");
        assert_eq!(ROUND_REPORT.leptos_pattern(), "/rounds/:id/report");
        assert_eq!(HOME.leptos_pattern(), "/");
    }
}
