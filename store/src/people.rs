//! People: reading a record, the administrators' list, creating, editing and deactivating.

use crate::audit::{self, action, Event};
use crate::auth::{sessions, Caller};
use crate::clock::{stamp, Clock};
use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::email::Email;
use pathway_core::error::{AppError, FieldError};
use pathway_core::identity::{LevelEntry, PersonRecord, Role};
use pathway_core::ids::PersonId;
use pathway_core::organisation::PersonSummary;
use pathway_core::people_forms::NOT_ON_PATHWAY;
use pathway_core::portfolio::kinds::{level_code, level_from_code};
use sqlx::{Any, Transaction};

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: PersonId,
    full_name: String,
    email: Email,
    job_title: String,
    qualification_date: Option<String>,
    registration_number: Option<String>,
    active: i64,
}

pub async fn load(db: &Db, person_id: &PersonId) -> Result<Option<PersonRecord>, AppError> {
    let row: Option<PersonRow> = sqlx::query_as(
        "SELECT id, full_name, email, job_title, qualification_date, registration_number, active
         FROM people WHERE id = $1",
    )
    .bind(person_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let level = crate::levels::current(db, &row.id).await?;
    Ok(Some(PersonRecord {
        team: current_team(db, &row.id).await?,
        roles: roles_of(db, &row.id).await?,
        id: row.id,
        full_name: row.full_name,
        email: row.email,
        job_title: row.job_title,
        qualification_date: row.qualification_date,
        registration_number: row.registration_number,
        active: row.active == 1,
        level: level.map(|level| pathway_core::portfolio::kinds::level_code(level).to_owned()),
    }))
}

pub async fn current_team(db: &Db, person_id: &PersonId) -> Result<Option<String>, AppError> {
    let team: Option<(String,)> = sqlx::query_as(
        "SELECT t.name FROM team_memberships m JOIN teams t ON t.id = m.team_id
         WHERE m.person_id = $1 AND m.ends_on IS NULL",
    )
    .bind(person_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(team.map(|(name,)| name))
}

pub async fn roles_of(db: &Db, person_id: &PersonId) -> Result<Vec<Role>, AppError> {
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

pub async fn level_history(db: &Db, person_id: &PersonId) -> Result<Vec<LevelEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT level, effective_from, reason FROM level_history WHERE person_id = $1 ORDER BY effective_from",
    )
    .bind(person_id)
    .fetch_all(db.pool())
    .await?)
}

#[derive(sqlx::FromRow)]
struct ListedRow {
    id: PersonId,
    full_name: String,
    email: Email,
    job_title: String,
    active: i64,
    team: Option<String>,
}

/// Everyone, for administrators, by name: two reads however many people there are.
pub async fn list(db: &Db) -> Result<Vec<PersonSummary>, AppError> {
    let rows: Vec<ListedRow> = sqlx::query_as(
        "SELECT p.id, p.full_name, p.email, p.job_title, p.active, t.name AS team
           FROM people p
           LEFT JOIN team_memberships m ON m.person_id = p.id AND m.ends_on IS NULL
           LEFT JOIN teams t ON t.id = m.team_id
          ORDER BY p.full_name, p.id",
    )
    .fetch_all(db.pool())
    .await?;
    let grants: Vec<(PersonId, String)> = sqlx::query_as(
        "SELECT person_id, role FROM role_grants WHERE revoked_at IS NULL ORDER BY role",
    )
    .fetch_all(db.pool())
    .await?;
    let mut roles: std::collections::HashMap<PersonId, Vec<Role>> = Default::default();
    for (person, code) in grants {
        if let Some(role) = Role::from_code(&code) {
            let held = roles.entry(person).or_default();
            if !held.contains(&role) {
                held.push(role);
            }
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| PersonSummary {
            roles: roles.remove(&row.id).map(sorted).unwrap_or_default(),
            id: row.id,
            full_name: row.full_name,
            email: row.email,
            job_title: row.job_title,
            team: row.team,
            active: row.active == 1,
        })
        .collect())
}

fn sorted(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort();
    roles
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

/// A person's record as checked by `check_person`: the address parsed, every field
/// within its rules. Only this is ever inserted.
#[derive(Clone, Debug)]
pub struct ValidPerson {
    pub full_name: String,
    pub email: Email,
    pub job_title: String,
    pub qualification_date: Option<String>,
    pub registration_number: Option<String>,
}

/// One problem with one field, named both ways: the administrator's form field (`field`,
/// where the message shows) and the HR file's column (`column`, how the import reports it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonProblem {
    pub field: &'static str,
    pub column: &'static str,
    pub message: String,
}

/// The problems with a person's record as the error that puts each beside its field.
pub fn invalid(problems: Vec<PersonProblem>) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|problem| FieldError::new(problem.field, problem.message))
            .collect(),
    )
}

/// Checks what was typed or imported for one person.
pub fn check_person(person: &NewPerson) -> Result<ValidPerson, Vec<PersonProblem>> {
    let mut problems = Vec::new();
    let mut problem = |field, column, message: &str| {
        problems.push(PersonProblem {
            field,
            column,
            message: message.to_owned(),
        })
    };
    if person.full_name.trim().is_empty() {
        problem("full_name", "Full name", "Enter the person's full name");
    }
    let email = Email::parse(&person.email);
    if let Err(refused) = &email {
        problem("email", "Email", refused.message());
    }
    if person.job_title.trim().is_empty() {
        problem("job_title", "Job title", "Enter the job title");
    }
    if let Some(date) = &person.qualification_date {
        if NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
            problem(
                "qualification_date",
                "Qualification date",
                "Enter the qualification date as a real date, like 2024-07-31 or 31/07/2024",
            );
        }
    }
    if let Some(number) = &person.registration_number {
        let digits = number.strip_prefix("SW").unwrap_or("");
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            problem(
                "registration_number",
                "Registration number",
                "Enter a Social Work England registration number, like SW123456",
            );
        }
    }
    match email {
        Ok(email) if problems.is_empty() => Ok(ValidPerson {
            full_name: person.full_name.trim().to_owned(),
            email,
            job_title: person.job_title.trim().to_owned(),
            qualification_date: person.qualification_date.clone(),
            registration_number: person.registration_number.clone(),
        }),
        _ => Err(problems),
    }
}

/// Inserts a checked person inside the caller's transaction.
pub async fn insert(
    clock: &Clock,
    tx: &mut Transaction<'static, Any>,
    person: &ValidPerson,
) -> Result<PersonId, AppError> {
    let id = PersonId::generate();
    sqlx::query(
        "INSERT INTO people (id, full_name, email, job_title, qualification_date, registration_number, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
    )
    .bind(&id)
    .bind(&person.full_name)
    .bind(&person.email)
    .bind(&person.job_title)
    .bind(&person.qualification_date)
    .bind(&person.registration_number)
    .bind(stamp(clock.now()))
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// Refuses a change to someone who has left (or was never here), inside the transaction
/// that makes it.
pub async fn ensure_active(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
) -> Result<(), AppError> {
    let (active,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM people WHERE id = $1 AND active = 1")
            .bind(person_id)
            .fetch_one(&mut **tx)
            .await?;
    if active == 0 {
        return Err(AppError::validation("Choose an active member of staff"));
    }
    Ok(())
}

pub async fn email_taken(
    tx: &mut Transaction<'static, Any>,
    email: &Email,
    except: Option<&PersonId>,
) -> Result<bool, AppError> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM people WHERE LOWER(email) = $1 AND id <> $2")
            .bind(email)
            .bind(except.map_or("", |id| id.as_str()))
            .fetch_one(&mut **tx)
            .await?;
    Ok(n > 0)
}

/// Creates one person, as the administrator `caller`, at `level` (a level's code, or
/// `NOT_ON_PATHWAY`): a level is required, and a social worker's qualification date with
/// it. Every problem comes back beside its field; nothing is written unless all is well.
pub async fn create(
    db: &Db,
    caller: &Caller,
    person: NewPerson,
    level: &str,
    ip: &str,
) -> Result<PersonId, AppError> {
    let mut problems: Vec<FieldError> = Vec::new();
    let valid = check_person(&person)
        .map_err(|refused| {
            problems.extend(
                refused
                    .into_iter()
                    .map(|problem| FieldError::new(problem.field, problem.message)),
            )
        })
        .ok();
    let level = match level.trim() {
        NOT_ON_PATHWAY => Some(None),
        code => level_from_code(code).map(Some),
    };
    match level {
        None => problems.push(FieldError::new(
            "level",
            "Select the person's career level, or that they are not on the career pathway",
        )),
        Some(Some(_)) if person.qualification_date.is_none() => problems.push(FieldError::new(
            "qualification_date",
            "Enter the date they qualified: the career pathway counts from it",
        )),
        Some(_) => {}
    }
    let (Some(person), Some(level), true) = (valid, level, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let mut tx = db.begin().await?;
    if email_taken(&mut tx, &person.email, None).await? {
        return Err(AppError::field(
            "email",
            "A person with that email address already exists",
        ));
    }
    let id = insert(db.clock(), &mut tx, &person).await?;
    if let Some(level) = level {
        let today = db.clock().today();
        let reason = "Level when added to Pathway";
        crate::levels::record_in(
            &mut tx,
            db.clock(),
            &id,
            level,
            today,
            reason,
            &caller.person_id,
        )
        .await?;
        // a social worker on the pathway has the practitioner's dashboard, as an import gives
        grant_practitioner_in(&mut tx, db.clock(), &id, &caller.person_id).await?;
    }
    let event =
        Event::person(&caller.person_id, action::PERSON_CREATED, &id, ip).with_detail(format!(
            "{} at {}",
            person.email,
            level.map_or(NOT_ON_PATHWAY, level_code)
        ));
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Grants the practitioner role to a person just added (by hand or by import).
pub(crate) async fn grant_practitioner_in(
    tx: &mut Transaction<'static, Any>,
    clock: &Clock,
    person: &PersonId,
    granted_by: &PersonId,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO role_grants (id, person_id, role, granted_at, granted_by)
         VALUES ($1, $2, 'practitioner', $3, $4)",
    )
    .bind(crate::clock::new_id())
    .bind(person)
    .bind(stamp(clock.now()))
    .bind(granted_by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Marks a leaver inactive, closes their memberships and grants, and ends every session.
pub async fn deactivate(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
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
    let ended = sessions::end_all_for(&mut tx, person_id, db.clock().now()).await?;
    let event = Event::person(&caller.person_id, action::PERSON_DEACTIVATED, person_id, ip)
        .with_detail(format!("{ended} session(s) ended"));
    audit::commit_with(db.clock(), tx, event).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bad_field_is_named_for_the_form_and_for_the_file() {
        let problems = check_person(&NewPerson {
            full_name: "".into(),
            email: "not-an-email".into(),
            job_title: "Social Worker".into(),
            qualification_date: Some("31/02/2024".into()),
            registration_number: Some("12345".into()),
        })
        .unwrap_err();
        let named: Vec<(&str, &str)> = problems.iter().map(|p| (p.field, p.column)).collect();
        assert_eq!(
            named,
            [
                ("full_name", "Full name"),
                ("email", "Email"),
                ("qualification_date", "Qualification date"),
                ("registration_number", "Registration number"),
            ]
        );
    }

    #[test]
    fn a_good_record_arrives_with_its_address_normalised() {
        let valid = check_person(&NewPerson {
            full_name: " Ada Example ".into(),
            email: " Ada.Example@Example.ORG ".into(),
            job_title: "Social Worker".into(),
            ..NewPerson::default()
        })
        .unwrap();
        assert_eq!(valid.email.as_str(), "ada.example@example.org");
        assert_eq!(valid.full_name, "Ada Example");
    }
}
