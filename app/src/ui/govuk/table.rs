//! The table: a header row from the columns, the body from the rows the page gives.

use leptos::prelude::*;

/// A column heading; numeric columns are right-aligned, heading and cells alike.
#[derive(Clone, Debug)]
pub struct Column {
    pub label: &'static str,
    pub numeric: bool,
    /// Read by screen readers only (a column of buttons).
    pub hidden: bool,
}

impl Column {
    pub const fn text(label: &'static str) -> Self {
        Self {
            label,
            numeric: false,
            hidden: false,
        }
    }
    pub const fn numeric(label: &'static str) -> Self {
        Self {
            label,
            numeric: true,
            hidden: false,
        }
    }
    pub const fn hidden(label: &'static str) -> Self {
        Self {
            label,
            numeric: false,
            hidden: true,
        }
    }
}

#[component]
pub fn Table(
    #[prop(into, optional)] id: Option<String>,
    #[prop(into, optional)] caption: Option<String>,
    columns: Vec<Column>,
    children: Children,
) -> impl IntoView {
    view! {
        <table class="govuk-table" id=id>
            {caption.map(|caption| view! {
                <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            })}
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {columns.into_iter().map(|column| {
                        let class = if column.numeric {
                            "govuk-table__header govuk-table__header--numeric"
                        } else {
                            "govuk-table__header"
                        };
                        let label = if column.hidden {
                            view! { <span class="govuk-visually-hidden">{column.label}</span> }.into_any()
                        } else {
                            column.label.into_any()
                        };
                        view! { <th scope="col" class=class>{label}</th> }
                    }).collect_view()}
                </tr>
            </thead>
            <tbody class="govuk-table__body">{children()}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn Row(#[prop(into, optional)] id: Option<String>, children: Children) -> impl IntoView {
    view! { <tr class="govuk-table__row" id=id>{children()}</tr> }
}

#[component]
pub fn Cell(#[prop(optional)] numeric: bool, children: Children) -> impl IntoView {
    let class = if numeric {
        "govuk-table__cell govuk-table__cell--numeric"
    } else {
        "govuk-table__cell"
    };
    view! { <td class=class>{children()}</td> }
}
