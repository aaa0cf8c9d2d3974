//! Issue 14 item 5, policy §6(i): an ASYE worker's probation is confirmed by their line
//! manager (PATH-ASYE-1) and the ASYE programme's completion by Learning and Development
//! (PATH-ASYE-3); neither is declared by the worker. Ben Castillo (ASYE, Riverside) is
//! line-managed by Daniel Okafor and supervised by Samuel Adeyemi; Tomasz Kowalczyk is L&D.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{person_id, User};
use pathway_core::domain::RequirementStatus;
use pathway_core::oversight::{AsyeCohort, AsyeRow};
use pathway_core::portfolio::views::PathwayView;

/// `author` saves a final item of `kind` into Ben's portfolio: the status and body.
async fn confirm(app: &TestApp, author: &User, ben: &str, kind: &str) -> (u16, String, String) {
    let id = uuid::Uuid::now_v7().to_string();
    let date = (app.db.clock().today() - chrono::Duration::days(3)).to_string();
    let response = author
        .call(
            "portfolio/save_evidence",
            &[
                ("form[id]", id.as_str()),
                ("form[person_id]", ben),
                ("form[kind]", kind),
                ("form[status]", "final"),
                ("form[title]", "Confirmed"),
                ("form[date]", date.as_str()),
                ("form[body]", "Confirmed at the review."),
            ],
        )
        .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap(), id)
}

async fn cohort(user: &User) -> AsyeCohort {
    let response = user.call("oversight/asye_cohort", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn ben_in(cohort: &AsyeCohort) -> &AsyeRow {
    cohort
        .rows
        .iter()
        .find(|r| r.name == "Ben Castillo")
        .expect("Ben is in his ASYE year")
}

async fn requirement(ben: &User, ben_id: &str, id: &str) -> RequirementStatus {
    let view: PathwayView = ben
        .call("portfolio/pathway", &[("person_id", ben_id)])
        .await
        .json()
        .await
        .unwrap();
    view.tasks
        .iter()
        .find(|task| task.id == id)
        .unwrap_or_else(|| panic!("{id} on Ben's task list"))
        .status
}

on_both_databases!(
    path_asye_1_probation_is_confirmed_by_the_line_manager_never_by_the_worker,
    |backend: Backend| async move {
        // Arrange: an item Ben added himself before Pathway enforced this
        let app = spawn_app(backend).await;
        let ben = User::demo(&app, "Ben Castillo").await;
        let ben_id = person_id(&app, "Ben Castillo").await;
        let now = pathway_store::clock::stamp(app.db.clock().now());
        sqlx::query(
            "INSERT INTO evidence (id, person_id, kind, status, title, evidence_date, body,
                                   created_by, created_at, updated_by, updated_at)
             VALUES ($1, $2, 'probation', 'final', 'My probation', $3, 'Passed.', $2, $4, $2, $4)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&ben_id)
        .bind(app.db.clock().today().to_string())
        .bind(&now)
        .execute(app.db.pool())
        .await
        .unwrap();
        assert_eq!(
            requirement(&ben, &ben_id, "PATH-ASYE-1").await,
            RequirementStatus::NotMet,
            "self-declared probation does not count"
        );

        // Act + Assert: the worker is told who confirms it; the supervisor may not
        let (status, body, _) = confirm(&app, &ben, &ben_id, "probation").await;
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("confirmed by your line manager"), "{body}");
        let samuel = User::demo(&app, "Samuel Adeyemi").await;
        assert_eq!(confirm(&app, &samuel, &ben_id, "probation").await.0, 403);

        // the line manager confirms it, and PATH-ASYE-1 is met
        let daniel = User::demo(&app, "Daniel Okafor").await;
        let (status, body, _) = confirm(&app, &daniel, &ben_id, "probation").await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            requirement(&ben, &ben_id, "PATH-ASYE-1").await,
            RequirementStatus::Met
        );
    }
);

on_both_databases!(
    path_asye_3_the_programme_is_confirmed_by_learning_and_development,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let ben = User::demo(&app, "Ben Castillo").await;
        let ben_id = person_id(&app, "Ben Castillo").await;
        let tomasz = User::demo(&app, "Tomasz Kowalczyk").await;
        let listed = cohort(&tomasz).await;
        let row = ben_in(&listed);
        assert_eq!(row.completed_on, None);
        assert!(
            listed.rows.iter().all(|r| r.name != "Jordan Ellis"),
            "ASYE workers only"
        );

        // the worker and his line manager are refused; L&D confirms
        let (status, body, _) = confirm(&app, &ben, &ben_id, "asye_completion").await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body.contains("confirmed by Learning and Development"),
            "{body}"
        );
        let daniel = User::demo(&app, "Daniel Okafor").await;
        assert_eq!(
            confirm(&app, &daniel, &ben_id, "asye_completion").await.0,
            403
        );
        // nor does L&D write anything else into a portfolio
        assert_eq!(confirm(&app, &tomasz, &ben_id, "probation").await.0, 403);
        let (status, body, item) = confirm(&app, &tomasz, &ben_id, "asye_completion").await;
        assert_eq!(status, 200, "{body}");

        // Assert: met for Ben, dated on L&D's list, and the item readable by its author
        assert_eq!(
            requirement(&ben, &ben_id, "PATH-ASYE-3").await,
            RequirementStatus::Met
        );
        let listed = cohort(&tomasz).await;
        let row = ben_in(&listed);
        assert_eq!(
            row.completed_on,
            Some(app.db.clock().today() - chrono::Duration::days(3))
        );
        assert_eq!(
            tomasz
                .call("portfolio/get_evidence", &[("id", item.as_str())])
                .await
                .status(),
            200
        );
    }
);
