-- Schema 2: a folded search key (no diacritics, đ = d, lower case) and a
-- date index for the plan list.  The store fills search_key for rows
-- that have none after migrating (SQLite cannot fold Vietnamese itself).
ALTER TABLE plans ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX plans_by_date ON plans (year DESC, month DESC, day DESC, id DESC);
