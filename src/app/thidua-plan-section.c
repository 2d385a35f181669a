/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-section.c — the interface of the plan form's parts. */
#include "config.h"
#include "thidua-plan-section.h"

#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_INTERFACE (ThiduaPlanSection, thidua_plan_section, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
thidua_plan_section_default_init (ThiduaPlanSectionInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("document", NULL, NULL, THIDUA_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An edit reached the plan; the detail is the field, the argument the
   * edit's monotonic time (µs), for the preview latency measurement. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

ThiduaDocument *
thidua_plan_section_get_document (ThiduaPlanSection *self)
{
  ThiduaDocument *document = NULL;

  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), NULL);
  g_object_get (self, "document", &document, NULL);
  /* the section keeps its own reference */
  if (document != NULL)
    g_object_unref (document);
  return document;
}

void
thidua_plan_section_set_document (ThiduaPlanSection *self,
                                  ThiduaDocument    *document)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  g_object_set (self, "document", document, NULL);
}

gboolean
thidua_plan_section_get_editable (ThiduaPlanSection *self)
{
  gboolean editable = TRUE;

  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), FALSE);
  g_object_get (self, "editable", &editable, NULL);
  return editable;
}

void
thidua_plan_section_set_editable (ThiduaPlanSection *self,
                                  gboolean           editable)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  g_object_set (self, "editable", editable, NULL);
}

void
thidua_plan_section_restore (ThiduaPlanSection *self)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  if (THIDUA_PLAN_SECTION_GET_IFACE (self)->restore != NULL)
    THIDUA_PLAN_SECTION_GET_IFACE (self)->restore (self);
}

void
thidua_plan_section_profile_changed (ThiduaPlanSection *self,
                                     ThiduaProfile     *profile)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  if (THIDUA_PLAN_SECTION_GET_IFACE (self)->profile_changed != NULL)
    THIDUA_PLAN_SECTION_GET_IFACE (self)->profile_changed (self, profile);
}

void
thidua_plan_section_set_example (GtkEntry      *entry,
                                 ThiduaProfile *profile,
                                 const char    *field)
{
  const char *example = profile ? thidua_profile_get_placeholder (profile, field) : NULL;
  g_autofree char *text = example && *example ? g_strdup_printf (_("e.g. %s"), example) : NULL;

  gtk_entry_set_placeholder_text (entry, text);
}

GtkWidget *
thidua_plan_section_get_field_widget (ThiduaPlanSection *self,
                                      const char        *field)
{
  g_return_val_if_fail (THIDUA_IS_PLAN_SECTION (self), NULL);
  if (THIDUA_PLAN_SECTION_GET_IFACE (self)->get_field_widget == NULL)
    return NULL;
  return THIDUA_PLAN_SECTION_GET_IFACE (self)->get_field_widget (self, field);
}

void
thidua_plan_section_emit_changed (ThiduaPlanSection *self,
                                  const char        *field)
{
  g_return_if_fail (THIDUA_IS_PLAN_SECTION (self));
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (field), g_get_monotonic_time ());
}

int
thidua_plan_section_changed_offset (const char *from,
                                    const char *to)
{
  const char *a = from, *b = to;
  const char *ea = from + strlen (from), *eb = to + strlen (to);

  while (*a && *a == *b)
    a++, b++;
  while (ea > a && eb > b && ea[-1] == eb[-1])
    ea--, eb--;
  while (eb > to && (*eb & 0xc0) == 0x80)   /* not inside a character */
    eb--;
  return (int) g_utf8_strlen (to, eb - to);
}

void
thidua_plan_section_show_text (GtkEditable *editable,
                               const char  *text)
{
  const char *old = gtk_editable_get_text (editable);
  int pos;

  if (g_strcmp0 (old, text) == 0)
    return;
  pos = thidua_plan_section_changed_offset (old, text);
  gtk_editable_set_text (editable, text);
  gtk_editable_set_position (editable, pos);
}
