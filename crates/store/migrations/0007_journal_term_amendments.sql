-- Issue 14: the registration journal, each memorandum's term dates, and amendments.
--
-- The journal: one row per number this installation assigned. A number is never reused: the
-- number and the memorandum are each UNIQUE, rows can be neither changed nor deleted, and the
-- counter (one row) only increases. Its settings (format, when a number is assigned) are in
-- `settings` under 'journal.*'.
CREATE TABLE journal (
    number        TEXT PRIMARY KEY NOT NULL,
    counter       INTEGER NOT NULL UNIQUE CHECK (counter >= 1),
    registered_on TEXT NOT NULL,  -- YYYY-MM-DD, the registration's date in the document
    memorandum_id INTEGER NOT NULL UNIQUE REFERENCES memorandums (id),
    created_at    TEXT NOT NULL
) STRICT;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the registration journal is append-only');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the registration journal is append-only');
END;

CREATE TABLE journal_counter (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL CHECK (value >= 0)
) STRICT;
INSERT INTO journal_counter (id, value) VALUES (1, 0);
CREATE TRIGGER journal_counter_only_increases BEFORE UPDATE ON journal_counter
WHEN NEW.value <= OLD.value
BEGIN
    SELECT RAISE(ABORT, 'the journal counter only increases');
END;
CREATE TRIGGER journal_counter_no_delete BEFORE DELETE ON journal_counter
BEGIN
    SELECT RAISE(ABORT, 'the journal counter cannot be deleted');
END;

-- Derived from the current revision (and, for a term that starts on the last signature, the
-- day of that signature) by kelisim_core::term: the end of the current period and the day
-- notice is due. `term_renews` rows are brought forward when a period has passed.
-- `registration_number` is the document's registration number, for lists and search.
-- `amends_id`: for an amendment, the memorandum it amends.
ALTER TABLE memorandums ADD COLUMN expires_on TEXT;
ALTER TABLE memorandums ADD COLUMN notice_by TEXT;
ALTER TABLE memorandums ADD COLUMN term_renews INTEGER NOT NULL DEFAULT 0;
ALTER TABLE memorandums ADD COLUMN registration_number TEXT;
ALTER TABLE memorandums ADD COLUMN amends_id INTEGER REFERENCES memorandums (id);
CREATE INDEX memorandums_by_expiry ON memorandums (expires_on) WHERE expires_on IS NOT NULL;
CREATE INDEX memorandums_by_registration ON memorandums (registration_number)
    WHERE registration_number IS NOT NULL;
CREATE INDEX memorandums_by_base ON memorandums (amends_id) WHERE amends_id IS NOT NULL;
