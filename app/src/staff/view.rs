//! What the staff pages show, as plain data sent from server to browser.

use serde::{Deserialize, Serialize};

use crate::auth::StaffUser;

/// The dashboard: the organisations the user may see, searched, filtered and paged; a user
/// who may see only one organisation sees its rounds at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    /// Who is logged in.
    pub user: StaffUser,
    /// The filter as asked (its page clamped to the pages there are).
    pub filter: DashboardFilter,
    /// This page's organisations, in name order.
    pub rows: Vec<OrganisationRow>,
    /// How many organisations pass the filter.
    pub total: usize,
    /// How many pages they fill.
    pub page_count: usize,
    /// The provinces of the user's organisations, for the filter.
    pub provinces: Vec<String>,
    /// The only organisation the user may see, with its rounds.
    pub single: Option<OrganisationPanel>,
    /// A suggested name for a new round (e.g. "QuickScan 2026").
    pub default_round_name: String,
    /// Whether the user may open the association's comparison.
    pub can_compare: bool,
    /// Whether the user may import answers for some organisation.
    pub can_import: bool,
    /// Whether the user may define peer groups.
    pub can_manage_peer_groups: bool,
    /// Whether the user may see the loaded model versions.
    pub can_view_model_versions: bool,
    /// Whether the user may add and edit organisations.
    pub can_manage_organisations: bool,
    /// Whether the user may manage staff accounts.
    pub can_manage_accounts: bool,
    /// Whether the user may read the audit log.
    pub can_view_audit_log: bool,
    /// Whether the user may read the association's overview of action plans.
    pub can_view_sector_plans: bool,
}

/// The dashboard's organisations per page.
pub const ORGANISATIONS_PER_PAGE: usize = 25;

/// Which organisations the dashboard lists (the page's query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardFilter {
    /// Part of the name or of the NIS code.
    pub search: Option<String>,
    /// Only this province.
    pub province: Option<String>,
    /// Only this kind (`OrganisationKind::code`).
    pub kind: Option<String>,
    /// Only this size class (`SizeClass::code`).
    pub size: Option<String>,
    /// Only organisations in this state of their rounds.
    pub state: Option<RoundState>,
    /// The page, from 1.
    pub page: usize,
}

/// An organisation's rounds as the dashboard filters them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundState {
    /// A round is open.
    Open,
    /// No round was opened this year.
    NoneThisYear,
}

impl RoundState {
    /// Every state, in the filter's order.
    pub const ALL: [RoundState; 2] = [RoundState::Open, RoundState::NoneThisYear];

    /// The query string's value.
    pub fn code(self) -> &'static str {
        match self {
            RoundState::Open => "open",
            RoundState::NoneThisYear => "none-this-year",
        }
    }

    /// The state of a query string's value.
    pub fn from_code(code: &str) -> Option<RoundState> {
        RoundState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The filter's label.
    pub fn label(self, lang: quickscan_domain::Lang) -> &'static str {
        let texts = &lang.texts().organisations;
        match self {
            RoundState::Open => texts.state_open,
            RoundState::NoneThisYear => texts.state_none_this_year,
        }
    }
}

impl DashboardFilter {
    /// The query string of this filter on another page (`page` 1 is left out).
    pub fn query_for_page(&self, page: usize) -> String {
        let encode = |value: &str| -> String {
            value
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        char::from(b).to_string()
                    }
                    other => format!("%{other:02X}"),
                })
                .collect()
        };
        let mut parts: Vec<String> = [
            ("q", self.search.as_deref()),
            ("province", self.province.as_deref()),
            ("kind", self.kind.as_deref()),
            ("size", self.size.as_deref()),
            ("state", self.state.map(RoundState::code)),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| format!("{key}={}", encode(v))))
        .collect();
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        parts.join("&")
    }
}

/// One organisation in the dashboard's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationRow {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Its NIS code.
    pub code: String,
    /// Its kind.
    pub kind: quickscan_domain::OrganisationKind,
    /// Its province, as stored.
    pub province: String,
    /// Its size class.
    pub size: quickscan_domain::SizeClass,
    /// Whether it takes part.
    pub active: bool,
    /// Its latest round: name, year and whether it is open.
    pub latest_round: Option<(String, i32, bool)>,
}

/// An organisation's details as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationInfo {
    /// Its id.
    pub id: i32,
    /// Its details.
    pub details: quickscan_domain::organisation::OrganisationDetails,
    /// Whether it takes part.
    pub active: bool,
}

/// An organisation with its rounds: its own page, or the dashboard of its coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganisationPanel {
    /// Who is logged in.
    pub user: StaffUser,
    /// The organisation.
    pub organisation: OrganisationInfo,
    /// Its rounds, newest first.
    pub rounds: Vec<RoundSummary>,
    /// Whether the user may open rounds here (and the organisation takes part).
    pub can_open_round: bool,
    /// Whether the user may edit its details.
    pub can_edit: bool,
    /// Whether the user may invite another coordinator for it.
    pub can_invite_coordinator: bool,
    /// A suggested name for a new round (e.g. "QuickScan 2026").
    pub default_round_name: String,
}

/// A round with its progress (never who answered what).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Its year.
    pub year: i32,
    /// Still open?
    pub open: bool,
    /// Invitations created.
    pub invited: u64,
    /// Invitations with saved answers.
    pub started: u64,
    /// Responses submitted.
    pub submitted: u64,
    /// Whether the round has results, will have them, or never will.
    pub results: RoundResults,
    /// The respondent threshold results need (the configured one).
    pub min_respondents: usize,
}

/// Where a round stands with its results: they exist only for a round closed with at least
/// the respondent threshold of submitted responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundResults {
    /// Open: `needed` more submitted responses before it can have results (0: enough; the
    /// results appear once it is closed).
    Pending {
        /// Submitted responses still missing.
        needed: u64,
    },
    /// Closed with results.
    Available,
    /// Closed below the threshold: no results, ever.
    Withheld,
}

impl RoundSummary {
    /// The sentence pages show for a round without results (open, or closed without), or
    /// `None` when it has results.
    pub fn results_notice(&self, lang: quickscan_domain::Lang) -> Option<String> {
        let texts = &lang.texts().staff;
        match self.results {
            RoundResults::Pending { needed } => {
                Some((texts.results_pending)(needed, self.min_respondents))
            }
            RoundResults::Available => None,
            RoundResults::Withheld => Some((texts.closed_without_results)(self.min_respondents)),
        }
    }
}

/// A round's page for its coordinator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundDetail {
    /// Who is logged in.
    pub user: StaffUser,
    /// The organisation's name.
    pub organisation: String,
    /// The round and its progress.
    pub round: RoundSummary,
    /// Whether the user may invite and close.
    pub can_manage: bool,
    /// Participation per respondent group: counts only, never a person or a link.
    pub participation: Vec<GroupParticipation>,
    /// The round's open invitation link, once the coordinator created it.
    pub open_link: Option<OpenLinkView>,
}

/// How many of one respondent group were invited, started and submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupParticipation {
    /// The respondent group's code; `None` for invitations without a group.
    pub group: Option<String>,
    /// Invitations issued.
    pub invited: u64,
    /// Of which with saved answers (submitted or not).
    pub started: u64,
    /// Of which submitted.
    pub submitted: u64,
}

/// A round's open link as staff see it: shared, not personal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenLinkView {
    /// The full shared address.
    pub link: String,
    /// The most personal invitations it may issue.
    pub cap: i32,
    /// How many it issued.
    pub used: i32,
}

/// The printable invitation sheet of a round's open link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenLinkSheet {
    /// Who is logged in.
    pub user: StaffUser,
    /// The round's id, to link back.
    pub round_id: i32,
    /// The organisation's name.
    pub organisation: String,
    /// The round's name.
    pub round: String,
    /// The full shared address.
    pub link: String,
    /// The address as a QR code: an SVG document made on the server from the link alone.
    pub qr_svg: String,
}

/// An organisation's report for one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// Who is logged in.
    pub user: StaffUser,
    /// The organisation's name.
    pub organisation: String,
    /// The round.
    pub round: RoundSummary,
    /// The model's title.
    pub model_title: quickscan_domain::Text,
    /// The round's stored results, already suppressed under the respondent threshold;
    /// `None` for an open round or one closed without results, and then nothing below
    /// carries a figure either (the page shows participation counts only).
    pub aggregate: Option<quickscan_domain::OrganisationAggregate>,
    /// Per dimension, in model order: its name and the advice for its level (with results).
    pub dimensions: Vec<ReportDimension>,
    /// Radar chart (SVG), rendered on the server; only with results.
    pub radar_svg: Option<String>,
    /// Bar chart (SVG), rendered on the server; only with results.
    pub bar_svg: Option<String>,
    /// Whether the user may close the round.
    pub can_manage: bool,
    /// The organisation against its peer groups (closed rounds only).
    pub benchmarks: Vec<BenchmarkRow>,
    /// Per dimension, model order: "above 70 % of …" against the closest shown group.
    pub rank_sentences: Vec<Option<String>>,
    /// Earlier and this round's scores, oldest first (closed rounds of the same model).
    pub trend: Vec<TrendRound>,
    /// Trend line chart (SVG), when there are at least two rounds.
    pub trend_svg: Option<String>,
    /// Earlier closed rounds of the same model without results ("name (year)"), which the
    /// trend leaves out.
    pub trend_without_results: Vec<String>,
    /// The balance over the pillars (prevention, detection, reaction); empty without results.
    pub pillars: Vec<quickscan_domain::PillarBalance>,
    /// The follow-up of the previous round's action plan, if that round had one.
    pub follow_up: Option<super::plan_view::FollowUpView>,
}

/// One peer group in a report: its figures and the organisation's rank, or why it is hidden.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkRow {
    /// The group's name.
    pub label: String,
    /// Figures, when the group is large enough to show.
    pub shown: Option<ShownBenchmark>,
    /// Why it is hidden (never with a count).
    pub hidden_reason: Option<String>,
}

/// A shown group's figures: quartiles and the organisation's percentile rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShownBenchmark {
    /// Organisations in the group.
    pub organisations: usize,
    /// Per dimension (q1, median, q3), where shown.
    pub dimensions: Vec<Option<(f64, f64, f64)>>,
    /// Overall (q1, median, q3).
    pub overall: Option<(f64, f64, f64)>,
    /// The organisation's percentile rank per dimension.
    pub ranks: Vec<Option<f64>>,
    /// Its overall percentile rank.
    pub overall_rank: Option<f64>,
}

/// One round on the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendRound {
    /// Round name and year.
    pub label: String,
    /// Mean per dimension.
    pub dimensions: Vec<Option<f64>>,
    /// Overall.
    pub overall: Option<f64>,
}

/// One dimension in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDimension {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: quickscan_domain::Text,
    /// The advice for the organisation's level, if scored.
    pub advice: Option<quickscan_domain::Advice>,
    /// Its statements (id, text, answer labels of their own), in questionnaire order.
    pub statements: Vec<quickscan_domain::Statement>,
    /// How to make the practice known, where most do not know it (the model's words).
    pub make_known: Option<quickscan_domain::Text>,
}

/// The five Flemish provinces, for filters.
pub const PROVINCES: [&str; 5] = quickscan_domain::FLEMISH_PROVINCES;

/// How the comparison table is filtered and sorted (from the page's GET form).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ComparisonFilter {
    /// Only this province.
    pub province: Option<String>,
    /// Only this kind (`OrganisationKind::code`).
    pub kind: Option<String>,
    /// Only this size class (`SizeClass::code`).
    pub size: Option<String>,
    /// Sort column: `name`, `overall` or a dimension index `d0`…
    pub sort: Option<String>,
    /// Sort descending.
    pub descending: bool,
}

impl ComparisonFilter {
    /// Whether an organisation passes the filter.
    pub fn matches(&self, province: &str, kind: &str, population: i64) -> bool {
        self.province.as_deref().is_none_or(|p| p == province)
            && self.kind.as_deref().is_none_or(|k| k == kind)
            && self.size.as_deref().is_none_or(|s| {
                quickscan_domain::SizeClass::from_population(population).code() == s
            })
    }

    /// The score a numeric sort column reads from a row; `None` sorts by name.
    fn sort_key(&self) -> Option<impl Fn(&ComparisonRow) -> Option<f64>> {
        let column = self.sort.as_deref().filter(|s| *s != "name")?;
        let dimension = column
            .strip_prefix('d')
            .and_then(|i| i.parse::<usize>().ok());
        let overall = column == "overall";
        (overall || dimension.is_some()).then_some(move |row: &ComparisonRow| match dimension {
            Some(i) => row.dimensions.get(i).copied().flatten(),
            None => row.overall,
        })
    }

    /// Sorts rows as asked; by name by default; organisations without a score sort last.
    pub fn sort(&self, rows: &mut [ComparisonRow]) {
        use std::cmp::Ordering;
        match self.sort_key() {
            None => rows.sort_by(|a, b| {
                let order = a.name.cmp(&b.name);
                if self.descending {
                    order.reverse()
                } else {
                    order
                }
            }),
            Some(key) => rows.sort_by(|a, b| match (key(a), key(b)) {
                (Some(x), Some(y)) if self.descending => y.total_cmp(&x).then(a.name.cmp(&b.name)),
                (Some(x), Some(y)) => x.total_cmp(&y).then(a.name.cmp(&b.name)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => a.name.cmp(&b.name),
            }),
        }
    }
}

/// One organisation in the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// Its id.
    pub organisation_id: i32,
    /// Its name.
    pub name: String,
    /// Its NIS code.
    pub code: String,
    /// Its province.
    pub province: String,
    /// Its kind.
    pub kind: quickscan_domain::OrganisationKind,
    /// Its population.
    pub population: i32,
    /// Its latest closed round.
    pub round_id: i32,
    /// That round's name.
    pub round: String,
    /// That round's year.
    pub year: i32,
    /// Respondents in that round.
    pub respondents: usize,
    /// Overall maturity.
    pub overall: Option<f64>,
    /// Mean per dimension, model order.
    pub dimensions: Vec<Option<f64>>,
}

/// One dimension across the organisations shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorDimension {
    /// Its name.
    pub name: String,
    /// Organisations with a score.
    pub count: usize,
    /// Lowest, first quartile, median, third quartile, highest.
    pub quartiles: Option<(f64, f64, f64, f64, f64)>,
    /// Mean.
    pub mean: Option<f64>,
}

impl SectorDimension {
    /// The distribution of a dimension's organisation means.
    pub fn from_values(name: String, values: &[f64]) -> SectorDimension {
        let distribution = quickscan_domain::distribution(values);
        SectorDimension {
            name,
            count: distribution.as_ref().map_or(0, |d| d.count),
            quartiles: distribution
                .as_ref()
                .map(|d| (d.min, d.q1, d.median, d.q3, d.max)),
            mean: distribution.map(|d| d.mean),
        }
    }
}

/// The association's comparison page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparisonView {
    /// Who is logged in.
    pub user: StaffUser,
    /// The filter applied.
    pub filter: ComparisonFilter,
    /// Dimension names, model order.
    pub dimension_names: Vec<String>,
    /// The organisations shown.
    pub rows: Vec<ComparisonRow>,
    /// Per dimension, the distribution over the organisations shown.
    pub sector: Vec<SectorDimension>,
    /// The distribution of the overall scores over the organisations shown.
    pub sector_overall: SectorDimension,
    /// Provinces for the filter.
    pub provinces: Vec<String>,
    /// Distribution per dimension (quartile band, median, mean) as SVG.
    pub distribution_svg: String,
}

impl ComparisonView {
    /// Dimension indices from weakest to strongest sector median.
    pub fn weakest_dimensions(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.sector.len())
            .filter(|&i| self.sector[i].quartiles.is_some())
            .collect();
        order.sort_by(|&a, &b| {
            let median = |i: usize| self.sector[i].quartiles.map_or(f64::INFINITY, |q| q.2);
            median(a).total_cmp(&median(b)).then(a.cmp(&b))
        });
        order
    }
}

/// The admin's page of loaded model versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelVersionsView {
    /// Who is logged in.
    pub user: StaffUser,
    /// Every loaded model, by id.
    pub models: Vec<ModelVersionRow>,
}

/// One loaded model version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelVersionRow {
    /// Its id, as answers record it.
    pub id: String,
    /// Its title in every language.
    pub title: quickscan_domain::Text,
    /// How many dimensions it has.
    pub dimensions: usize,
    /// How many statements, in all.
    pub statements: usize,
    /// The languages its texts are written in (every name, statement and advice non-empty).
    pub languages: Vec<quickscan_domain::Lang>,
    /// Whether new rounds use it.
    pub for_new_rounds: bool,
}

/// The admin's peer groups page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerGroupsView {
    /// Who is logged in.
    pub user: StaffUser,
    /// The groups, by name.
    pub groups: Vec<PeerGroupRow>,
    /// Every organisation (id, name), by name.
    pub organisations: Vec<(i32, String)>,
}

/// One admin-defined peer group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerGroupRow {
    /// Its id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Member organisation ids.
    pub members: Vec<i32>,
}
