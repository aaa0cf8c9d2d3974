use crate::error::{ApiError, AppError};
use leptos::prelude::*;
use pathway_core::sync::Resolution;

/// The line above the worker's own text in the "merge by hand" box.
pub const MINE_MARK: &str = "[Your version (from this device)]";
/// The line above the server's text in the "merge by hand" box.
pub const THEIRS_MARK: &str = "[Version on Pathway]";

/// What the "merge by hand" box starts with: both texts, each after its marking line; only
/// mine when the item was deleted on Pathway.
pub fn merge_prefill(mine: &str, theirs: Option<&str>) -> String {
    match theirs {
        Some(theirs) => format!(
            "{MINE_MARK}\n{}\n\n{THEIRS_MARK}\n{}\n",
            mine.trim_end(),
            theirs.trim_end()
        ),
        None => mine.to_owned(),
    }
}

/// Problems with merged text before the evidence rules run: the marking lines left in.
pub fn merge_problems(text: &str) -> Vec<String> {
    let marked = text
        .lines()
        .any(|line| matches!(line.trim(), MINE_MARK | THEIRS_MARK));
    if marked {
        vec![format!(
            "Remove the lines {MINE_MARK} and {THEIRS_MARK} from the merged text"
        )]
    } else {
        Vec::new()
    }
}

/// The choice a form button stands for.
pub fn resolution(choice: &str, merged: Option<String>) -> Result<Resolution, AppError> {
    match choice {
        "mine" => Ok(Resolution::KeepMine),
        "theirs" => Ok(Resolution::KeepTheirs),
        "merged" => {
            let text = merged.unwrap_or_default();
            let problems = merge_problems(&text);
            if problems.is_empty() {
                Ok(Resolution::Merged(text))
            } else {
                Err(AppError::Validation(problems.join("\n")))
            }
        }
        _ => Err(AppError::validation("Choose which version to keep")),
    }
}

/// The conflicts page's forms without JavaScript (`sync/resolve` takes JSON): the same
/// resolution, then a redirect back to the page, with "Conflict resolved" or the error.
/// A merged text that fails is kept (the editor's stash) so the page shows it again.
#[server(endpoint = "sync/resolve_form")]
pub async fn resolve_conflict_form(
    conflict_id: String,
    seen_version: i64,
    choice: String,
    merged: Option<String>,
) -> Result<(), ApiError> {
    use pathway_store::sync::conflicts;
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let plain = crate::api::request::is_plain_form_post();
    let typed = merged.clone().filter(|_| choice == "merged");
    let result = async {
        let conflict_id: pathway_core::ids::ConflictId =
            crate::api::request::parse_id(&conflict_id)?;
        let resolution = resolution(&choice, merged)?;
        let ip = crate::api::request::request_meta().ip;
        conflicts::resolve_now(&db, &caller, &conflict_id, seen_version, &resolution, &ip).await
    }
    .await;
    match result {
        Ok(_) => {
            if plain {
                leptos_axum::redirect("/portfolio/conflicts?resolved=1");
            }
            Ok(())
        }
        Err(error) if plain => {
            if let Some(text) = typed {
                keep_typed(&db, &caller, &conflict_id, text).await?;
            }
            leptos_axum::redirect(&back_with(&conflict_id, &error));
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}

/// Stashes a merged text that was not saved, under its evidence id, for the page to show.
#[cfg(feature = "ssr")]
async fn keep_typed(
    db: &pathway_store::db::Db,
    caller: &pathway_store::auth::Caller,
    conflict_id: &str,
    text: String,
) -> Result<(), ApiError> {
    let open = pathway_store::sync::conflicts::list(db, caller, false).await?;
    if let Some(found) = open.into_iter().find(|c| c.id == conflict_id) {
        let mut form = found.theirs.unwrap_or(found.mine);
        form.body = text;
        pathway_store::portfolio::store::stash(db, caller, &form).await?;
    }
    Ok(())
}

/// The page again, saying which conflict the error is about, with the error encoded as a
/// failed server function's redirect encodes it.
#[cfg(feature = "ssr")]
fn back_with(conflict_id: &str, error: &AppError) -> String {
    use leptos::server_fn::error::ServerFnUrlError;
    use leptos::server_fn::ServerFn;
    let base = format!(
        "http://pathway.invalid/portfolio/conflicts?conflict={}",
        pathway_core::text::url::encode_component(conflict_id)
    );
    match ServerFnUrlError::new(ResolveConflictForm::PATH, ApiError(error.clone())).to_url(&base) {
        Ok(url) => format!("{}?{}", url.path(), url.query().unwrap_or_default()),
        Err(_) => "/portfolio/conflicts".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefill_marks_both_texts_and_the_marks_must_go() {
        let both = merge_prefill("Mine.", Some("Theirs."));
        assert_eq!(
            both,
            "[Your version (from this device)]\nMine.\n\n[Version on Pathway]\nTheirs.\n"
        );
        assert_eq!(merge_problems(&both).len(), 1);
        assert!(merge_problems("Mine.\n\nTheirs.").is_empty());
        assert_eq!(merge_prefill("Mine.", None), "Mine.");
    }

    #[test]
    fn a_choice_becomes_a_resolution() {
        assert_eq!(resolution("mine", None), Ok(Resolution::KeepMine));
        assert_eq!(resolution("theirs", None), Ok(Resolution::KeepTheirs));
        assert_eq!(
            resolution("merged", Some("Both.".into())),
            Ok(Resolution::Merged("Both.".into()))
        );
        assert!(matches!(
            resolution("merged", Some(merge_prefill("a", Some("b")))),
            Err(AppError::Validation(_))
        ));
        assert!(resolution("other", None).is_err());
    }
}
