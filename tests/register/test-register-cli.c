/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-cli.c — `thidua-cli register …` through the real
 * executable: the output contract scripts rely on. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "register-test-util.h"
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
}

/* The same in Vietnamese: LANGUAGE=vi (only C.UTF-8 exists here, which
 * gettext accepts with LANGUAGE). */
static void
cli_vi (Run *r, const char *db, const char *a1, const char *a2, const char *a3,
        const char *a4, const char *a5)
{
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", db, a1, a2, a3, a4, a5, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", "vi", TRUE);
  g_autoptr(GError) error = NULL;

  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                &r->out, &r->err, &r->status, &error);
  g_assert_no_error (error);
}

/* Rejected rows and findings reach the secretary in Vietnamese; the
 * contract line stays as scripts read it. */
static void
test_cli_vietnamese (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-register-vi");
  g_autofree char *db = g_build_filename (dir, "vi.db", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register", "dang-ky-2024.csv", NULL);

  {
    g_auto(Run) r = { 0 };
    cli_vi (&r, db, "register", "import", csv, "--year", "2024");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "imported 6, rejected 4\n");
    g_assert_nonnull (strstr (r.err, "“Lao động giỏi” ở cột “Đăng ký danh hiệu thi đua” không phải danh hiệu"));
    g_assert_nonnull (strstr (r.err, "cột “Họ và tên” không có tên"));
    g_assert_nonnull (strstr (r.err, "là danh hiệu cho tập thể, nhưng Hoàng Văn Em là cá nhân"));
    g_assert_nonnull (strstr (r.err, "hai lần trong tệp (dòng 7)"));
  }
  {
    g_auto(Run) r = { 0 };
    cli_vi (&r, db, "register", "check", "--year", "2024", NULL);
    g_assert_nonnull (strstr (r.out, "cùng năm không đăng ký “Lao động tiên tiến”"));
    g_assert_nonnull (strstr (r.out, "vượt tỷ lệ 15%"));
    g_assert_null (strstr (r.out, "is registered for"));
  }
  thidua_test_tmpdir_remove (dir);
}

static guint
count_lines_with (const char *s, const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (s, "\n", -1);
  guint n = 0;
  for (guint i = 0; lines[i]; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static guint
n_lines (const char *s)
{
  guint n = 0;
  for (; *s; s++)
    n += *s == '\n';
  return n;
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thidua-register-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "a.db", NULL);
  g_autofree char *db2 = g_build_filename (dir, "b.db", NULL);
  g_autofree char *csv = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register", "dang-ky-2024.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *out_csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);

  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "import", csv, "--year", "2024", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "imported 6, rejected 4\n");
    g_assert_nonnull (strstr (r.err, "row 10: “Lao động giỏi”"));
    g_assert_nonnull (strstr (r.err, "row 11: "));
    g_assert_nonnull (strstr (r.err, "row 12: "));
    g_assert_nonnull (strstr (r.err, "row 13: "));
    g_assert_null (strstr (r.err, "row 7:"));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "list", "--year", "2024", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpuint (n_lines (r.out), ==, 10);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "list", "--year", "2024", "--title", "CSTĐCS", NULL);
    g_assert_cmpuint (n_lines (r.out), ==, 3);
    g_assert_nonnull (strstr (r.out, "\tCSTĐCS\tregistered\tpending\n"));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "list", "--year", "2024", "--search", "TRAN THI", NULL);
    g_assert_cmpuint (n_lines (r.out), ==, 2);
    g_assert_nonnull (strstr (r.out, "Trần Thị Bình"));
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;
    cli (&r, db, "register", "list", "--year", "2024", "--unit", "phong to chuc, hanh chinh", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==, "Đỗ Thị Giang");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "title_code"), ==, "LĐTT");
  }
  {
    g_auto(Run) r = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;
    gboolean quota = FALSE;
    cli (&r, db, "register", "check", "--year", "2024", "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, r.out, -1, &error));
    array = json_node_get_array (json_parser_get_root (parser));
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *o = json_array_get_object_element (array, i);
        if (g_str_equal (json_object_get_string_member (o, "rule"), "cstdcs-quota"))
          {
            quota = TRUE;
            g_assert_cmpint (json_object_get_int_member (o, "count"), ==, 3);
            g_assert_cmpint (json_object_get_int_member (o, "limit"), ==, 0);
            g_assert_cmpint (json_object_get_int_member (o, "base"), ==, 3);
            g_assert_cmpstr (json_object_get_string_member (o, "source"), !=, "");
          }
      }
    g_assert_true (quota);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "check", "--year", "2024", NULL);
    g_assert_nonnull (strstr (r.out, "cstdcs-needs-ldtt\t"));
  }
  {
    g_auto(Run) r = { 0 }, s = { 0 }, t = { 0 };
    cli (&r, db, "register", "export", "--year", "2024", "-o", xlsx, NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli (&s, db2, "register", "import", xlsx, "--year", "2024", NULL);
    g_assert_cmpstr (s.out, ==, "imported 10, rejected 0\n");
    cli (&t, db, "register", "export", "--year", "2024", "-o", out_csv, NULL);
    g_assert_cmpint (t.status, ==, 0);
    g_assert_true (g_file_test (out_csv, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Run) r = { 0 };
    g_autofree char *head = NULL;
    cli (&r, db, "register", "report", "--year", "2024", "-o", pdf, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_file_get_contents (pdf, &head, NULL, &error);
    g_assert_true (g_str_has_prefix (head, "%PDF"));
  }
  /* errors: stderr and a non-zero exit, nothing on stdout */
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "list", NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_cmpstr (r.out, ==, "");
    g_assert_nonnull (strstr (r.err, "--year"));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "list", "--year", "2024", "--title", "Huy chương", NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "Huy chương"));
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "import", "/nonexistent/file.csv", "--year", "2024", NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_cmpstr (r.out, ==, "");
  }
  /* the year's plan and its targets (seed 002: 10 - 15% CSTĐCS of LĐTT) */
  {
    g_auto(Run) r = { 0 }, s = { 0 }, t = { 0 }, u = { 0 };
    g_autofree char *targets = g_build_filename (dir, "targets.json", NULL);
    g_autofree char *plan_id = NULL;

    cli (&r, db, "new", NULL);
    g_assert_cmpint (r.status, ==, 0);
    plan_id = g_strstrip (g_strdup (r.out));
    g_file_set_contents (targets,
        "[{\"title\": \"CSTĐCS\", \"min\": 10, \"max\": 15, \"measure\": \"percent\", \"base\": \"LĐTT\"},"
        " {\"title\": \"TTLĐXS\", \"min\": 2, \"measure\": \"count\", \"base\": \"units\"}]", -1, NULL);
    cli (&s, db, "register", "targets", "--plan", plan_id, "--set", targets, NULL);
    g_assert_cmpint (s.status, ==, 0);
    g_assert_nonnull (strstr (s.out, "cstdcs\t10\t15\tpercent\tldtt\tCó từ 10 - 15% cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở”"));
    g_assert_nonnull (strstr (s.out, "ttldxs\t2\t-\tcount\tunits\t"));
    cli (&t, db, "register", "plan", "--year", "2024", "--plan", plan_id, NULL);
    g_assert_cmpint (t.status, ==, 0);
    /* 3 CSTĐCS of 3 LĐTT exceeds 15%; 1 TTLĐXS is fewer than 2 */
    cli (&u, db, "register", "check", "--year", "2024", NULL);
    g_assert_cmpuint (count_lines_with (u.out, "plan-targets\t"), ==, 2);
  }
  {
    g_auto(Run) r = { 0 };
    cli (&r, db, "register", "targets", "--plan", "999", NULL);
    g_assert_cmpint (r.status, !=, 0);
  }

  /* undo the first import: the register is empty again */
  {
    g_auto(Run) r = { 0 }, s = { 0 };
    cli (&r, db, "register", "undo-import", "1", NULL);
    g_assert_cmpint (r.status, ==, 0);
    cli (&s, db, "register", "list", "--year", "2024", NULL);
    g_assert_cmpstr (s.out, ==, "");
  }
  reg_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register/cli/contract", test_cli);
  g_test_add_func ("/register/cli/vietnamese", test_cli_vietnamese);
  return g_test_run ();
}
