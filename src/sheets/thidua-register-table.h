/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-table.h — a table of text cells read from a CSV, XLSX or
 * XLS file, each row with its row number in the file (what the secretary
 * sees in her spreadsheet), every cell NFC. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define THIDUA_TABLE_ERROR (thidua_table_error_quark ())
typedef enum {
  THIDUA_TABLE_ERROR_UNREADABLE,   /* cannot open or read the file */
  THIDUA_TABLE_ERROR_ENCODING,     /* text in an encoding we do not know */
  THIDUA_TABLE_ERROR_MALFORMED,    /* broken CSV quoting, damaged XLSX … */
  THIDUA_TABLE_ERROR_UNSUPPORTED,  /* not a table file we can read */
} ThiduaTableError;
GQuark thidua_table_error_quark (void);

typedef struct _ThiduaTable ThiduaTable;

ThiduaTable        *thidua_table_new        (void);
void                thidua_table_free       (ThiduaTable *self);
/* Takes cells (a NULL-terminated array of NFC strings).
 * @cells: (transfer full) (array zero-terminated=1): g_malloc'ed, strings
 *   and array; copied into the table and freed with g_strfreev() at once. */
void                thidua_table_take_row   (ThiduaTable *self, guint number, char **cells);
guint               thidua_table_get_n_rows (const ThiduaTable *self);
/* The cells of row index (0-based), NULL-terminated; number gets the row
 * number in the file (1-based).
 * @number: (out) (optional)
 * Returns: (transfer none) (array zero-terminated=1): owned by the table,
 *   valid while it lives. */
const char * const *thidua_table_get_row    (const ThiduaTable *self, guint index, guint *number);
/* "" past the end of a short row.
 * Returns: (transfer none): never NULL, valid while the table lives. */
const char         *thidua_table_get_cell   (const ThiduaTable *self, guint index, guint column);

/* Reads a spreadsheet's bytes: a regular file (no link, no device), no
 * larger than a spreadsheet may be, read once, so what is checked is what
 * is parsed.  A failure is THIDUA_TABLE_ERROR_UNREADABLE.
 * @data: (out) (transfer full): g_free() it. */
gboolean            thidua_table_read_file  (const char *path, char **data, gsize *len,
                                             GError **error);

typedef enum {
  THIDUA_TABLE_FORMAT_CSV,
  THIDUA_TABLE_FORMAT_XLSX,
  THIDUA_TABLE_FORMAT_XLS,
} ThiduaTableFormat;

/* What a file's first bytes say it is: a ZIP is XLSX, an OLE compound
 * file XLS, anything else is taken for CSV.
 * @data: (array length=len) */
ThiduaTableFormat   thidua_table_sniff      (const char *data, gsize len);

/* The rest is in the XLSX and XLS part of the library (thidua-table-load.c,
 * with libzip, libxml2 and libfreexl), which the CSV part does without. */

/* Reads a CSV, XLSX or XLS file, recognised by its content (not only its
 * name).  The first sheet of a workbook. */
ThiduaTable        *thidua_table_load       (const char *path, GError **error);
/* The first sheet of a workbook's bytes, XLSX or XLS as
 * thidua_table_sniff() says (not for a CSV) (thidua-workbook.c).
 * @data: (array length=len): not kept. */
ThiduaTable        *thidua_table_read_workbook (const char *name, const char *data, gsize len,
                                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaTable, thidua_table_free)

G_END_DECLS
