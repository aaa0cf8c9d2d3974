//! The `panels` table.

use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::error::AppError;
use pathway_core::models::{PanelKind, PanelSummary};

/// Panels on or after `from`, soonest first.
pub async fn upcoming(db: &Db, from: NaiveDate) -> Result<Vec<PanelSummary>, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT panel_date, kind, location FROM panels WHERE panel_date >= $1 ORDER BY panel_date",
    )
    .bind(from.to_string())
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(date, kind, location)| {
            let panel_date = date
                .parse::<NaiveDate>()
                .map_err(|e| AppError::internal(&format!("panels.panel_date {date:?}: {e}")))?;
            let kind = PanelKind::from_code(&kind)
                .ok_or_else(|| AppError::internal(&format!("panels.kind {kind:?}")))?;
            Ok(PanelSummary {
                panel_date,
                kind,
                location,
            })
        })
        .collect()
}
