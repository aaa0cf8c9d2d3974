-- Worker portfolios (issue 5): every kind of evidence the policy names (PORTFOLIO, PATH-ASYE,
-- PATH-L3, PATH-MGMT, CPD-1, CPD-2). Same portable conventions as the earlier migrations:
-- TEXT UUID ids, ISO 8601 UTC instants, "YYYY-MM-DD" dates, BIGINT flags and counts.
--
-- One row per evidence item. The id is a UUIDv7 made by the client (so an offline draft
-- keeps its id when it reaches the server). `details` holds the kind's own fields
-- (register and number, audit type, CPD type and duration, observer and setting, ...) as a
-- JSON object of strings; the columns the rules read are real columns. `version` goes up
-- by one on every change (optimistic concurrency now, offline sync later).
CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    title TEXT NOT NULL,
    evidence_date TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}',
    from_previous_employer BIGINT NOT NULL DEFAULT 0,
    -- reflective statements: domain::count_words of the body when saved
    word_count BIGINT,
    -- CPD-2: hundredths of a day of the additional CPD allowance this item used
    cpd_allowance_centidays BIGINT,
    created_by TEXT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES people(id),
    updated_at TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX evidence_person ON evidence(person_id, kind, evidence_date);

-- What a worker typed into a form that failed validation with JavaScript off: kept so the
-- editor can show it again (a failed save loses nothing). One per person, replaced by the
-- next failure and removed by the next successful save.
CREATE TABLE evidence_form_stash (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    evidence_id TEXT NOT NULL,
    form TEXT NOT NULL,
    created_at TEXT NOT NULL
);
