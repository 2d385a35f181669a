/* test-app-register-page.c — the window's sections: the register is a
 * page beside the plans, over the same database; the plans list shows
 * numbers as each profile prints them. */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "thidua-application.h"
#include "thidua-plan-item.h"
#include "thidua-register-targets.h"
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

static void
test_plan_list_numbers (void)
{
  g_autofree char *dir = thidua_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaWindow *window;
  GListModel *plans;
  gboolean seen_party = FALSE, seen_state = FALSE;

  {
    g_autoptr(ThiduaStore) store = thidua_store_open (db, 0, &error);
    g_autoptr(ThiduaPlan) plan = thidua_store_plan_from_template (store, "education-office", &error);

    g_assert_no_error (error);
    g_assert_cmpint (thidua_store_new_plan (store, "annual-party-school", &error), >, 0);  /* Số 100-KH/TCT */
    thidua_plan_set_number (plan, "215");
    g_assert_cmpint (thidua_store_insert_plan (store, plan, &error), >, 0);              /* Số: 215/KH-PGDĐT */
  }

  app = thidua_application_new (db);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = THIDUA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));

  plans = thidua_window_get_plans (window);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ThiduaPlanItem) item = g_list_model_get_item (plans, i);
      const char *subtitle = thidua_plan_item_get_subtitle (item);

      if (g_str_equal (thidua_plan_item_get_profile (item), "party"))
        {
          seen_party = TRUE;
          g_assert_nonnull (strstr (subtitle, "100-KH/TCT"));
        }
      else
        {
          seen_state = TRUE;
          g_assert_nonnull (strstr (subtitle, "215/KH-PGDĐT"));
        }
    }
  g_assert_true (seen_party && seen_state);

  gtk_window_destroy (GTK_WINDOW (window));
  thidua_test_spin (50);
  thidua_test_remove_dir (dir);
}

/* Deleting a plan and undoing it brings back its targets (chỉ tiêu) too. */
static void
test_delete_undo_keeps_targets (void)
{
  g_autofree char *dir = thidua_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = thidua_application_new (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  g_autoptr(GPtrArray) back = NULL;
  ThiduaWindow *window;
  ThiduaRegister *reg;
  ThiduaStore *store;
  gint64 id, restored;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = THIDUA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));
  store = thidua_window_get_store (window);
  reg = thidua_register_view_get_register (THIDUA_REGISTER_VIEW (thidua_window_get_section (window, "register")));

  id = thidua_store_new_plan (store, "annual-party-school", &error);
  g_assert_no_error (error);
  g_ptr_array_add (targets, thidua_plan_target_new ("cstdcs", 10, 15, THIDUA_TARGET_PERCENT, "ldtt"));
  g_assert_true (thidua_register_set_targets (reg, id, targets, &error));
  g_assert_no_error (error);

  thidua_window_reload_plans (window);
  g_assert_true (thidua_window_select_plan (window, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  g_assert_null (thidua_store_load_plan (store, id, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", NULL));

  restored = thidua_window_get_selected_plan (window);
  g_assert_cmpint (restored, >, 0);
  back = thidua_register_get_targets (reg, restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (((ThiduaPlanTarget *) g_ptr_array_index (back, 0))->title, ==, "cstdcs");

  gtk_window_destroy (GTK_WINDOW (window));
  thidua_test_spin (50);
  thidua_test_remove_dir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/register-page", test_register_beside_plans);
  g_test_add_func ("/app/plan-list-numbers", test_plan_list_numbers);
  g_test_add_func ("/app/delete-undo-keeps-targets", test_delete_undo_keeps_targets);
  return g_test_run ();
}
