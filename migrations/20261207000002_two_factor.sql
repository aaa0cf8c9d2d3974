-- Two-step sign-in (issue 17 item 6): a time-based one-time code (TOTP, RFC 6238) from an
-- authenticator app, or a single-use recovery code.
CREATE TABLE totp_credentials (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    -- base32; NULL until a set-up is confirmed with a code
    secret TEXT,
    -- a set-up begun and not yet confirmed (the current secret keeps working meanwhile): its
    -- secret and its recovery codes (space-separated), shown again if the page is reloaded,
    -- until the first code confirms it and the codes are kept only as digests
    pending_secret TEXT,
    pending_codes TEXT,
    pending_since TEXT,
    -- the newest 30-second step whose code was accepted: each code works once (RFC 6238 5.2)
    last_step BIGINT NOT NULL,
    confirmed_at TEXT,
    updated_at TEXT NOT NULL
);

-- Ten per confirmed set-up, stored as SHA-256 digests (each is 50 random bits: no password
-- hashing needed)
CREATE TABLE recovery_codes (
    code_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX recovery_codes_person ON recovery_codes(person_id);

-- A sign-in whose password was right and whose code is still to come: a short-lived cookie
-- (its digest here) names the person, and nothing else is granted until the code.
CREATE TABLE pending_sign_ins (
    id_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
