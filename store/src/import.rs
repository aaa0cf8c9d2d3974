//! Bulk import of staff from a CSV file in the shape an HR export has:
//! `Full name,Email,Job title,Team,Qualification date,Registration number,Level`.
//! All or nothing: every row is checked first, each problem reported by row and field, and
//! only a file with no problems is written, in one transaction.

use crate::audit::{self, action, Event};
use crate::auth::Caller;
use crate::clock::new_id;
use crate::db::Db;
use crate::people::{check_person, email_taken, insert, NewPerson, ValidPerson};
use chrono::NaiveDate;
use pathway_core::domain::level::Level;
use pathway_core::email;
use pathway_core::error::AppError;
use pathway_core::ids::TeamId;
use pathway_core::organisation::{ImportProblem, ImportReport};
use std::collections::HashSet;

const COLUMNS: [(&str, &[&str]); 7] = [
    ("Full name", &["fullname", "name"]),
    ("Email", &["email", "workemail", "emailaddress"]),
    ("Job title", &["jobtitle", "title", "role"]),
    ("Team", &["team", "teamname"]),
    ("Qualification date", &["qualificationdate", "qualified"]),
    (
        "Registration number",
        &["registrationnumber", "swenumber", "registration"],
    ),
    ("Level", &["level", "careerlevel"]),
];

/// Splits CSV text into records (quoted fields, doubled quotes, CRLF).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
        .into_iter()
        .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
        .collect()
}

fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

fn parse_date(text: &str) -> Option<String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map(|d| d.to_string())
        .ok()
}

fn parse_level(text: &str) -> Option<Level> {
    let wanted = normalise(text);
    Level::ALL.into_iter().find(|level| {
        normalise(level.title()) == wanted
            || serde_json::to_value(level)
                .ok()
                .and_then(|v| v.as_str().map(normalise))
                .is_some_and(|code| code == wanted)
    })
}

struct Row {
    person: ValidPerson,
    team_id: Option<TeamId>,
    level: Option<Level>,
}

/// Checks every row, then writes all of them or none.
pub async fn import(
    db: &Db,
    caller: &Caller,
    csv: &str,
    ip: &str,
) -> Result<ImportReport, AppError> {
    let records = parse_csv(csv);
    let mut problems = Vec::new();
    let Some((header, rows)) = records.split_first() else {
        return Err(AppError::validation(
            "The file is empty: it needs a header row and at least one person",
        ));
    };
    let headers: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(_, names)| headers.iter().position(|h| names.contains(&h.as_str())))
        .collect();
    for (column, (name, _)) in COLUMNS.iter().enumerate().take(3) {
        if index[column].is_none() {
            problems.push(ImportProblem {
                row: 0,
                field: name.to_string(),
                message: format!("The header row has no \"{name}\" column"),
            });
        }
    }
    if !problems.is_empty() {
        return Ok(ImportReport {
            imported: 0,
            problems,
        });
    }
    let mut tx = db.begin().await?;
    let teams: Vec<(TeamId, String)> = sqlx::query_as("SELECT id, name FROM teams")
        .fetch_all(&mut *tx)
        .await?;
    let mut seen = HashSet::new();
    let mut checked = Vec::new();
    for (number, record) in rows.iter().enumerate() {
        let row = number + 1;
        let cell = |column: usize| {
            index[column]
                .and_then(|i| record.get(i))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut report = |field: &str, message: String| {
            problems.push(ImportProblem {
                row,
                field: field.into(),
                message,
            })
        };
        let qualification_date = cell(4);
        let parsed_date = qualification_date
            .as_deref()
            .map(|d| parse_date(d).unwrap_or_else(|| d.to_string()));
        let person = NewPerson {
            full_name: cell(0).unwrap_or_default(),
            email: email::normalise(&cell(1).unwrap_or_default()),
            job_title: cell(2).unwrap_or_default(),
            qualification_date: parsed_date,
            registration_number: cell(5).map(|n| n.to_uppercase()),
        };
        let person = match check_person(&person) {
            Ok(valid) => Some(valid),
            Err(refused) => {
                for problem in refused {
                    report(problem.column, problem.message);
                }
                None
            }
        };
        if let Some(email) = person.as_ref().map(|p| &p.email) {
            if !seen.insert(email.clone()) {
                report(
                    "Email",
                    format!("{email} appears more than once in the file"),
                );
            } else if email_taken(&mut tx, email, None).await? {
                report(
                    "Email",
                    format!("A person with the email {email} already exists"),
                );
            }
        }
        let team_id = match cell(3) {
            None => None,
            Some(name) => match teams.iter().find(|(_, t)| t.eq_ignore_ascii_case(&name)) {
                Some((id, _)) => Some(id.clone()),
                None => {
                    report("Team", format!("There is no team called \"{name}\""));
                    None
                }
            },
        };
        let level = match cell(6) {
            None => None,
            Some(text) => match parse_level(&text) {
                Some(level) => Some(level),
                None => {
                    report("Level", format!("\"{text}\" is not a career pathway level"));
                    None
                }
            },
        };
        if level.is_some() && qualification_date.is_none() {
            report(
                "Qualification date",
                "Enter the qualification date for a registered social worker".into(),
            );
        }
        if let Some(person) = person {
            checked.push(Row {
                person,
                team_id,
                level,
            });
        }
    }
    if rows.is_empty() {
        problems.push(ImportProblem {
            row: 0,
            field: "File".into(),
            message: "The file has a header row but no people".into(),
        });
    }
    if !problems.is_empty() {
        // nothing written: the transaction is dropped, which rolls it back
        return Ok(ImportReport {
            imported: 0,
            problems,
        });
    }
    let today = db.clock().today().to_string();
    for row in &checked {
        let id = insert(db.clock(), &mut tx, &row.person).await?;
        if let Some(team_id) = &row.team_id {
            sqlx::query("INSERT INTO team_memberships (id, person_id, team_id, starts_on) VALUES ($1, $2, $3, $4)")
                .bind(new_id()).bind(&id).bind(team_id).bind(&today)
                .execute(&mut *tx).await?;
        }
        if let Some(level) = row.level {
            let reason = "Level on import from HR records";
            let on = db.clock().today();
            crate::levels::record_in(
                &mut tx,
                db.clock(),
                &id,
                level,
                on,
                reason,
                &caller.person_id,
            )
            .await?;
        }
        crate::people::grant_practitioner_in(&mut tx, db.clock(), &id, &caller.person_id).await?;
    }
    audit::record(
        db.clock(),
        &mut *tx,
        Event {
            actor_id: Some(&caller.person_id),
            action: action::PEOPLE_IMPORTED,
            record_type: "person",
            detail: format!("{} people", checked.len()),
            ip,
            ..Event::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ImportReport {
        imported: checked.len(),
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_may_be_quoted_with_commas_and_quotes() {
        let rows = parse_csv("a,b\r\n\"Smith, Jo\",\"say \"\"hi\"\"\"\n\n");
        assert_eq!(rows, vec![vec!["a", "b"], vec!["Smith, Jo", "say \"hi\""]]);
    }

    #[test]
    fn levels_are_read_by_code_or_title() {
        assert_eq!(parse_level("social_worker_2"), Some(Level::SocialWorker2));
        assert_eq!(
            parse_level("Level 3 Social Worker"),
            Some(Level::SocialWorker3)
        );
        assert_eq!(parse_level("Wizard"), None);
    }
}
