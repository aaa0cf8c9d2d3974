use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;
use pathway_core::portfolio::views::Saved;
use pathway_core::portfolio::EvidenceForm;

/// Creates or updates one evidence item (its id is made by the client) in one transaction.
/// Checked in this order: signed in (401), may write to this portfolio (403), the form
/// (422, the same rules the browser ran), may add this kind, unchanged since loaded (409).
/// A plain form post (JavaScript off) goes on to the saved item; when it fails, what was
/// typed is kept for the editor to show again.
#[server(endpoint = "portfolio/save_evidence")]
pub async fn save_evidence(form: EvidenceForm) -> Result<Saved, ApiError> {
    use pathway_store::portfolio::store;
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    // whose portfolio: text that is not a person's id is no portfolio the caller may write to
    let person_id = pathway_core::ids::PersonId::parse(form.person_id.trim())
        .map_err(|_| AppError::Forbidden)?;
    pathway_store::authz::ensure_can_write_portfolio(&db, &caller, &person_id).await?;
    let plain = crate::api::request::is_plain_form_post();
    let through = if caller.person_id == person_id {
        Vec::new()
    } else {
        pathway_store::relations::between(&db, &caller.person_id, &person_id).await?
    };
    let result = async {
        let valid = pathway_core::portfolio::validate(&form, db.clock().today())
            .map_err(AppError::Invalid)?;
        store::check_author(&caller, &valid, &through)?;
        let ip = crate::api::request::request_meta().ip;
        store::save(&db, &caller, &valid, &ip).await
    }
    .await;
    match result {
        Ok(saved) => {
            if plain {
                leptos_axum::redirect(&format!("/portfolio/evidence?id={}&saved=1", saved.id));
            }
            Ok(saved)
        }
        Err(error) => {
            if plain
                && matches!(
                    error,
                    AppError::Validation(_) | AppError::Invalid(_) | AppError::Conflict(_)
                )
            {
                store::stash(&db, &caller, &form).await?;
            }
            Err(error.into())
        }
    }
}
