-- Phản hồi: the staff side (issue #4). Keep in step with migrations/postgres.

-- Staff sign-in sessions (tower-sessions records), shared by every app
-- server. `id` is the session id; `data` the record as JSON.
CREATE TABLE staff_sessions (
    id         TEXT PRIMARY KEY,
    data       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

-- Failed sign-ins per account name (lower case): a slowdown, then a
-- temporary lock.
CREATE TABLE sign_in_failures (
    login        TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    last_at      INTEGER NOT NULL,
    locked_until INTEGER
);

-- When the current stage (triage, handling, approval) is due, and which
-- officer accepted the complaint.
ALTER TABLE complaints ADD COLUMN stage_due_at INTEGER;
ALTER TABLE complaints ADD COLUMN officer_id INTEGER REFERENCES staff_users (id);
-- The officer's answer while it is being written (not public).
ALTER TABLE complaints ADD COLUMN answer_draft TEXT;

CREATE INDEX complaints_stage_due ON complaints (stage_due_at) WHERE stage_due_at IS NOT NULL;
CREATE INDEX complaints_officer ON complaints (officer_id, status);

-- An agency asks for more time; the coordinator decides.
CREATE TABLE extension_requests (
    id               INTEGER PRIMARY KEY,
    complaint_id     INTEGER NOT NULL REFERENCES complaints (id),
    requested_by     INTEGER NOT NULL REFERENCES staff_users (id),
    reason           TEXT NOT NULL,
    new_deadline_at  INTEGER NOT NULL,
    old_deadline_at  INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
    requested_at     INTEGER NOT NULL,
    decided_by       INTEGER REFERENCES staff_users (id),
    decided_at       INTEGER,
    decision_note    TEXT
);

CREATE INDEX extension_requests_complaint ON extension_requests (complaint_id);
CREATE INDEX extension_requests_pending ON extension_requests (state, requested_at);

-- One automatic reminder per complaint, stage, threshold and stage deadline:
-- the primary key makes it once only, however many servers run the job.
CREATE TABLE reminders (
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    stage        TEXT NOT NULL CHECK (stage IN ('triage', 'handling', 'approval')),
    threshold    TEXT NOT NULL CHECK (threshold IN ('due_soon', 'overdue')),
    stage_due_at INTEGER NOT NULL,
    sent_at      INTEGER NOT NULL,
    PRIMARY KEY (complaint_id, stage, threshold, stage_due_at)
);
