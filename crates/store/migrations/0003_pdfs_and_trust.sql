-- The PDFs of a memorandum: the approved rendering (what is signed) and each signed version
-- after it, in order; and the trust store of counterparties' certificates.

CREATE TABLE memorandum_pdfs (
    memorandum_id INTEGER NOT NULL REFERENCES memorandums (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    revision      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('approved', 'signed')),
    sha256        TEXT NOT NULL,
    pdf           BLOB NOT NULL,
    signer        TEXT,          -- for 'signed': who added the newest signature
    created_at    TEXT NOT NULL,
    PRIMARY KEY (memorandum_id, seq)
) STRICT;

CREATE TABLE trusted_certificates (
    fingerprint TEXT PRIMARY KEY,  -- SHA-256 of the DER, lower-case hex
    subject     TEXT NOT NULL,
    certificate BLOB NOT NULL,     -- DER
    is_ca       INTEGER NOT NULL CHECK (is_ca IN (0, 1)),
    added_at    TEXT NOT NULL
) STRICT;
