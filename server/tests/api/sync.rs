//! The offline sync protocol (issue 6, docs/sync.md) over real HTTP on SQLite and
//! PostgreSQL: a retried push applied once, a gap refused, a stale change kept as a conflict
//! copy beside the newer text and resolved, pull since a cursor with tombstones, other
//! people's devices and items refused, rejections per change with nothing half-written.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{count, signed_in, User};
use pathway_core::error::AppError;
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::{
    Change, ChangeOp, ConflictView, Outcome, PullResult, PushRequest, PushResult, Resolution,
};

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn statement(id: &str, person: &str, body: &str) -> EvidenceForm {
    EvidenceForm {
        id: id.into(),
        person_id: person.into(),
        kind: "reflective_statement".into(),
        status: "draft".into(),
        title: "My reflective statement".into(),
        date: chrono::Utc::now().date_naive().to_string(),
        body: body.into(),
        ..EvidenceForm::default()
    }
}

fn save(mutation: i64, base_version: i64, form: &EvidenceForm) -> Change {
    Change {
        mutation,
        id: form.id.parse().unwrap(),
        base_version,
        op: ChangeOp::Save(Box::new(form.clone())),
    }
}

async fn post_json(
    app: &TestApp,
    user: &User,
    endpoint: &str,
    body: serde_json::Value,
) -> (u16, String) {
    let response = user
        .client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Origin", &app.address)
        .json(&body)
        .send()
        .await
        .expect("POST");
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn push_raw(app: &TestApp, user: &User, client: &str, changes: Vec<Change>) -> (u16, String) {
    let request = PushRequest {
        client_id: client.parse().unwrap(),
        changes,
    };
    post_json(
        app,
        user,
        "sync/push",
        serde_json::json!({ "request": request }),
    )
    .await
}

async fn push(app: &TestApp, user: &User, client: &str, changes: Vec<Change>) -> PushResult {
    let (status, body) = push_raw(app, user, client, changes).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn pull(app: &TestApp, user: &User, client: &str, since: Option<i64>) -> PullResult {
    let (status, body) = post_json(
        app,
        user,
        "sync/pull",
        serde_json::json!({ "request": { "client_id": client, "since": since } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn conflicts(user: &User, all: bool) -> Vec<ConflictView> {
    let all = if all { "true" } else { "false" };
    let response = user.call("sync/conflicts", &[("all", all)]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn stored(app: &TestApp, id: &str) -> Option<(String, i64)> {
    sqlx::query_as("SELECT body, version FROM evidence WHERE id = $1")
        .bind(id)
        .fetch_optional(app.db.pool())
        .await
        .unwrap()
}

fn applied(result: &PushResult) -> Vec<Outcome> {
    result.results.iter().map(|r| r.outcome.clone()).collect()
}

on_both_databases!(
    sync_retried_push_is_applied_once_and_a_gap_is_refused,
    |backend: Backend| async move {
        // Arrange
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let device = new_id();
        let item = statement(&new_id(), &me, "Written on the train, offline.");
        let first = vec![save(1, 0, &item)];
        // Act: the same push three times (the acknowledgement was lost twice)
        let once = push(&app, &jordan, &device, first.clone()).await;
        let again = push(&app, &jordan, &device, first.clone()).await;
        let third = push(&app, &jordan, &device, first).await;
        // Assert: applied once, the same answer each time
        assert_eq!(applied(&once), [Outcome::Applied { version: 1 }]);
        assert_eq!(once, again);
        assert_eq!(once, third);
        assert_eq!(once.last_mutation, 1);
        assert_eq!(stored(&app, &item.id).await.unwrap().1, 1);
        let audit = format!(
            "SELECT COUNT(*) FROM audit_log WHERE record_id = '{}'",
            item.id
        );
        assert_eq!(count(&app, &audit).await, 1, "one write, one audit entry");
        // Act: a retry of 1 together with the new 2 applies only 2
        let mut edited = item.clone();
        edited.body = "Written on the train, then finished at home.".into();
        let both = push(
            &app,
            &jordan,
            &device,
            vec![save(1, 0, &item), save(2, 1, &edited)],
        )
        .await;
        assert_eq!(
            applied(&both),
            [
                Outcome::Applied { version: 1 },
                Outcome::Applied { version: 2 }
            ]
        );
        assert_eq!(
            stored(&app, &item.id).await.unwrap(),
            (edited.body.clone(), 2)
        );
        // Act: change 4 before change 3 is refused and writes nothing
        let mut later = edited.clone();
        later.body = "Skipped ahead".into();
        let (status, body) = push_raw(&app, &jordan, &device, vec![save(4, 2, &later)]).await;
        assert_eq!(status, 409, "{body}");
        assert!(
            matches!(serde_json::from_str::<AppError>(&body), Ok(AppError::Conflict(m)) if m.contains("send from change 3"))
        );
        assert_eq!(stored(&app, &item.id).await.unwrap().1, 2);
    }
);

on_both_databases!(
    a_flood_of_pushes_is_refused_until_the_window_passes_and_nothing_is_lost,
    |backend: Backend| async move {
        // Issue 17 item 10: one person's devices cannot push without limit
        use pathway_store::sync::push::PUSH_LIMIT;
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let device = new_id();
        for _ in 0..PUSH_LIMIT {
            push(&app, &jordan, &device, vec![]).await;
        }
        let item = statement(&new_id(), &me, "Written during the flood.");
        let (status, body) = push_raw(&app, &jordan, &device, vec![save(1, 0, &item)]).await;
        assert_eq!(status, 429, "{body}");
        assert!(body.contains("safe on this device"), "{body}");
        // refused whole: nothing half-written, so the device sends it again later
        assert_eq!(stored(&app, &item.id).await, None);
        // another person is not held up by Jordan's devices
        let ben = User::demo(&app, "Ben Castillo").await;
        let bens = statement(&new_id(), &ben.id().await, "Ben's own work.");
        push(&app, &ben, &new_id(), vec![save(1, 0, &bens)]).await;
    }
);

on_both_databases!(
    a_conflict_copy_never_shows_another_persons_record_as_theirs,
    |backend: Backend| async move {
        // Issue 17 item 10: a copy names its item by the id a device sent. If that id comes to
        // name someone else's record (deleted, then made again elsewhere), the copy shows no
        // "theirs" rather than the other person's text.
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let (tablet, laptop) = (new_id(), new_id());
        let item = statement(&new_id(), &me, "First version.");
        push(&app, &jordan, &tablet, vec![save(1, 0, &item)]).await;
        let mut newer = item.clone();
        newer.body = "The tablet's words.".into();
        push(&app, &jordan, &tablet, vec![save(2, 1, &newer)]).await;
        let mut late = item.clone();
        late.body = "The laptop's words.".into();
        // a field no kind has, of any size, is not kept with the copy (issue 17 item 10)
        late.details.insert("smuggled".into(), "x".repeat(100_000));
        push(&app, &jordan, &laptop, vec![save(1, 1, &late)]).await;
        let (kept,): (String,) = sqlx::query_as("SELECT form FROM evidence_conflicts")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert!(!kept.contains("smuggled"), "only the kind's own fields");
        // Ben's own record, and the copy's id now naming it
        let ben = User::demo(&app, "Ben Castillo").await;
        let bens_id = new_id();
        let bens = statement(&bens_id, &ben.id().await, "Ben's private reflection.");
        push(&app, &ben, &new_id(), vec![save(1, 0, &bens)]).await;
        sqlx::query("UPDATE evidence_conflicts SET evidence_id = $1")
            .bind(&bens_id)
            .execute(app.db.pool())
            .await
            .unwrap();
        let open = conflicts(&jordan, false).await;
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].mine.body, late.body, "the copy itself is kept");
        assert_eq!(open[0].theirs, None, "never Ben's record");
        let page = jordan.html("/portfolio/conflicts").await;
        assert!(!page.contains("Ben's private reflection"), "{page}");
    }
);

on_both_databases!(
    sync_stale_base_version_keeps_a_conflict_copy_beside_the_newer_text,
    |backend: Backend| async move {
        // Arrange: one item on the server at version 1, known to two devices
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let (tablet, laptop) = (new_id(), new_id());
        let item = statement(&new_id(), &me, "First version.");
        push(&app, &jordan, &tablet, vec![save(1, 0, &item)]).await;
        // Act: both edit from version 1; the tablet syncs first
        let mut on_tablet = item.clone();
        on_tablet.body = "The tablet's words.".into();
        let mut on_laptop = item.clone();
        on_laptop.body = "The laptop's words.".into();
        push(&app, &jordan, &tablet, vec![save(2, 1, &on_tablet)]).await;
        let late = push(&app, &jordan, &laptop, vec![save(1, 1, &on_laptop)]).await;
        // Assert: the newer text stays, the late one is kept as a copy; both retrievable
        let Outcome::Conflict {
            conflict_id,
            server_version,
        } = &late.results[0].outcome
        else {
            panic!("expected a conflict, got {late:?}");
        };
        assert_eq!(*server_version, 2);
        assert_eq!(
            late.last_mutation, 1,
            "acknowledged: the copy is safe on the server"
        );
        assert_eq!(
            stored(&app, &item.id).await.unwrap(),
            (on_tablet.body.clone(), 2)
        );
        let open = conflicts(&jordan, false).await;
        assert_eq!(open.len(), 1);
        assert_eq!(&open[0].id, conflict_id);
        assert_eq!(open[0].mine.body, on_laptop.body);
        assert_eq!(open[0].theirs.as_ref().unwrap().body, on_tablet.body);
        assert_eq!((open[0].base_version, open[0].server_version), (1, 2));
        let pulled = pull(&app, &jordan, &tablet, None).await;
        assert_eq!(pulled.conflicts, 1);
        // Act: choosing against a version not seen is refused
        let resolve = |seen: i64, resolution: Resolution| serde_json::json!({ "conflict_id": conflict_id, "seen_version": seen, "resolution": resolution });
        let (status, _) = post_json(
            &app,
            &jordan,
            "sync/resolve",
            resolve(1, Resolution::KeepMine),
        )
        .await;
        assert_eq!(status, 409);
        // Act: a merge by hand
        let merged = "The tablet's words.\n\nThe laptop's words.";
        let (status, body) = post_json(
            &app,
            &jordan,
            "sync/resolve",
            resolve(2, Resolution::Merged(merged.into())),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // Assert: merged text saved as version 3, the copy kept and marked resolved
        assert_eq!(
            stored(&app, &item.id).await.unwrap(),
            (merged.to_owned(), 3)
        );
        assert!(conflicts(&jordan, false).await.is_empty());
        let all = conflicts(&jordan, true).await;
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].resolution.as_deref(), Some("merged"));
        assert_eq!(
            all[0].mine.body, on_laptop.body,
            "the copy is never dropped"
        );
        let (status, _) = post_json(
            &app,
            &jordan,
            "sync/resolve",
            resolve(3, Resolution::KeepTheirs),
        )
        .await;
        assert_eq!(status, 409, "already resolved");
        // Act: another stale change, resolved with keep mine
        let mut stale = item.clone();
        stale.body = "Kept from the laptop.".into();
        let late = push(&app, &jordan, &laptop, vec![save(2, 2, &stale)]).await;
        let Outcome::Conflict { conflict_id, .. } = &late.results[0].outcome else {
            panic!("expected a conflict");
        };
        let (status, body) = post_json(
            &app,
            &jordan,
            "sync/resolve",
            serde_json::json!({ "conflict_id": conflict_id, "seen_version": 3, "resolution": "KeepMine" }),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            stored(&app, &item.id).await.unwrap(),
            (stale.body.clone(), 4)
        );
        // Assert: Aisha cannot see or resolve Jordan's conflicts
        let aisha = User::demo(&app, "Aisha Rahman").await;
        assert!(conflicts(&aisha, true).await.is_empty());
        let (status, _) = post_json(
            &app,
            &aisha,
            "sync/resolve",
            serde_json::json!({ "conflict_id": conflict_id, "seen_version": 4, "resolution": "KeepTheirs" }),
        )
        .await;
        assert_eq!(status, 403);
    }
);

on_both_databases!(
    sync_pull_returns_changes_since_a_cursor_with_tombstones,
    |backend: Backend| async move {
        // Arrange: a first pull answers every current item (demo ones too)
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let device = new_id();
        let start = pull(&app, &jordan, &device, None).await;
        assert!(!start.items.is_empty(), "Jordan's demo portfolio");
        assert!(start
            .items
            .iter()
            .all(|i| i.form.as_ref().unwrap().person_id == me));
        // Act: two items made, one edited, one deleted
        let kept = statement(&new_id(), &me, "Kept.");
        let gone = statement(&new_id(), &me, "Deleted later.");
        let mut kept2 = kept.clone();
        kept2.body = "Kept and edited.".into();
        let delete = Change {
            mutation: 4,
            id: gone.id.parse().unwrap(),
            base_version: 1,
            op: ChangeOp::Delete,
        };
        let result = push(
            &app,
            &jordan,
            &device,
            vec![
                save(1, 0, &kept),
                save(2, 0, &gone),
                save(3, 1, &kept2),
                delete,
            ],
        )
        .await;
        assert_eq!(
            applied(&result),
            [
                Outcome::Applied { version: 1 },
                Outcome::Applied { version: 1 },
                Outcome::Applied { version: 2 },
                Outcome::Applied { version: 2 },
            ]
        );
        // Another person's changes never appear in Jordan's feed
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let aisha_id = aisha.id().await;
        push(
            &app,
            &aisha,
            &new_id(),
            vec![save(1, 0, &statement(&new_id(), &aisha_id, "Aisha's"))],
        )
        .await;
        // Assert: since the first cursor, each item once as it is now; the deleted one a tombstone
        let since = pull(&app, &jordan, &device, Some(start.cursor)).await;
        assert!(since.cursor > start.cursor);
        assert_eq!(
            since.items.len(),
            2,
            "{:?}",
            since.items.iter().map(|i| &i.id).collect::<Vec<_>>()
        );
        let k = since.items.iter().find(|i| i.id == kept.id).expect("kept");
        assert_eq!(k.version, 2);
        assert_eq!(k.form.as_ref().unwrap().body, kept2.body);
        let g = since
            .items
            .iter()
            .find(|i| i.id == gone.id)
            .expect("tombstone");
        assert_eq!(g.form, None);
        assert!(stored(&app, &gone.id).await.is_none());
        // Assert: nothing new since the latest cursor
        let quiet = pull(&app, &jordan, &device, Some(since.cursor)).await;
        assert!(quiet.items.is_empty());
        assert_eq!(quiet.cursor, since.cursor);
        // Act: a save in the online editor reaches the feed too
        let response = jordan
            .call(
                "portfolio/save_evidence",
                &[
                    ("form[id]", kept.id.as_str()),
                    ("form[person_id]", me.as_str()),
                    ("form[kind]", "reflective_statement"),
                    ("form[status]", "draft"),
                    ("form[version]", "2"),
                    ("form[date]", kept.date.as_str()),
                    ("form[body]", "Edited online."),
                ],
            )
            .await;
        assert_eq!(response.status(), 200);
        let online = pull(&app, &jordan, &device, Some(quiet.cursor)).await;
        assert_eq!(online.items.len(), 1);
        assert_eq!(online.items[0].version, 3);
        assert_eq!(
            online.items[0].form.as_ref().unwrap().body,
            "Edited online."
        );
    }
);

on_both_databases!(
    sync_refuses_anonymous_callers_and_other_peoples_devices_and_items,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let (jordan_id, aisha_id) = (jordan.id().await, aisha.id().await);
        let jordans_device = new_id();
        let jordans_item = statement(&new_id(), &jordan_id, "Jordan's text.");
        push(
            &app,
            &jordan,
            &jordans_device,
            vec![save(1, 0, &jordans_item)],
        )
        .await;
        let before = count(&app, "SELECT COUNT(*) FROM evidence").await;
        let mine = statement(&new_id(), &aisha_id, "Aisha's text.");
        // Act + Assert: signed out
        let anonymous = User::anonymous(&app);
        let (status, _) = push_raw(&app, &anonymous, &new_id(), vec![save(1, 0, &mine)]).await;
        assert_eq!(status, 401);
        let (status, _) = post_json(
            &app,
            &anonymous,
            "sync/pull",
            serde_json::json!({ "request": { "client_id": new_id(), "since": null } }),
        )
        .await;
        assert_eq!(status, 401);
        for (endpoint, form) in [
            ("sync/conflicts", [("all", "true")]),
            ("sync/conflicts_page", [("restore", "false")]),
        ] {
            let answer = anonymous.call(endpoint, &form).await;
            assert_eq!(
                answer.status(),
                401,
                "{endpoint} refuses a signed-out caller"
            );
        }
        let (status, _) = post_json(
            &app,
            &anonymous,
            "sync/resolve",
            serde_json::json!({ "conflict_id": new_id(), "seen_version": 1, "resolution": "KeepMine" }),
        )
        .await;
        assert_eq!(status, 401);
        // Jordan's device id used by Aisha
        let (status, _) = push_raw(&app, &aisha, &jordans_device, vec![save(2, 0, &mine)]).await;
        assert_eq!(status, 403);
        let (status, _) = post_json(
            &app,
            &aisha,
            "sync/pull",
            serde_json::json!({ "request": { "client_id": jordans_device, "since": null } }),
        )
        .await;
        assert_eq!(status, 403);
        // into Jordan's portfolio, or over Jordan's item by its id: the whole batch refused
        let device = new_id();
        let into_jordans = statement(&new_id(), &jordan_id, "Planted.");
        let (status, _) = push_raw(
            &app,
            &aisha,
            &device,
            vec![save(1, 0, &mine), save(2, 0, &into_jordans)],
        )
        .await;
        assert_eq!(status, 403);
        let mut over = jordans_item.clone();
        over.person_id = aisha_id.clone();
        let (status, _) = push_raw(
            &app,
            &aisha,
            &device,
            vec![save(1, 0, &mine), save(2, 1, &over)],
        )
        .await;
        assert_eq!(status, 403);
        let delete = Change {
            mutation: 2,
            id: jordans_item.id.parse().unwrap(),
            base_version: 1,
            op: ChangeOp::Delete,
        };
        let (status, _) = push_raw(&app, &aisha, &device, vec![save(1, 0, &mine), delete]).await;
        assert_eq!(status, 403);
        // nothing written by any refused push (not even Aisha's own first change)
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, before);
        assert_eq!(
            stored(&app, &jordans_item.id).await.unwrap(),
            (jordans_item.body.clone(), 1)
        );
        assert!(stored(&app, &mine.id).await.is_none());
        // and Aisha's device still starts at change 1
        let ok = push(&app, &aisha, &device, vec![save(1, 0, &mine)]).await;
        assert_eq!(applied(&ok), [Outcome::Applied { version: 1 }]);
    }
);

on_both_databases!(
    sync_rejects_invalid_and_locked_changes_one_by_one_with_reasons,
    |backend: Backend| async move {
        // Arrange
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let device = new_id();
        let good = statement(&new_id(), &me, "Fine.");
        let mut empty = statement(&new_id(), &me, "   ");
        empty.date = "2999-01-01".into();
        let mut final_item = statement(&new_id(), &me, "Finished.");
        final_item.status = "final".into();
        // Act
        let result = push(
            &app,
            &jordan,
            &device,
            vec![
                save(1, 0, &good),
                save(2, 0, &empty),
                save(3, 0, &final_item),
            ],
        )
        .await;
        // Assert: the invalid one rejected with its reasons and not written, the others applied
        assert_eq!(result.last_mutation, 3);
        assert_eq!(result.results[0].outcome, Outcome::Applied { version: 1 });
        let Outcome::Rejected { reason } = &result.results[1].outcome else {
            panic!("expected a rejection, got {result:?}");
        };
        assert!(
            reason.contains("Enter the reflective statement"),
            "{reason}"
        );
        assert!(reason.contains("must be today or in the past"), "{reason}");
        assert!(
            stored(&app, &empty.id).await.is_none(),
            "nothing half-written"
        );
        assert_eq!(result.results[2].outcome, Outcome::Applied { version: 1 });
        // Act: a change into an item that is final on the server
        let mut after = final_item.clone();
        after.body = "Changed offline after it was final.".into();
        let locked = push(&app, &jordan, &device, vec![save(4, 1, &after)]).await;
        // Assert: rejected with the reason, the final text untouched, the answer kept for retries
        let Outcome::Rejected { reason } = &locked.results[0].outcome else {
            panic!("expected a rejection");
        };
        assert!(reason.contains("final on Pathway"), "{reason}");
        assert_eq!(
            stored(&app, &final_item.id).await.unwrap(),
            (final_item.body.clone(), 1)
        );
        let retried = push(&app, &jordan, &device, vec![save(4, 1, &after)]).await;
        assert_eq!(retried, locked);
    }
);

on_both_databases!(
    sync_resolve_form_works_as_a_plain_form_post_and_refuses_others,
    |backend: Backend| async move {
        // Arrange: a conflict copy of Jordan's, the server at version 2
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let (tablet, laptop) = (new_id(), new_id());
        let item = statement(&new_id(), &me, "First version.");
        let mut newer = item.clone();
        newer.body = "Newer words.".into();
        let mut stale = item.clone();
        stale.body = "Stale words.".into();
        push(&app, &jordan, &tablet, vec![save(1, 0, &item)]).await;
        push(&app, &jordan, &tablet, vec![save(2, 1, &newer)]).await;
        push(&app, &jordan, &laptop, vec![save(1, 1, &stale)]).await;
        let conflict_id = conflicts(&jordan, false).await[0].id.to_string();
        let form = |seen: &'static str, choice: &'static str| {
            vec![
                ("conflict_id", conflict_id.clone()),
                ("seen_version", seen.to_owned()),
                ("choice", choice.to_owned()),
            ]
        };
        let location = |response: &reqwest::Response| {
            response.headers()["location"].to_str().unwrap().to_owned()
        };
        // Act + Assert: nobody else may choose, signed out or signed in
        let hydrated_post = |user: &User, form: Vec<(&'static str, String)>| {
            user.client
                .post(app.url("/api/sync/resolve_form"))
                .header("Origin", &app.address)
                .form(&form)
                .send()
        };
        let anonymous = User::anonymous(&app);
        let answer = hydrated_post(&anonymous, form("2", "mine")).await.unwrap();
        assert_eq!(answer.status(), 401);
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let answer = hydrated_post(&aisha, form("2", "theirs")).await.unwrap();
        assert_eq!(answer.status(), 403);
        // a merge that still has the marking lines is refused (422)
        let mut marked = form("2", "merged");
        marked.push((
            "merged",
            app::api::sync::resolve_form::merge_prefill("Stale words.", Some("Newer words.")),
        ));
        let answer = jordan
            .client
            .post(app.url("/api/sync/resolve_form"))
            .header("Origin", &app.address)
            .form(&marked)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 422);
        // without JavaScript, a choice against an old version comes back to the page (409)
        let answer = jordan
            .post_form("/api/sync/resolve_form", None, &form("1", "mine"))
            .await;
        assert_eq!(answer.status(), 302);
        let back = location(&answer);
        assert!(
            back.starts_with(&format!("/portfolio/conflicts?conflict={conflict_id}&"))
                && back.contains("__err="),
            "{back}"
        );
        assert_eq!(
            stored(&app, &item.id).await.unwrap(),
            ("Newer words.".into(), 2)
        );
        // Act: keep mine, without JavaScript
        let answer = jordan
            .post_form("/api/sync/resolve_form", None, &form("2", "mine"))
            .await;
        // Assert: saved as version 3 and back to the page with the banner
        assert_eq!(answer.status(), 302);
        assert_eq!(location(&answer), "/portfolio/conflicts?resolved=1");
        assert_eq!(
            stored(&app, &item.id).await.unwrap(),
            ("Stale words.".into(), 3)
        );
        assert!(conflicts(&jordan, false).await.is_empty());
    }
);

on_both_databases!(
    a_device_id_in_any_spelling_but_the_canonical_one_is_refused,
    |backend: Backend| async move {
        // Issue 17 item 10: one device, one spelling, so exactly-once cannot be side-stepped
        // by sending the same changes under the upper-case spelling of the same id
        let (app, jordan, _) = crate::session::signed_in(backend, "Jordan Ellis").await;
        let device = new_id();
        for spelling in [device.to_uppercase(), device.replace('-', "")] {
            let (status, body) = post_json(
                &app,
                &jordan,
                "sync/pull",
                serde_json::json!({ "request": { "client_id": spelling, "since": null } }),
            )
            .await;
            assert_eq!(status, 422, "{spelling}: {body}");
        }
        pull(&app, &jordan, &device, None).await;
    }
);
