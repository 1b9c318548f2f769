-- Application settings that must survive a restart (the interface language, …).
-- Keys are namespaced strings such as 'ui.language'; values are plain text.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
