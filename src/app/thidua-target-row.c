/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-target-row.c — one target of the plan, as a row. */
#include "config.h"
#include "thidua-target-row.h"

#include <glib/gi18n.h>

struct _ThiduaTargetRow
{
  GtkListBoxRow  parent_instance;

  GtkWidget     *check;
  GtkWidget     *title_dd;
  GtkWidget     *bound_dd;
  GtkWidget     *min_entry;
  GtkWidget     *dash_label;
  GtkWidget     *max_entry;
  GtkWidget     *measure_dd;
  GtkWidget     *base_box;
  GtkWidget     *base_dd;
  GtkWidget     *remove_button;
  GtkWidget     *sentence_label;
  GtkWidget     *error_label;

  guint          index;
  guint          loading;   /* >0 while the row is filled */
};

G_DEFINE_FINAL_TYPE (ThiduaTargetRow, thidua_target_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *part;
  gsize       offset;
} parts[] = {
  { "select", G_STRUCT_OFFSET (ThiduaTargetRow, check) },
  { "title", G_STRUCT_OFFSET (ThiduaTargetRow, title_dd) },
  { "bound", G_STRUCT_OFFSET (ThiduaTargetRow, bound_dd) },
  { "min", G_STRUCT_OFFSET (ThiduaTargetRow, min_entry) },
  { "max", G_STRUCT_OFFSET (ThiduaTargetRow, max_entry) },
  { "measure", G_STRUCT_OFFSET (ThiduaTargetRow, measure_dd) },
  { "base", G_STRUCT_OFFSET (ThiduaTargetRow, base_dd) },
  { "remove", G_STRUCT_OFFSET (ThiduaTargetRow, remove_button) },
  { "sentence", G_STRUCT_OFFSET (ThiduaTargetRow, sentence_label) },
  { "error", G_STRUCT_OFFSET (ThiduaTargetRow, error_label) },
};

GtkWidget *
thidua_target_row_get_part (ThiduaTargetRow *self,
                            const char      *part)
{
  g_return_val_if_fail (THIDUA_IS_TARGET_ROW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (part, parts[i].part) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset);
  return NULL;
}

static void
label (GtkWidget  *widget,
       const char *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

void
thidua_target_row_set_index (ThiduaTargetRow *self,
                             guint            index)
{
  guint n = index + 1;
  g_autofree char *a11y_select = g_strdup_printf (_("Insert target %u"), n);
  g_autofree char *a11y_title = g_strdup_printf (_("Target %u: title or rating"), n);
  g_autofree char *a11y_bound = g_strdup_printf (_("Target %u: bound"), n);
  g_autofree char *a11y_min = g_strdup_printf (_("Target %u: from"), n);
  g_autofree char *a11y_max = g_strdup_printf (_("Target %u: to"), n);
  g_autofree char *a11y_measure = g_strdup_printf (_("Target %u: percentage or count"), n);
  g_autofree char *a11y_base = g_strdup_printf (_("Target %u: of whom"), n);
  g_autofree char *a11y_remove = g_strdup_printf (_("Remove target %u"), n);
  g_autofree char *a11y_row = g_strdup_printf (_("Target %u"), n);

  g_return_if_fail (THIDUA_IS_TARGET_ROW (self));

  self->index = index;
  label (GTK_WIDGET (self), a11y_row);
  label (self->check, a11y_select);
  label (self->title_dd, a11y_title);
  label (self->bound_dd, a11y_bound);
  label (self->min_entry, a11y_min);
  label (self->max_entry, a11y_max);
  label (self->measure_dd, a11y_measure);
  label (self->base_dd, a11y_base);
  label (self->remove_button, a11y_remove);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "i", (gint32) index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

guint
thidua_target_row_get_index (ThiduaTargetRow *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGET_ROW (self), 0);
  return self->index;
}

static void
set_text (GtkWidget  *entry,
          const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

/* The widgets follow the draft: bound and measure decide what is shown.
 * The widgets stay, and so does the focus (Ctrl+Shift+Z right after
 * Ctrl+Z reaches the same form). */
void
thidua_target_row_show (ThiduaTargetRow         *self,
                        const ThiduaTargetDraft *draft,
                        guint                    title_pos,
                        guint                    base_pos)
{
  g_return_if_fail (THIDUA_IS_TARGET_ROW (self));
  g_return_if_fail (draft != NULL);

  self->loading++;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->title_dd), title_pos);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->bound_dd), draft->bound);
  set_text (self->min_entry, draft->min_text);
  set_text (self->max_entry, draft->max_text);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->measure_dd), draft->measure);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->base_dd), base_pos);
  self->loading--;

  gtk_widget_set_visible (self->min_entry, draft->bound != THIDUA_TARGET_BOUND_AT_MOST);
  gtk_widget_set_visible (self->dash_label, draft->bound == THIDUA_TARGET_BOUND_RANGE);
  gtk_widget_set_visible (self->max_entry, draft->bound != THIDUA_TARGET_BOUND_AT_LEAST);
  gtk_widget_set_visible (self->base_box, draft->measure == THIDUA_TARGET_PERCENT);
}

void
thidua_target_row_set_outcome (ThiduaTargetRow *self,
                               const char      *sentence,
                               const char      *error)
{
  g_return_if_fail (THIDUA_IS_TARGET_ROW (self));

  gtk_label_set_label (GTK_LABEL (self->sentence_label), sentence ? sentence : "");
  gtk_widget_set_visible (self->sentence_label, sentence != NULL);
  gtk_label_set_label (GTK_LABEL (self->error_label), error ? error : "");
  gtk_widget_set_visible (self->error_label, error != NULL);
  if (error != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
}

guint
thidua_target_row_get_position (ThiduaTargetRow *self,
                                const char      *part)
{
  GtkWidget *widget;

  g_return_val_if_fail (THIDUA_IS_TARGET_ROW (self), GTK_INVALID_LIST_POSITION);
  widget = thidua_target_row_get_part (self, part);
  g_return_val_if_fail (GTK_IS_DROP_DOWN (widget), GTK_INVALID_LIST_POSITION);
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (widget));
}

const char *
thidua_target_row_get_text (ThiduaTargetRow *self,
                            const char      *part)
{
  GtkWidget *widget;

  g_return_val_if_fail (THIDUA_IS_TARGET_ROW (self), NULL);
  widget = thidua_target_row_get_part (self, part);
  g_return_val_if_fail (GTK_IS_ENTRY (widget), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

gboolean
thidua_target_row_get_selected (ThiduaTargetRow *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGET_ROW (self), FALSE);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->check));
}

void
thidua_target_row_set_editable (ThiduaTargetRow *self,
                                gboolean         editable)
{
  g_return_if_fail (THIDUA_IS_TARGET_ROW (self));
  /* the row's child, not bound: the row itself unparents it */
  gtk_widget_set_sensitive (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self)), editable);
}

static void
part_edited (ThiduaTargetRow *self,
             GtkWidget       *widget)
{
  if (self->loading)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (G_STRUCT_MEMBER (GtkWidget *, self, parts[i].offset) == widget)
      {
        g_signal_emit (self, signals[EDITED], g_quark_from_static_string (parts[i].part));
        return;
      }
}

static void
dropdown_selected (GtkWidget       *dropdown,
                   GParamSpec      *pspec,
                   ThiduaTargetRow *self)
{
  part_edited (self, dropdown);
}

static void
entry_changed (GtkWidget       *entry,
               ThiduaTargetRow *self)
{
  part_edited (self, entry);
}

static void
check_toggled (ThiduaTargetRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

GtkWidget *
thidua_target_row_new (GListModel *titles,
                       GListModel *bounds,
                       GListModel *measures,
                       GListModel *bases)
{
  ThiduaTargetRow *self = g_object_new (THIDUA_TYPE_TARGET_ROW, NULL);

  self->loading++;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->title_dd), titles);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->bound_dd), bounds);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->measure_dd), measures);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->base_dd), bases);
  self->loading--;
  return GTK_WIDGET (self);
}

static void
thidua_target_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ThiduaTargetRow *self = THIDUA_TARGET_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_SELECTED:
      g_value_set_boolean (value, thidua_target_row_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_target_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ThiduaTargetRow *self = THIDUA_TARGET_ROW (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      thidua_target_row_set_index (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->check), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_target_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), THIDUA_TYPE_TARGET_ROW);
  G_OBJECT_CLASS (thidua_target_row_parent_class)->dispose (object);
}

static void
thidua_target_row_class_init (ThiduaTargetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_target_row_dispose;
  object_class->get_property = thidua_target_row_get_property;
  object_class->set_property = thidua_target_row_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boolean ("selected", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user changed a part; the detail names it. */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-target-row.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaTargetRow, name)
  BIND (check);
  BIND (title_dd);
  BIND (bound_dd);
  BIND (min_entry);
  BIND (dash_label);
  BIND (max_entry);
  BIND (measure_dd);
  BIND (base_box);
  BIND (base_dd);
  BIND (remove_button);
  BIND (sentence_label);
  BIND (error_label);
#undef BIND
}

static void
thidua_target_row_init (ThiduaTargetRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->title_dd, "notify::selected", G_CALLBACK (dropdown_selected), self);
  g_signal_connect (self->bound_dd, "notify::selected", G_CALLBACK (dropdown_selected), self);
  g_signal_connect (self->measure_dd, "notify::selected", G_CALLBACK (dropdown_selected), self);
  g_signal_connect (self->base_dd, "notify::selected", G_CALLBACK (dropdown_selected), self);
  g_signal_connect (self->min_entry, "changed", G_CALLBACK (entry_changed), self);
  g_signal_connect (self->max_entry, "changed", G_CALLBACK (entry_changed), self);
  g_signal_connect_swapped (self->check, "notify::active", G_CALLBACK (check_toggled), self);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->error_label, NULL, -1);
}
