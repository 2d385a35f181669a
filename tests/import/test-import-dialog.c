/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-dialog.c — the import dialog under Xvfb: what it shows, and
 * that a corrected field reaches the stored plan. */
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <string.h>

#include "thidua-import-dialog.h"
#include "import-test-util.h"

typedef struct {
  char        *dir;
  ThiduaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("thidua-import-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "test.db", NULL);
  f->store = thidua_store_open (db, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
seed_text (const char *prefix)
{
  g_auto(GStrv) paths = itest_seed_paths ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      char *text = NULL;

      if (g_str_has_prefix (base, prefix))
        {
          g_assert_true (g_file_get_contents (paths[i], &text, NULL, NULL));
          return text;
        }
    }
  g_assert_not_reached ();
}

static GtkWidget *
child (ThiduaImportDialog *dialog, const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), THIDUA_TYPE_IMPORT_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
on_created (ThiduaImportDialog *dialog, gint64 id, gint64 *out)
{
  *out = id;
}

static void
test_paste_and_correct (Fixture *f, gconstpointer data)
{
  g_autofree char *text = seed_text ("004_");
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, f->store);
  g_autoptr(ThiduaPlan) shown = NULL;
  g_autoptr(ThiduaPlan) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 created = 0, id;
  const char *headings;

  g_object_ref_sink (dialog);
  g_signal_connect (dialog, "plan-created", G_CALLBACK (on_created), &created);
  thidua_import_dialog_set_text (dialog, text, "clipboard");
  gtk_window_present (GTK_WINDOW (dialog));

  /* what was recognised is shown */
  shown = thidua_import_dialog_get_plan (dialog);
  g_assert_cmpint (thidua_plan_get_profile (shown), ==, THIDUA_PROFILE_UNION);
  g_assert_cmpstr (thidua_plan_get_place (shown), ==, "Lai Châu");
  g_assert_cmpuint (thidua_plan_get_day (shown), ==, 17);
  g_assert_cmpstr (thidua_plan_get_signer_position (shown), ==, "CHỦ TỊCH");
  g_assert_cmpstr (thidua_plan_get_signer_name (shown), ==, "Nguyễn Thị Thiện");
  g_assert_cmpuint (g_strv_length ((char **) thidua_plan_get_recipients (shown)), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "authority_entry"))), ==, "TM.");
  headings = gtk_label_get_text (GTK_LABEL (child (dialog, "headings_label")));
  g_assert_true (g_str_has_prefix (headings, "I. MỤC ĐÍCH, YÊU CẦU\nII. NỘI DUNG, THỜI GIAN"));
  g_assert_nonnull (strstr (thidua_import_dialog_get_warnings (dialog), "union"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "warnings_label")));

  /* the header was lost in the text: the user fills it in */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "issuing_entry")), "LĐLĐ TỈNH LAI CHÂU");
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "number_entry")), "123");
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "symbol_entry")), "KH-LĐLĐ");

  /* an impossible date is refused, the dialog stays */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "day_spin")), 31);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "month_spin")), 2);
  g_assert_cmpint (thidua_import_dialog_create (dialog, &error), ==, 0);
  g_assert_error (error, THIDUA_PLAN_ERROR, THIDUA_PLAN_ERROR_INVALID_DATE);
  g_clear_error (&error);
  g_assert_cmpint (created, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.create", NULL);
  g_assert_true (gtk_widget_get_visible (child (dialog, "error_label")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "month_spin")), 12);

  id = thidua_import_dialog_create (dialog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (created, ==, id);

  stored = thidua_store_load_plan (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thidua_plan_get_issuing_body (stored), ==, "LĐLĐ TỈNH LAI CHÂU");
  g_assert_cmpstr (thidua_plan_get_number (stored), ==, "123");
  g_assert_cmpstr (thidua_plan_get_symbol (stored), ==, "KH-LĐLĐ");
  g_assert_cmpuint (thidua_plan_get_day (stored), ==, 31);
  g_assert_cmpuint (thidua_plan_get_month (stored), ==, 12);
  g_assert_cmpstr (thidua_plan_get_signer_name (stored), ==, "Nguyễn Thị Thiện");
  g_assert_cmpstr (thidua_plan_get_body (stored), ==, thidua_plan_get_body (shown));
  g_assert_cmpuint (g_strv_length ((char **) thidua_plan_get_recipients (stored)), ==, 7);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
test_file (Fixture *f, gconstpointer data)
{
  g_autofree char *text = seed_text ("001_");
  g_autoptr(GBytes) vni = itest_encode (text, "vni");
  g_autofree char *path = g_build_filename (f->dir, "plan-vni.txt", NULL);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, f->store);
  g_autoptr(ThiduaPlan) shown = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *raw = g_bytes_get_data (vni, &len);

  g_object_ref_sink (dialog);
  g_assert_true (g_file_set_contents (path, raw, len, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));

  g_assert_false (thidua_import_dialog_set_file (dialog, empty, &error));
  g_assert_error (error, THIDUA_IMPORT_ERROR, THIDUA_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_true (thidua_import_dialog_set_file (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "source_label"))), ==,
                   "From plan-vni.txt (vni)");
  shown = thidua_import_dialog_get_plan (dialog);
  g_assert_cmpint (thidua_plan_get_profile (shown), ==, THIDUA_PROFILE_PARTY);
  g_assert_cmpstr (thidua_plan_get_superior_body (shown), ==, "TỈNH ỦY BÌNH PHƯỚC");
  g_assert_cmpstr (thidua_plan_get_symbol (shown), ==, "KH/TCT");
  g_assert_cmpuint (thidua_plan_get_day (shown), ==, 0);
  g_assert_cmpuint (thidua_plan_get_month (shown), ==, 9);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}


/* A page from a legal-document site: the lines before the header are left
 * out, shown, and kept at the top of the body on request. */
static void
test_preamble (Fixture *f, gconstpointer data)
{
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, f->store);
  g_autoptr(ThiduaPlan) without = NULL;
  g_autoptr(ThiduaPlan) with = NULL;
  g_autoptr(ThiduaPlan) again = NULL;
  GtkWidget *check;

  g_object_ref_sink (dialog);
  thidua_import_dialog_set_text (dialog,
                                 "Số hiệu: 12/KH-SYT\nLoại văn bản: Kế hoạch\nĐang tải văn bản...\n"
                                 "SỞ Y TẾ\nSố: 12/KH-SYT\n\nKẾ HOẠCH\nThi đua năm 2025\n\n"
                                 "I. MỤC ĐÍCH\nThi đua tốt.\n", "clipboard");
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (thidua_import_dialog_get_n_skipped (dialog), ==, 3);
  g_assert_true (gtk_widget_get_visible (child (dialog, "preamble_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "preamble_label"))), ==,
                   "Skipped 3 lines before the document's header");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, "preamble_lines_label"))), ==,
                   "Số hiệu: 12/KH-SYT\nLoại văn bản: Kế hoạch\nĐang tải văn bản...");
  without = thidua_import_dialog_get_plan (dialog);
  g_assert_cmpstr (thidua_plan_get_body (without), ==, "I. MỤC ĐÍCH\nThi đua tốt.");
  g_assert_cmpstr (thidua_plan_get_issuing_body (without), ==, "SỞ Y TẾ");

  /* the check button is the action's */
  check = child (dialog, "keep_preamble_check");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.keep-preamble", NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  with = thidua_import_dialog_get_plan (dialog);
  g_assert_cmpstr (thidua_plan_get_body (with), ==,
                   "Số hiệu: 12/KH-SYT\n\nLoại văn bản: Kế hoạch\n\nĐang tải văn bản...\n\n"
                   "I. MỤC ĐÍCH\nThi đua tốt.");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.keep-preamble", NULL);
  again = thidua_import_dialog_get_plan (dialog);
  g_assert_cmpstr (thidua_plan_get_body (again), ==, "I. MỤC ĐÍCH\nThi đua tốt.");

  /* a text without a preamble hides the choice */
  thidua_import_dialog_set_text (dialog, "SỞ Y TẾ\n\nKẾ HOẠCH\nThi đua\n", "clipboard");
  g_assert_cmpuint (thidua_import_dialog_get_n_skipped (dialog), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (dialog, "preamble_box")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
clipboard_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = thidua_import_read_clipboard_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static char *
read_clipboard (GdkClipboard *clipboard)
{
  char *text = NULL;

  thidua_import_read_clipboard_async (clipboard, NULL, clipboard_done, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

/* Paste from Word: text/html on the clipboard keeps the header table's
 * columns and the list labels; without it, the plain text is read. */
static void
test_html_paste (Fixture *f, gconstpointer data)
{
  static const char html[] =
    "<html><head><style>p {margin:0}</style></head><body>"
    "<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH LAI CHÂU</p><p>Số:&nbsp;29/KH-UBND</p></td>"
    "<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p>Độc lập - Tự do - Hạnh phúc</p>"
    "<p><i>Lai Châu, ngày 05 tháng 4 năm 2024</i></p></td></tr></table>"
    "<p align=center><b>KẾ HOẠCH</b></p><p align=center><b>Thi đua năm 2024</b></p>"
    "<p><b>I. MỤC ĐÍCH</b></p><ol><li>Thi đua tốt.</li><li>Thi đua giỏi.</li></ol>"
    "<table><tr><td><p><i>Nơi nhận:</i></p><p>- UBND tỉnh (b/c);</p><p>- Lưu: VT.</p></td>"
    "<td><p>TM. ỦY BAN NHÂN DÂN</p><p>CHỦ TỊCH</p><p>Lê Văn Lương</p></td></tr></table>"
    "</body></html>";
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_autoptr(GBytes) html_bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GBytes) plain_bytes = g_bytes_new_static ("plain", 5);
  GdkContentProvider *both[] = {
    gdk_content_provider_new_for_bytes ("text/html", html_bytes),
    gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", plain_bytes),
  };
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_union (both, 2);
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  ThiduaImportDialog *dialog = thidua_import_dialog_new (NULL, f->store);
  g_autoptr(ThiduaPlan) shown = NULL;
  g_autoptr(ThiduaPlan) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_object_ref_sink (dialog);
  g_assert_true (gdk_clipboard_set_content (clipboard, provider));
  text = read_clipboard (clipboard);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"));
  g_assert_nonnull (strstr (text, "\n1. Thi đua tốt.\n2. Thi đua giỏi.\n"));

  thidua_import_dialog_set_text (dialog, text, "clipboard");
  gtk_window_present (GTK_WINDOW (dialog));
  shown = thidua_import_dialog_get_plan (dialog);
  g_assert_cmpstr (thidua_plan_get_superior_body (shown), ==, "");
  g_assert_cmpstr (thidua_plan_get_issuing_body (shown), ==, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");
  g_assert_cmpstr (thidua_plan_get_number (shown), ==, "29");
  g_assert_cmpstr (thidua_plan_get_place (shown), ==, "Lai Châu");
  g_assert_cmpstr (thidua_plan_get_subject (shown), ==, "Thi đua năm 2024");
  g_assert_cmpstr (thidua_plan_get_body (shown), ==, "I. MỤC ĐÍCH\n1. Thi đua tốt.\n2. Thi đua giỏi.");
  g_assert_cmpstr (thidua_plan_get_signer_name (shown), ==, "Lê Văn Lương");
  g_assert_cmpuint (g_strv_length ((char **) thidua_plan_get_recipients (shown)), ==, 2);
  id = thidua_import_dialog_create (dialog, &error);
  g_assert_no_error (error);
  stored = thidua_store_load_plan (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thidua_plan_get_issuing_body (stored), ==, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");

  /* only plain text on the clipboard: it is read as it is */
  gdk_clipboard_set_text (clipboard, "SỞ Y TẾ\n\nKẾ HOẠCH\nThi đua\n");
  plain = read_clipboard (clipboard);
  g_assert_cmpstr (plain, ==, "SỞ Y TẾ\n\nKẾ HOẠCH\nThi đua\n");

  g_object_unref (dialog);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/import/dialog/paste-and-correct", Fixture, NULL, fixture_set_up,
              test_paste_and_correct, fixture_tear_down);
  g_test_add ("/import/dialog/file", Fixture, NULL, fixture_set_up, test_file, fixture_tear_down);
  g_test_add ("/import/dialog/preamble", Fixture, NULL, fixture_set_up, test_preamble,
              fixture_tear_down);
  g_test_add ("/import/dialog/html-paste", Fixture, NULL, fixture_set_up, test_html_paste,
              fixture_tear_down);
  return g_test_run ();
}
