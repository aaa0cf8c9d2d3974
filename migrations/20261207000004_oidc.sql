-- Sign-in through the organisation's OpenID provider (issue 17 item 12). An administrator
-- links a provider's subject (its stable id for a person) to a Pathway person; a sign-in
-- under way keeps its state, nonce and PKCE verifier here for ten minutes, keyed by a digest
-- of the state, so any server instance can finish it and it can be used once.
CREATE TABLE oidc_links (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX oidc_links_person ON oidc_links(issuer, person_id);

CREATE TABLE oidc_logins (
    state_hash TEXT PRIMARY KEY,
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oidc_logins_created ON oidc_logins(created_at);
