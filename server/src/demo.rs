//! Demo data for a newcomer's first start: a few Flemish municipalities and one open round.
//!
//! Created only into an empty database (no organisations), never mixed into real data.

use app::auth::service::{assign_advisor, create_user, AuthError, NewUser};
use app::auth::Role;
use app::db::{answer, invitation, organisation, response, round};
use app::server_context::ServerContext;
use app::staff::audit::{record, AuditEntry};
use app::staff::rounds::close_and_aggregate;
use chrono::{Datelike, Duration, Utc};
use quickscan_domain::audit::AuditAction;
use quickscan_domain::OrganisationKind::{self, City, Municipality};
use quickscan_domain::{AnswerValue, MaturityLevel, MaturityModel, RespondentGroup};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};
use thiserror::Error;

/// The demo's staff accounts: (role, e-mail, name, password), printed at start.
pub const DEMO_USERS: [(Role, &str, &str, &str); 3] = [
    (
        Role::Admin,
        "admin@quickscan.demo",
        "Demo admin (association)",
        "demo-admin-2026",
    ),
    (
        Role::Coordinator,
        "coordinator@geel.demo",
        "Demo coordinator (Geel)",
        "demo-coordinator-2026",
    ),
    (
        Role::Advisor,
        "advisor@quickscan.demo",
        "Demo advisor",
        "demo-advisor-2026",
    ),
];

/// Respondents generated for each closed demo round: five per respondent group, so every
/// group's breakdown reaches the default threshold (and nobody is left outside the groups).
const DEMO_RESPONDENTS: usize = 15;
/// Respondents who already submitted in the open demo round: fewer than the default threshold,
/// so its pages show how many more responses results need.
const DEMO_OPEN_SUBMITTED: usize = 2;
/// Respondents of the short round that closed below the threshold, without results.
const DEMO_TOO_FEW: usize = 3;

/// Why the demo data could not be created.
#[derive(Debug, Error)]
pub enum DemoError {
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] DbErr),
    /// A demo account could not be made.
    #[error("demo account: {0}")]
    Account(#[from] AuthError),
    /// Closing the demo round failed.
    #[error("closing the demo round failed: {0}")]
    Close(String),
    /// An onboarding demo account was refused.
    #[error("demo account refused: {0:?}")]
    Onboarding(app::staff::StaffError),
    /// A demo action plan was refused.
    #[error("demo action plan refused: {0}")]
    Plan(String),
}

/// Name of the demo's open round, by which a later start finds it again.
pub const DEMO_ROUND: &str = "Demo QuickScan";

/// (NIS code, name, kind, province, population) of the demo organisations: real Flemish
/// cities and municipalities (populations rounded), across provinces and size classes.
const ORGANISATIONS: [(&str, &str, OrganisationKind, &str, i32); 30] = [
    ("13008", "Geel", City, "Antwerpen", 41_900),
    ("12025", "Mechelen", City, "Antwerpen", 88_500),
    ("24062", "Leuven", City, "Vlaams-Brabant", 103_000),
    ("36015", "Roeselare", City, "West-Vlaanderen", 65_100),
    ("41002", "Aalst", City, "Oost-Vlaanderen", 90_400),
    ("71016", "Genk", City, "Limburg", 67_500),
    ("13040", "Turnhout", City, "Antwerpen", 46_300),
    ("12021", "Lier", City, "Antwerpen", 37_300),
    ("13021", "Mol", Municipality, "Antwerpen", 38_200),
    ("11005", "Boom", Municipality, "Antwerpen", 19_000),
    ("11039", "Schilde", Municipality, "Antwerpen", 20_100),
    ("71053", "Sint-Truiden", City, "Limburg", 41_600),
    ("72020", "Lommel", City, "Limburg", 35_600),
    ("73107", "Maasmechelen", Municipality, "Limburg", 38_700),
    ("71004", "Beringen", City, "Limburg", 47_600),
    ("72003", "Bocholt", Municipality, "Limburg", 13_500),
    ("46021", "Sint-Niklaas", City, "Oost-Vlaanderen", 80_900),
    ("42006", "Dendermonde", City, "Oost-Vlaanderen", 47_300),
    ("42028", "Zele", Municipality, "Oost-Vlaanderen", 21_700),
    ("42025", "Wetteren", Municipality, "Oost-Vlaanderen", 26_700),
    ("45035", "Oudenaarde", City, "Oost-Vlaanderen", 32_600),
    ("23088", "Vilvoorde", City, "Vlaams-Brabant", 46_800),
    ("24001", "Aarschot", City, "Vlaams-Brabant", 31_300),
    ("24107", "Tienen", City, "Vlaams-Brabant", 35_800),
    ("23016", "Dilbeek", Municipality, "Vlaams-Brabant", 43_900),
    ("34022", "Kortrijk", City, "West-Vlaanderen", 79_700),
    ("35013", "Oostende", City, "West-Vlaanderen", 72_500),
    ("33011", "Ieper", City, "West-Vlaanderen", 35_300),
    (
        "31043",
        "Knokke-Heist",
        Municipality,
        "West-Vlaanderen",
        32_500,
    ),
    ("33021", "Poperinge", City, "West-Vlaanderen", 19_900),
];

/// Seeds the demo into an empty database: organisations, an open round, staff accounts and a
/// closed round with generated answers. Returns whether it did.
pub async fn seed_full_demo(ctx: &ServerContext) -> Result<bool, DemoError> {
    if !seed_if_empty(&ctx.db, ctx.models.current()).await? {
        return Ok(false);
    }
    let organisations = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&ctx.db)
        .await?;
    let geel = organisations[0].id;
    for (role, email, name, password) in DEMO_USERS {
        let user = create_user(
            &ctx.db,
            NewUser {
                email,
                display_name: name,
                password,
                role,
                organisation_id: (role == Role::Coordinator).then_some(geel),
            },
        )
        .await?;
        if role == Role::Advisor {
            for organisation in organisations.iter().take(2) {
                assign_advisor(&ctx.db, user.id, organisation.id).await?;
            }
        }
    }
    // Two closed rounds per organisation (two and one year ago), so reports, benchmarks,
    // the association view and trends all have content.
    let this_year = Utc::now().year();
    for (index, organisation) in organisations.iter().enumerate() {
        let seed = index as u64;
        let maturity = 0.9 + (seed * 7 % 23) as f64 / 10.0;
        for (years_ago, progress) in [(2, 0.0), (1, 0.35)] {
            let closed = seed_answered_round(
                &ctx.db,
                ctx.models.current(),
                organisation.id,
                Seeded {
                    name: format!("QuickScan {}", this_year - years_ago),
                    year: this_year - years_ago,
                    answering: Answering {
                        maturity: maturity + progress,
                        seed: seed * 10 + years_ago as u64,
                        respondents: DEMO_RESPONDENTS,
                        // In Geel's latest round most colleagues do not know how reporting
                        // works: the report names it as little known.
                        little_known: (index == 0 && years_ago == 1).then_some(DEMO_LITTLE_KNOWN),
                    },
                },
            )
            .await?;
            close_and_aggregate(ctx, &closed)
                .await
                .map_err(|e| DemoError::Close(e.to_string()))?;
        }
    }
    // Mechelen also ran a short round this year that closed with too few respondents: it shows
    // the "closed without results" state wherever rounds are listed.
    let too_few = seed_answered_round(
        &ctx.db,
        ctx.models.current(),
        organisations[1].id,
        Seeded {
            name: format!("Korte bevraging {this_year}"),
            year: this_year,
            answering: Answering {
                maturity: 2.0,
                seed: 7,
                respondents: DEMO_TOO_FEW,
                little_known: None,
            },
        },
    )
    .await?;
    close_and_aggregate(ctx, &too_few)
        .await
        .map_err(|e| DemoError::Close(e.to_string()))?;
    // Geel's open round has a first few responses, fewer than results need.
    if let Some(open) = round::Entity::find()
        .filter(round::Column::Name.eq(DEMO_ROUND))
        .one(&ctx.db)
        .await?
    {
        let txn = ctx.db.begin().await?;
        add_generated_responses(
            &txn,
            ctx.models.current(),
            open.id,
            Utc::now(),
            &Answering {
                maturity: 2.2,
                seed: 3,
                respondents: DEMO_OPEN_SUBMITTED,
                little_known: None,
            },
        )
        .await?;
        txn.commit().await?;
    }
    seed_onboarding(&ctx.db).await?;
    seed_plans(ctx, &organisations).await?;
    Ok(true)
}

/// A demo account as the staff user it acts as.
async fn demo_staff(ctx: &ServerContext, email: &str) -> Result<app::auth::StaffUser, DemoError> {
    let user = app::db::user::Entity::find()
        .filter(app::db::user::Column::Email.eq(email))
        .one(&ctx.db)
        .await?
        .ok_or_else(|| DemoError::Plan(format!("no demo account {email}")))?;
    Ok(app::auth::service::staff_user(&ctx.db, user, String::new()).await?)
}

/// Action plans, written through the plan's own services: Geel's first round has a plan that
/// its latest round follows up (one action done, one under way, one overdue, one dropped, an
/// advisor's comment), and the latest round of the first six organisations has a plan, so the
/// association's overview reaches the anonymity threshold.
async fn seed_plans(
    ctx: &ServerContext,
    organisations: &[organisation::Model],
) -> Result<(), DemoError> {
    use app::staff::plans;
    use quickscan_domain::action_plan::ActionDraft;
    let plan_error = |e: app::staff::StaffError| DemoError::Plan(format!("{e:?}"));
    let coordinator = demo_staff(ctx, DEMO_USERS[1].1).await?;
    let admin = demo_staff(ctx, DEMO_USERS[0].1).await?;
    let advisor = demo_staff(ctx, DEMO_USERS[2].1).await?;
    for (index, organisation) in organisations.iter().take(6).enumerate() {
        let rounds = round::Entity::find()
            .filter(round::Column::OrganisationId.eq(organisation.id))
            .filter(round::is_closed())
            .order_by_asc(round::Column::ClosedAt)
            .all(&ctx.db)
            .await?;
        let geel = index == 0;
        let acting = if geel { &coordinator } else { &admin };
        // Geel plans from both its rounds; the others from their latest (with results).
        let from = if geel { &rounds[..2] } else { &rounds[1..2] };
        for (turn, round) in from.iter().enumerate() {
            let full = geel && turn == 0;
            let plan = plans::plan_page(ctx, acting.clone(), round.id)
                .await
                .map_err(plan_error)?;
            let mut weakest: Vec<_> = plan
                .dimensions
                .iter()
                .filter(|d| d.mean.is_some())
                .collect();
            weakest.sort_by(|a, b| {
                a.mean
                    .partial_cmp(&b.mean)
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            let first = weakest[0];
            let target = quickscan_domain::action_plan::default_target(first.level)
                .map(|l| l.number().to_string())
                .unwrap_or_default();
            plans::save_target(
                ctx,
                acting,
                round.id,
                &first.id,
                &target,
                "Iedereen weet waar en hoe een vermoeden gemeld kan worden.",
            )
            .await
            .map_err(plan_error)?;
            let adopt: Vec<&str> = weakest
                .iter()
                .take(if full { 2 } else { 1 })
                .flat_map(|d| d.advice.iter().take(if full { 2 } else { 1 }))
                .map(|a| a.code.as_str())
                .collect();
            for code in adopt {
                plans::adopt_advice(ctx, acting, round.id, code, quickscan_domain::Lang::Nl)
                    .await
                    .map_err(plan_error)?;
            }
            if !full {
                continue;
            }
            let own = ActionDraft {
                title: "Integriteit als vast agendapunt op het managementteam",
                dimension: &first.id,
                horizon: "short",
                owner: "Algemeen directeur",
                due: "2025-12-31",
                status: "dropped",
                time: "",
                budget: "",
                note: "Opgenomen in de maandelijkse organisatiebeheersing in plaats van apart.",
            };
            plans::create_action(ctx, acting, round.id, own)
                .await
                .map_err(plan_error)?;
            // Where the adopted actions stand a year later: done, under way, overdue, planned.
            let adopted = plans::plan_page(ctx, acting.clone(), round.id)
                .await
                .map_err(plan_error)?
                .actions;
            let progress = [
                ("done", "Algemeen directeur", "2025-06-30", "", ""),
                (
                    "in_progress",
                    "HR-dienst",
                    "2027-03-31",
                    "3 dagen",
                    "€ 2 000",
                ),
                (
                    "planned",
                    "Integriteitscoördinator",
                    "2025-09-30",
                    "1 dag",
                    "",
                ),
            ];
            for (action, (status, owner, due, time, budget)) in adopted.iter().zip(progress) {
                let draft = ActionDraft {
                    title: &action.title,
                    dimension: &action.dimension_id,
                    horizon: action.horizon.code(),
                    owner,
                    due,
                    status,
                    time,
                    budget,
                    note: "",
                };
                plans::update_action(ctx, acting, action.id, draft)
                    .await
                    .map_err(plan_error)?;
            }
            plans::add_comment(
                ctx,
                &advisor,
                round.id,
                "Goed vertrekpunt. Leg bij het meldpunt ook vast wie de meldingen opvolgt, en plan de vorming vóór het zomerreces.",
            )
            .await
            .map_err(plan_error)?;
        }
    }
    Ok(())
}

/// The onboarding pages' content: a coordinator of Mechelen who has yet to activate (nobody
/// holds the link), an advisor who left (deactivated), and the audit log's first events.
async fn seed_onboarding(db: &DatabaseConnection) -> Result<(), DemoError> {
    use app::staff::accounts::{create_account_with_link, NewAccount};
    let waiting = NewAccount {
        email: "nieuw@mechelen.demo",
        display_name: "Nieuwe coördinator Mechelen",
        role: "coordinator",
        organisations: "12025",
    };
    let left = NewAccount {
        email: "vertrokken@quickscan.demo",
        display_name: "Vertrokken adviseur",
        role: "advisor",
        organisations: "24062 41002",
    };
    for new in [waiting, left] {
        create_account_with_link(db, new)
            .await
            .map_err(DemoError::Onboarding)?;
    }
    app::db::user::Entity::update_many()
        .col_expr(
            app::db::user::Column::Active,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(app::db::user::Column::Email.eq(left.email))
        .exec(db)
        .await?;
    for (action, detail) in [
        (
            AuditAction::AccountCreated,
            "coordinator nieuw@mechelen.demo 12025",
        ),
        (
            AuditAction::AccountCreated,
            "advisor vertrokken@quickscan.demo 24062 41002",
        ),
        (AuditAction::AccountDeactivated, "vertrokken@quickscan.demo"),
    ] {
        record(
            db,
            AuditEntry {
                actor_id: None,
                actor_email: "admin@quickscan.demo",
                action,
                organisation_id: None,
                round_id: None,
                detail: detail.to_owned(),
                client: "demo",
            },
        )
        .await;
    }
    Ok(())
}

/// What a generated round looks like.
struct Seeded {
    name: String,
    year: i32,
    answering: Answering,
}

/// How a generated round's respondents answer.
#[derive(Clone, Copy)]
struct Answering {
    /// The organisation's level around which answers scatter.
    maturity: f64,
    /// Makes the answers deterministic.
    seed: u64,
    respondents: usize,
    /// A dimension most respondents answer "don't know" on.
    little_known: Option<&'static str>,
}

/// The dimension of the demo's little-known practice.
const DEMO_LITTLE_KNOWN: &str = "reporting";

/// A round with generated, submitted answers (see [`Seeded`]).
async fn seed_answered_round(
    db: &DatabaseConnection,
    model: &MaturityModel,
    organisation_id: i32,
    seeded: Seeded,
) -> Result<round::Model, DbErr> {
    let year = seeded.year;
    let opened = Utc::now() - Duration::days(365 * i64::from(Utc::now().year() - year));
    let txn = db.begin().await?;
    let round = round::ActiveModel {
        organisation_id: Set(organisation_id),
        model_version_id: Set(model.id.clone()),
        name: Set(seeded.name),
        year: Set(year),
        status: Set(round::RoundStatus::Open),
        opened_at: Set(opened),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    add_generated_responses(&txn, model, round.id, opened, &seeded.answering).await?;
    txn.commit().await?;
    Ok(round)
}

/// `respondents` submitted responses (the groups in turn) with answers around `maturity`,
/// deterministic for a seed.
async fn add_generated_responses(
    txn: &impl sea_orm::ConnectionTrait,
    model: &MaturityModel,
    round_id: i32,
    opened: chrono::DateTime<Utc>,
    answering: &Answering,
) -> Result<(), DbErr> {
    let Answering {
        maturity,
        seed,
        respondents,
        little_known,
    } = *answering;
    let mut rng = StdRng::seed_from_u64(seed);
    // Each dimension gets an organisation-wide "true" level; respondents scatter around it.
    // The organisation's profile over dimensions is the same in every round (seeded by the
    // organisation), so trends show change rather than noise.
    let mut profile = StdRng::seed_from_u64(seed / 10);
    let base: Vec<f64> = model
        .dimensions
        .iter()
        .map(|_| (maturity + profile.random_range(-0.9..0.9)).clamp(0.3, 3.8))
        .collect();
    for respondent in 0..respondents {
        let group = RespondentGroup::ALL[respondent % RespondentGroup::ALL.len()];
        let invitation = invitation::ActiveModel {
            round_id: Set(round_id),
            token_hash: Set(invitation::hash_token(&invitation::new_token())),
            respondent_group: Set(Some(group.code().to_owned())),
            created_at: Set(opened),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let response = response::ActiveModel {
            invitation_id: Set(invitation.id),
            model_version_id: Set(model.id.clone()),
            current_step: Set(i32::try_from(model.dimensions.len()).unwrap_or(1)),
            started_at: Set(opened),
            updated_at: Set(opened),
            submitted_at: Set(Some(opened + Duration::days(3))),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let answers: Vec<answer::ActiveModel> = model
            .dimensions
            .iter()
            .zip(&base)
            .flat_map(|(dimension, &level)| {
                let unknown = little_known == Some(dimension.id.as_str());
                dimension
                    .statements
                    .iter()
                    .map(move |s| (s.id.clone(), level, unknown))
            })
            .map(|(statement_id, level, unknown)| {
                let value = generated_answer(&mut rng, level, unknown);
                answer::ActiveModel {
                    response_id: Set(response.id),
                    statement_id: Set(statement_id),
                    value: Set(value.code().to_owned()),
                    answered_at: Set(opened),
                    ..Default::default()
                }
            })
            .collect();
        answer::Entity::insert_many(answers)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// One generated answer near `level`, now and then "don't know" or "not applicable"; on a
/// little-known practice mostly "don't know" (seven in ten).
fn generated_answer(rng: &mut StdRng, level: f64, little_known: bool) -> AnswerValue {
    if little_known && rng.random_range(0..10) < 7 {
        return AnswerValue::DontKnow;
    }
    match rng.random_range(0..20) {
        0 => AnswerValue::DontKnow,
        1 => AnswerValue::NotApplicable,
        _ => {
            let value = (level + rng.random_range(-1.2..1.2))
                .round()
                .clamp(0.0, 4.0) as u8;
            AnswerValue::Level(MaturityLevel::from_number(value).unwrap_or(MaturityLevel::Absent))
        }
    }
}

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
            kind: Set(kind.into()),
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
        status: Set(round::RoundStatus::Open),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // The open demo round is also reachable through its open group link.
    app::db::open_link::ActiveModel {
        round_id: Set(demo_round.id),
        slug: Set(invitation::new_token()),
        response_cap: Set(DEMO_OPEN_LINK_CAP),
        responses: Set(0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(true)
}

/// The demo round's open link cap.
const DEMO_OPEN_LINK_CAP: i32 = 200;

/// The open demo round's open group link (its slug), if the database has one.
pub async fn demo_open_link(db: &DatabaseConnection) -> Result<Option<String>, DbErr> {
    let Some(demo_round) = round::Entity::find()
        .filter(round::Column::Name.eq(DEMO_ROUND))
        .filter(round::is_open())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(app::db::open_link::Entity::find()
        .filter(app::db::open_link::Column::RoundId.eq(demo_round.id))
        .one(db)
        .await?
        .map(|link| link.slug))
}

/// A fresh personal invitation to the open demo round, for the operator's console.
///
/// Tokens are stored only hashed, so an earlier demo link cannot be read back: every start
/// issues a new one. Returns `None` when the database holds no open demo round.
pub async fn demo_invitation(db: &DatabaseConnection) -> Result<Option<String>, DbErr> {
    let Some(demo_round) = round::Entity::find()
        .filter(round::Column::Name.eq(DEMO_ROUND))
        .filter(round::is_open())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let txn = db.begin().await?;
    let token =
        app::staff::invitations::issue_personal(&txn, demo_round.id, None, Utc::now()).await?;
    txn.commit().await?;
    Ok(Some(token))
}

/// Whether the demo's staff accounts exist (so their passwords may be printed).
pub async fn has_demo_users(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(app::db::user::Entity::find()
        .filter(app::db::user::Column::Email.eq(DEMO_USERS[0].1))
        .one(db)
        .await?
        .is_some())
}
