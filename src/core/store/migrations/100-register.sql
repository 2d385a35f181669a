-- Register: units, people, registration years, registrations, import
-- batches and plan targets.  Names and keys are NFC; *_key columns hold
-- thidua_text_fold() keys and sort_key thidua_text_person_sort_key() /
-- thidua_text_collate_key() bytes, computed by core (SQLite cannot).
CREATE TABLE reg_imports (
  id        INTEGER PRIMARY KEY,
  file      TEXT NOT NULL,
  year      TEXT NOT NULL,
  created   INTEGER NOT NULL,
  imported  INTEGER NOT NULL DEFAULT 0,
  rejected  INTEGER NOT NULL DEFAULT 0,
  undone    INTEGER NOT NULL DEFAULT 0
);

-- A tree: khoa, phòng, tổ, chi bộ, a school inside an education office.
CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES units (id) ON DELETE RESTRICT,
  name        TEXT NOT NULL CHECK (name <> ''),
  name_key    TEXT NOT NULL,
  sort_key    BLOB NOT NULL DEFAULT x'',
  kind        TEXT NOT NULL DEFAULT '',
  closed_year INTEGER,              -- first year it no longer exists; NULL while it does
  import_id   INTEGER REFERENCES reg_imports (id) ON DELETE SET NULL,
  created     INTEGER NOT NULL
);
CREATE UNIQUE INDEX units_by_name ON units (ifnull (parent_id, 0), name_key);
CREATE INDEX units_by_key ON units (name_key);

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  honorific   TEXT NOT NULL DEFAULT '' CHECK (honorific IN ('', 'Ông', 'Bà')),
  family_name TEXT NOT NULL DEFAULT '',
  middle_name TEXT NOT NULL DEFAULT '',
  given_name  TEXT NOT NULL CHECK (given_name <> ''),
  position    TEXT NOT NULL DEFAULT '',
  unit_id     INTEGER REFERENCES units (id) ON DELETE RESTRICT,
  start_date  TEXT NOT NULL DEFAULT '',   -- YYYY-MM-DD, or '' when unknown
  birth_year  INTEGER CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100),
  name_key    TEXT NOT NULL,
  sort_key    BLOB NOT NULL DEFAULT x'',
  import_id   INTEGER REFERENCES reg_imports (id) ON DELETE SET NULL,
  created     INTEGER NOT NULL
);
CREATE INDEX people_by_name ON people (name_key, unit_id);

-- "2024" (calendar) or "2023-2024" (school year); start_year orders them.
CREATE TABLE reg_years (
  id         INTEGER PRIMARY KEY,
  label      TEXT NOT NULL UNIQUE,
  start_year INTEGER NOT NULL,
  school     INTEGER NOT NULL DEFAULT 0,
  plan_id    INTEGER REFERENCES plans (id) ON DELETE SET NULL
);

-- Who (a person, or a unit for a collective title) registers for what.
-- unit_id is the person's unit when registering, or the collective itself.
CREATE TABLE registrations (
  id         INTEGER PRIMARY KEY,
  year_id    INTEGER NOT NULL REFERENCES reg_years (id) ON DELETE CASCADE,
  person_id  INTEGER REFERENCES people (id) ON DELETE CASCADE,
  unit_id    INTEGER REFERENCES units (id) ON DELETE RESTRICT,
  title      TEXT NOT NULL CHECK (title <> ''),
  plan_id    INTEGER REFERENCES plans (id) ON DELETE SET NULL,
  initiative TEXT NOT NULL DEFAULT '',
  status     TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'withdrawn')),
  result     TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'achieved', 'not-achieved')),
  decision   TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT '',
  import_id  INTEGER REFERENCES reg_imports (id) ON DELETE SET NULL,
  created    INTEGER NOT NULL,
  modified   INTEGER NOT NULL,
  CHECK (person_id IS NOT NULL OR unit_id IS NOT NULL)
);
-- The same title twice in a year is refused.
CREATE UNIQUE INDEX registrations_once_person ON registrations (year_id, person_id, title)
  WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX registrations_once_unit ON registrations (year_id, unit_id, title)
  WHERE person_id IS NULL;
CREATE INDEX registrations_by_unit ON registrations (year_id, unit_id);
CREATE INDEX registrations_by_title ON registrations (year_id, title);
CREATE INDEX registrations_by_import ON registrations (import_id);

-- What an import replaced (with the user's consent), so undoing the import
-- puts it back.
CREATE TABLE reg_import_replaced (
  import_id       INTEGER NOT NULL REFERENCES reg_imports (id) ON DELETE CASCADE,
  registration_id INTEGER NOT NULL,
  initiative      TEXT NOT NULL,
  status          TEXT NOT NULL,
  result          TEXT NOT NULL,
  decision        TEXT NOT NULL,
  note            TEXT NOT NULL,
  plan_id         INTEGER
);

-- Structured targets (chỉ tiêu) of a plan: "Có từ 10 - 15% cá nhân đạt
-- danh hiệu CSTĐCS trong tổng số cá nhân đạt LĐTT".
CREATE TABLE plan_targets (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  title      TEXT NOT NULL,                 -- catalog id
  min_value  REAL,                          -- NULL: no lower bound
  max_value  REAL,                          -- NULL: no upper bound
  measure    TEXT NOT NULL DEFAULT 'percent' CHECK (measure IN ('percent', 'count')),
  base       TEXT NOT NULL DEFAULT 'staff', -- 'staff', 'units', or a catalog id
  CHECK (min_value IS NOT NULL OR max_value IS NOT NULL)
);
CREATE INDEX plan_targets_by_plan ON plan_targets (plan_id, position);
