//! The device's queue of unsent changes, as plain data the browser keeps in storage
//! (`offline::drafts`) and unit tests drive natively. Rules (docs/sync.md): a change gets the
//! device's next mutation number; a change in flight is never modified (a new edit becomes a
//! new change); a change leaves the queue only when the server acknowledges it; a rejected
//! change moves to "needs attention" with its reason and is never discarded.

use super::{Change, ChangeOp, Outcome, PushRequest, PushResult};
use crate::ids::{ClientId, ConflictId, EvidenceId};
use crate::portfolio::EvidenceForm;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outbox {
    pub client_id: ClientId,
    /// The number the next change gets.
    pub next_mutation: i64,
    pub pending: Vec<Pending>,
    /// Rejected by the server: kept with the reason until the worker deals with it.
    pub attention: Vec<Attention>,
    /// Changes kept on the server as conflict copies, for the worker to resolve.
    pub conflicts: Vec<ConflictId>,
    /// Where the device's last pull ended (`PullResult::cursor`).
    pub cursor: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub change: Change,
    /// Sent and not yet answered: never modified.
    pub in_flight: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attention {
    pub form: EvidenceForm,
    pub reason: String,
}

/// A stored outbox missing its id (written before the device had one) gets a fresh one.
impl Default for Outbox {
    fn default() -> Self {
        Self::new(ClientId::generate())
    }
}

impl Outbox {
    pub fn new(client_id: ClientId) -> Self {
        Self {
            client_id,
            next_mutation: 1,
            pending: Vec::new(),
            attention: Vec::new(),
            conflicts: Vec::new(),
            cursor: None,
        }
    }

    /// Queues a save of `form` made from server version `base_version` (0: new item). A save
    /// of an item that already waits unsent in the queue replaces that change's text (it was
    /// never sent, so it may change; one change per burst of typing, not per keystroke); an
    /// item whose change is in flight gets a new change, unless it is the same change again
    /// ("Save as draft" after the same text was queued as typed): one edit is one change
    /// (issue 20), or the server would keep it twice.
    pub fn save(&mut self, form: EvidenceForm, base_version: i64) {
        // The editor makes every id; one that is not an id cannot be sent, but its text
        // stays on the device, shown with the reason.
        let Ok(id) = EvidenceId::parse(form.id.trim()) else {
            self.attention.push(Attention {
                form,
                reason: "This form is out of date. Go back to your portfolio and start again"
                    .to_owned(),
            });
            return;
        };
        if let Some(newest) = self.pending.iter_mut().rev().find(|p| p.change.id == id) {
            if newest.in_flight {
                if matches!(&newest.change.op, ChangeOp::Save(sent) if super::same_change(sent, &form))
                {
                    return;
                }
            } else {
                newest.change.op = ChangeOp::Save(Box::new(form));
                return;
            }
        }
        let change = Change {
            mutation: self.next_mutation,
            id,
            base_version,
            op: ChangeOp::Save(Box::new(form)),
        };
        self.next_mutation += 1;
        self.pending.push(Pending {
            change,
            in_flight: false,
        });
    }

    /// Changes only on this device (queued or in flight).
    pub fn unsynced(&self) -> usize {
        self.pending.len()
    }

    /// Whether a change to item `id` is still only on this device.
    pub fn has_pending(&self, id: &str) -> bool {
        self.pending.iter().any(|p| p.change.id == id)
    }

    /// The next push: the queue from its start, one change per item (a later change to the
    /// same item waits for the earlier one's new version), marked in flight. A batch already
    /// in flight is sent again unchanged (a retry).
    pub fn batch(&mut self, max: usize) -> Option<PushRequest> {
        let mut seen = Vec::new();
        let mut changes = Vec::new();
        for pending in self.pending.iter_mut() {
            if changes.len() == max || seen.contains(&pending.change.id) {
                break; // numbers must stay consecutive
            }
            seen.push(pending.change.id.clone());
            pending.in_flight = true;
            changes.push(pending.change.clone());
        }
        (!changes.is_empty()).then(|| PushRequest {
            client_id: self.client_id.clone(),
            changes,
        })
    }

    /// The push failed before an answer (offline, server down): the batch is sent again as
    /// it was. In-flight changes stay untouched.
    pub fn failed(&mut self) {}

    /// Applies the server's answer: the changes it lists leave the queue (only those: an
    /// answer to an older or smaller push says nothing of the rest); rejected ones move to
    /// `attention`; conflicts are noted; later changes to an applied item that were never
    /// sent are rebased on its new version.
    pub fn acknowledge(&mut self, result: &PushResult) {
        for answer in &result.results {
            let Some(at) = self
                .pending
                .iter()
                .position(|p| p.change.mutation == answer.mutation)
            else {
                continue;
            };
            if answer.mutation > result.last_mutation {
                continue;
            }
            let done = self.pending.remove(at);
            match &answer.outcome {
                Outcome::Applied { version } => {
                    for later in self
                        .pending
                        .iter_mut()
                        .filter(|p| !p.in_flight && p.change.id == answer.id)
                    {
                        later.change.base_version = *version;
                    }
                }
                Outcome::Conflict { conflict_id, .. } => {
                    self.conflicts.push(conflict_id.clone());
                }
                Outcome::Rejected { reason } => {
                    if let ChangeOp::Save(form) = done.change.op {
                        self.attention.push(Attention {
                            form: *form,
                            reason: reason.clone(),
                        });
                    }
                }
            }
        }
        // A change not listed stays as it is, in flight or not: it may be in another push
        // still unanswered (a second tab, or a retry that sent fewer) which the server has
        // already applied, so it must not change now; and its own answer (a rejection's
        // reason) must not be skipped. Sent again, it is answered from the stored outcome.
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::ChangeResult;

    fn form(id: &str, body: &str) -> EvidenceForm {
        EvidenceForm {
            id: id.into(),
            body: body.into(),
            ..EvidenceForm::default()
        }
    }

    fn answer(mutation: i64, id: &str, outcome: Outcome) -> ChangeResult {
        ChangeResult {
            mutation,
            id: EvidenceId::parse(id).unwrap(),
            outcome,
        }
    }

    #[test]
    fn changes_leave_only_when_acknowledged_and_later_edits_are_rebased() {
        let mut outbox = Outbox::new(ClientId::parse("device").unwrap());
        outbox.save(form("a", "one"), 0);
        outbox.save(form("b", "two"), 3);
        let batch = outbox.batch(100).expect("batch");
        // "a" is in flight: a new edit of it is a new change, which waits for its answer
        outbox.save(form("a", "one, more"), 0);
        assert_eq!(
            batch.changes.iter().map(|c| c.mutation).collect::<Vec<_>>(),
            [1, 2]
        );
        outbox.failed();
        assert_eq!(outbox.unsynced(), 3, "nothing leaves without an answer");
        assert_eq!(
            outbox.batch(100).expect("retry"),
            batch,
            "the retry is identical"
        );
        outbox.acknowledge(&PushResult {
            last_mutation: 2,
            results: vec![
                answer(1, "a", Outcome::Applied { version: 1 }),
                answer(
                    2,
                    "b",
                    Outcome::Rejected {
                        reason: "Enter the date".into(),
                    },
                ),
            ],
        });
        assert_eq!(outbox.unsynced(), 1);
        assert_eq!(
            outbox.pending[0].change.base_version, 1,
            "rebased on version 1"
        );
        assert_eq!(outbox.attention.len(), 1, "a rejected change is kept");
        assert_eq!(outbox.attention[0].form.body, "two");
        let next = outbox.batch(100).expect("next");
        assert_eq!(next.changes[0].mutation, 3);
    }

    #[test]
    fn typing_into_an_unsent_change_replaces_its_text_without_a_new_number() {
        let mut outbox = Outbox::new(ClientId::parse("device").unwrap());
        outbox.save(form("a", "Home"), 0);
        outbox.save(form("b", "Other item"), 0);
        outbox.save(form("a", "Home visit"), 0);
        assert_eq!(outbox.unsynced(), 2, "one change per item while unsent");
        assert_eq!(outbox.next_mutation, 3);
        let batch = outbox.batch(100).expect("batch");
        assert_eq!(
            batch.changes[0].op,
            ChangeOp::Save(Box::new(form("a", "Home visit")))
        );
        assert!(outbox.has_pending("a") && !outbox.has_pending("c"));
    }

    // docs/sync.md: "A change in flight is never modified"; found by the sync state-machine
    // property test (server/tests/api/sync_model.rs): a retry that sent fewer changes than
    // the unanswered push before it freed the rest, and the next keystroke rewrote a change
    // the server had already applied, so that text never reached the server.
    #[test]
    fn an_answer_to_a_smaller_push_leaves_the_other_sent_changes_in_flight() {
        let mut outbox = Outbox::new(ClientId::parse("device").unwrap());
        outbox.save(form("a", "one"), 0);
        outbox.save(form("b", "two"), 0);
        outbox.batch(2).expect("first push, answer lost");
        outbox.batch(1).expect("retry of change 1 only");
        outbox.acknowledge(&PushResult {
            last_mutation: 1,
            results: vec![answer(1, "a", Outcome::Applied { version: 1 })],
        });
        assert!(outbox.pending[0].in_flight, "change 2 may be on the server");
        outbox.save(form("b", "two, edited"), 0);
        assert_eq!(outbox.unsynced(), 2, "the edit is a new change");
        assert_eq!(
            outbox.pending[0].change.op,
            ChangeOp::Save(Box::new(form("b", "two")))
        );
    }

    #[test]
    fn an_unlisted_change_stays_until_its_own_answer_arrives() {
        let mut outbox = Outbox::new(ClientId::parse("device").unwrap());
        outbox.save(form("a", "one"), 0);
        outbox.save(form("b", "two"), 0);
        outbox.batch(100).expect("push");
        // a late answer to an older push that carried change 1 only
        outbox.acknowledge(&PushResult {
            last_mutation: 2,
            results: vec![answer(1, "a", Outcome::Applied { version: 1 })],
        });
        assert_eq!(outbox.unsynced(), 1, "change 2's answer is still to come");
        outbox.acknowledge(&PushResult {
            last_mutation: 2,
            results: vec![answer(
                2,
                "b",
                Outcome::Rejected {
                    reason: "Final".into(),
                },
            )],
        });
        assert_eq!(outbox.unsynced(), 0);
        assert_eq!(outbox.attention.len(), 1, "the rejected text is kept");
    }

    // issue 20: an edit queued as typed and then "Save as draft" with the same text, while its
    // change was in flight, made two changes and so two conflict copies of one edit.
    #[test]
    fn saving_the_same_text_again_while_it_is_in_flight_is_not_a_second_change() {
        let mut outbox = Outbox::new(ClientId::parse("device").unwrap());
        let mut typed = form("a", "Edited offline. ");
        typed.status = String::new();
        outbox.save(typed, 1);
        outbox.batch(100).expect("a push that got no answer");
        let mut saved = form("a", "Edited offline.");
        saved.status = "draft".into();
        outbox.save(saved, 1);
        assert_eq!(outbox.unsynced(), 1, "one edit, one change");
        assert_eq!(outbox.next_mutation, 2);
        outbox.save(form("a", "Edited offline, then more."), 1);
        assert_eq!(outbox.unsynced(), 2, "a different text is a new change");
    }

    #[test]
    fn a_change_in_flight_is_never_modified() {
        let mut outbox = Outbox::new(ClientId::parse("device").unwrap());
        outbox.save(form("a", "first"), 2);
        let sent = outbox.batch(100).expect("batch");
        outbox.save(form("a", "second"), 2);
        assert_eq!(outbox.pending[0].change, sent.changes[0]);
        assert_eq!(outbox.pending[1].change.mutation, 2);
        // the answer for the in-flight change rebases only the queued one
        outbox.acknowledge(&PushResult {
            last_mutation: 1,
            results: vec![answer(1, "a", Outcome::Applied { version: 3 })],
        });
        assert_eq!(outbox.pending.len(), 1);
        assert_eq!(outbox.pending[0].change.base_version, 3);
    }
}
