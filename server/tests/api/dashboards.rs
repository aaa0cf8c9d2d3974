//! "Your workers" lists exactly the people a manager may see (the authz relations read the
//! other way round), and follows a team move at once.

use crate::helpers::{spawn_app, Backend};
use crate::session::{person_id, User};
use pathway_core::organisation::WorkerSummary;

async fn names(user: &User) -> Vec<String> {
    let response = user.call("people/my_workers", &[]).await;
    assert_eq!(response.status(), 200);
    let workers: Vec<WorkerSummary> = response.json().await.unwrap();
    workers.into_iter().map(|w| w.full_name).collect()
}

on_both_databases!(
    managers_see_their_current_workers_and_nobody_else,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        assert_eq!(
            User::anonymous(&app)
                .call("people/my_workers", &[])
                .await
                .status(),
            401
        );
        let daniel = User::demo(&app, "Daniel Okafor").await; // team manager, Riverside (north)
        let north = names(&daniel).await;
        for name in [
            "Jordan Ellis",
            "Ben Castillo",
            "Ella Nowak",
            "Samuel Adeyemi",
        ] {
            assert!(
                north.contains(&name.to_string()),
                "{name} is in Daniel's team: {north:?}"
            );
        }
        assert!(
            !north.contains(&"Chloe Brennan".to_string()),
            "Chloe is in the other team"
        );
        let samuel = User::demo(&app, "Samuel Adeyemi").await; // practice supervisor of Ben and Ella
        assert_eq!(names(&samuel).await, ["Ben Castillo", "Ella Nowak"]);
        let priya = User::demo(&app, "Priya Natarajan").await; // service manager of both teams
        let both = names(&priya).await;
        assert!(
            both.contains(&"Chloe Brennan".to_string())
                && both.contains(&"Jordan Ellis".to_string())
        );
        let jordan = User::demo(&app, "Jordan Ellis").await;
        assert!(
            names(&jordan).await.is_empty(),
            "a practitioner oversees nobody"
        );

        // a move to the other team ends Daniel's view of Jordan at once
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan_id = person_id(&app, "Jordan Ellis").await;
        let (south,): (String,) =
            sqlx::query_as("SELECT id FROM teams WHERE name LIKE 'Hillcrest%'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let moved = admin
            .call(
                "admin/move_team",
                &[("person_id", &jordan_id), ("team_id", &south)],
            )
            .await;
        assert!(moved.status().is_success(), "{}", moved.status());
        assert!(!names(&daniel).await.contains(&"Jordan Ellis".to_string()));
    }
);

on_both_databases!(
    a_revoked_role_ends_the_view_on_the_dashboard_and_the_record_alike,
    |backend: Backend| async move {
        // issue 12: the dashboard listed workers whose relation outlived the revoked role,
        // while authz had already refused their records; both now read store::relations
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let daniel = User::demo(&app, "Daniel Okafor").await; // team manager, Riverside (north)
        let jordan_id = person_id(&app, "Jordan Ellis").await;
        let record = [("person_id", jordan_id.as_str())];
        assert!(names(&daniel).await.contains(&"Jordan Ellis".to_string()));
        assert_eq!(daniel.call("people/get", &record).await.status(), 200);

        let daniel_id = daniel.id().await;
        let grant = [("person_id", daniel_id.as_str()), ("role", "team_manager")];
        assert_eq!(admin.call("admin/revoke_role", &grant).await.status(), 200);
        assert!(
            names(&daniel).await.is_empty(),
            "the team is no longer Daniel's to see"
        );
        assert_eq!(daniel.call("people/get", &record).await.status(), 403);

        // granted again, both come back together
        assert_eq!(admin.call("admin/grant_role", &grant).await.status(), 200);
        assert!(names(&daniel).await.contains(&"Jordan Ellis".to_string()));
        assert_eq!(daniel.call("people/get", &record).await.status(), 200);
    }
);

on_both_databases!(
    a_service_manager_sees_the_team_managers_under_them_on_the_dashboard_as_authz_allows,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let priya = User::demo(&app, "Priya Natarajan").await; // service manager of both teams
        let daniel_id = person_id(&app, "Daniel Okafor").await;
        assert_eq!(
            priya
                .call("people/get", &[("person_id", daniel_id.as_str())])
                .await
                .status(),
            200
        );
        assert!(names(&priya).await.contains(&"Daniel Okafor".to_string()));
    }
);
