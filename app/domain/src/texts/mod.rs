//! All interface text, in one place per language.
//!
//! [`Texts`] names every piece of text the interface shows: plain texts are `&'static str`
//! fields, texts with placeholders are `fn` fields whose named arguments are the
//! placeholders. Each language is one constant in its own file ([`nl`], [`en`], [`fr`]),
//! written as `field: "text"` or `field: |count| format!("{count} …")`; a translation that
//! lacks a field, or a placeholder function with the wrong arguments, does not compile.
//! A translator edits those files only.
//!
//! Model texts (dimensions, statements, advice) live in the model file, not here.

use crate::Lang;

pub mod en;
pub mod fr;
pub mod mail;
pub mod nl;
pub mod plan;

pub use mail::MailTexts;
pub use plan::PlanTexts;

impl Lang {
    /// The interface texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nl => &nl::TEXTS,
            Lang::En => &en::TEXTS,
            Lang::Fr => &fr::TEXTS,
        }
    }

    /// A score on the 0–4 scale with one decimal, with the decimal comma or point the
    /// language writes.
    pub fn format_score(self, score: f64) -> String {
        let text = format!("{score:.1}");
        if self.texts().common.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

/// Every piece of interface text in one language. One value per language lives in
/// `nl.rs`, `en.rs` and `fr.rs`; a field missing there does not compile.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    /// The respondent's pages and the frame every page shares.
    pub common: CommonTexts,
    /// The staff pages: login, dashboard, rounds, invitations and the report.
    pub staff: StaffTexts,
    /// The association's comparison, the benchmarks and the trends.
    pub compare: CompareTexts,
    /// The report's charts.
    pub report: ReportTexts,
    /// The admin's own peer groups page.
    pub peer_groups: PeerGroupTexts,
    /// The spreadsheet import pages.
    pub import: ImportTexts,
    /// The xlsx import template.
    pub template: TemplateTexts,
    /// The exports (besides the report's own words).
    pub export: ExportTexts,
    /// The action plan: its page, the printable version, the follow-up and the overview.
    pub plan: PlanTexts,
    /// Invitations and reminders by e-mail.
    pub mail: MailTexts,
    /// A staff member's own account: changing the password.
    pub account: AccountTexts,
    /// The admin's page of loaded model versions.
    pub models: ModelTexts,
    /// The organisations: the list, an organisation's page and its details form.
    pub organisations: OrganisationTexts,
    /// Staff accounts: the admin's list, new accounts, one-time links, a forgotten password.
    pub accounts: StaffAccountTexts,
    /// The audit log: its actions' names and its page.
    pub audit: AuditTexts,
    /// Why a staff request was refused.
    pub staff_error: StaffErrorTexts,
    /// Why a respondent's request was refused.
    pub scan_error: ScanErrorTexts,
    /// What is wrong with an uploaded file: read failures, places, problems and notices. Lowercase: they follow a place.
    pub problems: ProblemTexts,
    /// The benchmarks' sentences about anonymity.
    pub benchmark: BenchmarkTexts,
    /// The domain's vocabulary: maturity levels, answers, respondent groups, consensus,
    /// organisation kinds, population bands and peer groups.
    pub labels: LabelTexts,
    /// Invitations: the anonymity promise, the open link, participation counts, the sheet.
    pub invitation: InvitationTexts,
}

/// The respondent's pages and the frame every page shares.
#[derive(Debug, Clone, Copy)]
pub struct CommonTexts {
    /// App name.
    pub app_name: &'static str,
    /// Skip to content.
    pub skip_to_content: &'static str,
    /// Language switch.
    pub language_switch: &'static str,
    /// Footer.
    pub footer: &'static str,
    /// A post that did not come from one of our pages (the origin check refused it).
    pub foreign_origin: &'static str,
    /// Home title.
    pub home_title: &'static str,
    /// Home intro.
    pub home_intro: &'static str,
    /// Home how it works.
    pub home_how_it_works: &'static str,
    /// Home step invite.
    pub home_step_invite: &'static str,
    /// Home step answer.
    pub home_step_answer: &'static str,
    /// Home step report.
    pub home_step_report: &'static str,
    /// Home have invitation.
    pub home_have_invitation: &'static str,
    /// Home invitation label.
    pub home_invitation_label: &'static str,
    /// Home invitation hint.
    pub home_invitation_hint: &'static str,
    /// Home open.
    pub home_open: &'static str,
    /// Welcome title.
    pub welcome_title: &'static str,
    /// Welcome intro.
    pub welcome_intro: &'static str,
    /// Welcome resume hint.
    pub welcome_resume_hint: &'static str,
    /// Welcome scale title.
    pub welcome_scale_title: &'static str,
    /// Welcome start.
    pub welcome_start: &'static str,
    /// Welcome back title.
    pub welcome_back_title: &'static str,
    /// Welcome continue.
    pub welcome_continue: &'static str,
    /// Organisation.
    pub organisation: &'static str,
    /// Round.
    pub round: &'static str,
    /// Progress.
    pub progress: &'static str,
    /// Steps nav.
    pub steps_nav: &'static str,
    /// Previous.
    pub previous: &'static str,
    /// Next.
    pub next: &'static str,
    /// To review.
    pub to_review: &'static str,
    /// Save later.
    pub save_later: &'static str,
    /// Saved for later.
    pub saved_for_later: &'static str,
    /// Comment label.
    pub comment_label: &'static str,
    /// Comment hint.
    pub comment_hint: &'static str,
    /// Saving.
    pub saving: &'static str,
    /// Saved.
    pub saved: &'static str,
    /// Loading.
    pub loading: &'static str,
    /// Review title.
    pub review_title: &'static str,
    /// Review intro.
    pub review_intro: &'static str,
    /// Review complete.
    pub review_complete: &'static str,
    /// Review edit.
    pub review_edit: &'static str,
    /// Review submit warning.
    pub review_submit_warning: &'static str,
    /// Submit.
    pub submit: &'static str,
    /// Submitted title.
    pub submitted_title: &'static str,
    /// Submitted thanks.
    pub submitted_thanks: &'static str,
    /// Submitted on.
    pub submitted_on: &'static str,
    /// Dimension.
    pub dimension: &'static str,
    /// Score.
    pub score: &'static str,
    /// Level.
    pub level: &'static str,
    /// Not rated.
    pub not_rated: &'static str,
    /// Unknown invitation title.
    pub unknown_invitation_title: &'static str,
    /// Round closed title.
    pub round_closed_title: &'static str,
    /// Unknown step title.
    pub unknown_step_title: &'static str,
    /// Not found title.
    pub not_found_title: &'static str,
    /// Not found text.
    pub not_found_text: &'static str,
    /// Back home.
    pub back_home: &'static str,
    /// Error title.
    pub error_title: &'static str,
    /// Back to scan.
    pub back_to_scan: &'static str,
    /// "Step 3 of 10": `number` is the step shown, `total` the number of steps.
    pub step_of: fn(number: u32, total: usize) -> String,
    /// "12 of 58 statements answered": `answered` statements answered out of `total`.
    pub answered_of: fn(answered: usize, total: usize) -> String,
    /// "2 statements still open": `open` is the number of unanswered statements (1 takes the singular).
    pub still_open: fn(open: usize) -> String,
    /// Whether numbers are written with a decimal comma (3,5) rather than a point (3.5).
    pub decimal_comma: bool,
}

/// The staff pages: login, dashboard, rounds, invitations and the report.
#[derive(Debug, Clone, Copy)]
pub struct StaffTexts {
    /// Staff login.
    pub staff_login: &'static str,
    /// Login title.
    pub login_title: &'static str,
    /// Email.
    pub email: &'static str,
    /// Password.
    pub password: &'static str,
    /// Log in.
    pub log_in: &'static str,
    /// Log out.
    pub log_out: &'static str,
    /// Login invalid.
    pub login_invalid: &'static str,
    /// Login throttled.
    pub login_throttled: &'static str,
    /// Dashboard title.
    pub dashboard_title: &'static str,
    /// Logged in as.
    pub logged_in_as: &'static str,
    /// The roles' names, as the header shows them after the user's name.
    pub role_coordinator: &'static str,
    /// See `role_coordinator`.
    pub role_advisor: &'static str,
    /// See `role_coordinator`.
    pub role_admin: &'static str,
    /// No organisations.
    pub no_organisations: &'static str,
    /// No rounds.
    pub no_rounds: &'static str,
    /// New round.
    pub new_round: &'static str,
    /// Round name.
    pub round_name: &'static str,
    /// Open round.
    pub open_round: &'static str,
    /// Year.
    pub year: &'static str,
    /// Status.
    pub status: &'static str,
    /// Open.
    pub open: &'static str,
    /// Closed.
    pub closed: &'static str,
    /// Invited.
    pub invited: &'static str,
    /// Started.
    pub started: &'static str,
    /// Submitted.
    pub submitted: &'static str,
    /// Details.
    pub details: &'static str,
    /// Report.
    pub report: &'static str,
    /// Group.
    pub group: &'static str,
    /// No group.
    pub no_group: &'static str,
    /// Close round.
    pub close_round: &'static str,
    /// Close round hint.
    pub close_round_hint: &'static str,
    /// Report title.
    pub report_title: &'static str,
    /// An open round's report: how many more responses results need (`needed` may be 0:
    /// then results appear once the round is closed), from `threshold` respondents.
    pub results_pending: fn(needed: u64, threshold: usize) -> String,
    /// A round closed below the threshold, wherever it is listed.
    pub closed_without_results: fn(threshold: usize) -> String,
    /// The close form's checkbox, shown while fewer than `threshold` have submitted.
    pub confirm_without_results: fn(threshold: usize) -> String,
    /// How comments are handed out (report page and export).
    pub comments_note: fn(threshold: usize) -> String,
    /// The trend's list of rounds closed without results.
    pub trend_without_results: &'static str,
    /// Respondents.
    pub respondents: &'static str,
    /// Overall.
    pub overall: &'static str,
    /// Weakest title.
    pub weakest_title: &'static str,
    /// Divided title.
    pub divided_title: &'static str,
    /// None divided.
    pub none_divided: &'static str,
    /// Mean.
    pub mean: &'static str,
    /// Median.
    pub median: &'static str,
    /// Std dev.
    pub std_dev: &'static str,
    /// Consensus.
    pub consensus: &'static str,
    /// Chart table.
    pub chart_table: &'static str,
    /// The column with a dimension's share of "don't know".
    pub dont_know_share: &'static str,
    /// The heading of the dimensions most answers to which were "don't know".
    pub mostly_unknown_title: &'static str,
    /// Why that is a finding.
    pub mostly_unknown_intro: &'static str,
    /// A dimension without a score because nearly everyone answered "don't know".
    pub not_assessed_unknown: &'static str,
    /// What the overall score covers.
    pub overall_covers: fn(covered: usize, dimensions: usize) -> String,
    /// Advice for a dimension that is little known, whatever its level.
    pub unknown_advice: &'static str,
    /// The heading of the balance over the pillars.
    pub pillars_title: &'static str,
    /// What the pillar figures are.
    pub pillars_intro: &'static str,
    /// The column naming a pillar.
    pub pillar: &'static str,
    /// How many of the dimensions serving a pillar have figures.
    pub pillar_counted: fn(counted: usize, serving: usize) -> String,
    /// Advice title.
    pub advice_title: &'static str,
    /// Short term.
    pub short_term: &'static str,
    /// Medium term.
    pub medium_term: &'static str,
    /// Groups title.
    pub groups_title: &'static str,
    /// Groups hint: the rule a breakdown follows.
    pub groups_hint: fn(threshold: usize) -> String,
    /// Not enough answers.
    pub not_enough_answers: &'static str,
    /// Print.
    pub print: &'static str,
    /// Back to dashboard.
    pub back_to_dashboard: &'static str,
    /// Link to the spreadsheet import.
    pub import_answers: &'static str,
    /// The name of a sideways-scrolling table region (focusable for keyboard scrolling).
    pub scrollable_table: &'static str,
}

/// The association's comparison, the benchmarks and the trends.
#[derive(Debug, Clone, Copy)]
pub struct CompareTexts {
    /// How the comparison's cells are coloured.
    pub heatmap_legend: &'static str,
    /// The footer row with the median of the organisations shown.
    pub sector_median_row: &'static str,
    /// The footer row with the first to third quartile of the organisations shown.
    pub sector_quartiles_row: &'static str,
    /// Title.
    pub title: &'static str,
    /// Intro.
    pub intro: &'static str,
    /// Province.
    pub province: &'static str,
    /// Kind.
    pub kind: &'static str,
    /// Size.
    pub size: &'static str,
    /// All.
    pub all: &'static str,
    /// Apply.
    pub apply: &'static str,
    /// Organisation.
    pub organisation: &'static str,
    /// Overall.
    pub overall: &'static str,
    /// Year.
    pub year: &'static str,
    /// Respondents.
    pub respondents: &'static str,
    /// No rows.
    pub no_rows: &'static str,
    /// Sort by.
    pub sort_by: &'static str,
    /// Descending.
    pub descending: &'static str,
    /// Sector weakest.
    pub sector_weakest: &'static str,
    /// Distribution.
    pub distribution: &'static str,
    /// Export.
    pub export: &'static str,
    /// Export csv.
    pub export_csv: &'static str,
    /// Export xlsx.
    pub export_xlsx: &'static str,
    /// Benchmarks title.
    pub benchmarks_title: &'static str,
    /// Benchmarks intro.
    pub benchmarks_intro: &'static str,
    /// Peer group.
    pub peer_group: &'static str,
    /// Organisations.
    pub organisations: &'static str,
    /// Q1.
    pub q1: &'static str,
    /// Q3.
    pub q3: &'static str,
    /// Your rank.
    pub your_rank: &'static str,
    /// Trends title.
    pub trends_title: &'static str,
    /// Change.
    pub change: &'static str,
    /// Round.
    pub round: &'static str,
    /// The title of the sector distribution chart.
    pub distribution_chart_title: &'static str,
    /// The sector distribution chart's description.
    pub distribution_chart_description: &'static str,
    /// The distribution chart's legend for the bar (the mean).
    pub distribution_value_legend: &'static str,
    /// The distribution chart's legend for the band (the quartiles).
    pub distribution_band_legend: &'static str,
    /// The distribution chart's legend for the marker (the median).
    pub distribution_marker_legend: &'static str,
}

/// The report's charts.
#[derive(Debug, Clone, Copy)]
pub struct ReportTexts {
    /// The title of the trend chart over rounds.
    pub trend_chart_title: &'static str,
    /// The trend chart's description.
    pub trend_chart_description: &'static str,
    /// The radar chart's title.
    pub radar_chart_title: &'static str,
    /// The bar chart's title.
    pub bar_chart_title: &'static str,
    /// The radar and bar charts' description; `organisation` is the organisation's name.
    pub maturity_chart_description: fn(organisation: &str) -> String,
    /// The name of the radar series with the peers' median.
    pub peer_median_series: &'static str,
    /// The bar chart's legend for the bar (the organisation's mean).
    pub bar_value_legend: &'static str,
    /// The bar chart's legend for the band (the respondents' spread).
    pub bar_band_legend: &'static str,
    /// The bar chart's legend for the marker (the median).
    pub bar_marker_legend: &'static str,
    /// The heading of the figures per statement.
    pub statements_title: &'static str,
    /// Under it: from how many answers each figure is shown.
    pub statements_hint: fn(threshold: usize) -> String,
    /// Column: the statement.
    pub statement: &'static str,
    /// Column group: the share of the levels given at one level; `level` is 0–4.
    pub level_share: fn(level: u8) -> String,
    /// Beside a statement answered with labels of its own: what levels 0 and 4 were called.
    pub scale_ends: fn(lowest: &str, highest: &str) -> String,
    /// The export sheet of the figures per statement.
    pub statements_sheet: &'static str,
}

/// The admin's own peer groups page.
#[derive(Debug, Clone, Copy)]
pub struct PeerGroupTexts {
    /// The page title.
    pub title: &'static str,
    /// The heading of the form that creates a group.
    pub new_group: &'static str,
    /// The label of the new group's name.
    pub name_label: &'static str,
    /// The button that creates a group.
    pub create: &'static str,
    /// The button that saves a group's members.
    pub save_members: &'static str,
}

/// The spreadsheet import pages.
#[derive(Debug, Clone, Copy)]
pub struct ImportTexts {
    /// The upload page title (also the link back to it).
    pub title: &'static str,
    /// What the upload page does.
    pub intro: &'static str,
    /// The organisation field.
    pub organisation: &'static str,
    /// The file field.
    pub file: &'static str,
    /// The size limit under the file field; `limit_mib` is the limit in MiB.
    pub file_hint: fn(limit_mib: u64) -> String,
    /// The upload button.
    pub upload: &'static str,
    /// The template download button.
    pub template: &'static str,
    /// Shown when the user may import for no organisation.
    pub no_organisations: &'static str,
    /// The preview page title.
    pub preview_title: &'static str,
    /// Before the open round the answers go into.
    pub into_round: &'static str,
    /// Before the name of the round that will be opened.
    pub into_new_round: &'static str,
    /// After the number of respondents.
    pub respondents: &'static str,
    /// After the number of answers.
    pub answers: &'static str,
    /// The answers column heading.
    pub answers_heading: &'static str,
    /// After the number of replaced respondents.
    pub replaced: &'static str,
    /// The problems heading.
    pub problems: &'static str,
    /// Why nothing is imported while there are problems.
    pub problems_intro: &'static str,
    /// The last line of a shortened problem list; `count` is the number of problems not listed.
    pub omitted: fn(count: usize) -> String,
    /// The notices heading.
    pub notices: &'static str,
    /// The respondent column heading.
    pub respondent: &'static str,
    /// The row column heading.
    pub row: &'static str,
    /// The group column heading.
    pub group: &'static str,
    /// The date column heading.
    pub date: &'static str,
    /// Marks a respondent that replaces an earlier import.
    pub replaces: &'static str,
    /// The confirm button.
    pub confirm: &'static str,
    /// Above the confirm button.
    pub confirm_hint: &'static str,
    /// The file was imported before; `at` is when.
    pub already: fn(at: &str) -> String,
    /// The import is done; `at` is when, `respondents` how many were imported.
    pub done: fn(at: &str, respondents: i32) -> String,
    /// Confirming a file imported before.
    pub done_unchanged: &'static str,
    /// The link to the round imported into.
    pub open_round: &'static str,
    /// The link to import another file.
    pub again: &'static str,
    /// Under a shortened respondent table; `shown` is how many respondents are listed.
    pub more_rows: fn(shown: usize) -> String,
    /// The place of a problem with the whole file.
    pub place_file: &'static str,
}

/// The xlsx import template.
#[derive(Debug, Clone, Copy)]
pub struct TemplateTexts {
    /// The answer sheet's name.
    pub answer_sheet: &'static str,
    /// The instruction sheet's name.
    pub help_sheet: &'static str,
    /// The organisation column's label.
    pub organisation_column: &'static str,
    /// The respondent column's label.
    pub respondent_column: &'static str,
    /// The group column's label.
    pub group_column: &'static str,
    /// The date column's label.
    pub date_column: &'static str,
    /// The drop-down choice for "not applicable".
    pub not_applicable_choice: &'static str,
    /// The instructions' title.
    pub how_to_title: &'static str,
    /// Instruction: rows and header rows.
    pub how_rows: &'static str,
    /// Instruction: the answers.
    pub how_answers: &'static str,
    /// Instruction: group and date.
    pub how_group_date: &'static str,
    /// Instruction: empty rows and importing again.
    pub how_repeat: &'static str,
    /// Before the answer scale.
    pub scale: &'static str,
}

/// The exports (besides the report's own words).
#[derive(Debug, Clone, Copy)]
pub struct ExportTexts {
    /// The comments sheet's name and column heading.
    pub comments: &'static str,
    /// The advice sheet's name (at most 31 characters, a spreadsheet's limit).
    pub advice: &'static str,
    /// The summary sheet's name (weakest and divided dimensions, pillars; at most 31).
    pub summary: &'static str,
    /// The column naming a part of the summary.
    pub part: &'static str,
    /// The column naming an advice item's horizon.
    pub horizon: &'static str,
    /// The column with one advice item.
    pub advice_item: &'static str,
}

/// Why a staff request was refused.
#[derive(Debug, Clone, Copy)]
pub struct StaffErrorTexts {
    /// No valid session.
    pub not_logged_in: &'static str,
    /// Not theirs to see or do.
    pub forbidden: &'static str,
    /// No such round.
    pub round_not_found: &'static str,
    /// No such organisation.
    pub organisation_not_found: &'static str,
    /// No such upload.
    pub upload_not_found: &'static str,
    /// No such peer group.
    pub peer_group_not_found: &'static str,
    /// The form token is missing or wrong.
    pub bad_csrf: &'static str,
    /// The round is closed already.
    pub round_closed: &'static str,
    /// An open link's cap is outside 1–10 000.
    pub invalid_cap: &'static str,
    /// A round name that is empty or too long.
    pub invalid_round_name: &'static str,
    /// A peer-group name that is empty or too long.
    pub invalid_peer_group_name: &'static str,
    /// A peer-group name that another group has.
    pub peer_group_name_taken: &'static str,
    /// A round below the respondent threshold closed without ticking the confirmation.
    pub results_need_confirmation: &'static str,
    /// Peer-group members that another shown group could be differenced against.
    pub peer_group_differencing: &'static str,
    /// An unknown respondent group.
    pub invalid_group: &'static str,
    /// An upload is larger than the upload limit.
    pub upload_too_large: &'static str,
    /// An upload arrived broken.
    pub upload_incomplete: &'static str,
    /// The database failed.
    pub storage: &'static str,
    /// The request did not reach the server.
    pub transport: &'static str,
    /// The current password given to change it is not the account's.
    pub wrong_current_password: &'static str,
    /// A new password shorter than `MIN_PASSWORD_CHARS` (the text names the number).
    pub password_too_short: &'static str,
    /// A new password longer than `MAX_PASSWORD_CHARS` (the text names the number).
    pub password_too_long: &'static str,
    /// A new password that is the account's e-mail address.
    pub password_is_email: &'static str,
    /// A new password from the list of the most common ones.
    pub password_too_common: &'static str,
    /// The new password and its repetition differ.
    pub passwords_differ: &'static str,
}

/// The admin's page of loaded model versions.
#[derive(Debug, Clone, Copy)]
pub struct ModelTexts {
    /// The page title (and the dashboard's link).
    pub title: &'static str,
    /// What the page is for.
    pub intro: &'static str,
    /// Column headers.
    pub id: &'static str,
    /// See `id`.
    pub name: &'static str,
    /// See `id`.
    pub dimensions: &'static str,
    /// See `id`.
    pub statements: &'static str,
    /// See `id`.
    pub languages: &'static str,
    /// See `id`.
    pub for_new_rounds: &'static str,
    /// The mark of the model new rounds use.
    pub used_for_new_rounds: &'static str,
}

/// A staff member's own account.
#[derive(Debug, Clone, Copy)]
pub struct AccountTexts {
    /// The header's link to the password page.
    pub change_password_link: &'static str,
    /// The page title.
    pub title: &'static str,
    /// The current password's label.
    pub current_password: &'static str,
    /// The new password's label.
    pub new_password: &'static str,
    /// The repetition's label.
    pub new_password_again: &'static str,
    /// What a new password must be (the text names the minimum).
    pub rule: &'static str,
    /// The button.
    pub change: &'static str,
    /// After a change: the password changed, other sessions ended.
    pub changed: &'static str,
}

/// The organisations: the list, an organisation's page and its details form.
#[derive(Debug, Clone, Copy)]
pub struct OrganisationTexts {
    /// The search field's label: a name or a NIS code.
    pub search: &'static str,
    /// The round-state filter's label.
    pub state: &'static str,
    /// The filter's "any" choice.
    pub state_any: &'static str,
    /// Only organisations with an open round.
    pub state_open: &'static str,
    /// Only organisations without a round this year.
    pub state_none_this_year: &'static str,
    /// The filter button.
    pub filter: &'static str,
    /// No organisation passes the filter.
    pub none_found: &'static str,
    /// Which rows are shown: `first`–`last` of `total`.
    pub shown: fn(first: usize, last: usize, total: usize) -> String,
    /// The link to the previous page.
    pub previous: &'static str,
    /// The link to the next page.
    pub next: &'static str,
    /// The pagination's name for screen readers.
    pub pages: &'static str,
    /// Column: name.
    pub column_name: &'static str,
    /// Column and label: the NIS code.
    pub column_code: &'static str,
    /// Column and label: the kind.
    pub column_kind: &'static str,
    /// Column and label: the province.
    pub column_province: &'static str,
    /// Column: the size class.
    pub column_size: &'static str,
    /// Column: the latest round.
    pub column_latest: &'static str,
    /// An organisation without rounds.
    pub no_rounds: &'static str,
    /// A round's state: open.
    pub round_open: &'static str,
    /// A round's state: closed.
    pub round_closed: &'static str,
    /// An organisation that no longer takes part.
    pub inactive: &'static str,
    /// On an inactive organisation's page.
    pub inactive_notice: &'static str,
    /// The link to, and title of, the page adding an organisation.
    pub new_organisation: &'static str,
    /// The heading of an organisation's details.
    pub details: &'static str,
    /// The name's label.
    pub name: &'static str,
    /// The population's label.
    pub population: &'static str,
    /// What the population is for.
    pub population_hint: &'static str,
    /// What the NIS code is.
    pub code_hint: &'static str,
    /// A select's empty choice.
    pub choose: &'static str,
    /// The checkbox keeping an organisation in use.
    pub active: &'static str,
    /// The button adding an organisation.
    pub create: &'static str,
    /// The button saving an organisation's details.
    pub save: &'static str,
    /// After saving.
    pub saved: &'static str,
    /// The heading of an organisation's rounds.
    pub rounds: &'static str,
    /// Refused: the NIS code is not five digits.
    pub code_not_nis: &'static str,
    /// Refused: another organisation has this NIS code.
    pub code_taken: &'static str,
    /// Refused: the name is empty or too long.
    pub name_length: &'static str,
    /// Refused: the kind is none of the known kinds.
    pub unknown_kind: &'static str,
    /// Refused: the province is none of the five Flemish provinces.
    pub unknown_province: &'static str,
    /// Refused: the population is not a whole number.
    pub population_not_a_number: &'static str,
    /// Refused: an inactive organisation opens no round.
    pub inactive_no_rounds: &'static str,
    /// Refused: after the change a custom peer group could be differenced against another.
    pub change_differencing: &'static str,
    /// The heading of the deletion form.
    pub delete_title: &'static str,
    /// What deleting removes, and what to type.
    pub delete_warning: fn(name: &str) -> String,
    /// The confirmation field's label.
    pub delete_confirm_label: &'static str,
    /// The deletion button.
    pub delete: &'static str,
    /// After a deletion (on the dashboard).
    pub deleted: &'static str,
    /// Refused: the typed name is not the organisation's.
    pub delete_not_confirmed: &'static str,
    /// The list holds no organisation.
    pub list_empty: &'static str,
    /// The header row lacks these columns.
    pub list_missing_columns: fn(columns: &str) -> String,
    /// A problem of one row.
    pub list_row: fn(row: u32, problem: &str) -> String,
    /// A NIS code seen before in the file.
    pub list_duplicate: fn(code: &str, name: &str, first_row: u32) -> String,
    /// More rows than allowed.
    pub list_too_many: fn(max: usize) -> String,
    /// The list import's page title and link.
    pub import_title: &'static str,
    /// What the list import does.
    pub import_intro: &'static str,
    /// The file field's label.
    pub file: &'static str,
    /// The button checking an uploaded list.
    pub check: &'static str,
    /// What confirming would do.
    pub preview: fn(added: usize, changed: usize, unchanged: usize) -> String,
    /// The button writing the list.
    pub confirm_import: &'static str,
    /// After the import.
    pub imported: fn(added: usize, changed: usize) -> String,
    /// The heading above a list's problems.
    pub refused_list: &'static str,
    /// The link exporting the list.
    pub export_list: &'static str,
    /// A listed organisation that is new.
    pub change_new: &'static str,
    /// A listed organisation that changes.
    pub change_updated: &'static str,
    /// A listed organisation that stays as it is.
    pub change_none: &'static str,
    /// Column: what happens to a listed organisation.
    pub column_change: &'static str,
}

/// Staff accounts: the admin's list, new accounts, one-time links, a forgotten password.
#[derive(Debug, Clone, Copy)]
pub struct StaffAccountTexts {
    /// The admin's accounts page: its title and the dashboard's link.
    pub title: &'static str,
    /// Column and label: the e-mail address.
    pub column_email: &'static str,
    /// Column and label: the name.
    pub column_name: &'static str,
    /// Column and label: the role.
    pub column_role: &'static str,
    /// Column: the organisations.
    pub column_organisations: &'static str,
    /// Column: the last sign-in (UTC).
    pub column_last_login: &'static str,
    /// Column: the state.
    pub column_state: &'static str,
    /// Never signed in.
    pub never: &'static str,
    /// An account that signs in.
    pub state_active: &'static str,
    /// An account whose activation link was not used yet.
    pub state_waiting: &'static str,
    /// A deactivated account.
    pub state_deactivated: &'static str,
    /// The heading of the form creating an account.
    pub new_account: &'static str,
    /// The organisations' label (NIS codes).
    pub organisations_label: &'static str,
    /// What the organisations field takes.
    pub organisations_hint: &'static str,
    /// The button creating an account.
    pub create: &'static str,
    /// Column: what can be done with an account.
    pub actions: &'static str,
    /// The button deactivating an account.
    pub deactivate: &'static str,
    /// The button activating a deactivated account again.
    pub reactivate: &'static str,
    /// The button sending an account a new link.
    pub new_link: &'static str,
    /// The button saving an advisor's organisations.
    pub save_organisations: &'static str,
    /// After a change.
    pub saved: &'static str,
    /// After a link went out by e-mail.
    pub link_mailed: &'static str,
    /// E-mail is off: the link, shown this once, is passed on by hand.
    pub link_shown_once: fn(email: &str) -> String,
    /// E-mail is on but the message could not go out: the link, shown once.
    pub link_mail_failed: fn(email: &str) -> String,
    /// The copy button beside a link.
    pub copy: &'static str,
    /// The heading of the form inviting another coordinator.
    pub invite_coordinator: &'static str,
    /// The button inviting a coordinator.
    pub invite: &'static str,
    /// The activation page's title.
    pub activation_title: &'static str,
    /// The reset page's title.
    pub reset_title: &'static str,
    /// Whose account the link is for.
    pub for_account: fn(email: &str) -> String,
    /// The button setting the password.
    pub set_password: &'static str,
    /// On the sign-in page after a link set the password.
    pub password_set: &'static str,
    /// The sign-in page's link to the forgotten-password page.
    pub forgot_link: &'static str,
    /// The forgotten-password page's title.
    pub forgot_title: &'static str,
    /// What the forgotten-password page does.
    pub forgot_intro: &'static str,
    /// The button asking for a reset link.
    pub send_link: &'static str,
    /// After a reset request, whether or not the address has an account.
    pub forgot_sent: &'static str,
    /// The forgotten-password page when e-mail is off.
    pub forgot_mail_off: &'static str,
    /// The way forward from a link that does not open.
    pub request_new_link: &'static str,
    /// The activation e-mail's subject.
    pub activation_subject: &'static str,
    /// The activation e-mail: the account's name, its link, how many days it works.
    pub activation_body: fn(name: &str, link: &str, days: i64) -> String,
    /// The reset e-mail's subject.
    pub reset_subject: &'static str,
    /// The reset e-mail: its link and how many minutes it works.
    pub reset_body: fn(link: &str, minutes: i64) -> String,
    /// Refused: not an e-mail address.
    pub invalid_email: &'static str,
    /// Refused: an account has this address already.
    pub email_taken: &'static str,
    /// Refused: the name is empty or too long.
    pub invalid_display_name: &'static str,
    /// Refused: a role other than coordinator or advisor.
    pub invalid_role: &'static str,
    /// Refused: NIS codes that name no organisation.
    pub unknown_organisation_codes: &'static str,
    /// Refused: the organisations do not fit the role.
    pub organisations_for_role: &'static str,
    /// Refused: no such account.
    pub account_not_found: &'static str,
    /// Refused: the admin acting on their own account.
    pub own_account: &'static str,
    /// Refused: a link for a deactivated account.
    pub account_deactivated: &'static str,
    /// A link that opens nothing.
    pub link_unknown: &'static str,
    /// A link that was used already.
    pub link_used: &'static str,
    /// A link past its lifetime.
    pub link_expired: &'static str,
}

/// The audit log: its actions' names and its page.
#[derive(Debug, Clone, Copy)]
pub struct AuditTexts {
    /// The action `signed_in`.
    pub signed_in: &'static str,
    /// The action `sign_in_refused`.
    pub sign_in_refused: &'static str,
    /// The action `signed_out`.
    pub signed_out: &'static str,
    /// The action `password_changed`.
    pub password_changed: &'static str,
    /// The action `password_set_through_link`.
    pub password_set_through_link: &'static str,
    /// The action `password_reset_requested`.
    pub password_reset_requested: &'static str,
    /// The action `account_created`.
    pub account_created: &'static str,
    /// The action `coordinator_invited`.
    pub coordinator_invited: &'static str,
    /// The action `account_deactivated`.
    pub account_deactivated: &'static str,
    /// The action `account_reactivated`.
    pub account_reactivated: &'static str,
    /// The action `account_link_sent`.
    pub account_link_sent: &'static str,
    /// The action `advisor_assigned`.
    pub advisor_assigned: &'static str,
    /// The action `organisation_created`.
    pub organisation_created: &'static str,
    /// The action `organisations_imported`.
    pub organisations_imported: &'static str,
    /// The action `organisation_deleted`.
    pub organisation_deleted: &'static str,
    /// The action `organisation_changed`.
    pub organisation_changed: &'static str,
    /// The action `round_opened`.
    pub round_opened: &'static str,
    /// The action `round_closed`.
    pub round_closed: &'static str,
    /// The action `plan_target_set`.
    pub plan_target_set: &'static str,
    /// The action `plan_action_added`.
    pub plan_action_added: &'static str,
    /// The action `plan_action_changed`.
    pub plan_action_changed: &'static str,
    /// The action `plan_action_deleted`.
    pub plan_action_deleted: &'static str,
    /// The action `plan_commented`.
    pub plan_commented: &'static str,
    /// The action `open_link_changed`.
    pub open_link_changed: &'static str,
    /// The action `invitations_mailed`.
    pub invitations_mailed: &'static str,
    /// The action `invitations_resent`.
    pub invitations_resent: &'static str,
    /// The action `reminders_sent`.
    pub reminders_sent: &'static str,
    /// The action `import_previewed`.
    pub import_previewed: &'static str,
    /// The action `import_confirmed`.
    pub import_confirmed: &'static str,
    /// The action `export_downloaded`.
    pub export_downloaded: &'static str,
    /// The action `peer_group_created`.
    pub peer_group_created: &'static str,
    /// The action `peer_group_members_set`.
    pub peer_group_members_set: &'static str,
    /// The page's `title`.
    pub title: &'static str,
    /// The page's `intro`.
    pub intro: &'static str,
    /// The page's `person`.
    pub person: &'static str,
    /// The page's `organisation`.
    pub organisation: &'static str,
    /// The page's `action`.
    pub action: &'static str,
    /// The page's `from`.
    pub from: &'static str,
    /// The page's `until`.
    pub until: &'static str,
    /// The page's `any`.
    pub any: &'static str,
    /// The page's `filter`.
    pub filter: &'static str,
    /// The page's `export_csv`.
    pub export_csv: &'static str,
    /// The page's `column_at`.
    pub column_at: &'static str,
    /// The page's `column_who`.
    pub column_who: &'static str,
    /// The page's `column_detail`.
    pub column_detail: &'static str,
    /// The page's `column_client`.
    pub column_client: &'static str,
    /// The page's `none`.
    pub none: &'static str,
    /// The page's `bad_date`.
    pub bad_date: &'static str,
    /// The page's `retention`.
    pub retention: fn(days: u64) -> String,
    /// The page's `shown`.
    pub shown: fn(shown: usize, total: u64) -> String,
    /// The page's `older`.
    pub older: &'static str,
    /// The page's `newer`.
    pub newer: &'static str,
}

/// Why a respondent's request was refused.
#[derive(Debug, Clone, Copy)]
pub struct ScanErrorTexts {
    /// No invitation has this token.
    pub unknown_invitation: &'static str,
    /// The round is closed.
    pub round_closed: &'static str,
    /// The response was submitted already.
    pub already_submitted: &'static str,
    /// There is no such step; `step` is the step asked for.
    pub unknown_step: fn(step: u32) -> String,
    /// The statement id is not in the model; `statement` is the id posted.
    pub unknown_statement: fn(statement: &str) -> String,
    /// The statement belongs to another page; `statement` is the id posted, `step` the page it was posted to.
    pub statement_not_on_step: fn(statement: &str, step: u32) -> String,
    /// Not an answer; `statement` is the statement id, `value` what was posted.
    pub invalid_answer: fn(statement: &str, value: &str) -> String,
    /// The comment is too long; `max` is the limit in characters.
    pub comment_too_long: fn(max: usize) -> String,
    /// The form is not what the page sends.
    pub malformed_form: &'static str,
    /// Submitting with no answer at all.
    pub nothing_answered: &'static str,
    /// The database failed.
    pub storage: &'static str,
    /// The request did not reach the server.
    pub transport: &'static str,
}

/// What is wrong with an uploaded file: read failures, places, problems and notices. Lowercase: they follow a place.
#[derive(Debug, Clone, Copy)]
pub struct ProblemTexts {
    /// The file is too large; both sizes are in MiB with one decimal.
    pub too_large: fn(size_mib: &str, limit_mib: &str) -> String,
    /// The file has no bytes.
    pub empty: &'static str,
    /// The file is no spreadsheet.
    pub not_a_spreadsheet: &'static str,
    /// The file is encrypted.
    pub password_protected: &'static str,
    /// An old format that is not read.
    pub legacy_format: &'static str,
    /// The file is damaged; `detail` is the reader's explanation.
    pub damaged: fn(detail: &str) -> String,
    /// The file unpacks too large; `size_mib` is the unpacked size, `limit_mib` the budget, in MiB with one decimal.
    pub inflates: fn(size_mib: &str, limit_mib: &str) -> String,
    /// Too many cells; `limit` is the budget.
    pub too_many_cells: fn(limit: u64) -> String,
    /// The reader ran out of memory or stopped abnormally.
    pub unsafe_file: &'static str,
    /// The reader took too long; `seconds` is the time allowed.
    pub timed_out: fn(seconds: u64) -> String,
    /// A problem with a whole sheet; `sheet` is its name.
    pub in_sheet: fn(sheet: &str) -> String,
    /// A problem with a row; `sheet` is the sheet name, `row` the row number from 1.
    pub in_row: fn(sheet: &str, row: u32) -> String,
    /// A problem with a cell; `sheet` is the sheet name, `cell` the cell (D7).
    pub in_cell: fn(sheet: &str, cell: &str) -> String,
    /// The organisation column, in problem messages.
    pub role_organisation: &'static str,
    /// The respondent column, in problem messages.
    pub role_respondent: &'static str,
    /// The group column, in problem messages.
    pub role_group: &'static str,
    /// The date column, in problem messages.
    pub role_date: &'static str,
    /// The statement column, in problem messages.
    pub role_statement: &'static str,
    /// The answer column, in problem messages.
    pub role_answer: &'static str,
    /// No sheet looks like answers; `example` is a statement id of the model.
    pub no_answer_sheet: fn(example: &str) -> String,
    /// A header names no statement of the model; `id` is the header.
    pub unknown_statement: fn(id: &str) -> String,
    /// A second column for the same header; `first_column` is the first one's letters.
    pub duplicate_column: fn(header: &str, first_column: &str) -> String,
    /// A required column is missing; `column` is its role (see `role_…`).
    pub missing_column: fn(column: &str) -> String,
    /// Words that are no answer; `text` is the cell.
    pub not_an_answer: fn(text: &str) -> String,
    /// A number off the 0–4 scale; `text` is the cell.
    pub off_scale: fn(text: &str) -> String,
    /// A date where an answer belongs; `date` is the date shown.
    pub date_as_answer: fn(date: &str) -> String,
    /// TRUE/FALSE where an answer belongs.
    pub bool_as_answer: fn() -> String,
    /// A formula ended in an error; `code` is the error (#N/A).
    pub formula_error: fn(code: &str) -> String,
    /// A row for another organisation; `found` is what the cell says, `expected` the organisation imported for.
    pub other_organisation: fn(found: &str, expected: &str) -> String,
    /// No such respondent group; `text` is the cell.
    pub unknown_group: fn(text: &str) -> String,
    /// A date that cannot be read; `text` is the cell.
    pub bad_date: fn(text: &str) -> String,
    /// The same respondent twice; `first_row` is the first occurrence's row number from 1.
    pub duplicate_respondent: fn(respondent: &str, first_row: u32) -> String,
    /// A second answer to a statement; `first_row` is the first answer's row number from 1.
    pub duplicate_answer: fn(respondent: &str, statement: &str, first_row: u32) -> String,
    /// A respondent with two values for one column; `column` is its role (see `role_…`), `first_row` the row number from 1 that set the first value.
    pub inconsistent: fn(respondent: &str, column: &str, first_row: u32) -> String,
    /// A required cell is empty; `column` is its role (see `role_…`).
    pub missing_value: fn(column: &str) -> String,
    /// Merged cells; `last` is the block's bottom-right cell.
    pub merged: fn(last: &str) -> String,
    /// The sheet holds no answers.
    pub no_answers: &'static str,
    /// Too many respondents; `limit` is the most one import may hold.
    pub too_many_respondents: fn(limit: usize) -> String,
    /// A column that is not imported; `column` is its letters, `header` its header.
    pub ignored_column: fn(sheet: &str, column: &str, header: &str) -> String,
    /// Rows without answers were skipped; `count` is how many (1 takes the singular).
    pub skipped_empty_rows: fn(count: usize) -> String,
}

/// The benchmarks' sentences about anonymity.
#[derive(Debug, Clone, Copy)]
pub struct BenchmarkTexts {
    /// An admin chose too low an anonymity threshold; `threshold` is what they chose, `minimum` the lowest allowed.
    pub threshold_too_low: fn(threshold: usize, minimum: usize) -> String,
    /// Why a dimension's figures are missing from a shown group; `threshold` is the anonymity threshold.
    pub withheld: fn(threshold: usize) -> String,
    /// Why a peer group is not shown; `threshold` is the anonymity threshold.
    pub hidden: fn(threshold: usize) -> String,
    /// No other member of the group has a score; `members` names them ("besturen in …").
    pub rank_no_comparison: fn(members: &str) -> String,
    /// Every one of the `others` other `members` scored the same.
    pub rank_level_with_all: fn(others: usize, members: &str) -> String,
    /// The organisation is above all `others` other `members`.
    pub rank_above_all: fn(others: usize, members: &str) -> String,
    /// The organisation is below all `others` other `members`.
    pub rank_below_all: fn(others: usize, members: &str) -> String,
    /// The first part of a mixed standing: `relation` (one of the three below, capitalised)
    /// applies to `count` of the `others` other `members`.
    pub rank_first_part: fn(relation: &str, count: usize, others: usize, members: &str) -> String,
    /// "higher than", as the relation of a mixed standing.
    pub rank_above: &'static str,
    /// "level with".
    pub rank_level: &'static str,
    /// "lower than".
    pub rank_below: &'static str,
    /// The group's members: every organisation.
    pub members_all: &'static str,
    /// The group's members in a province; `province` is the province's phrase.
    pub members_in_province: fn(province: &str) -> String,
    /// The group's members in a group the association defined; `name` is its name.
    pub members_in_custom_group: fn(name: &str) -> String,
}

/// The domain's vocabulary: maturity levels, answers, respondent groups, consensus,
/// organisation kinds, population bands and peer groups.
#[derive(Debug, Clone, Copy)]
pub struct LabelTexts {
    /// Maturity level 0.
    pub level_absent: &'static str,
    /// Maturity level 1.
    pub level_initial: &'static str,
    /// Maturity level 2.
    pub level_developing: &'static str,
    /// Maturity level 3.
    pub level_established: &'static str,
    /// Maturity level 4.
    pub level_advanced: &'static str,
    /// The pillar of preventing integrity breaches.
    pub pillar_prevention: &'static str,
    /// The pillar of detecting them.
    pub pillar_detection: &'static str,
    /// The pillar of reacting to them.
    pub pillar_reaction: &'static str,
    /// The "don't know" answer.
    pub dont_know: &'static str,
    /// The "not applicable" answer.
    pub not_applicable: &'static str,
    /// The respondent group of elected representatives (plural, lowercase).
    pub group_mandatary: &'static str,
    /// The respondent group of managers (plural, lowercase).
    pub group_management: &'static str,
    /// The respondent group of staff (plural, lowercase).
    pub group_staff: &'static str,
    /// A dimension on which respondents agree.
    pub consensus_shared: &'static str,
    /// A dimension on which respondents somewhat differ.
    pub consensus_mixed: &'static str,
    /// A dimension on which respondents strongly differ.
    pub consensus_divided: &'static str,
    /// An organisation kind.
    pub kind_municipality: &'static str,
    /// An organisation kind.
    pub kind_city: &'static str,
    /// An organisation kind.
    pub kind_welfare_centre: &'static str,
    /// An organisation kind.
    pub kind_province: &'static str,
    /// An organisation kind.
    pub kind_agency: &'static str,
    /// An organisation kind, plural (a peer group's name).
    pub kinds_municipality: &'static str,
    /// An organisation kind, plural.
    pub kinds_city: &'static str,
    /// An organisation kind, plural.
    pub kinds_welfare_centre: &'static str,
    /// An organisation kind, plural.
    pub kinds_province: &'static str,
    /// An organisation kind, plural.
    pub kinds_agency: &'static str,
    /// A population band.
    pub size_below_10k: &'static str,
    /// A population band.
    pub size_10k_to_25k: &'static str,
    /// A population band.
    pub size_25k_to_50k: &'static str,
    /// A population band.
    pub size_50k_to_100k: &'static str,
    /// A population band.
    pub size_from_100k: &'static str,
    /// The Flemish provinces in [`crate::FLEMISH_PROVINCES`] order: the name, and the phrase
    /// "provincie Antwerpen" / "province of Antwerp" / "province d’Anvers" (French elides and
    /// contracts by name, which no format string can guess).
    pub provinces: [(&'static str, &'static str); 5],
    /// The phrase for a province we have no translation for, named as stored.
    pub province_of: fn(name: &str) -> String,
    /// The peer group of every organisation.
    pub all_organisations: &'static str,
    /// The peer group of a population band; `band` is one of the `size_…` texts.
    pub size_group: fn(band: &str) -> String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_non_empty_texts() {
        for lang in Lang::ALL {
            let t = lang.texts();
            for text in [
                t.common.app_name,
                t.common.home_title,
                t.common.submit,
                t.staff.login_title,
                t.staff.report_title,
                t.compare.title,
                t.report.radar_chart_title,
                t.peer_groups.title,
                t.import.title,
                t.template.answer_sheet,
                t.export.comments,
                t.staff_error.round_not_found,
                t.staff_error.peer_group_name_taken,
                t.scan_error.unknown_invitation,
                t.problems.empty,
                t.problems.role_statement,
            ] {
                assert!(!text.trim().is_empty(), "{lang:?}");
            }
        }
    }

    #[test]
    fn placeholders_appear_in_every_language() {
        for lang in Lang::ALL {
            let t = lang.texts();
            for (n, text) in [
                (5, (t.staff.closed_without_results)(5)),
                (6, (t.staff.confirm_without_results)(6)),
                (7, (t.staff.comments_note)(7)),
                (8, (t.staff.groups_hint)(8)),
                (3, (t.staff.results_pending)(3, 9)),
                (9, (t.staff.results_pending)(0, 9)),
            ] {
                assert!(text.contains(&n.to_string()), "{lang:?}: {text}");
            }
            assert_ne!(
                (t.staff.results_pending)(1, 5),
                (t.staff.results_pending)(2, 5)
            );
            assert!((t.common.still_open)(7).contains('7'), "{lang:?}");
            assert!((t.common.still_open)(1).contains('1'), "{lang:?}");
            let step = (t.common.step_of)(3, 10);
            assert!(step.contains('3') && step.contains("10"), "{lang:?}");
            let answered = (t.common.answered_of)(12, 58);
            assert!(
                answered.contains("12") && answered.contains("58"),
                "{lang:?}"
            );
            assert!((t.import.omitted)(7).contains('7'), "{lang:?}");
            let done = (t.import.done)("2026-01-02", 7);
            assert!(
                done.contains("2026-01-02") && done.contains('7'),
                "{lang:?}"
            );
            assert!((t.report.maturity_chart_description)("Gent").contains("Gent"));
            assert!((t.scan_error.unknown_step)(7).contains('7'), "{lang:?}");
            let answer = (t.scan_error.invalid_answer)("S1.2", "vijf");
            assert!(
                answer.contains("S1.2") && answer.contains("vijf"),
                "{lang:?}"
            );
            assert!((t.problems.skipped_empty_rows)(7).contains('7'), "{lang:?}");
            let row = (t.problems.duplicate_answer)("R007", "S3.1", 9);
            assert!(row.contains("R007") && row.contains("S3.1") && row.contains('9'));
            assert!((t.benchmark.hidden)(7).contains('7'), "{lang:?}");
            let low = (t.benchmark.threshold_too_low)(2, 3);
            assert!(low.contains('2') && low.contains('3'), "{lang:?}");
        }
    }

    #[test]
    fn scores_use_the_languages_decimal_mark() {
        assert_eq!(Lang::Nl.format_score(2.46), "2,5");
        assert_eq!(Lang::En.format_score(2.46), "2.5");
        assert_eq!(Lang::Fr.format_score(3.0), "3,0");
    }
}

/// Invitations: the anonymity promise, the open link, participation counts, the sheet.
#[derive(Debug, Clone, Copy)]
pub struct InvitationTexts {
    /// Heading of the anonymity promise on the welcome pages.
    pub promise_title: &'static str,
    /// What is anonymous.
    pub promise_anonymous: &'static str,
    /// From how many respondents results appear.
    pub promise_threshold: fn(minimum: usize) -> String,
    /// That staff never see the personal link.
    pub promise_link: &'static str,
    /// Label of the respondent's own resume link on their welcome page.
    pub own_link: &'static str,
    /// The submitted page: why nothing more is shown.
    pub submitted_only: &'static str,
    /// Title of the open link's welcome page.
    pub open_title: &'static str,
    /// What starting through the open link does.
    pub open_intro: &'static str,
    /// Label of the group choice on the open link's page.
    pub open_group: &'static str,
    /// The group choice's empty option.
    pub open_group_none: &'static str,
    /// The open link's start button.
    pub open_start: &'static str,
    /// The open link reached its cap.
    pub open_full: &'static str,
    /// The open link's round is closed.
    pub open_closed: &'static str,
    /// No open link has this address.
    pub open_unknown: &'static str,
    /// Heading of the participation counts on the round page.
    pub participation_title: &'static str,
    /// What the participation counts are (and are not).
    pub participation_hint: &'static str,
    /// The participation table's total row.
    pub total: &'static str,
    /// Heading of the round page's open link section.
    pub open_link_title: &'static str,
    /// What the open link is for.
    pub open_link_hint: &'static str,
    /// The round has no open link yet.
    pub open_link_none: &'static str,
    /// Label of the cap field.
    pub cap: &'static str,
    /// Button creating the open link.
    pub open_link_create: &'static str,
    /// Button changing the cap.
    pub open_link_update: &'static str,
    /// How much of the cap is used.
    pub open_link_used: fn(used: i32, cap: i32) -> String,
    /// Link to the printable invitation sheet.
    pub sheet_link: &'static str,
    /// Title of the printable invitation sheet.
    pub sheet_title: &'static str,
    /// The sheet's invitation.
    pub sheet_intro: fn(organisation: &str) -> String,
    /// How to open the sheet's link.
    pub sheet_scan: &'static str,
    /// How to print the sheet (on screen only).
    pub sheet_print_hint: &'static str,
    /// The QR code's accessible name.
    pub qr_title: &'static str,
}
