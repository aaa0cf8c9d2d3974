//! Every refusal of a signed-in person goes to the audit log (issue 17 item 9), from one
//! place for pages and server functions alike: the response's 403 is what counts, whichever
//! check refused. The entry holds who (the session's person), what (method and path) and the
//! record asked for: the first id in the path, the query or a posted form. Ids are the only
//! values taken from a request, and only in Pathway's own UUID spelling, so nothing a person
//! typed reaches the log. A 401 (nobody signed in) is not logged here: anyone could fill the
//! log with those.

use crate::state::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use pathway_core::ids::is_canonical_uuid;
use pathway_store::auth::{meta_from_parts, sessions};

pub async fn log_refusals(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    // the body limit in front has already read the body into memory: keeping a handle on
    // it costs a reference count, and it is read for ids only if the answer is a refusal
    let (body, form) = if is_form_post(&parts) {
        match to_bytes(body, usize::MAX).await {
            Ok(bytes) => (Body::from(bytes.clone()), Some(bytes)),
            Err(_) => (Body::empty(), None),
        }
    } else {
        (body, None)
    };
    let (method, uri) = (parts.method.clone(), parts.uri.clone());
    let meta = meta_from_parts(&parts, state.security);
    let response = next.run(Request::from_parts(parts, body)).await;
    if response.status() != StatusCode::FORBIDDEN {
        return response;
    }
    let Some(token) = &meta.session_token else {
        return response;
    };
    let what = format!("{method} {}", uri.path());
    let mut ids = ids_in_path(uri.path());
    if let Some(query) = uri.query() {
        ids.extend(ids_in_pairs(url::form_urlencoded::parse(query.as_bytes())));
    }
    if let Some(form) = &form {
        ids.extend(ids_in_pairs(url::form_urlencoded::parse(form)));
    }
    let record = ids.first().map_or("", String::as_str);
    let logged = match sessions::holder(&state.db, token).await {
        Ok(Some(person)) => {
            pathway_store::refusals::record(&state.db, &person, &what, record, &meta.ip).await
        }
        Ok(None) => Ok(()),
        Err(error) => Err(error),
    };
    if let Err(error) = logged {
        // the refusal itself stands; only its record is missing
        tracing::error!(%error, %what, "a refusal could not be written to the audit log");
    }
    response
}

fn is_form_post(parts: &axum::http::request::Parts) -> bool {
    parts.method == Method::POST
        && parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Values of fields named `id` or `…id` (`person_id`, `item[id]`) that are record ids.
fn ids_in_pairs<'a>(
    pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
) -> Vec<String> {
    pairs
        .filter(|(name, value)| {
            name.trim_end_matches(']').ends_with("id") && is_canonical_uuid(value)
        })
        .map(|(_, value)| value.into_owned())
        .collect()
}

fn ids_in_path(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|segment| is_canonical_uuid(segment))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0190f5c2-0000-7000-8000-000000000000";

    /// Issue 17 item 9: only ids are taken from a request, never other text.
    #[test]
    fn only_record_ids_are_taken_from_forms_queries_and_paths() {
        let form = format!("person_id={ID}&text=private+words&grid=x&filter%5Bid%5D={ID}");
        assert_eq!(
            ids_in_pairs(url::form_urlencoded::parse(form.as_bytes())),
            vec![ID.to_owned(), ID.to_owned()]
        );
        let typed = "id=not-an-id&person_id=Ben+Castillo";
        assert!(ids_in_pairs(url::form_urlencoded::parse(typed.as_bytes())).is_empty());
        assert_eq!(ids_in_path(&format!("/portfolio/item/{ID}")), vec![ID]);
        assert!(ids_in_path("/admin/people").is_empty());
    }
}
