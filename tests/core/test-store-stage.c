/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-stage.c — the in-memory staging tables (thidua_stage). */
#include "config.h"
#include "thidua-test-sql.h"

#include <string.h>
#include <sqlite3.h>

typedef ThiduaTestDb Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  thidua_test_db_open (f, "thidua-stage");
  g_assert_cmpint (sqlite3_exec (f->db, "CREATE VIRTUAL TABLE temp.s USING thidua_stage (seq, a, b)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  thidua_test_db_close (f);
}

/* The rows of a query, one line each, values separated by "|", NULL as
 * "∅", blobs as x'hex', floats with %g. */
static char *
dump (sqlite3 *db, const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              g_string_append_printf (out, "%lld", (long long) sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              g_string_append_printf (out, "%g", sqlite3_column_double (stmt, i));
              break;
            case SQLITE_TEXT:
              g_string_append (out, (const char *) sqlite3_column_text (stmt, i));
              break;
            case SQLITE_BLOB:
              {
                const guint8 *b = sqlite3_column_blob (stmt, i);
                g_string_append (out, "x'");
                for (int k = 0; k < sqlite3_column_bytes (stmt, i); k++)
                  g_string_append_printf (out, "%02x", b[k]);
                g_string_append_c (out, '\'');
              }
              break;
            default:
              g_string_append (out, "∅");
              break;
            }
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Values come back with the type and bytes they went in with, from SQL
 * and from the C appender alike, in the order they were added. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  ThiduaStageTable *t = thidua_store_get_stage_table (f->store, "s");
  g_autofree char *rows = NULL;

  g_assert_nonnull (t);
  thidua_test_exec_ok (f->db, "INSERT INTO temp.s VALUES (1, 'Nguyễn Văn An', x'00ff10'),"
                  " (2, NULL, 2.5), (3, -9223372036854775808, ''), (4, 9223372036854775807, x'')");
  thidua_stage_table_begin_row (t);
  g_assert_true (thidua_stage_table_add_int (t, 5));
  g_assert_true (thidua_stage_table_add_text (t, "Đoàn"));
  g_assert_true (thidua_stage_table_add_null (t));
  g_assert_true (thidua_stage_table_end_row (t));
  thidua_stage_table_begin_row (t);
  g_assert_true (thidua_stage_table_add_int (t, -6));
  g_assert_true (thidua_stage_table_add_text (t, NULL));
  g_assert_true (thidua_stage_table_add_int (t, 0));
  g_assert_true (thidua_stage_table_end_row (t));

  rows = dump (f->db, "SELECT seq, a, b, typeof (a), typeof (b) FROM temp.s");
  g_assert_cmpstr (rows, ==,
                   "1|Nguyễn Văn An|x'00ff10'|text|blob\n"
                   "2|∅|2.5|null|real\n"
                   "3|-9223372036854775808||integer|text\n"
                   "4|9223372036854775807|x''|integer|blob\n"
                   "5|Đoàn|∅|text|null\n"
                   "-6|∅|0|null|integer\n");
  g_free (rows);
  rows = dump (f->db, "SELECT count(*), sum (seq) FROM temp.s WHERE b IS NULL OR seq > 3");
  g_assert_cmpstr (rows, ==, "2|9\n");
}

/* ORDER BY the first column: rows come in the order they were added when
 * that column only grew (the scan is then the order), and sorted by
 * SQLite otherwise. */
static void
test_order (Fixture *f, gconstpointer data)
{
  g_autofree char *rows = NULL;
  g_autofree char *plan = NULL;

  thidua_test_exec_ok (f->db, "INSERT INTO temp.s VALUES (1, 'a', 0), (2, 'b', 0), (5, 'c', 0)");
  plan = dump (f->db, "EXPLAIN QUERY PLAN SELECT a FROM temp.s ORDER BY seq");
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  rows = dump (f->db, "SELECT a FROM temp.s ORDER BY seq");
  g_assert_cmpstr (rows, ==, "a\nb\nc\n");

  thidua_test_exec_ok (f->db, "INSERT INTO temp.s VALUES (3, 'd', 0)");
  g_free (plan);
  plan = dump (f->db, "EXPLAIN QUERY PLAN SELECT a FROM temp.s ORDER BY seq");
  g_assert_nonnull (strstr (plan, "TEMP B-TREE"));
  g_free (rows);
  rows = dump (f->db, "SELECT a FROM temp.s ORDER BY seq");
  g_assert_cmpstr (rows, ==, "a\nb\nd\nc\n");
  g_free (rows);
  rows = dump (f->db, "SELECT a FROM temp.s ORDER BY seq DESC");
  g_assert_cmpstr (rows, ==, "c\nd\nb\na\n");
}

/* DELETE of some rows hides them; of every row empties the table, which
 * then counts its order afresh.  UPDATE is refused, the rows unchanged. */
static void
test_delete_and_update (Fixture *f, gconstpointer data)
{
  g_autofree char *rows = NULL;
  char *msg = NULL;

  thidua_test_exec_ok (f->db, "INSERT INTO temp.s VALUES (1, 'a', 0), (2, 'b', 0), (3, 'c', 0)");
  thidua_test_exec_ok (f->db, "DELETE FROM temp.s WHERE seq = 2");
  rows = dump (f->db, "SELECT seq, a FROM temp.s ORDER BY seq");
  g_assert_cmpstr (rows, ==, "1|a\n3|c\n");
  thidua_test_exec_ok (f->db, "INSERT INTO temp.s VALUES (4, 'd', 0)");
  g_free (rows);
  rows = dump (f->db, "SELECT seq, a FROM temp.s");
  g_assert_cmpstr (rows, ==, "1|a\n3|c\n4|d\n");

  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE temp.s SET a = 'x'", NULL, NULL, &msg), !=, SQLITE_OK);
  g_assert_nonnull (strstr (msg, "only added and removed"));
  sqlite3_free (msg);
  g_free (rows);
  rows = dump (f->db, "SELECT a FROM temp.s");
  g_assert_cmpstr (rows, ==, "a\nc\nd\n");

  thidua_test_exec_ok (f->db, "DELETE FROM temp.s");
  g_free (rows);
  rows = dump (f->db, "SELECT count(*) FROM temp.s");
  g_assert_cmpstr (rows, ==, "0\n");
  /* empty again: a first column that starts low is in order once more */
  thidua_test_exec_ok (f->db, "INSERT INTO temp.s VALUES (1, 'e', 0), (2, 'f', 0)");
  g_free (rows);
  rows = dump (f->db, "EXPLAIN QUERY PLAN SELECT a FROM temp.s ORDER BY seq");
  g_assert_null (strstr (rows, "TEMP B-TREE"));
  g_free (rows);
  rows = dump (f->db, "SELECT seq, a FROM temp.s");
  g_assert_cmpstr (rows, ==, "1|e\n2|f\n");
}

/* Many rows fill several 1 MB blocks; a row larger than a block gets one
 * of its own, and a row the C appender started when its block was full
 * moves whole to the next. */
static void
test_blocks (Fixture *f, gconstpointer data)
{
  ThiduaStageTable *t = thidua_store_get_stage_table (f->store, "s");
  g_autofree char *big = g_strnfill (3 << 20, 'x');
  g_autofree char *mid = g_strnfill (700 * 1024, 'y');
  g_autofree char *rows = NULL;
  g_autofree char *expect = NULL;
  sqlite3_stmt *ins = NULL;
  const guint n = 60000;
  guint64 chars = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "INSERT INTO temp.s VALUES (?1, ?2, ?3)", -1, &ins, NULL), ==, SQLITE_OK);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("người %u", i);
      chars += g_utf8_strlen (name, -1);
      sqlite3_bind_int64 (ins, 1, i);
      sqlite3_bind_text (ins, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (ins, 3, (gint64) i * 1000003);
      g_assert_cmpint (sqlite3_step (ins), ==, SQLITE_DONE);
      sqlite3_reset (ins);
    }
  sqlite3_bind_int64 (ins, 1, n + 1);
  sqlite3_bind_text (ins, 2, big, -1, SQLITE_STATIC);
  sqlite3_bind_null (ins, 3);
  g_assert_cmpint (sqlite3_step (ins), ==, SQLITE_DONE);
  sqlite3_finalize (ins);
  for (guint i = 0; i < 3; i++)
    {
      thidua_stage_table_begin_row (t);
      g_assert_true (thidua_stage_table_add_int (t, n + 2 + i));
      g_assert_true (thidua_stage_table_add_text (t, mid));
      g_assert_true (thidua_stage_table_add_text (t, mid));
      g_assert_true (thidua_stage_table_end_row (t));
    }

  rows = dump (f->db, "SELECT count(*), sum (seq), sum (CASE WHEN typeof (b) = 'integer' THEN b END), sum (length (a)), "
                      "sum (a = 'người ' || seq), max (seq) FROM temp.s");
  expect = g_strdup_printf ("%u|%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT "|%u|%u\n",
                            n + 4, (guint64) (n + 4) * (n + 5) / 2,
                            (guint64) n * (n + 1) / 2 * 1000003,
                            chars + (3u << 20) + 3 * 700 * 1024,
                            n, n + 4);
  g_assert_cmpstr (rows, ==, expect);
  g_free (rows);
  rows = dump (f->db, "SELECT seq, length (a), length (b), a = b FROM temp.s WHERE seq > 60000 ORDER BY seq");
  g_assert_cmpstr (rows, ==, "60001|3145728|∅|∅\n60002|716800|716800|1\n60003|716800|716800|1\n60004|716800|716800|1\n");
}

/* A row begun and not ended (memory ran out half-way) is dropped by the
 * next begin: its cells do not become the next row's. */
static void
test_half_row (Fixture *f, gconstpointer data)
{
  ThiduaStageTable *t = thidua_store_get_stage_table (f->store, "s");
  g_autofree char *mid = g_strnfill (700 * 1024, 'y');
  g_autofree char *rows = NULL;

  /* the first row ever, and a later one whose cells moved to a new block */
  thidua_stage_table_begin_row (t);
  g_assert_true (thidua_stage_table_add_int (t, 1));
  g_assert_true (thidua_stage_table_add_text (t, "bỏ dở"));
  for (guint i = 0; i < 2; i++)
    {
      thidua_stage_table_begin_row (t);
      g_assert_true (thidua_stage_table_add_int (t, 2 + i));
      g_assert_true (thidua_stage_table_add_text (t, "đủ"));
      g_assert_true (thidua_stage_table_add_text (t, mid));
      g_assert_true (thidua_stage_table_end_row (t));
    }
  thidua_stage_table_begin_row (t);
  g_assert_true (thidua_stage_table_add_int (t, 9));
  g_assert_true (thidua_stage_table_add_text (t, mid));
  thidua_stage_table_begin_row (t);
  g_assert_true (thidua_stage_table_add_int (t, 4));
  g_assert_true (thidua_stage_table_add_null (t));
  g_assert_true (thidua_stage_table_add_null (t));
  g_assert_true (thidua_stage_table_end_row (t));

  rows = dump (f->db, "SELECT seq, a, length (b) FROM temp.s");
  g_assert_cmpstr (rows, ==, "2|đủ|716800\n3|đủ|716800\n4|∅|∅\n");
}

/* Tables are per connection and by name; a bad declaration is refused. */
static void
test_tables (Fixture *f, gconstpointer data)
{
  char *msg = NULL;

  g_assert_null (thidua_store_get_stage_table (f->store, "other"));
  thidua_test_exec_ok (f->db, "CREATE VIRTUAL TABLE temp.other USING thidua_stage (x)");
  g_assert_nonnull (thidua_store_get_stage_table (f->store, "other"));
  thidua_test_exec_ok (f->db, "DROP TABLE temp.other");
  g_assert_null (thidua_store_get_stage_table (f->store, "other"));

  g_assert_cmpint (sqlite3_exec (f->db, "CREATE VIRTUAL TABLE temp.bad USING thidua_stage (\"a b\")",
                                 NULL, NULL, &msg), !=, SQLITE_OK);
  g_assert_nonnull (strstr (msg, "not a column name"));
  sqlite3_free (msg);
  msg = NULL;
  g_assert_cmpint (sqlite3_exec (f->db, "CREATE VIRTUAL TABLE temp.bad USING thidua_stage",
                                 NULL, NULL, &msg), !=, SQLITE_OK);
  sqlite3_free (msg);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/stage/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/store/stage/order", Fixture, NULL, fixture_setup, test_order, fixture_teardown);
  g_test_add ("/store/stage/delete-and-update", Fixture, NULL, fixture_setup, test_delete_and_update, fixture_teardown);
  g_test_add ("/store/stage/blocks", Fixture, NULL, fixture_setup, test_blocks, fixture_teardown);
  g_test_add ("/store/stage/half-row", Fixture, NULL, fixture_setup, test_half_row, fixture_teardown);
  g_test_add ("/store/stage/tables", Fixture, NULL, fixture_setup, test_tables, fixture_teardown);
  return g_test_run ();
}
