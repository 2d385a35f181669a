/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-locks.c — the database stays locked when something else in
 * the process opens and closes its files (GTK's chooser sniffing types),
 * and a second writer then loses nothing. */
#include "config.h"
#include "thidua-store.h"
#include "thidua-store-locks.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

static const char *self_exe;

/* Locks any process holds on the file, from /proc/locks. */
static int
count_locks (const char *path)
{
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  GStatBuf st;
  int n = 0;

  if (g_stat (path, &st) != 0 || !g_file_get_contents ("/proc/locks", &text, NULL, NULL))
    return -1;
  needle = g_strdup_printf (":%lu ", (unsigned long) st.st_ino);
  for (const char *p = text; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

/* What a GtkFileChooser showing the folder does: ask every file its type
 * and icon, which makes GIO open, read and close files it cannot type by
 * name. */
static void
sniff_folder (const char *dir)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) e = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;
  guint n = 0;

  e = g_file_enumerate_children (folder, "standard::content-type,standard::icon",
                                 G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_assert_nonnull (g_file_info_get_content_type (info));
      g_object_unref (info);
      n++;
    }
  g_assert_cmpuint (n, >=, 2);   /* the database and its -shm at least */
}

static gint64
add_plan (ThiduaStore *store,
          const char  *subject)
{
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  thidua_plan_set_subject (plan, subject);
  id = thidua_store_insert_plan (store, plan, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
has_subject (GPtrArray  *plans,
             const char *subject)
{
  for (guint i = 0; i < plans->len; i++)
    if (g_strcmp0 (((ThiduaPlanSummary *) g_ptr_array_index (plans, i))->subject, subject) == 0)
      return TRUE;
  return FALSE;
}

static void
test_sniff_keeps_locks (void)
{
  g_autofree char *dir = g_dir_make_tmp ("thidua-locks-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_exe, "--write-plan", path, NULL };
  int status = -1;

  store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  add_plan (store, "Kế hoạch của cửa sổ");
  g_assert_cmpint (count_locks (path), >, 0);
  g_assert_cmpint (count_locks (shm), >, 0);

  sniff_folder (dir);

  /* Before the fix both counts fell to 0: the process no longer held
   * the database, as far as any other process could tell. */
  g_assert_cmpint (count_locks (path), >, 0);
  g_assert_cmpint (count_locks (shm), >, 0);

  /* a second writer (thidua-cli new) adds a plan and closes */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  add_plan (store, "Kế hoạch sau đó");
  g_clear_object (&store);

  store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  plans = thidua_store_list_plans (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_subject (plans, "Kế hoạch của cửa sổ"));
  g_assert_true (has_subject (plans, "Kế hoạch của dòng lệnh"));
  g_assert_true (has_subject (plans, "Kế hoạch sau đó"));
  g_clear_object (&store);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *f = g_strconcat (path, suffixes[i], NULL);

      g_remove (f);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--write-plan"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaStore) store = thidua_store_open (argv[2], THIDUA_STORE_OPEN_NO_SEED, &error);

      if (store == NULL)
        g_error ("%s", error->message);
      add_plan (store, "Kế hoạch của dòng lệnh");
      return 0;
    }

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);
#ifdef __linux__
  g_test_add_func ("/store/locks/sniff-keeps-locks", test_sniff_keeps_locks);
#endif
  return g_test_run ();
}
