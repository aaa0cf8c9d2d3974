-- Identity and access: credentials, database-held sessions (shared by every server instance),
-- one-time set-password links, sign-in throttling and the append-only audit log.
-- Same portable conventions as the organisation migration: TEXT ids and ISO 8601 UTC
-- instants ("2026-11-23T14:06:00Z", which sort as text), BIGINT numbers.
-- Secrets are never stored: passwords as argon2id PHC strings, session ids and link tokens
-- as SHA-256 digests (hex), so a copy of the database signs nobody in.

CREATE TABLE credentials (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    password_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    -- the absolute limit; the idle limit is last_seen_at + the idle timeout
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE set_password_tokens (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_by TEXT REFERENCES people(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX set_password_tokens_person ON set_password_tokens(person_id);

-- One row per failed sign-in; the throttle counts recent rows per email and per address.
CREATE TABLE sign_in_failures (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures(email, failed_at);
CREATE INDEX sign_in_failures_ip ON sign_in_failures(ip, failed_at);

-- Append-only: the application inserts and reads, never updates or deletes.
-- actor_id is NULL for anonymous events (a failed sign-in for an unknown email).
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_id TEXT REFERENCES people(id),
    action TEXT NOT NULL,
    record_type TEXT NOT NULL DEFAULT '',
    record_id TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_time ON audit_log(occurred_at);
CREATE INDEX audit_log_action ON audit_log(action, occurred_at);
