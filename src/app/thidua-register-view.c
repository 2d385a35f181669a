/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-view.c — the register page. */
#include "config.h"
#include "thidua-register-view.h"
#include "thidua-application.h"
#include "thidua-export-flow.h"
#include "thidua-print.h"
#include "thidua-register-check.h"
#include "thidua-register-dashboard.h"
#include "thidua-register-export.h"
#include "thidua-register-import-dialog.h"
#include "thidua-report.h"
#include "thidua-register-item.h"
#include "thidua-register-history.h"
#include "thidua-register-row-editor.h"
#include "thidua-office-dialog.h"
#include "thidua-text.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaRegisterView
{
  GtkWidget               parent_instance;

  /* template children */
  GtkWidget               *box;
  GtkDropDown             *year_dropdown;
  GtkSearchEntry          *search_entry;
  GtkDropDown             *unit_dropdown;
  GtkDropDown             *title_dropdown;
  GtkDropDown             *status_dropdown;
  GtkDropDown             *result_dropdown;
  GtkDropDown             *sort_dropdown;
  GtkDropDown             *assign_dropdown;
  GtkLabel                *status_label;
  GtkColumnView           *column_view;
  ThiduaRegisterDashboard *dashboard;
  GtkListBox              *findings_list;
  GtkLabel                *findings_label;
  GtkEntry                *person_name_entry;
  GtkEntry                *person_position_entry;
  GtkEntry                *person_unit_entry;
  GtkEntry                *unit_name_entry;
  GtkPopover              *add_popover;
  GtkListBox              *add_titles_list;
  GtkEntry                *add_initiative_entry;
  GtkWidget               *unit_ask_box;
  GtkLabel                *unit_ask_label;
  GtkDropDown             *bulk_result_dropdown;
  GtkEntry                *bulk_decision_entry;
  GtkPopover              *bulk_popover;

  ThiduaRegister          *reg;
  ThiduaRegisterModel     *model;
  GtkMultiSelection       *selection;
  GArray                  *unit_ids;     /* gint64, parallel to unit_dropdown (0 = all) */
  GPtrArray               *title_ids;    /* char *, parallel to title_dropdown (NULL = all) */
  GStrv                    years;
  guint                    dashboard_source;
  gboolean                 updating;     /* filling dropdowns: ignore their signals */

  ThiduaRegisterHistory   *history;      /* the register page's own undo stack */
  GtkWidget               *row_editor;
  GtkListStore            *unit_names;   /* completion of the unit field */
  char                    *unit_confirmed; /* a new unit the user agreed to create */
  guint                    writing;      /* our own writes: rows are refreshed here */
  guint                    reload_source;
  GArray                  *pending_ids;  /* rows to refresh at reload_source, NULL: the year */
  guint                    poll_source;
  gint64                   data_version;
  GHashTable              *bound;        /* GtkListItem of every bound cell */
  GtkColumnViewColumn     *columns[8];   /* by ColumnKind, not owned */
  GHashTable              *text_widths;  /* char * → width in px + 1, see text_fits */
};

enum {
  PROP_0,
  PROP_REGISTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ThiduaRegisterView, thidua_register_view, GTK_TYPE_WIDGET)

static const char *
result_label (ThiduaRegResult r)
{
  switch (r)
    {
    case THIDUA_REG_RESULT_ACHIEVED: return _("Achieved");
    case THIDUA_REG_RESULT_NOT_ACHIEVED: return _("Not achieved");
    default: return _("Pending");
    }
}

static void
show_status (ThiduaRegisterView *self, const char *message)
{
  g_autofree char *counts = g_strdup_printf (_("%u of %u registrations"),
                                             g_list_model_get_n_items (G_LIST_MODEL (self->model)),
                                             thidua_register_model_get_n_total (self->model));
  if (message != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s — %s", message, counts);
      gtk_label_set_text (self->status_label, both);
    }
  else
    gtk_label_set_text (self->status_label, counts);
}

/* ---- cells ---- */

typedef enum {
  COL_NAME,
  COL_POSITION,
  COL_UNIT,
  COL_TITLE,
  COL_STATUS,
  COL_RESULT,
  COL_DECISION,
  COL_NOTE,
} ColumnKind;

static void
setup_label (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* wrapped, never cut: a secretary reads the whole name */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (li, label);
}

/* TRUE when text surely fits on one line in its column, so its label
 * need not wrap.  A wrapping label lays its text out three or four times
 * to be measured (at its narrowest, unwrapped, at the width it is given);
 * one that does not wrap, once: with 200 rows of 8 cells made at once
 * (GTK 4.8 keeps 200 rows around the view), wrapping was a fifth of
 * opening the page.  Texts repeat (titles, statuses, results, units), so
 * each is measured once with the label's own font (pixel extents round
 * outwards, as the label's own measure does); the column's fixed width
 * (a column that expands is never narrower) less the cell's padding and
 * border must hold it, with a pixel to spare.  The name column has no
 * fixed width: it always wraps.  A column resized, another font or theme:
 * the cells are filled again (refill_column, on_font_changed). */
static gboolean
text_fits (ThiduaRegisterView *self, GtkWidget *label, ColumnKind kind, const char *text)
{
  GtkColumnViewColumn *column = self->columns[kind];
  GtkWidget *cell = gtk_widget_get_parent (label);
  int fixed = column ? gtk_column_view_column_get_fixed_width (column) : -1;
  int width;
  gpointer known;

  if (*text == '\0')
    return TRUE;
  if (fixed <= 0 || cell == NULL || strchr (text, '\n') != NULL)
    return FALSE;
  if (!g_hash_table_lookup_extended (self->text_widths, text, NULL, &known))
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);

      pango_layout_get_pixel_size (layout, &width, NULL);
      known = GINT_TO_POINTER (width + 1);
      g_hash_table_insert (self->text_widths, g_strdup (text), known);
    }
  width = GPOINTER_TO_INT (known) - 1;
  /* the cell's and the label's own padding and border */
  for (GtkWidget *w = label; w != NULL; w = w == label ? cell : NULL)
    {
      GtkStyleContext *style = gtk_widget_get_style_context (w);
      GtkBorder padding, border;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_padding (style, &padding);
      gtk_style_context_get_border (style, &border);
      G_GNUC_END_IGNORE_DEPRECATIONS
      width += padding.left + padding.right + border.left + border.right;
    }
  width += gtk_widget_get_margin_start (label) + gtk_widget_get_margin_end (label) + 1;
  return width <= fixed;
}

static void
fill_label (ThiduaRegisterView *self, GtkListItem *li, ColumnKind kind)
{
  ThiduaRegisterItem *item = gtk_list_item_get_item (li);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (li));
  const char *text = "";

  switch (kind)
    {
    case COL_NAME: text = thidua_register_item_get_name (item); break;
    case COL_POSITION: text = thidua_register_item_get_position (item); break;
    case COL_UNIT: text = thidua_register_item_get_unit (item); break;
    case COL_TITLE: text = thidua_register_item_get_title_name (item); break;
    case COL_STATUS:
      text = thidua_register_item_get_status (item) == THIDUA_REG_STATUS_WITHDRAWN
             ? _("Withdrawn") : _("Registered");
      break;
    case COL_RESULT:
      text = result_label (thidua_register_item_get_result (item));
      break;
    case COL_DECISION: text = thidua_register_item_get_decision (item); break;
    case COL_NOTE: text = thidua_register_item_get_note (item); break;
    default: break;
    }
  gtk_label_set_wrap (label, !text_fits (self, GTK_WIDGET (label), kind, text));
  gtk_label_set_text (label, text);
}

static void
bind_label (GtkSignalListItemFactory *factory, GtkListItem *li, ThiduaRegisterView *self)
{
  fill_label (self, li, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kind")));
  /* kept to be filled again when its row is updated in place */
  g_object_set_data (G_OBJECT (li), "kind", g_object_get_data (G_OBJECT (factory), "kind"));
  if (self->bound != NULL)
    g_hash_table_add (self->bound, li);
}

static void
unbind_label (GtkSignalListItemFactory *factory, GtkListItem *li, ThiduaRegisterView *self)
{
  if (self->bound != NULL)
    g_hash_table_remove (self->bound, li);
}

/* The labels of the column titles, in column order (GTK 4.8 has no API
 * for a title's widget: they are the labels outside the rows). */
static void
collect_title_labels (GtkWidget *widget, GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LIST_VIEW (c) || GTK_IS_SCROLLBAR (c) || GTK_IS_POPOVER (c))
        continue;
      if (GTK_IS_LABEL (c))
        g_ptr_array_add (out, c);
      else
        collect_title_labels (c, out);
    }
}

/* GTK 4.8 gives a column title one line, clipped at the column's edge
 * (snag 8: "Danh hiệu hoặc hình thức k…"), and wrapping it breaks inside
 * words.  So titles are short (a tooltip says a shortened one in full),
 * and once styled each column is made at least as wide as its title. */
static void
fit_column_titles (GtkWidget *column_view, ThiduaRegisterView *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  g_signal_handlers_disconnect_by_func (column_view, fit_column_titles, self);
  collect_title_labels (GTK_WIDGET (self->column_view), labels);
  for (guint i = 0; i < labels->len && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkWidget *label = g_ptr_array_index (labels, i);
      int nat = 0, fixed = gtk_column_view_column_get_fixed_width (column);

      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
      /* the title button's padding and border around the label */
      nat += 2 * 8 + 2;
      if (fixed > 0 && fixed < nat)
        gtk_column_view_column_set_fixed_width (column, nat);
    }
}

static void
set_column_tooltips (ThiduaRegisterView *self, const char * const *tooltips, guint n)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_title_labels (GTK_WIDGET (self->column_view), labels);
  for (guint i = 0; i < labels->len && i < n; i++)
    if (tooltips[i] != NULL)
      gtk_widget_set_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (g_ptr_array_index (labels, i))),
                                   tooltips[i]);
}

/* Fills every bound cell of a column again (its width changed). */
static void
refill_column (ThiduaRegisterView *self, GParamSpec *pspec, GtkColumnViewColumn *column)
{
  GHashTableIter iter;
  gpointer key;

  if (self->bound == NULL)
    return;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *li = key;
      ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (li), "kind"));

      if (self->columns[kind] == column && gtk_list_item_get_item (li) != NULL)
        fill_label (self, li, kind);
    }
}

/* Another font or theme: the measured texts are measured again. */
static void
on_font_changed (ThiduaRegisterView *self)
{
  g_hash_table_remove_all (self->text_widths);
  for (guint k = 0; k < G_N_ELEMENTS (self->columns); k++)
    if (self->columns[k] != NULL)
      refill_column (self, NULL, self->columns[k]);
}

static void
add_column (ThiduaRegisterView *self, const char *title, ColumnKind kind, gboolean expand, int width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "kind", GINT_TO_POINTER (kind));
  /* every cell a plain label: the row editor edits (light rows, and no
   * focus held inside a row the model replaces) */
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), self);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_label), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_label), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (unbind_label), self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (self->column_view, column);
  self->columns[kind] = column;
  /* a column made narrower (or wider) decides again which cells wrap */
  g_signal_connect_object (column, "notify::fixed-width", G_CALLBACK (refill_column), self, G_CONNECT_SWAPPED);
  g_object_unref (column);
}

/* ---- filters ---- */

/* Takes LABELS. */
static void
fill_dropdown (GtkDropDown *dropdown, GPtrArray *labels)
{
  g_autoptr(GPtrArray) owned = labels;
  g_autoptr(GtkStringList) list = NULL;

  g_ptr_array_add (owned, NULL);
  list = gtk_string_list_new ((const char * const *) owned->pdata);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
}

static void
fill_units (ThiduaRegisterView *self)
{
  g_autoptr(GPtrArray) units = thidua_register_list_units (self->reg, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) depth = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 zero = 0;

  g_array_set_size (self->unit_ids, 0);
  g_array_append_val (self->unit_ids, zero);
  g_ptr_array_add (labels, g_strdup (_("All units")));
  for (guint i = 0; units && i < units->len; i++)
    {
      ThiduaRegUnit *u = g_ptr_array_index (units, i);
      guint d = u->parent_id ? GPOINTER_TO_UINT (g_hash_table_lookup (depth, &u->parent_id)) + 1 : 0;
      g_autofree char *indent = g_strnfill (d * 2, ' ');

      g_hash_table_insert (depth, &u->id, GUINT_TO_POINTER (d));
      g_array_append_val (self->unit_ids, u->id);
      g_ptr_array_add (labels, g_strconcat (indent, u->name, NULL));
    }
  self->updating = TRUE;
  fill_dropdown (self->unit_dropdown, g_steal_pointer (&labels));
  self->updating = FALSE;
}

static void
fill_titles (ThiduaRegisterView *self)
{
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) assign = g_ptr_array_new ();

  g_ptr_array_set_size (self->title_ids, 0);
  g_ptr_array_add (self->title_ids, NULL);
  g_ptr_array_add (labels, (gpointer) _("All titles"));
  for (guint i = 0; i < thidua_catalog_get_n_titles (catalog); i++)
    {
      const ThiduaTitle *t = thidua_catalog_get_title (catalog, i);
      g_ptr_array_add (self->title_ids, t->id);
      g_ptr_array_add (labels, t->name);
      g_ptr_array_add (assign, t->name);
    }
  self->updating = TRUE;
  g_ptr_array_add (labels, NULL);
  gtk_drop_down_set_model (self->title_dropdown, G_LIST_MODEL (gtk_string_list_new ((const char * const *) labels->pdata)));
  g_ptr_array_add (assign, NULL);
  gtk_drop_down_set_model (self->assign_dropdown, G_LIST_MODEL (gtk_string_list_new ((const char * const *) assign->pdata)));
  self->updating = FALSE;
}

static void
fill_years (ThiduaRegisterView *self, const char *current)
{
  g_auto(GStrv) years = thidua_register_list_years (self->reg, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_year = g_strdup_printf ("%d", g_date_time_get_year (now));
  gboolean have_current = FALSE, have_this = FALSE;
  guint selected = 0, n = 0;

  for (guint i = 0; years && years[i]; i++)
    {
      g_strv_builder_add (b, years[i]);
      have_current |= g_strcmp0 (years[i], current) == 0;
      have_this |= g_strcmp0 (years[i], this_year) == 0;
    }
  if (current && !have_current)
    g_strv_builder_add (b, current);
  if (!have_this && g_strcmp0 (current, this_year) != 0)
    g_strv_builder_add (b, this_year);
  g_strfreev (self->years);
  self->years = g_strv_builder_end (b);
  for (n = 0; self->years[n]; n++)
    if (g_strcmp0 (self->years[n], current) == 0)
      selected = n;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (gtk_string_list_new ((const char * const *) self->years)));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating = FALSE;
}

static void
on_search_changed (GtkEditable *entry, ThiduaRegisterView *self)
{
  thidua_register_model_set_search (self->model, gtk_editable_get_text (entry));
}

static void
on_filter_selected (GtkDropDown *dropdown, GParamSpec *pspec, ThiduaRegisterView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (dropdown == self->unit_dropdown)
    thidua_register_model_set_unit (self->model, selected < self->unit_ids->len
                                                 ? g_array_index (self->unit_ids, gint64, selected) : 0);
  else if (dropdown == self->title_dropdown)
    thidua_register_model_set_title (self->model, selected < self->title_ids->len
                                                  ? g_ptr_array_index (self->title_ids, selected) : NULL);
  else if (dropdown == self->status_dropdown)
    thidua_register_model_set_status (self->model, (int) selected - 1);
  else if (dropdown == self->result_dropdown)
    thidua_register_model_set_result (self->model, (int) selected - 1);
  else if (dropdown == self->sort_dropdown)
    thidua_register_model_set_sort (self->model, (ThiduaRegSort) selected);
  else if (dropdown == self->year_dropdown && self->years && selected < g_strv_length (self->years))
    {
      g_autoptr(GError) error = NULL;
      if (!thidua_register_view_set_year (self, self->years[selected], &error))
        show_status (self, error->message);
    }
}

static gboolean
update_dashboard (gpointer data)
{
  ThiduaRegisterView *self = data;

  self->dashboard_source = 0;
  thidua_register_dashboard_update (self->dashboard);
  gtk_widget_queue_resize (GTK_WIDGET (self->dashboard));
  return G_SOURCE_REMOVE;
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, ThiduaRegisterView *self)
{
  show_status (self, NULL);
  /* the dashboard counts every shown row: not on every keystroke */
  if (self->dashboard_source == 0)
    self->dashboard_source = g_timeout_add (250, update_dashboard, self);
}

/* Rows edited in place keep their item and their row widgets: only the
 * cells bound to that span are filled again (a few hundred at most,
 * whatever the number of rows edited). */
static void
on_items_updated (ThiduaRegisterModel *model, guint position, guint n_items, ThiduaRegisterView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *li = key;
      guint p = gtk_list_item_get_position (li);

      if (p != GTK_INVALID_LIST_POSITION && p >= position && p - position < n_items
          && gtk_list_item_get_item (li) != NULL)
        fill_label (self, li, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (li), "kind")));
    }
  on_items_changed (G_LIST_MODEL (model), position, 0, 0, self);
}

/* ---- actions ---- */

static GtkWidget *
inner_list_view (GtkColumnView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

gboolean
thidua_register_view_reveal (ThiduaRegisterView *self, gint64 registration_id)
{
  int position = thidua_register_model_find (self->model, registration_id);
  GtkWidget *list;

  if (position < 0)
    {
      /* a filter hides it: show everything */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->unit_dropdown, 0);
      gtk_drop_down_set_selected (self->title_dropdown, 0);
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      gtk_drop_down_set_selected (self->result_dropdown, 0);
      position = thidua_register_model_find (self->model, registration_id);
    }
  if (position < 0)
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  /* GTK 4.8 has no gtk_column_view_scroll_to (): the inner list's action */
  list = inner_list_view (self->column_view);
  if (list != NULL)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", (guint) position);
  return TRUE;
}

static void
on_finding_activated (GtkListBox *box, GtkListBoxRow *row, ThiduaRegisterView *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "registration-id");

  if (id != NULL && *id > 0)
    thidua_register_view_reveal (self, *id);
}

static void
check_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GtkWidget *child;
  g_autofree char *heading = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  findings = thidua_register_check (self->reg, thidua_register_model_get_year (self->model), 0, &error);
  if (findings == NULL)
    {
      show_status (self, error->message);
      return;
    }
  for (guint i = 0; i < findings->len; i++)
    {
      ThiduaFinding *f = g_ptr_array_index (findings, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *message = gtk_label_new (f->message);
      /* the rule's source, never its id: ids are for scripts */
      GtkWidget *rule = gtk_label_new (f->source);
      gint64 *id = g_new (gint64, 1);

      gtk_label_set_wrap (GTK_LABEL (message), TRUE);
      gtk_label_set_xalign (GTK_LABEL (message), 0);
      gtk_label_set_wrap (GTK_LABEL (rule), TRUE);
      gtk_label_set_xalign (GTK_LABEL (rule), 0);
      gtk_widget_add_css_class (rule, "dim-label");
      gtk_widget_add_css_class (rule, "caption");
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (box), message);
      gtk_box_append (GTK_BOX (box), rule);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      *id = f->registration_id;
      g_object_set_data_full (G_OBJECT (row), "registration-id", id, g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), f->registration_id > 0);
      gtk_list_box_append (self->findings_list, row);
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", findings->len),
                             findings->len);
  gtk_label_set_text (self->findings_label, heading);
}

static void
assign_title_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);
  guint chosen = gtk_drop_down_get_selected (self->assign_dropdown);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *message = NULL;
  const ThiduaTitle *title;
  GtkBitsetIter iter;
  guint position, added = 0, refused = 0;
  g_autofree char *first_error = NULL;

  if (chosen == GTK_INVALID_LIST_POSITION || chosen >= thidua_catalog_get_n_titles (catalog))
    return;
  title = thidua_catalog_get_title (catalog, chosen);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(ThiduaRegistration) n = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *who = NULL;
      gint64 person_id, unit_id;

      if (!thidua_register_model_get_who (self->model, position, &person_id, &unit_id))
        continue;
      /* several rows of one person give one registration */
      who = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, person_id, person_id ? 0 : unit_id);
      if (!g_hash_table_add (done, g_steal_pointer (&who)))
        continue;
      n = thidua_registration_new ();
      g_free (n->year);
      n->year = g_strdup (thidua_register_model_get_year (self->model));
      n->person_id = person_id;
      n->unit_id = unit_id;
      g_free (n->title);
      n->title = g_strdup (title->id);
      if (thidua_register_add (self->reg, n, &error) > 0)
        added++;
      else
        {
          refused++;
          if (first_error == NULL)
            first_error = g_strdup (error->message);
        }
    }
  thidua_register_model_load (self->model, thidua_register_model_get_year (self->model), NULL);
  message = refused
    ? g_strdup_printf (_("“%s” given to %u, refused for %u: %s"), title->name, added, refused, first_error)
    : g_strdup_printf (_("“%s” given to %u"), title->name, added);
  show_status (self, message);
}

/* ---- writes, each one step of the page's undo history ---- */

static GArray *
selected_ids (ThiduaRegisterView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = thidua_register_model_get_id (self->model, position);
      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* TRUE when the keyboard focus is in the list (on a row). */
static gboolean
list_has_focus (ThiduaRegisterView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->column_view)
                           || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)));
}

/* A replaced row takes the focus with it: give it back to the list, or
 * the next Ctrl+Z goes to the window instead of the page. */
static void
keep_list_focus (ThiduaRegisterView *self, gboolean had)
{
  if (had && !list_has_focus (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
reload_now (ThiduaRegisterView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *year = g_strdup (thidua_register_model_get_year (self->model));
  gboolean focused = list_has_focus (self);

  if (year != NULL && !thidua_register_model_load (self->model, year, &error))
    show_status (self, error->message);
  keep_list_focus (self, focused);
}

static void
update_undo_actions (ThiduaRegisterView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.undo",
                                 thidua_register_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "register.redo",
                                 thidua_register_history_can_redo (self->history));
}

/* Re-reads the rows of those registrations (one query per 64 rows, one
 * items-changed per run of rows), keeping the selection: a bulk result
 * for 5,000 rows is not 5,000 notifications, nor the year read again. */
static void
refresh_ids (ThiduaRegisterView *self, GArray *ids)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (self->selection);
  g_autoptr(GtkBitset) kept = gtk_selection_model_get_selection (selection);
  g_autoptr(GHashTable) kept_ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (self->model)), n_after;
  gboolean focused = list_has_focus (self);

  if (gtk_bitset_get_size (kept) > 0 && gtk_bitset_get_size (kept) < n_before)
    {
      GtkBitsetIter iter;
      guint position;

      /* the rows may move (a filter drops them): remember them by id */
      kept_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (gboolean ok = gtk_bitset_iter_init_first (&iter, kept, &position); ok;
           ok = gtk_bitset_iter_next (&iter, &position))
        g_hash_table_add (kept_ids, g_memdup2 (&(gint64) { thidua_register_model_get_id (self->model, position) },
                                               sizeof (gint64)));
    }
  if (!thidua_register_model_refresh_rows (self->model, (const gint64 *) ids->data, ids->len, &error))
    {
      show_status (self, error->message);
      return;
    }
  keep_list_focus (self, focused);
  n_after = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (gtk_bitset_get_size (kept) == 0 || n_after == 0)
    return;
  if (kept_ids == NULL)
    {
      /* everything was selected: it still is */
      gtk_selection_model_select_all (selection);
      return;
    }
  {
    g_autoptr(GtkBitset) now = gtk_bitset_new_empty ();
    g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n_after);

    for (guint i = 0; i < n_after; i++)
      {
        gint64 id = thidua_register_model_get_id (self->model, i);
        if (g_hash_table_contains (kept_ids, &id))
          gtk_bitset_add (now, i);
      }
    gtk_selection_model_set_selection (selection, now, mask);
  }
}

/* Our own writes refresh the rows they touched; NULL (rows added): the
 * year is read again, and only the rows that changed are announced. */
static void
after_write (ThiduaRegisterView *self, GArray *ids)
{
  if (ids != NULL)
    refresh_ids (self, ids);
  else
    reload_now (self);
  update_undo_actions (self);
}

static gboolean
reload_idle (gpointer data)
{
  ThiduaRegisterView *self = data;
  g_autoptr(GArray) ids = g_steal_pointer (&self->pending_ids);

  self->reload_source = 0;
  if (ids != NULL)
    {
      refresh_ids (self, ids);
      return G_SOURCE_REMOVE;
    }
  reload_now (self);
  fill_units (self);
  return G_SOURCE_REMOVE;
}

/* Someone else wrote the register's rows through this store (the import
 * dialog, an exchange): read the year again once the writes settle. */
static void
on_register_changed (ThiduaRegister *reg, ThiduaRegisterView *self)
{
  if (self->writing > 0)
    return;
  /* someone else's change may touch any row: the whole year */
  g_clear_pointer (&self->pending_ids, g_array_unref);
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle, self);
}

/* A plan's targets were written: they change only the dashboard's bars,
 * not the page's rows, and every autosave of a plan with targets writes
 * them, so reading the year again then (0.3 s for 100,000 rows) stalled
 * the window after each pause in typing. */
static void
on_targets_changed (ThiduaRegister *reg, ThiduaRegisterView *self)
{
  if (self->dashboard_source == 0)
    self->dashboard_source = g_timeout_add (250, update_dashboard, self);
}

/* Another process (thidua-cli, a second window) committed to the file. */
static gboolean
poll_data_version (gpointer data)
{
  ThiduaRegisterView *self = data;
  gint64 version = thidua_store_get_data_version (thidua_register_get_store (self->reg));

  if (version != self->data_version)
    {
      self->data_version = version;
      on_register_changed (self->reg, self);
    }
  return G_SOURCE_CONTINUE;
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  gboolean undo = g_str_equal (action_name, "register.undo");
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup (undo ? thidua_register_history_get_undo_label (self->history)
                                         : thidua_register_history_get_redo_label (self->history));
  g_autofree char *message = NULL;
  g_autoptr(GArray) ids = thidua_register_history_dup_ids (self->history, undo);
  gboolean ok;

  if (what == NULL)
    return;
  self->writing++;
  ok = undo ? thidua_register_history_undo (self->history, &error)
            : thidua_register_history_redo (self->history, &error);
  self->writing--;
  /* rows are rebuilt after the key's event is done with them: the rows
   * of the step, unless the whole year is to be read already */
  if (self->reload_source == 0)
    {
      self->pending_ids = g_steal_pointer (&ids);
      self->reload_source = g_idle_add (reload_idle, self);
    }
  else if (self->pending_ids != NULL && ids != NULL)
    g_array_append_vals (self->pending_ids, ids->data, ids->len);
  update_undo_actions (self);
  message = ok ? g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), what)
               : g_strdup (error->message);
  show_status (self, message);
}

static void
apply_results (ThiduaRegisterView *self, ThiduaRegResult result, const char *decision)
{
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *stripped = thidua_text_strip (decision ? decision : "");
  gboolean ok;

  if (ids->len == 0)
    {
      show_status (self, _("Select the rows first"));
      return;
    }
  self->writing++;
  ok = thidua_register_set_results (self->reg, (const gint64 *) ids->data, ids->len, result,
                                    stripped, &old, &error);
  self->writing--;
  if (!ok)
    {
      show_status (self, error->message);
      return;
    }
  label = g_strdup_printf (_("Result “%s” recorded for %u"), result_label (result), ids->len);
  thidua_register_history_begin (self->history, label);
  for (guint i = 0; i < old->len; i++)
    {
      const ThiduaRegistration *before = g_ptr_array_index (old, i);
      g_autoptr(ThiduaRegistration) after = thidua_registration_copy (before);

      after->result = result;
      g_free (after->decision);
      after->decision = g_strdup (stripped);
      thidua_register_history_record (self->history, before, after);
    }
  thidua_register_history_commit (self->history);
  after_write (self, ids);
  show_status (self, label);
}

/* Results are recorded for the selected rows at once (the council's
 * decision covers many people), with the decision number typed beside. */
static void
set_result_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);

  apply_results (self, (ThiduaRegResult) g_variant_get_int32 (parameter),
                 gtk_editable_get_text (GTK_EDITABLE (self->bulk_decision_entry)));
}

static void
apply_results_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  guint chosen = gtk_drop_down_get_selected (self->bulk_result_dropdown);

  apply_results (self, MIN (chosen, THIDUA_REG_RESULT_NOT_ACHIEVED),
                 gtk_editable_get_text (GTK_EDITABLE (self->bulk_decision_entry)));
  gtk_popover_popdown (self->bulk_popover);
}

/* Writes edited rows (afters) in one transaction and records the step. */
static gboolean
write_rows (ThiduaRegisterView *self, const char *label, GPtrArray *befores, GPtrArray *afters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok;

  self->writing++;
  ok = thidua_register_update_many (self->reg, afters, &error);
  self->writing--;
  if (!ok)
    {
      show_status (self, error->message);
      return FALSE;
    }
  thidua_register_history_begin (self->history, label);
  for (guint i = 0; i < afters->len; i++)
    {
      ThiduaRegistration *after = g_ptr_array_index (afters, i);
      thidua_register_history_record (self->history, g_ptr_array_index (befores, i), after);
      g_array_append_val (ids, after->id);
    }
  thidua_register_history_commit (self->history);
  after_write (self, ids);
  show_status (self, label);
  return TRUE;
}

static void
set_status_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  ThiduaRegStatus status = (ThiduaRegStatus) g_variant_get_int32 (parameter);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GPtrArray) befores = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  g_autoptr(GPtrArray) afters = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  g_autofree char *label = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      ThiduaRegistration *r = thidua_register_load (self->reg, g_array_index (ids, gint64, i), NULL);
      ThiduaRegistration *after;

      if (r == NULL)
        continue;
      after = thidua_registration_copy (r);
      after->status = status;
      g_ptr_array_add (befores, r);
      g_ptr_array_add (afters, after);
    }
  if (afters->len == 0)
    {
      show_status (self, _("Select the rows first"));
      return;
    }
  label = g_strdup_printf (status == THIDUA_REG_STATUS_WITHDRAWN ? _("Withdrawn: %u") : _("Registered again: %u"),
                           afters->len);
  write_rows (self, label, befores, afters);
}

typedef struct {
  ThiduaRegisterView *self;
  GArray             *ids;
  GPtrArray          *old;
} DeleteRows;

static gboolean
delete_rows_cb (ThiduaStore *store, gpointer data, GError **error)
{
  DeleteRows *d = data;

  for (guint i = 0; i < d->ids->len; i++)
    {
      ThiduaRegistration *old = NULL;
      if (!thidua_register_delete (d->self->reg, g_array_index (d->ids, gint64, i), &old, error))
        return FALSE;
      g_ptr_array_add (d->old, old);
    }
  return TRUE;
}

static void
delete_rows_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  DeleteRows d = { self, ids, old };
  gboolean ok;

  if (ids->len == 0)
    {
      show_status (self, _("Select the rows first"));
      return;
    }
  self->writing++;
  ok = thidua_store_transaction (thidua_register_get_store (self->reg), delete_rows_cb, &d, &error);
  self->writing--;
  if (!ok)
    {
      show_status (self, error->message);
      return;
    }
  label = g_strdup_printf (_("Deleted: %u"), old->len);
  thidua_register_history_begin (self->history, label);
  for (guint i = 0; i < old->len; i++)
    thidua_register_history_record (self->history, g_ptr_array_index (old, i), NULL);
  thidua_register_history_commit (self->history);
  after_write (self, ids);
  show_status (self, label);
}

/* ---- the row editor ---- */

static void
on_row_editor_apply (ThiduaRegisterRowEditor *editor, ThiduaRegisterView *self)
{
  g_autoptr(ThiduaRegistration) after = thidua_register_row_editor_dup_edited (editor);
  g_autoptr(GPtrArray) befores = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  g_autoptr(GPtrArray) afters = g_ptr_array_new ();
  ThiduaRegistration *before = thidua_register_load (self->reg, after->id, NULL);
  g_autofree char *label = NULL;

  if (before == NULL)
    return;
  g_ptr_array_add (befores, before);
  g_ptr_array_add (afters, after);
  label = g_strdup_printf (_("Edited: %s"), before->person_id > 0 ? before->person_name : before->unit_name);
  write_rows (self, label, befores, afters);
}

static void
on_row_editor_delete (ThiduaRegisterRowEditor *editor, ThiduaRegisterView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "register.delete-rows", NULL);
}

/* Opens the editor on the first selected row, pointing at it when one of
 * its cells has the focus. */
static void
edit_row_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  g_autoptr(GArray) ids = selected_ids (self);
  g_autoptr(ThiduaRegistration) r = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;
  GdkRectangle rect = { 0, 0, 1, 1 };

  if (ids->len == 0)
    {
      show_status (self, _("Select the rows first"));
      return;
    }
  r = thidua_register_load (self->reg, g_array_index (ids, gint64, 0), NULL);
  if (r == NULL)
    return;
  thidua_register_row_editor_set_registration (THIDUA_REGISTER_ROW_EDITOR (self->row_editor), r);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view))
      && gtk_widget_compute_bounds (focus, GTK_WIDGET (self->column_view), &bounds))
    rect = (GdkRectangle) { (int) bounds.origin.x + 40, (int) bounds.origin.y, 1, (int) bounds.size.height };
  else
    rect = (GdkRectangle) { gtk_widget_get_width (GTK_WIDGET (self->column_view)) / 3, 40, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_editor), &rect);
  gtk_popover_popup (GTK_POPOVER (self->row_editor));
}

static void
on_row_activated (GtkColumnView *view, guint position, ThiduaRegisterView *self)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "register.edit-row", NULL);
}

/* ---- registering people and units ---- */

static void
fill_unit_completion (ThiduaRegisterView *self)
{
  g_autoptr(GPtrArray) units = thidua_register_list_units (self->reg, NULL);

  gtk_list_store_clear (self->unit_names);
  for (guint i = 0; units && i < units->len; i++)
    {
      ThiduaRegUnit *u = g_ptr_array_index (units, i);
      GtkTreeIter it;

      if (u->closed_year != 0)
        continue;
      gtk_list_store_append (self->unit_names, &it);
      gtk_list_store_set (self->unit_names, &it, 0, u->name, -1);
    }
}

/* Completion matches anywhere in the name, diacritics and case aside:
 * "noi" finds "Khoa Nội". */
static gboolean
unit_completion_match (GtkEntryCompletion *completion, const char *key, GtkTreeIter *iter, gpointer data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *name = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_key = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  folded_name = thidua_text_fold (name ? name : "");
  folded_key = thidua_text_fold (key ? key : "");
  return *folded_key != '\0' && strstr (folded_name, folded_key) != NULL;
}

static void
fill_add_titles (ThiduaRegisterView *self)
{
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);

  for (guint i = 0; i < thidua_catalog_get_n_titles (catalog); i++)
    {
      const ThiduaTitle *t = thidua_catalog_get_title (catalog, i);
      GtkWidget *check = gtk_check_button_new_with_label (t->name);

      g_object_set_data_full (G_OBJECT (check), "title-id", g_strdup (t->id), g_free);
      gtk_list_box_append (self->add_titles_list, check);
    }
}

static GPtrArray *
checked_titles (ThiduaRegisterView *self, gboolean clear)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->add_titles_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (!GTK_IS_CHECK_BUTTON (check) || !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      g_ptr_array_add (ids, g_object_get_data (G_OBJECT (check), "title-id"));
      if (clear)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    }
  return ids;
}

typedef struct {
  ThiduaRegisterView *self;
  GPtrArray          *titles;
  const char         *person;    /* NULL: the unit itself */
  const char         *position;
  const char         *unit;
  const char         *initiative;
  GPtrArray          *added;
} AddTitles;

/* All titles or none: a refused one (the same title twice in a year)
 * takes the others back. */
static gboolean
add_titles_cb (ThiduaStore *store, gpointer data, GError **error)
{
  AddTitles *a = data;

  for (guint i = 0; i < a->titles->len; i++)
    {
      g_autoptr(ThiduaRegistration) r = thidua_registration_new ();

      g_free (r->year);
      r->year = g_strdup (thidua_register_model_get_year (a->self->model));
      g_free (r->title);
      r->title = g_strdup (g_ptr_array_index (a->titles, i));
      g_free (r->initiative);
      r->initiative = g_strdup (a->initiative);
      if (thidua_register_add_by_name (a->self->reg, r, a->person, a->position, a->unit, error) == 0)
        return FALSE;
      g_ptr_array_add (a->added, thidua_register_load (a->self->reg, r->id, NULL));
    }
  return TRUE;
}

/* The units whose names contain the typed text: shown when it is no unit
 * yet, so a partial name is not made a new unit by mistake. */
static char *
similar_units (ThiduaRegisterView *self, const char *typed)
{
  g_autoptr(GPtrArray) units = thidua_register_list_units (self->reg, NULL);
  g_autofree char *key = thidua_text_fold (typed);
  g_autoptr(GString) s = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; units && i < units->len && n < 4; i++)
    {
      ThiduaRegUnit *u = g_ptr_array_index (units, i);
      g_autofree char *folded = thidua_text_fold (u->name);
      if (strstr (folded, key) == NULL)
        continue;
      g_string_append_printf (s, "%s“%s”", n ? ", " : "", u->name);
      n++;
    }
  return n ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

static void
add_registration_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  g_autofree char *person = thidua_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->person_name_entry)));
  g_autofree char *unit = thidua_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->person_unit_entry)));
  g_autofree char *position = thidua_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->person_position_entry)));
  g_autofree char *initiative = thidua_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->add_initiative_entry)));
  g_autoptr(GPtrArray) titles = checked_titles (self, FALSE);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_registration_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  AddTitles a;
  gboolean ok;

  if (*unit == '\0')
    {
      show_status (self, _("Type the unit of the person, or the unit to register"));
      return;
    }
  if (titles->len == 0)
    {
      show_status (self, _("Choose at least one title or form of reward"));
      return;
    }
  if (thidua_register_find_unit (self->reg, unit) == 0 && g_strcmp0 (self->unit_confirmed, unit) != 0)
    {
      g_autofree char *similar = similar_units (self, unit);
      g_autofree char *ask = similar
        ? g_strdup_printf (_("There is no unit “%s”. Did you mean %s? Choose it, or create a new unit."), unit, similar)
        : g_strdup_printf (_("There is no unit “%s” yet. Create it?"), unit);

      gtk_label_set_text (self->unit_ask_label, ask);
      gtk_widget_set_visible (self->unit_ask_box, TRUE);
      return;
    }
  a = (AddTitles) { self, titles, *person ? person : NULL, position, unit, initiative, added };
  self->writing++;
  ok = thidua_store_transaction (thidua_register_get_store (self->reg), add_titles_cb, &a, &error);
  self->writing--;
  if (!ok)
    {
      show_status (self, error->message);
      return;
    }
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Registered %s for %u title",
                                        "Registered %s for %u titles", added->len),
                           *person ? person : unit, added->len);
  thidua_register_history_begin (self->history, label);
  for (guint i = 0; i < added->len; i++)
    if (g_ptr_array_index (added, i) != NULL)
      thidua_register_history_record (self->history, NULL, g_ptr_array_index (added, i));
  thidua_register_history_commit (self->history);
  g_clear_pointer (&self->unit_confirmed, g_free);
  gtk_widget_set_visible (self->unit_ask_box, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->person_name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_position_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->add_initiative_entry), "");
  g_ptr_array_unref (checked_titles (self, TRUE));
  gtk_popover_popdown (self->add_popover);
  after_write (self, NULL);
  fill_units (self);
  fill_unit_completion (self);
  show_status (self, label);
}

static void
create_unit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);

  g_free (self->unit_confirmed);
  self->unit_confirmed = thidua_text_strip (gtk_editable_get_text (GTK_EDITABLE (self->person_unit_entry)));
  add_registration_action (widget, "register.add-registration", NULL);
}

static void
on_unit_text_changed (GtkEditable *entry, ThiduaRegisterView *self)
{
  gtk_widget_set_visible (self->unit_ask_box, FALSE);
}

/* ---- the office ---- */

typedef struct {
  ThiduaRegisterView *self;
  char               *then;   /* the action to run once saved, or NULL */
} OfficeAsk;

static void
office_ask_free (gpointer data, GClosure *closure)
{
  OfficeAsk *ask = data;
  g_object_unref (ask->self);
  g_free (ask->then);
  g_free (ask);
}

static void
on_office_save (ThiduaOfficeDialog *dialog, OfficeAsk *ask)
{
  g_autoptr(ThiduaOffice) office = thidua_office_dialog_dup_office (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *then = g_strdup (ask->then);
  ThiduaRegisterView *self = g_object_ref (ask->self);

  if (!thidua_store_set_office (thidua_register_get_store (self->reg), office, &error))
    {
      thidua_office_dialog_set_message (dialog, error->message);
      g_object_unref (self);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  show_status (self, _("Office saved"));
  if (then != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), then, NULL);
  g_object_unref (self);
}

static ThiduaOfficeDialog *
show_office_dialog (ThiduaRegisterView *self, const char *then)
{
  g_autoptr(ThiduaOffice) office = thidua_store_get_office (thidua_register_get_store (self->reg), NULL);
  ThiduaOfficeDialog *dialog = thidua_office_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                         office);
  thidua_office_dialog_show_key (dialog, thidua_register_get_store (self->reg));
  OfficeAsk *ask = g_new0 (OfficeAsk, 1);

  ask->self = g_object_ref (self);
  ask->then = g_strdup (then);
  g_signal_connect_data (dialog, "save", G_CALLBACK (on_office_save), ask,
                         office_ask_free, 0);
  if (then != NULL)
    thidua_office_dialog_set_message (dialog, _("The printed table needs the office's name at its top left."));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* TRUE when the office is known; otherwise asks for it, then runs `then`. */
static gboolean
office_known_or_ask (ThiduaRegisterView *self, const char *then)
{
  g_autoptr(ThiduaOffice) office = thidua_store_get_office (thidua_register_get_store (self->reg), NULL);

  if (office != NULL && office->name != NULL && *office->name != '\0')
    return TRUE;
  show_office_dialog (self, then);
  return FALSE;
}

static void
office_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  show_office_dialog (THIDUA_REGISTER_VIEW (widget), NULL);
}
static void
add_unit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->unit_name_entry));
  guint parent_index = gtk_drop_down_get_selected (self->unit_dropdown);
  gint64 parent = parent_index < self->unit_ids->len ? g_array_index (self->unit_ids, gint64, parent_index) : 0;

  if (thidua_register_add_unit (self->reg, parent, name, "", &error) == 0)
    {
      show_status (self, error->message);
      return;
    }
  fill_units (self);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_name_entry), "");
  gtk_popover_popdown (self->add_popover);
  show_status (self, _("Unit added"));
}

static void
on_imported (ThiduaRegisterImportDialog *dialog, ThiduaRegisterView *self)
{
  g_autoptr(GError) error = NULL;

  if (!thidua_register_view_set_year (self, thidua_register_model_get_year (self->model), &error))
    show_status (self, error->message);
}

static void
on_import_file_chosen (GtkNativeDialog *native, int response, ThiduaRegisterView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaRegisterImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (file == NULL)
    return;
  dialog = thidua_register_import_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              self->reg, thidua_register_model_get_year (self->model));
  if (!thidua_register_import_dialog_set_file (dialog, file, &error))
    {
      show_status (self, error->message);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  GtkFileChooserNative *native;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV, XLSX, XLS)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "xls");
  native = gtk_file_chooser_native_new (_("Import Registrations"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (on_import_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The unit chosen in the filter (its form is printed instead of the
 * summary), or NULL. */
static char *
chosen_unit_name (ThiduaRegisterView *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);
  g_autoptr(GPtrArray) units = NULL;
  gint64 id;

  if (selected == 0 || selected >= self->unit_ids->len)
    return NULL;
  id = g_array_index (self->unit_ids, gint64, selected);
  units = thidua_register_list_units (self->reg, NULL);
  for (guint i = 0; units && i < units->len; i++)
    if (((ThiduaRegUnit *) units->pdata[i])->id == id)
      return g_strdup (((ThiduaRegUnit *) units->pdata[i])->name);
  return NULL;
}

/* The summary (or the chosen unit's form) prints through the plans'
 * print path: the same renderer, dialog and in-app preview. */
gboolean
thidua_register_view_print (ThiduaRegisterView *self, const char *export_pdf, GError **error)
{
  g_autofree char *unit = chosen_unit_name (self);
  g_autoptr(ThiduaReport) report = thidua_report_new_register (self->reg, thidua_register_model_get_year (self->model),
                                                               unit, error);
  GtkPrintOperationResult result;

  if (report == NULL)
    return FALSE;
  /* the table's top left names the office: ask once, then print */
  if (export_pdf == NULL && !office_known_or_ask (self, "register.print"))
    return TRUE;
  result = thidua_print_run (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                             thidua_report_get_layout (report), thidua_report_get_plan (report),
                             export_pdf ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                        : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                             export_pdf, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!thidua_register_view_print (THIDUA_REGISTER_VIEW (widget), NULL, &error))
    show_status (THIDUA_REGISTER_VIEW (widget), error->message);
}

/* Export and the printed summary go through the app's one export flow
 * (thidua-export-flow.c): the chooser in the last export folder, then a
 * message saying where the file went. */
typedef struct {
  ThiduaRegister *reg;
  char           *year;
  char           *unit;     /* the printed form's unit, or NULL */
  gboolean        report;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_object_unref (job->reg);
  g_free (job->year);
  g_free (job->unit);
  g_free (job);
}

static gboolean
save_write (const char *path, gpointer data, GError **error)
{
  SaveJob *job = data;

  return job->report ? thidua_report_write_register_pdf (job->reg, job->year, job->unit, path, error)
                     : thidua_register_export (job->reg, job->year, path, error);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (widget);
  gboolean report = g_str_equal (action_name, "register.report");
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  GtkApplication *app = gtk_window_get_application (window);
  const ThiduaExportFormat pdf[] = { { "pdf", _("PDF documents"), "application/pdf" } };
  const ThiduaExportFormat sheets[] = {
    { "xlsx", _("Excel workbooks"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { "csv", _("CSV files"), "text/csv" },
  };
  g_autofree char *name = NULL;
  SaveJob *job;

  if (report && !office_known_or_ask (self, "register.report"))
    return;

  job = g_new0 (SaveJob, 1);
  job->reg = g_object_ref (self->reg);
  job->year = g_strdup (thidua_register_model_get_year (self->model));
  job->report = report;
  /* with a unit chosen, its registration form instead of the summary */
  if (report)
    job->unit = chosen_unit_name (self);
  name = g_strdup_printf (report ? "bang-tong-hop-%s.pdf" : "dang-ky-thi-dua-%s.xlsx", job->year);
  thidua_export_flow_run (window,
                          THIDUA_IS_APPLICATION (app) ? thidua_application_get_settings (THIDUA_APPLICATION (app)) : NULL,
                          report ? _("Save Summary Table as PDF") : _("Export Registrations"), name,
                          report ? pdf : sheets, report ? G_N_ELEMENTS (pdf) : G_N_ELEMENTS (sheets),
                          save_write, job, save_job_free);
}

/* ---- life cycle ---- */

static void
thidua_register_view_constructed (GObject *object)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (object);
  const char *statuses[] = { _("Any status"), _("Registered"), _("Withdrawn"), NULL };
  const char *results[] = { _("Any result"), _("Pending"), _("Achieved"), _("Not achieved"), NULL };
  const char *sorts[] = { _("By unit"), _("By name"), _("By title"), NULL };

  G_OBJECT_CLASS (thidua_register_view_parent_class)->constructed (object);

  self->model = thidua_register_model_new (self->reg);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->model, "items-changed", G_CALLBACK (on_items_changed), self);
  g_signal_connect (self->model, "items-updated", G_CALLBACK (on_items_updated), self);
  thidua_register_dashboard_set_model (self->dashboard, self->model);
  self->history = thidua_register_history_new (self->reg);
  update_undo_actions (self);
  g_signal_connect_object (self->reg, "changed::register", G_CALLBACK (on_register_changed), self, 0);
  g_signal_connect_object (self->reg, "changed::targets", G_CALLBACK (on_targets_changed), self, 0);
  self->data_version = thidua_store_get_data_version (thidua_register_get_store (self->reg));
  self->poll_source = g_timeout_add_seconds (2, poll_data_version, self);
  {
    const char *font_settings[] = { "notify::gtk-font-name", "notify::gtk-xft-dpi", "notify::gtk-theme-name" };
    for (guint i = 0; i < G_N_ELEMENTS (font_settings); i++)
      g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), font_settings[i],
                               G_CALLBACK (on_font_changed), self, G_CONNECT_SWAPPED);
  }
  self->row_editor = thidua_register_row_editor_new (thidua_register_get_catalog (self->reg));
  gtk_widget_set_parent (self->row_editor, GTK_WIDGET (self->column_view));
  g_signal_connect (self->row_editor, "apply", G_CALLBACK (on_row_editor_apply), self);
  g_signal_connect (self->row_editor, "delete", G_CALLBACK (on_row_editor_delete), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_row_activated), self);
  {
    GtkEntryCompletion *completion = gtk_entry_completion_new ();

    self->unit_names = gtk_list_store_new (1, G_TYPE_STRING);
    gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->unit_names));
    gtk_entry_completion_set_text_column (completion, 0);
    gtk_entry_completion_set_match_func (completion, unit_completion_match, NULL, NULL);
    gtk_entry_completion_set_minimum_key_length (completion, 1);
    gtk_entry_set_completion (self->person_unit_entry, completion);
    g_object_unref (completion);
    fill_unit_completion (self);
    g_signal_connect (self->person_unit_entry, "changed", G_CALLBACK (on_unit_text_changed), self);
  }
  fill_add_titles (self);
  {
    const char *bulk[] = { _("Pending"), _("Achieved"), _("Not achieved"), NULL };
    gtk_drop_down_set_model (self->bulk_result_dropdown, G_LIST_MODEL (gtk_string_list_new (bulk)));
    gtk_drop_down_set_selected (self->bulk_result_dropdown, THIDUA_REG_RESULT_ACHIEVED);
  }

  /* fits 1024 px without scrolling sideways: labels wrap in narrow columns;
   * a wider window widens the name, the unit and the note */
  add_column (self, _("Name"), COL_NAME, TRUE, 0);
  add_column (self, _("Position"), COL_POSITION, FALSE, 80);
  add_column (self, _("Unit"), COL_UNIT, TRUE, 100);
  /* a short title; the tooltip says it in full */
  add_column (self, C_("register column", "Title or reward"), COL_TITLE, FALSE, 120);
  add_column (self, _("Status"), COL_STATUS, FALSE, 86);
  add_column (self, _("Result"), COL_RESULT, FALSE, 80);
  add_column (self, _("Decision"), COL_DECISION, FALSE, 90);
  add_column (self, _("Note"), COL_NOTE, TRUE, 70);
  {
    const char *tooltips[] = { NULL, NULL, NULL, _("Title or reward"), NULL, NULL, _("Decision number"), NULL };
    set_column_tooltips (self, tooltips, G_N_ELEMENTS (tooltips));
    g_signal_connect (self->column_view, "map", G_CALLBACK (fit_column_titles), self);
  }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (gtk_string_list_new (statuses)));
  gtk_drop_down_set_model (self->result_dropdown, G_LIST_MODEL (gtk_string_list_new (results)));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (gtk_string_list_new (sorts)));
  self->updating = FALSE;
  fill_units (self);
  fill_titles (self);
  fill_years (self, NULL);

  /* GtkSearchEntry's search-changed waits until typing pauses (its
   * search-delay): keys stay instant and the rows are rebuilt once */
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->findings_list, "row-activated", G_CALLBACK (on_finding_activated), self);
  {
    GtkDropDown *dropdowns[] = { self->year_dropdown, self->unit_dropdown, self->title_dropdown,
                                 self->status_dropdown, self->result_dropdown, self->sort_dropdown };
    for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
      g_signal_connect (dropdowns[i], "notify::selected", G_CALLBACK (on_filter_selected), self);
  }
  /* open on the latest year that has registrations */
  {
    g_auto(GStrv) years = thidua_register_list_years (self->reg, NULL);
    if (years && years[0])
      thidua_register_view_set_year (self, years[g_strv_length (years) - 1], NULL);
    else if (self->years && self->years[0])
      thidua_register_view_set_year (self, self->years[0], NULL);
  }
}

static void
thidua_register_view_dispose (GObject *object)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (object);

  g_clear_handle_id (&self->dashboard_source, g_source_remove);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->pending_ids, g_array_unref);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->reg)
    g_signal_handlers_disconnect_by_data (self->reg, self);
  g_clear_pointer (&self->row_editor, gtk_widget_unparent);
  g_clear_object (&self->history);
  g_clear_object (&self->unit_names);
  g_clear_pointer (&self->unit_confirmed, g_free);
  if (self->model)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_REGISTER_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->reg);
  G_OBJECT_CLASS (thidua_register_view_parent_class)->dispose (object);
}

static void
thidua_register_view_finalize (GObject *object)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (object);

  g_array_unref (self->unit_ids);
  g_ptr_array_unref (self->title_ids);
  g_strfreev (self->years);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->text_widths, g_hash_table_unref);
  G_OBJECT_CLASS (thidua_register_view_parent_class)->finalize (object);
}

static void
thidua_register_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterView *self = THIDUA_REGISTER_VIEW (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      self->reg = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_view_class_init (ThiduaRegisterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = thidua_register_view_constructed;
  object_class->dispose = thidua_register_view_dispose;
  object_class->finalize = thidua_register_view_finalize;
  object_class->get_property = thidua_register_view_get_property;
  object_class->set_property = thidua_register_view_set_property;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, THIDUA_TYPE_REGISTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (THIDUA_TYPE_REGISTER_DASHBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thidua/Thidua/thidua-register-view.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaRegisterView, name)
  BIND (box);
  BIND (year_dropdown);
  BIND (search_entry);
  BIND (unit_dropdown);
  BIND (title_dropdown);
  BIND (status_dropdown);
  BIND (result_dropdown);
  BIND (sort_dropdown);
  BIND (assign_dropdown);
  BIND (status_label);
  BIND (column_view);
  BIND (dashboard);
  BIND (findings_list);
  BIND (findings_label);
  BIND (person_name_entry);
  BIND (person_position_entry);
  BIND (person_unit_entry);
  BIND (unit_name_entry);
  BIND (add_popover);
  BIND (add_titles_list);
  BIND (add_initiative_entry);
  BIND (unit_ask_box);
  BIND (unit_ask_label);
  BIND (bulk_result_dropdown);
  BIND (bulk_decision_entry);
  BIND (bulk_popover);
#undef BIND
  gtk_widget_class_install_action (widget_class, "register.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "register.assign-title", NULL, assign_title_action);
  gtk_widget_class_install_action (widget_class, "register.add-registration", NULL, add_registration_action);
  gtk_widget_class_install_action (widget_class, "register.create-unit", NULL, create_unit_action);
  gtk_widget_class_install_action (widget_class, "register.apply-results", NULL, apply_results_action);
  gtk_widget_class_install_action (widget_class, "register.set-status", "i", set_status_action);
  gtk_widget_class_install_action (widget_class, "register.delete-rows", NULL, delete_rows_action);
  gtk_widget_class_install_action (widget_class, "register.edit-row", NULL, edit_row_action);
  gtk_widget_class_install_action (widget_class, "register.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "register.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "register.office", NULL, office_action);
  /* the page's own history: the plan document keeps another */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "register.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "register.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "register.redo", NULL);
  gtk_widget_class_install_action (widget_class, "register.set-result", "i", set_result_action);
  gtk_widget_class_install_action (widget_class, "register.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "register.export", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "register.report", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "register.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "register.add-unit", NULL, add_unit_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thidua_register_view_init (ThiduaRegisterView *self)
{
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->title_ids = g_ptr_array_new ();
  self->bound = g_hash_table_new (NULL, NULL);
  self->text_widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
thidua_register_view_new (ThiduaRegister *reg)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  return g_object_new (THIDUA_TYPE_REGISTER_VIEW, "register", reg, NULL);
}

GtkWidget *
thidua_register_view_new_for_store (ThiduaStore *store, GError **error)
{
  g_autoptr(ThiduaCatalog) catalog = thidua_catalog_new_default (error);
  g_autoptr(ThiduaRegister) reg = NULL;

  if (catalog == NULL)
    return NULL;
  reg = thidua_register_new (store, catalog);
  return thidua_register_view_new (reg);
}

ThiduaRegister *
thidua_register_view_get_register (ThiduaRegisterView *self)
{
  return self->reg;
}

ThiduaRegisterModel *
thidua_register_view_get_model (ThiduaRegisterView *self)
{
  return self->model;
}

gboolean
thidua_register_view_set_year (ThiduaRegisterView *self, const char *year, GError **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (THIDUA_IS_REGISTER_VIEW (self), FALSE);
  if (!thidua_reg_year_parse (year, &label, NULL, NULL, error))
    return FALSE;
  /* the unit list is rebuilt below: its filter starts over */
  thidua_register_model_set_unit (self->model, 0);
  if (!thidua_register_model_load (self->model, label, error))
    return FALSE;
  fill_years (self, thidua_register_model_get_year (self->model));
  fill_units (self);
  show_status (self, NULL);
  return TRUE;
}

void
thidua_register_view_set_sort (ThiduaRegisterView *self, ThiduaRegSort sort)
{
  g_return_if_fail (THIDUA_IS_REGISTER_VIEW (self));
  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

GtkWidget *
thidua_register_view_get_search_entry (ThiduaRegisterView *self)
{
  return GTK_WIDGET (self->search_entry);
}

GtkColumnView *
thidua_register_view_get_column_view (ThiduaRegisterView *self)
{
  return self->column_view;
}

GtkListBox *
thidua_register_view_get_findings (ThiduaRegisterView *self)
{
  return self->findings_list;
}
