//! An organisation's first administrator (issue 17 item 1). Pathway ships with no account at
//! all: whoever runs the server makes the first administrator from the command line
//! (`server create-admin --email … --name …`), and gets a one-time set-password link rather
//! than a password, so no password is ever chosen for anyone but by themselves.

use crate::audit::{self, action, Event};
use crate::auth::tokens;
use crate::db::Db;
use crate::people::{self, NewPerson};
use pathway_core::error::AppError;
use pathway_core::identity::Role;

/// Where the command line's changes come from, in the audit log's address column.
pub const COMMAND_LINE: &str = "command line";

/// Creates an active administrator with `email` and `full_name`, in one transaction with its
/// audit entries, and answers the path of their set-password link (valid for
/// `tokens::LINK_LIFETIME_HOURS`).
pub async fn create(db: &Db, email: &str, full_name: &str) -> Result<String, AppError> {
    let person = people::check_person(&NewPerson {
        full_name: full_name.to_owned(),
        email: email.to_owned(),
        job_title: "Administrator".to_owned(),
        qualification_date: None,
        registration_number: None,
    })
    .map_err(people::invalid)?;
    let now = db.clock().now();
    let mut tx = db.begin().await?;
    if people::email_taken(&mut tx, &person.email, None).await? {
        return Err(AppError::field(
            "email",
            "A person with that email address already exists: give them the administrator role from Pathway, or use another address",
        ));
    }
    let id = people::insert(db.clock(), &mut tx, &person).await?;
    sqlx::query(
        "INSERT INTO role_grants (id, person_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, NULL)",
    )
    .bind(crate::clock::new_id())
    .bind(&id)
    .bind(Role::Administrator.code())
    .bind(crate::clock::stamp(now))
    .execute(&mut *tx)
    .await?;
    let token = tokens::create(&mut tx, &id, None, now).await?;
    for (what, detail) in [
        (action::PERSON_CREATED, person.email.to_string()),
        (action::ROLE_GRANTED, Role::Administrator.code().to_owned()),
        (action::SET_PASSWORD_LINK_CREATED, String::new()),
    ] {
        let event = Event {
            actor_id: None,
            action: what,
            record_type: "person",
            record_id: &id,
            ip: COMMAND_LINE,
            ..Event::default()
        }
        .with_detail(detail);
        audit::record(db.clock(), &mut *tx, event).await?;
    }
    tx.commit().await?;
    Ok(format!("/set-password#{token}"))
}
