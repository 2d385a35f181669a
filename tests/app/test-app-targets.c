/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app-targets.c — the plan's targets (chỉ tiêu) in the drafting form,
 * driven through the real window: rows added through the widget, stored
 * in the register, errors shown per row and not stored, undo of a removal,
 * the sentences inserted into the body and reaching the preview, the
 * targets found again after reopening, and a screenshot at 1366×768 in
 * Vietnamese (artifacts/ in the build tree, window-vi-targets.png). */
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

#include "thidua-register-view.h"
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

/* The three targets of the seed 002 ("3. Chỉ tiêu"). */
static void
add_seed_targets (ThiduaTargetsEditor *te)
{
  g_autoptr(ThiduaPlanTarget) ldtt = thidua_plan_target_new ("ldtt", 90, -1, THIDUA_TARGET_PERCENT, "staff");
  g_autoptr(ThiduaPlanTarget) cstd = thidua_plan_target_new ("cstdcs", 10, 15, THIDUA_TARGET_PERCENT, "ldtt");
  g_autoptr(ThiduaPlanTarget) units = thidua_plan_target_new ("ttldxs", 1, 2, THIDUA_TARGET_COUNT, "units");

  thidua_targets_editor_add_target (te, ldtt);
  thidua_targets_editor_add_target (te, cstd);
  thidua_targets_editor_add_target (te, units);
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

static void
body_cursor_to_end (ThiduaWindow *win)
{
  GtkWidget *view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The text of the preview's pages, as drawn (through a PDF read back),
 * white space collapsed and NFC. */
static char *
preview_text (ThiduaPreview *preview)
{
  ThiduaLayout *layout = thidua_preview_get_layout (preview);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autofree char *joined = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf,
                                                 thidua_layout_get_page_width (layout),
                                                 thidua_layout_get_page_height (layout));
  cr = cairo_create (surface);
  for (guint i = 0; i < thidua_layout_get_n_pages (layout); i++)
    {
      thidua_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
  doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_string_append_c (text, ' ');
    }
  words = g_strsplit_set (text->str, " \n\t\r", -1);
  {
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; words[i]; i++)
      if (*words[i])
        g_string_append_printf (out, "%s%s", out->len ? " " : "", words[i]);
    joined = g_string_free (g_steal_pointer (&out), FALSE);
  }
  return g_utf8_normalize (joined, -1, G_NORMALIZE_NFC);
}

static void
test_store_and_insert (Fixture       *f,
                       gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  ThiduaPreview *preview = thidua_window_get_preview (win);
  /* the window's register, which every opened plan's document uses */
  ThiduaCatalog *catalog =
    thidua_register_get_catalog (thidua_register_view_get_register (THIDUA_REGISTER_VIEW (thidua_window_get_section (win, "register"))));
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *sentence1 = NULL;
  g_autofree char *sentence2 = NULL;
  g_autofree char *sentence3 = NULL;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  id = thidua_window_get_selected_plan (win);
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpint (thidua_targets_editor_get_plan_id (te), ==, id);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 0);

  add_seed_targets (te);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_null (thidua_targets_editor_get_row_error (te, i));

  /* stored (debounced) in the register, in order, with their values */
  thidua_test_spin (700);
  stored = stored_targets (te, id);
  g_assert_cmpuint (stored->len, ==, 3);
  {
    ThiduaPlanTarget *t0 = g_ptr_array_index (stored, 0);
    ThiduaPlanTarget *t1 = g_ptr_array_index (stored, 1);
    ThiduaPlanTarget *t2 = g_ptr_array_index (stored, 2);

    g_assert_cmpstr (t0->title, ==, "ldtt");
    g_assert_cmpfloat (t0->min_value, ==, 90);
    g_assert_cmpfloat (t0->max_value, <, 0);
    g_assert_cmpint (t0->measure, ==, THIDUA_TARGET_PERCENT);
    g_assert_cmpstr (t0->base, ==, "staff");
    g_assert_cmpstr (t1->title, ==, "cstdcs");
    g_assert_cmpfloat (t1->min_value, ==, 10);
    g_assert_cmpfloat (t1->max_value, ==, 15);
    g_assert_cmpstr (t1->base, ==, "ldtt");
    g_assert_cmpstr (t2->title, ==, "ttldxs");
    g_assert_cmpint (t2->measure, ==, THIDUA_TARGET_COUNT);
    sentence1 = thidua_plan_target_to_sentence (t0, catalog);
    sentence2 = thidua_plan_target_to_sentence (t1, catalog);
    sentence3 = thidua_plan_target_to_sentence (t2, catalog);
  }
  /* each row shows the sentence it will print */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (thidua_targets_editor_get_row_widget (te, 1, "sentence"))),
                   ==, sentence2);
  g_assert_true (g_str_has_prefix (sentence2, "Có từ 10 - 15% cá nhân đạt danh hiệu “Chiến sĩ thi đua cơ sở”"));

  /* Insert (nothing ticked: all) at the end of the body, a line each */
  thidua_preview_flush (preview);
  before = preview_text (preview);
  g_assert_null (strstr (before, "Chiến sĩ thi đua cơ sở"));
  {
    GtkWidget *view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                              "I. MỤC ĐÍCH, YÊU CẦU\n3. Chỉ tiêu", -1);
  }
  body_cursor_to_end (win);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (te), "targets.insert", NULL));
  body = body_text (win);
  {
    g_autofree char *lines = g_strdup_printf ("3. Chỉ tiêu\n- %s\n- %s\n- %s", sentence1, sentence2, sentence3);

    g_assert_true (g_str_has_suffix (body, lines));
  }
  /* the plan and the preview follow */
  g_assert_nonnull (strstr (thidua_plan_get_body (thidua_plan_editor_get_plan (thidua_window_get_editor (win))),
                            sentence2));
  thidua_preview_flush (preview);
  shown = preview_text (preview);
  g_assert_nonnull (strstr (shown, "Chiến sĩ thi đua cơ sở"));
  g_assert_nonnull (strstr (shown, "Có từ 90% trở lên cá nhân đạt danh hiệu “Lao động tiên tiến”"));

  /* one undo step takes the whole insertion back */
  {
    GtkWidget *view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");
    g_autofree char *undone = NULL;

    g_assert_true (gtk_widget_activate_action (view, "editor.undo", NULL));
    undone = body_text (win);
    g_assert_null (strstr (undone, "Chiến sĩ thi đua cơ sở"));
  }

  /* Only the ticked target, in the middle of a line: it gets a line of its own */
  {
    GtkWidget *view = thidua_plan_editor_get_field_widget (thidua_window_get_editor (win), "body");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    g_autofree char *after = NULL;
    g_autofree char *expected = g_strdup_printf ("Đầu dòng\n- %s\ncuối dòng", sentence3);
    GtkTextIter iter;

    gtk_text_buffer_set_text (buffer, "Đầu dòngcuối dòng", -1);
    gtk_text_buffer_get_start_iter (buffer, &iter);
    gtk_text_iter_forward_chars (&iter, g_utf8_strlen ("Đầu dòng", -1));
    gtk_text_buffer_place_cursor (buffer, &iter);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (thidua_targets_editor_get_row_widget (te, 2, "select")), TRUE);
    g_assert_cmpuint (thidua_targets_editor_insert_into_body (te), ==, 1);
    after = body_text (win);
    g_assert_cmpstr (after, ==, expected);
  }

  g_assert_true (thidua_targets_editor_flush (te, &error));
  g_assert_no_error (error);
}

static void
test_validation_and_undo (Fixture       *f,
                          gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  g_autoptr(GError) error = NULL;
  GtkWidget *min_entry, *max_entry, *bound;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  id = thidua_window_get_selected_plan (win);
  add_seed_targets (te);

  /* a new row waits for its number and says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (te), "targets.add", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 4);
  g_assert_cmpstr (thidua_targets_editor_get_row_error (te, 3), ==, _("Enter the lower bound"));
  g_assert_true (gtk_widget_get_visible (thidua_targets_editor_get_row_widget (te, 3, "error")));
  g_assert_false (gtk_widget_get_visible (thidua_targets_editor_get_row_widget (te, 3, "max")));

  /* typing is never refused; the row says what is wrong */
  min_entry = thidua_targets_editor_get_row_widget (te, 3, "min");
  max_entry = thidua_targets_editor_get_row_widget (te, 3, "max");
  bound = thidua_targets_editor_get_row_widget (te, 3, "bound");
  gtk_editable_set_text (GTK_EDITABLE (min_entry), "chín mươi");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (min_entry)), ==, "chín mươi");
  g_assert_nonnull (strstr (thidua_targets_editor_get_row_error (te, 3), "chín mươi"));
  gtk_editable_set_text (GTK_EDITABLE (min_entry), "120");
  g_assert_cmpstr (thidua_targets_editor_get_row_error (te, 3), ==, _("A percentage cannot exceed 100"));
  gtk_editable_set_text (GTK_EDITABLE (min_entry), "12,5");
  g_assert_null (thidua_targets_editor_get_row_error (te, 3));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bound), 2);   /* from – to */
  g_assert_true (gtk_widget_get_visible (max_entry));
  g_assert_cmpstr (thidua_targets_editor_get_row_error (te, 3), ==, _("Enter the upper bound"));
  gtk_editable_set_text (GTK_EDITABLE (max_entry), "10");
  g_assert_nonnull (strstr (thidua_targets_editor_get_row_error (te, 3), "12,5"));

  /* the row in error is not stored; the others are */
  g_assert_true (thidua_targets_editor_flush (te, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) stored = stored_targets (te, id);
    g_assert_cmpuint (stored->len, ==, 3);
  }
  gtk_editable_set_text (GTK_EDITABLE (max_entry), "20");
  g_assert_null (thidua_targets_editor_get_row_error (te, 3));
  g_assert_true (thidua_targets_editor_flush (te, &error));
  {
    g_autoptr(GPtrArray) stored = stored_targets (te, id);
    ThiduaPlanTarget *t;

    g_assert_cmpuint (stored->len, ==, 4);
    t = g_ptr_array_index (stored, 3);
    g_assert_cmpfloat (t->min_value, ==, 12.5);
    g_assert_cmpfloat (t->max_value, ==, 20);
  }

  /* removing is undoable, and redoable */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (te), "targets.remove", "i", 1));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 3);
  g_assert_true (thidua_targets_editor_flush (te, &error));
  {
    g_autoptr(GPtrArray) stored = stored_targets (te, id);
    g_assert_cmpuint (stored->len, ==, 3);
    g_assert_cmpstr (((ThiduaPlanTarget *) g_ptr_array_index (stored, 1))->title, ==, "ttldxs");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (thidua_window_get_editor (win)), "editor.undo", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 4);
  g_assert_true (thidua_targets_editor_flush (te, &error));
  {
    g_autoptr(GPtrArray) stored = stored_targets (te, id);
    g_assert_cmpuint (stored->len, ==, 4);
    g_assert_cmpstr (((ThiduaPlanTarget *) g_ptr_array_index (stored, 1))->title, ==, "cstdcs");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (thidua_window_get_editor (win)), "editor.redo", NULL));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 3);
  /* typing in one field is one undo step: back to 4 rows, 12,5–20 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (thidua_window_get_editor (win)), "editor.undo", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (thidua_targets_editor_get_row_widget (te, 3, "max"))),
                   ==, "20");
  g_assert_true (thidua_targets_editor_flush (te, &error));
  g_assert_no_error (error);
}

static void
test_switch_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  gint64 first, second;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  first = thidua_window_get_selected_plan (win);
  add_seed_targets (te);
  /* switching plans right away stores what was typed for the first */
  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  second = thidua_window_get_selected_plan (win);
  g_assert_cmpint (second, !=, first);
  g_assert_cmpint (thidua_targets_editor_get_plan_id (te), ==, second);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 0);
  /* the empty list says so */
  gtk_expander_set_expanded (GTK_EXPANDER (thidua_test_find_widget (GTK_WIDGET (win), GTK_TYPE_EXPANDER,
                                                                    "targets_expander")), TRUE);
  thidua_test_spin (100);
  g_assert_nonnull (thidua_test_find_label (GTK_WIDGET (te), "Chưa có chỉ tiêu"));
  {
    g_autoptr(GPtrArray) stored = stored_targets (te, first);
    g_assert_cmpuint (stored->len, ==, 3);
  }
  /* a change right before closing is not lost */
  {
    g_autoptr(ThiduaPlanTarget) t = thidua_plan_target_new ("htxsnv", -1, 20, THIDUA_TARGET_PERCENT, "staff");
    thidua_targets_editor_add_target (te, t);
  }
  thidua_test_app_stop (f);

  win = start_app (f);
  te = get_targets_editor (win);
  g_assert_true (thidua_window_select_plan (win, first));
  g_assert_cmpint (thidua_targets_editor_get_plan_id (te), ==, first);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (thidua_targets_editor_get_row_widget (te, 1, "max"))),
                   ==, "15");
  g_assert_true (thidua_window_select_plan (win, second));
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 1);
  g_assert_false (gtk_widget_get_visible (thidua_targets_editor_get_row_widget (te, 0, "min")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (thidua_targets_editor_get_row_widget (te, 0, "sentence"))),
                            "Không quá 20% cá nhân xếp loại “Hoàn thành xuất sắc nhiệm vụ”"));
}

static gboolean
targets_stored (gpointer data)
{
  ThiduaTargetsEditor *te = data;
  g_autoptr(GPtrArray) stored =
    thidua_register_get_targets (thidua_targets_editor_get_register (te),
                                 thidua_targets_editor_get_plan_id (te), NULL);

  return stored != NULL && stored->len == 3;
}

/* Another program holds the database: nothing typed is lost, the status
 * says so, and the targets are written once it lets go.  A read-only
 * database turns every change off. */
static void
test_locked_and_read_only (Fixture       *f,
                           gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  g_autoptr(GError) error = NULL;
  GtkWidget *status;
  sqlite3 *other = NULL;
  char *errmsg = NULL;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-state");
  status = thidua_test_find_widget (GTK_WIDGET (te), GTK_TYPE_LABEL, "status_label");
  g_assert_nonnull (status);

  g_assert_cmpint (sqlite3_open (f->db_path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 0);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, &errmsg), ==, SQLITE_OK);

  add_seed_targets (te);
  g_assert_false (thidua_targets_editor_flush (te, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 3);
  g_assert_true (gtk_widget_get_visible (status));
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (status)), error->message));

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, &errmsg), ==, SQLITE_OK);
  sqlite3_close (other);
  /* the retry writes them without any action from the user */
  g_assert_true (thidua_test_wait_for (targets_stored, te, 10000));
  g_assert_false (gtk_widget_has_css_class (status, "error"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (status)), ==, _("Saved"));

  thidua_plan_section_set_editable (THIDUA_PLAN_SECTION (te), FALSE);
  {
    g_autofree char *body_before = body_text (win);
    g_autofree char *body_after = NULL;

    /* disabled actions do nothing */
    gtk_widget_activate_action (GTK_WIDGET (te), "targets.add", NULL);
    gtk_widget_activate_action (GTK_WIDGET (te), "targets.remove", "i", 0);
    gtk_widget_activate_action (GTK_WIDGET (te), "targets.insert", NULL);
    g_assert_cmpuint (thidua_targets_editor_get_n_rows (te), ==, 3);
    body_after = body_text (win);
    g_assert_cmpstr (body_after, ==, body_before);
  }
  g_assert_false (gtk_widget_is_sensitive (thidua_targets_editor_get_row_widget (te, 0, "min")));
  thidua_plan_section_set_editable (THIDUA_PLAN_SECTION (te), TRUE);
  g_assert_true (gtk_widget_is_sensitive (thidua_targets_editor_get_row_widget (te, 0, "min")));
}

static void
collect_action_buttons (GtkWidget *widget,
                        GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = GTK_IS_ACTIONABLE (child)
                         ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) : NULL;

      /* undo and redo are the form's (one history) */
      if (name != NULL && (g_str_has_prefix (name, "targets.") || g_str_has_prefix (name, "editor.")))
        g_ptr_array_add (out, child);
      collect_action_buttons (child, out);
    }
}

/* Every control of the section has an accessible name. */
static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const parts[] = {
    "select", "title", "bound", "min", "max", "measure", "base", "remove",
  };
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *expander;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "blank-party");
  add_seed_targets (te);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (te), GTK_ACCESSIBLE_PROPERTY_LABEL));
  expander = thidua_test_find_widget (GTK_WIDGET (win), GTK_TYPE_EXPANDER, "targets_expander");
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL));
  for (guint i = 0; i < thidua_targets_editor_get_n_rows (te); i++)
    for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
      {
        GtkWidget *w = thidua_targets_editor_get_row_widget (te, i, parts[j]);

        g_assert_nonnull (w);
        if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL))
          g_error ("row %u: %s has no accessible name", i, parts[j]);
      }
  /* each row's error is its description */
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (gtk_widget_get_ancestor (
                   thidua_targets_editor_get_row_widget (te, 0, "min"), GTK_TYPE_LIST_BOX_ROW)),
                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));

  collect_action_buttons (GTK_WIDGET (te), buttons);
  /* add, undo, redo, insert and one remove per row */
  g_assert_cmpuint (buttons->len, ==, 4 + thidua_targets_editor_get_n_rows (te));
  for (guint i = 0; i < buttons->len; i++)
    if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (g_ptr_array_index (buttons, i)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL))
      g_error ("the button for %s has no accessible name",
               gtk_actionable_get_action_name (GTK_ACTIONABLE (g_ptr_array_index (buttons, i))));
}

/* The form with targets at 1366×768 in Vietnamese, for a person to look at. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  ThiduaWindow *win = start_app (f);
  ThiduaTargetsEditor *te = get_targets_editor (win);
  GtkWidget *expander;
  int min_w, min_h;

  gtk_widget_activate_action (GTK_WIDGET (win), "win.new-plan", "s", "education-office");
  add_seed_targets (te);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (te), "targets.add", NULL));
  expander = thidua_test_find_widget (GTK_WIDGET (win), GTK_TYPE_EXPANDER, "targets_expander");
  g_assert_nonnull (expander);
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  thidua_test_spin (200);
  /* the interface is in Vietnamese */
  g_assert_nonnull (thidua_test_find_label (GTK_WIDGET (win), "Chỉ tiêu thi đua"));
  g_assert_cmpstr (thidua_targets_editor_get_row_error (te, 3), ==, "Hãy nhập mức dưới");
  /* scroll the form to the section */
  {
    GtkWidget *scroller = thidua_test_find_widget (GTK_WIDGET (thidua_window_get_editor (win)),
                                                   GTK_TYPE_SCROLLED_WINDOW, "scroller");
    GtkWidget *content;
    graphene_rect_t bounds;

    g_assert_nonnull (scroller);
    content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
    g_assert_true (gtk_widget_compute_bounds (expander, content, &bounds));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              bounds.origin.y - 8);
  }
  thidua_test_spin (300);

  gtk_widget_measure (GTK_WIDGET (win), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (win), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
  g_test_message ("minimum size %d×%d", min_w, min_h);
  g_assert_cmpint (min_w, <=, 1366);
  g_assert_cmpint (min_h, <=, 720);
  /* the targets editor gets the width of the form, not more */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (te)), <=,
                   gtk_widget_get_width (GTK_WIDGET (thidua_window_get_editor (win))));

  /* the shared helper waits for the first frame (under a sanitizer the
   * window may not have drawn yet) */
  thidua_test_save_snapshot (GTK_WINDOW (win), "window-vi-targets.png");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;  /* not unreffed: finalize would wait for the connection */
  int ret;

  /* Vietnamese interface: the screenshot is of it, and the row errors
   * are compared through gettext. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GTK's test accessibility backend: it records the accessible names
   * (checked by /targets/accessible-names) and needs no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  bus = thidua_test_private_bus_up ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  g_test_add ("/targets/store-and-insert", Fixture, NULL,
              thidua_test_app_set_up, test_store_and_insert, thidua_test_app_tear_down);
  g_test_add ("/targets/validation-and-undo", Fixture, NULL,
              thidua_test_app_set_up, test_validation_and_undo, thidua_test_app_tear_down);
  g_test_add ("/targets/switch-and-reopen", Fixture, NULL,
              thidua_test_app_set_up, test_switch_and_reopen, thidua_test_app_tear_down);
  g_test_add ("/targets/locked-and-read-only", Fixture, NULL,
              thidua_test_app_set_up, test_locked_and_read_only, thidua_test_app_tear_down);
  g_test_add ("/targets/accessible-names", Fixture, NULL,
              thidua_test_app_set_up, test_accessible_names, thidua_test_app_tear_down);
  g_test_add ("/targets/screenshot-1366x768", Fixture, NULL,
              thidua_test_app_set_up, test_screenshot, thidua_test_app_tear_down);

  ret = g_test_run ();
  if (bus != NULL)
    g_test_dbus_stop (bus);
  return ret;
}
