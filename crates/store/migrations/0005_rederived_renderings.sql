-- First revisions of PDFs from elsewhere that verification re-derived: rendered again from their
-- embedded memorandum by this renderer version, they matched byte for byte. Keyed by the SHA-256
-- of the first revision (with the line end after it) and the renderer version, so verifying the
-- same PDF again recognises its pages without rendering them again (0.5 s and 100 MB at 2 MB).
CREATE TABLE rederived_renderings (
    sha256       TEXT NOT NULL,
    renderer     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    verified_at  TEXT NOT NULL,
    PRIMARY KEY (sha256, renderer)
) WITHOUT ROWID;
