/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store-stage.c — "thidua_stage", a virtual table of rows kept in
 * this process's memory, for staging.
 *
 * Rows bound for the register are written to temp.stage_* first and moved
 * into their tables by one INSERT … SELECT each (thidua-register.c).  As
 * ordinary temp tables, 100,000 staged rows were written into a B-tree and
 * read back out of it: a seventh of an import.  Here a row is appended to
 * a block of memory and read back in the order it came: nothing is
 * sorted, paged or journalled.
 *
 * What the staging needs, and all this table does: INSERT (append, the
 * rowid chosen here), a full scan (in insertion order, which it reports as
 * the order of its first column while that column only ever grew), and
 * DELETE of every row.  It is not transactional: a ROLLBACK leaves staged
 * rows in place, and every stager empties the tables before it begins.
 * UPDATE is refused. */
#include "config.h"
#include <string.h>

#include "thidua-store-private.h"

#define MAX_COLUMNS 32
#define BLOCK_SIZE  (1 << 20)

/* A row is its cells one after another, each a tag byte and then:
 * INTEGER a zigzag varint, FLOAT 8 bytes, TEXT and BLOB a varint length
 * and the bytes, NULL nothing.  Rows are packed into blocks of 1 MB (a
 * larger row gets a block of its own) that never move once written, so
 * appending copies each value once and a scan reads the rows in order. */
typedef struct {
  guint8 *data;
  gsize   len;
  gsize   size;
} Block;

struct _ThiduaStageTable {
  sqlite3_vtab base;
  GHashTable  *registry;   /* the module's: name → table, for thidua_store_stage_table() */
  char        *name;
  int          n_columns;
  GArray      *blocks;     /* Block */
  guint        n_rows;     /* rows appended, deleted ones included; rowid = index + 1 */
  guint        n_live;
  GArray      *dead;       /* guint8 per row once a row is deleted, else NULL */
  gboolean     ascending;  /* the first column is an integer that grew with every row */
  gint64       last_first; /* the first column of the last row */
  /* the row being written (thidua_stage_table_begin_row) */
  gsize        row_start;  /* its offset in the last block */
  int          row_cells;
  gboolean     row_open;   /* begun and not ended: the next begin drops it */
} ;
typedef struct _ThiduaStageTable StageTable;

typedef struct {
  sqlite3_vtab_cursor base;
  guint               row;       /* index of the current row */
  guint               block;
  gsize               at;        /* the current row's offset in its block */
  gsize               next;      /* the next row's */
  const guint8       *cells[MAX_COLUMNS];
} StageCursor;

static void
stage_clear (StageTable *t)
{
  for (guint i = 0; i < t->blocks->len; i++)
    g_free (g_array_index (t->blocks, Block, i).data);
  g_array_set_size (t->blocks, 0);
  g_clear_pointer (&t->dead, g_array_unref);
  t->n_rows = t->n_live = 0;
  t->ascending = TRUE;
  t->row_open = FALSE;
}

/* CREATE VIRTUAL TABLE temp.x USING thidua_stage (a, b, c): argv[3…] are
 * the column names, declared without types (a value keeps the type it was
 * inserted with, as in a column without affinity). */
static int
stage_connect (sqlite3 *db, void *aux, int argc, const char * const *argv,
               sqlite3_vtab **out, char **err)
{
  g_autoptr(GString) decl = g_string_new ("CREATE TABLE x (");
  StageTable *t;
  int rc;

  if (argc - 3 < 1 || argc - 3 > MAX_COLUMNS)
    {
      *err = sqlite3_mprintf ("thidua_stage: between 1 and %d columns", MAX_COLUMNS);
      return SQLITE_ERROR;
    }
  for (int i = 3; i < argc; i++)
    {
      const char *name = argv[i];
      gsize len = strlen (name);

      if (len == 0 || strspn (name, "abcdefghijklmnopqrstuvwxyz_0123456789") != len)
        {
          *err = sqlite3_mprintf ("thidua_stage: “%s” is not a column name", name);
          return SQLITE_ERROR;
        }
      g_string_append_printf (decl, "%s%s", i > 3 ? ", " : "", name);
    }
  g_string_append_c (decl, ')');
  if ((rc = sqlite3_declare_vtab (db, decl->str)) != SQLITE_OK)
    return rc;

  t = g_new0 (StageTable, 1);
  t->registry = aux;
  t->name = g_strdup (argv[2]);
  g_hash_table_replace (t->registry, t->name, t);
  t->n_columns = argc - 3;
  t->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  t->ascending = TRUE;
  *out = &t->base;
  return SQLITE_OK;
}

static int
stage_disconnect (sqlite3_vtab *vtab)
{
  StageTable *t = (StageTable *) vtab;

  if (g_hash_table_lookup (t->registry, t->name) == t)
    g_hash_table_remove (t->registry, t->name);
  stage_clear (t);
  g_array_unref (t->blocks);
  g_free (t->name);
  g_free (t);
  return SQLITE_OK;
}

static int
stage_best_index (sqlite3_vtab *vtab, sqlite3_index_info *info)
{
  StageTable *t = (StageTable *) vtab;

  /* every query is a full scan; constraints are tested by SQLite */
  info->estimatedCost = 10.0 + t->n_live;
  info->estimatedRows = MAX (t->n_live, 1);
  if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == 0 && !info->aOrderBy[0].desc && t->ascending)
    info->orderByConsumed = 1;
  return SQLITE_OK;
}

static int
stage_open (sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
  StageCursor *c = g_new0 (StageCursor, 1);

  *out = &c->base;
  return SQLITE_OK;
}

static int
stage_close (sqlite3_vtab_cursor *cursor)
{
  g_free (cursor);
  return SQLITE_OK;
}

static inline const guint8 *
get_varint (const guint8 *p, guint64 *out)
{
  guint64 v = 0;
  int shift = 0;

  do
    {
      v |= (guint64) (*p & 0x7f) << shift;
      shift += 7;
    }
  while (*p++ & 0x80);
  *out = v;
  return p;
}

static inline guint8 *
put_varint (guint8 *p, guint64 v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

/* Finds the cells of the row at c->block/c->at; sets c->next. */
static void
decode_row (StageCursor *c)
{
  StageTable *t = (StageTable *) c->base.pVtab;
  const Block *b = &g_array_index (t->blocks, Block, c->block);
  const guint8 *p = b->data + c->at;

  for (int i = 0; i < t->n_columns; i++)
    {
      guint64 n;

      c->cells[i] = p;
      switch (*p++)
        {
        case SQLITE_INTEGER:
          p = get_varint (p, &n);
          break;
        case SQLITE_FLOAT:
          p += 8;
          break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
          p = get_varint (p, &n);
          p += n;
          break;
        default:
          break;
        }
    }
  c->next = p - b->data;
}

static gboolean
row_dead (StageTable *t, guint row)
{
  return t->dead != NULL && g_array_index (t->dead, guint8, row);
}

/* From the row at c->at (or past the last), on to the first live one. */
static void
settle (StageCursor *c)
{
  StageTable *t = (StageTable *) c->base.pVtab;

  while (c->row < t->n_rows)
    {
      /* a block a row moved out of whole may be left empty */
      while (c->at >= g_array_index (t->blocks, Block, c->block).len)
        {
          c->block++;
          c->at = 0;
        }
      decode_row (c);
      if (!row_dead (t, c->row))
        return;
      c->row++;
      c->at = c->next;
    }
}

static int
stage_filter (sqlite3_vtab_cursor *cursor, int idx_num, const char *idx_str,
              int argc, sqlite3_value **argv)
{
  StageCursor *c = (StageCursor *) cursor;

  c->row = 0;
  c->block = 0;
  c->at = 0;
  settle (c);
  return SQLITE_OK;
}

static int
stage_next (sqlite3_vtab_cursor *cursor)
{
  StageCursor *c = (StageCursor *) cursor;

  c->row++;
  c->at = c->next;
  settle (c);
  return SQLITE_OK;
}

static int
stage_eof (sqlite3_vtab_cursor *cursor)
{
  StageCursor *c = (StageCursor *) cursor;

  return c->row >= ((StageTable *) c->base.pVtab)->n_rows;
}

static int
stage_column (sqlite3_vtab_cursor *cursor, sqlite3_context *ctx, int col)
{
  StageCursor *c = (StageCursor *) cursor;
  const guint8 *p = c->cells[col];
  guint64 n;
  double r;

  /* Blocks never move: the values need no copy. */
  switch (*p++)
    {
    case SQLITE_INTEGER:
      get_varint (p, &n);
      sqlite3_result_int64 (ctx, (gint64) (n >> 1) ^ -(gint64) (n & 1));
      break;
    case SQLITE_FLOAT:
      memcpy (&r, p, sizeof r);
      sqlite3_result_double (ctx, r);
      break;
    case SQLITE_TEXT:
      p = get_varint (p, &n);
      sqlite3_result_text (ctx, (const char *) p, (int) n, SQLITE_STATIC);
      break;
    case SQLITE_BLOB:
      p = get_varint (p, &n);
      sqlite3_result_blob (ctx, p, (int) n, SQLITE_STATIC);
      break;
    default:
      sqlite3_result_null (ctx);
      break;
    }
  return SQLITE_OK;
}

static int
stage_rowid (sqlite3_vtab_cursor *cursor, sqlite_int64 *rowid)
{
  *rowid = ((StageCursor *) cursor)->row + 1;
  return SQLITE_OK;
}

/* Room for need more bytes after the row being written, which moves to
 * a new block with them when the last one is full. */
static guint8 *
room (StageTable *t, gsize need)
{
  Block *b = t->blocks->len ? &g_array_index (t->blocks, Block, t->blocks->len - 1) : NULL;

  if (b == NULL || b->size - b->len < need)
    {
      gsize partial = b ? b->len - t->row_start : 0;
      Block fresh = { NULL, partial, MAX (BLOCK_SIZE, partial + need) };

      fresh.data = g_try_malloc (fresh.size);
      if (fresh.data == NULL)
        return NULL;
      if (partial > 0)
        {
          memcpy (fresh.data, b->data + t->row_start, partial);
          b->len = t->row_start;
        }
      g_array_append_val (t->blocks, fresh);
      t->row_start = 0;
      b = &g_array_index (t->blocks, Block, t->blocks->len - 1);
    }
  return b->data + b->len;
}

static void
wrote (StageTable *t, const guint8 *end)
{
  Block *b = &g_array_index (t->blocks, Block, t->blocks->len - 1);

  b->len = end - b->data;
  t->row_cells++;
}

void
thidua_stage_table_begin_row (ThiduaStageTable *t)
{
  Block *last = t->blocks->len ? &g_array_index (t->blocks, Block, t->blocks->len - 1) : NULL;

  /* a row left half-written (memory ran out) is dropped: the scan reads
   * rows one after another, and its cells would become the next row's */
  if (t->row_open && last != NULL)
    last->len = t->row_start;
  t->row_start = last ? last->len : 0;
  t->row_cells = 0;
  t->row_open = TRUE;
}

/* Room for a cell of need bytes after its tag, the tag written: where the
 * cell goes on, or NULL when memory ran out.  A row whose first cell is
 * not an integer is not in the order of a seq column. */
static guint8 *
cell_start (StageTable *t, guint8 tag, gsize need)
{
  guint8 *p = room (t, 1 + need);

  if (p == NULL)
    return NULL;
  if (t->row_cells == 0 && tag != SQLITE_INTEGER)
    t->ascending = FALSE;
  *p = tag;
  return p + 1;
}

gboolean
thidua_stage_table_add_int (ThiduaStageTable *t, gint64 n)
{
  guint8 *p = cell_start (t, SQLITE_INTEGER, 10);

  if (p == NULL)
    return FALSE;
  if (t->row_cells == 0)
    {
      if (t->n_rows > 0 && n <= t->last_first)
        t->ascending = FALSE;
      t->last_first = n;
    }
  wrote (t, put_varint (p, ((guint64) n << 1) ^ (guint64) (n >> 63)));
  return TRUE;
}

static gboolean
add_bytes (StageTable *t, int type, const void *data, gsize len)
{
  guint8 *p = cell_start (t, (guint8) type, 10 + len);

  if (p == NULL)
    return FALSE;
  p = put_varint (p, len);
  if (len > 0)
    memcpy (p, data, len);
  wrote (t, p + len);
  return TRUE;
}

gboolean
thidua_stage_table_add_text (ThiduaStageTable *t, const char *text)
{
  if (text == NULL)
    return thidua_stage_table_add_null (t);
  return add_bytes (t, SQLITE_TEXT, text, strlen (text));
}

gboolean
thidua_stage_table_add_null (ThiduaStageTable *t)
{
  guint8 *p = cell_start (t, SQLITE_NULL, 0);

  if (p == NULL)
    return FALSE;
  wrote (t, p);
  return TRUE;
}

static gboolean
add_float (StageTable *t, double r)
{
  guint8 *p = cell_start (t, SQLITE_FLOAT, sizeof r);

  if (p == NULL)
    return FALSE;
  memcpy (p, &r, sizeof r);
  wrote (t, p + sizeof r);
  return TRUE;
}

gboolean
thidua_stage_table_end_row (ThiduaStageTable *t)
{
  g_return_val_if_fail (t->row_cells == t->n_columns, FALSE);
  if (t->n_rows == G_MAXUINT32 - 1)
    return FALSE;
  if (t->dead != NULL)
    {
      guint8 alive = 0;
      g_array_append_val (t->dead, alive);
    }
  t->row_open = FALSE;
  t->n_rows++;
  t->n_live++;
  return TRUE;
}

/* An INSERT: the row as SQLite hands it over. */
static int
stage_append (StageTable *t, sqlite3_value **values, sqlite_int64 *rowid)
{
  thidua_stage_table_begin_row (t);
  for (int i = 0; i < t->n_columns; i++)
    {
      sqlite3_value *v = values[i];
      gboolean ok;

      switch (sqlite3_value_type (v))
        {
        case SQLITE_INTEGER:
          ok = thidua_stage_table_add_int (t, sqlite3_value_int64 (v));
          break;
        case SQLITE_FLOAT:
          ok = add_float (t, sqlite3_value_double (v));
          break;
        case SQLITE_TEXT:
          {
            /* the pointer first, then its length (sqlite3_value_bytes' rule) */
            const unsigned char *text = sqlite3_value_text (v);
            int len = sqlite3_value_bytes (v);
            ok = (text != NULL || len == 0) && add_bytes (t, SQLITE_TEXT, text, len);
          }
          break;
        case SQLITE_BLOB:
          {
            const void *blob = sqlite3_value_blob (v);
            int len = sqlite3_value_bytes (v);
            ok = (blob != NULL || len == 0) && add_bytes (t, SQLITE_BLOB, blob, len);
          }
          break;
        default:
          ok = thidua_stage_table_add_null (t);
          break;
        }
      if (!ok)
        return SQLITE_NOMEM;   /* the next row's begin drops this one */
    }
  if (!thidua_stage_table_end_row (t))
    return SQLITE_FULL;
  *rowid = t->n_rows;
  return SQLITE_OK;
}

static int
stage_update (sqlite3_vtab *vtab, int argc, sqlite3_value **argv, sqlite_int64 *rowid)
{
  StageTable *t = (StageTable *) vtab;

  if (argc == 1)
    {
      sqlite3_int64 id = sqlite3_value_int64 (argv[0]);

      if (id < 1 || id > t->n_rows || row_dead (t, id - 1))
        return SQLITE_OK;
      if (--t->n_live == 0)
        {
          /* every row gone (DELETE FROM without WHERE): start afresh */
          stage_clear (t);
          return SQLITE_OK;
        }
      if (t->dead == NULL)
        {
          t->dead = g_array_sized_new (FALSE, TRUE, 1, t->n_rows);
          g_array_set_size (t->dead, t->n_rows);
        }
      g_array_index (t->dead, guint8, id - 1) = 1;
      return SQLITE_OK;
    }
  if (sqlite3_value_type (argv[0]) != SQLITE_NULL || sqlite3_value_type (argv[1]) != SQLITE_NULL)
    {
      sqlite3_free (vtab->zErrMsg);
      vtab->zErrMsg = sqlite3_mprintf ("thidua_stage: staged rows are only added and removed");
      return SQLITE_CONSTRAINT;
    }
  return stage_append (t, argv + 2, rowid);
}

static const sqlite3_module stage_module = {
  .iVersion = 0,
  .xCreate = stage_connect,
  .xConnect = stage_connect,
  .xBestIndex = stage_best_index,
  .xDisconnect = stage_disconnect,
  .xDestroy = stage_disconnect,
  .xOpen = stage_open,
  .xClose = stage_close,
  .xFilter = stage_filter,
  .xNext = stage_next,
  .xEof = stage_eof,
  .xColumn = stage_column,
  .xRowid = stage_rowid,
  .xUpdate = stage_update,
};

GHashTable *
thidua_store_stage_register (sqlite3 *db)
{
  /* the tables of this connection by name; SQLite frees it with the
   * connection, after every table is gone */
  GHashTable *registry = g_hash_table_new (g_str_hash, g_str_equal);

  if (sqlite3_create_module_v2 (db, "thidua_stage", &stage_module, registry,
                                (void (*) (void *)) g_hash_table_unref) != SQLITE_OK)
    return NULL;   /* SQLite has called the destructor */
  return registry;
}
