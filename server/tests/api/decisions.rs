//! Issue 14: managers' decisions (DEC-1 to DEC-3, DEC-5) and their notices, over HTTP on
//! both databases. Aisha Rahman (Level 2, team South) is managed by Helen Fairweather, whose
//! service manager is Priya Natarajan; Maya Lindqvist is the panel secretariat.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{count, person_id, User};
use chrono::Duration;
use pathway_core::decisions::views::{DecisionsPage, NoticeView, TypedForms};
use pathway_core::domain::RequirementStatus;
use pathway_core::portfolio::views::PathwayView;

pub fn in_days(app: &TestApp, days: i64) -> String {
    (app.db.clock().today() + Duration::days(days)).to_string()
}

pub async fn page(user: &User, worker: &str) -> (u16, Option<DecisionsPage>) {
    let response = user.call("decisions/page", &[("person", worker)]).await;
    let status = response.status().as_u16();
    let page = if status == 200 {
        let (page, _): (DecisionsPage, TypedForms) = response.json().await.unwrap();
        Some(page)
    } else {
        None
    };
    (status, page)
}

pub async fn record(user: &User, fields: &[(&str, &str)]) -> (u16, String) {
    let response = user.call("decisions/record", fields).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

/// `manager` records "not yet" for `worker` with one action per description, each due in
/// 60 days; answers the decision's id.
pub async fn not_yet(app: &TestApp, manager: &User, worker: &str, actions: &[&str]) -> String {
    let due = in_days(app, 60);
    let mut fields = vec![
        ("form[worker]".to_owned(), worker.to_owned()),
        ("form[outcome]".to_owned(), "not_yet".to_owned()),
        (
            "form[reason]".to_owned(),
            "More observed direct work first".to_owned(),
        ),
    ];
    for (i, action) in actions.iter().enumerate() {
        fields.push((format!("form[action_{}]", i + 1), (*action).to_owned()));
        fields.push((format!("form[due_{}]", i + 1), due.clone()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, body) = record(manager, &fields).await;
    assert_eq!(status, 200, "{body}");
    let (id,): (String,) = sqlx::query_as(
        "SELECT id FROM manager_decisions WHERE worker_id = $1
          ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(worker)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    id
}

pub async fn notices(user: &User) -> Vec<NoticeView> {
    let response = user.call("notices/mine", &[]).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn unread(user: &User) -> i64 {
    user.call("notices/unread", &[]).await.json().await.unwrap()
}

async fn pathway(user: &User, person: &str) -> PathwayView {
    user.call("portfolio/pathway", &[("person_id", person)])
        .await
        .json()
        .await
        .unwrap()
}

/// Helen adds a final written observation of Aisha's practice; answers its id.
pub async fn observe(app: &TestApp, helen: &User, aisha: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let date = in_days(app, -7);
    let response = helen
        .call(
            "portfolio/save_evidence",
            &[
                ("form[id]", id.as_str()),
                ("form[person_id]", aisha),
                ("form[kind]", "practice_observation"),
                ("form[status]", "final"),
                ("form[title]", "Observed core group meeting"),
                ("form[date]", date.as_str()),
                ("form[body]", "Aisha chaired the core group with Family C and kept the child's voice central."),
                ("form[details][observer]", "Helen Fairweather, Team Manager"),
                ("form[details][setting]", "Core group"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    id
}

on_both_databases!(
    dec_2_not_yet_needs_a_dated_plan_and_sends_a_notice_up_the_line,
    |backend: Backend| async move {
        // Arrange
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let aisha_id = person_id(&app, "Aisha Rahman").await;
        let worker = aisha_id.as_str();
        // Act: "not yet" with no plan (DEC-2)
        let (status, body) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "not_yet"),
                ("form[reason]", "More observed practice first"),
            ],
        )
        .await;
        // Assert: refused beside the first action, nothing stored, nobody told
        assert_eq!(status, 422, "{body}");
        assert!(body.contains("at least one development action"), "{body}");
        assert!(body.contains("action_1"), "{body}");
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM manager_decisions").await,
            1,
            "only the demo's"
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM notices").await, 0);
        // an action due before today is refused beside its date
        let past = in_days(&app, -1);
        let (status, body) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "not_yet"),
                ("form[reason]", "More observed practice first"),
                ("form[action_1]", "Two observed visits"),
                ("form[due_1]", past.as_str()),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(
            body.contains("due_1") && body.contains("due before the decision date"),
            "{body}"
        );

        // Act: a dated plan
        let due = in_days(&app, 90);
        let (status, body) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "not_yet"),
                ("form[reason]", "More observed practice first"),
                (
                    "form[action_1]",
                    "Two observed visits with your team manager",
                ),
                ("form[due_1]", due.as_str()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // Assert: the worker, the service manager and the secretariat each have a notice
        let aisha = User::demo(&app, "Aisha Rahman").await;
        for user in [
            &aisha,
            &User::demo(&app, "Priya Natarajan").await,
            &User::demo(&app, "Maya Lindqvist").await,
        ] {
            assert_eq!(unread(user).await, 1);
            let list = notices(user).await;
            assert_eq!(list.len(), 1);
            assert!(list[0].subject.contains("Aisha Rahman: not yet endorsed for Level 2 Social Worker to Level 3 Social Worker"), "{:?}", list[0]);
            assert_eq!(list[0].link, format!("/decisions?person={worker}"));
            assert!(
                !list[0].subject.contains("Family"),
                "no evidence text in a notice"
            );
            assert_eq!(unread(user).await, 0, "read once listed");
        }
        // the secretariat sees the decision (DEC-2: they monitor who is not coming)
        let (status, seen) = page(&User::demo(&app, "Maya Lindqvist").await, worker).await;
        assert_eq!(status, 200);
        let seen = seen.unwrap();
        assert!(!seen.may_decide);
        assert_eq!(
            seen.decisions[0].actions[0].description,
            "Two observed visits with your team manager"
        );
        assert!(
            seen.state.starts_with("Eligible from"),
            "DEC-1: not eligible yet: {}",
            seen.state
        );

        // the worker agrees the plan, once
        let decision = seen.decisions[0].id.clone();
        let answer = |a: &'static str| {
            [
                ("form[decision]", decision.clone()),
                ("form[answer]", a.to_owned()),
            ]
        };
        let fields = answer("agree");
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // Helen cannot answer for her
        assert_eq!(helen.call("decisions/answer", &pairs).await.status(), 403);
        assert_eq!(aisha.call("decisions/answer", &pairs).await.status(), 200);
        let again = aisha.call("decisions/answer", &pairs).await;
        assert_eq!(again.status(), 422);
        assert!(again.text().await.unwrap().contains("already answered"));
        let (_, mine) = page(&aisha, worker).await;
        assert!(mine.unwrap().decisions[0].answer.as_ref().unwrap().agreed);
        // Helen and Priya are told
        assert!(notices(&helen).await[0]
            .subject
            .contains("Aisha Rahman agreed the development plan"));
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'development_plan_answered'"
            )
            .await,
            1
        );
    }
);

on_both_databases!(
    dec_3_an_endorsement_cites_observations_and_meets_path_l3_9,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let aisha_id = person_id(&app, "Aisha Rahman").await;
        let worker = aisha_id.as_str();
        let before = pathway(&helen, worker).await;
        let endorsement = |view: &PathwayView| {
            view.tasks
                .iter()
                .find(|t| t.id == "PATH-L3-9")
                .unwrap()
                .status
                == RequirementStatus::Met
        };
        assert!(!endorsement(&before), "PATH-L3-9 not met yet");
        // an endorsement without an observation is refused (DEC-3)
        let (status, body) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "endorse"),
                ("form[statement]", "I endorse Aisha."),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("observations"), "{body}");
        // nor citing someone else's observation
        let jordan_observation: (String,) =
            sqlx::query_as("SELECT id FROM evidence WHERE kind = 'practice_observation' LIMIT 1")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let foreign = format!("form[observations][id-{}]", jordan_observation.0);
        let (status, body) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "endorse"),
                ("form[statement]", "I endorse Aisha."),
                (foreign.as_str(), "on"),
            ],
        )
        .await;
        assert_eq!(status, 422);
        assert!(body.contains("from this worker's portfolio"), "{body}");
        // Act: Helen observes Aisha, then endorses citing it
        let observed = observe(&app, &helen, worker).await;
        let (_, offered) = page(&helen, worker).await;
        let offered = offered.unwrap();
        assert!(offered.may_decide);
        assert_eq!(offered.observations[0].id, observed);
        let cited = format!("form[observations][id-{observed}]");
        let (status, body) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "endorse"),
                (
                    "form[statement]",
                    "Over a year of observed practice, Aisha's work is consistently child-centred.",
                ),
                (cited.as_str(), "on"),
            ],
        )
        .await;
        assert_eq!(status, 200, "{body}");
        // Assert: PATH-L3-9 met, from an endorsement item Helen added and cannot edit
        assert!(endorsement(&pathway(&helen, worker).await));
        let (added_by, status): (String, String) = sqlx::query_as(
            "SELECT p.full_name, e.status FROM evidence e JOIN people p ON p.id = e.created_by
              WHERE e.person_id = $1 AND e.kind = 'manager_endorsement'",
        )
        .bind(worker)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(
            (added_by.as_str(), status.as_str()),
            ("Helen Fairweather", "final")
        );
        let (_, after) = page(&helen, worker).await;
        let latest = after.unwrap().decisions[0].clone();
        assert_eq!(latest.observations[0].id, observed);
        assert!(latest.endorsement_id.is_some());
        // a later "not yet" withdraws it for readiness; the endorsement stays as history
        let due = in_days(&app, 30);
        let (status, _) = record(
            &helen,
            &[
                ("form[worker]", worker),
                ("form[outcome]", "not_yet"),
                ("form[reason]", "A concern raised in supervision"),
                ("form[action_1]", "Reflect on the concern in supervision"),
                ("form[due_1]", due.as_str()),
            ],
        )
        .await;
        assert_eq!(status, 200);
        assert!(!endorsement(&pathway(&helen, worker).await));
        assert_eq!(page(&helen, worker).await.1.unwrap().decisions.len(), 2);
    }
);

on_both_databases!(
    only_the_workers_own_manager_decides_and_only_those_involved_see_it,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let aisha_id = person_id(&app, "Aisha Rahman").await;
        let worker = aisha_id.as_str();
        let due = in_days(&app, 60);
        let plan = [
            ("form[worker]", worker),
            ("form[outcome]", "not_yet"),
            ("form[reason]", "Not yet"),
            ("form[action_1]", "An action"),
            ("form[due_1]", due.as_str()),
        ];
        // another team's manager, the worker herself and another worker may not decide
        for name in [
            "Daniel Okafor",
            "Aisha Rahman",
            "Jordan Ellis",
            "Maya Lindqvist",
        ] {
            let (status, _) = record(&User::demo(&app, name).await, &plan).await;
            assert_eq!(status, 403, "{name}");
        }
        // nor see her decisions, except the secretariat and her line
        for (name, expected) in [
            ("Daniel Okafor", 403),
            ("Jordan Ellis", 403),
            ("Priya Natarajan", 200),
            ("Helen Fairweather", 200),
            ("Maya Lindqvist", 200),
        ] {
            assert_eq!(
                page(&User::demo(&app, name).await, worker).await.0,
                expected,
                "{name}"
            );
        }
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM manager_decisions").await,
            1,
            "only the demo's"
        );
        // Jordan's demo endorsement is a recorded decision, citing the observed visit
        let jordan = person_id(&app, "Jordan Ellis").await;
        let (_, seen) = page(&User::demo(&app, "Daniel Okafor").await, &jordan).await;
        let seen = seen.unwrap();
        assert_eq!(seen.decisions[0].observations.len(), 1);
        assert!(seen.state.starts_with("Endorsed"), "{}", seen.state);
    }
);

on_both_databases!(
    a_refused_decision_keeps_what_was_typed_with_javascript_off,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let helen = User::demo(&app, "Helen Fairweather").await;
        let aisha_id = person_id(&app, "Aisha Rahman").await;
        let back = format!("/decisions?person={aisha_id}");
        let response = helen
            .post_form(
                "/api/decisions/record",
                Some(&back),
                &[
                    ("form[worker]", aisha_id.as_str()),
                    ("form[outcome]", "not_yet"),
                    ("form[reason]", "Typed with care"),
                    ("form[action_1]", "An action with no date"),
                ],
            )
            .await;
        assert!(response.status().is_redirection());
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("__err="), "{location}");
        let html = helen.html(&location).await;
        assert!(
            html.contains("Typed with care"),
            "the reason is shown again"
        );
        assert!(html.contains("An action with no date"));
        assert!(
            html.contains("Enter the date action 1 is due"),
            "beside its field"
        );
    }
);
