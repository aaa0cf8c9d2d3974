//! The CPD log as a CSV download: a plain axum route, because a file download is not a
//! server function's JSON answer.

use pathway_core::error::AppError;
use pathway_store::portfolio::cpd;

/// `GET /portfolio/cpd.csv?person=…&year=…&type=…`: the CPD log as a download. The caller
/// comes from the session cookie and must be allowed to view the person's practice.
pub async fn csv_route(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    parts: axum::http::request::Parts,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let answer = async {
        let meta = pathway_store::auth::meta_from_parts(&parts, state.security);
        let token = meta.session_token.ok_or(AppError::Unauthenticated)?;
        let caller = pathway_store::auth::sessions::resolve(
            &state.db,
            &token,
            state.security,
            state.db.clock().now(),
        )
        .await?
        .ok_or(AppError::Unauthenticated)?;
        let person: pathway_core::ids::PersonId =
            match query.get("person").filter(|p| !p.trim().is_empty()) {
                Some(text) => text.trim().parse().map_err(|_| AppError::NotFound)?,
                None => caller.person_id.clone(),
            };
        pathway_store::authz::ensure_can_view_practice(&state.db, &caller, &person).await?;
        let today = state.db.clock().today();
        let year = query.get("year").and_then(|y| y.parse().ok());
        let cpd_type = query.get("type").filter(|t| !t.is_empty()).cloned();
        let (log, rows) = cpd::log(
            &state.db,
            &person,
            year,
            cpd_type,
            &pathway_store::portfolio::catalogue(&state.db, today).await?,
            today,
        )
        .await?;
        Ok::<_, AppError>((log.year, cpd::csv(&log, &rows)))
    };
    match answer.await {
        Ok((year, body)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"cpd-record-{year}.csv\""),
                ),
            ],
            body,
        )
            .into_response(),
        Err(error) => (
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            error.to_string(),
        )
            .into_response(),
    }
}
