//! Calling server functions with the browser's own fetch (feature `hydrate`, issue 13): a
//! form as its plain post would send it but asking for the answer as data, parsed by the
//! browser. Every call the browser makes goes through here, so no page's code carries
//! Leptos's server-function client; only `call_json` (the sync wire) reads JSON in Rust.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use pathway_core::error::{AppError, FieldError};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen_futures::JsFuture;
use web_sys::{FormData, Headers, HtmlFormElement, RequestInit, Response, UrlSearchParams};

/// What a form says when its fetch never reached Pathway.
pub const UNREACHABLE: &str = "Pathway could not be reached. Check your connection and try again.";

/// The form's fields, encoded as its plain post encodes them.
pub fn form_body(form: &HtmlFormElement) -> Option<UrlSearchParams> {
    let data = FormData::new_with_form(form).ok()?;
    UrlSearchParams::new_with_str_sequence_sequence(&data).ok()
}

/// The form's fields as (name, value) in document order, as its plain post sends them.
pub fn form_fields(form: &HtmlFormElement) -> Vec<(String, String)> {
    let Ok(data) = FormData::new_with_form(form) else {
        return Vec::new();
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}

/// `fields` encoded as a form post encodes them.
pub fn body_of(fields: &[(String, String)]) -> Option<UrlSearchParams> {
    let body = UrlSearchParams::new().ok()?;
    for (name, value) in fields {
        body.append(name, value);
    }
    Some(body)
}

/// Posts `body` to the server function at `url`. `None`: Pathway could not be reached;
/// otherwise its answer (parsed by the browser) or the refusal as the server function
/// encodes it.
pub async fn post(url: &str, body: &UrlSearchParams) -> Option<Result<JsValue, String>> {
    let (ok, text) = send(url, body, None).await?;
    Some(if ok {
        js_sys::JSON::parse(&text).map_err(|_| text)
    } else {
        Err(text)
    })
}

/// Sends `body` and reads the answer's text; `None` when Pathway could not be reached.
async fn send(url: &str, body: &JsValue, content_type: Option<&str>) -> Option<(bool, String)> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    let headers = Headers::new().ok()?;
    // data, not a redirect
    headers.set("Accept", "application/json").ok()?;
    if let Some(content_type) = content_type {
        headers.set("Content-Type", content_type).ok()?;
    }
    init.set_headers(&headers);
    let fetching = window().fetch_with_str_and_init(url, &init);
    let response: Response = JsFuture::from(fetching).await.ok()?.unchecked_into();
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
        .unwrap_or_default();
    Some((response.ok(), text))
}

/// Calls a server function that takes no arguments; its answer parsed by the browser.
pub async fn call(url: &str) -> Result<JsValue, AppError> {
    let body = UrlSearchParams::new().map_err(|_| internal())?;
    match post(url, &body).await {
        None => Err(AppError::Network(UNREACHABLE.to_owned())),
        Some(Ok(value)) => Ok(value),
        Some(Err(text)) => Err(refusal(&text)),
    }
}

/// Calls a server function whose input is JSON (`input = Json`: `args` is the object of
/// its arguments by name), decoding its answer.
pub async fn call_json<A: Serialize, O: DeserializeOwned>(
    url: &str,
    args: &A,
) -> Result<O, AppError> {
    let body = serde_json::to_string(args).map_err(|_| internal())?;
    let Some((ok, text)) = send(url, &JsValue::from_str(&body), Some("application/json")).await
    else {
        return Err(AppError::Network(UNREACHABLE.to_owned()));
    };
    if !ok {
        return Err(refusal(&text));
    }
    serde_json::from_str(&text).map_err(|_| internal())
}

/// The property `name` of `value` (undefined when it has none).
pub fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

pub fn text_of(value: &JsValue, name: &str) -> String {
    field(value, name).as_string().unwrap_or_default()
}

pub fn number_of(value: &JsValue, name: &str) -> u64 {
    field(value, name).as_f64().unwrap_or_default() as u64
}

/// The items of the array `name` of `value`.
pub fn list_of(value: &JsValue, name: &str) -> Vec<JsValue> {
    field(value, name)
        .dyn_into::<js_sys::Array>()
        .map(|array| array.iter().collect())
        .unwrap_or_default()
}

/// The server's refusal (`AppError` as the server function encodes it: a unit variant as
/// its name, any other as `{"Variant": value}`); anything else is an internal error.
pub fn refusal(text: &str) -> AppError {
    let Ok(value) = js_sys::JSON::parse(text) else {
        return internal();
    };
    match value.as_string().as_deref() {
        Some("Unauthenticated") => return AppError::Unauthenticated,
        Some("Forbidden") => return AppError::Forbidden,
        Some("NotFound") => return AppError::NotFound,
        _ => {}
    }
    let message = |name: &str| field(&value, name).as_string();
    if let Some(text) = message("Validation") {
        AppError::Validation(text)
    } else if let Some(text) = message("Conflict") {
        AppError::Conflict(text)
    } else if let Some(text) = message("TooManyRequests") {
        AppError::TooManyRequests(text)
    } else if field(&value, "Invalid").is_object() {
        AppError::Invalid(
            list_of(&value, "Invalid")
                .iter()
                .map(|e| FieldError::new(&text_of(e, "field"), text_of(e, "message")))
                .collect(),
        )
    } else {
        AppError::Internal {
            reference: text_of(&field(&value, "Internal"), "reference"),
        }
    }
}

fn internal() -> AppError {
    AppError::Internal {
        reference: String::new(),
    }
}
