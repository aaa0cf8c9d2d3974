//! Administration over real HTTP: bulk import, team moves, role grants, deactivation and
//! the audit log.

use crate::helpers::{spawn_app, Backend};
use crate::session::{count, person_id, User};
use pathway_core::organisation::{AuditEntry, ImportReport};

const GOOD_ROWS: &str = "Full name,Email,Job title,Team,Qualification date,Registration number,Level\r\n\
Nadia Okoye,nadia.okoye@pathway.example,Social Worker,Riverside Family Support Team,2024-07-31,SW123456,social_worker_2\r\n\
\"Quinn, Morgan\",quinn.morgan@pathway.example,Newly Qualified Social Worker,Hillcrest Children in Care Team,01/09/2026,SW654321,Level 1 Newly Qualified Social Worker (ASYE)\r\n";

on_both_databases!(
    a_csv_with_one_bad_row_writes_nothing_and_names_each_problem,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let people_before = count(&app, "SELECT COUNT(*) FROM people").await;
        let csv = format!(
            "{GOOD_ROWS}Bad Row,not-an-email,,Nowhere Team,31/02/2024,12345,Wizard\r\nDup,jordan.ellis@pathway.example,Social Worker,,,,\r\n"
        );
        let response = admin.call("admin/import_people", &[("csv", &csv)]).await;
        assert_eq!(response.status(), 200);
        let report: ImportReport = response.json().await.unwrap();
        assert_eq!(report.imported, 0);
        let problems: Vec<(usize, &str)> = report
            .problems
            .iter()
            .map(|p| (p.row, p.field.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                (3, "Email"),
                (3, "Job title"),
                (3, "Qualification date"),
                (3, "Registration number"),
                (3, "Team"),
                (3, "Level"),
                (4, "Email"),
            ],
            "{:#?}",
            report.problems
        );
        assert!(report.problems[6].message.contains("already exists"));
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM people").await,
            people_before,
            "nothing written"
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'people_imported'"
            )
            .await,
            0
        );

        // the good rows alone import together, with teams, levels and the practitioner role
        let report: ImportReport = admin
            .call("admin/import_people", &[("csv", GOOD_ROWS)])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(report.imported, 2, "{:?}", report.problems);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM people").await,
            people_before + 2
        );
        let quinn = person_id(&app, "Quinn, Morgan").await;
        let record: pathway_core::identity::PersonRecord = admin
            .call("people/get", &[("person_id", &quinn)])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            record.team.as_deref(),
            Some("Hillcrest Children in Care Team")
        );
        assert_eq!(record.level.as_deref(), Some("asye"));
        assert_eq!(record.qualification_date.as_deref(), Some("2026-09-01"));
        assert_eq!(
            record.roles,
            vec![pathway_core::identity::Role::Practitioner]
        );
        // a Level 2 worker is stored with the code every reader understands (it was
        // "social_worker2", which readiness read as no level and showed the ASYE pathway)
        let nadia = person_id(&app, "Nadia Okoye").await;
        let record: pathway_core::identity::PersonRecord = admin
            .call("people/get", &[("person_id", &nadia)])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(record.level.as_deref(), Some("social_worker_2"));
    }
);

on_both_databases!(
    moving_a_worker_ends_the_old_managers_access_at_once,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let old_manager = User::demo(&app, "Daniel Okafor").await;
        let new_manager = User::demo(&app, "Helen Fairweather").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let hillcrest: (String,) =
            sqlx::query_as("SELECT id FROM teams WHERE name LIKE 'Hillcrest%'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(look(&old_manager, &jordan).await, 200);
        assert_eq!(look(&new_manager, &jordan).await, 403);
        let response = admin
            .call(
                "admin/move_team",
                &[("person_id", &jordan), ("team_id", &hillcrest.0)],
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            look(&old_manager, &jordan).await,
            403,
            "old manager's access ended"
        );
        assert_eq!(
            look(&new_manager, &jordan).await,
            200,
            "new manager's access began"
        );
        // history kept: the old row closed, a new one open
        let rows: Vec<(Option<String>,)> = sqlx::query_as(
            "SELECT ends_on FROM team_memberships WHERE person_id = $1 ORDER BY starts_on, ends_on",
        )
        .bind(&jordan)
        .fetch_all(app.db.pool())
        .await
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows.iter().filter(|(ends,)| ends.is_none()).count(), 1);
        let log: Vec<AuditEntry> = admin
            .call("admin/audit_log", &[("filter[action]", "team_move")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].actor, "Alex Morgan");
        assert_eq!(log[0].record_id, jordan);
        assert!(log[0].detail.contains("to Hillcrest"), "{:?}", log[0]);
    }
);

on_both_databases!(
    granting_and_revoking_roles_changes_access_and_is_audited,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let chloe = User::demo(&app, "Chloe Brennan").await;
        let chloe_id = chloe.id().await;
        assert_eq!(chloe.call("admin/people", &[]).await.status(), 403);
        let grant = [("person_id", chloe_id.as_str()), ("role", "administrator")];
        assert_eq!(admin.call("admin/grant_role", &grant).await.status(), 200);
        assert_eq!(
            chloe.call("admin/people", &[]).await.status(),
            200,
            "takes effect at once"
        );
        assert_eq!(
            admin.call("admin/grant_role", &grant).await.status(),
            422,
            "already held"
        );
        assert_eq!(admin.call("admin/revoke_role", &grant).await.status(), 200);
        assert_eq!(chloe.call("admin/people", &[]).await.status(), 403);
        let unknown = [("person_id", chloe_id.as_str()), ("role", "wizard")];
        assert_eq!(admin.call("admin/grant_role", &unknown).await.status(), 422);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action IN ('role_granted', 'role_revoked')"
            )
            .await,
            2
        );
    }
);

on_both_databases!(
    deactivating_a_leaver_ends_their_live_sessions,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let leaver = User::demo(&app, "Ravi Chauhan").await;
        let laptop = User::demo(&app, "Ravi Chauhan").await;
        let ravi = leaver.id().await;
        assert_eq!(
            laptop
                .call("people/get", &[("person_id", &ravi)])
                .await
                .status(),
            200
        );
        let response = admin
            .call("admin/deactivate", &[("person_id", &ravi)])
            .await;
        assert_eq!(response.status(), 200);
        for device in [&leaver, &laptop] {
            assert_eq!(
                device
                    .call("people/get", &[("person_id", &ravi)])
                    .await
                    .status(),
                401
            );
        }
        let (sessions,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE person_id = $1")
                .bind(&ravi)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(sessions, 0);
        // and they cannot sign in again
        let response = User::anonymous(&app)
            .try_sign_in(
                &pathway_store::seed::email_of("Ravi Chauhan"),
                crate::helpers::TEST_PASSWORD,
            )
            .await;
        assert_eq!(response.status(), 422);
    }
);

on_both_databases!(
    administrators_create_people_and_teams_and_read_the_audit_log,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let _ = User::anonymous(&app)
            .try_sign_in("nobody@pathway.example", "whatever it is")
            .await;
        let response = admin
            .call(
                "admin/create_person",
                &[
                    ("form[full_name]", "Zoe Park"),
                    ("form[email]", "Zoe.Park@pathway.example"),
                    ("form[job_title]", "Social Worker"),
                    ("form[level]", "social_worker_2"),
                    ("form[qualification_date]", "2022-07-31"),
                ],
            )
            .await;
        assert_eq!(response.status(), 200);
        let again = admin
            .call(
                "admin/create_person",
                &[
                    ("form[full_name]", "Zoe Park"),
                    ("form[email]", "zoe.park@pathway.example"),
                    ("form[job_title]", "Social Worker"),
                    ("form[level]", "social_worker_2"),
                    ("form[qualification_date]", "2022-07-31"),
                ],
            )
            .await;
        assert_eq!(again.status(), 422, "email already used");
        let response = admin
            .call(
                "admin/create_team",
                &[
                    ("name", "Meadowbank Team"),
                    ("service_area", "Children in Need"),
                ],
            )
            .await;
        assert_eq!(response.status(), 200);
        let teams: Vec<pathway_core::organisation::TeamSummary> =
            admin.call("admin/teams", &[]).await.json().await.unwrap();
        assert_eq!(teams.len(), 3);
        let log: Vec<AuditEntry> = admin
            .call("admin/audit_log", &[])
            .await
            .json()
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        for action in [
            "sign_in",
            "sign_in_failed",
            "person_created",
            "team_created",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        let failed: Vec<AuditEntry> = admin
            .call("admin/audit_log", &[("filter[action]", "sign_in_failed")])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].actor, "", "anonymous");
        assert_eq!(failed[0].ip, "127.0.0.1");
        let by_actor: Vec<AuditEntry> = admin
            .call("admin/audit_log", &[("filter[actor]", "alex")])
            .await
            .json()
            .await
            .unwrap();
        assert!(by_actor.iter().all(|e| e.actor == "Alex Morgan") && !by_actor.is_empty());
    }
);

async fn look(user: &User, person: &str) -> u16 {
    user.call("people/level_history", &[("person_id", person)])
        .await
        .status()
        .as_u16()
}

on_both_databases!(
    a_refused_form_names_each_field_and_the_page_shows_each_error_beside_its_field,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        // Act: nothing typed
        let blank = [
            ("form[full_name]", " "),
            ("form[email]", "not an address"),
            ("form[job_title]", ""),
        ];
        let response = admin.call("admin/create_person", &blank).await;
        // Assert: one problem per field, each naming its field
        assert_eq!(response.status(), 422);
        let error: pathway_core::error::AppError = response.json().await.unwrap();
        let fields: Vec<String> = error
            .field_errors("unused")
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["full_name", "email", "job_title", "level"]);
        // without JavaScript: the page comes back with a linked summary and inline messages
        let response = admin
            .post_form("/api/admin/create_person", Some("/admin/people"), &blank)
            .await;
        assert_eq!(response.status(), 302);
        let html = admin
            .html(response.headers()["location"].to_str().unwrap())
            .await;
        for field in ["full_name", "email", "job_title", "level"] {
            assert!(
                html.contains(&format!(r##"<a href="#{field}">"##)),
                "{field} linked"
            );
            assert!(
                html.contains(&format!(r#"id="{field}-error""#)),
                "{field} message"
            );
        }
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM people WHERE job_title = ''").await,
            0,
            "nothing half-written"
        );
    }
);

on_both_databases!(
    every_form_on_a_persons_admin_page_posts_to_an_endpoint_that_exists,
    |backend: Backend| async move {
        // JavaScript off, each form is a plain post: one whose action names no server
        // function would answer "not found" to the administrator (the Deactivate form once did)
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let page = admin.html(&format!("/admin/person?id={jordan}")).await;
        let actions: Vec<&str> = page
            .split("action=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|action| action.starts_with("/api/"))
            .collect();
        assert!(actions.len() >= 7, "{actions:?}");
        // what this test tells apart: an action naming no server function answers 404
        let missing = admin.call("admin/deactivate_person", &[]).await.status();
        assert_eq!(missing, 404);
        for action in actions {
            let endpoint = action.trim_start_matches("/api/");
            // no fields: refused for what is missing, never for an endpoint that is not there
            let status = admin.call(endpoint, &[]).await.status();
            assert_ne!(status, 404, "{action}");
        }
    }
);
