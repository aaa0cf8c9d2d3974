//! The last island on every page. Islands come to life one after another in document order,
//! so when this one runs, every island above it has: it marks the page (`data-hydrated` on
//! the body) for tests and anyone debugging. It draws nothing.

use leptos::prelude::*;

#[island]
pub fn HydrationMark() -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
