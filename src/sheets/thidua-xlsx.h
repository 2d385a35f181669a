/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-xlsx.h — Office Open XML workbooks (.xlsx): read with libzip and
 * libxml2's streaming reader (shared strings, inline strings, numbers, and
 * date cells as "YYYY-MM-DD"; the first worksheet), written with
 * libxlsxwriter. */
#pragma once

#include "thidua-register-table.h"

G_BEGIN_DECLS

/* _read and _read_data: Returns: (transfer full): thidua_table_free() it. */
ThiduaTable *thidua_xlsx_read  (const char *path, GError **error);
/* The same from the bytes of a file already read (NAME names it in
 * messages).  Caps: 128 MB unpacked per part, 256 MB in all, 100,000 rows,
 * column XFD, a million cells, a million shared strings, 128 kB a cell.
 * @data: (array length=len): not kept. */
ThiduaTable *thidua_xlsx_read_data (const char *name, const void *data, gsize len,
                                    GError **error);
/* One sheet; the first row is the header (bold, frozen).
 * @sheet_name: (nullable): NULL lets libxlsxwriter name it ("Sheet1"). */
gboolean     thidua_xlsx_write (const char *path, const char *sheet_name,
                                const ThiduaTable *table, GError **error);
/* The date an Excel day number stands for, "YYYY-MM-DD" (NULL when out of
 * range): 29353 → "1980-05-12"; date1904 for workbooks counting from 1904.
 * Returns: (transfer full) (nullable) */
char        *thidua_xlsx_serial_to_date (double serial, gboolean date1904);
/* 1985.0 → "1985", 12.5 → "12.5" (spreadsheets store numbers as doubles). */
char        *thidua_xlsx_format_number (double v);

G_END_DECLS
