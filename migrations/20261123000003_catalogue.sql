-- Requirement catalogues (issue 4): the policy's requirements as versioned data, so a revised
-- policy is a new row, not a code change. `body` is the JSON of domain::Catalogue; an
-- application records the version it was judged under.
CREATE TABLE requirement_catalogues (
    version TEXT PRIMARY KEY,
    effective_from TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
