//! Sync endpoint benchmark (issue 6): push of 1,000 ~2 KB changes in batches, pull of 1,000
//! changes, and a conflict-heavy batch, on SQLite and (with PATHWAY_TEST_POSTGRES_URL) on
//! PostgreSQL. Calls the server layer the `sync/push` and `sync/pull` endpoints call, each
//! batch one transaction. Run: `cargo bench -p server --bench sync`.

use pathway_core::ids::{ClientId, EvidenceId, PersonId};
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::{Change, ChangeOp, Outcome, PullRequest, PushRequest};
use pathway_store::db::{DatabaseUrl, Db};
use pathway_store::sync::{pull, push};
use std::time::{Duration, Instant};

const CHANGES: usize = 1_000;
const BATCH: usize = 100;

fn form(id: &str, person: &str, n: usize) -> EvidenceForm {
    let body = format!("Paragraph {n}. ").repeat(2_000 / 14);
    EvidenceForm {
        id: id.into(),
        person_id: person.into(),
        kind: "reflective_statement".into(),
        status: "draft".into(),
        title: format!("Statement {n}"),
        date: chrono::Utc::now().date_naive().to_string(),
        body,
        ..EvidenceForm::default()
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn run(label: &str, url: &str) {
    let db = Db::connect(&DatabaseUrl::parse(url).expect("url"))
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    pathway_store::db::catalogues::ensure_seeded(&db)
        .await
        .expect("catalogue");
    let today = chrono::Utc::now().date_naive();
    // nobody signs in here: a throwaway password
    let password = pathway_store::seed::random_demo_password();
    pathway_store::seed::seed_if_empty(&db, today, &password)
        .await
        .expect("seed");
    let (person_id,): (PersonId,) =
        sqlx::query_as("SELECT id FROM people WHERE full_name = 'Jordan Ellis'")
            .fetch_one(db.pool())
            .await
            .expect("Jordan");
    let caller = pathway_store::auth::load_caller(&db, &person_id)
        .await
        .expect("caller")
        .expect("Jordan is active");
    let client = ClientId::generate();
    let ids: Vec<EvidenceId> = (0..CHANGES).map(|_| EvidenceId::generate()).collect();
    // push 1,000 creates in batches of 100
    let mut latencies = Vec::new();
    let start = Instant::now();
    let cursor = pull::pull(
        &db,
        &caller,
        &PullRequest {
            client_id: client.clone(),
            since: None,
        },
    )
    .await
    .expect("first pull")
    .cursor;
    let mut mutation = 0;
    for chunk in ids.chunks(BATCH) {
        let changes = chunk
            .iter()
            .enumerate()
            .map(|(i, id)| {
                mutation += 1;
                Change {
                    mutation,
                    id: id.clone(),
                    base_version: 0,
                    op: ChangeOp::Save(Box::new(form(id, &person_id, i))),
                }
            })
            .collect();
        let request = PushRequest {
            client_id: client.clone(),
            changes,
        };
        let t = Instant::now();
        let result = push::push(&db, &caller, &request, today, "bench")
            .await
            .expect("push");
        latencies.push(t.elapsed());
        assert!(result
            .results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Applied { .. })));
    }
    let total = start.elapsed();
    latencies.sort();
    println!(
        "{label}: push {CHANGES} x ~2 KB in batches of {BATCH}: {:.0} ms total, {:.0} changes/s, batch p50 {:.1} ms, max {:.1} ms",
        ms(total),
        CHANGES as f64 / total.as_secs_f64(),
        ms(latencies[latencies.len() / 2]),
        ms(*latencies.last().unwrap())
    );
    // pull the 1,000 changes
    let t = Instant::now();
    let pulled = pull::pull(
        &db,
        &caller,
        &PullRequest {
            client_id: client.clone(),
            since: Some(cursor),
        },
    )
    .await
    .expect("pull");
    let took = t.elapsed();
    assert_eq!(pulled.items.len(), CHANGES);
    println!("{label}: pull {CHANGES} changes: {:.1} ms", ms(took));
    // conflict-heavy: a second device edits all from version 0... from a stale base
    let other = ClientId::generate();
    let mut latencies = Vec::new();
    let start = Instant::now();
    let mut m = 0;
    for chunk in ids.chunks(BATCH) {
        let changes = chunk
            .iter()
            .enumerate()
            .map(|(i, id)| {
                m += 1;
                let mut f = form(id, &person_id, i + 7);
                f.body.push_str(" edited elsewhere");
                // every other change is stale: half conflicts, half applied
                let base = if i % 2 == 0 { 0 } else { 1 };
                Change {
                    mutation: m,
                    id: id.clone(),
                    base_version: base,
                    op: ChangeOp::Save(Box::new(f)),
                }
            })
            .collect();
        let request = PushRequest {
            client_id: other.clone(),
            changes,
        };
        let t = Instant::now();
        push::push(&db, &caller, &request, today, "bench")
            .await
            .expect("push");
        latencies.push(t.elapsed());
    }
    let total = start.elapsed();
    latencies.sort();
    println!(
        "{label}: conflict-heavy push {CHANGES} (half stale -> conflict copies) in batches of {BATCH}: {:.0} ms total, batch p50 {:.1} ms, max {:.1} ms",
        ms(total),
        ms(latencies[latencies.len() / 2]),
        ms(*latencies.last().unwrap())
    );
    db.close().await;
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let path = std::env::temp_dir().join(format!(
            "pathway-bench-{}.db",
            uuid::Uuid::now_v7().simple()
        ));
        run("SQLite", &format!("sqlite://{}", path.display())).await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        if let Ok(admin) = std::env::var("PATHWAY_TEST_POSTGRES_URL") {
            let name = format!("pathway_bench_{}", uuid::Uuid::now_v7().simple());
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap_or(admin.clone());
            run("PostgreSQL", &format!("{base}/{name}")).await;
            let db = Db::connect(&DatabaseUrl::parse(&admin).expect("url"))
                .await
                .expect("admin");
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(db.pool())
                .await;
        } else {
            println!("PostgreSQL: skipped (set PATHWAY_TEST_POSTGRES_URL)");
        }
    });
}
