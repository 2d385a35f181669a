/* test-app-register-page.c — the register is a page beside the plans in
 * the main window, over the same database. */
#include "config.h"

#include <gtk/gtk.h>

#include "thidua-application.h"
#include "thidua-register-view.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

static void
test_register_beside_plans (void)
{
  g_autofree char *dir = thidua_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = thidua_application_new (db);
  g_autoptr(GError) error = NULL;
  ThiduaWindow *window;
  GtkWidget *page;
  ThiduaRegister *reg;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = THIDUA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));

  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "plans");
  page = thidua_window_get_section (window, "register");
  g_assert_true (THIDUA_IS_REGISTER_VIEW (page));
  reg = thidua_register_view_get_register (THIDUA_REGISTER_VIEW (page));
  g_assert_true (thidua_register_get_store (reg) == thidua_window_get_store (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "register"));
  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "register");
  g_assert_true (thidua_test_wait_mapped (page));
  /* An unknown section changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "nowhere");
  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "register");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "plans");
  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "plans");

  gtk_window_destroy (GTK_WINDOW (window));
  thidua_test_spin (50);
  thidua_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/register-page", test_register_beside_plans);
  return g_test_run ();
}
