/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-section.h — the base of every part of the plan form.  A
 * section shows and edits fields of the document's plan ("document"),
 * follows "editable", and says "changed::FIELD" after an edit reached
 * the plan.  The base owns what all sections share: the document and its
 * plan, the two properties, the "changed" signal, the guard that keeps
 * widgets filled from the plan out of the history, the plain text fields
 * (entry ↔ plan getter and setter) and the disposal of the template.  A
 * section keeps only what is its own, through the class's vfuncs.  The
 * plan editor composes the sections and ties them together (undo shows
 * the restored state in each, a new profile reaches all). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-document.h"
#include "thidua-profile.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_SECTION (thidua_plan_section_get_type ())
G_DECLARE_DERIVABLE_TYPE (ThiduaPlanSection, thidua_plan_section, THIDUA, PLAN_SECTION, GtkWidget)

/* A one-line field of the plan edited in a GtkEntry of the section's
 * template: the base fills it, writes it back as a step of the history,
 * restores it, follows "editable", finds it by name and shows the
 * profile's example in it. */
typedef struct
{
  const char   *field;             /* as named in the JSON */
  gsize         entry_offset;      /* of the GtkEntry * in the instance */
  const char  *(*get) (ThiduaPlan *plan);
  void         (*set) (ThiduaPlan *plan, const char *text);   /* normalises to NFC */
  const char   *example;           /* the profile's placeholder key, or NULL */
} ThiduaPlanSectionText;

struct _ThiduaPlanSectionClass
{
  GtkWidgetClass parent_class;

  /* The document changed (its plan may be NULL): fill the widgets.
   * Runs inside begin_load()/end_load(), after the text fields. */
  void        (*load)             (ThiduaPlanSection *self);
  /* Shows the plan's values again after undo or redo, keeping the
   * cursor where the text did not change (the text fields are done).
   * NULL: load() again, inside begin_load()/end_load(). */
  void        (*restore)          (ThiduaPlanSection *self);
  /* "editable" changed (the text fields follow already). */
  void        (*editable_changed) (ThiduaPlanSection *self,
                                   gboolean           editable);
  /* The plan's profile (its data file; NULL when it cannot be read) was
   * set or changed: placeholders, separators, choices. */
  void        (*profile_changed)  (ThiduaPlanSection *self,
                                   ThiduaProfile     *profile);
  /* The widget editing `field` (as named in the JSON), or NULL; asked
   * when no text field has that name. */
  GtkWidget  *(*get_field_widget) (ThiduaPlanSection *self,
                                   const char        *field);

  /*< private >*/
  const ThiduaPlanSectionText *texts;
  guint                        n_texts;
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
GtkWidget      *thidua_plan_section_get_field_widget (ThiduaPlanSection *self,
                                                      const char        *field);

/* For the sections. */
/* The text fields of the class (a static table; kept, not copied). */
void            thidua_plan_section_class_set_texts  (ThiduaPlanSectionClass      *klass,
                                                      const ThiduaPlanSectionText *texts,
                                                      guint                        n_texts);
/* The document's plan, or NULL. */
ThiduaPlan     *thidua_plan_section_get_plan         (ThiduaPlanSection *self);
/* While loading, the widgets are filled from the plan: their signals
 * are not edits.  Nests. */
void            thidua_plan_section_begin_load       (ThiduaPlanSection *self);
void            thidua_plan_section_end_load         (ThiduaPlanSection *self);
/* TRUE when a widget's change comes from the user: a plan is shown and
 * the section is not loading. */
gboolean        thidua_plan_section_is_user_edit     (ThiduaPlanSection *self);
/* When the change is the user's, the state before it becomes a step of
 * the document's one history (`key` merges keystrokes in one field into
 * one step) and TRUE is returned; FALSE otherwise. */
gboolean        thidua_plan_section_begin_step       (ThiduaPlanSection *self,
                                                      const char        *key);
/* "changed::FIELD" with the edit's monotonic time. */
void            thidua_plan_section_emit_changed     (ThiduaPlanSection *self,
                                                      const char        *field);
/* Sets the entry's placeholder to the profile's example for `key`
 * ("e.g. …"), or none. */
void            thidua_plan_section_set_example      (GtkEntry          *entry,
                                                      ThiduaProfile     *profile,
                                                      const char        *key);
/* The place where `from` and `to` differ, as a character offset in `to`
 * (the end of what changed): where the cursor goes after undo or redo. */
int             thidua_plan_section_changed_offset   (const char *from,
                                                      const char *to);
/* Shows `text` in an entry after undo or redo, the cursor at the change. */
void            thidua_plan_section_show_text        (GtkEditable *editable,
                                                      const char  *text);
/* Puts a text view's cursor at character `offset` and scrolls to it. */
void            thidua_plan_section_show_cursor      (GtkTextView *view,
                                                      int          offset);

G_END_DECLS
