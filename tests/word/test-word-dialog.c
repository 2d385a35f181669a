/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-word-dialog.c — the import dialog under Xvfb with word-processor
 * files: by the file route (the button's chooser ends there) and by a
 * drop of a file list on the dialog, it shows what was recognised; a
 * damaged file dropped says why and keeps what was shown. */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <string.h>

#include "thidua-import-dialog.h"
#include "../thidua-test-tmp.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "word", name, NULL);
}

static ThiduaStore *
open_store (const char *dir)
{
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  ThiduaStore *store = thidua_store_open (db, THIDUA_STORE_OPEN_NO_SEED, &error);

  g_assert_no_error (error);
  return store;
}

static GtkLabel *
find_label_with (GtkWidget *w, const char *part)
{
  if (GTK_IS_LABEL (w) && strstr (gtk_label_get_text (GTK_LABEL (w)), part) != NULL
      && gtk_widget_get_visible (w))
    return GTK_LABEL (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *l = find_label_with (c, part);
      if (l)
        return l;
    }
  return NULL;
}

static gboolean
drop_file (GtkWidget *dialog, GFile *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (dialog);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  GSList *list = g_slist_append (NULL, file);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (c))
        {
          /* what GTK emits when a drag is released over the dialog */
          g_signal_emit_by_name (c, "drop", &value, 10.0, 10.0, &handled);
          break;
        }
    }
  g_value_unset (&value);
  return handled;
}

static void
test_file_and_drop (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-word-dialog");
  g_autoptr(ThiduaStore) store = open_store (dir);
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, store);
  g_autofree char *docx = fixture ("state-plan.docx");
  g_autofree char *odt_src = fixture ("party-plan.fodt");
  g_autoptr(GFile) file = g_file_new_for_path (docx);
  g_autoptr(GFile) party = g_file_new_for_path (odt_src);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad_path = g_build_filename (dir, "cut.docx", NULL);
  g_autoptr(GFile) bad = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  /* the button's route: the chosen file */
  g_assert_true (thidua_import_dialog_set_file (dialog, file, &error));
  g_assert_no_error (error);
  {
    g_autoptr(ThiduaPlan) plan = thidua_import_dialog_get_plan (dialog);
    g_assert_cmpstr (thidua_plan_get_issuing_body (plan), ==, "SỞ Y TẾ");
    g_assert_cmpstr (thidua_plan_get_signer_name (plan), ==, "Lò Văn Thắng");
    g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), "state-plan.docx (docx document)"));
  }

  /* a drop replaces it */
  g_assert_true (drop_file (GTK_WIDGET (dialog), party));
  {
    g_autoptr(ThiduaPlan) plan = thidua_import_dialog_get_plan (dialog);
    g_assert_cmpstr (thidua_plan_get_issuing_body (plan), ==, "TRƯỜNG CHÍNH TRỊ");
    g_assert_cmpstr (thidua_plan_get_signer_position (plan), ==, "HIỆU TRƯỞNG");
    g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), "party-plan.fodt (fodt document)"));
  }

  /* a damaged file dropped: the reason shown, the fields kept */
  g_assert_true (g_file_set_contents (bad_path, "PK\x03\x04 cut short", 14, NULL));
  bad = g_file_new_for_path (bad_path);
  g_assert_true (drop_file (GTK_WIDGET (dialog), bad));
  g_assert_nonnull (find_label_with (GTK_WIDGET (dialog), "damaged"));
  {
    g_autoptr(ThiduaPlan) plan = thidua_import_dialog_get_plan (dialog);
    g_assert_cmpstr (thidua_plan_get_issuing_body (plan), ==, "TRƯỜNG CHÍNH TRỊ");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/word/dialog/file-and-drop", test_file_and_drop);
  return g_test_run ();
}
