-- Trust scopes (issue 12, class 7): for whom each trusted certificate vouches, and where the
-- trust came from. Only this table makes a certificate trusted: a key file in the keystore is not
-- a trust anchor by being there.
--
-- scope: 'this_certificate' (an end-entity certificate trusted as itself) or 'organisations'
--   (a CA, for the BINs in `bins`, a JSON array of 12-digit strings). NULL on rows stored before
--   this migration: those keep the default scope (an end-entity certificate for itself, a CA for
--   the BIN its own subject names, none when it names none), computed from the certificate.
-- origin: 'added' (trust add), 'own_key' (a key this installation created or restored),
--   'signer' (the signer of a verified PDF, trusted from the verification view).
ALTER TABLE trusted_certificates ADD COLUMN scope TEXT
    CHECK (scope IS NULL OR scope IN ('this_certificate', 'organisations'));
ALTER TABLE trusted_certificates ADD COLUMN bins TEXT NOT NULL DEFAULT '[]';
ALTER TABLE trusted_certificates ADD COLUMN origin TEXT NOT NULL DEFAULT 'added'
    CHECK (origin IN ('added', 'own_key', 'signer'));

-- Where a re-derived rendering reserved the signatures (the JSON stored with approved PDFs since
-- 0004), so verifying the same PDF again can hold its signature widgets to those places without
-- rendering it again. NULL on rows remembered before this migration: those are rendered again.
ALTER TABLE rederived_renderings ADD COLUMN signature_places TEXT;
