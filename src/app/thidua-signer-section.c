/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-signer-section.c — the signature block. */
#include "config.h"
#include "thidua-signer-section.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaSignerSection
{
  GtkWidget        parent_instance;

  GtkDropDown     *authority_dropdown;
  GtkStringList   *authority_model;
  GtkEntry        *on_behalf_entry;
  GtkEntry        *position_entry;
  GtkEntry        *signer_name_entry;
  ThiduaDocument  *document;
  ThiduaPlan      *plan;       /* the document's */
  gboolean         editable;
  guint            loading;    /* >0 while widgets are filled from the plan */
};

static void section_iface_init (ThiduaPlanSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaSignerSection, thidua_signer_section, GTK_TYPE_WIDGET,
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
begin_step (ThiduaSignerSection *self,
            const char *key)
{
  if (self->loading || self->plan == NULL)
    return FALSE;
  thidua_document_begin_step (self->document, key);
  return TRUE;
}

static void
changed (ThiduaSignerSection *self,
         const char *field)
{
  thidua_plan_section_emit_changed (THIDUA_PLAN_SECTION (self), field);
}

/* Authority prefixes offered per profile (the first is "none"). */
static const char * const state_authorities[] = { "", "TM.", "KT.", "Q.", "TL.", "TUQ.", NULL };
static const char * const party_authorities[] = { "", "T/M", "K/T", "T/L", "Q.", NULL };

static const struct {
  const char *field;
  gsize       offset;
  const char *(*get) (ThiduaPlan *);
  void        (*set) (ThiduaPlan *, const char *);
} text_fields[] = {
  { "signer.on_behalf_of", G_STRUCT_OFFSET (ThiduaSignerSection, on_behalf_entry),
    thidua_plan_get_signer_on_behalf_of, thidua_plan_set_signer_on_behalf_of },
  { "signer.position", G_STRUCT_OFFSET (ThiduaSignerSection, position_entry),
    thidua_plan_get_signer_position, thidua_plan_set_signer_position },
  { "signer.name", G_STRUCT_OFFSET (ThiduaSignerSection, signer_name_entry),
    thidua_plan_get_signer_name, thidua_plan_set_signer_name },
};

#define FIELD_ENTRY(self, i) (*(GtkEntry **) G_STRUCT_MEMBER_P ((self), text_fields[i].offset))

static const char * const *
authorities_for (ThiduaProfileKind kind)
{
  return kind == THIDUA_PROFILE_PARTY ? party_authorities : state_authorities;
}

static void
fill_authorities (ThiduaSignerSection *self)
{
  const char * const *list;
  const char *current;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  guint selected = 0, n = 0;
  gboolean found = FALSE;

  if (self->plan == NULL)
    return;
  list = authorities_for (thidua_plan_get_profile (self->plan));
  current = thidua_plan_get_signer_authority (self->plan);
  for (guint i = 0; list[i]; i++, n++)
    {
      g_strv_builder_add (builder, *list[i] ? list[i] : _("(none)"));
      if (g_strcmp0 (list[i], current) == 0)
        {
          selected = i;
          found = TRUE;
        }
    }
  /* A prefix from an imported plan that the list lacks is kept. */
  if (!found && *current)
    {
      g_strv_builder_add (builder, current);
      selected = n;
    }
  items = g_strv_builder_end (builder);

  self->loading++;
  gtk_string_list_splice (self->authority_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->authority_model)),
                          (const char * const *) items);
  gtk_drop_down_set_selected (self->authority_dropdown, selected);
  self->loading--;
}

static void
authority_selected (ThiduaSignerSection *self)
{
  const char * const *list;
  guint selected;
  const char *value;

  if (!begin_step (self, NULL))
    return;
  list = authorities_for (thidua_plan_get_profile (self->plan));
  selected = gtk_drop_down_get_selected (self->authority_dropdown);
  if (selected < g_strv_length ((GStrv) list))
    value = list[selected];
  else
    value = gtk_string_list_get_string (self->authority_model, selected);
  thidua_plan_set_signer_authority (self->plan, value ? value : "");
  changed (self, "signer.authority");
}

static void
text_changed (GtkEditable         *editable,
              ThiduaSignerSection *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "thidua-field"));

  if (!begin_step (self, text_fields[i].field))
    return;
  /* the setter normalises to NFC */
  text_fields[i].set (self->plan, gtk_editable_get_text (editable));
  changed (self, text_fields[i].field);
}

static void
load (ThiduaSignerSection *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (FIELD_ENTRY (self, i)),
                           self->plan ? text_fields[i].get (self->plan) : "");
  fill_authorities (self);
}

static void
after_load (ThiduaSignerSection *self)
{
}

static void
apply_editable (ThiduaSignerSection *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_editable (GTK_EDITABLE (FIELD_ENTRY (self, i)), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->authority_dropdown), self->editable);
}

static void
section_restore (ThiduaPlanSection *section)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (section);

  self->loading++;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    thidua_plan_section_show_text (GTK_EDITABLE (FIELD_ENTRY (self, i)),
                                   text_fields[i].get (self->plan));
  self->loading--;
  fill_authorities (self);
}

/* The profile offers its own prefixes (TM. or T/M) and its own example
 * of the body signed for and the position. */
static void
section_profile_changed (ThiduaPlanSection *section,
                         ThiduaProfile     *profile)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (section);

  fill_authorities (self);
  thidua_plan_section_set_example (self->on_behalf_entry, profile, "on_behalf_of");
  thidua_plan_section_set_example (self->position_entry, profile, "position");
}

static GtkWidget *
section_get_field_widget (ThiduaPlanSection *section,
                          const char        *field)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (section);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (g_strcmp0 (field, text_fields[i].field) == 0)
      return GTK_WIDGET (FIELD_ENTRY (self, i));
  if (g_strcmp0 (field, "signer.authority") == 0 || g_strcmp0 (field, "signer") == 0)
    return GTK_WIDGET (self->authority_dropdown);
  return NULL;
}

static void
set_document (ThiduaSignerSection *self,
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
set_editable (ThiduaSignerSection *self,
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
thidua_signer_section_new (void)
{
  return g_object_new (THIDUA_TYPE_SIGNER_SECTION, NULL);
}

static void
thidua_signer_section_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (object);

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
thidua_signer_section_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (object);

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
thidua_signer_section_dispose (GObject *object)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_SIGNER_SECTION);
  /* the template's root is not a bound child */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_signer_section_parent_class)->dispose (object);
}

static void
thidua_signer_section_class_init (ThiduaSignerSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_signer_section_dispose;
  object_class->get_property = thidua_signer_section_get_property;
  object_class->set_property = thidua_signer_section_set_property;

  g_object_class_override_property (object_class, PROP_DOCUMENT, "document");
  g_object_class_override_property (object_class, PROP_EDITABLE, "editable");
  properties[PROP_DOCUMENT] = g_object_class_find_property (object_class, "document");
  properties[PROP_EDITABLE] = g_object_class_find_property (object_class, "editable");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-signer-section.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaSignerSection, authority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ThiduaSignerSection, authority_model);
  gtk_widget_class_bind_template_child (widget_class, ThiduaSignerSection, on_behalf_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaSignerSection, position_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaSignerSection, signer_name_entry);
}

static void
thidua_signer_section_init (ThiduaSignerSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editable = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkEntry *entry = FIELD_ENTRY (self, i);

      g_object_set_data (G_OBJECT (entry), "thidua-field", GUINT_TO_POINTER (i));
      g_signal_connect (entry, "changed", G_CALLBACK (text_changed), self);
      /* the text widgets keep no history of their own: the document does */
      gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
    }
  g_signal_connect_swapped (self->authority_dropdown, "notify::selected",
                            G_CALLBACK (authority_selected), self);
}
