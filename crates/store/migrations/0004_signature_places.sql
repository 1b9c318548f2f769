-- Where rendering reserved each signatory's signature on the approved PDF (a JSON array of
-- {party_id, signatory_id, page, rect}), stored with it at approval so that the first signer
-- does not have to render the document again to find the places. NULL on signed rows and on
-- approved rows stored before this migration (those are found by rendering, as before).
ALTER TABLE memorandum_pdfs ADD COLUMN signature_places TEXT;

-- Verification recognises a PDF whose first revision is an approved rendering stored here (one
-- this installation rendered itself) by its SHA-256, instead of rendering it again.
CREATE INDEX memorandum_pdfs_by_sha256 ON memorandum_pdfs (sha256);
