//! The `evidence` and `evidence_form_stash` tables. Every save is one transaction: the
//! evidence row, its audit entry, its change-feed entry (`server::sync::feed`) and the
//! clearing of any stashed form commit together.

use super::write::{self, Write};
use crate::auth::Caller;
use crate::clock::Clock;
use crate::db::Db;
use crate::form_stash::{self, Stash};
use chrono::NaiveDate;
use pathway_core::domain::{format_date, EvidenceKind, EvidenceStatus};
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::{EvidenceId, PersonId};
use pathway_core::portfolio::kinds::{kind_from_code, spec, Author, Input};
use pathway_core::portfolio::views::{EvidenceSummary, EvidenceView, Saved};
use pathway_core::portfolio::{EvidenceForm, ValidEvidence};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

pub const EVIDENCE_CREATED: &str = "evidence_created";
pub const EVIDENCE_UPDATED: &str = "evidence_updated";
pub const EVIDENCE_DELETED: &str = "evidence_deleted";

/// One stored evidence row with the names of who added it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: EvidenceId,
    pub person_id: PersonId,
    pub kind: String,
    pub status: String,
    pub title: String,
    pub evidence_date: String,
    pub body: String,
    pub details: String,
    pub from_previous_employer: i64,
    pub word_count: Option<i64>,
    pub cpd_allowance_centidays: Option<i64>,
    pub created_by: PersonId,
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

    pub fn cpd_centidays(&self) -> Option<pathway_core::domain::Centidays> {
        self.cpd_allowance_centidays
            .and_then(|c| u32::try_from(c).ok())
            .map(pathway_core::domain::Centidays)
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
            id: self.id.to_string(),
            person_id: self.person_id.to_string(),
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
        let updated_text = crate::clock::parse(&self.updated_at)
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

pub async fn load(db: &Db, id: &EvidenceId) -> Result<Option<EvidenceRow>, AppError> {
    Ok(sqlx::query_as(&format!("{SELECT} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// A person's evidence, newest first.
pub async fn list(db: &Db, person_id: &PersonId) -> Result<Vec<EvidenceRow>, AppError> {
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
    person_id: &PersonId,
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

pub async fn person_name(db: &Db, person_id: &PersonId) -> Result<String, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT full_name FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|(name,)| name).ok_or(AppError::Forbidden)
}

/// May `caller` add `kind` to `valid.person_id`'s portfolio? The worker adds their own
/// evidence; their practice supervisor or team manager adds observations (issue 5 item 7);
/// their team manager confirms probation and Learning and Development the ASYE programme,
/// which the worker never declares themselves (policy §6(i)). `through` is how the caller
/// supervises or manages the person now (empty for the person themselves).
pub fn check_author(
    caller: &Caller,
    valid: &ValidEvidence,
    through: &[Role],
) -> Result<(), AppError> {
    let is_self = caller.person_id == valid.person_id;
    let manager = through
        .iter()
        .any(|role| matches!(role, Role::PracticeSupervisor | Role::TeamManager));
    match spec(valid.kind).author {
        Author::NotHere => Err(AppError::validation(
            "Endorsements are recorded with the manager's decision, not added here",
        )),
        Author::Worker if is_self => Ok(()),
        Author::WorkerOrManager if is_self || manager => Ok(()),
        Author::ManagerOrPreviousEmployer if is_self && valid.previous_employer => Ok(()),
        Author::ManagerOrPreviousEmployer if is_self => Err(AppError::validation(
            "A manager's written observation is added by your practice supervisor or team manager. You can add one yourself only if it comes from a previous employer",
        )),
        Author::ManagerOrPreviousEmployer if manager => Ok(()),
        Author::ManagerOnly if is_self => Err(AppError::validation(
            "A statement from a previous manager is written by that manager, not added by you",
        )),
        Author::ManagerOnly if manager => Ok(()),
        Author::LineManager if is_self => Err(AppError::validation(
            "Passing probation is confirmed by your line manager, not added by you: ask your team manager to record it",
        )),
        Author::LineManager if through.contains(&Role::TeamManager) => Ok(()),
        Author::LearningAndDevelopment if is_self => Err(AppError::validation(
            "Completing the ASYE programme is confirmed by Learning and Development, not added by you",
        )),
        Author::LearningAndDevelopment if caller.has(Role::LdAdministrator) => Ok(()),
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
    let saved = save_in(db.clock(), &mut tx, caller, valid, ip).await?;
    form_stash::clear_in(&mut tx, caller, Stash::Evidence).await?;
    tx.commit().await?;
    Ok(saved)
}

/// [`save`] inside the caller's transaction: the row, its audit entry and its change-feed
/// entry (through [`write::write_all`], which the sync push uses for a whole batch).
pub async fn save_in(
    clock: &Clock,
    conn: &mut AnyConnection,
    caller: &Caller,
    valid: &ValidEvidence,
    ip: &str,
) -> Result<Saved, AppError> {
    let from = match owner(conn, &valid.id).await? {
        None => 0,
        Some(owner) => {
            if owner.person_id != valid.person_id || owner.created_by != caller.person_id {
                return Err(AppError::Forbidden);
            }
            if valid.expected_version != Some(owner.version) {
                return Err(conflict());
            }
            owner.version
        }
    };
    let write = Write::Save {
        valid: valid.clone(),
        from,
    };
    write::write_all(clock, conn, caller, &[write], ip).await?;
    Ok(Saved {
        id: valid.id.clone(),
        person_id: valid.person_id.clone(),
        version: from + 1,
    })
}

/// Deletes an item its author added, only from the version they had (else `Conflict`), and
/// leaves a tombstone in the change feed.
pub async fn delete_in(
    clock: &Clock,
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &EvidenceId,
    expected_version: i64,
    ip: &str,
) -> Result<(), AppError> {
    let Some(owner) = owner(conn, id).await? else {
        return Err(AppError::Forbidden);
    };
    if owner.created_by != caller.person_id {
        return Err(AppError::Forbidden);
    }
    let write = Write::Delete {
        id: id.clone(),
        person_id: owner.person_id,
        from: expected_version,
    };
    write::write_all(clock, conn, caller, &[write], ip).await
}

/// Whose portfolio an item is in, who added it, and its version.
#[derive(sqlx::FromRow)]
struct Owner {
    person_id: PersonId,
    created_by: PersonId,
    version: i64,
}

async fn owner(conn: &mut AnyConnection, id: &EvidenceId) -> Result<Option<Owner>, AppError> {
    Ok(
        sqlx::query_as("SELECT person_id, created_by, version FROM evidence WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub(super) fn conflict() -> AppError {
    AppError::Conflict(
        "This evidence was changed somewhere else since you opened it. Open it again to see the latest version; copy anything you typed first".into(),
    )
}

/// Keeps what a worker typed into a form that failed validation (JavaScript off), so the
/// editor can show it again. One per person; replaced by the next one.
pub async fn stash(db: &Db, caller: &Caller, form: &EvidenceForm) -> Result<(), AppError> {
    form_stash::keep(db, caller, Stash::Evidence, form.id.trim(), form).await
}

/// The caller's stashed form, if any.
pub async fn stashed(db: &Db, caller: &Caller) -> Result<Option<EvidenceForm>, AppError> {
    form_stash::kept(db, caller, Stash::Evidence, None).await
}
