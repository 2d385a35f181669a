/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-body-table.h — a table as printed in a document: columns with their
 * header texts, then rows.  A body row has one cell per column; a group
 * row (a unit's name in the register's summary) is one cell across the
 * whole table; a total row is printed bold.  The renderer repeats the
 * header row at the top of every page the table runs onto and never
 * splits a row.  Texts are NFC; a cell may hold several lines ("\n").
 *
 * Plan bodies write tables as lines between '|' (see thidua-markup.h); the
 * register's printed tables are built with this API. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  THIDUA_BODY_TABLE_ALIGN_LEFT,
  THIDUA_BODY_TABLE_ALIGN_CENTER,
  THIDUA_BODY_TABLE_ALIGN_RIGHT,
} ThiduaBodyTableAlign;

typedef enum {
  THIDUA_BODY_TABLE_ROW_BODY,
  THIDUA_BODY_TABLE_ROW_GROUP,   /* one cell across the table, bold */
  THIDUA_BODY_TABLE_ROW_TOTAL,   /* bold */
} ThiduaBodyTableRowKind;

typedef struct _ThiduaBodyTable ThiduaBodyTable;

#define THIDUA_TYPE_BODY_TABLE (thidua_body_table_get_type ())
GType            thidua_body_table_get_type   (void) G_GNUC_CONST;

/* Reference counted: _new and _ref give (transfer full) references.
 * thidua_body_table_unref: @table: not NULL (unlike the _free functions). */
ThiduaBodyTable *thidua_body_table_new        (void);
ThiduaBodyTable *thidua_body_table_ref        (ThiduaBodyTable *table);
void             thidua_body_table_unref      (ThiduaBodyTable *table);

/* Columns are added before any row.  weight: the column's share of the
 * table's width relative to the other columns (widths are weights, so a
 * table fits any page).
 * @header: (nullable): copied (NFC); NULL counts as "". */
void             thidua_body_table_add_column (ThiduaBodyTable      *table,
                                               const char           *header,
                                               double                weight,
                                               ThiduaBodyTableAlign  align);
/* cells: as many as the columns (NULL ends early, missing cells are
 * empty); a group row takes cells[0] only.
 * @cells: (nullable) (array zero-terminated=1): copied; NULL gives an
 *   empty row. */
void             thidua_body_table_add_row    (ThiduaBodyTable        *table,
                                               ThiduaBodyTableRowKind  kind,
                                               const char * const     *cells);
/* FALSE: the table has no header row (a pipe table without a "|---|"
 * line); nothing is repeated on the next pages. */
void             thidua_body_table_set_has_header (ThiduaBodyTable *table,
                                                   gboolean         has_header);
gboolean         thidua_body_table_get_has_header (ThiduaBodyTable *table);

guint            thidua_body_table_get_n_columns (ThiduaBodyTable *table);
const char      *thidua_body_table_get_header    (ThiduaBodyTable *table, guint column);
double           thidua_body_table_get_weight    (ThiduaBodyTable *table, guint column);
ThiduaBodyTableAlign thidua_body_table_get_align (ThiduaBodyTable *table, guint column);

guint            thidua_body_table_get_n_rows    (ThiduaBodyTable *table);
ThiduaBodyTableRowKind thidua_body_table_get_row_kind (ThiduaBodyTable *table, guint row);
/* "" for a cell the row does not have.
 * thidua_body_table_get_header and _get_cell: Returns: (transfer none):
 *   never NULL (except _get_header on a column out of range), valid while
 *   the table lives. */
const char      *thidua_body_table_get_cell      (ThiduaBodyTable *table, guint row, guint column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaBodyTable, thidua_body_table_unref)

G_END_DECLS
