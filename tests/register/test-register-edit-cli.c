/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-edit-cli.c — `thidua-cli register add|set|withdraw|delete`
 * and `thidua-cli office` through the real executable (issue 11): every
 * refusal exits non-zero with a message and leaves the database exactly
 * as it was. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "../thidua-test-tmp.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
cli (Run *r, const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  const char *a;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &r->status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (r->status, NULL))
    r->status = r->status ? r->status : 1;
}

/* Every row of every table, in rowid order: what "unchanged" means. */
static char *
dump (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "== %s\n", sqlite3_column_text (tables, 0));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (rows, c) ? (const char *) sqlite3_column_text (rows, c) : "NULL");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static JsonArray *
list_json (const char *db, JsonParser **parser)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;

  cli (&r, db, "register", "list", "--year", "2024", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*parser, r.out, -1, &error));
  return json_node_get_array (json_parser_get_root (*parser));
}

static JsonObject *
find_row (JsonArray *rows, gint64 id)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      if (json_object_get_int_member (o, "id") == id)
        return o;
    }
  return NULL;
}

static gint64
add_ok (const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;
  va_list ap;
  const char *a;
  guint64 id;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  g_ptr_array_add (argv, "register");
  g_ptr_array_add (argv, "add");
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (status != 0)
    g_error ("register add failed: %s", err);
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  g_assert_true (g_ascii_string_to_unsigned (out, 10, 1, G_MAXINT64, &id, NULL));
  return (gint64) id;
}

/* Runs a command that must be refused: non-zero exit, the message, and
 * not one byte of the database changed. */
static void
refused (const char *db, const char *message, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;
  int status;
  va_list ap;
  const char *a;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, message);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpstr (out, ==, "");
  if (strstr (err, message) == NULL)
    g_error ("expected “%s” in: %s", message, err);
  after = dump (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_by_hand (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-register-edit");
  g_autofree char *db = g_build_filename (dir, "edit.db", NULL);
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *rows;
  JsonObject *o;
  gint64 ldtt, cs, unit;

  /* a person (created with the unit) and two titles: by code and by name */
  ldtt = add_ok (db, "--year", "2024", "--person", "Nguyễn Thị Hà", "--unit", "Phòng Tổ chức",
                 "--position", "Chuyên viên", "--title", "LĐTT", NULL);
  cs = add_ok (db, "--year", "2024", "--person", "Nguyễn Thị Hà", "--unit", "Phòng Tổ chức",
               "--title", "Chiến sĩ thi đua cơ sở", "--initiative", "Số hoá hồ sơ", "--note", "ghi chú", NULL);
  unit = add_ok (db, "--year", "2024", "--collective", "Phòng Tổ chức", "--title", "Tập thể lao động tiên tiến", NULL);
  g_assert_cmpint (cs, !=, ldtt);

  rows = list_json (db, &parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  o = find_row (rows, cs);
  g_assert_nonnull (o);
  g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, "Nguyễn Thị Hà");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "Phòng Tổ chức");
  g_assert_cmpstr (json_object_get_string_member (o, "position"), ==, "Chuyên viên");
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "cstdcs");
  g_assert_cmpstr (json_object_get_string_member (o, "initiative"), ==, "Số hoá hồ sơ");
  g_assert_cmpstr (json_object_get_string_member (o, "note"), ==, "ghi chú");
  /* the same person, not a second one */
  g_assert_cmpint (json_object_get_int_member (o, "person_id"),
                   ==, json_object_get_int_member (find_row (rows, ldtt), "person_id"));
  g_assert_cmpstr (json_object_get_string_member (find_row (rows, unit), "kind"), ==, "collective");
  g_clear_object (&parser);

  /* refusals, each leaving the database as it was */
  refused (db, "already registered for “Lao động tiên tiến” in 2024",
           "register", "add", "--year", "2024", "--person", "Nguyễn Thị Hà", "--unit", "Phòng Tổ chức",
           "--title", "Lao động tiên tiến", NULL);
  refused (db, "already registered for “Tập thể lao động tiên tiến” in 2024",
           "register", "add", "--year", "2024", "--collective", "phong to chuc", "--title", "TTLĐTT", NULL);
  /* unknown title: not even the new person or unit is created */
  refused (db, "“Lao động giỏi” is not a title",
           "register", "add", "--year", "2024", "--person", "Trần Văn Mới", "--unit", "Phòng Mới",
           "--title", "Lao động giỏi", NULL);
  refused (db, "is not a title",
           "register", "set", "1", "--title", "XYZ", NULL);
  refused (db, "--result must be pending, achieved or not-achieved, not “đạt”",
           "register", "set", "1", "--result", "đạt", NULL);
  refused (db, "there is no registration 999", "register", "set", "999", "--note", "x", NULL);
  refused (db, "there is no registration 999", "register", "withdraw", "999", NULL);
  refused (db, "there is no registration 999", "register", "delete", "999", NULL);
  refused (db, "is not a registration ID", "register", "delete", "abc", NULL);
  /* changing a title into one already held */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, cs);
    refused (db, "already registered for “Lao động tiên tiến”", "register", "set", id, "--title", "LĐTT", NULL);
  }

  /* set, withdraw, delete: and list --json shows each */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ldtt);
    g_autofree char *cs_id = g_strdup_printf ("%" G_GINT64_FORMAT, cs);
    g_autofree char *unit_id = g_strdup_printf ("%" G_GINT64_FORMAT, unit);

    cli (&r, db, "register", "set", id, "--result", "achieved", "--decision", "25/QĐ-UBND", NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    cli (&r, db, "register", "withdraw", cs_id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    run_clear (&r);
    cli (&r, db, "register", "delete", unit_id, NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  rows = list_json (db, &parser);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  o = find_row (rows, ldtt);
  g_assert_cmpstr (json_object_get_string_member (o, "result"), ==, "achieved");
  g_assert_cmpstr (json_object_get_string_member (o, "decision"), ==, "25/QĐ-UBND");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (find_row (rows, cs), "status"), ==, "withdrawn");
  g_assert_null (find_row (rows, unit));
  g_clear_object (&parser);

  thidua_test_tmpdir_remove (dir);
}

static void
test_office (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-office");
  g_autofree char *db = g_build_filename (dir, "office.db", NULL);
  g_auto(Run) r = { 0 };

  cli (&r, db, "list", NULL);   /* creates the database */
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  cli (&r, db, "office", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "\t\t\n");
  run_clear (&r);

  cli (&r, db, "office", "--name", "SỞ Y TẾ", "--code", "SYT", "--parent", "UBND TỈNH ĐIỆN BIÊN", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "");
  run_clear (&r);
  cli (&r, db, "office", NULL);
  g_assert_cmpstr (r.out, ==, "SỞ Y TẾ\tSYT\tUBND TỈNH ĐIỆN BIÊN\n");
  run_clear (&r);

  /* a new name keeps the code and parent given before */
  cli (&r, db, "office", "--name", "  Sở Y tế tỉnh Điện Biên ", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  cli (&r, db, "office", NULL);
  g_assert_cmpstr (r.out, ==, "Sở Y tế tỉnh Điện Biên\tSYT\tUBND TỈNH ĐIỆN BIÊN\n");
  run_clear (&r);

  refused (db, "--name is required", "office", "--code", "X", NULL);
  refused (db, "the office needs a name", "office", "--name", "   ", NULL);
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register/cli/by-hand", test_by_hand);
  g_test_add_func ("/register/cli/office", test_office);
  return g_test_run ();
}
