-- Offline drafting only where a person asks for it (issue 17 item 7). A known device records
-- the browser it was first used in (for the person's own list of devices) and when, if ever,
-- its owner set it up to unlock drafts with their password and no network. The pepper that
-- setting-up issues lives only on the device (a cookie); the server keeps no copy.
ALTER TABLE known_devices ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE known_devices ADD COLUMN offline_since TEXT;

-- The unlock key is rotated (a new version; older versions are kept, so a device that was
-- away for a while can still open what it wrapped and wrap it again with the newest).
CREATE TABLE unlock_keys (
    person_id TEXT NOT NULL REFERENCES people(id),
    version BIGINT NOT NULL,
    unlock_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (person_id, version)
);
INSERT INTO unlock_keys (person_id, version, unlock_key, created_at)
    SELECT person_id, 1, unlock_key, created_at FROM device_unlock_keys;
DROP TABLE device_unlock_keys;
