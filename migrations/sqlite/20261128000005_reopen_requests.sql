-- Phản hồi: reopen requests (issue #5). Keep in step with migrations/postgres.
--
-- A dissatisfied citizen asks, from the tracker, for the complaint to be
-- handled again; the coordinator accepts (the complaint is reopened and goes
-- back to its agency with a new deadline) or refuses with a reason the
-- citizen reads on the tracker. The rating the request was made with is
-- kept here: accepting it clears the rating, so that the next answer is
-- rated afresh.
CREATE TABLE reopen_requests (
    id             INTEGER PRIMARY KEY,
    complaint_id   INTEGER NOT NULL REFERENCES complaints (id),
    reason         TEXT NOT NULL,
    score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    rating_comment TEXT,
    state          TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'refused')),
    requested_at   INTEGER NOT NULL,
    decided_by     INTEGER REFERENCES staff_users (id),
    decided_at     INTEGER,
    decision_note  TEXT
);

CREATE INDEX reopen_requests_complaint ON reopen_requests (complaint_id, id);
-- At most one request waits per complaint, however many servers take them.
CREATE UNIQUE INDEX reopen_requests_one_pending ON reopen_requests (complaint_id) WHERE state = 'pending';
CREATE INDEX reopen_requests_pending ON reopen_requests (state, requested_at);
