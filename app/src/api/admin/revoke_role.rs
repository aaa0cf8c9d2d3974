use crate::error::ApiError;
use leptos::prelude::*;

/// Revokes a role at once: access through it ends with the next request (audited).
#[server(endpoint = "admin/revoke_role")]
pub async fn revoke_role(person_id: String, role: String) -> Result<(), ApiError> {
    super::change_role(&person_id, &role, false).await
}
