//! The append-only audit log: who did what to which record, when and from where. Written
//! in the same transaction as the change it describes; this module only inserts and reads.

use crate::clock::{new_id, stamp, Clock};
use crate::db::{batch, Db};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use pathway_core::organisation::{AuditEntry, AuditFilter};
use sqlx::{Any, AnyConnection, Executor};

/// Action codes, so filters and reports agree on spelling.
pub mod action {
    pub const SIGN_IN: &str = "sign_in";
    pub const SIGN_IN_FAILED: &str = "sign_in_failed";
    pub const SIGN_IN_THROTTLED: &str = "sign_in_throttled";
    pub const SIGN_OUT: &str = "sign_out";
    pub const PASSWORD_CHANGED: &str = "password_changed";
    pub const PASSWORD_SET_BY_LINK: &str = "password_set_by_link";
    pub const SET_PASSWORD_LINK_CREATED: &str = "set_password_link_created";
    pub const PERSON_CREATED: &str = "person_created";
    pub const PERSON_UPDATED: &str = "person_updated";
    pub const PERSON_DEACTIVATED: &str = "person_deactivated";
    pub const LEVEL_CHANGED: &str = "level_changed";
    pub const QUALIFICATION_DATE_CHANGED: &str = "qualification_date_changed";
    pub const ROLE_GRANTED: &str = "role_granted";
    pub const ROLE_REVOKED: &str = "role_revoked";
    pub const TEAM_CREATED: &str = "team_created";
    pub const TEAM_MOVE: &str = "team_move";
    pub const PEOPLE_IMPORTED: &str = "people_imported";
    pub const TWO_STEP_ON: &str = "two_step_on";
    pub const TWO_STEP_OFF: &str = "two_step_off";
    pub const TWO_STEP_RESET: &str = "two_step_reset";
    pub const SESSION_ENDED: &str = "session_ended";
    pub const DEVICE_FORGOTTEN: &str = "device_forgotten";
    pub const SIGN_IN_LINKED: &str = "sign_in_linked";
    pub const SIGN_IN_UNLINKED: &str = "sign_in_unlinked";
    /// A signed-in person was refused (403): what they asked for and the record's id.
    pub const ACCESS_DENIED: &str = "access_denied";
    pub const DECISION_RECORDED: &str = "decision_recorded";
    pub const PLAN_ANSWERED: &str = "development_plan_answered";
    pub const CHALLENGE_ANSWERED: &str = "challenge_answered";
    pub const SUPERVISION_RECORDED: &str = "supervision_recorded";
}

#[derive(Clone, Debug, Default)]
pub struct Event<'a> {
    pub actor_id: Option<&'a PersonId>,
    pub action: &'a str,
    pub record_type: &'a str,
    pub record_id: &'a str,
    pub detail: String,
    pub ip: &'a str,
}

impl<'a> Event<'a> {
    /// What `actor` did to one record, from address `ip`.
    pub fn by(
        actor: &'a PersonId,
        action: &'a str,
        record_type: &'a str,
        record_id: &'a str,
        ip: &'a str,
    ) -> Self {
        Self {
            actor_id: Some(actor),
            action,
            record_type,
            record_id,
            detail: String::new(),
            ip,
        }
    }

    /// What `actor` did to a person's record.
    pub fn person(actor: &'a PersonId, action: &'a str, person: &'a str, ip: &'a str) -> Self {
        Self::by(actor, action, "person", person, ip)
    }

    /// What changed, in words (never evidence text or anything typed into a sign-in box).
    pub fn with_detail(self, detail: impl Into<String>) -> Self {
        Self {
            detail: detail.into(),
            ..self
        }
    }
}

const INSERT: &str = "INSERT INTO audit_log (id, occurred_at, actor_id, action, record_type,
    record_id, detail, ip) VALUES ";

type Insert<'q> = sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>;

fn bind<'q>(query: Insert<'q>, event: &Event<'q>, at: &str) -> Insert<'q> {
    query
        .bind(new_id())
        .bind(at.to_owned())
        .bind(event.actor_id)
        .bind(event.action)
        .bind(event.record_type)
        .bind(event.record_id)
        .bind(event.detail.clone())
        .bind(event.ip)
}

pub async fn record<'c, E>(clock: &Clock, executor: E, event: Event<'_>) -> Result<(), AppError>
where
    E: Executor<'c, Database = Any>,
{
    let sql = format!("{INSERT}{}", batch::values(1, 8, 1));
    bind(sqlx::query(&sql), &event, &stamp(clock.now()))
        .execute(executor)
        .await?;
    Ok(())
}

/// Records `event` last in the transaction it describes, then commits both.
pub async fn commit_with(
    clock: &Clock,
    mut tx: sqlx::Transaction<'static, Any>,
    event: Event<'_>,
) -> Result<(), AppError> {
    record(clock, &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

/// Many entries in one statement (a sync push's batch), in order.
pub async fn record_all(
    clock: &Clock,
    conn: &mut AnyConnection,
    events: &[Event<'_>],
) -> Result<(), AppError> {
    let at = stamp(clock.now());
    for chunk in events.chunks(batch::rows_per_statement(8)) {
        let sql = format!("{INSERT}{}", batch::values(chunk.len(), 8, 1));
        let mut query = sqlx::query(&sql);
        for event in chunk {
            query = bind(query, event, &at);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The newest entries matching the filter (at most 500).
pub async fn list(db: &Db, filter: &AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    let problems = filter.problems();
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let mut sql = String::from(
        "SELECT a.occurred_at, COALESCE(p.full_name, '') AS actor, a.action, a.record_type, a.record_id, a.detail, a.ip
         FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id WHERE 1 = 1",
    );
    let mut binds: Vec<String> = Vec::new();
    let mut add = |clause: &str, value: &str| {
        binds.push(value.to_string());
        sql.push_str(&clause.replace("{}", &format!("${}", binds.len())));
    };
    if let Some(value) = filter.action.as_deref().filter(|v| !v.is_empty()) {
        add(" AND a.action = {}", value);
    }
    if let Some(value) = filter.actor.as_deref().filter(|v| !v.is_empty()) {
        add(
            " AND LOWER(COALESCE(p.full_name, '')) LIKE {}",
            &format!("%{}%", value.to_lowercase()),
        );
    }
    if let Some(value) = filter.record_id.as_deref().filter(|v| !v.is_empty()) {
        add(" AND a.record_id = {}", value);
    }
    if let Some(value) = filter.from.as_deref().filter(|v| !v.is_empty()) {
        add(" AND a.occurred_at >= {}", value);
    }
    if let Some(value) = filter.to.as_deref().filter(|v| !v.is_empty()) {
        // a date "to" includes that whole day
        add(" AND a.occurred_at < {}", &format!("{value}T99"));
    }
    sql.push_str(" ORDER BY a.id DESC LIMIT 500");
    let mut query = sqlx::query_as::<_, AuditEntry>(&sql);
    for bind in &binds {
        query = query.bind(bind);
    }
    Ok(query.fetch_all(db.pool()).await?)
}
