//! Demo portfolios (issue 5), loaded with the demo organisation in the same transaction.
//! Fictional and anonymised throughout: families are "Family A", children "Child B".
//! - Jordan Ellis (Level 2, about 30 months qualified): every PATH-L3 requirement met,
//!   ready to apply.
//! - Aisha Rahman (Level 2, 20 months): nearly ready — 3 of 4 audits (PATH-L3-4), a draft
//!   statement, no observation or endorsement yet, eligible in a few months (PATH-L3-1).
//! - Ben Castillo (ASYE): a new worker with registration and a first CPD course.
//! - Chloe Brennan (Level 3): 3 of 4 learning audits towards PATH-MGMT-8.

use chrono::{Months, NaiveDate};
use pathway_core::domain::count_words;
use sqlx::{Any, Transaction};

type Tx = Transaction<'static, Any>;

struct Item<'a> {
    person: &'a str,
    author: &'a str,
    kind: &'a str,
    status: &'a str,
    title: &'a str,
    date: NaiveDate,
    body: String,
    details: &'a [(&'a str, &'a str)],
    cpd_centidays: Option<i64>,
}

async fn add(tx: &mut Tx, item: Item<'_>, now: &str) -> Result<(), sqlx::Error> {
    let details: std::collections::BTreeMap<&str, &str> = item.details.iter().copied().collect();
    let words = (item.kind == "reflective_statement").then(|| count_words(&item.body) as i64);
    sqlx::query(
        "INSERT INTO evidence (id, person_id, kind, status, title, evidence_date, body, details,
            from_previous_employer, word_count, cpd_allowance_centidays, created_by, created_at,
            updated_by, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12, $11, $12, 1)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(item.person)
    .bind(item.kind)
    .bind(item.status)
    .bind(item.title)
    .bind(item.date.to_string())
    .bind(item.body)
    .bind(serde_json::to_string(&details).unwrap_or_else(|_| "{}".into()))
    .bind(words)
    .bind(item.cpd_centidays)
    .bind(item.author)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const STATEMENT: [&str; 5] = [
    "Over the last year I have held a caseload of children in need and child protection work, and this statement reflects on how my practice has grown. Supervision with my team manager has helped me slow down my thinking, test my hypotheses and be clear about risk and protective factors before I write a plan.",
    "Working with Family A, where neglect had been a concern for several years, taught me to keep the child's lived experience at the centre. I used direct work tools with Child B, a *three houses* exercise and a simple scaling question, and shared what I heard with the core group in plain language.",
    "I found the **Signs of Safety** group supervision sessions especially useful. Mapping the case with colleagues helped me separate harm from complicating factors, and I became more confident writing danger statements that a parent could read and understand.",
    "- I now plan every visit with a clear purpose\n- I record analysis, not just events\n- I ask families what a good outcome would look like for them",
    "Research in Practice material on cumulative harm changed how I present chronologies to conference. I now analyse patterns over time rather than listing incidents, and my reports have been described by the chair as balanced and clear. I will keep developing my court skills next year.",
];

/// A fictional reflective statement of roughly `target` words, in paragraphs and a list.
fn statement(target: usize) -> String {
    let mut text = String::new();
    let mut round = 0;
    while count_words(&text) < target {
        for paragraph in STATEMENT {
            if count_words(&text) >= target {
                break;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            if round > 0 && !paragraph.starts_with('-') {
                text.push_str(&format!("Looking back again at period {}: ", round + 1));
            }
            text.push_str(paragraph);
        }
        round += 1;
    }
    text
}

fn months_ago(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today)
}

pub async fn insert(
    tx: &mut Tx,
    person_id: &impl Fn(&str) -> Option<String>,
    today: NaiveDate,
    now: &str,
) -> Result<(), sqlx::Error> {
    let (Some(jordan), Some(aisha), Some(ben), Some(chloe), Some(daniel)) = (
        person_id("l2_ready"),
        person_id("l2_new"),
        person_id("asye1"),
        person_id("l3"),
        person_id("tm_north"),
    ) else {
        return Ok(());
    };
    let expiry = today
        .checked_add_months(Months::new(14))
        .unwrap_or(today)
        .to_string();
    let registration = |person: &str, n: &'static str| {
        (
            person.to_owned(),
            [
                ("register", "Social Work England"),
                ("registration_number", n),
            ],
        )
    };
    for ((person, fields), date) in [
        (registration(&jordan, "SW900433"), months_ago(today, 2)),
        (registration(&aisha, "SW900470"), months_ago(today, 3)),
        (registration(&ben, "SW900507"), months_ago(today, 9)),
        (registration(&chloe, "SW900396"), months_ago(today, 4)),
    ] {
        let mut details = fields.to_vec();
        details.push(("expires_on", expiry.as_str()));
        add(
            tx,
            Item {
                person: &person,
                author: &person,
                kind: "registration",
                status: "final",
                title: "Social Work England registration",
                date,
                body: String::new(),
                details: &details,
                cpd_centidays: None,
            },
            now,
        )
        .await?;
    }
    let audit_bodies = [
        ("learning_audit", "Case file audit: neglect and drift", "Themed audit", "RFS-A-0193",
         "The audit showed a complex picture of **chronic neglect** with parental mental health needs. I had identified drift early and escalated to a legal planning meeting; the auditor noted clear analysis of risk."),
        ("learning_audit", "Case file audit: adolescent exploitation", "Case file audit", "RFS-A-0207",
         "Work with Young Person C involved risks outside the home. The audit highlighted good multi-agency working and my use of a *contextual safeguarding* approach."),
        ("peer_audit", "Peer audit: pre-proceedings", "Peer audit", "RFS-P-0031",
         "A colleague audited my pre-proceedings work with Family D. It showed defensible decision making under the Public Law Outline and clear letters to parents."),
        ("peer_audit", "Peer audit: child in need planning", "Peer audit", "RFS-P-0045",
         "The audit found SMART child in need plans, though reviews could record the child's voice more directly, which I have since changed."),
    ];
    for (person, count, from) in [(&jordan, 4, 8u32), (&aisha, 3, 6), (&chloe, 3, 10)] {
        for (i, (kind, title, audit_type, reference, body)) in
            audit_bodies.iter().take(count).enumerate()
        {
            let kind = if person == &chloe {
                "learning_audit"
            } else {
                *kind
            };
            add(
                tx,
                Item {
                    person,
                    author: person,
                    kind,
                    status: "final",
                    title,
                    date: months_ago(today, from - i as u32),
                    body: (*body).to_owned(),
                    details: &[("audit_type", audit_type), ("case_reference", reference)],
                    cpd_centidays: None,
                },
                now,
            )
            .await?;
        }
    }
    // Jordan: everything else PATH-L3 asks for, including the team manager's observation
    // and endorsement (added by Daniel Okafor, so Jordan sees who added them).
    let simple = [
        (&jordan, &jordan, "reflective_statement", "final", "Reflective statement", 1, statement(1_200), vec![], None),
        (&jordan, &jordan, "safeguarding_competence", "final", "Safeguarding competence in supervision", 3,
            "My supervisor recorded that I consistently identify risk and act on it, using threshold guidance and escalating appropriately.".to_owned(),
            vec![("source", "supervision")], None),
        (&jordan, &daniel, "practice_observation", "final", "Observed home visit", 5,
            "I observed Jordan lead a home visit with Family A. Jordan explained the purpose clearly, used direct work with the child and summarised the plan in plain language. *Strong, child-focused practice.*".to_owned(),
            vec![("observer", "Daniel Okafor, Team Manager"), ("setting", "Home visit")], None),
        (&jordan, &daniel, "manager_endorsement", "final", "Endorsement for Level 3", 0,
            "Based on my direct observations over the last year and the evidence in this portfolio, I endorse Jordan's application to progress to Level 3.".to_owned(),
            vec![], None),
        (&jordan, &jordan, "third_party_feedback", "final", "Feedback from a partner agency", 4,
            "A school designated safeguarding lead wrote that Jordan's reports were clear and that meetings were well chaired.".to_owned(),
            vec![("feedback_from", "partner_agency")], None),
        (&jordan, &jordan, "cpd_activity", "final", "Court skills training", 6,
            "A two-day course on giving evidence. I practised cross-examination and now structure my statements around the threshold criteria.".to_owned(),
            vec![("cpd_type", "core_training"), ("duration", "2"), ("duration_unit", "days"), ("counts_towards_allowance", "no")], None),
        (&jordan, &jordan, "cpd_activity", "final", "Shadowing an independent reviewing officer", 1,
            "I shadowed an IRO for a day to understand care planning reviews from their side.".to_owned(),
            vec![("cpd_type", "reading_or_shadowing"), ("duration", "1"), ("duration_unit", "days"), ("counts_towards_allowance", "yes")], Some(100)),
        (&jordan, &jordan, "cpd_activity", "final", "Research in Practice: cumulative harm", 0,
            "Reading and a webinar on cumulative harm; I changed how I write chronologies.".to_owned(),
            vec![("cpd_type", "learning_resources"), ("duration", "3"), ("duration_unit", "hours"), ("counts_towards_allowance", "yes")], Some(40)),
        // Aisha: nearly ready
        (&aisha, &aisha, "reflective_statement", "draft", "Reflective statement", 0, statement(640), vec![], None),
        (&aisha, &aisha, "safeguarding_competence", "final", "Safeguarding competence at my PDR", 2,
            "My PDR recorded safeguarding competence in child protection enquiries.".to_owned(),
            vec![("source", "pdr")], None),
        (&aisha, &aisha, "cpd_activity", "final", "Team learning session on parental conflict", 1,
            "A protected learning time session on reducing parental conflict.".to_owned(),
            vec![("cpd_type", "team_learning"), ("duration", "2"), ("duration_unit", "hours"), ("counts_towards_allowance", "no")], None),
        // Ben: a new ASYE worker
        (&ben, &ben, "cpd_activity", "final", "ASYE induction: core safeguarding course", 8,
            "The authority's core safeguarding course for newly qualified social workers.".to_owned(),
            vec![("cpd_type", "core_training"), ("duration", "1"), ("duration_unit", "days"), ("counts_towards_allowance", "no")], None),
        (&ben, &ben, "mandatory_training", "draft", "Mandatory training", 1,
            "- Safeguarding level 3\n- Data protection\n- Still to do: equality and diversity".to_owned(),
            vec![], None),
    ];
    for (person, author, kind, status, title, months, body, details, cpd) in simple {
        add(
            tx,
            Item {
                person,
                author,
                kind,
                status,
                title,
                date: months_ago(today, months),
                body,
                details: &details,
                cpd_centidays: cpd,
            },
            now,
        )
        .await?;
    }
    endorsed(tx, &jordan, &daniel, today, now).await
}

/// Jordan's endorsement as Daniel recorded it (issue 14): a decision citing the observed
/// visit (DEC-3), whose endorsement is the portfolio item above.
async fn endorsed(
    tx: &mut Tx,
    worker: &str,
    manager: &str,
    today: NaiveDate,
    now: &str,
) -> Result<(), sqlx::Error> {
    let id_of = |kind: &'static str| {
        sqlx::query_as::<_, (String,)>(
            "SELECT id FROM evidence WHERE person_id = $1 AND kind = $2 ORDER BY created_at LIMIT 1",
        )
        .bind(worker.to_owned())
        .bind(kind)
    };
    let (endorsement,) = id_of("manager_endorsement").fetch_one(&mut **tx).await?;
    let (observation,) = id_of("practice_observation").fetch_one(&mut **tx).await?;
    let decision = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO manager_decisions (id, worker_id, transition, outcome, decided_by,
             decided_on, reason, endorsement_id, recorded_at)
         VALUES ($1, $2, 'PATH-L3', 'endorse', $3, $4, 'Endorsed', $5, $6)",
    )
    .bind(&decision)
    .bind(worker)
    .bind(manager)
    .bind(today.to_string())
    .bind(&endorsement)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("INSERT INTO decision_observations (decision_id, evidence_id) VALUES ($1, $2)")
        .bind(&decision)
        .bind(&observation)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_statements_fit_path_l3_8_when_meant_to() {
        let words = count_words(&statement(1_200));
        assert!((1_200..1_500).contains(&words), "{words}");
        assert!(count_words(&statement(640)) < 1_000);
    }
}
