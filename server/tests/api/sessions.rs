//! Issue 17 item 7: a person sees where they are signed in and ends any session ("that's not
//! me"), or every other one; an administrator ends all of someone's sessions at once.

use crate::helpers::{spawn_app, Backend};
use crate::session::{count, person_id, User};
use pathway_core::identity::{CurrentUser, SessionView};

async fn sessions(user: &User) -> Vec<SessionView> {
    let response = user.call("auth/my_sessions", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn signed_in(user: &User) -> bool {
    let me: Option<CurrentUser> = user.call("auth/me", &[]).await.json().await.unwrap();
    me.is_some()
}

/// The handle of the session `user` is signed in with, as their own list shows it.
async fn own_handle(user: &User) -> String {
    sessions(user)
        .await
        .into_iter()
        .find(|s| s.current)
        .expect("this device")
        .id
}

on_both_databases!(
    a_person_sees_their_sessions_and_ends_any_of_them,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let laptop = User::demo(&app, "Jordan Ellis").await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        let phone = User::demo(&app, "Jordan Ellis").await;
        let listed = sessions(&laptop).await;
        assert_eq!(listed.len(), 3);
        assert_eq!(listed.iter().filter(|s| s.current).count(), 1);
        // a handle is neither a cookie nor what the database keeps
        let stored: Vec<(String,)> = sqlx::query_as("SELECT id_hash FROM sessions")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
        assert!(listed.iter().all(|s| stored.iter().all(|(h,)| *h != s.id)));
        assert!(laptop
            .html("/account/sessions")
            .await
            .contains("This device"));
        // "that's not me": the tablet's session ends
        let tablet_handle = own_handle(&tablet).await;
        let ended = laptop
            .call("auth/end_session", &[("session", &tablet_handle)])
            .await;
        assert_eq!(ended.status(), 200);
        assert!(!signed_in(&tablet).await);
        assert!(signed_in(&phone).await);
        // another person's handle ends nothing
        let ben = User::demo(&app, "Ben Castillo").await;
        let phone_handle = own_handle(&phone).await;
        let refused = ben
            .call("auth/end_session", &[("session", &phone_handle)])
            .await;
        assert_eq!(refused.status(), 404);
        assert!(signed_in(&phone).await);
        // sign out everywhere else
        let everywhere = laptop.call("auth/sign_out_everywhere_else", &[]).await;
        assert_eq!(everywhere.status(), 200);
        assert!(!signed_in(&phone).await);
        assert!(signed_in(&laptop).await, "this device stays signed in");
        // an administrator ends them all
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let all = admin
            .call("admin/end_sessions", &[("person_id", &jordan)])
            .await;
        assert_eq!(all.status(), 200);
        assert!(!signed_in(&laptop).await);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'session_ended'"
            )
            .await,
            3
        );
        // anonymous callers are told to sign in
        let anonymous = User::anonymous(&app);
        for endpoint in [
            "auth/my_sessions",
            "auth/end_session",
            "auth/sign_out_everywhere_else",
        ] {
            let status = anonymous.call(endpoint, &[("session", "x")]).await.status();
            assert_eq!(status, 401, "{endpoint}");
        }
    }
);
