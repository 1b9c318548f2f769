-- Texts that need translating: one row per text (its JSON path in the document, e.g.
-- `sections[0].clauses[1].text`) and language. Raised when a revision changes another language
-- of the text but not this one (`drift`), or copies the text into a newly added language
-- (`new_language`); cleared when this language is edited, the text is gone, or the flag is
-- dismissed (audited).
CREATE TABLE translation_flags (
    memorandum_id  INTEGER NOT NULL REFERENCES memorandums (id) ON DELETE CASCADE,
    path           TEXT NOT NULL,
    language       TEXT NOT NULL,
    since_revision INTEGER NOT NULL CHECK (since_revision >= 1),
    reason         TEXT NOT NULL CHECK (reason IN ('drift', 'new_language')),
    PRIMARY KEY (memorandum_id, path, language)
) STRICT, WITHOUT ROWID;
