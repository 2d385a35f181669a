/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-table.c — rows of cells, and the file-type dispatch. */
#include "config.h"
#include "thidua-register-table.h"

#include <string.h>

#include "thidua-csv.h"
#include "thidua-xls.h"
#include "thidua-xlsx.h"
#include "thidua-input.h"

struct _ThiduaTable
{
  GPtrArray    *rows;     /* char **, the strings in chunk */
  GArray       *numbers;  /* guint */
  GStringChunk *chunk;    /* a 100,000-row sheet is a million cells: a few
                           * big blocks instead of a million small ones */
};

G_DEFINE_QUARK (thidua-table-error-quark, thidua_table_error)

ThiduaTable *
thidua_table_new (void)
{
  ThiduaTable *self = g_new0 (ThiduaTable, 1);

  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->chunk = g_string_chunk_new (64 * 1024);
  return self;
}

void
thidua_table_free (ThiduaTable *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_array_unref (self->numbers);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

void
thidua_table_take_row (ThiduaTable *self, guint number, char **cells)
{
  guint n = g_strv_length (cells);
  char **row = g_new (char *, n + 1);

  for (guint i = 0; i < n; i++)
    row[i] = *cells[i] ? g_string_chunk_insert (self->chunk, cells[i]) : (char *) "";
  row[n] = NULL;
  g_strfreev (cells);
  g_ptr_array_add (self->rows, row);
  g_array_append_val (self->numbers, number);
}

guint
thidua_table_get_n_rows (const ThiduaTable *self)
{
  return self->rows->len;
}

const char * const *
thidua_table_get_row (const ThiduaTable *self, guint index, guint *number)
{
  g_return_val_if_fail (index < self->rows->len, NULL);
  if (number)
    *number = g_array_index (self->numbers, guint, index);
  return (const char * const *) g_ptr_array_index (self->rows, index);
}

const char *
thidua_table_get_cell (const ThiduaTable *self, guint index, guint column)
{
  char **row;

  if (index >= self->rows->len)
    return "";
  row = g_ptr_array_index (self->rows, index);
  for (guint i = 0; i <= column; i++)
    if (row[i] == NULL)
      return "";
  return row[column];
}

gboolean
thidua_table_read_file (const char *path, char **data, gsize *len, GError **error)
{
  g_autoptr(GError) local = NULL;

  /* regular files only, no links, counted against the cap while read */
  if (!thidua_input_read (path, THIDUA_INPUT_MAX_SHEET, data, len, &local))
    {
      g_set_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_UNREADABLE,
                   "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

ThiduaTable *
thidua_table_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  static const guchar zip_magic[] = { 'P', 'K', 3, 4 };
  static const guchar ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  if (!thidua_table_read_file (path, &data, &len, error))
    return NULL;
  if (len >= sizeof zip_magic && memcmp (data, zip_magic, sizeof zip_magic) == 0)
    return thidua_xlsx_read_data (path, data, len, error);
  if (len >= sizeof ole_magic && memcmp (data, ole_magic, sizeof ole_magic) == 0)
    return thidua_xls_read_data (path, (const guint8 *) data, len, error);
  return thidua_csv_parse (path, data, len, error);
}
