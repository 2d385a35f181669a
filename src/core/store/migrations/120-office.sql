-- The office that keeps this database: its name printed at the top left of
-- register tables, its code, the superior office's name, and who signs
-- register tables by default.  One row at most.
CREATE TABLE office (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  name    TEXT NOT NULL DEFAULT '',
  code    TEXT NOT NULL DEFAULT '',
  parent  TEXT NOT NULL DEFAULT '',
  signer  TEXT NOT NULL DEFAULT ''
);
