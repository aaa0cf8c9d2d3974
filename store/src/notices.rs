//! Notices (issue 14 item 6): a line and a link, never evidence text, in the app and by
//! email. Written in the transaction of what they report (the email into the outbox), so a
//! notice and its email exist exactly when the decision they report does.

use crate::auth::Caller;
use crate::clock::{new_id, stamp};
use crate::db::Db;
use chrono::{DateTime, Utc};
use pathway_core::decisions::views::NoticeView;
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use sqlx::{Any, Transaction};

/// How many notices a person's list shows (newest first).
pub const LIST_LIMIT: i64 = 100;

/// Sends one notice to each of `people` (each once), in the app and by email.
pub async fn send_in(
    tx: &mut Transaction<'static, Any>,
    people: &[PersonId],
    subject: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut sent: Vec<&PersonId> = Vec::new();
    for person in people {
        if sent.contains(&person) {
            continue;
        }
        sent.push(person);
        sqlx::query(
            "INSERT INTO notices (id, person_id, subject, link, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(new_id())
        .bind(person)
        .bind(subject)
        .bind(link)
        .bind(stamp(now))
        .execute(&mut **tx)
        .await?;
        crate::outbox::enqueue_in(tx, person, subject, link, now).await?;
    }
    Ok(())
}

/// The caller's unread notices, for the header.
pub async fn unread(db: &Db, caller: &Caller) -> Result<i64, AppError> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notices WHERE person_id = $1 AND read_at IS NULL")
            .bind(&caller.person_id)
            .fetch_one(db.pool())
            .await?;
    Ok(count)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    subject: String,
    link: String,
    created_at: String,
    read_at: Option<String>,
}

/// The caller's notices, newest first; showing them marks them read.
pub async fn mine(db: &Db, caller: &Caller) -> Result<Vec<NoticeView>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, subject, link, created_at, read_at FROM notices
          WHERE person_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(&caller.person_id)
    .bind(LIST_LIMIT)
    .fetch_all(db.pool())
    .await?;
    sqlx::query("UPDATE notices SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL")
        .bind(stamp(db.clock().now()))
        .bind(&caller.person_id)
        .execute(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| NoticeView {
            sent: crate::outbox::uk_time(&row.created_at),
            unread: row.read_at.is_none(),
            id: row.id,
            subject: row.subject,
            link: row.link,
        })
        .collect())
}
