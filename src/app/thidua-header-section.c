/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-header-section.c — the format, the superior and the issuing body. */
#include "config.h"
#include "thidua-header-section.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaHeaderSection
{
  GtkWidget        parent_instance;

  GtkDropDown     *profile_dropdown;
  GtkEntry        *superior_entry;
  GtkEntry        *issuing_entry;
  GtkListStore    *bodies_model;   /* issuing-body completion */
  ThiduaDocument  *document;
  ThiduaPlan      *plan;       /* the document's */
  gboolean         editable;
  guint            loading;    /* >0 while widgets are filled from the plan */
};

static void section_iface_init (ThiduaPlanSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaHeaderSection, thidua_header_section, GTK_TYPE_WIDGET,
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
begin_step (ThiduaHeaderSection *self,
            const char *key)
{
  if (self->loading || self->plan == NULL)
    return FALSE;
  thidua_document_begin_step (self->document, key);
  return TRUE;
}

static void
changed (ThiduaHeaderSection *self,
         const char *field)
{
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), field);
}

static void
load (ThiduaHeaderSection *self)
{
  ThiduaPlan *plan = self->plan;

  gtk_editable_set_text (GTK_EDITABLE (self->superior_entry),
                         plan ? thidua_plan_get_superior_body (plan) : "");
  gtk_editable_set_text (GTK_EDITABLE (self->issuing_entry),
                         plan ? thidua_plan_get_issuing_body (plan) : "");
  if (plan != NULL)
    gtk_drop_down_set_selected (self->profile_dropdown, thidua_plan_get_profile (plan));
}

static void
after_load (ThiduaHeaderSection *self)
{
}

static void
apply_editable (ThiduaHeaderSection *self)
{
  gtk_editable_set_editable (GTK_EDITABLE (self->superior_entry), self->editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->issuing_entry), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_dropdown), self->editable);
}

static void
text_changed (GtkEditable         *editable,
              ThiduaHeaderSection *self)
{
  gboolean superior = GTK_ENTRY (editable) == self->superior_entry;
  const char *field = superior ? "superior_body" : "issuing_body";

  if (!begin_step (self, field))
    return;
  /* the setter normalises to NFC */
  if (superior)
    thidua_plan_set_superior_body (self->plan, gtk_editable_get_text (editable));
  else
    thidua_plan_set_issuing_body (self->plan, gtk_editable_get_text (editable));
  changed (self, field);
}

static void
profile_selected (ThiduaHeaderSection *self)
{
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);

  if (self->loading || self->plan == NULL ||
      selected > THIDUA_PROFILE_YOUTH || selected == thidua_plan_get_profile (self->plan))
    return;
  begin_step (self, NULL);
  thidua_plan_set_profile (self->plan, (ThiduaProfileKind) selected);
  /* the editor hands the new profile to every section */
  changed (self, "profile");
}

static void
section_restore (ThiduaPlanSection *section)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (section);

  self->loading++;
  thidua_plan_section_show_text (GTK_EDITABLE (self->superior_entry),
                                 thidua_plan_get_superior_body (self->plan));
  thidua_plan_section_show_text (GTK_EDITABLE (self->issuing_entry),
                                 thidua_plan_get_issuing_body (self->plan));
  gtk_drop_down_set_selected (self->profile_dropdown, thidua_plan_get_profile (self->plan));
  self->loading--;
}

/* A Party plan shows a Party committee as its example, not a province's
 * people's committee: the examples are the profile's. */
static void
section_profile_changed (ThiduaPlanSection *section,
                         ThiduaProfile     *profile)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (section);

  thidua_plan_section_set_example (self->superior_entry, profile, "superior_body");
  thidua_plan_section_set_example (self->issuing_entry, profile, "issuing_body");
}

static GtkWidget *
section_get_field_widget (ThiduaPlanSection *section,
                          const char        *field)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (section);

  if (g_strcmp0 (field, "superior_body") == 0)
    return GTK_WIDGET (self->superior_entry);
  if (g_strcmp0 (field, "issuing_body") == 0)
    return GTK_WIDGET (self->issuing_entry);
  if (g_strcmp0 (field, "profile") == 0)
    return GTK_WIDGET (self->profile_dropdown);
  return NULL;
}

void
thidua_header_section_set_known_bodies (ThiduaHeaderSection *self,
                                        const char * const  *bodies)
{
  g_return_if_fail (THIDUA_IS_HEADER_SECTION (self));

  gtk_list_store_clear (self->bodies_model);
  for (guint i = 0; bodies && bodies[i]; i++)
    gtk_list_store_insert_with_values (self->bodies_model, NULL, -1, 0, bodies[i], -1);
}

static void
set_document (ThiduaHeaderSection *self,
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
set_editable (ThiduaHeaderSection *self,
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
thidua_header_section_new (void)
{
  return g_object_new (THIDUA_TYPE_HEADER_SECTION, NULL);
}

static void
thidua_header_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (object);

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
thidua_header_section_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (object);

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
thidua_header_section_dispose (GObject *object)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (object);
  GtkWidget *child;

  g_clear_object (&self->bodies_model);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_HEADER_SECTION);
  /* the template's root is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_header_section_parent_class)->dispose (object);
}

static void
thidua_header_section_class_init (ThiduaHeaderSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_header_section_dispose;
  object_class->get_property = thidua_header_section_get_property;
  object_class->set_property = thidua_header_section_set_property;

  g_object_class_override_property (object_class, PROP_DOCUMENT, "document");
  g_object_class_override_property (object_class, PROP_EDITABLE, "editable");
  properties[PROP_DOCUMENT] = g_object_class_find_property (object_class, "document");
  properties[PROP_EDITABLE] = g_object_class_find_property (object_class, "editable");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-header-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaHeaderSection, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ThiduaHeaderSection, superior_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaHeaderSection, issuing_entry);
}

static void
thidua_header_section_init (ThiduaHeaderSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  GtkEntryCompletion *completion;

  g_signal_connect (self->superior_entry, "changed", G_CALLBACK (text_changed), self);
  g_signal_connect (self->issuing_entry, "changed", G_CALLBACK (text_changed), self);
  g_signal_connect_swapped (self->profile_dropdown, "notify::selected",
                            G_CALLBACK (profile_selected), self);
  /* the text widgets keep no history of their own: the document does */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->superior_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->issuing_entry), FALSE);

  /* Bodies used before: the same office writes its name the same way. */
  self->bodies_model = gtk_list_store_new (1, G_TYPE_STRING);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->bodies_model));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (self->issuing_entry, completion);
  g_object_unref (completion);
}
