//! A person's career level over time (issue 14 item 1): the level they hold now, and the
//! changes an administrator records, each with the date it takes effect (the pay date) and
//! its reason. Never overwritten: a change is a new dated row, so the person's page shows
//! the history. Also the qualification date the pathway counts from, corrected by an
//! administrator with the old and new dates in the audit log.

use crate::audit::{self, action, Event};
use crate::auth::Caller;
use crate::clock::{new_id, stamp, Clock};
use crate::db::Db;
use crate::people::ensure_active;
use chrono::NaiveDate;
use pathway_core::date_input::parse_date_value;
use pathway_core::domain::level::Level;
use pathway_core::error::{AppError, FieldError};
use pathway_core::ids::PersonId;
use pathway_core::people_forms::LevelChangeForm;
use pathway_core::portfolio::kinds::{level_code, level_from_code};
use sqlx::{Any, Transaction};

/// Longest reason for a change of level (characters): one line for the history.
pub const REASON_MAX: usize = 500;

/// The level a person holds now: the latest change in effect today (a person with none is
/// not on the career pathway).
pub async fn current(db: &Db, person: &PersonId) -> Result<Option<Level>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT level FROM level_history WHERE person_id = $1 AND effective_from <= $2
          ORDER BY effective_from DESC, recorded_at DESC LIMIT 1",
    )
    .bind(person)
    .bind(db.clock().today().to_string())
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(code,)| level_from_code(&code)))
}

/// Writes one dated level for `person` in the caller's transaction: the one place a level
/// row is made (a person added by hand or imported, or a change of level).
pub(crate) async fn record_in(
    tx: &mut Transaction<'static, Any>,
    clock: &Clock,
    person: &PersonId,
    level: Level,
    effective_from: NaiveDate,
    reason: &str,
    recorded_by: &PersonId,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO level_history (id, person_id, level, effective_from, reason, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(new_id())
    .bind(person)
    .bind(level_code(level))
    .bind(effective_from.to_string())
    .bind(reason)
    .bind(recorded_by)
    .bind(stamp(clock.now()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a change of `person`'s level, refusing each problem beside its field.
pub async fn change(
    db: &Db,
    caller: &Caller,
    person: &PersonId,
    change: &LevelChangeForm,
    ip: &str,
) -> Result<(), AppError> {
    let today = db.clock().today();
    let now_level = current(db, person).await?;
    let mut errors = Vec::new();
    let level = match level_from_code(change.level.trim()) {
        None => {
            errors.push(FieldError::new("level", "Select the new level"));
            None
        }
        Some(level) if Some(level) == now_level => {
            errors.push(FieldError::new(
                "level",
                format!("{} is already their level", level.title()),
            ));
            None
        }
        Some(level) => Some(level),
    };
    let effective_from = match parse_date_value(&change.effective_from) {
        Ok(date) if date > today => {
            // a future change would show as current before its day; it is recorded on the day
            errors.push(FieldError::new(
                "effective_from",
                "The date the new level takes effect must be today or in the past",
            ));
            None
        }
        Ok(date) => Some(date),
        Err(problem) => {
            errors.push(FieldError::new(
                "effective_from",
                problem.message(
                    "The date the new level takes effect",
                    "Enter the date the new level takes effect".to_owned(),
                ),
            ));
            None
        }
    };
    let reason = change.reason.trim();
    if reason.is_empty() {
        errors.push(FieldError::new(
            "reason",
            "Enter the reason, for example the panel that approved it",
        ));
    } else if reason.chars().count() > REASON_MAX {
        errors.push(FieldError::new(
            "reason",
            format!("The reason must be {REASON_MAX} characters or fewer"),
        ));
    }
    let (Some(level), Some(effective_from), true) = (level, effective_from, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let mut tx = db.begin().await?;
    ensure_active(&mut tx, person).await?;
    record_in(
        &mut tx,
        db.clock(),
        person,
        level,
        effective_from,
        reason,
        &caller.person_id,
    )
    .await?;
    let from = now_level.map_or("no level", level_code);
    let event = Event::person(
        &caller.person_id,
        action::LEVEL_CHANGED,
        person.as_str(),
        ip,
    )
    .with_detail(format!(
        "{from} to {} from {effective_from}",
        level_code(level)
    ));
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

/// Corrects `person`'s qualification date (the pathway's eligibility counts from it).
pub async fn set_qualification_date(
    db: &Db,
    caller: &Caller,
    person: &PersonId,
    typed: &str,
    ip: &str,
) -> Result<(), AppError> {
    let date = match parse_date_value(typed) {
        Ok(date) if date > db.clock().today() => Err(AppError::field(
            "qualification_date",
            "The qualification date must be today or in the past",
        )),
        Ok(date) => Ok(date),
        Err(problem) => Err(AppError::field(
            "qualification_date",
            problem.message(
                "The qualification date",
                "Enter the qualification date".to_owned(),
            ),
        )),
    }?;
    let mut tx = db.begin().await?;
    ensure_active(&mut tx, person).await?;
    let (before,): (Option<String>,) =
        sqlx::query_as("SELECT qualification_date FROM people WHERE id = $1")
            .bind(person)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query("UPDATE people SET qualification_date = $1 WHERE id = $2")
        .bind(date.to_string())
        .bind(person)
        .execute(&mut *tx)
        .await?;
    let event = Event::person(
        &caller.person_id,
        action::QUALIFICATION_DATE_CHANGED,
        person.as_str(),
        ip,
    )
    .with_detail(format!(
        "{} to {date}",
        before.unwrap_or_else(|| "none".to_owned())
    ));
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}
