/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-section.h — what every part of the plan form is: it shows
 * and edits fields of the document's plan ("document"), follows
 * "editable", and says "changed::FIELD" after an edit reached the plan.
 * The plan editor composes the sections and ties them together (undo
 * shows the restored state in each, a new profile reaches all). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-document.h"
#include "thidua-profile.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_SECTION (thidua_plan_section_get_type ())
G_DECLARE_INTERFACE (ThiduaPlanSection, thidua_plan_section, THIDUA, PLAN_SECTION, GtkWidget)

struct _ThiduaPlanSectionInterface
{
  GTypeInterface parent_iface;

  /* Shows the plan's values again after undo or redo, keeping the
   * cursor where the text did not change. */
  void        (*restore)          (ThiduaPlanSection *self);
  /* The plan's profile (its data file; NULL when it cannot be read) was
   * set or changed: placeholders, separators, choices. */
  void        (*profile_changed)  (ThiduaPlanSection *self,
                                   ThiduaProfile     *profile);
  /* The widget editing `field` (as named in the JSON), or NULL. */
  GtkWidget  *(*get_field_widget) (ThiduaPlanSection *self,
                                   const char        *field);
};

ThiduaDocument *thidua_plan_section_get_document     (ThiduaPlanSection *self);
void            thidua_plan_section_set_document     (ThiduaPlanSection *self,
                                                      ThiduaDocument    *document);
gboolean        thidua_plan_section_get_editable     (ThiduaPlanSection *self);
void            thidua_plan_section_set_editable     (ThiduaPlanSection *self,
                                                      gboolean           editable);
void            thidua_plan_section_restore          (ThiduaPlanSection *self);
void            thidua_plan_section_profile_changed  (ThiduaPlanSection *self,
                                                      ThiduaProfile     *profile);
/* Sets the entry's placeholder to the profile's example for `field`
 * ("e.g. …"), or none. */
void            thidua_plan_section_set_example      (GtkEntry          *entry,
                                                      ThiduaProfile     *profile,
                                                      const char        *field);
GtkWidget      *thidua_plan_section_get_field_widget (ThiduaPlanSection *self,
                                                      const char        *field);

/* For the sections: "changed::FIELD" with the edit's monotonic time. */
void            thidua_plan_section_emit_changed     (ThiduaPlanSection *self,
                                                      const char        *field);

/* Helpers the sections share. */
/* The place where `from` and `to` differ, as a character offset in `to`
 * (the end of what changed): where the cursor goes after undo or redo. */
int             thidua_plan_section_changed_offset   (const char *from,
                                                      const char *to);
/* Shows `text` in an entry after undo or redo, the cursor at the change. */
void            thidua_plan_section_show_text        (GtkEditable *editable,
                                                      const char  *text);

G_END_DECLS
