/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-subject-section.c — type name and subject. */
#include "config.h"
#include "thidua-subject-section.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaSubjectSection
{
  GtkWidget        parent_instance;

  GtkEntry        *type_entry;
  GtkTextView     *subject_view;
  ThiduaDocument  *document;
  ThiduaPlan      *plan;       /* the document's */
  gboolean         editable;
  guint            loading;    /* >0 while widgets are filled from the plan */
};

static void section_iface_init (ThiduaPlanSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaSubjectSection, thidua_subject_section, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (THIDUA_TYPE_PLAN_SECTION, section_iface_init))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The state before a user change becomes a step of the document's one
 * history; `key` merges keystrokes in one field into one step. */
static gboolean
begin_step (ThiduaSubjectSection *self,
            const char *key)
{
  if (self->loading || self->plan == NULL)
    return FALSE;
  thidua_document_begin_step (self->document, key);
  return TRUE;
}

static void
changed (ThiduaSubjectSection *self,
         const char *field)
{
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), field);
}

static void
load_subject (ThiduaSubjectSection *self,
              const char           *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->subject_view);

  /* loading is not an undo step */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (buffer);
}

static void
load (ThiduaSubjectSection *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->type_entry),
                         self->plan ? thidua_plan_get_type_name (self->plan) : "");
  load_subject (self, self->plan ? thidua_plan_get_subject (self->plan) : "");
}

static void
after_load (ThiduaSubjectSection *self)
{
}

static void
apply_editable (ThiduaSubjectSection *self)
{
  gtk_editable_set_editable (GTK_EDITABLE (self->type_entry), self->editable);
  gtk_text_view_set_editable (self->subject_view, self->editable);
}

static void
type_changed (ThiduaSubjectSection *self)
{
  if (!begin_step (self, "type_name"))
    return;
  thidua_plan_set_type_name (self->plan, gtk_editable_get_text (GTK_EDITABLE (self->type_entry)));
  changed (self, "type_name");
}

/* The subject wraps over lines as printed; a line break typed here is
 * kept (secretaries balance the two lines of a long subject by hand). */
static void
subject_changed (GtkTextBuffer        *buffer,
                 ThiduaSubjectSection *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->plan == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  begin_step (self, "subject");
  thidua_plan_set_subject (self->plan, text);
  changed (self, "subject");
}

/* Tab from the subject goes to the body, the next thing written (the
 * formatting buttons and the outline are clicked, not tabbed). */
static gboolean
subject_tab (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  return gtk_widget_activate_action (widget, "editor.focus-body", NULL);
}

static void
section_restore (ThiduaPlanSection *section)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (section);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->subject_view);
  const char *text = thidua_plan_get_subject (self->plan);
  g_autofree char *old = NULL;
  GtkTextIter start, end;
  int pos;

  self->loading++;
  thidua_plan_section_show_text (GTK_EDITABLE (self->type_entry), thidua_plan_get_type_name (self->plan));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  old = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (old, text) != 0)
    {
      pos = thidua_plan_section_changed_offset (old, text);
      gtk_text_buffer_set_text (buffer, text, -1);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, pos);
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_text_view_scroll_mark_onscreen (self->subject_view, gtk_text_buffer_get_insert (buffer));
    }
  self->loading--;
}

static void
section_profile_changed (ThiduaPlanSection *section,
                         ThiduaProfile     *profile)
{
}

static GtkWidget *
section_get_field_widget (ThiduaPlanSection *section,
                          const char        *field)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (section);

  if (g_strcmp0 (field, "type_name") == 0)
    return GTK_WIDGET (self->type_entry);
  if (g_strcmp0 (field, "subject") == 0)
    return GTK_WIDGET (self->subject_view);
  return NULL;
}

static void
set_document (ThiduaSubjectSection *self,
              ThiduaDocument *document)
{
  if (self->document == document)
    return;
  g_set_object (&self->document, document);
  g_clear_object (&self->plan);
  if (document != NULL)
    self->plan = g_object_ref (thidua_document_get_plan (document));
  self->loading++;
  load (self);
  self->loading--;
  after_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
set_editable (ThiduaSubjectSection *self,
              gboolean editable)
{
  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  apply_editable (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

static void
section_iface_init (ThiduaPlanSectionInterface *iface)
{
  iface->restore = section_restore;
  iface->profile_changed = section_profile_changed;
  iface->get_field_widget = section_get_field_widget;
}

GtkWidget *
thidua_subject_section_new (void)
{
  return g_object_new (THIDUA_TYPE_SUBJECT_SECTION, NULL);
}

static void
thidua_subject_section_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_subject_section_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (self, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      set_editable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_subject_section_dispose (GObject *object)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_SUBJECT_SECTION);
  /* the template's root is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_subject_section_parent_class)->dispose (object);
}

static void
thidua_subject_section_class_init (ThiduaSubjectSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_subject_section_dispose;
  object_class->get_property = thidua_subject_section_get_property;
  object_class->set_property = thidua_subject_section_set_property;

  g_object_class_override_property (object_class, PROP_DOCUMENT, "document");
  g_object_class_override_property (object_class, PROP_EDITABLE, "editable");
  properties[PROP_DOCUMENT] = g_object_class_find_property (object_class, "document");
  properties[PROP_EDITABLE] = g_object_class_find_property (object_class, "editable");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-subject-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaSubjectSection, type_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaSubjectSection, subject_view);
}

static void
thidua_subject_section_init (ThiduaSubjectSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  GtkEventController *tab = gtk_shortcut_controller_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->subject_view);

  g_signal_connect_swapped (self->type_entry, "changed", G_CALLBACK (type_changed), self);
  g_signal_connect (buffer, "changed", G_CALLBACK (subject_changed), self);
  /* the text widgets keep no history of their own: the document does */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->type_entry), FALSE);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tab),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Tab, 0),
                      gtk_callback_action_new (subject_tab, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tab),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Tab, 0),
                      gtk_callback_action_new (subject_tab, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->subject_view), tab);
}
