//! The maturity model: dimensions, statements and advice, read from a TOML data file.
//!
//! A model file is parsed into raw, span-carrying structs first, then checked as a whole and
//! turned into [`MaturityModel`]. Every problem names the file, the line and what is wrong,
//! because the people who edit model files are integrity advisors, not programmers.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::{Lang, MaturityLevel};

/// A text in every language QuickScan speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
    /// French.
    pub fr: String,
}

impl Text {
    /// The same words in every language (a stored id whose model is gone, shown as it is).
    pub fn same(text: &str) -> Text {
        Text {
            nl: text.to_owned(),
            en: text.to_owned(),
            fr: text.to_owned(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// The pillar of an integrity policy a dimension serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    /// Preventing integrity breaches.
    Prevention,
    /// Detecting them.
    Detection,
    /// Reacting to them.
    Reaction,
}

impl Pillar {
    /// Every pillar, in the order reports show them.
    pub const ALL: [Pillar; 3] = [Pillar::Prevention, Pillar::Detection, Pillar::Reaction];

    /// The pillar's name for reports and exports.
    pub fn label(self, lang: Lang) -> &'static str {
        let texts = &lang.texts().labels;
        match self {
            Pillar::Prevention => texts.pillar_prevention,
            Pillar::Detection => texts.pillar_detection,
            Pillar::Reaction => texts.pillar_reaction,
        }
    }
}

/// Answer labels of their own on the same 0–4 scale, for statements the maturity levels'
/// words do not fit: a statement about behaviour ("colleagues dare to speak up") is answered
/// "never" … "always" rather than "defined on paper". Scores stay 0–4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerScale {
    /// Its id in the model file (e.g. `frequency`).
    pub id: String,
    /// The label of each level, 0 to 4 (always five).
    pub levels: Vec<Text>,
}

/// One statement a respondent rates on the maturity scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable id, unique in the model (e.g. `policy-3`).
    pub id: String,
    /// The statement as the respondent reads it.
    pub text: Text,
    /// Its own answer labels; `None`: the maturity levels' names.
    #[serde(default)]
    pub scale: Option<AnswerScale>,
}

impl Statement {
    /// What a level is called when answering this statement.
    pub fn level_label(&self, level: MaturityLevel, lang: Lang) -> &str {
        self.scale
            .as_ref()
            .and_then(|scale| scale.levels.get(usize::from(level.number())))
            .map_or_else(|| level.label(lang), |label| label.get(lang))
    }
}

/// What to do next at one maturity level of one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    /// The level this advice is written for.
    pub level: MaturityLevel,
    /// Actions within a year.
    pub short_term: Vec<Text>,
    /// Actions within one to three years.
    pub medium_term: Vec<Text>,
}

/// One integrity dimension of the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    /// Stable id, unique in the model (e.g. `policy`).
    pub id: String,
    /// The pillars it serves.
    pub pillars: Vec<Pillar>,
    /// Its name.
    pub name: Text,
    /// What it covers.
    pub description: Text,
    /// Its statements, in questionnaire order.
    pub statements: Vec<Statement>,
    /// Advice for each level, indexed by level number (always five entries).
    pub advice: Vec<Advice>,
    /// What to do when most colleagues do not know the practice ("don't know"): how to make
    /// it known. Optional; the report falls back to general words without it.
    #[serde(default)]
    pub make_known: Option<Text>,
}

impl Dimension {
    /// The advice for a level.
    pub fn advice_for(&self, level: MaturityLevel) -> &Advice {
        &self.advice[usize::from(level.number())]
    }

    /// Whether a statement belongs to this dimension.
    pub fn has_statement(&self, statement_id: &str) -> bool {
        self.statements.iter().any(|s| s.id == statement_id)
    }
}

/// A validated maturity model version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaturityModel {
    /// The version id every answer records (e.g. `quickscan-2026`).
    pub id: String,
    /// The model's title.
    pub title: Text,
    /// Its dimensions, in questionnaire order.
    pub dimensions: Vec<Dimension>,
    /// The answer scales of its own that statements use (each statement carries its own
    /// copy; this list is for the template's help and the model's page).
    #[serde(default)]
    pub scales: Vec<AnswerScale>,
}

impl MaturityModel {
    /// A dimension by id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The dimension holding a statement, with the statement.
    pub fn statement(&self, id: &str) -> Option<(&Dimension, &Statement)> {
        self.dimensions
            .iter()
            .find_map(|d| d.statements.iter().find(|s| s.id == id).map(|s| (d, s)))
    }

    /// How many statements the model has in all.
    pub fn statement_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.statements.len()).sum()
    }
}

/// The fewest statements a dimension may have.
pub const MIN_STATEMENTS: usize = 4;
/// The most statements a dimension may have.
pub const MAX_STATEMENTS: usize = 8;

/// What is wrong with a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelProblem {
    /// The file is not valid TOML or does not have the model's shape.
    Syntax(String),
    /// A text is empty in one language.
    MissingTranslation {
        /// Which text, e.g. "statement `policy-2`".
        field: String,
        /// The language it is missing in.
        lang: Lang,
    },
    /// An id is not lowercase letters, digits and dashes.
    InvalidId(String),
    /// Two dimensions share an id.
    DuplicateDimension(String),
    /// Two statements share an id.
    DuplicateStatement(String),
    /// A dimension lists no pillar.
    NoPillar(String),
    /// A dimension has too few or too many statements.
    StatementCount {
        /// The dimension.
        dimension: String,
        /// How many it has.
        count: usize,
    },
    /// A dimension has no advice for a level.
    AdviceGap {
        /// The dimension.
        dimension: String,
        /// The level without advice.
        level: u8,
    },
    /// A dimension has advice for a level outside 0–4, or twice for one level.
    BadAdviceLevel {
        /// The dimension.
        dimension: String,
        /// The level given.
        level: u8,
    },
    /// An advice entry has no actions for one term.
    EmptyAdvice {
        /// The dimension.
        dimension: String,
        /// The level.
        level: u8,
        /// `short_term` or `medium_term`.
        term: &'static str,
    },
    /// The model has no dimensions.
    NoDimensions,
    /// Two answer scales share an id.
    DuplicateScale(String),
    /// An answer scale does not have exactly one label per level 0–4.
    ScaleLevels {
        /// The scale.
        scale: String,
        /// How many labels it has.
        count: usize,
    },
    /// A statement names a scale the model does not define.
    UnknownScale {
        /// The statement.
        statement: String,
        /// The scale it names.
        scale: String,
    },
}

impl fmt::Display for ModelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelProblem::Syntax(message) => write!(f, "{message}"),
            ModelProblem::MissingTranslation { field, lang } => {
                write!(f, "{field} has no text in language `{}`", lang.code())
            }
            ModelProblem::InvalidId(id) => write!(
                f,
                "id `{id}` must be lowercase letters, digits and dashes"
            ),
            ModelProblem::DuplicateDimension(id) => {
                write!(f, "dimension id `{id}` is used twice")
            }
            ModelProblem::DuplicateStatement(id) => {
                write!(f, "statement id `{id}` is used twice")
            }
            ModelProblem::NoPillar(id) => {
                write!(f, "dimension `{id}` names no pillar (prevention, detection, reaction)")
            }
            ModelProblem::StatementCount { dimension, count } => write!(
                f,
                "dimension `{dimension}` has {count} statements; it needs {MIN_STATEMENTS} to {MAX_STATEMENTS}"
            ),
            ModelProblem::AdviceGap { dimension, level } => {
                write!(f, "dimension `{dimension}` has no advice for level {level}")
            }
            ModelProblem::BadAdviceLevel { dimension, level } => write!(
                f,
                "dimension `{dimension}` has advice for level {level}, which is outside 0–4 or given twice"
            ),
            ModelProblem::EmptyAdvice {
                dimension,
                level,
                term,
            } => write!(
                f,
                "dimension `{dimension}`, level {level}: `{term}` lists no action"
            ),
            ModelProblem::NoDimensions => write!(f, "the model has no dimensions"),
            ModelProblem::DuplicateScale(id) => write!(f, "scale id `{id}` is used twice"),
            ModelProblem::ScaleLevels { scale, count } => write!(
                f,
                "scale `{scale}` has {count} labels; it needs exactly five, for levels 0 to 4"
            ),
            ModelProblem::UnknownScale { statement, scale } => write!(
                f,
                "statement `{statement}` uses scale `{scale}`, which the model does not define under [[scales]]"
            ),
        }
    }
}

/// A problem in a model file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// The file name as given to [`parse_model`].
    pub file: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub problem: ModelProblem,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.file, self.problem),
            None => write!(f, "{}: {}", self.file, self.problem),
        }
    }
}

impl std::error::Error for ModelError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    id: Spanned<String>,
    title: RawText,
    #[serde(default)]
    scales: Vec<RawScale>,
    #[serde(default)]
    dimensions: Vec<RawDimension>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    id: Spanned<String>,
    levels: Vec<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    nl: Spanned<String>,
    en: Spanned<String>,
    fr: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    id: Spanned<String>,
    pillars: Vec<Pillar>,
    name: RawText,
    description: RawText,
    #[serde(default)]
    statements: Vec<RawStatement>,
    #[serde(default)]
    advice: Vec<RawAdvice>,
    #[serde(default)]
    make_known: Option<RawText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    id: Spanned<String>,
    #[serde(default)]
    scale: Option<Spanned<String>>,
    text: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    level: Spanned<u8>,
    short_term: Vec<RawText>,
    medium_term: Vec<RawText>,
}

/// Collects where problems are while a raw model is turned into a [`MaturityModel`].
struct Checker<'a> {
    file: &'a str,
    source: &'a str,
}

impl Checker<'_> {
    fn error(&self, span: Option<Range<usize>>, problem: ModelProblem) -> ModelError {
        ModelError {
            file: self.file.to_owned(),
            line: span.map(|span| line_of(self.source, span.start)),
            problem,
        }
    }

    fn text(&self, raw: RawText, field: impl Fn() -> String) -> Result<Text, ModelError> {
        for (lang, value) in [
            (Lang::Nl, &raw.nl),
            (Lang::En, &raw.en),
            (Lang::Fr, &raw.fr),
        ] {
            if value.get_ref().trim().is_empty() {
                return Err(self.error(
                    Some(value.span()),
                    ModelProblem::MissingTranslation {
                        field: field(),
                        lang,
                    },
                ));
            }
        }
        Ok(Text {
            nl: raw.nl.into_inner().trim().to_owned(),
            en: raw.en.into_inner().trim().to_owned(),
            fr: raw.fr.into_inner().trim().to_owned(),
        })
    }

    fn id(&self, raw: &Spanned<String>) -> Result<String, ModelError> {
        let id = raw.get_ref();
        let valid = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if valid {
            Ok(id.clone())
        } else {
            Err(self.error(Some(raw.span()), ModelProblem::InvalidId(id.clone())))
        }
    }

    fn scale(&self, raw: RawScale) -> Result<AnswerScale, ModelError> {
        let id = self.id(&raw.id)?;
        if raw.levels.len() != MaturityLevel::ALL.len() {
            return Err(self.error(
                Some(raw.id.span()),
                ModelProblem::ScaleLevels {
                    scale: id,
                    count: raw.levels.len(),
                },
            ));
        }
        let levels = raw
            .levels
            .into_iter()
            .enumerate()
            .map(|(level, label)| {
                self.text(label, || {
                    format!("the label of level {level} of scale `{id}`")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(AnswerScale { id, levels })
    }

    fn dimension(
        &self,
        raw: RawDimension,
        statement_ids: &mut HashSet<String>,
        scales: &[AnswerScale],
    ) -> Result<Dimension, ModelError> {
        let id = self.id(&raw.id)?;
        let at_id = Some(raw.id.span());
        if raw.pillars.is_empty() {
            return Err(self.error(at_id, ModelProblem::NoPillar(id)));
        }
        let name = self.text(raw.name, || format!("the name of dimension `{id}`"))?;
        let description = self.text(raw.description, || {
            format!("the description of dimension `{id}`")
        })?;
        let count = raw.statements.len();
        if !(MIN_STATEMENTS..=MAX_STATEMENTS).contains(&count) {
            return Err(self.error(
                at_id,
                ModelProblem::StatementCount {
                    dimension: id,
                    count,
                },
            ));
        }
        let mut statements = Vec::with_capacity(count);
        for raw_statement in raw.statements {
            let statement_id = self.id(&raw_statement.id)?;
            if !statement_ids.insert(statement_id.clone()) {
                return Err(self.error(
                    Some(raw_statement.id.span()),
                    ModelProblem::DuplicateStatement(statement_id),
                ));
            }
            let scale = match raw_statement.scale {
                None => None,
                Some(named) => match scales.iter().find(|s| &s.id == named.get_ref()) {
                    Some(scale) => Some(scale.clone()),
                    None => {
                        return Err(self.error(
                            Some(named.span()),
                            ModelProblem::UnknownScale {
                                statement: statement_id,
                                scale: named.into_inner(),
                            },
                        ))
                    }
                },
            };
            let text = self.text(raw_statement.text, || format!("statement `{statement_id}`"))?;
            statements.push(Statement {
                id: statement_id,
                text,
                scale,
            });
        }
        let advice = self.advice(&id, at_id, raw.advice)?;
        let make_known = raw
            .make_known
            .map(|text| self.text(text, || format!("make_known of dimension `{id}`")))
            .transpose()?;
        Ok(Dimension {
            id,
            pillars: raw.pillars,
            name,
            description,
            statements,
            advice,
            make_known,
        })
    }

    fn advice(
        &self,
        dimension: &str,
        at_dimension: Option<Range<usize>>,
        raw: Vec<RawAdvice>,
    ) -> Result<Vec<Advice>, ModelError> {
        let mut by_level: Vec<Option<Advice>> = vec![None; MaturityLevel::ALL.len()];
        for entry in raw {
            let number = *entry.level.get_ref();
            let at_level = Some(entry.level.span());
            let slot = match by_level.get_mut(usize::from(number)) {
                Some(slot @ None) => slot,
                _ => {
                    return Err(self.error(
                        at_level,
                        ModelProblem::BadAdviceLevel {
                            dimension: dimension.to_owned(),
                            level: number,
                        },
                    ))
                }
            };
            let mut terms = [
                (entry.short_term, "short_term"),
                (entry.medium_term, "medium_term"),
            ]
            .into_iter()
            .map(|(actions, term)| {
                if actions.is_empty() {
                    return Err(self.error(
                        at_level.clone(),
                        ModelProblem::EmptyAdvice {
                            dimension: dimension.to_owned(),
                            level: number,
                            term,
                        },
                    ));
                }
                actions
                    .into_iter()
                    .map(|action| {
                        self.text(action, || {
                            format!("an action of dimension `{dimension}`, level {number}, {term}")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            });
            let short_term = terms.next().expect("two terms")?;
            let medium_term = terms.next().expect("two terms")?;
            *slot = Some(Advice {
                level: MaturityLevel::from_number(number).expect("slot exists only for 0–4"),
                short_term,
                medium_term,
            });
        }
        by_level
            .into_iter()
            .enumerate()
            .map(|(level, advice)| {
                advice.ok_or_else(|| {
                    self.error(
                        at_dimension.clone(),
                        ModelProblem::AdviceGap {
                            dimension: dimension.to_owned(),
                            level: level as u8,
                        },
                    )
                })
            })
            .collect()
    }
}

/// The 1-based line holding a byte offset.
fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses and checks a model file. `file` names it in error messages.
pub fn parse_model(file: &str, source: &str) -> Result<MaturityModel, ModelError> {
    let checker = Checker { file, source };
    let raw: RawModel = toml::from_str(source).map_err(|error| {
        checker.error(
            error.span(),
            ModelProblem::Syntax(error.message().trim().to_owned()),
        )
    })?;
    let id = checker.id(&raw.id)?;
    let title = checker.text(raw.title, || "the model title".to_owned())?;
    if raw.dimensions.is_empty() {
        return Err(checker.error(None, ModelProblem::NoDimensions));
    }
    let mut scales: Vec<AnswerScale> = Vec::with_capacity(raw.scales.len());
    for raw_scale in raw.scales {
        let span = raw_scale.id.span();
        let scale = checker.scale(raw_scale)?;
        if scales.iter().any(|s| s.id == scale.id) {
            return Err(checker.error(Some(span), ModelProblem::DuplicateScale(scale.id)));
        }
        scales.push(scale);
    }
    let mut dimension_ids = HashSet::new();
    let mut statement_ids = HashSet::new();
    let mut dimensions = Vec::with_capacity(raw.dimensions.len());
    for raw_dimension in raw.dimensions {
        let span = raw_dimension.id.span();
        let dimension = checker.dimension(raw_dimension, &mut statement_ids, &scales)?;
        if !dimension_ids.insert(dimension.id.clone()) {
            return Err(checker.error(Some(span), ModelProblem::DuplicateDimension(dimension.id)));
        }
        dimensions.push(dimension);
    }
    Ok(MaturityModel {
        id,
        title,
        dimensions,
        scales,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn text(label: &str) -> String {
        format!("{{ nl = \"{label} nl\", en = \"{label} en\", fr = \"{label} fr\" }}")
    }

    /// A small valid model file: `dimensions` dimensions of `statements` statements each.
    pub(crate) fn model_source(dimensions: usize, statements: usize) -> String {
        let mut source = format!("id = \"test-model\"\ntitle = {}\n", text("Test"));
        for d in 1..=dimensions {
            source.push_str(&format!(
                "\n[[dimensions]]\nid = \"d{d}\"\npillars = [\"prevention\"]\nname = {}\ndescription = {}\n",
                text("Dimension"),
                text("About")
            ));
            for s in 1..=statements {
                source.push_str(&format!(
                    "\n[[dimensions.statements]]\nid = \"d{d}-{s}\"\ntext = {}\n",
                    text("Statement")
                ));
            }
            for level in 0..=4 {
                source.push_str(&format!(
                    "\n[[dimensions.advice]]\nlevel = {level}\nshort_term = [{}]\nmedium_term = [{}]\n",
                    text("Soon"),
                    text("Later")
                ));
            }
        }
        source
    }

    fn problem_at(source: &str) -> (Option<usize>, ModelProblem) {
        let error = parse_model("test.toml", source).expect_err("the model must be refused");
        (error.line, error.problem)
    }

    fn line_containing(source: &str, needle: &str) -> usize {
        source
            .lines()
            .position(|line| line.contains(needle))
            .expect("needle is in the source")
            + 1
    }

    #[test]
    fn the_advice_to_make_a_practice_known_is_optional_and_translated_whole() {
        let model = parse_model("test.toml", &model_source(1, 4)).expect("valid");
        assert_eq!(model.dimensions[0].make_known, None);
        let with = model_source(1, 4).replace(
            "description = ",
            "make_known = { nl = \"Maak bekend\", en = \"Make known\", fr = \"Faites connaître\" }\ndescription = ",
        );
        let model = parse_model("test.toml", &with).expect("valid");
        assert_eq!(
            model.dimensions[0]
                .make_known
                .as_ref()
                .map(|t| t.get(Lang::Fr)),
            Some("Faites connaître")
        );
        let missing = with.replace("fr = \"Faites connaître\"", "fr = \" \"");
        assert!(matches!(
            problem_at(&missing).1,
            ModelProblem::MissingTranslation { lang: Lang::Fr, .. }
        ));
    }

    /// `model_source` with a `frequency` scale of `labels` labels, used by statement d1-2.
    fn with_scale(labels: usize) -> String {
        let levels: Vec<String> = (0..labels).map(|l| text(&format!("Often {l}"))).collect();
        model_source(1, 4)
            .replacen(
                "\n[[dimensions]]",
                &format!(
                    "\n[[scales]]\nid = \"frequency\"\nlevels = [{}]\n\n[[dimensions]]",
                    levels.join(", ")
                ),
                1,
            )
            .replace("id = \"d1-2\"\n", "id = \"d1-2\"\nscale = \"frequency\"\n")
    }

    #[test]
    fn a_statement_with_a_scale_of_its_own_names_its_levels_by_it() {
        let model = parse_model("test.toml", &with_scale(5)).expect("valid");
        assert_eq!(model.scales.len(), 1);
        let (_, own) = model.statement("d1-2").expect("exists");
        assert_eq!(
            own.level_label(MaturityLevel::Absent, Lang::Nl),
            "Often 0 nl"
        );
        assert_eq!(
            own.level_label(MaturityLevel::Advanced, Lang::Fr),
            "Often 4 fr"
        );
        let (_, plain) = model.statement("d1-1").expect("exists");
        assert_eq!(plain.scale, None);
        assert_eq!(
            plain.level_label(MaturityLevel::Developing, Lang::En),
            MaturityLevel::Developing.label(Lang::En)
        );
    }

    #[test]
    fn a_scale_needs_five_labels_and_a_statement_a_defined_scale() {
        for count in [4, 6] {
            let source = with_scale(count);
            let (line, problem) = problem_at(&source);
            assert_eq!(
                problem,
                ModelProblem::ScaleLevels {
                    scale: "frequency".into(),
                    count
                }
            );
            assert_eq!(line, Some(line_containing(&source, "id = \"frequency\"")));
        }
        let unknown = with_scale(5).replace("scale = \"frequency\"", "scale = \"agreement\"");
        let (line, problem) = problem_at(&unknown);
        assert_eq!(
            problem,
            ModelProblem::UnknownScale {
                statement: "d1-2".into(),
                scale: "agreement".into()
            }
        );
        assert_eq!(
            line,
            Some(line_containing(&unknown, "scale = \"agreement\""))
        );
        let twice = with_scale(5).replacen(
            "\n[[dimensions]]",
            &format!(
                "\n[[scales]]\nid = \"frequency\"\nlevels = [{}]\n\n[[dimensions]]",
                vec![text("Again"); 5].join(", ")
            ),
            1,
        );
        assert_eq!(
            problem_at(&twice).1,
            ModelProblem::DuplicateScale("frequency".into())
        );
        let untranslated = with_scale(5).replacen("fr = \"Often 3 fr\"", "fr = \"\"", 1);
        assert!(matches!(
            problem_at(&untranslated).1,
            ModelProblem::MissingTranslation { lang: Lang::Fr, field } if field == "the label of level 3 of scale `frequency`"
        ));
    }

    #[test]
    fn a_valid_model_parses_with_its_dimensions_statements_and_advice() {
        let model = parse_model("test.toml", &model_source(2, 4)).expect("valid");
        assert_eq!(model.id, "test-model");
        assert_eq!(model.dimensions.len(), 2);
        assert_eq!(model.statement_count(), 8);
        let (dimension, statement) = model.statement("d2-3").expect("statement exists");
        assert_eq!(dimension.id, "d2");
        assert_eq!(statement.text.get(Lang::Fr), "Statement fr");
        let advice = dimension.advice_for(MaturityLevel::Developing);
        assert_eq!(advice.level, MaturityLevel::Developing);
        assert_eq!(advice.medium_term[0].get(Lang::Nl), "Later nl");
    }

    #[test]
    fn a_missing_translation_is_named_with_its_line() {
        let source = model_source(1, 4).replacen(
            "{ nl = \"Statement nl\", en = \"Statement en\", fr = \"Statement fr\" }",
            "{ nl = \"Statement nl\", en = \"Statement en\", fr = \"  \" }",
            1,
        );
        let (line, problem) = problem_at(&source);
        assert_eq!(
            problem,
            ModelProblem::MissingTranslation {
                field: "statement `d1-1`".into(),
                lang: Lang::Fr
            }
        );
        assert_eq!(line, Some(line_containing(&source, "fr = \"  \"")));
        let message = parse_model("quickscan.toml", &source)
            .unwrap_err()
            .to_string();
        assert!(message.starts_with("quickscan.toml, line "), "{message}");
        assert!(
            message.ends_with("statement `d1-1` has no text in language `fr`"),
            "{message}"
        );
    }

    #[test]
    fn an_absent_language_key_is_a_syntax_error_with_its_line() {
        let source = model_source(1, 4).replacen(
            "{ nl = \"About nl\", en = \"About en\", fr = \"About fr\" }",
            "{ nl = \"About nl\", en = \"About en\" }",
            1,
        );
        let (line, problem) = problem_at(&source);
        assert!(
            matches!(&problem, ModelProblem::Syntax(m) if m.contains("fr")),
            "{problem}"
        );
        assert_eq!(line, Some(line_containing(&source, "description = ")));
    }

    #[test]
    fn a_duplicate_statement_id_is_named() {
        let source = model_source(2, 4).replace("id = \"d2-1\"", "id = \"d1-3\"");
        let (line, problem) = problem_at(&source);
        assert_eq!(problem, ModelProblem::DuplicateStatement("d1-3".into()));
        assert_eq!(
            line,
            Some(
                source
                    .match_indices("id = \"d1-3\"")
                    .nth(1)
                    .map(|(at, _)| line_of(&source, at))
                    .unwrap()
            )
        );
    }

    #[test]
    fn a_duplicate_dimension_id_is_named() {
        let source = model_source(2, 4)
            .replace("id = \"d2\"", "id = \"d1\"")
            .replace("\"d2-", "\"x2-");
        let (line, problem) = problem_at(&source);
        assert_eq!(problem, ModelProblem::DuplicateDimension("d1".into()));
        assert!(line.is_some());
    }

    #[test]
    fn an_advice_gap_is_named_with_the_dimension_and_level() {
        let source = model_source(1, 4).replacen("level = 3", "level = 2", 1);
        let (_, problem) = problem_at(&source);
        assert_eq!(
            problem,
            ModelProblem::BadAdviceLevel {
                dimension: "d1".into(),
                level: 2
            }
        );
        let without_level_3 = {
            let start = model_source(1, 4)
                .find("[[dimensions.advice]]\nlevel = 3")
                .unwrap();
            let mut source = model_source(1, 4);
            let end = source[start..].find("\n\n").map(|e| start + e).unwrap();
            source.replace_range(start..end, "");
            source
        };
        let (line, problem) = problem_at(&without_level_3);
        assert_eq!(
            problem,
            ModelProblem::AdviceGap {
                dimension: "d1".into(),
                level: 3
            }
        );
        assert_eq!(line, Some(line_containing(&without_level_3, "id = \"d1\"")));
    }

    #[test]
    fn advice_outside_the_scale_and_empty_terms_are_refused() {
        let source = model_source(1, 4).replacen("level = 4", "level = 5", 1);
        let (_, problem) = problem_at(&source);
        assert_eq!(
            problem,
            ModelProblem::BadAdviceLevel {
                dimension: "d1".into(),
                level: 5
            }
        );
        let source = model_source(1, 4).replacen(
            "short_term = [{ nl = \"Soon nl\", en = \"Soon en\", fr = \"Soon fr\" }]",
            "short_term = []",
            1,
        );
        let (_, problem) = problem_at(&source);
        assert_eq!(
            problem,
            ModelProblem::EmptyAdvice {
                dimension: "d1".into(),
                level: 0,
                term: "short_term"
            }
        );
    }

    #[test]
    fn statement_counts_outside_four_to_eight_are_refused() {
        for (count, ok) in [(3, false), (4, true), (8, true), (9, false)] {
            let result = parse_model("t.toml", &model_source(1, count));
            assert_eq!(result.is_ok(), ok, "{count} statements");
        }
    }

    #[test]
    fn broken_toml_names_the_line() {
        let source =
            "id = \"m\"\ntitle = { nl = \"a\", en = \"b\", fr = \"c\" }\n\n[[dimensions]\n";
        let (line, problem) = problem_at(source);
        assert!(matches!(problem, ModelProblem::Syntax(_)));
        assert_eq!(line, Some(4));
    }

    #[test]
    fn ids_with_spaces_or_capitals_are_refused() {
        let source = model_source(1, 4).replace("id = \"d1-2\"", "id = \"D1 2\"");
        let (_, problem) = problem_at(&source);
        assert_eq!(problem, ModelProblem::InvalidId("D1 2".into()));
    }
}
