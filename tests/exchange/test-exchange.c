/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-exchange.c — packages between offices through the real thidua-cli:
 * two schools send their registers up to their education office, the
 * office sends results down, and every hostile package is refused with
 * the receiver's database left as it was. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../thidua-test-tmp.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
runv (Run *r, const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &r->out, &r->err, &r->status, &error);
  g_assert_no_error (error);
}

static char *sql (const char *db, const char *statement);

/* After every import, taken or refused, the receiver's references all
 * hold: the apply checks them as one query instead of row by row. */
static void
check_foreign_keys (const char *db, const char *const *argv)
{
  for (guint i = 0; argv[i] != NULL && argv[i + 1] != NULL; i++)
    if (g_str_equal (argv[i], "exchange") && g_str_equal (argv[i + 1], "import")
        && g_file_test (db, G_FILE_TEST_EXISTS))
      {
        g_autofree char *dangling = sql (db, "PRAGMA foreign_key_check");
        g_assert_cmpstr (dangling, ==, "");
        return;
      }
}

static void
cli (Run *r, const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;
  const char *a;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  runv (r, (const char *const *) argv->pdata);
  check_foreign_keys (db, (const char *const *) argv->pdata);
}

/* Runs and asserts success; returns stdout. */
#define CLI_OK(db, ...) cli_ok (db, __VA_ARGS__, NULL)
static char *
cli_ok (const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(Run) r = { 0 };
  va_list ap;
  const char *a;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  runv (&r, (const char *const *) argv->pdata);
  if (r.status != 0)
    g_test_message ("stderr: %s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  check_foreign_keys (db, (const char *const *) argv->pdata);
  return g_steal_pointer (&r.out);
}

static char *
sql (const char *db, const char *statement)
{
  const char *argv[] = { "sqlite3", db, statement, NULL };
  g_auto(Run) r = { 0 };
  runv (&r, argv);
  g_assert_cmpint (r.status, ==, 0);
  return g_strchomp (g_steal_pointer (&r.out));
}

static char *
dump (const char *db)
{
  return sql (db, ".dump");
}

static void
set_office (const char *db, const char *name, const char *code)
{
  g_free (CLI_OK (db, "office", "--name", name, "--code", code));
}

/* A register of n people in five units, imported into db for 2026. */
static void
fill (const char *dir, const char *db, const char *tag, guint n)
{
  g_autofree char *csv = g_strdup_printf ("%s/%s.csv", dir, tag);
  GString *s = g_string_new ("Họ và tên;Chức vụ;Đơn vị;Loại;Danh hiệu thi đua\n");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "Nguyễn Văn %s%u;Giáo viên;Tổ %u;Cá nhân;Lao động tiên tiến\n", tag, i, i % 5);
  g_assert_true (g_file_set_contents (csv, s->str, -1, NULL));
  g_string_free (s, TRUE);
  g_free (CLI_OK (db, "register", "import", csv, "--year", "2026"));
}

typedef struct {
  char *dir;
  char *a, *b, *o;   /* two schools and their office */
} Offices;

static void
offices_setup (Offices *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-exchange");
  f->a = g_build_filename (f->dir, "a.db", NULL);
  f->b = g_build_filename (f->dir, "b.db", NULL);
  f->o = g_build_filename (f->dir, "o.db", NULL);
  set_office (f->a, "Trường THCS Lê Lợi", "LL");
  set_office (f->b, "Trường THCS Kim Đồng", "KD");
  set_office (f->o, "Phòng Giáo dục và Đào tạo huyện Mường Tè", "PGD");
  fill (f->dir, f->a, "A", 200);
  fill (f->dir, f->b, "B", 150);
}

static void
offices_teardown (Offices *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->a);
  g_free (f->b);
  g_free (f->o);
}

static char *
export_up (Offices *f, const char *db, const char *name)
{
  char *pkg = g_build_filename (f->dir, name, NULL);
  g_free (CLI_OK (db, "exchange", "export", "--year", "2026", "-o", pkg));
  return pkg;
}

/* The global ids a database gave its rows: RFC 9562 version 7, and
 * growing with the rows' ids (a package carries rows in id order, so the
 * receiver's UUID indexes grow at their end). */
static void
assert_uuids_minted_in_order (const char *db)
{
  static const char *const tables[] = { "units", "people", "registrations" };
  g_autoptr(GString) pattern = g_string_new (NULL);
  static const int groups[] = { 8, 4, 4, 4, 12 };
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (int i = 0; i < groups[g]; i++)
      {
        if (g > 0 && i == 0)
          g_string_append_c (pattern, '-');
        g_string_append (pattern, g == 2 && i == 0 ? "7" : g == 3 && i == 0 ? "[89ab]" : "[0-9a-f]");
      }
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *q = g_strdup_printf ("SELECT count(*), count(DISTINCT uuid), "
                                            "  sum (uuid GLOB '%s') FROM %s", pattern->str, tables[t]);
      g_autofree char *counts = sql (db, q);
      g_auto(GStrv) n = g_strsplit (counts, "|", -1);
      g_assert_cmpuint (g_strv_length (n), ==, 3);
      g_assert_cmpint (atoi (n[0]), >, 0);
      g_assert_cmpstr (n[1], ==, n[0]);
      g_assert_cmpstr (n[2], ==, n[0]);
      g_autofree char *order = g_strdup_printf ("SELECT count(*) FROM (SELECT uuid, lag (uuid) OVER (ORDER BY id) AS prev "
                                                "FROM %s) WHERE uuid <= prev", tables[t]);
      g_autofree char *back = sql (db, order);
      g_assert_cmpstr (back, ==, "0");
    }
}

static void
test_up_and_down (Offices *f, gconstpointer data)
{
  g_autofree char *pa = export_up (f, f->a, "a1.thidua");
  g_autofree char *pb = export_up (f, f->b, "b1.thidua");

  assert_uuids_minted_in_order (f->a);

  g_autofree char *out = CLI_OK (f->o, "exchange", "import", pa);
  g_assert_cmpstr (out, ==, "from Trường THCS Lê Lợi: 200 added, 0 changed, 0 removed, 0 to review\n");
  g_free (out);
  /* A first package is staged set-based: the rows arrive as the school
   * holds them, with the keys the register computes and each registration
   * on its person and unit. */
  static const char *const same[] = {
    "SELECT uuid, honorific, family_name, middle_name, given_name, position, birth_year, name_key, "
    "  quote (sort_key) FROM people ORDER BY uuid",
    "SELECT uuid, name, name_key, quote (sort_key), kind FROM units ORDER BY uuid",
    "SELECT r.uuid, p.uuid, u.uuid, r.title, r.initiative, r.status, r.note FROM registrations r "
    "  LEFT JOIN people p ON p.id = r.person_id LEFT JOIN units u ON u.id = r.unit_id ORDER BY r.uuid",
  };
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *school = sql (f->a, same[i]);
      g_autofree char *office = sql (f->o, same[i]);
      g_assert_cmpstr (office, ==, school);
    }
  out = CLI_OK (f->o, "exchange", "import", pb);
  g_assert_cmpstr (out, ==, "from Trường THCS Kim Đồng: 150 added, 0 changed, 0 removed, 0 to review\n");

  /* 350 rows, each attributed to the office it came from, none its own. */
  g_autofree char *counts = sql (f->o, "SELECT o.name || ':' || count(*) FROM registrations r "
                                       "JOIN exchange_offices o ON o.id = r.office_id GROUP BY o.name ORDER BY o.name");
  g_assert_cmpstr (counts, ==, "Trường THCS Kim Đồng:150\nTrường THCS Lê Lợi:200");
  g_autofree char *own = sql (f->o, "SELECT count(*) FROM registrations WHERE office_id IS NULL");
  g_assert_cmpstr (own, ==, "0");

  /* The same package again changes nothing. */
  g_autofree char *before = dump (f->o);
  g_free (out);
  out = CLI_OK (f->o, "exchange", "import", pa);
  g_assert_cmpstr (out, ==, "from Trường THCS Lê Lợi: 0 added, 0 changed, 0 removed, 0 to review\n");
  g_autofree char *after = dump (f->o);
  g_assert_cmpstr (before, ==, after);

  g_autofree char *list = CLI_OK (f->o, "exchange", "list");
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "Trường THCS Kim Đồng\t2026\t"));
  g_assert_true (g_str_has_suffix (lines[0], "\t150"));
  g_assert_true (g_str_has_prefix (lines[1], "Trường THCS Lê Lợi\t2026\t"));
  g_assert_true (g_str_has_suffix (lines[1], "\t200"));

  /* The school's year moves on: 3 added, 2 withdrawn, 2 deleted. */
  fill (f->dir, f->a, "C", 3);
  g_free (sql (f->a, "UPDATE registrations SET status = 'withdrawn' WHERE id IN (1, 2)"));
  g_free (sql (f->a, "DELETE FROM registrations WHERE id IN (3, 4)"));
  /* and one person's position and another's name change: only those two
   * are rewritten (an unchanged person is skipped, keys and all) */
  g_free (sql (f->a, "UPDATE people SET position = 'Tổ trưởng' WHERE id = 5"));
  g_free (sql (f->a, "UPDATE people SET given_name = 'Mới6', name_key = 'nguyen van moi6' WHERE id = 6"));
  g_autofree char *pa2 = export_up (f, f->a, "a2.thidua");
  assert_uuids_minted_in_order (f->a);   /* the 3 new rows' come after */
  g_free (out);
  out = CLI_OK (f->o, "exchange", "import", pa2);
  g_assert_cmpstr (out, ==, "from Trường THCS Lê Lợi: 3 added, 2 changed, 2 removed, 0 to review\n");
  g_autofree char *uuid5 = sql (f->a, "SELECT uuid FROM people WHERE id = 5");
  g_autofree char *uuid6 = sql (f->a, "SELECT uuid FROM people WHERE id = 6");
  g_autofree char *q = g_strdup_printf ("SELECT uuid, position, given_name, name_key FROM people "
                                        "WHERE uuid IN ('%s', '%s') "
                                        "ORDER BY uuid", uuid5, uuid6);
  g_autofree char *school_people = sql (f->a, q);
  g_autofree char *office_people = sql (f->o, q);
  g_assert_cmpstr (office_people, ==, school_people);
  g_assert_nonnull (strstr (office_people, "|Tổ trưởng|"));
  g_assert_nonnull (strstr (office_people, "|Mới6|nguyen van moi6"));
  g_autofree char *withdrawn = sql (f->o, "SELECT count(*) FROM registrations WHERE status = 'withdrawn'");
  g_assert_cmpstr (withdrawn, ==, "2");
  g_autofree char *total = sql (f->o, "SELECT count(*) FROM registrations");
  g_assert_cmpstr (total, ==, "351");

  /* An older package is refused, and changes nothing. */
  g_autofree char *before_old = dump (f->o);
  {
    g_auto(Run) r = { 0 };
    cli (&r, f->o, "exchange", "import", pa, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "older than package 2"));
  }
  g_autofree char *after_old = dump (f->o);
  g_assert_cmpstr (before_old, ==, after_old);

  /* Received rows belong to the school: only results change here. */
  {
    const char *argv[] = { "sqlite3", f->o, "UPDATE registrations SET title = 'x' WHERE office_id IS NOT NULL", NULL };
    g_auto(Run) r = { 0 };
    runv (&r, argv);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "read-only"));
  }

  /* Results for five rows go down with their decision. */
  g_free (sql (f->o, "UPDATE registrations SET result = 'achieved', decision = '25/QĐ-UBND' WHERE id IN "
                     "(SELECT r.id FROM registrations r JOIN exchange_offices o ON o.id = r.office_id "
                     " WHERE o.name = 'Trường THCS Lê Lợi' AND r.status = 'registered' ORDER BY r.uuid LIMIT 5)"));
  g_autofree char *down = g_build_filename (f->dir, "down.thidua", NULL);
  g_free (CLI_OK (f->o, "exchange", "export", "--year", "2026", "--to", "Trường THCS Lê Lợi", "-o", down));
  g_free (out);
  out = CLI_OK (f->a, "exchange", "import", down);
  g_assert_cmpstr (out, ==, "from Phòng Giáo dục và Đào tạo huyện Mường Tè: 0 added, 5 changed, 0 removed, 0 to review\n");
  g_autofree char *results = sql (f->a, "SELECT result || ' ' || decision || ' ' || count(*) FROM registrations "
                                        "GROUP BY result, decision ORDER BY result");
  g_assert_cmpstr (results, ==, "achieved 25/QĐ-UBND 5\npending  196");
  /* The other school's package of results is not for this school. */
  {
    g_autofree char *before_b = dump (f->b);
    g_auto(Run) r = { 0 };
    cli (&r, f->b, "exchange", "import", down, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "Trường THCS Lê Lợi"));
    g_autofree char *after_b = dump (f->b);
    g_assert_cmpstr (before_b, ==, after_b);
  }

  /* A row the office judged and the school then deleted is listed for
   * review, never dropped silently. */
  g_autofree char *judged = sql (f->o, "SELECT uuid FROM registrations WHERE result = 'achieved' ORDER BY uuid LIMIT 1");
  g_autofree char *del = g_strdup_printf ("DELETE FROM registrations WHERE uuid = '%s'", judged);
  g_free (sql (f->a, del));
  g_autofree char *pa3 = export_up (f, f->a, "a3.thidua");
  g_free (out);
  out = CLI_OK (f->o, "exchange", "import", pa3);
  g_assert_cmpstr (out, ==, "from Trường THCS Lê Lợi: 0 added, 0 changed, 0 removed, 1 to review\n");
  g_autofree char *kept_sql = g_strdup_printf ("SELECT count(*) FROM registrations WHERE uuid = '%s'", judged);
  g_autofree char *kept = sql (f->o, kept_sql);
  g_assert_cmpstr (kept, ==, "1");
  g_autofree char *review = sql (f->o, "SELECT count(*) FROM exchange_review");
  g_assert_cmpstr (review, ==, "1");

  /* register list names each row's office, and filters by it. */
  g_autofree char *mine = CLI_OK (f->o, "register", "list", "--year", "2026", "--office", "Trường THCS Kim Đồng");
  g_auto(GStrv) mine_lines = g_strsplit (g_strchomp (mine), "\n", -1);
  g_assert_cmpuint (g_strv_length (mine_lines), ==, 150);
  g_autofree char *json = CLI_OK (f->o, "register", "list", "--year", "2026", "--json");
  g_assert_nonnull (strstr (json, "\"office\" : \"Trường THCS Lê Lợi\""));
  g_assert_nonnull (strstr (json, "\"office\" : \"Trường THCS Kim Đồng\""));

  /* The roll-up across offices prints each office and the totals. */
  g_autofree char *pdf = g_build_filename (f->dir, "rollup.pdf", NULL);
  g_free (CLI_OK (f->o, "register", "report", "--year", "2026", "--by-office", "-o", pdf));
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_auto(Run) t = { 0 };
  runv (&t, argv);
  g_assert_cmpint (t.status, ==, 0);
  g_assert_nonnull (strstr (t.out, "CỦA CÁC ĐƠN VỊ"));
  g_assert_nonnull (strstr (t.out, "Trường THCS Kim Đồng"));
  g_assert_nonnull (strstr (t.out, "Trường THCS Lê Lợi"));
  g_assert_nonnull (strstr (t.out, "Cộng (2 đơn vị)"));
}

/* A plan the school issued verifies at the office by its printed code. */
static void
test_verify_received_plan (Offices *f, gconstpointer data)
{
  g_autofree char *json = g_build_filename (f->dir, "plan.json", NULL);
  g_assert_true (g_file_set_contents (json,
      "{\"profile\":\"state\",\"superior_body\":\"UBND HUYỆN MƯỜNG TÈ\",\"issuing_body\":\"TRƯỜNG THCS LÊ LỢI\","
      "\"symbol\":\"KH-THCS\",\"place\":\"Mường Tè\",\"date\":{\"day\":2,\"month\":3,\"year\":2026},"
      "\"subject\":\"Phát động phong trào thi đua năm 2026\",\"body\":\"I. MỤC ĐÍCH\\n\\nĐộng viên giáo viên.\","
      "\"recipients\":[\"Phòng GD&ĐT (b/c);\",\"Lưu: VT.\"],"
      "\"signer\":{\"position\":\"HIỆU TRƯỞNG\",\"name\":\"Lò Văn A\"}}", -1, NULL));
  g_autofree char *id = g_strchomp (CLI_OK (f->a, "import-json", json));
  g_autofree char *issued = g_strchomp (CLI_OK (f->a, "issue", id, "--date", "2026-03-02", "--by", "Lò Văn A"));
  g_auto(GStrv) parts = g_strsplit (issued, "\t", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  const char *code = parts[2];

  {
    g_auto(Run) r = { 0 };
    cli (&r, f->o, "verify", code, NULL);
    g_assert_true (WIFEXITED (r.status) && WEXITSTATUS (r.status) == 1);   /* not received yet */
  }
  g_autofree char *pa = export_up (f, f->a, "plan.thidua");
  g_free (CLI_OK (f->o, "exchange", "import", pa));
  g_autofree char *out = CLI_OK (f->o, "verify", code);
  g_assert_cmpstr (out, ==, "-\t01/KH-THCS\t2026-03-02\tTrường THCS Lê Lợi\n");
}

/* Writes bytes to a new file in dir. */
static char *
write_file (const char *dir, const char *name, const void *data, gsize len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static void
gzip_file (const char *from, const char *to)
{
  g_autofree char *raw = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (from, &raw, &len, NULL));
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GFile) file = g_file_new_for_path (to);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  g_autoptr(GOutputStream) conv = g_converter_output_stream_new (G_OUTPUT_STREAM (out), gz);
  g_assert_true (g_output_stream_write_all (conv, raw, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (conv, NULL, NULL));
}

static void
gunzip_file (const char *from, const char *to)
{
  g_autoptr(GFile) in_file = g_file_new_for_path (from);
  g_autoptr(GFileInputStream) in = g_file_read (in_file, NULL, NULL);
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (G_INPUT_STREAM (in), gz);
  g_autoptr(GFile) out_file = g_file_new_for_path (to);
  g_autoptr(GFileOutputStream) out = g_file_replace (out_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL);
  g_assert_cmpint (g_output_stream_splice (G_OUTPUT_STREAM (out), conv,
                                           G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                           NULL, NULL), >, 0);
}

static void
assert_refused (Offices *f, const char *pkg, const char *message)
{
  g_autofree char *before = dump (f->o);
  g_auto(Run) r = { 0 };
  cli (&r, f->o, "exchange", "import", pkg, NULL);
  g_assert_cmpint (r.status, !=, 0);
  if (strstr (r.err, message) == NULL)
    g_error ("expected “%s” in: %s", message, r.err);
  g_autofree char *after = dump (f->o);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refusals (Offices *f, gconstpointer data)
{
  g_autofree char *good = export_up (f, f->a, "good.thidua");
  g_free (CLI_OK (f->o, "exchange", "import", good));
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (good, &bytes, &len, NULL));

  /* One flipped byte in the middle. */
  bytes[len / 2] ^= 0x40;
  g_autofree char *flipped = write_file (f->dir, "flipped.thidua", bytes, len);
  bytes[len / 2] ^= 0x40;
  assert_refused (f, flipped, "damaged");

  g_autofree char *cut = write_file (f->dir, "cut.thidua", bytes, len / 2);
  assert_refused (f, cut, "cut short");

  g_autofree char *empty = write_file (f->dir, "empty.thidua", "", 0);
  assert_refused (f, empty, "empty");

  /* An empty zip archive: the end-of-directory record alone. */
  static const char zip[22] = "PK\x05\x06";
  g_autofree char *zipped = write_file (f->dir, "other.thidua", zip, sizeof zip);
  assert_refused (f, zipped, "not a Thi Đua package");

  /* Another database that claims the same office: another key. */
  g_autofree char *impostor_db = g_build_filename (f->dir, "impostor.db", NULL);
  set_office (impostor_db, "Trường THCS Lê Lợi", "LL");
  fill (f->dir, impostor_db, "X", 3);
  g_autofree char *impostor = export_up (f, impostor_db, "impostor.thidua");
  assert_refused (f, impostor, "pinned as");

  /* A package carrying a trigger and a view that would write if run. */
  g_autofree char *raw = g_build_filename (f->dir, "raw.db", NULL);
  gunzip_file (good, raw);
  g_free (sql (raw, "CREATE TABLE loot (x); "
                    "CREATE TRIGGER t AFTER INSERT ON manifest BEGIN INSERT INTO loot VALUES (1); END; "
                    "CREATE VIEW v AS SELECT * FROM manifest"));
  g_autofree char *trapped = g_build_filename (f->dir, "trapped.thidua", NULL);
  gzip_file (raw, trapped);
  assert_refused (f, trapped, "that no package has");

  /* A row changed after signing: the content hash catches it. */
  gunzip_file (good, raw);
  g_free (sql (raw, "UPDATE registrations SET title = 'Chiến sĩ thi đua cơ sở' WHERE rowid = 1"));
  g_autofree char *forged = g_build_filename (f->dir, "forged.thidua", NULL);
  gzip_file (raw, forged);
  assert_refused (f, forged, "does not match");
  /* The same forged package as an office's first from that school: its
   * rows are checked beside the apply, which stages and moves every row
   * before the check ends; the refusal rolls all of it back, the sender's
   * key pinned with it. */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh-office.db", NULL);
    set_office (fresh, "Phòng GD&ĐT Mới", "PM");
    g_autofree char *before = dump (fresh);
    g_auto(Run) r = { 0 };
    cli (&r, fresh, "exchange", "import", forged, NULL);
    g_assert_cmpint (r.status, !=, 0);
    if (strstr (r.err, "does not match") == NULL)
      g_error ("expected “does not match” in: %s", r.err);
    g_autofree char *after = dump (fresh);
    g_assert_cmpstr (before, ==, after);
    g_autofree char *count = sql (fresh, "SELECT count(*) FROM registrations");
    g_assert_cmpstr (count, ==, "0");
  }

  /* A package whose registration names a person it does not carry (the
   * school's file was edited behind its back, foreign keys off): taken
   * before, it became the unit's registration; now it is refused, and a
   * reference that would dangle never reaches the office. */
  g_autofree char *holed_db = g_build_filename (f->dir, "holed.db", NULL);
  set_office (holed_db, "Trường THCS Hoàng Hoa Thám", "HHT");
  fill (f->dir, holed_db, "H", 4);
  g_free (sql (holed_db, "DELETE FROM people WHERE id = (SELECT person_id FROM registrations ORDER BY id LIMIT 1)"));
  g_autofree char *holed = export_up (f, holed_db, "holed.thidua");
  assert_refused (f, holed, "refers to rows it does not hold");

  /* A link is not followed. */
  g_autofree char *link = g_build_filename (f->dir, "link.thidua", NULL);
  g_assert_cmpint (symlink (good, link), ==, 0);
  assert_refused (f, link, "symbolic link");
}

/* A pinned key is replaced only by the explicit action: a package signed
 * by another key is refused (nothing written) until `exchange trust
 * --replace` is given that key's fingerprint; then it is received, and
 * packages signed by the old key are refused. */
static void
test_trust_replace (Offices *f, gconstpointer data)
{
  g_autofree char *first = export_up (f, f->a, "first.thidua");
  g_free (CLI_OK (f->o, "exchange", "import", first));

  /* The school lost its database: a new one, same name and code, new key. */
  g_autofree char *fresh_db = g_build_filename (f->dir, "fresh.db", NULL);
  set_office (fresh_db, "Trường THCS Lê Lợi", "LL");
  fill (f->dir, fresh_db, "N", 4);
  g_autofree char *fresh = export_up (f, fresh_db, "fresh.thidua");
  g_autofree char *office_out = CLI_OK (fresh_db, "office");
  const char *key_line = strstr (office_out, "key\t");
  g_assert_nonnull (key_line);
  g_autofree char *new_fp = g_strndup (key_line + 4, strcspn (key_line + 4, "\n"));
  g_autofree char *old_out = CLI_OK (f->a, "office");
  const char *old_line = strstr (old_out, "key\t");
  g_assert_nonnull (old_line);
  g_autofree char *old_fp = g_strndup (old_line + 4, strcspn (old_line + 4, "\n"));
  g_assert_cmpstr (old_fp, !=, new_fp);

  g_autofree char *before = dump (f->o);
  {
    g_auto(Run) r = { 0 };
    cli (&r, f->o, "exchange", "import", fresh, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, old_fp));
    g_assert_nonnull (strstr (r.err, new_fp));
    g_assert_nonnull (strstr (r.err, "exchange trust"));
  }
  /* Looking at the conflict shows both fingerprints and writes nothing. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, f->o, "exchange", "trust", fresh, NULL);
    g_assert_cmpint (r.status, ==, 1 << 8);
    g_autofree char *want = g_strdup_printf ("office\tTrường THCS Lê Lợi\npinned\t%s\npackage\t%s\n",
                                             old_fp, new_fp);
    g_assert_cmpstr (r.out, ==, want);
  }
  /* Another fingerprint than the package's key's: refused, nothing written. */
  {
    g_auto(Run) r = { 0 };
    cli (&r, f->o, "exchange", "trust", fresh, "--replace", old_fp, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "is kept"));
  }
  {
    g_autofree char *after = dump (f->o);
    g_assert_cmpstr (before, ==, after);
  }
  {
    g_autofree char *n = sql (f->o, "SELECT count(*) FROM registrations");
    g_assert_cmpstr (n, ==, "200");
  }

  /* The explicit action, with the fingerprint read as by phone (lower
   * case, no spaces); then the package is received. */
  g_autofree char *spoken = g_ascii_strdown (new_fp, -1);
  g_strdelimit (spoken, " ", '-');
  g_free (CLI_OK (f->o, "exchange", "trust", fresh, "--replace", spoken));
  g_autofree char *applied = CLI_OK (f->o, "exchange", "import", fresh);
  g_assert_cmpstr (applied, ==, "from Trường THCS Lê Lợi: 4 added, 0 changed, 200 removed, 0 to review\n");
  {
    g_autofree char *n = sql (f->o, "SELECT count(*) FROM registrations");
    g_assert_cmpstr (n, ==, "4");
    g_autofree char *kept = sql (f->o, "SELECT count(*) FROM exchange_key_replaced");
    g_assert_cmpstr (kept, ==, "1");
  }
  /* A package the old key signs is now the stranger. */
  g_autofree char *old_again = export_up (f, f->a, "old-again.thidua");
  {
    g_autofree char *mid = dump (f->o);
    g_auto(Run) r = { 0 };
    cli (&r, f->o, "exchange", "import", old_again, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "pinned as"));
    g_autofree char *after = dump (f->o);
    g_assert_cmpstr (mid, ==, after);
  }
  /* Replacing with the key already pinned changes nothing. */
  {
    g_autofree char *mid = dump (f->o);
    g_free (CLI_OK (f->o, "exchange", "trust", fresh, "--replace", new_fp));
    g_autofree char *after = dump (f->o);
    g_assert_cmpstr (mid, ==, after);
  }
}

/* kill -9 at random moments of a 100,000-row import: the database is
 * whole and holds the old state or the new one, never a mix. */
static void
test_kill (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-kill");
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *office = g_build_filename (dir, "office.db", NULL);
  g_autofree char *work = g_build_filename (dir, "work.db", NULL);
  g_autofree char *pkg = g_build_filename (dir, "big.thidua", NULL);
  set_office (school, "Trường THPT Lai Châu", "TLC");
  set_office (office, "Sở Giáo dục và Đào tạo", "SGD");
  /* The sanitized run checks memory, not the file's atomicity at scale
   * (the plain run does): a tenth of the rows. */
  const guint n_rows = g_getenv ("THIDUA_TEST_SANITIZED") ? 10000 : 100000;
  g_autofree char *n_rows_text = g_strdup_printf ("%u", n_rows);

  fill (dir, school, "K", n_rows);
  g_free (CLI_OK (school, "exchange", "export", "--year", "2026", "-o", pkg));

  /* How long a whole import takes, to spread the kills over it. */
  g_autofree char *probe = g_build_filename (dir, "probe.db", NULL);
  {
    g_autoptr(GFile) from = g_file_new_for_path (office);
    g_autoptr(GFile) to = g_file_new_for_path (probe);
    g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
  }
  gint64 t0 = g_get_monotonic_time ();
  g_free (CLI_OK (probe, "exchange", "import", pkg));
  gint64 span = MAX (g_get_monotonic_time () - t0, 50000);

  guint old_seen = 0, new_seen = 0;
  for (int i = 0; i < 20; i++)
    {
      g_autoptr(GFile) from = g_file_new_for_path (office);
      g_autoptr(GFile) to = g_file_new_for_path (work);
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
      const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", work, "exchange", "import", pkg, NULL };
      GPid pid;
      g_autoptr(GError) error = NULL;
      g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (0, (gint32) (span * 11 / 10)));
      kill (pid, SIGKILL);
      int status;
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      g_autofree char *check = sql (work, "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      g_autofree char *dangling = sql (work, "PRAGMA foreign_key_check");
      g_assert_cmpstr (dangling, ==, "");
      g_autofree char *n = sql (work, "SELECT count(*) FROM registrations");
      g_autofree char *received = sql (work, "SELECT count(*) FROM exchange_received");
      if (g_str_equal (n, "0"))
        {
          g_assert_cmpstr (received, ==, "0");
          old_seen++;
        }
      else
        {
          g_assert_cmpstr (n, ==, n_rows_text);
          g_assert_cmpstr (received, ==, "1");
          new_seen++;
        }
      g_autofree char *wal = g_strconcat (work, "-wal", NULL);
      g_autofree char *shm = g_strconcat (work, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_test_message ("old state %u times, new state %u times", old_seen, new_seen);
  g_assert_cmpuint (old_seen + new_seen, ==, 20);
  thidua_test_tmpdir_remove (dir);
}

/* The export reads the office's file through a read-only URI: a folder
 * name with URI characters, a relative --db path, and the office's file
 * left in WAL mode with nothing of the package's pragmas. */
static void
test_export_paths (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-paths");
  g_autofree char *sub = g_build_filename (dir, "Sở #1 ?a%20b", NULL);
  g_autofree char *db = g_build_filename (sub, "trường.db", NULL);
  g_autofree char *o = g_build_filename (dir, "o.db", NULL);
  g_autofree char *pkg = g_build_filename (dir, "p.thidua", NULL);
  g_autofree char *count = NULL, *mode = NULL, *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", "trường.db", "exchange", "export",
                         "--year", "2026", "-o", pkg, NULL };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  set_office (db, "Trường Tiểu học Hoa Sen", "HS");
  set_office (o, "Phòng Giáo dục", "PGD");
  fill (sub, db, "P", 30);
  /* the first export gives the rows their UUIDs; the second changes only
   * the sequence number */
  g_free (CLI_OK (db, "exchange", "export", "--year", "2026", "-o", pkg));
  before = sql (db, "SELECT count(*), group_concat (uuid) FROM registrations");
  g_spawn_sync (sub, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (status != 0)
    g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, ==, 0);
  after = sql (db, "SELECT count(*), group_concat (uuid) FROM registrations");
  g_assert_cmpstr (before, ==, after);
  mode = sql (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_free (CLI_OK (o, "exchange", "import", pkg));
  count = sql (o, "SELECT count(*) FROM registrations WHERE office_id IS NOT NULL");
  g_assert_cmpstr (count, ==, "30");
  thidua_test_tmpdir_remove (dir);
}

/* More people than the keys made beside the apply travel in at once
 * (batches of 1,024, eight of them going round): every person still gets
 * the keys the register gives it, in a first package and in a later one
 * that changes a few names among unchanged people. */
static void
test_many_people (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-many");
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *office = g_build_filename (dir, "office.db", NULL);
  set_office (school, "Trường THPT Mường Tè", "MT");
  set_office (office, "Sở GD&ĐT Lai Châu", "SGD");
  fill (dir, school, "Đức", 9500);
  const char *people = "SELECT uuid, family_name, middle_name, given_name, name_key, quote (sort_key) "
                       "FROM people ORDER BY uuid";
  g_autofree char *pkg = g_build_filename (dir, "p1.thidua", NULL);
  g_free (CLI_OK (school, "exchange", "export", "--year", "2026", "-o", pkg));
  g_autofree char *out = CLI_OK (office, "exchange", "import", pkg);
  g_assert_cmpstr (out, ==, "from Trường THPT Mường Tè: 9500 added, 0 changed, 0 removed, 0 to review\n");
  {
    g_autofree char *want = sql (school, people);
    g_autofree char *got = sql (office, people);
    g_assert_cmpstr (got, ==, want);
  }
  /* The same package again: the apply takes no key (nothing to do), and
   * the checking thread, which made keys ahead until the batches ran out,
   * is stopped instead of waiting for the apply forever. */
  g_free (out);
  out = CLI_OK (office, "exchange", "import", pkg);
  g_assert_cmpstr (out, ==, "from Trường THPT Mường Tè: 0 added, 0 changed, 0 removed, 0 to review\n");
  /* Three renamed at the school (its name keys set by hand, as a rename
   * would: the sort keys left), among 9,497 unchanged people. */
  g_free (sql (school, "UPDATE people SET given_name = 'Ánh', name_key = 'nguyen van anh' WHERE id = 3; "
                       "UPDATE people SET given_name = 'Ước', name_key = 'nguyen van uoc' WHERE id = 5000; "
                       "UPDATE people SET given_name = 'Ẩn', name_key = 'nguyen van an' WHERE id = 9400"));
  g_autofree char *pkg2 = g_build_filename (dir, "p2.thidua", NULL);
  g_free (CLI_OK (school, "exchange", "export", "--year", "2026", "-o", pkg2));
  g_free (out);
  out = CLI_OK (office, "exchange", "import", pkg2);
  g_assert_cmpstr (out, ==, "from Trường THPT Mường Tè: 0 added, 0 changed, 0 removed, 0 to review\n");
  {
    const char *names = "SELECT uuid, family_name, middle_name, given_name, name_key FROM people ORDER BY uuid";
    g_autofree char *want = sql (school, names);
    g_autofree char *got = sql (office, names);
    g_assert_cmpstr (got, ==, want);
    /* the renamed ones have new sort keys, the others theirs */
    g_autofree char *renamed = sql (school, "SELECT group_concat (quote (uuid)) FROM people WHERE id IN (3, 5000, 9400)");
    g_autofree char *keep = g_strdup_printf ("SELECT uuid, quote (sort_key) FROM people WHERE uuid NOT IN (%s) "
                                             "ORDER BY uuid", renamed);
    g_autofree char *kept_want = sql (school, keep);
    g_autofree char *kept_got = sql (office, keep);
    g_assert_cmpstr (kept_got, ==, kept_want);
    g_autofree char *which = g_strdup_printf ("SELECT quote (sort_key) FROM people WHERE uuid IN (%s) "
                                              "ORDER BY uuid", renamed);
    g_autofree char *stale = sql (school, which);
    g_autofree char *fresh = sql (office, which);
    g_assert_cmpstr (fresh, !=, stale);
  }
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/exchange/up-and-down", Offices, NULL, offices_setup, test_up_and_down, offices_teardown);
  g_test_add ("/exchange/verify-received-plan", Offices, NULL, offices_setup, test_verify_received_plan, offices_teardown);
  g_test_add ("/exchange/refusals", Offices, NULL, offices_setup, test_refusals, offices_teardown);
  g_test_add ("/exchange/trust-replace", Offices, NULL, offices_setup, test_trust_replace, offices_teardown);
  g_test_add_func ("/exchange/kill", test_kill);
  g_test_add_func ("/exchange/export-paths", test_export_paths);
  g_test_add_func ("/exchange/many-people", test_many_people);
  return g_test_run ();
}
