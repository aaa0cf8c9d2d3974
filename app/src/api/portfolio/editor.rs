use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;
use pathway_core::portfolio::views::EditorState;

/// The evidence editor's starting point: an existing item the caller added (`id`), or a new
/// one of `kind` for `person_id` (default: the caller) with a fresh UUIDv7. With `restore`
/// (the page came back from a failed no-JavaScript save) it answers what was typed.
#[server(endpoint = "portfolio/editor")]
pub async fn load_editor(
    id: Option<String>,
    kind: Option<String>,
    person_id: Option<String>,
    restore: Option<bool>,
) -> Result<EditorState, ApiError> {
    use pathway_core::portfolio::kinds::{kind_from_code, spec, Author};
    use pathway_core::portfolio::EvidenceForm;
    use pathway_store::portfolio::{catalogue, store};
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let id: Option<pathway_core::ids::EvidenceId> = match id.filter(|i| !i.trim().is_empty()) {
        Some(text) => Some(crate::api::request::parse_id(&text)?),
        None => None,
    };
    let (mut form, owner) = match &id {
        Some(id) => {
            let row = store::load(&db, id).await?.ok_or(AppError::Forbidden)?;
            pathway_store::authz::ensure_can_write_portfolio(&db, &caller, &row.person_id).await?;
            if row.created_by != caller.person_id {
                return Err(AppError::Forbidden.into());
            }
            (row.to_form(), row.person_id)
        }
        None => {
            let person_id = crate::api::request::person_or_caller(person_id, &caller)?;
            pathway_store::authz::ensure_can_write_portfolio(&db, &caller, &person_id).await?;
            let kind = kind
                .as_deref()
                .and_then(kind_from_code)
                .filter(|k| spec(*k).author != Author::NotHere);
            let form = EvidenceForm {
                id: pathway_core::ids::EvidenceId::generate().into_string(),
                person_id: person_id.to_string(),
                kind: kind
                    .map(pathway_core::portfolio::kind_code)
                    .unwrap_or_default(),
                status: "draft".into(),
                ..EvidenceForm::default()
            };
            (form, person_id)
        }
    };
    let mut restored = false;
    if restore == Some(true) {
        if let Some(stashed) = store::stashed(&db, &caller).await? {
            let same = match &id {
                Some(id) => stashed.id == id.as_str(),
                None => stashed.person_id == form.person_id && stashed.kind == form.kind,
            };
            if same {
                form = stashed;
                restored = true;
            }
        }
    }
    let today = db.clock().today();
    let catalogue = catalogue(&db, today).await?;
    let facts_level = pathway_store::portfolio::pathway::facts(&db, &owner, &[]).await?;
    let (min_words, max_words) = pathway_core::portfolio::words::statement_limits(
        &catalogue,
        pathway_core::domain::Transition::for_level(facts_level.level),
    );
    let courses = pathway_store::db::training::in_force_on(&db, today)
        .await?
        .map(|list| {
            list.courses
                .into_iter()
                .map(|c| (c.code, format!("{} ({})", c.title, c.kind.label())))
                .collect()
        })
        .unwrap_or_default();
    Ok(EditorState {
        person_name: store::person_name(&db, &owner).await?,
        courses,
        is_self: owner == caller.person_id,
        is_new: id.is_none(),
        form,
        today: today.to_string(),
        min_words,
        max_words,
        restored,
    })
}
