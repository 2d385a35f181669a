/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-secretary-words.c — words a secretary should not see (issue 11,
 * snag 6), in the Vietnamese window: no rule id and no plan row number in
 * the register's findings, a quota that speaks of "đăng ký" until a result
 * is decided and of "đạt" after, a plan named by its subject; the
 * shortcuts window in Vietnamese, not in GTK's English. */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-paths.h"
#include "thidua-register-view.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

typedef ThiduaTestApp Fixture;

static char *
cli (const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, db);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

/* Every finding's text, joined by newlines. */
static char *
findings_text (ThiduaRegisterView *view)
{
  GtkWidget *list = GTK_WIDGET (thidua_register_view_get_findings (view));
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, list);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_LABEL (w))
        g_string_append_printf (all, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
      for (GtkWidget *c = gtk_widget_get_last_child (w); c; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static gboolean
has_rule_id (const char *text)
{
  g_autoptr(GRegex) id = g_regex_new ("\\b[a-z]+(-[a-z]+)+\\b", 0, 0, NULL);

  return g_regex_match (id, text, 0, NULL);
}

static void
test_findings (Fixture       *f,
               gconstpointer  data)
{
  static const char *const people[] = { "Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", NULL };
  g_autofree char *targets = g_build_filename (f->dir, "targets.json", NULL);
  g_autofree char *plan = NULL;
  g_autofree char *ldtt = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ThiduaWindow *win;
  ThiduaRegisterView *view;
  g_autoptr(GError) error = NULL;

  /* three CSTĐCS and one LĐTT: over the 15% quota; a plan with targets */
  for (guint i = 0; people[i]; i++)
    g_free (cli (f->db_path, "register", "add", "--year", "2025", "--person", people[i],
                 "--unit", "Tổ Toán", "--title", "CSTĐCS", "--initiative", "Sáng kiến", NULL));
  ldtt = cli (f->db_path, "register", "add", "--year", "2025", "--person", "Phạm Thị Dung",
              "--unit", "Tổ Văn", "--title", "LĐTT", NULL);
  plan = cli (f->db_path, "new", "--template", "education-office", NULL);
  g_assert_true (g_file_set_contents (targets,
                                      "[{\"title\": \"LĐTT\", \"measure\": \"percent\", \"base\": \"staff\", \"min\": 80},"
                                      " {\"title\": \"CSTĐCS\", \"measure\": \"count\", \"max\": 2}]", -1, NULL));
  g_free (cli (f->db_path, "register", "targets", "--plan", plan, "--set", targets, NULL));
  g_free (cli (f->db_path, "register", "plan", "--year", "2025", "--plan", plan, NULL));

  win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  gtk_widget_activate_action (GTK_WIDGET (win), "win.show-section", "s", "register");
  thidua_test_spin (600);   /* the section's cross-fade */
  view = THIDUA_REGISTER_VIEW (thidua_window_get_section (win, "register"));
  g_assert_true (thidua_register_view_set_year (view, "2025", &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "register.check", NULL));
  thidua_test_spin (300);
  before = findings_text (view);
  g_test_message ("findings before results:\n%s", before);

  /* the findings are there, in words, without ids */
  g_assert_nonnull (strstr (before, "Chiến sĩ thi đua cơ sở"));
  g_assert_false (has_rule_id (before));
  g_assert_null (strstr (before, "mẫu"));
  /* the quota counts registrations while every result is pending */
  g_assert_nonnull (strstr (before, "người đăng ký “Chiến sĩ thi đua cơ sở” năm 2025, vượt tỷ lệ 15% "
                                    "của 1 người đăng ký “Lao động tiên tiến”"));
  g_assert_null (strstr (before, "người đạt"));
  /* the plan by its subject, not its row number */
  g_assert_nonnull (strstr (before, "chỉ tiêu của kế hoạch “"));
  {
    g_autofree char *by_number = g_strdup_printf ("kế hoạch %s:", plan);
    g_assert_null (strstr (before, by_number));
  }
  thidua_test_save_snapshot (GTK_WINDOW (win), "findings-vi.png");

  /* a result decided: now "đạt" is the word */
  g_free (cli (f->db_path, "register", "set", ldtt, "--result", "achieved", NULL));
  thidua_test_spin (2500);   /* the register notices another program's write */
  g_assert_true (thidua_register_view_set_year (view, "2025", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "register.check", NULL));
  thidua_test_spin (300);
  after = findings_text (view);
  g_test_message ("findings after a result:\n%s", after);
  g_assert_nonnull (strstr (after, "của 1 người đạt “Lao động tiên tiến”"));
  g_assert_false (has_rule_id (after));
}

static GtkWidget *
find_label_with (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_with (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GTK's Vietnamese catalogue lacks the shortcuts window's words. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  GtkShortcutsWindow *overlay;
  GtkWidget *titlebar, *search;

  thidua_test_point_at (600, 400);
  thidua_test_keys ("F1", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (win));
  g_assert_nonnull (overlay);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (overlay)));
  thidua_test_spin (200);
  titlebar = gtk_window_get_titlebar (GTK_WINDOW (overlay));
  g_assert_nonnull (titlebar);
  g_assert_null (find_label_with (titlebar, "Shortcuts"));
  g_assert_null (find_label_with (titlebar, "Search Results"));
  g_assert_nonnull (find_label_with (titlebar, "Phím tắt"));
  search = thidua_test_find_widget (GTK_WIDGET (overlay), GTK_TYPE_SEARCH_ENTRY, NULL);
  if (search == NULL)
    search = thidua_test_find_widget (titlebar, GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (search);
  {
    g_autofree char *placeholder = NULL;

    g_object_get (search, "placeholder-text", &placeholder, NULL);
    g_assert_cmpstr (placeholder, ==, "Tìm phím tắt…");
  }
  thidua_test_save_snapshot (GTK_WINDOW (overlay), "shortcuts-vi.png");
  gtk_window_close (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */

  g_setenv ("GTK_A11Y", "none", TRUE);
  /* the window as a Vietnamese secretary sees it */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* the MIME database gdk-pixbuf needs for GTK's SVG icons, found before
   * each test's isolated XDG_DATA_DIRS hides it */
  g_free (g_content_type_guess ("icon.svg", NULL, 0, NULL));
  bus = thidua_test_private_bus_up ();
  thidua_test_init_gui (&argc, &argv);
  (void) bus;

  g_test_add ("/secretary-words/findings", Fixture, NULL,
              thidua_test_app_set_up, test_findings, thidua_test_app_tear_down);
  g_test_add ("/secretary-words/shortcuts-window", Fixture, NULL,
              thidua_test_app_set_up, test_shortcuts_window, thidua_test_app_tear_down);
  return g_test_run ();
}
