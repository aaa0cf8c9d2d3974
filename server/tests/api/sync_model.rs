//! A property test of the offline sync state machine (issue 6, docs/sync.md): two devices of
//! one worker, each with the real device outbox (`sync::outbox::Outbox`), edit the same
//! items in random interleavings against the real server push and pull code on a real
//! database, through a network that loses, duplicates and reorders pushes, loses
//! acknowledgements, delivers late answers, and a server that restarts. After the network
//! heals and every outbox drains, it proves the promise of docs/sync.md: nothing typed is
//! lost and nothing is applied twice.
//!
//! Conflict resolution is part of the model (issue 20): the worker saves the same text again
//! (one edit must stay one change), and resolves conflict copies as the conflicts page offers
//! them (keep mine, keep theirs, or a merged text, against the version the page shows). Then
//! no two waiting copies hold the same change, "keep mine" writes only over the version its
//! copy was made against (otherwise the text is kept again as a new copy against the current
//! version), and every text kept as a copy is either still waiting, was written, or was let
//! go by the worker's own choice on that change.
//!
//! Each case is a fresh worker on one shared database (migrations only), so thousands of
//! cases run in seconds; a server restart closes the pool and opens it again on the same
//! database.

use crate::helpers::{Backend, TestDatabase};
use pathway_core::identity::Role;
use pathway_core::portfolio::EvidenceForm;
use pathway_core::sync::outbox::Outbox;
use pathway_core::sync::{
    same_change, Change, ChangeOp, Outcome, PullRequest, PushRequest, PushResult, Resolution,
};
use pathway_store::auth::Caller;
use pathway_store::db::{DatabaseUrl, Db};
use pathway_store::sync::conflicts::{self, Resolved};
use pathway_store::sync::{pull, push, LOCKED};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// Items per case: few, so the devices keep meeting on the same ones.
const ITEMS: usize = 3;

#[derive(Clone, Debug)]
enum Op {
    /// The worker types a new text into an item on a device; sometimes marks it final
    /// (the server then locks it, docs/sync.md "Changes" step 3).
    Edit {
        device: usize,
        item: usize,
        finalise: bool,
    },
    /// The device pushes its next batch; the request may be lost before the server, and the
    /// answer may be lost on the way back.
    Push {
        device: usize,
        max: usize,
        delivered: bool,
        answered: bool,
    },
    /// An earlier request of the device reaches the server again (duplicated or reordered);
    /// its answer may reach the device late (a second tab's push).
    Redeliver {
        device: usize,
        which: Index,
        answered: bool,
    },
    /// The device pulls since its cursor, or everything.
    Pull { device: usize, everything: bool },
    /// The server restarts: the pool is closed and the database opened again.
    Restart,
    /// The worker presses "Save as draft" on a device: the text it last typed into the item
    /// is saved again, unchanged. With `old_app`, the device runs an app from before issue 20,
    /// which queued that as a second change when the first was in flight (such queues may
    /// still be on devices, so the server must cope).
    SaveAgain {
        device: usize,
        item: usize,
        old_app: bool,
    },
    /// On the conflicts page the worker resolves one waiting copy, against the version the
    /// page shows: 0 keep mine, 1 keep theirs, 2 a merged text.
    Resolve { which: Index, choice: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..2usize, 0..ITEMS, prop::bool::weighted(0.1))
            .prop_map(|(device, item, finalise)| Op::Edit { device, item, finalise }),
        4 => (0..2usize, 1..5usize, prop::bool::weighted(0.8), prop::bool::weighted(0.7))
            .prop_map(|(device, max, delivered, answered)| Op::Push { device, max, delivered, answered }),
        1 => (0..2usize, any::<Index>(), any::<bool>())
            .prop_map(|(device, which, answered)| Op::Redeliver { device, which, answered }),
        2 => (0..2usize, prop::bool::weighted(0.2))
            .prop_map(|(device, everything)| Op::Pull { device, everything }),
        1 => Just(Op::Restart),
        2 => (0..2usize, 0..ITEMS, any::<bool>())
            .prop_map(|(device, item, old_app)| Op::SaveAgain { device, item, old_app }),
        2 => (any::<Index>(), 0..3u8).prop_map(|(which, choice)| Op::Resolve { which, choice }),
    ]
}

/// Histories where both devices keep editing what they pulled and the worker keeps resolving:
/// conflicts, twin copies and copies whose item moved on are common, network faults rarer.
fn conflict_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..2usize, 0..2usize, prop::bool::weighted(0.05))
            .prop_map(|(device, item, finalise)| Op::Edit { device, item, finalise }),
        2 => (0..2usize, 0..2usize, any::<bool>())
            .prop_map(|(device, item, old_app)| Op::SaveAgain { device, item, old_app }),
        4 => (0..2usize, 1..3usize, prop::bool::weighted(0.9), prop::bool::weighted(0.7))
            .prop_map(|(device, max, delivered, answered)| Op::Push { device, max, delivered, answered }),
        1 => (0..2usize, any::<Index>(), any::<bool>())
            .prop_map(|(device, which, answered)| Op::Redeliver { device, which, answered }),
        3 => (0..2usize, prop::bool::weighted(0.2))
            .prop_map(|(device, everything)| Op::Pull { device, everything }),
        4 => (any::<Index>(), 0..3u8).prop_map(|(which, choice)| Op::Resolve { which, choice }),
    ]
}

struct Device {
    outbox: Outbox,
    /// The server version of each item as this device last learnt it (pull or answer).
    known: BTreeMap<EvidenceId, i64>,
    cursor: Option<i64>,
    /// Every request it sent, for the network to deliver again.
    sent: Vec<PushRequest>,
}

/// One case: a fresh worker with two devices, and what the test saw happen.
struct World {
    caller: Caller,
    items: Vec<EvidenceId>,
    devices: Vec<Device>,
    edits: u32,
    /// Every text typed, with whether the device replaced it before sending (one unsent
    /// change per item takes the newest text).
    typed: Vec<(usize, String)>,
    replaced: BTreeSet<String>,
    /// Per (client, mutation): the change as the server first applied it, and as its device
    /// last sent it.
    first_applied: BTreeMap<(ClientId, i64), Change>,
    last_sent: BTreeMap<(ClientId, i64), Change>,
    server_last: BTreeMap<ClientId, i64>,
    /// Per device and item, the form it last typed (what "Save as draft" saves again).
    last_form: BTreeMap<(usize, EvidenceId), (EvidenceForm, i64)>,
    /// Every resolution the worker made, in order.
    resolutions: Vec<Resolve>,
}

/// One resolution as the model saw it.
#[derive(Clone, Debug)]
struct Resolve {
    evidence_id: EvidenceId,
    /// The text kept in the copy, and the version the copy was made against.
    mine: String,
    copy_version: i64,
    /// The item's version when the worker chose (what the page showed).
    before: i64,
    resolution: Resolution,
    /// Unresolved copies of the same change before the choice (the copy included).
    twins: Vec<ConflictId>,
    result: Resolved,
}

fn form(id: &str, person: &str, body: &str, finalise: bool) -> EvidenceForm {
    EvidenceForm {
        id: id.into(),
        person_id: person.into(),
        kind: "reflective_statement".into(),
        status: if finalise { "final" } else { "draft" }.into(),
        title: "Reflective statement".into(),
        date: chrono::Utc::now().date_naive().to_string(),
        body: body.into(),
        ..EvidenceForm::default()
    }
}

fn body(change: &Change) -> Option<&str> {
    match &change.op {
        ChangeOp::Save(form) => Some(form.body.as_str()),
        ChangeOp::Delete => None,
    }
}

use pathway_core::ids::{ClientId, ConflictId, EvidenceId, PersonId};

impl World {
    async fn new(db: &Db) -> Self {
        let person_id = PersonId::generate();
        sqlx::query(
            "INSERT INTO people (id, full_name, email, job_title, created_at)
             VALUES ($1, 'Model Worker', $2, 'Social Worker', '2026-01-01T00:00:00Z')",
        )
        .bind(&person_id)
        .bind(format!("{person_id}@example.test"))
        .execute(db.pool())
        .await
        .expect("a fresh worker");
        let device = || Device {
            outbox: Outbox::new(ClientId::generate()),
            known: BTreeMap::new(),
            cursor: None,
            sent: Vec::new(),
        };
        Self {
            caller: Caller {
                email: pathway_core::email::Email::parse(&format!("{person_id}@example.test"))
                    .unwrap(),
                person_id,
                name: "Model Worker".into(),
                roles: vec![Role::Practitioner],
            },
            items: (0..ITEMS).map(|_| EvidenceId::generate()).collect(),
            devices: vec![device(), device()],
            edits: 0,
            typed: Vec::new(),
            replaced: BTreeSet::new(),
            first_applied: BTreeMap::new(),
            last_sent: BTreeMap::new(),
            server_last: BTreeMap::new(),
            last_form: BTreeMap::new(),
            resolutions: Vec::new(),
        }
    }

    fn edit(&mut self, d: usize, item: usize, finalise: bool) {
        let id = self.items[item].clone();
        let device = &mut self.devices[d];
        // a device edits an item it made (item i belongs to device i % 2) or has pulled
        let base = match device.known.get(&id) {
            Some(version) => *version,
            None if item % 2 == d => 0,
            None => return,
        };
        self.edits += 1;
        let text = format!("device {d}, edit {}", self.edits);
        let unsent = device
            .outbox
            .pending
            .iter()
            .rev()
            .find(|p| p.change.id == id && !p.in_flight)
            .and_then(|p| body(&p.change).map(str::to_owned));
        let before = device.outbox.unsynced();
        let typed = form(&id, &self.caller.person_id, &text, finalise);
        device.outbox.save(typed.clone(), base);
        if device.outbox.unsynced() == before {
            // the outbox took the new text into its unsent change for this item
            self.replaced.extend(unsent);
        }
        self.last_form.insert((d, id), (typed, base));
        self.typed.push((d, text));
    }

    /// "Save as draft" with nothing changed since the last keystroke: the same text again,
    /// as the editor posts it (status "draft" where the typed form had none).
    fn save_again(&mut self, d: usize, item: usize, old_app: bool) -> Result<(), TestCaseError> {
        let id = self.items[item].clone();
        let Some((mut again, base)) = self.last_form.get(&(d, id.clone())).cloned() else {
            return Ok(());
        };
        if again.status.is_empty() || again.status == "draft" {
            again.status = if again.status.is_empty() { "draft" } else { "" }.into();
        }
        let outbox = &mut self.devices[d].outbox;
        let newest = outbox
            .pending
            .iter()
            .rev()
            .find(|p| p.change.id == id)
            .cloned();
        if old_app && newest.as_ref().is_some_and(|p| p.in_flight) {
            let change = Change {
                mutation: outbox.next_mutation,
                id: id.clone(),
                base_version: base,
                op: ChangeOp::Save(Box::new(again)),
            };
            outbox.next_mutation += 1;
            outbox.pending.push(pathway_core::sync::outbox::Pending {
                change,
                in_flight: false,
            });
            return Ok(());
        }
        let before = outbox.unsynced();
        outbox.save(again.clone(), base);
        if let Some(newest) = newest {
            let same = matches!(&newest.change.op, ChangeOp::Save(f) if same_change(f, &again));
            if same {
                prop_assert_eq!(
                    outbox.unsynced(),
                    before,
                    "saving the same text again made a second change"
                );
            }
        }
        Ok(())
    }

    /// The worker resolves a waiting copy (`which`, or the oldest) as the conflicts page
    /// offers it; `false` when none waits.
    async fn resolve(
        &mut self,
        db: &Db,
        which: Option<Index>,
        choice: u8,
    ) -> Result<bool, TestCaseError> {
        let waiting = conflicts::list(db, &self.caller, false)
            .await
            .map_err(|e| TestCaseError::fail(format!("list refused: {e:?}")))?;
        if waiting.is_empty() {
            return Ok(false);
        }
        // copies of the same change are one conflict: never two to choose between
        for (i, a) in waiting.iter().enumerate() {
            for b in &waiting[i + 1..] {
                prop_assert!(
                    a.evidence_id != b.evidence_id || !same_change(&a.mine, &b.mine),
                    "copies {} and {} hold the same change: two conflicts to choose for one edit",
                    &a.id,
                    &b.id
                );
            }
        }
        let copy = waiting[which.map_or(0, |w| w.index(waiting.len()))].clone();
        let before = copy
            .theirs
            .as_ref()
            .map_or(0, |f| f.version.parse().unwrap_or(0));
        let row: (i64,) =
            sqlx::query_as("SELECT server_version FROM evidence_conflicts WHERE id = $1")
                .bind(&copy.id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        let twins = waiting
            .iter()
            .filter(|c| c.evidence_id == copy.evidence_id && same_change(&c.mine, &copy.mine))
            .map(|c| c.id.clone())
            .collect();
        self.edits += 1;
        let resolution = match choice {
            0 => Resolution::KeepMine,
            1 => Resolution::KeepTheirs,
            _ => Resolution::Merged(format!("merged {}", self.edits)),
        };
        let today = chrono::Utc::now().date_naive();
        let result = conflicts::resolve(
            db,
            &self.caller,
            &copy.id,
            before,
            &resolution,
            today,
            "proptest",
        )
        .await
        .map_err(|e| TestCaseError::fail(format!("resolve refused: {e:?}")))?;
        self.resolutions.push(Resolve {
            evidence_id: copy.evidence_id,
            mine: copy.mine.body,
            copy_version: row.0,
            before,
            resolution,
            twins,
            result,
        });
        Ok(true)
    }

    async fn deliver(
        &mut self,
        db: &Db,
        d: usize,
        request: &PushRequest,
    ) -> Result<PushResult, TestCaseError> {
        let today = chrono::Utc::now().date_naive();
        let result = push::push(db, &self.caller, request, today, "proptest")
            .await
            .map_err(|e| TestCaseError::fail(format!("push refused: {e:?}")))?;
        let client = &self.devices[d].outbox.client_id;
        let last = self.server_last.entry(client.clone()).or_insert(0);
        for change in &request.changes {
            if change.mutation > *last {
                self.first_applied
                    .insert((client.clone(), change.mutation), change.clone());
            }
        }
        *last = result.last_mutation;
        Ok(result)
    }

    fn answer(&mut self, d: usize, result: &PushResult) {
        let device = &mut self.devices[d];
        device.outbox.acknowledge(result);
        // the editor follows an applied change's new version (offline::runner)
        for answer in &result.results {
            if let Outcome::Applied { version } = answer.outcome {
                if version > 0 {
                    let known = device.known.entry(answer.id.clone()).or_insert(0);
                    *known = (*known).max(version);
                }
            }
        }
    }

    async fn push(
        &mut self,
        db: &Db,
        d: usize,
        max: usize,
        delivered: bool,
        answered: bool,
    ) -> Result<(), TestCaseError> {
        let device = &mut self.devices[d];
        let Some(request) = device.outbox.batch(max) else {
            return Ok(());
        };
        device.sent.push(request.clone());
        for change in &request.changes {
            self.last_sent
                .insert((request.client_id.clone(), change.mutation), change.clone());
        }
        if !delivered {
            self.devices[d].outbox.failed();
            return Ok(());
        }
        let result = self.deliver(db, d, &request).await?;
        if answered {
            self.answer(d, &result);
        } else {
            self.devices[d].outbox.failed();
        }
        Ok(())
    }

    async fn pull(&mut self, db: &Db, d: usize, everything: bool) -> Result<(), TestCaseError> {
        let device = &mut self.devices[d];
        let request = PullRequest {
            client_id: device.outbox.client_id.clone(),
            since: if everything { None } else { device.cursor },
        };
        let result = pull::pull(db, &self.caller, &request)
            .await
            .map_err(|e| TestCaseError::fail(format!("pull refused: {e:?}")))?;
        for item in result.items {
            device.known.insert(item.id, item.version);
        }
        device.cursor = Some(result.cursor);
        Ok(())
    }

    /// The network heals: each device pushes until its outbox is empty, then pulls.
    async fn drain(&mut self, db: &Db) -> Result<(), TestCaseError> {
        for _ in 0..100 {
            if self.devices.iter().all(|d| d.outbox.unsynced() == 0) {
                for d in 0..self.devices.len() {
                    self.pull(db, d, false).await?;
                }
                return Ok(());
            }
            for d in 0..self.devices.len() {
                self.push(db, d, 5, true, true).await?;
            }
        }
        Err(TestCaseError::fail("the outboxes never drained"))
    }
}

async fn run(db: &mut Db, url: &str, ops: Vec<Op>, choices: Vec<u8>) -> Result<(), TestCaseError> {
    let mut world = World::new(db).await;
    for op in ops {
        match op {
            Op::Edit {
                device,
                item,
                finalise,
            } => world.edit(device, item, finalise),
            Op::Push {
                device,
                max,
                delivered,
                answered,
            } => world.push(db, device, max, delivered, answered).await?,
            Op::Redeliver {
                device,
                which,
                answered,
            } => {
                if world.devices[device].sent.is_empty() {
                    continue;
                }
                let sent = &world.devices[device].sent;
                let request = sent[which.index(sent.len())].clone();
                let result = world.deliver(db, device, &request).await?;
                if answered {
                    world.answer(device, &result);
                }
            }
            Op::Pull { device, everything } => world.pull(db, device, everything).await?,
            Op::Restart => {
                db.close().await;
                *db = open(url).await;
            }
            Op::SaveAgain {
                device,
                item,
                old_app,
            } => world.save_again(device, item, old_app)?,
            Op::Resolve { which, choice } => {
                world.resolve(db, Some(which), choice).await?;
            }
        }
    }
    world.drain(db).await?;
    // Then the worker works through the conflicts page until nothing waits, choosing as
    // `choices` says (keeping mine on an item that moved on makes a new copy, chosen again).
    for choice in choices.iter().cycle().take(200) {
        // the page lists the oldest first
        if !world.resolve(db, None, *choice).await? {
            break;
        }
    }
    world.drain(db).await?;
    if std::env::var("MODEL_STATS").is_ok() {
        let moved = world
            .resolutions
            .iter()
            .filter(|r| r.copy_version != r.before)
            .count();
        eprintln!(
            "STATS resolutions={} moved_on={}",
            world.resolutions.len().min(3),
            moved.min(3)
        );
    }
    check(db, &world).await
}

type Row = (ClientId, i64, String);

/// The invariants, on what the server stored and what the devices kept.
async fn check(db: &Db, world: &World) -> Result<(), TestCaseError> {
    let person = &world.caller.person_id;
    // Every change a device numbered got exactly one stored answer (sync_mutations is keyed
    // by client and number), and its device holds nothing back.
    let mut outcomes: BTreeMap<(ClientId, i64), Outcome> = BTreeMap::new();
    for device in &world.devices {
        let client = &device.outbox.client_id;
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT client_id, mutation, outcome FROM sync_mutations WHERE client_id = $1
             ORDER BY mutation",
        )
        .bind(client)
        .fetch_all(db.pool())
        .await
        .unwrap();
        let numbers: Vec<i64> = rows.iter().map(|r| r.1).collect();
        let expected: Vec<i64> = (1..device.outbox.next_mutation).collect();
        prop_assert_eq!(numbers, expected, "each number answered once");
        prop_assert_eq!(device.outbox.unsynced(), 0);
        for (client, mutation, json) in rows {
            outcomes.insert((client, mutation), serde_json::from_str(&json).unwrap());
        }
    }
    // A change is never modified once the server has it: what the device last sent is what
    // the server applied (a change edited after the server answered would lose the edit).
    prop_assert_eq!(
        world.last_sent.keys().collect::<Vec<_>>(),
        world.first_applied.keys().collect::<Vec<_>>()
    );
    for (key, sent) in &world.last_sent {
        prop_assert_eq!(
            Some(sent),
            world.first_applied.get(key),
            "change {:?} changed after the server applied it",
            key
        );
    }
    // Per item: the applied changes have versions 1..=n, once each (no change applied twice,
    // no two writes from the same version), and the item's text is the one applied at n.
    let mut applied: BTreeMap<&str, BTreeMap<i64, &str>> = BTreeMap::new();
    let mut copies = BTreeMap::new();
    let mut rejected = Vec::new();
    for (key, outcome) in &outcomes {
        let change = &world.first_applied[key];
        let text = body(change).unwrap_or_default();
        match outcome {
            Outcome::Applied { version } => {
                let versions = applied.entry(change.id.as_str()).or_default();
                prop_assert!(
                    versions.insert(*version, text).is_none(),
                    "version {} of {} applied twice",
                    version,
                    change.id
                );
            }
            Outcome::Conflict { conflict_id, .. } => {
                copies.insert(conflict_id.clone(), text);
            }
            Outcome::Rejected { reason } => {
                prop_assert_eq!(reason.as_str(), LOCKED);
                rejected.push((key.0.clone(), text));
            }
        }
    }
    // Resolutions write versions too (keep mine, merged), and "keep mine" on an item that
    // moved on keeps the text again as a new copy.
    for r in &world.resolutions {
        match (&r.result, &r.resolution) {
            (Resolved::Done(Some(saved)), Resolution::KeepMine) => {
                prop_assert_eq!(
                    r.copy_version,
                    r.before,
                    "keep mine wrote {:?} over version {} of {}, but its copy was made against version {}: that text was lost",
                    &r.mine,
                    r.before,
                    &r.evidence_id,
                    r.copy_version
                );
                let versions = applied.entry(r.evidence_id.as_str()).or_default();
                prop_assert!(versions.insert(saved.version, r.mine.as_str()).is_none());
            }
            (Resolved::Done(Some(saved)), Resolution::Merged(text)) => {
                let versions = applied.entry(r.evidence_id.as_str()).or_default();
                prop_assert!(versions.insert(saved.version, text.as_str()).is_none());
            }
            (Resolved::Done(None), Resolution::KeepTheirs) => {}
            (
                Resolved::Again {
                    conflict_id,
                    server_version,
                },
                Resolution::KeepMine,
            ) => {
                prop_assert_ne!(r.copy_version, r.before, "kept again though nothing moved");
                prop_assert_eq!(
                    *server_version,
                    r.before,
                    "the new copy is against the version shown"
                );
                copies.insert(conflict_id.clone(), r.mine.as_str());
            }
            (other, resolution) => {
                return Err(TestCaseError::fail(format!(
                    "{resolution:?} answered {other:?}"
                )))
            }
        }
    }
    let stored: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT id, body, version FROM evidence WHERE person_id = $1")
            .bind(person)
            .fetch_all(db.pool())
            .await
            .unwrap();
    prop_assert_eq!(stored.len(), applied.len());
    let mut applied_count = 0;
    for (id, text, version) in &stored {
        let versions = &applied[id.as_str()];
        applied_count += versions.len();
        prop_assert_eq!(
            versions.keys().copied().collect::<Vec<_>>(),
            (1..=*version).collect::<Vec<_>>()
        );
        prop_assert_eq!(
            versions[version],
            text.as_str(),
            "the newest write is the text"
        );
    }
    // Every stale change is kept whole as a conflict copy (docs/sync.md step 4).
    let kept: Vec<(ConflictId, String)> =
        sqlx::query_as("SELECT id, form FROM evidence_conflicts WHERE person_id = $1")
            .bind(person)
            .fetch_all(db.pool())
            .await
            .unwrap();
    prop_assert_eq!(kept.len(), copies.len());
    for (id, json) in &kept {
        let form: EvidenceForm = serde_json::from_str(json).unwrap();
        prop_assert_eq!(Some(&form.body.as_str()), copies.get(id));
    }
    // Copies of the same change are one conflict: no two waiting copies of an item hold it.
    let open: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, evidence_id, form FROM evidence_conflicts
         WHERE person_id = $1 AND resolved_at IS NULL",
    )
    .bind(person)
    .fetch_all(db.pool())
    .await
    .unwrap();
    let open: Vec<(String, String, EvidenceForm)> = open
        .into_iter()
        .map(|(id, item, json)| (id, item, serde_json::from_str(&json).unwrap()))
        .collect();
    for (i, (a, item_a, form_a)) in open.iter().enumerate() {
        for (b, item_b, form_b) in &open[i + 1..] {
            prop_assert!(
                item_a != item_b || !same_change(form_a, form_b),
                "copies {} and {} hold the same change, twice to choose",
                a,
                b
            );
        }
    }
    // A copy leaves the waiting list only by a choice made on it or on its twin, and its text
    // is then on Pathway, kept again, or let go by that choice (theirs or merged).
    let resolved: Vec<(ConflictId, String)> = sqlx::query_as(
        "SELECT id, form FROM evidence_conflicts WHERE person_id = $1 AND resolved_at IS NOT NULL",
    )
    .bind(person)
    .fetch_all(db.pool())
    .await
    .unwrap();
    let written: BTreeSet<&str> = applied
        .values()
        .flat_map(|versions| versions.values().copied())
        .collect();
    for (id, json) in &resolved {
        let form: EvidenceForm = serde_json::from_str(json).unwrap();
        let by = world.resolutions.iter().find(|r| r.twins.contains(id));
        prop_assert!(by.is_some(), "copy {} resolved without a choice", id);
        let by = by.unwrap();
        // kept again: the new copy is itself one of the copies checked here
        let kept_again = matches!(by.result, Resolved::Again { .. });
        let let_go = matches!(
            by.resolution,
            Resolution::KeepTheirs | Resolution::Merged(_)
        );
        prop_assert!(
            written.contains(form.body.as_str()) || kept_again || let_go,
            "the text of copy {} was lost",
            id
        );
    }
    // Every rejected change stays on its device with the reason ("needs attention").
    for (client, text) in &rejected {
        let device = world
            .devices
            .iter()
            .find(|d| &d.outbox.client_id == client)
            .unwrap();
        prop_assert!(
            device.outbox.attention.iter().any(|a| a.form.body == *text),
            "rejected {:?} not kept on the device",
            text
        );
    }
    // Every text typed reached the server as a change, unless the device replaced it with a
    // newer text before sending it.
    let sent: BTreeSet<&str> = world.first_applied.values().filter_map(body).collect();
    for (_, text) in &world.typed {
        prop_assert!(
            sent.contains(text.as_str()) || world.replaced.contains(text),
            "{:?} never reached the server",
            text
        );
    }
    // One audit entry and one change-feed entry per write, one audit entry per copy.
    let (writes,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('evidence_created', 'evidence_updated')
         AND detail LIKE $1",
    )
    .bind(format!("% for {person}"))
    .fetch_one(db.pool())
    .await
    .unwrap();
    prop_assert_eq!(writes, applied_count as i64);
    let (feed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM evidence_changes WHERE person_id = $1")
            .bind(person)
            .fetch_one(db.pool())
            .await
            .unwrap();
    prop_assert_eq!(feed, applied_count as i64);
    Ok(())
}

async fn open(url: &str) -> Db {
    let db = Db::connect(&DatabaseUrl::parse(url).expect("url"))
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    db
}

/// Runs `cases` random histories of up to `steps` operations on a database of `backend`.
fn every_edit_reaches_the_server_once(backend: Backend, cases: u32, steps: usize) {
    histories(backend, cases, steps, op().boxed());
}

/// Runs `cases` random histories rich in conflicts and their resolution.
fn every_resolution_keeps_every_text(backend: Backend, cases: u32, steps: usize) {
    histories(backend, cases, steps, conflict_op().boxed());
}

fn histories(backend: Backend, cases: u32, steps: usize, op: BoxedStrategy<Op>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let database = runtime.block_on(TestDatabase::create(backend));
    let url = database.url.clone();
    let db = RefCell::new(runtime.block_on(open(&url)));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        ..Config::default()
    });
    let histories = (
        prop::collection::vec(op, 1..steps),
        prop::collection::vec(0..3u8, 1..6),
    );
    let result = runner.run(&histories, |(ops, choices)| {
        runtime.block_on(run(&mut db.borrow_mut(), &url, ops, choices))
    });
    runtime.block_on(db.borrow().close());
    drop(database);
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Replays one history on a fresh database of `backend`.
fn replay(backend: Backend, ops: Vec<Op>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let database = runtime.block_on(TestDatabase::create(backend));
    let url = database.url.clone();
    let mut db = runtime.block_on(open(&url));
    let result = runtime.block_on(run(&mut db, &url, ops, vec![1]));
    runtime.block_on(db.close());
    drop(database);
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// The history the property test shrank to when CI failed (2026-11-23): a push whose
/// request was lost, a bigger push that the server applied but never answered, then a retry
/// of the first change alone. Its answer used to free the second change as if unsent, so the
/// next edit rewrote a change the server already had and "device 0, edit 3" never arrived.
fn retry_of_fewer_changes_then_an_edit() -> Vec<Op> {
    let edit = |item| Op::Edit {
        device: 0,
        item,
        finalise: false,
    };
    let push = |max, delivered, answered| Op::Push {
        device: 0,
        max,
        delivered,
        answered,
    };
    vec![
        edit(0),
        push(1, false, false),
        edit(2),
        push(2, true, false),
        push(1, true, true),
        edit(2),
    ]
}

// docs/sync.md: "An answer clears only the changes it lists".
mod sync_an_edit_after_a_retry_of_fewer_changes_still_reaches_the_server {
    use super::*;

    #[test]
    fn sqlite() {
        replay(Backend::Sqlite, retry_of_fewer_changes_then_an_edit());
    }

    #[test]
    fn postgres() {
        replay(Backend::Postgres, retry_of_fewer_changes_then_an_edit());
    }
}

// issue 20 (docs/sync.md "Resolving conflicts"): copies of the same change are one conflict,
// one edit is one queued change, and "keep mine" never writes over a version its copy was not
// made against; every text kept as a copy is still waiting, written, or let go by a choice.
mod sync_conflict_resolution_never_loses_a_text {
    use super::*;

    #[test]
    fn sqlite() {
        every_resolution_keeps_every_text(Backend::Sqlite, 1_000, 40);
    }

    #[test]
    fn postgres() {
        every_resolution_keeps_every_text(Backend::Postgres, 100, 30);
    }
}

// docs/sync.md: "nothing typed is ever lost — not by going offline, a closed tab, a retry,
// or editing one item on two devices"; a change numbered <= last_mutation "is not applied
// again"; a stale change is "stored whole as a conflict copy".
mod sync_no_edit_is_lost_or_applied_twice_under_a_faulty_network_and_restarts {
    use super::*;

    #[test]
    fn sqlite() {
        every_edit_reaches_the_server_once(Backend::Sqlite, 2_000, 32);
    }

    #[test]
    fn postgres() {
        every_edit_reaches_the_server_once(Backend::Postgres, 100, 24);
    }
}
