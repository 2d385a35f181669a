/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-signoff.c — sign-off in the window: submit makes the form
 * read-only, return opens it again, the issue dialog proposes the number
 * and issues, and afterwards the form is read-only with its banner, the
 * badge says Issued and the preview carries the proof instead of the
 * draft marking. */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "thidua-application.h"
#include "thidua-issue-dialog.h"
#include "thidua-lifecycle.h"
#include "thidua-plan-item.h"
#include "thidua-preview.h"
#include "thidua-print-preview.h"
#include "thidua-signoff.h"
#include "thidua-return-dialog.h"
#include "thidua-history-dialog.h"
#include "thidua-check-print-dialog.h"
#include "thidua-outgoing-dialog.h"
#include "thidua-stamp.h"
#include "thidua-settings.h"
#include "thidua-test-util.h"
#include "thidua-window.h"

/* the app tests' one fixture (thidua-test-util.c) */
typedef ThiduaTestApp Fixture;

static ThiduaWindow *
start_app (Fixture *f)
{
  /* the memory settings backend is the process's: the app reads this */
  g_autoptr(GSettings) settings = thidua_settings_new ();

  g_settings_set_string (settings, "user-name", "Chị Hoa");
  return THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
}

/* With THIDUA_SIGNOFF_SHOTS=DIR, the window as shown goes to DIR/name.png,
 * for a person to look at. */
static void
shot (GtkWindow *window, const char *name)
{
  const char *dir = g_getenv ("THIDUA_SIGNOFF_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int w, h;

  if (dir == NULL)
    return;
  thidua_test_spin (600);   /* the banner's revealer slides in */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

static gboolean
form_editable (ThiduaWindow *win)
{
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  GtkWidget *subject = thidua_plan_editor_get_field_widget (editor, "subject");
  GtkWidget *name = thidua_plan_editor_get_field_widget (editor, "signer.name");
  GtkWidget *body = thidua_plan_editor_get_field_widget (editor, "body");
  gboolean a = gtk_text_view_get_editable (GTK_TEXT_VIEW (subject));
  gboolean b = gtk_editable_get_editable (GTK_EDITABLE (name));
  gboolean c = gtk_text_view_get_editable (GTK_TEXT_VIEW (body));

  g_assert_true (a == b && b == c);
  return a;
}

static const char *
badge (ThiduaWindow *win, gint64 id)
{
  GListModel *plans = thidua_window_get_plans (win);

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(ThiduaPlanItem) item = g_list_model_get_item (plans, i);

      if (thidua_plan_item_get_id (item) == id)
        return thidua_plan_item_get_status (item);
    }
  return NULL;
}

static char *
stored_status (ThiduaWindow *win, gint64 id)
{
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  g_autoptr(GError) error = NULL;

  thidua_lifecycle_get_info (thidua_window_get_store (win), id, &info, &error);
  g_assert_no_error (error);
  return g_strdup (info.status);
}

static void
test_issue_through_dialog (Fixture *f, gconstpointer data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  ThiduaLayout *layout;
  GtkWidget *name;
  GtkWindow *dialog;
  g_autofree char *mark = NULL;
  g_autofree char *blockers = NULL;
  g_autofree char *qr = NULL;
  g_autofree char *st = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  id = thidua_window_get_selected_plan (win);
  g_assert_cmpint (id, !=, 0);
  g_assert_true (form_editable (win));
  g_assert_cmpstr (badge (win, id), ==, "Draft");
  thidua_preview_flush (thidua_window_get_preview (win));
  layout = thidua_preview_get_layout (thidua_window_get_preview (win));
  mark = thidua_layout_dup_draft_mark (layout);
  g_assert_cmpstr (mark, ==, "DỰ THẢO");

  /* The template lacks the signer's name: the dialog names it. */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.issue-plan", NULL);
  dialog = thidua_signoff_get_issue_dialog (win);
  g_assert_nonnull (dialog);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  g_assert_cmpuint (thidua_issue_dialog_get_proposed_number (THIDUA_ISSUE_DIALOG (dialog)), ==, 1);
  blockers = thidua_issue_dialog_dup_blockers (THIDUA_ISSUE_DIALOG (dialog));
  g_assert_nonnull (strstr (blockers, "signer's name"));
  shot (dialog, "issue-dialog-incomplete");
  gtk_window_close (dialog);
  thidua_test_spin (20);

  /* Type the name, submit: read-only; return: editable again. */
  name = thidua_plan_editor_get_field_widget (editor, "signer.name");
  gtk_editable_set_text (GTK_EDITABLE (name), "Nguyễn Văn An");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.submit-plan", NULL);
  st = stored_status (win, id);
  g_assert_cmpstr (st, ==, "submitted");
  g_assert_false (form_editable (win));
  g_assert_cmpstr (badge (win, id), ==, "Submitted");
  g_assert_nonnull (strstr (thidua_window_get_banner (win), "read-only"));
  shot (GTK_WINDOW (win), "window-submitted");
  g_clear_pointer (&st, g_free);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (thidua_lifecycle_return (thidua_window_get_store (win), id, "Anh Thắng",
                                            "Sửa mục II", &error));
    thidua_window_reopen_plan (win);
  }
  g_assert_true (form_editable (win));
  thidua_preview_flush (thidua_window_get_preview (win));
  layout = thidua_preview_get_layout (thidua_window_get_preview (win));
  g_clear_pointer (&mark, g_free);
  mark = thidua_layout_dup_draft_mark (layout);
  g_assert_cmpstr (mark, ==, "DỰ THẢO LẦN 2");

  /* Issue through the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.issue-plan", NULL);
  dialog = thidua_signoff_get_issue_dialog (win);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  g_clear_pointer (&blockers, g_free);
  blockers = thidua_issue_dialog_dup_blockers (THIDUA_ISSUE_DIALOG (dialog));
  g_assert_cmpstr (blockers, ==, "");
  shot (dialog, "issue-dialog");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "issue.issue", NULL);
  thidua_test_spin (50);

  st = stored_status (win, id);
  g_assert_cmpstr (st, ==, "issued");
  g_assert_false (form_editable (win));
  g_assert_cmpstr (badge (win, id), ==, "Issued");
  g_assert_nonnull (strstr (thidua_window_get_banner (win), "Issued as number 01/KH-PGDĐT"));
  shot (GTK_WINDOW (win), "window-issued");
  thidua_preview_flush (thidua_window_get_preview (win));
  layout = thidua_preview_get_layout (thidua_window_get_preview (win));
  g_clear_pointer (&mark, g_free);
  mark = thidua_layout_dup_draft_mark (layout);
  g_assert_null (mark);
  qr = thidua_layout_dup_qr_text (layout);
  g_assert_nonnull (qr);
  g_assert_nonnull (strstr (qr, "01/KH-PGDĐT"));
  {
    g_autoptr(GPtrArray) events = thidua_lifecycle_history (thidua_window_get_store (win), id, NULL);
    ThiduaLifecycleEvent *last = g_ptr_array_index (events, events->len - 1);

    g_assert_cmpuint (events->len, ==, 3);   /* submitted, returned, issued straight from returned */
    g_assert_cmpstr (last->from, ==, "returned");
    g_assert_cmpstr (last->to, ==, "issued");
    g_assert_cmpstr (last->by, ==, "Chị Hoa");
  }
}

/* The newest toplevel other than the main window. */
static GtkWindow *
newest_dialog (ThiduaWindow *win)
{
  GListModel *tops = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (tops, i);

      if (w != GTK_WINDOW (win) && gtk_widget_get_visible (GTK_WIDGET (w))
          && gtk_window_get_transient_for (w) == GTK_WINDOW (win))
        found = w;
    }
  return found;
}

/* "Kiểm tra bản in": a code typed from paper opens the stored plan. */
static void
test_check_printout (Fixture *f, gconstpointer data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaStore *store = thidua_window_get_store (win);
  g_autoptr(GError) error = NULL;
  g_auto(ThiduaIssueResult) r = { 0 };
  ThiduaIssueRequest req = { 0, 3, 2, 2026, "Văn thư", NULL, NULL };
  GtkWindow *dialog;
  GtkWidget *entry, *button;
  g_autofree char *typed = NULL;
  gint64 id, other;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  id = thidua_window_get_selected_plan (win);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  other = thidua_window_get_selected_plan (win);
  g_assert_cmpint (other, !=, id);
  g_assert_true (thidua_lifecycle_issue (store, id, &req, &r, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (win), "win.check-print", NULL);
  dialog = newest_dialog (win);
  g_assert_true (THIDUA_IS_CHECK_PRINT_DIALOG (dialog));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  entry = thidua_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);
  button = gtk_window_get_default_widget (dialog);
  typed = g_ascii_strdown (r.code, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  g_signal_emit_by_name (button, "clicked");
  thidua_test_spin (50);
  g_assert_cmpint (thidua_window_get_selected_plan (win), ==, id);
  {
    gboolean seen = FALSE;

    for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (entry)); c;
         c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LABEL (c) && strstr (gtk_label_get_text (GTK_LABEL (c)), "01/KH-PGDĐT") != NULL)
        seen = TRUE;
    g_assert_true (seen);
  }
  gtk_window_destroy (dialog);

  /* The outgoing register opens as print preview pages. */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.outgoing-register", NULL);
  dialog = newest_dialog (win);
  g_assert_true (THIDUA_IS_OUTGOING_DIALOG (dialog));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  {
    GtkWidget *spin = thidua_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, NULL);

    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 2026);
    g_signal_emit_by_name (gtk_window_get_default_widget (dialog), "clicked");
  }
  thidua_test_spin (100);
  dialog = newest_dialog (win);
  g_assert_nonnull (dialog);
  g_assert_true (THIDUA_IS_PRINT_PREVIEW (dialog));
  shot (dialog, "outgoing-register");
  gtk_window_destroy (dialog);
}

/* "Trả lại" asks for the comment (none: refused in the dialog, nothing
 * changes); "Lịch sử" lists the steps with it.  Both are templates. */
static void
test_return_and_history (Fixture *f, gconstpointer data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  GtkWindow *dialog;
  GtkWidget *entry, *button, *error_label;
  g_autofree char *st = NULL;
  const char *text;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  id = thidua_window_get_selected_plan (win);
  gtk_editable_set_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (editor, "signer.name")),
                         "Nguyễn Văn An");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.submit-plan", NULL);
  st = stored_status (win, id);
  g_assert_cmpstr (st, ==, "submitted");
  g_clear_pointer (&st, g_free);

  gtk_widget_activate_action (GTK_WIDGET (win), "win.return-plan", NULL);
  dialog = newest_dialog (win);
  g_assert_true (THIDUA_IS_RETURN_DIALOG (dialog));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  entry = thidua_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL);
  button = gtk_window_get_default_widget (dialog);
  g_assert_nonnull (entry);
  g_assert_nonnull (button);

  /* No comment: the reason shows in the dialog, the plan stays submitted. */
  g_signal_emit_by_name (button, "clicked");
  thidua_test_spin (20);
  g_assert_true (newest_dialog (win) == dialog);
  error_label = gtk_widget_get_last_child (gtk_widget_get_parent (entry));
  g_assert_true (GTK_IS_LABEL (error_label));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  st = stored_status (win, id);
  g_assert_cmpstr (st, ==, "submitted");
  g_clear_pointer (&st, g_free);
  shot (dialog, "return-dialog-refused");

  gtk_editable_set_text (GTK_EDITABLE (entry), "Bổ sung chỉ tiêu mục II");
  g_signal_emit_by_name (button, "clicked");
  thidua_test_spin (50);
  st = stored_status (win, id);
  g_assert_cmpstr (st, ==, "returned");
  g_assert_true (form_editable (win));
  g_assert_null (newest_dialog (win));

  gtk_widget_activate_action (GTK_WIDGET (win), "win.plan-history", NULL);
  dialog = newest_dialog (win);
  g_assert_true (THIDUA_IS_HISTORY_DIALOG (dialog));
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (dialog)));
  text = thidua_history_dialog_get_text (THIDUA_HISTORY_DIALOG (dialog));
  g_assert_nonnull (strstr (text, "Submitted for signing — Chị Hoa"));
  g_assert_nonnull (strstr (text, "Returned for changes — Chị Hoa"));
  g_assert_nonnull (strstr (text, "“Bổ sung chỉ tiêu mục II”"));
  g_assert_nonnull (strstr (text, "SHA-256 "));
  shot (dialog, "history-dialog");
  gtk_window_destroy (dialog);
}

int
main (int argc, char *argv[])
{
  GTestDBus *bus = thidua_test_private_bus_up ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  g_test_add ("/signoff/issue-through-dialog", Fixture, NULL,
              thidua_test_app_set_up, test_issue_through_dialog, thidua_test_app_tear_down);
  g_test_add ("/signoff/return-and-history", Fixture, NULL,
              thidua_test_app_set_up, test_return_and_history, thidua_test_app_tear_down);
  g_test_add ("/signoff/check-printout", Fixture, NULL,
              thidua_test_app_set_up, test_check_printout, thidua_test_app_tear_down);
  (void) bus;
  return g_test_run ();
}
