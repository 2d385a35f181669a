/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan-editor.h — the form of one plan, composed of section
 * widgets in the order of the printed page (header, number and date,
 * type and subject, body with its outline, targets, recipients, signer),
 * all bound to one ThiduaDocument: one history, one Ctrl+Z.  Edits go
 * straight into the plan; "changed" tells the window. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-plan.h"
#include "thidua-symbol.h"
#include "thidua-targets-editor.h"
#include "thidua-document.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_EDITOR (thidua_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPlanEditor, thidua_plan_editor, THIDUA, PLAN_EDITOR, GtkWidget)

GtkWidget  *thidua_plan_editor_new            (void);
/* Shows and edits the document's plan and targets (NULL: nothing).
 * Every change is a step of the document's history. */
void        thidua_plan_editor_set_document   (ThiduaPlanEditor *self,
                                               ThiduaDocument   *document);
ThiduaDocument *thidua_plan_editor_get_document (ThiduaPlanEditor *self);
ThiduaPlan *thidua_plan_editor_get_plan       (ThiduaPlanEditor *self);
void        thidua_plan_editor_set_editable   (ThiduaPlanEditor *self,
                                               gboolean          editable);
ThiduaTargetsEditor *thidua_plan_editor_get_targets_editor (ThiduaPlanEditor *self);
/* A section of the form ("header", "number", "subject", "body",
 * "targets", "recipients", "signer"), a ThiduaPlanSection; NULL when
 * there is no such section. */
GtkWidget  *thidua_plan_editor_get_section    (ThiduaPlanEditor *self,
                                               const char       *name);
/* Issuing bodies used before, for completion. */
void        thidua_plan_editor_set_known_bodies (ThiduaPlanEditor  *self,
                                                 const char * const *bodies);
/* Marks the fields named by the layout warnings (ThiduaLayoutWarning). */
void        thidua_plan_editor_set_warnings   (ThiduaPlanEditor *self,
                                               GPtrArray        *warnings);
/* Focuses the field as named in the JSON ("subject", "signer.name",
 * "body" with a 0-based line, …); FALSE when there is no such field. */
gboolean    thidua_plan_editor_focus_field    (ThiduaPlanEditor *self,
                                               const char       *field,
                                               int               line);
/* The widget editing a field, for tests and accessibility checks. */
GtkWidget  *thidua_plan_editor_get_field_widget (ThiduaPlanEditor *self,
                                                 const char       *field);

G_END_DECLS
