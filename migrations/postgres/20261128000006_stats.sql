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
    dim      BIGINT NOT NULL,
    day      BIGINT NOT NULL,
    key      BIGINT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    on_time  BIGINT NOT NULL DEFAULT 0,
    rated_1  BIGINT NOT NULL DEFAULT 0,
    rated_2  BIGINT NOT NULL DEFAULT 0,
    rated_3  BIGINT NOT NULL DEFAULT 0,
    rated_4  BIGINT NOT NULL DEFAULT 0,
    rated_5  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, day, key)
);

-- The same counts per month, so a long period reads months, not days.
CREATE TABLE stats_monthly (
    dim      BIGINT NOT NULL,
    month    BIGINT NOT NULL,
    key      BIGINT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    answered BIGINT NOT NULL DEFAULT 0,
    on_time  BIGINT NOT NULL DEFAULT 0,
    rated_1  BIGINT NOT NULL DEFAULT 0,
    rated_2  BIGINT NOT NULL DEFAULT 0,
    rated_3  BIGINT NOT NULL DEFAULT 0,
    rated_4  BIGINT NOT NULL DEFAULT 0,
    rated_5  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (dim, month, key)
);

-- What each complaint contributes now (its facts as the statistics see
-- them), so a change subtracts exactly the old contribution.
CREATE TABLE stats_facts (
    complaint_id  BIGINT PRIMARY KEY REFERENCES complaints (id),
    received_day  BIGINT,
    published_day BIGINT,
    status        TEXT NOT NULL,
    agency_id     BIGINT,
    officer_id    BIGINT,
    category_id   BIGINT,
    commune_id    BIGINT,
    on_time       BIGINT NOT NULL CHECK (on_time IN (0, 1)),
    score         BIGINT
);

-- Open complaints (a few thousand at most) by when they were received,
-- with what the live "still open" and "overdue" counts of a period group
-- by, so those counts read this small index only.
CREATE INDEX complaints_open_received
    ON complaints (received_at, deadline_at, agency_id, officer_id, category_id, commune_id, status)
    WHERE status IN ('received', 'assigned', 'in_progress', 'awaiting_approval', 'reopened');
