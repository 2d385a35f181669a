/* thidua-targets-editor.h — the structured targets (chỉ tiêu) of the open
 * plan as editable rows: a title or rating, at least / at most / from–to,
 * a percentage or a count, of whom.  Every change is stored (debounced)
 * through thidua_register_set_targets(); a row in error says why and is
 * kept on screen but not stored.  "Insert into body" writes the usual
 * sentences as "- " lines at the cursor of the plan's body view. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-register-targets.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_TARGETS_EDITOR (thidua_targets_editor_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaTargetsEditor, thidua_targets_editor, THIDUA, TARGETS_EDITOR, GtkWidget)

GtkWidget  *thidua_targets_editor_new            (void);

/* The register the targets are kept in (NULL: nothing is shown). */
void        thidua_targets_editor_set_register   (ThiduaTargetsEditor *self,
                                                  ThiduaRegister      *reg);
ThiduaRegister *thidua_targets_editor_get_register (ThiduaTargetsEditor *self);
/* Shows the targets of this plan (0: none).  Pending changes of the plan
 * shown before are stored first. */
void        thidua_targets_editor_set_plan_id    (ThiduaTargetsEditor *self,
                                                  gint64               plan_id);
gint64      thidua_targets_editor_get_plan_id    (ThiduaTargetsEditor *self);
/* Where "Insert into body" writes (not referenced). */
void        thidua_targets_editor_set_body_view  (ThiduaTargetsEditor *self,
                                                  GtkTextView         *view);
void        thidua_targets_editor_set_editable   (ThiduaTargetsEditor *self,
                                                  gboolean             editable);

guint       thidua_targets_editor_get_n_rows     (ThiduaTargetsEditor *self);
/* Appends a row (an undo step, saved like any edit). */
void        thidua_targets_editor_add_target     (ThiduaTargetsEditor    *self,
                                                  const ThiduaPlanTarget *target);
/* Why row `index` cannot be stored, or NULL when it is valid. */
const char *thidua_targets_editor_get_row_error  (ThiduaTargetsEditor *self,
                                                  guint                index);
/* The control of a row: "select", "title", "bound", "min", "max",
 * "measure", "base", "remove", "sentence", "error"; for the tests. */
GtkWidget  *thidua_targets_editor_get_row_widget (ThiduaTargetsEditor *self,
                                                  guint                index,
                                                  const char          *part);
/* Stores pending changes now.  FALSE with an error when the register
 * refused them (they stay on screen and are retried on the next edit). */
gboolean    thidua_targets_editor_flush          (ThiduaTargetsEditor *self,
                                                  GError             **error);
/* Inserts the sentences of the selected rows (all valid rows when none
 * is selected) at the body's cursor, as one undo step of the body.
 * Returns how many sentences were inserted. */
guint       thidua_targets_editor_insert_into_body (ThiduaTargetsEditor *self);
/* One step of the editor's history; FALSE when there is none.  The form
 * calls these from its own history ("undo-step" tells it of each step). */
gboolean    thidua_targets_editor_undo           (ThiduaTargetsEditor *self);
gboolean    thidua_targets_editor_redo           (ThiduaTargetsEditor *self);
/* A later edit elsewhere in the form makes the undone steps unreachable. */
void        thidua_targets_editor_clear_redo     (ThiduaTargetsEditor *self);

G_END_DECLS
