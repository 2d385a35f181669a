-- Indexes no query needs (issue 10: an import of 100,000 rows wrote them
-- all, 2 MB, under the file's lock).  Every query of src/ on registrations
-- was checked with EXPLAIN QUERY PLAN (bench/README-import.md):
-- * registrations_by_import served only undo-import's DELETE, which now
--   reads the table once (a few ms per 100,000 rows; undo is rare).
-- * registrations_by_office held every row, though only rows received from
--   another office have an office: the exchange's lookups by office use
--   the partial index; its export of this office's own rows (office_id IS
--   NULL) reads the year through registrations_by_title as before.
DROP INDEX registrations_by_import;
DROP INDEX registrations_by_office;
CREATE INDEX registrations_by_office ON registrations (office_id, year_id) WHERE office_id IS NOT NULL;
