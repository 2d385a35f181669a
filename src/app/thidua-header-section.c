/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-header-section.c — the format, the superior and the issuing body. */
#include "config.h"
#include "thidua-header-section.h"

#include <glib/gi18n.h>

struct _ThiduaHeaderSection
{
  ThiduaPlanSection parent_instance;

  GtkDropDown      *profile_dropdown;
  GtkEntry         *superior_entry;
  GtkEntry         *issuing_entry;
  GtkListStore     *bodies_model;   /* issuing-body completion, made when first given */
};

G_DEFINE_FINAL_TYPE (ThiduaHeaderSection, thidua_header_section, THIDUA_TYPE_PLAN_SECTION)

/* A Party plan shows a Party committee as its example, not a province's
 * people's committee: the examples are the profile's. */
static const ThiduaPlanSectionText texts[] = {
  { "superior_body", G_STRUCT_OFFSET (ThiduaHeaderSection, superior_entry),
    thidua_plan_get_superior_body, thidua_plan_set_superior_body, "superior_body" },
  { "issuing_body", G_STRUCT_OFFSET (ThiduaHeaderSection, issuing_entry),
    thidua_plan_get_issuing_body, thidua_plan_set_issuing_body, "issuing_body" },
};

static void
profile_selected (ThiduaHeaderSection *self)
{
  ThiduaPlanSection *section = THIDUA_PLAN_SECTION (self);
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);

  if (!thidua_plan_section_is_user_edit (section) ||
      selected > THIDUA_PROFILE_YOUTH || selected == thidua_plan_get_profile (plan))
    return;
  thidua_plan_section_begin_step (section, NULL);
  thidua_plan_set_profile (plan, (ThiduaProfileKind) selected);
  /* the editor hands the new profile to every section */
  thidua_plan_section_emit_changed (section, "profile");
}

static void
header_section_load (ThiduaPlanSection *section)
{
  ThiduaPlan *plan = thidua_plan_section_get_plan (section);

  if (plan != NULL)
    gtk_drop_down_set_selected (THIDUA_HEADER_SECTION (section)->profile_dropdown,
                                thidua_plan_get_profile (plan));
}

static void
header_section_editable_changed (ThiduaPlanSection *section,
                                 gboolean           editable)
{
  gtk_widget_set_sensitive (GTK_WIDGET (THIDUA_HEADER_SECTION (section)->profile_dropdown), editable);
}

static GtkWidget *
header_section_get_field_widget (ThiduaPlanSection *section,
                                 const char        *field)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (section);

  return g_strcmp0 (field, "profile") == 0 ? GTK_WIDGET (self->profile_dropdown) : NULL;
}

/* Bodies used before: the same office writes its name the same way.
 * The completion is made here, not with the form: a window that never
 * shows a plan does not pay for it. */
void
thidua_header_section_set_known_bodies (ThiduaHeaderSection *self,
                                        const char * const  *bodies)
{
  g_return_if_fail (THIDUA_IS_HEADER_SECTION (self));

  if (self->bodies_model == NULL)
    {
      g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

      self->bodies_model = gtk_list_store_new (1, G_TYPE_STRING);
      gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->bodies_model));
      gtk_entry_completion_set_text_column (completion, 0);
      gtk_entry_completion_set_minimum_key_length (completion, 1);
      gtk_entry_set_completion (self->issuing_entry, completion);
    }
  gtk_list_store_clear (self->bodies_model);
  for (guint i = 0; bodies && bodies[i]; i++)
    gtk_list_store_insert_with_values (self->bodies_model, NULL, -1, 0, bodies[i], -1);
}

GtkWidget *
thidua_header_section_new (void)
{
  return g_object_new (THIDUA_TYPE_HEADER_SECTION, NULL);
}

static void
thidua_header_section_dispose (GObject *object)
{
  ThiduaHeaderSection *self = THIDUA_HEADER_SECTION (object);

  g_clear_object (&self->bodies_model);
  G_OBJECT_CLASS (thidua_header_section_parent_class)->dispose (object);
}

static void
thidua_header_section_class_init (ThiduaHeaderSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ThiduaPlanSectionClass *section_class = THIDUA_PLAN_SECTION_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_header_section_dispose;
  section_class->load = header_section_load;
  section_class->editable_changed = header_section_editable_changed;
  section_class->get_field_widget = header_section_get_field_widget;
  thidua_plan_section_class_set_texts (section_class, texts, G_N_ELEMENTS (texts));

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
  g_signal_connect_swapped (self->profile_dropdown, "notify::selected",
                            G_CALLBACK (profile_selected), self);
}
