//! Issue 17 item 1: no default administrator. A deployment starts in production mode with
//! no people at all; its first administrator is made from the command line with a one-time
//! set-password link; demo mode's accounts get a new random password at every start.

use crate::helpers::{spawn_app_with, spawn_on, Backend, Options, TestDatabase};
use crate::session::{count, User};
use pathway_store::seed::email_of;

on_both_databases!(
    production_mode_by_default_starts_with_nobody_who_can_sign_in,
    |backend: Backend| async move {
        let app = spawn_app_with(
            backend,
            Options {
                production: true,
                ..Options::default()
            },
        )
        .await;
        assert_eq!(app.seeded, 0);
        assert_eq!(app.demo_password, None);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0);
        // the demo administrator of earlier versions does not exist here
        let response = User::anonymous(&app)
            .try_sign_in(&email_of("Alex Morgan"), "pathway-demo-password")
            .await;
        assert_ne!(response.status(), 200);
    }
);

on_both_databases!(
    demo_mode_gives_the_demo_accounts_a_new_random_password_at_each_start,
    |backend: Backend| async move {
        let random = Options {
            random_password: true,
            ..Options::default()
        };
        let first = spawn_app_with(backend, random).await;
        let before = first
            .demo_password
            .clone()
            .expect("demo mode prints a password");
        assert!(before.len() >= 20, "{before}");
        User::sign_in(&first, &email_of("Alex Morgan"), &before).await;
        let database = first.stop().await;
        let again = spawn_on(
            database,
            Options {
                random_password: true,
                ..Options::default()
            },
        )
        .await;
        let after = again.demo_password.clone().expect("a password again");
        assert_ne!(before, after);
        let stale = User::anonymous(&again)
            .try_sign_in(&email_of("Alex Morgan"), &before)
            .await;
        assert_ne!(stale.status(), 200, "last run's password no longer works");
        User::sign_in(&again, &email_of("Jordan Ellis"), &after).await;
    }
);

/// Runs the server binary's `create-admin` command against `database`.
fn create_admin(database: &TestDatabase, email: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["create-admin", "--email", email, "--name", "Sam Okoro"])
        .args(["--url", "https://pathway.council.example"])
        .env("DATABASE_URL", &database.url)
        .env("PATHWAY_MODE", "local")
        .env_remove("PATHWAY_DEMO_PASSWORD")
        .output()
        .expect("the server binary runs")
}

on_both_databases!(
    create_admin_makes_the_first_administrator_with_a_one_time_link,
    |backend: Backend| async move {
        let database = TestDatabase::create(backend).await;
        let made = create_admin(&database, "sam.okoro@council.example");
        let printed = String::from_utf8_lossy(&made.stdout).to_string();
        assert!(
            made.status.success(),
            "{printed}{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let token = printed
            .split("https://pathway.council.example/set-password#")
            .nth(1)
            .expect("the link is printed")
            .trim()
            .to_string();
        // the same address again is refused, and says why
        let twice = create_admin(&database, "Sam.Okoro@council.example");
        assert!(!twice.status.success());
        assert!(String::from_utf8_lossy(&twice.stderr).contains("already exists"));

        let app = spawn_on(
            database,
            Options {
                seed_demo: false,
                ..Options::default()
            },
        )
        .await;
        let anonymous = User::anonymous(&app);
        let set = anonymous
            .set_password(&token, "quarry lantern meadow")
            .await;
        assert_eq!(set.status(), 200);
        // an administrator must use two-step sign-in: the first sign-in sets it up
        let admin = User::sign_in_setting_up_two_step(
            &app,
            "sam.okoro@council.example",
            "quarry lantern meadow",
            chrono::Utc::now(),
        )
        .await;
        assert_eq!(admin.get("/admin/people").await.status(), 200);
        assert!(admin.html("/admin/people").await.contains("Sam Okoro"));
        // the link worked once
        let again = anonymous.set_password(&token, "another long phrase").await;
        assert_eq!(again.status(), 422);
        // audited as the command line's doing
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE actor_id IS NULL AND ip = 'command line'"
            )
            .await,
            3
        );
    }
);
