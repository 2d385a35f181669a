/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store.c — the SQLite database: open, migrate, plans, templates.
 *
 * The file is validated before anything is written to it, so a file that
 * is not ours, is damaged or is locked is left exactly as it was.
 */
#include "config.h"
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* F_OFD_SETLK */
#endif
#include "thidua-store.h"
#include "thidua-store-private.h"
#include "thidua-core-enums.h"
#include "thidua-store-locks.h"
#include "thidua-paths.h"
#include "thidua-text.h"
#include "thidua-legal.h"
#include "thidua-migrations.h"
#include "thidua-json.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#ifndef G_OS_WIN32
#include <unistd.h>
#else
#include <io.h>
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#define MIGRATIONS_PATH "/io/github/thidua/Thidua/migrations"
/* Another writer's short change waits up to this long; long imports commit
 * in short pieces, so 10 s is only reached when something is stuck. */
#define BUSY_TIMEOUT_MS 10000
/* The page size of a new file (existing files keep theirs).  4 kB pages
 * made a 100,000-row import write 6,500 pages at commit; 16 kB pages write
 * a quarter as many, and an autosave that rewrites a few pages still
 * writes little. */
#ifndef THIDUA_STORE_PAGE_SIZE
#define THIDUA_STORE_PAGE_SIZE 16384
#endif
/* PRAGMA application_id of a Thi Đua database: "TDUA". */
#define THIDUA_APPLICATION_ID 0x54445541

struct _ThiduaStore
{
  GObject   parent_instance;
  sqlite3  *db;
  char     *path;
  gboolean  read_only;
  int       version;
  guint     txn_depth;
  gboolean  integrity_checked;
  /* what the open transaction touched (ThiduaStoreChange bits), for "changed" */
  guint     pending_changes;
  /* the table of the last row noted (its change bit is set): a bulk
   * write's rows after the first cost one comparison */
  char      last_table[32];
  gboolean  hook_installed;
  /* plans rows the open transaction updated, for "plan-changed"; rows
   * added or removed, or more than fit, make it one "plan-changed" 0 */
  gint64    pending_plan_ids[16];
  guint     n_pending_plan_ids;
  gboolean  pending_plan_rows;
  gboolean  made_wal_files;   /* no -wal nor -shm was there at open */
  GHashTable *stage_tables;   /* owned by the connection (thidua-store-stage.c) */
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_PLAN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ThiduaStore, thidua_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (thidua-store-error-quark, thidua_store_error)

/* ---- errors --------------------------------------------------------- */

/* Maps an SQLite result to a message a secretary can act on; the file is
 * always named. */
static void
set_sqlite_error (GError    **error,
                  sqlite3    *db,
                  int         rc,
                  const char *path,
                  const char *doing)
{
  int primary = rc & 0xff;
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int sys = db ? sqlite3_system_errno (db) : 0;

  doing = _(doing);
  g_autofree char *display = g_filename_display_name (path ? path : "");

  /* SQLite reports a full disk met while growing the WAL index or syncing
   * as "disk I/O error"; the errno says what it was. */
  if (primary == SQLITE_IOERR && sys == ENOSPC)
    primary = SQLITE_FULL;
#ifdef EFBIG
  if ((primary == SQLITE_IOERR || primary == SQLITE_FULL) && sys == EFBIG)
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_FAILED,
                   _("“%s” cannot grow: the file size limit was reached while %s; "
                     "nothing was changed"), display, doing);
      return;
    }
#endif
  switch (primary)
    {
    case SQLITE_NOTADB:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Thi Đua database: it is not an SQLite file"), display);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s) while %s; it was not changed"), display, detail, doing);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_LOCKED,
                   _("“%s” is locked by another program while %s; close it there and try again"),
                   display, doing);
      break;
    case SQLITE_READONLY:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only: cannot save while %s"), display, doing);
      break;
    case SQLITE_FULL:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_FAILED,
                   _("The disk holding “%s” is full (disk full) while %s; nothing was changed"),
                   display, doing);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_FAILED,
                   _("“%s” cannot be opened (%s)"), display, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID,
                   _("A value was refused while %s in “%s”: %s"), doing, display, detail);
      break;
    default:
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_FAILED,
                   _("Error while %s in “%s”: %s"), doing, display, detail);
      break;
    }
}

gboolean
thidua_store_sql_fail (ThiduaStore *self, sqlite3 *db, int rc, const char *doing, GError **error)
{
  if (db == NULL)
    db = self->db;
  if (rc == 0)
    rc = sqlite3_extended_errcode (db);
  set_sqlite_error (error, db, rc, self->path, doing);
  return FALSE;
}

static gboolean
store_fail (ThiduaStore *self, GError **error, int rc, const char *doing)
{
  set_sqlite_error (error, self->db, rc, self->path, doing);
  return FALSE;
}

static gboolean
check_writable (ThiduaStore *self, GError **error)
{
  if (!self->read_only)
    return TRUE;
  {
    g_autofree char *display = g_filename_display_name (self->path);
    g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_READ_ONLY,
                 _("“%s” is open read-only: changes cannot be saved"), display);
  }
  return FALSE;
}

/* ---- small statement helpers ---------------------------------------- */

typedef struct {
  sqlite3_stmt *stmt;
} Stmt;

static void
stmt_clear (Stmt *s)
{
  if (s->stmt)
    sqlite3_finalize (s->stmt);
  s->stmt = NULL;
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stmt, stmt_clear)

static gboolean
prepare (ThiduaStore *self, Stmt *s, const char *sql, const char *doing, GError **error)
{
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &s->stmt, NULL);
  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, doing);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *s)
{
  sqlite3_bind_text (stmt, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static void
bind_date_part (sqlite3_stmt *stmt, int i, guint v)
{
  if (v == 0)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_int (stmt, i, (int) v);
}

static const char *
column_text (sqlite3_stmt *stmt, int i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);
  return s ? s : "";
}

static gboolean
exec (ThiduaStore *self, const char *sql, const char *doing, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return store_fail (self, error, rc, doing);
  return TRUE;
}

/* ---- change notification --------------------------------------------- */

static const struct {
  const char       *prefix;
  ThiduaStoreChange change;
} change_tables[] = {
  { "plan_targets", THIDUA_STORE_CHANGE_TARGETS },
  { "plan", THIDUA_STORE_CHANGE_PLANS },       /* plans, plan_recipients, plan_bodies */
  { "templates", THIDUA_STORE_CHANGE_TEMPLATES },
  { "office", THIDUA_STORE_CHANGE_OFFICE },
  { "units", THIDUA_STORE_CHANGE_REGISTER },
  { "people", THIDUA_STORE_CHANGE_REGISTER },
  { "registrations", THIDUA_STORE_CHANGE_REGISTER },
  { "reg_", THIDUA_STORE_CHANGE_REGISTER },
};

/* Which plans a transaction changed, so that a list of 2,000 plans
 * updates one row after an autosave instead of reading them all. */
static void
note_plan_row (ThiduaStore *self, int op, sqlite3_int64 rowid)
{
  if (op != SQLITE_UPDATE)
    {
      self->pending_plan_rows = TRUE;
      return;
    }
  for (guint i = 0; i < self->n_pending_plan_ids; i++)
    if (self->pending_plan_ids[i] == rowid)
      return;
  if (self->n_pending_plan_ids < G_N_ELEMENTS (self->pending_plan_ids))
    self->pending_plan_ids[self->n_pending_plan_ids++] = rowid;
  else
    self->pending_plan_rows = TRUE;
}

static void
store_forget_changes (ThiduaStore *self)
{
  self->pending_changes = 0;
  self->last_table[0] = '\0';
  self->n_pending_plan_ids = 0;
  self->pending_plan_rows = FALSE;
}

/* SQLite tells every row written through this connection; the bits are
 * announced once, after the outermost COMMIT. */
static void
on_sqlite_update (void *data, int op, const char *db_name, const char *table, sqlite3_int64 rowid)
{
  ThiduaStore *self = data;

  if (strcmp (db_name, "main") != 0 || strcmp (table, self->last_table) == 0)
    return;
  /* plans are noted row by row (which ones changed), never cached */
  if (strcmp (table, "plans") == 0)
    note_plan_row (self, op, rowid);
  else if (strlen (table) < sizeof self->last_table)
    strcpy (self->last_table, table);
  for (guint i = 0; i < G_N_ELEMENTS (change_tables); i++)
    if (g_str_has_prefix (table, change_tables[i].prefix))
      {
        self->pending_changes |= change_tables[i].change;
        return;
      }
}

static void
store_watch_changes (ThiduaStore *self)
{
  if (self->hook_installed)
    return;
  sqlite3_update_hook (self->db, on_sqlite_update, self);
  self->hook_installed = TRUE;
}

static void
store_emit_changes (ThiduaStore *self)
{
  guint changes = self->pending_changes;
  gint64 ids[G_N_ELEMENTS (self->pending_plan_ids)];
  guint n_ids = self->n_pending_plan_ids;
  gboolean rows = self->pending_plan_rows;

  memcpy (ids, self->pending_plan_ids, sizeof ids);
  store_forget_changes (self);
  /* a handler may write again: what is announced was copied first */
  if (rows)
    g_signal_emit (self, signals[SIGNAL_PLAN_CHANGED], 0, (gint64) 0);
  else
    for (guint i = 0; i < n_ids; i++)
      g_signal_emit (self, signals[SIGNAL_PLAN_CHANGED], 0, ids[i]);
  for (guint bit = 1; bit <= THIDUA_STORE_CHANGE_OFFICE; bit <<= 1)
    if (changes & bit)
      {
        const char *what = thidua_store_change_to_string (bit);
        g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_static_string (what), what);
      }
}

void
thidua_store_announce (ThiduaStore *self, ThiduaStoreChange changes)
{
  g_return_if_fail (THIDUA_IS_STORE (self));
  g_return_if_fail (self->txn_depth == 0);
  self->pending_changes |= changes;
  store_emit_changes (self);
}

const char *
thidua_store_change_to_string (ThiduaStoreChange change)
{
  GFlagsClass *klass = g_type_class_ref (THIDUA_TYPE_STORE_CHANGE);
  GFlagsValue *v = g_flags_get_first_value (klass, change);

  g_type_class_unref (klass);
  return v && v->value == (guint) change ? v->value_nick : NULL;
}

gint64
thidua_store_get_data_version (ThiduaStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  g_return_val_if_fail (THIDUA_IS_STORE (self), -1);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

gboolean
thidua_store_in_transaction (ThiduaStore *self)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), FALSE);
  return self->txn_depth > 0;
}

/* ---- transactions ---------------------------------------------------- */

/* Damage inside a page shows only when that page is read; before the first
 * write of a session every page is read once, so nothing is written into a
 * damaged file.  Reading alone (listing plans) stays fast. */
static gboolean
check_integrity (ThiduaStore *self, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!prepare (self, &s, "PRAGMA quick_check(1)", N_("checking the database"), error))
    return FALSE;
  rc = sqlite3_step (s.stmt);
  if (rc != SQLITE_ROW)
    return store_fail (self, error, rc, N_("checking the database"));
  if (g_strcmp0 (column_text (s.stmt, 0), "ok") != 0)
    {
      g_autofree char *display = g_filename_display_name (self->path);
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s): nothing was written to it"),
                   display, column_text (s.stmt, 0));
      return FALSE;
    }
  self->integrity_checked = TRUE;
  return TRUE;
}

/* Nested calls become savepoints so a helper that needs a transaction can
 * be called from inside another one. */
gboolean
thidua_store_transaction (ThiduaStore *self, ThiduaStoreTxnFunc func,
                          gpointer data, GError **error)
{
  g_autofree char *name = NULL;
  gboolean ok;

  g_return_val_if_fail (THIDUA_IS_STORE (self), FALSE);
  if (!check_writable (self, error))
    return FALSE;

  if (!self->integrity_checked && !check_integrity (self, error))
    return FALSE;

  name = g_strdup_printf ("thidua_%u", self->txn_depth);
  if (self->txn_depth == 0)
    {
      store_watch_changes (self);
      if (!exec (self, "BEGIN IMMEDIATE", N_("starting a change"), error))
        return FALSE;
      store_forget_changes (self);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("SAVEPOINT %s", name);
      if (!exec (self, sql, N_("starting a change"), error))
        return FALSE;
    }

  self->txn_depth++;
  ok = func (self, data, error);
  self->txn_depth--;

  if (self->txn_depth == 0)
    {
      if (ok)
        {
          int rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
          if (rc == SQLITE_OK)
            {
              store_emit_changes (self);
              return TRUE;
            }
          ok = store_fail (self, error, rc, N_("saving"));
        }
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      store_forget_changes (self);
      return ok;
    }
  else
    {
      g_autofree char *sql = ok ? g_strdup_printf ("RELEASE %s", name)
                                : g_strdup_printf ("ROLLBACK TO %s; RELEASE %s", name, name);
      if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK && ok)
        return store_fail (self, error, sqlite3_errcode (self->db), N_("saving"));
      return ok;
    }
}

/* ---- migrations ------------------------------------------------------ */

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The migration files, ordered by name. */
static GStrv
migration_names (void)
{
  g_auto(GStrv) names = g_resource_enumerate_children (thidua_migrations_get_resource (),
                                                       MIGRATIONS_PATH, 0, NULL);
  g_autoptr(GPtrArray) sql = g_ptr_array_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sql, g_strdup (names[i]));
  g_ptr_array_sort (sql, compare_strings);
  g_ptr_array_add (sql, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&sql), FALSE);
}

int
thidua_store_latest_version (void)
{
  g_auto(GStrv) names = migration_names ();
  return (int) g_strv_length (names);
}

typedef struct {
  const char *name;
  int         to_version;
  GStrv       names;
  int         done;        /* the version the file is at after the step */
} MigrationStep;

static gboolean read_version_now (ThiduaStore *self, int *version, GError **error);

static gboolean
apply_migration (ThiduaStore *self, gpointer data, GError **error)
{
  MigrationStep *step = data;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *doing = NULL;
  g_autofree char *set_version = NULL;
  int now;

  /* Read under BEGIN IMMEDIATE: another process may have upgraded the
   * file since it was opened here (two "new" at once on a new file). */
  if (!read_version_now (self, &now, error))
    return FALSE;
  step->done = now;
  if (now >= step->to_version)
    return TRUE;
  step->name = step->names[now];
  step->done = step->to_version = now + 1;
  path = g_build_path ("/", MIGRATIONS_PATH, step->name, NULL);
  bytes = g_resource_lookup_data (thidua_migrations_get_resource (), path, 0, error);
  doing = g_strdup_printf (_("upgrading to schema %d (%s)"), step->to_version, step->name);
  set_version = g_strdup_printf ("PRAGMA user_version = %d", step->to_version);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return exec (self, sql, doing, error) && exec (self, set_version, doing, error);
}

static char *
plan_search_key (ThiduaPlan *plan)
{
  g_autofree char *joined = NULL;
  g_autofree char *year = plan ? g_strdup_printf ("%u", thidua_plan_get_year (plan)) : NULL;

  joined = g_strjoin (" ",
                      thidua_plan_get_number (plan), thidua_plan_get_symbol (plan),
                      thidua_plan_get_type_name (plan), thidua_plan_get_subject (plan),
                      thidua_plan_get_superior_body (plan), thidua_plan_get_issuing_body (plan),
                      thidua_plan_get_place (plan), thidua_plan_get_signer_position (plan),
                      thidua_plan_get_signer_name (plan),
                      thidua_plan_get_year (plan) ? year : "",
                      NULL);
  return thidua_text_fold (joined);
}

/* Derived columns SQL cannot compute: search keys of rows that have none. */
static gboolean
fill_search_keys (ThiduaStore *self, gpointer data, GError **error)
{
  g_auto(Stmt) sel = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (!prepare (self, &sel, "SELECT id FROM plans WHERE search_key = ''", N_("indexing plans"), error))
    return FALSE;
  while ((rc = sqlite3_step (sel.stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (sel.stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("indexing plans"));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (self, id, error);
      g_autofree char *key = NULL;
      g_auto(Stmt) upd = { 0 };

      if (plan == NULL)
        return FALSE;
      key = plan_search_key (plan);
      if (!prepare (self, &upd, "UPDATE plans SET search_key = ?1 WHERE id = ?2", N_("indexing plans"), error))
        return FALSE;
      bind_text (upd.stmt, 1, key);
      sqlite3_bind_int64 (upd.stmt, 2, id);
      if ((rc = sqlite3_step (upd.stmt)) != SQLITE_DONE)
        return store_fail (self, error, rc, N_("indexing plans"));
    }
  return TRUE;
}

/* Read before any write: opening stays a read when nothing changed. */
static gboolean
text_keys_current (ThiduaStore *self)
{
  g_auto(Stmt) ver = { 0 };

  if (sqlite3_prepare_v2 (self->db, "SELECT version FROM text_keys", -1, &ver.stmt, NULL) != SQLITE_OK)
    return TRUE;   /* no table: nothing to compare; the open goes on */
  return sqlite3_step (ver.stmt) == SQLITE_ROW
         && sqlite3_column_int (ver.stmt, 0) == THIDUA_TEXT_KEY_VERSION;
}

/* Keys computed by an older folding or collation are recomputed once:
 * search would miss people and sorting would be wrong, silently. */
static gboolean
refresh_text_keys (ThiduaStore *self, gpointer data, GError **error)
{
  g_auto(Stmt) ver = { 0 };
  g_auto(Stmt) sel = { 0 };
  g_auto(Stmt) upd = { 0 };
  int rc;

  if (!prepare (self, &ver, "SELECT version FROM text_keys", N_("indexing names"), error))
    return FALSE;
  if ((rc = sqlite3_step (ver.stmt)) == SQLITE_ROW
      && sqlite3_column_int (ver.stmt, 0) == THIDUA_TEXT_KEY_VERSION)
    return TRUE;

  if (!exec (self, "UPDATE plans SET search_key = ''", N_("indexing plans"), error)
      || !fill_search_keys (self, NULL, error))
    return FALSE;

  if (!prepare (self, &sel, "SELECT id, name FROM units", N_("indexing names"), error)
      || !prepare (self, &upd, "UPDATE units SET name_key = ?1, sort_key = ?2 WHERE id = ?3",
                   N_("indexing names"), error))
    return FALSE;
  while ((rc = sqlite3_step (sel.stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (sel.stmt, 1);
      g_autofree char *key = thidua_text_fold (name);
      g_autofree char *sort_key = thidua_text_collate_key (name);

      sqlite3_reset (upd.stmt);
      bind_text (upd.stmt, 1, key);
      bind_text (upd.stmt, 2, sort_key);
      sqlite3_bind_int64 (upd.stmt, 3, sqlite3_column_int64 (sel.stmt, 0));
      if ((rc = sqlite3_step (upd.stmt)) != SQLITE_DONE)
        return store_fail (self, error, rc, N_("indexing names"));
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("indexing names"));

  stmt_clear (&sel);
  stmt_clear (&upd);
  if (!prepare (self, &sel, "SELECT id, family_name, middle_name, given_name FROM people",
                N_("indexing names"), error)
      || !prepare (self, &upd, "UPDATE people SET name_key = ?1, sort_key = ?2 WHERE id = ?3",
                   N_("indexing names"), error))
    return FALSE;
  while ((rc = sqlite3_step (sel.stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) full = g_string_new (NULL);
      g_autofree char *key = NULL;
      g_autofree char *sort_key = NULL;

      /* family, middle and given name, as the register joins them */
      for (int c = 1; c <= 3; c++)
        {
          const char *part = (const char *) sqlite3_column_text (sel.stmt, c);

          if (part == NULL || *part == '\0')
            continue;
          if (full->len > 0)
            g_string_append_c (full, ' ');
          g_string_append (full, part);
        }
      key = thidua_text_fold (full->str);
      sort_key = thidua_text_person_sort_key (full->str);
      sqlite3_reset (upd.stmt);
      bind_text (upd.stmt, 1, key);
      bind_text (upd.stmt, 2, sort_key);
      sqlite3_bind_int64 (upd.stmt, 3, sqlite3_column_int64 (sel.stmt, 0));
      if ((rc = sqlite3_step (upd.stmt)) != SQLITE_DONE)
        return store_fail (self, error, rc, N_("indexing names"));
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("indexing names"));

  stmt_clear (&upd);
  if (!prepare (self, &upd, "UPDATE text_keys SET version = ?1", N_("indexing names"), error))
    return FALSE;
  sqlite3_bind_int (upd.stmt, 1, THIDUA_TEXT_KEY_VERSION);
  if ((rc = sqlite3_step (upd.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("indexing names"));
  return TRUE;
}

static gboolean
migrate (ThiduaStore *self, int target, GError **error)
{
  g_auto(GStrv) names = migration_names ();
  int from = self->version;

  while (self->version < target)
    {
      MigrationStep step = { NULL, self->version + 1, names, self->version };
      if (!thidua_store_transaction (self, apply_migration, &step, error))
        return FALSE;
      /* another process may have gone further meanwhile */
      if (step.done <= self->version)
        break;
      self->version = step.done;
    }
  /* Reads plans with today's queries, so only once the schema is current. */
  if (from < target && target == thidua_store_latest_version ())
    return thidua_store_transaction (self, fill_search_keys, NULL, error);
  return TRUE;
}

/* ---- templates -------------------------------------------------------- */

void
thidua_template_info_free (ThiduaTemplateInfo *t)
{
  if (t == NULL)
    return;
  g_free (t->name);
  g_free (t->title);
  g_free (t->profile);
  g_free (t);
}

/* A template file: {"name": …, "title": …, "plan": { plan JSON }}. */
static gboolean
seed_one_template (ThiduaStore *self, const char *file, GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autofree char *plan_json = NULL;
  g_auto(Stmt) ins = { 0 };
  JsonObject *obj;
  const char *name, *title;
  int rc;

  if ((root = thidua_json_load_file (file, error)) == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  obj = json_node_get_object (root);
  name = json_object_get_string_member_with_default (obj, "name", NULL);
  title = json_object_get_string_member_with_default (obj, "title", NULL);
  if (name == NULL || title == NULL || !json_object_has_member (obj, "plan"))
    goto bad;
  plan = thidua_plan_new_from_json_node (json_object_get_member (obj, "plan"), error);
  if (plan == NULL)
    {
      g_prefix_error (error, _("Template “%s”: "), file);
      return FALSE;
    }
  plan_json = thidua_plan_to_json (plan, FALSE);

  if (!prepare (self, &ins, "INSERT OR IGNORE INTO templates (name, title, profile, plan) "
                            "VALUES (?1, ?2, ?3, ?4)", N_("adding templates"), error))
    return FALSE;
  bind_text (ins.stmt, 1, name);
  {
    g_autofree char *nfc_title = thidua_text_nfc (title, -1);
    bind_text (ins.stmt, 2, nfc_title);
  }
  bind_text (ins.stmt, 3, thidua_profile_kind_to_string (thidua_plan_get_profile (plan)));
  bind_text (ins.stmt, 4, plan_json);
  if ((rc = sqlite3_step (ins.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("adding templates"));
  return TRUE;

bad:
  g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID,
               _("Template “%s” needs “name”, “title” and “plan”"), file);
  return FALSE;
}

static gboolean
seed_templates (ThiduaStore *self, gpointer data, GError **error)
{
  g_autofree char *dir_path = thidua_paths_find_data ("templates", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *entry;

  if (dir == NULL)
    {
      g_prefix_error (error, _("Built-in templates not found: "));
      return FALSE;
    }
  while ((entry = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (files, g_build_filename (dir_path, entry, NULL));
  g_ptr_array_sort (files, compare_strings);

  for (guint i = 0; i < files->len; i++)
    if (!seed_one_template (self, g_ptr_array_index (files, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
templates_empty (ThiduaStore *self, gboolean *empty, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!prepare (self, &s, "SELECT count(*) FROM templates", N_("reading templates"), error))
    return FALSE;
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_ROW)
    return store_fail (self, error, rc, N_("reading templates"));
  *empty = sqlite3_column_int (s.stmt, 0) == 0;
  return TRUE;
}

GPtrArray *
thidua_store_list_templates (ThiduaStore *self, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_template_info_free);
  g_auto(Stmt) s = { 0 };
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  if (!prepare (self, &s, "SELECT name, title, profile FROM templates ORDER BY rowid",
                N_("reading templates"), error))
    return NULL;
  while ((rc = sqlite3_step (s.stmt)) == SQLITE_ROW)
    {
      ThiduaTemplateInfo *t = g_new0 (ThiduaTemplateInfo, 1);
      t->name = g_strdup (column_text (s.stmt, 0));
      t->title = g_strdup (column_text (s.stmt, 1));
      t->profile = g_strdup (column_text (s.stmt, 2));
      g_ptr_array_add (out, t);
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("reading templates")), NULL;
  return g_steal_pointer (&out);
}

/* Templates cite legal texts as "{{van-ban:NUMBER}}": a new plan gets the
 * text in force today along NUMBER's "replaced by" chain, so templates stay
 * current without editing each one (thidua-legal.h). */
static ThiduaPlan *
resolve_legal_placeholders (ThiduaPlan *plan, GError **error)
{
  g_autoptr(ThiduaLegalTable) legal = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *body = NULL;
  GDate today;

  if (plan == NULL || strstr (thidua_plan_get_body (plan), "{{van-ban:") == NULL)
    return plan;
  legal = thidua_legal_table_new_default (error);
  if (legal == NULL)
    {
      g_object_unref (plan);
      return NULL;
    }
  now = g_date_time_new_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  body = thidua_legal_resolve_placeholders (legal, thidua_plan_get_body (plan), &today);
  thidua_plan_set_body (plan, body);
  return plan;
}

ThiduaPlan *
thidua_store_plan_from_template (ThiduaStore *self, const char *name, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  if (name == NULL)
    name = "blank-state";
  if (!prepare (self, &s, "SELECT plan FROM templates WHERE name = ?1", N_("reading templates"), error))
    return NULL;
  bind_text (s.stmt, 1, name);
  rc = sqlite3_step (s.stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND,
                   _("There is no template named “%s”"), name);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return store_fail (self, error, rc, N_("reading templates")), NULL;
  return resolve_legal_placeholders (thidua_plan_new_from_json (column_text (s.stmt, 0), -1, error),
                                     error);
}

gint64
thidua_store_new_plan (ThiduaStore *self, const char *template_name, GError **error)
{
  g_autoptr(ThiduaPlan) plan = thidua_store_plan_from_template (self, template_name, error);

  if (plan == NULL)
    return 0;
  return thidua_store_insert_plan (self, plan, error);
}

/* ---- opening ----------------------------------------------------------- */

char *
thidua_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "thidua", "thidua.db", NULL);
}

/* A file whose permission bits allow nobody to write is treated as
 * read-only even for an administrator, who could otherwise write it. */
static gboolean
file_is_read_only (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
#ifdef G_OS_WIN32
  return (st.st_mode & _S_IWRITE) == 0;
#else
  return (st.st_mode & 0222) == 0;
#endif
}

static gboolean
read_version_now (ThiduaStore *self, int *version, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!prepare (self, &s, "PRAGMA user_version", N_("opening"), error))
    return FALSE;
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_ROW)
    return store_fail (self, error, rc, N_("opening"));
  *version = sqlite3_column_int (s.stmt, 0);
  return TRUE;
}

static gboolean
read_user_version (ThiduaStore *self, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  /* The first real read: a foreign or damaged file fails here, before
   * anything has been written to it. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &s.stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (s.stmt);
  if (rc != SQLITE_ROW)
    return store_fail (self, error, rc != SQLITE_OK ? rc : sqlite3_errcode (self->db),
                       N_("opening"));
  stmt_clear (&s);

  if (!prepare (self, &s, "PRAGMA user_version", N_("opening"), error))
    return FALSE;
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_ROW)
    return store_fail (self, error, rc, N_("opening"));
  self->version = sqlite3_column_int (s.stmt, 0);
  return TRUE;
}

/* Reads every page of the plan tables once, so damage inside them is found
 * at open rather than in the middle of an edit. */
static gboolean
probe_tables (ThiduaStore *self, GError **error)
{
  static const char *probes[] = {
    "SELECT count(*) FROM plans",
    "SELECT count(*) FROM plan_recipients",
    "SELECT count(*) FROM plan_bodies",
    "SELECT count(*) FROM templates",
  };
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_auto(Stmt) s = { 0 };
      int rc;
      if (!prepare (self, &s, probes[i], N_("checking the database"), error))
        return FALSE;
      if ((rc = sqlite3_step (s.stmt)) != SQLITE_ROW)
        return store_fail (self, error, rc, N_("checking the database"));
    }
  return TRUE;
}

static gboolean
journal_is_wal (ThiduaStore *self)
{
  g_auto(Stmt) s = { 0 };

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &s.stmt, NULL) != SQLITE_OK ||
      sqlite3_step (s.stmt) != SQLITE_ROW)
    return FALSE;
  return g_ascii_strcasecmp (column_text (s.stmt, 0), "wal") == 0;
}

/* Whose file is this?  Ours carry our application id; an empty file is
 * new; anything else belongs to another program and is left alone. */
static gboolean
identify (ThiduaStore *self, gboolean *stamp, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc, app_id, n_tables, n_ours;

  if (!prepare (self, &s, "SELECT (SELECT application_id FROM pragma_application_id), "
                          "(SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                          " AND name NOT LIKE 'sqlite!_%' ESCAPE '!'), "
                          "(SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                          " AND name IN ('plans', 'templates'))",
                N_("opening"), error))
    return FALSE;
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_ROW)
    return store_fail (self, error, rc, N_("opening"));
  app_id = sqlite3_column_int (s.stmt, 0);
  n_tables = sqlite3_column_int (s.stmt, 1);
  n_ours = sqlite3_column_int (s.stmt, 2);

  *stamp = app_id != THIDUA_APPLICATION_ID;
  if (app_id == THIDUA_APPLICATION_ID)
    return TRUE;
  if (app_id == 0 && self->version == 0 && n_tables == 0)
    return TRUE;                       /* new (or empty) */
  if (app_id == 0 && self->version > 0 && n_ours == 2)
    return TRUE;                       /* made before the id was stamped */
  {
    g_autofree char *display = g_filename_display_name (self->path);
    g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_DATABASE,
                 _("“%s” is a database of another program, not a Thi Đua database: "
                   "it was not changed"), display);
  }
  return FALSE;
}

/* SQLite makes a -wal and a -shm beside a WAL database even for a
 * read-only connection, and only a connection that can write removes them
 * at close.  Those this store made are removed once it is closed, when
 * nobody else has the database open: the lock SQLite's connections hold
 * on the -shm (its "DMS" byte, 128) can be taken, and the -wal is empty. */
static void
remove_unused_wal_files (const char *path)
{
#ifndef G_OS_WIN32
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  struct flock fl = { 0 };
  GStatBuf st;
  int fd;

  if (g_lstat (wal, &st) == 0 && (!S_ISREG (st.st_mode) || st.st_size != 0))
    return;
  if ((fd = g_open (shm, O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0)) < 0)
    {
      if (errno == ENOENT)
        g_remove (wal);
      return;
    }
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 128;
  fl.l_len = 1;
  /* An open-file-description lock conflicts with SQLite's locks in this
   * process too (another connection here), where a plain one would not. */
#ifdef F_OFD_SETLK
  if (fcntl (fd, F_OFD_SETLK, &fl) == 0
#else
  if (fcntl (fd, F_SETLK, &fl) == 0
#endif
      && (g_lstat (wal, &st) != 0 || st.st_size == 0))
    {
      g_remove (wal);
      g_remove (shm);
    }
  close (fd);
#else
  (void) path;
#endif
}

/* Only once the file is known to be ours do we write to it.  Switching to
 * WAL rewrites the header, so a file not yet in WAL mode is checked first. */
static gboolean
switch_to_wal (ThiduaStore *self, gboolean stamp, GError **error)
{
  if (!journal_is_wal (self) && !check_integrity (self, error))
    return FALSE;
  /* only a new, empty file: the page size is fixed by its first write,
   * which the switch to WAL below is */
  if (stamp && self->version == 0
      && !exec (self, "PRAGMA page_size = " G_STRINGIFY (THIDUA_STORE_PAGE_SIZE), N_("opening"), error))
    return FALSE;
  if (!exec (self, "PRAGMA journal_mode = WAL", N_("opening"), error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", N_("opening"), error))
    return FALSE;
  if (stamp)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d", THIDUA_APPLICATION_ID);
      if (!exec (self, sql, N_("opening"), error))
        return FALSE;
    }
  return TRUE;
}

ThiduaStore *
thidua_store_open_at_version (const char            *path,
                              ThiduaStoreOpenFlags   flags,
                              int                    version,
                              GError               **error)
{
  g_autoptr(ThiduaStore) self = NULL;
  gboolean exists, stamp = FALSE;
  int latest = thidua_store_latest_version ();
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= latest, NULL);

  self = g_object_new (THIDUA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  exists = g_file_test (path, G_FILE_TEST_EXISTS);

  if (exists && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Thi Đua database: it is not a regular file"), display);
      return NULL;
    }

  self->read_only = (flags & THIDUA_STORE_OPEN_READ_ONLY) != 0 ||
                    (exists && file_is_read_only (path));

  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (self->read_only)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND,
                       _("“%s” does not exist"), display);
          return NULL;
        }
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (dir);
          g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_FAILED,
                       _("Cannot create the folder “%s”: %s"), display, g_strerror (saved));
          return NULL;
        }
    }

  /* before any open: SQLite's locks must survive GTK sniffing the file */
  thidua_store_locks_init ();
  /* It holds names and birth years: only its owner may read it.  SQLite
   * gives the -wal and -shm files the mode of the database file. */
  if (!exists)
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        close (fd);
    }

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    self->made_wal_files = !g_file_test (wal, G_FILE_TEST_EXISTS)
                           && !g_file_test (shm, G_FILE_TEST_EXISTS);
  }
  rc = sqlite3_open_v2 (path, &self->db,
                        self->read_only ? SQLITE_OPEN_READONLY
                                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc, path, N_("opening"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* Sorts, migrations' table copies and index builds in memory, not in
   * files under /var/tmp (four of them for a new file's migrations). */
  sqlite3_exec (self->db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  if ((self->stage_tables = thidua_store_stage_register (self->db)) == NULL)
    {
      set_sqlite_error (error, self->db, SQLITE_NOMEM, path, N_("opening"));
      return NULL;
    }

  /* Two processes opening a new file at once: switching to WAL needs a
   * lock that SQLite does not wait for (it would deadlock), so the opening
   * steps are tried again for as long as the busy timeout. */
  {
    gint64 give_up = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;
    g_autoptr(GError) busy = NULL;

    while (!read_user_version (self, &busy) || !identify (self, &stamp, &busy)
           || (!self->read_only && !switch_to_wal (self, stamp, &busy)))
      {
        if (!g_error_matches (busy, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_LOCKED)
            || g_get_monotonic_time () > give_up)
          {
            g_propagate_error (error, g_steal_pointer (&busy));
            return NULL;
          }
        g_clear_error (&busy);
        g_usleep (20000);
      }
  }

  if (self->version > latest)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Thi Đua (schema %d; this version knows %d): "
                     "it was not changed"), display, self->version, latest);
      return NULL;
    }

  if (!exec (self, "PRAGMA foreign_keys = ON", N_("opening"), error))
    return NULL;

  if (self->read_only)
    {
      if (self->version == 0)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_READ_ONLY,
                       _("“%s” is empty and read-only: there is nothing to read"), display);
          return NULL;
        }
      if (self->version < version)
        {
          g_autofree char *display = g_filename_display_name (path);
          g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_READ_ONLY,
                       _("“%s” is read-only and was written by an older Thi Đua: "
                         "it must be upgraded, which needs write access"), display);
          return NULL;
        }
    }
  else
    {
      if (!migrate (self, version, error))
        return NULL;
    }

  if (self->version == latest && !(flags & THIDUA_STORE_OPEN_NO_PROBE)
      && !probe_tables (self, error))
    return NULL;

  /* A key that cannot be redone (two names now folding alike) leaves the
   * old keys and the data as they were: the file still opens. */
  if (!self->read_only && self->version == latest && !text_keys_current (self))
    {
      g_autoptr(GError) keys_error = NULL;

      if (!thidua_store_transaction (self, refresh_text_keys, NULL, &keys_error))
        g_info ("%s: the stored search keys were kept: %s", path, keys_error->message);
    }

  if (!self->read_only && self->version >= 1 && !(flags & THIDUA_STORE_OPEN_NO_SEED))
    {
      gboolean empty = FALSE;
      if (!templates_empty (self, &empty, error))
        return NULL;
      if (empty && !thidua_store_transaction (self, seed_templates, NULL, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

ThiduaStore *
thidua_store_open (const char *path, ThiduaStoreOpenFlags flags, GError **error)
{
  return thidua_store_open_at_version (path, flags, thidua_store_latest_version (), error);
}

const char *
thidua_store_get_path (ThiduaStore *self)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  return self->path;
}

ThiduaStore *
thidua_store_open_writer (ThiduaStore *self, ThiduaStoreOpenFlags flags, GError **error)
{
  g_autoptr(ThiduaStore) own = NULL;

  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  if (!check_writable (self, error))
    return NULL;
  own = thidua_store_open (self->path, flags | THIDUA_STORE_OPEN_NO_SEED, error);
  if (own == NULL)
    return NULL;
  /* 100,000 rows touch more pages than the default cache holds */
  if (!exec (own, "PRAGMA main.cache_size = -65536; "
             "PRAGMA temp.cache_size = -65536", N_("opening"), error))
    return NULL;
  return g_steal_pointer (&own);
}

gboolean
thidua_store_is_read_only (ThiduaStore *self)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), TRUE);
  return self->read_only;
}

int
thidua_store_get_schema_version (ThiduaStore *self)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), 0);
  return self->version;
}

ThiduaStageTable *
thidua_store_get_stage_table (ThiduaStore *self, const char *name)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->stage_tables, name);
}

sqlite3 *
thidua_store_get_db (ThiduaStore *self)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  return self->db;
}

/* ---- plans ------------------------------------------------------------ */

void
thidua_plan_summary_free (ThiduaPlanSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->status);
  g_free (s->number);
  g_free (s->symbol);
  g_free (s->subject);
  g_free (s->issuing_body);
  g_free (s->profile);
  g_free (s);
}

static GPtrArray *query_plans (ThiduaStore *self, const char *search, gint64 id, GError **error);

GPtrArray *
thidua_store_list_plans (ThiduaStore *self, const char *search, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  return query_plans (self, search, 0, error);
}

ThiduaPlanSummary *
thidua_store_get_plan_summary (ThiduaStore *self, gint64 id, const char *search, GError **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  g_return_val_if_fail (id > 0, NULL);
  found = query_plans (self, search, id, error);
  if (found == NULL || found->len == 0)
    return NULL;
  return g_ptr_array_steal_index (found, 0);
}

/* id 0: every plan matching search; else that one plan, if it matches. */
static GPtrArray *
query_plans (ThiduaStore *self, const char *search, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_plan_summary_free);
  g_autoptr(GString) sql = g_string_new ("SELECT id, status, day, month, year, number, symbol, "
                                         "subject, issuing_body, profile, modified FROM plans");
  g_autofree char *folded = thidua_text_fold (search);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_auto(Stmt) s = { 0 };
  guint n_words = 0;
  int rc;

  /* instr() compares bytes, which is exact on folded UTF-8 keys. */
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        n_words++;
        g_string_append_printf (sql, "%s instr(search_key, ?%u) > 0",
                                n_words == 1 ? " WHERE" : " AND", n_words);
      }
  if (id != 0)
    g_string_append_printf (sql, "%s id = %" G_GINT64_FORMAT, n_words == 0 ? " WHERE" : " AND", id);
  g_string_append (sql, " ORDER BY year DESC, month DESC, day DESC, id DESC");

  if (!prepare (self, &s, sql->str, N_("listing plans"), error))
    return NULL;
  n_words = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      bind_text (s.stmt, ++n_words, words[i]);

  while ((rc = sqlite3_step (s.stmt)) == SQLITE_ROW)
    {
      ThiduaPlanSummary *p = g_new0 (ThiduaPlanSummary, 1);
      p->id = sqlite3_column_int64 (s.stmt, 0);
      p->status = g_strdup (column_text (s.stmt, 1));
      p->day = sqlite3_column_int (s.stmt, 2);
      p->month = sqlite3_column_int (s.stmt, 3);
      p->year = sqlite3_column_int (s.stmt, 4);
      p->number = g_strdup (column_text (s.stmt, 5));
      p->symbol = g_strdup (column_text (s.stmt, 6));
      p->subject = g_strdup (column_text (s.stmt, 7));
      p->issuing_body = g_strdup (column_text (s.stmt, 8));
      p->profile = g_strdup (column_text (s.stmt, 9));
      p->modified = sqlite3_column_int64 (s.stmt, 10);
      g_ptr_array_add (out, p);
    }
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("listing plans")), NULL;
  return g_steal_pointer (&out);
}

static gboolean
load_recipients (ThiduaStore *self, ThiduaPlan *plan, GError **error)
{
  g_auto(Stmt) s = { 0 };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!prepare (self, &s, "SELECT line FROM plan_recipients WHERE plan_id = ?1 ORDER BY position",
                N_("reading a plan"), error))
    return FALSE;
  sqlite3_bind_int64 (s.stmt, 1, thidua_plan_get_id (plan));
  while ((rc = sqlite3_step (s.stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup (column_text (s.stmt, 0)));
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("reading a plan"));
  g_ptr_array_add (lines, NULL);
  thidua_plan_set_recipients (plan, (const char * const *) lines->pdata);
  return TRUE;
}

/* The body lives in plan_bodies (schema 3) so that listing plans never
 * reads it. */
#define PLAN_COLUMNS \
  "profile, superior_body, issuing_body, number, symbol, place, day, month, year, " \
  "type_name, subject, signer_authority, signer_on_behalf_of, signer_position, " \
  "signer_name, status"

ThiduaPlan *
thidua_store_load_plan (ThiduaStore *self, gint64 id, GError **error)
{
  g_autoptr(ThiduaPlan) plan = NULL;
  g_auto(Stmt) s = { 0 };
  ThiduaProfileKind kind = THIDUA_PROFILE_STATE;
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  if (!prepare (self, &s, "SELECT " PLAN_COLUMNS ", created, modified, "
                          "(SELECT body FROM plan_bodies WHERE plan_id = plans.id) "
                          "FROM plans WHERE id = ?1",
                N_("reading a plan"), error))
    return NULL;
  sqlite3_bind_int64 (s.stmt, 1, id);
  rc = sqlite3_step (s.stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with ID %lld"), (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    return store_fail (self, error, rc, N_("reading a plan")), NULL;

  plan = thidua_plan_new ();
  thidua_plan_set_id (plan, id);
  thidua_profile_kind_from_string (column_text (s.stmt, 0), &kind);
  thidua_plan_set_profile (plan, kind);
  thidua_plan_set_superior_body (plan, column_text (s.stmt, 1));
  thidua_plan_set_issuing_body (plan, column_text (s.stmt, 2));
  thidua_plan_set_number (plan, column_text (s.stmt, 3));
  thidua_plan_set_symbol (plan, column_text (s.stmt, 4));
  thidua_plan_set_place (plan, column_text (s.stmt, 5));
  thidua_plan_set_date (plan, sqlite3_column_int (s.stmt, 6), sqlite3_column_int (s.stmt, 7),
                        sqlite3_column_int (s.stmt, 8));
  thidua_plan_set_type_name (plan, column_text (s.stmt, 9));
  thidua_plan_set_subject (plan, column_text (s.stmt, 10));
  thidua_plan_set_signer_authority (plan, column_text (s.stmt, 11));
  thidua_plan_set_signer_on_behalf_of (plan, column_text (s.stmt, 12));
  thidua_plan_set_signer_position (plan, column_text (s.stmt, 13));
  thidua_plan_set_signer_name (plan, column_text (s.stmt, 14));
  thidua_plan_set_status (plan, column_text (s.stmt, 15));
  thidua_plan_set_times (plan, sqlite3_column_int64 (s.stmt, 16), sqlite3_column_int64 (s.stmt, 17));
  thidua_plan_set_body (plan, column_text (s.stmt, 18));

  if (!load_recipients (self, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/* Binds the model's columns as ?1 … ?16 (the order of PLAN_COLUMNS). */
static void
bind_plan (sqlite3_stmt *stmt, ThiduaPlan *plan)
{
  bind_text (stmt, 1, thidua_profile_kind_to_string (thidua_plan_get_profile (plan)));
  bind_text (stmt, 2, thidua_plan_get_superior_body (plan));
  bind_text (stmt, 3, thidua_plan_get_issuing_body (plan));
  bind_text (stmt, 4, thidua_plan_get_number (plan));
  bind_text (stmt, 5, thidua_plan_get_symbol (plan));
  bind_text (stmt, 6, thidua_plan_get_place (plan));
  bind_date_part (stmt, 7, thidua_plan_get_day (plan));
  bind_date_part (stmt, 8, thidua_plan_get_month (plan));
  bind_date_part (stmt, 9, thidua_plan_get_year (plan));
  bind_text (stmt, 10, thidua_plan_get_type_name (plan));
  bind_text (stmt, 11, thidua_plan_get_subject (plan));
  bind_text (stmt, 12, thidua_plan_get_signer_authority (plan));
  bind_text (stmt, 13, thidua_plan_get_signer_on_behalf_of (plan));
  bind_text (stmt, 14, thidua_plan_get_signer_position (plan));
  bind_text (stmt, 15, thidua_plan_get_signer_name (plan));
  bind_text (stmt, 16, thidua_plan_get_status (plan));
}

static gboolean
validate_plan (ThiduaPlan *plan, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!thidua_plan_check_date (thidua_plan_get_day (plan), thidua_plan_get_month (plan),
                               thidua_plan_get_year (plan), &local))
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID,
                   _("The plan's date is impossible: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_body (ThiduaStore *self, ThiduaPlan *plan, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!prepare (self, &s, "INSERT OR REPLACE INTO plan_bodies (plan_id, body) VALUES (?1, ?2)",
                N_("saving a plan"), error))
    return FALSE;
  sqlite3_bind_int64 (s.stmt, 1, thidua_plan_get_id (plan));
  bind_text (s.stmt, 2, thidua_plan_get_body (plan));
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("saving a plan"));
  return TRUE;
}

static gboolean
save_recipients (ThiduaStore *self, ThiduaPlan *plan, GError **error)
{
  const char * const *lines = thidua_plan_get_recipients (plan);
  g_auto(Stmt) del = { 0 };
  g_auto(Stmt) ins = { 0 };
  int rc;

  if (!prepare (self, &del, "DELETE FROM plan_recipients WHERE plan_id = ?1", N_("saving a plan"), error) ||
      !prepare (self, &ins, "INSERT INTO plan_recipients (plan_id, position, line) VALUES (?1, ?2, ?3)",
                N_("saving a plan"), error))
    return FALSE;
  sqlite3_bind_int64 (del.stmt, 1, thidua_plan_get_id (plan));
  if ((rc = sqlite3_step (del.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("saving a plan"));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      sqlite3_reset (ins.stmt);
      sqlite3_bind_int64 (ins.stmt, 1, thidua_plan_get_id (plan));
      sqlite3_bind_int (ins.stmt, 2, (int) i);
      bind_text (ins.stmt, 3, lines[i]);
      if ((rc = sqlite3_step (ins.stmt)) != SQLITE_DONE)
        return store_fail (self, error, rc, N_("saving a plan"));
    }
  return TRUE;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
insert_txn (ThiduaStore *self, gpointer data, GError **error)
{
  ThiduaPlan *plan = data;
  g_auto(Stmt) s = { 0 };
  g_autofree char *key = plan_search_key (plan);
  gint64 now = now_seconds ();
  int rc;

  if (!prepare (self, &s, "INSERT INTO plans (" PLAN_COLUMNS ", search_key, created, modified) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?18)",
                N_("adding a plan"), error))
    return FALSE;
  bind_plan (s.stmt, plan);
  bind_text (s.stmt, 17, key);
  sqlite3_bind_int64 (s.stmt, 18, now);
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("adding a plan"));
  thidua_plan_set_id (plan, sqlite3_last_insert_rowid (self->db));
  thidua_plan_set_times (plan, now, now);
  return save_body (self, plan, error) && save_recipients (self, plan, error);
}

gint64
thidua_store_insert_plan (ThiduaStore *self, ThiduaPlan *plan, GError **error)
{
  g_autoptr(ThiduaPlan) work = NULL;

  g_return_val_if_fail (THIDUA_IS_STORE (self), 0);
  g_return_val_if_fail (THIDUA_IS_PLAN (plan), 0);
  if (!validate_plan (plan, error))
    return 0;

  /* Work on a copy so a failed insert leaves the caller's plan as it was. */
  work = thidua_plan_copy (plan);
  if (!thidua_store_transaction (self, insert_txn, work, error))
    return 0;
  thidua_plan_set_id (plan, thidua_plan_get_id (work));
  thidua_plan_set_times (plan, thidua_plan_get_created (work), thidua_plan_get_modified (work));
  return thidua_plan_get_id (plan);
}

static gboolean
update_txn (ThiduaStore *self, gpointer data, GError **error)
{
  ThiduaPlan *plan = data;
  g_auto(Stmt) s = { 0 };
  g_autofree char *key = plan_search_key (plan);
  gint64 now = now_seconds ();
  int rc;

  if (!prepare (self, &s,
                "UPDATE plans SET profile=?1, superior_body=?2, issuing_body=?3, number=?4, "
                "symbol=?5, place=?6, day=?7, month=?8, year=?9, type_name=?10, subject=?11, "
                "signer_authority=?12, signer_on_behalf_of=?13, signer_position=?14, "
                "signer_name=?15, search_key=?17, modified=?18 WHERE id=?19",
                N_("saving a plan"), error))
    return FALSE;
  /* ?16 (status) is not written: only the sign-off steps change it
   * (thidua-lifecycle.c), so a stale model cannot undo a submission. */
  bind_plan (s.stmt, plan);
  bind_text (s.stmt, 17, key);
  sqlite3_bind_int64 (s.stmt, 18, now);
  sqlite3_bind_int64 (s.stmt, 19, thidua_plan_get_id (plan));
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("saving a plan"));
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with ID %lld"), (long long) thidua_plan_get_id (plan));
      return FALSE;
    }
  thidua_plan_set_times (plan, thidua_plan_get_created (plan), now);
  return save_body (self, plan, error) && save_recipients (self, plan, error);
}

gboolean
thidua_store_update_plan (ThiduaStore *self, ThiduaPlan *plan, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), FALSE);
  g_return_val_if_fail (THIDUA_IS_PLAN (plan), FALSE);
  if (!validate_plan (plan, error))
    return FALSE;
  return thidua_store_transaction (self, update_txn, plan, error);
}

static gboolean
delete_txn (ThiduaStore *self, gpointer data, GError **error)
{
  gint64 id = *(gint64 *) data;
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!prepare (self, &s, "DELETE FROM plans WHERE id = ?1", N_("deleting a plan"), error))
    return FALSE;
  sqlite3_bind_int64 (s.stmt, 1, id);
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("deleting a plan"));
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with ID %lld"), (long long) id);
      return FALSE;
    }
  return TRUE;
}

gboolean
thidua_store_delete_plan (ThiduaStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_STORE (self), FALSE);
  return thidua_store_transaction (self, delete_txn, &id, error);
}

typedef struct {
  gint64      from;
  ThiduaPlan *copy;
} Duplicate;

/* Everything that belongs to the plan comes along: its targets (chỉ tiêu)
 * are what next year's plan most often keeps. */
static gboolean
duplicate_txn (ThiduaStore *self, gpointer data, GError **error)
{
  Duplicate *d = data;
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!insert_txn (self, d->copy, error))
    return FALSE;
  if (!prepare (self, &s, "INSERT INTO plan_targets "
                          "(plan_id, position, title, min_value, max_value, measure, base) "
                          "SELECT ?1, position, title, min_value, max_value, measure, base "
                          "FROM plan_targets WHERE plan_id = ?2 ORDER BY position",
                N_("adding a plan"), error))
    return FALSE;
  sqlite3_bind_int64 (s.stmt, 1, thidua_plan_get_id (d->copy));
  sqlite3_bind_int64 (s.stmt, 2, d->from);
  if ((rc = sqlite3_step (s.stmt)) != SQLITE_DONE)
    return store_fail (self, error, rc, N_("adding a plan"));
  return TRUE;
}

/* The copy is a new draft.  The number and the date are cleared: the clerk
 * gives each issued document its own, and a forgotten edit must show as a
 * blank rather than print last year's date. */
gint64
thidua_store_duplicate_plan (ThiduaStore *self, gint64 id, GError **error)
{
  g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (self, id, error);
  Duplicate d = { id, NULL };
  gint64 copy_id;

  if (plan == NULL)
    return 0;
  d.copy = thidua_plan_copy (plan);
  thidua_plan_set_id (d.copy, 0);
  thidua_plan_set_number (d.copy, "");
  thidua_plan_set_date (d.copy, 0, 0, 0);
  thidua_plan_set_status (d.copy, "draft");
  copy_id = thidua_store_transaction (self, duplicate_txn, &d, error) ? thidua_plan_get_id (d.copy) : 0;
  g_object_unref (d.copy);
  return copy_id;
}

/* ---- the office -------------------------------------------------------- */

void
thidua_office_free (ThiduaOffice *office)
{
  if (office == NULL)
    return;
  g_free (office->name);
  g_free (office->code);
  g_free (office->parent);
  g_free (office->signer);
  g_free (office);
}

ThiduaOffice *
thidua_store_get_office (ThiduaStore *self, GError **error)
{
  g_auto(Stmt) s = { 0 };
  ThiduaOffice *office;
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (self), NULL);
  if (!prepare (self, &s, "SELECT name, code, parent, signer FROM office WHERE id = 1",
                N_("reading the office"), error))
    return NULL;
  office = g_new0 (ThiduaOffice, 1);
  rc = sqlite3_step (s.stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      thidua_office_free (office);
      store_fail (self, error, rc, N_("reading the office"));
      return NULL;
    }
  office->name = g_strdup (rc == SQLITE_ROW ? column_text (s.stmt, 0) : "");
  office->code = g_strdup (rc == SQLITE_ROW ? column_text (s.stmt, 1) : "");
  office->parent = g_strdup (rc == SQLITE_ROW ? column_text (s.stmt, 2) : "");
  office->signer = g_strdup (rc == SQLITE_ROW ? column_text (s.stmt, 3) : "");
  return office;
}

static gboolean
set_office_txn (ThiduaStore *self, gpointer data, GError **error)
{
  char **fields = data;
  g_auto(Stmt) s = { 0 };
  int rc;

  if (!prepare (self, &s, "INSERT INTO office (id, name, code, parent, signer) VALUES (1, ?1, ?2, ?3, ?4) "
                          "ON CONFLICT (id) DO UPDATE SET name = excluded.name, code = excluded.code, "
                          "parent = excluded.parent, signer = excluded.signer",
                N_("saving the office"), error))
    return FALSE;
  for (int i = 0; i < 4; i++)
    bind_text (s.stmt, i + 1, fields[i]);
  rc = sqlite3_step (s.stmt);
  if (rc != SQLITE_DONE)
    return store_fail (self, error, rc, N_("saving the office"));
  return TRUE;
}

gboolean
thidua_store_set_office (ThiduaStore *self, const ThiduaOffice *office, GError **error)
{
  const char *in[4];
  char *fields[4] = { NULL };
  gboolean ok = FALSE;

  g_return_val_if_fail (THIDUA_IS_STORE (self), FALSE);
  g_return_val_if_fail (office != NULL, FALSE);
  in[0] = office->name; in[1] = office->code; in[2] = office->parent; in[3] = office->signer;
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *nfc = thidua_text_nfc (in[i] ? in[i] : "", -1);
      if (nfc == NULL)
        {
          g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID,
                       _("the office's details are not valid UTF-8 text"));
          goto out;
        }
      fields[i] = thidua_text_strip (nfc);
    }
  if (*fields[0] == '\0')
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID,
                   _("the office needs a name"));
      goto out;
    }
  ok = thidua_store_transaction (self, set_office_txn, fields, error);
out:
  for (int i = 0; i < 4; i++)
    g_free (fields[i]);
  return ok;
}

/* ---- GObject ---------------------------------------------------------- */

static void
thidua_store_finalize (GObject *object)
{
  ThiduaStore *self = THIDUA_STORE (object);

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (self->made_wal_files && self->path != NULL)
    remove_unused_wal_files (self->path);
  g_free (self->path);
  G_OBJECT_CLASS (thidua_store_parent_class)->finalize (object);
}

static void
thidua_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaStore *self = THIDUA_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_store_class_init (ThiduaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thidua_store_finalize;
  object_class->get_property = thidua_store_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ThiduaStore::changed:
   * @what: "plans", "templates", "targets", "register" or "office"
   *
   * After a transaction of this store committed; the detail is @what.
   * Writes by other connections are not announced: compare
   * thidua_store_get_data_version() for those.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * ThiduaStore::plan-changed:
   * @id: the plan whose row in the plans table a committed transaction
   *   of this store updated, or 0 when plans were added or removed (or
   *   too many changed to name): read them all again
   *
   * Emitted after the commit, before "changed".  A change only to a
   * plan's body, recipients or targets is not announced here (the list
   * of plans does not show them).  Other connections: as for "changed".
   */
  signals[SIGNAL_PLAN_CHANGED] =
    g_signal_new ("plan-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
thidua_store_init (ThiduaStore *self)
{
}

