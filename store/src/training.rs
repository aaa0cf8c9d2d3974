//! Changes to Learning & Development's course list: each makes the next version from the
//! one in force, checks it whole, and publishes it (`db::training`).

use crate::auth::Caller;
use crate::db::{training, Db};
use pathway_core::domain::training::{course_problems, Course, CourseKind, TrainingList};
use pathway_core::error::{AppError, FieldError};
use pathway_core::portfolio::kinds::level_from_code;
use std::collections::BTreeMap;

async fn in_force(db: &Db) -> Result<TrainingList, AppError> {
    Ok(training::in_force_on(db, db.clock().today())
        .await?
        .unwrap_or(TrainingList {
            version: String::new(),
            effective_from: db.clock().today(),
            courses: Vec::new(),
        }))
}

fn refuse(problems: Vec<(String, String)>) -> AppError {
    AppError::Invalid(
        problems
            .into_iter()
            .map(|(field, message)| FieldError { field, message })
            .collect(),
    )
}

pub async fn add_course(
    db: &Db,
    caller: &Caller,
    code: &str,
    title: &str,
    kind: &str,
    levels: &BTreeMap<String, String>,
    ip: &str,
) -> Result<String, AppError> {
    let kind = match kind.trim() {
        "core" => Some(CourseKind::Core),
        "development" => Some(CourseKind::Development),
        _ => None,
    };
    let mut levels: Vec<_> = levels
        .keys()
        .filter_map(|code| level_from_code(code))
        .collect();
    levels.sort();
    levels.dedup();
    let course = Course {
        code: code.trim().to_uppercase(),
        title: title.trim().to_owned(),
        kind: kind.unwrap_or(CourseKind::Core),
        levels,
    };
    let mut problems = course_problems(&course);
    if kind.is_none() {
        problems.push((
            "kind".to_owned(),
            "Select whether this is core or development training".to_owned(),
        ));
    }
    let mut list = in_force(db).await?;
    if list.course(&course.code).is_some() {
        problems.push((
            "code".to_owned(),
            format!(
                "The list already has a course with the code {}",
                course.code
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    list.courses.push(course);
    let problems = list.problems();
    if !problems.is_empty() {
        return Err(refuse(problems));
    }
    Ok(training::publish(db, caller, list, ip).await?.version)
}

pub async fn remove_course(
    db: &Db,
    caller: &Caller,
    code: &str,
    ip: &str,
) -> Result<String, AppError> {
    let mut list = in_force(db).await?;
    let before = list.courses.len();
    list.courses.retain(|c| c.code != code.trim());
    if list.courses.len() == before {
        return Err(AppError::validation("That course is not on the list"));
    }
    Ok(training::publish(db, caller, list, ip).await?.version)
}
