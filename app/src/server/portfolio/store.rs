//! The `evidence` and `evidence_form_stash` tables. Every save is one transaction: the
//! evidence row, its audit entry, its change-feed entry (`server::sync::feed`) and the
//! clearing of any stashed form commit together.

use crate::domain::{format_date, EvidenceKind, EvidenceStatus};
use crate::error::AppError;
use crate::portfolio::kinds::{kind_code, kind_from_code, spec, Author, Input};
use crate::portfolio::views::{EvidenceSummary, EvidenceView, Saved};
use crate::portfolio::{EvidenceForm, ValidEvidence};
use crate::server::audit::{self, Event};
use crate::server::auth::Caller;
use crate::server::clock::{now, stamp};
use crate::server::db::Db;
use crate::server::sync::feed;
use chrono::NaiveDate;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

pub const EVIDENCE_CREATED: &str = "evidence_created";
pub const EVIDENCE_UPDATED: &str = "evidence_updated";
pub const EVIDENCE_DELETED: &str = "evidence_deleted";

/// One stored evidence row with the names of who added it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: String,
    pub person_id: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub evidence_date: String,
    pub body: String,
    pub details: String,
    pub from_previous_employer: i64,
    pub word_count: Option<i64>,
    pub cpd_allowance_centidays: Option<i64>,
    pub created_by: String,
    pub created_by_name: String,
    pub updated_at: String,
    pub version: i64,
}

const SELECT: &str = "SELECT e.id, e.person_id, e.kind, e.status, e.title, e.evidence_date, e.body,
        e.details, e.from_previous_employer, e.word_count, e.cpd_allowance_centidays,
        e.created_by, p.full_name AS created_by_name, e.updated_at, e.version
    FROM evidence e JOIN people p ON p.id = e.created_by";

impl EvidenceRow {
    pub fn kind(&self) -> Option<EvidenceKind> {
        kind_from_code(&self.kind)
    }

    pub fn status(&self) -> EvidenceStatus {
        if self.status == "final" {
            EvidenceStatus::Final
        } else {
            EvidenceStatus::Draft
        }
    }

    pub fn date(&self) -> Option<NaiveDate> {
        self.evidence_date.parse().ok()
    }

    pub fn details(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.details).unwrap_or_default()
    }

    pub fn cpd_days(&self) -> Option<f64> {
        self.cpd_allowance_centidays.map(|c| c as f64 / 100.0)
    }

    pub fn summary(&self) -> Option<EvidenceSummary> {
        let kind = self.kind()?;
        Some(EvidenceSummary {
            id: self.id.clone(),
            person_id: self.person_id.clone(),
            kind,
            title: self.title.clone(),
            date: self.evidence_date.clone(),
            date_text: self
                .date()
                .map(format_date)
                .unwrap_or_else(|| self.evidence_date.clone()),
            status: self.status(),
            previous_employer: self.from_previous_employer == 1,
            added_by: self.created_by_name.clone(),
            added_by_someone_else: self.created_by != self.person_id,
            word_count: self.word_count.and_then(|w| u32::try_from(w).ok()),
            version: self.version,
        })
    }

    /// The row back in the editor's form shape.
    pub fn to_form(&self) -> EvidenceForm {
        EvidenceForm {
            id: self.id.clone(),
            person_id: self.person_id.clone(),
            kind: self.kind.clone(),
            status: self.status.clone(),
            version: self.version.to_string(),
            title: self.title.clone(),
            date: self.evidence_date.clone(),
            body: self.body.clone(),
            previous_employer: if self.from_previous_employer == 1 {
                "yes".into()
            } else {
                String::new()
            },
            details: self.details(),
        }
    }

    pub fn view(&self, person_name: String, can_edit: bool) -> Option<EvidenceView> {
        let summary = self.summary()?;
        let values = self.details();
        let details = spec(summary.kind)
            .fields
            .iter()
            .filter_map(|field| {
                let value = values.get(field.name)?;
                let shown = match field.input {
                    Input::Choice(options) => options
                        .iter()
                        .find(|(code, _)| code == value)
                        .map(|(_, label)| (*label).to_owned())
                        .unwrap_or_else(|| value.clone()),
                    Input::Date { .. } => value
                        .parse::<NaiveDate>()
                        .map(format_date)
                        .unwrap_or_else(|_| value.clone()),
                    _ => value.clone(),
                };
                Some((field.label.to_owned(), shown))
            })
            .collect();
        let updated_text = crate::server::clock::parse(&self.updated_at)
            .map(|at| format_date(at.date_naive()))
            .unwrap_or_default();
        Some(EvidenceView {
            summary,
            person_name,
            body: self.body.clone(),
            details,
            updated_text,
            can_edit,
        })
    }
}

pub async fn load(db: &Db, id: &str) -> Result<Option<EvidenceRow>, AppError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// A person's evidence, newest first.
pub async fn list(db: &Db, person_id: &str) -> Result<Vec<EvidenceRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE e.person_id = $1 ORDER BY e.evidence_date DESC, e.id DESC"
    ))
    .bind(person_id)
    .fetch_all(db.pool())
    .await?)
}

/// A person's evidence inside a transaction (the sync pull); with `changed` = (after, upto)
/// only items with a change-feed entry in that cursor range.
pub async fn list_in(
    conn: &mut AnyConnection,
    person_id: &str,
    changed: Option<(i64, i64)>,
) -> Result<Vec<EvidenceRow>, AppError> {
    let rows = match changed {
        None => {
            sqlx::query_as(&format!("{SELECT} WHERE e.person_id = $1 ORDER BY e.id"))
                .bind(person_id)
                .fetch_all(&mut *conn)
                .await?
        }
        Some((after, upto)) => {
            sqlx::query_as(&format!(
                "{SELECT} WHERE e.person_id = $1 AND e.id IN (SELECT evidence_id
                    FROM evidence_changes WHERE person_id = $1 AND seq > $2 AND seq <= $3)
                 ORDER BY e.id"
            ))
            .bind(person_id)
            .bind(after)
            .bind(upto)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    Ok(rows)
}

pub async fn person_name(db: &Db, person_id: &str) -> Result<String, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT full_name FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|(name,)| name).ok_or(AppError::Forbidden)
}

/// May `caller` add `kind` to `valid.person_id`'s portfolio? The worker adds their own
/// evidence; their practice supervisor or team manager adds observations (issue 5 item 7).
/// `manager` is whether the caller currently supervises or manages the person.
pub fn check_author(caller: &Caller, valid: &ValidEvidence, manager: bool) -> Result<(), AppError> {
    let is_self = caller.person_id == valid.person_id;
    match spec(valid.kind).author {
        Author::NotHere => Err(AppError::validation(
            "Endorsements and managers' statements are recorded with the manager's decision, not added here",
        )),
        Author::Worker if is_self => Ok(()),
        Author::WorkerOrManager if is_self || manager => Ok(()),
        Author::ManagerOrPreviousEmployer if is_self && valid.previous_employer => Ok(()),
        Author::ManagerOrPreviousEmployer if is_self => Err(AppError::validation(
            "A manager's written observation is added by your practice supervisor or team manager. You can add one yourself only if it comes from a previous employer",
        )),
        Author::ManagerOrPreviousEmployer if manager => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Creates or updates one evidence item in one transaction. An existing item may be changed
/// only by who added it, and only from the version they loaded (else `Conflict`).
pub async fn save(
    db: &Db,
    caller: &Caller,
    valid: &ValidEvidence,
    ip: &str,
) -> Result<Saved, AppError> {
    let mut tx = db.begin().await?;
    let saved = save_in(&mut tx, caller, valid, ip).await?;
    sqlx::query("DELETE FROM evidence_form_stash WHERE person_id = $1")
        .bind(&caller.person_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(saved)
}

/// [`save`] inside the caller's transaction (the sync push writes many in one): the row, its
/// audit entry and its change-feed entry.
pub async fn save_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    valid: &ValidEvidence,
    ip: &str,
) -> Result<Saved, AppError> {
    let id = valid.id.to_string();
    let at = stamp(now());
    let status = match valid.status {
        EvidenceStatus::Final => "final",
        EvidenceStatus::Draft => "draft",
    };
    let details = serde_json::to_string(&valid.details).map_err(|e| AppError::internal(&e))?;
    let centidays = valid.cpd_days.map(|d| (d * 100.0).round() as i64);
    let word_count = valid.word_count.map(i64::from);
    let previous = i64::from(valid.previous_employer);
    let existing: Option<(String, String, i64)> =
        sqlx::query_as("SELECT person_id, created_by, version FROM evidence WHERE id = $1")
            .bind(&id)
            .fetch_optional(&mut *conn)
            .await?;
    let (version, action) = match existing {
        None => {
            sqlx::query(
                "INSERT INTO evidence (id, person_id, kind, status, title, evidence_date, body, details,
                    from_previous_employer, word_count, cpd_allowance_centidays, created_by, created_at,
                    updated_by, updated_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $13, 1)",
            )
            .bind(&id)
            .bind(&valid.person_id)
            .bind(kind_code(valid.kind))
            .bind(status)
            .bind(&valid.title)
            .bind(valid.date.to_string())
            .bind(&valid.body)
            .bind(&details)
            .bind(previous)
            .bind(word_count)
            .bind(centidays)
            .bind(&caller.person_id)
            .bind(&at)
            .execute(&mut *conn)
            .await?;
            (1, EVIDENCE_CREATED)
        }
        Some((person_id, created_by, current)) => {
            if person_id != valid.person_id || created_by != caller.person_id {
                return Err(AppError::Forbidden);
            }
            if valid.expected_version != Some(current) {
                return Err(conflict());
            }
            let changed = sqlx::query(
                "UPDATE evidence SET kind = $1, status = $2, title = $3, evidence_date = $4, body = $5,
                    details = $6, from_previous_employer = $7, word_count = $8,
                    cpd_allowance_centidays = $9, updated_by = $10, updated_at = $11,
                    version = version + 1
                 WHERE id = $12 AND version = $13",
            )
            .bind(kind_code(valid.kind))
            .bind(status)
            .bind(&valid.title)
            .bind(valid.date.to_string())
            .bind(&valid.body)
            .bind(&details)
            .bind(previous)
            .bind(word_count)
            .bind(centidays)
            .bind(&caller.person_id)
            .bind(&at)
            .bind(&id)
            .bind(current)
            .execute(&mut *conn)
            .await?;
            if changed.rows_affected() != 1 {
                return Err(conflict());
            }
            (current + 1, EVIDENCE_UPDATED)
        }
    };
    // what changed, never the text
    audit::record(
        &mut *conn,
        Event {
            actor_id: Some(&caller.person_id),
            action,
            record_type: "evidence",
            record_id: &id,
            detail: format!(
                "{} ({status}) for {}",
                kind_code(valid.kind),
                valid.person_id
            ),
            ip,
        },
    )
    .await?;
    feed::record(&mut *conn, &id, &valid.person_id, version, false).await?;
    Ok(Saved {
        id,
        person_id: valid.person_id.clone(),
        version,
    })
}

/// Deletes an item its author added, only from the version they had (else `Conflict`), and
/// leaves a tombstone in the change feed.
pub async fn delete_in(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &str,
    expected_version: i64,
    ip: &str,
) -> Result<(), AppError> {
    let existing: Option<(String, String, i64)> =
        sqlx::query_as("SELECT person_id, created_by, version FROM evidence WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((person_id, created_by, _)) = existing else {
        return Err(AppError::Forbidden);
    };
    if created_by != caller.person_id {
        return Err(AppError::Forbidden);
    }
    let deleted = sqlx::query("DELETE FROM evidence WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
    if deleted.rows_affected() != 1 {
        return Err(conflict());
    }
    audit::record(
        &mut *conn,
        Event {
            actor_id: Some(&caller.person_id),
            action: EVIDENCE_DELETED,
            record_type: "evidence",
            record_id: id,
            detail: format!("deleted from {person_id}"),
            ip,
        },
    )
    .await?;
    feed::record(&mut *conn, id, &person_id, expected_version + 1, true).await
}

fn conflict() -> AppError {
    AppError::Conflict(
        "This evidence was changed somewhere else since you opened it. Open it again to see the latest version; copy anything you typed first".into(),
    )
}

/// Keeps what a worker typed into a form that failed validation (JavaScript off), so the
/// editor can show it again. One per person; replaced by the next one.
pub async fn stash(db: &Db, caller: &Caller, form: &EvidenceForm) -> Result<(), AppError> {
    let json = serde_json::to_string(form).map_err(|e| AppError::internal(&e))?;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM evidence_form_stash WHERE person_id = $1")
        .bind(&caller.person_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO evidence_form_stash (person_id, evidence_id, form, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&caller.person_id)
    .bind(form.id.trim())
    .bind(json)
    .bind(stamp(now()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The caller's stashed form, if any.
pub async fn stashed(db: &Db, caller: &Caller) -> Result<Option<EvidenceForm>, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT form FROM evidence_form_stash WHERE person_id = $1")
            .bind(&caller.person_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
}
