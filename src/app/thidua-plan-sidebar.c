/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-sidebar.c — the plan list beside the form. */
#include "config.h"
#include "thidua-plan-sidebar.h"
#include "thidua-plan-item.h"

#include <glib/gi18n.h>

struct _ThiduaPlanSidebar
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *plans_stack;
  GtkListView        *plans_view;
  GtkLabel           *plans_empty_label;

  GListModel         *model;      /* as set */
  GtkSliceListModel  *slice;      /* its first rows, then all of it */
  guint               grow_source;
  GtkSingleSelection *selection;  /* over the slice */
};

/* GTK 4.8's list view makes and measures a row for each of up to 200
 * items at once, shown or not.  The first frame needs only the rows a
 * screen can show, so the list starts with that many plans (first_rows)
 * and takes the others MORE_ROWS at a time once that frame is painted, in
 * idle time.  The same rows are shown; a plan selected further down is
 * reached at once (thidua_plan_sidebar_select). */
#define FIRST_ROWS   60   /* when the screens' height is not known */
#define MIN_ROW_PX   40   /* a row is two lines of text at least */
#define MORE_ROWS    40

G_DEFINE_FINAL_TYPE (ThiduaPlanSidebar, thidua_plan_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SEARCH_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The list, or a word on why it is empty. */
static void
update_empty (ThiduaPlanSidebar *self)
{
  GListModel *model = self->model;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (model != NULL && g_list_model_get_n_items (model) > 0)
    {
      gtk_stack_set_visible_child_name (self->plans_stack, "list");
      return;
    }
  gtk_label_set_label (self->plans_empty_label,
                       *search ? _("No plans match the search") : _("No plans yet"));
  gtk_stack_set_visible_child_name (self->plans_stack, "empty");
}

/* As many rows as the tallest screen shows, and two more. */
static guint
first_rows (ThiduaPlanSidebar *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int tallest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      tallest = MAX (tallest, geometry.height);
    }
  return tallest > 0 ? (guint) tallest / MIN_ROW_PX + 2 : FIRST_ROWS;
}

static void
show_all_rows (ThiduaPlanSidebar *self)
{
  g_clear_handle_id (&self->grow_source, g_source_remove);
  if (gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static gboolean
grow_idle (gpointer data)
{
  ThiduaPlanSidebar *self = data;
  guint size = gtk_slice_list_model_get_size (self->slice);
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  if (size == G_MAXUINT || size + MORE_ROWS >= n)
    {
      self->grow_source = 0;
      show_all_rows (self);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->slice, size + MORE_ROWS);
  return G_SOURCE_CONTINUE;
}

static void
first_frame_painted (GdkFrameClock     *clock,
                     ThiduaPlanSidebar *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, self);
  if (self->grow_source == 0 && gtk_slice_list_model_get_size (self->slice) != G_MAXUINT)
    self->grow_source = g_idle_add_full (G_PRIORITY_LOW, grow_idle, self, NULL);
}

static void
list_mapped_cb (ThiduaPlanSidebar *self)
{
  g_signal_handlers_disconnect_by_func (self->plans_view, list_mapped_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self->plans_view)), "after-paint",
                           G_CALLBACK (first_frame_painted), self, 0);
}

/* Selects the plan at @position of the model (GTK_INVALID_LIST_POSITION:
 * none), its row made first if the list has not grown that far. */
void
thidua_plan_sidebar_select (ThiduaPlanSidebar *self,
                            guint              position)
{
  g_return_if_fail (THIDUA_IS_PLAN_SIDEBAR (self));

  if (position != GTK_INVALID_LIST_POSITION &&
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->slice)))
    show_all_rows (self);
  gtk_single_selection_set_selected (self->selection, position);
}

static void
search_changed_cb (ThiduaPlanSidebar *self)
{
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

void
thidua_plan_sidebar_set_model (ThiduaPlanSidebar *self,
                               GListModel        *model)
{
  g_return_if_fail (THIDUA_IS_PLAN_SIDEBAR (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, update_empty, self);
  g_set_object (&self->model, model);
  g_clear_handle_id (&self->grow_source, g_source_remove);
  gtk_slice_list_model_set_model (self->slice, model);
  gtk_slice_list_model_set_size (self->slice, first_rows (self));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->plans_view)))
    show_all_rows (self);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (update_empty),
                             self, G_CONNECT_SWAPPED);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
thidua_plan_sidebar_get_model (ThiduaPlanSidebar *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_SIDEBAR (self), NULL);
  return self->model;
}

GtkSingleSelection *
thidua_plan_sidebar_get_selection (ThiduaPlanSidebar *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_SIDEBAR (self), NULL);
  return self->selection;
}

const char *
thidua_plan_sidebar_get_search_text (ThiduaPlanSidebar *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_SIDEBAR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

GtkSearchEntry *
thidua_plan_sidebar_get_search_entry (ThiduaPlanSidebar *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_SIDEBAR (self), NULL);
  return self->search_entry;
}

/* The rows are built in code, not from a GtkBuilder template: GTK 4.8's
 * list view makes up to 200 rows at once, and parsing a template and
 * watching three property expressions for each was most of the cost of
 * showing a long list (issue 10, start-up).  They look as the template
 * did. */
static GtkWidget *
row_label (gboolean wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (wrap)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* A wrapped label's minimum width is measured by laying its text
       * out at this width (at 0, one character a line: Pango shapes the
       * rest of the text again for every line).  Twelve characters keep
       * the list's minimum under the sidebar's 200 pixels. */
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
    }
  return label;
}

static void
row_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = row_label (TRUE);
  GtkWidget *status = row_label (FALSE);
  GtkWidget *subtitle = row_label (TRUE);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, "signoff-badge");
  gtk_widget_set_hexpand (subtitle, TRUE);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (line), status);
  gtk_box_append (GTK_BOX (line), subtitle);
  gtk_box_append (GTK_BOX (box), line);
  gtk_list_item_set_child (list_item, box);
}

/* The row's three labels, in the order setup made them. */
static void
row_labels (GtkListItem *list_item,
            GtkLabel   **title,
            GtkLabel   **status,
            GtkLabel   **subtitle)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *line = gtk_widget_get_last_child (box);

  *title = GTK_LABEL (gtk_widget_get_first_child (box));
  *status = GTK_LABEL (gtk_widget_get_first_child (line));
  *subtitle = GTK_LABEL (gtk_widget_get_last_child (line));
}

static void
row_update (ThiduaPlanItem *item,
            GParamSpec     *pspec,
            GtkListItem    *list_item)
{
  GtkLabel *title, *status, *subtitle;

  row_labels (list_item, &title, &status, &subtitle);
  gtk_label_set_label (title, thidua_plan_item_get_title (item));
  gtk_label_set_label (status, thidua_plan_item_get_status (item));
  gtk_label_set_label (subtitle, thidua_plan_item_get_subtitle (item));
}

static void
row_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  ThiduaPlanItem *item = gtk_list_item_get_item (list_item);

  row_update (item, NULL, list_item);
  /* the item is updated in place while its plan is edited */
  g_signal_connect_object (item, "notify", G_CALLBACK (row_update), list_item, 0);
}

static void
row_unbind (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  ThiduaPlanItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, row_update, list_item);
}

GtkWidget *
thidua_plan_sidebar_new (void)
{
  return g_object_new (THIDUA_TYPE_PLAN_SIDEBAR, NULL);
}

static void
thidua_plan_sidebar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ThiduaPlanSidebar *self = THIDUA_PLAN_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, thidua_plan_sidebar_get_model (self));
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, thidua_plan_sidebar_get_search_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_sidebar_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ThiduaPlanSidebar *self = THIDUA_PLAN_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      thidua_plan_sidebar_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_plan_sidebar_dispose (GObject *object)
{
  ThiduaPlanSidebar *self = THIDUA_PLAN_SIDEBAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_PLAN_SIDEBAR);
  /* the template's root box is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_handle_id (&self->grow_source, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (thidua_plan_sidebar_parent_class)->dispose (object);
}

static void
thidua_plan_sidebar_class_init (ThiduaPlanSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_plan_sidebar_dispose;
  object_class->get_property = thidua_plan_sidebar_get_property;
  object_class->set_property = thidua_plan_sidebar_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the row factory looks the item type up by name */
  g_type_ensure (THIDUA_TYPE_PLAN_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-plan-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaPlanSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPlanSidebar, plans_stack);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPlanSidebar, plans_view);
  gtk_widget_class_bind_template_child (widget_class, ThiduaPlanSidebar, plans_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
thidua_plan_sidebar_init (ThiduaPlanSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->slice = gtk_slice_list_model_new (NULL, 0, FIRST_ROWS);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  g_signal_connect_swapped (self->plans_view, "map", G_CALLBACK (list_mapped_cb), self);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->plans_view, GTK_SELECTION_MODEL (self->selection));
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
    g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind), NULL);
    gtk_list_view_set_factory (self->plans_view, factory);
  }
  update_empty (self);
}
