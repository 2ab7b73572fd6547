//! Requests that race each other end in a clear answer, never a storage error.

use std::collections::BTreeMap;
use std::time::Duration;

use app::db::{
    answer, benchmark, import_upload, invitation, organisation, peer_group, response, round,
    round_result,
};
use app::scan::error::ScanError;
use app::scan::service::{save_answer, submit};
use app::staff::benchmarks::recompute_all;
use app::staff::rounds::close_and_aggregate;
use app::staff::stored;
use quickscan_domain::{DimensionCounts, GroupBenchmark, OrganisationAggregate};
use quickscan_tests::{on_both_databases, spawn_app, Backend, TestApp, TEST_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

on_both_databases!(one_peer_group_name_created_at_once_gives_one_group_and_clear_refusals);

async fn one_peer_group_name_created_at_once_gives_one_group_and_clear_refusals(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let admin = app.login("admin@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&admin).await;
    // Several tries, each with eight requests at once, so the check-then-insert window is hit.
    for attempt in 0..5 {
        let name = format!("Kempen {attempt}");
        let form = [("csrf", csrf.as_str()), ("name", name.as_str())];
        let posts = (0..8).map(|_| app.post_as(&admin, app::paths::PEER_GROUPS.pattern(), &form));
        let mut statuses: Vec<u16> = futures::future::join_all(posts)
            .await
            .into_iter()
            .map(|(status, _, _)| status)
            .collect();
        statuses.sort();
        assert_eq!(statuses, [303, 409, 409, 409, 409, 409, 409, 409], "{name}");
        let groups = peer_group::Entity::find()
            .filter(peer_group::Column::Name.eq(&name))
            .count(&app.ctx.db)
            .await
            .unwrap();
        assert_eq!(groups, 1);
    }
    app.cleanup().await;
}

/// Every answer row of a round's responses, as (response, statement, value, when), and which
/// responses are submitted.
async fn round_state(app: &TestApp, round_id: i32) -> (Vec<(i32, String, String, String)>, usize) {
    let invitations: Vec<i32> = invitation::Entity::find()
        .filter(invitation::Column::RoundId.eq(round_id))
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    let responses = response::Entity::find()
        .filter(response::Column::InvitationId.is_in(invitations))
        .all(&app.ctx.db)
        .await
        .unwrap();
    let submitted = responses
        .iter()
        .filter(|r| r.submitted_at.is_some())
        .count();
    let mut answers: Vec<(i32, String, String, String)> = answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(responses.iter().map(|r| r.id)))
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| {
            (
                a.response_id,
                a.statement_id,
                a.value,
                a.answered_at.to_rfc3339(),
            )
        })
        .collect();
    answers.sort();
    (answers, submitted)
}

/// The respondents behind a round's stored result, if it has one.
async fn stored_respondents(app: &TestApp, round_id: i32) -> Option<usize> {
    let row = round_result::Entity::find_by_id(round_id)
        .one(&app.ctx.db)
        .await
        .unwrap()?;
    let aggregate: OrganisationAggregate = stored::decode(&row.aggregate).expect("readable");
    Some(aggregate.respondents)
}

on_both_databases!(saves_and_submits_racing_a_close_are_counted_or_refused);

/// Respondents save and submit while the round closes. Every submit that was acknowledged is
/// in the stored result, none is submitted that is not, and nothing changes in the round's
/// answers once the close has returned.
async fn saves_and_submits_racing_a_close_are_counted_or_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let statements: Vec<String> = app.ctx.models.current().dimensions[0]
        .statements
        .iter()
        .map(|s| s.id.clone())
        .collect();
    for attempt in 0..6 {
        let round = app
            .open_round(w.org_b, &format!("Race {attempt}"), 2026)
            .await;
        // Enough submitted before, so the round always has results to compare with.
        app.submit_responses(round.id, 5, None, "2", None).await;
        let mut submitters = Vec::new();
        let mut savers = Vec::new();
        for n in 0..12 {
            let token = app.issue_invitation(round.id, None).await;
            save_answer(&app.ctx, &token, &statements[0], "3")
                .await
                .unwrap();
            if n % 2 == 0 {
                submitters.push(token);
            } else {
                savers.push(token);
            }
        }
        let ctx = app.ctx.clone();
        let submits = submitters.into_iter().enumerate().map(|(n, token)| {
            let ctx = ctx.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(2 * n as u64)).await;
                match submit(&ctx, &token).await {
                    Ok(()) => true,
                    Err(ScanError::RoundClosed) => false,
                    Err(other) => panic!("a submit racing a close: {other:?}"),
                }
            })
        });
        let submits: Vec<_> = submits.collect();
        let saves: Vec<_> = savers
            .into_iter()
            .map(|token| {
                let ctx = ctx.clone();
                let statements = statements.clone();
                tokio::spawn(async move {
                    for (i, statement) in statements.iter().cycle().take(40).enumerate() {
                        let value = if i % 2 == 0 { "1" } else { "4" };
                        match save_answer(&ctx, &token, statement, value).await {
                            Ok(()) => {}
                            Err(ScanError::RoundClosed) => return,
                            Err(other) => panic!("a save racing a close: {other:?}"),
                        }
                    }
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(3 * attempt as u64)).await;
        close_and_aggregate(&app.ctx, &round).await.expect("close");
        let after_close = round_state(&app, round.id).await;
        let mut acknowledged = 5;
        for submitted in futures::future::join_all(submits).await {
            acknowledged += usize::from(submitted.expect("a submit task"));
        }
        for saved in futures::future::join_all(saves).await {
            saved.expect("a save task");
        }
        let settled = round_state(&app, round.id).await;
        assert_eq!(
            after_close, settled,
            "attempt {attempt}: the round's answers changed after it closed"
        );
        assert_eq!(
            settled.1, acknowledged,
            "attempt {attempt}: submitted responses"
        );
        assert_eq!(
            stored_respondents(&app, round.id).await,
            Some(acknowledged),
            "attempt {attempt}: every acknowledged submit is in the stored result"
        );
    }
    app.cleanup().await;
}

on_both_databases!(an_import_confirmed_twice_at_once_is_written_once);

/// Eight confirmations of one upload at once: one import, one new round, no error.
async fn an_import_confirmed_twice_at_once_is_written_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let w = app.staff_world().await;
    let advisor = app.login("advisor-a@test.be", TEST_PASSWORD).await.unwrap();
    let csrf = app.csrf_token(&advisor).await;
    let geel = organisation::Entity::find_by_id(w.org_a)
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    for attempt in 0..4 {
        // No open round: the import opens one, which two confirmations could each do.
        for open in round::Entity::find()
            .filter(round::Column::OrganisationId.eq(w.org_a))
            .filter(round::is_open())
            .all(&app.ctx.db)
            .await
            .unwrap()
        {
            close_and_aggregate(&app.ctx, &open).await.expect("close");
        }
        let rounds_before = round::Entity::find()
            .filter(round::Column::OrganisationId.eq(w.org_a))
            .count(&app.ctx.db)
            .await
            .unwrap();
        let csv = format!(
            "organisation;respondent;groep;datum;policy-1;policy-2\n\
             {code};R{attempt}a;medewerker;02/03/2026;3;2\n\
             {code};R{attempt}b;leidinggevende;03/03/2026;1;4\n",
            code = geel.code
        );
        let (status, location) = app
            .upload_as(&advisor, &csrf, w.org_a, "race.csv", csv.into_bytes())
            .await;
        assert_eq!(status, 303, "the upload is accepted");
        let id: i32 = location
            .as_deref()
            .and_then(|l| l.strip_prefix("/import/"))
            .and_then(|id| id.parse().ok())
            .expect("the upload's preview");
        let confirm_path = app::paths::IMPORT_CONFIRM.with(id);
        let form = [("csrf", csrf.as_str())];
        let confirms = (0..8).map(|_| app.post_as(&advisor, &confirm_path, &form));
        for (status, _, body) in futures::future::join_all(confirms).await {
            assert_eq!(status, 303, "attempt {attempt}: {body}");
        }
        let rounds_after = round::Entity::find()
            .filter(round::Column::OrganisationId.eq(w.org_a))
            .count(&app.ctx.db)
            .await
            .unwrap();
        assert_eq!(
            rounds_after,
            rounds_before + 1,
            "attempt {attempt}: one round opened"
        );
        let keys = invitation::Entity::find()
            .filter(
                invitation::Column::ImportKey
                    .is_in([format!("R{attempt}a"), format!("R{attempt}b")]),
            )
            .count(&app.ctx.db)
            .await
            .unwrap();
        assert_eq!(keys, 2, "attempt {attempt}: each respondent written once");
        let upload = import_upload::Entity::find_by_id(id)
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(upload.respondents_written, Some(2));
    }
    app.cleanup().await;
}

on_both_databases!(rounds_closing_at_once_in_one_peer_group_both_count);

/// Two organisations of one peer group close their rounds at once: the stored benchmarks
/// equal a recomputation from scratch, so neither close's update was lost.
async fn rounds_closing_at_once_in_one_peer_group_both_count(backend: Backend) {
    let app = spawn_app(backend).await;
    app.staff_world().await;
    let organisations: Vec<i32> = organisation::Entity::find()
        .order_by_asc(organisation::Column::Id)
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    // A year of its own, so the cohort holds only this test's rounds.
    let year = 2031;
    for (attempt, pair) in organisations.chunks(2).take(3).enumerate() {
        let mut rounds = Vec::new();
        for organisation in pair {
            let round = app
                .open_round(*organisation, &format!("Gelijktijdig {attempt}"), year)
                .await;
            app.submit_responses(
                round.id,
                5,
                None,
                if attempt % 2 == 0 { "1" } else { "3" },
                None,
            )
            .await;
            rounds.push(round);
        }
        let closes = rounds
            .iter()
            .map(|round| close_and_aggregate(&app.ctx, round));
        for closed in futures::future::join_all(closes).await {
            closed.expect("close");
        }
        let incremental = stored_benchmarks(&app, year).await;
        recompute_all(
            &app.ctx.db,
            &DimensionCounts::of_models(app.ctx.models.all()),
            app.ctx.anonymity_threshold,
        )
        .await
        .expect("recompute");
        // A full recomputation also stores groups nobody closed in yet; compare the groups
        // the two closes updated.
        let recomputed = stored_benchmarks(&app, year).await;
        for (key, figures) in &incremental {
            assert_eq!(
                Some(figures),
                recomputed.get(key),
                "attempt {attempt}: {key}: a concurrent close's benchmark update was lost"
            );
        }
        let all = match &incremental["all"] {
            GroupBenchmark::Shown(figures) => figures.organisations,
            GroupBenchmark::Hidden { organisations, .. } => *organisations,
        };
        assert_eq!(
            all,
            2 * (attempt + 1),
            "attempt {attempt}: every closed round counts"
        );
    }
    app.cleanup().await;
}

/// The stored benchmarks of one year's cohort, by group.
async fn stored_benchmarks(app: &TestApp, year: i32) -> BTreeMap<String, GroupBenchmark> {
    benchmark::Entity::find()
        .filter(benchmark::Column::Year.eq(year))
        .all(&app.ctx.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            (
                row.group_key,
                stored::decode(&row.figures).expect("readable"),
            )
        })
        .collect()
}
