/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-csv.h — CSV as the secretaries' spreadsheets write it: UTF-8 with
 * or without BOM, UTF-16 (Excel's "Unicode text"), Windows-1258; comma,
 * semicolon (Excel with a Vietnamese locale) or tab; quoted fields with
 * line breaks. */
#pragma once

#include "thidua-register-table.h"

G_BEGIN_DECLS

/* name is used in messages only.
 * @data: (array length=len): not kept.
 * _parse and _read: Returns: (transfer full): thidua_table_free() it. */
ThiduaTable *thidua_csv_parse (const char *name, const char *data, gsize len, GError **error);
ThiduaTable *thidua_csv_read  (const char *path, GError **error);
/* As _parse, taking data, which has a NUL after its len bytes (as
 * thidua_table_read_file() returns it): the cells are cut out of it in
 * place instead of copied.
 * @data: (transfer full): freed with the table, or at once on an error. */
ThiduaTable *thidua_csv_parse_owned (const char *name, char *data, gsize len, GError **error);
/* UTF-8 with a BOM (so Excel reads the diacritics), comma, CRLF. */
gboolean     thidua_csv_write (const char *path, const ThiduaTable *table, GError **error);
/* The separator a CSV text uses: ',', ';' or '\t'.
 * @utf8: (array length=len) */
char         thidua_csv_guess_separator (const char *utf8, gsize len);

G_END_DECLS
