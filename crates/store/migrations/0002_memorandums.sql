-- Memorandums, their revisions, the organisations registry, full-text search and the
-- hash-chained audit log. Times are UTC, written 2026-10-06T12:34:56.789Z.

-- Parties reused across memorandums: one row per organisation, found again by BIN, or by its
-- lower-cased name when it has no BIN. `party` holds the party JSON as last used.
CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    bin        TEXT UNIQUE,
    name_key   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    party      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX organisations_by_name ON organisations (name_key) WHERE bin IS NULL;

CREATE TABLE memorandums (
    id                INTEGER PRIMARY KEY,
    status            TEXT NOT NULL
                      CHECK (status IN ('draft', 'approved', 'signing', 'signed', 'archived')),
    current_revision  INTEGER NOT NULL,
    approved_revision INTEGER,
    title             TEXT NOT NULL,  -- in the first language, for lists
    memo_date         TEXT NOT NULL,
    languages         TEXT NOT NULL,  -- e.g. 'kk,ru'
    parties           TEXT NOT NULL,  -- party names in the first language, '; '-separated
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX memorandums_by_update ON memorandums (updated_at DESC, id DESC);
CREATE INDEX memorandums_by_status ON memorandums (status, updated_at DESC, id DESC);

-- Every save is a revision; `document` is the canonical JSON (RFC 8785) whose SHA-256 is
-- `content_hash`.
CREATE TABLE revisions (
    memorandum_id INTEGER NOT NULL REFERENCES memorandums (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL CHECK (number >= 1),
    content_hash  TEXT NOT NULL,
    document      TEXT NOT NULL,
    author        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (memorandum_id, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE memorandum_parties (
    memorandum_id   INTEGER NOT NULL REFERENCES memorandums (id) ON DELETE CASCADE,
    party_id        TEXT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (memorandum_id, party_id)
) STRICT;
CREATE INDEX memorandum_parties_by_organisation ON memorandum_parties (organisation_id);

-- rowid = memorandums.id. Kelisim lower-cases text (Unicode-aware, Kazakh letters included)
-- before storing and searching it, so matching is case-insensitive in every language.
CREATE VIRTUAL TABLE memorandum_search USING fts5 (
    title, parties, body,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Append-only history. Each row commits to the previous row's hash; audit_head holds the last
-- one so that deleting the newest rows is detected too.
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    memorandum_id INTEGER,
    action        TEXT NOT NULL,
    actor         TEXT NOT NULL,
    details       TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_by_memorandum ON audit_log (memorandum_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
) STRICT;
