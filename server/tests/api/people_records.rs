//! Issue 14 item 1, on both databases: an administrator keeps a person's career record: a
//! change of level with the date it takes effect and why (kept as history, on the person's
//! page), and a corrected qualification date, which the pathway and DEC-1's flags count
//! from. Each change is audited; nobody else may make it.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{count, person_id, User};
use chrono::Duration;
use pathway_core::identity::{LevelEntry, PersonRecord, Role};
use pathway_core::oversight::WorkerList;
use pathway_core::portfolio::views::PathwayView;

fn day(app: &TestApp, days: i64) -> String {
    (app.db.clock().today() + Duration::days(days)).to_string()
}

async fn record(user: &User, person: &str) -> PersonRecord {
    let response = user.call("people/get", &[("person_id", person)]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn change_level(user: &User, fields: &[(&str, &str)]) -> (u16, String) {
    let response = user.call("admin/change_level", fields).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

on_both_databases!(
    a_change_of_level_is_recorded_with_its_date_and_reason_and_kept_as_history,
    |backend: Backend| async move {
        // Arrange: Jordan Ellis is a Level 2 social worker
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let daniel = User::demo(&app, "Daniel Okafor").await;
        let id = person_id(&app, "Jordan Ellis").await;
        let last_week = day(&app, -7);
        let good = [
            ("form[person_id]", id.as_str()),
            ("form[level]", "social_worker_3"),
            ("form[effective_from]", last_week.as_str()),
            ("form[reason]", "Progression Panel approved the application"),
        ];
        // Act & Assert: only an administrator records it
        assert_eq!(change_level(&daniel, &good).await.0, 403);
        assert_eq!(change_level(&jordan, &good).await.0, 403);
        // each problem beside its field; nothing written
        let (status, body) = change_level(&admin, &[("form[person_id]", id.as_str())]).await;
        assert_eq!(status, 422);
        for field in ["\"level\"", "\"effective_from\"", "\"reason\""] {
            assert!(body.contains(field), "{field}: {body}");
        }
        let tomorrow = day(&app, 1);
        let mut future = good;
        future[2] = ("form[effective_from]", tomorrow.as_str());
        let (status, body) = change_level(&admin, &future).await;
        assert_eq!(status, 422);
        assert!(body.contains("today or in the past"), "{body}");
        let mut same = good;
        same[1] = ("form[level]", "social_worker_2");
        let (status, body) = change_level(&admin, &same).await;
        assert_eq!(status, 422);
        assert!(body.contains("already their level"), "{body}");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'level_changed'"
            )
            .await,
            0
        );
        // Act: the change
        let (status, body) = change_level(&admin, &good).await;
        assert_eq!(status, 200, "{body}");
        // Assert: the record, the history (the old level kept), the worker's pathway, the log
        assert_eq!(
            record(&admin, &id).await.level.as_deref(),
            Some("social_worker_3")
        );
        let history: Vec<LevelEntry> = admin
            .call("people/level_history", &[("person_id", id.as_str())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].level, "social_worker_2");
        assert_eq!(history[1].level, "social_worker_3");
        assert_eq!(history[1].effective_from, last_week);
        assert_eq!(
            history[1].reason,
            "Progression Panel approved the application"
        );
        let pathway: PathwayView = jordan
            .call("portfolio/pathway", &[("person_id", id.as_str())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            pathway.level_title.as_deref(),
            Some("Level 3 Social Worker")
        );
        let (detail,): (String,) =
            sqlx::query_as("SELECT detail FROM audit_log WHERE action = 'level_changed'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(
            detail,
            format!("social_worker_2 to social_worker_3 from {last_week}")
        );
        // the person's page shows the history, newest first
        let page = admin.html(&format!("/admin/person?id={id}")).await;
        let start = page
            .find("id=\"level-history\"")
            .expect("the history table");
        let table = &page[start..start + page[start..].find("</table>").unwrap()];
        let (new, old) = (
            table.find("Level 3 Social Worker").unwrap(),
            table.find("Level 2 Social Worker").unwrap(),
        );
        assert!(new < old, "newest first: {table}");
        assert!(table.contains("Progression Panel approved the application"));
    }
);

on_both_databases!(
    a_corrected_qualification_date_moves_eligibility_and_dec_1_flags_the_worker,
    |backend: Backend| async move {
        // Arrange: Aisha Rahman (Level 2, Hillcrest) is not eligible yet
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let id = person_id(&app, "Aisha Rahman").await;
        let flagged = |list: &WorkerList| {
            list.rows
                .iter()
                .any(|row| row.name == "Aisha Rahman" && row.flagged)
        };
        let workers = || async {
            helen
                .call("oversight/workers", &[])
                .await
                .json::<WorkerList>()
                .await
                .unwrap()
        };
        assert!(!flagged(&workers().await));
        let (before,): (Option<String>,) =
            sqlx::query_as("SELECT qualification_date FROM people WHERE id = $1")
                .bind(&id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        // Act & Assert: a date in the future is refused beside its field; only admins may
        let tomorrow = day(&app, 1);
        let refused = admin
            .call(
                "admin/set_qualification_date",
                &[
                    ("form[person_id]", id.as_str()),
                    ("form[qualification_date]", tomorrow.as_str()),
                ],
            )
            .await;
        assert_eq!(refused.status(), 422);
        assert!(refused
            .text()
            .await
            .unwrap()
            .contains("today or in the past"));
        let three_years_ago = day(&app, -3 * 366);
        let fields = [
            ("form[person_id]", id.as_str()),
            ("form[qualification_date]", three_years_ago.as_str()),
        ];
        assert_eq!(
            helen
                .call("admin/set_qualification_date", &fields)
                .await
                .status(),
            403
        );
        let corrected = admin.call("admin/set_qualification_date", &fields).await;
        assert_eq!(
            corrected.status(),
            200,
            "{}",
            corrected.text().await.unwrap()
        );
        // Assert: she is eligible now, with no decision: flagged on her manager's list
        assert_eq!(
            record(&admin, &id).await.qualification_date.as_deref(),
            Some(three_years_ago.as_str())
        );
        assert!(
            flagged(&workers().await),
            "DEC-1 counts from the corrected date"
        );
        let (detail,): (String,) = sqlx::query_as(
            "SELECT detail FROM audit_log WHERE action = 'qualification_date_changed'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(
            detail,
            format!(
                "{} to {three_years_ago}",
                before.unwrap_or_else(|| "none".into())
            )
        );
    }
);

on_both_databases!(
    a_new_person_needs_a_level_and_someone_without_one_is_not_shown_the_asye_pathway,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let create = |level: &'static str, qualified: &'static str| {
            let admin = &admin;
            async move {
                let response = admin
                    .call(
                        "admin/create_person",
                        &[
                            ("form[full_name]", "Noor Haddad"),
                            ("form[email]", "noor.haddad@pathway.example"),
                            ("form[job_title]", "Social Worker"),
                            ("form[level]", level),
                            ("form[qualification_date]", qualified),
                        ],
                    )
                    .await;
                (response.status().as_u16(), response.text().await.unwrap())
            }
        };
        // no level chosen: refused beside the choice; a level without a qualification date:
        // refused beside the date; nothing written either time
        let (status, body) = create("", "").await;
        assert_eq!(status, 422);
        assert!(body.contains("\"level\""), "{body}");
        let (status, body) = create("social_worker_2", "").await;
        assert_eq!(status, 422);
        assert!(body.contains("\"qualification_date\""), "{body}");
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM people WHERE full_name = 'Noor Haddad'"
            )
            .await,
            0
        );
        // with both, the level is the first row of their history
        let (status, body) = create("social_worker_2", "2023-06-30").await;
        assert_eq!(status, 200, "{body}");
        let id: String = serde_json::from_str(&body).unwrap();
        let person = record(&admin, &id).await;
        assert_eq!(person.level.as_deref(), Some("social_worker_2"));
        assert_eq!(person.qualification_date.as_deref(), Some("2023-06-30"));
        assert!(
            person.roles.contains(&Role::Practitioner),
            "their dashboard: {:?}",
            person.roles
        );
        // someone with no level (the administrator) is not on the pathway: no ASYE steps
        let me = admin.id().await;
        let pathway: PathwayView = admin
            .call("portfolio/pathway", &[("person_id", me.as_str())])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(pathway.level_title, None);
        assert_eq!(pathway.transition_id, None);
        assert!(pathway.tasks.is_empty());
        assert!(
            pathway.summary.starts_with("Not on the career pathway"),
            "{}",
            pathway.summary
        );
    }
);
