-- Schema 170: a plan's profile is any profile core knows (state, party,
-- union, youth, or another organisation's data/profiles/<name>.json), no
-- longer a fixed list in SQL; core checks the name before it writes.
-- SQLite cannot drop a CHECK, and rebuilding "plans" would cascade into
-- every table that references it, so the CHECK is edited in the schema
-- text as the SQLite documentation allows for removing constraints
-- (ALTER TABLE, "making other kinds of table schema changes"): the file
-- format does not change.  The RESET rereads the schema on this
-- connection; the table created and dropped after it bumps the schema
-- cookie so that other open connections reread it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace (sql, 'CHECK (profile IN (''state'', ''party'', ''union''))', 'CHECK (profile <> '''')')
 WHERE type = 'table' AND name = 'plans';
PRAGMA writable_schema = RESET;
PRAGMA writable_schema = OFF;
CREATE TABLE schema_170_bump (x);
DROP TABLE schema_170_bump;
