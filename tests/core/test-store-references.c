/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-references.c — foreign keys checked afterwards
 * (thidua_reference_check_*), for a connection that wrote with them off. */
#include "config.h"
#include "thidua-test-sql.h"

#include <sqlite3.h>
#include <string.h>

typedef ThiduaTestDb Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  thidua_test_db_open (f, "thidua-references");
  /* a key on one column, a key on two (the second names the parent's
   * rowid implicitly), a column that may be NULL, and a quoted name */
  thidua_test_exec_ok (f->db,
           "PRAGMA foreign_keys = OFF;"
           "CREATE TABLE \"pa rent\" (id INTEGER PRIMARY KEY, a TEXT, b INTEGER, UNIQUE (a, b));"
           "CREATE TABLE other (id INTEGER PRIMARY KEY);"
           "CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES \"pa rent\" (id), "
           "  o INTEGER REFERENCES other, x TEXT, y INTEGER, "
           "  FOREIGN KEY (x, y) REFERENCES \"pa rent\" (a, b));"
           "CREATE TABLE lone (id INTEGER PRIMARY KEY, v TEXT);"
           "INSERT INTO \"pa rent\" VALUES (1, 'k', 7), (2, 'l', 8);"
           "INSERT INTO other VALUES (5);");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  thidua_test_db_close (f);
}

/* The rows of @table SQLite's own check finds naming no row. */
static guint
foreign_key_check_rows (sqlite3 *db, const char *table)
{
  sqlite3_stmt *s = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(DISTINCT rowid) FROM pragma_foreign_key_check ('%s')", table);
  guint n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (s, 0);
  sqlite3_finalize (s);
  return n;
}

/* Rows that name their parents, or leave a reference NULL, pass; each
 * kind of dangling reference is found, in the range asked only. */
static void
test_dangling (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaReferenceCheck) c = thidua_reference_check_new (f->store, "child", &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  thidua_test_exec_ok (f->db, "INSERT INTO child VALUES (1, 1, 5, 'k', 7), (2, NULL, NULL, NULL, NULL), "
                  "(3, 2, NULL, 'l', NULL), (4, NULL, 5, NULL, 8)");
  g_assert_true (thidua_reference_check_rows (c, f->store, G_MININT64, G_MAXINT64, &error));
  g_assert_no_error (error);

  /* a missing parent on each key in turn */
  thidua_test_exec_ok (f->db, "INSERT INTO child VALUES (10, 3, NULL, NULL, NULL), (20, NULL, 6, NULL, NULL), "
                  "(30, NULL, NULL, 'k', 8)");
  for (gint64 id = 10; id <= 30; id += 10)
    {
      g_assert_false (thidua_reference_check_rows (c, f->store, id, id, &error));
      g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "child"));
      g_clear_error (&error);
    }
  /* outside the range asked, they are not counted */
  g_assert_true (thidua_reference_check_rows (c, f->store, 1, 9, &error));
  g_assert_true (thidua_reference_check_rows (c, f->store, 31, G_MAXINT64, &error));
  g_assert_no_error (error);
  /* all three at once: the count names them */
  g_assert_false (thidua_reference_check_rows (c, f->store, 1, G_MAXINT64, &error));
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  /* the check agrees with SQLite's own */
  g_assert_cmpuint (foreign_key_check_rows (f->db, "child"), ==, 3);
}

/* Many rows: values out of order and repeated pass; one missing id in
 * the middle, below the least or above the greatest id, or a text, is
 * found, as SQLite's own check finds it. */
static void
test_many_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaReferenceCheck) c = NULL;
  static const char *const wrong[] = {
    "UPDATE child SET o = 500 WHERE id = 1700",     /* an even id: not a parent */
    "UPDATE child SET o = -1 WHERE id = 1100",      /* below every id */
    "UPDATE child SET o = 5001 WHERE id = 1999",    /* above every id */
    "UPDATE child SET o = 'abc' WHERE id = 1500",   /* a text never names a rowid */
    "UPDATE child SET p = 3 WHERE id = 1234",       /* the other merged key */
  };

  /* parents: the odd ids up to 1999; children 1000..1999 name them out of
   * order, several times each */
  thidua_test_exec_ok (f->db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999) "
                  "INSERT INTO other SELECT 2 * i + 1 FROM n WHERE 2 * i + 1 <> 5 UNION ALL SELECT 2003;"
                  "WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < 1999) "
                  "INSERT INTO child (id, p, o) SELECT i, 1 + i % 2, 2 * ((i * 7919) % 1000) + 1 FROM n");
  c = thidua_reference_check_new (f->store, "child", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (foreign_key_check_rows (f->db, "child"), ==, 0);
  g_assert_true (thidua_reference_check_rows (c, f->store, 1000, 1999, &error));
  g_assert_true (thidua_reference_check_rows (c, f->store, G_MININT64, G_MAXINT64, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      thidua_test_exec_ok (f->db, "SAVEPOINT w");
      thidua_test_exec_ok (f->db, wrong[i]);
      g_assert_cmpuint (foreign_key_check_rows (f->db, "child"), ==, 1);
      g_assert_false (thidua_reference_check_rows (c, f->store, 1000, 1999, &error));
      g_assert_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "1 row"));
      g_clear_error (&error);
      /* not in the range asked */
      g_assert_true (thidua_reference_check_rows (c, f->store, 0, 999, &error));
      g_assert_no_error (error);
      thidua_test_exec_ok (f->db, "ROLLBACK TO w; RELEASE w");
    }
  /* an id between two parents' (1999 and 2003) */
  thidua_test_exec_ok (f->db, "UPDATE child SET o = 2001 WHERE id = 1300");
  g_assert_false (thidua_reference_check_rows (c, f->store, 1000, 1999, &error));
  g_clear_error (&error);
}

/* A table without foreign keys has nothing to check. */
static void
test_no_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaReferenceCheck) c = thidua_reference_check_new (f->store, "lone", &error);

  g_assert_no_error (error);
  thidua_test_exec_ok (f->db, "INSERT INTO lone VALUES (1, 'x')");
  g_assert_true (thidua_reference_check_rows (c, f->store, G_MININT64, G_MAXINT64, &error));
  g_assert_no_error (error);
}

/* Which tables other tables refer to: deleting from them without
 * enforcement would skip a cascade. */
static void
test_referenced (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean referenced = FALSE;

  g_assert_true (thidua_store_is_referenced (f->store, "pa rent", &referenced, &error));
  g_assert_true (referenced);
  g_assert_true (thidua_store_is_referenced (f->store, "other", &referenced, &error));
  g_assert_true (referenced);
  g_assert_true (thidua_store_is_referenced (f->store, "child", &referenced, &error));
  g_assert_false (referenced);
  g_assert_true (thidua_store_is_referenced (f->store, "lone", &referenced, &error));
  g_assert_false (referenced);
  g_assert_no_error (error);
}

/* The register's own schema: nothing refers to registrations, the one
 * table an exchange apply deletes from with enforcement off
 * (thidua-exchange.c). */
static void
test_register_schema (void)
{
  ThiduaTestDb t = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean referenced = TRUE;
  sqlite3_stmt *s = NULL;

  thidua_test_db_open (&t, "thidua-references");
  g_assert_true (thidua_store_is_referenced (t.store, "registrations", &referenced, &error));
  g_assert_false (referenced);
  g_assert_true (thidua_store_is_referenced (t.store, "people", &referenced, &error));
  g_assert_true (referenced);
  /* every table with keys gets a check that SQLite accepts */
  g_assert_cmpint (sqlite3_prepare_v2 (t.db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite%'", -1, &s, NULL), ==, SQLITE_OK);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      g_autoptr(ThiduaReferenceCheck) c =
        thidua_reference_check_new (t.store, (const char *) sqlite3_column_text (s, 0), &error);
      g_assert_no_error (error);
      g_assert_true (thidua_reference_check_rows (c, t.store, G_MININT64, G_MAXINT64, &error));
      g_assert_no_error (error);
    }
  sqlite3_finalize (s);
  thidua_test_db_close (&t);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/references/dangling", Fixture, NULL, fixture_setup, test_dangling, fixture_teardown);
  g_test_add ("/store/references/many-rows", Fixture, NULL, fixture_setup, test_many_rows, fixture_teardown);
  g_test_add ("/store/references/no-keys", Fixture, NULL, fixture_setup, test_no_keys, fixture_teardown);
  g_test_add ("/store/references/referenced", Fixture, NULL, fixture_setup, test_referenced, fixture_teardown);
  g_test_add_func ("/store/references/register-schema", test_register_schema);
  return g_test_run ();
}
