-- One index reads a year (issue 10: an import of 100,000 registrations
-- spent a quarter of its write on registrations_by_title and
-- registrations_by_unit).  registrations_once_person covers every row
-- now, collectives included (their NULL person never collides, and
-- registrations_once_unit still keeps them unique), so every year-only
-- query reads the year through it; title and unit filters test the year's
-- rows as they come (bench/README-import.md: EXPLAIN QUERY PLAN of each
-- query on registrations, before and after).
DROP INDEX registrations_by_title;
DROP INDEX registrations_by_unit;
DROP INDEX registrations_once_person;
CREATE UNIQUE INDEX registrations_once_person ON registrations (year_id, person_id, title);
