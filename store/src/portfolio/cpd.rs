//! The CPD log (CPD-1, CPD-2): CPD activities by leave year with totals, the additional
//! allowance used and left, a type filter, and a CSV export in the fields of Social Work
//! England's CPD record (served by a plain GET route, authorization checked like a server
//! function).

use super::store::{self, EvidenceRow};
use crate::db::Db;
use chrono::{Datelike, NaiveDate};
use pathway_core::domain::format::format_hundredths;
use pathway_core::domain::{cpd_allowance, format_date, Catalogue, EvidenceKind, LeaveYear};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use pathway_core::portfolio::kinds::{CPD_TYPES, HOURS_PER_DAY_IN_HUNDREDTHS};
use pathway_core::portfolio::views::{CpdEntry, CpdLog};
use pathway_core::text::markdown::to_plain_text;

fn year_label(start: NaiveDate, end: NaiveDate) -> String {
    format!("{} to {}", format_date(start), format_date(end))
}

fn entry(row: &EvidenceRow) -> Option<CpdEntry> {
    let details = row.details();
    let cpd_type = details.get("cpd_type").cloned().unwrap_or_default();
    let unit = details
        .get("duration_unit")
        .map(String::as_str)
        .unwrap_or("days");
    let amount = details.get("duration").cloned().unwrap_or_default();
    let duration_text = match (unit, amount.as_str()) {
        (_, "") => String::new(),
        ("hours", "1") => "1 hour".to_owned(),
        ("hours", n) => format!("{n} hours"),
        (_, "1") => "1 day".to_owned(),
        (_, n) => format!("{n} days"),
    };
    Some(CpdEntry {
        id: row.id.clone(),
        date: row.evidence_date.clone(),
        date_text: row.date().map(format_date)?,
        title: row.title.clone(),
        cpd_type_label: CPD_TYPES
            .iter()
            .find(|(code, _)| *code == cpd_type)
            .map(|(_, label)| (*label).to_owned())
            .unwrap_or_default(),
        cpd_type,
        duration_text,
        allowance_days: row.cpd_centidays(),
        status: row.status(),
        previous_employer: row.from_previous_employer == 1,
    })
}

/// The CPD log of `person_id` for the leave year starting in `year` (default: the current
/// one), optionally only one CPD type. Also answers the matching rows, for the CSV export.
pub async fn log(
    db: &Db,
    person_id: &PersonId,
    year: Option<i32>,
    cpd_type: Option<String>,
    catalogue: &Catalogue,
    today: NaiveDate,
) -> Result<(CpdLog, Vec<EvidenceRow>), AppError> {
    let leave_year = LeaveYear::default();
    let person_name = store::person_name(db, person_id).await?;
    let rows: Vec<EvidenceRow> = store::list(db, person_id)
        .await?
        .into_iter()
        .filter(|row| row.kind() == Some(EvidenceKind::CpdActivity))
        .collect();
    let (current_start, _) = leave_year.containing(today);
    let start_of = |y: i32| {
        NaiveDate::from_ymd_opt(y, leave_year.start_month, leave_year.start_day)
            .unwrap_or(current_start)
    };
    let year = year.unwrap_or(current_start.year());
    let (start, end) = leave_year.containing(start_of(year));
    let mut years: Vec<i32> = rows
        .iter()
        .filter_map(EvidenceRow::date)
        .map(|d| leave_year.containing(d).0.year())
        .chain([current_start.year(), year])
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let years = years
        .into_iter()
        .map(|y| {
            let (s, e) = leave_year.containing(start_of(y));
            (y, year_label(s, e))
        })
        .collect();
    let cpd_type = cpd_type.filter(|t| CPD_TYPES.iter().any(|(code, _)| code == t));
    let in_year: Vec<EvidenceRow> = rows
        .iter()
        .filter(|row| row.date().is_some_and(|d| (start..=end).contains(&d)))
        .filter(|row| {
            cpd_type
                .as_deref()
                .is_none_or(|t| row.details().get("cpd_type").map(String::as_str) == Some(t))
        })
        .cloned()
        .collect();
    let entries: Vec<CpdEntry> = in_year.iter().filter_map(entry).collect();
    // in hundredths of an hour and of a day: whole numbers, never floating point
    let (mut hours, mut days) = (0u64, 0u64);
    for row in &in_year {
        let details = row.details();
        let amount = details
            .get("duration")
            .and_then(|d| pathway_core::portfolio::form::parse_hundredths(d))
            .map_or(0, u64::from);
        if details.get("duration_unit").map(String::as_str) == Some("hours") {
            hours += amount;
        } else {
            days += amount;
        }
    }
    let per_day = u64::from(HOURS_PER_DAY_IN_HUNDREDTHS);
    let n = entries.len();
    let totals = format!(
        "{n} {}: {} hours and {} days (about {} working days at {} hours a day)",
        if n == 1 { "activity" } else { "activities" },
        format_hundredths(hours),
        format_hundredths(days),
        format_hundredths(days + (hours * 100 * 2 + per_day) / (per_day * 2)),
        format_hundredths(per_day),
    );
    // CPD-2 counts every CPD activity in the leave year, whatever the type filter shows.
    let facts: Vec<_> = rows
        .iter()
        .filter_map(|row| {
            let mut fact = pathway_core::domain::EvidenceFact::new(
                uuid::Uuid::parse_str(&row.id).ok()?,
                EvidenceKind::CpdActivity,
                row.date()?,
                row.status(),
            );
            fact.cpd_centidays = row.cpd_centidays();
            fact.from_previous_employer = row.from_previous_employer == 1;
            Some(fact)
        })
        .collect();
    let allowance = cpd_allowance(
        &facts,
        leave_year,
        pathway_core::domain::Centidays::from_days(catalogue.cpd_additional_days_per_year),
        start,
    );
    Ok((
        CpdLog {
            person_id: person_id.to_owned(),
            person_name,
            years,
            year,
            year_label: year_label(start, end),
            cpd_type,
            entries,
            totals,
            allowance,
        },
        in_year,
    ))
}

/// The log as CSV: the fields Social Work England's CPD record asks for (date, title,
/// type of CPD, time spent, description and reflection), plus the CPD-2 allowance columns.
pub fn csv(log: &CpdLog, rows: &[EvidenceRow]) -> String {
    let mut out = String::from(
        "Date,Title,Type of CPD,Time spent,Counts towards additional CPD days,Additional CPD days used,Reflection: what I learned and the impact on my practice,From a previous employer,Status\r\n",
    );
    for (entry, row) in log.entries.iter().zip(rows) {
        let line = [
            entry.date.clone(),
            entry.title.clone(),
            entry.cpd_type_label.clone(),
            entry.duration_text.clone(),
            if entry.allowance_days.is_some() {
                "Yes"
            } else {
                "No"
            }
            .to_owned(),
            entry.allowance_days.map(|d| d.number()).unwrap_or_default(),
            to_plain_text(&row.body),
            if entry.previous_employer { "Yes" } else { "No" }.to_owned(),
            match entry.status {
                pathway_core::domain::EvidenceStatus::Final => "Final",
                pathway_core::domain::EvidenceStatus::Draft => "Draft",
            }
            .to_owned(),
        ];
        out.push_str(&pathway_core::text::csv::line(&line));
    }
    out
}
