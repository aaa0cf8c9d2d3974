-- Email (issue 14 item 6): a transactional outbox. A notice's email is written in the same
-- transaction as the notice (and so as the decision it reports); a background sender, on
-- whichever server instance claims it first, delivers it over SMTP. A claim is a lease
-- (`claimed_until`): a sender that dies mid-send leaves the row to be claimed again once the
-- lease runs out, and the resend carries the same `message_id`, so a receiving server (and
-- the person reading) can tell it is the same message. Failures are retried with back-off
-- (`next_attempt_at`); nothing is dropped. No evidence text: a subject line and a link.
CREATE TABLE email_outbox (
    id TEXT PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL REFERENCES people(id),
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    claim_token TEXT,
    last_error TEXT,
    sent_at TEXT
);
-- the sender's question ("what is due?") and the administrators' ("what is unsent?")
CREATE INDEX email_outbox_due ON email_outbox(sent_at, next_attempt_at);
