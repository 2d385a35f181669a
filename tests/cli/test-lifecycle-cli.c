/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lifecycle-cli.c — sign-off through the real thidua-cli, the sqlite3
 * shell, zbarimg and pdftotext: the database refuses changes to an issued
 * plan whoever asks, two processes issuing at once get consecutive
 * numbers, the QR on page 1 decodes to the code, the draft marking is on
 * every page of a draft and on none of an issued plan. */
#include "config.h"
#include "../thidua-test-tmp.h"

#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

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
  f->dir = thidua_test_tmpdir_new ("thidua-signoff");
  f->db = g_build_filename (f->dir, "test.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static GSubprocess *
spawn (const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc = g_subprocess_launcher_spawnv (launcher, argv, &error);

  g_assert_no_error (error);
  return proc;
}

static void
finish (GSubprocess *proc, Run *r)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
}

static GSubprocess *
spawn_cli_v (Fixture *f, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  return spawn ((const char * const *) argv->pdata);
}

static GSubprocess *
spawn_cli (Fixture *f, ...)
{
  va_list args;
  GSubprocess *proc;

  va_start (args, f);
  proc = spawn_cli_v (f, args);
  va_end (args);
  return proc;
}

static void
cli (Fixture *f, Run *r, ...)
{
  va_list args;
  g_autoptr(GSubprocess) proc = NULL;

  va_start (args, r);
  proc = spawn_cli_v (f, args);
  va_end (args);
  finish (proc, r);
}

/* sqlite3 DB SQL */
static void
shell (Fixture *f, Run *r, const char *sql)
{
  const char *argv[] = { "sqlite3", "-bail", f->db, sql, NULL };
  g_autoptr(GSubprocess) proc = spawn (argv);

  finish (proc, r);
}

/* sql with every "%s" replaced by id (no printf: the SQL is data). */
static char *
with_id (const char *sql, const char *id)
{
  GString *s = g_string_new (sql);

  g_string_replace (s, "%s", id, 0);
  return g_string_free (s, FALSE);
}

static char *
query (Fixture *f, const char *sql)
{
  g_auto(Run) r = { 0 };

  shell (f, &r, sql);
  g_assert_cmpint (r.status, ==, 0);
  return g_strchomp (g_strdup (r.out));
}

/* A complete plan (the education office's template with a signer's name);
 * issuing_body NULL keeps the template's. */
static char *
complete_plan (Fixture *f, const char *issuing_body, const char *subject)
{
  g_auto(Run) made = { 0 };
  g_auto(Run) shown = { 0 };
  g_auto(Run) imported = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "plan.json", NULL);
  g_autofree char *id = NULL;
  JsonObject *obj;

  cli (f, &made, "new", "--template", "education-office", NULL);
  g_assert_cmpint (made.status, ==, 0);
  id = g_strstrip (g_strdup (made.out));
  cli (f, &shown, "show", id, "--json", NULL);
  g_assert_cmpint (shown.status, ==, 0);
  json_parser_load_from_data (parser, shown.out, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (json_object_get_object_member (obj, "signer"), "name", "Nguyễn Văn An");
  if (issuing_body != NULL)
    json_object_set_string_member (obj, "issuing_body", issuing_body);
  if (subject != NULL)
    json_object_set_string_member (obj, "subject", subject);
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (gen, file, &error));
  cli (f, &imported, "import-json", file, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  return g_strstrip (g_strdup (imported.out));
}

/* NUMBER, DATE, CODE of an issue's output. */
static GStrv
issue (Fixture *f, const char *id, const char *date)
{
  g_auto(Run) r = { 0 };
  GStrv fields;

  cli (f, &r, "issue", id, "--date", date, "--by", "Văn thư", NULL);
  if (r.status != 0)
    g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_suffix (r.out, "\n"));
  fields = g_strsplit (g_strchomp (r.out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  return fields;
}

static void
test_sql_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *id = complete_plan (f, NULL, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) issued = NULL;
  const char *refused[] = {
    "UPDATE plans SET subject = 'Khác' WHERE id = %s",
    "UPDATE plans SET number = '99' WHERE id = %s",
    "UPDATE plans SET status = 'draft' WHERE id = %s",
    "UPDATE plans SET code = 'AAAAAAAAAAAA' WHERE id = %s",
    "DELETE FROM plans WHERE id = %s",
    "UPDATE plan_recipients SET line = 'x' WHERE plan_id = %s",
    "DELETE FROM plan_recipients WHERE plan_id = %s",
    "INSERT INTO plan_recipients (plan_id, position, line) VALUES (%s, 99, 'x')",
    "UPDATE plan_bodies SET body = 'x' WHERE plan_id = %s",
    "DELETE FROM plan_bodies WHERE plan_id = %s",
    "INSERT OR REPLACE INTO plan_bodies (plan_id, body) VALUES (%s, 'x')",
    "UPDATE plan_targets SET min_value = 1 WHERE plan_id = %s",
    "DELETE FROM plan_targets WHERE plan_id = %s",
    "INSERT INTO plan_targets (plan_id, position, title, min_value) VALUES (%s, 9, 'x', 1)",
    "UPDATE plan_events SET comment = 'x' WHERE plan_id = %s",
    "DELETE FROM plan_events WHERE plan_id = %s",
    "UPDATE outgoing_numbers SET number = 7 WHERE plan_id = %s",
    "DELETE FROM outgoing_numbers WHERE plan_id = %s",
  };
  const char *snapshot =
    "SELECT (SELECT group_concat (quote (p.id) || quote (profile) || quote (superior_body) "
    "|| quote (issuing_body) || quote (number) || quote (symbol) || quote (day) || quote (month) "
    "|| quote (year) || quote (subject) || quote (signer_name) || quote (status) || quote (code) "
    "|| quote (modified), '|') FROM plans p WHERE id = %s), "
    "(SELECT group_concat (line, '|') FROM plan_recipients WHERE plan_id = %s), "
    "(SELECT length (body) FROM plan_bodies WHERE plan_id = %s), "
    "(SELECT group_concat (title || min_value, '|') FROM plan_targets WHERE plan_id = %s), "
    "(SELECT group_concat (to_status || comment, '|') FROM plan_events WHERE plan_id = %s), "
    "(SELECT group_concat (number, '|') FROM outgoing_numbers WHERE plan_id = %s)";

  /* A target row, added while it is a draft (allowed). */
  sql = g_strdup_printf ("INSERT INTO plan_targets (plan_id, position, title, min_value) "
                         "VALUES (%s, 0, 'lao-dong-tien-tien', 80)", id);
  g_free (query (f, sql));
  issued = issue (f, id, "2026-03-02");

  g_clear_pointer (&sql, g_free);
  sql = with_id (snapshot, id);
  before = query (f, sql);
  g_assert_nonnull (strstr (before, "lao-dong-tien-tien80"));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(Run) r = { 0 };
      g_autofree char *stmt = with_id (refused[i], id);

      shell (f, &r, stmt);
      g_test_message ("%s → %d %s", stmt, r.status, r.err);
      g_assert_cmpint (r.status, !=, 0);
      g_assert_true (strstr (r.err, "issued") != NULL || strstr (r.err, "cannot be") != NULL
                     || strstr (r.err, "not allowed") != NULL);
    }
  after = query (f, sql);
  g_assert_cmpstr (after, ==, before);

  /* The one step allowed on an issued plan's row needs its history event. */
  {
    g_auto(Run) r = { 0 };
    g_autofree char *stmt = g_strdup_printf ("UPDATE plans SET status = 'replaced' WHERE id = %s", id);

    shell (f, &r, stmt);
    g_assert_cmpint (r.status, !=, 0);
  }

  /* delete through the CLI: refused with the reason. */
  {
    g_auto(Run) r = { 0 };

    cli (f, &r, "delete", id, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "issued"));
  }
}

static void
test_whole_path_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *id = complete_plan (f, NULL, NULL);
  g_auto(Run) sub1 = { 0 }, ret = { 0 }, sub2 = { 0 }, hist = { 0 }, shown = { 0 };
  g_auto(Run) bad = { 0 }, noc = { 0 }, ver = { 0 }, unknown = { 0 }, list = { 0 };
  g_auto(GStrv) issued = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  cli (f, &bad, "return", id, "--comment", "Sửa", NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_nonnull (strstr (bad.err, "not submitted"));
  cli (f, &sub1, "submit", id, "--by", "Chị Hoa", NULL);
  g_assert_cmpint (sub1.status, ==, 0);
  cli (f, &noc, "return", id, NULL);
  g_assert_cmpint (noc.status, !=, 0);
  g_assert_nonnull (strstr (noc.err, "--comment"));
  cli (f, &ret, "return", id, "--comment", "Sửa mục II\tcho rõ", "--by", "Anh Thắng", NULL);
  g_assert_cmpint (ret.status, ==, 0);
  cli (f, &sub2, "submit", id, "--by", "Chị Hoa", NULL);
  g_assert_cmpint (sub2.status, ==, 0);
  issued = issue (f, id, "2026-04-09");
  g_assert_cmpstr (issued[0], ==, "1");
  g_assert_cmpstr (issued[1], ==, "2026-04-09");
  g_assert_cmpuint (strlen (issued[2]), >=, 10);

  cli (f, &hist, "history", id, NULL);
  g_assert_cmpint (hist.status, ==, 0);
  g_assert_true (g_str_has_suffix (hist.out, "\n"));
  hist.out[strlen (hist.out) - 1] = '\0';
  lines = g_strsplit (hist.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  {
    const char *want[] = {
      "\tdraft\tsubmitted\tChị Hoa\t",
      "\tsubmitted\treturned\tAnh Thắng\tSửa mục II cho rõ",
      "\treturned\tsubmitted\tChị Hoa\t",
      "\tsubmitted\tissued\tVăn thư\t",
    };
    for (guint i = 0; i < 4; i++)
      {
        g_assert_cmpuint (strlen (lines[i]), >, 19);
        g_assert_cmpint (lines[i][10], ==, 'T');
        g_assert_cmpstr (lines[i] + 19, ==, want[i]);
      }
  }

  cli (f, &shown, "show", id, "--json", NULL);
  json_parser_load_from_data (parser, shown.out, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "issued");
  g_assert_cmpstr (json_object_get_string_member (obj, "code"), ==, issued[2]);
  g_assert_true (json_object_get_null_member (obj, "replaces"));
  g_assert_cmpstr (json_object_get_string_member (obj, "number"), ==, "1");

  /* verify: typed from paper in lower case with dashes. */
  {
    g_autofree char *typed = g_ascii_strdown (issued[2], -1);
    g_autofree char *dashed = g_strdup_printf ("%.4s-%.4s-%s", typed, typed + 4, typed + 8);
    g_autofree char *want = g_strdup_printf ("%s\t01/KH-PGDĐT\t2026-04-09\n", id);

    cli (f, &ver, "verify", dashed, NULL);
    g_assert_cmpint (ver.status, ==, 0);
    g_assert_cmpstr (ver.out, ==, want);
  }
  cli (f, &unknown, "verify", "0000-0000-0000", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_cmpstr (unknown.out, ==, "");

  cli (f, &list, "list", NULL);
  g_assert_nonnull (strstr (list.out, "\tissued\t2026-04-09\t1\t"));
}

static void
test_two_processes (Fixture *f, gconstpointer data)
{
  g_autofree char *first = complete_plan (f, NULL, NULL);
  g_autofree char *a = complete_plan (f, NULL, NULL);
  g_autofree char *b = complete_plan (f, "Phòng Giáo dục và Đào tạo", NULL);   /* same body */
  g_auto(GStrv) one = issue (f, first, "2026-05-01");
  g_autoptr(GSubprocess) pa = NULL;
  g_autoptr(GSubprocess) pb = NULL;
  g_auto(Run) ra = { 0 };
  g_auto(Run) rb = { 0 };
  g_autofree char *nums = NULL;

  g_assert_cmpstr (one[0], ==, "1");
  pa = spawn_cli (f, "issue", a, "--date", "2026-05-02", NULL);
  pb = spawn_cli (f, "issue", b, "--date", "2026-05-02", NULL);
  finish (pa, &ra);
  finish (pb, &rb);
  g_test_message ("a: %s%s b: %s%s", ra.out, ra.err, rb.out, rb.err);
  g_assert_cmpint (ra.status, ==, 0);
  g_assert_cmpint (rb.status, ==, 0);
  g_assert_true ((g_str_has_prefix (ra.out, "2\t") && g_str_has_prefix (rb.out, "3\t"))
                 || (g_str_has_prefix (ra.out, "3\t") && g_str_has_prefix (rb.out, "2\t")));
  nums = query (f, "SELECT group_concat (number, ',') FROM (SELECT number FROM outgoing_numbers ORDER BY number)");
  g_assert_cmpstr (nums, ==, "1,2,3");
}

static void
test_numbers_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *a = complete_plan (f, NULL, "Kế hoạch A");
  g_autofree char *b = complete_plan (f, NULL, "Kế hoạch B");
  g_autofree char *c = complete_plan (f, NULL, "Kế hoạch C");
  g_autofree char *d = complete_plan (f, NULL, "Kế hoạch D");
  g_auto(GStrv) ia = issue (f, a, "2025-12-31");
  g_auto(GStrv) ib = issue (f, b, "2026-01-01");
  g_auto(Run) used = { 0 }, hand = { 0 }, y2026 = { 0 }, pdf = { 0 }, text = { 0 }, st = { 0 };
  g_autofree char *out_pdf = g_build_filename (f->dir, "so-di.pdf", NULL);
  g_autofree char *want = NULL;

  g_assert_cmpstr (ia[0], ==, "1");
  g_assert_cmpstr (ib[0], ==, "1");      /* 1 January starts again at 01 */

  cli (f, &used, "issue", c, "--number", "1", "--date", "2026-01-02", NULL);
  g_assert_cmpint (used.status, !=, 0);
  g_assert_nonnull (strstr (used.err, "already used"));
  cli (f, &st, "history", c, NULL);
  g_assert_cmpstr (st.out, ==, "");       /* nothing changed */

  cli (f, &hand, "issue", c, "--number", "7", "--date", "2026-01-02", NULL);
  g_assert_cmpint (hand.status, ==, 0);
  g_assert_true (g_str_has_prefix (hand.out, "7\t2026-01-02\t"));
  {
    g_auto(GStrv) id = issue (f, d, "2026-01-03");
    g_assert_cmpstr (id[0], ==, "8");
  }

  cli (f, &y2026, "numbers", "--year", "2026", NULL);
  g_assert_cmpint (y2026.status, ==, 0);
  want = g_strdup_printf ("1\tKH-PGDĐT\t2026-01-01\t%s\tKế hoạch B\n"
                          "7\tKH-PGDĐT\t2026-01-02\t%s\tKế hoạch C\n"
                          "8\tKH-PGDĐT\t2026-01-03\t%s\tKế hoạch D\n", b, c, d);
  g_assert_cmpstr (y2026.out, ==, want);

  /* The printed register: Phụ lục IV's columns, landscape. */
  cli (f, &pdf, "numbers", "--year", "2026", "-o", out_pdf, NULL);
  g_assert_cmpint (pdf.status, ==, 0);
  {
    const char *argv[] = { "pdftotext", "-layout", out_pdf, "-", NULL };
    g_autoptr(GSubprocess) p = spawn (argv);
    const char *info_argv[] = { "pdfinfo", out_pdf, NULL };
    g_autoptr(GSubprocess) pi = spawn (info_argv);
    g_auto(Run) info = { 0 };

    finish (p, &text);
    finish (pi, &info);
    g_assert_nonnull (strstr (text.out, "SỔ ĐĂNG KÝ VĂN BẢN ĐI"));
    g_assert_nonnull (strstr (text.out, "07/KH-PGDĐT"));
    g_assert_nonnull (strstr (text.out, "Kế hoạch D"));
    g_assert_nonnull (strstr (text.out, "Người ký"));
    g_assert_null (strstr (text.out, "DỰ THẢO"));
    g_assert_nonnull (strstr (info.out, "841.89 x 595.27"));
  }
}

/* Text of each page of a PDF. */
static GStrv
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr(GSubprocess) p = spawn (argv);
  g_auto(Run) r = { 0 };

  finish (p, &r);
  g_assert_cmpint (r.status, ==, 0);
  return g_strsplit (r.out, "\f", -1);
}

static void
test_printed (Fixture *f, gconstpointer data)
{
  g_autofree char *id = complete_plan (f, NULL, NULL);
  g_autofree char *draft_pdf = g_build_filename (f->dir, "draft.pdf", NULL);
  g_autofree char *draft2_pdf = g_build_filename (f->dir, "draft2.pdf", NULL);
  g_autofree char *issued_pdf = g_build_filename (f->dir, "issued.pdf", NULL);
  g_autofree char *page1 = g_build_filename (f->dir, "page1.png", NULL);
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, png = { 0 }, qr = { 0 }, s = { 0 }, rt = { 0 };
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) issued = NULL;
  g_autofree char *formatted = NULL;
  guint n;

  cli (f, &r1, "render", id, "-o", draft_pdf, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  pages = pdf_pages (draft_pdf);
  n = g_strv_length (pages) - 1;          /* pdftotext ends every page with \f */
  g_assert_cmpuint (n, >=, 3);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (strstr (pages[i], "DỰ THẢO"));
      g_assert_null (strstr (pages[i], "LẦN"));
    }
  g_clear_pointer (&pages, g_strfreev);

  /* Second submission: "DỰ THẢO LẦN 2". */
  cli (f, &s, "submit", id, NULL);
  cli (f, &rt, "return", id, "--comment", "Sửa", NULL);
  cli (f, &r2, "render", id, "-o", draft2_pdf, NULL);
  g_assert_cmpint (r2.status, ==, 0);
  pages = pdf_pages (draft2_pdf);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (pages[i], "DỰ THẢO LẦN 2"));
  g_clear_pointer (&pages, g_strfreev);

  issued = issue (f, id, "2026-06-05");
  formatted = g_strdup_printf ("%.4s-%.4s-%.4s", issued[2], issued[2] + 4, issued[2] + 8);
  cli (f, &r3, "render", id, "-o", issued_pdf, NULL);
  g_assert_cmpint (r3.status, ==, 0);
  pages = pdf_pages (issued_pdf);
  g_assert_cmpuint (g_strv_length (pages) - 1, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_null (strstr (pages[i], "DỰ THẢO"));
      g_assert_nonnull (strstr (pages[i], formatted));
    }

  /* The QR code of page 1 decodes back to the code, number and date. */
  cli (f, &png, "render", id, "-o", page1, "--page", "1", "--dpi", "150", NULL);
  g_assert_cmpint (png.status, ==, 0);
  {
    const char *argv[] = { "zbarimg", "--quiet", "--raw", page1, NULL };
    g_autoptr(GSubprocess) p = spawn (argv);
    g_autofree char *want = g_strdup_printf ("%s 01/KH-PGDĐT 2026-06-05\n", formatted);

    finish (p, &qr);
    g_assert_cmpint (qr.status, ==, 0);
    g_assert_cmpstr (qr.out, ==, want);
  }
}

static void
test_incomplete_refused (Fixture *f, gconstpointer data)
{
  g_auto(Run) made = { 0 }, r = { 0 }, hist = { 0 }, shown = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *count = NULL;

  /* The template has no signer's name. */
  cli (f, &made, "new", "--template", "education-office", NULL);
  id = g_strstrip (g_strdup (made.out));
  cli (f, &r, "issue", id, "--date", "2026-07-01", NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_nonnull (strstr (r.err, "signer's name is missing"));
  cli (f, &hist, "history", id, NULL);
  g_assert_cmpstr (hist.out, ==, "");
  cli (f, &shown, "show", id, "--json", NULL);
  g_assert_nonnull (strstr (shown.out, "\"status\" : \"draft\""));
  count = query (f, "SELECT count (*) FROM outgoing_numbers");
  g_assert_cmpstr (count, ==, "0");

  /* A blank plan: every reason named. */
  {
    g_auto(Run) blank = { 0 }, rb = { 0 };
    g_autofree char *bid = NULL;

    cli (f, &blank, "new", "--template", "blank-state", NULL);
    bid = g_strstrip (g_strdup (blank.out));
    cli (f, &rb, "issue", bid, NULL);
    g_assert_cmpint (rb.status, !=, 0);
    g_test_message ("%s", rb.err);
    g_assert_nonnull (strstr (rb.err, "issuing body"));
  }
}

static void
test_replace_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *id = complete_plan (f, NULL, NULL);
  g_auto(GStrv) first = issue (f, id, "2026-08-01");
  g_auto(Run) rep = { 0 }, shown = { 0 }, old = { 0 }, again = { 0 }, imp = { 0 };
  g_autofree char *new_id = NULL;
  g_auto(GStrv) second = NULL;
  g_autofree char *replaces = NULL;
  g_autofree char *file = g_build_filename (f->dir, "issued.json", NULL);

  cli (f, &rep, "replace", id, NULL);
  g_assert_cmpint (rep.status, ==, 0);
  new_id = g_strstrip (g_strdup (rep.out));
  cli (f, &shown, "show", new_id, "--json", NULL);
  replaces = g_strdup_printf ("\"replaces\" : %s", id);
  g_assert_nonnull (strstr (shown.out, replaces));
  g_assert_nonnull (strstr (shown.out, "\"status\" : \"draft\""));
  g_assert_nonnull (strstr (shown.out, "\"code\" : \"\""));

  second = issue (f, new_id, "2026-08-02");
  g_assert_cmpstr (second[0], ==, "2");
  cli (f, &old, "show", id, "--json", NULL);
  g_assert_nonnull (strstr (old.out, "\"status\" : \"replaced\""));
  g_assert_nonnull (strstr (old.out, first[2]));

  cli (f, &again, "replace", id, NULL);
  g_assert_cmpint (again.status, !=, 0);
  g_assert_nonnull (strstr (again.err, "replaced"));

  /* import-json takes drafts only. */
  g_assert_true (g_file_set_contents (file, old.out, -1, NULL));
  cli (f, &imp, "import-json", file, NULL);
  g_assert_cmpint (imp.status, !=, 0);
  g_assert_nonnull (strstr (imp.err, "status"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/signoff/sql-refused", test_sql_refused);
  ADD ("/signoff/whole-path", test_whole_path_cli);
  ADD ("/signoff/two-processes", test_two_processes);
  ADD ("/signoff/numbers", test_numbers_cli);
  ADD ("/signoff/printed", test_printed);
  ADD ("/signoff/incomplete-refused", test_incomplete_refused);
  ADD ("/signoff/replace", test_replace_cli);
  return g_test_run ();
}
