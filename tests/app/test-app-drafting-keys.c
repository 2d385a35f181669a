/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-drafting-keys.c — the drafting form driven by real keys through
 * the X server (xdotool under Xvfb): one Ctrl+Z for the whole form,
 * recipients that come back after a removal, Enter for the next recipient. */
#include "config.h"

#include <glib/gi18n.h>
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

typedef struct {
  ThiduaPlanEditor *editor;
  const char       *joined;
} RecipientsAre;

static gboolean
recipients_are (gpointer data)
{
  RecipientsAre *r = data;
  g_autofree char *joined = recipients_joined (r->editor);

  return g_strcmp0 (joined, r->joined) == 0;
}

/* waits for the keys just sent to have reached the form */
static void
wait_recipients (ThiduaPlanEditor *editor,
                 const char       *joined)
{
  RecipientsAre r = { editor, joined };

  thidua_test_wait_for (recipients_are, &r, 4000);
}

static void
set_recipients_by_hand (ThiduaPlanEditor   *editor,
                        const char * const *lines)
{
  for (guint i = 0; lines[i]; i++)
    {
      g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.add", NULL));
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

  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.remove", "i", 1));
  removed = recipients_joined (editor);
  g_assert_cmpstr (removed, ==, "Như trên;|Lưu: VT.");
  /* the focus went to the line that took its place */
  g_assert_true (gtk_widget_has_focus (recipient_entry (editor, 1)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (editor))),
                                         recipient_entry (editor, 1)));

  thidua_test_keys ("ctrl+z", NULL);
  wait_recipients (editor, before);
  undone = recipients_joined (editor);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (recipient_entry (editor, 1))), ==, "Phòng Nội vụ;");

  thidua_test_keys ("ctrl+shift+z", NULL);
  wait_recipients (editor, removed);
  redone = recipients_joined (editor);
  g_assert_cmpstr (redone, ==, removed);
}

static gboolean
typed_through (gpointer data)
{
  g_autofree char *joined = recipients_joined (data);

  return strstr (joined, "Phong B;") != NULL;
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
  thidua_test_wait_for (typed_through, editor, 3000);
  joined = recipients_joined (editor);
  g_assert_cmpstr (joined, ==, "Như trên;|Phong B;|Lưu: VT.");
}

typedef struct {
  ThiduaPlan *plan;
  const char *number;       /* expected number */
  const char *body_has;     /* a piece the body has (NULL: body == body_is) */
  const char *body_is;
} Expect;

static gboolean
expect_met (gpointer data)
{
  Expect *e = data;
  const char *body = thidua_plan_get_body (e->plan);

  if (g_strcmp0 (thidua_plan_get_number (e->plan), e->number) != 0)
    return FALSE;
  return e->body_has ? strstr (body, e->body_has) != NULL : g_strcmp0 (body, e->body_is) == 0;
}

/* Keys are delivered by the X server in their own time: wait for what
 * they must have done (a few seconds at most), then check it. */
static void
expect (ThiduaPlan *plan,
        const char *number,
        const char *body_has,
        const char *body_is)
{
  Expect e = { plan, number, body_has, body_is };

  thidua_test_wait_for (expect_met, &e, 4000);
  g_assert_cmpstr (thidua_plan_get_number (plan), ==, number);
  if (body_has != NULL)
    g_assert_nonnull (strstr (thidua_plan_get_body (plan), body_has));
  else
    g_assert_cmpstr (thidua_plan_get_body (plan), ==, body_is);
}

/* Typed text in two fields, then Ctrl+Z twice from the body: one history
 * for the whole form, whichever widget has the focus. */
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
  expect (plan, "15", NULL, body_before);
  thidua_test_spin (1600);
  gtk_widget_grab_focus (body);
  thidua_test_spin (100);
  thidua_test_type ("Mot");
  expect (plan, "15", "Mot", NULL);

  /* focus stays in the body: the first Ctrl+Z takes the body's typing,
   * the second the number typed in another field */
  thidua_test_keys ("ctrl+z", NULL);
  expect (plan, "15", NULL, body_before);
  thidua_test_keys ("ctrl+z", NULL);
  expect (plan, "", NULL, body_before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "");
  thidua_test_keys ("ctrl+shift+z", NULL);
  expect (plan, "15", NULL, body_before);
  thidua_test_keys ("ctrl+shift+z", NULL);
  expect (plan, "15", "Mot", NULL);
}

/* After "a) …" and Enter the editor writes "b) "; typing "b) " anyway
 * gives it once. */
static void
test_list_continuation (Fixture       *f,
                        gconstpointer  data)
{
  ThiduaPlanEditor *editor = start (f, "blank-state");
  ThiduaPlan *plan = thidua_plan_editor_get_plan (editor);
  GtkWidget *body = thidua_plan_editor_get_field_widget (editor, "body");

  gtk_widget_grab_focus (body);
  thidua_test_spin (100);
  thidua_test_keys ("ctrl+End", "Return", NULL);
  thidua_test_type ("a) Mot;");
  thidua_test_keys ("Return", NULL);
  expect (plan, "", "a) Mot;\nb) ", NULL);
  thidua_test_type ("b) Hai.");
  expect (plan, "", "a) Mot;\nb) Hai.", NULL);
  g_assert_null (strstr (thidua_plan_get_body (plan), "b) b)"));
  /* a label that differs is the user's own and stays */
  thidua_test_keys ("Return", NULL);
  thidua_test_type ("- Ba");
  expect (plan, "", "b) Hai.\nc) - Ba", NULL);
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

/* Tab from the subject reaches the body: the formatting buttons and the
 * outline are not stops, and "I. MỤC ĐÍCH" typed next lands in the body. */
static void
test_tab_to_body (Fixture       *f,
                  gconstpointer  data)
{
  ThiduaPlanEditor *editor = start (f, "blank-state");
  ThiduaPlan *plan = thidua_plan_editor_get_plan (editor);
  GtkWidget *subject = thidua_plan_editor_get_field_widget (editor, "subject");
  GtkWidget *body = thidua_plan_editor_get_field_widget (editor, "body");

  gtk_widget_grab_focus (subject);
  thidua_test_spin (100);
  thidua_test_type ("Thi dua");
  thidua_test_keys ("Tab", NULL);
  thidua_test_wait_for (has_focus, body, 3000);
  g_assert_true (gtk_widget_has_focus (body));
  thidua_test_type ("I. MUC DICH");
  expect (plan, "", "I. MUC DICH", NULL);
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Thi dua");
}

static gboolean
symbol_is (gpointer data)
{
  return g_strcmp0 (thidua_plan_get_symbol (data), "KH-SYT") == 0;
}

/* The suggested symbol is selected when the field is entered: clicking in
 * and typing the same symbol gives it once. */
static void
test_symbol_field (Fixture       *f,
                   gconstpointer  data)
{
  ThiduaPlanEditor *editor = start (f, "blank-state");
  ThiduaPlan *plan = thidua_plan_editor_get_plan (editor);
  GtkWidget *symbol = thidua_plan_editor_get_field_widget (editor, "symbol");

  gtk_editable_set_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (editor, "type_name")),
                         "KẾ HOẠCH");
  gtk_editable_set_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (editor, "issuing_body")),
                         "SỞ Y TẾ");
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-SYT");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (symbol)), ==, "KH-SYT");
  thidua_test_spin (300);
  thidua_test_click (symbol);
  thidua_test_spin (200);
  thidua_test_type ("KH-SYT");
  thidua_test_wait_for (symbol_is, plan, 3000);
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-SYT");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (symbol)), ==, "KH-SYT");
}

/* The style choice of the app menu is a setting, and acts at once. */
static void
test_dark_style (Fixture       *f,
                 gconstpointer  data)
{
  GtkWindow *win = thidua_test_app_start (f, 1024, 600);
  GtkApplication *app = gtk_window_get_application (win);
  GSettings *settings = thidua_application_get_settings (THIDUA_APPLICATION (app));
  gboolean dark = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  thidua_test_spin (500);
  thidua_test_save_snapshot (win, "window-1024x600.png");
  /* the shortcuts window speaks the app's own words (GTK's catalogue
   * has no Vietnamese for them) */
  {
    GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (win));

    g_assert_nonnull (overlay);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, _("Keyboard Shortcuts"));
  }
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "style"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("dark"));
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, 2);
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_true (dark);
  thidua_test_spin (300);
  thidua_test_save_snapshot (win, "window-1024x600-dark.png");
  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("light"));
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  g_assert_false (dark);
  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("system"));
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, 0);
}

static gboolean
listed (gpointer data)
{
  return g_list_model_get_n_items (data) == 2;
}

/* A plan added by thidua-cli while the window is open appears in the list
 * without a restart (PRAGMA data_version, looked at on a short timer). */
static void
test_other_process (Fixture       *f,
                    gconstpointer  data)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  GListModel *plans = thidua_window_get_plans (win);
  const char *cli = g_getenv ("THIDUA_CLI");
  const char *argv[] = { cli, "--db", f->db_path, "new", NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (cli);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (thidua_test_wait_for (listed, plans, 5000));
  thidua_test_spin (300);
  thidua_test_save_snapshot (GTK_WINDOW (win), "window-1366x768.png");
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
  g_test_add ("/drafting-keys/list-continuation", Fixture, NULL,
              thidua_test_app_set_up, test_list_continuation, thidua_test_app_tear_down);
  g_test_add ("/drafting-keys/tab-to-body", Fixture, NULL,
              thidua_test_app_set_up, test_tab_to_body, thidua_test_app_tear_down);
  g_test_add ("/drafting-keys/symbol-field", Fixture, NULL,
              thidua_test_app_set_up, test_symbol_field, thidua_test_app_tear_down);
  g_test_add ("/window/dark-style", Fixture, NULL,
              thidua_test_app_set_up, test_dark_style, thidua_test_app_tear_down);
  g_test_add ("/window/other-process-plan", Fixture, NULL,
              thidua_test_app_set_up, test_other_process, thidua_test_app_tear_down);
  (void) bus;
  return g_test_run ();
}
