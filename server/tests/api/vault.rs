//! The server's half of drafts encrypted at rest (issues 7 and 17 item 7, docs/security.md):
//! each person's device unlock key goes only to that person's live session, is the same for
//! all their sessions and devices, differs between people, is refused once the session has
//! ended, and is rotated (older versions still released, so no device is stranded). A device
//! is set up for offline drafting only when its owner asks, gets a pepper the server does not
//! keep, and stops being set up when the owner forgets it.

use crate::helpers::{spawn_app, spawn_app_with, Backend, Options, TEST_PASSWORD};
use crate::session::{person_id, User};
use base64::Engine;
use chrono::{Duration, TimeZone, Utc};
use pathway_core::identity::{DeviceView, UnlockKeys};
use pathway_store::clock::Clock;

async fn unlock_keys(user: &User, have: Option<i64>) -> (u16, Option<UnlockKeys>, Vec<String>) {
    let have = have.map(|v| v.to_string());
    let form: Vec<(&str, &str)> = have.iter().map(|v| ("have", v.as_str())).collect();
    let response = user.call("vault/key", &form).await;
    let status = response.status().as_u16();
    let cookies = set_cookies(&response);
    let keys = if status == 200 {
        Some(response.json().await.expect("keys as JSON"))
    } else {
        None
    };
    (status, keys, cookies)
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect()
}

fn key_bytes(encoded: &str) -> usize {
    base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64")
        .len()
}

async fn devices(user: &User) -> Vec<DeviceView> {
    let response = user.call("auth/my_devices", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
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
        let (anonymous, _, _) = unlock_keys(&User::anonymous(&app), None).await;
        let (status, first, _) = unlock_keys(&tablet, None).await;
        let (_, again, _) = unlock_keys(&tablet, None).await;
        let (_, other_device, _) = unlock_keys(&laptop, None).await;
        let (_, bens, _) = unlock_keys(&ben, None).await;
        // Assert
        assert_eq!(anonymous, 401, "signed out: no key");
        assert_eq!(status, 200);
        let first = first.unwrap();
        assert_eq!(key_bytes(&first.key), 32, "256 bits");
        assert_eq!(first.version, 1);
        assert_eq!(Some(&first), again.as_ref(), "stable for the person");
        assert_eq!(
            first.key,
            other_device.unwrap().key,
            "every device of the person wraps with it"
        );
        assert_ne!(
            first.key,
            bens.unwrap().key,
            "another person's key is their own"
        );
        assert!(
            !first.offline,
            "no device is set up for offline use unasked"
        );
    }
);

on_both_databases!(
    vault_unlock_key_is_refused_once_the_session_has_ended,
    |backend: Backend| async move {
        // Arrange: a tablet holding a session, which is then ended (signed out here; an
        // administrator's deactivation or a password change ends it the same way)
        let app = spawn_app(backend).await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        assert_eq!(unlock_keys(&tablet, None).await.0, 200);
        let response = tablet.call("auth/sign_out", &[]).await;
        assert!(response.status().is_success() || response.status().is_redirection());
        // Act
        let (status, _, _) = unlock_keys(&tablet, None).await;
        // Assert: its drafts now open only with the password (where set up)
        assert_eq!(status, 401);
    }
);

on_both_databases!(
    ending_sessions_elsewhere_rotates_the_unlock_key_and_the_old_version_stays_available,
    |backend: Backend| async move {
        // Arrange: the key a (lost) phone may have held
        let app = spawn_app(backend).await;
        let laptop = User::demo(&app, "Jordan Ellis").await;
        let phone = User::demo(&app, "Jordan Ellis").await;
        let old = unlock_keys(&phone, None).await.1.unwrap();
        // Act: "sign out everywhere else" on the laptop
        let ended = laptop.call("auth/sign_out_everywhere_else", &[]).await;
        assert_eq!(ended.status(), 200);
        let (_, newest, _) = unlock_keys(&laptop, Some(old.version)).await;
        // Assert: a new version; what the phone held is not what devices wrap with now,
        // and a device still wrapped with the old one can open it and wrap it again
        let newest = newest.unwrap();
        assert_eq!(newest.version, old.version + 1);
        assert_ne!(newest.key, old.key);
        assert_eq!(newest.held.as_deref(), Some(old.key.as_str()));
        assert_eq!(
            unlock_keys(&phone, None).await.0,
            401,
            "the phone is signed out"
        );
        // an administrator's ending and a password change rotate it too
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        admin
            .call("admin/end_sessions", &[("person_id", &jordan)])
            .await;
        let again = User::demo(&app, "Jordan Ellis").await;
        let (_, after_admin, _) = unlock_keys(&again, None).await;
        assert_eq!(after_admin.unwrap().version, newest.version + 1);
    }
);

on_both_databases!(
    an_unlock_key_older_than_ninety_days_is_replaced_at_the_next_request,
    |backend: Backend| async move {
        let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap());
        let options = Options {
            clock: Some(clock.clone()),
            ..Options::default()
        };
        let app = spawn_app_with(backend, options).await;
        let first = unlock_keys(&User::demo(&app, "Jordan Ellis").await, None)
            .await
            .1
            .unwrap();
        clock.set(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap() + Duration::days(89));
        let tablet = User::demo(&app, "Jordan Ellis").await;
        let same = unlock_keys(&tablet, None).await.1.unwrap();
        assert_eq!(same.version, first.version, "89 days: kept");
        clock.set(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap() + Duration::days(91));
        let later = User::demo(&app, "Jordan Ellis").await;
        let rotated = unlock_keys(&later, Some(first.version)).await.1.unwrap();
        assert_eq!(rotated.version, first.version + 1, "91 days: a new version");
        assert_eq!(rotated.held.as_deref(), Some(first.key.as_str()));
    }
);

on_both_databases!(
    a_device_is_set_up_for_offline_drafting_only_when_asked_and_stops_when_forgotten,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        let laptop = User::demo(&app, "Jordan Ellis").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        // a sign-in sets nothing up
        let listed = devices(&tablet).await;
        assert_eq!(listed.len(), 2, "two browsers signed in");
        assert!(listed.iter().all(|d| d.offline_since.is_none()));
        // a session with no known-device mark cannot set anything up
        let stranger = User::anonymous(&app);
        assert_eq!(
            stranger
                .call("vault/set_up_offline", &[("password", TEST_PASSWORD)])
                .await
                .status(),
            401
        );
        // "Use this device offline" on the tablet
        let response = tablet
            .call("vault/set_up_offline", &[("password", TEST_PASSWORD)])
            .await;
        assert_eq!(response.status(), 200);
        let cookies = set_cookies(&response);
        let pepper: String = response.json().await.unwrap();
        assert_eq!(key_bytes(&pepper), 32);
        let cookie = cookies
            .iter()
            .find(|c| c.starts_with(&format!("pathway_pepper_{jordan}=")))
            .expect("the pepper's cookie");
        assert!(cookie.contains(&pepper));
        assert!(cookie.contains("SameSite=Strict"));
        assert!(!cookie.contains("HttpOnly"), "the offline app reads it");
        let (_, keys, kept) = unlock_keys(&tablet, None).await;
        let keys = keys.unwrap();
        assert!(keys.offline);
        assert!(kept.is_empty(), "an offline device keeps its pepper");
        assert!(!unlock_keys(&laptop, None).await.1.unwrap().offline);
        let (stored,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM known_devices WHERE offline_since IS NOT NULL AND person_id = '{jordan}'"
        ))
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(stored, 1);
        let listed = devices(&laptop).await;
        let set_up: Vec<_> = listed
            .iter()
            .filter(|d| d.offline_since.is_some())
            .collect();
        assert_eq!(set_up.len(), 1);
        assert!(!set_up[0].current, "the laptop sees the tablet, not itself");
        assert!(laptop
            .html("/account/sessions")
            .await
            .contains("Your devices"));
        // another person cannot forget Jordan's tablet
        let ben = User::demo(&app, "Ben Castillo").await;
        let refused = ben
            .call("auth/forget_device", &[("device", &set_up[0].id)])
            .await;
        assert_eq!(refused.status(), 404);
        // the laptop forgets the lost tablet
        let forgotten = laptop
            .call("auth/forget_device", &[("device", &set_up[0].id)])
            .await;
        assert_eq!(forgotten.status(), 200);
        let (_, after, cleared) = unlock_keys(&tablet, Some(keys.version)).await;
        let after = after.unwrap();
        assert!(
            !after.offline,
            "the tablet drops its password unlocking when next online"
        );
        assert!(
            cleared
                .iter()
                .any(|c| c.starts_with(&format!("pathway_pepper_{jordan}=;"))
                    && c.contains("Max-Age=0")),
            "and its pepper: {cleared:?}"
        );
        assert_eq!(after.version, keys.version + 1, "the key is rotated");
        assert_eq!(devices(&laptop).await.len(), 1);
    }
);

on_both_databases!(
    setting_a_device_up_for_offline_drafting_asks_for_the_password_again,
    |backend: Backend| async move {
        // Arrange: signed in, and the device not set up (a two-step or provider sign-in
        // never had the password in the page)
        let app = spawn_app(backend).await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let pepper_cookie = |cookies: &[String]| {
            cookies.iter().any(|c| {
                c.starts_with(&format!("pathway_pepper_{jordan}="))
                    && !c.starts_with(&format!("pathway_pepper_{jordan}=;"))
            })
        };
        // Act + Assert: a wrong or missing password sets nothing up and issues no pepper
        for (typed, message) in [
            ("not my password", "Your password is not correct"),
            ("", "Enter your password"),
        ] {
            let refused = tablet
                .call("vault/set_up_offline", &[("password", typed)])
                .await;
            assert_eq!(refused.status(), 422, "{typed:?}");
            assert!(!pepper_cookie(&set_cookies(&refused)));
            let text = refused.text().await.unwrap();
            assert!(text.contains(message), "{text}");
            assert!(
                text.contains("password"),
                "beside the password field: {text}"
            );
        }
        assert!(devices(&tablet)
            .await
            .iter()
            .all(|d| d.offline_since.is_none()));
        // with JavaScript off only the page's script could keep a key: refused beside the field
        let plain = tablet
            .post_form(
                "/api/vault/set_up_offline",
                Some("/account/sessions"),
                &[("password", TEST_PASSWORD)],
            )
            .await;
        assert!(plain.status().is_redirection(), "{}", plain.status());
        assert!(!pepper_cookie(&set_cookies(&plain)));
        let back = plain.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            back.starts_with(&format!("{}/account/sessions", app.address))
                || back.starts_with("/account/sessions"),
            "{back}"
        );
        assert!(back.contains("__err="), "{back}");
        assert!(devices(&tablet)
            .await
            .iter()
            .all(|d| d.offline_since.is_none()));
        // the right password: set up, with a pepper (the page's form also carries `next`)
        let done = tablet
            .call(
                "vault/set_up_offline",
                &[("password", TEST_PASSWORD), ("next", "/portfolio")],
            )
            .await;
        assert_eq!(done.status(), 200);
        assert!(pepper_cookie(&set_cookies(&done)));
        let listed = devices(&tablet).await;
        assert!(listed
            .iter()
            .any(|d| d.current && d.offline_since.is_some()));
    }
);

on_both_databases!(
    sessions_page_offers_the_set_up_only_for_a_device_not_set_up,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let tablet = User::demo(&app, "Jordan Ellis").await;
        // a sign-in that asked for offline drafting but had a second step to go comes here
        let page = tablet
            .html("/account/sessions?set_up=ask&next=%2Fportfolio")
            .await;
        assert!(
            page.contains("Set up this device for offline drafting"),
            "{page}"
        );
        assert!(page.contains("Enter your password once more"));
        let done = tablet
            .html("/account/sessions?set_up=done&next=%2F%2Fevil.example")
            .await;
        assert!(done.contains("This device is set up for offline drafting"));
        assert!(
            !done.contains("evil.example\""),
            "only a path on this site is offered"
        );
        assert!(!done.contains("href=\"//evil.example"));
        tablet
            .call("vault/set_up_offline", &[("password", TEST_PASSWORD)])
            .await;
        let after = tablet.html("/account/sessions").await;
        assert!(!after.contains("Set up this device for offline drafting"));
    }
);
