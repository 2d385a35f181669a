/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-history.h — one undo/redo history of user steps, in the order
 * they were made.
 *
 * A step is remembered as the state before it (an opaque pointer the
 * history owns and frees with the function given at creation).  Several
 * changes with the same key close together in time (keystrokes in one
 * field) are one step.  Undo hands back the state to restore and keeps
 * the current one for redo; a new step after an undo drops the redo side. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define THIDUA_TYPE_HISTORY (thidua_history_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaHistory, thidua_history, THIDUA, HISTORY, GObject)

/* @free_state: not NULL: frees every state the history holds or drops. */
ThiduaHistory *thidua_history_new          (GDestroyNotify free_state);

/* TRUE when a change with this key now would be merged into the last
 * step (same non-NULL key, within the merge interval): then there is no
 * need to capture a state.  Merging also renews the interval.
 * @key: (nullable): NULL never merges. */
gboolean       thidua_history_merge        (ThiduaHistory *self,
                                            const char    *key);
/* Records a new step whose state before is `before` (taken).
 * @key: (nullable): copied.
 * @before: (transfer full): not NULL.  The redo side is freed. */
void           thidua_history_push         (ThiduaHistory *self,
                                            const char    *key,
                                            gpointer       before);
/* The next change starts a new step even with the same key. */
void           thidua_history_break        (ThiduaHistory *self);

gboolean       thidua_history_can_undo     (ThiduaHistory *self);
gboolean       thidua_history_can_redo     (ThiduaHistory *self);
/* The state to restore, or NULL when there is none; `current` (taken)
 * is kept for the way back.
 * @current: (transfer full): taken even when NULL is returned (then it
 *   is freed with free_state at once).
 * Returns: (transfer full) (nullable): the caller frees it (with the
 *   history's free_state). */
gpointer       thidua_history_undo         (ThiduaHistory *self,
                                            gpointer       current);
gpointer       thidua_history_redo         (ThiduaHistory *self,
                                            gpointer       current);
void           thidua_history_clear        (ThiduaHistory *self);

/* How long keystrokes with one key stay one step (µs; default 1.5 s). */
void           thidua_history_set_merge_interval (ThiduaHistory *self,
                                                  gint64         usec);

G_END_DECLS
