-- Learning & Development's list of core and development training (PATH-MGMT-3), as versioned
-- data like the requirement catalogue: a change is a new row from a date, never an edit, so
-- what a worker's readiness was judged against can always be read back. `body` is the JSON
-- of domain::TrainingList.
CREATE TABLE training_lists (
    version TEXT PRIMARY KEY,
    effective_from TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES people (id)
);
