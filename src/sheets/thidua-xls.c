/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-xls.c — .xls through libfreexl. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-xls.h"

#include <freexl.h>
#include <string.h>
#include "thidua-input.h"

/* As for workbooks and CSV: what one register can hold, with room. */
#define XLS_MAX_ROWS   65536   /* the format's own limit */
#define XLS_MAX_CELLS  2000000
#define XLS_MAX_CELL   (128 * 1024)

/* 1985.0 → "1985", 12.5 → "12.5" */
char *thidua_xlsx_format_number (double v);

ThiduaTable *
thidua_xls_read (const char *path, GError **error)
{
  const void *handle = NULL;
  g_autoptr(ThiduaTable) table = thidua_table_new ();
  unsigned int rows = 0;
  unsigned short cols = 0;
  g_autoptr(GError) local = NULL;
  g_autofree char *display = g_filename_display_name (path);
  int rc;

  /* libfreexl opens by name: check first that it is a regular file, not a
   * link or a device, and not larger than a spreadsheet may be */
  if (!thidua_input_check (path, THIDUA_INPUT_MAX_SHEET, &local))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNREADABLE, "%s", local->message);
      return NULL;
    }
  rc = freexl_open (path, &handle);
  if (rc != FREEXL_OK)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: not a readable Excel 97–2003 workbook (libfreexl error %d)"), path, rc);
      if (handle)
        freexl_close (handle);
      return NULL;
    }
  if (freexl_select_active_worksheet (handle, 0) != FREEXL_OK
      || freexl_worksheet_dimensions (handle, &rows, &cols) != FREEXL_OK)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the workbook has no readable first sheet"), path);
      freexl_close (handle);
      return NULL;
    }

  if (rows > XLS_MAX_ROWS || (guint64) rows * cols > XLS_MAX_CELLS)
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                   _("%s: the sheet is too large (%u rows × %u columns; the limits are %u rows "
                     "and %u cells)"), display, rows, (guint) cols, XLS_MAX_ROWS, XLS_MAX_CELLS);
      freexl_close (handle);
      return NULL;
    }
  for (unsigned int r = 0; r < rows; r++)
    {
      char **cells = g_new0 (char *, cols + 1);

      for (unsigned short c = 0; c < cols; c++)
        {
          FreeXL_CellValue v;
          char *text = NULL;

          if (freexl_get_cell_value (handle, r, c, &v) == FREEXL_OK)
            switch (v.type)
              {
              case FREEXL_CELL_INT:
                text = g_strdup_printf ("%d", v.value.int_value);
                break;
              case FREEXL_CELL_DOUBLE:
                text = thidua_xlsx_format_number (v.value.double_value);
                break;
              case FREEXL_CELL_TEXT:
              case FREEXL_CELL_SST_TEXT:
              case FREEXL_CELL_DATE:
              case FREEXL_CELL_DATETIME:
              case FREEXL_CELL_TIME:
                if (v.value.text_value != NULL && strlen (v.value.text_value) > XLS_MAX_CELL)
                  {
                    g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED,
                                 _("%s: a cell of row %u is longer than %u bytes"), display, r + 1,
                                 XLS_MAX_CELL);
                    g_strfreev (cells);
                    freexl_close (handle);
                    return NULL;
                  }
                text = v.value.text_value ? g_utf8_normalize (v.value.text_value, -1, G_NORMALIZE_NFC) : NULL;
                break;
              default:
                break;
              }
          cells[c] = text ? text : g_strdup ("");
        }
      thidua_table_take_row (table, r + 1, cells);
    }
  freexl_close (handle);
  return g_steal_pointer (&table);
}
