-- Phản hồi: the citizen side (issue #3). Keep in step with migrations/postgres.

-- Folded title and description (no diacritics, lower case) for the public
-- search, written with the complaint.
ALTER TABLE complaints ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

CREATE INDEX complaints_public_list ON complaints (is_public, status, received_at DESC);

-- A wizard in progress, kept on the server under a random token held in the
-- citizen's cookie, so a reload or a closed tab loses nothing even without
-- JavaScript. `data` is the typed values as JSON.
CREATE TABLE drafts (
    token        TEXT PRIMARY KEY,
    data         TEXT NOT NULL,
    complaint_id INTEGER REFERENCES complaints (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE INDEX drafts_updated ON drafts (updated_at);

-- Photos and documents. A citizen's upload belongs to a draft until the
-- complaint is filed; the file itself is in PHANHOI_UPLOAD_DIR.
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    draft_token  TEXT,
    complaint_id INTEGER REFERENCES complaints (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    storage_key  TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL
);

CREATE INDEX attachments_draft ON attachments (draft_token);
CREATE INDEX attachments_complaint ON attachments (complaint_id);

-- Recent attempts per key (a hashed address or phone, with a purpose), for
-- rate limits shared by every app server.
CREATE TABLE rate_events (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);

CREATE INDEX rate_events_key_at ON rate_events (key, at);
