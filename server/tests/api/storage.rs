use crate::helpers::{spawn_app, spawn_app_with, spawn_on, Backend, Options};

on_both_databases!(
    demo_seed_loads_a_whole_organisation_once,
    |backend: Backend| async move {
        // Arrange: first start seeds
        let app = spawn_app(backend).await;
        assert!(app.seeded >= 8, "demo accounts printed at start-up");
        let count = |table: &'static str| {
            let pool = app.db.pool().clone();
            async move {
                let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(&pool)
                    .await
                    .unwrap();
                n
            }
        };
        let people = count("people").await;
        assert_eq!(count("teams").await, 2);
        for role in [
            "administrator",
            "service_manager",
            "team_manager",
            "panel_chair",
            "panel_member",
            "panel_secretariat",
            "ld_administrator",
            "practice_supervisor",
            "practitioner",
        ] {
            let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM role_grants WHERE role = $1")
                .bind(role)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
            assert!(n >= 1, "demo has a {role}");
        }
        for level in [
            "asye",
            "social_worker_2",
            "social_worker_3",
            "senior_practitioner",
            "team_manager",
        ] {
            let (n,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM level_history WHERE level = $1")
                    .bind(level)
                    .fetch_one(app.db.pool())
                    .await
                    .unwrap();
            assert!(n >= 1, "demo has a worker at level {level}");
        }
        // Act: a second start on the same database
        let database = app.stop().await;
        let again = spawn_on(database, Options::default()).await;
        // Assert: nothing added
        assert_eq!(again.seeded, 0);
        let (after,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people")
            .fetch_one(again.db.pool())
            .await
            .unwrap();
        assert_eq!(after, people);
    }
);

on_both_databases!(seed_can_be_switched_off, |backend: Backend| async move {
    let app = spawn_app_with(
        backend,
        Options {
            seed_demo: false,
            ..Options::default()
        },
    )
    .await;
    assert_eq!(app.seeded, 0);
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(people, 0);
});

on_both_databases!(foreign_keys_are_enforced, |backend: Backend| async move {
    let app = spawn_app_with(
        backend,
        Options {
            seed_demo: false,
            ..Options::default()
        },
    )
    .await;
    let result = sqlx::query("INSERT INTO team_memberships (id, person_id, team_id, starts_on) VALUES ('m1', 'nobody', 'no-team', '2026-01-01')")
        .execute(app.db.pool())
        .await;
    assert!(
        result.is_err(),
        "a membership of a missing person is refused"
    );
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_runs_in_wal_mode_with_a_busy_timeout() {
    let app = spawn_app_with(
        Backend::Sqlite,
        Options {
            seed_demo: false,
            ..Options::default()
        },
    )
    .await;
    let pragma = |name: &'static str| pathway_store::db::sqlite_pragma(&app.db, name);
    assert_eq!(pragma("journal_mode").await.unwrap(), "wal");
    assert_eq!(pragma("foreign_keys").await.unwrap(), "1");
    assert_eq!(pragma("busy_timeout").await.unwrap(), "5000");
}

/// Issue 17 item 5: sqlx is built with rustls, so `sslmode=require` in a PostgreSQL URL
/// gives an encrypted connection (CI's PostgreSQL offers TLS with its own certificate).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_can_require_tls() {
    let Ok(url) = std::env::var("PATHWAY_TEST_POSTGRES_URL") else {
        panic!("PostgreSQL tests need PATHWAY_TEST_POSTGRES_URL");
    };
    let separator = if url.contains('?') { '&' } else { '?' };
    let url = pathway_store::db::DatabaseUrl::parse(&format!("{url}{separator}sslmode=require"))
        .expect("a PostgreSQL URL");
    let db = pathway_store::db::Db::connect(&url)
        .await
        .expect("an encrypted connection");
    let (encrypted,): (bool,) =
        sqlx::query_as("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_one(db.pool())
            .await
            .expect("the connection's TLS state");
    assert!(encrypted, "sslmode=require gave an unencrypted connection");
    db.close().await;
}
