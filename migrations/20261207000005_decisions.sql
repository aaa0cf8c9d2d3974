-- Managers' decisions (issue 14; DEC-1 to DEC-3). A decision is never edited: a new one
-- (or a withdrawal or a correction, with its reason) is a new row. An endorsement's text is
-- the portfolio's endorsement item (`endorsement_id`), with who added it and when; the
-- direct observations of practice it rests on are listed (DEC-3). A "not yet" carries its
-- development plan's actions, each with a timescale (DEC-2), and the worker's answer to it.
CREATE TABLE manager_decisions (
    id TEXT PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES people(id),
    transition TEXT NOT NULL,
    outcome TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES people(id),
    decided_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    endorsement_id TEXT REFERENCES evidence(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX manager_decisions_worker ON manager_decisions(worker_id, decided_on);

CREATE TABLE decision_observations (
    decision_id TEXT NOT NULL REFERENCES manager_decisions(id),
    evidence_id TEXT NOT NULL REFERENCES evidence(id),
    PRIMARY KEY (decision_id, evidence_id)
);

CREATE TABLE development_actions (
    decision_id TEXT NOT NULL REFERENCES manager_decisions(id),
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    due_on TEXT NOT NULL,
    PRIMARY KEY (decision_id, position)
);

-- The worker agrees the plan or records that they disagree (DEC-2, DEC-5), once.
CREATE TABLE plan_responses (
    decision_id TEXT PRIMARY KEY REFERENCES manager_decisions(id),
    agreed INTEGER NOT NULL,
    comment TEXT NOT NULL,
    responded_at TEXT NOT NULL
);

-- In-app notices (a written notice of a decision goes to the worker, the service manager
-- and the panel secretariat). No evidence text: a subject line and a link.
CREATE TABLE notices (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    subject TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notices_person ON notices(person_id, created_at);

-- What a manager typed into a decision form that was refused with JavaScript off, so the
-- page can show it again (a refused form loses nothing). One per manager, replaced by the
-- next refusal and removed when a decision is recorded.
CREATE TABLE decision_form_stash (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    worker_id TEXT NOT NULL,
    form TEXT NOT NULL,
    created_at TEXT NOT NULL
);
