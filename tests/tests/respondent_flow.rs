//! The respondent's story through the real router: answer, resume, review, submit; and every
//! way a request can be refused without writing anything. Each test runs on both databases.

use app::db::{answer, dimension_comment, response, round};
use app::paths;
use app::scan::api::SaveAnswer;
use leptos::server_fn::ServerFn;
use quickscan_domain::AnswerValue;
use quickscan_tests::{on_both_databases, spawn_app, Backend, Page, TestApp};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, PaginatorTrait};

on_both_databases!(
    a_respondent_completes_the_whole_scan,
    a_respondent_resumes_after_a_break,
    a_double_submit_changes_nothing,
    a_forged_token_gets_a_clear_page,
    a_closed_round_accepts_nothing,
    answers_outside_the_scale_or_the_step_are_refused,
    a_click_is_saved_by_the_autosave_server_function,
    posts_from_other_sites_are_refused,
    the_language_switch_is_remembered,
    an_empty_response_cannot_be_submitted,
    a_statement_about_behaviour_is_answered_with_labels_of_its_own,
);

async fn answer_count(app: &TestApp) -> u64 {
    answer::Entity::find().count(&app.ctx.db).await.unwrap()
}

/// The code of the answer given to the i-th statement overall in the full-flow test.
fn planned_answer(index: usize) -> AnswerValue {
    AnswerValue::ALL[index % AnswerValue::ALL.len()]
}

async fn a_respondent_completes_the_whole_scan(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let model = app.ctx.models.current().clone();

    let (status, welcome) = app.get(&paths::SCAN.with(&token)).await;
    assert_eq!(status, 200);
    assert!(welcome.contains("Welkom bij de QuickScan"), "{welcome}");
    assert!(Page::parse(&welcome)
        .attrs("a", "href")
        .contains(&paths::scan_page(&token, 1)));

    let mut index = 0;
    for (number, dimension) in (1..).zip(&model.dimensions) {
        let (status, page) = app.get(&paths::scan_page(&token, number)).await;
        assert_eq!(status, 200);
        assert!(page.contains(dimension.name.nl.as_str()));
        let fields: Vec<(String, String)> = dimension
            .statements
            .iter()
            .map(|statement| {
                let value = planned_answer(index);
                index += 1;
                (format!("answer:{}", statement.id), value.code().to_owned())
            })
            .chain([
                (
                    "comment".to_owned(),
                    format!("Opmerking bij {}", dimension.id),
                ),
                ("nav".to_owned(), "next".to_owned()),
            ])
            .collect();
        let form: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let (status, location, _) = app
            .post_form(&paths::scan_page(&token, number), &form)
            .await;
        assert_eq!(status, 303);
        let expected = if number == model.dimensions.len() {
            paths::scan_page(&token, "review")
        } else {
            paths::scan_page(&token, number + 1)
        };
        assert_eq!(location.as_deref(), Some(expected.as_str()));
    }
    assert_eq!(answer_count(&app).await, model.statement_count() as u64);
    assert_eq!(
        dimension_comment::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        model.dimensions.len() as u64
    );

    let (status, review) = app.get(&paths::scan_page(&token, "review")).await;
    assert_eq!(status, 200);
    assert_eq!(
        review.matches("Alles beantwoord.").count(),
        model.dimensions.len()
    );

    let (status, location, _) = app
        .post_form(&paths::scan_page(&token, "review"), &[])
        .await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some(paths::SCAN.with(&token).as_str()))
    );

    let responses = response::Entity::find().all(&app.ctx.db).await.unwrap();
    assert_eq!(responses.len(), 1);
    assert!(responses[0].submitted_at.is_some());
    assert_eq!(responses[0].model_version_id, model.id);

    // Reopening the submitted link shows only that it was submitted and when: no score, no
    // answer, no dimension (whoever holds the link learns nothing of what was answered).
    let submitted_on = responses[0]
        .submitted_at
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    let (status, thanks) = app.get(&paths::SCAN.with(&token)).await;
    assert_eq!(status, 200);
    assert!(thanks.contains("Bedankt voor uw deelname"));
    let page = Page::parse(&thanks);
    assert_eq!(
        page.attrs("time", "datetime"),
        std::slice::from_ref(&submitted_on)
    );
    assert!(
        page.texts("table").is_empty(),
        "no table of scores: {thanks}"
    );
    for dimension in &model.dimensions {
        assert!(
            !thanks.contains(&dimension.name.nl),
            "no dimension is named: {}",
            dimension.name.nl
        );
    }
    // Nor does the server function's payload carry anything more.
    let (status, _, payload) = app
        .post_form(
            <app::scan::api::GetScanPage as ServerFn>::PATH,
            &[("token", token.as_str()), ("page", "")],
        )
        .await;
    assert_eq!(status, 200);
    let payload: serde_json::Value = serde_json::from_str(&payload).unwrap();
    let fields: Vec<&String> = payload["Submitted"]
        .as_object()
        .expect("a submitted page")
        .keys()
        .collect();
    assert_eq!(fields, ["organisation", "submitted_on"], "{payload}");
    assert_eq!(payload["Submitted"]["submitted_on"], submitted_on.as_str());
    app.cleanup().await;
}

async fn a_respondent_resumes_after_a_break(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);

    let (status, location, _) = app
        .post_form(
            &paths::scan_page(&token, 1),
            &[("answer:policy-1", "2"), ("nav", "next")],
        )
        .await;
    assert_eq!((status, location), (303, Some(paths::scan_page(&token, 2))));
    let (status, location, _) = app
        .post_form(
            &paths::scan_page(&token, 2),
            &[
                ("answer:anchoring-5", "not_applicable"),
                ("comment", "Half klaar"),
                ("nav", "save"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.clone()),
        (
            303,
            Some(format!("{}?saved=1", paths::scan_page(&token, 2)))
        )
    );
    let (_, saved) = app.get(&location.unwrap()).await;
    assert!(saved.contains("Uw antwoorden zijn bewaard"));
    assert!(
        saved.contains(&app.url(&format!("/s/{token}"))),
        "the full link is shown"
    );

    // Later, with the same link: welcome back, continue at step 2, answers still checked.
    let (status, welcome) = app.get(&paths::SCAN.with(&token)).await;
    assert_eq!(status, 200);
    assert!(welcome.contains("Welkom terug"));
    assert_eq!(
        Page::parse(&welcome).attr("main a.button.primary", "href"),
        Some(paths::scan_page(&token, 2)),
        "{welcome}"
    );
    let (_, step2) = app.get(&paths::scan_page(&token, 2)).await;
    assert!(Page::parse(&step2)
        .attrs("input[type=radio][checked]", "value")
        .contains(&"not_applicable".to_owned()));
    assert!(step2.contains("Half klaar"));
    let (_, step1) = app.get(&paths::scan_page(&token, 1)).await;
    assert_eq!(
        Page::parse(&step1)
            .attr("input[name='answer:policy-1'][checked]", "value")
            .as_deref(),
        Some("2")
    );

    // Going back from step 1 leads to the welcome page and keeps the answer.
    let (_, location, _) = app
        .post_form(
            &paths::scan_page(&token, 1),
            &[("answer:policy-1", "4"), ("nav", "previous")],
        )
        .await;
    assert_eq!(location, Some(paths::SCAN.with(&token)));
    let (_, step1) = app.get(&paths::scan_page(&token, 1)).await;
    assert_eq!(
        Page::parse(&step1)
            .attr("input[name='answer:policy-1'][checked]", "value")
            .as_deref(),
        Some("4")
    );
    app.cleanup().await;
}

async fn a_double_submit_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    app.post_form(&paths::scan_page(&token, 1), &[("answer:policy-1", "3")])
        .await;
    let (status, _, _) = app
        .post_form(&paths::scan_page(&token, "review"), &[])
        .await;
    assert_eq!(status, 303);
    let first = response::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();

    let (status, location, _) = app
        .post_form(&paths::scan_page(&token, "review"), &[])
        .await;
    assert_eq!((status, location), (303, Some(paths::SCAN.with(&token))));
    let second = response::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.submitted_at, second.submitted_at);

    // A submitted response cannot change, by form or by autosave.
    let (status, _, body) = app
        .post_form(&paths::scan_page(&token, 1), &[("answer:policy-1", "0")])
        .await;
    assert_eq!(status, 409);
    assert!(body.contains("al ingediend"));
    let stored = answer::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.value, "3");
    app.cleanup().await;
}

async fn a_forged_token_gets_a_clear_page(backend: Backend) {
    let app = spawn_app(backend).await;
    app.seed_open_round().await;
    for forged in ["AAAAAAAAAAAAAAAAAAAAAAAAAA", "not-a-token", "%3Cscript%3E"] {
        let (status, page) = app.get(&paths::SCAN.with(forged)).await;
        assert_eq!(status, 404, "{forged}");
        assert!(
            page.contains("Deze uitnodigingslink bestaat niet"),
            "{page}"
        );
        let (status, _, page) = app
            .post_form(&paths::scan_page(forged, 1), &[("answer:policy-1", "3")])
            .await;
        assert_eq!(status, 404);
        assert!(page.contains("Deze uitnodigingslink bestaat niet"));
    }
    assert_eq!(
        response::Entity::find().count(&app.ctx.db).await.unwrap(),
        0
    );
    let (status, _) = app
        .get(&paths::scan_page("AAAAAAAAAAAAAAAAAAAAAAAAAA", 99))
        .await;
    assert_eq!(status, 404);
    app.cleanup().await;
}

async fn a_closed_round_accepts_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    app.post_form(&paths::scan_page(&token, 1), &[("answer:policy-1", "1")])
        .await;
    let open = round::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    let mut closing: round::ActiveModel = open.into();
    closing.status = Set(round::RoundStatus::Closed);
    closing.update(&app.ctx.db).await.unwrap();

    let (status, page) = app.get(&paths::scan_page(&token, 1)).await;
    assert_eq!(status, 410);
    assert!(page.contains("Deze bevraging is afgesloten"));
    let (status, _, page) = app
        .post_form(&paths::scan_page(&token, 1), &[("answer:policy-1", "4")])
        .await;
    assert_eq!(status, 410);
    assert!(page.contains("afgesloten"));
    let (status, _, _) = app
        .post_form(&paths::scan_page(&token, "review"), &[])
        .await;
    assert_eq!(status, 410);
    let stored = answer::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.value, "1");
    assert!(response::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .submitted_at
        .is_none());
    app.cleanup().await;
}

async fn answers_outside_the_scale_or_the_step_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let step1 = paths::scan_page(&token, 1);

    // One bad value among good ones: the whole form is refused.
    let (status, _, page) = app
        .post_form(
            &step1,
            &[
                ("answer:policy-1", "3"),
                ("answer:policy-2", "5"),
                ("comment", "x"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("&#39;5&#39; is geen antwoord op stelling &#39;policy-2&#39;"),
        "{page}"
    );

    let (status, _, page) = app
        .post_form(&step1, &[("answer:policy-1", "3"), ("answer:risk-1", "2")])
        .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Stelling &#39;risk-1&#39; hoort niet bij stap 1"),
        "{page}"
    );

    let (status, _, page) = app.post_form(&step1, &[("answer:made-up-9", "2")]).await;
    assert_eq!(status, 422);
    assert!(page.contains("made-up-9"));

    let (status, _, _) = app
        .post_form(&step1, &[("answer:policy-1", "<script>alert(1)</script>")])
        .await;
    assert_eq!(status, 422);

    let (status, _, _) = app
        .post_form(&paths::scan_page(&token, 11), &[("answer:policy-1", "3")])
        .await;
    assert_eq!(status, 404);

    assert_eq!(answer_count(&app).await, 0);
    assert_eq!(
        dimension_comment::Entity::find()
            .count(&app.ctx.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        response::Entity::find().count(&app.ctx.db).await.unwrap(),
        0
    );
    app.cleanup().await;
}

async fn a_click_is_saved_by_the_autosave_server_function(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let path = <SaveAnswer as ServerFn>::PATH;
    let save = |statement: &'static str, value: &'static str| {
        let token = token.clone();
        let app = &app;
        async move {
            app.client
                .post(app.url(path))
                .form(&[
                    ("token", token.as_str()),
                    ("statement", statement),
                    ("value", value),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    assert!(save("risk-2", "4").await.status().is_success());
    assert!(save("risk-2", "dont_know").await.status().is_success());
    let stored = answer::Entity::find().all(&app.ctx.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].statement_id.as_str(), stored[0].value.as_str()),
        ("risk-2", "dont_know")
    );
    let current = response::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.current_step, 4, "risk is the fourth dimension");

    let refused = save("risk-2", "9").await;
    assert!(!refused.status().is_success());
    let refused = save("unknown-1", "2").await;
    assert!(!refused.status().is_success());
    assert_eq!(
        answer::Entity::find()
            .one(&app.ctx.db)
            .await
            .unwrap()
            .unwrap()
            .value,
        "dont_know"
    );
    app.cleanup().await;
}

async fn posts_from_other_sites_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let bare = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = app.url(&paths::scan_page(&token, 1));
    let no_origin = bare
        .post(&url)
        .form(&[("answer:policy-1", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_origin.status().as_u16(), 403);
    let foreign = bare
        .post(&url)
        .header("Origin", "https://evil.example")
        .form(&[("answer:policy-1", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status().as_u16(), 403);
    let foreign_fn = bare
        .post(app.url(<SaveAnswer as ServerFn>::PATH))
        .header("Origin", "https://evil.example")
        .form(&[
            ("token", token.as_str()),
            ("statement", "policy-1"),
            ("value", "3"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(foreign_fn.status().as_u16(), 403);
    // A request's own Host proves nothing: whoever sends it chooses it. Only the configured
    // public address counts.
    let forged_host = bare
        .post(&url)
        .header("Host", "evil.example")
        .header("Origin", "http://evil.example")
        .form(&[("answer:policy-1", "3")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged_host.status().as_u16(), 403);
    assert_eq!(answer_count(&app).await, 0);
    app.cleanup().await;
}

async fn the_language_switch_is_remembered(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let response = app
        .client
        .get(app.url(&format!(
            "{}?next={}",
            paths::LANGUAGE.with("fr"),
            paths::SCAN.with(&token)
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        response.headers()["location"].to_str().unwrap(),
        paths::SCAN.with(&token)
    );
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("qs_lang=fr;"), "{cookie}");

    for (code, welcome, statement) in [
        ("fr", "Bienvenue dans le QuickScan", "fr"),
        ("en", "Welcome to the QuickScan", "en"),
        ("nl", "Welkom bij de QuickScan", "nl"),
    ] {
        let page = app
            .client
            .get(app.url(&paths::SCAN.with(&token)))
            .header("Cookie", format!("qs_lang={code}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(
            Page::parse(&page).attr("html", "lang").as_deref(),
            Some(code),
            "{page}"
        );
        assert!(page.contains(welcome));
        let step = app
            .client
            .get(app.url(&paths::scan_page(&token, 1)))
            .header("Cookie", format!("qs_lang={code}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let first = &app.ctx.models.current().dimensions[0].statements[0].text;
        let expected = match statement {
            "fr" => &first.fr,
            "en" => &first.en,
            _ => &first.nl,
        };
        assert!(
            step.contains(&expected.replace('\'', "&#x27;")) || step.contains(expected.as_str())
        );
    }
    // Only local paths are returned to.
    let response = app
        .client
        .get(app.url(&format!(
            "{}?next=//evil.example/",
            paths::LANGUAGE.with("en")
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["location"], paths::HOME.pattern());
    app.cleanup().await;
}

async fn an_empty_response_cannot_be_submitted(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let (status, _, page) = app
        .post_form(&paths::scan_page(&token, "review"), &[])
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("nog geen enkele stelling beantwoord"));
    // Only "next" without answers creates the response but still nothing to submit.
    app.post_form(&paths::scan_page(&token, 1), &[("nav", "next")])
        .await;
    let (status, _, _) = app
        .post_form(&paths::scan_page(&token, "review"), &[])
        .await;
    assert_eq!(status, 422);
    assert!(response::Entity::find()
        .one(&app.ctx.db)
        .await
        .unwrap()
        .unwrap()
        .submitted_at
        .is_none());
    app.cleanup().await;
}

/// The model's statements about behaviour ("how often") carry answer labels of their own on
/// the same 0–4 scale; the others keep the maturity levels' names.
async fn a_statement_about_behaviour_is_answered_with_labels_of_its_own(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.seed_open_round().await.remove(0);
    let model = app.ctx.models.current();
    let (step, dimension) = model
        .dimensions
        .iter()
        .enumerate()
        .find(|(_, d)| d.statements.iter().any(|s| s.scale.is_some()))
        .expect("the current model has a statement with labels of its own");
    let own = dimension
        .statements
        .iter()
        .find(|s| s.scale.is_some())
        .unwrap();
    let plain = model
        .dimensions
        .iter()
        .flat_map(|d| &d.statements)
        .find(|s| s.scale.is_none())
        .unwrap();
    let (status, page) = app.get(&paths::scan_page(&token, step as u32 + 1)).await;
    assert_eq!(status, 200);
    let page = Page::parse(&page);
    let label = |statement: &str, code: &str| {
        page.texts(&format!("label[for=\"{statement}-{code}\"] .level-label"))
            .join("")
    };
    let scale = own.scale.as_ref().unwrap();
    assert_eq!(label(&own.id, "0"), scale.levels[0].nl);
    assert_eq!(label(&own.id, "4"), scale.levels[4].nl);
    assert_eq!(
        label(&own.id, "dont_know"),
        quickscan_domain::AnswerValue::DontKnow.label(quickscan_domain::Lang::Nl)
    );
    assert_ne!(
        scale.levels[2].nl,
        quickscan_domain::MaturityLevel::Developing.label(quickscan_domain::Lang::Nl)
    );
    // A statement without a scale of its own, on its own step, keeps the levels' names.
    let plain_step = model
        .dimensions
        .iter()
        .position(|d| d.has_statement(&plain.id))
        .unwrap();
    let (_, page) = app
        .get(&paths::scan_page(&token, plain_step as u32 + 1))
        .await;
    let page = Page::parse(&page);
    assert_eq!(
        page.texts(&format!("label[for=\"{}-2\"] .level-label", plain.id))
            .join(""),
        quickscan_domain::MaturityLevel::Developing.label(quickscan_domain::Lang::Nl)
    );
    app.cleanup().await;
}
