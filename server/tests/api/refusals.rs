//! Issue 17 item 9: every refusal of a signed-in person is in the audit log with who, what
//! and which record, and a burst of them is flagged on the audit page.

use crate::helpers::{spawn_app, Backend};
use crate::session::{count, person_id, User};
use pathway_core::organisation::RefusalBurst;

/// The refusal bursts the audit page would warn about, as the administrator reads them.
async fn bursts(admin: &User) -> Vec<RefusalBurst> {
    let response = admin.call("admin/refusal_bursts", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

on_both_databases!(
    refusals_are_logged_and_a_burst_is_flagged_for_the_administrator,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let (jordan_id, ben) = (
            person_id(&app, "Jordan Ellis").await,
            person_id(&app, "Ben Castillo").await,
        );
        // a server function refuses: who, what and which record are logged
        let refused = jordan
            .call("people/level_history", &[("person_id", &ben)])
            .await;
        assert_eq!(refused.status(), 403);
        let (actor, record, detail): (String, String, String) = sqlx::query_as(
            "SELECT actor_id, record_id, detail FROM audit_log WHERE action = 'access_denied'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(
            (actor.as_str(), record.as_str(), detail.as_str()),
            (
                jordan_id.as_str(),
                ben.as_str(),
                "POST /api/people/level_history"
            )
        );
        // a page refuses: the id comes from its address
        let page = jordan.get(&format!("/admin/person?id={ben}")).await;
        assert_eq!(page.status(), 403);
        assert_eq!(
            count(
                &app,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'access_denied' AND record_id = '{ben}' AND detail = 'GET /admin/person'"
                )
            )
            .await,
            1
        );
        // nobody signed in: told to sign in, and nothing is written
        let anonymous = User::anonymous(&app);
        let status = anonymous
            .call("people/level_history", &[("person_id", &ben)])
            .await
            .status();
        assert_eq!(status, 401);
        let logged = "SELECT COUNT(*) FROM audit_log WHERE action = 'access_denied'";
        assert_eq!(count(&app, logged).await, 2);
        // two refusals are no burst
        let found = bursts(&admin).await;
        assert!(found.is_empty(), "{found:?}");
        // trying one id after another is
        for _ in 0..9 {
            let status = jordan
                .call("people/level_history", &[("person_id", &ben)])
                .await
                .status();
            assert_eq!(status, 403);
        }
        let found = bursts(&admin).await;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].person_id.as_str(), found[0].refusals),
            (jordan_id.as_str(), 11)
        );
        let audit_page = admin.html("/admin/audit").await;
        assert!(
            audit_page.contains("Jordan Ellis was refused 11 times between"),
            "{audit_page}"
        );
    }
);
