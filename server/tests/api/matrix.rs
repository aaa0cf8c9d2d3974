//! The whole role × endpoint matrix (deny by default): every server function the application
//! registers is listed here with who may call it, and every demo role and an anonymous caller
//! call every one over real HTTP. A server function added without a row here fails the test,
//! so a new endpoint cannot ship without its access being decided and checked.
//!
//! "May" means the answer is neither 401 nor 403 (the call may still be refused for its
//! input: a made-up id is 404, an empty form 400). Who may see which person's records is
//! `authz.rs`'s matrix; this one is about who reaches each endpoint at all.

use crate::helpers::{spawn_app, Backend, TestApp, TEST_PASSWORD};
use crate::session::{person_id, User};
use std::collections::BTreeSet;

const DEMO: [&str; 11] = [
    "Alex Morgan",       // administrator
    "Priya Natarajan",   // service manager, panel chair
    "Daniel Okafor",     // team manager
    "Helen Fairweather", // team manager, panel member
    "Grace Whitfield",   // principal social worker, panel member
    "Tomasz Kowalczyk",  // L&D administrator, panel member
    "Maya Lindqvist",    // panel secretariat
    "Samuel Adeyemi",    // senior practitioner, practice supervisor
    "Jordan Ellis",      // level 2
    "Ben Castillo",      // ASYE
    "Chloe Brennan",     // level 3
];

/// Who may call an endpoint.
#[derive(Clone, Copy, Debug)]
enum May {
    /// Signed in or not (signing in, the current user, a set-password link).
    Anyone,
    /// Only a half-way sign-in (password right, two-step code to come): nobody in this test,
    /// so everyone is refused (401, or 422 "start signing in again").
    HalfWay,
    /// Every signed-in person (their own records, their own sessions).
    SignedIn,
    /// Every signed-in person, for records they may see (`authz.rs`'s matrix): a made-up id
    /// is refused with 403 for everyone, as forbidden ones are.
    Owned,
    /// Exactly these demo people.
    Only(&'static [&'static str]),
}

const ADMIN: May = May::Only(&["Alex Morgan"]);
const NOBODY_ID: &str = "0190f5c2-0000-7000-8000-000000000000";

/// A request body: a form or JSON. In either, `{nobody}` stands for a made-up id, `{self}`
/// for the caller's own person id and `{new}` for a new UUIDv7 at each call.
#[derive(Clone, Copy)]
enum Body {
    Form(&'static [(&'static str, &'static str)]),
    Json(&'static str),
}

use Body::{Form, Json};

/// Every endpoint, in the order called; the ones that end the caller's own sessions last.
const MATRIX: &[(&str, May, Body)] = &[
    ("admin/audit_log", ADMIN, Form(&[])),
    (
        "admin/change_level",
        ADMIN,
        Form(&[
            ("form[person_id]", "{nobody}"),
            ("form[level]", "social_worker_3"),
        ]),
    ),
    (
        "admin/create_person",
        ADMIN,
        Form(&[
            ("form[full_name]", "Eve Matrix"),
            ("form[email]", "eve.matrix@pathway.example"),
            ("form[job_title]", "Social Worker"),
            ("form[level]", "none"),
        ]),
    ),
    (
        "admin/create_team",
        ADMIN,
        Form(&[("name", ""), ("service_area", "")]),
    ),
    (
        "admin/deactivate",
        ADMIN,
        Form(&[("person_id", "{nobody}")]),
    ),
    (
        "admin/end_sessions",
        ADMIN,
        Form(&[("person_id", "{nobody}")]),
    ),
    (
        "admin/grant_role",
        ADMIN,
        Form(&[("person_id", "{nobody}"), ("role", "administrator")]),
    ),
    ("admin/import_people", ADMIN, Form(&[("csv", "")])),
    (
        "admin/move_team",
        ADMIN,
        Form(&[("person_id", "{nobody}"), ("team_id", "{nobody}")]),
    ),
    ("admin/people", ADMIN, Form(&[])),
    ("admin/refusal_bursts", ADMIN, Form(&[])),
    (
        "admin/reset_two_step",
        ADMIN,
        Form(&[("person_id", "{nobody}")]),
    ),
    (
        "admin/revoke_role",
        ADMIN,
        Form(&[("person_id", "{nobody}"), ("role", "administrator")]),
    ),
    (
        "admin/set_password_link",
        ADMIN,
        Form(&[("person_id", "{nobody}")]),
    ),
    (
        "admin/set_qualification_date",
        ADMIN,
        Form(&[
            ("form[person_id]", "{nobody}"),
            ("form[qualification_date]", "2020-01-31"),
        ]),
    ),
    ("admin/teams", ADMIN, Form(&[])),
    ("admin/unsent_mail", ADMIN, Form(&[])),
    // no identity provider in this app: an administrator reaches them and is told 404
    (
        "admin/sign_in_link",
        ADMIN,
        Form(&[("person_id", "{self}")]),
    ),
    (
        "admin/link_sign_in",
        ADMIN,
        Form(&[("person_id", "{self}"), ("subject", "council-1")]),
    ),
    (
        "admin/unlink_sign_in",
        ADMIN,
        Form(&[("person_id", "{self}")]),
    ),
    (
        "decisions/answer",
        May::Owned,
        Form(&[("form[decision]", "{nobody}"), ("form[answer]", "agree")]),
    ),
    (
        "decisions/page",
        May::SignedIn,
        Form(&[("person", "{self}")]),
    ),
    (
        "decisions/record",
        May::Owned,
        Form(&[("form[worker]", "{nobody}"), ("form[outcome]", "endorse")]),
    ),
    (
        "decisions/record_supervision",
        May::Owned,
        Form(&[("form[decision]", "{nobody}")]),
    ),
    (
        "decisions/respond_to_challenge",
        May::Owned,
        Form(&[("form[decision]", "{nobody}"), ("form[outcome]", "upheld")]),
    ),
    ("notices/mine", May::SignedIn, Form(&[])),
    ("notices/unread", May::Anyone, Form(&[])),
    ("auth/begin_pending_two_step", May::HalfWay, Form(&[])),
    ("auth/begin_two_step", May::SignedIn, Form(&[])),
    (
        "auth/change_password",
        May::SignedIn,
        Form(&[
            ("current", "not the password"),
            ("new_password", "a new password long enough"),
        ]),
    ),
    (
        "auth/confirm_two_step",
        May::SignedIn,
        Form(&[("code", "000000")]),
    ),
    (
        "auth/end_session",
        May::SignedIn,
        Form(&[("session", "no such session")]),
    ),
    (
        "auth/finish_set_up",
        May::HalfWay,
        Form(&[("code", "000000")]),
    ),
    (
        "auth/forget_device",
        May::SignedIn,
        Form(&[("device", "no such device")]),
    ),
    ("auth/me", May::Anyone, Form(&[])),
    ("auth/my_devices", May::SignedIn, Form(&[])),
    ("auth/my_sessions", May::SignedIn, Form(&[])),
    (
        "auth/set_password",
        May::Anyone,
        Form(&[
            ("token", "no such link"),
            ("new_password", "a new password long enough"),
        ]),
    ),
    (
        "auth/sign_in",
        May::Anyone,
        Form(&[
            ("email", "nobody@pathway.example"),
            ("password", "not the password"),
        ]),
    ),
    (
        "auth/turn_off_two_step",
        May::SignedIn,
        Form(&[("code", "000000")]),
    ),
    ("auth/two_step_state", May::SignedIn, Form(&[])),
    (
        "auth/verify_code",
        May::HalfWay,
        Form(&[("code", "000000")]),
    ),
    (
        "catalogue/list",
        May::Only(&[
            "Alex Morgan",
            "Priya Natarajan",
            "Helen Fairweather",
            "Grace Whitfield",
            "Tomasz Kowalczyk",
            "Maya Lindqvist",
        ]),
        Form(&[]),
    ),
    // the panel calendar is published to all staff and holds no personal data
    ("panels/upcoming", May::Anyone, Form(&[])),
    (
        "people/get",
        May::SignedIn,
        Form(&[("person_id", "{self}")]),
    ),
    (
        "people/level_history",
        May::SignedIn,
        Form(&[("person_id", "{self}")]),
    ),
    (
        "oversight/workers",
        May::Only(&[
            "Priya Natarajan",
            "Daniel Okafor",
            "Helen Fairweather",
            "Samuel Adeyemi",
        ]),
        Form(&[]),
    ),
    (
        "oversight/asye_cohort",
        May::Only(&["Tomasz Kowalczyk"]),
        Form(&[]),
    ),
    (
        "oversight/secretariat",
        May::Only(&["Maya Lindqvist"]),
        Form(&[]),
    ),
    ("portfolio/cpd_log", May::SignedIn, Form(&[])),
    (
        "portfolio/editor",
        May::SignedIn,
        Form(&[("kind", "reflective_statement")]),
    ),
    (
        "portfolio/get_evidence",
        May::Owned,
        Form(&[("id", "{nobody}")]),
    ),
    (
        "portfolio/list_evidence",
        May::SignedIn,
        Form(&[("person_id", "{self}")]),
    ),
    ("portfolio/pathway", May::SignedIn, Form(&[])),
    (
        "portfolio/save_evidence",
        May::SignedIn,
        Form(&[
            ("form[id]", "{new}"),
            ("form[person_id]", "{self}"),
            ("form[kind]", "reflective_statement"),
            ("form[title]", ""),
            ("form[body]", ""),
            ("form[base_version]", "0"),
        ]),
    ),
    ("sync/conflicts", May::SignedIn, Form(&[])),
    ("sync/conflicts_page", May::SignedIn, Form(&[])),
    (
        "sync/pull",
        May::SignedIn,
        Json(r#"{"request":{"client_id":"{new}","since":null}}"#),
    ),
    (
        "sync/push",
        May::SignedIn,
        Json(r#"{"request":{"client_id":"{new}","changes":[]}}"#),
    ),
    (
        "sync/resolve",
        May::Owned,
        Json(r#"{"conflict_id":"{nobody}","seen_version":1,"resolution":"KeepMine"}"#),
    ),
    (
        "sync/resolve_form",
        May::Owned,
        Form(&[
            ("conflict_id", "{nobody}"),
            ("seen_version", "1"),
            ("choice", "mine"),
        ]),
    ),
    (
        "training/add_course",
        May::Only(&["Alex Morgan", "Tomasz Kowalczyk"]),
        Form(&[("code", ""), ("title", "")]),
    ),
    ("training/current", May::SignedIn, Form(&[])),
    (
        "training/remove_course",
        May::Only(&["Alex Morgan", "Tomasz Kowalczyk"]),
        Form(&[("code", "NO-SUCH-COURSE")]),
    ),
    ("vault/key", May::SignedIn, Form(&[])),
    (
        "vault/set_up_offline",
        May::SignedIn,
        Form(&[("password", TEST_PASSWORD)]),
    ),
    ("auth/sign_out_everywhere_else", May::SignedIn, Form(&[])),
    ("auth/sign_out", May::Anyone, Form(&[])),
];

/// `text` with its placeholders filled in for a call by `me`.
fn fill(text: &str, me: &str) -> String {
    text.replace("{nobody}", NOBODY_ID)
        .replace("{self}", me)
        .replace("{new}", &uuid::Uuid::now_v7().to_string())
}

async fn send(app: &TestApp, user: &User, me: &str, endpoint: &str, body: Body) -> u16 {
    let request = user
        .client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("Origin", &app.address);
    let request = match body {
        Form(fields) => {
            let fields: Vec<(&str, String)> = fields
                .iter()
                .map(|(name, value)| (*name, fill(value, me)))
                .collect();
            request.form(&fields)
        }
        Json(json) => request
            .header("Content-Type", "application/json")
            .body(fill(json, me)),
    };
    request.send().await.expect("POST").status().as_u16()
}

/// Whether `status` is what `may` allows for `caller` (`None`: signed out).
fn as_allowed(may: May, caller: Option<&str>, status: u16) -> bool {
    let reached = status != 401 && status != 403 && status < 500;
    match (may, caller) {
        (May::Anyone, _) => reached,
        (May::HalfWay, _) => status == 401 || status == 422,
        (_, None) => status == 401,
        (May::SignedIn, Some(_)) => reached,
        (May::Owned, Some(_)) => status == 403,
        (May::Only(names), Some(name)) if names.contains(&name) => reached,
        (May::Only(_), Some(_)) => status == 403,
    }
}

#[test]
fn every_registered_server_function_has_a_row_in_the_matrix() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = MATRIX
        .iter()
        .map(|(path, _, _)| (*path).to_owned())
        .collect();
    let missing: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions with no row: {missing:?}"
    );
    assert!(stale.is_empty(), "rows for no server function: {stale:?}");
}

on_both_databases!(
    every_role_reaches_exactly_the_endpoints_the_matrix_allows,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let mut callers: Vec<(Option<&str>, String, User)> =
            vec![(None, NOBODY_ID.to_owned(), User::anonymous(&app))];
        for name in DEMO {
            let me = person_id(&app, name).await;
            callers.push((Some(name), me, User::demo(&app, name).await));
        }
        let mut failures = Vec::new();
        for (endpoint, may, body) in MATRIX {
            for (name, me, user) in &callers {
                let status = send(&app, user, me, endpoint, *body).await;
                if !as_allowed(*may, *name, status) {
                    failures.push(format!(
                        "{} {endpoint}: {status} (expected {may:?})",
                        name.unwrap_or("anonymous")
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
);
