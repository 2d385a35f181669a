/* thidua-plan-editor.h — the form of one plan, grouped as on the printed
 * page: header, type and subject, body with its outline, recipients,
 * signer.  Edits go straight into the plan; "changed" tells the window. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-plan.h"
#include "thidua-targets-editor.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN_EDITOR (thidua_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPlanEditor, thidua_plan_editor, THIDUA, PLAN_EDITOR, GtkWidget)

GtkWidget  *thidua_plan_editor_new            (void);
/* Shows and edits plan (NULL: nothing). */
void        thidua_plan_editor_set_plan       (ThiduaPlanEditor *self,
                                               ThiduaPlan       *plan);
ThiduaPlan *thidua_plan_editor_get_plan       (ThiduaPlanEditor *self);
void        thidua_plan_editor_set_editable   (ThiduaPlanEditor *self,
                                               gboolean          editable);
/* The register keeping the plans' targets (chỉ tiêu), edited in the
 * section "Chỉ tiêu thi đua" (NULL: the section shows nothing). */
void        thidua_plan_editor_set_register   (ThiduaPlanEditor *self,
                                               ThiduaRegister   *reg);
ThiduaTargetsEditor *thidua_plan_editor_get_targets_editor (ThiduaPlanEditor *self);
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

/* "KH-SYT" (state, union) or "KH/TCT" (party) from the type name and the
 * issuing body; "" when there is nothing to suggest. */
char       *thidua_suggest_symbol             (const char        *type_name,
                                               const char        *issuing_body,
                                               ThiduaProfileKind  profile);

G_END_DECLS
