/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-table.c — rows of cells, and the file-type dispatch. */
#include "config.h"
#include "thidua-register-table.h"

#include <math.h>
#include <string.h>

#include "thidua-xlsx.h"
#include "thidua-input.h"
#include "thidua-paths.h"
#include "thidua-table-private.h"

/* Cell pointers are kept in blocks that never move, so a row handed out
 * stays valid while more rows are added. */
#define CELL_BLOCK 65536


typedef struct {
  const char **cells;     /* NULL-terminated */
  guint        n;
  guint        number;
} Row;

typedef struct {
  gpointer data;
} Block;

struct _ThiduaTable
{
  Row          *rows;
  guint         n_rows, rows_size;
  GArray       *blocks;   /* Block of const char *, filled from the front */
  guint         block_used, block_size;
  GStringChunk *chunk;    /* a 100,000-row sheet is a million cells: a few
                           * big blocks instead of a million small ones */
  char         *buffer;   /* a CSV's text, cut into its cells in place */
};

G_DEFINE_QUARK (thidua-table-error-quark, thidua_table_error)

/* A big table's blocks partly in transparent huge pages (thidua-paths.c):
 * a 100,000-row CSV's cell pointers are 4.8 MB, some 1,200 page faults of
 * 4 kB (each ~20 µs on a virtual machine), of which the whole 2 MB pages
 * inside save 500. */
static gpointer
block_alloc (gsize bytes)
{
  gpointer data = g_malloc (bytes);

  thidua_paths_advise_huge_pages (data, bytes);
  return data;
}

static void
block_clear (Block *block)
{
  g_free (block->data);
}

ThiduaTable *
thidua_table_new (void)
{
  ThiduaTable *self = g_new0 (ThiduaTable, 1);

  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify) block_clear);
  self->chunk = g_string_chunk_new (64 * 1024);
  return self;
}

void
thidua_table_free (ThiduaTable *self)
{
  if (self == NULL)
    return;
  g_free (self->rows);
  g_array_unref (self->blocks);
  g_string_chunk_free (self->chunk);
  g_free (self->buffer);
  g_free (self);
}

static void
rows_resize (ThiduaTable *self, guint size)
{
  Row *rows = block_alloc (size * sizeof (Row));

  if (self->rows != NULL)
    {
      memcpy (rows, self->rows, self->n_rows * sizeof (Row));
      g_free (self->rows);
    }
  self->rows = rows;
  self->rows_size = size;
}

static void
add_block (ThiduaTable *self, guint size)
{
  Block block;

  block.data = block_alloc (size * sizeof (char *));
  g_array_append_val (self->blocks, block);
  self->block_size = size;
  self->block_used = 0;
}

void
thidua_table_reserve (ThiduaTable *self, guint n_rows, guint n_cells)
{
  if ((guint64) self->n_rows + n_rows > self->rows_size && self->n_rows + (guint64) n_rows < G_MAXUINT)
    rows_resize (self, self->n_rows + n_rows);
  /* each row's cells and its NULL */
  if ((guint64) n_cells + n_rows > self->block_size - self->block_used
      && (guint64) n_cells + n_rows < G_MAXUINT)
    add_block (self, n_cells + n_rows);
}

void
thidua_table_adopt_buffer (ThiduaTable *self, char *buffer)
{
  g_return_if_fail (self->buffer == NULL);
  self->buffer = buffer;
}

const char *
thidua_table_insert_text (ThiduaTable *self, const char *text, gsize len)
{
  return len == 0 ? "" : g_string_chunk_insert_len (self->chunk, text, (gssize) len);
}

void
thidua_table_add_row (ThiduaTable *self, guint number, const char * const *cells, guint n)
{
  Row *row;

  if (self->block_size - self->block_used < n + 1)
    add_block (self, MAX (CELL_BLOCK, n + 1));
  if (self->n_rows == self->rows_size)
    rows_resize (self, MAX (64, self->rows_size * 2));
  row = &self->rows[self->n_rows++];
  row->cells = (const char **) g_array_index (self->blocks, Block, self->blocks->len - 1).data
               + self->block_used;
  row->n = n;
  row->number = number;
  self->block_used += n + 1;
  memcpy (row->cells, cells, n * sizeof (char *));
  row->cells[n] = NULL;
}

void
thidua_table_take_row (ThiduaTable *self, guint number, char **cells)
{
  guint n = g_strv_length (cells);
  g_autofree const char **row = g_new (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    row[i] = thidua_table_insert_text (self, cells[i], strlen (cells[i]));
  thidua_table_add_row (self, number, row, n);
  g_strfreev (cells);
}

guint
thidua_table_get_n_rows (const ThiduaTable *self)
{
  return self->n_rows;
}

const char * const *
thidua_table_get_row (const ThiduaTable *self, guint index, guint *number)
{
  const Row *row;

  g_return_val_if_fail (index < self->n_rows, NULL);
  row = &self->rows[index];
  if (number)
    *number = row->number;
  return row->cells;
}

const char *
thidua_table_get_cell (const ThiduaTable *self, guint index, guint column)
{
  const Row *row;

  if (index >= self->n_rows)
    return "";
  row = &self->rows[index];
  return column < row->n ? row->cells[column] : "";
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

ThiduaTableFormat
thidua_table_sniff (const char *data, gsize len)
{
  static const guchar zip_magic[] = { 'P', 'K', 3, 4 };
  static const guchar ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  if (len >= sizeof zip_magic && memcmp (data, zip_magic, sizeof zip_magic) == 0)
    return THIDUA_TABLE_FORMAT_XLSX;
  if (len >= sizeof ole_magic && memcmp (data, ole_magic, sizeof ole_magic) == 0)
    return THIDUA_TABLE_FORMAT_XLS;
  return THIDUA_TABLE_FORMAT_CSV;
}

/* Declared in thidua-xlsx.h; here because the CSV import names the date a
 * day number stands for too, without the XLSX reader's libraries. */
char *
thidua_xlsx_serial_to_date (double serial, gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double days = floor (serial);

  if (!isfinite (serial) || days < (date1904 ? 0 : 1) || days > 2958465)  /* 9999-12-31 */
    return NULL;
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days < 60)
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  else
    {
      /* Lotus's 29 February 1900 (serial 60) does not exist: from then
       * on the count is one day ahead. */
      if (days == 60)
        days = 61;
      date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
    }
  g_date_add_days (date, (guint) days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}
