/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-signer-section.c — the signature block. */
#include "config.h"
#include "thidua-signer-section.h"

#include <glib/gi18n.h>

struct _ThiduaSignerSection
{
  ThiduaPlanSection parent_instance;

  GtkDropDown      *authority_dropdown;
  GtkStringList    *authority_model;
  GtkEntry         *on_behalf_entry;
  GtkEntry         *position_entry;
  GtkEntry         *signer_name_entry;
};

G_DEFINE_FINAL_TYPE (ThiduaSignerSection, thidua_signer_section, THIDUA_TYPE_PLAN_SECTION)

/* The profile has its own example of the body signed for and the
 * position. */
static const ThiduaPlanSectionText texts[] = {
  { "signer.on_behalf_of", G_STRUCT_OFFSET (ThiduaSignerSection, on_behalf_entry),
    thidua_plan_get_signer_on_behalf_of, thidua_plan_set_signer_on_behalf_of, "on_behalf_of" },
  { "signer.position", G_STRUCT_OFFSET (ThiduaSignerSection, position_entry),
    thidua_plan_get_signer_position, thidua_plan_set_signer_position, "position" },
  { "signer.name", G_STRUCT_OFFSET (ThiduaSignerSection, signer_name_entry),
    thidua_plan_get_signer_name, thidua_plan_set_signer_name, NULL },
};

/* Authority prefixes offered per profile (the first is "none"). */
static const char * const state_authorities[] = { "", "TM.", "KT.", "Q.", "TL.", "TUQ.", NULL };
static const char * const party_authorities[] = { "", "T/M", "K/T", "T/L", "Q.", NULL };

static const char * const *
authorities_for (ThiduaProfileKind kind)
{
  return kind == THIDUA_PROFILE_PARTY ? party_authorities : state_authorities;
}

static void
fill_authorities (ThiduaSignerSection *self)
{
  ThiduaPlan *plan = thidua_plan_section_get_plan (THIDUA_PLAN_SECTION (self));
  const char * const *list;
  const char *current;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  guint selected = 0, n = 0;
  gboolean found = FALSE;

  if (plan == NULL)
    return;
  list = authorities_for (thidua_plan_get_profile (plan));
  current = thidua_plan_get_signer_authority (plan);
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

  thidua_plan_section_begin_load (THIDUA_PLAN_SECTION (self));
  gtk_string_list_splice (self->authority_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->authority_model)),
                          (const char * const *) items);
  gtk_drop_down_set_selected (self->authority_dropdown, selected);
  thidua_plan_section_end_load (THIDUA_PLAN_SECTION (self));
}

static void
authority_selected (ThiduaSignerSection *self)
{
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);
  const char * const *list;
  guint selected;
  const char *value;

  if (!thidua_plan_section_begin_step (section, NULL))
    return;
  list = authorities_for (thidua_plan_get_profile (plan));
  selected = gtk_drop_down_get_selected (self->authority_dropdown);
  if (selected < g_strv_length ((GStrv) list))
    value = list[selected];
  else
    value = gtk_string_list_get_string (self->authority_model, selected);
  thidua_plan_set_signer_authority (plan, value ? value : "");
  thidua_plan_section_emit_changed (section, "signer.authority");
}

static void
signer_section_load (ThiduaPlanSection *section)
{
  fill_authorities (THIDUA_SIGNER_SECTION (section));
}

static void
signer_section_editable_changed (ThiduaPlanSection *section,
                                 gboolean           editable)
{
  gtk_widget_set_sensitive (GTK_WIDGET (THIDUA_SIGNER_SECTION (section)->authority_dropdown), editable);
}

/* The profile offers its own prefixes (TM. or T/M). */
static void
signer_section_profile_changed (ThiduaPlanSection *section,
                                ThiduaProfile     *profile)
{
  fill_authorities (THIDUA_SIGNER_SECTION (section));
}

static GtkWidget *
signer_section_get_field_widget (ThiduaPlanSection *section,
                                 const char        *field)
{
  ThiduaSignerSection *self = THIDUA_SIGNER_SECTION (section);

  if (g_strcmp0 (field, "signer.authority") == 0 || g_strcmp0 (field, "signer") == 0)
    return GTK_WIDGET (self->authority_dropdown);
  return NULL;
}

GtkWidget *
thidua_signer_section_new (void)
{
  return g_object_new (THIDUA_TYPE_SIGNER_SECTION, NULL);
}

static void
thidua_signer_section_class_init (ThiduaSignerSectionClass *klass)
{
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  section_class->load = signer_section_load;
  section_class->editable_changed = signer_section_editable_changed;
  section_class->profile_changed = signer_section_profile_changed;
  section_class->get_field_widget = signer_section_get_field_widget;
  thidua_plan_section_class_set_texts (section_class, texts, G_N_ELEMENTS (texts));

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
  g_signal_connect_swapped (self->authority_dropdown, "notify::selected",
                            G_CALLBACK (authority_selected), self);
}
