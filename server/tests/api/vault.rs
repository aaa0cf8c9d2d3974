//! The server's half of drafts encrypted at rest (issue 7, docs/security.md): each person's
//! device unlock key goes only to that person's live session, is the same for all their
//! sessions and devices, differs between people, and is refused once the session has ended
//! (what revoking a lost tablet's sessions relies on).

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::User;
use base64::Engine;

async fn unlock_key(app: &TestApp, user: &User) -> (u16, String) {
    let response = user
        .client
        .post(app.url("/api/vault/key"))
        .header("Origin", &app.address)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .expect("POST");
    (response.status().as_u16(), response.text().await.unwrap())
}

on_both_databases!(
    vault_unlock_key_is_released_only_to_its_owners_live_session,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        let laptop = User::demo(&app, "Jordan Ellis").await;
        let ben = User::demo(&app, "Ben Castillo").await;
        // Act
        let (anonymous, _) = unlock_key(&app, &User::anonymous(&app)).await;
        let (status, first) = unlock_key(&app, &tablet).await;
        let (_, again) = unlock_key(&app, &tablet).await;
        let (_, other_device) = unlock_key(&app, &laptop).await;
        let (_, bens) = unlock_key(&app, &ben).await;
        // Assert
        assert_eq!(anonymous, 401, "signed out: no key");
        assert_eq!(status, 200);
        let key: String = serde_json::from_str(&first).expect("a JSON string");
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&key)
            .expect("base64");
        assert_eq!(raw.len(), 32, "256 bits");
        assert_eq!(first, again, "stable for the person");
        assert_eq!(
            first, other_device,
            "every device of the person wraps with it"
        );
        assert_ne!(first, bens, "another person's key is their own");
    }
);

on_both_databases!(
    vault_unlock_key_is_refused_once_the_session_has_ended,
    |backend: Backend| async move {
        // Arrange: a tablet holding a session, which is then ended (signed out here; an
        // administrator's deactivation or a password change ends it the same way)
        let app = spawn_app(backend).await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        assert_eq!(unlock_key(&app, &tablet).await.0, 200);
        let response = tablet
            .client
            .post(app.url("/api/auth/sign_out"))
            .header("Origin", &app.address)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .expect("sign out");
        assert!(response.status().is_success() || response.status().is_redirection());
        // Act
        let (status, _) = unlock_key(&app, &tablet).await;
        // Assert: its drafts now open only with the password
        assert_eq!(status, 401);
    }
);
