//! People: reading a record, the administrators' list, creating, editing and deactivating.

use crate::audit::{self, action, Event};
use crate::auth::{sessions, Caller};
use crate::clock::{new_id, stamp, Clock};
use crate::db::Db;
use pathway_core::email;
use pathway_core::error::{AppError, FieldError};
use pathway_core::identity::{LevelEntry, PersonRecord, Role};
use pathway_core::organisation::PersonSummary;
use sqlx::{Any, Transaction};

type PersonRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
);

pub async fn load(db: &Db, person_id: &str) -> Result<Option<PersonRecord>, AppError> {
    let row: Option<PersonRow> = sqlx::query_as(
        "SELECT id, full_name, email, job_title, qualification_date, registration_number, active
         FROM people WHERE id = $1",
    )
    .bind(person_id)
    .fetch_optional(db.pool())
    .await?;
    let Some((id, full_name, email, job_title, qualification_date, registration_number, active)) =
        row
    else {
        return Ok(None);
    };
    let level: Option<(String,)> = sqlx::query_as(
        "SELECT level FROM level_history WHERE person_id = $1 ORDER BY effective_from DESC, recorded_at DESC LIMIT 1",
    )
    .bind(&id)
    .fetch_optional(db.pool())
    .await?;
    Ok(Some(PersonRecord {
        team: current_team(db, &id).await?,
        roles: roles_of(db, &id).await?,
        id,
        full_name,
        email,
        job_title,
        qualification_date,
        registration_number,
        active: active == 1,
        level: level.map(|(level,)| level),
    }))
}

pub async fn current_team(db: &Db, person_id: &str) -> Result<Option<String>, AppError> {
    let team: Option<(String,)> = sqlx::query_as(
        "SELECT t.name FROM team_memberships m JOIN teams t ON t.id = m.team_id
         WHERE m.person_id = $1 AND m.ends_on IS NULL",
    )
    .bind(person_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(team.map(|(name,)| name))
}

pub async fn roles_of(db: &Db, person_id: &str) -> Result<Vec<Role>, AppError> {
    let codes: Vec<(String,)> = sqlx::query_as(
        "SELECT role FROM role_grants WHERE person_id = $1 AND revoked_at IS NULL ORDER BY role",
    )
    .bind(person_id)
    .fetch_all(db.pool())
    .await?;
    let mut roles: Vec<Role> = codes.iter().filter_map(|(c,)| Role::from_code(c)).collect();
    roles.sort();
    roles.dedup();
    Ok(roles)
}

pub async fn level_history(db: &Db, person_id: &str) -> Result<Vec<LevelEntry>, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT level, effective_from, reason FROM level_history WHERE person_id = $1 ORDER BY effective_from",
    )
    .bind(person_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(level, effective_from, reason)| LevelEntry {
            level,
            effective_from,
            reason,
        })
        .collect())
}

/// Everyone, for administrators, by name.
pub async fn list(db: &Db) -> Result<Vec<PersonSummary>, AppError> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, full_name, email, job_title, active FROM people ORDER BY full_name",
    )
    .fetch_all(db.pool())
    .await?;
    let mut people = Vec::with_capacity(rows.len());
    for (id, full_name, email, job_title, active) in rows {
        people.push(PersonSummary {
            team: current_team(db, &id).await?,
            roles: roles_of(db, &id).await?,
            id,
            full_name,
            email,
            job_title,
            active: active == 1,
        });
    }
    Ok(people)
}

/// What an administrator types to create or edit a person.
#[derive(Clone, Debug, Default)]
pub struct NewPerson {
    pub full_name: String,
    pub email: String,
    pub job_title: String,
    pub qualification_date: Option<String>,
    pub registration_number: Option<String>,
}

/// Inserts a person (checked by `import::check_person`) inside the caller's transaction.
pub async fn insert(
    clock: &Clock,
    tx: &mut Transaction<'static, Any>,
    person: &NewPerson,
) -> Result<String, AppError> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO people (id, full_name, email, job_title, qualification_date, registration_number, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
    )
    .bind(&id)
    .bind(&person.full_name)
    .bind(email::normalise(&person.email))
    .bind(&person.job_title)
    .bind(&person.qualification_date)
    .bind(&person.registration_number)
    .bind(stamp(clock.now()))
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

pub async fn email_taken(
    tx: &mut Transaction<'static, Any>,
    email: &str,
    except: Option<&str>,
) -> Result<bool, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM people WHERE LOWER(email) = $1 AND id <> $2")
            .bind(email::normalise(email))
            .bind(except.unwrap_or(""))
            .fetch_one(&mut **tx)
            .await?;
    Ok(n > 0)
}

/// Creates one person, as the administrator `caller`.
pub async fn create(
    db: &Db,
    caller: &Caller,
    person: NewPerson,
    ip: &str,
) -> Result<String, AppError> {
    let problems = crate::import::check_person(&person);
    if !problems.is_empty() {
        return Err(AppError::Invalid(
            problems
                .iter()
                // the import's column label names the form's field: "Full name" → full_name
                .map(|(label, message)| {
                    FieldError::new(&label.to_lowercase().replace(' ', "_"), message.clone())
                })
                .collect(),
        ));
    }
    let mut tx = db.begin().await?;
    if email_taken(&mut tx, &person.email, None).await? {
        return Err(AppError::field(
            "email",
            "A person with that email address already exists",
        ));
    }
    let id = insert(db.clock(), &mut tx, &person).await?;
    audit::record(
        db.clock(),
        &mut *tx,
        Event {
            actor_id: Some(&caller.person_id),
            action: action::PERSON_CREATED,
            record_type: "person",
            record_id: &id,
            detail: email::normalise(&person.email),
            ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Marks a leaver inactive, closes their memberships and grants, and ends every session.
pub async fn deactivate(
    db: &Db,
    caller: &Caller,
    person_id: &str,
    ip: &str,
) -> Result<(), AppError> {
    let today = db.clock().today().to_string();
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("UPDATE people SET active = 0, left_on = $1 WHERE id = $2 AND active = 1")
            .bind(&today)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::validation(
            "That person is not an active member of staff",
        ));
    }
    for table in ["team_memberships", "team_management"] {
        sqlx::query(&format!(
            "UPDATE {table} SET ends_on = $1 WHERE person_id = $2 AND ends_on IS NULL"
        ))
        .bind(&today)
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE supervision SET ends_on = $1 WHERE (supervisor_id = $2 OR supervisee_id = $2) AND ends_on IS NULL")
        .bind(&today)
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    let ended = sessions::end_all_for(&mut tx, person_id).await?;
    audit::record(
        db.clock(),
        &mut *tx,
        Event {
            actor_id: Some(&caller.person_id),
            action: action::PERSON_DEACTIVATED,
            record_type: "person",
            record_id: person_id,
            detail: format!("{ended} session(s) ended"),
            ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
