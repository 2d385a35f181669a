-- Offline exchange between offices (src/core/exchange): global ids for the
-- rows that travel, this office's signing key, the offices it trusts, the
-- packages it received and the rows it holds for them.
-- Offices packages came from, with the key pinned at the first package.
CREATE TABLE exchange_offices (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  code       TEXT NOT NULL DEFAULT '',
  public_key BLOB NOT NULL CHECK (length (public_key) = 32),
  pinned     INTEGER NOT NULL,
  UNIQUE (name, code)
);

ALTER TABLE units ADD COLUMN uuid TEXT;
ALTER TABLE people ADD COLUMN uuid TEXT;
ALTER TABLE registrations ADD COLUMN uuid TEXT;
-- NULL: this office's own row; otherwise the office it was received from.
ALTER TABLE units ADD COLUMN office_id INTEGER REFERENCES exchange_offices (id);
ALTER TABLE people ADD COLUMN office_id INTEGER REFERENCES exchange_offices (id);
ALTER TABLE registrations ADD COLUMN office_id INTEGER REFERENCES exchange_offices (id);
CREATE UNIQUE INDEX units_by_uuid ON units (uuid) WHERE uuid IS NOT NULL;
CREATE UNIQUE INDEX people_by_uuid ON people (uuid) WHERE uuid IS NOT NULL;
CREATE UNIQUE INDEX registrations_by_uuid ON registrations (uuid) WHERE uuid IS NOT NULL;
CREATE INDEX registrations_by_office ON registrations (office_id, year_id);
-- Two offices may both have a "Tổ Toán": a unit's name is unique per office.
DROP INDEX units_by_name;
CREATE UNIQUE INDEX units_by_name ON units (ifnull (office_id, 0), ifnull (parent_id, 0), name_key);

-- This database's Ed25519 key pair, made at first use.
CREATE TABLE exchange_key (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  public_key BLOB NOT NULL CHECK (length (public_key) = 32),
  secret_key BLOB NOT NULL CHECK (length (secret_key) = 64),
  created    INTEGER NOT NULL
);

-- Every package applied: the newest sequence per office, year and direction
-- is what an older package is compared with.
CREATE TABLE exchange_received (
  office_id    INTEGER NOT NULL REFERENCES exchange_offices (id) ON DELETE CASCADE,
  year         TEXT NOT NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  sequence     INTEGER NOT NULL,
  received     INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  rows         INTEGER NOT NULL,
  PRIMARY KEY (office_id, year, direction, sequence)
);

-- The sequence numbers this office gave its own packages.
CREATE TABLE exchange_sent (
  year      TEXT NOT NULL,
  direction TEXT NOT NULL,
  recipient TEXT NOT NULL DEFAULT '',
  sequence  INTEGER NOT NULL,
  created   INTEGER NOT NULL,
  PRIMARY KEY (year, direction, recipient)
);

-- Issued plans received from other offices, kept for `verify`.
CREATE TABLE exchange_plans (
  office_id INTEGER NOT NULL REFERENCES exchange_offices (id) ON DELETE CASCADE,
  code      TEXT NOT NULL,
  number    TEXT NOT NULL,
  symbol    TEXT NOT NULL,
  date      TEXT NOT NULL,
  plan      TEXT NOT NULL,
  PRIMARY KEY (office_id, code)
);
CREATE INDEX exchange_plans_by_code ON exchange_plans (code);

-- Rows both sides touched: listed for the secretary, never dropped silently.
CREATE TABLE exchange_review (
  id        INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES exchange_offices (id) ON DELETE CASCADE,
  year      TEXT NOT NULL,
  uuid      TEXT NOT NULL,
  reason    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  created   INTEGER NOT NULL
);

-- Received rows belong to the sending office: only the result and the
-- decision may change here, except while a package is being applied.
CREATE TABLE exchange_applying (flag INTEGER);
CREATE TRIGGER registrations_received_read_only
BEFORE UPDATE OF year_id, person_id, unit_id, title, initiative, status, note, office_id, uuid
ON registrations
WHEN old.office_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM exchange_applying)
BEGIN
  SELECT RAISE (ABORT, 'received row is read-only: the sending office owns it');
END;
CREATE TRIGGER registrations_received_no_delete
BEFORE DELETE ON registrations
WHEN old.office_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM exchange_applying)
BEGIN
  SELECT RAISE (ABORT, 'received row is read-only: the sending office owns it');
END;
