//! Evidence text (Markdown-lite) as GOV.UK paragraphs and lists. Every piece of text is
//! rendered as a text node, so nothing a worker typed can become markup.

use leptos::prelude::*;
use pathway_core::text::markdown::{parse, Block, Span};

fn spans(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match (span.strong, span.em) {
            (true, true) => view! { <strong><em>{span.text}</em></strong> }.into_any(),
            (true, false) => view! { <strong>{span.text}</strong> }.into_any(),
            (false, true) => view! { <em>{span.text}</em> }.into_any(),
            (false, false) => span.text.into_any(),
        })
        .collect_view()
}

#[component]
pub fn MarkdownText(text: String) -> impl IntoView {
    parse(&text)
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(content) => {
                view! { <p class="govuk-body">{spans(content)}</p> }.into_any()
            }
            Block::List {
                ordered: true,
                items,
            } => view! {
                <ol class="govuk-list govuk-list--number">
                    {items.into_iter().map(|item| view! { <li>{spans(item)}</li> }).collect_view()}
                </ol>
            }
            .into_any(),
            Block::List {
                ordered: false,
                items,
            } => view! {
                <ul class="govuk-list govuk-list--bullet">
                    {items.into_iter().map(|item| view! { <li>{spans(item)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}
