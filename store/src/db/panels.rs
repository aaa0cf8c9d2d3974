//! The `panels` table.

use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::error::AppError;
use pathway_core::models::{PanelKind, PanelSummary};

#[derive(sqlx::FromRow)]
struct PanelRow {
    panel_date: String,
    kind: String,
    location: String,
}

/// Panels on or after `from`, soonest first.
pub async fn upcoming(db: &Db, from: NaiveDate) -> Result<Vec<PanelSummary>, AppError> {
    let rows: Vec<PanelRow> = sqlx::query_as(
        "SELECT panel_date, kind, location FROM panels WHERE panel_date >= $1 ORDER BY panel_date",
    )
    .bind(from.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            let date = &row.panel_date;
            let panel_date = date
                .parse::<NaiveDate>()
                .map_err(|e| AppError::internal(&format!("panels.panel_date {date:?}: {e}")))?;
            let kind = PanelKind::from_code(&row.kind)
                .ok_or_else(|| AppError::internal(&format!("panels.kind {:?}", row.kind)))?;
            Ok(PanelSummary {
                panel_date,
                kind,
                location: row.location,
            })
        })
        .collect()
}
