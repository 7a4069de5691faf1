-- Phản hồi: initial schema (SQLite). Keep in step with migrations/postgres.
-- Timestamps are unix seconds (UTC); flags are 0/1 integers; both backends
-- share one set of queries.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE agencies (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('coordinator', 'department', 'sector', 'utility', 'local')),
    handles TEXT NOT NULL DEFAULT '',
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE categories (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    default_agency_id INTEGER REFERENCES agencies (id),
    position          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE communes (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('phuong', 'xa'))
);

CREATE TABLE staff_users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'officer', 'leader', 'admin')),
    agency_id     INTEGER NOT NULL REFERENCES agencies (id),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    INTEGER NOT NULL
);

CREATE TABLE deadline_policy (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    total_days    INTEGER NOT NULL,
    triage_days   INTEGER NOT NULL,
    handling_days INTEGER NOT NULL,
    approval_days INTEGER NOT NULL,
    day_kind      TEXT NOT NULL CHECK (day_kind IN ('working', 'calendar'))
);

CREATE TABLE holidays (
    day  TEXT PRIMARY KEY, -- YYYY-MM-DD
    name TEXT NOT NULL
);

CREATE TABLE complaints (
    id                INTEGER PRIMARY KEY,
    tracking_code     TEXT NOT NULL UNIQUE,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL,
    category_id       INTEGER REFERENCES categories (id),
    commune_id        INTEGER REFERENCES communes (id),
    address           TEXT NOT NULL DEFAULT '',
    latitude          REAL,
    longitude         REAL,
    citizen_name      TEXT NOT NULL,
    citizen_phone     TEXT NOT NULL,
    citizen_email     TEXT,
    is_public         INTEGER NOT NULL DEFAULT 1 CHECK (is_public IN (0, 1)),
    chosen_agency_id  INTEGER REFERENCES agencies (id),
    agency_id         INTEGER REFERENCES agencies (id),
    status            TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 0,
    submitted_at      INTEGER NOT NULL,
    received_at       INTEGER,
    deadline_at       INTEGER,
    published_at      INTEGER,
    on_time           INTEGER CHECK (on_time IN (0, 1)),
    answer            TEXT,
    reject_reason     TEXT,
    duplicate_of      INTEGER REFERENCES complaints (id),
    idempotency_key   TEXT UNIQUE
);

CREATE INDEX complaints_status_deadline ON complaints (status, deadline_at);
CREATE INDEX complaints_agency_status ON complaints (agency_id, status, deadline_at);
CREATE INDEX complaints_published ON complaints (published_at DESC) WHERE published_at IS NOT NULL;

CREATE TABLE complaint_events (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    at           INTEGER NOT NULL,
    actor_id     INTEGER REFERENCES staff_users (id),
    kind         TEXT NOT NULL CHECK (kind IN ('status', 'note', 'extension', 'reminder', 'rating')),
    from_status  TEXT,
    to_status    TEXT,
    note         TEXT,
    is_public    INTEGER NOT NULL DEFAULT 0 CHECK (is_public IN (0, 1))
);

CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, at);

-- The history is immutable.
CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
BEGIN
    SELECT RAISE(ABORT, 'complaint_events are immutable');
END;

CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
BEGIN
    SELECT RAISE(ABORT, 'complaint_events are immutable');
END;

CREATE TABLE ratings (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
