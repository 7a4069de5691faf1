-- Phản hồi: statistics aggregates (issue #5). Keep in step with
-- migrations/postgres.
--
-- Counts per (dimension, day, key), kept exact in the same transaction as
-- every change of a complaint (server/store/stats.rs) and recomputable by
-- `phanhoi stats rebuild`. `dim`: 0 province, 1 agency, 2 officer,
-- 3 category, 4 commune, 5 status (domain/stats/contribution.rs); `key`
-- is the id (0: none) or the status number; `day` is the local date as
-- yyyymmdd, `month` yyyymm. Received counts sit on the day of receipt;
-- answered, on-time and rating counts on the day the answer was published.
CREATE TABLE stats_daily (
    dim      INTEGER NOT NULL,
    day      INTEGER NOT NULL,
    key      INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    on_time  INTEGER NOT NULL DEFAULT 0,
    rated_1  INTEGER NOT NULL DEFAULT 0,
    rated_2  INTEGER NOT NULL DEFAULT 0,
    rated_3  INTEGER NOT NULL DEFAULT 0,
    rated_4  INTEGER NOT NULL DEFAULT 0,
    rated_5  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;

-- The same counts per month, so a long period reads months, not days.
CREATE TABLE stats_monthly (
    dim      INTEGER NOT NULL,
    month    INTEGER NOT NULL,
    key      INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    on_time  INTEGER NOT NULL DEFAULT 0,
    rated_1  INTEGER NOT NULL DEFAULT 0,
    rated_2  INTEGER NOT NULL DEFAULT 0,
    rated_3  INTEGER NOT NULL DEFAULT 0,
    rated_4  INTEGER NOT NULL DEFAULT 0,
    rated_5  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, month, key)
) WITHOUT ROWID;

-- What each complaint contributes now (its facts as the statistics see
-- them), so a change subtracts exactly the old contribution.
CREATE TABLE stats_facts (
    complaint_id  INTEGER PRIMARY KEY REFERENCES complaints (id),
    received_day  INTEGER,
    published_day INTEGER,
    status        TEXT NOT NULL,
    agency_id     INTEGER,
    officer_id    INTEGER,
    category_id   INTEGER,
    commune_id    INTEGER,
    on_time       INTEGER NOT NULL CHECK (on_time IN (0, 1)),
    score         INTEGER
);

-- Open complaints (a few thousand at most) by when they were received,
-- with what the live "still open" and "overdue" counts of a period group
-- by, so those counts read this small index only.
CREATE INDEX complaints_open_received
    ON complaints (received_at, deadline_at, agency_id, officer_id, category_id, commune_id, status)
    WHERE status IN ('received', 'assigned', 'in_progress', 'awaiting_approval', 'reopened');
