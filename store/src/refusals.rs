//! Refused requests (issue 17 item 9). Every 403 a signed-in person gets is written to the
//! audit log with who, what they asked for (method and path) and the record's id, and no
//! personal data: ids only, never what was typed. The audit page warns about a burst: many
//! refusals for one person close together, the shape of someone trying ids one after another.

use crate::audit::{self, action, Event};
use crate::clock::{parse, stamp};
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use pathway_core::organisation::RefusalBurst;

/// This many refusals for one person within `BURST_MINUTES` is a burst.
pub const BURST_REFUSALS: usize = 10;
pub const BURST_MINUTES: i64 = 10;
/// How far back the audit page looks for bursts.
pub const LOOK_BACK_HOURS: i64 = 24;

/// Records one refusal. `what`: method and path; `record_id`: the id asked for, if any.
pub async fn record(
    db: &Db,
    person: &PersonId,
    what: &str,
    record_id: &str,
    ip: &str,
) -> Result<(), AppError> {
    let event = Event::by(person, action::ACCESS_DENIED, "request", record_id, ip)
        .with_detail(what.to_owned());
    audit::record(db.clock(), db.pool(), event).await
}

#[derive(sqlx::FromRow)]
struct RefusalRow {
    actor_id: String,
    name: String,
    occurred_at: String,
}

/// Everyone refused at least `BURST_REFUSALS` times within `BURST_MINUTES` in the last
/// `LOOK_BACK_HOURS`, with their busiest stretch; most refusals first.
pub async fn bursts(db: &Db, now: DateTime<Utc>) -> Result<Vec<RefusalBurst>, AppError> {
    let rows: Vec<RefusalRow> = sqlx::query_as(
        "SELECT a.actor_id, COALESCE(p.full_name, '') AS name, a.occurred_at
         FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
         WHERE a.action = $1 AND a.occurred_at >= $2 AND a.actor_id IS NOT NULL
         ORDER BY a.actor_id, a.occurred_at",
    )
    .bind(action::ACCESS_DENIED)
    .bind(stamp(now - Duration::hours(LOOK_BACK_HOURS)))
    .fetch_all(db.pool())
    .await?;
    let mut found: Vec<RefusalBurst> = rows
        .chunk_by(|a, b| a.actor_id == b.actor_id)
        .filter_map(busiest_stretch)
        .collect();
    found.sort_by(|a, b| b.refusals.cmp(&a.refusals).then(a.name.cmp(&b.name)));
    Ok(found)
}

/// One person's refusals (in time order): their densest `BURST_MINUTES`, if it is a burst.
fn busiest_stretch(rows: &[RefusalRow]) -> Option<RefusalBurst> {
    let times: Vec<DateTime<Utc>> = rows.iter().filter_map(|r| parse(&r.occurred_at)).collect();
    let window = Duration::minutes(BURST_MINUTES);
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    for end in 0..times.len() {
        while times[end] - times[start] > window {
            start += 1;
        }
        if best.is_none_or(|(s, e)| end - start > e - s) {
            best = Some((start, end));
        }
    }
    let (start, end) = best?;
    let refusals = end - start + 1;
    (refusals >= BURST_REFUSALS).then(|| RefusalBurst {
        person_id: rows[0].actor_id.clone(),
        name: rows[0].name.clone(),
        refusals,
        from: stamp(times[start]),
        to: stamp(times[end]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(minutes: &[i64]) -> Vec<RefusalRow> {
        let base = parse("2026-12-07T10:00:00Z").unwrap();
        minutes
            .iter()
            .map(|m| RefusalRow {
                actor_id: "p1".into(),
                name: "Ben Castillo".into(),
                occurred_at: stamp(base + Duration::minutes(*m)),
            })
            .collect()
    }

    /// Issue 17 item 9: ten refusals within ten minutes is a burst; spread out, it is not.
    #[test]
    fn ten_refusals_within_ten_minutes_are_a_burst() {
        let spread: Vec<i64> = (0..20).map(|n| n * 2).collect();
        assert_eq!(busiest_stretch(&rows(&spread)), None, "5 per 10 minutes");
        let mut close = vec![0, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40];
        let burst = busiest_stretch(&rows(&close)).expect("a burst");
        assert_eq!(burst.refusals, 11);
        assert_eq!(burst.from, "2026-12-07T10:30:00Z");
        assert_eq!(burst.to, "2026-12-07T10:40:00Z");
        close.truncate(10);
        assert_eq!(busiest_stretch(&rows(&close)), None, "nine close together");
    }
}
