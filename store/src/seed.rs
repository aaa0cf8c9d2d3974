//! The fictional demo organisation loaded on first start: a department with two teams,
//! managers, workers at every level (with an ASYE cohort), a panel chair, a principal
//! social worker, L&D, panel secretariat and an administrator. Every name is invented.
//! It runs only against an empty database, in one transaction.

use crate::db::Db;
use chrono::{Datelike, Months, NaiveDate};
use pathway_core::domain::Level;
use sqlx::{Any, Transaction};
use uuid::Uuid;

/// One demo account, printed at start-up so a new user knows how to sign in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    pub role: &'static str,
    pub name: &'static str,
    pub email: String,
}

struct DemoPerson {
    key: &'static str,
    name: &'static str,
    job_title: &'static str,
    /// Storage code of the current level, for registered social workers.
    level: Option<&'static str>,
    /// Months since qualifying (drives eligibility dates relative to the seed date).
    qualified_months_ago: Option<u32>,
    team: Option<&'static str>,
    roles: &'static [&'static str],
    shown_as: Option<&'static str>,
}

const TEAMS: [(&str, &str, &str); 2] = [
    ("north", "Riverside Family Support Team", "Children in Need"),
    (
        "south",
        "Hillcrest Children in Care Team",
        "Children in Care",
    ),
];

const PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        key: "admin",
        name: "Alex Morgan",
        job_title: "Systems Administrator",
        level: None,
        qualified_months_ago: None,
        team: None,
        roles: &["administrator"],
        shown_as: Some("Administrator"),
    },
    DemoPerson {
        key: "sm",
        name: "Priya Natarajan",
        job_title: "Service Manager",
        level: None,
        qualified_months_ago: Some(240),
        team: None,
        roles: &["service_manager", "panel_chair"],
        shown_as: Some("Service manager and panel chair"),
    },
    DemoPerson {
        key: "tm_north",
        name: "Daniel Okafor",
        job_title: "Team Manager",
        level: Some("team_manager"),
        qualified_months_ago: Some(156),
        team: None,
        roles: &["team_manager"],
        shown_as: Some("Team manager (Riverside)"),
    },
    DemoPerson {
        key: "tm_south",
        name: "Helen Fairweather",
        job_title: "Team Manager",
        level: Some("team_manager"),
        qualified_months_ago: Some(180),
        team: None,
        roles: &["team_manager", "panel_member"],
        shown_as: Some("Team manager (Hillcrest)"),
    },
    DemoPerson {
        key: "psw",
        name: "Grace Whitfield",
        job_title: "Principal Social Worker",
        level: None,
        qualified_months_ago: Some(200),
        team: None,
        roles: &["panel_member"],
        shown_as: Some("Principal social worker (panel member)"),
    },
    DemoPerson {
        key: "lnd",
        name: "Tomasz Kowalczyk",
        job_title: "Learning and Development Lead",
        level: None,
        qualified_months_ago: None,
        team: None,
        roles: &["ld_administrator", "panel_member"],
        shown_as: Some("L&D administrator"),
    },
    DemoPerson {
        key: "sec",
        name: "Maya Lindqvist",
        job_title: "Practice Excellence Support Officer",
        level: None,
        qualified_months_ago: None,
        team: None,
        roles: &["panel_secretariat"],
        shown_as: Some("Panel secretariat"),
    },
    DemoPerson {
        key: "sp",
        name: "Samuel Adeyemi",
        job_title: "Senior Practitioner",
        level: Some("senior_practitioner"),
        qualified_months_ago: Some(78),
        team: Some("north"),
        roles: &["practitioner", "practice_supervisor"],
        shown_as: Some("Senior practitioner and ASYE practice supervisor"),
    },
    DemoPerson {
        key: "l3",
        name: "Chloe Brennan",
        job_title: "Social Worker (Level 3)",
        level: Some("social_worker_3"),
        qualified_months_ago: Some(50),
        team: Some("south"),
        roles: &["practitioner"],
        shown_as: Some("Level 3 social worker"),
    },
    DemoPerson {
        key: "l2_ready",
        name: "Jordan Ellis",
        job_title: "Social Worker (Level 2)",
        level: Some("social_worker_2"),
        qualified_months_ago: Some(30),
        team: Some("north"),
        roles: &["practitioner"],
        shown_as: Some("Level 2 social worker"),
    },
    DemoPerson {
        key: "l2_new",
        name: "Aisha Rahman",
        job_title: "Social Worker (Level 2)",
        level: Some("social_worker_2"),
        qualified_months_ago: Some(20),
        team: Some("south"),
        roles: &["practitioner"],
        shown_as: None,
    },
    DemoPerson {
        key: "asye1",
        name: "Ben Castillo",
        job_title: "Newly Qualified Social Worker (ASYE)",
        level: Some("asye"),
        qualified_months_ago: Some(10),
        team: Some("north"),
        roles: &["practitioner"],
        shown_as: Some("ASYE worker"),
    },
    DemoPerson {
        key: "asye2",
        name: "Ella Nowak",
        job_title: "Newly Qualified Social Worker (ASYE)",
        level: Some("asye"),
        qualified_months_ago: Some(10),
        team: Some("north"),
        roles: &["practitioner"],
        shown_as: None,
    },
    DemoPerson {
        key: "asye3",
        name: "Ravi Chauhan",
        job_title: "Newly Qualified Social Worker (ASYE)",
        level: Some("asye"),
        qualified_months_ago: Some(2),
        team: Some("south"),
        roles: &["practitioner"],
        shown_as: None,
    },
    DemoPerson {
        // eligible for Level 3 for months with no decision recorded: the flag a team
        // manager and service manager must act on (DEC-1)
        key: "l2_waiting",
        name: "Sofia Marsh",
        job_title: "Social Worker (Level 2)",
        level: Some("social_worker_2"),
        qualified_months_ago: Some(28),
        team: Some("south"),
        roles: &["practitioner"],
        shown_as: None,
    },
];

/// The demo organisation's email domain: reserved for examples, so no mail can reach anyone.
pub const DEMO_EMAIL_DOMAIN: &str = "pathway.example";

/// Gives every demo account (an address at `DEMO_EMAIL_DOMAIN`, which no real person has:
/// `.example` is reserved) `password`, at each start in demo mode, so no demo password
/// outlives the run that printed it. Sessions are left as they are. Answers how many
/// accounts changed.
pub async fn reset_demo_passwords(db: &Db, password: &str) -> Result<u64, sqlx::Error> {
    let password_hash = demo_hash(password).await?;
    let changed = sqlx::query(
        "UPDATE credentials SET password_hash = $1, updated_at = $2
         WHERE person_id IN (SELECT id FROM people WHERE LOWER(email) LIKE $3)",
    )
    .bind(&password_hash)
    .bind(crate::clock::stamp(db.clock().now()))
    .bind(format!("%@{DEMO_EMAIL_DOMAIN}"))
    .execute(db.pool())
    .await?;
    Ok(changed.rows_affected())
}

/// A new random password for the demo accounts: four groups of five letters and digits
/// (about 99 bits), easy to copy from the start-up message.
pub fn random_demo_password() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    // no 0/o, 1/l/i: read off a terminal and typed
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut groups = Vec::new();
    for _ in 0..4 {
        let group: String = (0..5)
            .map(|_| {
                let pick = OsRng.next_u32() as usize % ALPHABET.len();
                char::from(ALPHABET[pick])
            })
            .collect();
        groups.push(group);
    }
    groups.join("-")
}

/// One argon2id hash (hashed once: it is deliberately slow) shared by the demo accounts.
async fn demo_hash(password: &str) -> Result<String, sqlx::Error> {
    crate::auth::password::hash(password.to_owned())
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("hashing the demo password: {e}")))
}

/// The accounts a demo organisation offers to sign in as, for the start-up message.
pub fn demo_accounts() -> Vec<DemoAccount> {
    PEOPLE
        .iter()
        .filter_map(|person| {
            Some(DemoAccount {
                role: person.shown_as?,
                name: person.name,
                email: email_of(person.name),
            })
        })
        .collect()
}

/// Loads the demo organisation unless the database already holds people, every account
/// signing in with `password` (demo mode makes a random one at each start: issue 17 item 1;
/// a real organisation starts with no people and sets passwords through one-time links).
/// Returns the accounts created (empty when nothing was seeded).
pub async fn seed_if_empty(
    db: &Db,
    today: NaiveDate,
    password: &str,
) -> Result<Vec<DemoAccount>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let (people,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people")
        .fetch_one(&mut *tx)
        .await?;
    if people > 0 {
        return Ok(Vec::new());
    }
    let now = crate::clock::stamp(db.clock().now());
    let password_hash = demo_hash(password).await?;
    let mut team_ids = Vec::new();
    for (key, name, area) in TEAMS {
        let id = new_id();
        sqlx::query(
            "INSERT INTO teams (id, name, service_area, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(name)
        .bind(area)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        team_ids.push((key, id));
    }
    let team_id = |key: &str| {
        team_ids
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| id.clone())
    };
    let mut person_ids = Vec::new();
    let mut accounts = Vec::new();
    for (index, person) in PEOPLE.iter().enumerate() {
        let id = insert_person(&mut tx, person, index, today, &now).await?;
        sqlx::query(
            "INSERT INTO credentials (person_id, password_hash, updated_at) VALUES ($1, $2, $3)",
        )
        .bind(&id)
        .bind(&password_hash)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        if let Some(team) = person.team.and_then(team_id) {
            insert_dated(&mut tx, "team_memberships", &id, &team, None, today).await?;
        }
        if let Some(shown_as) = person.shown_as {
            accounts.push(DemoAccount {
                role: shown_as,
                name: person.name,
                email: email_of(person.name),
            });
        }
        person_ids.push((person.key, id));
    }
    let person_id = |key: &str| {
        person_ids
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, id)| id.clone())
    };
    for (team, manager) in [("north", "tm_north"), ("south", "tm_south")] {
        let (Some(team), Some(manager), Some(sm)) =
            (team_id(team), person_id(manager), person_id("sm"))
        else {
            continue;
        };
        insert_dated(
            &mut tx,
            "team_management",
            &manager,
            &team,
            Some("team_manager"),
            today,
        )
        .await?;
        insert_dated(
            &mut tx,
            "team_management",
            &sm,
            &team,
            Some("service_manager"),
            today,
        )
        .await?;
    }
    for supervisee in ["asye1", "asye2"] {
        if let (Some(supervisor), Some(supervisee)) = (person_id("sp"), person_id(supervisee)) {
            sqlx::query("INSERT INTO supervision (id, supervisor_id, supervisee_id, starts_on) VALUES ($1, $2, $3, $4)")
                .bind(new_id())
                .bind(supervisor)
                .bind(supervisee)
                .bind(today.to_string())
                .execute(&mut *tx)
                .await?;
        }
    }
    super::seed_portfolios::insert(&mut tx, &person_id, today, &now).await?;
    insert_panels(&mut tx, today, &now).await?;
    insert_training(&mut tx, today, &now).await?;
    tx.commit().await?;
    Ok(accounts)
}

async fn insert_person(
    tx: &mut Transaction<'static, Any>,
    person: &DemoPerson,
    index: usize,
    today: NaiveDate,
    now: &str,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let qualified = person
        .qualified_months_ago
        .and_then(|m| today.checked_sub_months(Months::new(m)));
    // Fictional Social Work England style numbers, distinct per demo person.
    let registration = qualified.map(|_| format!("SW{}", 900_100 + index * 37));
    sqlx::query(
        "INSERT INTO people (id, full_name, email, job_title, qualification_date, registration_number, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
    )
    .bind(&id)
    .bind(person.name)
    .bind(email_of(person.name))
    .bind(person.job_title)
    .bind(qualified.map(|d| d.to_string()))
    .bind(registration)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if let (Some(level), Some(qualified)) = (person.level, qualified) {
        // The level began when the worker last progressed; for the demo, the later of
        // qualifying and a year ago.
        let since = qualified.max(today.with_year(today.year() - 1).unwrap_or(today));
        sqlx::query(
            "INSERT INTO level_history (id, person_id, level, effective_from, reason, recorded_at)
             VALUES ($1, $2, $3, $4, 'Demo data: level on joining Pathway', $5)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(level)
        .bind(since.to_string())
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    for role in person.roles {
        sqlx::query(
            "INSERT INTO role_grants (id, person_id, role, granted_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(*role)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// Inserts a dated membership (`team_memberships`) or management (`team_management`) row.
async fn insert_dated(
    tx: &mut Transaction<'static, Any>,
    table: &str,
    person: &str,
    team: &str,
    kind: Option<&str>,
    today: NaiveDate,
) -> Result<(), sqlx::Error> {
    let sql = match kind {
        None => format!("INSERT INTO {table} (id, person_id, team_id, starts_on) VALUES ($1, $2, $3, $4)"),
        Some(_) => format!("INSERT INTO {table} (id, person_id, team_id, starts_on, kind) VALUES ($1, $2, $3, $4, $5)"),
    };
    let mut query = sqlx::query(&sql)
        .bind(new_id())
        .bind(person)
        .bind(team)
        .bind(today.to_string());
    if let Some(kind) = kind {
        query = query.bind(kind);
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// Four progression panels over the coming year (PANEL-1), the first Thursday of every
/// third month, and the ASYE cohort panel in the month the demo cohort finishes.
async fn insert_panels(
    tx: &mut Transaction<'static, Any>,
    today: NaiveDate,
    now: &str,
) -> Result<(), sqlx::Error> {
    let mut panels = Vec::new();
    for quarter in 0..4u32 {
        let month = today
            .checked_add_months(Months::new(1 + quarter * 3))
            .unwrap_or(today);
        panels.push((
            first_thursday(month.year(), month.month()),
            "progression",
            "Civic Centre, Room 4",
        ));
    }
    let asye_month = today.checked_add_months(Months::new(2)).unwrap_or(today);
    panels.push((
        first_thursday(asye_month.year(), asye_month.month()) + chrono::Days::new(14),
        "asye_cohort",
        "Civic Centre, Room 2",
    ));
    for (date, kind, location) in panels {
        sqlx::query("INSERT INTO panels (id, panel_date, kind, location, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id())
            .bind(date.to_string())
            .bind(kind)
            .bind(location)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A fictional core and development training offer (PATH-MGMT-3), in force for a year.
async fn insert_training(
    tx: &mut Transaction<'static, Any>,
    today: NaiveDate,
    now: &str,
) -> Result<(), sqlx::Error> {
    use pathway_core::domain::{Course, CourseKind, TrainingList};
    let course = |code: &str, title: &str, kind, levels: &[Level]| Course {
        code: code.to_owned(),
        title: title.to_owned(),
        kind,
        levels: levels.to_vec(),
    };
    let qualified = [
        Level::SocialWorker2,
        Level::SocialWorker3,
        Level::SeniorPractitioner,
    ];
    let list = TrainingList {
        version: new_id(),
        effective_from: today.checked_sub_months(Months::new(12)).unwrap_or(today),
        courses: vec![
            course(
                "CORE-01",
                "Safeguarding children: multi-agency procedures",
                CourseKind::Core,
                &qualified,
            ),
            course(
                "CORE-02",
                "Recording and report writing",
                CourseKind::Core,
                &qualified,
            ),
            course(
                "DEV-01",
                "Court skills and giving evidence",
                CourseKind::Development,
                &qualified[1..],
            ),
            course(
                "DEV-02",
                "Leading group supervision",
                CourseKind::Development,
                &qualified[1..],
            ),
        ],
    };
    let body = serde_json::to_string(&list).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    sqlx::query("INSERT INTO training_lists (version, effective_from, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&list.version)
        .bind(list.effective_from.to_string())
        .bind(body)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn first_thursday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, chrono::Weekday::Thu, 1)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default())
}

pub fn email_of(name: &str) -> String {
    format!(
        "{}@{DEMO_EMAIL_DOMAIN}",
        name.to_lowercase().replace(' ', ".")
    )
}

fn new_id() -> String {
    Uuid::now_v7().to_string()
}
