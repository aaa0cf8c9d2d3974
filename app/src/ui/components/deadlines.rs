//! Panel deadlines as people read them, in UK time (PANEL-3, PANEL-4), from the rules engine.

use chrono::NaiveDate;
use pathway_core::domain::format::{format_date, weekday_name};
use pathway_core::domain::panel_dates::{deadlines, format_london};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineText {
    pub panel: String,
    pub papers_due: String,
    pub circulation_due: String,
}

pub fn describe_deadline(panel_date: NaiveDate) -> DeadlineText {
    let due = deadlines(panel_date);
    DeadlineText {
        panel: format!("{} {}", weekday_name(panel_date), format_date(panel_date)),
        papers_due: format_london(due.submission_deadline),
        circulation_due: format_london(due.circulation_due),
    }
}
