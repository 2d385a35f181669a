-- bench/register-queries.sql — the register's queries on registrations (src/core), one
-- per "-- name" line, with the 100,000-row bench's year and ids filled in;
-- bench/register-query-plans.sh prints how SQLite runs each, and its time.
-- model load
SELECT r.id, r.person_id, r.unit_id, r.title, r.status, r.result, r.modified, p.name_key, p.sort_key FROM registrations r JOIN reg_years y ON y.id = r.year_id LEFT JOIN people p ON p.id = r.person_id WHERE y.label = '2024';
-- check load
SELECT r.id, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), r.title, r.status = 'registered', r.result <> 'not-achieved', r.initiative <> '', ifnull (r.plan_id, 0), r.result <> 'pending' FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = '2024';
-- check duplicates
WITH here AS (SELECT DISTINCT r.person_id AS id FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = '2024' AND r.person_id IS NOT NULL) SELECT group_concat (id), ifnull (unit_id, 0), ifnull (birth_year, 0), count (*) FROM (SELECT * FROM people ORDER BY id) GROUP BY name_key, ifnull (unit_id, 0), ifnull (birth_year, 0) HAVING count (*) > 1 AND sum (id IN (SELECT id FROM here)) > 0;
-- same title (person)
SELECT id, status FROM registrations WHERE year_id = 1 AND person_id = 5 AND title = 'ldtt' AND id <> 0;
-- same title (collective)
SELECT id, status FROM registrations WHERE year_id = 1 AND person_id IS NULL AND unit_id = 5 AND title = 'ldtt' AND id <> 0;
-- register list filtered by unit subtree and title
WITH RECURSIVE sub (id) AS (SELECT id FROM units WHERE name_key = 'phong so 1' UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT r.id FROM registrations r JOIN reg_years y ON y.id = r.year_id LEFT JOIN people p ON p.id = r.person_id LEFT JOIN units u ON u.id = r.unit_id WHERE y.label = '2024' AND r.unit_id IN (SELECT id FROM sub) AND r.title = 'ldtt';
-- batch load_known
SELECT r.id, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), r.title FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = '2024';
-- exchange export up: registrations
SELECT r.id, r.uuid, r.person_id, r.unit_id, r.title FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = '2024' AND r.office_id IS NULL ORDER BY r.id;
-- exchange export up: people
SELECT p.id FROM people p WHERE p.id IN (SELECT r.person_id FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = '2024' AND r.office_id IS NULL) ORDER BY p.id;
-- exchange rollup
SELECT r.office_id IS NOT NULL, ifnull (o.name, ''), r.title, count(*), sum (r.result = 'achieved') FROM registrations r JOIN reg_years y ON y.id = r.year_id LEFT JOIN exchange_offices o ON o.id = r.office_id WHERE y.label = '2024' AND r.status = 'registered' GROUP BY r.office_id, r.title ORDER BY 1, 2, r.title;
-- exchange received rows of an office
SELECT r.uuid FROM registrations r WHERE r.office_id = 1 AND r.year_id = 1;
-- undo: people no longer used
SELECT count(*) FROM people WHERE import_id = 1 AND id NOT IN (SELECT person_id FROM registrations WHERE person_id IS NOT NULL);
