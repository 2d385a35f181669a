/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-table-load.c — a spreadsheet file of any of the three kinds: the
 * one place where the CSV part of the library meets the workbook readers
 * (thidua-cli's CSV import loads those only for a workbook). */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register-table.h"

#include <time.h>

#include "thidua-csv.h"
#include "thidua-register-import.h"

ThiduaTable *
thidua_table_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!thidua_table_read_file (path, &data, &len, error))
    return NULL;
  if (thidua_table_sniff (data, len) == THIDUA_TABLE_FORMAT_CSV)
    return thidua_csv_parse_owned (path, g_steal_pointer (&data), len, error);
  return thidua_table_read_workbook (path, data, len, error);
}

gboolean
thidua_register_import_prepare_file (ThiduaRegisterImport *self, const char *path, GError **error)
{
  gint64 start = g_get_monotonic_time ();
  clock_t cpu = clock ();
  g_autoptr(ThiduaTable) table = thidua_table_load (path, error);

  if (table == NULL)
    return FALSE;
  g_debug ("import: read and parsed %u rows in %.0f ms (cpu %.0f ms)", thidua_table_get_n_rows (table),
           (g_get_monotonic_time () - start) / 1000.0, (clock () - cpu) * 1000.0 / CLOCKS_PER_SEC);
  return thidua_register_import_prepare_table (self, path, table, error);
}
