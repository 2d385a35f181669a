-- A pinned key is replaced only by an explicit action (`exchange trust`,
-- the app's "Replace the pinned key"): every replacement is kept, and the
-- packages signed by the new key are numbered anew (a school that lost its
-- database starts again at 1), so the sequence is compared per key.
ALTER TABLE exchange_offices ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;

CREATE TABLE exchange_key_replaced (
  id        INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES exchange_offices (id) ON DELETE CASCADE,
  old_key   BLOB NOT NULL CHECK (length (old_key) = 32),
  new_key   BLOB NOT NULL CHECK (length (new_key) = 32),
  replaced  INTEGER NOT NULL
);

-- exchange_received gains the key's epoch in its key (a table rebuild:
-- SQLite cannot change a primary key in place).
CREATE TABLE exchange_received_new (
  office_id    INTEGER NOT NULL REFERENCES exchange_offices (id) ON DELETE CASCADE,
  key_epoch    INTEGER NOT NULL DEFAULT 0,
  year         TEXT NOT NULL,
  direction    TEXT NOT NULL CHECK (direction IN ('up', 'down')),
  sequence     INTEGER NOT NULL,
  received     INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  rows         INTEGER NOT NULL,
  PRIMARY KEY (office_id, key_epoch, year, direction, sequence)
);
INSERT INTO exchange_received_new (office_id, key_epoch, year, direction, sequence, received, content_hash, rows)
  SELECT office_id, 0, year, direction, sequence, received, content_hash, rows FROM exchange_received;
DROP TABLE exchange_received;
ALTER TABLE exchange_received_new RENAME TO exchange_received;
