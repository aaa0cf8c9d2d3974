-- Drafts encrypted at rest on devices (issue 7, docs/security.md). Each person has one
-- random 256-bit key that the server releases only to that person's live session. A device
-- keeps its data key wrapped by this key (so online it unlocks without asking) and by a key
-- derived from the person's password (so offline it asks for the password). Revoking a lost
-- device's sessions therefore leaves its drafts readable only with the password.
CREATE TABLE device_unlock_keys (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    unlock_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
