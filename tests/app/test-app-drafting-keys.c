/* test-app-drafting-keys.c — the drafting form driven by real keys through
 * the X server (xdotool under Xvfb): one Ctrl+Z for the whole form,
 * recipients that come back after a removal, Enter for the next recipient. */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-plan-editor.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

typedef ThiduaTestApp Fixture;

static ThiduaPlanEditor *
start (Fixture    *f,
       const char *template_name)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", template_name);
  thidua_test_spin (200);
  thidua_test_point_at (400, 400);
  return thidua_window_get_editor (win);
}

static GtkWidget *
recipient_entry (ThiduaPlanEditor *editor,
                 guint             index)
{
  GtkWidget *last = thidua_plan_editor_get_field_widget (editor, "recipients");
  GtkWidget *list = gtk_widget_get_ancestor (last, GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) index);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), "thidua-entry");
}

static char *
recipients_joined (ThiduaPlanEditor *editor)
{
  return g_strjoinv ("|", (GStrv) thidua_plan_get_recipients (thidua_plan_editor_get_plan (editor)));
}

static void
set_recipients_by_hand (ThiduaPlanEditor   *editor,
                        const char * const *lines)
{
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.recipient-add", NULL));
      gtk_editable_set_text (GTK_EDITABLE (recipient_entry (editor, i)), lines[i]);
    }
}

/* Removing a recipient, then Ctrl+Z with the focus on the next line,
 * brings the removed one back (it used to blank the next one). */
static void
test_recipient_undo (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const lines[] = { "Như trên;", "Phòng Nội vụ;", "Lưu: VT.", NULL };
  ThiduaPlanEditor *editor = start (f, "blank-state");
  g_autofree char *before = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  set_recipients_by_hand (editor, lines);
  before = recipients_joined (editor);
  g_assert_cmpstr (before, ==, "Như trên;|Phòng Nội vụ;|Lưu: VT.");
  thidua_test_spin (1600);   /* the typing above is a step of its own */

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.recipient-remove", "i", 1));
  removed = recipients_joined (editor);
  g_assert_cmpstr (removed, ==, "Như trên;|Lưu: VT.");
  /* the focus went to the line that took its place */
  g_assert_true (gtk_widget_has_focus (recipient_entry (editor, 1)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (editor))),
                                         recipient_entry (editor, 1)));

  thidua_test_keys ("ctrl+z", NULL);
  undone = recipients_joined (editor);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (recipient_entry (editor, 1))), ==, "Phòng Nội vụ;");

  thidua_test_keys ("ctrl+shift+z", NULL);
  redone = recipients_joined (editor);
  g_assert_cmpstr (redone, ==, removed);
}

/* Enter in a recipient line opens the next line, where typing goes. */
static void
test_recipient_enter (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const lines[] = { "Như trên;", "Lưu: VT.", NULL };
  ThiduaPlanEditor *editor = start (f, "blank-state");
  g_autofree char *joined = NULL;

  set_recipients_by_hand (editor, lines);
  gtk_widget_grab_focus (recipient_entry (editor, 0));
  thidua_test_spin (100);
  thidua_test_keys ("End", "Return", NULL);
  thidua_test_type ("Phong B;");
  joined = recipients_joined (editor);
  g_assert_cmpstr (joined, ==, "Như trên;|Phong B;|Lưu: VT.");
}

/* Typed text, then a target-free step, then Ctrl+Z twice from the body:
 * one history for the whole form, whichever widget has the focus. */
static void
test_one_ctrl_z (Fixture       *f,
                 gconstpointer  data)
{
  ThiduaPlanEditor *editor = start (f, "blank-state");
  ThiduaPlan *plan = thidua_plan_editor_get_plan (editor);
  GtkWidget *number = thidua_plan_editor_get_field_widget (editor, "number");
  GtkWidget *body = thidua_plan_editor_get_field_widget (editor, "body");
  g_autofree char *body_before = g_strdup (thidua_plan_get_body (plan));

  gtk_widget_grab_focus (number);
  thidua_test_spin (100);
  thidua_test_type ("15");
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, "15");
  thidua_test_spin (1600);
  gtk_widget_grab_focus (body);
  thidua_test_spin (100);
  thidua_test_type ("Mot");
  g_assert_cmpstr (thidua_plan_get_body (plan), !=, body_before);

  /* focus stays in the body: the first Ctrl+Z takes the body's typing,
   * the second the number typed in another field */
  thidua_test_keys ("ctrl+z", NULL);
  g_assert_cmpstr (thidua_plan_get_body (plan), ==, body_before);
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, "15");
  thidua_test_keys ("ctrl+z", NULL);
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "");
  thidua_test_keys ("ctrl+shift+z", "ctrl+shift+z", NULL);
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, "15");
  g_assert_nonnull (strstr (thidua_plan_get_body (plan), "Mot"));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */

  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = thidua_test_private_bus_up ();
  thidua_test_init_gui (&argc, &argv);

  g_test_add ("/drafting-keys/recipient-undo", Fixture, NULL,
              thidua_test_app_set_up, test_recipient_undo, thidua_test_app_tear_down);
  g_test_add ("/drafting-keys/recipient-enter", Fixture, NULL,
              thidua_test_app_set_up, test_recipient_enter, thidua_test_app_tear_down);
  g_test_add ("/drafting-keys/one-ctrl-z", Fixture, NULL,
              thidua_test_app_set_up, test_one_ctrl_z, thidua_test_app_tear_down);
  (void) bus;
  return g_test_run ();
}
