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
  GHashTable     *people;        /* "name_key|unit id" → GArray of (id, birth year) */
  GHashTable     *existing;      /* "P<id>\t<title>" / "U<id>\t<title>" → registration id */
  /* what this batch adds */
  GHashTable     *staged_units;  /* "parent ref|name_key" → ref (< 0) */
  GHashTable     *staged_people; /* "name_key|unit ref|birth year" → ref (< 0) */
  GHashTable     *seen;          /* who + "\t" + title → row number */
  GHashTable     *folded;        /* text as written → folded (a few hundred units, many rows) */
  GString        *key;           /* scratch for lookups */

  guint           n_registrations;
};

#define ID_TO_PTR(id) GSIZE_TO_POINTER ((gsize) (id))
#define PTR_TO_ID(p)  ((gint64) (gssize) GPOINTER_TO_SIZE (p))

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
  g_hash_table_unref (b->people);
  g_hash_table_unref (b->existing);
  g_hash_table_unref (b->staged_units);
  g_hash_table_unref (b->staged_people);
  g_hash_table_unref (b->seen);
  g_hash_table_unref (b->folded);
  g_string_free (b->key, TRUE);
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

static const char *
keep (ThiduaRegisterBatch *b, const char *s)
{
  return g_string_chunk_insert (b->chunk, s ? s : "");
}

static gboolean
load_known (ThiduaRegisterBatch *b, GError **error)
{
  ThiduaRegister *reg = b->reg;
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) people = NULL;
  g_autoptr(sqlite3_stmt) regs = NULL;
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

  people = thidua_register_prepare (reg,
      "SELECT id, name_key, ifnull (unit_id, 0), ifnull (birth_year, 0) FROM people ORDER BY id",
      "reading people", error);
  if (people == NULL)
    return FALSE;
  while ((rc = sqlite3_step (people)) == SQLITE_ROW)
    {
      GArray *list;
      gint64 pair[2] = { sqlite3_column_int64 (people, 0), sqlite3_column_int (people, 3) };

      g_string_printf (b->key, "%s|%" G_GINT64_FORMAT, reg_column_text (people, 1),
                       (gint64) sqlite3_column_int64 (people, 2));
      list = g_hash_table_lookup (b->people, b->key->str);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (b->people, (char *) keep (b, b->key->str), list);
        }
      g_array_append_vals (list, pair, 2);
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
      gint64 person = sqlite3_column_int64 (regs, 1);

      if (person > 0)
        g_string_printf (b->key, "P%" G_GINT64_FORMAT "\t%s", person, reg_column_text (regs, 3));
      else
        g_string_printf (b->key, "U%" G_GINT64_FORMAT "\t%s", (gint64) sqlite3_column_int64 (regs, 2),
                         reg_column_text (regs, 3));
      g_hash_table_insert (b->existing, (char *) keep (b, b->key->str),
                           ID_TO_PTR (sqlite3_column_int64 (regs, 0)));
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
  b->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  b->existing = g_hash_table_new (g_str_hash, g_str_equal);
  b->staged_units = g_hash_table_new (g_str_hash, g_str_equal);
  b->staged_people = g_hash_table_new (g_str_hash, g_str_equal);
  b->seen = g_hash_table_new (g_str_hash, g_str_equal);
  b->folded = g_hash_table_new (g_str_hash, g_str_equal);
  b->key = g_string_sized_new (128);
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

/* who = "P<id>" or "U<id>", as "%c%" G_GINT64_FORMAT would write it */
static void
who_key (char who[48], char kind, gint64 id)
{
  char buf[24];
  int i = sizeof buf;
  guint64 u = id < 0 ? -(guint64) id : (guint64) id;
  int n = 0;

  do
    buf[--i] = (char) ('0' + u % 10);
  while ((u /= 10) != 0);
  if (id < 0)
    buf[--i] = '-';
  who[n++] = kind;
  memcpy (who + n, buf + i, sizeof buf - i);
  who[n + sizeof buf - i] = '\0';
}

/* b->key = a SEP n */
static const char *
key_text_int (ThiduaRegisterBatch *b, const char *a, char sep, gint64 n)
{
  g_string_assign (b->key, a);
  g_string_append_c (b->key, sep);
  key_add_int (b->key, n);
  return b->key->str;
}

/* b->key = who TAB title */
static const char *
key_who_title (ThiduaRegisterBatch *b, const char *who, const char *title)
{
  g_string_assign (b->key, who);
  g_string_append_c (b->key, '\t');
  g_string_append (b->key, title);
  return b->key->str;
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

gboolean
thidua_register_batch_add (ThiduaRegisterBatch *b, const ThiduaRegisterBatchRow *in, char **reason)
{
  ThiduaCatalog *catalog = thidua_register_get_catalog (b->reg);
  BatchRow r = { 0 };
  const char *unit_text = in->unit ? in->unit : "";
  char who[48];
  gint64 who_id;
  gboolean fresh = FALSE;     /* a person this row stages: no earlier row names it */

  /* The readers never pass these, but the batch is core API: refuse them
   * with a reason rather than crash on them. */
  if (in->name == NULL || *in->name == '\0')
    {
      *reason = g_strdup (_("No name"));
      return FALSE;
    }
  for (guint i = 0; i < in->n_titles; i++)
    if (thidua_catalog_lookup (catalog, in->titles[i]) == NULL)
      {
        *reason = g_strdup_printf (_("“%s” is not a title of the catalog"),
                                   in->titles[i] ? in->titles[i] : "");
        return FALSE;
      }

  r.row = in->row;
  r.position = intern (b, in->position);
  r.initiative = intern (b, in->initiative);
  r.note = intern (b, in->note);
  r.decision = intern (b, in->decision);
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
            parent = unit_ref (b, unit_text, 0);
          r.unit = unit_ref (b, in->name, parent);
        }
      who_key (who, 'U', r.unit);
      who_id = r.unit;
    }
  else
    {
      ThiduaRegPerson p = { 0 };
      g_autofree char *full = NULL;
      const char *name_key;
      gint64 person = 0;

      if (!thidua_reg_person_set_full_name (&p, in->name))
        {
          g_free (p.honorific);
          *reason = g_strdup (_("no name in the “Họ và tên” column"));
          return FALSE;
        }
      full = thidua_reg_person_dup_full_name (&p);
      r.name = keep (b, full);
      {
        /* not through the fold cache: names are mostly distinct, and
         * caching 100,000 of them cost more than folding each once */
        g_autofree char *folded = thidua_text_fold (full);
        name_key = keep (b, folded);
      }
      r.unit = *unit_text ? unit_ref (b, unit_text, 0) : 0;

      if (r.unit >= 0)
        {
          GArray *list;

          list = g_hash_table_lookup (b->people, key_text_int (b, name_key, '|', r.unit));
          for (guint i = 0; list && i < list->len; i += 2)
            {
              gint64 birth = g_array_index (list, gint64, i + 1);
              /* without a birth year in the file, the first of that name and unit */
              if (in->birth_year == 0 || birth == in->birth_year || birth == 0)
                {
                  person = g_array_index (list, gint64, i);
                  break;
                }
            }
        }
      if (person == 0)
        {
          gpointer found;

          key_text_int (b, name_key, '|', r.unit);
          g_string_append_c (b->key, '|');
          key_add_int (b->key, in->birth_year);
          found = g_hash_table_lookup (b->staged_people, b->key->str);
          if (found != NULL)
            person = PTR_TO_ID (found);
          else
            {
              g_autofree char *sort_key = thidua_text_person_sort_key (full);
              NewPerson np = {
                intern (b, p.honorific), keep (b, p.family_name), keep (b, p.middle_name),
                keep (b, p.given_name), r.position, r.unit, in->birth_year, name_key,
                keep (b, sort_key),
              };
              g_array_append_val (b->new_people, np);
              person = -(gint64) b->new_people->len;
              fresh = TRUE;
              g_hash_table_insert (b->staged_people, (char *) keep (b, b->key->str), ID_TO_PTR (person));
            }
        }
      g_free (p.honorific);
      g_free (p.family_name);
      g_free (p.middle_name);
      g_free (p.given_name);
      r.person = person;
      who_key (who, 'P', person);
      who_id = person;
    }

  /* the same title twice in the file, or already in the register */
  for (guint i = 0; i < in->n_titles; i++)
    {
      gpointer earlier;
      gint64 existing;

      /* the register holds only existing ids (> 0); a person staged by
       * this very row is in no earlier row */
      if (fresh)
        continue;
      earlier = g_hash_table_lookup (b->seen, key_who_title (b, who, in->titles[i]));
      if (earlier != NULL)
        {
          *reason = g_strdup_printf (_("%s is registered for “%s” twice in the file (row %u)"),
                                     r.name, thidua_catalog_lookup (catalog, in->titles[i])->name,
                                     GPOINTER_TO_UINT (earlier));
          return FALSE;
        }
      existing = who_id > 0 ? PTR_TO_ID (g_hash_table_lookup (b->existing, b->key->str)) : 0;
      if (existing != 0 && !b->replace)
        {
          *reason = g_strdup_printf (_("%s is already registered for “%s” in %s "
                                       "(kept; import with replace to update it)"),
                                     r.name, thidua_catalog_lookup (catalog, in->titles[i])->name,
                                     b->year);
          return FALSE;
        }
    }

  r.first_title = b->titles->len;
  r.n_titles = in->n_titles;
  for (guint i = 0; i < in->n_titles; i++)
    {
      const ThiduaTitle *t = thidua_catalog_lookup (catalog, in->titles[i]);
      gint64 existing;

      key_who_title (b, who, in->titles[i]);
      existing = who_id > 0 ? PTR_TO_ID (g_hash_table_lookup (b->existing, b->key->str)) : 0;
      g_hash_table_insert (b->seen, (char *) keep (b, b->key->str), GUINT_TO_POINTER (in->row));
      g_ptr_array_add (b->titles, t->id);  /* checked above */
      g_array_append_val (b->replaces, existing);
    }
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
  gint64 missing = max_id (reg,
      "SELECT (SELECT count(*) FROM temp.stage_units s WHERE s.parent > 0 "
      "          AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = s.parent)) "
      "     + (SELECT count(*) FROM temp.stage_people s WHERE s.unit > 0 "
      "          AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = s.unit)) "
      "     + (SELECT count(*) FROM temp.stage_registrations s "
      "          WHERE (s.person > 0 AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = s.person)) "
      "             OR (s.unit > 0 AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = s.unit)) "
      "             OR (s.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM plans WHERE id = s.plan_id)))",
      error);

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
