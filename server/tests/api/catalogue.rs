//! The requirement catalogue is data in the database (issue 4): seeded from the policy text
//! once, readable by those who run and judge the pathway, refused to everyone else.

use crate::helpers::{spawn_app, spawn_on, Backend, Options};
use crate::session::{count, User};
use pathway_core::domain::{Catalogue, Transition, SEED_VERSION};

on_both_databases!(
    catalogue_is_seeded_once_and_read_by_panel_and_admin,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        // Act
        let response = admin.call("catalogue/list", &[]).await;
        // Assert
        assert_eq!(response.status(), 200);
        let catalogues: Vec<Catalogue> = response.json().await.unwrap();
        assert_eq!(catalogues.len(), 1);
        assert_eq!(catalogues[0].version, SEED_VERSION);
        let l3 = catalogues[0]
            .transition(Transition::PathL3)
            .expect("PATH-L3 requirements");
        assert!(
            l3.requirements.iter().any(|r| r.id == "PATH-L3-4"),
            "4 learning audits are a requirement"
        );
        for name in [
            "Priya Natarajan",
            "Grace Whitfield",
            "Maya Lindqvist",
            "Tomasz Kowalczyk",
        ] {
            let user = User::demo(&app, name).await;
            assert_eq!(
                user.call("catalogue/list", &[]).await.status(),
                200,
                "{name} runs or judges the pathway"
            );
        }
        // a second start does not store the same version twice
        let database = app.stop().await;
        let again = spawn_on(database, Options::default()).await;
        assert_eq!(
            count(&again, "SELECT COUNT(*) FROM requirement_catalogues").await,
            1
        );
    }
);

on_both_databases!(
    catalogue_is_refused_to_practitioners_and_strangers,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        assert_eq!(
            User::anonymous(&app)
                .call("catalogue/list", &[])
                .await
                .status(),
            401
        );
        for name in ["Jordan Ellis", "Daniel Okafor"] {
            let user = User::demo(&app, name).await;
            assert_eq!(
                user.call("catalogue/list", &[]).await.status(),
                403,
                "{name}"
            );
        }
    }
);
