//! The respondent flow against the database: plain async functions that tests call directly.
//!
//! Every write happens in one transaction, after the whole request was checked.

use std::collections::HashMap;

use chrono::Utc;
use quickscan_domain::{AnswerValue, MaturityModel};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait,
};

use super::form::StepSubmission;
use super::view::*;
use super::ScanError;
use crate::db::{answer, dimension_comment, invitation, open_link, organisation, response, round};
use crate::server_context::ServerContext;

/// The longest token we look up; real tokens are shorter.
const MAX_TOKEN_LEN: usize = 64;

/// An invitation with everything around it.
struct Invited {
    invitation: invitation::Model,
    round: round::Model,
    organisation: organisation::Model,
    response: Option<response::Model>,
}

async fn find_invitation(db: &impl ConnectionTrait, token: &str) -> Result<Invited, ScanError> {
    let plausible = !token.is_empty()
        && token.len() <= MAX_TOKEN_LEN
        && token.chars().all(|c| c.is_ascii_alphanumeric());
    if !plausible {
        return Err(ScanError::UnknownInvitation);
    }
    let invitation = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(invitation::hash_token(token)))
        .one(db)
        .await?
        .ok_or(ScanError::UnknownInvitation)?;
    let round = round::Entity::find_by_id(invitation.round_id)
        .one(db)
        .await?
        .ok_or(ScanError::Storage)?;
    let organisation = organisation::Entity::find_by_id(round.organisation_id)
        .one(db)
        .await?
        .ok_or(ScanError::Storage)?;
    let response = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invitation.id))
        .one(db)
        .await?;
    Ok(Invited {
        invitation,
        round,
        organisation,
        response,
    })
}

fn model_of<'a>(
    ctx: &'a ServerContext,
    round: &round::Model,
) -> Result<&'a MaturityModel, ScanError> {
    ctx.models.get(&round.model_version_id).ok_or_else(|| {
        tracing::error!(model = %round.model_version_id, "a round refers to a model that is not loaded");
        ScanError::Storage
    })
}

async fn saved_answers(
    db: &impl ConnectionTrait,
    response: Option<&response::Model>,
) -> Result<HashMap<String, AnswerValue>, ScanError> {
    let Some(response) = response else {
        return Ok(HashMap::new());
    };
    let rows = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response.id))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| match AnswerValue::parse(&row.value) {
            Ok(value) => Some((row.statement_id, value)),
            Err(error) => {
                tracing::error!(%error, answer = row.id, "unreadable answer in the database");
                None
            }
        })
        .collect())
}

async fn saved_comments(
    db: &impl ConnectionTrait,
    response: Option<&response::Model>,
) -> Result<HashMap<String, String>, ScanError> {
    let Some(response) = response else {
        return Ok(HashMap::new());
    };
    Ok(dimension_comment::Entity::find()
        .filter(dimension_comment::Column::ResponseId.eq(response.id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.dimension_id, row.comment))
        .collect())
}

fn step_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Loads the page a respondent asked for, or the page their invitation's state calls for.
pub async fn load_page(
    ctx: &ServerContext,
    token: &str,
    view: ScanView,
) -> Result<ScanPage, ScanError> {
    let invited = match find_invitation(&ctx.db, token).await {
        Ok(invited) => invited,
        Err(ScanError::UnknownInvitation) => {
            return Ok(ScanPage::Unavailable(Unavailable::UnknownInvitation))
        }
        Err(other) => return Err(other),
    };
    if let Some(submitted_at) = invited.response.as_ref().and_then(|r| r.submitted_at) {
        // Only that it was submitted and when: whoever holds the link learns nothing of the
        // answers, so a link seen over someone's shoulder later reveals nothing.
        return Ok(ScanPage::Submitted(SubmittedView {
            organisation: invited.organisation.name,
            submitted_on: submitted_at.format("%Y-%m-%d").to_string(),
        }));
    }
    let model = model_of(ctx, &invited.round)?;
    let answers = saved_answers(&ctx.db, invited.response.as_ref()).await?;
    if !invited.round.is_open() {
        return Ok(ScanPage::Unavailable(Unavailable::RoundClosed));
    }
    let context = ScanContext {
        token: token.to_owned(),
        organisation: invited.organisation.name.clone(),
        round: invited.round.name.clone(),
        model_title: model.title.clone(),
        steps: model
            .dimensions
            .iter()
            .enumerate()
            .map(|(index, dimension)| StepSummary {
                number: step_number(index),
                name: dimension.name.clone(),
                answered: dimension
                    .statements
                    .iter()
                    .filter(|s| answers.contains_key(&s.id))
                    .count(),
                total: dimension.statements.len(),
            })
            .collect(),
        resume_step: invited
            .response
            .as_ref()
            .map_or(0, |r| u32::try_from(r.current_step).unwrap_or(0)),
        link_base: ctx.public_url.clone(),
        min_respondents: ctx.min_respondents.get(),
    };
    match view {
        ScanView::Welcome => Ok(ScanPage::Welcome(context)),
        ScanView::Review => Ok(ScanPage::Review {
            dimensions: model
                .dimensions
                .iter()
                .enumerate()
                .map(|(index, dimension)| ReviewRow {
                    number: step_number(index),
                    name: dimension.name.clone(),
                    unanswered: dimension
                        .statements
                        .iter()
                        .filter(|s| !answers.contains_key(&s.id))
                        .map(|s| s.text.clone())
                        .collect(),
                    answered: dimension
                        .statements
                        .iter()
                        .filter(|s| answers.contains_key(&s.id))
                        .count(),
                })
                .collect(),
            context,
        }),
        ScanView::Step(number) => {
            let Some(dimension) = usize::try_from(number)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|index| model.dimensions.get(index))
            else {
                return Ok(ScanPage::Unavailable(Unavailable::UnknownStep));
            };
            let comments = saved_comments(&ctx.db, invited.response.as_ref()).await?;
            Ok(ScanPage::Step {
                step: StepView {
                    number,
                    dimension_id: dimension.id.clone(),
                    name: dimension.name.clone(),
                    description: dimension.description.clone(),
                    statements: dimension
                        .statements
                        .iter()
                        .map(|s| StatementView {
                            id: s.id.clone(),
                            text: s.text.clone(),
                            level_labels: s.scale.as_ref().map(|scale| scale.levels.clone()),
                            answer: answers.get(&s.id).map(|a| a.code().to_owned()),
                        })
                        .collect(),
                    comment: comments.get(&dimension.id).cloned().unwrap_or_default(),
                },
                context,
            })
        }
    }
}

/// An open invitation that may still be answered, with its model.
async fn answerable<'a>(
    ctx: &'a ServerContext,
    token: &str,
) -> Result<(Invited, &'a MaturityModel), ScanError> {
    let invited = find_invitation(&ctx.db, token).await?;
    if invited
        .response
        .as_ref()
        .is_some_and(|r| r.submitted_at.is_some())
    {
        return Err(ScanError::AlreadySubmitted);
    }
    if !invited.round.is_open() {
        return Err(ScanError::RoundClosed);
    }
    let model = model_of(ctx, &invited.round)?;
    Ok((invited, model))
}

/// Saves a step's answers and comment; the whole form or nothing.
///
/// Returns the number of steps in the questionnaire, for navigation.
pub async fn save_step(
    ctx: &ServerContext,
    token: &str,
    step: u32,
    submission: &StepSubmission,
) -> Result<u32, ScanError> {
    let (invited, model) = answerable(ctx, token).await?;
    let dimension = usize::try_from(step)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|index| model.dimensions.get(index))
        .ok_or(ScanError::UnknownStep(step))?;
    for (statement, _) in &submission.answers {
        if !dimension.has_statement(statement) {
            return Err(match model.statement(statement) {
                Some(_) => ScanError::StatementNotOnStep {
                    statement: statement.clone(),
                    step,
                },
                None => ScanError::UnknownStatement(statement.clone()),
            });
        }
    }
    let _turn = sqlite_write_turn(&ctx.db).await;
    let txn = ctx.db.begin().await?;
    let response_id = open_response(&txn, &invited, model, step).await?;
    write_answers(&txn, response_id, &submission.answers).await?;
    if let Some(comment) = &submission.comment {
        write_comment(&txn, response_id, &dimension.id, comment).await?;
    }
    txn.commit().await?;
    Ok(step_number(model.dimensions.len() - 1))
}

/// On SQLite, a turn to write answers: SQLite has one writer at a time, and saves that meet
/// inside it wait in its busy handler, which sleeps (1, 2, 5 … 100 ms) and retries; under a
/// busy hour those sleeps were the saves' slowest tail. Queued here instead, in arrival order,
/// each save starts as soon as the one before commits. SQLite serves one server process, so a
/// lock in this process is enough; PostgreSQL needs none (its row locks order what matters).
async fn sqlite_write_turn(
    db: &sea_orm::DatabaseConnection,
) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    static SQLITE_WRITES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    match db.get_database_backend() {
        sea_orm::DbBackend::Sqlite => Some(SQLITE_WRITES.lock().await),
        _ => None,
    }
}

/// Saves one answer as it is clicked (the hydrated page's autosave).
pub async fn save_answer(
    ctx: &ServerContext,
    token: &str,
    statement: &str,
    value: &str,
) -> Result<(), ScanError> {
    let answer = AnswerValue::parse(value).map_err(|_| ScanError::InvalidAnswer {
        statement: statement.chars().take(40).collect(),
        value: value.chars().take(40).collect(),
    })?;
    let (_, model) = answerable(ctx, token).await?;
    let step = model
        .dimensions
        .iter()
        .position(|d| d.has_statement(statement))
        .map(step_number)
        .ok_or_else(|| ScanError::UnknownStatement(statement.chars().take(40).collect()))?;
    let submission = StepSubmission {
        answers: vec![(statement.to_owned(), answer)],
        comment: None,
        navigation: super::form::Navigation::SaveAndLeave,
    };
    save_step(ctx, token, step, &submission).await.map(|_| ())
}

/// Creates the response on first save and marks the step; refuses a submitted response.
///
/// The guarded update runs first so that a concurrent submit and save are ordered by the
/// row lock: a save that loses the race finds the response submitted and writes nothing.
async fn open_response(
    txn: &impl ConnectionTrait,
    invited: &Invited,
    model: &MaturityModel,
    step: u32,
) -> Result<i32, ScanError> {
    let now = Utc::now();
    let step = i32::try_from(step).unwrap_or(i32::MAX);
    // Every save after the first finds the response already there: it skips the insert
    // and, below, the lookup of its id (a response is never deleted while its round is open).
    if invited.response.is_none() {
        response::Entity::insert(response::ActiveModel {
            invitation_id: Set(invited.invitation.id),
            model_version_id: Set(model.id.clone()),
            current_step: Set(step),
            started_at: Set(now),
            updated_at: Set(now),
            submitted_at: Set(None),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([response::Column::InvitationId])
        .exec_without_returning(txn)
        .await?;
    }
    let updated = response::Entity::update_many()
        .col_expr(response::Column::CurrentStep, Expr::value(step))
        .col_expr(response::Column::UpdatedAt, Expr::value(now))
        .filter(response::Column::InvitationId.eq(invited.invitation.id))
        .filter(response::Column::SubmittedAt.is_null())
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ScanError::AlreadySubmitted);
    }
    if !round::hold_open(txn, invited.round.id).await? {
        return Err(ScanError::RoundClosed);
    }
    if let Some(response) = &invited.response {
        return Ok(response.id);
    }
    let response = response::Entity::find()
        .filter(response::Column::InvitationId.eq(invited.invitation.id))
        .one(txn)
        .await?
        .ok_or(ScanError::Storage)?;
    Ok(response.id)
}

async fn write_answers(
    txn: &impl ConnectionTrait,
    response_id: i32,
    answers: &[(String, AnswerValue)],
) -> Result<(), ScanError> {
    if answers.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    answer::Entity::insert_many(
        answers
            .iter()
            .map(|(statement, value)| answer::ActiveModel {
                response_id: Set(response_id),
                statement_id: Set(statement.clone()),
                value: Set(value.code().to_owned()),
                answered_at: Set(now),
                ..Default::default()
            }),
    )
    .on_conflict(
        OnConflict::columns([answer::Column::ResponseId, answer::Column::StatementId])
            .update_columns([answer::Column::Value, answer::Column::AnsweredAt])
            .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

async fn write_comment(
    txn: &impl ConnectionTrait,
    response_id: i32,
    dimension_id: &str,
    comment: &str,
) -> Result<(), ScanError> {
    if comment.is_empty() {
        dimension_comment::Entity::delete_many()
            .filter(dimension_comment::Column::ResponseId.eq(response_id))
            .filter(dimension_comment::Column::DimensionId.eq(dimension_id))
            .exec(txn)
            .await?;
        return Ok(());
    }
    dimension_comment::Entity::insert(dimension_comment::ActiveModel {
        response_id: Set(response_id),
        dimension_id: Set(dimension_id.to_owned()),
        comment: Set(comment.to_owned()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            dimension_comment::Column::ResponseId,
            dimension_comment::Column::DimensionId,
        ])
        .update_column(dimension_comment::Column::Comment)
        .to_owned(),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(())
}

/// Submits a response: once, and only with at least one answer.
pub async fn submit(ctx: &ServerContext, token: &str) -> Result<(), ScanError> {
    let (invited, _) = answerable(ctx, token).await?;
    let Some(response) = invited.response else {
        return Err(ScanError::NothingAnswered);
    };
    let answered = answer::Entity::find()
        .filter(answer::Column::ResponseId.eq(response.id))
        .one(&ctx.db)
        .await?
        .is_some();
    if !answered {
        return Err(ScanError::NothingAnswered);
    }
    let now = Utc::now();
    let txn = ctx.db.begin().await?;
    let updated = response::Entity::update_many()
        .col_expr(response::Column::SubmittedAt, Expr::value(now))
        .col_expr(response::Column::UpdatedAt, Expr::value(now))
        .filter(response::Column::Id.eq(response.id))
        .filter(response::Column::SubmittedAt.is_null())
        .exec(&txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(ScanError::AlreadySubmitted);
    }
    // A close that began meanwhile either waits for this commit (and counts the response)
    // or has closed the round (and nothing is submitted).
    if !round::hold_open(&txn, invited.round.id).await? {
        return Err(ScanError::RoundClosed);
    }
    txn.commit().await?;
    Ok(())
}

/// What a round's open link shows: its welcome page, or why it starts no one.
pub async fn open_link_page(ctx: &ServerContext, slug: &str) -> Result<OpenLinkPage, ScanError> {
    let Some((link, round)) = find_open_link(&ctx.db, slug).await? else {
        return Ok(OpenLinkPage::Unknown);
    };
    if !round.is_open() {
        return Ok(OpenLinkPage::Closed);
    }
    if link.responses >= link.response_cap {
        return Ok(OpenLinkPage::Full);
    }
    let organisation = organisation::Entity::find_by_id(round.organisation_id)
        .one(&ctx.db)
        .await?
        .ok_or(ScanError::Storage)?;
    Ok(OpenLinkPage::Welcome(OpenLinkWelcome {
        slug: link.slug,
        organisation: organisation.name,
        round: round.name.clone(),
        model_title: model_of(ctx, &round)?.title.clone(),
        min_respondents: ctx.min_respondents.get(),
    }))
}

/// Why the open link started no one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenLinkRefused {
    /// No open link has this address.
    Unknown,
    /// The round is closed.
    Closed,
    /// The cap is reached.
    Full,
    /// The database failed (logged).
    Storage,
}

impl From<sea_orm::DbErr> for OpenLinkRefused {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error on an open link");
        OpenLinkRefused::Storage
    }
}

/// Starts a new response through an open link: issues a personal invitation (in `group`,
/// as the respondent chose) and returns its raw token, for the respondent only.
///
/// The count is raised by a guarded `UPDATE … WHERE responses < response_cap` in the same
/// transaction as the invitation, so concurrent starts never pass the cap.
pub async fn start_through_open_link(
    ctx: &ServerContext,
    slug: &str,
    group: Option<quickscan_domain::RespondentGroup>,
) -> Result<String, OpenLinkRefused> {
    let txn = ctx.db.begin().await?;
    let Some((link, round)) = find_open_link(&txn, slug)
        .await
        .map_err(|_| OpenLinkRefused::Storage)?
    else {
        return Err(OpenLinkRefused::Unknown);
    };
    if !round.is_open() {
        return Err(OpenLinkRefused::Closed);
    }
    let counted = open_link::Entity::update_many()
        .col_expr(
            open_link::Column::Responses,
            Expr::col(open_link::Column::Responses).add(1),
        )
        .filter(open_link::Column::Id.eq(link.id))
        .filter(
            Expr::col(open_link::Column::Responses).lt(Expr::col(open_link::Column::ResponseCap)),
        )
        .exec(&txn)
        .await?;
    if counted.rows_affected == 0 {
        return Err(OpenLinkRefused::Full);
    }
    if !round::hold_open(&txn, round.id).await? {
        return Err(OpenLinkRefused::Closed);
    }
    let token =
        crate::staff::invitations::issue_personal(&txn, round.id, group, Utc::now()).await?;
    txn.commit().await?;
    Ok(token)
}

async fn find_open_link(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<(open_link::Model, round::Model)>, ScanError> {
    let plausible = !slug.is_empty()
        && slug.len() <= MAX_TOKEN_LEN
        && slug.chars().all(|c| c.is_ascii_alphanumeric());
    if !plausible {
        return Ok(None);
    }
    let Some(link) = open_link::Entity::find()
        .filter(open_link::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let round = round::Entity::find_by_id(link.round_id)
        .one(db)
        .await?
        .ok_or(ScanError::Storage)?;
    Ok(Some((link, round)))
}
