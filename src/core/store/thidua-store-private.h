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

G_END_DECLS
