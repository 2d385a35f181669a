/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-exchange-dialog.c — the review before a package is received, as a
 * secretary sees it: who sent it, the key to compare by phone, the counts
 * and the rows; "Nhận gói" applies it, a refused package cannot be. */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "thidua-exchange-dialog.h"
#include "thidua-office-dialog.h"
#include "thidua-store.h"
#include "../thidua-test-tmp.h"

static void
cli (const char *db, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;
  const char *a;
  int status = 0;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("THIDUA_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  va_start (ap, db);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

/* The fingerprint `office` prints for db ("key\tAB12 …"). */
static char *
own_fingerprint (const char *db)
{
  const char *argv[] = { g_getenv ("THIDUA_CLI"), "--db", db, "office", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  const char *line = strstr (out, "key\t");
  g_assert_nonnull (line);
  return g_strndup (line + 4, strcspn (line + 4, "\n"));
}

static GtkWidget *
find_label (GtkWidget *root, const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, needle);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

static void
on_applied (gpointer dialog, gboolean *applied)
{
  *applied = TRUE;
}

static void
test_review_and_receive (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-dialog");
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *office_db = g_build_filename (dir, "office.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "reg.csv", NULL);
  g_autofree char *pkg = g_build_filename (dir, "school.thidua", NULL);

  g_assert_true (g_file_set_contents (csv,
      "Họ và tên;Chức vụ;Đơn vị;Loại;Danh hiệu thi đua\n"
      "Lò Văn Bình;Giáo viên;Tổ Toán;Cá nhân;Lao động tiên tiến\n"
      "Tòng Thị Hoa;Giáo viên;Tổ Văn;Cá nhân;Chiến sĩ thi đua cơ sở\n"
      "Vàng A Sử;Giáo viên;Tổ Văn;Cá nhân;Lao động tiên tiến\n", -1, NULL));
  cli (school, "office", "--name", "Trường PTDTBT THCS Pa Vệ Sử", "--code", "PVS", NULL);
  cli (school, "register", "import", csv, "--year", "2026", NULL);
  cli (school, "exchange", "export", "--year", "2026", "-o", pkg, NULL);
  cli (office_db, "office", "--name", "Phòng GD&ĐT huyện Mường Tè", NULL);

  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (office_db, THIDUA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_autoptr(GFile) file = g_file_new_for_path (pkg);
  ThiduaExchangeDialog *dialog = thidua_exchange_dialog_new (NULL, store, file);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Trường PTDTBT THCS Pa Vệ Sử"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "3 added, 0 changed, 0 removed, 0 to review"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Tòng Thị Hoa"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "First package from this office"));
  /* The sender's fingerprint, as its own `office` prints it, to compare by phone. */
  g_autofree char *school_fp = own_fingerprint (school);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), school_fp));
  /* Reviewing wrote nothing. */
  g_autofree char *before = NULL;
  {
    const char *argv[] = { "sqlite3", office_db, "SELECT count(*) FROM registrations", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &before, NULL, NULL, NULL);
    g_assert_cmpstr (before, ==, "0\n");
  }

  gboolean applied = FALSE;
  g_signal_connect (dialog, "applied", G_CALLBACK (on_applied), &applied);
  GtkWidget *receive = find_button (GTK_WIDGET (dialog), "_Receive");
  g_assert_nonnull (receive);
  g_signal_emit_by_name (receive, "clicked");
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (applied);
  g_object_unref (dialog);
  {
    g_autofree char *after = NULL;
    const char *argv[] = { "sqlite3", office_db, "SELECT count(*) FROM registrations WHERE office_id IS NOT NULL", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &after, NULL, NULL, NULL);
    g_assert_cmpstr (after, ==, "3\n");
  }

  /* The same package again: nothing changes, said as such; a damaged copy
   * is refused and cannot be received. */
  dialog = thidua_exchange_dialog_new (NULL, store, file);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "0 added, 0 changed, 0 removed, 0 to review"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_autofree char *bad = g_build_filename (dir, "bad.thidua", NULL);
  g_assert_true (g_file_set_contents (bad, "not a package", -1, NULL));
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  dialog = thidua_exchange_dialog_new (NULL, store, bad_file);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "not a Thi Đua package"));
  receive = find_button (GTK_WIDGET (dialog), "_Receive");
  g_assert_false (gtk_widget_get_sensitive (receive));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

/* With THIDUA_EXCHANGE_SHOTS=DIR, what the window shows goes to DIR/NAME
 * (a PNG to look at); otherwise nothing is written. */
static void
shot (GtkWindow *window, const char *name)
{
  const char *dir = g_getenv ("THIDUA_EXCHANGE_SHOTS");
  if (dir == NULL)
    return;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GskRenderNode) node = NULL;
  for (int i = 0; node == NULL && i < 500; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      while (g_main_context_iteration (NULL, FALSE));
      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (GTK_WIDGET (window)),
                              gtk_widget_get_height (GTK_WIDGET (window)));
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        g_usleep (10000);
    }
  g_assert_nonnull (node);
  g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (
      gtk_native_get_renderer (GTK_NATIVE (window)), node,
      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (window)),
                           gtk_widget_get_height (GTK_WIDGET (window))));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkWidget *
find_message_dialog (void)
{
  g_autoptr(GList) tops = gtk_window_list_toplevels ();
  for (GList *l = tops; l; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static char *
count_rows (const char *db)
{
  char *out = NULL;
  const char *argv[] = { "sqlite3", db, "SELECT count(*) FROM registrations", NULL };
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, NULL, NULL);
  return out;
}

/* A package signed by another key than the pinned one: both fingerprints
 * shown, nothing receivable; the explicit replace asks first, Cancel keeps
 * the pinned key, Replace pins the new one and the package can be received. */
static void
test_replace_key (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-exchange-dialog-key");
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *office_db = g_build_filename (dir, "office.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "reg.csv", NULL);
  g_autofree char *pkg = g_build_filename (dir, "school.thidua", NULL);
  g_autofree char *pkg2 = g_build_filename (dir, "fresh.thidua", NULL);

  g_assert_true (g_file_set_contents (csv,
      "Họ và tên;Chức vụ;Đơn vị;Loại;Danh hiệu thi đua\n"
      "Lò Văn Bình;Giáo viên;Tổ Toán;Cá nhân;Lao động tiên tiến\n", -1, NULL));
  for (int i = 0; i < 2; i++)
    {
      const char *db = i ? fresh : school;
      cli (db, "office", "--name", "Trường Tiểu học Mù Cả", "--code", "MC", NULL);
      cli (db, "register", "import", csv, "--year", "2026", NULL);
      cli (db, "exchange", "export", "--year", "2026", "-o", i ? pkg2 : pkg, NULL);
    }
  cli (office_db, "office", "--name", "Phòng GD&ĐT huyện Mường Tè", NULL);
  cli (office_db, "exchange", "import", pkg, NULL);
  g_autofree char *old_fp = own_fingerprint (school);
  g_autofree char *new_fp = own_fingerprint (fresh);

  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = thidua_store_open (office_db, THIDUA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_autoptr(GFile) file = g_file_new_for_path (pkg2);
  ThiduaExchangeDialog *dialog = thidua_exchange_dialog_new (NULL, store, file);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE));
  GtkWidget *both = find_label (GTK_WIDGET (dialog), old_fp);
  g_assert_nonnull (both);
  g_assert_true (gtk_widget_get_visible (both));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (both)), new_fp));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "_Receive")));
  GtkWidget *trust = find_button (GTK_WIDGET (dialog), "Replace the _Trusted Key…");
  g_assert_nonnull (trust);
  g_assert_true (gtk_widget_get_visible (trust));
  g_autofree char *before = count_rows (office_db);
  shot (GTK_WINDOW (dialog), "exchange-key-conflict.png");

  /* Cancel: the pinned key stays, the package is still refused. */
  g_signal_emit_by_name (trust, "clicked");
  while (g_main_context_iteration (NULL, FALSE));
  GtkWidget *confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_nonnull (find_label (confirm, new_fp));
  shot (GTK_WINDOW (confirm), "exchange-key-confirm.png");
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_null (find_message_dialog ());
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "_Receive")));
  {
    g_autofree char *now = count_rows (office_db);
    g_assert_cmpstr (now, ==, before);
  }

  /* Replace: the review runs again under the new key; Receive applies. */
  g_signal_emit_by_name (trust, "clicked");
  while (g_main_context_iteration (NULL, FALSE));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_false (gtk_widget_get_visible (trust));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Signed with the key already trusted"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), new_fp));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "1 added, 0 changed, 1 removed, 0 to review"));
  GtkWidget *receive = find_button (GTK_WIDGET (dialog), "_Receive");
  g_assert_true (gtk_widget_get_sensitive (receive));
  g_signal_emit_by_name (receive, "clicked");
  while (g_main_context_iteration (NULL, FALSE));
  g_object_unref (dialog);
  {
    g_autofree char *now = count_rows (office_db);
    g_assert_cmpstr (now, ==, "1\n");
  }
  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

/* The office dialog shows this office's exchange key, once there is one. */
static void
test_office_key (void)
{
  g_autofree char *dir = thidua_test_tmpdir_new ("thidua-office-dialog-key");
  g_autofree char *db = g_build_filename (dir, "school.db", NULL);
  g_autofree char *pkg = g_build_filename (dir, "school.thidua", NULL);
  g_autoptr(GError) error = NULL;

  cli (db, "office", "--name", "Trường Mầm non Ka Lăng", NULL);
  {
    g_autoptr(ThiduaStore) store = thidua_store_open (db, THIDUA_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    ThiduaOfficeDialog *dialog = thidua_office_dialog_new (NULL, NULL);
    thidua_office_dialog_show_key (dialog, store);
    g_assert_nonnull (find_label (GTK_WIDGET (dialog), "made with the first package"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  cli (db, "exchange", "export", "--year", "2026", "-o", pkg, NULL);
  g_autofree char *fp = own_fingerprint (db);
  g_autoptr(ThiduaStore) store = thidua_store_open (db, THIDUA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ThiduaOfficeDialog *dialog = thidua_office_dialog_new (NULL, NULL);
  thidua_office_dialog_show_key (dialog, store);
  gtk_window_present (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE));
  GtkWidget *key = find_label (GTK_WIDGET (dialog), fp);
  g_assert_nonnull (key);
  g_assert_true (gtk_widget_get_mapped (key));
  shot (GTK_WINDOW (dialog), "office-key.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&store);
  thidua_test_tmpdir_remove (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return g_test_run ();
    }
  g_test_add_func ("/exchange/dialog/review-and-receive", test_review_and_receive);
  g_test_add_func ("/exchange/dialog/replace-key", test_replace_key);
  g_test_add_func ("/exchange/dialog/office-key", test_office_key);
  return g_test_run ();
}
