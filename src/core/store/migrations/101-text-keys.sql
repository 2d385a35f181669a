-- The version of the text keys (thidua_text_fold(), the Vietnamese sort
-- keys) stored in plans.search_key, units and people.  When core's
-- THIDUA_TEXT_KEY_VERSION differs, the store recomputes every key on open;
-- 0 means "not known", so keys written before this table are redone once.
CREATE TABLE text_keys (version INTEGER NOT NULL);
INSERT INTO text_keys (version) VALUES (0);
