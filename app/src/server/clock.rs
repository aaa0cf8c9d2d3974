//! Instants and ids in the portable storage forms: ISO 8601 UTC text that sorts as text,
//! and UUIDv7 text.

use chrono::{DateTime, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// "2026-11-23T14:06:00Z"
pub fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
