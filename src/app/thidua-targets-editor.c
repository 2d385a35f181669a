/* thidua-targets-editor.c — the plan's targets (chỉ tiêu) in the form. */
#include "config.h"
#include "thidua-targets-editor.h"
#include "thidua-text.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define SAVE_DELAY_MS   400
#define RETRY_DELAY_MS  3000
/* Keystrokes in the same field within this time are one undo step. */
#define UNDO_COALESCE_US (1500 * G_TIME_SPAN_MILLISECOND)

typedef enum {
  BOUND_AT_LEAST,   /* Có từ 90% trở lên */
  BOUND_AT_MOST,    /* Không quá 15% */
  BOUND_RANGE,      /* Có từ 10 - 15% (or exactly: Có 100%) */
} Bound;

/* One row as typed: the numbers stay text so that a row in error keeps
 * exactly what the user wrote. */
typedef struct {
  char                *title;      /* catalog id */
  Bound                bound;
  char                *min_text;
  char                *max_text;
  ThiduaTargetMeasure  measure;
  char                *base;       /* "staff", "units" or a catalog id */
  gboolean             selected;   /* for "Insert into body" */
} TargetState;

typedef struct _TargetRow TargetRow;

struct _ThiduaTargetsEditor
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkListBox      *list;
  GtkLabel        *status_label;

  ThiduaRegister  *reg;
  gint64           plan_id;
  GtkTextView     *body_view;      /* weak */
  gboolean         editable;

  GtkStringList   *title_model;    /* names, parallel to title_ids */
  GPtrArray       *title_ids;      /* const char *, owned by the catalog */
  GtkStringList   *base_model;
  GPtrArray       *base_ids;       /* char * */
  GtkStringList   *bound_model;
  GtkStringList   *measure_model;

  GPtrArray       *rows;           /* TargetRow * */
  guint            loading;        /* >0 while widgets are filled */

  GPtrArray       *undo_stack;     /* GPtrArray of TargetState * */
  GPtrArray       *redo_stack;
  char            *undo_key;       /* the field the last undo step was for */
  gint64           undo_time;

  guint            save_source;
  gboolean         dirty;
  char            *save_error;     /* the last refusal, NULL when stored */
  gboolean         load_failed;    /* nothing shown, so nothing is written */
};

struct _TargetRow
{
  ThiduaTargetsEditor *self;
  TargetState         *state;
  char                *error;      /* why it cannot be stored; NULL when valid */
  GtkWidget           *row;
  GtkWidget           *check;
  GtkWidget           *title_dd;
  GtkWidget           *bound_dd;
  GtkWidget           *min_entry;
  GtkWidget           *dash_label;
  GtkWidget           *max_entry;
  GtkWidget           *measure_dd;
  GtkWidget           *base_box;
  GtkWidget           *base_dd;
  GtkWidget           *remove_button;
  GtkWidget           *sentence_label;
  GtkWidget           *error_label;
};

G_DEFINE_FINAL_TYPE (ThiduaTargetsEditor, thidua_targets_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REGISTER,
  PROP_PLAN_ID,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNDO_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- states ---- */

static void
target_state_free (TargetState *st)
{
  g_free (st->title);
  g_free (st->min_text);
  g_free (st->max_text);
  g_free (st->base);
  g_free (st);
}

static TargetState *
target_state_copy (const TargetState *st)
{
  TargetState *copy = g_memdup2 (st, sizeof *st);

  copy->title = g_strdup (st->title);
  copy->min_text = g_strdup (st->min_text);
  copy->max_text = g_strdup (st->max_text);
  copy->base = g_strdup (st->base);
  return copy;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (v < 0)
    return g_strdup ("");
  if (fabs (v - round (v)) < 1e-9)
    return g_strdup_printf ("%.0f", v);
  /* a decimal comma, as the sentences write it */
  g_ascii_formatd (buf, sizeof buf, "%.1f", v);
  for (char *p = buf; *p; p++)
    if (*p == '.')
      *p = ',';
  return g_strdup (buf);
}

static TargetState *
target_state_from_target (const ThiduaPlanTarget *t)
{
  TargetState *st = g_new0 (TargetState, 1);

  st->title = g_strdup (t->title);
  st->bound = t->min_value >= 0 && t->max_value >= 0 ? BOUND_RANGE
              : t->max_value >= 0 ? BOUND_AT_MOST : BOUND_AT_LEAST;
  st->min_text = format_number (t->min_value);
  st->max_text = format_number (t->max_value);
  st->measure = t->measure;
  st->base = g_strdup (t->base ? t->base : "staff");
  return st;
}

static GPtrArray *
states_copy (GPtrArray *rows)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) target_state_free);

  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (copy, target_state_copy (((TargetRow *) g_ptr_array_index (rows, i))->state));
  return copy;
}

/* "12,5", "12.5", " 90 %" → value; FALSE with a message naming the problem. */
static gboolean
parse_bound (const char *text,
             gboolean    lower,
             double     *value,
             char      **error)
{
  g_autofree char *shown = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *s = g_strdup (shown);
  char *end = NULL;
  gsize len = strlen (s);

  if (len > 0 && s[len - 1] == '%')
    s[--len] = '\0';
  g_strchomp (s);
  if (*s == '\0')
    {
      *error = g_strdup (lower ? _("Enter the lower bound") : _("Enter the upper bound"));
      return FALSE;
    }
  for (char *p = s; *p; p++)
    if (*p == ',')
      *p = '.';
  *value = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (*value))
    {
      *error = g_strdup_printf (_("“%s” is not a number"), shown);
      return FALSE;
    }
  if (*value < 0)
    {
      *error = g_strdup (_("A target cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

static ThiduaCatalog *
get_catalog (ThiduaTargetsEditor *self)
{
  return self->reg ? thidua_register_get_catalog (self->reg) : NULL;
}

/* The target a row stands for, or NULL with the reason (translated). */
static ThiduaPlanTarget *
state_to_target (ThiduaTargetsEditor *self,
                 const TargetState   *st,
                 char               **error)
{
  ThiduaCatalog *catalog = get_catalog (self);
  g_autoptr(ThiduaPlanTarget) t = NULL;
  g_autoptr(GError) local_error = NULL;
  double lo = -1, hi = -1;

  if (catalog == NULL)
    {
      *error = g_strdup (_("The catalog of titles is not available"));
      return NULL;
    }
  if (st->title == NULL || *st->title == '\0')
    {
      *error = g_strdup (_("Choose a title or rating"));
      return NULL;
    }
  if (thidua_catalog_lookup (catalog, st->title) == NULL)
    {
      *error = g_strdup_printf (_("“%s” is not in the catalog: choose a title or rating"), st->title);
      return NULL;
    }
  if (st->bound != BOUND_AT_MOST && !parse_bound (st->min_text, TRUE, &lo, error))
    return NULL;
  if (st->bound != BOUND_AT_LEAST && !parse_bound (st->max_text, FALSE, &hi, error))
    return NULL;
  if (st->measure == THIDUA_TARGET_PERCENT && (lo > 100 || hi > 100))
    {
      *error = g_strdup (_("A percentage cannot exceed 100"));
      return NULL;
    }
  if (st->measure == THIDUA_TARGET_COUNT
      && ((lo >= 0 && lo != floor (lo)) || (hi >= 0 && hi != floor (hi))))
    {
      *error = g_strdup (_("A count must be a whole number"));
      return NULL;
    }
  if (lo >= 0 && hi >= 0 && lo > hi)
    {
      g_autofree char *a = format_number (lo);
      g_autofree char *b = format_number (hi);

      *error = g_strdup_printf (_("The lower bound %s is above the upper bound %s"), a, b);
      return NULL;
    }
  if (st->measure == THIDUA_TARGET_PERCENT
      && g_strcmp0 (st->base, "staff") != 0 && g_strcmp0 (st->base, "units") != 0
      && thidua_catalog_lookup (catalog, st->base) == NULL)
    {
      *error = g_strdup_printf (_("“%s” is not all staff, units or a title in the catalog"), st->base);
      return NULL;
    }
  t = thidua_plan_target_new (st->title, lo, hi, st->measure,
                              st->measure == THIDUA_TARGET_PERCENT ? st->base : "staff");
  /* the register's own check, in case the catalog asks for more */
  if (!thidua_plan_target_validate (t, catalog, &local_error))
    {
      *error = g_strdup (local_error->message);
      return NULL;
    }
  return g_steal_pointer (&t);
}

/* ---- saving ---- */

static void
update_status (ThiduaTargetsEditor *self)
{
  guint n_errors = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    if (((TargetRow *) g_ptr_array_index (self->rows, i))->error != NULL)
      n_errors++;

  if (self->reg == NULL || self->plan_id == 0)
    text = g_strdup ("");
  else if (self->save_error != NULL)
    text = g_strdup_printf (_("The targets could not be saved: %s. They are kept here and saved again shortly."),
                            self->save_error);
  else if (self->dirty)
    text = g_strdup (_("Saving…"));
  else if (n_errors > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Saved; %u target in error is not stored until it is corrected",
                                         "Saved; %u targets in error are not stored until they are corrected",
                                         n_errors), n_errors);
  else if (self->rows->len > 0)
    text = g_strdup (_("Saved"));
  else
    text = g_strdup ("");

  gtk_label_set_label (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), *text != '\0');
  if (self->save_error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static gboolean save_timeout (gpointer data);

static void
schedule_save (ThiduaTargetsEditor *self,
               guint                delay_ms)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (delay_ms, save_timeout, self);
  update_status (self);
}

static gboolean
save_now (ThiduaTargetsEditor *self,
          GError             **error)
{
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) local_error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->dirty || self->reg == NULL || self->plan_id == 0 || self->load_failed)
    {
      self->dirty = FALSE;
      return TRUE;
    }

  /* Only the valid rows: a row in error stays on screen, saying why,
   * and the others are not held back by it. */
  targets = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_target_free);
  for (guint i = 0; i < self->rows->len; i++)
    {
      TargetRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *why = NULL;
      ThiduaPlanTarget *t = state_to_target (self, row->state, &why);

      if (t != NULL)
        g_ptr_array_add (targets, t);
    }

  g_clear_pointer (&self->save_error, g_free);
  if (!thidua_register_set_targets (self->reg, self->plan_id, targets, &local_error))
    {
      self->save_error = g_strdup (local_error->message);
      /* written as soon as the register takes it */
      self->save_source = g_timeout_add (RETRY_DELAY_MS, save_timeout, self);
      update_status (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->dirty = FALSE;
  update_status (self);
  return TRUE;
}

static gboolean
save_timeout (gpointer data)
{
  ThiduaTargetsEditor *self = data;

  self->save_source = 0;
  save_now (self, NULL);   /* a failure is shown in the status line */
  return G_SOURCE_REMOVE;
}

gboolean
thidua_targets_editor_flush (ThiduaTargetsEditor *self,
                             GError             **error)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), FALSE);
  return save_now (self, error);
}

/* ---- undo ---- */

static void
update_actions (ThiduaTargetsEditor *self)
{
  gboolean active = self->editable && self->reg != NULL && self->plan_id != 0 && !self->load_failed;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "targets.add", active);
  gtk_widget_action_set_enabled (widget, "targets.remove", active);
  gtk_widget_action_set_enabled (widget, "targets.undo", active && self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (widget, "targets.redo", active && self->redo_stack->len > 0);
  gtk_widget_action_set_enabled (widget, "targets.insert",
                                 active && self->body_view != NULL && self->rows->len > 0);
}

/* Called before a change; `key` names the field so that typing in one
 * entry is one step, NULL for changes that are always their own step. */
static void
push_undo (ThiduaTargetsEditor *self,
           const char          *key)
{
  gint64 now = g_get_monotonic_time ();

  if (self->loading)
    return;
  if (key != NULL && g_strcmp0 (key, self->undo_key) == 0
      && now - self->undo_time < UNDO_COALESCE_US && self->undo_stack->len > 0)
    {
      self->undo_time = now;
      return;
    }
  g_free (self->undo_key);
  self->undo_key = g_strdup (key);
  self->undo_time = now;
  g_ptr_array_add (self->undo_stack, states_copy (self->rows));
  g_ptr_array_set_size (self->redo_stack, 0);
  update_actions (self);
  /* the form keeps one history: it records where this step falls among
   * its own steps so that Ctrl+Z anywhere undoes the latest change */
  g_signal_emit (self, signals[UNDO_STEP], 0);
}

/* ---- rows ---- */

static void
target_row_free (TargetRow *row)
{
  target_state_free (row->state);
  g_free (row->error);
  g_free (row);
}

static guint
find_id (GPtrArray  *ids,
         const char *id)
{
  for (guint i = 0; id && i < ids->len; i++)
    if (g_str_equal (g_ptr_array_index (ids, i), id))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Shows what the row will print, or why it cannot. */
static void
validate_row (TargetRow *row)
{
  ThiduaTargetsEditor *self = row->self;
  g_autoptr(ThiduaPlanTarget) t = NULL;
  g_autofree char *sentence = NULL;

  g_clear_pointer (&row->error, g_free);
  t = state_to_target (self, row->state, &row->error);
  if (t != NULL)
    sentence = thidua_plan_target_to_sentence (t, get_catalog (self));

  gtk_label_set_label (GTK_LABEL (row->sentence_label), sentence ? sentence : "");
  gtk_widget_set_visible (row->sentence_label, sentence != NULL);
  gtk_label_set_label (GTK_LABEL (row->error_label), row->error ? row->error : "");
  gtk_widget_set_visible (row->error_label, row->error != NULL);
  if (row->error != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_STATE_INVALID);
}

/* The widgets follow the row's state (bound and measure decide what is
 * shown). */
static void
sync_row_visibility (TargetRow *row)
{
  Bound bound = row->state->bound;

  gtk_widget_set_visible (row->min_entry, bound != BOUND_AT_MOST);
  gtk_widget_set_visible (row->dash_label, bound == BOUND_RANGE);
  gtk_widget_set_visible (row->max_entry, bound != BOUND_AT_LEAST);
  gtk_widget_set_visible (row->base_box, row->state->measure == THIDUA_TARGET_PERCENT);
}

static void
row_changed (TargetRow *row)
{
  ThiduaTargetsEditor *self = row->self;

  sync_row_visibility (row);
  validate_row (row);
  schedule_save (self, SAVE_DELAY_MS);
  update_actions (self);
}

static void
title_selected (GtkDropDown *dd,
                GParamSpec  *pspec,
                TargetRow   *row)
{
  guint pos = gtk_drop_down_get_selected (dd);

  if (row->self->loading || pos == GTK_INVALID_LIST_POSITION || pos >= row->self->title_ids->len)
    return;
  push_undo (row->self, NULL);
  g_free (row->state->title);
  row->state->title = g_strdup (g_ptr_array_index (row->self->title_ids, pos));
  row_changed (row);
}

static void
bound_selected (GtkDropDown *dd,
                GParamSpec  *pspec,
                TargetRow   *row)
{
  guint pos = gtk_drop_down_get_selected (dd);

  if (row->self->loading || pos > BOUND_RANGE)
    return;
  push_undo (row->self, NULL);
  row->state->bound = (Bound) pos;
  row_changed (row);
}

static void
measure_selected (GtkDropDown *dd,
                  GParamSpec  *pspec,
                  TargetRow   *row)
{
  guint pos = gtk_drop_down_get_selected (dd);

  if (row->self->loading || pos > THIDUA_TARGET_COUNT)
    return;
  push_undo (row->self, NULL);
  row->state->measure = (ThiduaTargetMeasure) pos;
  row_changed (row);
}

static void
base_selected (GtkDropDown *dd,
               GParamSpec  *pspec,
               TargetRow   *row)
{
  guint pos = gtk_drop_down_get_selected (dd);

  if (row->self->loading || pos == GTK_INVALID_LIST_POSITION || pos >= row->self->base_ids->len)
    return;
  push_undo (row->self, NULL);
  g_free (row->state->base);
  row->state->base = g_strdup (g_ptr_array_index (row->self->base_ids, pos));
  row_changed (row);
}

static void
bound_text_changed (GtkEditable *editable,
                    TargetRow   *row)
{
  gboolean lower = GTK_WIDGET (editable) == row->min_entry;
  g_autofree char *key = NULL;
  char **text = lower ? &row->state->min_text : &row->state->max_text;

  if (row->self->loading)
    return;
  key = g_strdup_printf ("%p:%s", (gpointer) row, lower ? "min" : "max");
  push_undo (row->self, key);
  g_free (*text);
  *text = thidua_text_nfc (gtk_editable_get_text (editable), -1);
  row_changed (row);
}

static void
select_toggled (GtkCheckButton *check,
                GParamSpec     *pspec,
                TargetRow      *row)
{
  row->state->selected = gtk_check_button_get_active (check);
}

static void
setup_ellipsized (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_ellipsized (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  data)
{
  GtkStringObject *obj = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (obj));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (obj));
}

/* A dropdown; with `shrink` its button shrinks with the form (long
 * catalog names are ellipsized, the full name is in the tooltip). */
static GtkWidget *
make_dropdown (GtkStringList *model,
               gboolean       shrink,
               const char    *accessible_label)
{
  GtkWidget *dd = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (model)), NULL);

  if (shrink)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_ellipsized), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_ellipsized), NULL);
      gtk_drop_down_set_factory (GTK_DROP_DOWN (dd), factory);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return dd;
}

static GtkWidget *
make_entry (const char *text,
            const char *placeholder,
            const char *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
  /* Ctrl+Z reaches the form's history, which holds the target edits */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return entry;
}

static TargetRow *
target_row_new (ThiduaTargetsEditor *self,
                TargetState         *state,
                guint                index)
{
  TargetRow *row = g_new0 (TargetRow, 1);
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
  GtkWidget *box, *line, *label;

  row->self = self;
  row->state = state;

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_row, -1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);

  /* [x] [title ▾] [remove] */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  row->check = gtk_check_button_new ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row->check), state->selected);
  gtk_widget_set_tooltip_text (row->check, _("Insert this target into the body (none ticked: all)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_select, -1);
  g_signal_connect (row->check, "notify::active", G_CALLBACK (select_toggled), row);
  gtk_box_append (GTK_BOX (line), row->check);

  row->title_dd = make_dropdown (self->title_model, TRUE, a11y_title);
  gtk_widget_set_hexpand (row->title_dd, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->title_dd), find_id (self->title_ids, state->title));
  g_signal_connect (row->title_dd, "notify::selected", G_CALLBACK (title_selected), row);
  gtk_box_append (GTK_BOX (line), row->title_dd);

  row->remove_button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (row->remove_button, "flat");
  gtk_widget_set_tooltip_text (row->remove_button, _("Remove this target"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_remove, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row->remove_button), "targets.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row->remove_button), "i", (gint32) index);
  gtk_box_append (GTK_BOX (line), row->remove_button);
  gtk_box_append (GTK_BOX (box), line);

  /* [at least ▾] [10] – [15] [% ▾] */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (line, 28);
  row->bound_dd = make_dropdown (self->bound_model, FALSE, a11y_bound);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->bound_dd), state->bound);
  g_signal_connect (row->bound_dd, "notify::selected", G_CALLBACK (bound_selected), row);
  gtk_box_append (GTK_BOX (line), row->bound_dd);

  row->min_entry = make_entry (state->min_text, C_("target", "from"), a11y_min);
  g_signal_connect (row->min_entry, "changed", G_CALLBACK (bound_text_changed), row);
  gtk_box_append (GTK_BOX (line), row->min_entry);
  row->dash_label = gtk_label_new ("–");
  gtk_box_append (GTK_BOX (line), row->dash_label);
  row->max_entry = make_entry (state->max_text, C_("target", "to"), a11y_max);
  g_signal_connect (row->max_entry, "changed", G_CALLBACK (bound_text_changed), row);
  gtk_box_append (GTK_BOX (line), row->max_entry);

  row->measure_dd = make_dropdown (self->measure_model, FALSE, a11y_measure);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->measure_dd), state->measure);
  g_signal_connect (row->measure_dd, "notify::selected", G_CALLBACK (measure_selected), row);
  gtk_box_append (GTK_BOX (line), row->measure_dd);
  gtk_box_append (GTK_BOX (box), line);

  /* of whom ▾ (percentages only) */
  row->base_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (row->base_box, 28);
  label = gtk_label_new (C_("target", "of"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (row->base_box), label);
  row->base_dd = make_dropdown (self->base_model, TRUE, a11y_base);
  gtk_widget_set_hexpand (row->base_dd, TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (row->base_dd), find_id (self->base_ids, state->base));
  g_signal_connect (row->base_dd, "notify::selected", G_CALLBACK (base_selected), row);
  gtk_box_append (GTK_BOX (row->base_box), row->base_dd);
  gtk_box_append (GTK_BOX (box), row->base_box);

  /* what will be printed, or why not */
  row->sentence_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (row->sentence_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (row->sentence_label), 0);
  gtk_widget_set_margin_start (row->sentence_label, 28);
  gtk_widget_add_css_class (row->sentence_label, "dim-label");
  gtk_widget_add_css_class (row->sentence_label, "caption");
  gtk_box_append (GTK_BOX (box), row->sentence_label);

  row->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (row->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (row->error_label), 0);
  gtk_widget_set_margin_start (row->error_label, 28);
  gtk_widget_add_css_class (row->error_label, "error");
  gtk_widget_add_css_class (row->error_label, "caption");
  gtk_box_append (GTK_BOX (box), row->error_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  row->error_label, NULL, -1);

  gtk_widget_set_sensitive (box, self->editable);
  sync_row_visibility (row);
  validate_row (row);
  return row;
}

static void
append_row (ThiduaTargetsEditor *self,
            TargetState         *state)
{
  TargetRow *row;

  self->loading++;
  row = target_row_new (self, state, self->rows->len);
  self->loading--;
  g_ptr_array_add (self->rows, row);
  gtk_list_box_append (self->list, row->row);
}

/* Replaces every row by `states` (taken). */
static void
set_states (ThiduaTargetsEditor *self,
            GPtrArray           *states)
{
  /* the rows only: the list's placeholder stays */
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, ((TargetRow *) g_ptr_array_index (self->rows, i))->row);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; states && i < states->len; i++)
    append_row (self, target_state_copy (g_ptr_array_index (states, i)));
  update_status (self);
  update_actions (self);
}

static void
load_targets (ThiduaTargetsEditor *self)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) target_state_free);
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->save_error, g_free);
  self->dirty = FALSE;
  self->load_failed = FALSE;
  if (self->reg != NULL && self->plan_id != 0)
    {
      targets = thidua_register_get_targets (self->reg, self->plan_id, &error);
      self->load_failed = targets == NULL;
      for (guint i = 0; targets && i < targets->len; i++)
        g_ptr_array_add (states, target_state_from_target (g_ptr_array_index (targets, i)));
    }
  set_states (self, states);
  if (targets == NULL && error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The targets cannot be read: %s"), error->message);

      /* nothing was loaded, so nothing may be written over it */
      gtk_label_set_label (self->status_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->list), FALSE);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->list), TRUE);
  update_actions (self);
}

/* ---- actions ---- */

static TargetState *
new_state (ThiduaTargetsEditor *self)
{
  TargetState *st = g_new0 (TargetState, 1);

  /* the most common target of the seeds: Lao động tiên tiến, at least
   * a percentage of all staff; the number is left for the user */
  st->title = g_strdup (self->title_ids->len > 0 ? g_ptr_array_index (self->title_ids, 0) : "");
  st->bound = BOUND_AT_LEAST;
  st->min_text = g_strdup ("");
  st->max_text = g_strdup ("");
  st->measure = THIDUA_TARGET_PERCENT;
  st->base = g_strdup ("staff");
  return st;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);
  TargetRow *row;

  push_undo (self, NULL);
  append_row (self, new_state (self));
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  schedule_save (self, SAVE_DELAY_MS);
  update_actions (self);
  gtk_widget_grab_focus (row->min_entry);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);
  gint32 index = g_variant_get_int32 (param);
  g_autoptr(GPtrArray) states = NULL;

  if (index < 0 || (guint) index >= self->rows->len)
    return;
  push_undo (self, NULL);
  states = states_copy (self->rows);
  g_ptr_array_remove_index (states, index);
  set_states (self, states);
  schedule_save (self, SAVE_DELAY_MS);
}

static gboolean
undo_redo (ThiduaTargetsEditor *self,
           GPtrArray           *from,
           GPtrArray           *to)
{
  g_autoptr(GPtrArray) states = NULL;

  if (from->len == 0)
    return FALSE;
  states = g_ptr_array_steal_index (from, from->len - 1);
  g_ptr_array_add (to, states_copy (self->rows));
  g_clear_pointer (&self->undo_key, g_free);
  set_states (self, states);
  schedule_save (self, SAVE_DELAY_MS);
  update_actions (self);
  return TRUE;
}

gboolean
thidua_targets_editor_undo (ThiduaTargetsEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), FALSE);
  return undo_redo (self, self->undo_stack, self->redo_stack);
}

gboolean
thidua_targets_editor_redo (ThiduaTargetsEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), FALSE);
  return undo_redo (self, self->redo_stack, self->undo_stack);
}

void
thidua_targets_editor_clear_redo (ThiduaTargetsEditor *self)
{
  g_return_if_fail (THIDUA_IS_TARGETS_EDITOR (self));
  g_ptr_array_set_size (self->redo_stack, 0);
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);

  undo_redo (self, self->undo_stack, self->redo_stack);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);

  undo_redo (self, self->redo_stack, self->undo_stack);
}

guint
thidua_targets_editor_insert_into_body (ThiduaTargetsEditor *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean any_selected = FALSE;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint n = 0;

  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), 0);

  if (self->body_view == NULL || self->reg == NULL)
    return 0;
  for (guint i = 0; i < self->rows->len; i++)
    any_selected |= ((TargetRow *) g_ptr_array_index (self->rows, i))->state->selected;

  for (guint i = 0; i < self->rows->len; i++)
    {
      TargetRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *why = NULL;
      g_autofree char *sentence = NULL;
      g_autoptr(ThiduaPlanTarget) t = NULL;

      if (any_selected && !row->state->selected)
        continue;
      t = state_to_target (self, row->state, &why);
      if (t == NULL)
        continue;
      sentence = thidua_plan_target_to_sentence (t, get_catalog (self));
      g_string_append_printf (text, "- %s\n", sentence);
      n++;
    }
  if (n == 0)
    {
      gtk_label_set_label (self->status_label, _("There is no valid target to insert"));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return 0;
    }

  buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  /* the lines start on a line of their own */
  if (!gtk_text_iter_starts_line (&iter))
    g_string_prepend_c (text, '\n');
  /* at the very end no empty line is left behind */
  if (gtk_text_iter_is_end (&iter))
    g_string_truncate (text, text->len - 1);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive (buffer, &iter, text->str, (int) text->len,
                                      gtk_text_view_get_editable (self->body_view));
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_mark_onscreen (self->body_view, gtk_text_buffer_get_insert (buffer));
  return n;
}

static void
insert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);

  if (thidua_targets_editor_insert_into_body (self) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* ---- models ---- */

static void
replace_strings (GtkStringList *list,
                 GPtrArray     *strings)
{
  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) strings->pdata);
  g_ptr_array_remove_index (strings, strings->len - 1);
}

/* The titles and ratings of the catalog, and of whom a percentage is
 * counted: all staff, the units, or those holding a title. */
static void
fill_catalog_models (ThiduaTargetsEditor *self)
{
  ThiduaCatalog *catalog = get_catalog (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (self->title_ids, 0);
  g_ptr_array_set_size (self->base_ids, 0);
  g_ptr_array_add (self->base_ids, g_strdup ("staff"));
  g_ptr_array_add (bases, g_strdup (_("all staff")));
  g_ptr_array_add (self->base_ids, g_strdup ("units"));
  g_ptr_array_add (bases, g_strdup (_("all units (faculties, departments)")));

  for (guint i = 0; catalog && i < thidua_catalog_get_n_titles (catalog); i++)
    {
      const ThiduaTitle *title = thidua_catalog_get_title (catalog, i);

      g_ptr_array_add (self->title_ids, title->id);
      g_ptr_array_add (names, title->name);
      if (title->kind == THIDUA_TITLE_KIND_TITLE)
        {
          g_ptr_array_add (self->base_ids, g_strdup (title->id));
          g_ptr_array_add (bases, g_strdup_printf (title->subject == THIDUA_SUBJECT_COLLECTIVE
                                                   ? _("units with “%s”")
                                                   : _("people with “%s”"), title->name));
        }
    }
  replace_strings (self->title_model, names);
  replace_strings (self->base_model, bases);
}

/* ---- public API ---- */

GtkWidget *
thidua_targets_editor_new (void)
{
  return g_object_new (THIDUA_TYPE_TARGETS_EDITOR, NULL);
}

void
thidua_targets_editor_set_register (ThiduaTargetsEditor *self,
                                    ThiduaRegister      *reg)
{
  g_return_if_fail (THIDUA_IS_TARGETS_EDITOR (self));
  g_return_if_fail (reg == NULL || THIDUA_IS_REGISTER (reg));

  if (self->reg == reg)
    return;
  save_now (self, NULL);
  g_set_object (&self->reg, reg);
  fill_catalog_models (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  load_targets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTER]);
}

ThiduaRegister *
thidua_targets_editor_get_register (ThiduaTargetsEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), NULL);
  return self->reg;
}

void
thidua_targets_editor_set_plan_id (ThiduaTargetsEditor *self,
                                   gint64               plan_id)
{
  g_return_if_fail (THIDUA_IS_TARGETS_EDITOR (self));

  if (self->plan_id == plan_id)
    return;
  /* what was typed for the plan shown before goes to that plan */
  save_now (self, NULL);
  self->plan_id = plan_id;
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  load_targets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_ID]);
}

gint64
thidua_targets_editor_get_plan_id (ThiduaTargetsEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), 0);
  return self->plan_id;
}

void
thidua_targets_editor_set_body_view (ThiduaTargetsEditor *self,
                                     GtkTextView         *view)
{
  g_return_if_fail (THIDUA_IS_TARGETS_EDITOR (self));

  if (self->body_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->body_view), (gpointer *) &self->body_view);
  self->body_view = view;
  if (view != NULL)
    g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->body_view);
  update_actions (self);
}

void
thidua_targets_editor_set_editable (ThiduaTargetsEditor *self,
                                    gboolean             editable)
{
  g_return_if_fail (THIDUA_IS_TARGETS_EDITOR (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  for (guint i = 0; i < self->rows->len; i++)
    {
      TargetRow *row = g_ptr_array_index (self->rows, i);

      gtk_widget_set_sensitive (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row->row)), editable);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

guint
thidua_targets_editor_get_n_rows (ThiduaTargetsEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), 0);
  return self->rows->len;
}

void
thidua_targets_editor_add_target (ThiduaTargetsEditor    *self,
                                  const ThiduaPlanTarget *target)
{
  g_return_if_fail (THIDUA_IS_TARGETS_EDITOR (self));
  g_return_if_fail (target != NULL);

  push_undo (self, NULL);
  append_row (self, target_state_from_target (target));
  schedule_save (self, SAVE_DELAY_MS);
  update_actions (self);
}

const char *
thidua_targets_editor_get_row_error (ThiduaTargetsEditor *self,
                                     guint                index)
{
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return ((TargetRow *) g_ptr_array_index (self->rows, index))->error;
}

GtkWidget *
thidua_targets_editor_get_row_widget (ThiduaTargetsEditor *self,
                                      guint                index,
                                      const char          *part)
{
  static const struct {
    const char *part;
    gsize       offset;
  } parts[] = {
    { "select", G_STRUCT_OFFSET (TargetRow, check) },
    { "title", G_STRUCT_OFFSET (TargetRow, title_dd) },
    { "bound", G_STRUCT_OFFSET (TargetRow, bound_dd) },
    { "min", G_STRUCT_OFFSET (TargetRow, min_entry) },
    { "max", G_STRUCT_OFFSET (TargetRow, max_entry) },
    { "measure", G_STRUCT_OFFSET (TargetRow, measure_dd) },
    { "base", G_STRUCT_OFFSET (TargetRow, base_dd) },
    { "remove", G_STRUCT_OFFSET (TargetRow, remove_button) },
    { "sentence", G_STRUCT_OFFSET (TargetRow, sentence_label) },
    { "error", G_STRUCT_OFFSET (TargetRow, error_label) },
  };
  TargetRow *row;

  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), NULL);
  if (index >= self->rows->len)
    return NULL;
  row = g_ptr_array_index (self->rows, index);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (part, parts[i].part) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, row, parts[i].offset);
  return NULL;
}

/* ---- GObject ---- */

static void
thidua_targets_editor_dispose (GObject *object)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (object);
  g_autoptr(GError) error = NULL;

  /* the last keystrokes are not lost when the window closes */
  if (!save_now (self, &error))
    g_message ("The plan's targets could not be saved: %s", error->message);
  g_clear_handle_id (&self->save_source, g_source_remove);
  thidua_targets_editor_set_body_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_TARGETS_EDITOR);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  g_clear_object (&self->reg);

  G_OBJECT_CLASS (thidua_targets_editor_parent_class)->dispose (object);
}

static void
thidua_targets_editor_finalize (GObject *object)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->title_ids, g_ptr_array_unref);
  g_clear_pointer (&self->base_ids, g_ptr_array_unref);
  g_clear_object (&self->title_model);
  g_clear_object (&self->base_model);
  g_clear_object (&self->bound_model);
  g_clear_object (&self->measure_model);
  g_free (self->undo_key);
  g_free (self->save_error);

  G_OBJECT_CLASS (thidua_targets_editor_parent_class)->finalize (object);
}

static void
thidua_targets_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;
    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_targets_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      thidua_targets_editor_set_register (self, g_value_get_object (value));
      break;
    case PROP_PLAN_ID:
      thidua_targets_editor_set_plan_id (self, g_value_get_int64 (value));
      break;
    case PROP_EDITABLE:
      thidua_targets_editor_set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_targets_editor_class_init (ThiduaTargetsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_targets_editor_dispose;
  object_class->finalize = thidua_targets_editor_finalize;
  object_class->get_property = thidua_targets_editor_get_property;
  object_class->set_property = thidua_targets_editor_set_property;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, THIDUA_TYPE_REGISTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_ID] =
    g_param_spec_int64 ("plan-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new undo step was recorded (several keystrokes in one field are
   * one step and emit once). */
  signals[UNDO_STEP] =
    g_signal_new ("undo-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-targets-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaTargetsEditor, box);
  gtk_widget_class_bind_template_child (widget_class, ThiduaTargetsEditor, list);
  gtk_widget_class_bind_template_child (widget_class, ThiduaTargetsEditor, status_label);

  gtk_widget_class_install_action (widget_class, "targets.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "targets.remove", "i", remove_action);
  gtk_widget_class_install_action (widget_class, "targets.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "targets.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "targets.insert", NULL, insert_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
thidua_targets_editor_init (ThiduaTargetsEditor *self)
{
  const char *bounds[] = { _("at least"), _("at most"), _("from – to"), NULL };
  const char *measures[] = { _("percent (%)"), C_("target", "count"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Emulation targets"), -1);

  self->editable = TRUE;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) target_row_free);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->title_ids = g_ptr_array_new ();
  self->base_ids = g_ptr_array_new_with_free_func (g_free);
  self->title_model = gtk_string_list_new (NULL);
  self->base_model = gtk_string_list_new (NULL);
  self->bound_model = gtk_string_list_new (bounds);
  self->measure_model = gtk_string_list_new (measures);

  update_status (self);
  update_actions (self);
}
