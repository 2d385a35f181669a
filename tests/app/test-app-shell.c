/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-shell.c — the application starts on a fresh database and lists
 * the seeded templates; one instance per database; bad databases. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "thidua-application.h"
#include "thidua-db-error-window.h"
#include "thidua-paths.h"
#include "thidua-plan-item.h"
#include "thidua-settings.h"
#include "thidua-template-item.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

/* argv[0], to start this program again as the second instance */
static const char *test_program;
/* FALSE when there is no session bus (dbus-daemon not installed) */
static gboolean have_bus;

/* the app tests' one fixture (thidua-test-util.c) */
typedef ThiduaTestApp Fixture;

static GtkWindow *
start_app (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  f->app = GTK_APPLICATION (thidua_application_new (f->db_path));
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (f->app)));
  g_application_activate (G_APPLICATION (f->app));

  window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_nonnull (window);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));
  return window;
}

static void
test_app_id_for_database (void)
{
  g_autofree char *default_path = thidua_store_default_path ();
  g_autofree char *id_default = thidua_application_id_for_database (default_path);
  g_autofree char *id_null = thidua_application_id_for_database (NULL);
  g_autofree char *id_a = thidua_application_id_for_database ("/tmp/a/thidua.db");
  g_autofree char *id_a2 = thidua_application_id_for_database ("/tmp/a/../a/./thidua.db");
  g_autofree char *id_b = thidua_application_id_for_database ("/tmp/b/thidua.db");

  g_assert_cmpstr (id_default, ==, APP_ID);
  g_assert_cmpstr (id_null, ==, APP_ID);
  g_assert_true (g_application_id_is_valid (id_a));
  g_assert_true (g_str_has_prefix (id_a, APP_ID ".Db"));
  g_assert_cmpstr (id_a, ==, id_a2);
  g_assert_cmpstr (id_a, !=, id_b);
}

static void
test_lists_seeded_templates (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  GtkWindow *window = start_app (f);
  GListModel *templates;
  ThiduaStore *store;

  g_assert_true (THIDUA_IS_WINDOW (window));
  g_assert_true (g_file_test (f->db_path, G_FILE_TEST_EXISTS));

  store = thidua_application_get_store (THIDUA_APPLICATION (f->app));
  g_assert_nonnull (store);
  g_assert_cmpstr (thidua_store_get_path (store), ==, f->db_path);
  expected = thidua_store_list_templates (store, &error);
  g_assert_no_error (error);
  /* four from the seeds and a blank plan per profile */
  g_assert_cmpuint (expected->len, >=, 7);

  templates = thidua_window_get_templates (THIDUA_WINDOW (window));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, expected->len);

  /* Listed means on screen: a mapped label shows each title. */
  thidua_test_spin (100);
  for (guint i = 0; i < expected->len; i++)
    {
      ThiduaTemplateInfo *info = g_ptr_array_index (expected, i);
      g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (templates, i);

      g_assert_cmpstr (thidua_template_item_get_name (item), ==, info->name);
      g_test_message ("template %s: %s", info->name, info->title);
      g_assert_nonnull (thidua_test_find_label (GTK_WIDGET (window), info->title));
    }

  /* The application's own actions, and the import entry points of the
   * import dialog, are there. */
  for (guint i = 0; i < 5; i++)
    {
      static const char * const names[] = { "about", "quit", "language", "import-file", "paste-as-new" };
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), names[i]));
    }

  /* F1: the shortcuts window from gtk/help-overlay.ui */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  thidua_test_spin (50);
  {
    GList *windows = gtk_application_get_windows (GTK_APPLICATION (f->app));
    gboolean found = FALSE;

    for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
      if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
        {
          found = TRUE;
          gtk_window_close (l->data);
        }
    g_assert_true (found);
    (void) windows;
  }

  /* About */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  thidua_test_spin (50);
  {
    gboolean found = FALSE;

    for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
      if (GTK_IS_ABOUT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        {
          g_assert_cmpstr (gtk_about_dialog_get_version (l->data), ==, PACKAGE_VERSION);
          found = TRUE;
          gtk_window_destroy (l->data);
        }
    g_assert_true (found);
  }

  /* A fresh database has no plans. */
  g_assert_cmpuint (g_list_model_get_n_items (thidua_window_get_plans (THIDUA_WINDOW (window))), ==, 0);
}

static void
test_new_plan_and_search (Fixture       *f,
                          gconstpointer  data)
{
  GtkWindow *window = start_app (f);
  ThiduaWindow *win = THIDUA_WINDOW (window);
  GListModel *templates = thidua_window_get_templates (win);
  GListModel *plans = thidua_window_get_plans (win);
  guint n_templates = g_list_model_get_n_items (templates);

  gint64 covid_id = 0, blank_id = 0;

  for (guint i = 0; i < n_templates; i++)
    {
      g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (templates, i);
      const char *name = thidua_template_item_get_name (item);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", name));
      g_assert_cmpuint (g_list_model_get_n_items (plans), ==, i + 1);
      g_assert_cmpint (thidua_window_get_selected_plan (win), !=, 0);
      if (g_str_has_prefix (name, "covid"))
        covid_id = thidua_window_get_selected_plan (win);
      else if (g_str_equal (name, "blank-state"))
        blank_id = thidua_window_get_selected_plan (win);
    }
  g_assert_cmpint (covid_id, !=, 0);
  g_assert_cmpint (blank_id, !=, 0);

  /* Diacritics-insensitive, đ = d: the Covid template's subject speaks of
   * "phòng, chống dịch Covid-19"; a blank plan has no subject. */
  gtk_editable_set_text (thidua_window_get_search_entry (win), "PHONG chong dich covid");
  thidua_window_reload_plans (win);
  g_assert_cmpuint (g_list_model_get_n_items (plans), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (plans), <, n_templates);
  g_assert_true (thidua_window_select_plan (win, covid_id));
  g_assert_false (thidua_window_select_plan (win, blank_id));

  /* the words must all occur; "đ" typed or not finds the same */
  gtk_editable_set_text (thidua_window_get_search_entry (win), "thi đua");
  thidua_window_reload_plans (win);
  {
    guint with_d;

    g_assert_true (thidua_window_select_plan (win, covid_id));
    with_d = g_list_model_get_n_items (plans);
    gtk_editable_set_text (thidua_window_get_search_entry (win), "thi dua");
    thidua_window_reload_plans (win);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, with_d);
  }

  gtk_editable_set_text (thidua_window_get_search_entry (win), "THI DUA");
  thidua_window_reload_plans (win);
  g_assert_cmpuint (g_list_model_get_n_items (plans), >=, 2);

  gtk_editable_set_text (thidua_window_get_search_entry (win), "no such plan zzz");
  thidua_window_reload_plans (win);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);

  gtk_editable_set_text (thidua_window_get_search_entry (win), "");
  thidua_window_reload_plans (win);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, n_templates);
}

/* The open plan's new date is saved and moves it in the list: it stays
 * selected and open (the same document, its history kept), and the other
 * rows are the same objects. */
static void
test_autosave_moves_open_plan (Fixture       *f,
                               gconstpointer  data)
{
  GtkWindow *window = start_app (f);
  ThiduaWindow *win = THIDUA_WINDOW (window);
  GListModel *plans = thidua_window_get_plans (win);
  g_autoptr(ThiduaPlanItem) other = NULL;
  g_autoptr(ThiduaPlanItem) other_after = NULL;
  ThiduaDocument *doc;
  gint64 first_id = 0;

  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", "blank-state"));
      if (i == 0)
        first_id = thidua_window_get_selected_plan (win);
    }
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 4);
  g_assert_true (thidua_window_select_plan (win, first_id));
  g_assert_cmpint (thidua_window_get_selected_plan (win), ==, first_id);
  {
    g_autoptr(ThiduaPlanItem) last = g_list_model_get_item (plans, 3);
    g_assert_cmpint (thidua_plan_item_get_id (last), ==, first_id);   /* oldest, same date */
  }
  other = g_list_model_get_item (plans, 0);
  doc = thidua_window_get_document (win);
  g_assert_nonnull (doc);
  thidua_document_set_delays (doc, 10, 100);

  thidua_document_begin_step (doc, "date");
  thidua_plan_set_date (thidua_document_get_plan (doc), 2, 9, 2099);
  thidua_document_changed (doc);
  for (guint i = 0; i < 200 && thidua_document_get_state (doc) != THIDUA_SAVE_STATE_SAVED; i++)
    thidua_test_spin (10);
  g_assert_cmpint (thidua_document_get_state (doc), ==, THIDUA_SAVE_STATE_SAVED);
  thidua_test_spin (50);

  {
    g_autoptr(ThiduaPlanItem) moved = g_list_model_get_item (plans, 0);
    g_assert_cmpint (thidua_plan_item_get_id (moved), ==, first_id);
  }
  g_assert_cmpint (thidua_window_get_selected_plan (win), ==, first_id);
  g_assert_true (thidua_window_get_document (win) == doc);
  g_assert_true (thidua_history_can_undo (thidua_document_get_history (doc)));
  other_after = g_list_model_get_item (plans, 1);
  g_assert_true (other_after == other);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  static const char junk[] = "This is a letter, not a database.\n";
  g_autofree char *contents = NULL;
  gsize len;
  GtkWindow *window;

  g_assert_true (g_file_set_contents (f->db_path, junk, -1, NULL));

  f->app = GTK_APPLICATION (thidua_application_new (f->db_path));
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, NULL));
  g_application_activate (G_APPLICATION (f->app));

  window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_true (THIDUA_IS_DB_ERROR_WINDOW (window));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_null (thidua_application_get_store (THIDUA_APPLICATION (f->app)));
  /* The message names the file, and the file is left as it was. */
  g_assert_nonnull (strstr (thidua_db_error_window_get_message (THIDUA_DB_ERROR_WINDOW (window)),
                            f->db_path));
  g_assert_true (g_file_get_contents (f->db_path, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, junk);

  /* Starting a new database elsewhere replaces the error window. */
  {
    g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);

    g_assert_true (thidua_application_open_database (THIDUA_APPLICATION (f->app), other));
    window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
    g_assert_true (THIDUA_IS_WINDOW (window));
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (f->app))), ==, 1);
    g_assert_cmpstr (thidua_application_get_db_path (THIDUA_APPLICATION (f->app)), ==, other);
  }
}

static void
test_read_only_database (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  ThiduaStore *store;

  /* Create it with one plan, then take write permission away. */
  {
    g_autoptr(ThiduaStore) rw = thidua_store_open (f->db_path, THIDUA_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (thidua_store_new_plan (rw, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (f->db_path, 0444), ==, 0);

  window = start_app (f);
  g_assert_true (THIDUA_IS_WINDOW (window));
  store = thidua_application_get_store (THIDUA_APPLICATION (f->app));
  g_assert_true (thidua_store_is_read_only (store));
  g_assert_cmpuint (g_list_model_get_n_items (thidua_window_get_plans (THIDUA_WINDOW (window))), ==, 1);
  /* The plan opens for reading: its fields cannot be edited, and the
   * actions that would change it are off. */
  {
    g_autoptr(ThiduaPlanItem) first = g_list_model_get_item (thidua_window_get_plans (THIDUA_WINDOW (window)), 0);
    ThiduaPlanEditor *editor = thidua_window_get_editor (THIDUA_WINDOW (window));
    GtkWidget *subject = thidua_plan_editor_get_field_widget (editor, "subject");
    GtkWidget *issuing = thidua_plan_editor_get_field_widget (editor, "issuing_body");

    g_assert_true (thidua_window_select_plan (THIDUA_WINDOW (window), thidua_plan_item_get_id (first)));
    g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (subject)));
    g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (issuing)));
    gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.add", NULL);
    g_assert_cmpuint (thidua_document_get_state (thidua_window_get_document (THIDUA_WINDOW (window))),
                      ==, THIDUA_SAVE_STATE_SAVED);
  }

  /* The action is disabled: activating it creates nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", "blank-state");
  g_assert_cmpuint (g_list_model_get_n_items (thidua_window_get_plans (THIDUA_WINDOW (window))), ==, 1);
}

static void
child_startup (GApplication *app,
               gpointer      user_data)
{
  gboolean *primary = user_data;

  /* Only the primary instance starts up; it opens its window, then quits. */
  *primary = TRUE;
  g_idle_add_once ((GSourceOnceFunc) g_application_quit, app);
}

/* Runs in a child process while the parent holds the database: started
 * like the real program, through g_application_run(). */
static void
test_single_instance_child (void)
{
  const char *path = g_getenv ("THIDUA_TEST_DB");
  const char *expect = g_getenv ("THIDUA_TEST_EXPECT_REMOTE");
  g_autoptr(ThiduaApplication) app = NULL;
  gboolean primary = FALSE;

  g_assert_nonnull (path);

  app = thidua_application_new (path);
  g_signal_connect (app, "startup", G_CALLBACK (child_startup), &primary);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_cmpint (!primary, ==, g_strcmp0 (expect, "1") == 0);
}

static void
child_exited (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The child asks the running instance for its actions over D-Bus, so the
 * parent keeps its main loop turning while it waits. */
static void
run_child (const char *db_path,
           gboolean    expect_remote)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_subprocess_launcher_setenv (launcher, "THIDUA_TEST_DB", db_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "THIDUA_TEST_EXPECT_REMOTE",
                                expect_remote ? "1" : "0", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, test_program,
                                       "-p", "/app/single-instance-child", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (child, NULL, child_exited, &done);
  g_assert_true (thidua_test_wait_for (is_true, &done, 30000));
  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
}

static void
test_single_instance (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *spelled = g_build_filename (f->dir, ".", "thidua.db", NULL);

  if (!have_bus || g_str_has_prefix (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), "unix:path=/nonexistent"))
    {
      g_test_skip ("no session bus (install dbus-daemon): one instance per database needs one");
      return;
    }
  start_app (f);

  /* Same file, even spelled differently: the second start is remote. */
  run_child (spelled, TRUE);
  /* Another database: an instance of its own. */
  run_child (other, FALSE);
}

static void
test_language_setting (void)
{
  g_autoptr(GSettings) settings = thidua_settings_new ();
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *mo = g_build_filename (thidua_paths_get_localedir (), "vi", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  /* the Vietnamese catalog is found where the program looks */
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_setenv ("LANGUAGE", "en", TRUE);
  g_settings_set_string (settings, "language", "vi");
  thidua_settings_apply_language (settings);
  /* gettext caches lookups; a new start would not have any */
  setlocale (LC_ALL, "");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "vi");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Saved"), ==, "Đã lưu");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "No plans yet"), ==, "Chưa có kế hoạch nào");

  g_settings_set_string (settings, "language", "en");
  thidua_settings_apply_language (settings);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Saved"), ==, "Saved");

  /* "system" leaves the user's environment as it is */
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_settings_set_string (settings, "language", "system");
  thidua_settings_apply_language (settings);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "vi");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;  /* not unreffed: finalize would wait for the connection */
  int ret;

  /* A private bus: uniqueness is tested for real, and nothing autolaunches
   * a bus that outlives the test.  Children inherit it. */
  bus = thidua_test_private_bus_up ();
  have_bus = bus != NULL || g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL;

  test_program = argv[0];
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/id-for-database", test_app_id_for_database);
  g_test_add_func ("/app/language-setting", test_language_setting);
  g_test_add ("/app/lists-seeded-templates", Fixture, NULL,
              thidua_test_app_set_up, test_lists_seeded_templates, thidua_test_app_tear_down);
  g_test_add ("/app/new-plan-and-search", Fixture, NULL,
              thidua_test_app_set_up, test_new_plan_and_search, thidua_test_app_tear_down);
  g_test_add ("/app/autosave-moves-open-plan", Fixture, NULL,
              thidua_test_app_set_up, test_autosave_moves_open_plan, thidua_test_app_tear_down);
  g_test_add ("/app/not-a-database", Fixture, NULL,
              thidua_test_app_set_up, test_not_a_database, thidua_test_app_tear_down);
  g_test_add ("/app/read-only-database", Fixture, NULL,
              thidua_test_app_set_up, test_read_only_database, thidua_test_app_tear_down);
  g_test_add ("/app/single-instance", Fixture, NULL,
              thidua_test_app_set_up, test_single_instance, thidua_test_app_tear_down);
  /* only in the child /app/single-instance starts: not a case of its own
   * (the run would count it as a skip) */
  if (g_getenv ("THIDUA_TEST_DB") != NULL)
    g_test_add_func ("/app/single-instance-child", test_single_instance_child);

  ret = g_test_run ();

  if (bus != NULL)
    g_test_dbus_stop (bus);  /* down() waits for every connection to be finalized */
  return ret;
}
