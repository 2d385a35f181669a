/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-batch.c — imports: check rows against the register in
 * memory, stage them outside any lock, move them in one short transaction.
 *
 * Strings live in one GStringChunk and rows in flat arrays, so 100,000
 * rows cost a few large allocations, not a dozen small ones each. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "thidua-register-batch.h"
#include "thidua-paths.h"
#include "thidua-register-private.h"
#include "thidua-store-private.h"
#include "thidua-text.h"

typedef struct {
  guint        row;
  gint64       person;      /* > 0 existing, < 0 staged seq, 0 for a collective */
  gint64       unit;        /* likewise */
  const char  *name;        /* for messages */
  const char  *position;
  const char  *initiative;
  const char  *note;
  const char  *decision;
  guint8       status;
  guint8       result;
  guint        first_title; /* into titles / replaces */
  guint        n_titles;
} BatchRow;

typedef struct {
  gint64       parent;      /* staged reference */
  const char  *name;
  const char  *name_key;
  const char  *sort_key;
} NewUnit;

typedef struct {
  const char  *honorific;
  const char  *family_name;
  const char  *middle_name;
  const char  *given_name;
  const char  *position;
  gint64       unit;
  int          birth_year;
  const char  *name_key;
  const char  *sort_key;
} NewPerson;

/* The lookups of a row are open-addressing indexes over entries kept in
 * arrays, keyed by ids rather than printed strings: a slot holds the
 * entry's hash and its index + 1 (0: empty), so a probe compares hashes
 * before it touches an entry, and growing recomputes none.  What a person
 * or unit is registered for hangs off it in a list (a few titles each),
 * found with the person: no lookup of its own. */
typedef struct {
  guint32      hash;
  guint32      entry;
} Slot;

typedef struct {
  Slot        *slots;
  guint32      mask;
  guint32      n;
} Index;

/* a person of the register */
typedef struct {
  const char  *name_key;
  gint64       unit;
  gint64       id;
  gint64       birth_year;  /* 0 unknown */
  guint32      next;        /* the next (by id) of the same name and unit, index + 1 */
  guint32      last;        /* in the first of them: the last, index + 1 */
  guint32      regs;        /* its Reg list, index + 1 */
} Known;

/* a title of a person or unit: registered in the register for the year,
 * or by a row of this batch */
typedef struct {
  const ThiduaTitle  *title;
  gint64              existing;   /* the registration, > 0, or 0 */
  guint               row;        /* the batch's row that registers it, or 0 */
  guint32             next;       /* the next of the same person or unit, index + 1 */
} Reg;

struct _ThiduaRegisterBatch
{
  ThiduaRegister *reg;
  char           *year;
  gboolean        replace;

  GStringChunk   *chunk;
  GArray         *rows;          /* BatchRow */
  GPtrArray      *titles;        /* catalog ids, owned by the catalog */
  GArray         *replaces;      /* gint64 per title: the registration it updates, or 0 */
  GArray         *new_units;     /* NewUnit, seq = index + 1 */
  GArray         *new_people;    /* NewPerson, seq = index + 1 */

  /* what the register holds; keys in chunk */
  GHashTable     *units;         /* folded name → id (the oldest) */
  GArray         *known;         /* Known, by id */
  Index           known_index;   /* (name_key, unit id) → the first Known */
  GArray         *regs;          /* Reg: the register's for the year, then the batch's */
  GHashTable     *unit_regs;     /* unit ref → its Reg list, index + 1 */
  /* what this batch adds */
  GHashTable     *staged_units;  /* "parent ref|name_key" → ref (< 0) */
  Index           staged_index;  /* (name_key, unit ref, birth year) → new_people */
  GArray         *staged_regs;   /* guint32 per new person: its Reg list, index + 1 */
  GHashTable     *unit_refs;     /* a unit's text as written → unit_ref (text, 0) */
  GHashTable     *folded;        /* text as written → folded (a few hundred units, many rows) */
  GString        *key;           /* scratch for lookups */
  GString        *name;          /* scratch: a name split */
  GString        *name_key;      /* scratch: its fold */
  GString        *sort_key;      /* scratch: its sort key */
  const ThiduaTitle *last_title; /* the title the last row named */
  const char     *last_cell[4];  /* what the last row's position, initiative, note, decision interned */
  const char     *last_unit;     /* the last row's unit text, kept, and its unit_ref (b, text, 0) */
  gint64          last_unit_ref;
  /* the names of a batch's people, their parts and keys: blocks that
   * grow to ARENA_BLOCK, mapped at once */
  GPtrArray      *arena;
  char           *arena_at;
  gsize           arena_left;

  guint           n_registrations;
};

#define ARENA_BLOCK (1 << 20)
#define PREFAULT_ROWS (1u << 17)

#define ID_TO_PTR(id) GSIZE_TO_POINTER ((gsize) (id))
#define PTR_TO_ID(p)  ((gint64) (gssize) GPOINTER_TO_SIZE (p))

/* ---- indexes ---- */

static void
index_init (Index *ix)
{
  ix->slots = g_new0 (Slot, 64);
  ix->mask = 63;
  ix->n = 0;
}

static void
index_resize (Index *ix, guint32 size)
{
  Slot *old = ix->slots;
  guint32 old_size = ix->mask + 1;

  ix->slots = g_new0 (Slot, size);
  ix->mask = size - 1;
  for (guint32 i = 0; i < old_size; i++)
    if (old[i].entry != 0)
      {
        guint32 j = old[i].hash & ix->mask;

        while (ix->slots[j].entry != 0)
          j = (j + 1) & ix->mask;
        ix->slots[j] = old[i];
      }
  g_free (old);
}

/* Room for more entries without growing (at most half the slots used). */
static void
index_reserve (Index *ix, guint32 more)
{
  guint64 want = 2 * ((guint64) ix->n + more) + 2;
  guint32 size = ix->mask + 1;

  while (size < want && size < (1u << 30))
    size <<= 1;
  if (size != ix->mask + 1)
    index_resize (ix, size);
}

/* Takes the empty slot a probe ended on; slot is stale afterwards. */
static inline void
index_fill (Index *ix, Slot *slot, guint32 hash, guint32 entry)
{
  slot->hash = hash;
  slot->entry = entry + 1;
  /* always an empty slot left to end a probe */
  if (++ix->n * 2 > ix->mask && ix->mask < (1u << 30) - 1)
    index_resize (ix, (ix->mask + 1) * 2);
}

static inline guint32
mix (guint64 x)
{
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (guint32) x;
}

/* name keys eight bytes at a time (g_str_hash() took one) */
static inline guint32
hash_name_unit (const char *name_key, gsize len, gint64 unit)
{
  guint64 h = (guint64) len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ (guint64) unit;

  for (; len >= 8; name_key += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, name_key, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 29;
    }
  if (len > 0)
    {
      guint64 w = 0;

      memcpy (&w, name_key, len);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
    }
  return mix (h);
}

static Slot *
find_known (ThiduaRegisterBatch *b, guint32 hash, const char *name_key, gint64 unit)
{
  Index *ix = &b->known_index;

  for (guint32 i = hash & ix->mask;; i = (i + 1) & ix->mask)
    {
      Slot *s = &ix->slots[i];
      const Known *k;

      if (s->entry == 0)
        return s;
      if (s->hash != hash)
        continue;
      k = &g_array_index (b->known, Known, s->entry - 1);
      if (k->unit == unit && strcmp (k->name_key, name_key) == 0)
        return s;
    }
}

static Slot *
find_staged (ThiduaRegisterBatch *b, guint32 hash, const char *name_key, gint64 unit, int birth_year)
{
  Index *ix = &b->staged_index;

  for (guint32 i = hash & ix->mask;; i = (i + 1) & ix->mask)
    {
      Slot *s = &ix->slots[i];
      const NewPerson *p;

      if (s->entry == 0)
        return s;
      if (s->hash != hash)
        continue;
      p = &g_array_index (b->new_people, NewPerson, s->entry - 1);
      if (p->unit == unit && p->birth_year == birth_year && strcmp (p->name_key, name_key) == 0)
        return s;
    }
}

/* The Reg of title in the list at head, or NULL. */
static inline Reg *
find_reg (ThiduaRegisterBatch *b, guint32 head, const ThiduaTitle *title)
{
  while (head != 0)
    {
      Reg *r = &g_array_index (b->regs, Reg, head - 1);

      if (r->title == title)
        return r;
      head = r->next;
    }
  return NULL;
}

/* Adds a Reg to the list at *head. */
static inline void
add_reg (ThiduaRegisterBatch *b, guint32 *head, const ThiduaTitle *title, gint64 existing, guint row)
{
  Reg r = { title, existing, row, *head };

  g_array_append_val (b->regs, r);
  *head = b->regs->len;
}

/* ---- the batch ---- */

void
thidua_register_batch_free (ThiduaRegisterBatch *b)
{
  if (b == NULL)
    return;
  g_clear_object (&b->reg);
  g_free (b->year);
  g_string_chunk_free (b->chunk);
  g_array_unref (b->rows);
  g_ptr_array_unref (b->titles);
  g_array_unref (b->replaces);
  g_array_unref (b->new_units);
  g_array_unref (b->new_people);
  g_hash_table_unref (b->units);
  g_array_unref (b->known);
  g_free (b->known_index.slots);
  g_array_unref (b->regs);
  g_hash_table_unref (b->unit_regs);
  g_hash_table_unref (b->staged_units);
  g_free (b->staged_index.slots);
  g_array_unref (b->staged_regs);
  g_hash_table_unref (b->unit_refs);
  g_hash_table_unref (b->folded);
  g_string_free (b->key, TRUE);
  g_string_free (b->name, TRUE);
  g_string_free (b->name_key, TRUE);
  g_string_free (b->sort_key, TRUE);
  g_ptr_array_unref (b->arena);
  g_free (b);
}

static const char *
intern (ThiduaRegisterBatch *b, const char *s)
{
  /* most cells (note, decision, initiative) are empty */
  if (s == NULL || *s == '\0')
    return "";
  return g_string_chunk_insert_const (b->chunk, s);
}

/* intern (b, s) for a column, the same as the row before answered
 * without a lookup */
static const char *
intern_column (ThiduaRegisterBatch *b, const char **last, const char *s)
{
  if (s == NULL || *s == '\0')
    return "";
  if (*last != NULL && strcmp (*last, s) == 0)
    return *last;
  return *last = intern (b, s);
}

static const char *
keep (ThiduaRegisterBatch *b, const char *s)
{
  return g_string_chunk_insert (b->chunk, s ? s : "");
}

/* The person of the register with id (known is in id order). */
static Known *
known_by_id (ThiduaRegisterBatch *b, gint64 id)
{
  guint lo = 0, hi = b->known->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Known *k = &g_array_index (b->known, Known, mid);

      if (k->id == id)
        return k;
      if (k->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}


/* len bytes of s and a NUL, in the arena. */
static const char *
copy_out (ThiduaRegisterBatch *b, const char *s, gsize len)
{
  char *p;

  if (len + 1 > b->arena_left)
    {
      gsize size = b->arena->len == 0 ? 1 << 14 : MIN ((gsize) ARENA_BLOCK, (gsize) 1 << (14 + b->arena->len));

      size = MAX (size, len + 1);
      b->arena_at = g_malloc (size);
      b->arena_left = size;
      thidua_paths_prefault (b->arena_at, size);
      g_ptr_array_add (b->arena, b->arena_at);
    }
  p = b->arena_at;
  memcpy (p, s, len);
  p[len] = '\0';
  b->arena_at += len + 1;
  b->arena_left -= len + 1;
  return p;
}

static gboolean
load_known (ThiduaRegisterBatch *b, GError **error)
{
  ThiduaRegister *reg = b->reg;
  ThiduaCatalog *catalog = thidua_register_get_catalog (reg);
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) people = NULL;
  g_autoptr(sqlite3_stmt) regs = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autofree char *last_title = NULL;
  const ThiduaTitle *title = NULL;
  int rc;

  units = thidua_register_prepare (reg, "SELECT id, name_key FROM units ORDER BY id DESC",
                                   "reading units", error);
  if (units == NULL)
    return FALSE;
  /* descending, so the oldest unit of a name wins */
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    g_hash_table_insert (b->units, (char *) intern (b, reg_column_text (units, 1)),
                         ID_TO_PTR (sqlite3_column_int64 (units, 0)));
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, "reading units");

  /* sized ahead: a register of 100,000 people grew the index ten times */
  count = thidua_register_prepare (reg, "SELECT (SELECT count(*) FROM people), "
                                   "(SELECT count(*) FROM registrations)", "reading people", error);
  if (count == NULL)
    return FALSE;
  if (sqlite3_step (count) == SQLITE_ROW)
    {
      guint n_people = (guint) CLAMP (sqlite3_column_int64 (count, 0), 0, 1 << 20);
      guint n_regs = (guint) CLAMP (sqlite3_column_int64 (count, 1), 0, 1 << 20);

      index_reserve (&b->known_index, n_people);
      g_array_set_size (b->known, n_people);
      g_array_set_size (b->known, 0);
      g_array_set_size (b->regs, n_regs);
      g_array_set_size (b->regs, 0);
    }

  people = thidua_register_prepare (reg,
      "SELECT id, name_key, ifnull (unit_id, 0), ifnull (birth_year, 0) FROM people ORDER BY id",
      "reading people", error);
  if (people == NULL)
    return FALSE;
  while ((rc = sqlite3_step (people)) == SQLITE_ROW)
    {
      const char *name_key = reg_column_text (people, 1);
      Known k = { NULL, sqlite3_column_int64 (people, 2), sqlite3_column_int64 (people, 0),
                  sqlite3_column_int (people, 3), 0, 0, 0 };
      guint32 hash = hash_name_unit (name_key, sqlite3_column_bytes (people, 1), k.unit);
      Slot *slot = find_known (b, hash, name_key, k.unit);

      if (slot->entry != 0)
        {
          /* another of the same name and unit: after the others */
          Known *first = &g_array_index (b->known, Known, slot->entry - 1);

          k.name_key = first->name_key;
          g_array_index (b->known, Known, first->last - 1).next = b->known->len + 1;
          first->last = b->known->len + 1;
          g_array_append_val (b->known, k);
        }
      else
        {
          k.name_key = g_string_chunk_insert_len (b->chunk, name_key, sqlite3_column_bytes (people, 1));
          k.last = b->known->len + 1;
          g_array_append_val (b->known, k);
          index_fill (&b->known_index, slot, hash, b->known->len - 1);
        }
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, "reading people");

  regs = thidua_register_prepare (reg,
      "SELECT r.id, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), r.title "
      "FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE y.label = ?1",
      "reading the register", error);
  if (regs == NULL)
    return FALSE;
  reg_bind_text (regs, 1, b->year);
  while ((rc = sqlite3_step (regs)) == SQLITE_ROW)
    {
      const char *text = reg_column_text (regs, 3);
      gint64 id = sqlite3_column_int64 (regs, 0);
      gint64 person = sqlite3_column_int64 (regs, 1);
      guint32 *head, unit_head = 0;
      Reg *r;

      /* titles repeat: the catalog is asked when the text changes */
      if (last_title == NULL || strcmp (last_title, text) != 0)
        {
          g_free (last_title);
          last_title = g_strdup (text);
          title = thidua_catalog_lookup (catalog, text);
        }
      /* one the catalog lacks matches no row (a row's titles are the
       * catalog's), nor does a person the register lacks */
      if (title == NULL)
        continue;
      if (person > 0)
        {
          Known *k = known_by_id (b, person);
          if (k == NULL)
            continue;
          head = &k->regs;
        }
      else
        {
          unit_head = GPOINTER_TO_UINT (g_hash_table_lookup (b->unit_regs,
                                                             ID_TO_PTR (sqlite3_column_int64 (regs, 2))));
          head = &unit_head;
        }
      /* twice the same: the last, as a table keyed so would keep */
      if ((r = find_reg (b, *head, title)) != NULL)
        r->existing = id;
      else
        add_reg (b, head, title, id, 0);
      if (person <= 0)
        g_hash_table_insert (b->unit_regs, ID_TO_PTR (sqlite3_column_int64 (regs, 2)),
                             GUINT_TO_POINTER (unit_head));
    }
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, "reading the register");
  return TRUE;
}

ThiduaRegisterBatch *
thidua_register_batch_new (ThiduaRegister *reg, const char *year, gboolean replace, GError **error)
{
  g_autoptr(ThiduaRegisterBatch) b = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), NULL);
  if (!thidua_reg_year_parse (year, &label, NULL, NULL, error))
    return NULL;

  b = g_new0 (ThiduaRegisterBatch, 1);
  b->reg = g_object_ref (reg);
  b->year = g_steal_pointer (&label);
  b->replace = replace;
  b->chunk = g_string_chunk_new (1 << 16);
  b->rows = g_array_new (FALSE, FALSE, sizeof (BatchRow));
  b->titles = g_ptr_array_new ();
  b->replaces = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->new_units = g_array_new (FALSE, FALSE, sizeof (NewUnit));
  b->new_people = g_array_new (FALSE, FALSE, sizeof (NewPerson));
  b->units = g_hash_table_new (g_str_hash, g_str_equal);
  b->known = g_array_new (FALSE, FALSE, sizeof (Known));
  index_init (&b->known_index);
  b->regs = g_array_new (FALSE, FALSE, sizeof (Reg));
  b->unit_regs = g_hash_table_new (NULL, NULL);
  b->staged_units = g_hash_table_new (g_str_hash, g_str_equal);
  index_init (&b->staged_index);
  b->staged_regs = g_array_new (FALSE, FALSE, sizeof (guint32));
  b->unit_refs = g_hash_table_new (g_str_hash, g_str_equal);
  b->folded = g_hash_table_new (g_str_hash, g_str_equal);
  b->key = g_string_sized_new (128);
  b->name = g_string_sized_new (256);
  b->name_key = g_string_sized_new (128);
  b->sort_key = g_string_sized_new (256);
  b->arena = g_ptr_array_new_with_free_func (g_free);
  if (!load_known (b, error))
    return NULL;
  return g_steal_pointer (&b);
}

void
thidua_register_batch_reserve (ThiduaRegisterBatch *b, guint n_rows)
{
  g_return_if_fail (b != NULL);
  /* GArray grows by doubling, copying every row each time (a tenth of a
   * 100,000-row import went to those copies and their page faults) */
  n_rows = MIN (n_rows, 1u << 20);
  if (n_rows > b->rows->len)
    {
      g_array_set_size (b->rows, n_rows);
      g_array_set_size (b->rows, 0);
      g_array_set_size (b->new_people, n_rows);
      g_array_set_size (b->new_people, 0);
      g_array_set_size (b->replaces, n_rows);
      g_array_set_size (b->replaces, 0);
      g_ptr_array_set_size (b->titles, n_rows);
      g_ptr_array_set_size (b->titles, 0);
      g_array_set_size (b->regs, b->regs->len + n_rows);
      g_array_set_size (b->regs, b->regs->len - n_rows);
      g_array_set_size (b->staged_regs, n_rows);
      g_array_set_size (b->staged_regs, 0);
      index_reserve (&b->staged_index, n_rows);
      /* a row of a file mostly stages a row, a person, a title and an
       * index slot or two: mapped now, for as many rows as a large
       * import has (a hostile file of a million rows that are all refused
       * does not get its memory committed ahead) */
      n_rows = MIN (n_rows, PREFAULT_ROWS);
      thidua_paths_prefault (b->rows->data, (gsize) n_rows * sizeof (BatchRow));
      thidua_paths_prefault (b->new_people->data, (gsize) n_rows * sizeof (NewPerson));
      thidua_paths_prefault (b->replaces->data, (gsize) n_rows * sizeof (gint64));
      thidua_paths_prefault (b->titles->pdata, (gsize) n_rows * sizeof (gpointer));
      thidua_paths_prefault (b->regs->data, (gsize) (b->regs->len + n_rows) * sizeof (Reg));
      thidua_paths_prefault (b->staged_regs->data, (gsize) n_rows * sizeof (guint32));
      if (b->staged_index.mask < 4 * PREFAULT_ROWS)
        thidua_paths_prefault (b->staged_index.slots, (gsize) (b->staged_index.mask + 1) * sizeof (Slot));
    }
}

guint
thidua_register_batch_get_n_rows (ThiduaRegisterBatch *b)
{
  return b->rows->len;
}

guint
thidua_register_batch_get_n_registrations (ThiduaRegisterBatch *b)
{
  return b->n_registrations;
}

/* Lookup keys are built per row: without printf, which parsed its format
 * three times a row. */
static void
key_add_int (GString *k, gint64 v)
{
  char buf[24];
  int i = sizeof buf;
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;

  do
    buf[--i] = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (v < 0)
    buf[--i] = '-';
  g_string_append_len (k, buf + i, sizeof buf - i);
}

static const char *
fold (ThiduaRegisterBatch *b, const char *text)
{
  const char *folded = g_hash_table_lookup (b->folded, text);

  if (folded == NULL)
    {
      g_autofree char *f = thidua_text_fold (text);
      folded = intern (b, f);
      g_hash_table_insert (b->folded, (char *) intern (b, text), (char *) folded);
    }
  return folded;
}

/* The unit named so: an existing one anywhere in the tree (the oldest), or
 * one staged by this batch under parent, staged now when new. */
static gint64
unit_ref (ThiduaRegisterBatch *b, const char *name, gint64 parent)
{
  const char *key = fold (b, name);
  gpointer found;
  NewUnit u;

  if ((found = g_hash_table_lookup (b->units, key)) != NULL)
    return PTR_TO_ID (found);
  g_string_truncate (b->key, 0);
  key_add_int (b->key, parent);
  g_string_append_c (b->key, '|');
  g_string_append (b->key, key);
  if ((found = g_hash_table_lookup (b->staged_units, b->key->str)) != NULL)
    return PTR_TO_ID (found);
  {
    g_autofree char *stripped = thidua_text_strip (name);
    g_autofree char *sort_key = thidua_text_collate_key (stripped);
    u.parent = parent;
    u.name = keep (b, stripped);
    u.name_key = key;
    u.sort_key = keep (b, sort_key);
  }
  g_array_append_val (b->new_units, u);
  g_hash_table_insert (b->staged_units, (char *) keep (b, b->key->str),
                       ID_TO_PTR (-(gint64) b->new_units->len));
  return -(gint64) b->new_units->len;
}

/* unit_ref (b, name, 0), once per text: a few hundred units name 100,000
 * rows.  What it answers never changes (the register's units are read
 * once, and a unit staged stays staged), so the answer can be kept. */
static gint64
top_unit_ref (ThiduaRegisterBatch *b, const char *name)
{
  gpointer key, found;
  gint64 ref;

  /* rows of one unit mostly come together */
  if (b->last_unit != NULL && strcmp (b->last_unit, name) == 0)
    return b->last_unit_ref;
  if (g_hash_table_lookup_extended (b->unit_refs, name, &key, &found))
    ref = PTR_TO_ID (found);
  else
    {
      ref = unit_ref (b, name, 0);
      key = (char *) intern (b, name);
      g_hash_table_insert (b->unit_refs, key, ID_TO_PTR (ref));
    }
  b->last_unit = key;
  b->last_unit_ref = ref;
  return ref;
}

/* The person a row names: one of the register (the first of that name
 * and unit with its birth year, or with none on either side), one an
 * earlier row staged, or one staged now (*fresh). */
static gboolean
person_ref (ThiduaRegisterBatch *b, const ThiduaRegisterBatchRow *in, BatchRow *r,
            gboolean *fresh, guint32 **regs, char **reason)
{
  const char *honorific;
  const char *full, *name_key;
  gsize full_len, parts[3];
  gint64 person = 0;

  if (!thidua_reg_split_full_name (in->name, b->name, &honorific, &full_len, parts))
    {
      *reason = g_strdup (_("no name in the “Họ và tên” column"));
      return FALSE;
    }
  full = b->name->str;
  g_string_truncate (b->name_key, 0);
  g_string_truncate (b->sort_key, 0);
  /* into an empty register, a person is mostly new: both keys from one
   * decomposition; otherwise the sort key only when the person is */
  thidua_text_person_keys (full, b->name_key, b->known->len == 0 ? b->sort_key : NULL);
  name_key = b->name_key->str;
  r->unit = in->unit && *in->unit ? top_unit_ref (b, in->unit) : 0;

  if (r->unit >= 0 && b->known->len > 0)
    {
      Slot *slot = find_known (b, hash_name_unit (name_key, b->name_key->len, r->unit), name_key, r->unit);

      for (guint32 i = slot->entry; i != 0;)
        {
          const Known *k = &g_array_index (b->known, Known, i - 1);

          /* without a birth year in the file, the first of that name and unit */
          if (in->birth_year == 0 || k->birth_year == in->birth_year || k->birth_year == 0)
            {
              person = k->id;
              *regs = &g_array_index (b->known, Known, i - 1).regs;
              break;
            }
          i = k->next;
        }
    }
  if (person == 0)
    {
      guint32 hash = mix (hash_name_unit (name_key, b->name_key->len, r->unit)
                          ^ (guint64) (guint) in->birth_year << 32);
      Slot *slot = find_staged (b, hash, name_key, r->unit, in->birth_year);

      if (slot->entry != 0)
        {
          person = -(gint64) slot->entry;
          *regs = &g_array_index (b->staged_regs, guint32, slot->entry - 1);
        }
      else
        {
          const char *copy;
          gsize key_at, sort_at;

          /* the name, its parts and its keys: one copy */
          if (b->known->len > 0)
            thidua_text_person_keys (full, NULL, b->sort_key);
          g_string_append_c (b->name, '\0');
          key_at = b->name->len;
          g_string_append_len (b->name, b->name_key->str, b->name_key->len);
          g_string_append_c (b->name, '\0');
          sort_at = b->name->len;
          g_string_append_len (b->name, b->sort_key->str, b->sort_key->len);
          copy = copy_out (b, b->name->str, b->name->len);
          r->name = copy;
          {
            NewPerson np = {
              honorific, copy + parts[0], copy + parts[1], copy + parts[2], r->position, r->unit,
              in->birth_year, copy + key_at, copy + sort_at,
            };
            guint32 none = 0;

            g_array_append_val (b->new_people, np);
            g_array_append_val (b->staged_regs, none);
          }
          index_fill (&b->staged_index, slot, hash, b->new_people->len - 1);
          r->person = -(gint64) b->new_people->len;
          *regs = &g_array_index (b->staged_regs, guint32, b->new_people->len - 1);
          *fresh = TRUE;
          return TRUE;
        }
    }
  r->name = copy_out (b, full, full_len);
  r->person = person;
  return TRUE;
}

gboolean
thidua_register_batch_add (ThiduaRegisterBatch *b, const ThiduaRegisterBatchRow *in, char **reason)
{
  ThiduaCatalog *catalog = thidua_register_get_catalog (b->reg);
  const ThiduaTitle *local[8];
  g_autofree const ThiduaTitle **many = NULL;
  const ThiduaTitle **titles = local;
  BatchRow r = { 0 };
  const char *unit_text = in->unit ? in->unit : "";
  guint32 *head = NULL, unit_head = 0;
  gint64 who;
  gboolean fresh = FALSE;     /* a person this row stages: no earlier row names it */

  /* The readers never pass these, but the batch is core API: refuse them
   * with a reason rather than crash on them. */
  if (in->name == NULL || *in->name == '\0')
    {
      *reason = g_strdup (_("No name"));
      return FALSE;
    }
  if (in->n_titles > G_N_ELEMENTS (local))
    titles = many = g_new (const ThiduaTitle *, in->n_titles);
  for (guint i = 0; i < in->n_titles; i++)
    {
      /* the import names titles by the catalog's own ids: the same one
       * as the row before needs no lookup */
      if (b->last_title != NULL && in->titles[i] == b->last_title->id)
        titles[i] = b->last_title;
      else if ((titles[i] = b->last_title = thidua_catalog_lookup (catalog, in->titles[i])) == NULL)
        {
          *reason = g_strdup_printf (_("“%s” is not a title of the catalog"),
                                     in->titles[i] ? in->titles[i] : "");
          return FALSE;
        }
    }

  r.row = in->row;
  r.position = intern_column (b, &b->last_cell[0], in->position);
  r.initiative = intern_column (b, &b->last_cell[1], in->initiative);
  r.note = intern_column (b, &b->last_cell[2], in->note);
  r.decision = intern_column (b, &b->last_cell[3], in->decision);
  r.status = in->status;
  r.result = in->result;

  if (in->collective)
    {
      const char *key = fold (b, in->name);
      gpointer found = g_hash_table_lookup (b->units, key);

      r.name = intern (b, in->name);
      if (found != NULL)
        r.unit = PTR_TO_ID (found);
      else
        {
          gint64 parent = 0;
          /* a collective named like its parent column is at the top */
          if (*unit_text && !g_str_equal (fold (b, unit_text), key))
            parent = top_unit_ref (b, unit_text);
          r.unit = unit_ref (b, in->name, parent);
        }
      who = r.unit;
      unit_head = GPOINTER_TO_UINT (g_hash_table_lookup (b->unit_regs, ID_TO_PTR (who)));
      head = &unit_head;
    }
  else
    {
      if (!person_ref (b, in, &r, &fresh, &head, reason))
        return FALSE;
      who = r.person;
    }

  /* the same title twice in the file, or already in the register (only
   * existing ids, > 0, are); a person staged by this very row is in no
   * earlier row */
  for (guint i = 0; i < in->n_titles && !fresh; i++)
    {
      const Reg *e = find_reg (b, *head, titles[i]);

      if (e != NULL && e->row != 0)
        {
          *reason = g_strdup_printf (_("%s is registered for “%s” twice in the file (row %u)"),
                                     r.name, titles[i]->name, e->row);
          return FALSE;
        }
      if (e != NULL && e->existing != 0 && who > 0 && !b->replace)
        {
          *reason = g_strdup_printf (_("%s is already registered for “%s” in %s "
                                       "(kept; import with replace to update it)"),
                                     r.name, titles[i]->name, b->year);
          return FALSE;
        }
    }

  r.first_title = b->titles->len;
  r.n_titles = in->n_titles;
  for (guint i = 0; i < in->n_titles; i++)
    {
      Reg *e = fresh ? NULL : find_reg (b, *head, titles[i]);
      gint64 existing = 0;

      if (e != NULL)
        {
          existing = who > 0 ? e->existing : 0;
          e->row = in->row;
        }
      else
        add_reg (b, head, titles[i], 0, in->row);
      g_ptr_array_add (b->titles, titles[i]->id);
      g_array_append_val (b->replaces, existing);
    }
  if (in->collective)
    g_hash_table_insert (b->unit_regs, ID_TO_PTR (who), GUINT_TO_POINTER (unit_head));
  g_array_append_val (b->rows, r);
  return TRUE;
}

/* ---- commit ---- */

typedef struct {
  ThiduaRegisterBatch *b;
  ThiduaRegister      *reg;       /* on the batch's own connection */
  const char          *file;
  guint                n_rejected;
  gint64               import_id;
} Final;

static gint64
max_id (ThiduaRegister *reg, const char *sql, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = thidua_register_prepare (reg, sql, "importing", error);

  if (sel == NULL)
    return -1;
  if (sqlite3_step (sel) != SQLITE_ROW)
    {
      thidua_register_sql_fail (reg, error, "importing");
      return -1;
    }
  return sqlite3_column_int64 (sel, 0);
}

static gboolean
step_reset (ThiduaRegister *reg, sqlite3_stmt *stmt, const char *doing, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, doing);
  return TRUE;
}

static gboolean
check_references (ThiduaRegister *reg, GError **error)
{
  gint64 missing = thidua_register_count_staged_dangling_on (thidua_register_get_store (reg), error);

  if (missing < 0)
    return FALSE;
  if (missing > 0)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   _("people or units this import names were deleted while it ran; nothing was imported"));
      return FALSE;
    }
  return TRUE;
}

/* The one short transaction: staged rows move into the register. */
static gboolean
final_txn (ThiduaStore *store, gpointer data, GError **error)
{
  Final *f = data;
  ThiduaRegisterBatch *b = f->b;
  ThiduaRegister *reg = f->reg;
  g_autoptr(sqlite3_stmt) batch = NULL;
  g_autoptr(sqlite3_stmt) position = NULL;
  g_autoptr(sqlite3_stmt) save_old = NULL;
  g_autoptr(sqlite3_stmt) replace = NULL;
  gint64 year_id, unit_base, person_base;

  year_id = thidua_register_ensure_year (reg, b->year, TRUE, error);
  if (year_id == 0)
    return FALSE;
  batch = thidua_register_prepare (reg,
      "INSERT INTO reg_imports (file, year, created, imported, rejected) VALUES (?1, ?2, ?3, ?4, ?5)",
      "recording the import", error);
  if (batch == NULL)
    return FALSE;
  reg_bind_text (batch, 1, f->file);
  reg_bind_text (batch, 2, b->year);
  sqlite3_bind_int64 (batch, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (batch, 4, (int) b->rows->len);
  sqlite3_bind_int (batch, 5, (int) f->n_rejected);
  if (sqlite3_step (batch) != SQLITE_DONE)
    return thidua_register_sql_fail (reg, error, "recording the import");
  f->import_id = sqlite3_last_insert_rowid (thidua_register_get_db (reg));

  /* The batch's connection runs without foreign-key enforcement (checking
   * 100,000 rows' four references one by one is a fifth of the move): the
   * rows staged here refer to rows staged with them or to rows that existed
   * when the batch read the register; this is what the constraints would
   * catch, one query under the same lock (a row deleted meanwhile). */
  if (!check_references (reg, error))
    return FALSE;
  if ((unit_base = max_id (reg, "SELECT ifnull (max (id), 0) FROM units", error)) < 0
      || !thidua_register_flush_units (reg, unit_base, f->import_id, error)
      || (person_base = max_id (reg, "SELECT ifnull (max (id), 0) FROM people", error)) < 0
      || !thidua_register_flush_people (reg, unit_base, person_base, f->import_id, error))
    return FALSE;

  /* rows that update what the register holds (import with replace) */
  if (b->replace)
    {
      position = thidua_register_prepare (reg, "UPDATE people SET position = ?1 WHERE id = ?2",
                                          "updating a person", error);
      save_old = thidua_register_prepare (reg,
          "INSERT INTO reg_import_replaced (import_id, registration_id, initiative, status, "
          "result, decision, note, plan_id) SELECT ?1, id, initiative, status, result, decision, "
          "note, plan_id FROM registrations WHERE id = ?2", "keeping what the import replaces", error);
      replace = thidua_register_prepare (reg,
          "UPDATE registrations SET initiative = ?1, status = ?2, result = ?3, decision = ?4, "
          "note = ?5, modified = ?6 WHERE id = ?7", "updating a registration", error);
      if (position == NULL || save_old == NULL || replace == NULL)
        return FALSE;
      for (guint i = 0; i < b->rows->len; i++)
        {
          BatchRow *r = &g_array_index (b->rows, BatchRow, i);

          if (r->person > 0 && *r->position)
            {
              sqlite3_bind_text (position, 1, r->position, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (position, 2, r->person);
              if (!step_reset (reg, position, "updating a person", error))
                return FALSE;
            }
          for (guint t = 0; t < r->n_titles; t++)
            {
              gint64 old = g_array_index (b->replaces, gint64, r->first_title + t);
              if (old <= 0)
                continue;
              sqlite3_bind_int64 (save_old, 1, f->import_id);
              sqlite3_bind_int64 (save_old, 2, old);
              if (!step_reset (reg, save_old, "keeping what the import replaces", error))
                return FALSE;
              sqlite3_bind_text (replace, 1, r->initiative, -1, SQLITE_STATIC);
              sqlite3_bind_text (replace, 2, thidua_reg_status_to_string (r->status), -1, SQLITE_STATIC);
              sqlite3_bind_text (replace, 3, thidua_reg_result_to_string (r->result), -1, SQLITE_STATIC);
              sqlite3_bind_text (replace, 4, r->decision, -1, SQLITE_STATIC);
              sqlite3_bind_text (replace, 5, r->note, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (replace, 6, g_get_real_time () / G_USEC_PER_SEC);
              sqlite3_bind_int64 (replace, 7, old);
              if (!step_reset (reg, replace, "updating a registration", error))
                return FALSE;
            }
        }
    }
  return thidua_register_flush_registrations (reg, year_id, unit_base, person_base, f->import_id, error);
}

/* Every row appended to the staging tables (in memory, thidua-store-stage.c)
 * straight from the batch's arrays, in the columns of the
 * THIDUA_REGISTER_STAGE_* statements: the register's file is not locked
 * meanwhile. */
static gboolean
stage (ThiduaRegisterBatch *b, ThiduaRegister *reg, ThiduaRegisterBatchProgress progress,
       gpointer user_data, guint *n_registrations, GError **error)
{
  ThiduaStore *store = thidua_register_get_store (reg);
  ThiduaStageTable *su, *sp, *sr;
  gint64 seq = 0;
  guint n = 0;
  gboolean ok = TRUE;

  if (!thidua_register_stage_begin (reg, error))
    return FALSE;
  su = thidua_store_get_stage_table (store, "stage_units");
  sp = thidua_store_get_stage_table (store, "stage_people");
  sr = thidua_store_get_stage_table (store, "stage_registrations");
  g_return_val_if_fail (su != NULL && sp != NULL && sr != NULL, FALSE);

  for (guint i = 0; ok && i < b->new_units->len; i++)
    {
      NewUnit *u = &g_array_index (b->new_units, NewUnit, i);

      /* seq, parent, name, name_key, sort_key, kind, uuid, office_id */
      thidua_stage_table_begin_row (su);
      ok = thidua_stage_table_add_int (su, i + 1)
           && thidua_stage_table_add_int (su, u->parent)
           && thidua_stage_table_add_text (su, u->name)
           && thidua_stage_table_add_text (su, u->name_key)
           && thidua_stage_table_add_text (su, u->sort_key)
           && thidua_stage_table_add_text (su, "")
           && thidua_stage_table_add_null (su)
           && thidua_stage_table_add_null (su)
           && thidua_stage_table_end_row (su);
    }
  for (guint i = 0; ok && i < b->new_people->len; i++)
    {
      NewPerson *p = &g_array_index (b->new_people, NewPerson, i);

      /* seq, honorific, family_name, middle_name, given_name, position,
       * unit, start_date, birth_year, name_key, sort_key, uuid, office_id */
      thidua_stage_table_begin_row (sp);
      ok = thidua_stage_table_add_int (sp, i + 1)
           && thidua_stage_table_add_text (sp, p->honorific)
           && thidua_stage_table_add_text (sp, p->family_name)
           && thidua_stage_table_add_text (sp, p->middle_name)
           && thidua_stage_table_add_text (sp, p->given_name)
           && thidua_stage_table_add_text (sp, p->position)
           && thidua_stage_table_add_int (sp, p->unit)
           && thidua_stage_table_add_text (sp, "")
           && (p->birth_year ? thidua_stage_table_add_int (sp, p->birth_year)
                             : thidua_stage_table_add_null (sp))
           && thidua_stage_table_add_text (sp, p->name_key)
           && thidua_stage_table_add_text (sp, p->sort_key)
           && thidua_stage_table_add_null (sp)
           && thidua_stage_table_add_null (sp)
           && thidua_stage_table_end_row (sp);
    }
  for (guint i = 0; ok && i < b->rows->len; i++)
    {
      BatchRow *r = &g_array_index (b->rows, BatchRow, i);

      for (guint t = 0; ok && t < r->n_titles; t++)
        {
          n++;
          if (g_array_index (b->replaces, gint64, r->first_title + t) > 0)
            continue;
          /* seq, person, unit, title, plan_id, initiative, status, result,
           * decision, note, uuid, office_id */
          thidua_stage_table_begin_row (sr);
          ok = thidua_stage_table_add_int (sr, ++seq)
               && thidua_stage_table_add_int (sr, r->person)
               && thidua_stage_table_add_int (sr, r->unit)
               && thidua_stage_table_add_text (sr, g_ptr_array_index (b->titles, r->first_title + t))
               && thidua_stage_table_add_null (sr)
               && thidua_stage_table_add_text (sr, r->initiative)
               && thidua_stage_table_add_text (sr, thidua_reg_status_to_string (r->status))
               && thidua_stage_table_add_text (sr, thidua_reg_result_to_string (r->result))
               && thidua_stage_table_add_text (sr, r->decision)
               && thidua_stage_table_add_text (sr, r->note)
               && thidua_stage_table_add_null (sr)
               && thidua_stage_table_add_null (sr)
               && thidua_stage_table_end_row (sr);
        }
      if (progress != NULL && (i % 1000 == 999 || i + 1 == b->rows->len))
        progress (i + 1, b->rows->len, user_data);
    }
  if (!ok)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("not enough memory to import %u rows; nothing was imported"), b->rows->len);
      return FALSE;
    }
  *n_registrations = n;
  return TRUE;
}

static gboolean
check_file (ThiduaStore *store, gpointer data, GError **error)
{
  return TRUE;
}

gint64
thidua_register_batch_commit (ThiduaRegisterBatch *b, const char *file, guint n_rejected,
                              ThiduaRegisterBatchProgress progress, gpointer user_data,
                              GError **error)
{
  g_autoptr(ThiduaStore) own = NULL;
  g_autoptr(ThiduaRegister) reg = NULL;
  Final f = { b, NULL, file, n_rejected, 0 };
  guint n = 0;
  gint64 t0, t1;
  clock_t c0, c1;

  g_return_val_if_fail (b != NULL, 0);

  /* The batch's own connection: the caller's may be busy on another
   * thread (autosave), and its transaction depth is not ours to share. */
  own = thidua_store_open_writer (thidua_register_get_store (b->reg), THIDUA_STORE_OPEN_DEFAULT, error);
  if (own == NULL)
    return 0;
  reg = thidua_register_new (own, thidua_register_get_catalog (b->reg));
  f.reg = reg;
  sqlite3_exec (thidua_store_get_db (own), "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);

  /* The store reads the whole file once before its first write (damage is
   * found before anything is written); done now, that check does not also
   * read the 100,000 rows staged in this connection's temp database. */
  if (!thidua_store_transaction (own, check_file, NULL, error))
    return 0;
  t0 = g_get_monotonic_time ();
  c0 = clock ();
  if (!stage (b, reg, progress, user_data, &n, error))
    return 0;
  t1 = g_get_monotonic_time ();
  c1 = clock ();
  if (!thidua_store_transaction (own, final_txn, &f, error))
    return 0;
  /* how long the file was locked against other writers */
  g_debug ("import: staged %u rows in %.0f ms (cpu %.0f ms), locked the file %.0f ms (cpu %.0f ms)",
           b->rows->len, (t1 - t0) / 1000.0, (c1 - c0) * 1000.0 / CLOCKS_PER_SEC, (g_get_monotonic_time () - t1) / 1000.0,
           (clock () - c1) * 1000.0 / CLOCKS_PER_SEC);
  b->n_registrations = n;
  return f.import_id;
}

/* ---- undo ---- */

typedef struct {
  ThiduaRegister *reg;
  gint64          import_id;
} Undo;

#define UNUSED_UNITS \
  "DELETE FROM units WHERE import_id = ?1 " \
  "  AND id NOT IN (SELECT unit_id FROM registrations WHERE unit_id IS NOT NULL) " \
  "  AND id NOT IN (SELECT unit_id FROM people WHERE unit_id IS NOT NULL) " \
  "  AND id NOT IN (SELECT parent_id FROM units WHERE parent_id IS NOT NULL)"

static gboolean
undo_txn (ThiduaStore *store, gpointer data, GError **error)
{
  Undo *u = data;
  g_autoptr(sqlite3_stmt) check = NULL;
  static const char * const steps[] = {
    /* registrations the import added (not the ones it only updated) */
    "DELETE FROM registrations WHERE import_id = ?1",
    /* values it replaced */
    "UPDATE registrations SET initiative = o.initiative, status = o.status, result = o.result, "
    "  decision = o.decision, note = o.note, plan_id = o.plan_id "
    "FROM (SELECT * FROM reg_import_replaced WHERE import_id = ?1) AS o "
    "WHERE registrations.id = o.registration_id",
    "DELETE FROM reg_import_replaced WHERE import_id = ?1",
    /* people and units it created, when nothing else uses them: each
     * NOT IN reads its table once (no index leads with person_id or
     * unit_id, so a NOT EXISTS per row would read it once per person) */
    "DELETE FROM people WHERE import_id = ?1 "
    "  AND id NOT IN (SELECT person_id FROM registrations WHERE person_id IS NOT NULL)",
    UNUSED_UNITS,
    /* a parent unit whose only child just went */
    UNUSED_UNITS,
    "UPDATE reg_imports SET undone = 1 WHERE id = ?1",
  };

  check = thidua_register_prepare (u->reg, "SELECT undone FROM reg_imports WHERE id = ?1",
                                   "undoing an import", error);
  if (check == NULL)
    return FALSE;
  sqlite3_bind_int64 (check, 1, u->import_id);
  if (sqlite3_step (check) != SQLITE_ROW)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   "there is no import %" G_GINT64_FORMAT, u->import_id);
      return FALSE;
    }
  if (sqlite3_column_int (check, 0))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   "import %" G_GINT64_FORMAT " has already been undone", u->import_id);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = thidua_register_prepare (u->reg, steps[i], "undoing an import", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, u->import_id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return thidua_register_sql_fail (u->reg, error, "undoing an import");
    }
  return TRUE;
}

gboolean
thidua_register_undo_import (ThiduaRegister *reg, gint64 import_id, GError **error)
{
  Undo u = { reg, import_id };

  g_return_val_if_fail (THIDUA_IS_REGISTER (reg), FALSE);
  return thidua_store_transaction (thidua_register_get_store (reg), undo_txn, &u, error);
}
