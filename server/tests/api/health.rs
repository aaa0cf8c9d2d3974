use crate::helpers::{spawn_app, Backend};

on_both_databases!(
    healthz_reports_a_reachable_database,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        // Act
        let response = app.get("/healthz").await;
        // Assert
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"]["reachable"], true);
        let expected = match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        assert_eq!(body["database"]["backend"], expected);
    }
);

on_both_databases!(
    healthz_says_503_when_the_database_is_gone,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        app.db.close().await;
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["database"]["reachable"], false);
    }
);
