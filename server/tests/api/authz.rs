//! The role × server-function matrix: every demo role calls every protected server function
//! over real HTTP with its own session cookie, and the answer is exactly what the policy in
//! `pathway_store::authz` allows. Anonymous → 401; forbidden and non-existent → the same 403.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{person_id, signed_in, User};

const DEMO: [&str; 11] = [
    "Alex Morgan",       // administrator
    "Priya Natarajan",   // service manager of both teams, panel chair
    "Daniel Okafor",     // team manager, Riverside (north)
    "Helen Fairweather", // team manager, Hillcrest (south), panel member
    "Grace Whitfield",   // principal social worker, panel member
    "Tomasz Kowalczyk",  // L&D administrator, panel member
    "Maya Lindqvist",    // panel secretariat
    "Samuel Adeyemi",    // senior practitioner (north), practice supervisor of Ben and Ella
    "Jordan Ellis",      // level 2 (north)
    "Ben Castillo",      // ASYE (north), supervised by Samuel
    "Chloe Brennan",     // level 3 (south)
];

async fn sign_in_everyone(app: &TestApp) -> Vec<(&'static str, User)> {
    let mut users = Vec::new();
    for name in DEMO {
        users.push((name, User::demo(app, name).await));
    }
    users
}

async fn status(user: &User, endpoint: &str, form: &[(&str, &str)]) -> u16 {
    user.call(endpoint, form).await.status().as_u16()
}

on_both_databases!(
    practice_records_are_seen_only_by_the_person_their_supervisor_and_managers,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let users = sign_in_everyone(&app).await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let ben = person_id(&app, "Ben Castillo").await;
        // (caller, level_history of Jordan, people/get of Jordan, level_history of Ben)
        let expected: [(&str, u16, u16, u16); 11] = [
            // administrators record levels (issue 14 item 1), so they read the history too
            ("Alex Morgan", 200, 200, 200),
            ("Priya Natarajan", 200, 200, 200),
            ("Daniel Okafor", 200, 200, 200),
            ("Helen Fairweather", 403, 403, 403),
            ("Grace Whitfield", 403, 403, 403),
            ("Tomasz Kowalczyk", 403, 403, 403),
            ("Maya Lindqvist", 403, 403, 403),
            ("Samuel Adeyemi", 403, 403, 200),
            ("Jordan Ellis", 200, 200, 403),
            ("Ben Castillo", 403, 403, 200),
            ("Chloe Brennan", 403, 403, 403),
        ];
        let mut failures = Vec::new();
        for (name, history, get, ben_history) in expected {
            let user = &users.iter().find(|(n, _)| *n == name).unwrap().1;
            let actual = (
                status(user, "people/level_history", &[("person_id", &jordan)]).await,
                status(user, "people/get", &[("person_id", &jordan)]).await,
                status(user, "people/level_history", &[("person_id", &ben)]).await,
            );
            if actual != (history, get, ben_history) {
                failures.push(format!(
                    "{name}: expected {:?}, got {actual:?}",
                    (history, get, ben_history)
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // anonymous callers are told to sign in
        let anonymous = User::anonymous(&app);
        assert_eq!(
            status(
                &anonymous,
                "people/level_history",
                &[("person_id", &jordan)]
            )
            .await,
            401
        );
        assert_eq!(
            status(&anonymous, "people/get", &[("person_id", &jordan)]).await,
            401
        );
    }
);

on_both_databases!(
    a_worker_changing_the_id_learns_nothing_about_other_records,
    |backend: Backend| async move {
        let (app, jordan, own) = signed_in(backend, "Jordan Ellis").await;
        let ben = person_id(&app, "Ben Castillo").await;
        let own_history = jordan
            .call("people/level_history", &[("person_id", &own)])
            .await;
        assert_eq!(own_history.status(), 200);
        let other = jordan
            .call("people/level_history", &[("person_id", &ben)])
            .await;
        let missing = jordan
            .call(
                "people/level_history",
                &[("person_id", "0190f5c2-0000-7000-8000-000000000000")],
            )
            .await;
        assert_eq!(other.status(), 403);
        assert_eq!(missing.status(), 403);
        assert_eq!(
            other.text().await.unwrap(),
            missing.text().await.unwrap(),
            "indistinguishable"
        );
    }
);

on_both_databases!(
    administration_is_for_administrators_only,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let users = sign_in_everyone(&app).await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let team: (String,) = sqlx::query_as("SELECT id FROM teams ORDER BY name LIMIT 1")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let endpoints: Vec<(&str, Vec<(&str, &str)>)> = vec![
            ("admin/people", vec![]),
            ("admin/teams", vec![]),
            ("admin/audit_log", vec![]),
            ("admin/refusal_bursts", vec![]),
            (
                "admin/create_person",
                vec![
                    ("form[full_name]", "Eve Intruder"),
                    ("form[email]", "eve@pathway.example"),
                    ("form[job_title]", "Social Worker"),
                    ("form[level]", "none"),
                ],
            ),
            (
                "admin/create_team",
                vec![("name", "Shadow Team"), ("service_area", "Nowhere")],
            ),
            (
                "admin/grant_role",
                vec![("person_id", &jordan), ("role", "administrator")],
            ),
            (
                "admin/revoke_role",
                vec![("person_id", &jordan), ("role", "practitioner")],
            ),
            (
                "admin/move_team",
                vec![("person_id", &jordan), ("team_id", &team.0)],
            ),
            ("admin/set_password_link", vec![("person_id", &jordan)]),
            ("admin/reset_two_step", vec![("person_id", &jordan)]),
            ("admin/end_sessions", vec![("person_id", &jordan)]),
            (
                "admin/import_people",
                vec![(
                    "csv",
                    "Full name,Email,Job title\nEve,eve@pathway.example,SW\n",
                )],
            ),
            ("admin/deactivate", vec![("person_id", &jordan)]),
        ];
        let anonymous = User::anonymous(&app);
        let mut failures = Vec::new();
        for (endpoint, form) in &endpoints {
            let got = status(&anonymous, endpoint, form).await;
            if got != 401 {
                failures.push(format!("anonymous {endpoint}: {got}"));
            }
            for (name, user) in users.iter().filter(|(name, _)| *name != "Alex Morgan") {
                let got = status(user, endpoint, form).await;
                if got != 403 {
                    failures.push(format!("{name} {endpoint}: {got}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        // nothing was changed by any of the refused calls
        let admin = &users[0].1;
        assert_eq!(status(admin, "admin/people", &[]).await, 200);
        assert_eq!(status(admin, "admin/teams", &[]).await, 200);
        assert_eq!(status(admin, "admin/audit_log", &[]).await, 200);
        let (eves,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM people WHERE email = 'eve@pathway.example'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(eves, 0);
        let (admins,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM role_grants WHERE role = 'administrator' AND revoked_at IS NULL",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(admins, 1);
    }
);
