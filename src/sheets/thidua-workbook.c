/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-workbook.c — the first sheet of an XLSX or XLS workbook: what
 * thidua-cli-workbook holds (src/cli/meson.build). */
#include "config.h"
#include "thidua-register-table.h"

#include "thidua-xls.h"
#include "thidua-xlsx.h"

ThiduaTable *
thidua_table_read_workbook (const char *name, const char *data, gsize len, GError **error)
{
  switch (thidua_table_sniff (data, len))
    {
    case THIDUA_TABLE_FORMAT_XLSX:
      return thidua_xlsx_read_data (name, data, len, error);
    case THIDUA_TABLE_FORMAT_XLS:
      return thidua_xls_read_data (name, (const guint8 *) data, len, error);
    case THIDUA_TABLE_FORMAT_CSV:
    default:
      /* the callers sniffed the bytes first */
      g_return_val_if_reached (NULL);
    }
}
