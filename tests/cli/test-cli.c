/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c — thidua-cli through the real executable: the contract of
 * issue 2 (templates, new, list, show --json, import-json, duplicate,
 * delete), stdout for results only, errors on stderr with a non-zero exit. */
#include "config.h"
#include "../thidua-test-tmp.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

typedef struct {
  char *dir;
  char *db;
} Fixture;

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
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-cli");
  f->db = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Runs thidua-cli --db <db> args…; NULL-terminated.  language, when not
 * NULL, is the LANGUAGE the command runs in. */
static void
cli_in (Fixture *f, Run *r, const char *language, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("THIDUA_CLI");
  const char *arg;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  if (language != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
      g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
      g_subprocess_launcher_unsetenv (launcher, "LC_ALL");
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
}

static void
cli (Fixture *f, Run *r, ...)
{
  va_list args;

  va_start (args, r);
  cli_in (f, r, NULL, args);
  va_end (args);
}

static void
cli_language (Fixture *f, Run *r, const char *language, ...)
{
  va_list args;

  va_start (args, language);
  cli_in (f, r, language, args);
  va_end (args);
}

static gint64
parse_id (const char *out)
{
  guint64 v = 0;
  /* The first field of the first line. */
  g_autofree char *line = g_strndup (out, strcspn (out, "\t\n"));
  g_assert_true (g_ascii_string_to_unsigned (line, 10, 1, G_MAXINT64, &v, NULL));
  return (gint64) v;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_templates (Fixture *f, gconstpointer data)
{
  g_auto(Run) r = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *expected[] = { "blank-state", "blank-party", "blank-union", "blank-youth",
                             "covid-party-school", "annual-party-school", "education-office",
                             "labour-federation", "annual-state", "youth-school-annual" };

  cli (f, &r, "templates", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cols), ==, 2);
      g_assert_cmpstr (cols[0], ==, expected[i]);
      g_assert_cmpuint (strlen (cols[1]), >, 0);
    }
}

/* A file first made by a register command, which seeds no templates,
 * has them all once a plan command opens it. */
static void
test_templates_after_register (Fixture *f, gconstpointer data)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) t = { 0 };
  g_auto(Run) n = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "dk.csv", NULL);

  g_assert_true (g_file_set_contents (csv, "Họ và tên,Đơn vị,Danh hiệu thi đua\n"
                                           "Nguyễn Văn An,Phòng 1,Lao động tiên tiến\n", -1, NULL));
  cli (f, &r, "register", "import", csv, "--year", "2024", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_EXISTS));
  cli (f, &t, "templates", NULL);
  g_assert_cmpint (t.status, ==, 0);
  lines = g_strsplit (t.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 11);
  g_assert_true (g_str_has_prefix (lines[0], "blank-state\t"));
  cli (f, &n, "new", "--template", "annual-state", NULL);
  g_assert_cmpint (n.status, ==, 0);
  g_assert_cmpint (parse_id (n.out), >, 0);
}

/* show --json of a plan made from each template, imported again, shows the
 * same content (the id aside). */
static void
test_json_round_trip (Fixture *f, gconstpointer data)
{
  const char *templates[] = { "covid-party-school", "annual-party-school", "education-office",
                              "labour-federation", "blank-party", "youth-school-annual" };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_auto(Run) made = { 0 };
      g_auto(Run) shown = { 0 };
      g_auto(Run) imported = { 0 };
      g_auto(Run) reshown = { 0 };
      g_autofree char *id = NULL;
      g_autofree char *file = g_build_filename (f->dir, "plan.json", NULL);
      g_autoptr(JsonObject) a = NULL;
      g_autoptr(JsonObject) b = NULL;
      g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);

      cli (f, &made, "new", "--template", templates[i], NULL);
      g_assert_cmpint (made.status, ==, 0);
      id = g_strdup_printf ("%" G_GINT64_FORMAT, parse_id (made.out));
      cli (f, &shown, "show", id, "--json", NULL);
      g_assert_cmpint (shown.status, ==, 0);
      g_assert_true (g_file_set_contents (file, shown.out, -1, NULL));

      cli (f, &imported, "import-json", file, NULL);
      g_assert_cmpint (imported.status, ==, 0);
      g_assert_cmpint (parse_id (imported.out), !=, parse_id (made.out));
      g_free (id);
      id = g_strdup_printf ("%" G_GINT64_FORMAT, parse_id (imported.out));
      cli (f, &reshown, "show", id, "--json", NULL);
      g_assert_cmpint (reshown.status, ==, 0);

      a = parse_object (shown.out);
      b = parse_object (reshown.out);
      g_assert_cmpint (json_object_get_int_member (a, "id"), !=, json_object_get_int_member (b, "id"));
      json_object_remove_member (a, "id");
      json_object_remove_member (b, "id");
      json_node_set_object (na, a);
      json_node_set_object (nb, b);
      g_assert_true (json_node_equal (na, nb));
    }
}

static void
test_show_contract (Fixture *f, gconstpointer data)
{
  g_auto(Run) made = { 0 };
  g_auto(Run) shown = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonObject *signer, *date;
  JsonArray *outline, *recipients;
  const char *keys[] = { "id", "profile", "superior_body", "issuing_body", "number", "symbol", "place",
                         "date", "type_name", "subject", "body", "outline", "recipients", "signer", "status" };

  cli (f, &made, "new", "--template", "labour-federation", NULL);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, parse_id (made.out));
  cli (f, &shown, "show", id, "--json", NULL);
  o = parse_object (shown.out);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  g_assert_cmpstr (json_object_get_string_member (o, "profile"), ==, "union");
  g_assert_cmpstr (json_object_get_string_member (o, "number"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (o, "symbol"), ==, "KH-LĐLĐ");
  date = json_object_get_object_member (o, "date");
  g_assert_cmpint (json_object_get_int_member (date, "day"), ==, 17);
  signer = json_object_get_object_member (o, "signer");
  g_assert_cmpstr (json_object_get_string_member (signer, "authority"), ==, "TM.");
  g_assert_cmpstr (json_object_get_string_member (signer, "on_behalf_of"), ==, "BAN THƯỜNG VỤ");
  g_assert_cmpstr (json_object_get_string_member (signer, "position"), ==, "CHỦ TỊCH");
  g_assert_cmpstr (json_object_get_string_member (signer, "name"), ==, "Nguyễn Thị Thiện");
  recipients = json_object_get_array_member (o, "recipients");
  g_assert_cmpstr (json_array_get_string_element (recipients, 0), ==, "UBND tỉnh; (B/c)");
  g_assert_cmpstr (json_array_get_string_element (recipients, json_array_get_length (recipients) - 1),
                   ==, "Lưu: VT, CSPL&QHLD.");
  outline = json_object_get_array_member (o, "outline");
  {
    const char *roman[] = { "I.", "II.", "III.", "IV." };
    guint seen = 0;
    for (guint i = 0; i < json_array_get_length (outline); i++)
      {
        JsonObject *e = json_array_get_object_element (outline, i);
        if (json_object_get_int_member (e, "level") == 1)
          {
            g_assert_cmpuint (seen, <, G_N_ELEMENTS (roman));
            g_assert_cmpstr (json_object_get_string_member (e, "label"), ==, roman[seen++]);
          }
      }
    g_assert_cmpuint (seen, ==, G_N_ELEMENTS (roman));
  }
}

static void
test_list_search (Fixture *f, gconstpointer data)
{
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) found = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) cols = NULL;

  cli (f, &a, "new", "--template", "education-office", NULL);
  cli (f, &b, "new", "--template", "annual-party-school", NULL);
  cli (f, &list, "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (list.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  /* Newest date first: 02/03/2022 before ../10/2021. */
  cols = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (cols), ==, 5);
  g_assert_cmpint (parse_id (cols[0]), ==, parse_id (b.out));
  g_assert_cmpstr (cols[1], ==, "draft");
  g_assert_cmpstr (cols[2], ==, "2022-03-02");
  g_assert_cmpstr (cols[3], ==, "100");
  g_assert_true (g_str_has_prefix (cols[4], "Triển khai phong trào thi đua năm 2022"));
  g_strfreev (cols);
  cols = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpstr (cols[2], ==, "2021-10-..");

  cli (f, &found, "list", "--search", "DAI DICH covid ca nuoc", NULL);
  g_assert_cmpint (found.status, ==, 0);
  g_assert_cmpint (parse_id (found.out), ==, parse_id (a.out));
  g_assert_null (strchr (strchr (found.out, '\n') + 1, '\n'));
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };
  g_auto(Run) r5 = { 0 };
  g_auto(Run) list = { 0 };

  g_assert_true (g_file_set_contents (bad, "{\n  \"subject\": \"Kế hoạch\",\n  \"body\": \"x\"\n  \"place\": 1\n}", -1, NULL));
  cli (f, &r1, "import-json", bad, NULL);
  g_assert_cmpint (r1.status, !=, 0);
  g_assert_cmpstr (r1.out, ==, "");
  g_assert_nonnull (strstr (r1.err, "bad.json"));
  g_assert_nonnull (strstr (r1.err, "line 3"));  /* the comma missing after "x" */
  g_assert_nonnull (strstr (r1.err, "column"));

  g_assert_true (g_file_set_contents (bad, "{\"date\": {\"day\": 31, \"month\": 2, \"year\": 2024}}", -1, NULL));
  cli (f, &r2, "import-json", bad, NULL);
  g_assert_cmpint (r2.status, !=, 0);
  g_assert_nonnull (strstr (r2.err, "31/02"));

  /* Neither left a partial plan behind. */
  cli (f, &list, "list", NULL);
  g_assert_cmpstr (list.out, ==, "");

  cli (f, &r3, "show", "999", "--json", NULL);
  g_assert_cmpint (r3.status, !=, 0);
  g_assert_cmpstr (r3.out, ==, "");
  g_assert_nonnull (strstr (r3.err, "999"));

  cli (f, &r4, "delete", "abc", NULL);
  g_assert_cmpint (r4.status, !=, 0);
  g_assert_nonnull (strstr (r4.err, "abc"));

  cli (f, &r5, "frobnicate", NULL);
  g_assert_cmpint (r5.status, !=, 0);
  g_assert_nonnull (strstr (r5.err, "frobnicate"));
}

static void
test_bad_database (Fixture *f, gconstpointer data)
{
  g_auto(Run) r = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (f->db, "Đây không phải cơ sở dữ liệu.\n", -1, NULL));
  g_file_get_contents (f->db, &before, NULL, NULL);
  cli (f, &r, "list", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "test.db"));
  g_assert_nonnull (strstr (r.err, "not"));
  g_file_get_contents (f->db, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
}

/* Messages from core follow LANGUAGE, as in the app. */
static void
test_translated_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *mo = g_build_filename (g_getenv ("THIDUA_LOCALEDIR"), "vi", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  g_auto(Run) vi = { 0 };
  g_auto(Run) en = { 0 };

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("translations are built with the app (meson -Dapp=true)");
      return;
    }
  cli_language (f, &vi, "vi", "show", "4242", "--json", NULL);
  g_assert_cmpint (vi.status, !=, 0);
  g_assert_nonnull (strstr (vi.err, "Không có kế hoạch nào có mã 4242"));
  cli_language (f, &en, "en", "show", "4242", "--json", NULL);
  g_assert_nonnull (strstr (en.err, "There is no plan with ID 4242"));

  /* The renderer's layout warnings too: this template leaves the signer's
   * name for the office to fill in. */
  {
    g_auto(Run) made = { 0 };
    g_auto(Run) rendered = { 0 };
    g_autofree char *id = NULL;
    g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);

    cli (f, &made, "new", "--template", "education-office", NULL);
    id = g_strdup_printf ("%" G_GINT64_FORMAT, parse_id (made.out));
    cli_language (f, &rendered, "vi", "render", id, "-o", pdf, NULL);
    g_assert_cmpint (rendered.status, ==, 0);
    g_assert_nonnull (strstr (rendered.err, "Thiếu họ tên người ký"));
    g_remove (pdf);
  }
}

static void
test_duplicate_delete (Fixture *f, gconstpointer data)
{
  g_auto(Run) made = { 0 };
  g_auto(Run) dup = { 0 };
  g_auto(Run) del = { 0 };
  g_auto(Run) list = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *copy = NULL;

  cli (f, &made, "new", NULL);  /* no template: a blank state plan */
  g_assert_cmpint (made.status, ==, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, parse_id (made.out));
  cli (f, &dup, "duplicate", id, NULL);
  g_assert_cmpint (dup.status, ==, 0);
  copy = g_strdup_printf ("%" G_GINT64_FORMAT, parse_id (dup.out));
  g_assert_cmpstr (copy, !=, id);
  cli (f, &del, "delete", id, NULL);
  g_assert_cmpint (del.status, ==, 0);
  g_assert_cmpstr (del.out, ==, "");
  cli (f, &list, "list", NULL);
  g_assert_true (g_str_has_prefix (list.out, copy));
  g_assert_null (strchr (list.out, '\n') == NULL ? NULL : strchr (strchr (list.out, '\n') + 1, '\n'));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add ("/cli/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("templates", test_templates);
  ADD ("templates-after-register", test_templates_after_register);
  ADD ("json-round-trip", test_json_round_trip);
  ADD ("show-contract", test_show_contract);
  ADD ("list-search", test_list_search);
  ADD ("errors", test_errors);
  ADD ("bad-database", test_bad_database);
  ADD ("duplicate-delete", test_duplicate_delete);
  ADD ("translated-errors", test_translated_errors);
#undef ADD
  return g_test_run ();
}
