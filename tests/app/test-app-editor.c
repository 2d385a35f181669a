/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-editor.c — the drafting window driven through its actions and
 * widgets: a plan from each template, typing into the subject and body,
 * the preview and the saved value following, reopening, searching,
 * printing to PDF, the body editor's helpers and a failing database. */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <poppler.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* poppler-glib 22.12 defines no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#include "thidua-application.h"
#include "thidua-body-view.h"
#include "thidua-print.h"
#include "thidua-print-preview.h"
#include "thidua-preview.h"
#include "thidua-register-view.h"
#include "thidua-report.h"
#include "thidua-settings.h"
#include "thidua-template-item.h"
#include "thidua-test-util.h"
#include "thidua-text.h"
#include "thidua-window.h"

/* the app tests' one fixture (thidua-test-util.c) */
typedef ThiduaTestApp Fixture;

static ThiduaWindow *
start_app (Fixture *f)
{
  return THIDUA_WINDOW (thidua_test_app_start (f, 1366, 768));
}

static gboolean
document_saved (gpointer data)
{
  ThiduaDocument *doc = thidua_window_get_document (THIDUA_WINDOW (data));
  return doc != NULL && thidua_document_get_state (doc) == THIDUA_SAVE_STATE_SAVED;
}

static ThiduaPlan *
load_stored (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  ThiduaPlan *plan = thidua_store_load_plan (thidua_application_get_store (THIDUA_APPLICATION (f->app)), id, &error);

  g_assert_no_error (error);
  return plan;
}

static void
type_into_body (ThiduaPlanEditor *editor,
                const char       *text)
{
  GtkWidget *view = thidua_plan_editor_get_field_widget (editor, "body");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  /* interactive: as a keystroke or paste would */
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
}

/* The subject is a wrapped text view (a long trích yếu runs over lines). */
static void
set_subject (ThiduaPlanEditor *editor,
             const char       *text)
{
  GtkWidget *view = thidua_plan_editor_get_field_widget (editor, "subject");

  g_assert_true (GTK_IS_TEXT_VIEW (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static char *
get_subject (ThiduaPlanEditor *editor)
{
  GtkTextBuffer *buffer =
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (thidua_plan_editor_get_field_widget (editor, "subject")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
long_text (guint paragraphs)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < paragraphs; i++)
    g_string_append_printf (s, "\n%u. Các đơn vị tổ chức phát động phong trào thi đua "
                            "thường xuyên, gắn với nhiệm vụ chính trị của đơn vị, bảo đảm "
                            "thiết thực, hiệu quả, tránh hình thức, lãng phí;", i + 1);
  return g_string_free (s, FALSE);
}

static void
test_each_template (Fixture       *f,
                    gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  GListModel *templates = thidua_window_get_templates (win);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  ThiduaPreview *preview = thidua_window_get_preview (win);
  guint n = g_list_model_get_n_items (templates);

  g_assert_cmpuint (n, >=, 7);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ThiduaTemplateItem) item = g_list_model_get_item (templates, i);
      g_autofree char *subject = NULL;
      g_autofree char *more = long_text (40);
      g_autoptr(ThiduaPlan) stored = NULL;
      ThiduaPlan *plan;
      guint pages_before, pages_after;
      gint64 id;

      g_test_message ("template %s", thidua_template_item_get_name (item));
      gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s",
                                  thidua_template_item_get_name (item));
      id = thidua_window_get_selected_plan (win);
      g_assert_cmpint (id, !=, 0);
      plan = thidua_plan_editor_get_plan (editor);
      g_assert_nonnull (plan);
      g_assert_cmpint (thidua_plan_get_id (plan), ==, id);
      thidua_test_spin (30);
      pages_before = thidua_preview_get_n_pages (preview);
      g_assert_cmpuint (pages_before, >=, 1);

      /* subject: typed text reaches the plan, the preview and the store */
      subject = g_strdup_printf ("Kế hoạch thử nghiệm số %u về phong trào thi đua", i);
      set_subject (editor, subject);
      g_assert_cmpstr (thidua_plan_get_subject (plan), ==, subject);

      gtk_widget_grab_focus (thidua_plan_editor_get_field_widget (editor, "body"));
      type_into_body (editor, more);
      thidua_preview_flush (preview);
      pages_after = thidua_preview_get_n_pages (preview);
      g_assert_cmpuint (pages_after, >, pages_before);
      /* the preview shows the page where the cursor (the end) is */
      g_assert_cmpuint (thidua_preview_get_page (preview), ==, pages_after - 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preview), "preview.previous-page", NULL));
      g_assert_cmpuint (thidua_preview_get_page (preview), ==, pages_after - 2);

      g_assert_true (thidua_test_wait_for (document_saved, win, 5000));
      stored = load_stored (f, id);
      g_assert_cmpstr (thidua_plan_get_subject (stored), ==, subject);
      g_assert_true (g_str_has_suffix (thidua_plan_get_body (stored),
                                       "tránh hình thức, lãng phí;"));
      g_assert_nonnull (strstr (thidua_plan_get_body (stored), "40. Các đơn vị"));
    }

  /* the issuing bodies used so far complete the issuing-body field */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  {
    GtkWidget *issuing = thidua_plan_editor_get_field_widget (editor, "issuing_body");
    GtkEntryCompletion *completion = gtk_entry_get_completion (GTK_ENTRY (issuing));
    GtkTreeModel *model = gtk_entry_completion_get_model (completion);
    GtkTreeIter iter;
    gboolean found = FALSE;

    g_assert_nonnull (model);
    if (gtk_tree_model_get_iter_first (model, &iter))
      do
        {
          g_autofree char *body = NULL;

          gtk_tree_model_get (model, &iter, 0, &body, -1);
          if (g_strcmp0 (body, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO") == 0)
            found = TRUE;
        }
      while (gtk_tree_model_iter_next (model, &iter));
    g_assert_true (found);
  }
}

static void
test_reopen_and_search (Fixture       *f,
                        gconstpointer  data)
{
  const char *subject = "Kế hoạch phát động thi đua Đồng Khởi năm 2025";
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  GtkWidget *body_view;
  g_autofree char *body = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  id = thidua_window_get_selected_plan (win);
  set_subject (editor, subject);
  type_into_body (editor, "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nĐẩy mạnh phong trào.");

  /* Closing right after typing: the pending write happens on close, and
   * the window's size is remembered. */
  gtk_window_set_default_size (GTK_WINDOW (win), 1200, 700);
  thidua_test_app_stop (f);
  {
    g_autoptr(GSettings) settings = thidua_settings_new ();

    g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1200);
    g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  }

  win = start_app (f);
  editor = thidua_window_get_editor (win);
  g_assert_true (thidua_window_select_plan (win, id));
  {
    g_autofree char *shown = get_subject (editor);
    g_assert_cmpstr (shown, ==, subject);
  }
  body_view = thidua_plan_editor_get_field_widget (editor, "body");
  body = thidua_body_view_get_text (THIDUA_BODY_VIEW (body_view));
  g_assert_true (g_str_has_suffix (body, "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nĐẩy mạnh phong trào."));

  /* unaccented, any case, đ = d */
  gtk_editable_set_text (thidua_window_get_search_entry (win), "dong khoi 2025");
  thidua_window_reload_plans (win);
  g_assert_cmpuint (g_list_model_get_n_items (thidua_window_get_plans (win)), ==, 1);
  g_assert_cmpint (thidua_window_get_selected_plan (win), ==, id);
  gtk_editable_set_text (thidua_window_get_search_entry (win), "DONG KHOI ha noi");
  thidua_window_reload_plans (win);
  g_assert_cmpuint (g_list_model_get_n_items (thidua_window_get_plans (win)), ==, 0);
  /* the open plan stays open while the search hides it */
  g_assert_nonnull (thidua_window_get_document (win));
  g_assert_cmpint (thidua_plan_get_id (thidua_plan_editor_get_plan (editor)), ==, id);
  gtk_editable_set_text (thidua_window_get_search_entry (win), "");
  thidua_window_reload_plans (win);
  g_assert_cmpint (thidua_window_get_selected_plan (win), ==, id);
  g_assert_nonnull (thidua_window_get_document (win));
}

static char *
fold_ws (const char *s)
{
  g_auto(GStrv) words = g_strsplit_set (s, " \t\n\r", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        if (out->len)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return thidua_text_nfc (out->str, -1);
}

static void
test_print_to_pdf (Fixture       *f,
                   gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPreview *preview = thidua_window_get_preview (win);
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *all = NULL;
  g_autofree char *folded_all = NULL;
  g_autofree char *folded_subject = NULL;
  GString *text = g_string_new (NULL);
  ThiduaPlan *plan;
  guint n_pages;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  plan = thidua_plan_editor_get_plan (thidua_window_get_editor (win));
  type_into_body (thidua_window_get_editor (win), "\n\nDòng kiểm tra in ấn cuối cùng./.");
  thidua_preview_flush (preview);
  n_pages = thidua_preview_get_n_pages (preview);
  g_assert_cmpuint (n_pages, >=, 2);

  g_assert_cmpint (thidua_print_run (GTK_WINDOW (win), thidua_preview_get_layout (preview), plan,
                                     GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);

  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595.28, 1.0);   /* A4, not scaled */
      g_assert_cmpfloat_with_epsilon (h, 841.89, 1.0);
      g_string_append (text, t);
      g_string_append_c (text, '\n');
    }
  all = g_string_free (text, FALSE);
  folded_all = fold_ws (all);
  folded_subject = fold_ws (thidua_plan_get_subject (plan));
  g_assert_nonnull (strstr (folded_all, "KẾ HOẠCH"));
  g_assert_nonnull (strstr (folded_all, folded_subject));
  g_assert_nonnull (strstr (folded_all, "Dòng kiểm tra in ấn cuối cùng./."));
}

/* The print dialog's Preview opens the preview inside the app. */
static void
test_print_preview_window (Fixture       *f,
                           gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlan *plan;
  GtkWindow *preview_window;
  ThiduaPreview *pages;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "annual-party-school");
  plan = thidua_plan_editor_get_plan (thidua_window_get_editor (win));
  preview_window = thidua_print_preview_new (GTK_WINDOW (win),
                                             thidua_preview_get_layout (thidua_window_get_preview (win)),
                                             plan);
  gtk_window_present (preview_window);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (preview_window)));
  pages = THIDUA_PREVIEW (thidua_test_find_widget (GTK_WIDGET (preview_window), THIDUA_TYPE_PREVIEW, NULL));
  g_assert_nonnull (pages);
  g_assert_cmpuint (thidua_preview_get_n_pages (pages), ==,
                    thidua_preview_get_n_pages (thidua_window_get_preview (win)));
  gtk_window_destroy (preview_window);
}

/* The print dialog's "Print Preview" button answers GTK_RESPONSE_APPLY. */
static gboolean
preview_from_print_dialog (gpointer data)
{
  gboolean *seen = data;

  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (GTK_IS_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_str_has_prefix (G_OBJECT_TYPE_NAME (l->data), "GtkPrint"))
      {
        *seen = TRUE;
        gtk_dialog_response (GTK_DIALOG (l->data), GTK_RESPONSE_APPLY);
      }
  return *seen ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
test_print_dialog_preview (Fixture       *f,
                           gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  gboolean seen = FALSE, shown = FALSE;
  guint source;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  source = g_timeout_add (100, preview_from_print_dialog, &seen);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.print", NULL);
  if (!seen)
    g_source_remove (source);
  g_assert_true (seen);
  thidua_test_spin (100);
  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (THIDUA_IS_PRINT_PREVIEW (l->data) && gtk_widget_get_visible (l->data))
      {
        shown = TRUE;
        gtk_window_destroy (l->data);
      }
  g_assert_true (shown);
}

static gboolean
cancel_print_dialog (gpointer data)
{
  gboolean *seen = data;

  for (GList *l = gtk_window_list_toplevels (); l; l = g_list_delete_link (l, l))
    if (GTK_IS_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_str_has_prefix (G_OBJECT_TYPE_NAME (l->data), "GtkPrint"))
      {
        *seen = TRUE;
        gtk_dialog_response (GTK_DIALOG (l->data), GTK_RESPONSE_CANCEL);
      }
  return *seen ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* Ctrl+P opens the system print dialog (cancelled here). */
static void
test_print_dialog (Fixture       *f,
                   gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  gboolean seen = FALSE;
  guint source;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "covid-party-school");
  source = g_timeout_add (100, cancel_print_dialog, &seen);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.print", NULL));
  if (!seen)
    g_source_remove (source);
  g_assert_true (seen);
  g_assert_null (thidua_window_get_banner (win));
}

static void
test_body_helpers (void)
{
  static const struct {
    const char *line;
    const char *next;
    gboolean    ends;
  } cases[] = {
    { "- Tổ chức phát động;", "- ", FALSE },
    { "+ chi tiết", "+ ", FALSE },
    { "- ", "- ", TRUE },
    { "1. Tổ chức phát động;", "2. ", FALSE },
    { "2.1. Các đơn vị thực hiện.", "2.2. ", FALSE },
    { "2.1.3. Báo cáo kết quả.", "2.1.4. ", FALSE },
    { "1. Mục đích", NULL, FALSE },          /* a titled item: its text follows */
    { "a) Đối với cá nhân;", "b) ", FALSE },
    { "d) Đối với tập thể;", "đ) ", FALSE },  /* Vietnamese alphabet */
    { "đ) Khác;", "e) ", FALSE },
    { "Căn cứ Luật Thi đua, khen thưởng;", NULL, FALSE },
    { "I. MỤC ĐÍCH", NULL, FALSE },
  };
  GtkWidget *view = thidua_body_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *nfd = g_utf8_normalize ("Việt Nam đổi mới", -1, G_NORMALIZE_NFD);

  g_object_ref_sink (view);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean ends;
      g_autofree char *next = thidua_body_continuation (cases[i].line, &ends);

      g_test_message ("%s", cases[i].line);
      if (cases[i].ends)
        g_assert_true (ends);
      else
        g_assert_cmpstr (next, ==, cases[i].next);
    }

  /* Enter at the end of a list line continues it; on an empty item it
   * ends the list */
  gtk_text_buffer_set_text (buffer, "I. NỘI DUNG\n1. Tổ chức phát động;", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (thidua_body_view_continue_line (THIDUA_BODY_VIEW (view)));
  text = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  g_assert_cmpstr (text, ==, "I. NỘI DUNG\n1. Tổ chức phát động;\n2. ");
  g_clear_pointer (&text, g_free);
  g_assert_true (thidua_body_view_continue_line (THIDUA_BODY_VIEW (view)));
  text = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  g_assert_cmpstr (text, ==, "I. NỘI DUNG\n1. Tổ chức phát động;\n\n");
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_set_text (buffer, "Căn cứ Luật Thi đua;", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_false (thidua_body_view_continue_line (THIDUA_BODY_VIEW (view)));
  gtk_text_buffer_set_text (buffer, "", -1);

  /* paste of decomposed text (Unicode tổ hợp) lands as NFC */
  g_assert_cmpstr (nfd, !=, "Việt Nam đổi mới");
  gtk_text_buffer_insert_interactive_at_cursor (buffer, nfd, -1, TRUE);
  text = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  g_assert_cmpstr (text, ==, "Việt Nam đổi mới");
  g_clear_pointer (&text, g_free);

  /* a combining mark typed alone composes with the letter before it */
  gtk_text_buffer_set_text (buffer, "Vie", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, "\xcc\x82", -1, TRUE);   /* U+0302 */
  text = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  g_assert_cmpstr (text, ==, "Viê");
  g_clear_pointer (&text, g_free);

  /* Ctrl+B / Ctrl+I wrap the selection */
  gtk_text_buffer_set_text (buffer, "thi đua yêu nước", -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &start, 0);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, 7);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (view, "body.bold", NULL));
  text = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  g_assert_cmpstr (text, ==, "**thi đua** yêu nước");
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_get_end_iter (buffer, &end);
  start = end;
  gtk_text_iter_backward_chars (&start, 4);
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_assert_true (gtk_widget_activate_action (view, "body.italic", NULL));
  text = thidua_body_view_get_text (THIDUA_BODY_VIEW (view));
  g_assert_cmpstr (text, ==, "**thi đua** yêu *nước*");

  g_object_unref (view);
}

static void
test_symbol_suggestion (void)
{
  g_autofree char *a = thidua_suggest_symbol ("KẾ HOẠCH", "SỞ Y TẾ", THIDUA_PROFILE_STATE);
  g_autofree char *b = thidua_suggest_symbol ("KẾ HOẠCH", "TRƯỜNG CHÍNH TRỊ", THIDUA_PROFILE_PARTY);
  g_autofree char *c = thidua_suggest_symbol ("Kế hoạch", "ĐOÀN THANH NIÊN", THIDUA_PROFILE_STATE);
  g_autofree char *d = thidua_suggest_symbol ("KẾ HOẠCH", "LĐLĐ TỈNH LAI CHÂU", THIDUA_PROFILE_UNION);
  g_autofree char *e = thidua_suggest_symbol ("KẾ HOẠCH", "", THIDUA_PROFILE_STATE);

  g_assert_cmpstr (a, ==, "KH-SYT");
  g_assert_cmpstr (b, ==, "KH/TCT");
  g_assert_cmpstr (c, ==, "KH-ĐTN");
  g_assert_cmpstr (d, ==, "KH-LĐLĐTLC");
  g_assert_cmpstr (e, ==, "");
}

static void
test_form_validation (Fixture       *f,
                      gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  GtkWidget *day, *symbol, *issuing;
  ThiduaPlan *plan;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  plan = thidua_plan_editor_get_plan (editor);
  thidua_plan_set_date (plan, 0, 0, 0);

  /* symbol follows the issuing body until the user types their own */
  issuing = thidua_plan_editor_get_field_widget (editor, "issuing_body");
  symbol = thidua_plan_editor_get_field_widget (editor, "symbol");
  gtk_editable_set_text (GTK_EDITABLE (symbol), "");
  gtk_editable_set_text (GTK_EDITABLE (issuing), "SỞ Y TẾ");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (symbol)), ==, "KH-SYT");
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-SYT");
  gtk_editable_set_text (GTK_EDITABLE (symbol), "KH-UBND");
  gtk_editable_set_text (GTK_EDITABLE (issuing), "SỞ GIÁO DỤC");
  g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-UBND");

  /* 31/02 is flagged, not corrected, and typing goes on */
  day = thidua_plan_editor_get_field_widget (editor, "date");
  gtk_editable_set_text (GTK_EDITABLE (day), "31");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (day))), "02");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (day))))), "2024");
  g_assert_true (gtk_widget_has_css_class (day, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day)), ==, "31");
  /* the plan keeps its last valid date, never 31/02 nor a "corrected" one */
  g_assert_false (thidua_plan_get_day (plan) == 31 && thidua_plan_get_month (plan) == 2);
  g_assert_false (thidua_plan_get_month (plan) == 3);
  g_assert_true (thidua_plan_check_date (thidua_plan_get_day (plan), thidua_plan_get_month (plan),
                                         thidua_plan_get_year (plan), NULL));
  gtk_editable_set_text (GTK_EDITABLE (day), "28");
  g_assert_false (gtk_widget_has_css_class (day, "error"));
  g_assert_cmpuint (thidua_plan_get_day (plan), ==, 28);
  g_assert_cmpuint (thidua_plan_get_month (plan), ==, 2);

  /* a blank signer name is a layout warning: the field is marked, and
   * activating the warning focuses it */
  gtk_editable_set_text (GTK_EDITABLE (thidua_plan_editor_get_field_widget (editor, "signer.name")), "");
  thidua_preview_flush (thidua_window_get_preview (win));
  g_assert_true (gtk_widget_has_css_class (thidua_plan_editor_get_field_widget (editor, "signer.name"),
                                           "warning"));
  /* the warning's row under the preview leads to the field */
  {
    GtkWidget *list = thidua_test_find_widget (GTK_WIDGET (thidua_window_get_preview (win)),
                                               GTK_TYPE_LIST_BOX, NULL);
    GtkWidget *row = NULL;

    g_assert_nonnull (list);
    for (GtkWidget *r = gtk_widget_get_first_child (list); r; r = gtk_widget_get_next_sibling (r))
      {
        GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (r));
        const char *field = NULL;
        int line;

        g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (r)), ==, "win.focus-field");
        g_variant_get (target, "(&si)", &field, &line);
        if (g_strcmp0 (field, "signer.name") == 0)
          row = r;
      }
    g_assert_nonnull (row);
    gtk_widget_grab_focus (thidua_plan_editor_get_field_widget (editor, "place"));
    gtk_widget_activate (row);
    thidua_test_spin (20);
  }
  g_assert_true (gtk_widget_has_focus (thidua_plan_editor_get_field_widget (editor, "signer.name")) ||
                 gtk_widget_is_focus (gtk_widget_get_first_child (thidua_plan_editor_get_field_widget (editor, "signer.name"))));
}

static void
test_write_failure_keeps_edits (Fixture       *f,
                                gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  ThiduaDocument *doc;
  sqlite3 *other = NULL;
  char *errmsg = NULL;
  g_autoptr(ThiduaPlan) stored = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-union");
  id = thidua_window_get_selected_plan (win);
  doc = thidua_window_get_document (win);
  thidua_document_set_delays (doc, 10, 100);

  /* Another program holds the database. */
  g_assert_cmpint (sqlite3_open (f->db_path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 0);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, &errmsg), ==, SQLITE_OK);

  set_subject (editor, "Nội dung gõ khi cơ sở dữ liệu bị khóa");
  g_assert_false (thidua_document_flush (doc, NULL));
  g_assert_cmpint (thidua_document_get_state (doc), ==, THIDUA_SAVE_STATE_FAILED);
  g_assert_nonnull (thidua_window_get_banner (win));
  /* still editable, nothing refused */
  set_subject (editor, "Nội dung gõ khi cơ sở dữ liệu bị khóa, tiếp tục");

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, &errmsg), ==, SQLITE_OK);
  sqlite3_close (other);

  /* the retry writes it without any action from the user */
  g_assert_true (thidua_test_wait_for (document_saved, win, 10000));
  g_assert_null (thidua_window_get_banner (win));
  stored = load_stored (f, id);
  g_assert_cmpstr (thidua_plan_get_subject (stored), ==,
                   "Nội dung gõ khi cơ sở dữ liệu bị khóa, tiếp tục");
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  GListModel *plans = thidua_window_get_plans (win);
  ThiduaPlan *plan;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-party");
  id = thidua_window_get_selected_plan (win);
  set_subject (editor, "Kế hoạch sẽ bị xóa rồi khôi phục");
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);

  /* typed just before the delete, not yet written: kept by the undo */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_false (thidua_window_select_plan (win, id));
  g_assert_nonnull (thidua_window_get_banner (win));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.undo-delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  g_assert_null (thidua_window_get_banner (win));
  plan = thidua_plan_editor_get_plan (editor);
  g_assert_nonnull (plan);
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Kế hoạch sẽ bị xóa rồi khôi phục");
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_PARTY);
}

static void
test_undo_and_recipients (Fixture       *f,
                          gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  GtkWidget *subject, *body;
  GtkTextBuffer *buffer;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char * const *lines;
  ThiduaPlan *plan;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  plan = thidua_plan_editor_get_plan (editor);

  /* Loading a plan is not an undo step: Ctrl+Z never brings back the
   * previous plan's text into this one. */
  subject = thidua_plan_editor_get_field_widget (editor, "subject");
  gtk_widget_grab_focus (subject);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (subject)),
                                                              "Mới", -1, TRUE));
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Mới");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  {
    g_autofree char *shown = get_subject (editor);
    g_assert_cmpstr (shown, ==, "");
  }
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);   /* nothing older */
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL);
  g_assert_cmpstr (thidua_plan_get_subject (plan), ==, "Mới");

  /* the body's steps are in the document's one history too */
  body = thidua_plan_editor_get_field_widget (editor, "body");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (body));
  before = thidua_body_view_get_text (THIDUA_BODY_VIEW (body));
  type_into_body (editor, "\nĐoạn sẽ được hoàn tác.");
  g_assert_true (g_str_has_suffix (thidua_plan_get_body (plan), "Đoạn sẽ được hoàn tác."));
  g_assert_true (thidua_history_can_undo (thidua_document_get_history (thidua_plan_editor_get_document (editor))));
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));   /* no second history */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  after = thidua_body_view_get_text (THIDUA_BODY_VIEW (body));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (thidua_plan_get_body (plan), ==, before);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL);
  g_clear_pointer (&after, g_free);
  after = thidua_body_view_get_text (THIDUA_BODY_VIEW (body));
  g_assert_cmpstr (after, ==, before);   /* the loaded text is not undone */

  /* recipients: add, reorder, remove; "Lưu" suggested and kept last */
  thidua_plan_set_recipients (plan, NULL);
  thidua_plan_editor_set_document (editor, thidua_plan_editor_get_document (editor));
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.add-luu", NULL));
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.add", NULL));
  lines = thidua_plan_get_recipients (plan);
  g_assert_cmpuint (g_strv_length ((GStrv) lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "Lưu: VT.");
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.add", NULL));
  lines = thidua_plan_get_recipients (plan);
  g_assert_cmpuint (g_strv_length ((GStrv) lines), ==, 3);
  g_assert_cmpstr (lines[2], ==, "Lưu: VT.");
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.down", "i", 1));
  lines = thidua_plan_get_recipients (plan);
  g_assert_cmpstr (lines[1], ==, "Lưu: VT.");
  g_assert_true (gtk_widget_activate_action (thidua_plan_editor_get_section (editor, "recipients"), "recipients.remove", "i", 1));
  lines = thidua_plan_get_recipients (plan);
  g_assert_cmpuint (g_strv_length ((GStrv) lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "");
  g_assert_cmpstr (lines[1], ==, "");

  /* the same history takes the removal back, then a profile change,
   * and redoes it; the body is left alone */
  g_clear_pointer (&before, g_free);
  before = g_strdup (thidua_plan_get_body (plan));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  lines = thidua_plan_get_recipients (plan);
  g_assert_cmpuint (g_strv_length ((GStrv) lines), ==, 3);
  g_assert_cmpstr (lines[1], ==, "Lưu: VT.");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (thidua_plan_editor_get_field_widget (editor, "profile")),
                              THIDUA_PROFILE_PARTY);
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_PARTY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.undo", NULL));
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_STATE);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (thidua_plan_editor_get_field_widget (editor, "profile"))),
                    ==, THIDUA_PROFILE_STATE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.redo", NULL));
  g_assert_cmpint (thidua_plan_get_profile (plan), ==, THIDUA_PROFILE_PARTY);
  g_assert_cmpstr (thidua_plan_get_body (plan), ==, before);
}

static void
test_close_when_locked (Fixture       *f,
                        gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "thidua", "recovered", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  const char *name;
  sqlite3 *other = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  g_assert_cmpint (sqlite3_open (f->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  set_subject (editor, "Gõ ngay trước khi đóng cửa sổ");

  /* Quitting (Ctrl+Q) closes the window as the user would: the close is
   * refused and a copy of the plan is written. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "quit", NULL);
  thidua_test_spin (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (win)));
  g_assert_nonnull (thidua_window_get_banner (win));
  g_assert_nonnull (strstr (thidua_window_get_banner (win), dir));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  name = g_dir_read_name (listing);
  g_assert_nonnull (name);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  g_assert_nonnull (strstr (json, "Gõ ngay trước khi đóng cửa sổ"));
  {
    g_autoptr(ThiduaPlan) back = thidua_plan_new_from_json (json, -1, NULL);
    g_assert_nonnull (back);
    g_assert_cmpstr (thidua_plan_get_subject (back), ==, "Gõ ngay trước khi đóng cửa sổ");
  }

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  /* once the database is free again the close saves and goes through */
  id = thidua_plan_get_id (thidua_plan_editor_get_plan (editor));
  gtk_window_close (GTK_WINDOW (win));
  thidua_test_spin (20);
  f->window = NULL;
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  {
    g_autoptr(ThiduaPlan) stored = load_stored (f, id);
    g_assert_cmpstr (thidua_plan_get_subject (stored), ==, "Gõ ngay trước khi đóng cửa sổ");
  }
}

static void
test_export_files (Fixture       *f,
                   gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPreview *preview = thidua_window_get_preview (win);
  g_autofree char *pdf = g_build_filename (f->dir, "out", "plan.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "out", "page2.png", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GFile) png_file = NULL;
  GSettings *settings = thidua_application_get_settings (THIDUA_APPLICATION (f->app));

  g_mkdir_with_parents (out, 0755);
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "annual-party-school");
  thidua_preview_flush (preview);
  g_assert_cmpuint (thidua_preview_get_n_pages (preview), >=, 2);

  g_assert_true (thidua_window_export (win, pdf, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, thidua_preview_get_n_pages (preview));

  /* PNG: the page shown, at 150 dpi (A4 = 1240 × 1754 px) */
  thidua_preview_set_page (preview, 1);
  g_assert_true (thidua_window_export (win, png, &error));
  g_assert_no_error (error);
  png_file = g_file_new_for_path (png);
  texture = gdk_texture_new_from_file (png_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (abs (gdk_texture_get_width (texture) - 1240), <=, 2);
  g_assert_cmpint (abs (gdk_texture_get_height (texture) - 1754), <=, 2);

  /* the folder is remembered for the next export */
  last = g_settings_get_string (settings, "last-folder");
  g_assert_cmpstr (last, ==, out);

  /* a bad place is reported, not ignored */
  g_assert_false (thidua_window_export (win, "/nonexistent-dir/x.pdf", &error));
  g_assert_nonnull (error);
}

/* Closing twice while the database stays locked: the window goes, and
 * the latest text is in a recovery copy. */
static void
test_close_anyway_when_locked (Fixture       *f,
                               gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaPlanEditor *editor = thidua_window_get_editor (win);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "thidua", "recovered", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean found = FALSE;
  sqlite3 *other = NULL;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-party");
  g_assert_cmpint (sqlite3_open (f->db_path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  set_subject (editor, "Bản đầu");
  gtk_window_close (GTK_WINDOW (win));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (win)));
  set_subject (editor, "Bản cuối cùng trước khi thoát");
  gtk_window_close (GTK_WINDOW (win));
  thidua_test_spin (20);
  f->window = NULL;
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (f->app)));

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *json = NULL;

      g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
      if (strstr (json, "Bản cuối cùng trước khi thoát") != NULL)
        found = TRUE;
    }
  g_assert_true (found);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
}

/* The register's summary goes through the plans' print path: exported
 * landscape by the print operation, and shown in the same print preview
 * window (THIDUA_TEST_SCREENSHOT=DIR saves it to look at). */
static void
test_register_print (Fixture       *f,
                     gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaRegisterView *view = THIDUA_REGISTER_VIEW (thidua_window_get_section (win, "register"));
  ThiduaRegister *reg = thidua_register_view_get_register (view);
  g_autofree char *pdf = g_build_filename (f->dir, "register.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(ThiduaReport) report = NULL;
  GtkWindow *preview_window;
  ThiduaPreview *pages;
  gint64 unit;

  unit = thidua_register_add_unit (reg, 0, "Khoa Lý luận cơ sở", "khoa", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
      g_autoptr(ThiduaRegistration) r = thidua_registration_new ();
      g_autofree char *name = g_strdup_printf ("Nguyễn Thị In%02u", i);

      g_assert_true (thidua_reg_person_set_full_name (p, name));
      p->unit_id = unit;
      g_free (r->year);
      r->year = g_strdup ("2024");
      r->person_id = thidua_register_add_person (reg, p, &error);
      g_assert_no_error (error);
      r->unit_id = unit;
      g_free (r->title);
      r->title = g_strdup ("LĐTT");
      g_assert_cmpint (thidua_register_add (reg, r, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (thidua_register_view_set_year (view, "2024", &error));
  g_assert_no_error (error);

  g_assert_true (thidua_register_view_print (view, pdf, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  report = thidua_report_new_register (reg, "2024", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==,
                   (int) thidua_layout_get_n_pages (thidua_report_get_layout (report)));
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 2);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 841.89, 1.0);   /* landscape A4 */
      g_assert_cmpfloat_with_epsilon (h, 595.28, 1.0);
      /* the header row on every page with people, upright (the text
       * reads) */
      if (strstr (text, "Nguyễn Thị In") != NULL)
        g_assert_nonnull (strstr (text, "Họ và tên"));
      if (g_getenv ("THIDUA_TEST_SCREENSHOT") != NULL)
        {
          g_autofree char *copy = g_build_filename (g_getenv ("THIDUA_TEST_SCREENSHOT"), "register.pdf", NULL);
          g_autofree char *bytes = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
          g_assert_true (g_file_set_contents (copy, bytes, len, NULL));
        }
      if (i == 0)
        g_assert_nonnull (strstr (text, "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2024"));
    }

  preview_window = thidua_print_preview_new (GTK_WINDOW (win), thidua_report_get_layout (report),
                                             thidua_report_get_plan (report));
  gtk_window_set_default_size (preview_window, 1000, 700);
  gtk_window_present (preview_window);
  g_assert_true (thidua_test_wait_mapped (GTK_WIDGET (preview_window)));
  pages = THIDUA_PREVIEW (thidua_test_find_widget (GTK_WIDGET (preview_window), THIDUA_TYPE_PREVIEW, NULL));
  g_assert_cmpuint (thidua_preview_get_n_pages (pages), ==, (guint) poppler_document_get_n_pages (doc));
  g_assert_true (thidua_preview_get_layout (pages) == thidua_report_get_layout (report));
  thidua_test_spin (200);
  if (g_getenv ("THIDUA_TEST_SCREENSHOT") != NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (preview_window));
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      int w = gtk_widget_get_width (GTK_WIDGET (preview_window));
      int h = gtk_widget_get_height (GTK_WIDGET (preview_window));
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *png = g_build_filename (g_getenv ("THIDUA_TEST_SCREENSHOT"),
                                               "register-print-preview.png", NULL);

      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (preview_window)),
                                             node, &GRAPHENE_RECT_INIT (0, 0, w, h));
      gdk_texture_save_to_png (texture, png);
    }
  gtk_window_destroy (preview_window);
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus = NULL;  /* not unreffed: finalize would wait for the connection */
  int ret;

  bus = thidua_test_private_bus_up ();

  /* Own XDG directories per test: the recovery copy written on a failed
   * close must not land in the real user's data folder. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  g_test_add_func ("/editor/body-helpers", test_body_helpers);
  g_test_add_func ("/editor/symbol-suggestion", test_symbol_suggestion);
  g_test_add ("/editor/each-template", Fixture, NULL,
              thidua_test_app_set_up, test_each_template, thidua_test_app_tear_down);
  g_test_add ("/editor/reopen-and-search", Fixture, NULL,
              thidua_test_app_set_up, test_reopen_and_search, thidua_test_app_tear_down);
  g_test_add ("/editor/print-to-pdf", Fixture, NULL,
              thidua_test_app_set_up, test_print_to_pdf, thidua_test_app_tear_down);
  g_test_add ("/editor/form-validation", Fixture, NULL,
              thidua_test_app_set_up, test_form_validation, thidua_test_app_tear_down);
  g_test_add ("/editor/undo-and-recipients", Fixture, NULL,
              thidua_test_app_set_up, test_undo_and_recipients, thidua_test_app_tear_down);
  g_test_add ("/editor/print-preview-window", Fixture, NULL,
              thidua_test_app_set_up, test_print_preview_window, thidua_test_app_tear_down);
  g_test_add ("/editor/register-print", Fixture, NULL,
              thidua_test_app_set_up, test_register_print, thidua_test_app_tear_down);
  g_test_add ("/editor/print-dialog-preview", Fixture, NULL,
              thidua_test_app_set_up, test_print_dialog_preview, thidua_test_app_tear_down);
  g_test_add ("/editor/print-dialog", Fixture, NULL,
              thidua_test_app_set_up, test_print_dialog, thidua_test_app_tear_down);
  g_test_add ("/editor/export-files", Fixture, NULL,
              thidua_test_app_set_up, test_export_files, thidua_test_app_tear_down);
  g_test_add ("/editor/close-when-locked", Fixture, NULL,
              thidua_test_app_set_up, test_close_when_locked, thidua_test_app_tear_down);
  g_test_add ("/editor/close-anyway-when-locked", Fixture, NULL,
              thidua_test_app_set_up, test_close_anyway_when_locked, thidua_test_app_tear_down);
  g_test_add ("/editor/delete-and-undo", Fixture, NULL,
              thidua_test_app_set_up, test_delete_and_undo, thidua_test_app_tear_down);
  g_test_add ("/editor/write-failure-keeps-edits", Fixture, NULL,
              thidua_test_app_set_up, test_write_failure_keeps_edits, thidua_test_app_tear_down);

  ret = g_test_run ();
  if (bus != NULL)
    g_test_dbus_stop (bus);
  return ret;
}
