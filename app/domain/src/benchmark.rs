//! Benchmarks: how an organisation's round compares with its peers.
//!
//! A *cohort* is every organisation's result for one model version and one round year (the
//! caller picks each organisation's latest closed round in that year). Organisations are
//! grouped into *peer groups* (all, size class, province, kind, groups the admin defines), and
//! per group we compute the spread of the members' scores per dimension and overall, plus
//! each member's percentile rank.
//!
//! Anonymity comes first: a group with fewer organisations than the [`AnonymityThreshold`] is
//! never shown, and a dimension fewer members scored than the threshold is withheld, because
//! with a handful of members one organisation's score could be read from the figures.
//!
//! As in [`crate::aggregation`], a missing score never counts as 0: a member without a score
//! on a dimension is left out of that dimension's figures.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{Lang, MaturityModel};

// ---------------------------------------------------------------------------------------------
// Organisation attributes
// ---------------------------------------------------------------------------------------------

/// The kind of public body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// A municipality (gemeente).
    Municipality,
    /// A city (stad): a municipality with the title of city.
    City,
    /// A public centre for social welfare (OCMW).
    WelfareCentre,
    /// A province.
    Province,
    /// An agency (agentschap, e.g. an autonomous municipal company).
    Agency,
}

impl OrganisationKind {
    /// Every kind, in the order filters and reports list them.
    pub const ALL: [OrganisationKind; 5] = [
        OrganisationKind::Municipality,
        OrganisationKind::City,
        OrganisationKind::WelfareCentre,
        OrganisationKind::Province,
        OrganisationKind::Agency,
    ];

    /// The stable code, used in forms, imports, the database and group keys.
    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Municipality => "municipality",
            OrganisationKind::City => "city",
            OrganisationKind::WelfareCentre => "welfare_centre",
            OrganisationKind::Province => "province",
            OrganisationKind::Agency => "agency",
        }
    }

    /// Parses a kind code, ignoring surrounding spaces and case; unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<OrganisationKind> {
        let code = code.trim();
        OrganisationKind::ALL
            .into_iter()
            .find(|kind| kind.code().eq_ignore_ascii_case(code))
    }

    /// The kind's name (singular, lowercase) for forms and tables.
    pub fn label(self, lang: Lang) -> &'static str {
        use OrganisationKind::*;
        let texts = &lang.texts().labels;
        match self {
            Municipality => texts.kind_municipality,
            City => texts.kind_city,
            WelfareCentre => texts.kind_welfare_centre,
            Province => texts.kind_province,
            Agency => texts.kind_agency,
        }
    }

    /// The plural name, which is how a peer group of one kind is named.
    fn plural(self, lang: Lang) -> &'static str {
        use OrganisationKind::*;
        let texts = &lang.texts().labels;
        match self {
            Municipality => texts.kinds_municipality,
            City => texts.kinds_city,
            WelfareCentre => texts.kinds_welfare_centre,
            Province => texts.kinds_province,
            Agency => texts.kinds_agency,
        }
    }
}

/// A population band for Flemish local government; each bound is the first of the next band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum SizeClass {
    /// Fewer than 10 000 inhabitants.
    #[serde(rename = "lt10k")]
    Below10k,
    /// 10 000 to 24 999 inhabitants.
    #[serde(rename = "10k-25k")]
    From10kTo25k,
    /// 25 000 to 49 999 inhabitants.
    #[serde(rename = "25k-50k")]
    From25kTo50k,
    /// 50 000 to 99 999 inhabitants.
    #[serde(rename = "50k-100k")]
    From50kTo100k,
    /// 100 000 inhabitants or more.
    #[serde(rename = "gte100k")]
    From100k,
}

impl SizeClass {
    /// Every size class, smallest first.
    pub const ALL: [SizeClass; 5] = [
        SizeClass::Below10k,
        SizeClass::From10kTo25k,
        SizeClass::From25kTo50k,
        SizeClass::From50kTo100k,
        SizeClass::From100k,
    ];

    /// The band a population falls in; a missing or negative population (0, −1) counts as the
    /// smallest band rather than failing, since the band only steers a comparison.
    pub fn from_population(population: i64) -> SizeClass {
        match population {
            ..10_000 => SizeClass::Below10k,
            10_000..25_000 => SizeClass::From10kTo25k,
            25_000..50_000 => SizeClass::From25kTo50k,
            50_000..100_000 => SizeClass::From50kTo100k,
            _ => SizeClass::From100k,
        }
    }

    /// The stable code, used in filters, JSON and group keys.
    pub fn code(self) -> &'static str {
        match self {
            SizeClass::Below10k => "lt10k",
            SizeClass::From10kTo25k => "10k-25k",
            SizeClass::From25kTo50k => "25k-50k",
            SizeClass::From50kTo100k => "50k-100k",
            SizeClass::From100k => "gte100k",
        }
    }

    /// Parses a size-class code, ignoring surrounding spaces and case; unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<SizeClass> {
        let code = code.trim();
        SizeClass::ALL
            .into_iter()
            .find(|class| class.code().eq_ignore_ascii_case(code))
    }

    /// The band in words, e.g. "25 000 tot 49 999 inwoners"; it also completes group names.
    pub fn label(self, lang: Lang) -> &'static str {
        use SizeClass::*;
        let texts = &lang.texts().labels;
        match self {
            Below10k => texts.size_below_10k,
            From10kTo25k => texts.size_10k_to_25k,
            From25kTo50k => texts.size_25k_to_50k,
            From50kTo100k => texts.size_50k_to_100k,
            From100k => texts.size_from_100k,
        }
    }
}

/// The five Flemish provinces, as stored; provinces stay plain strings so that data from
/// elsewhere (or a reform) needs no code change.
pub const FLEMISH_PROVINCES: [&str; 5] = [
    "Antwerpen",
    "Limburg",
    "Oost-Vlaanderen",
    "Vlaams-Brabant",
    "West-Vlaanderen",
];

/// The index of a stored province name among [`FLEMISH_PROVINCES`], ignoring case and the
/// spaces around it.
fn known_province(name: &str) -> Option<usize> {
    let name = name.trim();
    FLEMISH_PROVINCES
        .iter()
        .position(|known| known.eq_ignore_ascii_case(name))
}

/// A province's name in `lang`; names we do not know are shown as stored.
pub fn province_label(name: &str, lang: Lang) -> String {
    match known_province(name) {
        Some(index) => lang.texts().labels.provinces[index].0.to_owned(),
        None => name.trim().to_owned(),
    }
}

/// "provincie Antwerpen", "province of Antwerp", "province d’Anvers".
fn province_phrase(name: &str, lang: Lang) -> String {
    let texts = &lang.texts().labels;
    match known_province(name) {
        Some(index) => texts.provinces[index].1.to_owned(),
        None => (texts.province_of)(name.trim()),
    }
}

// ---------------------------------------------------------------------------------------------
// Peer groups
// ---------------------------------------------------------------------------------------------

/// A group of organisations an organisation is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerGroup {
    /// Every organisation in the cohort.
    All,
    /// Organisations in one population band.
    Size(SizeClass),
    /// Organisations in one province (the name as stored).
    Province(String),
    /// Organisations of one kind.
    Kind(OrganisationKind),
    /// A group the admin defined; the id is the stable part, the name only a label.
    Custom {
        /// The group's database id.
        id: i32,
        /// The group's name as the admin wrote it.
        name: String,
    },
}

impl PeerGroup {
    /// A stable storage key ("all", "size:25k-50k", "province:Antwerpen", "kind:city",
    /// "custom:7"); a custom group is keyed by id so that renaming it keeps its benchmarks.
    pub fn key(&self) -> String {
        match self {
            PeerGroup::All => "all".to_owned(),
            PeerGroup::Size(class) => format!("size:{}", class.code()),
            PeerGroup::Province(name) => format!("province:{name}"),
            PeerGroup::Kind(kind) => format!("kind:{}", kind.code()),
            PeerGroup::Custom { id, .. } => format!("custom:{id}"),
        }
    }

    /// The group's name for headings and lists, e.g. "besturen met 25 000 tot 49 999 inwoners".
    pub fn label(&self, lang: Lang) -> String {
        let texts = &lang.texts().labels;
        match self {
            PeerGroup::All => texts.all_organisations.to_owned(),
            PeerGroup::Size(class) => (texts.size_group)(class.label(lang)),
            PeerGroup::Province(name) => province_phrase(name, lang),
            PeerGroup::Kind(kind) => kind.plural(lang).to_owned(),
            PeerGroup::Custom { name, .. } => name.clone(),
        }
    }

    /// The group's members as a plural noun without article, to follow a count ("7 van de 9
    /// andere besturen met …", "des 9 autres villes").
    fn members_phrase(&self, lang: Lang) -> String {
        let texts = &lang.texts().benchmark;
        match self {
            PeerGroup::All => texts.members_all.to_owned(),
            PeerGroup::Size(_) => self.label(lang),
            PeerGroup::Province(name) => (texts.members_in_province)(&province_phrase(name, lang)),
            PeerGroup::Kind(kind) => kind.plural(lang).to_owned(),
            PeerGroup::Custom { name, .. } => (texts.members_in_custom_group)(name),
        }
    }
}

/// What benchmarking needs to know about an organisation to place it in its peer groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerOrganisation {
    /// The organisation's id; it links the organisation to its [`CohortEntry`].
    pub id: i32,
    /// Its population, which decides its [`SizeClass`].
    pub population: i64,
    /// Its province, as stored.
    pub province: String,
    /// Its kind.
    pub kind: OrganisationKind,
    /// The admin-defined groups it belongs to, as (id, name).
    pub custom_groups: Vec<(i32, String)>,
}

/// The groups an organisation belongs to: all, its size, its province, its kind, then its
/// custom groups in the order given.
pub fn peer_groups_of(organisation: &PeerOrganisation) -> Vec<PeerGroup> {
    let mut groups = vec![
        PeerGroup::All,
        PeerGroup::Size(SizeClass::from_population(organisation.population)),
        PeerGroup::Province(organisation.province.clone()),
        PeerGroup::Kind(organisation.kind),
    ];
    groups.extend(
        organisation
            .custom_groups
            .iter()
            .map(|(id, name)| PeerGroup::Custom {
                id: *id,
                name: name.clone(),
            }),
    );
    groups
}

/// The shown group a proposed membership of custom group `custom_id` could be differenced
/// against: the first other group (automatic or custom, as `organisations` place them, the
/// custom group's own current membership left out) where both have at least `threshold`
/// organisations and the two memberships differ by at least one but fewer than `threshold`
/// organisations (symmetric difference). `None` when the membership is safe.
///
/// Comparing the two groups' figures would otherwise tell the members that make the
/// difference apart from the rest. Identical memberships give identical figures and reveal
/// nothing new, so they are allowed. Below the threshold a group is hidden anyway.
pub fn differencing_group(
    custom_id: i32,
    members: &[i32],
    organisations: &[PeerOrganisation],
    threshold: AnonymityThreshold,
) -> Option<PeerGroup> {
    let proposed: std::collections::BTreeSet<i32> = members.iter().copied().collect();
    if proposed.len() < threshold.get() {
        return None;
    }
    let own_key = PeerGroup::Custom {
        id: custom_id,
        name: String::new(),
    }
    .key();
    let mut groups: BTreeMap<String, (PeerGroup, std::collections::BTreeSet<i32>)> =
        BTreeMap::new();
    for organisation in organisations {
        for group in peer_groups_of(organisation) {
            let key = group.key();
            if key == own_key {
                continue;
            }
            groups
                .entry(key)
                .or_insert_with(|| (group, Default::default()))
                .1
                .insert(organisation.id);
        }
    }
    groups.into_values().find_map(|(group, other)| {
        let difference = proposed.symmetric_difference(&other).count();
        (other.len() >= threshold.get() && difference > 0 && difference < threshold.get())
            .then_some(group)
    })
}

/// One organisation's result in a cohort (one model version, one round year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortEntry {
    /// The organisation.
    pub organisation_id: i32,
    /// Its mean per dimension, 0–4, in model order; `None` where nobody scored the dimension.
    pub dimension_means: Vec<Option<f64>>,
    /// Its overall score; `None` when no dimension was scored.
    pub overall: Option<f64>,
}

// ---------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------

/// The spread of a group's values on one dimension (or overall).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// How many values.
    pub count: usize,
    /// Their mean.
    pub mean: f64,
    /// Their median (type 7, which is the usual median).
    pub median: f64,
    /// First quartile (type 7).
    pub q1: f64,
    /// Third quartile (type 7).
    pub q3: f64,
    /// Lowest value.
    pub min: f64,
    /// Highest value.
    pub max: f64,
}

/// The `p`-quantile of sorted, non-empty `values` by linear interpolation between closest
/// ranks ("type 7", as Excel's QUARTILE.INC and numpy's default): h = (n − 1)·p and
/// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
fn quantile_sorted(values: &[f64], p: f64) -> f64 {
    let h = (values.len() - 1) as f64 * p;
    let low = h.floor() as usize;
    let below = values[low];
    match values.get(low + 1) {
        // The clamp only removes a last-bit rounding error, so that a quartile never lies
        // outside the two values it interpolates between.
        Some(&above) => (below + (h - low as f64) * (above - below)).clamp(below, above),
        None => below,
    }
}

/// The distribution of sorted, finite, non-empty values.
///
/// Summing in sorted order makes the mean independent of the order members were listed in,
/// so an incremental recomputation gives bit-for-bit the figures a full one gives.
fn distribution_sorted(values: &[f64]) -> Distribution {
    let n = values.len();
    let min = values[0];
    let max = values[n - 1];
    // Mathematically within the range; the clamp removes a last-bit rounding error.
    let mean = (values.iter().sum::<f64>() / n as f64).clamp(min, max);
    Distribution {
        count: n,
        mean,
        median: quantile_sorted(values, 0.5),
        q1: quantile_sorted(values, 0.25),
        q3: quantile_sorted(values, 0.75),
        min,
        max,
    }
}

/// The finite values of `values`, sorted; a non-finite value cannot come from scoring and is
/// left out rather than poisoning every figure.
fn sorted_finite(values: impl IntoIterator<Item = f64>) -> Vec<f64> {
    let mut sorted: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    sorted
}

/// Mean, median, quartiles and range of `values` in any order; `None` when there are none.
///
/// Quartiles and median use linear interpolation between closest ranks ("type 7", as Excel's
/// QUARTILE.INC and numpy's default), chosen so that staff can check a figure in a
/// spreadsheet: on sorted x₀ ≤ … ≤ xₙ₋₁ the p-quantile sits at position h = (n − 1)·p and is
/// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). Non-finite values are left out.
pub fn distribution(values: &[f64]) -> Option<Distribution> {
    let sorted = sorted_finite(values.iter().copied());
    (!sorted.is_empty()).then(|| distribution_sorted(&sorted))
}

/// Where a score stands among a group's values: how many are lower, equal and higher.
///
/// When the score is a member's own, `equal` includes that member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Standing {
    /// Values strictly below the score.
    pub lower: usize,
    /// Values equal to the score.
    pub equal: usize,
    /// Values strictly above the score.
    pub higher: usize,
}

impl Standing {
    /// The standing of `value` among `values`; non-finite values in the group are left out.
    pub fn of(values: &[f64], value: f64) -> Standing {
        let mut standing = Standing::default();
        for &v in values.iter().filter(|v| v.is_finite()) {
            if v < value {
                standing.lower += 1;
            } else if v == value {
                standing.equal += 1;
            } else {
                standing.higher += 1;
            }
        }
        standing
    }

    /// How many values the group has.
    pub fn count(self) -> usize {
        self.lower + self.equal + self.higher
    }

    /// The mid-rank percentile rank, 0–100: the percentage of values strictly below plus half
    /// of those equal (see [`percentile_rank`]); 0 for an empty group.
    pub fn percentile_rank(self) -> f64 {
        let count = self.count();
        if count == 0 {
            return 0.0;
        }
        (self.lower as f64 + 0.5 * self.equal as f64) / count as f64 * 100.0
    }

    /// (others, lower, tied, higher): the counts among the *other* members, taking the score
    /// as a member's own when some value equals it (one of the equal values is then its own).
    fn among_others(self) -> (usize, usize, usize, usize) {
        let own = usize::from(self.equal > 0);
        let tied = self.equal - own;
        (
            self.lower + tied + self.higher,
            self.lower,
            tied,
            self.higher,
        )
    }
}

/// The percentile rank of `value` in a group's `values`, 0–100: the percentage of values
/// strictly below it plus half of those equal to it.
///
/// The mid-rank definition treats ties fairly: organisations with the same score get the same
/// rank, and neither the "below" count (which would put a tied top group at less than 100 %)
/// nor the "at or below" count (which flatters ties) is favoured. Over all members of a group
/// the ranks average exactly 50. An empty group gives 0 (never NaN); non-finite values in the
/// group are left out.
///
/// Because of the ties a mid-rank is not "higher than rank % of the group": a member tied with
/// everyone has 50 but is higher than nobody. Put it in words with [`rank_sentence`] and the
/// [`Standing`] behind it.
pub fn percentile_rank(values: &[f64], value: f64) -> f64 {
    Standing::of(values, value).percentile_rank()
}

// ---------------------------------------------------------------------------------------------
// Anonymity
// ---------------------------------------------------------------------------------------------

/// The fewest organisations a group (or a dimension's scorers) needs before figures are shown.
///
/// Validated on construction and on deserialisation, so a threshold below the minimum cannot
/// exist, whatever configuration or stored JSON says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "usize", into = "usize")]
pub struct AnonymityThreshold(usize);

impl AnonymityThreshold {
    /// The threshold unless configured otherwise: 5 organisations.
    pub const DEFAULT: AnonymityThreshold = AnonymityThreshold(5);
    /// The lowest allowed threshold: below 3, two organisations could read each other's scores.
    pub const MINIMUM: AnonymityThreshold = AnonymityThreshold(3);

    /// A threshold of `organisations`; values below [`Self::MINIMUM`] are refused.
    pub fn new(organisations: usize) -> Result<AnonymityThreshold, ThresholdError> {
        if organisations < Self::MINIMUM.0 {
            Err(ThresholdError::TooLow(organisations))
        } else {
            Ok(AnonymityThreshold(organisations))
        }
    }

    /// The number of organisations.
    pub fn get(self) -> usize {
        self.0
    }
}

impl Default for AnonymityThreshold {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<usize> for AnonymityThreshold {
    type Error = ThresholdError;

    fn try_from(organisations: usize) -> Result<Self, Self::Error> {
        AnonymityThreshold::new(organisations)
    }
}

impl From<AnonymityThreshold> for usize {
    fn from(threshold: AnonymityThreshold) -> usize {
        threshold.0
    }
}

/// Why an anonymity threshold was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ThresholdError {
    /// Below [`AnonymityThreshold::MINIMUM`].
    #[error("an anonymity threshold of {0} is too low; the minimum is {min} organisations", min = AnonymityThreshold::MINIMUM.0)]
    TooLow(usize),
}

impl ThresholdError {
    /// The message for an admin, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let min = AnonymityThreshold::MINIMUM.0;
        match self {
            ThresholdError::TooLow(n) => (lang.texts().benchmark.threshold_too_low)(*n, min),
        }
    }
}

/// Why a dimension's figures are missing from a shown group; no count is given, only the
/// threshold, so the text reveals nothing the figures would not.
pub fn withheld_reason(lang: Lang, threshold: AnonymityThreshold) -> String {
    (lang.texts().benchmark.withheld)(threshold.get())
}

// ---------------------------------------------------------------------------------------------
// Group benchmarks
// ---------------------------------------------------------------------------------------------

/// The members' sorted values, kept so that a percentile rank can be computed later.
///
/// **Server-side only.** These are the individual organisations' scores: they are stored with
/// the benchmark but must never be sent to a page or an export; callers send only
/// distributions and ranks. A withheld dimension keeps no values at all.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BenchmarkValues {
    /// Per dimension, in model order, the members' scores sorted ascending (empty if withheld).
    pub dimensions: Vec<Vec<f64>>,
    /// The members' overall scores sorted ascending (empty if withheld).
    pub overall: Vec<f64>,
}

/// A shown group's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The group.
    pub group: PeerGroup,
    /// How many organisations in the cohort belong to it; at least the threshold.
    pub organisations: usize,
    /// Per dimension, in model order; `None` when fewer members than the threshold scored it.
    pub dimensions: Vec<Option<Distribution>>,
    /// Over the members' overall scores; `None` when fewer than the threshold have one.
    pub overall: Option<Distribution>,
    /// The members' values, for percentile ranks. Server-side only: see [`BenchmarkValues`].
    pub values: BenchmarkValues,
}

/// A group's benchmark: its figures, or nothing because the group is too small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBenchmark {
    /// The group is large enough.
    Shown(GroupFigures),
    /// The group has fewer organisations than the threshold. It carries no figures at all, so
    /// it can be listed as hidden safely; `organisations` is for server-side logic only and
    /// must not be shown (say "fewer than N", see [`GroupBenchmark::hidden_reason`]).
    Hidden {
        /// The group.
        group: PeerGroup,
        /// How many organisations it has (below the threshold). Server-side only.
        organisations: usize,
    },
}

impl GroupBenchmark {
    /// The group this benchmark is about.
    pub fn group(&self) -> &PeerGroup {
        match self {
            GroupBenchmark::Shown(figures) => &figures.group,
            GroupBenchmark::Hidden { group, .. } => group,
        }
    }

    /// The figures, if the group is shown.
    pub fn figures(&self) -> Option<&GroupFigures> {
        match self {
            GroupBenchmark::Shown(figures) => Some(figures),
            GroupBenchmark::Hidden { .. } => None,
        }
    }

    /// Why a hidden group is not shown, without its exact size (which would tell readers how
    /// many peers there are); `None` for a shown group.
    pub fn hidden_reason(&self, lang: Lang, threshold: AnonymityThreshold) -> Option<String> {
        let GroupBenchmark::Hidden { .. } = self else {
            return None;
        };
        Some((lang.texts().benchmark.hidden)(threshold.get()))
    }
}

/// A member's score taken as-is when finite; a non-finite one counts as no score.
fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

/// The distribution of `values` (sorted, finite) and the values to keep, or nothing of either
/// when fewer than `threshold` members have a value.
fn withheld_below(
    values: Vec<f64>,
    threshold: AnonymityThreshold,
) -> (Option<Distribution>, Vec<f64>) {
    if values.len() < threshold.get() || values.is_empty() {
        (None, Vec::new())
    } else {
        (Some(distribution_sorted(&values)), values)
    }
}

/// The benchmark of one group over its `members` (each organisation once, in any order).
///
/// The group is hidden when it has fewer members than `threshold`. A member without a score on
/// a dimension is left out of that dimension, and a dimension fewer than `threshold` members
/// scored is withheld, since otherwise one member could be singled out. Scores beyond
/// `dimension_count` are ignored; missing ones count as no score.
pub fn benchmark_group(
    group: PeerGroup,
    members: &[&CohortEntry],
    dimension_count: usize,
    threshold: AnonymityThreshold,
) -> GroupBenchmark {
    if members.len() < threshold.get() {
        return GroupBenchmark::Hidden {
            group,
            organisations: members.len(),
        };
    }
    let (dimensions, dimension_values): (Vec<_>, Vec<_>) = (0..dimension_count)
        .map(|i| {
            let scores = members
                .iter()
                .filter_map(|m| finite(m.dimension_means.get(i).copied().flatten()));
            withheld_below(sorted_finite(scores), threshold)
        })
        .unzip();
    let (overall, overall_values) = withheld_below(
        sorted_finite(members.iter().filter_map(|m| finite(m.overall))),
        threshold,
    );
    GroupBenchmark::Shown(GroupFigures {
        group,
        organisations: members.len(),
        dimensions,
        overall,
        values: BenchmarkValues {
            dimensions: dimension_values,
            overall: overall_values,
        },
    })
}

/// Where an organisation stands in a group: its percentile rank per dimension and overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Per dimension, in model order, the percentile rank 0–100; `None` where the
    /// organisation has no score or the group's figures for the dimension are withheld.
    pub dimensions: Vec<Option<f64>>,
    /// The percentile rank of the overall score, on the same terms.
    pub overall: Option<f64>,
    /// Per dimension the counts behind the rank (for [`rank_sentence`]), `None` where the
    /// rank is.
    pub dimension_standings: Vec<Option<Standing>>,
    /// The counts behind the overall rank.
    pub overall_standing: Option<Standing>,
}

/// The percentile ranks of `entry`'s scores among a shown group's members, with the counts
/// behind them.
pub fn position(figures: &GroupFigures, entry: &CohortEntry) -> Position {
    let standing = |distribution: &Option<Distribution>, values: &[f64], score: Option<f64>| {
        distribution
            .as_ref()
            .and(finite(score))
            .map(|score| Standing::of(values, score))
    };
    let dimension_standings: Vec<Option<Standing>> = figures
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, distribution)| {
            let values = figures
                .values
                .dimensions
                .get(i)
                .map(Vec::as_slice)
                .unwrap_or_default();
            standing(
                distribution,
                values,
                entry.dimension_means.get(i).copied().flatten(),
            )
        })
        .collect();
    let overall_standing = standing(&figures.overall, &figures.values.overall, entry.overall);
    Position {
        dimensions: dimension_standings
            .iter()
            .map(|s| s.map(Standing::percentile_rank))
            .collect(),
        overall: overall_standing.map(Standing::percentile_rank),
        dimension_standings,
        overall_standing,
    }
}

/// Where a member stands in a group, in words that are true under ties: how many of the
/// *other* members with a score it is higher than, level with and lower than, e.g. "Hoger
/// dan 7 van de 9 andere besturen met 25 000 tot 49 999 inwoners, even hoog als 1, lager
/// dan 1.", "Even hoog als alle 9 andere steden." or "Lager dan alle 9 andere besturen."
///
/// The score is taken as the member's own when some value in the group equals it (as
/// [`position`] gives it), so one equal value is not counted as another member. A shown
/// dimension has at least [`AnonymityThreshold::MINIMUM`] values, so there are at least two
/// others.
pub fn rank_sentence(lang: Lang, standing: Standing, group: &PeerGroup) -> String {
    let texts = &lang.texts().benchmark;
    let (others, lower, tied, higher) = standing.among_others();
    let members = group.members_phrase(lang);
    if others == 0 {
        return (texts.rank_no_comparison)(&members);
    }
    if tied == others {
        return (texts.rank_level_with_all)(others, &members);
    }
    if lower == others {
        return (texts.rank_above_all)(others, &members);
    }
    if higher == others {
        return (texts.rank_below_all)(others, &members);
    }
    // At least two of the three counts are non-zero: name each, the first with the group.
    let parts = [
        (texts.rank_above, lower),
        (texts.rank_level, tied),
        (texts.rank_below, higher),
    ];
    let mut sentence = String::new();
    for (relation, n) in parts.into_iter().filter(|(_, n)| *n > 0) {
        if sentence.is_empty() {
            sentence = (texts.rank_first_part)(&capitalised(relation), n, others, &members);
        } else {
            sentence.push_str(&format!(", {relation} {n}"));
        }
    }
    sentence.push('.');
    sentence
}

/// `words` with its first letter in upper case.
fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Whole cohort
// ---------------------------------------------------------------------------------------------

/// Every group's benchmark in one cohort, keyed by [`PeerGroup::key`].
pub type BenchmarkSet = BTreeMap<String, GroupBenchmark>;

/// The groups (by key) among `organisations`, each with the group as first met and its
/// members' entries ordered by organisation id; only keys `wanted` accepts.
///
/// Organisations without an entry belong to their groups but add no member; an entry whose
/// organisation is unknown is ignored, and of several entries for one organisation the first
/// counts. Fixing all of this in one place is what makes an incremental update equal a full
/// recomputation.
fn groups_with_members<'a>(
    organisations: &[PeerOrganisation],
    entries: &'a [CohortEntry],
    wanted: impl Fn(&str) -> bool,
) -> BTreeMap<String, (PeerGroup, BTreeMap<i32, &'a CohortEntry>)> {
    let mut by_organisation: BTreeMap<i32, &CohortEntry> = BTreeMap::new();
    for entry in entries {
        by_organisation
            .entry(entry.organisation_id)
            .or_insert(entry);
    }
    let mut groups: BTreeMap<String, (PeerGroup, BTreeMap<i32, &CohortEntry>)> = BTreeMap::new();
    for organisation in organisations {
        for group in peer_groups_of(organisation) {
            let key = group.key();
            if !wanted(&key) {
                continue;
            }
            let (_, members) = groups
                .entry(key)
                .or_insert_with(|| (group, BTreeMap::new()));
            if let Some(entry) = by_organisation.get(&organisation.id) {
                members.insert(organisation.id, entry);
            }
        }
    }
    groups
}

/// The benchmark of every group any of `organisations` belongs to.
///
/// `entries` are the cohort's results, one per organisation; a group counts the organisations
/// with an entry. Organisations and custom groups must be consistent (one name per custom id).
pub fn full_recompute(
    organisations: &[PeerOrganisation],
    entries: &[CohortEntry],
    dimension_count: usize,
    threshold: AnonymityThreshold,
) -> BenchmarkSet {
    groups_with_members(organisations, entries, |_| true)
        .into_iter()
        .map(|(key, (group, members))| {
            let members: Vec<&CohortEntry> = members.into_values().collect();
            let benchmark = benchmark_group(group, &members, dimension_count, threshold);
            (key, benchmark)
        })
        .collect()
}

/// How many dimensions each model version has, by model id.
///
/// Cohorts of several model versions are benchmarked together (see [`recompute_cohort`]); each
/// must be computed with the dimension count of its own version, never the current one's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DimensionCounts(BTreeMap<String, usize>);

impl DimensionCounts {
    /// The dimension count of every model in `models`.
    pub fn of_models<'a>(models: impl IntoIterator<Item = &'a MaturityModel>) -> DimensionCounts {
        models
            .into_iter()
            .map(|model| (model.id.clone(), model.dimensions.len()))
            .collect()
    }

    /// The dimension count of model version `model_id`; `None` when it is not known.
    pub fn get(&self, model_id: &str) -> Option<usize> {
        self.0.get(model_id).copied()
    }
}

impl FromIterator<(String, usize)> for DimensionCounts {
    fn from_iter<I: IntoIterator<Item = (String, usize)>>(iter: I) -> Self {
        DimensionCounts(iter.into_iter().collect())
    }
}

/// [`full_recompute`] of one cohort of model version `model_id`, with that version's
/// dimension count from `counts`; `None` when the version is unknown, since its figures
/// cannot be computed with another version's count.
pub fn recompute_cohort(
    model_id: &str,
    counts: &DimensionCounts,
    organisations: &[PeerOrganisation],
    entries: &[CohortEntry],
    threshold: AnonymityThreshold,
) -> Option<BenchmarkSet> {
    let dimension_count = counts.get(model_id)?;
    Some(full_recompute(
        organisations,
        entries,
        dimension_count,
        threshold,
    ))
}

/// Recomputes only the groups `changed` belongs to, after its entry changed (a round closed).
///
/// `organisations` and `entries` are the cohort as it is now, including `changed`.
/// Precondition: no organisation's attributes (population, province, kind, custom groups)
/// changed since `set` was computed, except that `changed` may be new. If any did, groups
/// other than `changed`'s would be stale: call [`full_recompute`] instead. Under that
/// precondition the result equals `full_recompute` of the new cohort exactly.
pub fn incremental_update(
    set: &mut BenchmarkSet,
    changed: &PeerOrganisation,
    organisations: &[PeerOrganisation],
    entries: &[CohortEntry],
    dimension_count: usize,
    threshold: AnonymityThreshold,
) {
    let keys: Vec<String> = peer_groups_of(changed).iter().map(PeerGroup::key).collect();
    let mut recomputed = groups_with_members(organisations, entries, |key| {
        keys.iter().any(|wanted| wanted == key)
    });
    for key in keys {
        match recomputed.remove(&key) {
            Some((group, members)) => {
                let members: Vec<&CohortEntry> = members.into_values().collect();
                let benchmark = benchmark_group(group, &members, dimension_count, threshold);
                set.insert(key, benchmark);
            }
            // `changed` is not among `organisations`: a full recomputation would not list
            // a group nobody belongs to, so neither do we.
            None => {
                set.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(id: i32, dimensions: &[Option<f64>], overall: Option<f64>) -> CohortEntry {
        CohortEntry {
            organisation_id: id,
            dimension_means: dimensions.to_vec(),
            overall,
        }
    }

    fn organisation(
        id: i32,
        population: i64,
        province: &str,
        kind: OrganisationKind,
    ) -> PeerOrganisation {
        PeerOrganisation {
            id,
            population,
            province: province.to_owned(),
            kind,
            custom_groups: Vec::new(),
        }
    }

    fn threshold(n: usize) -> AnonymityThreshold {
        AnonymityThreshold::new(n).unwrap()
    }

    #[test]
    fn a_custom_group_one_member_away_from_another_group_is_refused() {
        // Six municipalities in Antwerpen (ids 1–6), six cities in Limburg (7–12); threshold 5.
        let mut organisations: Vec<PeerOrganisation> = (1..=6)
            .map(|id| organisation(id, 12_000, "Antwerpen", OrganisationKind::Municipality))
            .chain((7..=12).map(|id| organisation(id, 80_000, "Limburg", OrganisationKind::City)))
            .collect();
        let t5 = threshold(5);
        // 1–5 is one away from the municipalities (and Antwerpen, and its size class):
        // refused, naming the first such group by key.
        assert_eq!(
            differencing_group(9, &[1, 2, 3, 4, 5], &organisations, t5),
            Some(PeerGroup::Kind(OrganisationKind::Municipality))
        );
        // Exactly Antwerpen's members: identical figures, nothing to difference; and six
        // away from all organisations.
        assert_eq!(
            differencing_group(9, &[1, 2, 3, 4, 5, 6], &organisations, t5),
            None
        );
        // Below the threshold the group is hidden anyway.
        assert_eq!(differencing_group(9, &[1, 2], &organisations, t5), None);
        // Another custom group (3) of 1–7: the proposed 1–6 is one away from it.
        for o in organisations.iter_mut().take(7) {
            o.custom_groups.push((3, "Kempen".to_owned()));
        }
        assert_eq!(
            differencing_group(9, &[1, 2, 3, 4, 5, 6], &organisations, t5),
            Some(PeerGroup::Custom {
                id: 3,
                name: "Kempen".to_owned()
            })
        );
        // Group 3's own current membership does not count against a new one for it.
        assert_eq!(
            differencing_group(3, &[1, 2, 3, 4, 5, 6], &organisations, t5),
            None
        );
        // With a threshold of 3, a difference of 3 is allowed.
        assert_eq!(
            differencing_group(9, &[1, 2, 3], &organisations, threshold(3)),
            None
        );
    }

    #[test]
    fn quartiles_of_an_even_count_interpolate_type_7() {
        // Sorted 1, 2, 3, 4 (given shuffled), n = 4:
        // q1: h = 3 · 0.25 = 0.75 → x0 + 0.75 · (x1 − x0) = 1 + 0.75 = 1.75
        // median: h = 1.5 → 2 + 0.5 · 1 = 2.5
        // q3: h = 2.25 → 3 + 0.25 · 1 = 3.25
        // mean (1 + 2 + 3 + 4) / 4 = 2.5. numpy.percentile([1,2,3,4], 25) = 1.75 agrees.
        let d = distribution(&[3.0, 1.0, 4.0, 2.0]).unwrap();
        assert_eq!(
            d,
            Distribution {
                count: 4,
                mean: 2.5,
                median: 2.5,
                q1: 1.75,
                q3: 3.25,
                min: 1.0,
                max: 4.0
            }
        );
    }

    #[test]
    fn quartiles_with_ties_and_odd_counts() {
        // Ties: sorted 1, 2, 2, 3. q1: h = 0.75 → 1 + 0.75 · (2 − 1) = 1.75;
        // median: h = 1.5 → 2 + 0.5 · (2 − 2) = 2; q3: h = 2.25 → 2 + 0.25 · (3 − 2) = 2.25.
        // Mean 8 / 4 = 2.
        let d = distribution(&[2.0, 3.0, 1.0, 2.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3, d.mean), (1.75, 2.0, 2.25, 2.0));

        // Odd: sorted 1, 3, 5, 7, 9. h = 1, 2, 3 fall on ranks exactly: 3, 5, 7. Mean 25 / 5 = 5.
        let d = distribution(&[7.0, 1.0, 3.0, 5.0, 9.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3, d.mean), (3.0, 5.0, 7.0, 5.0));
        assert_eq!((d.min, d.max, d.count), (1.0, 9.0, 5));

        // Three: 0, 1, 3. q1: h = 0.5 → 0 + 0.5 · 1 = 0.5; median 1; q3: h = 1.5 → 1 + 0.5 · 2 = 2.
        let d = distribution(&[0.0, 1.0, 3.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3), (0.5, 1.0, 2.0));

        // Two: 1, 4. q1: h = 0.25 → 1.75; median h = 0.5 → 2.5; q3: h = 0.75 → 3.25.
        let d = distribution(&[4.0, 1.0]).unwrap();
        assert_eq!((d.q1, d.median, d.q3), (1.75, 2.5, 3.25));

        // One value is every figure; all equal values give that value everywhere.
        let d = distribution(&[2.5]).unwrap();
        assert_eq!(
            (d.min, d.q1, d.median, d.q3, d.max, d.mean),
            (2.5, 2.5, 2.5, 2.5, 2.5, 2.5)
        );
        let d = distribution(&[3.0; 4]).unwrap();
        assert_eq!((d.q1, d.q3), (3.0, 3.0));
    }

    #[test]
    fn an_empty_or_non_finite_list_has_no_distribution() {
        assert_eq!(distribution(&[]), None);
        assert_eq!(distribution(&[f64::NAN, f64::INFINITY]), None);
        // NaN is left out: 1 and 3 remain, mean 2.
        let d = distribution(&[1.0, f64::NAN, 3.0]).unwrap();
        assert_eq!((d.count, d.mean), (2, 2.0));
    }

    #[test]
    fn percentile_rank_counts_half_the_ties() {
        let values = [1.0, 2.0, 2.0, 3.0];
        // 2: one below, two equal → (1 + 0.5 · 2) / 4 = 50 %.
        assert_eq!(percentile_rank(&values, 2.0), 50.0);
        // 3: three below, one equal → (3 + 0.5) / 4 = 87.5 %.
        assert_eq!(percentile_rank(&values, 3.0), 87.5);
        // 1: none below, one equal → 0.5 / 4 = 12.5 %.
        assert_eq!(percentile_rank(&values, 1.0), 12.5);
        // 2.5 (not a member): three below → 75 %. Below all → 0; above all → 100.
        assert_eq!(percentile_rank(&values, 2.5), 75.0);
        assert_eq!(percentile_rank(&values, 0.0), 0.0);
        assert_eq!(percentile_rank(&values, 4.0), 100.0);
        // Everyone equal: everyone sits in the middle, (0 + 0.5 · 3) / 3 = 50 %.
        assert_eq!(percentile_rank(&[2.0, 2.0, 2.0], 2.0), 50.0);
        // Five distinct: the top one has 4 below → (4 + 0.5) / 5 = 90 %.
        assert_eq!(percentile_rank(&[0.0, 1.0, 2.0, 3.0, 4.0], 4.0), 90.0);
        // Empty group: 0, never NaN.
        assert_eq!(percentile_rank(&[], 2.0), 0.0);
    }

    #[test]
    fn the_threshold_refuses_values_below_three() {
        assert_eq!(AnonymityThreshold::new(2), Err(ThresholdError::TooLow(2)));
        assert_eq!(AnonymityThreshold::new(0), Err(ThresholdError::TooLow(0)));
        assert_eq!(AnonymityThreshold::new(3), Ok(AnonymityThreshold::MINIMUM));
        assert_eq!(AnonymityThreshold::default().get(), 5);
        assert_eq!(AnonymityThreshold::try_from(7).map(usize::from), Ok(7));
        let message = ThresholdError::TooLow(2).to_string();
        assert!(message.contains("minimum is 3"), "{message}");
        assert!(ThresholdError::TooLow(2)
            .message(Lang::Nl)
            .contains("minimum is 3"));
    }

    fn five(values: [f64; 5]) -> Vec<CohortEntry> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| entry(i as i32, &[Some(*v)], Some(*v)))
            .collect()
    }

    #[test]
    fn four_organisations_are_hidden_and_five_shown_by_default() {
        let entries = five([1.0, 2.0, 2.0, 3.0, 4.0]);
        let refs: Vec<&CohortEntry> = entries.iter().collect();
        let hidden = benchmark_group(PeerGroup::All, &refs[..4], 1, AnonymityThreshold::DEFAULT);
        assert_eq!(
            hidden,
            GroupBenchmark::Hidden {
                group: PeerGroup::All,
                organisations: 4
            }
        );
        assert_eq!(hidden.figures(), None);
        let reason = hidden
            .hidden_reason(Lang::Nl, AnonymityThreshold::DEFAULT)
            .unwrap();
        assert_eq!(reason, "Verborgen: deze groep telt minder dan 5 besturen.");
        assert!(!reason.contains('4'));

        let shown = benchmark_group(PeerGroup::All, &refs, 1, AnonymityThreshold::DEFAULT);
        assert_eq!(
            shown.hidden_reason(Lang::En, AnonymityThreshold::DEFAULT),
            None
        );
        let figures = shown.figures().unwrap();
        assert_eq!(figures.organisations, 5);
        // Sorted 1, 2, 2, 3, 4: median 2, q1 h = 1 → 2, q3 h = 3 → 3, mean 12 / 5 = 2.4.
        let d = figures.dimensions[0].unwrap();
        assert_eq!((d.count, d.q1, d.median, d.q3), (5, 2.0, 2.0, 3.0));
        assert!((d.mean - 2.4).abs() < 1e-12);
        assert_eq!(figures.values.dimensions[0], [1.0, 2.0, 2.0, 3.0, 4.0]);
        // The organisation scoring 3: three below, one equal → 3.5 / 5 = 70 %.
        let p = position(figures, &entries[3]);
        assert_eq!(p.dimensions, [Some(70.0)]);
        assert_eq!(p.overall, Some(70.0));

        // With the minimum threshold three organisations are enough.
        let three = benchmark_group(PeerGroup::All, &refs[..3], 1, threshold(3));
        assert_eq!(three.figures().unwrap().organisations, 3);
        let two = benchmark_group(PeerGroup::All, &refs[..2], 1, threshold(3));
        assert!(two.figures().is_none());
    }

    #[test]
    fn a_dimension_with_too_few_scorers_is_withheld() {
        // Five members; d1 scored by all, d2 by four (one "nobody scored"), d3 by nobody,
        // d4 missing from the vectors altogether. Overall present for all five.
        let entries: Vec<CohortEntry> = (0..5)
            .map(|i| {
                let d2 = (i != 0).then_some(2.0);
                entry(i, &[Some(i as f64 * 0.5), d2, None], Some(1.0))
            })
            .collect();
        let refs: Vec<&CohortEntry> = entries.iter().collect();
        let shown = benchmark_group(PeerGroup::All, &refs, 4, AnonymityThreshold::DEFAULT);
        let figures = shown.figures().unwrap();
        assert_eq!(figures.dimensions.len(), 4);
        assert!(figures.dimensions[0].is_some());
        assert_eq!(figures.dimensions[1], None);
        assert_eq!(figures.dimensions[2], None);
        assert_eq!(figures.dimensions[3], None);
        // Withheld dimensions keep no member values either.
        assert!(figures.values.dimensions[1].is_empty());
        assert_eq!(figures.overall.unwrap().count, 5);
        // d1 values 0, 0.5, 1, 1.5, 2: member 4 (2.0) has four below → 90 %.
        let p = position(figures, &entries[4]);
        assert_eq!(p.dimensions, [Some(90.0), None, None, None]);
        // Everyone overall 1: 50 %.
        assert_eq!(p.overall, Some(50.0));
        // Member 0 has no d2 score: None there even if it were shown.
        assert_eq!(position(figures, &entries[0]).dimensions[1], None);
        assert!(withheld_reason(Lang::En, AnonymityThreshold::DEFAULT).contains("fewer than 5"));
    }

    #[test]
    fn size_classes_follow_the_population_bands() {
        use SizeClass::*;
        let cases = [
            (0, Below10k),
            (9_999, Below10k),
            (10_000, From10kTo25k),
            (24_999, From10kTo25k),
            (25_000, From25kTo50k),
            (49_999, From25kTo50k),
            (50_000, From50kTo100k),
            (99_999, From50kTo100k),
            (100_000, From100k),
            (530_000, From100k),
            (-1, Below10k),
        ];
        for (population, class) in cases {
            assert_eq!(
                SizeClass::from_population(population),
                class,
                "{population}"
            );
        }
        for class in SizeClass::ALL {
            assert_eq!(SizeClass::from_code(class.code()), Some(class));
        }
        assert_eq!(SizeClass::from_code(" GTE100K"), Some(From100k));
        assert_eq!(SizeClass::from_code("huge"), None);
        assert_eq!(Below10k.label(Lang::Nl), "minder dan 10 000 inwoners");
    }

    #[test]
    fn kinds_round_trip_and_every_label_exists() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::from_code(kind.code()), Some(kind));
            for lang in Lang::ALL {
                assert!(!kind.label(lang).is_empty());
            }
        }
        assert_eq!(
            OrganisationKind::from_code(" Welfare_Centre "),
            Some(OrganisationKind::WelfareCentre)
        );
        assert_eq!(OrganisationKind::from_code("club"), None);
        assert_eq!(OrganisationKind::WelfareCentre.label(Lang::Nl), "OCMW");
    }

    #[test]
    fn group_keys_and_labels() {
        let cases = [
            (PeerGroup::All, "all", "alle besturen"),
            (
                PeerGroup::Size(SizeClass::From25kTo50k),
                "size:25k-50k",
                "besturen met 25 000 tot 49 999 inwoners",
            ),
            (
                PeerGroup::Province("Antwerpen".into()),
                "province:Antwerpen",
                "provincie Antwerpen",
            ),
            (
                PeerGroup::Kind(OrganisationKind::City),
                "kind:city",
                "steden",
            ),
            (
                PeerGroup::Custom {
                    id: 7,
                    name: "Kempen".into(),
                },
                "custom:7",
                "Kempen",
            ),
        ];
        for (group, key, nl) in cases {
            assert_eq!(group.key(), key);
            assert_eq!(group.label(Lang::Nl), nl);
            for lang in Lang::ALL {
                assert!(!group.label(lang).is_empty());
                let standing = Standing::of(&[1.0, 2.0, 2.0, 3.0], 2.0);
                assert!(rank_sentence(lang, standing, &group).ends_with('.'));
            }
        }
        assert_eq!(
            PeerGroup::Province("Vlaams-Brabant".into()).label(Lang::Fr),
            "province du Brabant flamand"
        );
        assert_eq!(
            PeerGroup::Province("Antwerpen".into()).label(Lang::En),
            "province of Antwerp"
        );
        assert_eq!(province_label("Brussel", Lang::Fr), "Brussel");
        for province in FLEMISH_PROVINCES {
            assert!(known_province(province).is_some());
        }
    }

    #[test]
    fn rank_sentences_are_true_under_ties() {
        let size = PeerGroup::Size(SizeClass::From25kTo50k);
        let sentence = |lang, values: &[f64], own: f64, group: &PeerGroup| {
            rank_sentence(lang, Standing::of(values, own), group)
        };

        // All tied: five members on 2.0. Mid-rank 50 %, but higher than nobody.
        let all_tied = [2.0; 5];
        assert_eq!(percentile_rank(&all_tied, 2.0), 50.0);
        assert_eq!(
            Standing::of(&all_tied, 2.0),
            Standing {
                lower: 0,
                equal: 5,
                higher: 0
            }
        );
        assert_eq!(
            sentence(Lang::Nl, &all_tied, 2.0, &size),
            "Even hoog als alle 4 andere besturen met 25 000 tot 49 999 inwoners."
        );
        assert_eq!(
            sentence(Lang::En, &all_tied, 2.0, &PeerGroup::All),
            "Level with all 4 other organisations."
        );
        assert_eq!(
            sentence(
                Lang::Fr,
                &all_tied,
                2.0,
                &PeerGroup::Kind(OrganisationKind::City)
            ),
            "À égalité avec les 4 autres villes."
        );

        // Lowest: 0.5 among 0.5, 1, 2, 3, 4 → rank 0.5 / 5 = 10 %, below the other four.
        let spread = [0.5, 1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_rank(&spread, 0.5), 10.0);
        assert_eq!(
            sentence(Lang::Nl, &spread, 0.5, &size),
            "Lager dan alle 4 andere besturen met 25 000 tot 49 999 inwoners."
        );
        assert_eq!(
            sentence(Lang::En, &spread, 0.5, &size),
            "Below all 4 other organisations with 25,000 to 49,999 inhabitants."
        );
        assert_eq!(
            sentence(Lang::Fr, &spread, 0.5, &size),
            "En dessous des 4 autres administrations de 25 000 à 49 999 habitants."
        );

        // Highest: 4 → (4 + 0.5) / 5 = 90 %, above all four others.
        assert_eq!(percentile_rank(&spread, 4.0), 90.0);
        assert_eq!(
            sentence(Lang::Nl, &spread, 4.0, &PeerGroup::All),
            "Hoger dan alle 4 andere besturen."
        );
        assert_eq!(
            sentence(
                Lang::En,
                &spread,
                4.0,
                &PeerGroup::Kind(OrganisationKind::City)
            ),
            "Above all 4 other cities."
        );
        assert_eq!(
            sentence(Lang::Fr, &spread, 4.0, &PeerGroup::All),
            "Au-dessus des 4 autres administrations."
        );

        // A tie in the middle: 2 among 1, 1.5, 2, 2, 2, 3, 3.5, 4, 4, 4 (ten members):
        // two lower, three equal (itself and two others), five higher;
        // rank (2 + 1.5) / 10 = 35 %.
        let middle = [1.0, 1.5, 2.0, 2.0, 2.0, 3.0, 3.5, 4.0, 4.0, 4.0];
        assert_eq!(percentile_rank(&middle, 2.0), 35.0);
        assert_eq!(
            sentence(Lang::Nl, &middle, 2.0, &size),
            "Hoger dan 2 van de 9 andere besturen met 25 000 tot 49 999 inwoners, even hoog als 2, lager dan 5."
        );
        assert_eq!(
            sentence(Lang::En, &middle, 2.0, &PeerGroup::Province("Antwerpen".into())),
            "Above 2 of the 9 other organisations in the province of Antwerp, level with 2, below 5."
        );
        assert_eq!(
            sentence(
                Lang::Fr,
                &middle,
                2.0,
                &PeerGroup::Custom {
                    id: 7,
                    name: "Kempen".into()
                }
            ),
            "Au-dessus de 2 des 9 autres administrations du groupe « Kempen », à égalité avec 2, en dessous de 5."
        );
        // Tied at the top: 4 → seven lower, two others equal, none higher.
        assert_eq!(
            sentence(Lang::Nl, &middle, 4.0, &PeerGroup::All),
            "Hoger dan 7 van de 9 andere besturen, even hoog als 2."
        );
        // Tied at the bottom: 1 and 1 among 1, 1, 2, 3, 4 → one other equal, three higher.
        assert_eq!(
            sentence(Lang::En, &[1.0, 1.0, 2.0, 3.0, 4.0], 1.0, &PeerGroup::All),
            "Level with 1 of the 4 other organisations, below 3."
        );
        // No tie: 3 among 1, 2, 3, 4, 5.
        assert_eq!(
            sentence(Lang::Fr, &[1.0, 2.0, 3.0, 4.0, 5.0], 3.0, &PeerGroup::All),
            "Au-dessus de 2 des 4 autres administrations, en dessous de 2."
        );
        // A score no member has is compared with every member.
        assert_eq!(
            sentence(Lang::Nl, &spread, 2.5, &PeerGroup::All),
            "Hoger dan 3 van de 5 andere besturen, lager dan 2."
        );
        assert_eq!(
            sentence(Lang::Nl, &[2.0], 2.0, &PeerGroup::All),
            "Geen vergelijking mogelijk: geen andere score bij de besturen."
        );
    }

    #[test]
    fn a_position_carries_the_standing_behind_each_rank() {
        let entries = five([1.0, 2.0, 2.0, 3.0, 4.0]);
        let refs: Vec<&CohortEntry> = entries.iter().collect();
        let shown = benchmark_group(PeerGroup::All, &refs, 1, AnonymityThreshold::DEFAULT);
        let p = position(shown.figures().unwrap(), &entries[1]);
        let tied = Standing {
            lower: 1,
            equal: 2,
            higher: 2,
        };
        assert_eq!(p.dimension_standings, [Some(tied)]);
        assert_eq!(p.overall_standing, Some(tied));
        // (1 + 0.5 · 2) / 5 = 40 %.
        assert_eq!(p.dimensions, [Some(40.0)]);
        assert_eq!(
            rank_sentence(Lang::Nl, tied, &PeerGroup::All),
            "Hoger dan 1 van de 4 andere besturen, even hoog als 1, lager dan 2."
        );
    }

    #[test]
    fn an_organisation_belongs_to_all_its_groups_in_order() {
        let mut org = organisation(1, 30_000, "Limburg", OrganisationKind::Municipality);
        org.custom_groups = vec![(7, "Kempen".into())];
        let keys: Vec<String> = peer_groups_of(&org).iter().map(PeerGroup::key).collect();
        assert_eq!(
            keys,
            [
                "all",
                "size:25k-50k",
                "province:Limburg",
                "kind:municipality",
                "custom:7"
            ]
        );
    }

    #[test]
    fn full_recompute_counts_only_organisations_with_an_entry() {
        // Six Limburg municipalities of 30 000, five with a result: Limburg is shown with 5.
        // One Antwerp city with a result: its province and kind groups are hidden (1).
        let mut organisations: Vec<PeerOrganisation> = (0..6)
            .map(|id| organisation(id, 30_000, "Limburg", OrganisationKind::Municipality))
            .collect();
        organisations.push(organisation(
            6,
            120_000,
            "Antwerpen",
            OrganisationKind::City,
        ));
        let mut entries: Vec<CohortEntry> = (0..5)
            .map(|id| entry(id, &[Some(2.0)], Some(2.0)))
            .collect();
        entries.push(entry(6, &[Some(3.0)], Some(3.0)));
        // An entry for an unknown organisation is ignored.
        entries.push(entry(99, &[Some(0.0)], Some(0.0)));
        let set = full_recompute(&organisations, &entries, 1, AnonymityThreshold::DEFAULT);
        let keys: Vec<&str> = set.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "all",
                "kind:city",
                "kind:municipality",
                "province:Antwerpen",
                "province:Limburg",
                "size:25k-50k",
                "size:gte100k"
            ]
        );
        assert_eq!(set["all"].figures().unwrap().organisations, 6);
        assert_eq!(set["province:Limburg"].figures().unwrap().organisations, 5);
        assert_eq!(
            set["province:Antwerpen"],
            GroupBenchmark::Hidden {
                group: PeerGroup::Province("Antwerpen".into()),
                organisations: 1
            }
        );
        for (key, benchmark) in &set {
            assert_eq!(&benchmark.group().key(), key);
        }
    }

    #[test]
    fn each_cohort_is_computed_with_its_own_models_dimension_count() {
        // Two model versions: v1 has 1 dimension, v2 (the current one) has 3. recompute_all
        // recomputes a cohort of each; v1's must not get v2's count, nor v2's v1's.
        let counts: DimensionCounts = [("v1".to_owned(), 1), ("v2".to_owned(), 3)]
            .into_iter()
            .collect();
        let organisations: Vec<PeerOrganisation> = (0..5)
            .map(|id| organisation(id, 30_000, "Limburg", OrganisationKind::Municipality))
            .collect();
        let v1_entries = five([1.0, 2.0, 2.0, 3.0, 4.0]);
        let v2_entries: Vec<CohortEntry> = (0..5)
            .map(|i| {
                let v = f64::from(i);
                entry(i, &[Some(2.0), Some(1.0), Some(v)], Some(1.0 + v / 4.0))
            })
            .collect();
        let cohorts = [("v1", &v1_entries), ("v2", &v2_entries)];
        let sets: Vec<BenchmarkSet> = cohorts
            .iter()
            .map(|(model, entries)| {
                recompute_cohort(model, &counts, &organisations, entries, threshold(5)).unwrap()
            })
            .collect();

        // v1, one dimension: sorted 1, 2, 2, 3, 4 → q1 (h = 1) 2, median 2, q3 (h = 3) 3,
        // mean 12 / 5 = 2.4. With v2's count it would have three dimensions, two empty.
        let v1 = sets[0]["all"].figures().unwrap();
        assert_eq!(v1.dimensions.len(), 1);
        assert_eq!(v1.values.dimensions.len(), 1);
        let d = v1.dimensions[0].unwrap();
        assert_eq!((d.count, d.q1, d.median, d.q3), (5, 2.0, 2.0, 3.0));
        assert!((d.mean - 2.4).abs() < 1e-12);

        // v2, three dimensions: the third, 0, 1, 2, 3, 4 → q1 1, median 2, q3 3, mean 2,
        // is there; with v1's count it would be dropped.
        let v2 = sets[1]["all"].figures().unwrap();
        assert_eq!(v2.dimensions.len(), 3);
        let d = v2.dimensions[2].unwrap();
        assert_eq!(
            (d.count, d.min, d.q1, d.median, d.q3, d.max, d.mean),
            (5, 0.0, 1.0, 2.0, 3.0, 4.0, 2.0)
        );
        assert_eq!(v2.dimensions[0].unwrap().median, 2.0);
        assert_eq!(v2.dimensions[1].unwrap().median, 1.0);
        // The member scoring 3 on v2's third dimension: three below → 3.5 / 5 = 70 %.
        assert_eq!(position(v2, &v2_entries[3]).dimensions[2], Some(70.0));
        // Each set equals a full recompute with the right count.
        assert_eq!(
            sets[0],
            full_recompute(&organisations, &v1_entries, 1, threshold(5))
        );
        assert_eq!(
            sets[1],
            full_recompute(&organisations, &v2_entries, 3, threshold(5))
        );

        // An unknown version is not computed with some other version's count.
        assert_eq!(
            recompute_cohort("v0", &counts, &organisations, &v1_entries, threshold(5)),
            None
        );
        assert_eq!(counts.get("v2"), Some(3));
        assert_eq!(DimensionCounts::of_models([]).get("v1"), None);
    }

    // ---- property tests ----------------------------------------------------------------

    const DIMENSIONS: usize = 3;
    const CUSTOM: [(i32, &str); 3] = [(1, "Kempen"), (2, "Westhoek"), (3, "Pajottenland")];

    /// A population, spread over all bands and their edges.
    fn any_population() -> impl Strategy<Value = i64> {
        prop_oneof![
            prop::sample::select(vec![
                0, 9_999, 10_000, 24_999, 25_000, 49_999, 50_000, 100_000
            ]),
            0i64..200_000,
        ]
    }

    fn any_organisation(id: i32) -> impl Strategy<Value = PeerOrganisation> {
        (
            any_population(),
            prop::sample::select(FLEMISH_PROVINCES.to_vec()),
            prop::sample::select(OrganisationKind::ALL.to_vec()),
            prop::sample::subsequence(CUSTOM.to_vec(), 0..=CUSTOM.len()),
        )
            .prop_map(
                move |(population, province, kind, custom)| PeerOrganisation {
                    id,
                    population,
                    province: province.to_owned(),
                    kind,
                    custom_groups: custom
                        .into_iter()
                        .map(|(id, name)| (id, name.to_owned()))
                        .collect(),
                },
            )
    }

    /// A score on a quarter-point grid, so that ties are common, or none.
    fn any_score() -> impl Strategy<Value = Option<f64>> {
        prop::option::weighted(0.8, (0u8..=16).prop_map(|q| f64::from(q) * 0.25))
    }

    /// An entry, or none (an organisation without a closed round that year).
    fn any_entry(id: i32) -> impl Strategy<Value = Option<CohortEntry>> {
        prop::option::weighted(
            0.85,
            (
                prop::collection::vec(any_score(), 0..=DIMENSIONS + 1),
                any_score(),
            )
                .prop_map(move |(dimension_means, overall)| CohortEntry {
                    organisation_id: id,
                    dimension_means,
                    overall,
                }),
        )
    }

    fn any_cohort() -> impl Strategy<Value = (Vec<PeerOrganisation>, Vec<CohortEntry>)> {
        (0usize..40).prop_flat_map(|n| {
            let organisations: Vec<_> = (0..n as i32).map(any_organisation).collect();
            let entries: Vec<_> = (0..n as i32).map(any_entry).collect();
            (organisations, entries).prop_map(|(organisations, entries)| {
                (organisations, entries.into_iter().flatten().collect())
            })
        })
    }

    fn any_threshold() -> impl Strategy<Value = AnonymityThreshold> {
        (3usize..8).prop_map(threshold)
    }

    proptest! {
        #[test]
        fn nothing_below_the_threshold_is_ever_shown(
            (organisations, entries) in any_cohort(),
            threshold in any_threshold(),
        ) {
            let set = full_recompute(&organisations, &entries, DIMENSIONS, threshold);
            let t = threshold.get();
            for (key, benchmark) in &set {
                prop_assert_eq!(&benchmark.group().key(), key);
                match benchmark {
                    GroupBenchmark::Hidden { organisations, .. } => {
                        prop_assert!(*organisations < t);
                    }
                    GroupBenchmark::Shown(figures) => {
                        prop_assert!(figures.organisations >= t);
                        prop_assert_eq!(figures.dimensions.len(), DIMENSIONS);
                        for (i, d) in figures.dimensions.iter().enumerate() {
                            let values = &figures.values.dimensions[i];
                            match d {
                                Some(d) => {
                                    prop_assert!(d.count >= t);
                                    prop_assert_eq!(d.count, values.len());
                                    prop_assert!(d.min <= d.q1 && d.q1 <= d.median);
                                    prop_assert!(d.median <= d.q3 && d.q3 <= d.max);
                                    prop_assert!(d.min <= d.mean && d.mean <= d.max);
                                }
                                None => prop_assert!(values.is_empty()),
                            }
                        }
                        if let Some(d) = &figures.overall {
                            prop_assert!(d.count >= t);
                        } else {
                            prop_assert!(figures.values.overall.is_empty());
                        }
                    }
                }
            }
        }

        #[test]
        fn an_incremental_update_equals_a_full_recompute(
            (mut organisations, mut entries) in any_cohort(),
            threshold in any_threshold(),
            pick in any::<prop::sample::Index>(),
            new_organisation in any_organisation(1_000),
            new_entry in any_entry(0),
            add in any::<bool>(),
        ) {
            let mut set = full_recompute(&organisations, &entries, DIMENSIONS, threshold);
            let changed = if add || organisations.is_empty() {
                organisations.push(new_organisation.clone());
                new_organisation
            } else {
                organisations[pick.index(organisations.len())].clone()
            };
            // Replace (or remove, or add) the changed organisation's entry.
            entries.retain(|e| e.organisation_id != changed.id);
            if let Some(mut e) = new_entry {
                e.organisation_id = changed.id;
                entries.push(e);
            }
            incremental_update(&mut set, &changed, &organisations, &entries, DIMENSIONS, threshold);
            prop_assert_eq!(set, full_recompute(&organisations, &entries, DIMENSIONS, threshold));
        }

        #[test]
        fn the_ranks_of_all_members_average_fifty(
            values in prop::collection::vec((0u8..=16).prop_map(|q| f64::from(q) * 0.25), 1..30)
        ) {
            let mean = values.iter().map(|v| percentile_rank(&values, *v)).sum::<f64>()
                / values.len() as f64;
            prop_assert!((mean - 50.0).abs() < 1e-9, "{mean}");
            for v in &values {
                let rank = percentile_rank(&values, *v);
                prop_assert!((0.0..=100.0).contains(&rank));
            }
        }

        #[test]
        fn rank_sentences_name_only_true_counts(
            values in prop::collection::vec((0u8..=16).prop_map(|q| f64::from(q) * 0.25), 3..30),
            pick in any::<prop::sample::Index>(),
        ) {
            let own = values[pick.index(values.len())];
            let standing = Standing::of(&values, own);
            let lower = values.iter().filter(|v| **v < own).count();
            let tied = values.iter().filter(|v| **v == own).count() - 1;
            let higher = values.iter().filter(|v| **v > own).count();
            let others = values.len() - 1;
            prop_assert_eq!(standing, Standing { lower, equal: tied + 1, higher });
            prop_assert_eq!(standing.percentile_rank(), percentile_rank(&values, own));
            let nl = rank_sentence(Lang::Nl, standing, &PeerGroup::All);
            let en = rank_sentence(Lang::En, standing, &PeerGroup::All);
            // Each claim appears exactly when true, with its count.
            prop_assert_eq!(nl.contains("Hoger dan"), lower > 0, "{}", nl);
            prop_assert_eq!(nl.contains("ven hoog als"), tied > 0, "{}", nl);
            prop_assert_eq!(nl.contains("ager dan"), higher > 0, "{}", nl);
            prop_assert_eq!(en.contains("Above"), lower > 0, "{}", en);
            prop_assert_eq!(en.contains("evel with"), tied > 0, "{}", en);
            prop_assert_eq!(en.contains("elow"), higher > 0, "{}", en);
            let all = format!("alle {others} andere");
            for (count, words) in [(lower, "Hoger dan"), (tied, "ven hoog als"), (higher, "ager dan")] {
                if count == others {
                    prop_assert!(nl.contains(&format!("{words} {all}")), "{}", nl);
                } else if count > 0 {
                    prop_assert!(nl.contains(&format!("{words} {count}")), "{}", nl);
                    prop_assert!(nl.contains(&format!("van de {others} andere")), "{}", nl);
                }
            }
        }
    }
}
