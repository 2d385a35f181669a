-- Schema 1: plans, their recipients, and templates.
CREATE TABLE plans (
  id                  INTEGER PRIMARY KEY,
  profile             TEXT NOT NULL DEFAULT 'state'
                      CHECK (profile IN ('state', 'party', 'union')),
  superior_body       TEXT NOT NULL DEFAULT '',
  issuing_body        TEXT NOT NULL DEFAULT '',
  number              TEXT NOT NULL DEFAULT '',
  symbol              TEXT NOT NULL DEFAULT '',
  place               TEXT NOT NULL DEFAULT '',
  day                 INTEGER CHECK (day IS NULL OR day BETWEEN 1 AND 31),
  month               INTEGER CHECK (month IS NULL OR month BETWEEN 1 AND 12),
  year                INTEGER CHECK (year IS NULL OR year BETWEEN 1 AND 9999),
  type_name           TEXT NOT NULL DEFAULT 'KẾ HOẠCH',
  subject             TEXT NOT NULL DEFAULT '',
  body                TEXT NOT NULL DEFAULT '',
  signer_authority    TEXT NOT NULL DEFAULT '',
  signer_on_behalf_of TEXT NOT NULL DEFAULT '',
  signer_position     TEXT NOT NULL DEFAULT '',
  signer_name         TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT 'draft',
  created             INTEGER NOT NULL,
  modified            INTEGER NOT NULL
);

CREATE TABLE plan_recipients (
  plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  line     TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
);

CREATE TABLE templates (
  name     TEXT PRIMARY KEY,
  title    TEXT NOT NULL,
  profile  TEXT NOT NULL,
  plan     TEXT NOT NULL          -- the plan as JSON (see thidua-plan.h)
);
