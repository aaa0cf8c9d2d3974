//! Learning & Development's list of core and development training (PATH-MGMT-3: "CPD
//! evidence of all the core and development training"). The policy names no courses: L&D
//! keeps the list, by level, as versioned data like the requirement catalogue. A new list
//! is a new version from a date; the one in force on a day is the latest that started on
//! or before it.

use super::level::Level;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CourseKind {
    Core,
    Development,
}

impl CourseKind {
    pub fn label(self) -> &'static str {
        match self {
            CourseKind::Core => "Core training",
            CourseKind::Development => "Development training",
        }
    }
}

/// One course: `code` is what a CPD record names (`form[details][course]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub code: String,
    pub title: String,
    pub kind: CourseKind,
    /// The levels expected to have done it.
    pub levels: Vec<Level>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingList {
    pub version: String,
    pub effective_from: NaiveDate,
    pub courses: Vec<Course>,
}

/// Longest course code and title a list accepts.
pub const CODE_MAX: usize = 20;
pub const TITLE_MAX: usize = 120;
/// A list is for one department's training offer, not a catalogue of everything.
pub const COURSES_MAX: usize = 200;

impl TrainingList {
    /// The courses a worker at `level` is expected to have done, as (code, title).
    pub fn required_for(&self, level: Level) -> Vec<(String, String)> {
        self.courses
            .iter()
            .filter(|c| c.levels.contains(&level))
            .map(|c| (c.code.clone(), c.title.clone()))
            .collect()
    }

    pub fn course(&self, code: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.code == code)
    }

    /// Every problem with the list, each for one course field: `(field, message)`.
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut problems = Vec::new();
        if self.courses.len() > COURSES_MAX {
            problems.push((
                "code".to_owned(),
                format!("A list can hold at most {COURSES_MAX} courses"),
            ));
        }
        let mut codes = HashSet::new();
        for course in &self.courses {
            problems.extend(course_problems(course));
            if !codes.insert(course.code.as_str()) {
                problems.push((
                    "code".to_owned(),
                    format!(
                        "The list already has a course with the code {}",
                        course.code
                    ),
                ));
            }
        }
        problems
    }
}

/// What is wrong with one course, each against its field.
pub fn course_problems(course: &Course) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    let code_ok = !course.code.is_empty()
        && course.code.chars().count() <= CODE_MAX
        && course
            .code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !code_ok {
        problems.push((
            "code".to_owned(),
            format!(
                "Enter a course code of up to {CODE_MAX} letters, numbers or hyphens, like CORE-01"
            ),
        ));
    }
    if course.title.trim().is_empty() || course.title.chars().count() > TITLE_MAX {
        problems.push((
            "title".to_owned(),
            format!("Enter the course title, up to {TITLE_MAX} characters"),
        ));
    }
    if course.levels.is_empty() {
        problems.push((
            "levels".to_owned(),
            "Select at least one level the course is for".to_owned(),
        ));
    }
    problems
}

/// The list in force on `on`: the latest `effective_from` not after it (of lists from the
/// same day, the later in the slice).
pub fn training_in_force(lists: &[TrainingList], on: NaiveDate) -> Option<&TrainingList> {
    lists
        .iter()
        .filter(|l| l.effective_from <= on)
        .max_by_key(|l| l.effective_from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course(code: &str, levels: &[Level]) -> Course {
        Course {
            code: code.to_owned(),
            title: format!("Course {code}"),
            kind: CourseKind::Core,
            levels: levels.to_vec(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn path_mgmt_3_required_courses_follow_the_level() {
        let list = TrainingList {
            version: "1".into(),
            effective_from: d(2026, 1, 1),
            courses: vec![
                course("CORE-01", &[Level::SocialWorker2, Level::SocialWorker3]),
                course("DEV-01", &[Level::SocialWorker3]),
            ],
        };
        let codes = |level| -> Vec<String> {
            list.required_for(level)
                .into_iter()
                .map(|(c, _)| c)
                .collect()
        };
        assert_eq!(codes(Level::SocialWorker3), ["CORE-01", "DEV-01"]);
        assert_eq!(codes(Level::SocialWorker2), ["CORE-01"]);
        assert!(codes(Level::Asye).is_empty());
        assert!(list.problems().is_empty());
    }

    #[test]
    fn path_mgmt_3_list_problems_name_their_field() {
        let list = TrainingList {
            version: "1".into(),
            effective_from: d(2026, 1, 1),
            courses: vec![
                course("CORE 01", &[]),
                course("A", &[Level::Asye]),
                course("A", &[Level::Asye]),
            ],
        };
        let fields: Vec<String> = list.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["code", "levels", "code"]);
    }

    #[test]
    fn path_mgmt_3_the_latest_list_in_force_applies() {
        let list = |v: &str, from| TrainingList {
            version: v.into(),
            effective_from: from,
            courses: Vec::new(),
        };
        let lists = [list("a", d(2026, 1, 1)), list("b", d(2026, 6, 1))];
        assert_eq!(
            training_in_force(&lists, d(2026, 5, 31)).map(|l| l.version.as_str()),
            Some("a")
        );
        assert_eq!(
            training_in_force(&lists, d(2026, 6, 1)).map(|l| l.version.as_str()),
            Some("b")
        );
        assert_eq!(training_in_force(&lists, d(2025, 12, 31)), None);
    }
}
