/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-exchange.c — signed packages between offices (see the header and
 * README "Offline exchange").
 *
 * Why a SQLite file: SQLite's own application file format is a tested
 * engine on both sides (no home-made parser reads outside bytes), a package
 * can be opened read-only with triggers and views disabled, and its rows are
 * read with the same SQL the register uses.  It is gzip-compressed (GLib's
 * zlib) because UUIDs and page slack make a raw file three times its CSV. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "thidua-exchange.h"
#include "thidua-store-private.h"
#include "thidua-register-private.h"
#include "thidua-text.h"
#include "thidua-input.h"

G_DEFINE_QUARK (thidua-exchange-error-quark, thidua_exchange_error)

/* Phase timings of an import, under G_MESSAGES_DEBUG=thidua-core: where
 * the time goes (bench/README-exchange.md) without a profiler. */
static void
phase (gint64 *since, const char *what)
{
  gint64 now = g_get_monotonic_time ();
  g_debug ("exchange: %s %.1f ms", what, (now - *since) / 1000.0);
  *since = now;
}


#define PACKAGE_APPLICATION_ID 0x54445058   /* "TDPX" */
#define PACKAGE_FORMAT "1"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
typedef sqlite3_stmt ExStmt;
static void ex_stmt_finalize (ExStmt *s) { sqlite3_finalize (s); }
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExStmt, ex_stmt_finalize)

/* The package's schema, compared text for text with what a package holds:
 * anything else (a trigger, a view, another table) makes it foreign. */
static const char *const package_schema[] = {
  "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  "CREATE TABLE signature (sig BLOB NOT NULL)",
  /* Rows refer to each other by the package's own integer ids; the UUID is
   * each row's identity across offices (kept once: no index on it). */
  "CREATE TABLE units (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, parent INTEGER, name TEXT NOT NULL, "
    "kind TEXT NOT NULL)",
  "CREATE TABLE people (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, unit INTEGER, honorific TEXT NOT NULL, "
    "family_name TEXT NOT NULL, middle_name TEXT NOT NULL, given_name TEXT NOT NULL, "
    "position TEXT NOT NULL, start_date TEXT NOT NULL, birth_year INTEGER)",
  "CREATE TABLE registrations (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, person INTEGER, unit INTEGER, "
    "title TEXT NOT NULL, initiative TEXT NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL, "
    "decision TEXT NOT NULL, note TEXT NOT NULL)",
  "CREATE TABLE plans (code TEXT PRIMARY KEY, number TEXT NOT NULL, symbol TEXT NOT NULL, "
    "date TEXT NOT NULL, plan TEXT NOT NULL)",
  "CREATE TABLE results (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL, result TEXT NOT NULL, decision TEXT NOT NULL)",
};
/* Content tables, in hash order, with their key column. */
static const char *const content_tables[] = { "units", "people", "registrations", "plans", "results" };

/* A version-7 UUID (RFC 9562), in SQL so that one UPDATE gives every row
 * its own: the time in milliseconds (?1), then the row's id as a 42-bit
 * counter (the standard's "fixed-length dedicated counter"), then 32
 * random bits.  Rows given theirs together get them in id order, the order
 * a package carries them in, so the receiver's UUID indexes grow at their
 * end (with random version-4 UUIDs, each row went to a random page of
 * them: moving 100,000 people took 170–217 ms against 105–115). */
#define SQL_UUID \
  "printf ('%08x-%04x-7%03x-%x%03x-%04x%s', ?1 >> 16, ?1 & 65535, (id >> 30) & 4095, 8 | ((id >> 28) & 3), " \
  "        (id >> 16) & 4095, id & 65535, lower (hex (randomblob (4))))"

void
thidua_exchange_office_free (ThiduaExchangeOffice *office)
{
  if (office == NULL)
    return;
  g_free (office->name);
  g_free (office->code);
  g_free (office);
}

static void
change_free (gpointer p)
{
  ThiduaExchangeChange *c = p;
  g_free (c->uuid);
  g_free (c->what);
  g_free (c->reason);
  g_free (c);
}

void
thidua_exchange_report_free (ThiduaExchangeReport *report)
{
  if (report == NULL)
    return;
  g_free (report->from_name);
  g_free (report->from_code);
  g_free (report->fingerprint);
  g_free (report->direction);
  g_free (report->year);
  g_clear_pointer (&report->changes, g_ptr_array_unref);
  g_free (report);
}

void
thidua_exchange_received_free (ThiduaExchangeReceived *r)
{
  if (r == NULL)
    return;
  g_free (r->office);
  g_free (r->year);
  g_free (r);
}

/* The staging tables hold rows in memory (thidua-store-stage.c): they
 * fail only when it runs out. */
static gboolean
stage_fail (GError **error, const char *doing)
{
  g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_FAILED,
               _("Exchange failed while %s: %s"), doing, _("not enough memory"));
  return FALSE;
}

static gboolean
sql_fail (sqlite3 *db, GError **error, const char *doing)
{
  int code = sqlite3_errcode (db);
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_LOCKED,
                 _("The database is in use by another program (%s)."), doing);
  else if (code == SQLITE_FULL)
    g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_FAILED,
                 _("The disk is full (%s)."), doing);
  else
    g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_FAILED,
                 _("Exchange failed while %s: %s"), doing, sqlite3_errmsg (db));
  return FALSE;
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql, const char *doing, GError **error)
{
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &s, NULL) != SQLITE_OK)
    {
      sql_fail (db, error, doing);
      return NULL;
    }
  return s;
}

static gboolean
exec (sqlite3 *db, const char *sql, const char *doing, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sql_fail (db, error, doing);
  return TRUE;
}

static const char *
col_text (sqlite3_stmt *s, int i)
{
  const char *t = (const char *) sqlite3_column_text (s, i);
  return t ? t : "";
}

static void
bind_text (sqlite3_stmt *s, int i, const char *t)
{
  if (t == NULL)
    sqlite3_bind_null (s, i);
  else
    sqlite3_bind_text (s, i, t, -1, SQLITE_TRANSIENT);
}

static char *
hex_encode (const guint8 *bytes, gsize n)
{
  GString *s = g_string_sized_new (n * 2);
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (s, "%02x", bytes[i]);
  return g_string_free (s, FALSE);
}

static gboolean
hex_decode (const char *hex, guint8 *out, gsize n)
{
  if (hex == NULL || strlen (hex) != n * 2)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);
      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

char *
thidua_exchange_fingerprint (const guint8 public_key[32])
{
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, public_key, 32);
  g_checksum_get_digest (sum, digest, &len);
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 16; i += 2)
    g_string_append_printf (s, "%s%02X%02X", i ? " " : "", digest[i], digest[i + 1]);
  return g_string_free (s, FALSE);
}

/* ---- this office --------------------------------------------------------- */

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_FAILED,
                   _("The signing library could not start."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
make_key_txn (ThiduaStore *store, gpointer data, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db, "SELECT count(*) FROM exchange_key", "reading the office key", error);
  if (s == NULL)
    return FALSE;
  if (sqlite3_step (s) == SQLITE_ROW && sqlite3_column_int (s, 0) > 0)
    return TRUE;   /* another process made it first */
  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair (pk, sk);
  g_autoptr(ExStmt) ins = prepare (db,
      "INSERT INTO exchange_key (id, public_key, secret_key, created) VALUES (1, ?, ?, strftime ('%s','now'))",
      "making the office key", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_blob (ins, 1, pk, sizeof pk, SQLITE_TRANSIENT);
  sqlite3_bind_blob (ins, 2, sk, sizeof sk, SQLITE_TRANSIENT);
  sodium_memzero (sk, sizeof sk);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return sql_fail (db, error, "making the office key");
  return TRUE;
}

/* Reads (making at first use) the key pair; sk may be NULL. */
static gboolean
load_key (ThiduaStore *store, guint8 pk[32], guint8 sk[64], GError **error)
{
  if (!ensure_sodium (error))
    return FALSE;
  sqlite3 *db = thidua_store_get_db (store);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(ExStmt) s = prepare (db, "SELECT public_key, secret_key FROM exchange_key WHERE id = 1",
                                     "reading the office key", error);
      if (s == NULL)
        return FALSE;
      if (sqlite3_step (s) == SQLITE_ROW && sqlite3_column_bytes (s, 0) == 32 &&
          sqlite3_column_bytes (s, 1) == 64)
        {
          memcpy (pk, sqlite3_column_blob (s, 0), 32);
          if (sk != NULL)
            memcpy (sk, sqlite3_column_blob (s, 1), 64);
          return TRUE;
        }
      g_clear_pointer (&s, sqlite3_finalize);
      if (attempt == 0 && !thidua_store_transaction (store, make_key_txn, NULL, error))
        return FALSE;
    }
  g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_FAILED,
               _("The office's signing key could not be made."));
  return FALSE;
}

ThiduaExchangeOffice *
thidua_exchange_get_office (ThiduaStore *store, GError **error)
{
  g_autoptr(ThiduaExchangeOffice) office = g_new0 (ThiduaExchangeOffice, 1);
  if (!load_key (store, office->public_key, NULL, error))
    return NULL;
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db, "SELECT name, code FROM office WHERE id = 1",
                                 "reading the office", error);
  if (s == NULL)
    return NULL;
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      office->name = g_strdup (col_text (s, 0));
      office->code = g_strdup (col_text (s, 1));
    }
  else
    {
      office->name = g_strdup ("");
      office->code = g_strdup ("");
    }
  return g_steal_pointer (&office);
}

/* ---- the package file ---------------------------------------------------- */

/* SHA-256 fed in 64 kB blocks: a value is a few bytes, and GLib's
 * update costs more per call than hashing them (three calls a value were a
 * fifth of an export).  The blocks are hashed on a thread of their own
 * while SQLite reads the next rows (SHA-256 was half of the reading's CPU
 * time); they reach it in order, so the digest is that of the same bytes
 * fed one by one. */
#define HASH_BLOCK (1 << 16)
typedef struct {
  gsize  len;       /* G_MAXSIZE: no more blocks */
  guint8 data[HASH_BLOCK];
} HashBlock;

typedef struct {
  GChecksum   *sum;
  GThread     *thread;
  GAsyncQueue *full;    /* blocks to hash, in order */
  GAsyncQueue *empty;   /* blocks hashed, to fill again */
  HashBlock   *cur;
} RowHash;

static gpointer
row_hash_thread (gpointer data)
{
  RowHash *h = data;
  for (;;)
    {
      HashBlock *b = g_async_queue_pop (h->full);
      if (b->len == G_MAXSIZE)
        {
          g_free (b);
          return NULL;
        }
      g_checksum_update (h->sum, b->data, b->len);
      g_async_queue_push (h->empty, b);
    }
}

/* threaded: SHA-256 on a thread of its own.  Without, on the caller's:
 * the import's check already runs beside the apply, and a third busy
 * thread would take a core from the apply on a two-core machine. */
static RowHash *
row_hash_new (gboolean threaded)
{
  RowHash *h = g_new0 (RowHash, 1);
  h->sum = g_checksum_new (G_CHECKSUM_SHA256);
  h->cur = g_new (HashBlock, 1);
  h->cur->len = 0;
  if (!threaded)
    return h;
  h->full = g_async_queue_new ();
  h->empty = g_async_queue_new_full (g_free);
  for (int i = 0; i < 3; i++)
    g_async_queue_push (h->empty, g_new (HashBlock, 1));
  h->thread = g_thread_new ("thidua-hash", row_hash_thread, h);
  return h;
}

static void
row_hash_add (RowHash *h, const void *data, gsize n)
{
  const guint8 *p = data;
  while (n > 0)
    {
      gsize take = MIN (n, HASH_BLOCK - h->cur->len);
      memcpy (h->cur->data + h->cur->len, p, take);
      h->cur->len += take;
      p += take;
      n -= take;
      if (h->cur->len == HASH_BLOCK && h->thread == NULL)
        {
          g_checksum_update (h->sum, h->cur->data, h->cur->len);
          h->cur->len = 0;
        }
      else if (h->cur->len == HASH_BLOCK)
        {
          g_async_queue_push (h->full, h->cur);
          h->cur = g_async_queue_pop (h->empty);
          h->cur->len = 0;
        }
    }
}

/* Hands over the last block, waits for the thread, frees all but the sum. */
static void
row_hash_finish (RowHash *h)
{
  if (h->thread == NULL)
    {
      g_checksum_update (h->sum, h->cur->data, h->cur->len);
      g_free (h->cur);
      return;
    }
  if (h->cur->len > 0)
    {
      g_async_queue_push (h->full, h->cur);
      h->cur = NULL;
    }
  HashBlock *end = g_new (HashBlock, 1);
  end->len = G_MAXSIZE;
  g_async_queue_push (h->full, end);
  g_thread_join (h->thread);
  g_free (h->cur);
  g_async_queue_unref (h->full);
  g_async_queue_unref (h->empty);
}

static char *
row_hash_free_to_string (RowHash *h)
{
  row_hash_finish (h);
  char *hex = g_strdup (g_checksum_get_string (h->sum));
  g_checksum_free (h->sum);
  g_free (h);
  return hex;
}

static void
row_hash_free (RowHash *h)
{
  row_hash_finish (h);
  g_checksum_free (h->sum);
  g_free (h);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowHash, row_hash_free)

static void
hash_value (RowHash *h, sqlite3_stmt *s, int i)
{
  guint8 head[5] = { (guint8) sqlite3_column_type (s, i) };
  if (head[0] == SQLITE_NULL)
    {
      row_hash_add (h, head, 1);
      return;
    }
  const guint8 *data = head[0] == SQLITE_BLOB ? sqlite3_column_blob (s, i) : sqlite3_column_text (s, i);
  guint32 n = (guint32) sqlite3_column_bytes (s, i);
  guint32 be = GUINT32_TO_BE (n);
  memcpy (head + 1, &be, sizeof be);
  row_hash_add (h, head, sizeof head);
  if (n > 0)
    row_hash_add (h, data, n);
}

/* A content table's name as the hash takes it, before its rows. */
static void
hash_table_name (RowHash *h, const char *table)
{
  row_hash_add (h, table, strlen (table) + 1);
}

/* The package's own references, gathered while its rows are hashed (the
 * one read of every row before the apply): the ids of units and people, in
 * key order, and what units, people and registrations refer to. */
typedef struct {
  GArray  *units;      /* gint64 ids, ascending */
  GArray  *people;
  GArray  *to_units;   /* references to a unit, gint64 */
  GArray  *to_people;
  gboolean bad_type;   /* a reference that is not an integer */
} PkgRefs;

static void
refs_take (PkgRefs *refs, GArray *to, sqlite3_stmt *s, int col)
{
  int type = sqlite3_column_type (s, col);
  if (type == SQLITE_NULL)
    return;
  if (type != SQLITE_INTEGER)
    {
      refs->bad_type = TRUE;
      return;
    }
  gint64 id = sqlite3_column_int64 (s, col);
  g_array_append_val (to, id);
}

static int
compare_id (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* TRUE when every reference names a row the package holds. */
static gboolean
refs_resolve (PkgRefs *refs)
{
  if (refs->bad_type)
    return FALSE;
  struct { GArray *ids, *to; } pairs[] = { { refs->units, refs->to_units }, { refs->people, refs->to_people } };
  for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
    for (guint i = 0; i < pairs[k].to->len; i++)
      if (bsearch (&g_array_index (pairs[k].to, gint64, i), pairs[k].ids->data, pairs[k].ids->len,
                   sizeof (gint64), compare_id) == NULL)
        return FALSE;
  return TRUE;
}

/* SHA-256 over every content row in key order, each value type-tagged and
 * length-prefixed, so that no two contents hash alike by shifting bytes.
 * With refs, also gathers the package's references (see PkgRefs). */
static char *
content_hash (sqlite3 *pkg, PkgRefs *refs, gboolean threaded, GError **error)
{
  g_autoptr(RowHash) sum = row_hash_new (threaded);
  for (guint t = 0; t < G_N_ELEMENTS (content_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", content_tables[t]);
      g_autoptr(ExStmt) s = prepare (pkg, sql, "reading the package", error);
      if (s == NULL)
        return NULL;
      hash_table_name (sum, content_tables[t]);
      int rc, n = sqlite3_column_count (s);
      while ((rc = sqlite3_step (s)) == SQLITE_ROW)
        {
          for (int i = 0; i < n; i++)
            hash_value (sum, s, i);
          if (refs == NULL)
            continue;
          /* columns as in package_schema; ids come in key order */
          gint64 id = sqlite3_column_int64 (s, 0);
          if (t == 0)
            {
              g_array_append_val (refs->units, id);
              refs_take (refs, refs->to_units, s, 2);
            }
          else if (t == 1)
            {
              g_array_append_val (refs->people, id);
              refs_take (refs, refs->to_units, s, 2);
            }
          else if (t == 2)
            {
              refs_take (refs, refs->to_people, s, 2);
              refs_take (refs, refs->to_units, s, 3);
            }
        }
      if (rc != SQLITE_DONE)
        {
          sql_fail (pkg, error, "reading the package");
          return NULL;
        }
    }
  return row_hash_free_to_string (g_steal_pointer (&sum));
}

/* "key=value\n" in key order: what the signature covers. */
static char *
canonical_manifest (GHashTable *manifest)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (manifest), (GCompareFunc) strcmp);
  GString *s = g_string_new (NULL);
  for (GList *l = keys; l; l = l->next)
    g_string_append_printf (s, "%s=%s\n", (char *) l->data,
                            (char *) g_hash_table_lookup (manifest, l->data));
  return g_string_free (s, FALSE);
}

static gboolean
count_rows (sqlite3 *pkg, const char *table, gint64 *out, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(ExStmt) s = prepare (pkg, sql, "counting the package's rows", error);
  if (s == NULL || sqlite3_step (s) != SQLITE_ROW)
    return s ? sql_fail (pkg, error, "counting the package's rows") : FALSE;
  *out = sqlite3_column_int64 (s, 0);
  return TRUE;
}

/* Gives this office's own rows that travel a global id, once. */
static gboolean
assign_uuids_txn (ThiduaStore *store, gpointer data, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  static const char *const tables[] = { "units", "people", "registrations" };
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strconcat ("UPDATE ", tables[i], " SET uuid = " SQL_UUID " WHERE uuid IS NULL", NULL);
      g_autoptr(ExStmt) s = prepare (db, sql, "giving rows their ids", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, g_get_real_time () / 1000);
      if (sqlite3_step (s) != SQLITE_DONE)
        return sql_fail (db, error, "giving rows their ids");
    }
  return TRUE;
}

typedef struct {
  const char *year;
  const char *recipient;
  const char *direction;
  gint64      sequence;
} SeqWork;

static gboolean
next_sequence_txn (ThiduaStore *store, gpointer data, GError **error)
{
  SeqWork *w = data;
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db,
      "INSERT INTO exchange_sent (year, direction, recipient, sequence, created) "
      "VALUES (?1, ?2, ?3, 1, strftime ('%s','now')) "
      "ON CONFLICT (year, direction, recipient) DO UPDATE SET sequence = sequence + 1, "
      "created = excluded.created RETURNING sequence", "numbering the package", error);
  if (s == NULL)
    return FALSE;
  bind_text (s, 1, w->year);
  bind_text (s, 2, w->direction);
  bind_text (s, 3, w->recipient ? w->recipient : "");
  if (sqlite3_step (s) != SQLITE_ROW)
    return sql_fail (db, error, "numbering the package");
  w->sequence = sqlite3_column_int64 (s, 0);
  return TRUE;
}

/* Fills one of the package's tables from the office's database, attached
 * read-only as "office" to the package's connection: one INSERT … SELECT,
 * no value passing through C (a bound and read value each was half of an
 * export).  The package's connection holds one read transaction on the
 * office's file from the first copy to COMMIT, so units, people and
 * registrations are one consistent snapshot. */
static gboolean
copy_rows (sqlite3 *pkg, const char *insert_select, const char *year, gint64 office_id, GError **error)
{
  g_autoptr(ExStmt) s = prepare (pkg, insert_select, "writing the package", error);
  if (s == NULL)
    return FALSE;
  for (int p = 1; p <= sqlite3_bind_parameter_count (s); p++)
    {
      const char *name = sqlite3_bind_parameter_name (s, p);
      if (name && g_str_equal (name, ":year"))
        bind_text (s, p, year);
      else if (name && g_str_equal (name, ":office"))
        sqlite3_bind_int64 (s, p, office_id);
    }
  if (sqlite3_step (s) != SQLITE_DONE)
    return sql_fail (pkg, error, "writing the package");
  return TRUE;
}

/* Level 1 (zlib's fastest): a package of 100,000 rows is 6.9 MB against
 * 6.7 MB at level 3 and 6.4 MB at level 9, in half of level 3's time; the
 * same rows as CSV under gzip -9 are 7.3 MB. */
static gboolean
write_gzip (const char *raw_path, const char *path, int level, GError **error)
{
  g_autoptr(GFile) raw = g_file_new_for_path (raw_path);
  g_autoptr(GFileInputStream) in = g_file_read (raw, NULL, error);
  if (in == NULL)
    return FALSE;
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, level));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  /* A temporary file renamed over the target: a symlink there is replaced,
   * never followed, and a failed write leaves the old file whole. */
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE,
                                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (out == NULL)
    return FALSE;
  /* streamed: the raw file is never held in memory whole */
  g_autoptr(GOutputStream) conv = g_converter_output_stream_new (G_OUTPUT_STREAM (out), gz);
  return g_output_stream_splice (conv, G_INPUT_STREAM (in), G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                 G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) >= 0;
}

typedef struct {
  const char *direction;     /* "up" / "down" */
  const char *year;
  const char *to;            /* downward: the receiving office's name */
  gint64      to_office_id;
  const char *to_code;
} ExportSpec;

static gboolean
export_package (ThiduaStore *store, const ExportSpec *spec, const char *path, GError **error)
{
  guint8 pk[32], sk[64];
  /* the package reads the office's file through its own connection: only
   * what is committed is seen, so no change of the caller's may be open */
  g_return_val_if_fail (sqlite3_get_autocommit (thidua_store_get_db (store)), FALSE);
  g_autoptr(ThiduaExchangeOffice) office = thidua_exchange_get_office (store, error);
  if (office == NULL || !load_key (store, pk, sk, error))
    return FALSE;
  if (office->name[0] == '\0')
    {
      sodium_memzero (sk, sizeof sk);
      g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_INVALID,
                   _("This office has no name yet: set it with “thidua-cli office --name”."));
      return FALSE;
    }
  if (g_str_equal (spec->direction, "up") &&
      !thidua_store_transaction (store, assign_uuids_txn, NULL, error))
    return FALSE;
  SeqWork seq = { spec->year, spec->to, spec->direction, 0 };
  if (!thidua_store_transaction (store, next_sequence_txn, &seq, error))
    return FALSE;

  g_autofree char *raw_path = NULL;
  {
    g_autoptr(GFileIOStream) io = NULL;
    g_autoptr(GFile) tmp = g_file_new_tmp ("thidua-package-XXXXXX.db", &io, error);
    if (tmp == NULL || !g_io_stream_close (G_IO_STREAM (io), NULL, error))
      return FALSE;
    raw_path = g_file_get_path (tmp);
  }
  gboolean ok = FALSE;
  {
    g_autoptr(sqlite3) pkg = NULL;
    /* this connection is ours alone: no mutex */
    if (sqlite3_open_v2 (raw_path, &pkg, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                         NULL) != SQLITE_OK)
      {
        sql_fail (pkg, error, "creating the package");
        goto out;
      }
    /* A scratch file of ours (the office's file is attached read-only
     * below): no journal, no sync.  "main." so that no pragma ever reaches
     * the attached file. */
    g_autofree char *appid = g_strdup_printf ("PRAGMA main.application_id = %d; PRAGMA main.journal_mode = OFF; "
                                              "PRAGMA main.synchronous = OFF; PRAGMA main.cache_size = -65536",
                                              PACKAGE_APPLICATION_ID);
    if (!exec (pkg, appid, "creating the package", error))
      goto out;
    /* the office's database, read-only, as the rows' source */
    {
      g_autofree char *abs = g_canonicalize_filename (thidua_store_get_path (store), NULL);
      g_autofree char *uri = g_filename_to_uri (abs, NULL, error);
      g_autofree char *ro = uri ? g_strconcat (uri, "?mode=ro", NULL) : NULL;
      g_autoptr(ExStmt) attach = ro ? prepare (pkg, "ATTACH ?1 AS office", "reading the register", error) : NULL;
      if (attach == NULL)
        goto out;
      bind_text (attach, 1, ro);
      if (sqlite3_step (attach) != SQLITE_DONE)
        {
          sql_fail (pkg, error, "reading the register");
          goto out;
        }
    }
    /* the office's pages are read by several passes (units, people,
     * registrations): kept in memory once read, not read again from the
     * file (a setting of this connection; nothing is written there) */
    if (!exec (pkg, "PRAGMA office.cache_size = -65536", "reading the register", error))
      goto out;
    if (!exec (pkg, "BEGIN", "creating the package", error))
      goto out;
    for (guint i = 0; i < G_N_ELEMENTS (package_schema); i++)
      if (!exec (pkg, package_schema[i], "creating the package", error))
        goto out;

    if (g_str_equal (spec->direction, "up"))
      {
        /* The units and people this year's registrations name, with the
         * units above them, so the school's tree arrives whole. */
        if (!copy_rows (pkg,
              "INSERT INTO main.units "
              "WITH RECURSIVE used (id) AS ("
              "  SELECT r.unit_id FROM office.registrations r JOIN office.reg_years y ON y.id = r.year_id "
              "   WHERE y.label = :year AND r.office_id IS NULL AND r.unit_id IS NOT NULL "
              "  UNION SELECT p.unit_id FROM office.registrations r JOIN office.reg_years y ON y.id = r.year_id "
              "   JOIN office.people p ON p.id = r.person_id "
              "   WHERE y.label = :year AND r.office_id IS NULL AND p.unit_id IS NOT NULL "
              "  UNION SELECT u.parent_id FROM office.units u JOIN used ON u.id = used.id WHERE u.parent_id IS NOT NULL) "
              "SELECT u.id, u.uuid, u.parent_id, u.name, u.kind FROM office.units u JOIN used ON used.id = u.id "
              "ORDER BY u.id", spec->year, 0, error) ||
            !copy_rows (pkg,
              "INSERT INTO main.people "
              "SELECT p.id, p.uuid, p.unit_id, p.honorific, p.family_name, p.middle_name, p.given_name, "
              "  p.position, p.start_date, p.birth_year FROM office.people p "
              "WHERE p.id IN (SELECT r.person_id FROM office.registrations r JOIN office.reg_years y ON y.id = r.year_id "
              "               WHERE y.label = :year AND r.office_id IS NULL) ORDER BY p.id", spec->year, 0, error) ||
            !copy_rows (pkg,
              "INSERT INTO main.registrations "
              "SELECT r.id, r.uuid, r.person_id, r.unit_id, r.title, r.initiative, r.status, r.result, r.decision, r.note "
              "FROM office.registrations r JOIN office.reg_years y ON y.id = r.year_id "
              "WHERE y.label = :year AND r.office_id IS NULL ORDER BY r.id", spec->year, 0, error))
          goto out;
        /* Issued plans, when this database knows issuing (their code is
         * their global id). */
        g_autoptr(ExStmt) probe = NULL;
        if (sqlite3_prepare_v2 (pkg, "SELECT code FROM office.plans LIMIT 0", -1, &probe, NULL) == SQLITE_OK &&
            !copy_rows (pkg,
              "INSERT INTO main.plans "
              "SELECT code, CASE WHEN number GLOB '[1-9]' THEN '0' || number ELSE number END "
              "  || CASE profile WHEN 'party' THEN '-' ELSE '/' END || symbol, symbol, "
              "  printf ('%04d-%02d-%02d', year, month, day), "
              "  json_object ('subject', subject, 'issuing_body', issuing_body, 'type_name', type_name, "
              "               'profile', profile) "
              "FROM office.plans WHERE status IN ('issued', 'replaced') AND code <> '' "
              "  AND year IN (CAST (substr (:year, 1, 4) AS INTEGER), CAST (substr (:year, 6, 4) AS INTEGER)) "
              "ORDER BY code", spec->year, 0, error))
          goto out;
      }
    else if (!copy_rows (pkg,
               "INSERT INTO main.results "
               "SELECT r.id, r.uuid, r.result, r.decision FROM office.registrations r "
               "JOIN office.reg_years y ON y.id = r.year_id "
               "WHERE y.label = :year AND r.office_id = :office AND r.uuid IS NOT NULL ORDER BY r.id",
               spec->year, spec->to_office_id, error))
      goto out;

    g_autoptr(GHashTable) manifest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
    g_hash_table_insert (manifest, (char *) "format", g_strdup (PACKAGE_FORMAT));
    g_hash_table_insert (manifest, (char *) "direction", g_strdup (spec->direction));
    g_hash_table_insert (manifest, (char *) "from_name", g_strdup (office->name));
    g_hash_table_insert (manifest, (char *) "from_code", g_strdup (office->code));
    g_hash_table_insert (manifest, (char *) "from_key", hex_encode (pk, 32));
    g_hash_table_insert (manifest, (char *) "to_name", g_strdup (spec->to ? spec->to : ""));
    g_hash_table_insert (manifest, (char *) "to_code", g_strdup (spec->to_code ? spec->to_code : ""));
    g_hash_table_insert (manifest, (char *) "year", g_strdup (spec->year));
    g_hash_table_insert (manifest, (char *) "sequence", g_strdup_printf ("%" G_GINT64_FORMAT, seq.sequence));
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_hash_table_insert (manifest, (char *) "created", g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ"));
    for (guint t = 0; t < G_N_ELEMENTS (content_tables); t++)
      {
        gint64 n = 0;
        if (!count_rows (pkg, content_tables[t], &n, error))
          goto out;
        g_hash_table_insert (manifest, (char *) content_tables[t], g_strdup_printf ("%" G_GINT64_FORMAT, n));
      }
    char *hash = content_hash (pkg, NULL, TRUE, error);
    if (hash == NULL)
      goto out;
    g_hash_table_insert (manifest, (char *) "content_hash", hash);

    g_autoptr(ExStmt) m = prepare (pkg, "INSERT INTO manifest VALUES (?, ?)", "writing the manifest", error);
    if (m == NULL)
      goto out;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, manifest);
    while (g_hash_table_iter_next (&it, &k, &v))
      {
        if (strchr (v, '\n') != NULL)
          {
            g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_INVALID,
                         _("The office's name or code holds a line break."));
            goto out;
          }
        bind_text (m, 1, k);
        bind_text (m, 2, v);
        if (sqlite3_step (m) != SQLITE_DONE)
          {
            sql_fail (pkg, error, "writing the manifest");
            goto out;
          }
        sqlite3_reset (m);
      }
    g_autofree char *canon = canonical_manifest (manifest);
    guint8 sig[crypto_sign_BYTES];
    crypto_sign_detached (sig, NULL, (const guint8 *) canon, strlen (canon), sk);
    g_autoptr(ExStmt) si = prepare (pkg, "INSERT INTO signature VALUES (?)", "signing the package", error);
    if (si == NULL)
      goto out;
    sqlite3_bind_blob (si, 1, sig, sizeof sig, SQLITE_TRANSIENT);
    if (sqlite3_step (si) != SQLITE_DONE)
      {
        sql_fail (pkg, error, "signing the package");
        goto out;
      }
    /* No VACUUM: a new file filled in key order in one transaction has no
     * free pages, and its slack compresses to nothing. */
    if (!exec (pkg, "COMMIT", "writing the package", error))
      goto out;
    ok = TRUE;
  }
out:
  sodium_memzero (sk, sizeof sk);
  ok = ok && write_gzip (raw_path, path, 1, error);
  g_unlink (raw_path);
  return ok;
}

gboolean
thidua_exchange_export (ThiduaStore *store, const char *year, const char *path, GError **error)
{
  ExportSpec spec = { "up", year, NULL, 0, NULL };
  return export_package (store, &spec, path, error);
}

gboolean
thidua_exchange_export_results (ThiduaStore *store, const char *year, const char *to,
                                const char *path, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db, "SELECT id, name, code FROM exchange_offices WHERE name = ?1 OR code = ?1 "
                                     "ORDER BY name = ?1 DESC LIMIT 1", "finding the office", error);
  if (s == NULL)
    return FALSE;
  bind_text (s, 1, to);
  if (sqlite3_step (s) != SQLITE_ROW)
    {
      g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_INVALID,
                   _("No package was ever received from “%s”."), to);
      return FALSE;
    }
  g_autofree char *name = g_strdup (col_text (s, 1));
  g_autofree char *code = g_strdup (col_text (s, 2));
  ExportSpec spec = { "down", year, name, sqlite3_column_int64 (s, 0), code };
  return export_package (store, &spec, path, error);
}

/* ---- reading a package: every check before any commit -------------------- */

/* The name keys of the package's people (folded name, sort key), made
 * on the checking thread while the apply stages rows, handed over in
 * batches in the order of the apply's reading (people by id).  A fixed
 * few batches go round, so the keys made ahead stay a few thousand. */
#define KEY_BATCH 1024
#define KEY_BATCHES 8
typedef struct {
  guint    n;
  gboolean last;              /* no batch follows */
  gint64   id[KEY_BATCH];     /* the person's package id, checked by the apply */
  char    *key[KEY_BATCH];
  char    *sort[KEY_BATCH];
} KeyBatch;

static void
key_batch_clear (KeyBatch *b)
{
  for (guint i = 0; i < b->n; i++)
    {
      g_free (b->key[i]);
      g_free (b->sort[i]);
    }
  b->n = 0;
  b->last = FALSE;
}

static void
key_batch_free (gpointer p)
{
  key_batch_clear (p);
  g_free (p);
}

typedef struct _PeopleKeys PeopleKeys;
struct _PeopleKeys {
  GAsyncQueue *full;     /* made, in order */
  GAsyncQueue *empty;    /* taken, to fill again */
  gint         stop;     /* the apply wants no more */
  KeyBatch    *filling;  /* the checking thread's side */
  gboolean     ended;
  GString     *name;
  GString     *fold;     /* the keys of name, made together */
  GString     *sort;
  KeyBatch    *cur;      /* the apply's side */
  guint        at;
  gboolean     done;     /* the last batch was taken */
  gint         apply_at; /* the package id of the person the apply is at */
  guint        made_here; /* keys the apply made itself (phase timings) */
};

/* The check of the rows (content hash, references, quick_check), run on
 * a connection and a thread of its own beside the apply (see
 * package_verify_start), making the people's keys on the way. */
typedef struct {
  sqlite3    *db;
  char       *path;
  char       *hash;      /* the manifest's, signed */
  GError     *error;     /* its refusal, when it fails */
  gboolean    ok;
  PeopleKeys *keys;      /* NULL: none made */
} Verify;

typedef struct {
  char       *raw_path;
  sqlite3    *db;
  GHashTable *manifest;
  guint8      from_key[32];
  GThread    *verifying;   /* the rows' check, while it runs */
  Verify     *verify;
} Package;

static gboolean package_verify_finish (Package *p, GError **error);

static void
package_free (Package *p)
{
  if (p == NULL)
    return;
  package_verify_finish (p, NULL);   /* its thread reads the file */
  if (p->db)
    sqlite3_close (p->db);
  if (p->raw_path)
    {
      g_unlink (p->raw_path);
      g_free (p->raw_path);
    }
  g_clear_pointer (&p->manifest, g_hash_table_unref);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Package, package_free)

static gboolean
refuse (GError **error, ThiduaExchangeError code, const char *path, const char *why)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_set_error (error, THIDUA_EXCHANGE_ERROR, code, _("“%s” cannot be imported: %s"), name, why);
  return FALSE;
}

/* Decompresses into a private temporary file, counting bytes against the cap.
 * The file is read through the project's one reader of outside files
 * (regular files only, no link followed, size capped while reading). */
static gboolean
unpack (const char *path, char **raw_path, GError **error)
{
  g_autofree char *bytes = NULL;
  gsize size = 0;

  if (!thidua_input_read (path, THIDUA_EXCHANGE_MAX_FILE, &bytes, &size, error))
    return FALSE;
  if (size == 0)
    return refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path, _("the file is empty."));
  if (size < 2 || (guint8) bytes[0] != 0x1f || (guint8) bytes[1] != 0x8b)
    return refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path, _("it is not a Thi Đua package."));

  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (bytes, size, NULL);
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GInputStream) conv = g_converter_input_stream_new (in, gz);
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) tmp_file = g_file_new_tmp ("thidua-received-XXXXXX.db", &io, error);
  if (tmp_file == NULL)
    return FALSE;
  g_autofree char *tmp = g_file_get_path (tmp_file);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (io));
  guint8 buf[65536];
  gint64 total = 0;
  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      gssize n = g_input_stream_read (conv, buf, sizeof buf, NULL, &read_error);
      if (n < 0)
        {
          g_unlink (tmp);
          return refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path,
                         _("the file is damaged or cut short."));
        }
      if (n == 0)
        break;
      total += n;
      if (total > THIDUA_EXCHANGE_MAX_CONTENT)
        {
          g_unlink (tmp);
          return refuse (error, THIDUA_EXCHANGE_ERROR_TOO_LARGE, path,
                         _("its content is larger than a package may be."));
        }
      if (!g_output_stream_write_all (out, buf, n, NULL, NULL, error))
        {
          g_unlink (tmp);
          return FALSE;
        }
    }
  if (!g_io_stream_close (G_IO_STREAM (io), NULL, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  *raw_path = g_steal_pointer (&tmp);
  return TRUE;
}

/* A read-only connection to the unpacked copy, used by one thread only. */
static sqlite3 *
package_connect (const char *raw_path, const char *path, GError **error)
{
  g_autoptr(sqlite3) db = NULL;
  /* immutable: no lock, no journal, nothing written next to it. */
  g_autofree char *uri = g_filename_to_uri (raw_path, NULL, error);
  if (uri == NULL)
    return NULL;
  g_autofree char *full = g_strconcat (uri, "?immutable=1", NULL);
  /* ours alone, on one thread: no mutex (millions of column reads) */
  if (sqlite3_open_v2 (full, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path, _("it is not a Thi Đua package."));
      return NULL;
    }
  /* Nothing in the file may run: no trigger, no view, no schema function. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 16 << 20);
  /* Read through a memory map of this private, immutable copy: no read
   * call and no copy into the page cache per page (the hash reads every
   * page, the apply most of them again). */
  {
    g_autofree char *map = g_strdup_printf ("PRAGMA cache_size = -65536; PRAGMA mmap_size = %" G_GINT64_FORMAT,
                                            THIDUA_EXCHANGE_MAX_CONTENT);
    sqlite3_exec (db, map, NULL, NULL, NULL);
  }
  return g_steal_pointer (&db);
}

/* The file's structure, checked by SQLite. */
static gboolean
quick_check (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr(ExStmt) s = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &s, NULL) != SQLITE_OK ||
      sqlite3_step (s) != SQLITE_ROW || !g_str_equal (col_text (s, 0), "ok"))
    return refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("the file is damaged."));
  return TRUE;
}

static void people_keys_pass (sqlite3 *db, PeopleKeys *keys);

/* The rows' check: the content hash the signed manifest names, the
 * package's own references, and the file's structure (quick_check).  With
 * keys, the people's keys are made first (see PeopleKeys). */
static gboolean
verify_rows (sqlite3 *db, const char *path, const char *expected, PeopleKeys *keys, GError **error)
{
  gint64 since = g_get_monotonic_time ();
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) to_units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) to_people = g_array_new (FALSE, FALSE, sizeof (gint64));
  PkgRefs refs = { units, people, to_units, to_people, FALSE };
  gboolean ok = FALSE;
  /* The keys first, in a pass of their own: made while the hash read each
   * person, they came later than the apply needed them, which made nearly
   * all of them itself. */
  if (keys != NULL)
    {
      people_keys_pass (db, keys);
      phase (&since, "people's keys");
    }
  {
    /* beside the apply (keys made), SHA-256 on this thread */
    g_autofree char *hash = content_hash (db, &refs, keys == NULL, error);
    phase (&since, "content hash");
    if (hash == NULL)
      ;
    else if (!g_str_equal (hash, expected))
      refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("its content does not match the hash its manifest signs."));
    /* Every reference inside the package names a row it holds: the apply
     * maps package ids to local ones and would otherwise drop a dangling
     * one silently (a person's registration becoming its unit's). */
    else if (!refs_resolve (&refs))
      refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("it refers to rows it does not hold."));
    else
      ok = TRUE;
  }
  /* The structure last, so that the rows are read (and the keys made)
   * first; a damaged file is still refused as damaged, before any other
   * reason, as when this check came first. */
  GError *damaged = NULL;
  if (!quick_check (db, path, &damaged))
    {
      g_clear_error (error);
      g_propagate_error (error, damaged);
      return FALSE;
    }
  phase (&since, "quick_check");
  return ok;
}

/* A person's full name as the keys are made of it: the apply and the
 * checking thread must make the same. */
static void
person_full_name (GString *full, const char *family, const char *middle, const char *given)
{
  g_string_assign (full, family);
  g_string_append_c (full, ' ');
  g_string_append (full, middle);
  g_string_append_c (full, ' ');
  g_string_append (full, given);
}

static KeyBatch *
people_keys_take_empty (PeopleKeys *k)
{
  KeyBatch *b = g_async_queue_pop (k->empty);
  key_batch_clear (b);
  return b;
}

/* A person's keys, made on the checking thread (folding and sort keys
 * were a tenth of the apply's thread's instructions); nothing once the
 * apply wants no more.  The text functions are thus called from two
 * threads at once: they are reentrant (their tables are built under
 * g_once). */
static void
people_keys_add (PeopleKeys *k, gint64 id, const char *family, const char *middle, const char *given)
{
  if (k->ended || g_atomic_int_get (&k->stop))
    return;
  /* a person the apply has read already made its keys itself */
  if (id <= g_atomic_int_get (&k->apply_at))
    return;
  if (k->filling == NULL)
    k->filling = people_keys_take_empty (k);   /* waits for the apply */
  KeyBatch *b = k->filling;
  person_full_name (k->name, family, middle, given);
  b->id[b->n] = id;
  /* both keys from one decomposition of the name */
  g_string_truncate (k->fold, 0);
  g_string_truncate (k->sort, 0);
  thidua_text_person_keys (k->name->str, k->fold, k->sort);
  b->key[b->n] = g_strndup (k->fold->str, k->fold->len);
  b->sort[b->n] = g_strndup (k->sort->str, k->sort->len);
  if (++b->n == KEY_BATCH)
    g_async_queue_push (k->full, g_steal_pointer (&k->filling));
}

/* After the last person, on an error, or when stopped: the apply makes
 * any more keys it needs itself. */
static void
people_keys_end (PeopleKeys *k)
{
  if (k->ended)
    return;
  k->ended = TRUE;
  KeyBatch *b = g_steal_pointer (&k->filling);
  if (b == NULL)
    {
      /* never waits: the apply may have stopped taking batches */
      b = g_async_queue_try_pop (k->empty);
      if (b == NULL)
        b = g_new0 (KeyBatch, 1);
      key_batch_clear (b);
    }
  b->last = TRUE;
  g_async_queue_push (k->full, b);
}

/* The people's keys, read in the apply's order, then the end of them (on
 * an error too: the apply waits for no more); stops early when the apply
 * wants no more.  A read that fails makes none: the apply makes them, and
 * the hash that follows reports the file. */
static void
people_keys_pass (sqlite3 *db, PeopleKeys *keys)
{
  g_autoptr(ExStmt) s = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT id, family_name, middle_name, given_name FROM people ORDER BY id",
                          -1, &s, NULL) != SQLITE_OK)
    return;
  while (!g_atomic_int_get (&keys->stop) && sqlite3_step (s) == SQLITE_ROW)
    people_keys_add (keys, sqlite3_column_int64 (s, 0), col_text (s, 1), col_text (s, 2), col_text (s, 3));
  people_keys_end (keys);
}

/* The keys of the next person the apply reads (package id id): TRUE with
 * both, to be freed; FALSE when the apply must make them.  The apply never
 * waits: when no batch is ready it makes the keys itself, and the thread
 * then skips the people it has passed (both read the people in id
 * order). */
static gboolean
people_keys_next (PeopleKeys *k, gint64 id, char **key, char **sort)
{
  if (k == NULL)
    return FALSE;
  if (id > 0 && id <= G_MAXINT)
    g_atomic_int_set (&k->apply_at, (gint) id);
  for (;;)
    {
      if (k->done)
        break;
      if (k->cur != NULL && k->at < k->cur->n)
        {
          guint i = k->at;

          if (k->cur->id[i] < id)
            {
              k->at++;           /* made here already */
              continue;
            }
          if (k->cur->id[i] > id)
            break;               /* the thread passed it (it started after) */
          k->at++;
          *key = g_steal_pointer (&k->cur->key[i]);
          *sort = g_steal_pointer (&k->cur->sort[i]);
          return TRUE;
        }
      if (k->cur != NULL)
        {
          k->done = k->cur->last;
          g_async_queue_push (k->empty, g_steal_pointer (&k->cur));
          continue;
        }
      if ((k->cur = g_async_queue_try_pop (k->full)) == NULL)
        break;                   /* none ready: made here */
      k->at = 0;
    }
  k->made_here++;
  return FALSE;
}

static PeopleKeys *
people_keys_new (void)
{
  PeopleKeys *k = g_new0 (PeopleKeys, 1);
  k->name = g_string_sized_new (64);
  k->fold = g_string_sized_new (64);
  k->sort = g_string_sized_new (128);
  k->full = g_async_queue_new_full (key_batch_free);
  k->empty = g_async_queue_new_full (key_batch_free);
  for (int i = 0; i < KEY_BATCHES; i++)
    g_async_queue_push (k->empty, g_new0 (KeyBatch, 1));
  return k;
}

/* Before joining the thread: it stops making keys (one more empty batch
 * wakes it if it waits for one). */
static void
people_keys_stop (PeopleKeys *k)
{
  g_atomic_int_set (&k->stop, TRUE);
  g_async_queue_push (k->empty, g_new0 (KeyBatch, 1));
}

static void
people_keys_free (PeopleKeys *k)
{
  if (k->cur != NULL)
    key_batch_free (k->cur);
  if (k->filling != NULL)
    key_batch_free (k->filling);
  g_string_free (k->name, TRUE);
  g_string_free (k->fold, TRUE);
  g_string_free (k->sort, TRUE);
  g_async_queue_unref (k->full);
  g_async_queue_unref (k->empty);
  g_free (k);
}

static gpointer
verify_thread (gpointer data)
{
  Verify *v = data;
  v->ok = verify_rows (v->db, v->path, v->hash, v->keys, &v->error);
  return NULL;
}

/* Starts the rows' check on a thread and a connection of its own, so that
 * it runs beside the apply instead of before it (a seventh of the
 * instructions of an import of 100,000 rows, the folding of names another
 * tenth).  Nothing is committed before package_verify_finish has returned
 * TRUE: the apply's transaction waits for it and rolls back on a refusal. */
static gboolean
package_verify_start (Package *p, const char *path, GError **error)
{
  g_return_val_if_fail (p->verify == NULL, FALSE);
  sqlite3 *db = package_connect (p->raw_path, path, error);
  if (db == NULL)
    return FALSE;
  p->verify = g_new0 (Verify, 1);
  p->verify->db = db;
  p->verify->path = g_strdup (path);
  p->verify->hash = g_strdup (g_hash_table_lookup (p->manifest, "content_hash"));
  p->verify->keys = people_keys_new ();
  p->verifying = g_thread_new ("thidua-verify", verify_thread, p->verify);
  return TRUE;
}

/* Waits for the rows' check; FALSE with its refusal when it failed.  TRUE
 * when none was started (or its result was already taken). */
static gboolean
package_verify_finish (Package *p, GError **error)
{
  if (p->verify == NULL)
    return TRUE;
  people_keys_stop (p->verify->keys);
  g_thread_join (g_steal_pointer (&p->verifying));
  Verify *v = g_steal_pointer (&p->verify);
  people_keys_free (v->keys);
  gboolean ok = v->ok;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&v->error));
  g_clear_error (&v->error);
  sqlite3_close (v->db);
  g_free (v->path);
  g_free (v->hash);
  g_free (v);
  return ok;
}

/* After a failure while the rows' check runs: its refusal, when it has
 * one, is the reason given (as when the check ran first). */
static void
package_verify_prefer (Package *p, GError **error)
{
  GError *refused = NULL;
  if (!package_verify_finish (p, &refused))
    {
      if (error != NULL)
        g_clear_error (error);
      g_propagate_error (error, refused);
    }
}

/* The manifest, its signature and the counts it gives. */
static gboolean
read_manifest (Package *p, const char *path, GError **error)
{
  p->manifest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    g_autoptr(ExStmt) s = NULL;
    if (sqlite3_prepare_v2 (p->db, "SELECT key, value FROM manifest", -1, &s, NULL) != SQLITE_OK)
      {
        refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("the manifest cannot be read."));
        return FALSE;
      }
    while (sqlite3_step (s) == SQLITE_ROW)
      {
        if (g_hash_table_size (p->manifest) > 64 || sqlite3_column_type (s, 1) != SQLITE_TEXT ||
            strchr (col_text (s, 1), '\n') != NULL)
          {
            refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("the manifest is not valid."));
            return FALSE;
          }
        g_hash_table_insert (p->manifest, g_strdup (col_text (s, 0)), g_strdup (col_text (s, 1)));
      }
  }
  static const char *const required[] = {
    "format", "direction", "from_name", "from_code", "from_key", "to_name", "to_code",
    "year", "sequence", "created", "content_hash",
    "units", "people", "registrations", "plans", "results",
  };
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_hash_table_contains (p->manifest, required[i]))
      {
        g_autofree char *why = g_strdup_printf (_("the manifest lacks “%s”."), required[i]);
        refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, why);
        return FALSE;
      }
  if (!g_str_equal (g_hash_table_lookup (p->manifest, "format"), PACKAGE_FORMAT))
    {
      refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path,
              _("it was made by another version of Thi Đua whose packages this one cannot read."));
      return FALSE;
    }
  const char *direction = g_hash_table_lookup (p->manifest, "direction");
  if (!g_str_equal (direction, "up") && !g_str_equal (direction, "down"))
    {
      refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("the manifest is not valid."));
      return FALSE;
    }

  /* The signature first: nothing of an unsigned manifest is believed. */
  if (!hex_decode (g_hash_table_lookup (p->manifest, "from_key"), p->from_key, 32))
    {
      refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("the sender's key is not valid."));
      return FALSE;
    }
  {
    g_autoptr(ExStmt) s = NULL;
    if (sqlite3_prepare_v2 (p->db, "SELECT sig FROM signature", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step (s) != SQLITE_ROW || sqlite3_column_bytes (s, 0) != crypto_sign_BYTES)
      {
        refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, _("it is not signed."));
        return FALSE;
      }
    g_autofree char *canon = canonical_manifest (p->manifest);
    if (crypto_sign_verify_detached (sqlite3_column_blob (s, 0), (const guint8 *) canon,
                                     strlen (canon), p->from_key) != 0)
      {
        refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path,
                _("its signature does not match its content (it was changed after signing)."));
        return FALSE;
      }
  }
  for (guint t = 0; t < G_N_ELEMENTS (content_tables); t++)
    {
      gint64 n = 0;
      const char *claimed = g_hash_table_lookup (p->manifest, content_tables[t]);
      if (!count_rows (p->db, content_tables[t], &n, error))
        return FALSE;
      if (n > THIDUA_EXCHANGE_MAX_ROWS)
        {
          refuse (error, THIDUA_EXCHANGE_ERROR_TOO_LARGE, path, _("it holds more rows than a package may."));
          return FALSE;
        }
      g_autofree char *have = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      if (!g_str_equal (have, claimed))
        {
          g_autofree char *why = g_strdup_printf (_("the manifest counts %s rows of %s, the file holds %s."),
                                                  claimed, content_tables[t], have);
          refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, why);
          return FALSE;
        }
    }
  return TRUE;
}

/* Unpacks and opens a package, and checks everything but its rows: what
 * it is, its tables, its manifest and signature, its counts.
 * verify_rows (open_package) or package_verify_start checks the rows. */
static Package *
open_package_signed (const char *path, GError **error)
{
  g_autoptr(Package) p = g_new0 (Package, 1);
  gint64 since = g_get_monotonic_time ();
  if (!ensure_sodium (error) || !unpack (path, &p->raw_path, error))
    return NULL;
  phase (&since, "unpack");
  p->db = package_connect (p->raw_path, path, error);
  if (p->db == NULL)
    return NULL;

  {
    g_autoptr(ExStmt) s = NULL;
    if (sqlite3_prepare_v2 (p->db, "PRAGMA application_id", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step (s) != SQLITE_ROW || sqlite3_column_int (s, 0) != PACKAGE_APPLICATION_ID)
      {
        refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path, _("it is not a Thi Đua package."));
        return NULL;
      }
  }
  {
    /* Exactly our tables, as we write them, and nothing else. */
    g_autoptr(ExStmt) s = NULL;
    guint seen = 0;
    if (sqlite3_prepare_v2 (p->db, "SELECT type, name, sql FROM sqlite_schema", -1, &s, NULL) != SQLITE_OK)
      {
        refuse (error, THIDUA_EXCHANGE_ERROR_NOT_PACKAGE, path, _("it is not a Thi Đua package."));
        return NULL;
      }
    int rc;
    while ((rc = sqlite3_step (s)) == SQLITE_ROW)
      {
        const char *type = col_text (s, 0), *name = col_text (s, 1), *sql = col_text (s, 2);
        gboolean known = FALSE;
        if (g_str_equal (type, "index") && g_str_has_prefix (name, "sqlite_autoindex_") &&
            sqlite3_column_type (s, 2) == SQLITE_NULL)
          continue;
        if (g_str_equal (type, "table"))
          for (guint i = 0; i < G_N_ELEMENTS (package_schema); i++)
            if (g_str_equal (sql, package_schema[i]))
              known = TRUE;
        if (!known)
          {
            g_autofree char *why = g_strdup_printf (_("it holds a %s “%s” that no package has."), type, name);
            refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, path, why);
            return NULL;
          }
        seen++;
      }
    if (rc != SQLITE_DONE || seen != G_N_ELEMENTS (package_schema))
      {
        refuse (error, rc != SQLITE_DONE ? THIDUA_EXCHANGE_ERROR_NOT_PACKAGE : THIDUA_EXCHANGE_ERROR_DAMAGED,
                path, rc != SQLITE_DONE ? _("the file is damaged or cut short.")
                                        : _("tables of a package are missing."));
        return NULL;
      }
  }
  phase (&since, "schema");

  if (!read_manifest (p, path, error))
    {
      /* a damaged file is refused as damaged, as when its structure was
       * checked before its manifest was read */
      GError *damaged = NULL;
      if (!quick_check (p->db, path, &damaged))
        {
          g_clear_error (error);
          g_propagate_error (error, damaged);
        }
      return NULL;
    }
  phase (&since, "manifest, signature, counts");
  return g_steal_pointer (&p);
}

/* A package wholly checked, its rows included, before anything reads it. */
static Package *
open_package (const char *path, GError **error)
{
  g_autoptr(Package) p = open_package_signed (path, error);
  if (p == NULL || !verify_rows (p->db, path, g_hash_table_lookup (p->manifest, "content_hash"), NULL, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* ---- applying ----------------------------------------------------------- */

typedef struct {
  Package              *pkg;
  const char           *path;
  gboolean              apply;
  ThiduaExchangeReport *report;
  gint64                office_id;
  gint64                key_epoch;   /* packages are numbered per pinned key */
  gint64                t;           /* phase timings */
  /* Foreign keys off on the apply's connection: what it wrote is checked
   * before the commit instead (check_references). */
  gboolean              unchecked;
  GArray               *updated_people;         /* gint64 ids of rows updated */
  GArray               *updated_registrations;
} ApplyWork;

static const char *
m (Package *p, const char *key)
{
  return g_hash_table_lookup (p->manifest, key);
}

static void
add_change (ThiduaExchangeReport *r, ThiduaExchangeChangeKind kind, const char *uuid,
            const char *what, const char *reason)
{
  guint listed = kind == THIDUA_EXCHANGE_ADDED ? r->added : kind == THIDUA_EXCHANGE_CHANGED ? r->changed
               : kind == THIDUA_EXCHANGE_REMOVED ? r->removed : 0;
  if (listed >= THIDUA_EXCHANGE_MAX_LISTED)
    {
      /* counted, not listed: a review of 100,000 rows lists a sample */
      if (kind == THIDUA_EXCHANGE_ADDED)
        r->added++;
      else if (kind == THIDUA_EXCHANGE_CHANGED)
        r->changed++;
      else
        r->removed++;
      return;
    }
  ThiduaExchangeChange *c = g_new0 (ThiduaExchangeChange, 1);
  c->kind = kind;
  c->uuid = g_strdup (uuid);
  c->what = g_strdup (what);
  c->reason = g_strdup (reason);
  g_ptr_array_add (r->changes, c);
  switch (kind)
    {
    case THIDUA_EXCHANGE_ADDED: r->added++; break;
    case THIDUA_EXCHANGE_CHANGED: r->changed++; break;
    case THIDUA_EXCHANGE_REMOVED: r->removed++; break;
    case THIDUA_EXCHANGE_REVIEW: r->review++; break;
    default: break;
    }
}

/* Pins the sender's key on its first package; refuses another key later. */
static gboolean
trust_office (sqlite3 *db, ApplyWork *w, GError **error)
{
  Package *p = w->pkg;
  g_autoptr(ExStmt) s = prepare (db, "SELECT id, public_key, key_epoch FROM exchange_offices "
                                 "WHERE name = ? AND code = ?", "reading the trusted offices", error);
  if (s == NULL)
    return FALSE;
  bind_text (s, 1, m (p, "from_name"));
  bind_text (s, 2, m (p, "from_code"));
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      if (sqlite3_column_bytes (s, 1) != 32 || memcmp (sqlite3_column_blob (s, 1), p->from_key, 32) != 0)
        {
          guint8 pinned[32] = { 0 };
          if (sqlite3_column_bytes (s, 1) == 32)
            memcpy (pinned, sqlite3_column_blob (s, 1), 32);
          g_autofree char *a = thidua_exchange_fingerprint (pinned);
          g_autofree char *b = thidua_exchange_fingerprint (p->from_key);
          g_autofree char *why = g_strdup_printf (
              _("it claims to come from “%s”, whose key was pinned as %s, but it is signed by %s. "
                "Replace the pinned key only after checking the new one with that office by phone."),
              m (p, "from_name"), a, b);
          return refuse (error, THIDUA_EXCHANGE_ERROR_UNTRUSTED, w->path, why);
        }
      w->office_id = sqlite3_column_int64 (s, 0);
      w->key_epoch = sqlite3_column_int64 (s, 2);
      return TRUE;
    }
  w->report->first_from_office = TRUE;
  if (!w->apply)
    return TRUE;
  g_autoptr(ExStmt) ins = prepare (db,
      "INSERT INTO exchange_offices (name, code, public_key, pinned) VALUES (?, ?, ?, strftime ('%s','now'))",
      "pinning the office's key", error);
  if (ins == NULL)
    return FALSE;
  bind_text (ins, 1, m (p, "from_name"));
  bind_text (ins, 2, m (p, "from_code"));
  sqlite3_bind_blob (ins, 3, p->from_key, 32, SQLITE_TRANSIENT);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return sql_fail (db, error, "pinning the office's key");
  w->office_id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

static gboolean
check_sequence (sqlite3 *db, ApplyWork *w, gboolean *same, GError **error)
{
  Package *p = w->pkg;
  *same = FALSE;
  if (w->office_id == 0)
    return TRUE;
  g_autoptr(ExStmt) s = prepare (db,
      "SELECT max (sequence), (SELECT content_hash FROM exchange_received WHERE office_id = ?1 AND year = ?2 "
      "  AND direction = ?3 AND key_epoch = ?4 ORDER BY sequence DESC LIMIT 1) "
      "FROM exchange_received WHERE office_id = ?1 AND year = ?2 AND direction = ?3 AND key_epoch = ?4",
      "reading the packages received", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, w->office_id);
  bind_text (s, 2, m (p, "year"));
  bind_text (s, 3, m (p, "direction"));
  sqlite3_bind_int64 (s, 4, w->key_epoch);
  if (sqlite3_step (s) != SQLITE_ROW || sqlite3_column_type (s, 0) == SQLITE_NULL)
    return TRUE;
  gint64 last = sqlite3_column_int64 (s, 0);
  if (w->report->sequence == last && g_str_equal (col_text (s, 1), m (p, "content_hash")))
    {
      *same = TRUE;   /* the same package twice changes nothing */
      return TRUE;
    }
  if (w->report->sequence <= last)
    {
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, w->report->sequence);
      g_autofree char *had = g_strdup_printf ("%" G_GINT64_FORMAT, last);
      g_autofree char *why = g_strdup_printf (
          _("it is package %s of %s for %s, older than package %s already received."),
          seq, m (p, "from_name"), m (p, "year"), had);
      return refuse (error, THIDUA_EXCHANGE_ERROR_STALE, w->path, why);
    }
  return TRUE;
}

/* Finds or makes the reg_years row of a year label. */
static gint64
year_id (sqlite3 *db, const char *label, gboolean create, GError **error)
{
  g_autoptr(ExStmt) s = prepare (db, "SELECT id FROM reg_years WHERE label = ?", "reading the years", error);
  if (s == NULL)
    return -1;
  bind_text (s, 1, label);
  if (sqlite3_step (s) == SQLITE_ROW)
    return sqlite3_column_int64 (s, 0);
  if (!create)
    return 0;
  int start = atoi (label);
  if (start < 1900 || start > 9999)
    return 0;
  g_autoptr(ExStmt) ins = prepare (db, "INSERT INTO reg_years (label, start_year, school) VALUES (?, ?, ?)",
                                   "adding the year", error);
  if (ins == NULL)
    return -1;
  bind_text (ins, 1, label);
  sqlite3_bind_int (ins, 2, start);
  sqlite3_bind_int (ins, 3, strchr (label, '-') != NULL);
  if (sqlite3_step (ins) != SQLITE_DONE)
    {
      sql_fail (db, error, "adding the year");
      return -1;
    }
  return sqlite3_last_insert_rowid (db);
}

/* uuid → local id of the sending office's units or people. */
static gboolean
map_ids (sqlite3 *db, const char *table, gint64 office_id, GHashTable *map, GError **error)
{
  g_autofree char *query = g_strdup_printf ("SELECT uuid, id FROM %s WHERE office_id = ?", table);
  g_autoptr(ExStmt) s = prepare (db, query, "reading received rows", error);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, office_id);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_hash_table_insert (map, g_strdup (col_text (s, 0)), GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (s, 1)));
  return TRUE;
}

#define PKG_KEY(id) GSIZE_TO_POINTER ((gsize) (id))
#define LOCAL_ID(p) ((gint64) GPOINTER_TO_SIZE (p))

static gint64
lookup_local (GHashTable *pkg_map, sqlite3_stmt *s, int col)
{
  if (sqlite3_column_type (s, col) == SQLITE_NULL)
    return 0;
  return LOCAL_ID (g_hash_table_lookup (pkg_map, PKG_KEY (sqlite3_column_int64 (s, col))));
}

static void
bind_id (sqlite3_stmt *s, int i, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (s, i, id);
  else
    sqlite3_bind_null (s, i);
}

/* A person's fields as one string, to find the unchanged ones: the unit
 * then the six text columns and quote (birth_year) from column first, each
 * length-prefixed (no two rows alike by shifting bytes). */
static char *
person_fields (gint64 unit, sqlite3_stmt *s, int first)
{
  GString *f = g_string_new (NULL);
  g_string_append_printf (f, "%" G_GINT64_FORMAT ";", unit);
  for (int c = first; c < first + 7; c++)
    {
      const char *t = col_text (s, c);
      g_string_append_printf (f, "%zu:%s", strlen (t), t);
    }
  return g_string_free (f, FALSE);
}

/* Units and people of the package: a known UUID updates its row; a new one
 * is staged and enters through the register's one INSERT of each entity
 * (thidua_register_flush_*_on), with the UUID and the office it belongs
 * to.  Fills package id → local id (a staged row's id is base + seq, its
 * flush giving exactly that id inside this transaction). */
static gboolean
apply_units_people (ThiduaStore *store, ApplyWork *w, GHashTable *pkg_units, GHashTable *pkg_people,
                    GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  Package *p = w->pkg;
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* name key → unit of the sender's without a UUID of this package: a unit
   * the sender made anew under an old name takes the old row's place, as the
   * names of an office's units are unique. */
  g_autoptr(GHashTable) unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) claimed = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 unit_base = 0, person_base = 0, unit_seq = 0, person_seq = 0;

  /* uuid → the fields of a person of the sender's as held here: an
   * unchanged person (most of them, in a later package) is neither updated
   * nor given its keys again (folding and sort keys were a fifth of an
   * import). */
  g_autoptr(GHashTable) held_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (w->office_id != 0 &&
      (!map_ids (db, "units", w->office_id, units, error) || !map_ids (db, "people", w->office_id, people, error)))
    return FALSE;
  if (w->office_id != 0 && w->apply)
    {
      g_autoptr(ExStmt) s = prepare (db, "SELECT uuid, ifnull (unit_id, 0), honorific, family_name, middle_name, "
                                         "  given_name, position, start_date, quote (birth_year) "
                                         "FROM people WHERE office_id = ?", "reading received rows", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, w->office_id);
      while (sqlite3_step (s) == SQLITE_ROW)
        g_hash_table_insert (held_people, g_strdup (col_text (s, 0)),
                             person_fields (sqlite3_column_int64 (s, 1), s, 2));
    }
  {
    g_autoptr(ExStmt) s = prepare (db, "SELECT (SELECT ifnull (max (id), 0) FROM units), "
                                       "(SELECT ifnull (max (id), 0) FROM people)", "reading the register", error);
    if (s == NULL || sqlite3_step (s) != SQLITE_ROW)
      return s ? sql_fail (db, error, "reading the register") : FALSE;
    unit_base = sqlite3_column_int64 (s, 0);
    person_base = sqlite3_column_int64 (s, 1);
  }
  if (w->office_id != 0)
    {
      g_autoptr(ExStmt) s = prepare (db, "SELECT name_key, id, count(*) FROM units WHERE office_id = ? "
                                         "GROUP BY name_key", "reading received rows", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, w->office_id);
      while (sqlite3_step (s) == SQLITE_ROW)
        if (sqlite3_column_int (s, 2) == 1)
          g_hash_table_insert (unit_names, g_strdup (col_text (s, 0)), PKG_KEY (sqlite3_column_int64 (s, 1)));
    }
  if (w->apply && !thidua_register_stage_begin_on (store, error))
    return FALSE;
  phase (&w->t, "reading what is held");

  /* Units: first every package id gets its local id, so a parent listed
   * after its child is found; then new ones are staged, known ones updated. */
  {
    g_autoptr(ExStmt) s = prepare (p->db, "SELECT id, uuid, name, kind, parent FROM units ORDER BY id",
                                   "reading the package", error);
    if (s == NULL)
      return FALSE;
    g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (gint64));   /* package ids staged */
    while (sqlite3_step (s) == SQLITE_ROW)
      {
        gint64 id = LOCAL_ID (g_hash_table_lookup (units, col_text (s, 1)));
        if (id == 0)
          {
            g_autofree char *key = thidua_text_fold (col_text (s, 2));
            gint64 named = LOCAL_ID (g_hash_table_lookup (unit_names, key));
            if (named != 0 && !g_hash_table_contains (claimed, PKG_KEY (named)))
              id = named;
          }
        if (id == 0)
          {
            id = unit_base + ++unit_seq;
            gint64 pkg_id = sqlite3_column_int64 (s, 0);
            g_array_append_val (fresh, pkg_id);
          }
        g_hash_table_add (claimed, PKG_KEY (id));
        g_hash_table_insert (pkg_units, PKG_KEY (sqlite3_column_int64 (s, 0)), PKG_KEY (id));
      }
    if (w->apply)
      {
        g_autoptr(ExStmt) stage = prepare (db, THIDUA_REGISTER_STAGE_UNIT, "adding received units", error);
        g_autoptr(ExStmt) upd = stage ? prepare (db,
            "UPDATE units SET name = ?1, name_key = ?2, kind = ?3, sort_key = ?4, parent_id = ?5, uuid = ?6 "
            "WHERE id = ?7 AND (name IS NOT ?1 OR kind IS NOT ?3 OR parent_id IS NOT ?5 OR uuid IS NOT ?6)",
            "updating received units", error) : NULL;
        if (upd == NULL)
          return FALSE;
        sqlite3_reset (s);
        guint next = 0;
        while (sqlite3_step (s) == SQLITE_ROW)
          {
            gint64 pkg_id = sqlite3_column_int64 (s, 0);
            gint64 id = LOCAL_ID (g_hash_table_lookup (pkg_units, PKG_KEY (pkg_id)));
            gint64 parent = lookup_local (pkg_units, s, 4);
            g_autofree char *key = thidua_text_fold (col_text (s, 2));
            g_autofree char *sort = thidua_text_collate_key (col_text (s, 2));
            gboolean staged = next < fresh->len && g_array_index (fresh, gint64, next) == pkg_id;
            sqlite3_stmt *t = staged ? stage : upd;
            if (staged)
              {
                next++;
                sqlite3_bind_int64 (t, 1, id - unit_base);
                sqlite3_bind_int64 (t, 2, parent);
                bind_text (t, 3, col_text (s, 2));
                bind_text (t, 4, key);
                bind_text (t, 5, sort);
                bind_text (t, 6, col_text (s, 3));
                bind_text (t, 7, col_text (s, 1));
                sqlite3_bind_int64 (t, 8, w->office_id);
              }
            else
              {
                bind_text (t, 1, col_text (s, 2));
                bind_text (t, 2, key);
                bind_text (t, 3, col_text (s, 3));
                bind_text (t, 4, sort);
                bind_id (t, 5, parent);
                bind_text (t, 6, col_text (s, 1));
                sqlite3_bind_int64 (t, 7, id);
              }
            if (sqlite3_step (t) != SQLITE_DONE)
              return sql_fail (db, error, "adding received units");
            sqlite3_reset (t);
          }
        if (unit_seq > 0 && !thidua_register_flush_units_on (store, unit_base, 0, error))
          return FALSE;
      }
  }
  phase (&w->t, "units");
  {
    g_autoptr(ExStmt) s = prepare (p->db,
        "SELECT id, uuid, unit, honorific, family_name, middle_name, given_name, position, start_date, "
        "  quote (birth_year), birth_year FROM people ORDER BY id", "reading the package", error);
    /* rows appended to the staging table straight, in the columns of
     * THIDUA_REGISTER_STAGE_PERSON (thidua-register-private.h) */
    ThiduaStageTable *stage = s && w->apply ? thidua_store_get_stage_table (store, "stage_people") : NULL;
    g_autoptr(ExStmt) upd = stage ? prepare (db,
        "UPDATE people SET unit_id = ?1, honorific = ?2, family_name = ?3, middle_name = ?4, given_name = ?5, "
        "  position = ?6, start_date = ?7, birth_year = ?8, name_key = ?9, sort_key = ?11 WHERE id = ?10 AND "
        "  (unit_id IS NOT ?1 OR honorific IS NOT ?2 OR family_name IS NOT ?3 OR middle_name IS NOT ?4 OR "
        "   given_name IS NOT ?5 OR position IS NOT ?6 OR start_date IS NOT ?7 OR birth_year IS NOT ?8)",
        "updating received people", error) : NULL;
    if (s == NULL || (w->apply && upd == NULL))
      return FALSE;
    GString *full = g_string_sized_new (64);
    PeopleKeys *made = w->apply && p->verify != NULL ? p->verify->keys : NULL;
    while (sqlite3_step (s) == SQLITE_ROW)
      {
        /* taken for every person, in order, used or not */
        g_autofree char *key = NULL;
        g_autofree char *sort = NULL;
        people_keys_next (made, sqlite3_column_int64 (s, 0), &key, &sort);
        /* (a sender's first package: nothing held, no UUID hashed) */
        gint64 id = g_hash_table_size (people) > 0 ? LOCAL_ID (g_hash_table_lookup (people, col_text (s, 1))) : 0;
        gboolean staged = id == 0;
        if (staged)
          id = person_base + ++person_seq;
        g_hash_table_insert (pkg_people, PKG_KEY (sqlite3_column_int64 (s, 0)), PKG_KEY (id));
        if (!w->apply)
          continue;
        gint64 unit = lookup_local (pkg_units, s, 2);
        if (!staged)
          {
            const char *had = g_hash_table_lookup (held_people, col_text (s, 1));
            g_autofree char *fields = had ? person_fields (unit, s, 3) : NULL;
            if (fields != NULL && g_str_equal (fields, had))
              continue;
          }
        if (key == NULL)
          {
            g_autoptr(GString) fold = g_string_sized_new (64);
            g_autoptr(GString) sorting = g_string_sized_new (128);

            person_full_name (full, col_text (s, 4), col_text (s, 5), col_text (s, 6));
            thidua_text_person_keys (full->str, fold, sorting);
            key = g_string_free (g_steal_pointer (&fold), FALSE);
            sort = g_string_free (g_steal_pointer (&sorting), FALSE);
          }
        int rc;
        if (staged)
          {
            /* seq, honorific … position, unit, start date, birth year, keys, uuid, office */
            gboolean ok;

            thidua_stage_table_begin_row (stage);
            ok = thidua_stage_table_add_int (stage, person_seq);
            for (int c = 2; ok && c <= 6; c++)
              ok = thidua_stage_table_add_text (stage, col_text (s, c + 1));
            ok = ok && thidua_stage_table_add_int (stage, unit)
                 && thidua_stage_table_add_text (stage, col_text (s, 8))
                 && (sqlite3_column_type (s, 10) == SQLITE_INTEGER
                     ? thidua_stage_table_add_int (stage, sqlite3_column_int64 (s, 10))
                     : thidua_stage_table_add_null (stage))
                 && thidua_stage_table_add_text (stage, key)
                 && thidua_stage_table_add_text (stage, sort)
                 && thidua_stage_table_add_text (stage, col_text (s, 1))
                 && thidua_stage_table_add_int (stage, w->office_id)
                 && thidua_stage_table_end_row (stage);
            if (!ok)
              {
                g_string_free (full, TRUE);
                return stage_fail (error, "adding received people");
              }
            rc = SQLITE_DONE;
          }
        else
          {
            bind_id (upd, 1, unit);
            for (int c = 2; c <= 7; c++)
              bind_text (upd, c, col_text (s, c + 1));
            sqlite3_bind_value (upd, 8, sqlite3_column_value (s, 10));
            bind_text (upd, 9, key);
            sqlite3_bind_int64 (upd, 10, id);
            bind_text (upd, 11, sort);
            rc = sqlite3_step (upd);
            sqlite3_reset (upd);
            g_array_append_val (w->updated_people, id);
          }
        if (rc != SQLITE_DONE)
          {
            g_string_free (full, TRUE);
            return sql_fail (db, error, "adding received people");
          }
      }
    g_string_free (full, TRUE);
    if (made != NULL)
      {
        /* the thread makes no more keys (it may wait for a batch nobody takes) */
        people_keys_stop (made);
        g_debug ("exchange: (people's keys made by the apply itself: %u)", made->made_here);
      }
    phase (&w->t, "staging people");
    if (w->apply && person_seq > 0 && !thidua_register_flush_people_on (store, unit_base, person_base, 0, error))
      return FALSE;
    phase (&w->t, "flushing people");
  }
  return TRUE;
}

/* One string of the fields the sending office owns, to compare rows. */
static char *
owned_fields (const char *title, const char *initiative, const char *status, const char *note,
              gint64 person, gint64 unit)
{
  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT,
                          title, initiative, status, note, person, unit);
}

typedef struct {
  char   *fields;
  char   *result;
  char   *decision;
  char    *what;
  gint64   id;
  gboolean present;   /* the package still has it */
} Held;

static void
held_free (gpointer p)
{
  Held *h = p;
  g_free (h->fields);
  g_free (h->result);
  g_free (h->decision);
  g_free (h->what);
  g_free (h);
}

/* What the report says of package row s (registrations: person, unit,
 * title in columns 1–3), or NULL past the rows it lists. */
static const char *
describe (ThiduaExchangeReport *r, ThiduaExchangeChangeKind kind, sqlite3_stmt *what, sqlite3_stmt *s)
{
  guint listed = kind == THIDUA_EXCHANGE_ADDED ? r->added : r->changed;
  if (listed >= THIDUA_EXCHANGE_MAX_LISTED)
    return NULL;
  sqlite3_reset (what);
  sqlite3_bind_value (what, 1, sqlite3_column_value (s, 1));
  sqlite3_bind_value (what, 2, sqlite3_column_value (s, 2));
  sqlite3_bind_value (what, 3, sqlite3_column_value (s, 3));
  return sqlite3_step (what) == SQLITE_ROW ? col_text (what, 0) : "";
}

static gboolean
apply_up (ThiduaStore *store, ApplyWork *w, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  Package *p = w->pkg;
  ThiduaExchangeReport *r = w->report;
  g_autoptr(GHashTable) pkg_units = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) pkg_people = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 year = year_id (db, m (p, "year"), w->apply, error);
  if (year < 0 || !apply_units_people (store, w, pkg_units, pkg_people, error))
    return FALSE;

  /* What this office holds of the sender's year, by uuid. */
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, held_free);
  if (w->office_id != 0 && year > 0)
    {
      g_autoptr(ExStmt) s = prepare (db,
          "SELECT r.uuid, r.title, r.initiative, r.status, r.note, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), "
          "  r.result, r.decision, r.id, "
          "  trim (ifnull (p.family_name, '') || ' ' || ifnull (p.middle_name, '') || ' ' || "
          "        ifnull (p.given_name, ifnull (u.name, ''))) || ' — ' || r.title "
          "FROM registrations r LEFT JOIN people p ON p.id = r.person_id LEFT JOIN units u ON u.id = r.unit_id "
          "WHERE r.office_id = ? AND r.year_id = ?", "reading received rows", error);
      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, w->office_id);
      sqlite3_bind_int64 (s, 2, year);
      while (sqlite3_step (s) == SQLITE_ROW)
        {
          Held *h = g_new0 (Held, 1);
          h->fields = owned_fields (col_text (s, 1), col_text (s, 2), col_text (s, 3), col_text (s, 4),
                                    sqlite3_column_int64 (s, 5), sqlite3_column_int64 (s, 6));
          h->result = g_strdup (col_text (s, 7));
          h->decision = g_strdup (col_text (s, 8));
          h->id = sqlite3_column_int64 (s, 9);
          h->what = g_strdup (col_text (s, 10));
          g_hash_table_insert (held, g_strdup (col_text (s, 0)), h);
        }
    }

  phase (&w->t, "reading held registrations");
  /* What the sender no longer has goes first, so a row it made anew (same
   * person or unit and title, another UUID) finds its place free.  A row
   * this office already judged is kept and listed for review: its result
   * must not vanish unseen. */
  if (g_hash_table_size (held) > 0)
    {
      g_autoptr(ExStmt) s = prepare (p->db, "SELECT uuid FROM registrations", "reading the package", error);
      if (s == NULL)
        return FALSE;
      while (sqlite3_step (s) == SQLITE_ROW)
        {
          Held *h = g_hash_table_lookup (held, col_text (s, 0));
          if (h != NULL)
            h->present = TRUE;
        }
    }
  GHashTableIter it;
  gpointer k, v;
  g_autoptr(ExStmt) del = w->apply ? prepare (db, "DELETE FROM registrations WHERE id = ?",
                                              "removing received registrations", error) : NULL;
  g_autoptr(ExStmt) rev = w->apply ? prepare (db,
      "INSERT INTO exchange_review (office_id, year, uuid, reason, detail, created) "
      "VALUES (?, ?, ?, ?, ?, strftime ('%s','now'))", "listing rows for review", error) : NULL;
  if (w->apply && (del == NULL || rev == NULL))
    return FALSE;
  g_hash_table_iter_init (&it, held);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      Held *h = v;
      if (h->present)
        continue;
      if (!g_str_equal (h->result, "pending") || h->decision[0] != '\0')
        {
          g_autofree char *reason = g_strdup_printf (
              _("the sending office removed this registration, but a result was set here (%s %s)"),
              h->result, h->decision);
          add_change (r, THIDUA_EXCHANGE_REVIEW, k, h->what, reason);
          if (w->apply)
            {
              sqlite3_bind_int64 (rev, 1, w->office_id);
              bind_text (rev, 2, m (p, "year"));
              bind_text (rev, 3, k);
              bind_text (rev, 4, "removed-after-result");
              bind_text (rev, 5, reason);
              if (sqlite3_step (rev) != SQLITE_DONE)
                return sql_fail (db, error, "listing rows for review");
              sqlite3_reset (rev);
            }
          continue;
        }
      add_change (r, THIDUA_EXCHANGE_REMOVED, k, h->what, NULL);
      if (w->apply)
        {
          sqlite3_bind_int64 (del, 1, h->id);
          if (sqlite3_step (del) != SQLITE_DONE)
            return sql_fail (db, error, "removing received registrations");
          sqlite3_reset (del);
        }
    }

  /* Added rows are staged and enter through the register's one INSERT of a
   * registration; changed ones are updated in place. */
  g_autoptr(ExStmt) s = prepare (p->db,
      "SELECT r.uuid, r.person, r.unit, r.title, r.initiative, r.status, r.note "
      "FROM registrations r ORDER BY r.id", "reading the package", error);
  /* "Name — title", made only for the rows the report lists. */
  g_autoptr(ExStmt) what = s ? prepare (p->db,
      "SELECT trim (ifnull ((SELECT family_name || ' ' || middle_name || ' ' || given_name FROM people "
      "  WHERE id = ?1), ifnull ((SELECT name FROM units WHERE id = ?2), ''))) || ' — ' || ?3",
      "reading the package", error) : NULL;
  if (what == NULL)
    return FALSE;
  /* in the columns of THIDUA_REGISTER_STAGE_REGISTRATION */
  ThiduaStageTable *stage = s && w->apply ? thidua_store_get_stage_table (store, "stage_registrations") : NULL;
  g_autoptr(ExStmt) upd = stage ? prepare (db,
      "UPDATE registrations SET person_id = ?2, unit_id = ?3, title = ?4, initiative = ?5, status = ?6, note = ?7, "
      "  modified = strftime ('%s','now') WHERE id = ?1", "updating received registrations", error) : NULL;
  if (s == NULL || (w->apply && upd == NULL))
    return FALSE;
  gint64 seq = 0;
  int rc;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      const char *uuid = col_text (s, 0);
      gint64 person = lookup_local (pkg_people, s, 1), unit = lookup_local (pkg_units, s, 2);
      Held *h = g_hash_table_size (held) > 0 ? g_hash_table_lookup (held, uuid) : NULL;
      if (h != NULL)
        {
          g_autofree char *fields = owned_fields (col_text (s, 3), col_text (s, 4), col_text (s, 5),
                                                  col_text (s, 6), person, unit);
          if (g_str_equal (fields, h->fields))
            continue;
          add_change (r, THIDUA_EXCHANGE_CHANGED, uuid, describe (r, THIDUA_EXCHANGE_CHANGED, what, s), NULL);
          if (!w->apply)
            continue;
          sqlite3_bind_int64 (upd, 1, h->id);
          bind_id (upd, 2, person);
          bind_id (upd, 3, unit);
          for (int c = 4; c <= 7; c++)
            bind_text (upd, c, col_text (s, c - 1));
          if (sqlite3_step (upd) != SQLITE_DONE)
            return sql_fail (db, error, "applying received registrations");
          sqlite3_reset (upd);
          g_array_append_val (w->updated_registrations, h->id);
          continue;
        }
      add_change (r, THIDUA_EXCHANGE_ADDED, uuid, describe (r, THIDUA_EXCHANGE_ADDED, what, s), NULL);
      if (!w->apply)
        continue;
      /* seq, person, unit, title, plan, initiative, status, result, decision, note, uuid, office */
      thidua_stage_table_begin_row (stage);
      if (!(thidua_stage_table_add_int (stage, ++seq)
            && thidua_stage_table_add_int (stage, person)
            && thidua_stage_table_add_int (stage, unit)
            && thidua_stage_table_add_text (stage, col_text (s, 3))
            && thidua_stage_table_add_null (stage)
            && thidua_stage_table_add_text (stage, col_text (s, 4))
            && thidua_stage_table_add_text (stage, col_text (s, 5))
            && thidua_stage_table_add_text (stage, "pending")
            && thidua_stage_table_add_text (stage, "")
            && thidua_stage_table_add_text (stage, col_text (s, 6))
            && thidua_stage_table_add_text (stage, uuid)
            && thidua_stage_table_add_int (stage, w->office_id)
            && thidua_stage_table_end_row (stage)))
        return stage_fail (error, "applying received registrations");
    }
  if (rc != SQLITE_DONE)
    return sql_fail (p->db, error, "reading the package");
  phase (&w->t, "staging registrations");
  if (seq > 0 && !thidua_register_flush_registrations_on (store, year, 0, 0, 0, error))
    return FALSE;
  phase (&w->t, "flushing registrations");

  /* Issued plans, for verify. */
  if (w->apply)
    {
      g_autoptr(ExStmt) ps = prepare (p->db, "SELECT code, number, symbol, date, plan FROM plans", "reading the package", error);
      g_autoptr(ExStmt) pi = ps ? prepare (db,
          "INSERT INTO exchange_plans (office_id, code, number, symbol, date, plan) VALUES (?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (office_id, code) DO NOTHING", "keeping received plans", error) : NULL;
      if (pi == NULL)
        return FALSE;
      while (sqlite3_step (ps) == SQLITE_ROW)
        {
          sqlite3_bind_int64 (pi, 1, w->office_id);
          for (int c = 0; c < 5; c++)
            bind_text (pi, c + 2, col_text (ps, c));
          if (sqlite3_step (pi) != SQLITE_DONE)
            return sql_fail (db, error, "keeping received plans");
          sqlite3_reset (pi);
        }
    }
  return TRUE;
}

static gboolean
apply_down (sqlite3 *db, ApplyWork *w, GError **error)
{
  Package *p = w->pkg;
  ThiduaExchangeReport *r = w->report;
  g_autoptr(ExStmt) s = prepare (p->db, "SELECT uuid, result, decision FROM results ORDER BY id",
                                 "reading the package", error);
  g_autoptr(ExStmt) find = s ? prepare (db,
      "SELECT r.id, r.result, r.decision, trim (ifnull (p.family_name, '') || ' ' || ifnull (p.middle_name, '') "
      "  || ' ' || ifnull (p.given_name, ifnull (u.name, ''))) || ' — ' || r.title "
      "FROM registrations r LEFT JOIN people p ON p.id = r.person_id LEFT JOIN units u ON u.id = r.unit_id "
      "WHERE r.uuid = ? AND r.office_id IS NULL", "finding the office's rows", error) : NULL;
  g_autoptr(ExStmt) upd = find && w->apply ? prepare (db,
      "UPDATE registrations SET result = ?, decision = ?, modified = strftime ('%s','now') WHERE id = ?",
      "applying results", error) : NULL;
  if (find == NULL || (w->apply && upd == NULL))
    return FALSE;
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      const char *result = col_text (s, 1);
      if (!g_str_equal (result, "pending") && !g_str_equal (result, "achieved") &&
          !g_str_equal (result, "not-achieved"))
        return refuse (error, THIDUA_EXCHANGE_ERROR_DAMAGED, w->path, _("it holds a result that is not valid."));
      bind_text (find, 1, col_text (s, 0));
      if (sqlite3_step (find) != SQLITE_ROW)
        {
          add_change (r, THIDUA_EXCHANGE_REVIEW, col_text (s, 0), col_text (s, 0),
                      _("a result came for a registration this office no longer has"));
          sqlite3_reset (find);
          continue;
        }
      gint64 id = sqlite3_column_int64 (find, 0);
      gboolean same = g_str_equal (col_text (find, 1), result) &&
                      g_str_equal (col_text (find, 2), col_text (s, 2));
      g_autofree char *what = g_strdup (col_text (find, 3));
      sqlite3_reset (find);
      if (same)
        continue;
      add_change (r, THIDUA_EXCHANGE_CHANGED, col_text (s, 0), what, NULL);
      if (w->apply)
        {
          bind_text (upd, 1, result);
          bind_text (upd, 2, col_text (s, 2));
          sqlite3_bind_int64 (upd, 3, id);
          if (sqlite3_step (upd) != SQLITE_DONE)
            return sql_fail (db, error, "applying results");
          sqlite3_reset (upd);
        }
    }
  return TRUE;
}

/* What foreign keys would have refused, for an apply that ran without
 * them: the references of the rows it staged (all flushed by now, so
 * every one names an id, checked in the staging tables: reading the
 * flushed rows again cost twice as much), of the rows it updated, and of
 * the small tables it wrote to, whole. */
static gboolean
check_references (ThiduaStore *store, ApplyWork *w, GError **error)
{
  static const char * const whole[] = { "units", "exchange_plans", "exchange_review", "exchange_received" };
  const struct { const char *table; GArray *updated; } rows[] = {
    { "people", w->updated_people },
    { "registrations", w->updated_registrations },
  };
  /* (only a package going up stages rows) */
  gint64 missing = g_str_equal (m (w->pkg, "direction"), "up") ? thidua_register_count_staged_dangling_on (store, error) : 0;

  if (missing < 0)
    return FALSE;
  if (missing > 0)
    {
      g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_FAILED,
                   _("Exchange failed while %s: %s"), "applying the package",
                   _("a received row would refer to a row that does not exist"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    {
      g_autoptr(ThiduaReferenceCheck) c = thidua_reference_check_new (store, whole[i], error);
      if (c == NULL || !thidua_reference_check_rows (c, store, G_MININT64, G_MAXINT64, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i].updated->len == 0)
        continue;
      g_autoptr(ThiduaReferenceCheck) c = thidua_reference_check_new (store, rows[i].table, error);
      if (c == NULL)
        return FALSE;
      for (guint k = 0; k < rows[i].updated->len; k++)
        {
          gint64 id = g_array_index (rows[i].updated, gint64, k);
          if (!thidua_reference_check_rows (c, store, id, id, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
import_txn (ThiduaStore *store, gpointer data, GError **error)
{
  ApplyWork *w = data;
  sqlite3 *db = thidua_store_get_db (store);
  Package *p = w->pkg;
  guint8 own_key[32];
  /* The first exchange makes this office's key too, so `office` shows it. */
  if (w->apply && !load_key (store, own_key, NULL, error))
    return FALSE;
  if (!trust_office (db, w, error))
    return FALSE;
  if (g_str_equal (m (p, "direction"), "down"))
    {
      g_autoptr(ThiduaExchangeOffice) self = thidua_exchange_get_office (store, error);
      if (self == NULL)
        return FALSE;
      if (!g_str_equal (m (p, "to_name"), self->name) ||
          (self->code[0] && m (p, "to_code")[0] && !g_str_equal (m (p, "to_code"), self->code)))
        {
          g_autofree char *why = g_strdup_printf (_("it carries results for “%s”, and this office is “%s”."),
                                                  m (p, "to_name"), self->name);
          return refuse (error, THIDUA_EXCHANGE_ERROR_NOT_FOR_US, w->path, why);
        }
    }
  gboolean same = FALSE;
  if (!check_sequence (db, w, &same, error))
    return FALSE;
  if (same)
    return TRUE;
  if (w->apply && !exec (db, "INSERT INTO exchange_applying VALUES (1)", "applying the package", error))
    return FALSE;
  gboolean ok = g_str_equal (m (p, "direction"), "up") ? apply_up (store, w, error) : apply_down (db, w, error);
  if (!ok)
    return FALSE;
  if (!w->apply)
    return TRUE;
  if (!exec (db, "DELETE FROM exchange_applying", "applying the package", error))
    return FALSE;
  g_autoptr(ExStmt) rec = prepare (db,
      "INSERT INTO exchange_received (office_id, year, direction, sequence, received, content_hash, rows, "
      "  key_epoch) VALUES (?, ?, ?, ?, strftime ('%s','now'), ?, ?, ?)", "recording the package", error);
  if (rec == NULL)
    return FALSE;
  sqlite3_bind_int64 (rec, 1, w->office_id);
  bind_text (rec, 2, m (p, "year"));
  bind_text (rec, 3, m (p, "direction"));
  sqlite3_bind_int64 (rec, 4, w->report->sequence);
  bind_text (rec, 5, m (p, "content_hash"));
  sqlite3_bind_int64 (rec, 6, g_ascii_strtoll (m (p, g_str_equal (m (p, "direction"), "up")
                                                     ? "registrations" : "results"), NULL, 10));
  sqlite3_bind_int64 (rec, 7, w->key_epoch);
  if (sqlite3_step (rec) != SQLITE_DONE)
    return sql_fail (db, error, "recording the package");
  if (w->unchecked && !check_references (store, w, error))
    return FALSE;
  phase (&w->t, "checking references");
  return TRUE;
}

/* The apply, committed only once the package's rows are checked. */
static gboolean
import_verified_txn (ThiduaStore *store, gpointer data, GError **error)
{
  ApplyWork *w = data;
  GError *failed = NULL;
  /* This connection is the apply's alone: holding its mutex once makes
   * each of the million binds and steps that take it again (SQLite's is
   * recursive) a counter instead of an atomic lock and unlock. */
  sqlite3_mutex *mutex = sqlite3_db_mutex (thidua_store_get_db (store));
  sqlite3_mutex_enter (mutex);
  gboolean ok = import_txn (store, w, &failed);
  sqlite3_mutex_leave (mutex);
  phase (&w->t, "the rest of the apply");
  GError *refused = NULL;
  if (!package_verify_finish (w->pkg, &refused))
    {
      g_clear_error (&failed);
      g_propagate_error (error, refused);
      return FALSE;
    }
  phase (&w->t, "waiting for the check");
  if (!ok)
    g_propagate_error (error, failed);
  return ok;
}

ThiduaExchangeReport *
thidua_exchange_import (ThiduaStore *store, const char *path, gboolean apply, GError **error)
{
  /* A review checks everything first; an apply checks the rows beside
   * its writes, committed only once they pass (package_verify_start). */
  g_autoptr(Package) p = apply ? open_package_signed (path, error) : open_package (path, error);
  if (p == NULL)
    return NULL;
  g_autoptr(ThiduaExchangeReport) r = g_new0 (ThiduaExchangeReport, 1);
  r->changes = g_ptr_array_new_with_free_func (change_free);
  r->from_name = g_strdup (m (p, "from_name"));
  r->from_code = g_strdup (m (p, "from_code"));
  r->fingerprint = thidua_exchange_fingerprint (p->from_key);
  r->direction = g_strdup (m (p, "direction"));
  r->year = g_strdup (m (p, "year"));
  r->sequence = g_ascii_strtoll (m (p, "sequence"), NULL, 10);
  ApplyWork w = { p, path, apply, r, 0, 0, g_get_monotonic_time () };
  if (!apply)
    {
      /* A review reads only: the caller's connection, nothing staged. */
      if (!thidua_store_transaction (store, import_txn, &w, error))
        return NULL;
      return g_steal_pointer (&r);
    }

  /* The apply runs on a connection of its own, as the register's import
   * does: its staging tables (temp.stage_*, per connection, in memory) go
   * away with it instead of being emptied row by row (with SQLite's
   * secure_delete, as Debian builds it, every freed page is zeroed: about
   * 145 ms for 100,000 rows in one profiled run).  It sees only what is
   * committed, and waits, as any writer, for a change the caller's
   * connection has open (another thread's autosave) to end. */
  if (!package_verify_start (p, path, error))
    return NULL;
  g_autoptr(ThiduaStore) own = thidua_store_open_writer (store, THIDUA_STORE_OPEN_NO_PROBE, error);
  gboolean referenced = TRUE;
  if (own == NULL || !thidua_store_is_referenced (own, "registrations", &referenced, error))
    {
      package_verify_prefer (p, error);
      return NULL;
    }
  /* Enforced row by row, the foreign keys of 100,000 people and their
   * registrations took a fifth of moving them: they are checked once
   * before the commit instead (check_references).  Only while no
   * table refers to registrations, the one table the apply deletes from:
   * a delete without enforcement would skip a cascade. */
  g_autoptr(GArray) updated_people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) updated_registrations = g_array_new (FALSE, FALSE, sizeof (gint64));
  w.updated_people = updated_people;
  w.updated_registrations = updated_registrations;
  w.unchecked = !referenced && sqlite3_exec (thidua_store_get_db (own), "PRAGMA foreign_keys = OFF",
                                             NULL, NULL, NULL) == SQLITE_OK;
  phase (&w.t, "opening the office");
  gboolean ok = thidua_store_transaction (own, import_verified_txn, &w, error);
  phase (&w.t, "commit");
  if (!ok)
    package_verify_prefer (p, error);   /* the transaction could not begin */
  g_clear_object (&own);
  phase (&w.t, "closing");
  /* The caller's connection saw none of it: tell its listeners, as its
   * own commit would have. */
  if (ok && r->added + r->changed + r->removed + r->review > 0)
    thidua_store_announce (store, THIDUA_STORE_CHANGE_REGISTER);
  if (!ok)
    return NULL;
  return g_steal_pointer (&r);
}

GPtrArray *
thidua_exchange_list (ThiduaStore *store, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db,
      "SELECT o.name, x.year, max (x.received), "
      "  (SELECT rows FROM exchange_received y WHERE y.office_id = x.office_id AND y.year = x.year "
      "     ORDER BY received DESC, sequence DESC LIMIT 1) "
      "FROM exchange_received x JOIN exchange_offices o ON o.id = x.office_id "
      "GROUP BY x.office_id, x.year ORDER BY o.name, x.year", "listing packages", error);
  if (s == NULL)
    return NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_exchange_received_free);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      ThiduaExchangeReceived *r = g_new0 (ThiduaExchangeReceived, 1);
      r->office = g_strdup (col_text (s, 0));
      r->year = g_strdup (col_text (s, 1));
      r->received = sqlite3_column_int64 (s, 2);
      r->rows = sqlite3_column_int64 (s, 3);
      g_ptr_array_add (out, r);
    }
  return out;
}

gboolean
thidua_exchange_verify_code (ThiduaStore *store, const char *code, char **office,
                             char **number_symbol, char **date, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db,
      "SELECT o.name, p.number, p.symbol, p.date FROM exchange_plans p JOIN exchange_offices o ON o.id = p.office_id "
      "WHERE p.code = ? LIMIT 1", "verifying the code", error);
  if (s == NULL)
    return FALSE;
  bind_text (s, 1, code);
  if (sqlite3_step (s) != SQLITE_ROW)
    return FALSE;
  *office = g_strdup (col_text (s, 0));
  *number_symbol = g_strdup (col_text (s, 1));   /* as printed: 05/KH-UBND, 100-KH/TU */
  *date = g_strdup (col_text (s, 3));
  return TRUE;
}

GHashTable *
thidua_exchange_row_offices (ThiduaStore *store, const char *year, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db,
      "SELECT r.id, o.name FROM registrations r JOIN reg_years y ON y.id = r.year_id "
      "JOIN exchange_offices o ON o.id = r.office_id WHERE y.label = ?", "reading received rows", error);
  if (s == NULL)
    return NULL;
  bind_text (s, 1, year);
  GHashTable *map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (sqlite3_step (s) == SQLITE_ROW)
    g_hash_table_insert (map, g_memdup2 (&(gint64) { sqlite3_column_int64 (s, 0) }, sizeof (gint64)),
                         g_strdup (col_text (s, 1)));
  return map;
}

void
thidua_exchange_tally_free (ThiduaExchangeTally *t)
{
  if (t == NULL)
    return;
  g_free (t->office);
  g_free (t->title);
  g_free (t);
}

GPtrArray *
thidua_exchange_rollup (ThiduaStore *store, const char *year, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ThiduaOffice) self = thidua_store_get_office (store, error);
  if (self == NULL)
    return NULL;
  g_autoptr(ExStmt) s = prepare (db,
      "SELECT r.office_id IS NOT NULL, ifnull (o.name, ''), r.title, count(*), "
      "  sum (r.result = 'achieved') "
      "FROM registrations r JOIN reg_years y ON y.id = r.year_id "
      "LEFT JOIN exchange_offices o ON o.id = r.office_id "
      "WHERE y.label = ? AND r.status = 'registered' "
      "GROUP BY r.office_id, r.title ORDER BY 1, 2, r.title", "adding up the offices", error);
  if (s == NULL)
    return NULL;
  bind_text (s, 1, year);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_exchange_tally_free);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      ThiduaExchangeTally *t = g_new0 (ThiduaExchangeTally, 1);
      t->office = g_strdup (sqlite3_column_int (s, 0) ? col_text (s, 1) : self->name);
      t->title = g_strdup (col_text (s, 2));
      t->registered = (guint) sqlite3_column_int (s, 3);
      t->achieved = (guint) sqlite3_column_int (s, 4);
      g_ptr_array_add (out, t);
    }
  return out;
}

char *
thidua_exchange_dup_own_fingerprint (ThiduaStore *store, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autoptr(ExStmt) s = prepare (db, "SELECT public_key FROM exchange_key WHERE id = 1",
                                 "reading the office key", error);
  if (s == NULL || sqlite3_step (s) != SQLITE_ROW || sqlite3_column_bytes (s, 0) != 32)
    return NULL;
  return thidua_exchange_fingerprint (sqlite3_column_blob (s, 0));
}

gboolean
thidua_exchange_check_file (const char *path, GError **error)
{
  g_autoptr(Package) p = open_package (path, error);
  return p != NULL;
}

/* ---- replacing a pinned key --------------------------------------------- */

void
thidua_exchange_key_conflict_free (ThiduaExchangeKeyConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->office);
  g_free (c->code);
  g_free (c->pinned);
  g_free (c->offered);
  g_free (c);
}

/* The pinned key of the package's office: FALSE (no error) when none. */
static gboolean
pinned_key (sqlite3 *db, Package *p, gint64 *office_id, guint8 key[32], GError **error)
{
  g_autoptr(ExStmt) s = prepare (db, "SELECT id, public_key FROM exchange_offices WHERE name = ? AND code = ?",
                                 "reading the trusted offices", error);
  if (s == NULL)
    return FALSE;
  bind_text (s, 1, m (p, "from_name"));
  bind_text (s, 2, m (p, "from_code"));
  if (sqlite3_step (s) != SQLITE_ROW)
    return FALSE;
  *office_id = sqlite3_column_int64 (s, 0);
  memset (key, 0, 32);
  if (sqlite3_column_bytes (s, 1) == 32)
    memcpy (key, sqlite3_column_blob (s, 1), 32);
  return TRUE;
}

ThiduaExchangeKeyConflict *
thidua_exchange_key_conflict (ThiduaStore *store, const char *path, GError **error)
{
  g_autoptr(Package) p = open_package (path, error);
  if (p == NULL)
    return NULL;
  gint64 office_id = 0;
  guint8 key[32];
  GError *local = NULL;
  if (!pinned_key (thidua_store_get_db (store), p, &office_id, key, &local))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return NULL;
    }
  if (memcmp (key, p->from_key, 32) == 0)
    return NULL;
  ThiduaExchangeKeyConflict *c = g_new0 (ThiduaExchangeKeyConflict, 1);
  c->office = g_strdup (m (p, "from_name"));
  c->code = g_strdup (m (p, "from_code"));
  c->pinned = thidua_exchange_fingerprint (key);
  c->offered = thidua_exchange_fingerprint (p->from_key);
  return c;
}

/* "ab12 cd34" and "AB12CD34" are the same fingerprint read aloud. */
static char *
fingerprint_squeeze (const char *text)
{
  GString *s = g_string_new (NULL);
  for (const char *c = text; c && *c; c++)
    if (g_ascii_isxdigit (*c))
      g_string_append_c (s, g_ascii_toupper (*c));
    else if (*c != ' ' && *c != '-' && *c != ':' && *c != '\t')
      g_string_append_c (s, '?');   /* never equal to a fingerprint */
  return g_string_free (s, FALSE);
}

typedef struct {
  Package    *pkg;
  const char *path;
  const char *fingerprint;
} ReplaceWork;

static gboolean
replace_key_txn (ThiduaStore *store, gpointer data, GError **error)
{
  ReplaceWork *w = data;
  sqlite3 *db = thidua_store_get_db (store);
  gint64 office_id = 0;
  guint8 key[32];
  GError *local = NULL;

  if (!pinned_key (db, w->pkg, &office_id, key, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_INVALID,
                   _("No key is pinned for “%s” yet: importing its package pins the key it is signed by."),
                   m (w->pkg, "from_name"));
      return FALSE;
    }
  if (memcmp (key, w->pkg->from_key, 32) == 0)
    return TRUE;   /* already the pinned key: nothing to replace */
  g_autofree char *offered = thidua_exchange_fingerprint (w->pkg->from_key);
  g_autofree char *want = fingerprint_squeeze (offered);
  g_autofree char *typed = fingerprint_squeeze (w->fingerprint);
  if (!g_str_equal (want, typed))
    {
      g_set_error (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_UNTRUSTED,
                   _("The fingerprint given (%s) is not that of the key the package is signed by (%s): "
                     "the pinned key of “%s” is kept."),
                   w->fingerprint, offered, m (w->pkg, "from_name"));
      return FALSE;
    }
  g_autoptr(ExStmt) keep = prepare (db,
      "INSERT INTO exchange_key_replaced (office_id, old_key, new_key, replaced) "
      "VALUES (?1, ?2, ?3, strftime ('%s','now'))", "replacing the pinned key", error);
  g_autoptr(ExStmt) upd = keep ? prepare (db,
      "UPDATE exchange_offices SET public_key = ?2, key_epoch = key_epoch + 1, pinned = strftime ('%s','now') "
      "WHERE id = ?1", "replacing the pinned key", error) : NULL;
  if (upd == NULL)
    return FALSE;
  sqlite3_bind_int64 (keep, 1, office_id);
  sqlite3_bind_blob (keep, 2, key, 32, SQLITE_TRANSIENT);
  sqlite3_bind_blob (keep, 3, w->pkg->from_key, 32, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (upd, 1, office_id);
  sqlite3_bind_blob (upd, 2, w->pkg->from_key, 32, SQLITE_TRANSIENT);
  if (sqlite3_step (keep) != SQLITE_DONE || sqlite3_step (upd) != SQLITE_DONE)
    return sql_fail (db, error, "replacing the pinned key");
  return TRUE;
}

gboolean
thidua_exchange_replace_key (ThiduaStore *store, const char *path, const char *fingerprint,
                             GError **error)
{
  g_return_val_if_fail (fingerprint != NULL, FALSE);
  /* The whole package is checked first: its signature proves the key
   * signed it, so the key pinned is the one compared by phone. */
  g_autoptr(Package) p = open_package (path, error);
  if (p == NULL)
    return FALSE;
  ReplaceWork w = { p, path, fingerprint };
  return thidua_store_transaction (store, replace_key_txn, &w, error);
}
