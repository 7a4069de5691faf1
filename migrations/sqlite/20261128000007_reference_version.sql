-- Phản hồi: a version number for the reference data (agencies, categories,
-- communes, the deadline policy, holidays). Every app server keeps these in
-- memory (server/store/reference.rs) and reads only this number to know
-- whether its copy is current; the triggers below bump it on any change,
-- whoever makes it. Keep in step with migrations/postgres.
CREATE TABLE reference_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);

INSERT INTO reference_version (id, version) VALUES (1, 1);

CREATE TRIGGER agencies_changed_insert AFTER INSERT ON agencies
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_changed_update AFTER UPDATE ON agencies
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agencies_changed_delete AFTER DELETE ON agencies
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER categories_changed_insert AFTER INSERT ON categories
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_changed_update AFTER UPDATE ON categories
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER categories_changed_delete AFTER DELETE ON categories
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER communes_changed_insert AFTER INSERT ON communes
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER communes_changed_update AFTER UPDATE ON communes
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER communes_changed_delete AFTER DELETE ON communes
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER deadline_policy_changed_insert AFTER INSERT ON deadline_policy
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER deadline_policy_changed_update AFTER UPDATE ON deadline_policy
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER deadline_policy_changed_delete AFTER DELETE ON deadline_policy
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER holidays_changed_insert AFTER INSERT ON holidays
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_changed_update AFTER UPDATE ON holidays
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_changed_delete AFTER DELETE ON holidays
BEGIN UPDATE reference_version SET version = version + 1 WHERE id = 1; END;
