-- DEC-5: a worker who disagrees with a development plan has challenged the decision
-- (plan_responses.agreed = 0); the challenge goes up the line, and the service manager over
-- the worker's team responds, once: upheld (the team manager looks again and records a new
-- decision) or not upheld (the decision stands), with reasons. The worker, the team manager
-- and the service manager all see it with the decision. Never edited.
CREATE TABLE challenge_responses (
    decision_id TEXT PRIMARY KEY REFERENCES plan_responses(decision_id),
    responded_by TEXT NOT NULL REFERENCES people(id),
    upheld INTEGER NOT NULL,
    comment TEXT NOT NULL,
    responded_at TEXT NOT NULL
);
