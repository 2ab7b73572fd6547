//! Demo data for a newcomer's first start: a few Flemish municipalities and one open round.
//!
//! Created only into an empty database (no organisations), never mixed into real data.

use app::db::{invitation, organisation, response, round};
use chrono::{Datelike, Utc};
use quickscan_domain::MaturityModel;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

/// Name of the demo's open round, by which a later start finds it again.
pub const DEMO_ROUND: &str = "Demo QuickScan";

/// (NIS code, name, kind, province, population) of the demo organisations.
const ORGANISATIONS: [(&str, &str, &str, &str, i32); 6] = [
    ("13008", "Geel", "city", "Antwerpen", 41_900),
    ("12025", "Mechelen", "city", "Antwerpen", 88_500),
    ("24062", "Leuven", "city", "Vlaams-Brabant", 103_000),
    ("36015", "Roeselare", "city", "West-Vlaanderen", 65_100),
    ("41002", "Aalst", "city", "Oost-Vlaanderen", 90_400),
    ("71016", "Genk", "city", "Limburg", 67_500),
];

/// How many invitations the demo round starts with.
const DEMO_INVITATIONS: usize = 3;

/// Seeds the demo into an empty database; returns whether it did.
pub async fn seed_if_empty(db: &DatabaseConnection, model: &MaturityModel) -> Result<bool, DbErr> {
    if organisation::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut first_id = None;
    for (code, name, kind, province, population) in ORGANISATIONS {
        let inserted = organisation::ActiveModel {
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            kind: Set(kind.to_owned()),
            province: Set(province.to_owned()),
            population: Set(population),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        first_id.get_or_insert(inserted.id);
    }
    let demo_round = round::ActiveModel {
        organisation_id: Set(first_id.expect("organisations were inserted")),
        model_version_id: Set(model.id.clone()),
        name: Set(DEMO_ROUND.to_owned()),
        year: Set(now.year()),
        status: Set(round::STATUS_OPEN.to_owned()),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for _ in 0..DEMO_INVITATIONS {
        new_invitation(&txn, demo_round.id).await?;
    }
    txn.commit().await?;
    Ok(true)
}

async fn new_invitation(
    db: &impl sea_orm::ConnectionTrait,
    round_id: i32,
) -> Result<invitation::Model, DbErr> {
    invitation::ActiveModel {
        round_id: Set(round_id),
        token: Set(invitation::new_token()),
        respondent_group: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// A demo invitation that has not been submitted, creating one if all were used.
///
/// Returns `None` when the database holds no open demo round.
pub async fn unused_demo_invitation(db: &DatabaseConnection) -> Result<Option<String>, DbErr> {
    let Some(demo_round) = round::Entity::find()
        .filter(round::Column::Name.eq(DEMO_ROUND))
        .filter(round::Column::Status.eq(round::STATUS_OPEN))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let invitations = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(demo_round.id))
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await?;
    for candidate in invitations {
        let submitted = response::Entity::find()
            .filter(response::Column::InvitationId.eq(candidate.id))
            .filter(response::Column::SubmittedAt.is_not_null())
            .one(db)
            .await?
            .is_some();
        if !submitted {
            return Ok(Some(candidate.token));
        }
    }
    Ok(Some(new_invitation(db, demo_round.id).await?.token))
}
