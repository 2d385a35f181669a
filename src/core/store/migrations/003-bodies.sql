-- Schema 3: bodies move to their own table.  A body can be megabytes; in
-- the plans row it pushed every later column onto overflow pages, so
-- listing and searching plans read every body.
CREATE TABLE plan_bodies (
  plan_id INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
  body    TEXT NOT NULL DEFAULT ''
);
INSERT INTO plan_bodies (plan_id, body) SELECT id, body FROM plans;
ALTER TABLE plans DROP COLUMN body;
