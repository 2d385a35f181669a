/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-party-profile.c — a Party document in the app (issue 11,
 * snag 7): the import dialog's hint for the signature authority comes from
 * the profile ("T/M", not the state's "TM."), a blank day is an empty
 * field and never "0", and each profile has one name wherever the app
 * shows it (import dialog, editor, template cards). */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-import-dialog.h"
#include "thidua-profile.h"
#include "thidua-template-item.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

typedef ThiduaTestApp Fixture;

/* The profile files give each profile's authorities, the usual first. */
static void
test_profile_authorities (void)
{
  static const struct {
    const char *profile;
    const char *first;
    const char *also;
  } cases[] = {
    { "state", "TM.", "KT." },
    { "party", "T/M", "K/T" },
    { "union", "TM.", "KT." },
    { "youth", "TM.", "KT." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaProfile) profile = thidua_profile_load (cases[i].profile, &error);
      g_auto(GStrv) authorities = NULL;

      g_assert_no_error (error);
      authorities = thidua_profile_dup_authorities (profile);
      g_assert_nonnull (authorities);
      g_assert_cmpstr (authorities[0], ==, cases[i].first);
      g_assert_true (g_strv_contains ((const char * const *) authorities, cases[i].also));
      for (guint k = 0; authorities[k]; k++)
        g_assert_cmpstr (authorities[k], !=, "");
    }
  /* the Party never writes the state's forms */
  {
    g_autoptr(ThiduaProfile) party = thidua_profile_load ("party", NULL);
    g_auto(GStrv) authorities = thidua_profile_dup_authorities (party);

    g_assert_false (g_strv_contains ((const char * const *) authorities, "TM."));
    g_assert_false (g_strv_contains ((const char * const *) authorities, "KT."));
  }
}

static ThiduaImportDialog *
import_seed (Fixture    *f,
             const char *name)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  g_autofree char *path = g_build_filename (g_getenv ("THIDUA_TEST_SEEDS"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ThiduaImportDialog *dialog = thidua_import_dialog_new (GTK_WINDOW (win), thidua_window_get_store (win));

  g_assert_true (thidua_import_dialog_set_file (dialog, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static GtkWidget *
child (GtkWidget *root, GType type, const char *name)
{
  GtkWidget *w = thidua_test_find_widget (root, type, name);

  g_assert_nonnull (w);
  return w;
}

static gboolean
plan_day_is (gpointer data)
{
  ThiduaImportDialog *dialog = data;
  g_autoptr(ThiduaPlan) plan = thidua_import_dialog_get_plan (dialog);
  guint want = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "want-day"));

  return thidua_plan_get_day (plan) == want;
}

/* The Bình Phước seed: a Party plan whose day is left blank to be
 * written in by hand, and no signature authority. */
static void
test_import_party (Fixture       *f,
                   gconstpointer  data)
{
  ThiduaImportDialog *dialog = import_seed (f, "001_2ddf3f291bb7afed.txt");
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *profile = child (root, GTK_TYPE_DROP_DOWN, "profile_dropdown");
  GtkWidget *authority = child (root, GTK_TYPE_ENTRY, "authority_entry");
  GtkWidget *day = child (root, GTK_TYPE_SPIN_BUTTON, "day_spin");
  GtkWidget *month = child (root, GTK_TYPE_SPIN_BUTTON, "month_spin");
  g_autoptr(ThiduaPlan) plan = thidua_import_dialog_get_plan (dialog);
  GListModel *names;

  /* the profile, by the app's one name for it */
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_PARTY);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (profile)), ==, THIDUA_PROFILE_PARTY);
  names = gtk_drop_down_get_model (GTK_DROP_DOWN (profile));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), THIDUA_PROFILE_PARTY), ==,
                   thidua_profile_label ("party"));

  /* the hint is the Party's "T/M" */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (authority)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (authority)), ==, "T/M");

  /* the blank day: empty on screen, 0 in the plan; the month as read */
  g_assert_cmpuint (thidua_plan_get_day (plan), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (month)), ==, "9");
  thidua_test_save_snapshot (GTK_WINDOW (dialog), "import-party.png");

  /* typed in by real keys, then taken out again (the middle of the spin
   * button is its "−", so the focus is put in the field) */
  thidua_test_point_at (300, 300);
  gtk_widget_grab_focus (day);
  thidua_test_spin (100);
  thidua_test_type ("7");
  thidua_test_keys ("Tab", NULL);
  g_object_set_data (G_OBJECT (dialog), "want-day", GUINT_TO_POINTER (7));
  g_assert_true (thidua_test_wait_for (plan_day_is, dialog, 4000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day)), ==, "7");
  gtk_widget_grab_focus (day);
  thidua_test_spin (100);
  thidua_test_keys ("ctrl+a", "BackSpace", "Tab", NULL);
  g_object_set_data (G_OBJECT (dialog), "want-day", GUINT_TO_POINTER (0));
  g_assert_true (thidua_test_wait_for (plan_day_is, dialog, 4000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day)), ==, "");

  /* another profile, another hint */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (profile), THIDUA_PROFILE_STATE);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (authority)), ==, "TM.");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (profile), THIDUA_PROFILE_PARTY);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (authority)), ==, "T/M");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* One name per profile: the editor's drop-down, the template cards' label
 * and the import dialog's drop-down say the same. */
static void
test_one_name (Fixture       *f,
               gconstpointer  data)
{
  ThiduaWindow *win = THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
  GtkWidget *editor_profile;
  GListModel *editor_names;
  ThiduaImportDialog *dialog;
  GListModel *import_names;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-party");
  thidua_test_spin (200);
  editor_profile = child (GTK_WIDGET (thidua_window_get_editor (win)), GTK_TYPE_DROP_DOWN,
                          "profile_dropdown");
  editor_names = gtk_drop_down_get_model (GTK_DROP_DOWN (editor_profile));
  dialog = thidua_import_dialog_new (GTK_WINDOW (win), thidua_window_get_store (win));
  import_names = gtk_drop_down_get_model (GTK_DROP_DOWN (child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN,
                                                                 "profile_dropdown")));

  for (guint kind = 0; kind < THIDUA_PROFILE_N_BUILTIN; kind++)
    {
      const char *label = thidua_profile_label (thidua_profile_kind_to_string (kind));

      /* a real name, not the file's */
      g_assert_cmpstr (label, !=, thidua_profile_kind_to_string (kind));
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (editor_names), kind), ==, label);
      g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (import_names), kind), ==, label);
    }
  /* and the Party's names its guidance in full */
  g_assert_nonnull (strstr (thidua_profile_label ("party"), "36-HD/VPTW"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */

  g_setenv ("GTK_A11Y", "none", TRUE);
  bus = thidua_test_private_bus_up ();
  thidua_test_init_gui (&argc, &argv);
  (void) bus;

  g_test_add_func ("/party-profile/authorities", test_profile_authorities);
  g_test_add ("/party-profile/import", Fixture, NULL,
              thidua_test_app_set_up, test_import_party, thidua_test_app_tear_down);
  g_test_add ("/party-profile/one-name", Fixture, NULL,
              thidua_test_app_set_up, test_one_name, thidua_test_app_tear_down);
  return g_test_run ();
}
