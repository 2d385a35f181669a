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

/* Staging tables: "thidua_stage" virtual tables (thidua-store-stage.c),
 * rows kept in this process's memory in the order they were added.
 * Every connection the store opens has the module; a table is made with
 * CREATE VIRTUAL TABLE temp.NAME USING thidua_stage (col, col, …). */
typedef struct _ThiduaStageTable ThiduaStageTable;

/* Registers the module on @db.
 * Returns: (transfer none) (nullable): the connection's tables by name,
 *   freed by SQLite with the connection; NULL if SQLite refused. */
GHashTable *thidua_store_stage_register (sqlite3 *db);

/* The staging table @name of the store's connection.
 * Returns: (transfer none) (nullable): valid until the table is dropped. */
ThiduaStageTable *thidua_store_get_stage_table (ThiduaStore *self, const char *name);

/* Appends a row without going through SQL: begin, one add per column in
 * order, end.  The adds return FALSE when memory runs out (the row is then
 * incomplete: do not end it; the next begin drops it). */
void     thidua_stage_table_begin_row (ThiduaStageTable *table);
gboolean thidua_stage_table_add_int   (ThiduaStageTable *table, gint64 value);
gboolean thidua_stage_table_add_text  (ThiduaStageTable *table, const char *text);
gboolean thidua_stage_table_add_null  (ThiduaStageTable *table);
gboolean thidua_stage_table_end_row   (ThiduaStageTable *table);

/* Foreign keys checked afterwards (thidua-store-references.c), for a
 * connection that turned PRAGMA foreign_keys off to write many rows: one
 * prepared count of the rows of a table, in a range of rowids, that refer
 * to no row. */
typedef struct _ThiduaReferenceCheck ThiduaReferenceCheck;

ThiduaReferenceCheck *thidua_reference_check_new  (ThiduaStore *store, const char *table, GError **error);
/* FALSE, with @error naming the table, if a row with rowid in
 * [@first, @last] refers to no row. */
gboolean              thidua_reference_check_rows (ThiduaReferenceCheck *check, ThiduaStore *store,
                                                   gint64 first, gint64 last, GError **error);
void                  thidua_reference_check_free (ThiduaReferenceCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaReferenceCheck, thidua_reference_check_free)

/* Whether a foreign key of any table refers to @table: then deleting its
 * rows with enforcement off would skip a cascade or a restriction. */
gboolean thidua_store_is_referenced (ThiduaStore *store, const char *table, gboolean *referenced,
                                     GError **error);

G_END_DECLS
