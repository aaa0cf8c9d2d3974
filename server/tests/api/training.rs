//! PATH-MGMT-3 over real HTTP, on SQLite and PostgreSQL: Learning & Development publishes
//! its list of core and development courses; a Level 3 worker's readiness names what is
//! done and what is missing; only L&D (and administrators) change the list.

use crate::helpers::{spawn_app, Backend};
use crate::session::User;
use app::api::training::TrainingPage;
use pathway_core::portfolio::views::PathwayView;

async fn add(user: &User, code: &str, title: &str, kind: &str, level: &str) -> (u16, String) {
    let level_key = format!("levels[{level}]");
    let response = user
        .call(
            "training/add_course",
            &[
                ("code", code),
                ("title", title),
                ("kind", kind),
                (&level_key, "on"),
            ],
        )
        .await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn mgmt_3(user: &User) -> (pathway_core::domain::RequirementStatus, String) {
    let view: PathwayView = user
        .call("portfolio/pathway", &[])
        .await
        .json()
        .await
        .unwrap();
    let task = view
        .tasks
        .iter()
        .find(|t| t.id == "PATH-MGMT-3")
        .expect("PATH-MGMT-3 on a Level 3 worker's pathway");
    (task.status, task.reason.clone())
}

on_both_databases!(
    path_mgmt_3_readiness_follows_the_l_and_d_course_list,
    |backend: Backend| async move {
        use pathway_core::domain::RequirementStatus::{Met, NotMet};
        let app = spawn_app(backend).await;
        let tomasz = User::demo(&app, "Tomasz Kowalczyk").await; // L&D administrator
        let chloe = User::demo(&app, "Chloe Brennan").await; // Level 3
        let me = chloe.id().await;
        // the demo list expects four courses at Level 3; L&D removes them all
        let (status, reason) = mgmt_3(&chloe).await;
        assert_eq!(status, NotMet);
        assert!(
            reason.starts_with("0 of 4 core and development courses done"),
            "{reason}"
        );
        for code in ["CORE-01", "CORE-02", "DEV-01", "DEV-02"] {
            let removed = tomasz
                .call("training/remove_course", &[("code", code)])
                .await;
            assert_eq!(removed.status(), 200, "{code}");
        }
        // no courses listed: not met, and it says why
        let (status, reason) = mgmt_3(&chloe).await;
        assert_eq!(status, NotMet);
        assert!(
            reason.contains("lists no core and development courses"),
            "{reason}"
        );
        // L&D publishes two courses for Level 3
        let (status, body) = add(
            &tomasz,
            "core-11",
            "Child protection procedures",
            "core",
            "social_worker_3",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = add(
            &tomasz,
            "DEV-02",
            "Court skills",
            "development",
            "social_worker_3",
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            mgmt_3(&chloe).await,
            (
                NotMet,
                "0 of 2 core and development courses done; still needed: Child protection procedures, Court skills".to_owned()
            )
        );
        // Chloe records the first course as CPD, naming it
        let date = app.db.clock().today().to_string();
        let id = uuid::Uuid::now_v7().to_string();
        let saved = chloe
            .call(
                "portfolio/save_evidence",
                &[
                    ("form[id]", &id),
                    ("form[person_id]", &me),
                    ("form[kind]", "cpd_activity"),
                    ("form[status]", "final"),
                    ("form[title]", "Child protection procedures"),
                    ("form[date]", &date),
                    ("form[body]", "What I learned."),
                    ("form[details][cpd_type]", "core_training"),
                    ("form[details][duration]", "1"),
                    ("form[details][duration_unit]", "days"),
                    ("form[details][counts_towards_allowance]", "no"),
                    ("form[details][course]", "CORE-11"),
                ],
            )
            .await;
        assert_eq!(saved.status(), 200, "{}", saved.text().await.unwrap());
        assert_eq!(
            mgmt_3(&chloe).await,
            (
                NotMet,
                "1 of 2 core and development courses done; still needed: Court skills".to_owned()
            )
        );
        // L&D removes the second course: a new version, and Chloe has done all there is
        let removed = tomasz
            .call("training/remove_course", &[("code", "DEV-02")])
            .await;
        assert_eq!(removed.status(), 200);
        assert_eq!(
            mgmt_3(&chloe).await,
            (Met, "All 1 core and development courses done".to_owned())
        );
        let versions: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM training_lists")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(versions.0, 8, "every change is a new version, none edited");
    }
);

on_both_databases!(
    path_mgmt_3_only_l_and_d_and_administrators_change_the_list,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // (caller, current_training, add_course)
        let expected = [
            ("Alex Morgan", 200, 200),      // administrator
            ("Tomasz Kowalczyk", 200, 200), // L&D administrator
            ("Priya Natarajan", 200, 403),  // service manager, panel chair
            ("Daniel Okafor", 200, 403),    // team manager
            ("Maya Lindqvist", 200, 403),   // panel secretariat
            ("Chloe Brennan", 200, 403),    // practitioner
        ];
        for (i, (name, read, write)) in expected.into_iter().enumerate() {
            let user = User::demo(&app, name).await;
            let page = user.call("training/current", &[]).await;
            assert_eq!(page.status(), read, "{name} reads");
            let page: TrainingPage = page.json().await.unwrap();
            assert_eq!(page.can_edit, write == 200, "{name}");
            let (status, body) = add(&user, &format!("C-{i}"), "A course", "core", "asye").await;
            assert_eq!(status, write, "{name} adds: {body}");
            let removed = user
                .call("training/remove_course", &[("code", "C-0")])
                .await;
            if write == 403 {
                assert_eq!(removed.status(), 403, "{name} removes");
            }
        }
        let anonymous = User::anonymous(&app);
        assert_eq!(anonymous.call("training/current", &[]).await.status(), 401);
        assert_eq!(add(&anonymous, "X", "Y", "core", "asye").await.0, 401);
        assert_eq!(
            anonymous
                .call("training/remove_course", &[("code", "X")])
                .await
                .status(),
            401
        );
    }
);

on_both_databases!(
    path_mgmt_3_a_bad_course_is_refused_with_what_to_fix,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let tomasz = User::demo(&app, "Tomasz Kowalczyk").await;
        let (status, body) = add(&tomasz, "CORE 01!", "", "neither", "asye").await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body.contains("Enter a course code of up to 20 letters"),
            "{body}"
        );
        assert!(body.contains("Enter the course title"), "{body}");
        assert!(
            body.contains("Select whether this is core or development training"),
            "{body}"
        );
        assert_eq!(
            add(&tomasz, "CORE-21", "Course", "core", "asye").await.0,
            200
        );
        let (status, body) = add(&tomasz, "core-21", "Again", "core", "asye").await;
        assert_eq!(status, 422);
        assert!(
            body.contains("already has a course with the code CORE-21"),
            "{body}"
        );
        let none: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM training_lists")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(
            none.0, 2,
            "refused changes publish nothing (the demo list and one addition)"
        );
    }
);
