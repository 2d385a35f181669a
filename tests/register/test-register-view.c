/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-view.c — the register page under Xvfb over a register of
 * 100,000 registrations: filtering as one types, sorting by name, the
 * findings of check jumping to their row. */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "register-test-util.h"
#include "thidua-register-import.h"
#include "thidua-register-item.h"
#include "thidua-register-view.h"
#include "thidua-register-row-editor.h"
#include "thidua-office-dialog.h"
#include "thidua-register-import-dialog.h"
#include "thidua-text.h"

static const char * const families[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Đỗ", "Lò" };
static const char * const middles[] = { "Văn", "Thị", "Minh", "Đức", "Thị Thu", "Ngọc" };
static const char * const givens[] = { "An", "Ánh", "Bình", "Dũng", "Đạt", "Hà", "Hòa", "Lan", "Ước", "Yến" };

/* n registrations across 300 units, each person LĐTT (and a reward now
 * and then), plus one CSTĐCS without LĐTT for check to find */
static void
fill (RegFixture *f, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) t = thidua_table_new ();
  g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (f->reg, "2024");
  const char *header[] = { "Họ và tên", "Đơn vị", "Danh hiệu", "Hình thức khen thưởng", "Năm sinh", "Sáng kiến", NULL };
  guint count = 0, row = 2, i = 0;

  thidua_table_take_row (t, 1, g_strdupv ((char **) header));
  while (count < n - 1)
    {
      char **cells = g_new0 (char *, 7);
      gboolean reward = i % 3 == 0;
      cells[0] = g_strdup_printf ("%s %s %s", families[i % G_N_ELEMENTS (families)],
                                  middles[(i / 8) % G_N_ELEMENTS (middles)],
                                  givens[(i / 48) % G_N_ELEMENTS (givens)]);
      cells[1] = g_strdup_printf ("Khoa %u", i % 300);
      cells[2] = g_strdup ("LĐTT");
      cells[3] = g_strdup (reward ? "Giấy khen" : "");
      cells[4] = g_strdup_printf ("%u", 1950 + i / 480 % 60 + (i / 28800));
      cells[5] = g_strdup ("");
      thidua_table_take_row (t, row++, cells);
      count += reward ? 2 : 1;
      i++;
    }
  {
    const char *odd[] = { "Vi Văn Lạ", "Khoa 7", "CSTĐCS", "", "1999", "Sáng kiến X", NULL };
    thidua_table_take_row (t, row++, g_strdupv ((char **) odd));
  }
  g_assert_true (thidua_register_import_prepare_table (import, "generated", t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (thidua_register_import_commit (import, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* VmRSS in MB, 0 where /proc is missing */
static guint
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *rss;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (rss = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return (guint) (g_ascii_strtoull (rss + 6 + strspn (rss + 6, " \t"), NULL, 10) / 1024);
}

/* THIDUA_TEST_SCREENSHOT=DIR saves the window as PNG, to look at. */
static void
screenshot (GtkWidget *window, const char *name)
{
  const char *dir = g_getenv ("THIDUA_TEST_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* lets the entry's delayed search-changed pass, with the rows it gives */
static void
wait_for_rows (ThiduaRegisterModel *model, guint n)
{
  gint64 t0 = g_get_monotonic_time ();

  while (g_get_monotonic_time () - t0 < 400 * 1000)
    g_main_context_iteration (NULL, FALSE);
  /* a slow machine (or AddressSanitizer) takes longer to filter 100,000 rows */
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) != n
         && g_get_monotonic_time () - t0 < 60 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
}

static guint
count_year_rows (RegFixture *f)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;

  q.year = "2024";
  rows = thidua_register_query (f->reg, &q, NULL);
  return rows->len;
}

static guint
count_by_query (RegFixture *f, const char *search)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;

  q.year = "2024";
  q.search = search;
  rows = thidua_register_query (f->reg, &q, NULL);
  return rows->len;
}

static void
test_view (RegFixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  ThiduaRegisterModel *model;
  GtkWidget *search;
  const char *typed = "nguyen thi an";
  double worst = 0;
  gint64 t0;
  guint n_total, rss_before;

  /* The sanitized run checks memory, not speed: a tenth of the rows. */
  const guint n_rows = g_getenv ("THIDUA_TEST_SANITIZED") ? 10000 : 100000;

  fill (f, n_rows);
  rss_before = rss_mb ();
  t0 = g_get_monotonic_time ();
  view = thidua_register_view_new (f->reg);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_test_message ("view with %u registrations up in %.0f ms", n_rows,
                  (g_get_monotonic_time () - t0) / 1000.0);

  model = thidua_register_view_get_model (THIDUA_REGISTER_VIEW (view));
  n_total = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_total, ==, n_rows);
  g_assert_cmpstr (thidua_register_model_get_year (model), ==, "2024");

  /* type letter by letter, as a person would: each key inserts one
   * character at the end (set_text would delete and insert).  First fast
   * typing (keys 100 ms apart, inside the entry's search delay), then
   * slow typing where every key filters and the rows are rebuilt. */
  search = thidua_register_view_get_search_entry (THIDUA_REGISTER_VIEW (view));
  for (gsize len = 0; len < strlen (typed); len++)
    {
      int pos = (int) len;
      gint64 s = g_get_monotonic_time ();
      double ms;

      gtk_editable_insert_text (GTK_EDITABLE (search), typed + len, 1, &pos);
      drain ();
      ms = (g_get_monotonic_time () - s) / 1000.0;
      worst = MAX (worst, ms);
      g_usleep (100 * 1000);
    }
  g_test_message ("typing fast: worst key %.1f ms", worst);
  /* the pause: the search runs once */
  t0 = g_get_monotonic_time ();
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) == n_total
         && g_get_monotonic_time () - t0 < 2 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, typed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count_by_query (f, typed));

  /* slow typing: each key waits for its own search */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_for_rows (model, n_total);
  worst = 0;
  for (gsize len = 0; len < strlen (typed); len++)
    {
      int pos = (int) len;
      gint64 s;
      double ms;
      g_autofree char *prefix = g_strndup (typed, len + 1);
      guint expected = count_by_query (f, prefix);

      gtk_editable_insert_text (GTK_EDITABLE (search), typed + len, 1, &pos);
      /* the search delay is GTK's, not ours: measure from when it fires */
      g_signal_emit_by_name (search, "search-changed");
      s = g_get_monotonic_time ();
      drain ();
      ms = (g_get_monotonic_time () - s) / 1000.0;
      worst = MAX (worst, ms);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
      wait_for_rows (model, expected);
    }
  g_test_message ("each key searched: worst %.1f ms (filter and rebuilt rows)", worst);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count_by_query (f, typed));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, n_total);
  {
    g_autoptr(ThiduaRegisterItem) item = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autofree char *folded = thidua_text_fold (thidua_register_item_get_name (item));
    g_assert_true (thidua_text_folded_match (folded, "nguyen thi an"));
  }
  /* decomposed input finds the same rows */
  {
    g_autofree char *nfd = g_utf8_normalize ("Nguyễn Thị Ánh", -1, G_NORMALIZE_NFD);
    gtk_editable_set_text (GTK_EDITABLE (search), nfd);
    wait_for_rows (model, count_by_query (f, "nguyen thi anh"));
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_for_rows (model, n_total);

  /* by given name, Vietnamese order */
  t0 = g_get_monotonic_time ();
  thidua_register_view_set_sort (THIDUA_REGISTER_VIEW (view), THIDUA_REG_SORT_NAME);
  drain ();
  g_test_message ("sort %u by given name: %.0f ms", n_rows, (g_get_monotonic_time () - t0) / 1000.0);
  {
    const ThiduaRegistration *first = thidua_register_model_peek (model, 0);
    const ThiduaRegistration *last = thidua_register_model_peek (model, n_total - 1);
    g_assert_cmpstr (first->given_name, ==, "An");
    /* "Ước" after "Yến"? no: U < Ư < Y */
    g_assert_true (last->person_id == 0 || g_str_equal (last->given_name, "Yến"));
    for (guint i = 1; i < 2000; i++)
      g_assert_cmpint (strcmp (thidua_register_model_peek (model, i - 1)->sort_key,
                               thidua_register_model_peek (model, i)->sort_key), <=, 0);
  }

  screenshot (window, "register-view-sorted.png");

  /* check lists the odd registration; activating it selects its row */
  gtk_editable_set_text (GTK_EDITABLE (search), "dat");
  wait_for_rows (model, count_by_query (f, "dat"));
  g_assert_true (gtk_widget_activate_action (view, "register.check", NULL));
  drain ();
  {
    GtkListBox *findings = thidua_register_view_get_findings (THIDUA_REGISTER_VIEW (view));
    GtkListBoxRow *row = NULL;
    GtkSelectionModel *selection;
    gint64 *id = NULL;

    for (int i = 0; (row = gtk_list_box_get_row_at_index (findings, i)) != NULL; i++)
      {
        id = g_object_get_data (G_OBJECT (row), "registration-id");
        if (id && *id > 0)
          break;
      }
    g_assert_nonnull (row);
    g_signal_emit_by_name (findings, "row-activated", row);
    drain ();
    /* the search hid it: the filters were cleared to show it */
    selection = GTK_SELECTION_MODEL (gtk_column_view_get_model (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view))));
    g_assert_true (gtk_selection_model_is_selected (selection, thidua_register_model_find (model, *id)));
    g_assert_cmpstr (thidua_register_model_peek (model, thidua_register_model_find (model, *id))->person_name, ==, "Vi Văn Lạ");
  }
  drain ();
  screenshot (window, "register-view-finding.png");
  g_test_message ("resident memory: %u MB after importing, %u MB with the view open (Linux only, reported, not asserted)",
                  rss_before, rss_mb ());
  /* the print path exports the same pages (landscape summary) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf = g_build_filename (f->dir, "printed.pdf", NULL);
    g_autofree char *head = NULL;

    /* a small year keeps this quick: the odd registration is in 2024 only,
     * so print a year with a few rows */
    reg_add (f, "2023", reg_add_person (f, "Lò Văn In", thidua_register_find_unit (f->reg, "Khoa 3"), 1970), "LĐTT");
    g_assert_true (thidua_register_view_set_year (THIDUA_REGISTER_VIEW (view), "2023", &error));
    g_assert_true (thidua_register_view_print (THIDUA_REGISTER_VIEW (view), pdf, &error));
    g_assert_no_error (error);
    g_file_get_contents (pdf, &head, NULL, NULL);
    g_assert_nonnull (head);
    g_assert_true (g_str_has_prefix (head, "%PDF"));
  }

  /* no window manager under Xvfb: drop the focus before the window goes,
   * or GtkText warns that it never saw a focus-out */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  drain ();
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* The import dialog: preview with the rejected rows, the import in its
 * thread with progress, then undo. */
static void
test_import_dialog (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register", "dang-ky-2024.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ThiduaRegisterImportDialog *dialog = thidua_register_import_dialog_new (NULL, f->reg, "2024");
  GtkWidget *rejected;
  gint64 t0;

  g_assert_true (thidua_register_import_dialog_set_file (dialog, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();
  rejected = gtk_widget_get_first_child (GTK_WIDGET (dialog));
  /* the rejected rows are listed before anything is imported */
  {
    GtkWidget *w = GTK_WIDGET (dialog);
    GtkWidget *list = NULL;
    GSList *stack = g_slist_prepend (NULL, w);
    while (stack && list == NULL)
      {
        GtkWidget *cur = stack->data;
        stack = g_slist_delete_link (stack, stack);
        if (GTK_IS_LIST_BOX (cur))
          list = cur;
        for (GtkWidget *c = gtk_widget_get_first_child (cur); c; c = gtk_widget_get_next_sibling (c))
          stack = g_slist_prepend (stack, c);
      }
    g_slist_free (stack);
    rejected = list;
  }
  g_assert_nonnull (rejected);
  g_assert_cmpuint (count_rows (rejected), ==, 4);
  g_assert_cmpuint (count_year_rows (f), ==, 0);
  screenshot (GTK_WIDGET (dialog), "register-import-dialog.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  t0 = g_get_monotonic_time ();
  while (thidua_register_import_dialog_get_batch (dialog) == 0 && g_get_monotonic_time () - t0 < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (thidua_register_import_dialog_get_batch (dialog), >, 0);
  g_assert_cmpuint (count_year_rows (f), ==, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.undo", NULL));
  drain ();
  g_assert_cmpuint (count_year_rows (f), ==, 0);
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  drain ();
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
}

static GtkWidget *
find_row_editor (GtkWidget *w)
{
  if (THIDUA_IS_REGISTER_ROW_EDITOR (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_editor (c);
      if (found)
        return found;
    }
  return NULL;
}

/* Editing a row in its popover stores it and shows it in the row; undo
 * and redo on the page put it back and again. */
static void
test_row_edit (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  ThiduaRegisterModel *model;
  ThiduaRegisterRowEditor *editor;
  gint64 id;

  reg_add (f, "2024", reg_add_person (f, "Nguyễn Văn An", thidua_register_add_unit (f->reg, 0, "Khoa A", "", NULL), 1980), "LĐTT");
  view = thidua_register_view_new (f->reg);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 600);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  model = thidua_register_view_get_model (THIDUA_REGISTER_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  id = thidua_register_model_peek (model, 0)->id;

  gtk_selection_model_select_item (gtk_column_view_get_model (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view))),
                                   0, TRUE);
  g_assert_true (gtk_widget_activate_action (view, "register.edit-row", NULL));
  drain ();
  editor = THIDUA_REGISTER_ROW_EDITOR (find_row_editor (view));
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  gtk_editable_set_text (thidua_register_row_editor_get_decision_entry (editor), "25/QĐ-UBND");
  gtk_drop_down_set_selected (thidua_register_row_editor_get_result_dropdown (editor), THIDUA_REG_RESULT_ACHIEVED);
  g_signal_emit_by_name (editor, "apply");
  drain ();
  {
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (r->decision, ==, "25/QĐ-UBND");
    g_assert_cmpint (r->result, ==, THIDUA_REG_RESULT_ACHIEVED);
  }
  g_assert_cmpstr (thidua_register_model_peek (model, 0)->decision, ==, "25/QĐ-UBND");

  g_assert_true (gtk_widget_activate_action (view, "register.undo", NULL));
  drain ();
  {
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, id, &error);
    g_assert_cmpstr (r->decision, ==, "");
    g_assert_cmpint (r->result, ==, THIDUA_REG_RESULT_PENDING);
  }
  g_assert_cmpstr (thidua_register_model_peek (model, 0)->decision, ==, "");
  g_assert_true (gtk_widget_activate_action (view, "register.redo", NULL));
  drain ();
  g_assert_cmpstr (thidua_register_model_peek (model, 0)->decision, ==, "25/QĐ-UBND");

  /* deleting, and undoing the delete, keeps the id */
  gtk_selection_model_select_item (gtk_column_view_get_model (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view))),
                                   0, TRUE);
  g_assert_true (gtk_widget_activate_action (view, "register.delete-rows", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (gtk_widget_activate_action (view, "register.undo", NULL));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (thidua_register_model_peek (model, 0)->id, ==, id);

  /* a write the view did not make (another part of the app) shows by itself */
  {
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, id, &error);
    g_free (r->note);
    r->note = g_strdup ("đề nghị Bằng khen");
    g_assert_true (thidua_register_update (f->reg, r, &error));
  }
  drain ();
  g_assert_cmpstr (thidua_register_model_peek (model, 0)->note, ==, "đề nghị Bằng khen");

  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  drain ();
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Drains, then lets the frame clock lay out and paint the window. */
static void
settle (void)
{
  gint64 t0 = g_get_monotonic_time ();

  drain ();
  while (g_get_monotonic_time () - t0 < 300 * 1000)
    g_main_context_iteration (NULL, FALSE);
}

/* The template child with that id under w. */
static GtkWidget *
find_by_id (GtkWidget *w, const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)), id) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_id (c, id);
      if (found)
        return found;
    }
  return NULL;
}

/* Mapped cell labels under w whose text is `text`. */
static guint
count_cells (GtkWidget *w, const char *text)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (w))
    return 0;
  if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), text) == 0)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_cells (c, text);
  return n;
}

/* Mapped labels under w shown narrower than their minimum (cut). */
static guint
count_cut (GtkWidget *w)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (w))
    return 0;
  if (GTK_IS_LABEL (w) && *gtk_label_get_text (GTK_LABEL (w)) != '\0')
    {
      int min = 0;

      gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (gtk_widget_get_width (w) + 1 < min)
        n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_cut (c);
  return n;
}

/* Mapped labels showing text that wrap (or not). */
static guint
count_wrapping (GtkWidget *w, const char *text, gboolean wrap)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (w))
    return 0;
  if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), text) == 0
      && gtk_label_get_wrap (GTK_LABEL (w)) == wrap)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    n += count_wrapping (c, text, wrap);
  return n;
}

/* The rows' labels only (not the column titles). */
static GtkWidget *
rows_of (GtkWidget *cv)
{
  for (GtkWidget *c = gtk_widget_get_first_child (cv); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      return c;
  g_assert_not_reached ();
}

/* Cells of fixed-width columns whose text fits are not wrapped (cheaper to
 * lay out); a column made narrower by the user wraps them again: no text
 * is cut, whatever the width. */
static void
test_narrow_column_wraps (RegFixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view, *cv;
  g_autoptr(GtkColumnViewColumn) title = NULL;
  guint one_line;

  fill (f, 60);
  view = thidua_register_view_new (f->reg);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  cv = GTK_WIDGET (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view)));
  one_line = count_cells (rows_of (cv), "Lao động tiên tiến");
  g_assert_cmpuint (one_line, >, 3);
  g_assert_cmpuint (count_wrapping (rows_of (cv), "Lao động tiên tiến", FALSE), ==, one_line);
  g_assert_cmpuint (count_cut (rows_of (cv)), ==, 0);
  title = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (cv)), 3);
  g_assert_cmpstr (gtk_column_view_column_get_title (title), ==, "Title or reward");
  gtk_column_view_column_set_fixed_width (title, 60);
  settle ();

  g_assert_cmpuint (count_cut (rows_of (cv)), ==, 0);
  /* the title now takes two lines or more: fewer rows on screen */
  g_assert_cmpuint (count_cells (rows_of (cv), "Lao động tiên tiến"), <, one_line);
  g_assert_cmpuint (count_wrapping (rows_of (cv), "Lao động tiên tiến", FALSE), ==, 0);
  g_assert_cmpuint (count_wrapping (rows_of (cv), "Lao động tiên tiến", TRUE), >, 0);
  gtk_column_view_column_set_fixed_width (title, 400);
  settle ();
  g_assert_cmpuint (count_cut (rows_of (cv)), ==, 0);
  /* a window narrower than the columns need (below the 1024 px the app
   * is laid out for): nothing cut either */
  gtk_column_view_column_set_fixed_width (title, 132);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 600);
  settle ();
  g_assert_cmpuint (count_cut (rows_of (cv)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* gtk_selection_model_get_selection() gives a reference of its own. */
static void
assert_selected (GtkSelectionModel *selection,
                 guint              n)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (selection);

  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, n);
}

/* Bulk result for 600 selected rows: the rows on screen show it (and the
 * decision), the selection stays; undo and redo show the rows before and
 * after again.  The rows are updated in place (no items-changed), so this
 * checks the view fills its cells again. */
static void
test_bulk_result_cells (RegFixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view, *cv;
  GtkSelectionModel *selection;
  ThiduaRegisterModel *model;
  guint n, achieved, pending;

  fill (f, 600);
  view = thidua_register_view_new (f->reg);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  model = thidua_register_view_get_model (THIDUA_REGISTER_VIEW (view));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 600);
  cv = GTK_WIDGET (thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view)));
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (cv));
  pending = count_cells (cv, "Pending");
  g_assert_cmpuint (pending, >, 5);
  g_assert_cmpuint (count_cells (cv, "Achieved"), ==, 0);

  gtk_selection_model_select_all (selection);
  gtk_editable_set_text (GTK_EDITABLE (find_by_id (view, "bulk_decision_entry")), "25/QĐ-UBND");
  g_assert_true (gtk_widget_activate_action (view, "register.set-result", "i", THIDUA_REG_RESULT_ACHIEVED));
  settle ();
  /* the decision wraps in its column: taller rows, fewer of them */
  achieved = count_cells (cv, "Achieved");
  g_assert_cmpuint (achieved, >, 5);
  g_assert_cmpuint (count_cells (cv, "Pending"), ==, 0);
  g_assert_cmpuint (count_cells (cv, "25/QĐ-UBND"), ==, achieved);
  assert_selected (selection, n);
  g_assert_cmpint (thidua_register_model_peek (model, n - 1)->result, ==, THIDUA_REG_RESULT_ACHIEVED);

  g_assert_true (gtk_widget_activate_action (view, "register.undo", NULL));
  settle ();
  g_assert_cmpuint (count_cells (cv, "Pending"), ==, pending);
  g_assert_cmpuint (count_cells (cv, "Achieved"), ==, 0);
  g_assert_cmpuint (count_cells (cv, "25/QĐ-UBND"), ==, 0);
  assert_selected (selection, n);

  g_assert_true (gtk_widget_activate_action (view, "register.redo", NULL));
  settle ();
  g_assert_cmpuint (count_cells (cv, "Achieved"), ==, achieved);
  g_assert_cmpuint (count_cells (cv, "Pending"), ==, 0);

  /* with the result filter on "Pending", the rows leave the list */
  g_assert_true (gtk_widget_activate_action (view, "register.undo", NULL));
  settle ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_by_id (view, "result_dropdown")), 1);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 600);
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_range (selection, 0, 10, TRUE);
  g_assert_true (gtk_widget_activate_action (view, "register.set-result", "i", THIDUA_REG_RESULT_ACHIEVED));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 590);
  g_assert_cmpuint (count_cells (cv, "Achieved"), ==, 0);
  g_assert_cmpuint (count_cells (cv, "Pending"), ==, pending);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

static GdkTexture *
snapshot_native (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, w, h));
}

static void
save_shot (GtkWidget *widget, const char *name)
{
  const char *fixtures = g_getenv ("THIDUA_TEST_FIXTURES");
  g_autofree char *tests = fixtures ? g_path_get_dirname (fixtures) : g_get_current_dir ();
  g_autofree char *dir = g_build_filename (tests, "artifacts", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkTexture) texture = snapshot_native (widget);

  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* 300 rows at 1024×600: the columns fit the list without scrolling
 * sideways; screenshots of the page, the row editor and the office
 * dialog for a person to look at (tests/artifacts). */
static void
test_look_300 (RegFixture *f, gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view, *editor, *scrolled;
  GtkColumnView *cv;
  GtkWindow *office = NULL;
  int min_w;

  fill (f, 300);
  view = thidua_register_view_new (f->reg);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  cv = thidua_register_view_get_column_view (THIDUA_REGISTER_VIEW (view));
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (cv), GTK_TYPE_SCROLLED_WINDOW);
  gtk_widget_measure (GTK_WIDGET (cv), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  g_test_message ("columns need %d px, the list has %d px", min_w, gtk_widget_get_width (scrolled));
  g_assert_cmpint (min_w, <=, gtk_widget_get_width (scrolled));
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  g_test_message ("the page needs %d px", min_w);
  g_assert_cmpint (min_w, <=, 1024);
  save_shot (window, "register-300-1024x600.png");

  gtk_selection_model_select_item (gtk_column_view_get_model (cv), 3, TRUE);
  g_assert_true (gtk_widget_activate_action (view, "register.edit-row", NULL));
  drain ();
  editor = find_row_editor (view);
  g_assert_true (gtk_widget_get_mapped (editor));
  save_shot (editor, "register-row-editor.png");
  gtk_popover_popdown (GTK_POPOVER (editor));

  g_assert_true (gtk_widget_activate_action (view, "register.office", NULL));
  drain ();
  {
    GListModel *tops = gtk_window_get_toplevels ();  /* owned by GTK */
    for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (tops, i);
        if (THIDUA_IS_OFFICE_DIALOG (w))
          office = GTK_WINDOW (w);
      }
  }
  g_assert_nonnull (office);
  gtk_editable_set_text (thidua_office_dialog_get_name_entry (THIDUA_OFFICE_DIALOG (office)), "SỞ Y TẾ");
  for (guint i = 0; i < 50 && !(gtk_widget_get_mapped (GTK_WIDGET (office)) && gtk_widget_get_width (GTK_WIDGET (office)) > 0); i++)
    drain ();
  drain ();
  /* a frame or two, so the dialog has been drawn once */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20000);
      drain ();
    }
  g_test_message ("office dialog mapped %d, %d px", gtk_widget_get_mapped (GTK_WIDGET (office)), gtk_widget_get_width (GTK_WIDGET (office)));
  save_shot (gtk_window_get_child (office), "register-office-dialog.png");
  gtk_window_destroy (office);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  drain ();
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/register/view/100k-filter-sort-check", RegFixture, NULL, reg_fixture_set_up, test_view,
              reg_fixture_tear_down);
  g_test_add ("/register/view/import-dialog", RegFixture, NULL, reg_fixture_set_up, test_import_dialog,
              reg_fixture_tear_down);
  g_test_add ("/register/view/row-edit-undo", RegFixture, NULL, reg_fixture_set_up, test_row_edit,
              reg_fixture_tear_down);
  g_test_add ("/register/view/bulk-result-cells", RegFixture, NULL, reg_fixture_set_up, test_bulk_result_cells,
              reg_fixture_tear_down);
  g_test_add ("/register/view/narrow-column-wraps", RegFixture, NULL, reg_fixture_set_up, test_narrow_column_wraps,
              reg_fixture_tear_down);
  g_test_add ("/register/view/look-300", RegFixture, NULL, reg_fixture_set_up, test_look_300,
              reg_fixture_tear_down);
  return g_test_run ();
}
