//! Issue 14 item 3 (DEC-2: a development plan is "monitored in supervision"), on both
//! databases: Aisha Rahman's team manager, Helen Fairweather, records each action's
//! progress from a supervision on Aisha's current "not yet" plan; the history shows under
//! each action for everyone who may see the decision.

use crate::decisions::{in_days, not_yet, notices, page};
use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{count, person_id, User};

/// Helen records "not yet" with two actions; answers the decision's id.
async fn plan(app: &TestApp, helen: &User, aisha: &str) -> String {
    not_yet(
        app,
        helen,
        aisha,
        &["Two observed home visits", "Lead a core group meeting"],
    )
    .await
}

async fn supervise(user: &User, fields: &[(&str, &str)]) -> (u16, String) {
    let response = user.call("decisions/record_supervision", fields).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

on_both_databases!(
    dec_2_progress_on_each_action_is_recorded_in_supervision_with_its_history,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let priya = User::demo(&app, "Priya Natarajan").await;
        let daniel = User::demo(&app, "Daniel Okafor").await;
        let worker = person_id(&app, "Aisha Rahman").await;
        let decision = plan(&app, &helen, &worker).await;
        let today = in_days(&app, 0);
        let good = [
            ("form[decision]", decision.as_str()),
            ("form[held_on]", today.as_str()),
            ("form[progress][a-1]", "under_way"),
            ("form[note][a-1]", "One visit so far, with Family K"),
            ("form[progress][a-2]", "not_started"),
        ];
        // only the worker's team manager (or practice supervisor) records supervision
        assert!(page(&helen, &worker).await.1.unwrap().may_supervise);
        for other in [&aisha, &priya] {
            assert!(!page(other, &worker).await.1.unwrap().may_supervise);
        }
        for other in [&aisha, &priya, &daniel] {
            assert_eq!(supervise(other, &good).await.0, 403);
        }
        // Act & Assert: every action needs its progress and the supervision its date
        let (status, body) = supervise(&helen, &[("form[decision]", decision.as_str())]).await;
        assert_eq!(status, 422);
        for field in ["held_on", "progress_1", "progress_2"] {
            assert!(body.contains(field), "{field}: {body}");
        }
        let tomorrow = in_days(&app, 1);
        let mut future = good;
        future[1] = ("form[held_on]", tomorrow.as_str());
        let (status, body) = supervise(&helen, &future).await;
        assert_eq!(status, 422);
        assert!(body.contains("today or in the past"), "{body}");
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM supervision_records").await,
            0
        );
        // Act: two supervisions
        let (status, body) = supervise(&helen, &good).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = supervise(
            &helen,
            &[
                ("form[decision]", decision.as_str()),
                ("form[held_on]", today.as_str()),
                ("form[progress][a-1]", "done"),
                ("form[progress][a-2]", "under_way"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // Assert: the worker sees each action's history, newest first, and was told
        let seen = page(&aisha, &worker).await.1.unwrap();
        let first = &seen.decisions[0].actions[0].progress;
        assert_eq!(first.len(), 2);
        assert_eq!(first[0].progress, "Done");
        assert_eq!(first[1].progress, "Under way");
        assert_eq!(first[1].note, "One visit so far, with Family K");
        assert_eq!(first[1].recorded_by, "Helen Fairweather");
        assert_eq!(
            seen.decisions[0].actions[1].progress[0].progress,
            "Under way"
        );
        assert!(notices(&aisha).await.iter().any(|n| n
            .subject
            .starts_with("Progress on your development plan was recorded")));
        let html = aisha.html(&format!("/decisions?person={worker}")).await;
        assert!(html.contains("One visit so far, with Family K"), "{html}");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'supervision_recorded'"
            )
            .await,
            2
        );
        // a plan replaced by a newer decision takes no more progress
        plan(&app, &helen, &worker).await;
        let (status, body) = supervise(&helen, &good).await;
        assert_eq!(status, 422);
        assert!(body.contains("current development plan"), "{body}");
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM supervision_topics").await,
            4
        );
    }
);

on_both_databases!(
    a_refused_supervision_keeps_what_was_typed_with_javascript_off,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let worker = person_id(&app, "Aisha Rahman").await;
        let decision = plan(&app, &helen, &worker).await;
        let back = format!("/decisions?person={worker}");
        // no date: refused, and what was typed comes back beside the error
        let response = helen
            .post_form(
                "/api/decisions/record_supervision",
                Some(&back),
                &[
                    ("form[decision]", decision.as_str()),
                    ("form[progress][a-1]", "under_way"),
                    ("form[note][a-1]", "Typed during supervision"),
                    ("form[progress][a-2]", "done"),
                ],
            )
            .await;
        assert!(response.status().is_redirection());
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let html = helen.html(&location).await;
        assert!(html.contains("Enter the date of the supervision"), "{html}");
        assert!(
            html.contains("Typed during supervision"),
            "the note is kept"
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM supervision_records").await,
            0
        );
    }
);
