/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-editor.c — the plan form: its sections, one document. */
#include "config.h"
#include "thidua-plan-editor.h"
#include "thidua-body-section.h"
#include "thidua-header-section.h"
#include "thidua-number-section.h"
#include "thidua-recipients-section.h"
#include "thidua-signer-section.h"
#include "thidua-subject-section.h"
#include "thidua-targets-editor.h"
#include "thidua-document.h"
#include "thidua-layout.h"
#include "thidua-profile.h"

#include <glib/gi18n.h>

struct _ThiduaPlanEditor
{
  GtkWidget                parent_instance;

  GtkScrolledWindow       *scroller;
  GtkExpander             *header_expander;
  ThiduaHeaderSection     *header_section;
  ThiduaNumberSection     *number_section;
  ThiduaSubjectSection    *subject_section;
  ThiduaBodySection       *body_section;
  ThiduaTargetsEditor     *targets_editor;
  ThiduaRecipientsSection *recipients_section;
  ThiduaSignerSection     *signer_section;

  ThiduaDocument          *document;   /* the plan edited, its targets and history */
  GPtrArray               *marked;     /* widgets marked by warnings */
  gboolean                 editable;   /* FALSE on a read-only database */
};

G_DEFINE_FINAL_TYPE (ThiduaPlanEditor, thidua_plan_editor, GTK_TYPE_WIDGET)

/* In a window lower than this the header folds when a plan is opened
 * (1024×600 folds, 1366×768 does not). */
#define SMALL_WINDOW_HEIGHT 700

enum {
  CHANGED,
  BODY_CURSOR_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The sections in the order of the page (the targets editor is one too). */
static ThiduaPlanSection *
section_at (ThiduaPlanEditor *self,
            guint             i)
{
  gpointer sections[] = {
    self->header_section, self->number_section, self->subject_section, self->body_section,
    self->targets_editor, self->recipients_section, self->signer_section,
  };

  return i < G_N_ELEMENTS (sections) ? THIDUA_PLAN_SECTION (sections[i]) : NULL;
}

#define FOREACH_SECTION(self, s) \
  for (guint _i = 0; ((s) = section_at ((self), _i)) != NULL; _i++)

static void
emit_changed (ThiduaPlanEditor *self,
              gint64            time)
{
  g_signal_emit (self, signals[CHANGED], 0, time);
}

/* Each section reads what its part of the page looks like in this
 * profile (placeholders, separators, authority prefixes). */
static void
apply_profile (ThiduaPlanEditor *self)
{
  g_autoptr(ThiduaProfile) profile = NULL;
  ThiduaPlanSection *section;

  if (self->document == NULL)
    return;
  /* a profile that cannot be read is reported by the preview */
  profile = thidua_profile_load_for_kind (thidua_plan_get_profile (thidua_document_get_plan (self->document)),
                                          NULL);
  FOREACH_SECTION (self, section)
    thidua_plan_section_profile_changed (section, profile);
}

/* ------------------------------------------------------------------ */
/* What one section's edit means for the others                       */

static void
section_changed (ThiduaPlanEditor *self,
                 gint64            time)
{
  emit_changed (self, time);
}

static void
suggestion_input_changed (ThiduaPlanEditor *self)
{
  thidua_number_section_update_suggestion (self->number_section);
}

static void
profile_changed (ThiduaPlanEditor *self)
{
  apply_profile (self);
  thidua_number_section_update_suggestion (self->number_section);
}

static void
body_cursor_moved (ThiduaPlanEditor *self,
                   guint64           offset)
{
  g_signal_emit (self, signals[BODY_CURSOR_MOVED], 0, offset);
}

/* ------------------------------------------------------------------ */
/* One history                                                        */

static void
update_undo_actions (ThiduaPlanEditor *self)
{
  ThiduaHistory *history = self->document ? thidua_document_get_history (self->document) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 self->editable && history && thidua_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 self->editable && history && thidua_history_can_redo (history));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  if (self->document == NULL || !self->editable)
    return;
  if (g_str_equal (action_name, "editor.undo"))
    thidua_document_undo (self->document);
  else
    thidua_document_redo (self->document);
}

/* Ctrl+Z and Ctrl+Shift+Z, caught before any text widget sees them: the
 * form has one history, wherever the focus is. */
static gboolean
key_history (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  if (self->document == NULL || !self->editable)
    return FALSE;
  if (g_variant_get_boolean (args))
    thidua_document_redo (self->document);
  else
    thidua_document_undo (self->document);
  return TRUE;
}

/* Tab from the subject: the body is the next thing written. */
static void
focus_body_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (widget);

  gtk_widget_grab_focus (GTK_WIDGET (thidua_body_section_get_view (self->body_section)));
}

/* Undo or redo put a whole state back: every section shows it. */
static void
document_restored (ThiduaPlanEditor *self)
{
  ThiduaPlanSection *section;

  FOREACH_SECTION (self, section)
    thidua_plan_section_restore (section);
  apply_profile (self);
  emit_changed (self, g_get_monotonic_time ());
}

/* ------------------------------------------------------------------ */

void
thidua_plan_editor_set_document (ThiduaPlanEditor *self,
                                 ThiduaDocument   *document)
{
  ThiduaPlanSection *section;

  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));
  g_return_if_fail (document == NULL || THIDUA_IS_DOCUMENT (document));

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (thidua_document_get_history (self->document), self);
    }
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      ThiduaHistory *history = thidua_document_get_history (document);

      /* after any handler that changes the plan again */
      g_signal_connect_object (document, "restored",
                               G_CALLBACK (document_restored), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
      g_signal_connect_object (history, "notify::can-undo",
                               G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (history, "notify::can-redo",
                               G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
    }
  FOREACH_SECTION (self, section)
    thidua_plan_section_set_document (section, document);
  apply_profile (self);
  update_undo_actions (self);
  /* On a small screen (1024×600) the header folds, so that the subject
   * and the body, where the writing is, are in sight. */
  {
    /* the window's height: the form may not be laid out yet (welcome
     * page), nor the window itself (a plan opened at start) */
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    int width = 0, height = root ? gtk_widget_get_height (GTK_WIDGET (root)) : 0;

    if (height == 0 && GTK_IS_WINDOW (root))
      gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
    if (height > 0)
      gtk_expander_set_expanded (self->header_expander, height >= SMALL_WINDOW_HEIGHT);
  }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

ThiduaDocument *
thidua_plan_editor_get_document (ThiduaPlanEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  return self->document;
}

ThiduaPlan *
thidua_plan_editor_get_plan (ThiduaPlanEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  return self->document ? thidua_document_get_plan (self->document) : NULL;
}

void
thidua_plan_editor_set_editable (ThiduaPlanEditor *self,
                                 gboolean          editable)
{
  ThiduaPlanSection *section;

  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));

  self->editable = editable;
  FOREACH_SECTION (self, section)
    thidua_plan_section_set_editable (section, editable);
  update_undo_actions (self);
  /* the symbol follows the suggestion from now on, as typed */
  thidua_number_section_update_suggestion (self->number_section);
}

ThiduaTargetsEditor *
thidua_plan_editor_get_targets_editor (ThiduaPlanEditor *self)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  return self->targets_editor;
}

GtkWidget *
thidua_plan_editor_get_section (ThiduaPlanEditor *self,
                                const char       *name)
{
  static const char * const names[] = {
    "header", "number", "subject", "body", "targets", "recipients", "signer",
  };

  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return GTK_WIDGET (section_at (self, i));
  return NULL;
}

void
thidua_plan_editor_set_known_bodies (ThiduaPlanEditor   *self,
                                     const char * const *bodies)
{
  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));
  thidua_header_section_set_known_bodies (self->header_section, bodies);
}

GtkWidget *
thidua_plan_editor_get_field_widget (ThiduaPlanEditor *self,
                                     const char       *field)
{
  ThiduaPlanSection *section;

  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), NULL);

  FOREACH_SECTION (self, section)
    {
      GtkWidget *widget = thidua_plan_section_get_field_widget (section, field);

      if (widget != NULL)
        return widget;
    }
  return NULL;
}

gboolean
thidua_plan_editor_focus_field (ThiduaPlanEditor *self,
                                const char       *field,
                                int               line)
{
  GtkWidget *widget;

  g_return_val_if_fail (THIDUA_IS_PLAN_EDITOR (self), FALSE);

  if (g_strcmp0 (field, "body") == 0 && line >= 0)
    {
      thidua_body_section_goto_line (self->body_section, line);
      return TRUE;
    }
  widget = thidua_plan_editor_get_field_widget (self, field);
  if (widget == NULL)
    return FALSE;
  if (gtk_widget_is_ancestor (widget, GTK_WIDGET (self->header_expander)))
    gtk_expander_set_expanded (self->header_expander, TRUE);
  return gtk_widget_grab_focus (widget);
}

void
thidua_plan_editor_set_warnings (ThiduaPlanEditor *self,
                                 GPtrArray        *warnings)
{
  g_return_if_fail (THIDUA_IS_PLAN_EDITOR (self));

  for (guint i = 0; i < self->marked->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (self->marked, i);

      gtk_widget_remove_css_class (w, "warning");
      gtk_widget_set_tooltip_text (w, NULL);
    }
  g_ptr_array_set_size (self->marked, 0);
  thidua_recipients_section_set_message (self->recipients_section, "");

  for (guint i = 0; warnings && i < warnings->len; i++)
    {
      ThiduaLayoutWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *w;

      if (g_strcmp0 (warning->field, "recipients") == 0)
        {
          thidua_recipients_section_set_message (self->recipients_section, warning->message);
          continue;
        }
      if (g_strcmp0 (warning->field, "body") == 0)
        continue;   /* listed under the preview and in the outline */
      w = thidua_plan_editor_get_field_widget (self, warning->field);
      if (w == NULL)
        continue;
      /* Non-blocking: a mark and the reason, never a refused keystroke. */
      gtk_widget_add_css_class (w, "warning");
      gtk_widget_set_tooltip_text (w, warning->message);
      g_ptr_array_add (self->marked, w);
    }
}

static void
thidua_plan_editor_dispose (GObject *object)
{
  ThiduaPlanEditor *self = THIDUA_PLAN_EDITOR (object);
  GtkWidget *child;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (thidua_document_get_history (self->document), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_PLAN_EDITOR);
  /* The template's root is not a bound child: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  G_OBJECT_CLASS (thidua_plan_editor_parent_class)->dispose (object);
}

static void
thidua_plan_editor_class_init (ThiduaPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = thidua_plan_editor_dispose;

  /* Emitted after an edit reached the plan; the argument is the edit's
   * monotonic time (µs), for the preview latency measurement. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* The cursor in the body moved: its byte offset in the body text, so
   * the preview can show that page. */
  signals[BODY_CURSOR_MOVED] = g_signal_new ("body-cursor-moved", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, G_TYPE_UINT64);

  g_type_ensure (THIDUA_TYPE_HEADER_SECTION);
  g_type_ensure (THIDUA_TYPE_NUMBER_SECTION);
  g_type_ensure (THIDUA_TYPE_SUBJECT_SECTION);
  g_type_ensure (THIDUA_TYPE_BODY_SECTION);
  g_type_ensure (THIDUA_TYPE_TARGETS_EDITOR);
  g_type_ensure (THIDUA_TYPE_RECIPIENTS_SECTION);
  g_type_ensure (THIDUA_TYPE_SIGNER_SECTION);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-plan-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaPlanEditor, name)
  BIND (scroller);
  BIND (header_expander);
  BIND (header_section);
  BIND (number_section);
  BIND (subject_section);
  BIND (body_section);
  BIND (targets_editor);
  BIND (recipients_section);
  BIND (signer_section);
#undef BIND

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "editor.focus-body", NULL, focus_body_action);
}

static void
thidua_plan_editor_init (ThiduaPlanEditor *self)
{
  /* Shift turns z into Z, so both are listed. */
  static const struct { guint keyval; GdkModifierType mods; gboolean redo; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
    { GDK_KEY_y, GDK_CONTROL_MASK, TRUE },
  };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  ThiduaPlanSection *section;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->marked = g_ptr_array_new ();

  /* Caught before any text widget sees them (capture phase): the form
   * keeps one history, so Ctrl+Z undoes the last step wherever the focus
   * is. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].keyval, keys[i].mods),
                                       gtk_callback_action_new (key_history, NULL, NULL),
                                       "b", keys[i].redo));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  self->editable = TRUE;
  update_undo_actions (self);

  FOREACH_SECTION (self, section)
    {
      /* what one section's edit means for the others comes first */
      if (section == THIDUA_PLAN_SECTION (self->header_section))
        {
          g_signal_connect_object (section, "changed::issuing_body",
                                   G_CALLBACK (suggestion_input_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (section, "changed::profile",
                                   G_CALLBACK (profile_changed), self, G_CONNECT_SWAPPED);
        }
      else if (section == THIDUA_PLAN_SECTION (self->subject_section))
        g_signal_connect_object (section, "changed::type_name",
                                 G_CALLBACK (suggestion_input_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (section, "changed", G_CALLBACK (section_changed),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->body_section, "cursor-moved", G_CALLBACK (body_cursor_moved),
                           self, G_CONNECT_SWAPPED);
  thidua_targets_editor_set_body_view (self->targets_editor,
                                       thidua_body_section_get_view (self->body_section));
}

GtkWidget *
thidua_plan_editor_new (void)
{
  return g_object_new (THIDUA_TYPE_PLAN_EDITOR, NULL);
}
