/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-sheets.c — libFuzzer targets for the register's readers: built as
 * fuzz-csv (thidua_csv_parse), fuzz-xlsx (thidua_xlsx_read_data) and
 * fuzz-xls (thidua_xls_read_data: the compound-file check, then libfreexl
 * on a private temporary copy, since it reads only files).  Any bytes give a table whose every cell is valid NFC UTF-8
 * within the caps, or a clean GError naming the file — never a crash, a
 * leak, or memory without end. */
#include <glib.h>
#include <string.h>

#include "fuzz-check.h"
#include "thidua-csv.h"
#include "thidua-xls.h"
#include "thidua-xlsx.h"

static void
check_table (ThiduaTable *table, GError *error)
{
  if ((table == NULL) == (error == NULL))
    __builtin_trap ();
  if (table == NULL)
    {
      if (error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
        __builtin_trap ();
      return;
    }
  if (thidua_table_get_n_rows (table) > 100000 + 1)
    __builtin_trap ();
  for (guint i = 0; i < thidua_table_get_n_rows (table); i++)
    {
      const char * const *row = thidua_table_get_row (table, i, NULL);
      for (guint j = 0; row[j]; j++)
        {
          if (j >= 16384)
            __builtin_trap ();
          fuzz_check_nfc (row[j]);
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) table = NULL;

#if defined(FUZZ_CSV)
  table = thidua_csv_parse ("fuzz.csv", (const char *) data, size, &error);
#elif defined(FUZZ_XLSX)
  table = thidua_xlsx_read_data ("fuzz.xlsx", data, size, &error);
#elif defined(FUZZ_XLS)
  /* the structure check, then libfreexl on a private copy */
  table = thidua_xls_read_data ("fuzz.xls", data, size, &error);
#else
#error "define FUZZ_CSV, FUZZ_XLSX or FUZZ_XLS"
#endif
  check_table (table, error);
  return 0;
}
