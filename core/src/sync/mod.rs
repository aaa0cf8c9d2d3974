//! The offline sync protocol's messages (docs/sync.md), shared by the server (`api::sync`,
//! `server::sync`) and the browser (`offline`). Plain data: the rules live on the server.

use crate::ids::{ClientId, ConflictId, EvidenceId};
use crate::portfolio::EvidenceForm;
use serde::{Deserialize, Serialize};

/// What a device sends: its id and its next changes, in mutation order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    /// A UUID the device made once; bound on the server to the person who first pushes it.
    pub client_id: ClientId,
    pub changes: Vec<Change>,
}

/// One change to one evidence item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Per device: 1, 2, 3, ... with no gaps.
    pub mutation: i64,
    /// The evidence id (UUIDv7 made on the device for a new item).
    pub id: EvidenceId,
    /// The server version this change was made from; 0 for an item made on the device.
    pub base_version: i64,
    pub op: ChangeOp,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ChangeOp {
    /// Create or replace the item with this form (validated as the editor's form is).
    Save(Box<EvidenceForm>),
    Delete,
}

/// What the server did with one mutation. The same answer is given again to a retry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Written; the item is now at `version`.
    Applied { version: i64 },
    /// Based on an older version: kept as conflict copy `conflict_id` beside the newer text.
    Conflict {
        conflict_id: ConflictId,
        server_version: i64,
    },
    /// Not written (invalid, or the item is locked); the device keeps it and shows `reason`.
    Rejected { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeResult {
    pub mutation: i64,
    pub id: EvidenceId,
    pub outcome: Outcome,
}

/// The acknowledgement: every mutation up to `last_mutation` may leave the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResult {
    pub last_mutation: i64,
    pub results: Vec<ChangeResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PullRequest {
    pub client_id: ClientId,
    /// The `cursor` of the last pull; `None` for every current item (a first pull).
    pub since: Option<i64>,
}

/// One item as it is now on the server; `form` is `None` for a deleted item (tombstone).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PulledItem {
    pub id: EvidenceId,
    pub version: i64,
    pub form: Option<EvidenceForm>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PullResult {
    /// Pass back as `since` next time.
    pub cursor: i64,
    pub items: Vec<PulledItem>,
    /// More changes wait after `cursor`: pull again.
    pub more: bool,
    /// Unresolved conflict copies in this person's portfolio.
    pub conflicts: i64,
}

/// A conflict copy beside the server's text, for the worker to choose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictView {
    pub id: ConflictId,
    pub evidence_id: EvidenceId,
    pub base_version: i64,
    pub server_version: i64,
    /// What the device sent.
    pub mine: EvidenceForm,
    /// The server's item now; `None` when it was deleted.
    pub theirs: Option<EvidenceForm>,
    pub created_at: String,
    /// `None` while unresolved.
    pub resolution: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Resolution {
    KeepMine,
    KeepTheirs,
    /// The server's item with this text as its body.
    Merged(String),
}

/// Whether two saves hold the same change: the same fields, whatever version each was made
/// from (the status "" and "draft" both mean draft, trailing spaces are not kept). Copies of
/// one change are one queued change on the device and one conflict on the server (issue 20).
pub fn same_change(a: &EvidenceForm, b: &EvidenceForm) -> bool {
    let plain = |form: &EvidenceForm| EvidenceForm {
        version: String::new(),
        status: match form.status.trim() {
            "final" => "final".to_owned(),
            _ => "draft".to_owned(),
        },
        body: form.body.trim_end().to_owned(),
        ..form.clone()
    };
    plain(a) == plain(b)
}

/// What exists only on one device for one person, checked before signing out (issue 7).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeftHere {
    /// Changes waiting to be sent.
    pub waiting: usize,
    /// Changes the server refused, kept with their reason.
    pub attention: usize,
    /// Drafts not (yet) complete enough to send: (title, link to open it).
    pub drafts: Vec<(String, String)>,
    /// Records that could not be unlocked here (kept, not counted above).
    pub locked: bool,
}

impl LeftHere {
    pub fn is_empty(&self) -> bool {
        self.waiting == 0 && self.attention == 0 && self.drafts.is_empty() && !self.locked
    }
}

pub mod outbox;
pub mod status;
