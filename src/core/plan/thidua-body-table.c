/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-body-table.c — columns and rows of a printed table. */
#include "config.h"
#include "thidua-body-table.h"
#include "thidua-text.h"

typedef struct {
  char             *header;
  double            weight;
  ThiduaBodyTableAlign  align;
} Column;

typedef struct {
  ThiduaBodyTableRowKind kind;
  guint              first_cell;   /* index into cells */
} Row;

struct _ThiduaBodyTable {
  gatomicrefcount  ref_count;
  gboolean         has_header;
  GArray          *columns;   /* Column */
  GArray          *rows;      /* Row */
  GPtrArray       *cells;     /* const char *, n_columns per row, in chunk */
  GStringChunk    *chunk;     /* a summary of 5,000 rows: one allocation run */
};

G_DEFINE_BOXED_TYPE (ThiduaBodyTable, thidua_body_table, thidua_body_table_ref, thidua_body_table_unref)

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->header);
}

ThiduaBodyTable *
thidua_body_table_new (void)
{
  ThiduaBodyTable *table = g_new0 (ThiduaBodyTable, 1);

  g_atomic_ref_count_init (&table->ref_count);
  table->has_header = TRUE;
  table->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (table->columns, column_clear);
  table->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  table->cells = g_ptr_array_new ();
  table->chunk = g_string_chunk_new (4096);
  return table;
}

ThiduaBodyTable *
thidua_body_table_ref (ThiduaBodyTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_atomic_ref_count_inc (&table->ref_count);
  return table;
}

void
thidua_body_table_unref (ThiduaBodyTable *table)
{
  g_return_if_fail (table != NULL);
  if (!g_atomic_ref_count_dec (&table->ref_count))
    return;
  g_array_unref (table->columns);
  g_array_unref (table->rows);
  g_ptr_array_unref (table->cells);
  g_string_chunk_free (table->chunk);
  g_free (table);
}

/* Cells and headers are stored NFC, as every text of the model. */
static char *
nfc_or_empty (const char *text)
{
  char *nfc = text != NULL ? thidua_text_nfc (text, -1) : NULL;

  return nfc != NULL ? nfc : g_strdup ("");
}

void
thidua_body_table_add_column (ThiduaBodyTable *table, const char *header, double weight,
                         ThiduaBodyTableAlign align)
{
  Column c;

  g_return_if_fail (table != NULL);
  g_return_if_fail (table->rows->len == 0);

  c.header = nfc_or_empty (header);
  c.weight = weight > 0 ? weight : 1.0;
  c.align = align;
  g_array_append_val (table->columns, c);
}

void
thidua_body_table_add_row (ThiduaBodyTable *table, ThiduaBodyTableRowKind kind, const char * const *cells)
{
  Row row;
  gboolean ended = cells == NULL;

  g_return_if_fail (table != NULL);
  g_return_if_fail (table->columns->len > 0);
  row = (Row) { kind, table->cells->len };

  for (guint c = 0; c < table->columns->len; c++)
    {
      g_autofree char *text = NULL;

      if (!ended && cells[c] == NULL)
        ended = TRUE;
      /* A group row is its first cell only. */
      if (ended || (kind == THIDUA_BODY_TABLE_ROW_GROUP && c > 0) || cells[c][0] == '\0')
        {
          g_ptr_array_add (table->cells, (gpointer) "");
          continue;
        }
      text = nfc_or_empty (cells[c]);
      g_ptr_array_add (table->cells, g_string_chunk_insert_const (table->chunk, text));
    }
  g_array_append_val (table->rows, row);
}

void
thidua_body_table_set_has_header (ThiduaBodyTable *table, gboolean has_header)
{
  g_return_if_fail (table != NULL);
  table->has_header = !!has_header;
}

gboolean
thidua_body_table_get_has_header (ThiduaBodyTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->has_header;
}

guint
thidua_body_table_get_n_columns (ThiduaBodyTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->columns->len;
}

const char *
thidua_body_table_get_header (ThiduaBodyTable *table, guint column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column < table->columns->len, NULL);
  return g_array_index (table->columns, Column, column).header;
}

double
thidua_body_table_get_weight (ThiduaBodyTable *table, guint column)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (column < table->columns->len, 0);
  return g_array_index (table->columns, Column, column).weight;
}

ThiduaBodyTableAlign
thidua_body_table_get_align (ThiduaBodyTable *table, guint column)
{
  g_return_val_if_fail (table != NULL, THIDUA_BODY_TABLE_ALIGN_LEFT);
  g_return_val_if_fail (column < table->columns->len, THIDUA_BODY_TABLE_ALIGN_LEFT);
  return g_array_index (table->columns, Column, column).align;
}

guint
thidua_body_table_get_n_rows (ThiduaBodyTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

ThiduaBodyTableRowKind
thidua_body_table_get_row_kind (ThiduaBodyTable *table, guint row)
{
  g_return_val_if_fail (table != NULL, THIDUA_BODY_TABLE_ROW_BODY);
  g_return_val_if_fail (row < table->rows->len, THIDUA_BODY_TABLE_ROW_BODY);
  return g_array_index (table->rows, Row, row).kind;
}

const char *
thidua_body_table_get_cell (ThiduaBodyTable *table, guint row, guint column)
{
  g_return_val_if_fail (table != NULL, "");
  g_return_val_if_fail (row < table->rows->len, "");
  if (column >= table->columns->len)
    return "";
  return g_ptr_array_index (table->cells, g_array_index (table->rows, Row, row).first_cell + column);
}
