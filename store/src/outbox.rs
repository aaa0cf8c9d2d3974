//! The email outbox (issue 14 item 6). A notice's email is written in the transaction that
//! writes the notice ([`enqueue_in`]), so it exists exactly when the decision it reports
//! does. A sender (the server's background task, on any number of instances) takes one due
//! email at a time with [`claim`]: a lease, so two instances never send the same email at
//! once, and an instance that dies mid-send leaves it to be claimed again when the lease
//! runs out. The resend keeps the email's Message-ID: the one duplicate possible is one a
//! mail client can recognise. A failed attempt is retried with back-off, never dropped.
//!
//! The SQL is the same on SQLite and PostgreSQL: the claim is a single `UPDATE … RETURNING`
//! whose own `WHERE` re-checks the lease, so on PostgreSQL a second instance that lost the
//! race for a row updates nothing rather than claiming it too.

use crate::clock::{new_id, parse, stamp};
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Europe::London;
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use pathway_core::outbox::{retry_after_seconds, UnsentMail, UnsentMailPage, PAGE_SIZE};
use sqlx::{Any, Transaction};

/// How long a claim holds. Longer than the sender's SMTP timeout, so a slow but live send
/// is never claimed twice; short enough that a crashed instance's email goes within minutes.
pub const LEASE_SECONDS: i64 = 120;

/// The longest mail-server error kept (they are one line; a misbehaving server's is cut).
const ERROR_LIMIT: usize = 500;

/// Writes the email for a notice to `person` (their address now; no email for someone
/// deactivated), in the caller's transaction.
pub async fn enqueue_in(
    tx: &mut Transaction<'static, Any>,
    person: &PersonId,
    subject: &str,
    link: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO email_outbox
             (id, message_id, person_id, to_address, subject, link, created_at, next_attempt_at)
         SELECT $1, $2, id, email, $3, $4, $5, $5 FROM people WHERE id = $6 AND active = 1",
    )
    .bind(new_id())
    .bind(new_id())
    .bind(subject)
    .bind(link)
    .bind(stamp(now))
    .bind(person)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One claimed email, to send now.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Outgoing {
    pub id: String,
    /// The left part of the Message-ID (the sender adds `@` and its mail domain): the same on
    /// every attempt.
    pub message_id: String,
    pub to_address: String,
    pub subject: String,
    /// A path in Pathway ("/decisions?person=…"); the sender makes it a full address.
    pub link: String,
    pub attempts: i64,
    /// This claim's token: only its holder may record the outcome.
    pub claim_token: String,
}

/// Claims the longest-waiting due email, if any, for [`LEASE_SECONDS`].
pub async fn claim(db: &Db) -> Result<Option<Outgoing>, AppError> {
    let now = db.clock().now();
    let row: Option<Outgoing> = sqlx::query_as(
        "UPDATE email_outbox
            SET claimed_until = $1, claim_token = $2, attempts = attempts + 1
          WHERE id = (SELECT id FROM email_outbox
                       WHERE sent_at IS NULL AND next_attempt_at <= $3
                         AND (claimed_until IS NULL OR claimed_until <= $3)
                       ORDER BY next_attempt_at, id LIMIT 1)
            AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $3)
        RETURNING id, message_id, to_address, subject, link, attempts, claim_token",
    )
    .bind(stamp(now + Duration::seconds(LEASE_SECONDS)))
    .bind(new_id())
    .bind(stamp(now))
    .fetch_optional(db.pool())
    .await?;
    Ok(row)
}

/// Records that the mail server accepted `mail`.
pub async fn sent(db: &Db, mail: &Outgoing) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE email_outbox SET sent_at = $1, claimed_until = NULL, last_error = NULL
          WHERE id = $2 AND claim_token = $3 AND sent_at IS NULL",
    )
    .bind(stamp(db.clock().now()))
    .bind(&mail.id)
    .bind(&mail.claim_token)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records a failed attempt and when to try again (back-off by the attempts so far).
pub async fn failed(db: &Db, mail: &Outgoing, error: &str) -> Result<(), AppError> {
    let failures = u32::try_from(mail.attempts).unwrap_or(u32::MAX);
    let next = db.clock().now() + Duration::seconds(retry_after_seconds(failures));
    let error: String = error.chars().take(ERROR_LIMIT).collect();
    sqlx::query(
        "UPDATE email_outbox SET claimed_until = NULL, last_error = $1, next_attempt_at = $2
          WHERE id = $3 AND claim_token = $4 AND sent_at IS NULL",
    )
    .bind(error)
    .bind(stamp(next))
    .bind(&mail.id)
    .bind(&mail.claim_token)
    .execute(db.pool())
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct UnsentRow {
    to_name: String,
    to_address: String,
    subject: String,
    created_at: String,
    attempts: i64,
    last_error: Option<String>,
    next_attempt_at: String,
}

/// Email not yet accepted by a mail server, oldest first, one page (from 1) at a time: what
/// administrators see, whether or not a mail server is configured.
pub async fn unsent(db: &Db, page: u32) -> Result<UnsentMailPage, AppError> {
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL")
            .fetch_one(db.pool())
            .await?;
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let rows: Vec<UnsentRow> = sqlx::query_as(
        "SELECT p.full_name AS to_name, o.to_address, o.subject, o.created_at, o.attempts,
                o.last_error, o.next_attempt_at
           FROM email_outbox o JOIN people p ON p.id = o.person_id
          WHERE o.sent_at IS NULL
          ORDER BY o.created_at, o.id LIMIT $1 OFFSET $2",
    )
    .bind(i64::from(PAGE_SIZE))
    .bind(i64::from((page - 1) * PAGE_SIZE))
    .fetch_all(db.pool())
    .await?;
    Ok(UnsentMailPage {
        rows: rows
            .into_iter()
            .map(|row| UnsentMail {
                to_name: row.to_name,
                to_address: row.to_address,
                subject: row.subject,
                queued: uk_time(&row.created_at),
                attempts: row.attempts,
                last_error: row.last_error,
                next_attempt: uk_time(&row.next_attempt_at),
            })
            .collect(),
        total,
        page,
        pages,
    })
}

/// "2 December 2026, 14:06" in UK time.
pub fn uk_time(instant: &str) -> String {
    parse(instant)
        .map(|at| {
            at.with_timezone(&London)
                .format("%-d %B %Y, %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}
