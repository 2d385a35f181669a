/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-model.c — a year as one compact array, sorted by SQLite,
 * filtered in memory, items read on demand. */
#include "config.h"
#include "thidua-register-model.h"
#include "thidua-register-item.h"
#include "thidua-register-private.h"

#include <string.h>

#include "thidua-text.h"

/* Rows read per query when an item is first shown. */
#define PAGE 64
/* More runs than this in one refresh: announced as one span. */
#define MAX_RUNS 32

typedef struct {
  gint64  id;
  int     rank;     /* in Vietnamese order of names (SQLite's ORDER BY); -1 none */
  char   *name;
  char   *key;      /* folded */
} Unit;

typedef struct {
  gint64      id;
  gint64      person_id;
  gint64      unit_id;
  gint64      modified;
  const char *person_key;   /* folded name, "" for a collective */
  const char *sort_key;     /* the person's Vietnamese sort key */
  const Unit *unit;
  guint16     title;        /* catalog position; G_MAXUINT16 unknown */
  guint8      status;
  guint8      result;
  guint8      gone;         /* deleted since the year was read */
} Row;

typedef struct {
  GArray       *rows;       /* Row, in the order of the sort */
  GStringChunk *keys;       /* person keys, units' names and keys */
  GHashTable   *units;      /* gint64 id → Unit */
} Year;

struct _ThiduaRegisterModel
{
  GObject         parent_instance;

  ThiduaRegister *reg;
  char           *year;
  Year            y;
  guint           n_gone;
  GHashTable     *title_pos;  /* catalog id → position + 1 */
  GArray         *visible;    /* guint indexes into y.rows */
  GPtrArray      *items;      /* per row: its ThiduaRegisterItem once asked for */
  sqlite3_stmt   *page;       /* registrations by 64 ids */
  sqlite3_stmt   *compact;    /* compact rows by 64 ids */

  char          **needle;     /* folded search words */
  char           *folded_search;
  gint64          unit_id;
  GHashTable     *units;      /* the chosen unit and the units inside it */
  int             title;      /* catalog position, -1 any */
  int             status;
  int             result;
  ThiduaRegSort   sort;
};

enum {
  PROP_0,
  PROP_REGISTER,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ITEMS_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ThiduaRegisterModel, thidua_register_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

#define ROW(y, i) (&g_array_index ((y)->rows, Row, (i)))

static void
unit_free (Unit *u)
{
  g_free (u);
}

static void
year_init (Year *y)
{
  y->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  y->keys = g_string_chunk_new (64 * 1024);
  y->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) unit_free);
}

static void
year_clear (Year *y)
{
  g_clear_pointer (&y->rows, g_array_unref);
  g_clear_pointer (&y->keys, g_string_chunk_free);
  g_clear_pointer (&y->units, g_hash_table_unref);
}

/* ---- reading ---- */

/* No join with the units: their names come from read_units (a unit made
 * since is looked up alone), and no ifnull (): a NULL reads as 0 or "".
 * Every column read is a call into SQLite (which locks the connection),
 * so a row is as few columns as the compact row needs. */
static const char compact_columns[] =
  "SELECT r.id, r.person_id, r.unit_id, r.title, r.status, r.result, r.modified, "
  "p.name_key, p.sort_key "
  "FROM registrations r JOIN reg_years y ON y.id = r.year_id "
  "LEFT JOIN people p ON p.id = r.person_id ";

static char *
by_ids_sql (const char *columns)
{
  GString *s = g_string_new (columns);

  g_string_append (s, "WHERE r.id IN (");
  for (guint i = 1; i <= PAGE; i++)
    g_string_append_printf (s, "%s?%u", i > 1 ? ", " : "", i);
  g_string_append (s, ")");
  return g_string_free (s, FALSE);
}

static sqlite3_stmt *
by_ids_stmt (ThiduaRegisterModel *self, sqlite3_stmt **slot, const char *columns, GError **error)
{
  if (*slot == NULL)
    {
      g_autofree char *sql = by_ids_sql (columns);
      *slot = thidua_register_prepare (self->reg, sql, "reading registrations", error);
    }
  return *slot;
}

static void
bind_ids (sqlite3_stmt *stmt, const gint64 *ids, guint n)
{
  sqlite3_reset (stmt);
  for (guint i = 0; i < PAGE; i++)
    {
      if (i < n)
        sqlite3_bind_int64 (stmt, (int) i + 1, ids[i]);
      else
        sqlite3_bind_null (stmt, (int) i + 1);
    }
}

static guint8
status_of (const char *s)
{
  return s[0] == 'w' ? THIDUA_REG_STATUS_WITHDRAWN : THIDUA_REG_STATUS_REGISTERED;
}

static guint8
result_of (const char *s)
{
  return s[0] == 'a' ? THIDUA_REG_RESULT_ACHIEVED
       : s[0] == 'n' ? THIDUA_REG_RESULT_NOT_ACHIEVED : THIDUA_REG_RESULT_PENDING;
}

/* A unit the year's rows name that read_units did not see (made since):
 * read alone, ranked first. */
static Unit *
add_unknown_unit (ThiduaRegisterModel *self, Year *y, gint64 unit_id)
{
  g_autoptr(sqlite3_stmt) stmt = thidua_register_prepare (self->reg, "SELECT name, name_key FROM units WHERE id = ?1",
                                                          "reading a unit", NULL);
  Unit *unit = g_new0 (Unit, 1);
  gboolean found = stmt != NULL && (sqlite3_bind_int64 (stmt, 1, unit_id), sqlite3_step (stmt) == SQLITE_ROW);

  unit->id = unit_id;
  unit->rank = -1;
  unit->name = g_string_chunk_insert (y->keys, found ? reg_column_text (stmt, 0) : "");
  unit->key = g_string_chunk_insert (y->keys, found ? reg_column_text (stmt, 1) : "");
  g_hash_table_insert (y->units, &unit->id, unit);
  return unit;
}

/* One compact row from compact_columns. */
static void
row_from_stmt (ThiduaRegisterModel *self, Year *y, sqlite3_stmt *stmt, Row *row)
{
  const char *key = reg_column_text (stmt, 7);
  guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (self->title_pos, reg_column_text (stmt, 3)));
  Unit *unit;

  row->id = sqlite3_column_int64 (stmt, 0);
  row->person_id = sqlite3_column_int64 (stmt, 1);
  row->unit_id = sqlite3_column_int64 (stmt, 2);
  row->title = pos > 0 ? (guint16) (pos - 1) : G_MAXUINT16;
  row->status = status_of (reg_column_text (stmt, 4));
  row->result = result_of (reg_column_text (stmt, 5));
  row->modified = sqlite3_column_int64 (stmt, 6);
  row->person_key = *key ? g_string_chunk_insert (y->keys, key) : "";
  key = reg_column_text (stmt, 8);
  row->sort_key = *key ? g_string_chunk_insert (y->keys, key) : "";
  row->gone = FALSE;
  unit = g_hash_table_lookup (y->units, &row->unit_id);
  if (unit == NULL)
    unit = add_unknown_unit (self, y, row->unit_id);
  row->unit = unit;
}

/* The units in order, ranked once by SQLite (a few hundred rows); rows
 * are then sorted in memory by (rank, person's sort key, catalog order):
 * SQLite's ORDER BY over the year cost ~250 ms of CPU for 100,000 rows
 * (every column goes through its sorter), this ~40 ms. */
static gboolean
read_units (ThiduaRegisterModel *self, Year *y, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = thidua_register_prepare (self->reg,
      "SELECT id, name, name_key FROM units ORDER BY CAST (ifnull (sort_key, '') AS BLOB), id",
      "reading the units", error);
  int rc, rank = 0;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Unit *unit = g_new0 (Unit, 1);

      unit->id = sqlite3_column_int64 (stmt, 0);
      unit->rank = rank++;
      unit->name = g_string_chunk_insert (y->keys, reg_column_text (stmt, 1));
      unit->key = g_string_chunk_insert (y->keys, reg_column_text (stmt, 2));
      g_hash_table_insert (y->units, &unit->id, unit);
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (self->reg, error, "reading the units");
  return TRUE;
}

static int
cmp_unit (const Row *a, const Row *b)
{
  if (a->unit->rank != b->unit->rank)
    return a->unit->rank < b->unit->rank ? -1 : 1;
  if (a->unit_id != b->unit_id)
    return a->unit_id < b->unit_id ? -1 : 1;
  /* the unit's own registrations before its members' */
  if ((a->person_id == 0) != (b->person_id == 0))
    return a->person_id == 0 ? -1 : 1;
  return strcmp (a->sort_key, b->sort_key);
}

static int
compare_rows (gconstpointer pa, gconstpointer pb, gpointer data)
{
  const Row *a = pa, *b = pb;
  ThiduaRegSort sort = GPOINTER_TO_INT (data);
  int c;

  switch (sort)
    {
    case THIDUA_REG_SORT_TITLE:
      if (a->title != b->title)
        return a->title < b->title ? -1 : 1;
      G_GNUC_FALLTHROUGH;
    case THIDUA_REG_SORT_UNIT:
      if ((c = cmp_unit (a, b)) != 0)
        return c;
      break;
    case THIDUA_REG_SORT_NAME:
    default:
      if ((a->person_id == 0) != (b->person_id == 0))
        return a->person_id == 0 ? 1 : -1;
      if ((c = strcmp (a->sort_key, b->sort_key)) != 0)
        return c;
      if (a->unit->rank != b->unit->rank)
        return a->unit->rank < b->unit->rank ? -1 : 1;
      break;
    }
  if (a->person_id != b->person_id)
    return a->person_id < b->person_id ? -1 : 1;
  if (a->title != b->title)
    return a->title < b->title ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static void
sort_rows (ThiduaRegisterModel *self, Year *y)
{
  g_qsort_with_data (y->rows->data, (gint) y->rows->len, sizeof (Row), compare_rows,
                     GINT_TO_POINTER (self->sort));
}

static gboolean
read_year (ThiduaRegisterModel *self, const char *year, Year *y, GError **error)
{
  g_autofree char *sql = g_strconcat (compact_columns, "WHERE y.label = ?1", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!read_units (self, y, error))
    return FALSE;
  stmt = thidua_register_prepare (self->reg, sql, "reading the register", error);
  if (stmt == NULL)
    return FALSE;
  reg_bind_text (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row row;
      row_from_stmt (self, y, stmt, &row);
      g_array_append_val (y->rows, row);
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (self->reg, error, "reading the register");
  sort_rows (self, y);
  return TRUE;
}

/* Reads the registrations of up to PAGE items in one query. */
static void
fill_items (ThiduaRegisterModel *self, ThiduaRegisterItem **items, guint n)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 ids[PAGE];
  sqlite3_stmt *stmt = by_ids_stmt (self, &self->page, THIDUA_REGISTER_SELECT, NULL);

  if (stmt == NULL)
    return;   /* each item then reads itself */
  for (guint i = 0; i < n; i++)
    {
      ids[i] = thidua_register_item_get_id (items[i]);
      g_hash_table_insert (by_id, &ids[i], items[i]);
    }
  bind_ids (stmt, ids, n);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ThiduaRegisterItem *item = g_hash_table_lookup (by_id, &id);
      if (item != NULL && !thidua_register_item_is_loaded (item))
        thidua_register_item_take_registration (item, thidua_register_registration_from_row (stmt));
    }
  /* never leave a read open: it would hold back the WAL */
  sqlite3_reset (stmt);
}

/* ---- items ---- */

static ThiduaRegisterItem *ensure_item (ThiduaRegisterModel *self, guint index);

/* An item's first getter: read it with its neighbours among the shown
 * rows (the rows a list shows next). */
static void
load_page (ThiduaRegisterItem *item, gpointer owner)
{
  ThiduaRegisterModel *self = owner;
  ThiduaRegisterItem *batch[PAGE];
  guint n = 0, index = G_MAXUINT, start, position = G_MAXUINT;

  batch[n++] = item;
  for (guint i = 0; i < self->y.rows->len; i++)
    if (g_ptr_array_index (self->items, i) == item)
      {
        index = i;
        break;
      }
  if (index != G_MAXUINT)
    {
      /* the visible array is in row order: bisect for the position */
      guint lo = 0, hi = self->visible->len;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          if (g_array_index (self->visible, guint, mid) < index)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < self->visible->len && g_array_index (self->visible, guint, lo) == index)
        position = lo;
    }
  if (position != G_MAXUINT)
    {
      start = position > PAGE / 4 ? position - PAGE / 4 : 0;
      for (guint p = start; p < self->visible->len && n < PAGE; p++)
        {
          ThiduaRegisterItem *other = ensure_item (self, g_array_index (self->visible, guint, p));
          if (other != item && !thidua_register_item_is_loaded (other))
            batch[n++] = other;
        }
    }
  fill_items (self, batch, n);
}

static ThiduaRegisterItem *
ensure_item (ThiduaRegisterModel *self, guint index)
{
  ThiduaRegisterItem *item = g_ptr_array_index (self->items, index);

  if (item == NULL)
    {
      item = thidua_register_item_new_lazy (self->reg, ROW (&self->y, index)->id, load_page, self);
      g_ptr_array_index (self->items, index) = item;
    }
  return item;
}

static void
drop_item (ThiduaRegisterModel *self, guint index)
{
  ThiduaRegisterItem *item = g_ptr_array_index (self->items, index);

  if (item != NULL)
    {
      thidua_register_item_detach (item);
      g_object_unref (item);
      g_ptr_array_index (self->items, index) = NULL;
    }
}

static void
drop_items (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      ThiduaRegisterItem *item = g_ptr_array_index (items, i);
      if (item != NULL)
        {
          thidua_register_item_detach (item);
          g_object_unref (item);
        }
    }
  g_ptr_array_set_size (items, 0);
}

static GType
get_item_type (GListModel *model)
{
  return THIDUA_TYPE_REGISTER_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return THIDUA_REGISTER_MODEL (model)->visible->len;
}

/* GTK 4.8's list widgets ask for every item of a changed range to compare
 * it with the rows they had: an item costs an id until it is shown. */
static gpointer
get_item (GListModel *model, guint position)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (model);

  if (position >= self->visible->len)
    return NULL;
  return g_object_ref (ensure_item (self, g_array_index (self->visible, guint, position)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- life cycle ---- */

static void
thidua_register_model_finalize (GObject *object)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);

  drop_items (self->items);
  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->page, sqlite3_finalize);
  g_clear_pointer (&self->compact, sqlite3_finalize);
  g_clear_object (&self->reg);
  g_free (self->year);
  year_clear (&self->y);
  g_clear_pointer (&self->title_pos, g_hash_table_unref);
  g_array_unref (self->visible);
  g_strfreev (self->needle);
  g_free (self->folded_search);
  g_clear_pointer (&self->units, g_hash_table_unref);
  G_OBJECT_CLASS (thidua_register_model_parent_class)->finalize (object);
}

static void
thidua_register_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_model_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      self->reg = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Catalog positions, for the rows' order and the title filter. */
static void
thidua_register_model_constructed (GObject *object)
{
  ThiduaRegisterModel *self = THIDUA_REGISTER_MODEL (object);
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);

  G_OBJECT_CLASS (thidua_register_model_parent_class)->constructed (object);
  self->title_pos = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < thidua_catalog_get_n_titles (catalog); i++)
    {
      const ThiduaTitle *t = thidua_catalog_get_title (catalog, i);
      g_hash_table_insert (self->title_pos, t->id, GUINT_TO_POINTER (t->position + 1));
    }
}

static void
thidua_register_model_class_init (ThiduaRegisterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = thidua_register_model_constructed;
  object_class->finalize = thidua_register_model_finalize;
  object_class->get_property = thidua_register_model_get_property;
  object_class->set_property = thidua_register_model_set_property;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, THIDUA_TYPE_REGISTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::items-updated (position, n_items): rows that stay where they were
   * (same item objects) but read differently now; see the header. */
  signals[SIGNAL_ITEMS_UPDATED] =
    g_signal_new ("items-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
thidua_register_model_init (ThiduaRegisterModel *self)
{
  year_init (&self->y);
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items = g_ptr_array_new ();
  self->title = -1;
  self->status = -1;
  self->result = -1;
  self->sort = THIDUA_REG_SORT_UNIT;
}

ThiduaRegisterModel *
thidua_register_model_new (ThiduaRegister *reg)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  return g_object_new (THIDUA_TYPE_REGISTER_MODEL, "register", reg, NULL);
}

ThiduaRegister *
thidua_register_model_get_register (ThiduaRegisterModel *self)
{
  return self->reg;
}

/* ---- filtering ---- */

static gboolean
matches (ThiduaRegisterModel *self, const Row *r)
{
  if (r->gone)
    return FALSE;
  if (self->status >= 0 && (int) r->status != self->status)
    return FALSE;
  if (self->result >= 0 && (int) r->result != self->result)
    return FALSE;
  if (self->title >= 0 && (int) r->title != self->title)
    return FALSE;
  if (self->units && !g_hash_table_contains (self->units, &r->unit_id))
    return FALSE;
  /* words have no spaces: each is in the person's name or the unit's */
  for (guint i = 0; self->needle && self->needle[i]; i++)
    if (strstr (r->person_key, self->needle[i]) == NULL && strstr (r->unit->key, self->needle[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
announce (ThiduaRegisterModel *self, guint position, guint removed, guint added)
{
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Tells views only about the span that changed: list widgets do work for
 * every row an items-changed adds, so unchanged heads and tails (and a
 * keystroke that changes nothing) cost nothing.  Both arrays index the
 * same rows; changed (may be NULL) marks rows whose content changed. */
static void
emit_span (ThiduaRegisterModel *self, GArray *before, const guint8 *changed)
{
  guint n_old = before->len, n_new = self->visible->len;
  guint head = 0, tail = 0;

#define SAME(a, b) ((a) == (b) && (changed == NULL || !changed[a]))
  while (head < n_old && head < n_new
         && SAME (g_array_index (before, guint, head), g_array_index (self->visible, guint, head)))
    head++;
  while (tail < n_old - head && tail < n_new - head
         && SAME (g_array_index (before, guint, n_old - 1 - tail), g_array_index (self->visible, guint, n_new - 1 - tail)))
    tail++;
#undef SAME
  if (head == n_old && head == n_new)
    return;
  announce (self, head, n_old - head - tail, n_new - head - tail);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* One items-changed per run of changed rows (both arrays ascending row
 * indexes, as the filter keeps the order); too many runs: one span.  Runs
 * are announced one by one only when each replaces as many rows as it
 * removes: then the list has its final length at every announcement, as
 * views expect (they ask for the length and items as they hear). */
static void
emit_runs (ThiduaRegisterModel *self, GArray *before, const guint8 *changed)
{
  guint n_old = before->len, n_new = self->visible->len;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint) * 3);
  guint i = 0, j = 0, pos = 0, start = 0, removed = 0, added = 0;

  while (i < n_old || j < n_new)
    {
      guint a = i < n_old ? g_array_index (before, guint, i) : G_MAXUINT;
      guint b = j < n_new ? g_array_index (self->visible, guint, j) : G_MAXUINT;

      if (a == b && !changed[a])
        {
          if (removed || added)
            {
              guint run[3] = { start, removed, added };
              g_array_append_vals (runs, run, 1);
              pos = start + added;
              removed = added = 0;
              if (runs->len > MAX_RUNS)
                {
                  emit_span (self, before, changed);
                  return;
                }
            }
          i++, j++, pos++;
          continue;
        }
      if (removed == 0 && added == 0)
        start = pos;
      if (a == b)
        i++, j++, removed++, added++;
      else if (a < b)
        i++, removed++;
      else
        j++, added++;
    }
  if (removed || added)
    {
      guint run[3] = { start, removed, added };
      g_array_append_vals (runs, run, 1);
    }
  for (guint k = 0; k < runs->len; k++)
    if (g_array_index (runs, guint, k * 3 + 1) != g_array_index (runs, guint, k * 3 + 2) && runs->len > 1)
      {
        emit_span (self, before, changed);
        return;
      }
  for (guint k = 0; k < runs->len; k++)
    {
      guint *run = &g_array_index (runs, guint, k * 3);
      announce (self, run[0], run[1], run[2]);
    }
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
filter_into (ThiduaRegisterModel *self, GArray *out)
{
  for (guint i = 0; i < self->y.rows->len; i++)
    if (matches (self, ROW (&self->y, i)))
      g_array_append_val (out, i);
}

/* Typing one more letter only narrows: filter the rows still shown. */
static void
refine (ThiduaRegisterModel *self)
{
  g_autoptr(GArray) before = g_array_copy (self->visible);
  guint kept = 0;

  for (guint i = 0; i < before->len; i++)
    {
      guint index = g_array_index (before, guint, i);
      if (matches (self, ROW (&self->y, index)))
        g_array_index (self->visible, guint, kept++) = index;
    }
  g_array_set_size (self->visible, kept);
  emit_span (self, before, NULL);
}

static void
refilter (ThiduaRegisterModel *self)
{
  g_autoptr(GArray) before = self->visible;

  self->visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), before->len);
  filter_into (self, self->visible);
  emit_span (self, before, NULL);
}

/* ---- loading ---- */

static gboolean
same_row (const Row *a, const Row *b)
{
  return a->id == b->id && a->modified == b->modified && a->status == b->status
         && a->result == b->result && a->title == b->title && a->person_id == b->person_id
         && a->unit_id == b->unit_id && strcmp (a->person_key, b->person_key) == 0
         && strcmp (a->unit->name, b->unit->name) == 0;
}

static gboolean
same_registration (const ThiduaRegistration *a, const ThiduaRegistration *b)
{
  return a->id == b->id && a->status == b->status && a->result == b->result
         && a->plan_id == b->plan_id && g_strcmp0 (a->title, b->title) == 0
         && g_strcmp0 (a->initiative, b->initiative) == 0 && g_strcmp0 (a->decision, b->decision) == 0
         && g_strcmp0 (a->note, b->note) == 0 && g_strcmp0 (a->person_name, b->person_name) == 0
         && g_strcmp0 (a->honorific, b->honorific) == 0 && g_strcmp0 (a->position, b->position) == 0
         && g_strcmp0 (a->unit_name, b->unit_name) == 0;
}

/* Items already read keep their row only if their registration still
 * reads the same (an edit in the same second leaves "modified" alone). */
static void
recheck_loaded (ThiduaRegisterModel *self, guint8 *changed)
{
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->items->len; i++)
    {
      ThiduaRegisterItem *item = g_ptr_array_index (self->items, i);
      if (item != NULL && thidua_register_item_is_loaded (item))
        g_array_append_val (loaded, i);
    }
  for (guint k = 0; k < loaded->len; k += PAGE)
    {
      ThiduaRegisterItem *fresh[PAGE];
      guint n = MIN (PAGE, loaded->len - k);

      for (guint m = 0; m < n; m++)
        {
          guint index = g_array_index (loaded, guint, k + m);
          fresh[m] = thidua_register_item_new_lazy (self->reg, ROW (&self->y, index)->id, NULL, NULL);
        }
      fill_items (self, fresh, n);
      for (guint m = 0; m < n; m++)
        {
          guint index = g_array_index (loaded, guint, k + m);
          ThiduaRegisterItem *old = g_ptr_array_index (self->items, index);

          if (!thidua_register_item_is_loaded (fresh[m])
              || !same_registration (thidua_register_item_get_registration (old),
                                     thidua_register_item_get_registration (fresh[m])))
            {
              drop_item (self, index);
              changed[index] = TRUE;
            }
          g_object_unref (fresh[m]);
        }
    }
}

/* The year again (the same one): rows that read the same keep their items,
 * and views hear about the span that changed only. */
static void
reload_same_year (ThiduaRegisterModel *self, Year *fresh)
{
  Year old = self->y;
  g_autoptr(GPtrArray) old_items = self->items;
  g_autoptr(GArray) before = self->visible;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint8 *changed = g_new0 (guint8, fresh->rows->len + 1);
  guint n_old, n_new, head = 0, tail = 0;

  for (guint i = 0; i < old.rows->len; i++)
    g_hash_table_insert (by_id, &ROW (&old, i)->id, GUINT_TO_POINTER (i + 1));
  self->y = *fresh;
  self->items = g_ptr_array_new ();
  g_ptr_array_set_size (self->items, fresh->rows->len);
  for (guint i = 0; i < fresh->rows->len; i++)
    {
      Row *r = ROW (&self->y, i);
      guint was = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &r->id));

      if (was == 0 || !same_row (ROW (&old, was - 1), r))
        {
          changed[i] = TRUE;
          continue;
        }
      /* the item moves over to the new row */
      g_ptr_array_index (self->items, i) = g_ptr_array_index (old_items, was - 1);
      g_ptr_array_index (old_items, was - 1) = NULL;
    }
  drop_items (old_items);
  recheck_loaded (self, changed);
  self->n_gone = 0;
  self->visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), before->len);
  filter_into (self, self->visible);

  /* the two lists index different arrays: compare ids */
  n_old = before->len;
  n_new = self->visible->len;
#define OLD_ID(k) (ROW (&old, g_array_index (before, guint, (k)))->id)
#define NEW_AT(k) (g_array_index (self->visible, guint, (k)))
  while (head < n_old && head < n_new && OLD_ID (head) == ROW (&self->y, NEW_AT (head))->id && !changed[NEW_AT (head)])
    head++;
  while (tail < n_old - head && tail < n_new - head
         && OLD_ID (n_old - 1 - tail) == ROW (&self->y, NEW_AT (n_new - 1 - tail))->id
         && !changed[NEW_AT (n_new - 1 - tail)])
    tail++;
#undef OLD_ID
#undef NEW_AT
  year_clear (&old);
  if (head == n_old && head == n_new)
    return;
  announce (self, head, n_old - head - tail, n_new - head - tail);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

gboolean
thidua_register_model_load (ThiduaRegisterModel *self, const char *year, GError **error)
{
  g_autofree char *label = NULL;
  Year fresh;

  g_return_val_if_fail (THIDUA_IS_REGISTER_MODEL (self), FALSE);
  if (!thidua_reg_year_parse (year, &label, NULL, NULL, error))
    return FALSE;
  year_init (&fresh);
  if (!read_year (self, label, &fresh, error))
    {
      year_clear (&fresh);
      return FALSE;
    }
  if (g_strcmp0 (label, self->year) == 0)
    {
      reload_same_year (self, &fresh);
      return TRUE;
    }
  /* another year: the same positions hold other registrations.  GTK 4.8
   * asks for every added item when a row it tracks is replaced: the old
   * list goes out as "all gone", then the new one comes in. */
  {
    guint n_old = self->visible->len;

    g_array_set_size (self->visible, 0);
    announce (self, 0, n_old, 0);
    drop_items (self->items);
    year_clear (&self->y);
    self->y = fresh;
    self->n_gone = 0;
    g_ptr_array_set_size (self->items, self->y.rows->len);
    g_free (self->year);
    self->year = g_steal_pointer (&label);
    filter_into (self, self->visible);
    announce (self, 0, 0, self->visible->len);
    if (n_old != self->visible->len)
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  }
  return TRUE;
}

const char *
thidua_register_model_get_year (ThiduaRegisterModel *self)
{
  return self->year;
}

guint
thidua_register_model_get_n_total (ThiduaRegisterModel *self)
{
  return self->y.rows->len - self->n_gone;
}

/* ---- filters ---- */

void
thidua_register_model_set_search (ThiduaRegisterModel *self, const char *text)
{
  g_autofree char *folded = thidua_text_fold (text ? text : "");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  gboolean narrower;

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      g_strv_builder_add (b, words[i]);
  narrower = self->folded_search != NULL && *self->folded_search
             && g_str_has_prefix (folded, self->folded_search);

  g_strfreev (self->needle);
  self->needle = g_strv_builder_end (b);
  if (self->needle[0] == NULL)
    g_clear_pointer (&self->needle, g_strfreev);
  g_free (self->folded_search);
  self->folded_search = g_steal_pointer (&folded);
  if (narrower)
    refine (self);
  else
    refilter (self);
}

static void
add_subtree (GHashTable *set, GHashTable *children, gint64 id)
{
  GArray *kids = g_hash_table_lookup (children, &id);
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (set, key);
  for (guint i = 0; kids && i < kids->len; i++)
    add_subtree (set, children, g_array_index (kids, gint64, i));
}

void
thidua_register_model_set_unit (ThiduaRegisterModel *self, gint64 unit_id)
{
  g_clear_pointer (&self->units, g_hash_table_unref);
  self->unit_id = unit_id;
  if (unit_id > 0)
    {
      g_autoptr(GPtrArray) units = thidua_register_list_units (self->reg, NULL);
      g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                              (GDestroyNotify) g_array_unref);
      for (guint i = 0; units && i < units->len; i++)
        {
          ThiduaRegUnit *u = g_ptr_array_index (units, i);
          GArray *kids = g_hash_table_lookup (children, &u->parent_id);
          if (kids == NULL)
            {
              kids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (children, &u->parent_id, kids);
            }
          g_array_append_val (kids, u->id);
        }
      self->units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      add_subtree (self->units, children, unit_id);
      /* children's keys point into units, which lives until here */
      g_hash_table_remove_all (children);
    }
  refilter (self);
}

void
thidua_register_model_set_title (ThiduaRegisterModel *self, const char *title_id)
{
  guint pos = title_id && *title_id ? GPOINTER_TO_UINT (g_hash_table_lookup (self->title_pos, title_id)) : 0;

  /* an id the catalog does not know matches nothing */
  self->title = title_id && *title_id ? (pos > 0 ? (int) pos - 1 : G_MAXUINT16 + 1) : -1;
  refilter (self);
}

void
thidua_register_model_set_status (ThiduaRegisterModel *self, int status)
{
  self->status = status;
  refilter (self);
}

void
thidua_register_model_set_result (ThiduaRegisterModel *self, int result)
{
  self->result = result;
  refilter (self);
}

void
thidua_register_model_set_sort (ThiduaRegisterModel *self, ThiduaRegSort sort)
{
  guint n_old = self->visible->len;

  if (self->sort == sort)
    return;
  self->sort = sort;
  /* every position changes: out with the old list, in with the new
   * (GTK 4.8 would ask for every item of an in-place change) */
  g_array_set_size (self->visible, 0);
  announce (self, 0, n_old, 0);
  drop_items (self->items);
  g_ptr_array_set_size (self->items, self->y.rows->len);
  sort_rows (self, &self->y);
  filter_into (self, self->visible);
  announce (self, 0, 0, self->visible->len);
}

/* ---- rows ---- */

const ThiduaRegistration *
thidua_register_model_peek (ThiduaRegisterModel *self, guint position)
{
  if (position >= self->visible->len)
    return NULL;
  return thidua_register_item_get_registration (ensure_item (self, g_array_index (self->visible, guint, position)));
}

gint64
thidua_register_model_get_id (ThiduaRegisterModel *self, guint position)
{
  if (position >= self->visible->len)
    return 0;
  return ROW (&self->y, g_array_index (self->visible, guint, position))->id;
}

gboolean
thidua_register_model_get_who (ThiduaRegisterModel *self, guint position, gint64 *person_id, gint64 *unit_id)
{
  const Row *r;

  if (position >= self->visible->len)
    return FALSE;
  r = ROW (&self->y, g_array_index (self->visible, guint, position));
  if (person_id)
    *person_id = r->person_id;
  if (unit_id)
    *unit_id = r->unit_id;
  return TRUE;
}

void
thidua_register_model_tally (ThiduaRegisterModel *self, GArray *titles, GArray *units, guint *n_people)
{
  ThiduaCatalog *catalog = thidua_register_get_catalog (self->reg);
  guint n_titles = thidua_catalog_get_n_titles (catalog);
  g_autoptr(GHashTable) unit_slot = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint8 *seen = NULL;   /* one bit per person id: cheaper than a set */
  g_autoptr(GHashTable) people = NULL;
  gint64 max_person = 0;
  guint n_seen = 0;

  if (titles)
    {
      g_array_set_size (titles, 0);
      g_array_set_size (titles, n_titles);
      memset (titles->data, 0, sizeof (ThiduaRegTally) * n_titles);
    }
  if (units)
    g_array_set_size (units, 0);
  for (guint i = 0; i < self->y.rows->len; i++)
    max_person = MAX (max_person, ROW (&self->y, i)->person_id);
  /* ids are SQLite's rowids, dense; a sparse file falls back to a set */
  if (max_person <= 64 * 1024 * 1024)
    seen = g_new0 (guint8, max_person / 8 + 1);
  else
    people = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->visible->len; i++)
    {
      const Row *r = ROW (&self->y, g_array_index (self->visible, guint, i));
      gpointer slot;

      if (r->status == THIDUA_REG_STATUS_WITHDRAWN)
        continue;
      if (people != NULL && r->person_id > 0)
        g_hash_table_add (people, (gpointer) &r->person_id);
      else if (r->person_id > 0 && !(seen[r->person_id / 8] & (1 << (r->person_id % 8))))
        {
          seen[r->person_id / 8] |= 1 << (r->person_id % 8);
          n_seen++;
        }
      if (titles && r->title < n_titles)
        {
          ThiduaRegTally *t = &g_array_index (titles, ThiduaRegTally, r->title);
          t->registered++;
          t->achieved += r->result == THIDUA_REG_RESULT_ACHIEVED;
          if (r->person_id && r->result != THIDUA_REG_RESULT_NOT_ACHIEVED)
            t->people++;
        }
      if (units == NULL)
        continue;
      if (!g_hash_table_lookup_extended (unit_slot, &r->unit_id, NULL, &slot))
        {
          ThiduaRegUnitTally u = { r->unit_id, r->unit->name, 0, 0 };
          g_array_append_val (units, u);
          slot = GUINT_TO_POINTER (units->len);
          g_hash_table_insert (unit_slot, (gpointer) &r->unit_id, slot);
        }
      {
        ThiduaRegUnitTally *u = &g_array_index (units, ThiduaRegUnitTally, GPOINTER_TO_UINT (slot) - 1);
        u->registered++;
        u->achieved += r->result == THIDUA_REG_RESULT_ACHIEVED;
      }
    }
  if (n_people)
    *n_people = people ? g_hash_table_size (people) : n_seen;
}

int
thidua_register_model_find (ThiduaRegisterModel *self, gint64 registration_id)
{
  for (guint i = 0; i < self->visible->len; i++)
    if (ROW (&self->y, g_array_index (self->visible, guint, i))->id == registration_id)
      return (int) i;
  return -1;
}

/* Announces rows updated in place (updated[] by row index) by their
 * positions among the shown rows: one signal per run, one span when the
 * runs are many. */
static void
emit_updated (ThiduaRegisterModel *self, const guint8 *updated)
{
  guint n_runs = 0, first = G_MAXUINT, last = 0, start = 0, len = 0;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  for (guint p = 0; p <= self->visible->len; p++)
    {
      gboolean on = p < self->visible->len && updated[g_array_index (self->visible, guint, p)];

      if (on)
        {
          if (len == 0)
            start = p;
          len++;
          first = MIN (first, p);
          last = p;
          continue;
        }
      if (len > 0)
        {
          guint run[2] = { start, len };
          g_array_append_vals (runs, run, 1);
          n_runs++;
          len = 0;
        }
    }
  if (n_runs == 0)
    return;
  if (n_runs > MAX_RUNS)
    {
      g_signal_emit (self, signals[SIGNAL_ITEMS_UPDATED], 0, first, last - first + 1);
      return;
    }
  for (guint k = 0; k < runs->len; k++)
    g_signal_emit (self, signals[SIGNAL_ITEMS_UPDATED], 0, g_array_index (runs, guint, k * 2),
                   g_array_index (runs, guint, k * 2 + 1));
}

gboolean
thidua_register_model_refresh_rows (ThiduaRegisterModel *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GHashTable) asked = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint8 *changed = NULL;
  g_autofree guint8 *updated = NULL;
  sqlite3_stmt *stmt;
  gboolean moved = FALSE, any_updated = FALSE;

  g_return_val_if_fail (THIDUA_IS_REGISTER_MODEL (self), FALSE);
  if (self->year == NULL || n_ids == 0)
    return TRUE;
  if ((stmt = by_ids_stmt (self, &self->compact, compact_columns, error)) == NULL)
    return FALSE;
  for (guint k = 0; k < n_ids; k += PAGE)
    {
      int rc;

      bind_ids (stmt, ids + k, MIN (PAGE, n_ids - k));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          Row *row = g_new (Row, 1);
          row_from_stmt (self, &self->y, stmt, row);
          g_hash_table_insert (fresh, &row->id, row);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return thidua_register_sql_fail (self->reg, error, "reading registrations");
    }
  for (guint k = 0; k < n_ids; k++)
    g_hash_table_add (asked, (gpointer) &ids[k]);

  /* the year's rows among them; the others read are added or restored */
  for (guint i = 0; i < self->y.rows->len; i++)
    if (g_hash_table_contains (asked, &ROW (&self->y, i)->id))
      g_array_append_val (hits, i);
  if (g_hash_table_size (fresh) > 0)
    {
      g_autoptr(GHashTable) held = g_hash_table_new (g_int64_hash, g_int64_equal);
      GHashTableIter iter;
      gpointer value;
      g_autofree char *year = g_strdup (self->year);

      for (guint k = 0; k < hits->len; k++)
        g_hash_table_add (held, &ROW (&self->y, g_array_index (hits, guint, k))->id);
      g_hash_table_iter_init (&iter, fresh);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_autoptr(ThiduaRegistration) r = NULL;

          if (g_hash_table_contains (held, &((Row *) value)->id))
            continue;
          /* an added or restored registration of this year: its place in
           * the order is the sort's to say (the compact query has no year
           * column: ask the row's year) */
          r = thidua_register_load (self->reg, ((Row *) value)->id, NULL);
          if (r != NULL && g_strcmp0 (r->year, year) == 0)
            return thidua_register_model_load (self, year, error);
        }
    }
  if (hits->len == 0)
    return TRUE;

  changed = g_new0 (guint8, self->y.rows->len + 1);
  updated = g_new0 (guint8, self->y.rows->len + 1);
  for (guint k = 0; k < hits->len; k++)
    {
      guint i = g_array_index (hits, guint, k);
      Row *r = ROW (&self->y, i);
      Row *now = g_hash_table_lookup (fresh, &r->id);
      gboolean was_shown = matches (self, r);

      if (now == NULL)
        {
          if (!r->gone)
            self->n_gone++;
          r->gone = TRUE;
        }
      else
        {
          if (r->gone)
            self->n_gone--;
          *r = *now;
        }
      /* rows keep their place in the order until the year is read again
       * (as before): a row shown before and after is updated in place,
       * its item kept and read again when next shown, so list widgets
       * keep their row widgets (and the selection, the focus); only rows
       * that come or go are replaced */
      if (was_shown && matches (self, r))
        {
          ThiduaRegisterItem *item = g_ptr_array_index (self->items, i);

          if (item != NULL && thidua_register_item_is_loaded (item))
            thidua_register_item_take_registration (item, NULL);
          updated[i] = TRUE;
          any_updated = TRUE;
        }
      else
        {
          changed[i] = TRUE;
          moved |= was_shown || matches (self, r);
          drop_item (self, i);
        }
    }
  if (moved)
    {
      before = self->visible;
      self->visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), before->len);
      filter_into (self, self->visible);
      emit_runs (self, before, changed);
    }
  if (any_updated)
    emit_updated (self, updated);
  return TRUE;
}

gboolean
thidua_register_model_refresh_row (ThiduaRegisterModel *self, gint64 registration_id, GError **error)
{
  return thidua_register_model_refresh_rows (self, &registration_id, 1, error);
}
