//! Pay effective dates (PANEL-6, PANEL-7).
//!
//! - PANEL-6: when the panel agrees progression, "salary changes will be
//!   effective from the date of submission": the UK calendar date on which
//!   the papers for that panel were received.
//! - PANEL-7: "if for good reason an application cannot be considered at a
//!   panel meeting (for example illness or bereavement) but is approved at the
//!   next one, pay will be backdated from the submission date": the original
//!   submission date, only when the approval is at **the next panel** in the
//!   schedule after the one that could not consider it, not any later one.
//!   Several good-reason postponements chain back only while each is followed
//!   by the very next panel; a skipped panel, or any other hearing in between
//!   (a deferral, a late or incomplete submission, a withdrawal), breaks the
//!   chain and pay follows PANEL-6 from the approving panel's submission.

use super::panel_dates::london_date;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Why an application was not considered at a panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum NotConsidered {
    /// Illness, bereavement or another good reason accepted by the panel (PANEL-7).
    GoodReason(String),
    /// Received after the PANEL-3 deadline.
    Late,
    /// Documentation incomplete (PANEL-5).
    Incomplete,
    Withdrawn,
}

/// What happened to an application at one panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum HearingOutcome {
    Progress,
    /// Deferred with reasons in the outcome report (PANEL-6).
    Defer,
    NotConsidered(NotConsidered),
}

/// One booking of an application onto a panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelHearing {
    pub panel_date: NaiveDate,
    /// When the papers for this panel were received.
    pub submitted_at: DateTime<Utc>,
    pub outcome: HearingOutcome,
}

/// The date the new level's pay starts and the rule that gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayEffective {
    pub effective_from: NaiveDate,
    /// `"PANEL-6"` or `"PANEL-7"` (backdated to an earlier submission).
    pub rule: String,
}

/// The pay effective date for an application's hearings, in any order, or
/// `None` if no panel agreed progression. `schedule` is every panel date held
/// or to be held (cancelled panels left out), in any order: PANEL-7 needs to
/// know which panel was "the next one".
pub fn pay_effective_date(
    hearings: &[PanelHearing],
    schedule: &[NaiveDate],
) -> Option<PayEffective> {
    let mut ordered: Vec<&PanelHearing> = hearings.iter().collect();
    ordered.sort_by_key(|h| (h.panel_date, h.submitted_at));
    let approved = ordered
        .iter()
        .position(|h| h.outcome == HearingOutcome::Progress)?;
    let next_panel_after = |date: NaiveDate| schedule.iter().filter(|d| **d > date).min().copied();
    let mut first = approved;
    while first > 0 {
        let earlier = ordered[first - 1];
        let good_reason = matches!(
            earlier.outcome,
            HearingOutcome::NotConsidered(NotConsidered::GoodReason(_))
        );
        let at_the_next_panel =
            next_panel_after(earlier.panel_date) == Some(ordered[first].panel_date);
        if !(good_reason && at_the_next_panel) {
            break;
        }
        first -= 1;
    }
    let first = ordered[first];
    let backdated = first.panel_date != ordered[approved].panel_date;
    Some(PayEffective {
        effective_from: london_date(first.submitted_at),
        rule: if backdated { "PANEL-7" } else { "PANEL-6" }.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn hearing(
        panel: NaiveDate,
        submitted: (i32, u32, u32, u32),
        outcome: HearingOutcome,
    ) -> PanelHearing {
        let (y, m, day, h) = submitted;
        let submitted_at = Utc
            .with_ymd_and_hms(y, m, day, h, 0, 0)
            .single()
            .expect("instant");
        PanelHearing {
            panel_date: panel,
            submitted_at,
            outcome,
        }
    }

    /// Panels held in 2026: April, July, October, and an extra one in December.
    const SCHEDULE: [NaiveDate; 4] = [
        NaiveDate::from_ymd_opt(2026, 4, 15).unwrap(),
        NaiveDate::from_ymd_opt(2026, 7, 15).unwrap(),
        NaiveDate::from_ymd_opt(2026, 10, 14).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
    ];

    /// PANEL-7 (issue 11): approved at a later panel than the next one, the
    /// application's pay is not backdated: PANEL-6 from the approving panel's submission.
    #[test]
    fn panel_7_backdates_only_when_approved_at_the_next_panel() {
        let h = [
            hearing(d(2026, 7, 15), (2026, 6, 30, 9), ill()),
            // October's panel is skipped; approved in December
            hearing(d(2026, 12, 9), (2026, 11, 25, 9), HearingOutcome::Progress),
        ];
        let pay = pay_effective_date(&h, &SCHEDULE).expect("progressed");
        assert_eq!(
            (pay.effective_from, pay.rule.as_str()),
            (d(2026, 11, 25), "PANEL-6")
        );
        // a chain breaks at the first skipped panel
        let h = [
            hearing(d(2026, 4, 15), (2026, 4, 1, 9), ill()),
            hearing(d(2026, 10, 14), (2026, 9, 29, 9), ill()),
            hearing(d(2026, 12, 9), (2026, 11, 25, 9), HearingOutcome::Progress),
        ];
        let pay = pay_effective_date(&h, &SCHEDULE).expect("progressed");
        assert_eq!(
            (pay.effective_from, pay.rule.as_str()),
            (d(2026, 9, 29), "PANEL-7")
        );
    }

    fn ill() -> HearingOutcome {
        HearingOutcome::NotConsidered(NotConsidered::GoodReason("Illness".into()))
    }

    #[test]
    fn panel_6_progress_pay_from_submission_date() {
        let h = [hearing(
            d(2026, 7, 15),
            (2026, 6, 30, 9),
            HearingOutcome::Progress,
        )];
        let pay = pay_effective_date(&h, &SCHEDULE).expect("progressed");
        assert_eq!(
            (pay.effective_from, pay.rule.as_str()),
            (d(2026, 6, 30), "PANEL-6")
        );
    }

    #[test]
    fn panel_6_submission_date_is_the_uk_date() {
        // 23:30 UTC on 30 June is 00:30 BST on 1 July.
        let h = [hearing(
            d(2026, 7, 20),
            (2026, 6, 30, 23),
            HearingOutcome::Progress,
        )];
        assert_eq!(
            pay_effective_date(&h, &SCHEDULE).map(|p| p.effective_from),
            Some(d(2026, 7, 1))
        );
    }

    #[test]
    fn panel_6_defer_gives_no_pay_date() {
        let h = [hearing(
            d(2026, 7, 15),
            (2026, 6, 30, 9),
            HearingOutcome::Defer,
        )];
        assert_eq!(pay_effective_date(&h, &SCHEDULE), None);
        assert_eq!(pay_effective_date(&[], &SCHEDULE), None);
    }

    #[test]
    fn panel_7_postponed_for_good_reason_backdated_to_original_submission() {
        let h = [
            hearing(d(2026, 10, 14), (2026, 9, 29, 9), HearingOutcome::Progress),
            hearing(d(2026, 7, 15), (2026, 6, 30, 9), ill()),
        ];
        let pay = pay_effective_date(&h, &SCHEDULE).expect("progressed");
        assert_eq!(
            (pay.effective_from, pay.rule.as_str()),
            (d(2026, 6, 30), "PANEL-7")
        );
    }

    #[test]
    fn panel_7_consecutive_good_reasons_chain_back() {
        let h = [
            hearing(d(2026, 4, 15), (2026, 4, 1, 9), ill()),
            hearing(d(2026, 7, 15), (2026, 6, 30, 9), ill()),
            hearing(d(2026, 10, 14), (2026, 9, 29, 9), HearingOutcome::Progress),
        ];
        assert_eq!(
            pay_effective_date(&h, &SCHEDULE).map(|p| p.effective_from),
            Some(d(2026, 4, 1))
        );
    }

    #[test]
    fn panel_6_deferral_or_late_submission_breaks_the_chain() {
        for earlier in [
            HearingOutcome::Defer,
            HearingOutcome::NotConsidered(NotConsidered::Late),
        ] {
            let h = [
                hearing(d(2026, 4, 15), (2026, 4, 1, 9), ill()),
                hearing(d(2026, 7, 15), (2026, 6, 30, 9), earlier),
                hearing(d(2026, 10, 14), (2026, 9, 29, 9), HearingOutcome::Progress),
            ];
            let pay = pay_effective_date(&h, &SCHEDULE).expect("progressed");
            assert_eq!(
                (pay.effective_from, pay.rule.as_str()),
                (d(2026, 9, 29), "PANEL-6")
            );
        }
    }

    #[test]
    fn hearing_outcomes_round_trip_through_json() {
        for outcome in [
            HearingOutcome::Progress,
            HearingOutcome::Defer,
            ill(),
            HearingOutcome::NotConsidered(NotConsidered::Late),
        ] {
            let h = hearing(d(2026, 7, 15), (2026, 6, 30, 9), outcome);
            let json = serde_json::to_string(&h).expect("serialize");
            assert_eq!(
                serde_json::from_str::<PanelHearing>(&json).expect("deserialize"),
                h,
                "{json}"
            );
        }
    }
}
