-- Offline drafting and sync (issue 6). Portable SQL, as before: TEXT ids, ISO 8601 UTC
-- instants, BIGINT numbers. See docs/sync.md for the protocol these tables serve.
--
-- A device ("client") is bound to the one person who first pushed from it. Its mutations are
-- numbered 1, 2, 3, ...; `last_mutation` moves in the same transaction as the changes, so a
-- retried push is answered from `sync_mutations` and never applied twice.
CREATE TABLE sync_clients (
    client_id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    last_mutation BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);

-- The answer given to each mutation (JSON of `sync::Outcome`), replayed to a retry so a
-- device whose acknowledgement was lost learns exactly what happened (applied, kept as a
-- conflict copy, or rejected with a reason).
CREATE TABLE sync_mutations (
    client_id TEXT NOT NULL REFERENCES sync_clients(client_id),
    mutation BIGINT NOT NULL,
    evidence_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (client_id, mutation)
);

-- The server cursor: one row, bumped (`UPDATE ... RETURNING`) inside each writing
-- transaction. The row lock orders writers, so cursor order is commit order and a reader
-- never skips a change that commits late.
CREATE TABLE sync_cursor (
    id BIGINT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO sync_cursor (id, value) VALUES (1, 0);

-- The change feed: one row per write to `evidence`; `deleted` = 1 is a tombstone.
CREATE TABLE evidence_changes (
    seq BIGINT PRIMARY KEY,
    evidence_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    version BIGINT NOT NULL,
    deleted BIGINT NOT NULL DEFAULT 0,
    changed_at TEXT NOT NULL
);
CREATE INDEX evidence_changes_person ON evidence_changes(person_id, seq);

-- A change made from an older version than the server's: never written over the newer
-- text, never dropped. Kept (also once resolved) with the whole form as typed (JSON).
CREATE TABLE evidence_conflicts (
    id TEXT PRIMARY KEY,
    evidence_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    client_id TEXT NOT NULL,
    mutation BIGINT NOT NULL,
    base_version BIGINT NOT NULL,
    server_version BIGINT NOT NULL,
    form TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT
);
CREATE INDEX evidence_conflicts_person ON evidence_conflicts(person_id, resolved_at);
