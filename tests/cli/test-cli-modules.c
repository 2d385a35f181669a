/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-modules.c — thidua-cli loads only what a command uses (issue
 * 10): the plan and sign-off commands run from the executable alone, with
 * none of its modules present; a command that needs one names it when it
 * is missing; the register's CSV import needs only its own module, with
 * no library the executable lacks; and the executable itself needs
 * neither Pango nor the spreadsheet, Word or PDF libraries. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

typedef struct {
  char *dir;       /* inside the build tree: the copy runs uninstalled */
  char *cli;       /* a copy of thidua-cli with no module beside it */
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
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

static void
run (Run *r, const char *const *argv, const char *const *env)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
}

static void
cli (Fixture *f, Run *r, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, f->cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  va_start (args, r);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run (r, (const char *const *) argv->pdata, NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *template = g_build_filename (THIDUA_BUILD_ROOT, "tests", "cli",
                                                "modules-XXXXXX", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;

  f->dir = g_mkdtemp (g_steal_pointer (&template));
  g_assert_nonnull (f->dir);
  f->cli = g_build_filename (f->dir, "thidua-cli", NULL);
  f->db = g_build_filename (f->dir, "thidua.db", NULL);
  g_assert_true (g_file_get_contents (g_getenv ("THIDUA_CLI"), &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (f->cli, contents, (gssize) len, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (f->cli, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->cli);
  g_free (f->db);
}

static const char plan_json[] =
  "{\"profile\": \"state\", \"superior_body\": \"UBND HUYỆN KHOÁI CHÂU\","
  " \"issuing_body\": \"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\", \"number\": \"\", \"symbol\": \"KH-PGDĐT\","
  " \"place\": \"Khoái Châu\", \"date\": {\"day\": 5, \"month\": 12, \"year\": 2026},"
  " \"type_name\": \"KẾ HOẠCH\", \"subject\": \"Thi đua “Dạy tốt, học tốt”\","
  " \"body\": \"I. MỤC ĐÍCH\\nThi đua./.\","
  " \"recipients\": [\"UBND huyện (b/c);\", \"Lưu: VT.\"],"
  " \"signer\": {\"authority\": \"\", \"on_behalf_of\": \"\", \"position\": \"TRƯỞNG PHÒNG\","
  " \"name\": \"Nguyễn Văn An\"}}";

/* Plans and sign-off need no module: import, submit, issue, history and
 * verify run with none beside the executable. */
static void
test_light_commands_alone (Fixture *f, gconstpointer data)
{
  g_autofree char *json = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) fields = NULL;
  Run r = { 0 };

  g_assert_true (g_file_set_contents (json, plan_json, -1, NULL));
  cli (f, &r, "import-json", json, NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  id = g_strstrip (g_strdup (r.out));
  run_clear (&r);

  cli (f, &r, "submit", id, "--by", "Chị Hoa", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  cli (f, &r, "issue", id, "--date", "2026-12-05", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  fields = g_strsplit (g_strstrip (r.out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  g_assert_cmpstr (fields[0], ==, "1");
  code = g_strdup (fields[2]);
  run_clear (&r);

  cli (f, &r, "history", id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\tsubmitted\tissued\t"));
  run_clear (&r);
  cli (f, &r, "verify", code, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, id));
  g_assert_nonnull (strstr (r.out, "01/KH-PGDĐT\t2026-12-05"));
  run_clear (&r);

  /* An incomplete plan is still refused, by the check that needs no
   * renderer: its reasons named. */
  cli (f, &r, "new", "--template", "blank-state", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_free (id);
  id = g_strstrip (g_strdup (r.out));
  run_clear (&r);
  cli (f, &r, "issue", id, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "The issuing body (cơ quan ban hành) is missing"));
  g_assert_nonnull (strstr (r.err, "The signer's name is missing"));
  run_clear (&r);
}

/* A command whose module is missing fails naming it, and writes nothing. */
static void
test_missing_module_named (Fixture *f, gconstpointer data)
{
  g_autofree char *json = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "out.pdf", NULL);
  g_autofree char *docx = g_build_filename (f->dir, "out.docx", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "plan.txt", NULL);
  Run r = { 0 };

  g_assert_true (g_file_set_contents (json, plan_json, -1, NULL));
  cli (f, &r, "render-json", json, "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-render." G_MODULE_SUFFIX));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  run_clear (&r);

  /* .docx and .odt are another module's, chosen by the output's name
   * however the option is written (the last one counts, as in GOption). */
  {
    g_autofree char *output_eq = g_strconcat ("--output=", docx, NULL);
    g_autofree char *o_joined = g_strconcat ("-o", docx, NULL);

    cli (f, &r, "render-json", json, output_eq, NULL);
    g_assert_nonnull (strstr (r.err, "thidua-cli-document." G_MODULE_SUFFIX));
    run_clear (&r);
    cli (f, &r, "render-json", json, "-o", pdf, o_joined, NULL);
    g_assert_nonnull (strstr (r.err, "thidua-cli-document." G_MODULE_SUFFIX));
    run_clear (&r);
    cli (f, &r, "render-json", json, "-o", docx, "--output", pdf, NULL);
    g_assert_nonnull (strstr (r.err, "thidua-cli-render." G_MODULE_SUFFIX));
    run_clear (&r);
  }
  cli (f, &r, "render-json", json, "-o", docx, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-document." G_MODULE_SUFFIX));
  g_assert_false (g_file_test (docx, G_FILE_TEST_EXISTS));
  run_clear (&r);

  g_assert_true (g_file_set_contents (txt, "KẾ HOẠCH\nThi đua\n", -1, NULL));
  cli (f, &r, "import-text", txt, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-import." G_MODULE_SUFFIX));
  run_clear (&r);
  cli (f, &r, "register", "list", "--year", "2026", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-register." G_MODULE_SUFFIX));
  run_clear (&r);
  cli (f, &r, "new", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  cli (f, &r, "numbers", "--year", "2026", "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-render." G_MODULE_SUFFIX));
  run_clear (&r);
}

/* The import module alone beside the executable: a text plan is imported
 * without the PDF reader (poppler), and a PDF asks for thidua-cli-pdf. */
static void
test_import_without_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_path_get_dirname (g_getenv ("THIDUA_CLI"));
  g_autofree char *name = g_strconcat ("thidua-cli-import.", G_MODULE_SUFFIX, NULL);
  g_autofree char *from = g_build_filename (dir, name, NULL);
  g_autofree char *to = g_build_filename (f->dir, name, NULL);
  g_autofree char *txt = g_build_filename (f->dir, "plan.txt", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  Run r = { 0 };

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
  g_assert_true (g_file_set_contents (txt, "SỞ Y TẾ\nKẾ HOẠCH\nThi đua năm 2026\n"
                                           "I. MỤC ĐÍCH\nThi đua./.\n", -1, NULL));
  cli (f, &r, "import-text", txt, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (g_strstrip (r.out), ==, "1");
  run_clear (&r);

  g_assert_true (g_file_set_contents (pdf, "%PDF-1.4\n%%EOF\n", -1, NULL));
  cli (f, &r, "import", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-pdf." G_MODULE_SUFFIX));
  run_clear (&r);
}

/* The register module alone beside the executable: a CSV is imported
 * with no library beyond the executable's (glibc's loader names every file
 * it opens), a workbook asks for thidua-cli-workbook and the PDF report
 * for thidua-cli-register-documents, both changing nothing. */
static void
test_register_csv_alone (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_path_get_dirname (g_getenv ("THIDUA_CLI"));
  g_autofree char *name = g_strconcat ("thidua-cli-register.", G_MODULE_SUFFIX, NULL);
  g_autofree char *from = g_build_filename (dir, name, NULL);
  g_autofree char *to = g_build_filename (f->dir, name, NULL);
  g_autofree char *csv = g_build_filename (f->dir, "dang-ky.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "dang-ky.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "dang-ky.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  Run r = { 0 };

  g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
  g_assert_true (g_file_set_contents (csv, "Họ và tên;Đơn vị;Danh hiệu thi đua\n"
                                           "Nguyễn Văn An;Khoa Lý luận cơ sở;Lao động tiên tiến\n"
                                           "Trần Thị Bình;Khoa Lý luận cơ sở;Danh hiệu lạ\n", -1, NULL));
#ifdef __GLIBC__
  {
    const char *absent[] = { "libpango", "libcairo", "libharfbuzz", "libfontconfig", "libqrencode",
                             "libzip", "libxml2", "libicu", "libxlsxwriter", "libfreexl", "libstdc++" };
    const char *argv[] = { f->cli, "--db", f->db, "register", "import", csv, "--year", "2024", NULL };
    const char *env[] = { "LD_DEBUG", "files", NULL };

    run (&r, argv, env);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "imported 1, rejected 1\n");
    g_assert_nonnull (strstr (r.err, name));
    for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
      {
        /* the sanitizers' own runtime brings libstdc++ into every process */
        if (g_getenv ("THIDUA_TEST_SANITIZED") != NULL && g_str_equal (absent[i], "libstdc++"))
          continue;
        if (strstr (r.err, absent[i]) != NULL)
          g_error ("a CSV import maps %s:\n%s", absent[i], r.err);
      }
    run_clear (&r);
  }
#else
  cli (f, &r, "register", "import", csv, "--year", "2024", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "imported 1, rejected 1\n");
  run_clear (&r);
#endif

  /* a ZIP's signature is enough to ask for the workbook readers */
  g_assert_true (g_file_set_contents (xlsx, "PK\x03\x04 not really", -1, NULL));
  cli (f, &r, "register", "import", xlsx, "--year", "2024", "--replace", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-workbook." G_MODULE_SUFFIX));
  g_assert_cmpstr (r.out, ==, "");
  run_clear (&r);

  cli (f, &r, "register", "report", "--year", "2024", "-o", pdf, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "thidua-cli-register-documents." G_MODULE_SUFFIX));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  run_clear (&r);

  /* the register as the CSV left it */
  cli (f, &r, "register", "list", "--year", "2024", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\tNguyễn Văn An\t"));
  g_assert_null (strstr (r.out, "Trần Thị Bình"));
  run_clear (&r);
}

/* The libraries the executable maps at start (glibc's loader lists them,
 * as ldd does): none of the renderer's, the spreadsheets', Word's or the
 * PDF reader's. */
static void
test_start_libraries (void)
{
#ifdef __GLIBC__
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "--version", NULL };
  const char *env[] = { "LD_TRACE_LOADED_OBJECTS", "1", NULL };
  const char *absent[] = { "libpango", "libcairo", "libfontconfig", "libqrencode", "libzip",
                           "libxml2", "libxlsxwriter", "libfreexl", "libpoppler" };
  Run r = { 0 };

  run (&r, argv, env);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "libsqlite3"));
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    if (strstr (r.out, absent[i]) != NULL)
      g_error ("thidua-cli maps %s at start:\n%s", absent[i], r.out);
  run_clear (&r);
#else
  g_test_skip ("the list of mapped libraries is read through glibc's loader");
#endif
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli-modules/light-commands-alone", Fixture, NULL,
              fixture_set_up, test_light_commands_alone, fixture_tear_down);
  g_test_add ("/cli-modules/missing-module-named", Fixture, NULL,
              fixture_set_up, test_missing_module_named, fixture_tear_down);
  g_test_add ("/cli-modules/import-without-pdf", Fixture, NULL,
              fixture_set_up, test_import_without_pdf, fixture_tear_down);
  g_test_add ("/cli-modules/register-csv-alone", Fixture, NULL,
              fixture_set_up, test_register_csv_alone, fixture_tear_down);
  g_test_add_func ("/cli-modules/start-libraries", test_start_libraries);
  return g_test_run ();
}
