/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pdf-dialog.c — the import dialog takes a PDF: under Xvfb, a plan
 * PDF written by LibreOffice fills the dialog's fields and is stored; an
 * encrypted PDF is refused before anything is shown. */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <string.h>

#include "thidua-import-dialog.h"
#include "thidua-pdf.h"
#include "../thidua-test-tmp.h"

typedef struct {
  char        *dir;
  ThiduaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = thidua_test_tmpdir_new ("thidua-pdf-dialog");
  db = g_build_filename (f->dir, "test.db", NULL);
  f->store = thidua_store_open (db, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static GtkWidget *
child (ThiduaImportDialog *dialog, const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), THIDUA_TYPE_IMPORT_DIALOG,
                                                   name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/pdf/%s", g_getenv ("THIDUA_TEST_FIXTURES"), name);

  return g_file_new_for_path (path);
}

static void
test_pdf (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = fixture_file ("word-state-annex.pdf");
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, f->store);
  g_autoptr(ThiduaPlan) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *recipients;
  gint64 id;

  g_object_ref_sink (dialog);
  g_assert_true (thidua_import_dialog_set_file (dialog, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "source_label"))), ==,
                   "From word-state-annex.pdf (PDF)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "issuing_entry"))), ==,
                   "SỞ Y TẾ");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "number_entry"))), ==, "215");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "authority_entry"))), ==,
                   "KT.");

  id = thidua_import_dialog_create (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  stored = thidua_store_load_plan (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thidua_plan_get_superior_body (stored), ==, "UBND TỈNH ĐIỆN BIÊN");
  g_assert_cmpstr (thidua_plan_get_signer_name (stored), ==, "Lò Văn Thắng");
  g_assert_cmpuint (thidua_plan_get_day (stored), ==, 8);
  recipients = thidua_plan_get_recipients (stored);
  g_assert_cmpuint (g_strv_length ((char **) recipients), ==, 4);
  g_assert_cmpstr (recipients[3], ==, "Lưu: VT, VP.");
  /* the landscape annex came as a table */
  g_assert_nonnull (strstr (thidua_plan_get_body (stored),
                            "| 2 | Triển khai bệnh án điện tử | Bệnh viện Đa khoa tỉnh | Quý IV/2024 |"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_encrypted (Fixture *f, gconstpointer data)
{
  g_autoptr(GFile) file = fixture_file ("encrypted-open-password.pdf");
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, f->store);
  g_autoptr(GError) error = NULL;

  g_object_ref_sink (dialog);
  g_assert_false (thidua_import_dialog_set_file (dialog, file, &error));
  g_assert_error (error, THIDUA_PDF_ERROR, THIDUA_PDF_ERROR_ENCRYPTED);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/pdf/dialog/file", Fixture, NULL, fixture_set_up, test_pdf, fixture_tear_down);
  g_test_add ("/pdf/dialog/encrypted", Fixture, NULL, fixture_set_up, test_encrypted,
              fixture_tear_down);
  return g_test_run ();
}
