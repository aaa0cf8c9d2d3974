//! The kit's markup, rendered on the server as a page would be.

use super::pagination::visible_pages;
use super::*;
use leptos::prelude::*;
use pathway_core::error::FieldError;

fn html<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> String {
    Owner::new().with(|| view().into_view().to_html())
}

#[test]
fn the_error_summary_links_each_problem_to_its_field() {
    let page = html(|| {
        let errors = Signal::stored(vec![
            FieldError::new("email", "Enter an email address"),
            FieldError::new("date", "Date completed must include a month"),
        ]);
        view! { <ErrorSummary errors/> }
    });
    assert!(
        page.contains(r##"<a href="#email">Enter an email address</a>"##),
        "{page}"
    );
    assert!(page.contains(r##"<a href="#date">Date completed must include a month</a>"##));
    let none = html(|| view! { <ErrorSummary errors=Signal::stored(Vec::new())/> });
    assert!(
        !none.contains("govuk-error-summary"),
        "no problems, no summary: {none}"
    );
}

#[test]
fn a_field_in_error_says_so_beside_it_and_to_screen_readers() {
    let page = html(|| {
        view! { <TextInput id="full_name" label="Full name" hint="As on their payslip" error="Enter the person's full name".to_owned()/> }
    });
    assert!(page.contains("govuk-form-group--error"), "{page}");
    assert!(page.contains(r#"id="full_name-error""#));
    assert!(page.contains(r#"aria-describedby="full_name-hint full_name-error""#));
    assert!(page.contains("govuk-input--error"));
    let fine = html(|| view! { <TextInput id="full_name" label="Full name"/> });
    assert!(!fine.contains("error"), "{fine}");
}

#[test]
fn the_date_input_is_three_numeric_boxes_named_for_the_form_value() {
    let page = html(|| {
        view! { <DateInput id="date" name="form[date]" legend="Date completed" value="2026-03-07"/> }
    });
    for (name, value) in [
        ("form[date][day]", "7"),
        ("form[date][month]", "3"),
        ("form[date][year]", "2026"),
    ] {
        assert!(
            page.contains(&format!(r#"name="{name}""#)),
            "{name}: {page}"
        );
        assert!(page.contains(&format!(r#"value="{value}""#)), "{value}");
    }
    assert!(!page.contains(r#"type="date""#), "no browser date picker");
    assert!(page.contains(r#"inputmode="numeric""#));
    assert!(
        page.contains(r#"id="date""#),
        "the day box carries the id the summary links to"
    );
    assert!(page.contains("For example, 27 3 2026"));
}

#[test]
fn pagination_shows_the_ends_and_the_neighbours_of_the_current_page() {
    assert_eq!(visible_pages(1, 1), vec![Some(1)]);
    assert_eq!(
        visible_pages(5, 10),
        vec![Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]
    );
    assert_eq!(visible_pages(1, 3), vec![Some(1), Some(2), Some(3)]);
    let page = html(|| view! { <Pagination current=2 pages=3 href=|p| format!("/x?page={p}")/> });
    assert!(page.contains(r#"href="/x?page=1" rel="prev""#), "{page}");
    assert!(page.contains(r#"href="/x?page=3" rel="next""#));
    assert!(page.contains(r#"aria-current="page""#));
    let one = html(|| view! { <Pagination current=1 pages=1 href=|p| p.to_string()/> });
    assert!(
        !one.contains("govuk-pagination"),
        "one page needs no pagination: {one}"
    );
}

#[test]
fn numeric_columns_are_right_aligned() {
    let page = html(|| {
        view! {
            <Table id="teams" columns=vec![Column::text("Team"), Column::numeric("Members")]>
                <Row><Cell>"North"</Cell><Cell numeric=true>"4"</Cell></Row>
            </Table>
        }
    });
    assert!(
        page.contains("govuk-table__header govuk-table__header--numeric"),
        "{page}"
    );
    assert!(page.contains("govuk-table__cell govuk-table__cell--numeric"));
}
