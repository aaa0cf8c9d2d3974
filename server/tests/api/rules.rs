//! Issue 11 over real HTTP, on SQLite and PostgreSQL: text that used to crash the server
//! (PATH-L3-8's word counter recursing once per nested bracket), bodies over the limit
//! refused before any other work, and "today" as the UK date (the server's one clock).

use crate::helpers::{spawn_app_with, Backend, Options, TestApp};
use crate::session::{signed_in, User};
use chrono::{TimeZone, Utc};
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::{Change, ChangeOp, PushRequest};
use pathway_store::clock::Clock;

fn statement(person: &str, date: &str, body: &str) -> EvidenceForm {
    EvidenceForm {
        id: uuid::Uuid::now_v7().to_string(),
        person_id: person.into(),
        kind: "reflective_statement".into(),
        status: "draft".into(),
        title: "My reflective statement".into(),
        date: date.into(),
        body: body.into(),
        ..EvidenceForm::default()
    }
}

/// Saves through the editor's server function, as the editor posts it (form-encoded).
async fn save(_app: &TestApp, user: &User, form: &EvidenceForm) -> (u16, String) {
    let response = user
        .call(
            "portfolio/save_evidence",
            &[
                ("form[id]", &form.id),
                ("form[person_id]", &form.person_id),
                ("form[kind]", &form.kind),
                ("form[status]", &form.status),
                ("form[title]", &form.title),
                ("form[date]", &form.date),
                ("form[body]", &form.body),
            ],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn push(app: &TestApp, user: &User, form: &EvidenceForm) -> (u16, String) {
    let request = PushRequest {
        client_id: pathway_core::ids::ClientId::generate(),
        changes: vec![Change {
            mutation: 1,
            id: form.id.parse().unwrap(),
            base_version: 0,
            op: ChangeOp::Save(Box::new(form.clone())),
        }],
    };
    let response = user
        .client
        .post(app.url("/api/sync/push"))
        .header("Origin", &app.address)
        .json(&serde_json::json!({ "request": request }))
        .send()
        .await
        .expect("POST");
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn still_answers(app: &TestApp) {
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200, "the server still answers");
}

on_both_databases!(
    path_l3_8_nested_brackets_at_the_body_limit_do_not_crash_the_server,
    |backend: Backend| async move {
        // Arrange: the demo ASYE worker and 30,000 characters of nested brackets and
        // emphasis (exactly the body limit), which aborted the release server before
        let (app, ben, me) = signed_in(backend, "Ben Castillo").await;
        let today = app.db.clock().today().to_string();
        let nested = "[".repeat(15_000) + &"]".repeat(15_000);
        let emphasis = "*_".repeat(15_000);
        for body in [nested, emphasis] {
            assert_eq!(body.chars().count(), 30_000);
            // Act: through the editor and through the offline app's sync push
            let (status, answer) = save(&app, &ben, &statement(&me, &today, &body)).await;
            // Assert: each is saved (it is within the limit) and the server stays up
            assert_eq!(status, 200, "{answer}");
            still_answers(&app).await;
            let (status, answer) = push(&app, &ben, &statement(&me, &today, &body)).await;
            assert_eq!(status, 200, "{answer}");
            assert!(answer.contains("\"Applied\""), "{answer}");
            still_answers(&app).await;
        }
    }
);

on_both_databases!(
    path_l3_8_a_body_over_the_limit_is_refused_with_the_limit_message,
    |backend: Backend| async move {
        let (app, ben, me) = signed_in(backend, "Ben Castillo").await;
        let today = app.db.clock().today().to_string();
        let body = "[".repeat(20_000) + &"]".repeat(20_000);
        let (status, answer) = save(&app, &ben, &statement(&me, &today, &body)).await;
        assert_eq!(status, 422, "{answer}");
        assert!(
            answer.contains("Reflective statement must be 30,000 characters or fewer"),
            "{answer}"
        );
        let (status, answer) = push(&app, &ben, &statement(&me, &today, &body)).await;
        assert_eq!(status, 200, "{answer}");
        assert!(answer.contains("30,000 characters or fewer"), "{answer}");
        still_answers(&app).await;
    }
);

on_both_databases!(
    today_is_the_uk_date_between_midnight_and_one_in_summer_time,
    |backend: Backend| async move {
        // Arrange: 00:30 on 15 June 2026 in London is 23:30 on 14 June in UTC
        let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 6, 14, 23, 30, 0).unwrap());
        let app = spawn_app_with(
            backend,
            Options {
                clock: Some(clock.clone()),
                ..Options::default()
            },
        )
        .await;
        let ben = User::demo(&app, "Ben Castillo").await;
        let me = ben.id().await;
        // Act: evidence dated today in the UK
        let form = statement(&me, "2026-06-15", "Written just after midnight.");
        let (status, answer) = save(&app, &ben, &form).await;
        // Assert: accepted, not refused as "in the future"
        assert_eq!(status, 200, "{answer}");
        // and a date after the UK's today still is refused
        let (status, answer) = save(&app, &ben, &statement(&me, "2026-06-16", "Tomorrow.")).await;
        assert_eq!(status, 422, "{answer}");
        assert!(answer.contains("must be today or in the past"), "{answer}");
    }
);
