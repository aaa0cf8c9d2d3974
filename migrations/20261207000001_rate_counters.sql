-- Rate limits as counters (issue 17 items 2 and 10): sign-in attempts and sync pushes. Each
-- request raises its row with one atomic upsert and reads back its own count, so parallel
-- requests cannot all pass a check made before any of them was recorded. Keys are SHA-256
-- digests ("account:<email>", "address:<IPv4 or IPv6 /64>", "device:<device digest>",
-- "sync:<person id>"): no email or address is kept.
CREATE TABLE rate_counters (
    counter_key TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    attempts BIGINT NOT NULL
);
CREATE INDEX rate_counters_window ON rate_counters(window_start);

-- Browsers a person has signed in on (a long-lived random cookie; the table holds its
-- digest). A sign-in from one of them has its own failure count, so guesses made elsewhere
-- cannot lock the person out of a device they already use.
CREATE TABLE known_devices (
    id_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL
);
CREATE INDEX known_devices_person ON known_devices(person_id);

DROP TABLE sign_in_failures;
