/* thidua-xlsx.h — Office Open XML workbooks (.xlsx): read with libzip and
 * libxml2's streaming reader (shared strings, inline strings, numbers; the
 * first worksheet), written with libxlsxwriter. */
#pragma once

#include "thidua-register-table.h"

G_BEGIN_DECLS

ThiduaTable *thidua_xlsx_read  (const char *path, GError **error);
/* One sheet; the first row is the header (bold, frozen). */
gboolean     thidua_xlsx_write (const char *path, const char *sheet_name,
                                const ThiduaTable *table, GError **error);
/* 1985.0 → "1985", 12.5 → "12.5" (spreadsheets store numbers as doubles). */
char        *thidua_xlsx_format_number (double v);

G_END_DECLS
