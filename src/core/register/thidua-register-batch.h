/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-batch.h — many registrations at once (an import): rows
 * are checked as they are added (against the register and against each
 * other), then written all or nothing.
 *
 * The work is staged outside any lock, on a connection of the batch's
 * own, so the register's file is locked only for the short final move,
 * and a batch committed on a worker thread never shares the caller's
 * connection. */
#pragma once

#include "thidua-register.h"

G_BEGIN_DECLS

typedef struct _ThiduaRegisterBatch ThiduaRegisterBatch;

/* One row of a file, already parsed: strings are copied by _add.
 * Every string may be NULL (counts as ""), except name (a row without one
 * is refused) and titles: (array length=n_titles), catalog ids (a title
 * the catalog lacks is refused). */
typedef struct {
  guint               row;          /* row number in the file, for messages */
  gboolean            collective;
  const char         *name;         /* "Ông Nguyễn Văn An", or the collective's name */
  const char         *position;
  const char         *unit;         /* the person's unit, or the collective's parent; "" none */
  int                 birth_year;   /* 0 when unknown */
  const char         *initiative;
  const char         *note;
  const char         *decision;
  ThiduaRegStatus     status;
  ThiduaRegResult     result;
  const char * const *titles;       /* catalog ids */
  guint               n_titles;
} ThiduaRegisterBatchRow;

/* Called on the thread that runs _commit. */
typedef void (*ThiduaRegisterBatchProgress) (guint done, guint total, gpointer user_data);

/* Reads what the register holds for the year (through reg's connection,
 * on the caller's thread).  replace: a row that registers what the
 * register already holds updates it (undoably) instead of being refused.
 * @reg: (transfer none): the batch keeps a reference.
 * @year: (nullable): what is not a year fails.
 * Returns: (transfer full): thidua_register_batch_free() it. */
ThiduaRegisterBatch *thidua_register_batch_new  (ThiduaRegister *reg, const char *year,
                                                 gboolean replace, GError **error);
void                 thidua_register_batch_free (ThiduaRegisterBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRegisterBatch, thidua_register_batch_free)

/* Takes the row, or refuses it with *reason (free it): the same title
 * twice in the file, already in the register, no name, a title the
 * catalog does not have.
 * @row: (transfer none): its strings are copied.
 * @reason: (out) (transfer full): set only when FALSE is returned; not
 *   optional. */
gboolean    thidua_register_batch_add    (ThiduaRegisterBatch *batch,
                                          const ThiduaRegisterBatchRow *row,
                                          char **reason);
guint       thidua_register_batch_get_n_rows (ThiduaRegisterBatch *batch);
/* Room for n_rows rows ahead (a reader that knows its count). */
void        thidua_register_batch_reserve (ThiduaRegisterBatch *batch, guint n_rows);

/* Writes the rows taken, recorded as one import of file (with n_rejected
 * rows not taken); returns the import id, or 0 with nothing changed.
 * May run on a worker thread (one at a time per batch).
 * @file: (nullable): recorded as given; NULL is "".
 * @progress: (scope call) (nullable): called every 1000 rows and at the
 *   end, never after this returns. */
gint64      thidua_register_batch_commit (ThiduaRegisterBatch *batch, const char *file,
                                          guint n_rejected,
                                          ThiduaRegisterBatchProgress progress, gpointer user_data,
                                          GError **error);
/* Registrations written by the commit (a row may give several). */
guint       thidua_register_batch_get_n_registrations (ThiduaRegisterBatch *batch);

/* Undoes an import as a whole: its registrations are removed, the values
 * it replaced are put back, and the people and units it created go if
 * nothing else uses them. */
gboolean    thidua_register_undo_import (ThiduaRegister *reg, gint64 import_id, GError **error);

G_END_DECLS
