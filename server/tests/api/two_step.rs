//! Issue 17 item 6: two-step sign-in (TOTP, RFC 6238) with recovery codes, offered to
//! everyone, each code good once, codes throttled. The app's clock is fixed so each test
//! knows which 30-second step a code belongs to.

use crate::helpers::{spawn_app_with, Backend, Options, TestApp, TEST_PASSWORD};
use crate::session::{count, User};
use chrono::{Duration, TimeZone, Utc};
use pathway_core::identity::{CurrentUser, TwoStepSetup};
use pathway_store::auth::two_step::code_at;
use pathway_store::clock::Clock;
use pathway_store::seed::email_of;

/// An app whose clock stands at 12:00:10 on a fixed day, and the clock to move it.
async fn app_at_noon(backend: Backend) -> (TestApp, Clock) {
    let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 10).unwrap());
    let options = Options {
        clock: Some(clock.clone()),
        ..Options::default()
    };
    (spawn_app_with(backend, options).await, clock)
}

/// Turns two-step sign-in on for `user` with the app's code of the current step; answers
/// the key (base32) and the recovery codes.
async fn turn_on(user: &User, clock: &Clock) -> (String, Vec<String>) {
    let set_up: TwoStepSetup = user
        .call("auth/begin_two_step", &[])
        .await
        .json()
        .await
        .expect("a set-up");
    let key = set_up.key.replace(' ', "");
    let code = code_at(&key, clock.now()).unwrap();
    let response = user.call("auth/confirm_two_step", &[("code", &code)]).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    (key, set_up.recovery_codes)
}

/// Where the password step sends `name` from a new browser (the code page, the set-up page
/// or straight on).
async fn after_password(app: &TestApp, name: &str) -> String {
    let answer = User::anonymous(app)
        .try_sign_in(&email_of(name), TEST_PASSWORD)
        .await;
    assert_eq!(answer.status(), 200);
    answer.json().await.unwrap()
}

async fn me(user: &User) -> Option<CurrentUser> {
    user.call("auth/me", &[]).await.json().await.unwrap()
}

async fn code(user: &User, code: &str) -> u16 {
    user.call(
        "auth/verify_code",
        &[("code", code), ("next", "/portfolio")],
    )
    .await
    .status()
    .as_u16()
}

on_both_databases!(
    after_the_password_a_code_is_asked_for_and_each_code_works_once,
    |backend: Backend| async move {
        let (app, clock) = app_at_noon(backend).await;
        let email = email_of("Jordan Ellis");
        let (key, recovery) = turn_on(&User::demo(&app, "Jordan Ellis").await, &clock).await;
        assert_eq!(recovery.len(), 10);
        // the password alone no longer signs in: it leads to the code page
        let browser = User::anonymous(&app);
        let answer = browser.try_sign_in(&email, TEST_PASSWORD).await;
        assert_eq!(answer.status(), 200);
        let next: String = answer.json().await.unwrap();
        assert_eq!(next, "/sign-in/code?next=%2Fdashboard");
        assert_eq!(me(&browser).await, None, "not signed in yet");
        // a code from a minute ahead is not right
        let later = code_at(&key, clock.now() + Duration::seconds(90)).unwrap();
        assert_eq!(code(&browser, &later).await, 422);
        // the code just used to turn it on has been used: never twice (RFC 6238 5.2)
        let used = code_at(&key, clock.now()).unwrap();
        assert_eq!(code(&browser, &used).await, 422);
        // the next step's code (the phone's clock a little ahead) is
        let next_step = code_at(&key, clock.now() + Duration::seconds(30)).unwrap();
        assert_eq!(code(&browser, &next_step).await, 200);
        assert_eq!(
            me(&browser).await.map(|u| u.name).as_deref(),
            Some("Jordan Ellis")
        );
        // a recovery code signs in once, typed however
        let lost_phone = User::anonymous(&app);
        lost_phone.try_sign_in(&email, TEST_PASSWORD).await;
        let typed = recovery[3].to_uppercase().replace('-', " ");
        assert_eq!(code(&lost_phone, &typed).await, 200);
        let again = User::anonymous(&app);
        again.try_sign_in(&email, TEST_PASSWORD).await;
        assert_eq!(code(&again, &recovery[3]).await, 422);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM recovery_codes WHERE used_at IS NULL"
            )
            .await,
            9
        );
        // the audit log says how each sign-in was made
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND detail = 'with a recovery code'").await,
            1
        );
    }
);

on_both_databases!(
    codes_are_throttled_and_a_half_way_sign_in_expires,
    |backend: Backend| async move {
        let (app, clock) = app_at_noon(backend).await;
        let email = email_of("Ben Castillo");
        let (key, _) = turn_on(&User::demo(&app, "Ben Castillo").await, &clock).await;
        let browser = User::anonymous(&app);
        browser.try_sign_in(&email, TEST_PASSWORD).await;
        for _ in 0..pathway_store::auth::two_step::CODE_LIMIT {
            assert_eq!(code(&browser, "000000").await, 422);
        }
        let right = code_at(&key, clock.now() + Duration::seconds(30)).unwrap();
        assert_eq!(
            code(&browser, &right).await,
            429,
            "even the right code, for now"
        );
        // a quarter of an hour later the half-way sign-in is long gone
        clock.set(clock.now() + Duration::minutes(16));
        let right = code_at(&key, clock.now()).unwrap();
        let response = browser
            .call("auth/verify_code", &[("code", &right), ("next", "")])
            .await;
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains("Sign in again"));
        assert_eq!(me(&browser).await, None);
    }
);

on_both_databases!(
    turning_two_step_off_needs_a_code_and_then_the_password_is_enough,
    |backend: Backend| async move {
        let (app, clock) = app_at_noon(backend).await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let (key, _) = turn_on(&jordan, &clock).await;
        let refused = jordan
            .call("auth/turn_off_two_step", &[("code", "123456")])
            .await;
        assert_eq!(refused.status(), 422);
        let right = code_at(&key, clock.now() + Duration::seconds(30)).unwrap();
        let off = jordan
            .call("auth/turn_off_two_step", &[("code", &right)])
            .await;
        assert_eq!(off.status(), 200);
        let browser = User::anonymous(&app);
        let next: String = browser
            .try_sign_in(&email_of("Jordan Ellis"), TEST_PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(next, "/dashboard");
        assert!(me(&browser).await.is_some());
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action IN ('two_step_on', 'two_step_off')"
            )
            .await,
            2
        );
    }
);

on_both_databases!(
    a_set_up_shows_the_same_key_until_it_is_confirmed_and_the_old_one_works_meanwhile,
    |backend: Backend| async move {
        let (app, clock) = app_at_noon(backend).await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let (old_key, _) = turn_on(&jordan, &clock).await;
        // a new phone: the set-up page, reloaded, shows one key
        let first: TwoStepSetup = jordan
            .call("auth/begin_two_step", &[])
            .await
            .json()
            .await
            .unwrap();
        let reload: TwoStepSetup = jordan
            .call("auth/begin_two_step", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(first, reload);
        assert_ne!(first.key.replace(' ', ""), old_key);
        // not confirmed yet: the old phone still signs in
        let browser = User::anonymous(&app);
        browser
            .try_sign_in(&email_of("Jordan Ellis"), TEST_PASSWORD)
            .await;
        let old_code = code_at(&old_key, clock.now() + Duration::seconds(30)).unwrap();
        assert_eq!(code(&browser, &old_code).await, 200);
        // the page's QR code is an SVG drawing of the otpauth address
        assert!(first.qr_svg.contains("<svg"), "{}", first.qr_svg);
    }
);

on_both_databases!(
    two_step_endpoints_are_for_the_signed_in_person_and_a_code_needs_a_password_first,
    |backend: Backend| async move {
        let (app, _) = app_at_noon(backend).await;
        let anonymous = User::anonymous(&app);
        for endpoint in [
            "auth/two_step_state",
            "auth/begin_two_step",
            "auth/confirm_two_step",
            "auth/turn_off_two_step",
        ] {
            let status = anonymous
                .call(endpoint, &[("code", "123456")])
                .await
                .status();
            assert_eq!(status, 401, "{endpoint}");
        }
        // no half-way sign-in: a code alone signs nobody in
        assert_eq!(code(&anonymous, "123456").await, 422);
        assert_eq!(me(&anonymous).await, None);
    }
);

on_both_databases!(
    a_role_that_needs_two_step_sets_it_up_before_its_first_session_and_keeps_it,
    |backend: Backend| async move {
        // administrators and panel roles (demo mode aside, where the harness turns it on)
        let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 10).unwrap());
        let options = Options {
            clock: Some(clock.clone()),
            two_step_for_roles: true,
            ..Options::default()
        };
        let app = spawn_app_with(backend, options).await;
        let alex = User::anonymous(&app);
        let next: String = alex
            .try_sign_in(&email_of("Alex Morgan"), TEST_PASSWORD)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(next, "/sign-in/set-up?next=%2Fdashboard");
        assert_eq!(me(&alex).await, None, "no session before the set-up");
        assert_eq!(alex.call("admin/people", &[]).await.status(), 401);
        let set_up: TwoStepSetup = alex
            .call("auth/begin_pending_two_step", &[])
            .await
            .json()
            .await
            .unwrap();
        let key = set_up.key.replace(' ', "");
        let wrong = alex.call("auth/finish_set_up", &[("code", "000000")]).await;
        assert_eq!(wrong.status(), 422);
        let right = code_at(&key, clock.now()).unwrap();
        let done = alex.call("auth/finish_set_up", &[("code", &right)]).await;
        assert_eq!(done.status(), 200);
        assert_eq!(alex.call("admin/people", &[]).await.status(), 200);
        // kept: it cannot be turned off
        let next_code = code_at(&key, clock.now() + Duration::seconds(30)).unwrap();
        let off = alex
            .call("auth/turn_off_two_step", &[("code", &next_code)])
            .await;
        assert_eq!(off.status(), 422);
        // and the next sign-in asks for a code
        let next = after_password(&app, "Alex Morgan").await;
        assert!(next.starts_with("/sign-in/code"), "{next}");
        // a practitioner's role does not need it
        let jordan = after_password(&app, "Jordan Ellis").await;
        assert_eq!(jordan, "/dashboard");
        // an administrator resets a lost phone: off until set up again
        let admin = alex;
        let (key, _) = turn_on(&User::demo(&app, "Jordan Ellis").await, &clock).await;
        assert!(!key.is_empty());
        let jordan_id = crate::session::person_id(&app, "Jordan Ellis").await;
        let reset = admin
            .call("admin/reset_two_step", &[("person_id", &jordan_id)])
            .await;
        assert_eq!(reset.status(), 200);
        let next = after_password(&app, "Jordan Ellis").await;
        assert_eq!(next, "/dashboard");
        assert_eq!(
            count(&app, &format!("SELECT COUNT(*) FROM audit_log WHERE action = 'two_step_reset' AND record_id = '{jordan_id}'")).await,
            1
        );
    }
);

on_both_databases!(
    offline_drafting_asked_for_before_a_code_is_finished_on_the_sessions_page,
    |backend: Backend| async move {
        // Issue 17 item 7: the password is gone from the page once the code page comes, so a
        // sign-in that ticked "Use this device to write drafts offline" is taken on to
        // "Where you're signed in" to finish the set-up, then to where it was going.
        let (app, clock) = app_at_noon(backend).await;
        let email = email_of("Jordan Ellis");
        let (key, _) = turn_on(&User::demo(&app, "Jordan Ellis").await, &clock).await;
        let browser = User::anonymous(&app);
        let answer = browser
            .call(
                "auth/sign_in",
                &[
                    ("email", email.as_str()),
                    ("password", TEST_PASSWORD),
                    ("next", "/portfolio"),
                    ("offline", "on"),
                ],
            )
            .await;
        let next: String = answer.json().await.unwrap();
        assert_eq!(
            next,
            "/sign-in/code?next=%2Faccount%2Fsessions%3Fset_up%3Dask%26next%3D%252Fportfolio"
        );
        let code = code_at(&key, clock.now() + Duration::seconds(30)).unwrap();
        let finished = browser
            .call(
                "auth/verify_code",
                &[
                    ("code", code.as_str()),
                    ("next", "/account/sessions?set_up=ask&next=%2Fportfolio"),
                ],
            )
            .await;
        assert_eq!(finished.status(), 200);
        let then: String = finished.json().await.unwrap();
        assert_eq!(then, "/account/sessions?set_up=ask&next=%2Fportfolio");
        // without the box ticked the code page goes straight on
        let plain = after_password(&app, "Jordan Ellis").await;
        assert_eq!(plain, "/sign-in/code?next=%2Fdashboard");
    }
);
