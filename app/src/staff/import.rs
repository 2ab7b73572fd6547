//! Spreadsheet import, the database part: record an upload with its dry run, describe what
//! confirming would do, and write it all in one transaction.
//!
//! Every imported respondent becomes a submitted response behind an invitation that carries
//! their key from the file, in the organisation's open round (or a round the import opens), so
//! reports, aggregation and benchmarks treat them like anyone who answered online.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use quickscan_domain::import::{ImportedRespondent, Validated};
use quickscan_domain::{Lang, MaturityModel};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use thiserror::Error;

use super::import_view::{
    AppliedView, ImportPreview, ImportStartView, ImportTargetView, ImportableOrganisation,
    PreviewProblem, PreviewRespondent, PREVIEW_ROWS,
};
use super::StaffError;
use crate::auth::{Action, StaffUser};
use crate::db::{answer, import_upload, invitation, organisation, response, round};
use crate::server_context::ServerContext;

/// The organisations a user may import for.
pub async fn import_start(
    db: &DatabaseConnection,
    user: &StaffUser,
    limit_mib: u64,
) -> Result<ImportStartView, StaffError> {
    if !user.may(Action::ImportAnswers, None) {
        return Err(StaffError::Forbidden);
    }
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter(|o| user.may(Action::ImportAnswers, Some(o.id)))
        .map(|o| ImportableOrganisation {
            id: o.id,
            name: o.name,
            code: o.code,
        })
        .collect();
    Ok(ImportStartView {
        organisations,
        limit_mib,
        user: user.clone(),
    })
}

/// The organisation with this id, if the user may import for it.
pub async fn importable_organisation(
    db: &DatabaseConnection,
    user: &StaffUser,
    organisation_id: i32,
) -> Result<organisation::Model, StaffError> {
    let organisation = organisation::Entity::find_by_id(organisation_id)
        .one(db)
        .await?
        .ok_or(StaffError::OrganisationNotFound)?;
    if !user.may(Action::ImportAnswers, Some(organisation_id)) {
        return Err(StaffError::Forbidden);
    }
    Ok(organisation)
}

/// A recorded upload the user may confirm (they may import for its organisation).
pub async fn confirmable_upload(
    db: &DatabaseConnection,
    user: &StaffUser,
    upload_id: i32,
) -> Result<import_upload::Model, StaffError> {
    let upload = import_upload::Entity::find_by_id(upload_id)
        .one(db)
        .await?
        .ok_or(StaffError::UploadNotFound)?;
    importable_organisation(db, user, upload.organisation_id).await?;
    Ok(upload)
}

/// An organisation by its NIS code (the command line's `--org`).
pub async fn organisation_by_code(
    db: &DatabaseConnection,
    code: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code.trim()))
        .one(db)
        .await
}

/// A file to record.
pub struct NewUpload<'a> {
    /// For whom.
    pub organisation_id: i32,
    /// Who uploaded; `None` from the command line.
    pub uploaded_by: Option<i32>,
    /// The file's name.
    pub file_name: &'a str,
    /// SHA-256 of its bytes, hex.
    pub content_hash: &'a str,
    /// Its size.
    pub byte_size: u64,
    /// Its dry run.
    pub validated: &'a Validated,
}

/// Records an upload and its dry run; nothing is imported yet.
pub async fn record_upload(db: &DatabaseConnection, new: NewUpload<'_>) -> Result<i32, DbErr> {
    let validated = serde_json::to_string(new.validated)
        .map_err(|e| DbErr::Custom(format!("dry run does not serialise: {e}")))?;
    let name: String = new
        .file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let row = import_upload::ActiveModel {
        organisation_id: Set(new.organisation_id),
        uploaded_by: Set(new.uploaded_by),
        file_name: Set(name),
        content_hash: Set(new.content_hash.to_owned()),
        byte_size: Set(i64::try_from(new.byte_size).unwrap_or(i64::MAX)),
        validated: Set(validated),
        created_at: Set(Utc::now()),
        applied_at: Set(None),
        round_id: Set(None),
        respondents_written: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// What confirming would do, read from the database as it is now.
pub struct ImportFacts {
    /// The open round the answers would go into; `None` opens a new one.
    pub target: Option<round::Model>,
    /// Keys of respondents an earlier import already wrote into that round.
    pub replaced: HashSet<String>,
    /// When an identical file was imported for this organisation before.
    pub already_imported_at: Option<DateTime<Utc>>,
}

/// The open round an import for this organisation writes into: the latest on this model.
async fn target_round(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    model: &MaturityModel,
) -> Result<Option<round::Model>, DbErr> {
    round::Entity::find()
        .filter(round::Column::OrganisationId.eq(organisation_id))
        .filter(round::is_open())
        .filter(round::Column::ModelVersionId.eq(model.id.clone()))
        .order_by_desc(round::Column::OpenedAt)
        .order_by_desc(round::Column::Id)
        .one(db)
        .await
}

async fn earlier_identical(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    content_hash: &str,
) -> Result<Option<import_upload::Model>, DbErr> {
    import_upload::Entity::find()
        .filter(import_upload::Column::OrganisationId.eq(organisation_id))
        .filter(import_upload::Column::ContentHash.eq(content_hash))
        .filter(import_upload::Column::AppliedAt.is_not_null())
        .filter(import_upload::Column::RespondentsWritten.gt(0))
        .order_by_asc(import_upload::Column::Id)
        .one(db)
        .await
}

/// Describes what confirming an import would do.
pub async fn describe(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    model: &MaturityModel,
    content_hash: &str,
) -> Result<ImportFacts, DbErr> {
    let target = target_round(db, organisation_id, model).await?;
    let replaced = match &target {
        None => HashSet::new(),
        Some(round) => invitation::Entity::find()
            .filter(invitation::Column::RoundId.eq(round.id))
            .filter(invitation::Column::ImportKey.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|i| i.import_key)
            .collect(),
    };
    let already_imported_at = earlier_identical(db, organisation_id, content_hash)
        .await?
        .and_then(|u| u.applied_at);
    Ok(ImportFacts {
        target,
        replaced,
        already_imported_at,
    })
}

/// The name of a round an import opens.
pub fn new_round_name(today: NaiveDate) -> String {
    format!("Import {today}")
}

fn timestamp(date: Option<&str>, fallback: DateTime<Utc>) -> DateTime<Utc> {
    date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|dt| dt.and_utc())
        .unwrap_or(fallback)
}

/// Why a confirmation wrote nothing.
#[derive(Debug, Error)]
pub enum ApplyError {
    /// No such upload.
    #[error("no such upload")]
    NotFound,
    /// The dry run found problems, or nothing to import.
    #[error("the file has problems; nothing was imported")]
    HasProblems,
    /// The database failed; the transaction was rolled back.
    #[error("database: {0}")]
    Database(#[from] DbErr),
}

/// What a confirmation wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The round written into.
    pub round_id: Option<i32>,
    /// Respondents written; 0 when this upload had already been applied or an identical file
    /// had been imported before.
    pub respondents: usize,
    /// True when nothing was written because it was done before.
    pub unchanged: bool,
}

/// Writes a recorded upload, all or nothing. `progress(done, total)` is called as respondents
/// are written (inside the transaction: nothing is visible to others until the commit).
pub async fn apply_upload(
    db: &DatabaseConnection,
    model: &MaturityModel,
    upload_id: i32,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Applied, ApplyError> {
    let txn = db.begin().await?;
    let now = Utc::now();
    // Claimed first, by one conditional update: of two confirmations at once, one claims the
    // upload and writes it; the other waits for that (the row is locked) and finds it applied.
    // Should the writer fail, its rollback releases the claim.
    let claimed = import_upload::Entity::update_many()
        .col_expr(import_upload::Column::AppliedAt, Expr::value(Some(now)))
        .filter(import_upload::Column::Id.eq(upload_id))
        .filter(import_upload::Column::AppliedAt.is_null())
        .exec(&txn)
        .await?;
    let upload = import_upload::Entity::find_by_id(upload_id)
        .one(&txn)
        .await?
        .ok_or(ApplyError::NotFound)?;
    if claimed.rows_affected == 0 {
        return Ok(Applied {
            round_id: upload.round_id,
            respondents: 0,
            unchanged: true,
        });
    }
    let validated: Validated = serde_json::from_str(&upload.validated)
        .map_err(|e| DbErr::Custom(format!("stored dry run unreadable: {e}")))?;
    if !validated.is_clean() {
        return Err(ApplyError::HasProblems);
    }
    if let Some(earlier) =
        earlier_identical(&txn, upload.organisation_id, &upload.content_hash).await?
    {
        mark_applied(&txn, upload, earlier.round_id, 0, now).await?;
        txn.commit().await?;
        return Ok(Applied {
            round_id: earlier.round_id,
            respondents: 0,
            unchanged: true,
        });
    }
    // The target is held open until the commit; one that closed meanwhile is not written
    // into (its results are already stored): the import opens a new round instead.
    let target = match target_round(&txn, upload.organisation_id, model).await? {
        Some(round) if round::hold_open(&txn, round.id).await? => Some(round),
        _ => None,
    };
    let round = match target {
        Some(round) => round,
        None => {
            round::ActiveModel {
                organisation_id: Set(upload.organisation_id),
                model_version_id: Set(model.id.clone()),
                name: Set(new_round_name(now.date_naive())),
                year: Set(now.year()),
                status: Set(round::RoundStatus::Open),
                opened_at: Set(now),
                closed_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    let total = validated.respondents.len();
    write_respondents(&txn, &round, model, &validated.respondents, now, progress).await?;
    let round_id = round.id;
    mark_applied(&txn, upload, Some(round_id), total, now).await?;
    txn.commit().await?;
    Ok(Applied {
        round_id: Some(round_id),
        respondents: total,
        unchanged: false,
    })
}

async fn mark_applied(
    txn: &impl ConnectionTrait,
    upload: import_upload::Model,
    round_id: Option<i32>,
    written: usize,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut row: import_upload::ActiveModel = upload.into();
    row.applied_at = Set(Some(now));
    row.round_id = Set(round_id);
    row.respondents_written = Set(Some(i32::try_from(written).unwrap_or(i32::MAX)));
    row.update(txn).await?;
    Ok(())
}

/// Rows a multi-row insert carries: 1,000 answers are 4,000 bound values, well under either
/// backend's limit (SQLite 32,766; PostgreSQL 65,535), and a statement per 1,000 rows instead
/// of one per respondent is what makes a 5,000-respondent write take a second, not several.
const ROWS_PER_INSERT: usize = 1_000;

/// The respondents an earlier import wrote into a round, by their key: (invitation, response).
async fn imported_in_round(
    txn: &impl ConnectionTrait,
    round_id: i32,
) -> Result<HashMap<String, (i32, Option<i32>)>, DbErr> {
    use sea_orm::sea_query::Query;
    use sea_orm::ExprTrait;
    let query = Query::select()
        .column((invitation::Entity, invitation::Column::ImportKey))
        .column((invitation::Entity, invitation::Column::Id))
        .column((response::Entity, response::Column::Id))
        .from(invitation::Entity)
        .left_join(
            response::Entity,
            Expr::col((response::Entity, response::Column::InvitationId))
                .equals((invitation::Entity, invitation::Column::Id)),
        )
        .and_where(Expr::col((invitation::Entity, invitation::Column::RoundId)).eq(round_id))
        .and_where(Expr::col((invitation::Entity, invitation::Column::ImportKey)).is_not_null())
        .to_owned();
    txn.query_all(&query)
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get_by_index::<String>(0)?,
                (row.try_get_by_index(1)?, row.try_get_by_index(2)?),
            ))
        })
        .collect()
}

/// Writes the respondents: a new invitation and submitted response for each new key, and for
/// a key an earlier import wrote, its invitation and response updated and its answers
/// replaced. Rows go in multi-row inserts; `progress` hears of each batch of answers.
async fn write_respondents(
    txn: &impl ConnectionTrait,
    round: &round::Model,
    model: &MaturityModel,
    respondents: &[ImportedRespondent],
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<(), DbErr> {
    let answered_at = |respondent: &ImportedRespondent| timestamp(respondent.date.as_deref(), now);
    let group = |respondent: &ImportedRespondent| respondent.group.map(|g| g.code().to_owned());
    let earlier = imported_in_round(txn, round.id).await?;
    let (again, new): (Vec<&ImportedRespondent>, Vec<&ImportedRespondent>) = respondents
        .iter()
        .partition(|respondent| earlier.contains_key(&respondent.key));

    // Imported again: few in practice (a corrected file), so row by row.
    for respondent in &again {
        let (invitation_id, response_id) = earlier[&respondent.key];
        let response_id =
            response_id.ok_or_else(|| DbErr::RecordNotFound("imported response".into()))?;
        invitation::Entity::update_many()
            .col_expr(
                invitation::Column::RespondentGroup,
                Expr::value(group(respondent)),
            )
            .filter(invitation::Column::Id.eq(invitation_id))
            .exec(txn)
            .await?;
        response::Entity::update_many()
            .col_expr(
                response::Column::SubmittedAt,
                Expr::value(Some(answered_at(respondent))),
            )
            .col_expr(response::Column::UpdatedAt, Expr::value(now))
            .filter(response::Column::Id.eq(response_id))
            .exec(txn)
            .await?;
    }
    let replaced: Vec<i32> = again
        .iter()
        .filter_map(|respondent| earlier[&respondent.key].1)
        .collect();
    for chunk in replaced.chunks(ROWS_PER_INSERT) {
        answer::Entity::delete_many()
            .filter(answer::Column::ResponseId.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }

    // New keys: their invitations, then (by the ids those got) their responses.
    for chunk in new.chunks(ROWS_PER_INSERT) {
        invitation::Entity::insert_many(chunk.iter().map(|respondent| invitation::ActiveModel {
            round_id: Set(round.id),
            // A hash of a token nobody is given: an imported respondent never opens a link.
            token_hash: Set(invitation::hash_token(&invitation::new_token())),
            respondent_group: Set(group(respondent)),
            created_at: Set(now),
            import_key: Set(Some(respondent.key.clone())),
            ..Default::default()
        }))
        .exec_without_returning(txn)
        .await?;
    }
    let invitations = imported_in_round(txn, round.id).await?;
    let steps = i32::try_from(model.dimensions.len()).unwrap_or(1);
    for chunk in new.chunks(ROWS_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|respondent| {
                let (invitation_id, _) = invitations
                    .get(&respondent.key)
                    .ok_or_else(|| DbErr::RecordNotFound("imported invitation".into()))?;
                Ok(response::ActiveModel {
                    invitation_id: Set(*invitation_id),
                    model_version_id: Set(model.id.clone()),
                    current_step: Set(steps),
                    started_at: Set(answered_at(respondent)),
                    updated_at: Set(now),
                    submitted_at: Set(Some(answered_at(respondent))),
                    ..Default::default()
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()?;
        response::Entity::insert_many(rows)
            .exec_without_returning(txn)
            .await?;
    }
    let written = if new.is_empty() {
        earlier
    } else {
        imported_in_round(txn, round.id).await?
    };

    // Everyone's answers.
    let total = respondents.len();
    let mut answers = Vec::with_capacity(ROWS_PER_INSERT);
    for (done, respondent) in respondents.iter().enumerate() {
        let response_id = written
            .get(&respondent.key)
            .and_then(|(_, response)| *response)
            .ok_or_else(|| DbErr::RecordNotFound("imported response".into()))?;
        let answered_at = answered_at(respondent);
        answers.extend(
            respondent
                .answers
                .iter()
                .map(|(statement, value)| answer::ActiveModel {
                    response_id: Set(response_id),
                    statement_id: Set(statement.clone()),
                    value: Set(value.code().to_owned()),
                    answered_at: Set(answered_at),
                    ..Default::default()
                }),
        );
        if answers.len() >= ROWS_PER_INSERT || done + 1 == total {
            if !answers.is_empty() {
                answer::Entity::insert_many(std::mem::take(&mut answers))
                    .exec_without_returning(txn)
                    .await?;
            }
            progress(done + 1, total);
        }
    }
    Ok(())
}

/// The preview page's data for an upload the user may see.
pub async fn preview(
    ctx: &ServerContext,
    user: &StaffUser,
    upload_id: i32,
    lang: Lang,
) -> Result<ImportPreview, StaffError> {
    let upload = import_upload::Entity::find_by_id(upload_id)
        .one(&ctx.db)
        .await?
        .ok_or(StaffError::UploadNotFound)?;
    let organisation = importable_organisation(&ctx.db, user, upload.organisation_id).await?;
    let validated: Validated = serde_json::from_str(&upload.validated).map_err(|error| {
        tracing::error!(%error, upload_id, "stored dry run unreadable");
        StaffError::Storage
    })?;
    let model = ctx.models.current();
    let facts = describe(&ctx.db, organisation.id, model, &upload.content_hash).await?;
    let applied = upload.applied_at.map(|at| AppliedView {
        at: at.format("%Y-%m-%d %H:%M").to_string(),
        round_id: upload.round_id,
        respondents: upload.respondents_written.unwrap_or(0),
    });
    Ok(build_preview(PreviewParts {
        upload,
        organisation,
        validated: &validated,
        facts: &facts,
        applied,
        user: Some(user.clone()),
        lang,
    }))
}

/// What a preview is made of.
pub struct PreviewParts<'a> {
    /// The upload.
    pub upload: import_upload::Model,
    /// Its organisation.
    pub organisation: organisation::Model,
    /// Its dry run.
    pub validated: &'a Validated,
    /// What confirming would do.
    pub facts: &'a ImportFacts,
    /// What confirming did.
    pub applied: Option<AppliedView>,
    /// Who is looking (`None` on the command line).
    pub user: Option<StaffUser>,
    /// The reader's language.
    pub lang: Lang,
}

/// Turns a dry run and the facts around it into the preview (also what the CLI prints).
pub fn build_preview(parts: PreviewParts<'_>) -> ImportPreview {
    let PreviewParts {
        upload,
        organisation,
        validated,
        facts,
        applied,
        user,
        lang,
    } = parts;
    let replaced_total = if facts.target.is_some() {
        validated
            .respondents
            .iter()
            .filter(|r| facts.replaced.contains(&r.key))
            .count()
    } else {
        0
    };
    ImportPreview {
        upload_id: upload.id,
        file_name: upload.file_name,
        organisation: ImportableOrganisation {
            id: organisation.id,
            name: organisation.name,
            code: organisation.code,
        },
        sheet: validated.sheet.clone(),
        target: match &facts.target {
            Some(round) => ImportTargetView::Existing {
                round_id: round.id,
                name: round.name.clone(),
            },
            None => ImportTargetView::New {
                name: new_round_name(Utc::now().date_naive()),
            },
        },
        respondents: validated
            .respondents
            .iter()
            .take(PREVIEW_ROWS)
            .map(|r| PreviewRespondent {
                key: r.key.clone(),
                row: r.row + 1,
                group: r.group.map(|g| g.label(lang).to_owned()),
                date: r.date.clone(),
                answers: r.answers.len(),
                replaces: facts.target.is_some() && facts.replaced.contains(&r.key),
            })
            .collect(),
        respondent_total: validated.respondents.len(),
        answer_total: validated.answer_count(),
        replaced_total,
        problems: validated
            .problems
            .iter()
            .map(|p| PreviewProblem {
                place: p.place(lang),
                reason: p.reason(lang),
            })
            .collect(),
        problems_omitted: validated.problems_omitted,
        notices: validated.notices.iter().map(|n| n.message(lang)).collect(),
        already_imported_at: facts
            .already_imported_at
            .map(|at| at.format("%Y-%m-%d %H:%M").to_string()),
        applied,
        user,
    }
}
