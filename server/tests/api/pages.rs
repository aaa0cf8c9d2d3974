use crate::helpers::{spawn_app, Backend};

on_both_databases!(
    start_page_is_server_rendered_with_the_panel_calendar,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let response = app.get("/").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let html = response.text().await.unwrap();
        assert!(html.contains("<title>Pathway</title>"), "{html}");
        assert!(
            html.contains("id=\"panel-calendar\""),
            "calendar rendered in the first HTML"
        );
        // PANEL-3: every seeded panel shows its deadline at 11:00 UK time
        assert!(html.matches("11:00 on").count() >= 8, "{html}");
        assert!(
            html.contains("/pkg/pathway"),
            "hydration scripts are linked"
        );
        assert!(html.contains("rel=\"manifest\""), "manifest linked");
    }
);

on_both_databases!(
    deadline_checker_answers_a_plain_get_form,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // PANEL-3 across the October clock change: 14 days before 5 November 2026 is
        // 22 October 2026, still British Summer Time
        let html = app.get("/?panel=2026-11-05").await.text().await.unwrap();
        assert!(html.contains("11:00 on 22 October 2026"), "{html}");
        assert!(
            html.contains("11:00 on 23 October 2026"),
            "PANEL-4: circulation the following day"
        );
        // the date input's three boxes, as the form sends them
        let html = app
            .get("/?panel%5Bday%5D=5&panel%5Bmonth%5D=11&panel%5Byear%5D=2026")
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("11:00 on 22 October 2026"), "{html}");
        let html = app.get("/?panel=not-a-date").await.text().await.unwrap();
        assert!(html.contains("Panel date must be a real date"), "{html}");
        let html = app
            .get("/?panel%5Bday%5D=5&panel%5Bmonth%5D=&panel%5Byear%5D=2026")
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Panel date must include a month"), "{html}");
    }
);

on_both_databases!(unknown_pages_are_404, |backend: Backend| async move {
    let app = spawn_app(backend).await;
    let response = app.get("/no-such-page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
});

on_both_databases!(
    responses_are_compressed_for_browsers_that_ask,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let response = app
            .client
            .get(app.url("/"))
            .header("Accept-Encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-encoding"], "gzip");
    }
);

on_both_databases!(
    panel_calendar_server_function_returns_typed_panels,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let response = app.call("panels/upcoming", &[]).await;
        assert_eq!(response.status(), 200);
        let panels: Vec<pathway_core::models::PanelSummary> = response.json().await.unwrap();
        assert!(
            panels.len() >= 5,
            "four progression panels and the ASYE cohort panel"
        );
        assert!(
            panels
                .windows(2)
                .all(|pair| pair[0].panel_date <= pair[1].panel_date),
            "soonest first"
        );
        assert!(
            panels
                .iter()
                .any(|p| p.kind == pathway_core::models::PanelKind::AsyeCohort),
            "PANEL-1: an ASYE cohort panel"
        );
    }
);

on_both_databases!(
    the_accessibility_statement_and_privacy_notice_are_public_and_linked_from_every_page,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // issue 13: what a public-sector service publishes, readable before signing in
        for (path, heading, promise) in [
            (
                "/accessibility",
                "Accessibility statement for Pathway",
                "WCAG) version 2.2",
            ),
            (
                "/privacy",
                "Privacy notice",
                "no longer than 12 hours after you signed in",
            ),
        ] {
            let response = app.get(path).await;
            assert_eq!(response.status(), 200, "{path}");
            let html = response.text().await.unwrap();
            assert!(html.contains(heading), "{path}: {html}");
            assert!(html.contains(promise), "{path}: {html}");
        }
        let sign_in = app.get("/sign-in").await.text().await.unwrap();
        for link in [r#"href="/accessibility""#, r#"href="/privacy""#] {
            assert!(sign_in.contains(link), "footer links {link}");
        }
    }
);
