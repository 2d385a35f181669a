/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-document.h — one plan being edited: the plan, its recipients and
 * its targets, one history of the user's steps, and one autosave.
 *
 * Views change the document, never the store: before a user change they
 * call thidua_document_begin_step() (which remembers the state for undo),
 * after it thidua_document_changed() (which schedules the write).  The
 * document writes the plan and its targets together, in one transaction,
 * after a short pause.  When the write fails (disk full, file locked) the
 * state says so and the document retries until it succeeds: nothing typed
 * is lost.  Undo and redo restore the plan and the targets as they were
 * and emit "restored": views then show the model again. */
#pragma once

#include <glib-object.h>
#include "thidua-store.h"
#include "thidua-history.h"
#include "thidua-target-draft.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_SAVE_STATE_SAVED,     /* the store has exactly what is shown */
  THIDUA_SAVE_STATE_PENDING,   /* changed, the write is scheduled */
  THIDUA_SAVE_STATE_FAILED,    /* the last write failed; retrying */
} ThiduaSaveState;

#define THIDUA_TYPE_DOCUMENT (thidua_document_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaDocument, thidua_document, THIDUA, DOCUMENT, GObject)

/* reg keeps the targets and the catalog (NULL: the plan has no targets
 * here).  The targets are read at once; when that fails they are never
 * written (see thidua_document_get_targets_error).
 * @store, @plan: (transfer none): the document keeps a reference; the
 *   plan is edited in place, so the caller's plan is the document's.
 * @reg: (transfer none) (nullable): likewise kept.
 * The getters below: Returns: (transfer none): the document's own, valid
 *   while it lives; thidua_document_get_register is (nullable). */
ThiduaDocument  *thidua_document_new           (ThiduaStore    *store,
                                                ThiduaRegister *reg,
                                                ThiduaPlan     *plan);
ThiduaPlan      *thidua_document_get_plan      (ThiduaDocument *self);
ThiduaStore     *thidua_document_get_store     (ThiduaDocument *self);
ThiduaRegister  *thidua_document_get_register  (ThiduaDocument *self);
ThiduaHistory   *thidua_document_get_history   (ThiduaDocument *self);
ThiduaSaveState  thidua_document_get_state     (ThiduaDocument *self);
/* The last write error, or NULL.
 * Returns: (transfer none) (nullable): valid until the next write. */
const GError    *thidua_document_get_error     (ThiduaDocument *self);

/* ---- steps ---- */

/* Before a user change.  `key` names the field so that keystrokes in one
 * field make one step ("subject", "recipient:2", "target:0:min"); NULL
 * makes the change a step of its own.
 * @key: (nullable) */
void             thidua_document_begin_step    (ThiduaDocument *self,
                                                const char     *key);
/* After a change of the plan: schedules a write and emits "changed". */
void             thidua_document_changed       (ThiduaDocument *self);
gboolean         thidua_document_undo          (ThiduaDocument *self);
gboolean         thidua_document_redo          (ThiduaDocument *self);

/* ---- targets ---- */

guint            thidua_document_get_n_targets (ThiduaDocument *self);
/* Returns: (transfer none): valid until the targets change (a set,
 *   insert or remove, an undo or redo). */
const ThiduaTargetDraft *thidua_document_get_target (ThiduaDocument *self,
                                                     guint           index);
/* Why target `index` cannot be stored (translated), or NULL when valid.
 * Returns: (transfer full) (nullable) */
char            *thidua_document_check_target  (ThiduaDocument *self,
                                                guint           index);
/* Each is one step (set_target merges keystrokes with the same key).
 * @draft: (transfer none): copied.  @key: (nullable): as for begin_step. */
void             thidua_document_set_target    (ThiduaDocument          *self,
                                                guint                    index,
                                                const ThiduaTargetDraft *draft,
                                                const char              *key);
void             thidua_document_insert_target (ThiduaDocument          *self,
                                                guint                    index,
                                                const ThiduaTargetDraft *draft);
void             thidua_document_remove_target (ThiduaDocument *self,
                                                guint           index);
/* The valid targets, as stored (ThiduaPlanTarget).
 * Returns: (transfer full) (element-type ThiduaPlanTarget): frees its
 *   elements; never NULL. */
GPtrArray       *thidua_document_dup_targets   (ThiduaDocument *self);
/* Why the targets could not be read, or NULL.
 * Returns: (transfer none) (nullable): valid while the document lives. */
const GError    *thidua_document_get_targets_error (ThiduaDocument *self);

/* ---- saving ---- */

/* Writes now if anything is pending; FALSE (and error) if it failed. */
gboolean         thidua_document_flush         (ThiduaDocument *self,
                                                GError        **error);
/* Stores the plan and its targets again as a new plan (undoing a
 * delete), in one transaction; returns the new id or 0. */
gint64           thidua_document_reinsert      (ThiduaDocument *self,
                                                GError        **error);
/* Stops trying: the caller kept the plan elsewhere (a recovery copy). */
void             thidua_document_abandon       (ThiduaDocument *self);
/* Delay before a write and between retries, in ms (tests shorten them). */
void             thidua_document_set_delays    (ThiduaDocument *self,
                                                guint           save_ms,
                                                guint           retry_ms);

G_END_DECLS
