//! Issue 17 item 4: nobody signed in can fill the database, and what is typed into a sign-in
//! box never reaches the audit log; every request body has a ceiling.

use crate::helpers::{spawn_app, Backend};
use crate::session::{count, User};
use pathway_store::seed::email_of;

on_both_databases!(
    text_typed_as_an_email_is_never_stored_even_when_throttled,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let user = User::anonymous(&app);
        let audit_before = count(&app, "SELECT COUNT(*) FROM audit_log").await;
        // not an address (a password typed in the wrong box, a flood of text): refused,
        // and neither counted nor logged
        for typed in ["correct horse battery staple", &"x".repeat(5_000)] {
            let response = user.try_sign_in(typed, "whatever was typed").await;
            assert_eq!(response.status(), 422);
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM rate_counters").await, 0);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM audit_log").await,
            audit_before
        );
        // a real account locked by guesses: the throttled attempts are logged by person id,
        // and no audit entry carries what was typed
        let email = email_of("Aisha Rahman");
        for _ in 0..6 {
            user.try_sign_in(&email, "guessing wrongly").await;
        }
        let response = user.try_sign_in(&email, "guessing wrongly").await;
        assert_eq!(response.status(), 429);
        let aisha = crate::session::person_id(&app, "Aisha Rahman").await;
        let throttled = count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in_throttled' AND record_id = '{aisha}'"
            ),
        )
        .await;
        assert!(throttled >= 1, "the throttled attempts name the account");
        // an unknown address throttled by this same caller's address is not written down
        for n in 0..20 {
            user.try_sign_in(&format!("guess{n}@elsewhere.example"), "nope")
                .await;
        }
        let typed_anywhere = count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%@%' AND action LIKE 'sign_in%'",
        )
        .await;
        assert_eq!(typed_anywhere, 0);
    }
);

on_both_databases!(
    a_body_past_its_endpoints_ceiling_is_refused_with_413,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let audit_before = count(&app, "SELECT COUNT(*) FROM audit_log").await;
        // sign-in takes a few kilobytes
        let huge = "a".repeat(64 * 1024);
        let response = User::anonymous(&app)
            .try_sign_in(&format!("{huge}@pathway.example"), "x")
            .await;
        assert_eq!(response.status(), 413);
        // the same size is fine where a form may be large (it is refused for what it says)
        let admin = User::demo(&app, "Alex Morgan").await;
        let response = admin.call("admin/import_people", &[("csv", &huge)]).await;
        assert_ne!(response.status(), 413);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'sign_in%'"
            )
            .await,
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in'"
            )
            .await,
            "the refused body left no sign-in entry but the administrator's own"
        );
        assert!(count(&app, "SELECT COUNT(*) FROM audit_log").await > audit_before);
    }
);
