//! Achieving Permanence programme: judging the entry (AP-ENTRY), verification
//! (AP-VERIFY) and completion (AP-COMPLETE) checklists of [`super::ap_checklists`].
//!
//! "Qualified for more than two years" is read strictly: on the second
//! anniversary of qualifying the worker has been qualified for exactly two
//! years, not more, so the item is met from the **day after** the anniversary
//! (and 29 February's anniversary is 1 March, see [`add_years`]).

pub use super::ap_checklists::{
    completion_checklist, entry_checklist, verification_statements, Check, ChecklistItem,
};
use super::format::{add_years, count_noun, format_date};
use super::readiness::{RequirementResult, RequirementStatus};
use chrono::NaiveDate;

/// The first day on which someone qualified on `qualified_on` has been
/// qualified for more than `years` years: the day after the anniversary.
pub fn more_than_years_from(qualified_on: NaiveDate, years: u32) -> NaiveDate {
    let anniversary = add_years(qualified_on, years);
    anniversary.succ_opt().unwrap_or(anniversary)
}

/// Judges a checklist: `confirmed` holds the ids the manager has ticked.
pub fn evaluate_checklist(
    items: &[ChecklistItem],
    confirmed: &[String],
    qualified_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<RequirementResult> {
    items
        .iter()
        .map(|item| judge_item(item, confirmed, qualified_on, today))
        .collect()
}

/// Whether every item in `results` is met.
pub fn all_met(results: &[RequirementResult]) -> bool {
    !results.is_empty() && results.iter().all(|r| r.status == RequirementStatus::Met)
}

fn judge_item(
    item: &ChecklistItem,
    confirmed: &[String],
    qualified_on: Option<NaiveDate>,
    today: NaiveDate,
) -> RequirementResult {
    let (status, reason, eligible_from) = match (item.check, qualified_on) {
        (Check::ManagerConfirms, _) if confirmed.contains(&item.id) => (
            RequirementStatus::Met,
            "Confirmed by the manager".to_owned(),
            None,
        ),
        (Check::ManagerConfirms, _) => (
            RequirementStatus::NotMet,
            "Not yet confirmed by the manager".to_owned(),
            None,
        ),
        (Check::QualifiedMoreThanYears { .. }, None) => (
            RequirementStatus::NotMet,
            "The qualification date is not recorded".to_owned(),
            None,
        ),
        (Check::QualifiedMoreThanYears { years }, Some(q)) => {
            let from = more_than_years_from(q, years);
            let span = format!(
                "more than {} after qualifying on {}",
                count_noun(years.into(), "year", "years"),
                format_date(q)
            );
            if today >= from {
                (
                    RequirementStatus::Met,
                    format!("Eligible since {} ({span})", format_date(from)),
                    Some(from),
                )
            } else {
                (
                    RequirementStatus::NotMet,
                    format!("Eligible from {} ({span})", format_date(from)),
                    Some(from),
                )
            }
        }
    };
    RequirementResult {
        id: item.id.clone(),
        title: item.text.clone(),
        status,
        reason,
        eligible_from,
        counted_evidence: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn qualified(q: NaiveDate, today: NaiveDate) -> RequirementResult {
        let list = entry_checklist();
        let item = list
            .iter()
            .find(|i| i.id == "AP-ENTRY-5")
            .expect("AP-ENTRY-5");
        judge_item(item, &[], Some(q), today)
    }

    #[test]
    fn ap_entry_5_on_second_anniversary_not_yet_more_than_two_years() {
        let cases = [
            (d(2027, 1, 9), RequirementStatus::NotMet),
            (d(2027, 1, 10), RequirementStatus::NotMet),
            (d(2027, 1, 11), RequirementStatus::Met),
        ];
        for (today, status) in cases {
            let r = qualified(d(2025, 1, 10), today);
            assert_eq!(
                (r.status, r.eligible_from),
                (status, Some(d(2027, 1, 11))),
                "{today}"
            );
        }
        let r = qualified(d(2025, 1, 10), d(2027, 1, 10));
        assert_eq!(
            r.reason,
            "Eligible from 11 January 2027 (more than 2 years after qualifying on 10 January 2025)"
        );
    }

    #[test]
    fn ap_entry_5_qualified_on_29_february() {
        assert_eq!(more_than_years_from(d(2024, 2, 29), 2), d(2026, 3, 2));
        assert_eq!(
            qualified(d(2024, 2, 29), d(2026, 3, 1)).status,
            RequirementStatus::NotMet
        );
        assert_eq!(
            qualified(d(2024, 2, 29), d(2026, 3, 2)).status,
            RequirementStatus::Met
        );
    }

    #[test]
    fn ap_entry_checklist_needs_every_confirmation() {
        let list = entry_checklist();
        assert_eq!(list.len(), 13);
        let mut confirmed: Vec<String> = list.iter().map(|i| i.id.clone()).collect();
        let today = d(2030, 1, 1);
        assert!(all_met(&evaluate_checklist(
            &list,
            &confirmed,
            Some(d(2020, 1, 1)),
            today
        )));
        assert!(!all_met(&evaluate_checklist(
            &list, &confirmed, None, today
        )));
        confirmed.retain(|id| id != "AP-ENTRY-7");
        let results = evaluate_checklist(&list, &confirmed, Some(d(2020, 1, 1)), today);
        let missing: Vec<&str> = results
            .iter()
            .filter(|r| r.status != RequirementStatus::Met)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(missing, ["AP-ENTRY-7"]);
    }
}
