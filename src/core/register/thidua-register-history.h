/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-history.h — undo and redo for everyday register edits
 * (issue 11).  Each step is a list of (before, after) registration pairs:
 * an add has no before, a delete no after, an edit both.  Undo writes the
 * befores back through the register's own edit calls, redo the afters;
 * a step is one transaction.  The register page keeps one of these: the
 * plan document's history is separate. */
#pragma once

#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_HISTORY (thidua_register_history_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterHistory, thidua_register_history, THIDUA, REGISTER_HISTORY, GObject)

/* @reg: (transfer none): the history keeps a reference. */
ThiduaRegisterHistory *thidua_register_history_new (ThiduaRegister *reg);

/* Starts a step named for the user ("Đăng ký 2 danh hiệu"); pairs are
 * added with _record until _commit.  Copies are taken.
 * @label: (nullable): copied.  A step begun and not committed is dropped
 *   by the next _begin.
 * _record: @before, @after: (nullable) (transfer none): copied; one of
 *   the two must be given; needs an open step. */
void      thidua_register_history_begin  (ThiduaRegisterHistory *self, const char *label);
void      thidua_register_history_record (ThiduaRegisterHistory *self,
                                          const ThiduaRegistration *before,
                                          const ThiduaRegistration *after);
/* Ends the step; an empty step is dropped.  Clears the redo stack. */
void      thidua_register_history_commit (ThiduaRegisterHistory *self);

gboolean  thidua_register_history_can_undo (ThiduaRegisterHistory *self);
gboolean  thidua_register_history_can_redo (ThiduaRegisterHistory *self);
/* The label of the step undo (redo) would take back; NULL when none.
 * Returns: (transfer none) (nullable): valid until the stacks change
 *   (NULL also for a step begun with a NULL label). */
const char *thidua_register_history_get_undo_label (ThiduaRegisterHistory *self);
const char *thidua_register_history_get_redo_label (ThiduaRegisterHistory *self);
/* FALSE with an error when the register refused (the row was changed
 * elsewhere and the step no longer applies); the stacks stay. */
gboolean  thidua_register_history_undo (ThiduaRegisterHistory *self, GError **error);
gboolean  thidua_register_history_redo (ThiduaRegisterHistory *self, GError **error);
void      thidua_register_history_clear (ThiduaRegisterHistory *self);
/* The registrations the next undo (or redo) touches, for refreshing
 * their rows afterwards; NULL when there is no such step. */
GArray   *thidua_register_history_dup_ids (ThiduaRegisterHistory *self, gboolean undo);

G_END_DECLS
