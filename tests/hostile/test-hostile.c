/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hostile.c — issue 16: hostile input through the real thidua-cli.
 *
 * Every case of cases.tsv runs against a database holding a plan and a
 * year of registrations, under a 1 GB address-space limit (ulimit -v
 * 1000000; not under AddressSanitizer, whose shadow memory needs more):
 * it must exit non-zero by itself (no signal, nothing killed for memory),
 * say MESSAGE, print no sanitizer report, and leave `sqlite3 .dump` as it
 * was.  The other tests reproduce the defects that are not a bad file:
 * races, the busy timeout, output links, CSV formulas, escaping, the
 * database file's mode, a full disk, the file size limit, a damaged
 * database opened read-only, the DPI cap. */
#include "config.h"
#include "../thidua-test-tmp.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "thidua-store.h"

typedef struct {
  char *file;
  char *args;
  char *message;
} Case;

typedef struct {
  gboolean exited;
  int      status;      /* exit status, or the signal */
  char    *out;
  char    *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct {
  rlim_t as;      /* RLIMIT_AS, 0 = none */
  rlim_t fsize;   /* RLIMIT_FSIZE, 0 = none */
} Limits;

static gboolean
sanitized (void)
{
  return g_getenv ("THIDUA_SANITIZED") != NULL;
}

static void
child_setup (gpointer data)
{
  Limits *l = data;
  struct rlimit r;

  if (l->as)
    {
      r.rlim_cur = r.rlim_max = l->as;
      setrlimit (RLIMIT_AS, &r);
    }
  if (l->fsize)
    {
      r.rlim_cur = r.rlim_max = l->fsize;
      setrlimit (RLIMIT_FSIZE, &r);
    }
}

/* Runs ARGV (argv[0] a program path) with LIMITS; waits. */
static void
run_argv (Run *run, const char * const *argv, Limits *limits, const char *cwd)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, child_setup, limits,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->exited = WIFEXITED (wait_status);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : WTERMSIG (wait_status);
}

static void
cli (Run *run, const char *db, Limits *limits, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  if (db != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db);
    }
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  run_argv (run, (const char * const *) argv->pdata, limits, NULL);
}

static void
assert_no_sanitizer_report (const Run *r)
{
  g_assert_null (strstr (r->err, "AddressSanitizer"));
  g_assert_null (strstr (r->err, "LeakSanitizer"));
  g_assert_null (strstr (r->err, "runtime error:"));
}

static void
assert_ok (const Run *r)
{
  if (!r->exited || r->status != 0)
    g_printerr ("stderr: %s\n", r->err);
  g_assert_true (r->exited);
  g_assert_cmpint (r->status, ==, 0);
  assert_no_sanitizer_report (r);
}

static char *
dump (const char *db)
{
  const char *argv[] = { "sqlite3", db, ".dump", NULL };
  g_auto(Run) r = { 0 };

  run_argv (&r, argv, &(Limits) { 0 }, NULL);
  g_assert_true (r.exited);
  g_assert_cmpint (r.status, ==, 0);
  return g_steal_pointer (&r.out);
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), name, NULL);
}

/* A database with plan 1 and the registrations of ngay-sinh.csv for 2024. */
static char *
make_db (const char *dir)
{
  char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *csv = fixture ("register/ngay-sinh.csv");
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  cli (&a, db, &(Limits) { 0 }, "new", NULL);
  assert_ok (&a);
  cli (&b, db, &(Limits) { 0 }, "register", "import", csv, "--year", "2024", NULL);
  assert_ok (&b);
  return db;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-hostile");
  g_autofree char *db = make_db (dir);
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;
  g_autofree char *file = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) r = { 0 };
  Limits limits = { sanitized () ? 0 : (rlim_t) 1000000 * 1024, 0 };

  if (g_str_equal (c->file, "@FIFO@"))
    {
      file = g_build_filename (dir, "fifo", NULL);
      g_assert_cmpint (mkfifo (file, 0600), ==, 0);
    }
  else if (g_str_equal (c->file, "@FOLDER@"))
    file = g_build_filename (dir, "folder.csv", NULL), g_mkdir (file, 0700);
  else if (g_str_equal (c->file, "@LINK@"))
    {
      g_autofree char *target = fixture ("register/ngay-sinh.csv");
      file = g_build_filename (dir, "link.csv", NULL);
      g_assert_cmpint (symlink (target, file), ==, 0);
    }
  else if (g_path_is_absolute (c->file))
    file = g_strdup (c->file);
  else
    file = g_build_filename (g_getenv ("THIDUA_HOSTILE_CORPUS"), c->file, NULL);

  g_ptr_array_add (argv, g_strdup (g_getenv ("THIDUA_CLI")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  args = g_strsplit (c->args, " ", -1);
  for (guint i = 0; args[i]; i++)
    {
      g_autofree char *a1 = NULL;
      char *a2;
      g_auto(GStrv) p1 = g_strsplit (args[i], "@FILE@", -1);
      g_auto(GStrv) p2 = NULL;

      a1 = g_strjoinv (file, p1);
      p2 = g_strsplit (a1, "@DIR@", -1);
      a2 = g_strjoinv (dir, p2);
      g_ptr_array_add (argv, a2);
    }
  g_ptr_array_add (argv, NULL);
  run_argv (&r, (const char * const *) argv->pdata, &limits, dir);

  if (!r.exited)
    g_printerr ("killed by signal %d; stderr: %s\n", r.status, r.err);
  g_assert_true (r.exited);              /* no crash, nothing killed for memory */
  g_assert_cmpint (r.status, !=, 0);
  assert_no_sanitizer_report (&r);
  if (strstr (r.err, c->message) == NULL)
    g_printerr ("stderr: %s\n", r.err);
  g_assert_nonnull (strstr (r.err, c->message));
  g_assert_null (strstr (r.err, "CRITICAL"));
  after = dump (db);
  g_assert_cmpstr (after, ==, before);
  thidua_test_tmpdir_remove (dir);
}

/* ---- 9: two processes creating or upgrading one file ---- */

static void
test_race_new (void)
{
  for (guint trial = 0; trial < 5; trial++)
    {
      g_autofree char *dir = thidua_test_tmpdir_new ("thidua-race");
      g_autofree char *db = g_build_filename (dir, "fr.db", NULL);
      const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", db, "new", NULL };
      GPid pids[3];
      g_auto(Run) list = { 0 };

      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(GError) error = NULL;
          g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD
                         | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pids[i], &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < 3; i++)
        {
          int status;
          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
        }
      cli (&list, db, &(Limits) { 0 }, "list", NULL);
      assert_ok (&list);
      {
        g_auto(GStrv) plans = g_strsplit (g_strstrip (list.out), "\n", -1);
        g_assert_cmpuint (g_strv_length (plans), ==, 3);
      }
      thidua_test_tmpdir_remove (dir);
    }
}

static void
test_race_upgrade (void)
{
  for (guint trial = 0; trial < 4; trial++)
    {
      g_autofree char *dir = thidua_test_tmpdir_new ("thidua-race");
      g_autofree char *db = g_build_filename (dir, "old.db", NULL);
      const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", db, "new", NULL };
      g_autoptr(GError) error = NULL;
      GPid pids[2];

      {
        g_autoptr(ThiduaStore) old = thidua_store_open_at_version (db, THIDUA_STORE_OPEN_NO_SEED, 1, &error);
        g_assert_no_error (error);
      }
      for (guint i = 0; i < 2; i++)
        {
          g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD
                         | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pids[i], &error);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < 2; i++)
        {
          int status;
          g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 0);
        }
      thidua_test_tmpdir_remove (dir);
    }
}

/* ---- 14: a short write waits for a 3 s transaction of another process ---- */

static void
test_busy_timeout (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-busy");
  g_autofree char *db = make_db (dir);
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", db, "new", NULL };
  sqlite3 *other;
  GPid pid;
  int status;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_open (db, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; UPDATE plans SET subject = subject", NULL, NULL, NULL), ==, SQLITE_OK);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_usleep (3 * G_USEC_PER_SEC);          /* the old timeout was 1.5 s */
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  thidua_test_tmpdir_remove (dir);
}

/* ---- 10: CSV export neutralises formulas ---- */

static void
test_csv_formulas (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-formula");
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *in = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  g_assert_true (g_file_set_contents (in,
      "Họ và tên;Chức vụ;Đơn vị;Loại;Danh hiệu thi đua;Ghi chú\n"
      "=HYPERLINK(\"http://x\");+Giảng viên;@Khoa;Cá nhân;Lao động tiên tiến;-2+3\n", -1, NULL));
  cli (&a, db, &(Limits) { 0 }, "register", "import", in, "--year", "2024", NULL);
  assert_ok (&a);
  cli (&b, db, &(Limits) { 0 }, "register", "export", "--year", "2024", "-o", out, NULL);
  assert_ok (&b);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"'=HYPERLINK(\"\"http://x\"\")\""));
  g_assert_nonnull (strstr (text, "\"'+Giảng viên\""));
  g_assert_nonnull (strstr (text, "\"'@Khoa"));
  g_assert_nonnull (strstr (text, "\"'-2+3\""));
  g_assert_null (strstr (text, ",=HYPERLINK"));
  thidua_test_tmpdir_remove (dir);
}

/* ---- 11: writers replace a link at the target, never follow it ---- */

static void
check_link_replaced (const char *dir, const char *db, const char *name, const char * const *args)
{
  g_autofree char *victim = g_build_filename (dir, "victim.txt", NULL);
  g_autofree char *dangling = g_build_filename (dir, "never-made", NULL);
  g_autofree char *out = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  GStatBuf st;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_auto(Run) r = { 0 };

      g_assert_true (g_file_set_contents (victim, "do not touch", -1, NULL));
      g_remove (out);
      g_assert_cmpint (symlink (pass == 0 ? victim : dangling, out), ==, 0);
      g_ptr_array_set_size (argv, 0);
      g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer) db);
      for (guint i = 0; args[i]; i++)
        g_ptr_array_add (argv, (gpointer) (g_str_equal (args[i], "@OUT@") ? out : args[i]));
      g_ptr_array_add (argv, NULL);
      run_argv (&r, (const char * const *) argv->pdata, &(Limits) { 0 }, NULL);
      assert_ok (&r);
      g_assert_true (g_file_get_contents (victim, &text, NULL, NULL));
      g_assert_cmpstr (text, ==, "do not touch");
      g_clear_pointer (&text, g_free);
      g_assert_false (g_file_test (dangling, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_lstat (out, &st), ==, 0);
      g_assert_true (S_ISREG (st.st_mode));
      g_assert_cmpint (st.st_size, >, 0);
    }
}

static void
test_output_links (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-links");
  g_autofree char *db = make_db (dir);
  g_autofree char *json = g_build_filename (dir, "plan.json", NULL);
  const char *pdf[] = { "render", "1", "-o", "@OUT@", NULL };
  const char *rjson[] = { "render-json", json, "-o", "@OUT@", NULL };
  const char *report[] = { "register", "report", "--year", "2024", "-o", "@OUT@", NULL };
  const char *export[] = { "register", "export", "--year", "2024", "-o", "@OUT@", NULL };

  g_assert_true (g_file_set_contents (json, "{\"subject\":\"về việc\",\"body\":\"I. A\"}", -1, NULL));
  check_link_replaced (dir, db, "out.pdf", pdf);
  check_link_replaced (dir, db, "out.png", (const char *[]) { "render", "1", "-o", "@OUT@", "--dpi", "30", NULL });
  check_link_replaced (dir, db, "out.svg", (const char *[]) { "render", "1", "-o", "@OUT@", NULL });
  check_link_replaced (dir, db, "json.pdf", rjson);
  check_link_replaced (dir, db, "report.pdf", report);
  check_link_replaced (dir, db, "export.xlsx", export);
  check_link_replaced (dir, db, "export.csv", export);
  thidua_test_tmpdir_remove (dir);
}

/* ---- 13: show --json escapes every control character ---- */

static void
test_show_json_controls (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-controls");
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_autofree char *json = g_build_filename (dir, "plan.json", NULL);
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  g_assert_true (g_file_set_contents (json, "{\"subject\":\"a\\u001fb\\u0001c\\u007f\"}", -1, NULL));
  cli (&a, db, &(Limits) { 0 }, "import-json", json, NULL);
  assert_ok (&a);
  cli (&b, db, &(Limits) { 0 }, "show", "1", "--json", NULL);
  assert_ok (&b);
  for (const char *p = b.out; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_nonnull (strstr (b.out, "a\\u001fb\\u0001c"));
  thidua_test_tmpdir_remove (dir);
}

/* ---- 15: the smaller ones ---- */

static void
test_db_mode (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-mode");
  g_autofree char *db = g_build_filename (dir, "r.db", NULL);
  g_auto(Run) a = { 0 };
  GStatBuf st;
  mode_t old = umask (022);

  cli (&a, db, &(Limits) { 0 }, "new", NULL);
  umask (old);
  assert_ok (&a);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  thidua_test_tmpdir_remove (dir);
}

/* A 256 kB tmpfs in a new user and mount namespace. */
static void
test_disk_full (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-full");
  g_autofree char *db = make_db (dir);
  g_autofree char *mnt = g_build_filename (dir, "small", NULL);
  g_autofree char *script = g_strdup_printf (
      "mount -t tmpfs -o size=256k tmpfs '%s' && cp '%s' '%s/r.db' && "
      "dd if=/dev/zero of='%s/fill' bs=4k 2>/dev/null; "
      "i=0; while [ $i -lt 40 ]; do '%s' --db '%s/r.db' new >/dev/null || exit 0; i=$((i+1)); done; exit 3",
      mnt, db, mnt, mnt, g_getenv ("THIDUA_CLI"), mnt);
  const char *argv[] = { "unshare", "-rm", "sh", "-c", script, NULL };
  g_auto(Run) r = { 0 };

  g_mkdir (mnt, 0700);
  run_argv (&r, argv, &(Limits) { 0 }, NULL);
  g_assert_true (r.exited);
  g_assert_cmpint (r.status, ==, 0);
  assert_no_sanitizer_report (&r);
  if (strstr (r.err, "disk full") == NULL)
    g_printerr ("stderr: %s\n", r.err);
  g_assert_nonnull (strstr (r.err, "disk full"));
  g_assert_null (strstr (r.err, "disk I/O error"));
  thidua_test_tmpdir_remove (dir);
}

static void
test_file_size_limit (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-fsize");
  g_autofree char *json = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_auto(Run) r = { 0 };

  g_assert_true (g_file_set_contents (json, "{\"subject\":\"về việc\",\"body\":\"I. A\"}", -1, NULL));
  cli (&r, NULL, &(Limits) { 0, 4096 }, "render-json", json, "-o", out, NULL);
  g_assert_true (r.exited);             /* SIGXFSZ used to kill it silently */
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "File too large"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  thidua_test_tmpdir_remove (dir);
}

static void
test_damaged_read_only (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-damaged");
  g_autofree char *db = make_db (dir);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *out = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (db, &data, &len, NULL));
  g_assert_cmpuint (len, >, 3 * 4096);
  memset (data + 4096, 0xff, len - 4096);
  g_assert_true (g_file_set_contents (db, data, len, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_auto(Run) r = { 0 };

      if (i == 0)
        cli (&r, db, &(Limits) { 0 }, "render", "1", "-o", out, NULL);
      else
        cli (&r, db, &(Limits) { 0 }, "register", "list", "--year", "2024", NULL);
      g_assert_true (r.exited);
      g_assert_cmpint (r.status, !=, 0);
      g_assert_nonnull (strstr (r.err, "damaged"));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
    }
  thidua_test_tmpdir_remove (dir);
}

static void
test_dpi_cap (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-dpi");
  g_autofree char *db = make_db (dir);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_auto(Run) r = { 0 };

  cli (&r, db, &(Limits) { 0 }, "render", "1", "-o", out, "--dpi", "2400", NULL);
  g_assert_true (r.exited);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_nonnull (strstr (r.err, "--dpi must be between 10 and 600"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  thidua_test_tmpdir_remove (dir);
}

/* A 10 MB body took 15.8 s to lay out (about 2 s a megabyte): the body
 * read from JSON is capped at 2 MB. */
static void
test_body_cap (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-body");
  g_autofree char *db = make_db (dir);
  g_autofree char *json = g_build_filename (dir, "big.json", NULL);
  g_autofree char *out = g_build_filename (dir, "big.pdf", NULL);
  g_autofree char *before = dump (db);
  g_autofree char *after = NULL;
  g_autoptr(GString) text = g_string_new ("{\"subject\":\"về việc\",\"body\":\"I. MỤC ĐÍCH\\n");
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  while (text->len < 3 * 1024 * 1024)
    g_string_append (text, "Các đơn vị tổ chức phát động phong trào thi đua yêu nước.\\n");
  g_string_append (text, "\"}");
  g_assert_true (g_file_set_contents (json, text->str, text->len, NULL));
  cli (&a, db, &(Limits) { 0 }, "import-json", json, NULL);
  g_assert_true (a.exited);
  g_assert_cmpint (a.status, !=, 0);
  g_assert_nonnull (strstr (a.err, "a plan's body holds at most 2097152"));
  cli (&b, NULL, &(Limits) { 0 }, "render-json", json, "-o", out, NULL);
  g_assert_true (b.exited);
  g_assert_cmpint (b.status, !=, 0);
  g_assert_nonnull (strstr (b.err, "a plan's body holds at most"));
  after = dump (db);
  g_assert_cmpstr (after, ==, before);
  thidua_test_tmpdir_remove (dir);
}

/* The cases outlive g_test_run(); LeakSanitizer sees them freed at exit. */
static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->file);
  g_free (c->args);
  g_free (c->message);
  g_free (c);
}

int
main (int argc, char **argv)
{
  g_autofree char *cases_path = NULL;
  g_autofree char *cases = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (case_free);

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  cases_path = g_build_filename (g_getenv ("THIDUA_HOSTILE_CORPUS"), "..", "cases.tsv", NULL);
  g_assert_true (g_file_get_contents (cases_path, &cases, NULL, NULL));
  lines = g_strsplit (cases, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 3);
      Case *c;
      g_autofree char *name = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (f), ==, 3);
      c = g_new0 (Case, 1);
      c->file = g_strdup (f[0]);
      c->args = g_strdup (f[1]);
      c->message = g_strdup (f[2]);
      {
        g_autofree char *base = g_path_get_basename (f[0]);
        name = g_strdup_printf ("/hostile/%03u-%s-%s", i, base, f[1]);
      }
      g_strdelimit (name + 1, " /@", '_');
      g_test_add_data_func (name, c, test_case);
      g_ptr_array_add (all, c);
    }
  g_test_add_func ("/hostile/d09-race-new", test_race_new);
  g_test_add_func ("/hostile/d09-race-upgrade", test_race_upgrade);
  g_test_add_func ("/hostile/d10-csv-formulas", test_csv_formulas);
  g_test_add_func ("/hostile/d11-output-links", test_output_links);
  g_test_add_func ("/hostile/d13-show-json-controls", test_show_json_controls);
  g_test_add_func ("/hostile/d14-busy-timeout", test_busy_timeout);
  g_test_add_func ("/hostile/d15-db-mode-0600", test_db_mode);
  g_test_add_func ("/hostile/d15-disk-full", test_disk_full);
  g_test_add_func ("/hostile/d15-file-size-limit", test_file_size_limit);
  g_test_add_func ("/hostile/d15-damaged-read-only", test_damaged_read_only);
  g_test_add_func ("/hostile/d15-dpi-cap", test_dpi_cap);
  g_test_add_func ("/hostile/d15-body-cap", test_body_cap);
  return g_test_run ();
}
