/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-targets-editor.c — the plan's targets (chỉ tiêu) in the form. */
#include "config.h"
#include "thidua-targets-editor.h"
#include "thidua-target-row.h"
#include "thidua-text.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

typedef ThiduaTargetDraft TargetState;

#define BOUND_AT_LEAST THIDUA_TARGET_BOUND_AT_LEAST
#define BOUND_AT_MOST  THIDUA_TARGET_BOUND_AT_MOST
#define BOUND_RANGE    THIDUA_TARGET_BOUND_RANGE
typedef ThiduaTargetBound Bound;

typedef struct _TargetRow TargetRow;

struct _ThiduaTargetsEditor
{
  ThiduaPlanSection parent_instance;

  GtkWidget       *box;
  GtkListBox      *list;
  GtkLabel        *status_label;

  GtkTextView     *body_view;      /* weak */

  GtkStringList   *title_model;    /* names, parallel to title_ids */
  GPtrArray       *title_ids;      /* const char *, owned by the catalog */
  GtkStringList   *base_model;
  GPtrArray       *base_ids;       /* char * */
  GtkStringList   *bound_model;
  GtkStringList   *measure_model;

  GPtrArray       *rows;           /* TargetRow * */
};

struct _TargetRow
{
  ThiduaTargetsEditor *self;
  TargetState         *state;      /* a copy of the document's target */
  char                *error;      /* why it cannot be stored; NULL when valid */
  ThiduaTargetRow     *widget;
};

/* A section of the plan form: the document holds the targets, their
 * history and their saving. */
G_DEFINE_FINAL_TYPE (ThiduaTargetsEditor, thidua_targets_editor, THIDUA_TYPE_PLAN_SECTION)

static ThiduaDocument *
get_document (ThiduaTargetsEditor *self)
{
  return thidua_plan_section_get_document (THIDUA_PLAN_SECTION (self));
}

static ThiduaCatalog *
get_catalog (ThiduaTargetsEditor *self)
{
  ThiduaRegister *reg = thidua_targets_editor_get_register (self);

  return reg ? thidua_register_get_catalog (reg) : NULL;
}

/* ---- status ---- */

static gboolean
has_targets (ThiduaTargetsEditor *self)
{
  ThiduaDocument *document = get_document (self);

  return document != NULL && thidua_document_get_register (document) != NULL &&
         thidua_document_get_targets_error (document) == NULL;
}

static void
update_status (ThiduaTargetsEditor *self)
{
  ThiduaDocument *document = get_document (self);
  guint n_errors = 0;
  g_autofree char *text = NULL;
  const GError *error = document ? thidua_document_get_error (document) : NULL;
  ThiduaSaveState state = document ? thidua_document_get_state (document) : THIDUA_SAVE_STATE_SAVED;

  for (guint i = 0; i < self->rows->len; i++)
    if (((TargetRow *) g_ptr_array_index (self->rows, i))->error != NULL)
      n_errors++;

  if (document != NULL && thidua_document_get_targets_error (document) != NULL)
    /* nothing was loaded, so nothing is written over it */
    text = g_strdup_printf (_("The targets cannot be read: %s"),
                            thidua_document_get_targets_error (document)->message);
  else if (!has_targets (self))
    text = g_strdup ("");
  else if (state == THIDUA_SAVE_STATE_FAILED && error != NULL)
    text = g_strdup_printf (_("The targets could not be saved: %s. They are kept here and saved again shortly."),
                            error->message);
  else if (state == THIDUA_SAVE_STATE_PENDING && self->rows->len > 0)
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
  if (state == THIDUA_SAVE_STATE_FAILED ||
      (document != NULL && thidua_document_get_targets_error (document) != NULL))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

gboolean
thidua_targets_editor_flush (ThiduaTargetsEditor *self,
                             GError             **error)
{
  ThiduaDocument *document;

  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), FALSE);
  document = get_document (self);
  return document == NULL || thidua_document_flush (document, error);
}

static void
update_actions (ThiduaTargetsEditor *self)
{
  gboolean active = thidua_plan_section_get_editable (THIDUA_PLAN_SECTION (self)) && has_targets (self);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "targets.add", active);
  gtk_widget_action_set_enabled (widget, "targets.remove", active);
  gtk_widget_action_set_enabled (widget, "targets.insert",
                                 active && self->body_view != NULL && self->rows->len > 0);
}

/* ---- rows ---- */

static void
target_row_free (TargetRow *row)
{
  thidua_target_draft_free (row->state);
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

/* Shows the row's state, what it will print, or why it cannot. */
static void
show_row (TargetRow *row)
{
  ThiduaTargetsEditor *self = row->self;
  g_autoptr(ThiduaPlanTarget) t = NULL;
  g_autofree char *sentence = NULL;

  thidua_target_row_show (row->widget, row->state, find_id (self->title_ids, row->state->title),
                          find_id (self->base_ids, row->state->base));
  g_clear_pointer (&row->error, g_free);
  t = thidua_target_draft_to_target (row->state, get_catalog (self), &row->error);
  if (t != NULL)
    sentence = thidua_plan_target_to_sentence (t, get_catalog (self));
  thidua_target_row_set_outcome (row->widget, sentence, row->error);
}

/* The user changed a part of the row: its copy follows and becomes a step
 * of the document.  Typing in one number merges into one step. */
static void
row_edited (ThiduaTargetRow *widget,
            TargetRow       *row)
{
  ThiduaTargetsEditor *self = row->self;
  TargetState *state = row->state;
  guint pos, index;
  g_autofree char *min = thidua_text_nfc (thidua_target_row_get_text (widget, "min"), -1);
  g_autofree char *max = thidua_text_nfc (thidua_target_row_get_text (widget, "max"), -1);
  g_autofree char *key = NULL;

  if (!thidua_plan_section_is_user_edit (THIDUA_PLAN_SECTION (self)))
    return;
  if (g_strcmp0 (min, state->min_text ? state->min_text : "") != 0)
    key = g_strdup_printf ("target:%p:min", (gpointer) row);
  else if (g_strcmp0 (max, state->max_text ? state->max_text : "") != 0)
    key = g_strdup_printf ("target:%p:max", (gpointer) row);
  g_free (state->min_text);
  state->min_text = g_steal_pointer (&min);
  g_free (state->max_text);
  state->max_text = g_steal_pointer (&max);

  pos = thidua_target_row_get_position (widget, "title");
  if (pos != GTK_INVALID_LIST_POSITION && pos < self->title_ids->len)
    {
      g_free (state->title);
      state->title = g_strdup (g_ptr_array_index (self->title_ids, pos));
    }
  pos = thidua_target_row_get_position (widget, "bound");
  if (pos <= BOUND_RANGE)
    state->bound = (Bound) pos;
  pos = thidua_target_row_get_position (widget, "measure");
  if (pos <= THIDUA_TARGET_COUNT)
    state->measure = (ThiduaTargetMeasure) pos;
  pos = thidua_target_row_get_position (widget, "base");
  if (pos != GTK_INVALID_LIST_POSITION && pos < self->base_ids->len)
    {
      g_free (state->base);
      state->base = g_strdup (g_ptr_array_index (self->base_ids, pos));
    }

  if (g_ptr_array_find (self->rows, row, &index))
    thidua_document_set_target (get_document (self), index, row->state, key);
  thidua_plan_section_begin_load (THIDUA_PLAN_SECTION (self));
  show_row (row);
  thidua_plan_section_end_load (THIDUA_PLAN_SECTION (self));
  update_status (self);
  update_actions (self);
}

static TargetRow *
target_row_new (ThiduaTargetsEditor *self,
                TargetState         *state,
                guint                index)
{
  TargetRow *row = g_new0 (TargetRow, 1);

  row->self = self;
  row->state = state;
  row->widget = THIDUA_TARGET_ROW (thidua_target_row_new (G_LIST_MODEL (self->title_model),
                                                          G_LIST_MODEL (self->bound_model),
                                                          G_LIST_MODEL (self->measure_model),
                                                          G_LIST_MODEL (self->base_model)));
  thidua_target_row_set_index (row->widget, index);
  thidua_target_row_set_editable (row->widget, thidua_plan_section_get_editable (THIDUA_PLAN_SECTION (self)));
  show_row (row);
  g_signal_connect (row->widget, "edited", G_CALLBACK (row_edited), row);
  return row;
}

static void
append_row (ThiduaTargetsEditor *self,
            TargetState         *state)
{
  TargetRow *row;

  thidua_plan_section_begin_load (THIDUA_PLAN_SECTION (self));
  row = target_row_new (self, state, self->rows->len);
  thidua_plan_section_end_load (THIDUA_PLAN_SECTION (self));
  g_ptr_array_add (self->rows, row);
  gtk_list_box_append (self->list, GTK_WIDGET (row->widget));
}

/* Shows `draft` in an existing row: the widgets stay, and so does the
 * focus (Ctrl+Shift+Z right after Ctrl+Z reaches the same form). */
static void
row_show (TargetRow               *row,
          const ThiduaTargetDraft *draft)
{
  thidua_target_draft_free (row->state);
  row->state = thidua_target_draft_copy (draft);
  thidua_plan_section_begin_load (THIDUA_PLAN_SECTION (row->self));
  show_row (row);
  thidua_plan_section_end_load (THIDUA_PLAN_SECTION (row->self));
}

/* Shows the document's targets again (loading, undo, redo, removal). */
static void
rebuild_rows (ThiduaTargetsEditor *self)
{
  ThiduaDocument *document = get_document (self);
  guint n = document ? thidua_document_get_n_targets (document) : 0;

  if (n > 0 && n == self->rows->len)
    {
      for (guint i = 0; i < n; i++)
        row_show (g_ptr_array_index (self->rows, i), thidua_document_get_target (document, i));
      update_status (self);
      update_actions (self);
      return;
    }

  /* the rows only: the list's placeholder stays */
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, GTK_WIDGET (((TargetRow *) g_ptr_array_index (self->rows, i))->widget));
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < n; i++)
    append_row (self, thidua_target_draft_copy (thidua_document_get_target (document, i)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->list),
                            document == NULL ||
                            thidua_document_get_targets_error (document) == NULL);
  update_status (self);
  update_actions (self);
}

/* ---- actions ---- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);
  /* the most common target of the seeds: Lao động tiên tiến, at least
   * a percentage of all staff; the number is left for the user */
  g_autoptr(ThiduaTargetDraft) draft =
    thidua_target_draft_new (self->title_ids->len > 0 ? g_ptr_array_index (self->title_ids, 0) : "");
  TargetRow *row;

  if (!has_targets (self))
    return;
  thidua_document_insert_target (get_document (self), self->rows->len, draft);
  append_row (self, g_steal_pointer (&draft));
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  update_status (self);
  update_actions (self);
  gtk_widget_grab_focus (thidua_target_row_get_part (row->widget, "min"));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (widget);
  gint32 index = g_variant_get_int32 (param);

  if (!has_targets (self) || index < 0 || (guint) index >= self->rows->len)
    return;
  thidua_document_remove_target (get_document (self), index);
  rebuild_rows (self);
}

guint
thidua_targets_editor_insert_into_body (ThiduaTargetsEditor *self)
{
  ThiduaDocument *document = get_document (self);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean any_selected = FALSE;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint n = 0;

  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), 0);

  if (self->body_view == NULL || get_catalog (self) == NULL)
    return 0;
  for (guint i = 0; i < self->rows->len; i++)
    any_selected |= thidua_target_row_get_selected (((TargetRow *) g_ptr_array_index (self->rows, i))->widget);

  for (guint i = 0; i < self->rows->len; i++)
    {
      TargetRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *why = NULL;
      g_autofree char *sentence = NULL;
      g_autoptr(ThiduaPlanTarget) t = NULL;

      if (any_selected && !thidua_target_row_get_selected (row->widget))
        continue;
      t = thidua_target_draft_to_target (row->state, get_catalog (self), &why);
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

  /* one step of its own, not merged with typing in the body */
  if (document != NULL)
    thidua_history_break (thidua_document_get_history (document));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive (buffer, &iter, text->str, (int) text->len,
                                      gtk_text_view_get_editable (self->body_view));
  gtk_text_buffer_end_user_action (buffer);
  if (document != NULL)
    thidua_history_break (thidua_document_get_history (document));
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

/* The document changed: its register's catalog and its targets. */
static void
targets_editor_load (ThiduaPlanSection *section)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (section);
  ThiduaDocument *document = thidua_plan_section_get_document (section);

  /* the base disconnects it when the document changes */
  if (document != NULL)
    g_signal_connect_object (document, "notify::state", G_CALLBACK (update_status),
                             self, G_CONNECT_SWAPPED);
  /* the rows of the plan shown before go first: refilling the catalog
   * models changes their dropdowns, and nothing must reach this document */
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, GTK_WIDGET (((TargetRow *) g_ptr_array_index (self->rows, i))->widget));
  g_ptr_array_set_size (self->rows, 0);
  fill_catalog_models (self);
  rebuild_rows (self);
}

static void
targets_editor_restore (ThiduaPlanSection *section)
{
  rebuild_rows (THIDUA_TARGETS_EDITOR (section));
}

static void
targets_editor_editable_changed (ThiduaPlanSection *section,
                                 gboolean           editable)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (section);

  for (guint i = 0; i < self->rows->len; i++)
    thidua_target_row_set_editable (((TargetRow *) g_ptr_array_index (self->rows, i))->widget, editable);
  update_actions (self);
}

ThiduaRegister *
thidua_targets_editor_get_register (ThiduaTargetsEditor *self)
{
  ThiduaDocument *document;

  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), NULL);
  document = get_document (self);
  return document ? thidua_document_get_register (document) : NULL;
}

gint64
thidua_targets_editor_get_plan_id (ThiduaTargetsEditor *self)
{
  ThiduaDocument *document;

  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), 0);
  document = get_document (self);
  return document ? thidua_plan_get_id (thidua_document_get_plan (document)) : 0;
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

  if (!has_targets (self))
    return;
  {
    g_autoptr(ThiduaTargetDraft) draft = thidua_target_draft_new_from_target (target);

    thidua_document_insert_target (get_document (self), self->rows->len, draft);
    append_row (self, g_steal_pointer (&draft));
  }
  update_status (self);
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
  g_return_val_if_fail (THIDUA_IS_TARGETS_EDITOR (self), NULL);
  if (index >= self->rows->len)
    return NULL;
  return thidua_target_row_get_part (((TargetRow *) g_ptr_array_index (self->rows, index))->widget, part);
}

/* ---- GObject ---- */

static void
thidua_targets_editor_dispose (GObject *object)
{
  thidua_targets_editor_set_body_view (THIDUA_TARGETS_EDITOR (object), NULL);
  G_OBJECT_CLASS (thidua_targets_editor_parent_class)->dispose (object);
}

static void
thidua_targets_editor_finalize (GObject *object)
{
  ThiduaTargetsEditor *self = THIDUA_TARGETS_EDITOR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->title_ids, g_ptr_array_unref);
  g_clear_pointer (&self->base_ids, g_ptr_array_unref);
  g_clear_object (&self->title_model);
  g_clear_object (&self->base_model);
  g_clear_object (&self->bound_model);
  g_clear_object (&self->measure_model);

  G_OBJECT_CLASS (thidua_targets_editor_parent_class)->finalize (object);
}

static void
thidua_targets_editor_class_init (ThiduaTargetsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_targets_editor_dispose;
  object_class->finalize = thidua_targets_editor_finalize;
  section_class->load = targets_editor_load;
  section_class->restore = targets_editor_restore;
  section_class->editable_changed = targets_editor_editable_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-targets-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaTargetsEditor, box);
  gtk_widget_class_bind_template_child (widget_class, ThiduaTargetsEditor, list);
  gtk_widget_class_bind_template_child (widget_class, ThiduaTargetsEditor, status_label);

  gtk_widget_class_install_action (widget_class, "targets.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "targets.remove", "i", remove_action);
  gtk_widget_class_install_action (widget_class, "targets.insert", NULL, insert_action);

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

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) target_row_free);
  self->title_ids = g_ptr_array_new ();
  self->base_ids = g_ptr_array_new_with_free_func (g_free);
  self->title_model = gtk_string_list_new (NULL);
  self->base_model = gtk_string_list_new (NULL);
  self->bound_model = gtk_string_list_new (bounds);
  self->measure_model = gtk_string_list_new (measures);

  update_status (self);
  update_actions (self);
}
