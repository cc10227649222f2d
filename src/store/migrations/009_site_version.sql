-- Schema version 9: a version per site, as people and evaluations have, so that an imported
-- site list can tell a site someone changed since the list was exported. Every UPDATE of a
-- site row raises it (unless the statement sets it itself), and so does every change to the
-- site's status history, whoever writes it.
ALTER TABLE sites ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER site_version AFTER UPDATE ON sites
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
    UPDATE sites SET version = OLD.version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER site_status_added AFTER INSERT ON site_status
BEGIN
    UPDATE sites SET version = version + 1 WHERE id = NEW.site_id;
END;

CREATE TRIGGER site_status_removed AFTER DELETE ON site_status
BEGIN
    UPDATE sites SET version = version + 1 WHERE id = OLD.site_id;
END;
