//! The pure QuickScan domain: the maturity model, answers, scoring, aggregation and
//! benchmarks.
//!
//! Nothing in this crate performs I/O or knows about HTTP, databases or the UI: it is
//! functions of plain data, so every rule can be unit-tested on small hand-checked examples.

pub mod access;
pub mod action_plan;
pub mod aggregation;
pub mod answer;
pub mod audit;
pub mod benchmark;
pub mod findings;
pub mod import;
pub mod lang;
pub mod mail_address;
pub mod model;
pub mod organisation;
pub mod organisation_list;
pub mod password;
pub mod scoring;
pub mod statements;
pub mod texts;

pub use aggregation::{
    aggregate, Consensus, DimensionAggregate, GroupAggregate, OrganisationAggregate,
    RespondentGroup, RespondentInput, ResultSummary, MOSTLY_UNKNOWN_FROM,
};
pub use answer::{AnswerParseError, AnswerValue, MaturityLevel};
pub use benchmark::{
    benchmark_group, differencing_group, distribution, full_recompute, incremental_update,
    peer_groups_of, percentile_rank, position, province_label, rank_sentence, recompute_cohort,
    withheld_reason, AnonymityThreshold, BenchmarkSet, BenchmarkValues, CohortEntry,
    DimensionCounts, Distribution, GroupBenchmark, GroupFigures, OrganisationKind, PeerGroup,
    PeerOrganisation, Position, SizeClass, Standing, ThresholdError, FLEMISH_PROVINCES,
};
pub use findings::{dimensions_by_need, pillar_balance, PillarBalance};
pub use lang::Lang;
pub use mail_address::{
    parse_address_list, AddressListError, MailAddress, MAX_ADDRESSES_AT_ONCE,
    REMINDER_INTERVAL_DAYS,
};
pub use model::{
    parse_model, Advice, AnswerScale, Dimension, MaturityModel, ModelError, ModelProblem, Pillar,
    Statement, Text,
};
pub use scoring::{
    score_dimension, score_respondent, AnswerCounts, DimensionScore, RespondentScores,
};
pub use statements::StatementAggregate;
pub use texts::Texts;
