-- Supervision records (issue 14 item 3; DEC-2: a development plan is "monitored in
-- supervision"). A record is one supervision held on a date with the worker, recorded by
-- their team manager or practice supervisor; each topic discussed has its own row. Today a
-- topic is an action of a "not yet" plan (topic_kind 'plan_action', topic_id the decision,
-- position the action); Achieving Permanence's workbook tasks are another kind of topic in
-- the same records. Never edited: the next supervision is a new record, so progress has a
-- history.
CREATE TABLE supervision_records (
    id TEXT PRIMARY KEY,
    worker_id TEXT NOT NULL REFERENCES people(id),
    held_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES people(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX supervision_records_worker ON supervision_records(worker_id, held_on);

CREATE TABLE supervision_topics (
    record_id TEXT NOT NULL REFERENCES supervision_records(id),
    topic_kind TEXT NOT NULL,
    topic_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    progress TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (record_id, topic_kind, topic_id, position)
);
CREATE INDEX supervision_topics_topic ON supervision_topics(topic_kind, topic_id);

-- What a manager typed into the supervision form that was refused with JavaScript off, so
-- the page shows it again (`form_stash`): one per manager, cleared when a record is saved.
CREATE TABLE supervision_form_stash (
    person_id TEXT PRIMARY KEY REFERENCES people(id),
    decision_id TEXT NOT NULL,
    form TEXT NOT NULL,
    created_at TEXT NOT NULL
);
