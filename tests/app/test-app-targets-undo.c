/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-targets-undo.c — the plan's targets (chỉ tiêu) in the drafting form,
 * driven through the real window: rows added through the widget, stored
 * in the register, errors shown per row and not stored, undo of a removal,
 * the sentences inserted into the body and reaching the preview, the
 * targets found again after reopening, and a screenshot at 1366×768 in
 * Vietnamese (tests/artifacts/window-vi-targets.png). */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <poppler.h>
#include <sqlite3.h>
#include <string.h>

/* poppler-glib 22.12 defines no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#include "thidua-application.h"
#include "thidua-layout.h"
#include "thidua-paths.h"
#include "thidua-targets-editor.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

/* the app tests' one fixture (thidua-test-util.c) */
typedef ThiduaTestApp Fixture;

static ThiduaWindow *
start_app (Fixture *f)
{
  return THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
}

static ThiduaTargetsEditor *
get_targets_editor (ThiduaWindow *win)
{
  ThiduaTargetsEditor *te = thidua_plan_editor_get_targets_editor (thidua_window_get_editor (win));

  g_assert_true (THIDUA_IS_TARGETS_EDITOR (te));
  /* the register comes with the open plan's document */
  return te;
}

static GPtrArray *
stored_targets (ThiduaTargetsEditor *te,
                gint64               plan_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *targets;

  g_assert_nonnull (thidua_targets_editor_get_register (te));
  targets = thidua_register_get_targets (thidua_targets_editor_get_register (te), plan_id, &error);

  g_assert_no_error (error);
  return targets;
}

static char *
body_text (ThiduaWindow *win)
{
  GtkWidget *view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gdouble
stored_min (ThiduaTargetsEditor *te,
            gint64               plan_id,
            guint                expect_len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;

  g_assert_true (thidua_targets_editor_flush (te, &error));
  g_assert_no_error (error);
  stored = stored_targets (te, plan_id);
  g_assert_cmpuint (stored->len, ==, expect_len);
  return expect_len ? ((ThiduaPlanTarget *) g_ptr_array_index (stored, 0))->min_value : -1;
}

static const char *
row_min_text (ThiduaTargetsEditor *te)
{
  return gtk_editable_get_text (GTK_EDITABLE (thidua_targets_editor_get_row_widget (te, 0, "min")));
}

/* The form's undo (Ctrl+Z reaches editor.undo from every widget of the
 * form without a text history of its own) undoes target edits one by one,
 * in order with the other form edits, and the store follows. */
static void
test_form_undo (Fixture       *f,
                gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *pe = thidua_window_get_editor (win);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  g_autoptr(ThiduaPlanTarget) ldtt = thidua_plan_target_new ("ldtt", 90, -1, THIDUA_TARGET_PERCENT, "staff");
  GtkWidget *min_entry, *subject;
  g_autofree char *subject_before = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  id = thidua_window_get_selected_plan (win);
  subject = thidua_plan_editor_get_field_widget (pe, "subject");
  g_assert_nonnull (subject);

  /* add, change the value, remove: three steps */
  thidua_targets_editor_add_target (te, ldtt);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 90);
  min_entry = thidua_targets_editor_get_row_widget (te, 0, "min");
  /* the entry leaves Ctrl+Z to the form */
  g_assert_false (gtk_editable_get_enable_undo (GTK_EDITABLE (min_entry)));
  gtk_editable_set_text (GTK_EDITABLE (min_entry), "95");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 95);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (te), "targets.remove", "i", 0));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 0);
  g_assert_cmpfloat (stored_min (te, id, 0), ==, -1);
  subject_before = view_text (subject);

  /* undo through the form, where Ctrl+Z lands from the targets editor
   * (its entries leave the key to the form) */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_cmpstr (row_min_text (te), ==, "95");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 95);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_cmpstr (row_min_text (te), ==, "90");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 90);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 0);
  g_assert_cmpfloat (stored_min (te, id, 0), ==, -1);

  /* redo brings the target back; the other fields are untouched */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.redo", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_cmpstr (row_min_text (te), ==, "90");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 90);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.redo", NULL));
  g_assert_cmpstr (row_min_text (te), ==, "95");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 95);
  {
    g_autofree char *subject_after = view_text (subject);
    g_assert_cmpstr (subject_after, ==, subject_before);
  }

  /* a new edit drops what was undone */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  gtk_editable_set_text (GTK_EDITABLE (thidua_targets_editor_get_row_widget (te, 0, "min")), "80");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 80);
  gtk_widget_activate_action (GTK_WIDGET (pe), "editor.redo", NULL);
  g_assert_cmpstr (row_min_text (te), ==, "80");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 80);
}

static guint
n_recipients (ThiduaPlanEditor *pe)
{
  const char * const *lines = thidua_plan_get_recipients (thidua_plan_editor_get_plan (pe));

  return lines ? g_strv_length ((GStrv) lines) : 0;
}

/* Target steps and the other form steps are one history, undone in the
 * order they were made; none is lost. */
static void
test_interleaved (Fixture       *f,
                  gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *pe = thidua_window_get_editor (win);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  g_autoptr(ThiduaPlanTarget) ldtt = thidua_plan_target_new ("ldtt", 90, -1, THIDUA_TARGET_PERCENT, "staff");
  guint n0;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  id = thidua_window_get_selected_plan (win);
  n0 = n_recipients (pe);
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (pe, "recipients"), "recipients.add", NULL));
  thidua_targets_editor_add_target (te, ldtt);
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (pe, "recipients"), "recipients.add", NULL));
  g_assert_cmpuint (n_recipients (pe), ==, n0 + 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  g_assert_cmpuint (n_recipients (pe), ==, n0 + 1);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  g_assert_cmpuint (n_recipients (pe), ==, n0 + 1);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 0);
  g_assert_cmpfloat (stored_min (te, id, 0), ==, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.undo", NULL));
  g_assert_cmpuint (n_recipients (pe), ==, n0);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.redo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.redo", NULL));
  g_assert_cmpuint (n_recipients (pe), ==, n0 + 1);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 90);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pe), "editor.redo", NULL));
  g_assert_cmpuint (n_recipients (pe), ==, n0 + 2);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
}

/* Inserting the sentences is one step of the plan's history. */
static void
test_insert_undone_in_one_step (Fixture       *f,
                                gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  g_autoptr(ThiduaPlanTarget) ldtt = thidua_plan_target_new ("ldtt", 90, -1, THIDUA_TARGET_PERCENT, "staff");
  g_autoptr(ThiduaPlanTarget) cstd = thidua_plan_target_new ("cstdcs", 10, 15, THIDUA_TARGET_PERCENT, "ldtt");
  GtkWidget *view;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  thidua_targets_editor_add_target (te, ldtt);
  thidua_targets_editor_add_target (te, cstd);
  view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");
  before = body_text (win);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (te), "targets.insert", NULL));
  after = body_text (win);
  g_assert_nonnull (strstr (after, "90%"));
  g_assert_cmpstr (before, !=, after);
  /* the insertion is one step of the document's history */
  g_assert_true (gtk_widget_activate_action (view, "editor.undo", NULL));
  undone = body_text (win);
  g_assert_cmpstr (undone, ==, before);
  /* the targets themselves stay */
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 2);
  g_assert_true (gtk_widget_activate_action (view, "editor.redo", NULL));
  redone = body_text (win);
  g_assert_cmpstr (redone, ==, after);
}

/* The real key: Ctrl+Z typed while a target's entry has the focus
 * (through the X server, so skipped where xdotool is missing). */
static void
test_ctrl_z_key (Fixture       *f,
                 gconstpointer  data)
{
  ThiduaWindow *win;
  ThiduaTargetsEditor *te;
  g_autoptr(ThiduaPlanTarget) ldtt = thidua_plan_target_new ("ldtt", 90, -1, THIDUA_TARGET_PERCENT, "staff");
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkWidget *min_entry;
  gint64 id;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs xdotool and an X server (xvfb-run)");
      return;
    }
  win = start_app (f);
  te = get_targets_editor (win);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  id = thidua_window_get_selected_plan (win);
  thidua_targets_editor_add_target (te, ldtt);
  min_entry = thidua_targets_editor_get_row_widget (te, 0, "min");
  gtk_editable_set_text (GTK_EDITABLE (min_entry), "95");
  gtk_expander_set_expanded (GTK_EXPANDER (thidua_test_find_widget (GTK_WIDGET (win), GTK_TYPE_EXPANDER,
                                                                    "targets_expander")), TRUE);
  thidua_test_spin (200);
  g_assert_true (gtk_widget_grab_focus (min_entry));
  thidua_test_spin (100);
  {
    const char *argv[] = { xdotool, "mousemove", "300", "300", "key", "ctrl+z", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < 50 && g_strcmp0 (row_min_text (te), "90") != 0; i++)
    thidua_test_spin (20);
  g_assert_cmpstr (row_min_text (te), ==, "90");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 90);
  {
    const char *argv[] = { xdotool, "key", "ctrl+shift+z", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < 50 && g_strcmp0 (row_min_text (te), "95") != 0; i++)
    thidua_test_spin (20);
  g_assert_cmpstr (row_min_text (te), ==, "95");
  g_assert_cmpfloat (stored_min (te, id, 1), ==, 95);
}

int
main (int argc, char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */
  int ret;

  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = thidua_test_private_bus_up ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  g_test_add ("/targets-undo/form-undo", Fixture, NULL,
              thidua_test_app_set_up, test_form_undo, thidua_test_app_tear_down);
  g_test_add ("/targets-undo/insert-undone-in-one-step", Fixture, NULL,
              thidua_test_app_set_up, test_insert_undone_in_one_step, thidua_test_app_tear_down);
  g_test_add ("/targets-undo/interleaved", Fixture, NULL,
              thidua_test_app_set_up, test_interleaved, thidua_test_app_tear_down);
  g_test_add ("/targets-undo/ctrl-z-key", Fixture, NULL,
              thidua_test_app_set_up, test_ctrl_z_key, thidua_test_app_tear_down);

  ret = g_test_run ();
  if (bus != NULL)
    g_test_dbus_stop (bus);
  return ret;
}
