/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-target-row.h — one target (chỉ tiêu) of the plan as a row of the
 * targets editor: tick, title or rating, bound, from/to, percentage or
 * count, of whom, and what will be printed or why it cannot.  It shows
 * what it is given and says "edited::PART" when the user changes a part
 * ("title", "bound", "min", "max", "measure", "base"); the editor turns
 * that into a step of the document. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-target-draft.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_TARGET_ROW (thidua_target_row_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaTargetRow, thidua_target_row, THIDUA, TARGET_ROW, GtkListBoxRow)

/* The dropdowns' choices, shared by the editor's rows. */
GtkWidget  *thidua_target_row_new          (GListModel *titles,
                                            GListModel *bounds,
                                            GListModel *measures,
                                            GListModel *bases);
/* Its place in the list: accessible names and the remove action's target. */
void        thidua_target_row_set_index    (ThiduaTargetRow *self,
                                            guint            index);
guint       thidua_target_row_get_index    (ThiduaTargetRow *self);
/* Shows the draft: title_pos and base_pos are its title and base in the
 * dropdowns (GTK_INVALID_LIST_POSITION: none).  Nothing is "edited". */
void        thidua_target_row_show         (ThiduaTargetRow         *self,
                                            const ThiduaTargetDraft *draft,
                                            guint                    title_pos,
                                            guint                    base_pos);
/* What the row will print, or why it cannot (either may be NULL). */
void        thidua_target_row_set_outcome  (ThiduaTargetRow *self,
                                            const char      *sentence,
                                            const char      *error);
/* The dropdown position of "title", "bound", "measure" or "base". */
guint       thidua_target_row_get_position (ThiduaTargetRow *self,
                                            const char      *part);
/* The text of "min" or "max". */
const char *thidua_target_row_get_text     (ThiduaTargetRow *self,
                                            const char      *part);
/* Ticked, for "Insert into body". */
gboolean    thidua_target_row_get_selected (ThiduaTargetRow *self);
void        thidua_target_row_set_editable (ThiduaTargetRow *self,
                                            gboolean         editable);
/* A control: "select", "title", "bound", "min", "max", "measure", "base",
 * "remove", "sentence", "error". */
GtkWidget  *thidua_target_row_get_part     (ThiduaTargetRow *self,
                                            const char      *part);

G_END_DECLS
