/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-subject-section.c — type name and subject. */
#include "config.h"
#include "thidua-subject-section.h"

#include <glib/gi18n.h>

struct _ThiduaSubjectSection
{
  ThiduaPlanSection parent_instance;

  GtkEntry         *type_entry;
  GtkTextView      *subject_view;
};

G_DEFINE_FINAL_TYPE (ThiduaSubjectSection, thidua_subject_section, THIDUA_TYPE_PLAN_SECTION)

static const ThiduaPlanSectionText texts[] = {
  { "type_name", G_STRUCT_OFFSET (ThiduaSubjectSection, type_entry),
    thidua_plan_get_type_name, thidua_plan_set_type_name, NULL },
};

static char *
get_subject (ThiduaSubjectSection *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->subject_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The subject wraps over lines as printed; a line break typed here is
 * kept (secretaries balance the two lines of a long subject by hand). */
static void
subject_changed (ThiduaSubjectSection *self)
{
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  g_autofree char *text = NULL;

  if (!thidua_plan_section_begin_step (section, "subject"))
    return;
  text = get_subject (self);
  thidua_plan_set_subject (thidua_plan_section_get_plan (section), text);
  thidua_plan_section_emit_changed (section, "subject");
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
subject_section_load (ThiduaPlanSection *section)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (section);
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->subject_view);

  /* loading is not an undo step */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, plan ? thidua_plan_get_subject (plan) : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
}

static void
subject_section_restore (ThiduaPlanSection *section)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (section);
  const char *text = thidua_plan_get_subject (thidua_plan_section_get_plan (section));
  g_autofree char *old = get_subject (self);

  if (g_strcmp0 (old, text) == 0)
    return;
  thidua_plan_section_begin_load (section);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->subject_view), text, -1);
  thidua_plan_section_show_cursor (self->subject_view, thidua_plan_section_changed_offset (old, text));
  thidua_plan_section_end_load (section);
}

static void
subject_section_editable_changed (ThiduaPlanSection *section,
                                  gboolean           editable)
{
  gtk_text_view_set_editable (THIDUA_SUBJECT_SECTION (section)->subject_view, editable);
}

static GtkWidget *
subject_section_get_field_widget (ThiduaPlanSection *section,
                                  const char        *field)
{
  ThiduaSubjectSection *self = THIDUA_SUBJECT_SECTION (section);

  return g_strcmp0 (field, "subject") == 0 ? GTK_WIDGET (self->subject_view) : NULL;
}

GtkWidget *
thidua_subject_section_new (void)
{
  return g_object_new (THIDUA_TYPE_SUBJECT_SECTION, NULL);
}

static void
thidua_subject_section_class_init (ThiduaSubjectSectionClass *klass)
{
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  section_class->load = subject_section_load;
  section_class->restore = subject_section_restore;
  section_class->editable_changed = subject_section_editable_changed;
  section_class->get_field_widget = subject_section_get_field_widget;
  thidua_plan_section_class_set_texts (section_class, texts, G_N_ELEMENTS (texts));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-subject-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaSubjectSection, type_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaSubjectSection, subject_view);
}

static void
thidua_subject_section_init (ThiduaSubjectSection *self)
{
  static const guint tab_keys[] = { GDK_KEY_Tab, GDK_KEY_KP_Tab };
  GtkEventController *tab = gtk_shortcut_controller_new ();
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->subject_view);
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (subject_changed), self);
  /* the document keeps the history */
  gtk_text_buffer_set_enable_undo (buffer, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tab_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (tab),
      gtk_shortcut_new (gtk_keyval_trigger_new (tab_keys[i], 0),
                        gtk_callback_action_new (subject_tab, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->subject_view), tab);
}
