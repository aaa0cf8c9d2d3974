//! Sign-in, sign-out, sessions, throttling and passwords over real HTTP.

use crate::helpers::TEST_PASSWORD;
use crate::helpers::{spawn_app, Backend};
use crate::session::{count, person_id, signed_in, User};
use pathway_store::seed::email_of;

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pathway_session="))
        .map(str::to_string)
}

on_both_databases!(
    sign_in_sets_a_hardened_cookie_and_sign_out_ends_the_session,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        let user = User::anonymous(&app);
        // Act
        let response = user
            .try_sign_in("Jordan.Ellis@pathway.example", TEST_PASSWORD)
            .await;
        // Assert
        assert_eq!(response.status(), 200);
        let cookie = session_cookie(&response).expect("session cookie");
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(attribute), "{cookie}");
        }
        let me: Option<pathway_core::identity::CurrentUser> =
            user.call("auth/me", &[]).await.json().await.unwrap();
        let me = me.expect("signed in");
        assert_eq!(me.name, "Jordan Ellis");
        assert_eq!(me.roles, vec![pathway_core::identity::Role::Practitioner]);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in'"
            )
            .await,
            1
        );
        // the database keeps only a digest of the token
        let token = cookie
            .split(';')
            .next()
            .unwrap()
            .trim_start_matches("pathway_session=");
        let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE id_hash = $1")
            .bind(token)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(stored, 0, "raw token never stored");

        let response = user.call("auth/sign_out", &[]).await;
        assert_eq!(response.status(), 200);
        assert!(session_cookie(&response).unwrap().contains("Max-Age=0"));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
        let me: Option<pathway_core::identity::CurrentUser> =
            user.call("auth/me", &[]).await.json().await.unwrap();
        assert_eq!(me, None);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_out'"
            )
            .await,
            1
        );
    }
);

on_both_databases!(
    wrong_password_and_unknown_email_get_the_same_answer,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let user = User::anonymous(&app);
        let wrong = user
            .try_sign_in(&email_of("Jordan Ellis"), "not the password")
            .await;
        assert_eq!(wrong.status(), 422);
        let wrong = wrong.text().await.unwrap();
        let unknown = user
            .try_sign_in("nobody@pathway.example", "not the password")
            .await;
        assert_eq!(unknown.status(), 422);
        assert_eq!(unknown.text().await.unwrap(), wrong);
        assert!(
            wrong.contains("Enter a correct email address and password"),
            "{wrong}"
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed'"
            )
            .await,
            2
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    }
);

on_both_databases!(
    signing_in_again_rotates_the_session_id,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let user = User::demo(&app, "Jordan Ellis").await;
        let (first,): (String,) = sqlx::query_as("SELECT id_hash FROM sessions")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let response = user
            .try_sign_in(&email_of("Jordan Ellis"), TEST_PASSWORD)
            .await;
        assert_eq!(response.status(), 200);
        let rows: Vec<(String,)> = sqlx::query_as("SELECT id_hash FROM sessions")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
        assert_eq!(rows.len(), 1, "the old session ended");
        assert_ne!(rows[0].0, first, "a new id");
    }
);

on_both_databases!(
    sessions_end_after_idle_and_absolute_timeouts,
    |backend: Backend| async move {
        let (app, user, me) = signed_in(backend, "Jordan Ellis").await;
        // idle for 31 minutes
        sqlx::query("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z'")
            .execute(app.db.pool())
            .await
            .unwrap();
        let response = user.call("people/get", &[("person_id", &me)]).await;
        assert_eq!(response.status(), 401);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM sessions").await,
            0,
            "deleted on sight"
        );

        let user = User::demo(&app, "Jordan Ellis").await;
        sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'")
            .execute(app.db.pool())
            .await
            .unwrap();
        assert_eq!(
            user.call("people/get", &[("person_id", &me)])
                .await
                .status(),
            401
        );
    }
);

on_both_databases!(
    an_ended_session_leaves_no_record_once_anyone_signs_in,
    |backend: Backend| async move {
        // the privacy notice: session records go when the session can no longer be used
        let (app, _jordan, _) = signed_in(backend, "Jordan Ellis").await;
        sqlx::query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'")
            .execute(app.db.pool())
            .await
            .unwrap();
        let _aisha = User::demo(&app, "Aisha Rahman").await;
        assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
    }
);

on_both_databases!(
    five_failures_lock_the_account_with_429,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let user = User::anonymous(&app);
        let email = email_of("Aisha Rahman");
        for _ in 0..5 {
            let response = user.try_sign_in(&email, "guessing wrongly").await;
            assert_eq!(response.status(), 422);
        }
        // even the right password is refused while locked
        let response = user.try_sign_in(&email, TEST_PASSWORD).await;
        assert_eq!(response.status(), 429);
        let body = response.text().await.unwrap();
        assert!(
            body.contains("Too many sign-in attempts. Try again in 15 minutes."),
            "{body}"
        );
        // another account from elsewhere is unaffected
        assert_eq!(
            User::anonymous(&app)
                .try_sign_in(&email_of("Ben Castillo"), TEST_PASSWORD)
                .await
                .status(),
            200
        );
    }
);

on_both_databases!(
    set_password_links_work_once_and_expire,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let chloe = person_id(&app, "Chloe Brennan").await;
        let token = admin.set_password_token(&chloe).await;
        let anonymous = User::anonymous(&app);
        // too short a password is refused and the link stays usable
        let response = anonymous.set_password(&token, "short").await;
        assert_eq!(response.status(), 422);
        let response = anonymous
            .set_password(&token, "lantern orchard ferry")
            .await;
        assert_eq!(response.status(), 200);
        User::sign_in(&app, &email_of("Chloe Brennan"), "lantern orchard ferry").await;
        // a second use is refused
        let response = anonymous.set_password(&token, "another long phrase").await;
        assert_eq!(response.status(), 422);
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("expired or has already been used"));

        // an expired link is refused
        let token = admin.set_password_token(&chloe).await;
        sqlx::query("UPDATE set_password_tokens SET expires_at = '2000-01-01T00:00:00Z' WHERE used_at IS NULL")
            .execute(app.db.pool())
            .await
            .unwrap();
        let response = anonymous.set_password(&token, "harbour window maple").await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains("expired"));
        User::sign_in(&app, &email_of("Chloe Brennan"), "lantern orchard ferry").await;
    }
);

on_both_databases!(
    people_change_their_own_password_within_the_policy,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let user = User::demo(&app, "Ella Nowak").await;
        let other_device = User::demo(&app, "Ella Nowak").await;
        let response = user
            .call(
                "auth/change_password",
                &[("current", TEST_PASSWORD), ("new_password", "password1234")],
            )
            .await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains("too common"));
        let response = user
            .call(
                "auth/change_password",
                &[
                    ("current", "wrong current one"),
                    ("new_password", "quiet meadow lantern"),
                ],
            )
            .await;
        assert_eq!(response.status(), 422);
        let response = user
            .call(
                "auth/change_password",
                &[
                    ("current", TEST_PASSWORD),
                    ("new_password", "quiet meadow lantern"),
                ],
            )
            .await;
        assert_eq!(response.status(), 200);
        // this device stays signed in with a fresh session; the other device is signed out
        let me = user.id().await;
        assert_eq!(
            other_device
                .call("people/get", &[("person_id", &me)])
                .await
                .status(),
            401
        );
        User::sign_in(&app, &email_of("Ella Nowak"), "quiet meadow lantern").await;
    }
);

on_both_databases!(
    guessing_the_current_password_is_throttled_like_a_sign_in,
    |backend: Backend| async move {
        // Issue 17 item 10: someone at a computer left signed in cannot try passwords
        // without limit through the change-password form
        let app = spawn_app(backend).await;
        let user = User::demo(&app, "Ella Nowak").await;
        let attempt = |current: &'static str| {
            let form = [
                ("current", current),
                ("new_password", "quiet meadow lantern"),
            ];
            let user = &user;
            async move { user.call("auth/change_password", &form).await.status() }
        };
        for _ in 0..pathway_store::auth::throttle::ACCOUNT_LIMIT {
            assert_eq!(attempt("wrong current one").await, 422);
        }
        assert_eq!(
            attempt(TEST_PASSWORD).await,
            429,
            "even the right one, for now"
        );
    }
);

on_both_databases!(
    a_password_change_spends_an_outstanding_set_password_link,
    |backend: Backend| async move {
        // Issue 17 item 8: a link left in an inbox cannot set the password after the person
        // has changed it themselves
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let ella = person_id(&app, "Ella Nowak").await;
        let token = admin.set_password_token(&ella).await;
        let user = User::demo(&app, "Ella Nowak").await;
        let changed = user
            .call(
                "auth/change_password",
                &[
                    ("current", TEST_PASSWORD),
                    ("new_password", "quiet meadow lantern"),
                ],
            )
            .await;
        assert_eq!(changed.status(), 200);
        let late = User::anonymous(&app)
            .set_password(&token, "someone else's choice")
            .await;
        assert_eq!(late.status(), 422);
        assert!(late
            .text()
            .await
            .unwrap()
            .contains("expired or has already been used"));
        User::sign_in(&app, &email_of("Ella Nowak"), "quiet meadow lantern").await;
    }
);
