//! Pagination for lists the server pages: previous and next links and the page numbers
//! around the current one, with gaps ("⋯") for the rest. Plain links, so it works with
//! JavaScript off; `href` makes the address of a page (1-based).

use leptos::prelude::*;

/// The page numbers shown: the first, the last, and the current one with its neighbours;
/// `None` stands for a gap.
pub fn visible_pages(current: u32, pages: u32) -> Vec<Option<u32>> {
    let mut shown = Vec::new();
    for page in 1..=pages {
        let near = page + 1 >= current && page <= current + 1;
        if page == 1 || page == pages || near {
            shown.push(Some(page));
        } else if shown.last() != Some(&None) {
            shown.push(None);
        }
    }
    shown
}

#[component]
pub fn Pagination<H>(current: u32, pages: u32, href: H) -> impl IntoView
where
    H: Fn(u32) -> String + 'static,
{
    if pages <= 1 {
        return None;
    }
    let previous = (current > 1).then(|| view! {
        <div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href=href(current - 1) rel="prev">
                <span class="govuk-pagination__link-title">"Previous"<span class="govuk-visually-hidden">" page"</span></span>
            </a>
        </div>
    });
    let next = (current < pages).then(|| view! {
        <div class="govuk-pagination__next">
            <a class="govuk-link govuk-pagination__link" href=href(current + 1) rel="next">
                <span class="govuk-pagination__link-title">"Next"<span class="govuk-visually-hidden">" page"</span></span>
            </a>
        </div>
    });
    let items = visible_pages(current, pages)
        .into_iter()
        .map(|page| match page {
            None => view! { <li class="govuk-pagination__item govuk-pagination__item--ellipses">"⋯"</li> }.into_any(),
            Some(page) if page == current => view! {
                <li class="govuk-pagination__item govuk-pagination__item--current">
                    <a class="govuk-link govuk-pagination__link" href=href(page) aria-label=format!("Page {page}") aria-current="page">{page}</a>
                </li>
            }.into_any(),
            Some(page) => view! {
                <li class="govuk-pagination__item">
                    <a class="govuk-link govuk-pagination__link" href=href(page) aria-label=format!("Page {page}")>{page}</a>
                </li>
            }.into_any(),
        })
        .collect_view();
    Some(view! {
        <nav class="govuk-pagination" aria-label="Pagination">
            {previous}
            <ul class="govuk-pagination__list">{items}</ul>
            {next}
        </nav>
    })
}
