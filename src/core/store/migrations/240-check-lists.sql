-- Schema 240: the CHECKs of people.honorific and registrations.status and
-- .result name their few values with = and OR instead of IN (…).  SQLite
-- 3.40 evaluates a CHECK's IN list through a temporary table made again
-- for every row written: a 100,000-row import spent an eighth of its
-- instructions there (bench/README-exchange.md, session 6), and a million
-- rows take 0.98 s against 0.40 s.  The constraints mean the same (the
-- columns are NOT NULL and compared with the same BINARY collation), so
-- the text is edited in place as migration 170 did: no table rebuild,
-- the file format does not change.  The RESET rereads the schema on this
-- connection; the table created and dropped after it bumps the schema
-- cookie so that other open connections reread it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace (sql, 'CHECK (honorific IN ('''', ''Ông'', ''Bà''))',
                      'CHECK (honorific = '''' OR honorific = ''Ông'' OR honorific = ''Bà'')')
 WHERE type = 'table' AND name = 'people';
UPDATE sqlite_schema
   SET sql = replace (replace (sql,
                'CHECK (status IN (''registered'', ''withdrawn''))',
                'CHECK (status = ''registered'' OR status = ''withdrawn'')'),
                'CHECK (result IN (''pending'', ''achieved'', ''not-achieved''))',
                'CHECK (result = ''pending'' OR result = ''achieved'' OR result = ''not-achieved'')')
 WHERE type = 'table' AND name = 'registrations';
PRAGMA writable_schema = RESET;
PRAGMA writable_schema = OFF;
CREATE TABLE schema_240_bump (x);
DROP TABLE schema_240_bump;
