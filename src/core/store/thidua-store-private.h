/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store-private.h — the raw SQLite handle, for core modules only
 * (store/, register/).  Not part of the public API: sheets, render, app and
 * cli never include it. */
#pragma once

#include <sqlite3.h>
#include "thidua-store.h"

G_BEGIN_DECLS

/* The store's connection; do not close it.  Use only on the thread that
 * owns the store.
 * Returns: (transfer none): valid while the store lives. */
sqlite3 *thidua_store_get_db (ThiduaStore *self);

/* The one mapping of an SQLite failure to a message a secretary can act
 * on (locked, read-only, disk full, damaged, refused value …), naming the
 * file: every core module that speaks SQL reports through it.
 * @db: (nullable): the connection that failed; NULL for the store's own
 *   (a register batch or an exchange package has its own).
 * @rc: the result code, or 0 for the connection's last one.
 * @doing: untranslated gerund ("reading units"), translated here.
 * Returns: FALSE, so that a caller can `return thidua_store_sql_fail (…)`. */
gboolean thidua_store_sql_fail (ThiduaStore *self, sqlite3 *db, int rc,
                                const char *doing, GError **error);

G_END_DECLS
