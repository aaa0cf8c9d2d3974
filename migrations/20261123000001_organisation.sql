-- Organisation: people, teams, line management and role grants.
-- Portable SQL for SQLite and PostgreSQL: ids are UUID text, instants are ISO 8601 UTC text
-- ("2026-11-23T14:06:00Z"), dates are "YYYY-MM-DD", flags and counts are BIGINT.
-- History is kept by dated rows (starts_on / ends_on), never by overwriting.

CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    service_area TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    job_title TEXT NOT NULL,
    qualification_date TEXT,
    registration_number TEXT,
    active BIGINT NOT NULL DEFAULT 1,
    left_on TEXT,
    created_at TEXT NOT NULL
);

-- Every change of level is a dated record; effective_from is the pay date.
CREATE TABLE level_history (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    level TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    reason TEXT NOT NULL,
    recorded_by TEXT REFERENCES people(id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX level_history_person ON level_history(person_id, effective_from);

-- A worker's team over time; the open row (ends_on IS NULL) is the current team.
CREATE TABLE team_memberships (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    team_id TEXT NOT NULL REFERENCES teams(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT
);
CREATE INDEX team_memberships_person ON team_memberships(person_id);
CREATE INDEX team_memberships_team ON team_memberships(team_id);

-- Who manages a team (team manager) and who manages that manager (service manager).
CREATE TABLE team_management (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL CHECK (kind IN ('team_manager', 'service_manager')),
    starts_on TEXT NOT NULL,
    ends_on TEXT
);
CREATE INDEX team_management_team ON team_management(team_id);

-- Practice supervisors / ASYE mentors and their supervisees.
CREATE TABLE supervision (
    id TEXT PRIMARY KEY,
    supervisor_id TEXT NOT NULL REFERENCES people(id),
    supervisee_id TEXT NOT NULL REFERENCES people(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT
);

CREATE TABLE role_grants (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    granted_by TEXT REFERENCES people(id),
    revoked_at TEXT
);
CREATE INDEX role_grants_person ON role_grants(person_id);

-- Progression Panels (PANEL-1): at least four a year, one of them for the ASYE cohort.
CREATE TABLE panels (
    id TEXT PRIMARY KEY,
    panel_date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('asye_cohort', 'progression')),
    location TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX panels_date ON panels(panel_date);
