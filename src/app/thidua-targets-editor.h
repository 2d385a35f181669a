/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-targets-editor.h — the structured targets (chỉ tiêu) of the open
 * plan as editable rows: a title or rating, at least / at most / from–to,
 * a percentage or a count, of whom.  The rows show the document's
 * targets; every change is a step of the document, which stores it with
 * the plan; a row in error says why and is kept but not stored.  "Insert into body" writes the usual
 * sentences as "- " lines at the cursor of the plan's body view. */
#pragma once

#include "thidua-plan-section.h"
#include "thidua-register-targets.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_TARGETS_EDITOR (thidua_targets_editor_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaTargetsEditor, thidua_targets_editor, THIDUA, TARGETS_EDITOR, ThiduaPlanSection)

GtkWidget  *thidua_targets_editor_new            (void);
/* The document ("document") and "editable" are ThiduaPlanSection's. */
ThiduaRegister *thidua_targets_editor_get_register (ThiduaTargetsEditor *self);
gint64      thidua_targets_editor_get_plan_id    (ThiduaTargetsEditor *self);
/* Where "Insert into body" writes (not referenced). */
void        thidua_targets_editor_set_body_view  (ThiduaTargetsEditor *self,
                                                  GtkTextView         *view);

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
/* Stores the document's pending changes now.  FALSE with an error when
 * the store refused them (they stay on screen and are retried). */
gboolean    thidua_targets_editor_flush          (ThiduaTargetsEditor *self,
                                                  GError             **error);
/* Inserts the sentences of the selected rows (all valid rows when none
 * is selected) at the body's cursor, as one undo step of the body.
 * Returns how many sentences were inserted. */
guint       thidua_targets_editor_insert_into_body (ThiduaTargetsEditor *self);
G_END_DECLS
