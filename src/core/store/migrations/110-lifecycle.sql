-- Sign-off and issuing: a plan goes draft → submitted → returned → … →
-- issued → replaced.  Every step is a row of plan_events (append-only);
-- an issued plan's content is frozen by triggers, so no program (not even
-- the sqlite3 shell) can make a reprint differ from what was signed.
--
-- The one column of plans left out of the freeze is search_key: a folded
-- index the store recomputes when the folding changes (101), not content.

-- Existing plans become drafts (001 gave every row 'draft'; make sure).
UPDATE plans SET status = 'draft' WHERE status NOT IN ('draft');

ALTER TABLE plans ADD COLUMN replaces INTEGER REFERENCES plans (id);
ALTER TABLE plans ADD COLUMN code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX plans_by_code ON plans (code) WHERE code <> '';

-- No foreign key to plans: the history outlives nothing, and a plan that
-- has one cannot be deleted (trigger below).
CREATE TABLE plan_events (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL,
  at           TEXT NOT NULL,          -- local time, YYYY-MM-DDTHH:MM:SS
  from_status  TEXT NOT NULL,
  to_status    TEXT NOT NULL CHECK (to_status IN ('submitted', 'returned', 'issued', 'replaced')),
  by_name      TEXT NOT NULL DEFAULT '',
  comment      TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL           -- SHA-256 (hex) of the canonical form at that moment
);
CREATE INDEX plan_events_by_plan ON plan_events (plan_id, id);

CREATE TRIGGER plan_events_no_update BEFORE UPDATE ON plan_events
BEGIN SELECT RAISE (ABORT, 'the history of a plan cannot be changed'); END;
CREATE TRIGGER plan_events_no_delete BEFORE DELETE ON plan_events
BEGIN SELECT RAISE (ABORT, 'the history of a plan cannot be deleted'); END;

-- The outgoing register (sổ đăng ký văn bản đi): one series per issuing
-- body (body_key = folded name) and calendar year, Nghị định 30 Art. 15.
CREATE TABLE outgoing_numbers (
  id           INTEGER PRIMARY KEY,
  issuing_body TEXT NOT NULL,          -- as printed
  body_key     TEXT NOT NULL,
  year         INTEGER NOT NULL,
  number       INTEGER NOT NULL CHECK (number >= 1),
  plan_id      INTEGER NOT NULL UNIQUE REFERENCES plans (id),
  issued_on    TEXT NOT NULL,          -- YYYY-MM-DD
  UNIQUE (body_key, year, number)
);
CREATE INDEX outgoing_numbers_by_year ON outgoing_numbers (year, number);

CREATE TRIGGER outgoing_numbers_no_update BEFORE UPDATE ON outgoing_numbers
BEGIN SELECT RAISE (ABORT, 'the outgoing register cannot be changed'); END;
CREATE TRIGGER outgoing_numbers_no_delete BEFORE DELETE ON outgoing_numbers
BEGIN SELECT RAISE (ABORT, 'the outgoing register cannot be changed'); END;

-- A new plan is always a draft without a code.
CREATE TRIGGER plans_insert_draft BEFORE INSERT ON plans
WHEN NEW.status IS NOT 'draft' OR NEW.code IS NOT ''
BEGIN SELECT RAISE (ABORT, 'a new plan must be a draft'); END;

-- Status moves only along the allowed steps, and only together with the
-- history event that records it (inserted first).
CREATE TRIGGER plans_status_steps BEFORE UPDATE OF status ON plans
WHEN NEW.status IS NOT OLD.status AND (
  NOT ((OLD.status IN ('draft', 'returned') AND NEW.status = 'submitted')
       OR (OLD.status = 'submitted' AND NEW.status = 'returned')
       OR (OLD.status IN ('draft', 'submitted', 'returned') AND NEW.status = 'issued')
       OR (OLD.status = 'issued' AND NEW.status = 'replaced'))
  OR NOT EXISTS (SELECT 1 FROM plan_events e
                 WHERE e.id = (SELECT max (id) FROM plan_events WHERE plan_id = NEW.id)
                   AND e.from_status = OLD.status AND e.to_status = NEW.status))
BEGIN SELECT RAISE (ABORT, 'this status change is not allowed'); END;

-- An issued plan carries its code and number.
CREATE TRIGGER plans_issued_complete BEFORE UPDATE OF status ON plans
WHEN NEW.status = 'issued' AND (NEW.code = '' OR NEW.number = '' OR NEW.year IS NULL)
BEGIN SELECT RAISE (ABORT, 'an issued plan needs its number, date and code'); END;

-- Frozen: every column of an issued or replaced plan, except the single
-- step issued → replaced (status alone) and the derived search_key.
CREATE TRIGGER plans_issued_frozen BEFORE UPDATE ON plans
WHEN OLD.status IN ('issued', 'replaced')
 AND NOT (NEW.id IS OLD.id AND NEW.profile IS OLD.profile
          AND NEW.superior_body IS OLD.superior_body AND NEW.issuing_body IS OLD.issuing_body
          AND NEW.number IS OLD.number AND NEW.symbol IS OLD.symbol AND NEW.place IS OLD.place
          AND NEW.day IS OLD.day AND NEW.month IS OLD.month AND NEW.year IS OLD.year
          AND NEW.type_name IS OLD.type_name AND NEW.subject IS OLD.subject
          AND NEW.signer_authority IS OLD.signer_authority
          AND NEW.signer_on_behalf_of IS OLD.signer_on_behalf_of
          AND NEW.signer_position IS OLD.signer_position AND NEW.signer_name IS OLD.signer_name
          AND NEW.created IS OLD.created AND NEW.modified IS OLD.modified
          AND NEW.replaces IS OLD.replaces AND NEW.code IS OLD.code
          AND (NEW.status IS OLD.status OR (OLD.status = 'issued' AND NEW.status = 'replaced')))
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its content cannot change'); END;

CREATE TRIGGER plans_issued_no_delete BEFORE DELETE ON plans
WHEN OLD.status IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: it cannot be deleted'); END;
CREATE TRIGGER plans_history_no_delete BEFORE DELETE ON plans
WHEN EXISTS (SELECT 1 FROM plan_events WHERE plan_id = OLD.id)
BEGIN SELECT RAISE (ABORT, 'the plan has a sign-off history: it cannot be deleted'); END;

-- Its recipients, body and targets (INSERT too: INSERT OR REPLACE deletes
-- without firing delete triggers).
CREATE TRIGGER plan_recipients_frozen_insert BEFORE INSERT ON plan_recipients
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its recipients cannot change'); END;
CREATE TRIGGER plan_recipients_frozen_update BEFORE UPDATE ON plan_recipients
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('issued', 'replaced')
  OR (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its recipients cannot change'); END;
CREATE TRIGGER plan_recipients_frozen_delete BEFORE DELETE ON plan_recipients
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its recipients cannot change'); END;

CREATE TRIGGER plan_bodies_frozen_insert BEFORE INSERT ON plan_bodies
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its body cannot change'); END;
CREATE TRIGGER plan_bodies_frozen_update BEFORE UPDATE ON plan_bodies
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('issued', 'replaced')
  OR (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its body cannot change'); END;
CREATE TRIGGER plan_bodies_frozen_delete BEFORE DELETE ON plan_bodies
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its body cannot change'); END;

CREATE TRIGGER plan_targets_frozen_insert BEFORE INSERT ON plan_targets
WHEN (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its targets cannot change'); END;
CREATE TRIGGER plan_targets_frozen_update BEFORE UPDATE ON plan_targets
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('issued', 'replaced')
  OR (SELECT status FROM plans WHERE id = NEW.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its targets cannot change'); END;
CREATE TRIGGER plan_targets_frozen_delete BEFORE DELETE ON plan_targets
WHEN (SELECT status FROM plans WHERE id = OLD.plan_id) IN ('issued', 'replaced')
BEGIN SELECT RAISE (ABORT, 'the plan is issued: its targets cannot change'); END;
