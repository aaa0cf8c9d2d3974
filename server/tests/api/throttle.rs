//! Issue 17 item 2: a sign-in throttle that works behind a proxy. Busy addresses are slowed,
//! never refused; clients are told apart through trusted proxies only; guesses made in
//! parallel are counted one by one; a person is never locked out of a browser they use.

use crate::helpers::{spawn_app, spawn_app_with, Backend, Options, TEST_PASSWORD};
use crate::session::{count, person_id, User};
use pathway_store::auth::throttle::{ACCOUNT_LIMIT, ADDRESS_LIMIT};
use pathway_store::seed::email_of;
use std::time::{Duration, Instant};

/// `attempts` wrong sign-ins by `user`, each for a different email nobody has (`tag` keeps
/// one caller's emails apart from another's).
async fn unknown_email_guesses(user: &User, tag: &str, attempts: i64) {
    for n in 0..attempts {
        let response = user
            .try_sign_in(
                &format!("guess.{tag}.{n}@pathway.example"),
                "guessing wrongly",
            )
            .await;
        assert_eq!(response.status(), 422);
    }
}

on_both_databases!(
    a_busy_address_is_slowed_down_never_refused,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // an office behind one address: someone there has failed twenty times
        unknown_email_guesses(&User::anonymous(&app), "office", ADDRESS_LIMIT).await;
        // a colleague at the next desk, with the right password
        let started = Instant::now();
        let response = User::anonymous(&app)
            .try_sign_in(&email_of("Ben Castillo"), TEST_PASSWORD)
            .await;
        assert_eq!(
            response.status(),
            200,
            "the right password is never refused for its address"
        );
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "the address's next attempt waits a second"
        );
    }
);

on_both_databases!(
    guesses_sent_in_parallel_are_each_counted_before_any_is_checked,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let email = email_of("Aisha Rahman");
        let mut guesses = tokio::task::JoinSet::new();
        for _ in 0..10 {
            let guesser = User::anonymous(&app);
            let email = email.clone();
            guesses.spawn(async move {
                guesser
                    .try_sign_in(&email, "guessing wrongly")
                    .await
                    .status()
                    .as_u16()
            });
        }
        let statuses = guesses.join_all().await;
        let checked = statuses.iter().filter(|s| **s == 422).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!(
            (checked, refused),
            (5, 5),
            "only the first {ACCOUNT_LIMIT} of a burst are checked: {statuses:?}"
        );
    }
);

on_both_databases!(
    a_person_is_never_locked_out_of_a_browser_they_have_signed_in_on,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let email = email_of("Aisha Rahman");
        // Aisha's tablet: she has signed in on it before
        let tablet = User::demo(&app, "Aisha Rahman").await;
        assert_eq!(tablet.call("auth/sign_out", &[]).await.status(), 200);
        // someone else keeps her account locked with guesses
        let attacker = User::anonymous(&app);
        for _ in 0..ACCOUNT_LIMIT {
            assert_eq!(
                attacker
                    .try_sign_in(&email, "guessing wrongly")
                    .await
                    .status(),
                422
            );
        }
        let fresh_browser = User::anonymous(&app);
        assert_eq!(
            fresh_browser
                .try_sign_in(&email, TEST_PASSWORD)
                .await
                .status(),
            429,
            "a browser she has never used is locked"
        );
        // her tablet is not
        assert_eq!(
            tablet.try_sign_in(&email, TEST_PASSWORD).await.status(),
            200
        );
        // the tablet has a count of its own: guesses made on it lock it in turn
        assert_eq!(tablet.call("auth/sign_out", &[]).await.status(), 200);
        for _ in 0..ACCOUNT_LIMIT {
            assert_eq!(
                tablet
                    .try_sign_in(&email, "guessing wrongly")
                    .await
                    .status(),
                422
            );
        }
        assert_eq!(
            tablet.try_sign_in(&email, TEST_PASSWORD).await.status(),
            429
        );
        // the device record names the person, never the browser's cookie itself
        let aisha = person_id(&app, "Aisha Rahman").await;
        assert_eq!(
            count(
                &app,
                &format!("SELECT COUNT(*) FROM known_devices WHERE person_id = '{aisha}'")
            )
            .await,
            1
        );
    }
);

on_both_databases!(
    behind_a_trusted_proxy_each_client_is_told_apart,
    |backend: Backend| async move {
        let app = spawn_app_with(
            backend,
            Options {
                trusted_proxies: Some("127.0.0.1"),
                ..Options::default()
            },
        )
        .await;
        // one client fails over and over through the proxy
        let noisy = User::forwarded_for(&app, "198.51.100.7");
        unknown_email_guesses(&noisy, "noisy", ADDRESS_LIMIT).await;
        // another client through the same proxy signs in, recorded by its own address
        let ben = User::forwarded_for(&app, "203.0.113.20");
        assert_eq!(
            ben.try_sign_in(&email_of("Ben Castillo"), TEST_PASSWORD)
                .await
                .status(),
            200
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM sessions WHERE ip = '203.0.113.20'"
            )
            .await,
            1
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed' AND ip = '198.51.100.7'"
            )
            .await,
            ADDRESS_LIMIT
        );
        // IPv6 counts per /64: twenty guesses from twenty addresses of one block
        for n in 0..ADDRESS_LIMIT {
            let guesser = User::forwarded_for(&app, &format!("2001:db8:1:2::{n:x}"));
            unknown_email_guesses(&guesser, &n.to_string(), 1).await;
        }
        let started = Instant::now();
        let same_block = User::forwarded_for(&app, "2001:db8:1:2:ffff::1");
        assert_eq!(
            same_block
                .try_sign_in(&email_of("Chloe Brennan"), TEST_PASSWORD)
                .await
                .status(),
            200
        );
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "the /64's next attempt waits"
        );
    }
);

on_both_databases!(
    without_trusted_proxies_a_forwarding_header_is_ignored,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // a client names a made-up address, hoping to be counted as someone else
        let forger = User::forwarded_for(&app, "192.0.2.99");
        unknown_email_guesses(&forger, "forger", 1).await;
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_failed' AND ip = '127.0.0.1'"
            )
            .await,
            1
        );
    }
);
