use crate::error::AppError;
use crate::sync::ConflictView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One unresolved conflict copy as the conflicts page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictCard {
    pub conflict: ConflictView,
    /// When the copy was made, in UK time: "27 March 2026 at 2:05pm".
    pub made_text: String,
    /// The version the worker compares against: "theirs" now, 0 when deleted.
    pub seen_version: i64,
    /// What the "merge by hand" box starts with.
    pub merge_text: String,
    /// `merge_text` is what the worker typed before a failed save (JavaScript off).
    pub restored: bool,
}

/// The caller's unresolved conflict copies for the conflicts page. With `restore` (the page
/// came back from a failed no-JavaScript merge) a merged text that was not saved is put back.
#[server(endpoint = "sync/conflicts_page")]
pub async fn load_conflicts(restore: Option<bool>) -> Result<Vec<ConflictCard>, AppError> {
    use super::resolve_form::merge_prefill;
    let caller = crate::server::auth::require_user().await?;
    let db = crate::server::state::db()?;
    let open = crate::server::sync::conflicts::list(&db, &caller, false).await?;
    let stashed = match restore {
        Some(true) => crate::server::portfolio::store::stashed(&db, &caller).await?,
        _ => None,
    };
    Ok(open
        .into_iter()
        .map(|conflict| {
            let typed = stashed
                .as_ref()
                .filter(|form| form.id == conflict.evidence_id)
                .map(|form| form.body.clone());
            let theirs = conflict.theirs.as_ref();
            ConflictCard {
                made_text: made_text(&conflict.created_at),
                seen_version: theirs.map_or(0, |f| f.version.parse().unwrap_or(0)),
                restored: typed.is_some(),
                merge_text: typed.unwrap_or_else(|| {
                    merge_prefill(&conflict.mine.body, theirs.map(|f| f.body.as_str()))
                }),
                conflict,
            }
        })
        .collect())
}

/// "2026-03-27T14:05:00Z" → "27 March 2026 at 3:05pm" (UK time).
#[cfg(feature = "ssr")]
fn made_text(stamp: &str) -> String {
    use chrono_tz::Europe::London;
    match crate::server::clock::parse(stamp) {
        Some(at) => {
            let local = at.with_timezone(&London);
            let time = local.format("%-I:%M%P").to_string();
            format!(
                "{} at {time}",
                crate::domain::format_date(local.date_naive())
            )
        }
        None => stamp.to_owned(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn the_copy_time_is_written_in_uk_time() {
        assert_eq!(
            super::made_text("2026-03-27T14:05:00Z"),
            "27 March 2026 at 2:05pm"
        );
        assert_eq!(
            super::made_text("2026-07-01T08:30:00Z"),
            "1 July 2026 at 9:30am"
        );
    }
}
