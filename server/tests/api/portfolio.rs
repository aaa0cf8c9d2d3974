//! Worker portfolios (issue 5) through the server functions over real HTTP, on SQLite and
//! PostgreSQL: every evidence kind created, edited and listed (PORTFOLIO); another worker
//! refused by changing an id; managers adding observations only for their own workers;
//! specific validation errors; one transaction per save; readiness (PATH-L3) and the CPD
//! log (CPD-1, CPD-2) with its CSV export; the no-JavaScript editor keeping what was typed.

use crate::helpers::{spawn_app, Backend, TestApp};
use crate::session::{count, person_id, signed_in, User};
use pathway_core::error::AppError;
use pathway_core::portfolio::kinds::{addable_kinds, kind_code, spec, Input};
use pathway_core::portfolio::views::{CpdLog, EvidenceSummary, EvidenceView, PathwayView, Saved};

/// Today in the UK, as the server's clock has it (the UTC date is a day behind between
/// 00:00 and 01:00 in British Summer Time).
fn today() -> chrono::NaiveDate {
    pathway_core::domain::london_date(chrono::Utc::now())
}

fn days_ago(n: u64) -> String {
    (today() - chrono::Days::new(n)).to_string()
}

/// A valid form for `kind` in `person`'s portfolio, as `(name, value)` pairs.
fn valid_form(id: &str, person: &str, kind: &str, title: &str) -> Vec<(String, String)> {
    let kind_enum = pathway_core::portfolio::kind_from_code(kind).expect("kind");
    let mut form = vec![
        ("form[id]".to_owned(), id.to_owned()),
        ("form[person_id]".to_owned(), person.to_owned()),
        ("form[kind]".to_owned(), kind.to_owned()),
        ("form[status]".to_owned(), "final".to_owned()),
        ("form[title]".to_owned(), title.to_owned()),
        ("form[date]".to_owned(), days_ago(3)),
        (
            "form[body]".to_owned(),
            "What I did, *why* it mattered and what I learned.\n\n- one\n- two".to_owned(),
        ),
    ];
    for field in spec(kind_enum).fields {
        let value = match field.input {
            Input::Text { .. } => "Example value".to_owned(),
            Input::Date { .. } => days_ago(1),
            // not formal training, which may not use the CPD-2 allowance
            Input::Choice(_) if field.name == "cpd_type" => "team_learning".to_owned(),
            Input::Choice(options) => options[0].0.to_owned(),
            Input::Number => "2".to_owned(),
            Input::Course => "CORE-01".to_owned(),
        };
        form.push((format!("form[details][{}]", field.name), value));
    }
    form
}

fn set(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    form.retain(|(n, _)| n != name);
    form.push((name.to_owned(), value.to_owned()));
}

async fn post(user: &User, endpoint: &str, form: &[(String, String)]) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    user.call(endpoint, &pairs).await
}

async fn save(user: &User, form: &[(String, String)]) -> (u16, String) {
    let response = post(user, "portfolio/save_evidence", form).await;
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn list(user: &User, person: &str) -> Vec<EvidenceSummary> {
    let response = user
        .call("portfolio/list_evidence", &[("person_id", person)])
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The problems a refused save reports, one per line (the save must be refused with 422).
async fn refused(user: &User, form: &[(String, String)]) -> String {
    let (status, body) = save(user, form).await;
    assert_eq!(status, 422, "{body}");
    validation(&body)
}

fn validation(body: &str) -> String {
    match serde_json::from_str::<AppError>(body) {
        Ok(AppError::Validation(message)) => message,
        Ok(AppError::Invalid(errors)) => errors
            .iter()
            .map(|e| e.message.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        other => panic!("expected a validation error, got {other:?} from {body}"),
    }
}

async fn evidence_rows(app: &TestApp, id: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM evidence WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    n
}

on_both_databases!(
    portfolio_every_evidence_kind_is_created_edited_and_listed,
    |backend: Backend| async move {
        // Arrange: Ben, a new ASYE worker with little in his portfolio
        let (app, ben, me) = signed_in(backend, "Ben Castillo").await;
        let before = list(&ben, &me).await.len();
        // Act: one of every kind the editor offers (PORTFOLIO); a manager's observation only
        // as evidence from a previous employer (policy §6(ii))
        let mut ids = Vec::new();
        for kind in addable_kinds() {
            let code = kind_code(kind);
            let id = new_id();
            let mut form = valid_form(&id, &me, &code, &format!("My {code}"));
            if code == "practice_observation" {
                set(&mut form, "form[previous_employer]", "yes");
            }
            let (status, body) = save(&ben, &form).await;
            assert_eq!(status, 200, "{code}: {body}");
            let saved: Saved = serde_json::from_str(&body).unwrap();
            assert_eq!(
                (saved.id.as_str(), saved.version),
                (id.as_str(), 1),
                "{code}"
            );
            ids.push((id, code, form));
        }
        // Assert: listed, each with its kind and who added it
        let items = list(&ben, &me).await;
        assert_eq!(items.len(), before + ids.len());
        for (id, code, _) in &ids {
            let item = items.iter().find(|i| &i.id == id).expect("listed");
            assert_eq!(kind_code(item.kind), *code);
            assert_eq!(item.added_by, "Ben Castillo");
            assert!(!item.added_by_someone_else);
        }
        // Act: edit each from the version loaded
        for (id, code, form) in &mut ids {
            set(form, "form[version]", "1");
            set(form, "form[title]", &format!("Changed {code}"));
            set(form, "form[status]", "draft");
            let (status, body) = save(&ben, form).await;
            assert_eq!(status, 200, "{code}: {body}");
            let saved: Saved = serde_json::from_str(&body).unwrap();
            assert_eq!(saved.version, 2);
            let view: EvidenceView = ben
                .call("portfolio/get_evidence", &[("id", id)])
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(view.summary.title, format!("Changed {code}"));
            assert_eq!(view.summary.version, 2);
            assert!(view.can_edit);
            assert!(view.body.contains("*why*"), "Markdown-lite kept as typed");
            assert_eq!(
                view.details.len(),
                spec(view.summary.kind).fields.len(),
                "{code}: the kind's own fields"
            );
        }
        // the reflective statement's words were counted by domain::count_words (PATH-L3-8)
        let items = list(&ben, &me).await;
        let statement = items
            .iter()
            .find(|i| kind_code(i.kind) == "reflective_statement" && i.title.starts_with("Changed"))
            .unwrap();
        assert_eq!(statement.word_count, Some(12));
        // every save was audited without its text
        let audited = count(&app, "SELECT COUNT(*) FROM audit_log WHERE action IN ('evidence_created', 'evidence_updated') AND detail NOT LIKE '%learned%'").await;
        assert_eq!(audited, 2 * ids.len() as i64);
    }
);

on_both_databases!(
    portfolio_another_worker_cannot_read_or_write_by_changing_the_id,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let jordan_id = jordan.id().await;
        let aisha_id = aisha.id().await;
        let item = list(&jordan, &jordan_id).await.remove(0);
        // reading
        let missing = "0190f5c2-0000-7000-8000-000000000000";
        let other = aisha
            .call("portfolio/get_evidence", &[("id", &item.id)])
            .await;
        let absent = aisha
            .call("portfolio/get_evidence", &[("id", missing)])
            .await;
        assert_eq!(
            (other.status().as_u16(), absent.status().as_u16()),
            (403, 403)
        );
        assert_eq!(
            other.text().await.unwrap(),
            absent.text().await.unwrap(),
            "indistinguishable"
        );
        for (endpoint, form) in [
            (
                "portfolio/list_evidence",
                vec![("person_id", jordan_id.as_str())],
            ),
            ("portfolio/pathway", vec![("person_id", jordan_id.as_str())]),
            ("portfolio/cpd_log", vec![("person_id", jordan_id.as_str())]),
            ("portfolio/editor", vec![("id", item.id.as_str())]),
            (
                "portfolio/editor",
                vec![
                    ("person_id", jordan_id.as_str()),
                    ("kind", "learning_audit"),
                ],
            ),
        ] {
            assert_eq!(
                aisha.call(endpoint, &form).await.status(),
                403,
                "{endpoint} {form:?}"
            );
        }
        let csv = aisha
            .get(&format!("/portfolio/cpd.csv?person={jordan_id}"))
            .await;
        assert_eq!(csv.status(), 403);
        // writing: into Jordan's portfolio, or over Jordan's item from Aisha's own
        let new = valid_form(&new_id(), &jordan_id, "learning_audit", "Planted");
        assert_eq!(save(&aisha, &new).await.0, 403);
        let mut overwrite = valid_form(&item.id, &aisha_id, "learning_audit", "Overwritten");
        set(&mut overwrite, "form[version]", &item.version.to_string());
        assert_eq!(save(&aisha, &overwrite).await.0, 403);
        let after = list(&jordan, &jordan_id).await;
        assert!(after
            .iter()
            .all(|i| i.title != "Planted" && i.title != "Overwritten"));
        // anonymous callers are told to sign in
        let anonymous = User::anonymous(&app);
        assert_eq!(save(&anonymous, &new).await.0, 401);
        assert_eq!(
            anonymous
                .call("portfolio/list_evidence", &[("person_id", &jordan_id)])
                .await
                .status(),
            401
        );
        assert_eq!(anonymous.get("/portfolio/cpd.csv").await.status(), 401);
    }
);

on_both_databases!(
    portfolio_managers_add_observations_only_for_their_own_workers,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let jordan_id = person_id(&app, "Jordan Ellis").await;
        let ben_id = person_id(&app, "Ben Castillo").await;
        let daniel = User::demo(&app, "Daniel Okafor").await; // team manager of Jordan and Ben
        let helen = User::demo(&app, "Helen Fairweather").await; // manages another team
        let samuel = User::demo(&app, "Samuel Adeyemi").await; // practice supervisor of Ben
        let priya = User::demo(&app, "Priya Natarajan").await; // service manager: reads only
        let observation =
            |person: &str| valid_form(&new_id(), person, "practice_observation", "Observed visit");
        // Act / Assert: the worker's own team manager and practice supervisor may
        assert_eq!(save(&daniel, &observation(&jordan_id)).await.0, 200);
        let summary = valid_form(&new_id(), &ben_id, "observed_practice_summary", "Summary");
        assert_eq!(save(&samuel, &summary).await.0, 200);
        // anyone else gets 403, like a worker that is not theirs
        assert_eq!(save(&helen, &observation(&jordan_id)).await.0, 403);
        assert_eq!(save(&samuel, &observation(&jordan_id)).await.0, 403);
        assert_eq!(save(&priya, &observation(&jordan_id)).await.0, 403);
        // a manager adds observations, not the worker's own evidence
        let audit = valid_form(&new_id(), &jordan_id, "learning_audit", "Not mine to add");
        assert_eq!(save(&daniel, &audit).await.0, 403);
        // the worker sees who added what
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let items = list(&jordan, &jordan_id).await;
        let added = items.iter().find(|i| i.title == "Observed visit").unwrap();
        assert_eq!(added.added_by, "Daniel Okafor");
        assert!(added.added_by_someone_else);
        // ...and cannot change it, even with the right version
        let mut edit = valid_form(
            &added.id,
            &jordan_id,
            "practice_observation",
            "Improved by me",
        );
        set(&mut edit, "form[version]", "1");
        set(&mut edit, "form[previous_employer]", "yes");
        assert_eq!(save(&jordan, &edit).await.0, 403);
        // PATH-L3-3: a worker's own "manager's observation" only from a previous employer
        assert!(refused(&jordan, &observation(&jordan_id))
            .await
            .starts_with(
            "A manager's written observation is added by your practice supervisor or team manager"
        ));
        let mut previous = observation(&jordan_id);
        set(&mut previous, "form[previous_employer]", "yes");
        assert_eq!(save(&jordan, &previous).await.0, 200);
        // endorsements are never added through the editor (PATH-L3-9)
        let endorsement = valid_form(
            &new_id(),
            &jordan_id,
            "manager_endorsement",
            "Self-endorsed",
        );
        assert_eq!(save(&jordan, &endorsement).await.0, 422);
    }
);

on_both_databases!(
    portfolio_validation_errors_are_specific_and_save_nothing,
    |backend: Backend| async move {
        let (app, aisha, me) = signed_in(backend, "Aisha Rahman").await;
        let before = count(&app, "SELECT COUNT(*) FROM evidence").await;
        let id = new_id();
        // an audit (PATH-L3-4) with its own fields missing and a date in the future
        let mut form = valid_form(&id, &me, "learning_audit", "Audit");
        form.retain(|(n, _)| !n.starts_with("form[details]"));
        set(
            &mut form,
            "form[date]",
            &(today() + chrono::Days::new(2)).to_string(),
        );
        assert_eq!(
            refused(&aisha, &form).await,
            "Date of the audit must be today or in the past\nEnter the type of audit\nEnter the anonymised case reference"
        );
        // CPD-1 type, a duration that is not a number
        let mut cpd = valid_form(&new_id(), &me, "cpd_activity", "Course");
        set(&mut cpd, "form[details][cpd_type]", "juggling");
        set(&mut cpd, "form[details][duration]", "lots");
        assert_eq!(
            refused(&aisha, &cpd).await,
            "Select type of CPD\nHow long it took must be a number greater than 0, like 3 or 1.5"
        );
        let mut long = valid_form(&new_id(), &me, "reflective_statement", &"x".repeat(121));
        set(&mut long, "form[body]", " ");
        assert_eq!(
            refused(&aisha, &long).await,
            "Title must be 120 characters or fewer\nEnter the reflective statement"
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, before);
        // identifying text only warns: it never blocks saving
        let mut named = valid_form(&new_id(), &me, "third_party_feedback", "Feedback");
        set(
            &mut named,
            "form[body]",
            "Mum (DOB 1/2/90) lives at LE1 6ZG, 07700 900123",
        );
        assert_eq!(save(&aisha, &named).await.0, 200);
    }
);

on_both_databases!(
    portfolio_a_failed_save_leaves_nothing_half_written,
    |backend: Backend| async move {
        let (app, jordan, me) = signed_in(backend, "Jordan Ellis").await;
        let id = new_id();
        let form = valid_form(&id, &me, "cpd_activity", "Half-written?");
        // Arrange: the audit log (written last in the save's transaction) is unavailable
        sqlx::query("ALTER TABLE audit_log RENAME TO audit_log_paused")
            .execute(app.db.pool())
            .await
            .unwrap();
        // Act
        let (status, _) = save(&jordan, &form).await;
        // Assert: the evidence insert before it was rolled back with it
        assert_eq!(status, 500);
        assert_eq!(evidence_rows(&app, &id).await, 0);
        sqlx::query("ALTER TABLE audit_log_paused RENAME TO audit_log")
            .execute(app.db.pool())
            .await
            .unwrap();
        assert_eq!(save(&jordan, &form).await.0, 200);
        assert_eq!(evidence_rows(&app, &id).await, 1);
        // two edits from the same version: the second is refused whole (409)
        let mut first = form.clone();
        set(&mut first, "form[version]", "1");
        set(&mut first, "form[title]", "First edit");
        let mut second = first.clone();
        set(&mut second, "form[title]", "Second edit");
        set(&mut second, "form[body]", "Different text");
        assert_eq!(save(&jordan, &first).await.0, 200);
        assert_eq!(save(&jordan, &second).await.0, 409);
        let (title, body, version): (String, String, i64) =
            sqlx::query_as("SELECT title, body, version FROM evidence WHERE id = $1")
                .bind(&id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!((title.as_str(), version), ("First edit", 2));
        assert!(body.starts_with("What I did"));
    }
);

on_both_databases!(
    portfolio_path_l3_readiness_and_cpd_2_allowance,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        // Jordan (demo): every PATH-L3 requirement met
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let view: PathwayView = jordan
            .call("portfolio/pathway", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(view.transition_id.as_deref(), Some("PATH-L3"));
        assert!(view.ready, "{:#?}", view.tasks);
        assert!(view.eligibility.unwrap().starts_with("You can apply now"));
        // Aisha (demo): nearly ready, 3 of 4 audits (PATH-L3-4)
        let aisha = User::demo(&app, "Aisha Rahman").await;
        let me = aisha.id().await;
        let view: PathwayView = aisha
            .call("portfolio/pathway", &[])
            .await
            .json()
            .await
            .unwrap();
        let audits = view.tasks.iter().find(|t| t.id == "PATH-L3-4").unwrap();
        assert_eq!(audits.reason, "3 of 4 learning or peer audits");
        assert_eq!(
            audits.href.as_deref(),
            Some(format!("/portfolio/edit?kind=learning_audit&person={me}").as_str())
        );
        assert!(view.eligibility.unwrap().starts_with("You can apply from"));
        assert!(!view.ready);
        // Act: a fourth audit, final
        let form = valid_form(&new_id(), &me, "peer_audit", "Fourth audit");
        assert_eq!(save(&aisha, &form).await.0, 200);
        let view: PathwayView = aisha
            .call("portfolio/pathway", &[])
            .await
            .json()
            .await
            .unwrap();
        let audits = view.tasks.iter().find(|t| t.id == "PATH-L3-4").unwrap();
        assert_eq!(audits.status, pathway_core::domain::RequirementStatus::Met);
        assert_eq!(audits.reason, "4 of 4 learning or peer audits");
        // CPD-2: 3 hours used of the allowance, and a type filter (CPD-1)
        let mut cpd = valid_form(&new_id(), &me, "cpd_activity", "Reading week");
        set(&mut cpd, "form[date]", &today().to_string());
        set(&mut cpd, "form[details][duration]", "15");
        set(&mut cpd, "form[details][duration_unit]", "hours");
        set(&mut cpd, "form[details][counts_towards_allowance]", "yes");
        set(&mut cpd, "form[details][cpd_type]", "reading_or_shadowing");
        assert_eq!(save(&aisha, &cpd).await.0, 200);
        let log: CpdLog = aisha
            .call("portfolio/cpd_log", &[])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(log.allowance.used, pathway_core::domain::Centidays(200));
        assert_eq!(log.allowance.left, pathway_core::domain::Centidays(100));
        assert!(log.entries.iter().any(|e| e.title == "Reading week"));
        let filtered: CpdLog = aisha
            .call("portfolio/cpd_log", &[("cpd_type", "team_learning")])
            .await
            .json()
            .await
            .unwrap();
        assert!(filtered
            .entries
            .iter()
            .all(|e| e.cpd_type == "team_learning"));
        assert_eq!(
            filtered.allowance.used,
            pathway_core::domain::Centidays(200),
            "the allowance counts every type"
        );
        // CSV export in the CPD record's fields
        let response = aisha
            .get(&format!("/portfolio/cpd.csv?year={}", log.year))
            .await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let csv = response.text().await.unwrap();
        assert!(
            csv.starts_with("Date,Title,Type of CPD,Time spent,"),
            "{csv}"
        );
        assert!(csv.contains("\"Reading week\",\"Reading, shadowing or portfolio preparation\",\"15 hours\",\"Yes\",\"2\""), "{csv}");
        // the team manager reads the log; the worker's colleague does not
        let helen = User::demo(&app, "Helen Fairweather").await;
        assert_eq!(
            helen
                .get(&format!("/portfolio/cpd.csv?person={me}"))
                .await
                .status(),
            200
        );
    }
);

on_both_databases!(
    portfolio_the_editor_works_without_javascript_and_keeps_what_was_typed,
    |backend: Backend| async move {
        let (app, aisha, me) = signed_in(backend, "Aisha Rahman").await;
        let page = format!("/portfolio/edit?kind=reflective_statement&person={me}");
        let html = aisha.get(&page).await.text().await.unwrap();
        assert!(
            html.contains("You have 1,500 words remaining"),
            "word count rendered"
        );
        assert!(
            html.contains("aria-live=\"polite\""),
            "announced to screen readers"
        );
        let id = html
            .split("name=\"form[id]\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the page carries a new id")
            .to_owned();
        // Act: a plain form post that fails: the date input's three boxes without a month
        let mut form = valid_form(&id, &me, "reflective_statement", "My statement");
        form.retain(|(name, _)| name != "form[date]");
        let date = today();
        let year = chrono::Datelike::year(&date).to_string();
        set(&mut form, "form[date][day]", "7");
        set(&mut form, "form[date][month]", "");
        set(&mut form, "form[date][year]", &year);
        set(
            &mut form,
            "form[body]",
            "Words I must not lose when the save fails.",
        );
        let response = aisha
            .post_form("/api/portfolio/save_evidence", Some(page.as_str()), &form)
            .await;
        assert_eq!(response.status(), 302);
        let back = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(back.contains("__err="), "{back}");
        // Assert: the editor shows the error summary, the inline error and the text typed
        let html = aisha.html(&back).await;
        assert!(html.contains("There is a problem"));
        // the error names the missing part, links to the date input and sits beside it
        assert!(
            html.contains(r##"<a href="#date">Date written must include a month</a>"##),
            "{html}"
        );
        assert!(html.contains(r#"id="date-error""#));
        assert!(
            html.contains(&format!(
                r#"name="form[date][year]" type="text" inputmode="numeric" value="{year}""#
            )),
            "the boxes keep what was typed"
        );
        assert!(html.contains("Words I must not lose when the save fails."));
        assert!(
            html.contains(&format!("value=\"{id}\"")),
            "the same id is kept"
        );
        // a good post goes on to the saved item, its date the ISO date of the three boxes
        set(
            &mut form,
            "form[date][day]",
            &chrono::Datelike::day(&date).to_string(),
        );
        set(
            &mut form,
            "form[date][month]",
            &chrono::Datelike::month(&date).to_string(),
        );
        let response = aisha
            .post_form("/api/portfolio/save_evidence", Some(page.as_str()), &form)
            .await;
        assert_eq!(response.status(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert_eq!(location, format!("/portfolio/evidence?id={id}&saved=1"));
        let html = aisha.get(&location).await.text().await.unwrap();
        assert!(html.contains("Evidence saved"));
        let (stored,): (String,) =
            sqlx::query_as("SELECT evidence_date FROM evidence WHERE id = $1")
                .bind(&id)
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        assert_eq!(stored, date.to_string());
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM evidence_form_stash").await,
            0
        );
        // the pathway page renders the task list
        let html = aisha.get("/portfolio").await.text().await.unwrap();
        assert!(html.contains("govuk-task-list"));
        assert!(html.contains("3 of 4 learning or peer audits"));
    }
);
