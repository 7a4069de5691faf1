-- Files an agency attaches to its answer. They become public with the
-- answer; the citizen's own uploads stay with the staff.
ALTER TABLE attachments ADD COLUMN for_answer INTEGER NOT NULL DEFAULT 0 CHECK (for_answer IN (0, 1));
ALTER TABLE attachments ADD COLUMN uploaded_by BIGINT REFERENCES staff_users (id);
