//! Sorting, filtering and paging a list of workers, as the address asks
//! (`?sort=waiting&show=flagged&team=Riverside&page=2`). Unknown or oversized values fall
//! back to the defaults: a list is always shown, never an error for a mistyped address.

use super::{Standing, TeamRollup, WorkerList, WorkerRow};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// Rows on one page of a dashboard.
pub const PAGE_SIZE: u32 = 20;

/// The longest team name a filter carries (a longer one matches no team anyway).
const TEAM_LIMIT: usize = 200;

/// What the address asks for, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerQuery {
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub show: Option<String>,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub page: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// DEC-1 flags first, the longest wait at the top.
    #[default]
    Waiting,
    Name,
    Team,
    /// Earliest eligible first.
    Eligible,
    /// Never decided first, then the oldest decision.
    Decided,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Waiting,
        Sort::Name,
        Sort::Team,
        Sort::Eligible,
        Sort::Decided,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Waiting => "waiting",
            Sort::Name => "name",
            Sort::Team => "team",
            Sort::Eligible => "eligible",
            Sort::Decided => "decided",
        }
    }

    fn from_code(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.code() == code)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Show {
    #[default]
    All,
    /// DEC-1: eligible with no decision, or the plan has run out.
    Flagged,
    NotYet,
    Endorsed,
    NotEligible,
}

impl Show {
    pub const ALL: [Show; 5] = [
        Show::All,
        Show::Flagged,
        Show::NotYet,
        Show::Endorsed,
        Show::NotEligible,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Flagged => "flagged",
            Show::NotYet => "not_yet",
            Show::Endorsed => "endorsed",
            Show::NotEligible => "not_eligible",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Show::All => "Everyone",
            Show::Flagged => "Waiting for a decision",
            Show::NotYet => "Not yet, with a development plan",
            Show::Endorsed => "Endorsed",
            Show::NotEligible => "Not yet eligible",
        }
    }

    fn from_code(code: &str) -> Option<Show> {
        Show::ALL.into_iter().find(|show| show.code() == code)
    }

    fn admits(self, row: &WorkerRow) -> bool {
        match self {
            Show::All => true,
            Show::Flagged => row.flagged,
            Show::NotYet => row.standing == Standing::NotYet,
            Show::Endorsed => row.standing == Standing::Endorsed,
            Show::NotEligible => row.standing == Standing::NotEligible,
        }
    }
}

impl WorkerQuery {
    pub fn sort(&self) -> Sort {
        self.sort
            .as_deref()
            .and_then(Sort::from_code)
            .unwrap_or_default()
    }

    pub fn show(&self) -> Show {
        self.show
            .as_deref()
            .and_then(Show::from_code)
            .unwrap_or_default()
    }

    /// The team asked for; blank or oversized is no filter.
    pub fn team(&self) -> Option<String> {
        self.team
            .as_deref()
            .map(str::trim)
            .filter(|team| !team.is_empty() && team.len() <= TEAM_LIMIT)
            .map(str::to_owned)
    }

    /// 1-based; anything unreadable is the first page.
    pub fn page(&self) -> u32 {
        self.page
            .as_deref()
            .and_then(|page| page.trim().parse().ok())
            .filter(|page| *page >= 1)
            .unwrap_or(1)
    }

    /// The address of this list with `page` (and the rest as asked), for links.
    pub fn href(&self, path: &str, page: u32) -> String {
        let mut href = format!(
            "{path}?sort={}&show={}",
            self.sort().code(),
            self.show().code()
        );
        if let Some(team) = self.team() {
            href.push_str("&team=");
            href.push_str(&crate::text::url::encode_component(&team));
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    }
}

fn sort_rows(rows: &mut [WorkerRow], sort: Sort) {
    let name = |row: &WorkerRow| row.name.to_lowercase();
    match sort {
        Sort::Waiting => rows.sort_by_key(|row| {
            (
                !row.flagged,
                Reverse(row.waiting_days.unwrap_or(i64::MIN)),
                name(row),
            )
        }),
        Sort::Name => rows.sort_by_key(name),
        Sort::Team => rows.sort_by_key(|row| (row.team.is_none(), row.team.clone(), name(row))),
        Sort::Eligible => {
            rows.sort_by_key(|row| (row.eligible_from.is_none(), row.eligible_from, name(row)))
        }
        Sort::Decided => rows.sort_by_key(|row| (row.last_decision_on, name(row))),
    }
}

/// Every team in `rows` with its DEC-1 flags, by name (workers with no team last).
pub fn roll_up(rows: &[WorkerRow]) -> Vec<TeamRollup> {
    let mut teams: BTreeMap<String, TeamRollup> = BTreeMap::new();
    for row in rows {
        let Some(name) = &row.team else { continue };
        let team = teams.entry(name.clone()).or_insert_with(|| TeamRollup {
            team: name.clone(),
            workers: 0,
            flagged: 0,
            longest_wait_days: None,
        });
        team.workers += 1;
        if row.flagged {
            team.flagged += 1;
            team.longest_wait_days = team.longest_wait_days.max(row.waiting_days);
        }
    }
    teams.into_values().collect()
}

/// The page `query` asks for out of every row the viewer may see. A page past the end is
/// the last page.
pub fn arrange(mut rows: Vec<WorkerRow>, query: &WorkerQuery) -> WorkerList {
    let teams = roll_up(&rows);
    let flagged = rows.iter().filter(|row| row.flagged).count() as u32;
    let (sort, show, team) = (query.sort(), query.show(), query.team());
    rows.retain(|row| show.admits(row) && (team.is_none() || row.team == team));
    sort_rows(&mut rows, sort);
    let total = rows.len() as u32;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = query.page().min(pages);
    let start = ((page - 1) * PAGE_SIZE) as usize;
    let rows = rows
        .into_iter()
        .skip(start)
        .take(PAGE_SIZE as usize)
        .collect();
    WorkerList {
        rows,
        total,
        flagged,
        page,
        pages,
        sort,
        show,
        team,
        teams,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(name: &str, team: &str, standing: Standing, waiting: Option<i64>) -> WorkerRow {
        WorkerRow {
            id: name.to_lowercase(),
            name: name.to_owned(),
            team: Some(team.to_owned()),
            relation: None,
            level: "Level 2 Social Worker".to_owned(),
            next_step: None,
            met: 0,
            of: 0,
            ready: false,
            eligible_from: None,
            decision: String::new(),
            standing,
            flagged: standing == Standing::NeedsDecision,
            waiting_days: waiting,
            last_decision_on: None,
        }
    }

    fn query(pairs: &[(&str, &str)]) -> WorkerQuery {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        };
        WorkerQuery {
            sort: get("sort"),
            show: get("show"),
            team: get("team"),
            page: get("page"),
        }
    }

    fn names(list: &WorkerList) -> Vec<&str> {
        list.rows.iter().map(|row| row.name.as_str()).collect()
    }

    fn sample() -> Vec<WorkerRow> {
        vec![
            row("Zara", "North", Standing::Endorsed, None),
            row("Amir", "South", Standing::NeedsDecision, Some(3)),
            row("Bea", "North", Standing::NeedsDecision, Some(40)),
            row("Cal", "South", Standing::NotEligible, None),
        ]
    }

    #[test]
    fn dec_1_by_default_the_longest_waiting_flagged_worker_comes_first() {
        let list = arrange(sample(), &WorkerQuery::default());
        assert_eq!(names(&list), ["Bea", "Amir", "Cal", "Zara"]);
        assert_eq!(list.flagged, 2);
    }

    #[test]
    fn dec_1_flags_roll_up_per_team_with_the_longest_wait() {
        let teams = roll_up(&sample());
        assert_eq!(teams.len(), 2);
        assert_eq!(
            (teams[0].team.as_str(), teams[0].workers, teams[0].flagged),
            ("North", 2, 1)
        );
        assert_eq!(teams[0].longest_wait_days, Some(40));
        assert_eq!(teams[1].longest_wait_days, Some(3));
    }

    #[test]
    fn filters_by_standing_and_team_keep_the_whole_list_counts() {
        let list = arrange(sample(), &query(&[("show", "flagged"), ("team", "South")]));
        assert_eq!(names(&list), ["Amir"]);
        assert_eq!((list.total, list.flagged, list.teams.len()), (1, 2, 2));
        let endorsed = arrange(sample(), &query(&[("show", "endorsed")]));
        assert_eq!(names(&endorsed), ["Zara"]);
    }

    #[test]
    fn sorts_by_name_and_by_eligibility_with_unknown_dates_last() {
        let mut rows = sample();
        rows[0].eligible_from = NaiveDate::from_ymd_opt(2026, 1, 1);
        rows[3].eligible_from = NaiveDate::from_ymd_opt(2025, 1, 1);
        assert_eq!(
            names(&arrange(rows.clone(), &query(&[("sort", "name")]))),
            ["Amir", "Bea", "Cal", "Zara"]
        );
        assert_eq!(
            names(&arrange(rows, &query(&[("sort", "eligible")]))),
            ["Cal", "Zara", "Amir", "Bea"]
        );
    }

    #[test]
    fn pages_hold_twenty_and_a_page_past_the_end_is_the_last() {
        let rows: Vec<WorkerRow> = (0..45)
            .map(|i| row(&format!("W{i:02}"), "North", Standing::NotEligible, None))
            .collect();
        let second = arrange(rows.clone(), &query(&[("sort", "name"), ("page", "2")]));
        assert_eq!((second.page, second.pages, second.rows.len()), (2, 3, 20));
        assert_eq!(second.rows[0].name, "W20");
        let beyond = arrange(rows.clone(), &query(&[("page", "99")]));
        assert_eq!((beyond.page, beyond.rows.len()), (3, 5));
        let nonsense = arrange(
            rows,
            &query(&[("page", "-1"), ("sort", "shoe"), ("show", "x")]),
        );
        assert_eq!(
            (nonsense.page, nonsense.sort, nonsense.show),
            (1, Sort::Waiting, Show::All)
        );
    }

    #[test]
    fn links_keep_the_sort_filter_and_team_and_encode_the_team() {
        let asked = query(&[
            ("sort", "team"),
            ("show", "flagged"),
            ("team", "North & East"),
        ]);
        assert_eq!(
            asked.href("/dashboard/team-manager", 2),
            "/dashboard/team-manager?sort=team&show=flagged&team=North%20%26%20East&page=2"
        );
    }
}
