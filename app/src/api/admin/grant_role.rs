use crate::error::ApiError;
use leptos::prelude::*;

/// Grants a role from today (audited).
#[server(endpoint = "admin/grant_role")]
pub async fn grant_role(person_id: String, role: String) -> Result<(), ApiError> {
    super::change_role(&person_id, &role, true).await
}
