use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::sync::ConflictView;
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
    /// The worker's text, with the words that are not in the version on Pathway marked
    /// (issue 20: the page showed both texts but not what differs).
    pub mine_diff: Vec<Piece>,
    /// The version on Pathway, with the words that are not in the worker's text marked.
    pub theirs_diff: Vec<Piece>,
}

/// A run of text on one side of a comparison: the same on both sides, or only on this one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub text: String,
    pub changed: bool,
}

/// Marks, word by word, what differs between the worker's text and the version on Pathway
/// (`similar`, bounded in time so a long statement cannot hold up the page: past the bound
/// the comparison is coarser, never wrong). Runs of the same kind are joined.
#[cfg(feature = "ssr")]
pub fn word_diff(mine: &str, theirs: &str) -> (Vec<Piece>, Vec<Piece>) {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::configure()
        .timeout(std::time::Duration::from_millis(250))
        .diff_words(theirs, mine);
    let (mut on_mine, mut on_theirs) = (Vec::new(), Vec::new());
    let push = |side: &mut Vec<Piece>, text: &str, changed: bool| match side.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => side.push(Piece {
            text: text.to_owned(),
            changed,
        }),
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut on_mine, text, false);
                push(&mut on_theirs, text, false);
            }
            ChangeTag::Insert => push(&mut on_mine, text, true),
            ChangeTag::Delete => push(&mut on_theirs, text, true),
        }
    }
    (joined(on_mine), joined(on_theirs))
}

/// A space left unmarked between two marked words belongs to the change: one mark per run of
/// changed words, not one per word.
#[cfg(feature = "ssr")]
fn joined(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut rest = pieces.into_iter().peekable();
    while let Some(mut piece) = rest.next() {
        let gap = !piece.changed
            && piece.text.trim().is_empty()
            && out.last().is_some_and(|p| p.changed)
            && rest.peek().is_some_and(|p| p.changed);
        if gap {
            piece.changed = true;
        }
        match out.last_mut() {
            Some(last) if last.changed == piece.changed => last.text.push_str(&piece.text),
            _ => out.push(piece),
        }
    }
    out
}

/// The caller's unresolved conflict copies for the conflicts page. With `restore` (the page
/// came back from a failed no-JavaScript merge) a merged text that was not saved is put back.
#[server(endpoint = "sync/conflicts_page")]
pub async fn load_conflicts(restore: Option<bool>) -> Result<Vec<ConflictCard>, ApiError> {
    use super::resolve_form::merge_prefill;
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let open = pathway_store::sync::conflicts::list(&db, &caller, false).await?;
    let stashed = match restore {
        Some(true) => pathway_store::portfolio::store::stashed(&db, &caller).await?,
        _ => None,
    };
    Ok(open
        .into_iter()
        .map(|conflict| {
            let typed = stashed
                .as_ref()
                .filter(|form| form.id == conflict.evidence_id.as_str())
                .map(|form| form.body.clone());
            let theirs = conflict.theirs.as_ref();
            let (mine_diff, theirs_diff) =
                word_diff(&conflict.mine.body, theirs.map_or("", |f| f.body.as_str()));
            ConflictCard {
                mine_diff,
                theirs_diff,
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
    match pathway_store::clock::parse(stamp) {
        Some(at) => {
            let local = at.with_timezone(&London);
            let time = local.format("%-I:%M%P").to_string();
            format!(
                "{} at {time}",
                pathway_core::domain::format_date(local.date_naive())
            )
        }
        None => stamp.to_owned(),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::{word_diff, Piece};

    fn marked(pieces: &[Piece]) -> Vec<&str> {
        pieces
            .iter()
            .filter(|p| p.changed)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn the_words_only_on_one_side_are_marked_on_that_side() {
        let theirs = "We met the family.\n\nThe school joined us.";
        let mine = "We met the whole family.\n\nThe school joined us.\n\nA paragraph written on the tablet.";
        let (on_mine, on_theirs) = word_diff(mine, theirs);
        let text = |pieces: &[Piece]| pieces.iter().map(|p| p.text.clone()).collect::<String>();
        assert_eq!(text(&on_mine), mine, "nothing of either text is left out");
        assert_eq!(text(&on_theirs), theirs);
        assert_eq!(
            marked(&on_mine),
            ["whole ", "\n\nA paragraph written on the tablet."]
        );
        assert!(marked(&on_theirs).is_empty());
        let (_, on_theirs) = word_diff("Short.", "Short. And more.");
        assert_eq!(marked(&on_theirs), [" And more."]);
    }

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
