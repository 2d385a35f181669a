/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-table-private.h — filling a ThiduaTable without a copy of each
 * cell: for the readers in src/sheets only. */
#pragma once

#include "thidua-register-table.h"

G_BEGIN_DECLS

/* Room for n_rows more rows of n_cells cells in all, at once (a reader
 * that can count them beforehand; an estimate above the truth costs only
 * address space). */
void        thidua_table_reserve      (ThiduaTable *self, guint n_rows, guint n_cells);
/* The table frees buffer (g_free) with itself; cells may point into it. */
void        thidua_table_adopt_buffer (ThiduaTable *self, char *buffer);
/* A copy of len bytes of text kept by the table ("" for none).
 * Returns: (transfer none): NUL-terminated, valid while the table lives. */
const char *thidua_table_insert_text  (ThiduaTable *self, const char *text, gsize len);
/* A row of n cells, each "", a string of the table's buffer or one from
 * thidua_table_insert_text(); the pointers are copied, not the strings. */
void        thidua_table_add_row      (ThiduaTable *self, guint number,
                                       const char * const *cells, guint n);

G_END_DECLS
