/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-register-page.c — the window's sections: the register is a
 * page beside the plans, over the same database; the plans list shows
 * numbers as each profile prints them. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <gtk/gtk.h>
#include <glib/gi18n.h>

#include "thidua-application.h"
#include "thidua-paths.h"
#include "thidua-register-row-editor.h"
#include "thidua-plan-item.h"
#include "thidua-register-targets.h"
#include "thidua-register-view.h"
#include "thidua-register-model.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

/* The header button bound to an action, by depth-first search. */
static GtkWidget *
button_for_action (GtkWidget *root, const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      if ((found = button_for_action (c, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_register_beside_plans (void)
{
  g_autofree char *dir = thidua_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = thidua_application_new (db);
  g_autoptr(GError) error = NULL;
  ThiduaWindow *window;
  GtkWidget *page;
  GtkWidget *print_button;
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

  /* the header's Print: nothing to print without a plan, the register's
   * summary on the register page */
  print_button = button_for_action (GTK_WIDGET (window), "win.print");
  g_assert_nonnull (print_button);
  thidua_test_spin (20);
  g_assert_false (gtk_widget_get_sensitive (print_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "register"));
  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "register");
  thidua_test_spin (20);
  g_assert_true (gtk_widget_get_sensitive (print_button));
  g_assert_true (thidua_test_wait_mapped (page));
  /* An unknown section changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "nowhere");
  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "register");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "plans");
  g_assert_cmpstr (thidua_window_get_visible_section (window), ==, "plans");
  thidua_test_spin (20);
  g_assert_false (gtk_widget_get_sensitive (print_button));

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

/* A control has a name when it is given one, is labelled by another
 * widget, or shows its own text. */
static gboolean
has_accessible_name (GtkWidget *w)
{
  const char *text = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (w))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (w));
  else if (GTK_IS_CHECK_BUTTON (w))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (w));
  else if (GTK_IS_BUTTON (w))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (w));
      text = gtk_button_get_label (GTK_BUTTON (w));
      if (text == NULL && GTK_IS_LABEL (child))
        text = gtk_label_get_text (GTK_LABEL (child));
      if (text == NULL && child != NULL && !GTK_IS_IMAGE (child))
        for (GtkWidget *c = gtk_widget_get_first_child (child); c; c = gtk_widget_get_next_sibling (c))
          if (GTK_IS_LABEL (c))
            text = gtk_label_get_text (GTK_LABEL (c));
    }
  else if (GTK_IS_EXPANDER (w))
    text = gtk_expander_get_label (GTK_EXPANDER (w));
  return text != NULL && *text != '\0';
}

static gboolean
is_control (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) ||
         GTK_IS_ENTRY (w) || GTK_IS_SEARCH_ENTRY (w) || GTK_IS_SPIN_BUTTON (w) ||
         GTK_IS_DROP_DOWN (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_SWITCH (w) ||
         GTK_IS_SCALE (w) || GTK_IS_EXPANDER (w) || GTK_IS_LIST_VIEW (w) ||
         GTK_IS_GRID_VIEW (w) || GTK_IS_COLUMN_VIEW (w) || GTK_IS_LIST_BOX (w) ||
         GTK_IS_CALENDAR (w) || GTK_IS_PASSWORD_ENTRY (w);
}

/* Controls inside these are GTK's own parts (window buttons, the entry of a
 * spin button, the rows of a list): they are named by GTK or by the list. */
static gboolean
is_opaque (GtkWidget *w)
{
  return GTK_IS_WINDOW_CONTROLS (w) || GTK_IS_DROP_DOWN (w) || GTK_IS_MENU_BUTTON (w) ||
         GTK_IS_SPIN_BUTTON (w) || GTK_IS_ENTRY (w) || GTK_IS_SEARCH_ENTRY (w) ||
         GTK_IS_LIST_VIEW (w) || GTK_IS_GRID_VIEW (w) || GTK_IS_COLUMN_VIEW (w) ||
         GTK_IS_STACK_SWITCHER (w) || GTK_IS_EXPANDER (w) || GTK_IS_POPOVER (w);
}

static void
collect_unnamed (GtkWidget *w, GString *out)
{
  if (is_control (w) && gtk_widget_get_mapped (w) && !has_accessible_name (w))
    {
      /* the path from the window, so that a failure says where */
      g_string_append (out, " ");
      for (GtkWidget *a = w; a != NULL; a = gtk_widget_get_parent (a))
        g_string_append_printf (out, " < %s", G_OBJECT_TYPE_NAME (a));
      if (GTK_IS_BUTTON (w) && gtk_button_get_icon_name (GTK_BUTTON (w)))
        g_string_append_printf (out, " (icon %s)", gtk_button_get_icon_name (GTK_BUTTON (w)));
      g_string_append_c (out, '\n');
    }
  if (is_opaque (w) && !GTK_IS_EXPANDER (w))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    collect_unnamed (c, out);
}

/* Every control of the window has an accessible name: with a plan open in
 * the form and preview, and on the register page. */
static void
test_accessible_names (void)
{
  g_autofree char *dir = thidua_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = thidua_application_new (db);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) unnamed = g_string_new (NULL);
  ThiduaWindow *window;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = THIDUA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));

  collect_unnamed (GTK_WIDGET (window), unnamed);            /* the welcome page */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", "s", "labour-federation");
  thidua_test_spin (200);
  collect_unnamed (GTK_WIDGET (window), unnamed);            /* form and preview */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "register");
  thidua_test_spin (200);
  collect_unnamed (GTK_WIDGET (window), unnamed);            /* the register */
  if (unnamed->len > 0)
    g_error ("controls without an accessible name:\n%s", unnamed->str);

  gtk_window_destroy (GTK_WINDOW (window));
  thidua_test_spin (50);
  thidua_test_remove_dir (dir);
}

/* ---- the register by hand, with real keys (issue 11) ---- */

static void
xdo (const char *first, ...)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;
  int status = 0;

  g_assert_nonnull (xdotool);
  g_ptr_array_add (argv, xdotool);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  thidua_test_spin (150);
}

/* Registrations of the year as the store has them. */
static GPtrArray *
stored_rows (ThiduaRegister *reg, const char *year)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  q.year = year;
  rows = thidua_register_query (reg, &q, &error);
  g_assert_no_error (error);
  return rows;
}

static guint
count_rows (ThiduaRegister *reg, const char *year, int status, int result, const char *decision)
{
  g_autoptr(GPtrArray) rows = stored_rows (reg, year);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      if ((status < 0 || (int) r->status == status) && (result < 0 || (int) r->result == result)
          && (decision == NULL || g_strcmp0 (r->decision, decision) == 0))
        n++;
    }
  return n;
}

/* The machine may be slow: waits up to 5 s for the store to agree. */
static guint
wait_count (ThiduaRegister *reg, const char *year, int status, int result, const char *decision, guint want)
{
  guint n = 0;

  for (guint i = 0; i < 100 && (n = count_rows (reg, year, status, result, decision)) != want; i++)
    thidua_test_spin (50);
  return n;
}

static void
focus_and_type (GtkWidget *widget, const char *text)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  thidua_test_spin (100);
  xdo ("type", "--delay", "20", text, NULL);
  /* every key reached the entry before the focus moves on */
  for (guint i = 0; i < 100 && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) != 0; i++)
    thidua_test_spin (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, text);
}

static void
focus_and_key (GtkWidget *widget, const char *key)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  thidua_test_spin (100);
  xdo ("key", key, NULL);
}

static void
test_by_hand_keys (void)
{
  g_autofree char *dir = thidua_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "thidua.db", NULL);
  g_autoptr(ThiduaApplication) app = thidua_application_new (db);
  g_autoptr(GError) error = NULL;
  g_autofree char *year = NULL;
  ThiduaWindow *window;
  GtkWidget *page, *popover, *titles, *check;
  GtkSelectionModel *selection;
  ThiduaRegister *reg;
  guint n_checked = 0;

  if (g_getenv ("DISPLAY") == NULL)
    g_error ("this test types real keys: run it under xvfb-run");
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = THIDUA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "register");
  page = thidua_window_get_section (window, "register");
  g_assert_true (thidua_test_wait_mapped (page));
  reg = thidua_register_view_get_register (THIDUA_REGISTER_VIEW (page));
  year = g_strdup (thidua_register_model_get_year (thidua_register_view_get_model (THIDUA_REGISTER_VIEW (page))));
  xdo ("mousemove", "600", "400", NULL);

  /* add a person and register two titles */
  popover = thidua_test_find_widget (page, GTK_TYPE_POPOVER, "add_popover");
  g_assert_nonnull (popover);
  gtk_popover_popup (GTK_POPOVER (popover));
  g_assert_true (thidua_test_wait_mapped (popover));
  focus_and_type (thidua_test_find_widget (popover, GTK_TYPE_ENTRY, "person_name_entry"), "Tran Thi Binh");
  focus_and_type (thidua_test_find_widget (popover, GTK_TYPE_ENTRY, "person_position_entry"), "Dieu duong");
  focus_and_type (thidua_test_find_widget (popover, GTK_TYPE_ENTRY, "person_unit_entry"), "Khoa Noi");
  titles = thidua_test_find_widget (popover, GTK_TYPE_LIST_BOX, "add_titles_list");
  for (GtkWidget *row = gtk_widget_get_first_child (titles); row && n_checked < 2;
       row = gtk_widget_get_next_sibling (row))
    {
      check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      focus_and_key (check, "space");
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      n_checked++;
    }
  focus_and_key (button_for_action (popover, "register.add-registration"), "Return");
  /* "Khoa Noi" is no unit yet: asked first, nothing written */
  g_assert_true (gtk_widget_get_visible (thidua_test_find_widget (popover, GTK_TYPE_BOX, "unit_ask_box")));
  g_assert_cmpuint (wait_count (reg, year, -1, -1, NULL, 0), ==, 0);
  g_assert_cmpint (thidua_register_find_unit (reg, "Khoa Noi"), ==, 0);
  focus_and_key (button_for_action (popover, "register.create-unit"), "Return");
  g_assert_cmpuint (wait_count (reg, year, THIDUA_REG_STATUS_REGISTERED, THIDUA_REG_RESULT_PENDING, NULL, 2), ==, 2);
  g_assert_cmpint (thidua_register_find_unit (reg, "Khoa Noi"), >, 0);
  thidua_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thidua_register_view_get_model (THIDUA_REGISTER_VIEW (page)))), ==, 2);

  /* a result on both, with the decision number */
  selection = gtk_column_view_get_model (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (page)));
  gtk_selection_model_select_all (selection);
  popover = thidua_test_find_widget (page, GTK_TYPE_POPOVER, "bulk_popover");
  gtk_popover_popup (GTK_POPOVER (popover));
  g_assert_true (thidua_test_wait_mapped (popover));
  focus_and_type (thidua_test_find_widget (popover, GTK_TYPE_ENTRY, "bulk_decision_entry"), "25/QD-UBND");
  focus_and_key (button_for_action (popover, "register.apply-results"), "Return");
  g_test_message ("status: %s / decision %s", gtk_label_get_text (GTK_LABEL (thidua_test_find_widget (page, GTK_TYPE_LABEL, "status_label"))),
                  gtk_editable_get_text (GTK_EDITABLE (thidua_test_find_widget (popover, GTK_TYPE_ENTRY, "bulk_decision_entry"))));
  g_assert_cmpuint (wait_count (reg, year, -1, THIDUA_REG_RESULT_ACHIEVED, "25/QD-UBND", 2), ==, 2);

  /* withdraw one */
  gtk_selection_model_select_item (selection, 0, TRUE);
  thidua_test_spin (100);
  focus_and_key (button_for_action (page, "register.set-status"), "Return");
  g_assert_cmpuint (wait_count (reg, year, THIDUA_REG_STATUS_WITHDRAWN, -1, NULL, 1), ==, 1);
  g_assert_cmpuint (wait_count (reg, year, THIDUA_REG_STATUS_REGISTERED, THIDUA_REG_RESULT_ACHIEVED, NULL, 1), ==, 1);

  /* Ctrl+Z on the page takes the withdrawal back, Ctrl+Shift+Z redoes it */
  gtk_widget_grab_focus (GTK_WIDGET (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (page))));
  xdo ("key", "ctrl+z", NULL);
  g_assert_cmpuint (wait_count (reg, year, THIDUA_REG_STATUS_WITHDRAWN, -1, NULL, 0), ==, 0);
  g_assert_cmpuint (wait_count (reg, year, THIDUA_REG_STATUS_REGISTERED, THIDUA_REG_RESULT_ACHIEVED, "25/QD-UBND", 2), ==, 2);
  xdo ("key", "ctrl+shift+z", NULL);
  g_assert_cmpuint (wait_count (reg, year, THIDUA_REG_STATUS_WITHDRAWN, -1, NULL, 1), ==, 1);
  /* further back: the results, then the registrations themselves */
  xdo ("key", "ctrl+z", NULL);
  xdo ("key", "ctrl+z", NULL);
  g_assert_cmpuint (wait_count (reg, year, -1, THIDUA_REG_RESULT_PENDING, "", 2), ==, 2);
  xdo ("key", "ctrl+z", NULL);
  g_assert_cmpuint (wait_count (reg, year, -1, -1, NULL, 0), ==, 0);
  xdo ("key", "ctrl+shift+z", NULL);
  g_assert_cmpuint (wait_count (reg, year, -1, -1, NULL, 2), ==, 2);
  thidua_test_spin (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thidua_register_view_get_model (THIDUA_REGISTER_VIEW (page)))), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  thidua_test_spin (50);
  thidua_test_remove_dir (dir);
}

/* ---- nothing cut on small screens (snag 8) ---- */

/* Every mapped label under w that shows less than its text: ellipsized by
 * Pango, or narrower than its own minimum (clipped by its parent, as GTK
 * 4.8 does with column titles). */
static void
collect_cut_labels (GtkWidget *w, GString *out)
{
  if (!gtk_widget_get_mapped (w))
    return;
  if (GTK_IS_LABEL (w) && *gtk_label_get_text (GTK_LABEL (w)) != '\0')
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (w));
      int min = 0;

      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (pango_layout_is_ellipsized (layout))
        g_string_append_printf (out, "  “%s” ellipsized\n", gtk_label_get_text (GTK_LABEL (w)));
      else if (gtk_widget_get_width (w) + 1 < min)
        g_string_append_printf (out, "  “%s” clipped: %d px of %d\n", gtk_label_get_text (GTK_LABEL (w)),
                                gtk_widget_get_width (w), min);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    collect_cut_labels (c, out);
}

static GtkWidget *
find_row_editor (GtkWidget *w)
{
  if (THIDUA_IS_REGISTER_ROW_EDITOR (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_editor (c);
      if (found)
        return found;
    }
  return NULL;
}

/* 300 registrations (through thidua-cli, as a script would), some with a
 * long decision and note. */
static void
import_300 (const char *db)
{
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *csv = g_build_filename (dir, "dang-ky.csv", NULL);
  g_autoptr(GString) s = g_string_new ("Họ và tên,Chức vụ,Đơn vị,Danh hiệu,Ghi chú\n");
  const char *titles[] = { "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Giấy khen" };
  const char *cli = g_getenv ("THIDUA_CLI");
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (cli);
  for (guint i = 0; i < 300; i++)
    g_string_append_printf (s, "Nguyễn Thị Thu Hương %u,Phó Trưởng khoa,Khoa Hồi sức tích cực - Chống độc %u,%s,%s\n",
                            i, i % 12, titles[i % 3], i % 7 == 0 ? "đề nghị Bằng khen của Chủ tịch UBND tỉnh" : "");
  g_assert_true (g_file_set_contents (csv, s->str, -1, &error));
  {
    const char *argv[] = { cli, "--db", db, "register", "import", csv, "--year", "2024", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The app on a register of 300 rows, its register page shown. */
static GtkWidget *
show_register_300 (ThiduaTestApp *f, GtkWindow **window)
{
  GtkWidget *page;

  thidua_test_app_set_up (f, NULL);
  import_300 (f->db_path);
  *window = thidua_test_app_start (f, 1366, 768);
  gtk_widget_activate_action (GTK_WIDGET (*window), "win.show-section", "s", "register");
  page = thidua_window_get_section (THIDUA_WINDOW (*window), "register");
  g_assert_true (thidua_test_wait_mapped (page));
  return page;
}

/* The register page in Vietnamese at 1024×600 and 1366×768: every
 * column fits without scrolling sideways, and no label of the page, nor
 * of its row editor, is cut. */
static void
test_no_cut_labels (void)
{
  const int sizes[][2] = { { 1024, 600 }, { 1366, 768 } };
  ThiduaTestApp f = { 0 };

  thidua_test_app_set_up (&f, NULL);
  import_300 (f.db_path);
  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(GString) cut = g_string_new (NULL);
      g_autofree char *shot = g_strdup_printf ("register-page-vi-%dx%d.png", sizes[k][0], sizes[k][1]);
      GtkWindow *window = thidua_test_app_start (&f, sizes[k][0], sizes[k][1]);
      GtkWidget *page, *editor, *scrolled;
      GtkColumnView *cv;
      int min_w;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "register");
      page = thidua_window_get_section (THIDUA_WINDOW (window), "register");
      g_assert_true (thidua_test_wait_mapped (page));
      /* the stack's transition drawn to its end */
      thidua_test_spin (1500);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (thidua_register_view_get_model (THIDUA_REGISTER_VIEW (page)))), ==, 300);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      g_test_message ("%dx%d: the window is %d px wide, the register page needs %d px", sizes[k][0], sizes[k][1],
                      gtk_widget_get_width (GTK_WIDGET (window)), min_w);
      thidua_test_save_snapshot (window, shot);
      /* the page itself fits the screen (the window's other pages are theirs) */
      g_assert_cmpint (min_w, <=, sizes[k][0]);
      /* the window speaks Vietnamese */
      g_assert_nonnull (thidua_test_find_label (page, "Trạng thái"));

      cv = thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (page));
      scrolled = gtk_widget_get_ancestor (GTK_WIDGET (cv), GTK_TYPE_SCROLLED_WINDOW);
      gtk_widget_measure (GTK_WIDGET (cv), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      g_test_message ("%dx%d: the columns need %d px, the list has %d px", sizes[k][0], sizes[k][1],
                      min_w, gtk_widget_get_width (scrolled));
      g_assert_cmpint (min_w, <=, gtk_widget_get_width (scrolled));

      collect_cut_labels (page, cut);
      {
        /* the rest of the window is reported, not judged here */
        g_autoptr(GString) elsewhere = g_string_new (NULL);
        collect_cut_labels (GTK_WIDGET (window), elsewhere);
        if (elsewhere->len > 0)
          g_test_message ("labels cut in the window (incl. the page):\n%s", elsewhere->str);
      }
      /* the row editor over a row */
      gtk_selection_model_select_item (gtk_column_view_get_model (cv), 3, TRUE);
      g_assert_true (gtk_widget_activate_action (page, "register.edit-row", NULL));
      editor = find_row_editor (page);
      g_assert_true (thidua_test_wait_mapped (editor));
      thidua_test_spin (200);
      collect_cut_labels (editor, cut);
      g_free (shot);
      shot = g_strdup_printf ("register-row-editor-vi-%dx%d.png", sizes[k][0], sizes[k][1]);
      /* the popover is a surface of its own (a GtkNative, which is all the
       * helper uses of its window) */
      thidua_test_save_snapshot ((GtkWindow *) editor, shot);
      gtk_popover_popdown (GTK_POPOVER (editor));
      if (cut->len > 0)
        g_error ("labels cut at %dx%d:\n%s", sizes[k][0], sizes[k][1], cut->str);
      gtk_window_set_focus (window, NULL);
      thidua_test_app_stop (&f);
    }
  thidua_test_app_tear_down (&f, NULL);
}

/* Another program (thidua-cli) edits a row while the page is open: the
 * page polls the file's data_version and shows the change in that row,
 * keeping the others. */
static void
test_live_from_cli (void)
{
  ThiduaTestApp f = { 0 };
  GtkWindow *window;
  GtkWidget *page;
  ThiduaRegisterModel *model;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("THIDUA_CLI");
  int status = 0;
  gboolean seen = FALSE;

  page = show_register_300 (&f, &window);
  model = thidua_register_view_get_model (THIDUA_REGISTER_VIEW (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
  g_assert_cmpstr (thidua_register_model_peek (model, 5)->note, ==, "");
  id = g_strdup_printf ("%" G_GINT64_FORMAT, thidua_register_model_get_id (model, 5));
  {
    const char *argv[] = { cli, "--db", f.db_path, "register", "set", id, "--note", "đề nghị Bằng khen", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  /* polled every 2 s: wait up to 10 s on a loaded machine */
  for (guint i = 0; i < 200 && !seen; i++)
    {
      thidua_test_spin (50);
      seen = g_strcmp0 (thidua_register_model_peek (model, 5)->note, "đề nghị Bằng khen") == 0;
    }
  g_assert_true (seen);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
  g_assert_cmpstr (thidua_register_model_peek (model, 6)->note, ==, "");
  gtk_window_set_focus (window, NULL);
  thidua_test_app_tear_down (&f, NULL);
}

/* The models of the page's drop-downs, in widget order: the unit filter's
 * is made anew each time the page reads the year again. */
static void
collect_dropdown_models (GtkWidget *root,
                         GPtrArray *models)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_DROP_DOWN (c))
        g_ptr_array_add (models, gtk_drop_down_get_model (GTK_DROP_DOWN (c)));
      collect_dropdown_models (c, models);
    }
}

static gboolean
same_models (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_ptr_array_index (a, i) != g_ptr_array_index (b, i))
      return FALSE;
  return TRUE;
}

/* A plan's targets written in this process (every autosave of a plan with
 * targets writes them) leave the page's rows alone: the year is not read
 * again.  A change to a registration through this process still is. */
static void
test_targets_keep_rows (void)
{
  ThiduaTestApp f = { 0 };
  GtkWindow *window;
  GtkWidget *page;
  ThiduaRegisterModel *model;
  ThiduaRegister *reg;
  ThiduaStore *store;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  gint64 plan;

  page = show_register_300 (&f, &window);
  thidua_test_spin (100);
  model = thidua_register_view_get_model (THIDUA_REGISTER_VIEW (page));
  reg = thidua_register_view_get_register (THIDUA_REGISTER_VIEW (page));
  store = thidua_window_get_store (THIDUA_WINDOW (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 300);
  plan = thidua_store_new_plan (store, "annual-party-school", &error);
  g_assert_no_error (error);
  thidua_test_spin (100);
  collect_dropdown_models (page, before);
  g_assert_cmpuint (before->len, >, 0);

  g_ptr_array_add (targets, thidua_plan_target_new ("cstdcs", 10, 15, THIDUA_TARGET_PERCENT, "ldtt"));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (thidua_register_set_targets (reg, plan, targets, &error));
      g_assert_no_error (error);
      thidua_test_spin (150);
    }
  collect_dropdown_models (page, after);
  g_assert_true (same_models (before, after));

  g_assert_true (thidua_register_delete (reg, thidua_register_model_get_id (model, 5), NULL, &error));
  g_assert_no_error (error);
  thidua_test_spin (150);
  g_ptr_array_set_size (after, 0);
  collect_dropdown_models (page, after);
  g_assert_false (same_models (before, after));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 299);
  gtk_window_set_focus (window, NULL);
  thidua_test_app_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  /* The test accessibility backend records names; "none" records nothing. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* the page is looked at in Vietnamese, the language of its users */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/register-page", test_register_beside_plans);
  g_test_add_func ("/app/plan-list-numbers", test_plan_list_numbers);
  g_test_add_func ("/app/delete-undo-keeps-targets", test_delete_undo_keeps_targets);
  g_test_add_func ("/app/accessible-names", test_accessible_names);
  g_test_add_func ("/app/register-by-hand-keys", test_by_hand_keys);
  g_test_add_func ("/app/register-no-cut-labels", test_no_cut_labels);
  g_test_add_func ("/app/register-live-from-cli", test_live_from_cli);
  g_test_add_func ("/app/register-targets-keep-rows", test_targets_keep_rows);
  return g_test_run ();
}
