//! Issue 14 item 4 on both databases. DEC-5: a worker who disagrees with a plan challenges
//! it up the line, and the service manager over the team responds; DEC-4: a departing
//! manager's statement stays in the portfolio, and the manager new to the worker reads the
//! portfolio and may endorse from it. Aisha Rahman (Level 2, Hillcrest) is managed by Helen
//! Fairweather; Daniel Okafor manages Riverside; Priya Natarajan is service manager over both.

use crate::decisions::{in_days, not_yet, notices, observe, page, record};
use crate::helpers::{spawn_app, Backend};
use crate::session::{count, person_id, User};

async fn answer(aisha: &User, decision: &str, answer: &str, comment: &str) {
    let response = aisha
        .call(
            "decisions/answer",
            &[
                ("form[decision]", decision),
                ("form[answer]", answer),
                ("form[comment]", comment),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

async fn respond(user: &User, decision: &str, outcome: &str, comment: &str) -> (u16, String) {
    let response = user
        .call(
            "decisions/respond_to_challenge",
            &[
                ("form[decision]", decision),
                ("form[outcome]", outcome),
                ("form[comment]", comment),
            ],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

on_both_databases!(
    dec_5_a_challenge_goes_up_the_line_and_the_service_managers_response_is_recorded,
    |backend: Backend| async move {
        // Arrange: Helen says "not yet"; Aisha disagrees
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let priya = User::demo(&app, "Priya Natarajan").await;
        let daniel = User::demo(&app, "Daniel Okafor").await;
        let worker = person_id(&app, "Aisha Rahman").await;
        let decision = not_yet(&app, &helen, &worker, &["Two observed home visits"]).await;
        answer(
            &aisha,
            &decision,
            "disagree",
            "The visits depend on the family's consent",
        )
        .await;
        // the service manager over Aisha's team sees the challenge, unanswered, and may respond
        let (_, seen) = page(&priya, &worker).await;
        let seen = seen.unwrap();
        assert!(seen.may_respond);
        let challenge = seen.decisions[0].answer.clone().unwrap();
        assert!(!challenge.agreed && challenge.response.is_none());
        // Act & Assert: nobody else may respond (the manager who decided, another team's
        // manager, the worker)
        for other in [&helen, &daniel, &aisha] {
            let (status, _) = respond(other, &decision, "upheld", "Because").await;
            assert_eq!(status, 403);
        }
        assert!(!page(&helen, &worker).await.1.unwrap().may_respond);
        // a response needs an outcome and reasons, each refused beside its field
        let (status, body) = respond(&priya, &decision, "", " ").await;
        assert_eq!(status, 422);
        assert!(
            body.contains("challenge_outcome") && body.contains("challenge_reasons"),
            "{body}"
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM challenge_responses").await,
            0
        );
        // Act: Priya does not uphold it
        let reasons = "The plan's visits can be arranged with another family";
        let (status, body) = respond(&priya, &decision, "not_upheld", reasons).await;
        assert_eq!(status, 200, "{body}");
        // Assert: recorded once, seen by the worker and the manager who decided, both told
        let (status, body) = respond(&priya, &decision, "upheld", "Second thoughts").await;
        assert_eq!(status, 422);
        assert!(body.contains("already has a response"), "{body}");
        for reader in [&aisha, &helen, &priya] {
            let shown = page(reader, &worker).await.1.unwrap().decisions[0]
                .answer
                .clone()
                .unwrap()
                .response
                .expect("the response is on the record");
            assert_eq!(shown.by, "Priya Natarajan");
            assert!(!shown.upheld);
            assert_eq!(shown.comment, reasons);
        }
        for told in [&aisha, &helen] {
            assert!(
                notices(told)
                    .await
                    .iter()
                    .any(|n| n.subject.contains("not upheld")),
                "the worker and the manager who decided are told"
            );
        }
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'challenge_answered'"
            )
            .await,
            1
        );
        // the page shows it to the worker without JavaScript
        let html = aisha.html(&format!("/decisions?person={worker}")).await;
        assert!(
            html.contains("Response to the challenge, from Priya Natarajan"),
            "{html}"
        );
        assert!(html.contains("Not upheld: the decision stands"));
        // a plan the worker agreed has no challenge to respond to
        let agreed = not_yet(&app, &helen, &worker, &["Two observed home visits"]).await;
        answer(&aisha, &agreed, "agree", "").await;
        let (status, body) = respond(&priya, &agreed, "upheld", "Nothing to answer").await;
        assert_eq!(status, 422);
        assert!(body.contains("no challenge"), "{body}");
    }
);

on_both_databases!(
    dec_4_a_departing_managers_statement_stays_and_the_new_manager_endorses_from_the_portfolio,
    |backend: Backend| async move {
        // Arrange: Helen observes Aisha's practice and, leaving, writes a statement
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let daniel = User::demo(&app, "Daniel Okafor").await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let worker = person_id(&app, "Aisha Rahman").await;
        let observed = observe(&app, &helen, &worker).await;
        let (id, today) = (uuid::Uuid::now_v7().to_string(), in_days(&app, 0));
        let fields = [
            ("form[id]", id.as_str()),
            ("form[person_id]", worker.as_str()),
            ("form[kind]", "departing_manager_statement"),
            ("form[status]", "final"),
            ("form[title]", "Handover from Helen Fairweather"),
            ("form[date]", today.as_str()),
            (
                "form[body]",
                "Aisha's direct work is strong; she is close to ready for Level 3.",
            ),
        ];
        // the worker cannot write a manager's statement about herself
        let mine = aisha.call("portfolio/save_evidence", &fields).await;
        assert_eq!(mine.status(), 422);
        assert!(mine
            .text()
            .await
            .unwrap()
            .contains("written by that manager"));
        // Act: Helen leaves it
        let left = helen.call("portfolio/save_evidence", &fields).await;
        assert_eq!(left.status(), 200, "{}", left.text().await.unwrap());
        // Aisha moves to Riverside: Daniel is now her manager, Helen no longer
        let (north,): (String,) =
            sqlx::query_as("SELECT id FROM teams WHERE name LIKE 'Riverside%'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let moved = admin
            .call(
                "admin/move_team",
                &[("person_id", &worker), ("team_id", &north)],
            )
            .await;
        assert!(moved.status().is_success(), "{}", moved.status());
        // Assert: Helen can no longer see or decide; her statement stays in the portfolio
        assert_eq!(page(&helen, &worker).await.0, 403);
        let portfolio = daniel.html(&format!("/portfolio?person={worker}")).await;
        assert!(
            portfolio.contains("Handover from Helen Fairweather"),
            "{portfolio}"
        );
        // the new manager reviews the portfolio and endorses from Helen's observation
        let (_, offered) = page(&daniel, &worker).await;
        let offered = offered.unwrap();
        assert!(offered.may_decide);
        assert!(offered.observations.iter().any(|o| o.id == observed));
        let cited = format!("form[observations][id-{observed}]");
        let (status, body) = record(
            &daniel,
            &[
                ("form[worker]", worker.as_str()),
                ("form[outcome]", "endorse"),
                (
                    "form[statement]",
                    "From the portfolio and Helen's observations, I endorse Aisha.",
                ),
                (cited.as_str(), "on"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let newest = page(&aisha, &worker).await.1.unwrap().decisions[0].clone();
        assert_eq!(newest.decided_by, "Daniel Okafor");
        assert_eq!(newest.observations[0].id, observed);
    }
);
