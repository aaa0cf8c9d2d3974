//! Answering a pull: the caller's evidence changed since a cursor, each item as it is now,
//! deleted ones as tombstones. A first pull (no cursor) answers every current item (also
//! those stored before the feed existed) and the cursor to continue from.

use super::{clients, conflicts, feed};
use crate::auth::Caller;
use crate::db::Db;
use crate::portfolio::store;
use pathway_core::error::AppError;
use pathway_core::ids::EvidenceId;
use pathway_core::sync::{PullRequest, PullResult, PulledItem};
use sqlx::AnyConnection;
use std::collections::{BTreeMap, BTreeSet};

/// Most feed entries one pull reads; `more` says when to pull again.
pub const PAGE: i64 = 1_000;

pub async fn pull(db: &Db, caller: &Caller, request: &PullRequest) -> Result<PullResult, AppError> {
    let mut conn = db.begin().await?;
    clients::bind(db.clock(), &mut conn, caller, &request.client_id).await?;
    let (cursor, items, more) = if let Some(since) = request.since {
        incremental(&mut conn, caller, since).await?
    } else {
        // the cursor first: anything committed later carries a higher number
        let cursor = feed::current(&mut conn).await?;
        let items = store::list_in(&mut conn, &caller.person_id, None)
            .await?
            .into_iter()
            .map(|row| PulledItem {
                id: row.id.clone(),
                version: row.version,
                form: Some(row.to_form()),
            })
            .collect();
        (cursor, items, false)
    };
    finish(conn, caller, cursor, items, more).await
}

async fn finish(
    mut conn: sqlx::Transaction<'static, sqlx::Any>,
    caller: &Caller,
    cursor: i64,
    items: Vec<PulledItem>,
    more: bool,
) -> Result<PullResult, AppError> {
    let conflicts = conflicts::unresolved(&mut conn, &caller.person_id).await?;
    conn.commit().await?;
    Ok(PullResult {
        cursor,
        items,
        more,
        conflicts,
    })
}

/// Changes after `since`: each changed item once, as it is now, in feed order; an item no
/// longer stored is a tombstone.
async fn incremental(
    conn: &mut AnyConnection,
    caller: &Caller,
    since: i64,
) -> Result<(i64, Vec<PulledItem>, bool), AppError> {
    let changes: Vec<(i64, EvidenceId)> = sqlx::query_as(
        "SELECT seq, evidence_id FROM evidence_changes
         WHERE person_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
    )
    .bind(&caller.person_id)
    .bind(since)
    .bind(PAGE)
    .fetch_all(&mut *conn)
    .await?;
    let more = changes.len() as i64 == PAGE;
    let Some(&(last, _)) = changes.last() else {
        return Ok((since, Vec::new(), false));
    };
    let mut now: BTreeMap<EvidenceId, PulledItem> =
        store::list_in(conn, &caller.person_id, Some((since, last)))
            .await?
            .into_iter()
            .map(|row| {
                let item = PulledItem {
                    id: row.id.clone(),
                    version: row.version,
                    form: Some(row.to_form()),
                };
                (row.id, item)
            })
            .collect();
    let mut seen = BTreeSet::new();
    let mut items = Vec::new();
    for (_, id) in changes.iter().rev() {
        if seen.insert(id) {
            items.push(now.remove(id).unwrap_or_else(|| PulledItem {
                id: id.clone(),
                version: 0,
                form: None,
            }));
        }
    }
    items.reverse();
    Ok((last, items, more))
}
