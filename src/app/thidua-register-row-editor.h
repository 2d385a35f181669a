/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-row-editor.h — the popover that edits one registration
 * in place: title, initiative, note, status, result and decision.  It holds
 * no rules and saves nothing: "apply" hands the edited copy to the view,
 * which writes it through the register (and its undo history). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_ROW_EDITOR (thidua_register_row_editor_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterRowEditor, thidua_register_row_editor, THIDUA, REGISTER_ROW_EDITOR, GtkPopover)

GtkWidget *thidua_register_row_editor_new (ThiduaCatalog *catalog);
/* Shows a registration's fields (a copy is kept). */
void       thidua_register_row_editor_set_registration (ThiduaRegisterRowEditor *self,
                                                        const ThiduaRegistration *r);
/* The registration with the fields as edited (a new copy). */
ThiduaRegistration *thidua_register_row_editor_dup_edited (ThiduaRegisterRowEditor *self);
/* Fields, for keyboard-free tests. */
GtkEditable *thidua_register_row_editor_get_decision_entry (ThiduaRegisterRowEditor *self);
GtkDropDown *thidua_register_row_editor_get_result_dropdown (ThiduaRegisterRowEditor *self);

G_END_DECLS
