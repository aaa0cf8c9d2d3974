//! Issue 12: record ids are parsed once, at the server's edge. Text that is not an id (too
//! long, quotes, slashes, empty) names no record: after the caller is checked it is a 404,
//! and nothing behind it (query, audit entry, write) runs.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{signed_in, User};

/// Text a tampered form or URL could carry in place of an id.
const NOT_IDS: [&str; 4] = [
    "x' OR '1'='1",
    "../../people",
    "0190f5c2-0000-7000-8000-0000000000000000000000000000000000000000000000",
    " ",
];

/// Endpoints that take an id, with the field that carries it.
const ID_ENDPOINTS: [(&str, &str); 4] = [
    ("people/get", "person_id"),
    ("people/level_history", "person_id"),
    ("portfolio/list_evidence", "person_id"),
    ("portfolio/get_evidence", "id"),
];

on_both_databases!(
    ids_text_that_is_not_an_id_is_refused_at_the_edge,
    |backend: Backend| async move {
        let (app, jordan, _) = signed_in(backend, "Jordan Ellis").await;
        let anonymous = User::anonymous(&app);
        for (endpoint, field) in ID_ENDPOINTS {
            for text in NOT_IDS {
                // permission first: someone not signed in learns nothing about the id's shape
                let status = anonymous.call(endpoint, &[(field, text)]).await.status();
                assert_eq!(status.as_u16(), 401, "{endpoint} anonymous with {text:?}");
                let status = jordan.call(endpoint, &[(field, text)]).await.status();
                assert_eq!(status.as_u16(), 404, "{endpoint} with {text:?}");
            }
        }
    }
);

on_both_databases!(
    ids_an_administrator_action_on_a_malformed_id_writes_nothing,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let before = audit_entries(&app).await;
        for endpoint in ["admin/deactivate", "admin/set_password_link"] {
            for text in NOT_IDS {
                let status = admin.call(endpoint, &[("person_id", text)]).await.status();
                assert_eq!(status.as_u16(), 404, "{endpoint} with {text:?}");
            }
        }
        assert_eq!(
            audit_entries(&app).await,
            before,
            "no audit entry for a refused id"
        );
    }
);

async fn audit_entries(app: &TestApp) -> i64 {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    count
}
