-- Schema version 5: a version per person, as evaluations have, so that an imported sheet can
-- tell a person someone changed since the sheet was exported. Every UPDATE of a staff row
-- raises it (the trigger, unless the statement sets it itself), whoever writes it.
ALTER TABLE staff ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER staff_version AFTER UPDATE ON staff
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
    UPDATE staff SET version = OLD.version + 1 WHERE id = NEW.id;
END;
