//! "Your workers" lists exactly the people a manager may see (the authz relations read the
//! other way round), and follows a team move at once.

use crate::helpers::{spawn_app, Backend};
use crate::session::{person_id, User};
use pathway_core::domain::add_years;
use pathway_core::oversight::{Standing, WorkerList, WorkerRow};

/// The names on the first page of the caller's list (every demo team fits on one).
async fn names(user: &User) -> Vec<String> {
    let response = user
        .call("oversight/workers", &[("query[sort]", "name")])
        .await;
    assert_eq!(response.status(), 200);
    let list: WorkerList = response.json().await.unwrap();
    assert_eq!(list.pages, 1);
    list.rows.into_iter().map(|w| w.name).collect()
}

on_both_databases!(
    managers_see_their_current_workers_and_nobody_else,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        assert_eq!(
            User::anonymous(&app)
                .call("oversight/workers", &[])
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
        assert_eq!(
            jordan.call("oversight/workers", &[]).await.status(),
            403,
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
        assert_eq!(
            daniel.call("oversight/workers", &[]).await.status(),
            403,
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

/// The caller's list (or the secretariat's) as the address asks for it.
async fn list(user: &User, endpoint: &str, query: &[(&str, &str)]) -> WorkerList {
    let fields: Vec<(String, &str)> = query
        .iter()
        .map(|(key, value)| (format!("query[{key}]"), *value))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let response = user.call(endpoint, &fields).await;
    assert_eq!(response.status(), 200, "{endpoint}");
    response.json().await.unwrap()
}

fn row<'a>(list: &'a WorkerList, name: &str) -> &'a WorkerRow {
    list.rows
        .iter()
        .find(|row| row.name == name)
        .unwrap_or_else(|| panic!("{name} is listed: {:?}", list.rows))
}

on_both_databases!(
    dec_1_an_eligible_worker_with_no_decision_is_flagged_up_the_line_until_one_is_recorded,
    |backend: Backend| async move {
        // Arrange: Sofia Marsh (Level 2, Hillcrest) passed the second anniversary of
        // qualifying months ago and nobody has decided (DEC-1)
        let app = spawn_app(backend).await;
        let today = app.db.clock().today();
        let (qualified,): (String,) =
            sqlx::query_as("SELECT qualification_date FROM people WHERE full_name = 'Sofia Marsh'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let eligible = add_years(qualified.parse().unwrap(), 2);
        let waited = (today - eligible).num_days();
        assert!(waited > 60, "the demo's wait: {waited} days");
        let helen = User::demo(&app, "Helen Fairweather").await; // team manager, Hillcrest

        // Act + Assert: flagged first on the team manager's list, with how long she has waited
        let mine = list(&helen, "oversight/workers", &[]).await;
        assert_eq!(mine.flagged, 1, "{:?}", mine.rows);
        assert_eq!(mine.rows[0].name, "Sofia Marsh", "the longest wait first");
        let sofia = row(&mine, "Sofia Marsh");
        assert!(sofia.flagged);
        assert_eq!(sofia.standing, Standing::NeedsDecision);
        assert_eq!(sofia.waiting_days, Some(waited));
        assert_eq!(sofia.eligible_from, Some(eligible));
        assert_eq!(sofia.last_decision_on, None);
        assert!(sofia.of > 0 && sofia.met < sofia.of, "{sofia:?}");
        // Aisha is not yet eligible, so not flagged
        let aisha = row(&mine, "Aisha Rahman");
        assert_eq!(
            (aisha.flagged, aisha.standing),
            (false, Standing::NotEligible)
        );
        let waiting = list(&helen, "oversight/workers", &[("show", "flagged")]).await;
        assert_eq!(
            waiting
                .rows
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["Sofia Marsh"]
        );

        // rolled up per team on the service manager's dashboard
        let priya = User::demo(&app, "Priya Natarajan").await;
        let theirs = list(&priya, "oversight/workers", &[]).await;
        let hillcrest = theirs
            .teams
            .iter()
            .find(|t| t.team.starts_with("Hillcrest"))
            .unwrap();
        assert_eq!(
            (hillcrest.flagged, hillcrest.longest_wait_days),
            (1, Some(waited))
        );
        let riverside = theirs
            .teams
            .iter()
            .find(|t| t.team.starts_with("Riverside"))
            .unwrap();
        assert_eq!(riverside.flagged, 0, "Jordan is endorsed");
        // and the secretariat sees who is and is not coming
        let maya = User::demo(&app, "Maya Lindqvist").await;
        let all = list(&maya, "oversight/secretariat", &[("show", "flagged")]).await;
        assert_eq!(row(&all, "Sofia Marsh").waiting_days, Some(waited));
        let endorsed = list(&maya, "oversight/secretariat", &[("show", "endorsed")]).await;
        assert_eq!(row(&endorsed, "Jordan Ellis").standing, Standing::Endorsed);

        // Act: Helen records "not yet" with a dated plan
        let sofia_id = person_id(&app, "Sofia Marsh").await;
        let due = (today + chrono::Duration::days(60)).to_string();
        let recorded = helen
            .call(
                "decisions/record",
                &[
                    ("form[worker]", sofia_id.as_str()),
                    ("form[outcome]", "not_yet"),
                    ("form[reason]", "Two more observations of practice first"),
                    ("form[action_1]", "Two observed visits"),
                    ("form[due_1]", due.as_str()),
                ],
            )
            .await;
        assert_eq!(recorded.status(), 200);

        // Assert: no longer flagged anywhere, the decision dated today
        let mine = list(&helen, "oversight/workers", &[]).await;
        let sofia = row(&mine, "Sofia Marsh");
        assert_eq!((sofia.flagged, sofia.standing), (false, Standing::NotYet));
        assert_eq!(sofia.last_decision_on, Some(today));
        assert_eq!(mine.flagged, 0);
        assert_eq!(list(&maya, "oversight/secretariat", &[]).await.flagged, 0);
    }
);

on_both_databases!(
    the_lists_page_and_filter_on_the_server_and_mistyped_addresses_still_show_a_list,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let maya = User::demo(&app, "Maya Lindqvist").await;
        let all = list(&maya, "oversight/secretariat", &[("sort", "name")]).await;
        assert!(all.total >= 10, "every worker with a level: {}", all.total);
        let names: Vec<&str> = all.rows.iter().map(|r| r.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
        // a team filter keeps the team's workers only; an unknown page is the last
        let team = all.teams[0].team.clone();
        let one = list(
            &maya,
            "oversight/secretariat",
            &[("team", team.as_str()), ("page", "40")],
        )
        .await;
        assert_eq!(one.page, one.pages);
        assert!(one
            .rows
            .iter()
            .all(|r| r.team.as_deref() == Some(team.as_str())));
        assert_eq!(one.total, all.teams[0].workers);
        let odd = list(
            &maya,
            "oversight/secretariat",
            &[("sort", "<script>"), ("show", "everyone!"), ("page", "x")],
        )
        .await;
        assert_eq!((odd.page, odd.total), (1, all.total));
    }
);
