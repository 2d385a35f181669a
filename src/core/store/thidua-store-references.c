/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store-references.c — what PRAGMA foreign_keys would have refused,
 * checked afterwards over a range of rows.
 *
 * SQLite enforces a foreign key row by row, opening a cursor on the parent
 * table for every reference of every row written: for 100,000 people and
 * their registrations, a fifth of moving them.  A connection that writes
 * many rows at once (an exchange package) turns enforcement off; before it
 * commits, it checks the rows it staged in the staging tables
 * (thidua_register_count_staged_dangling_on) and the others it wrote here:
 * the rows of a table in a range of rowids that name no row, one query
 * with each parent joined by its key. */
#include "config.h"
#include <glib/gi18n-lib.h>

#include "thidua-store-private.h"

struct _ThiduaReferenceCheck {
  sqlite3_stmt *stmt;
  char         *table;
};

/* The count of rows with rowid in [?1, ?2] that have every column of a
 * foreign key set and no parent row: one scan of the range, each parent
 * joined by its key (a join is a seek; a NOT EXISTS per key ran a
 * subprogram per row, three times slower).
 * Returns: (transfer full): the SQL, or NULL if SQLite refused. */
static char *
count_sql (sqlite3 *db, const char *table)
{
  sqlite3_stmt *s = NULL;
  g_autoptr(GString) joins = g_string_new (NULL);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) on = g_string_new (NULL);
  g_autoptr(GString) set = g_string_new (NULL);
  g_autofree char *parent = NULL, *first_to = NULL;
  int key = -1, rc;

  /* one row per column of a key, in key order */
  if (sqlite3_prepare_v2 (db, "SELECT id, \"table\", \"from\", ifnull (\"to\", 'rowid') "
                              "FROM pragma_foreign_key_list (?1) ORDER BY id, seq", -1, &s, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (s, 1, table, -1, SQLITE_STATIC);
  do
    {
      rc = sqlite3_step (s);
      if (key >= 0 && (rc != SQLITE_ROW || sqlite3_column_int (s, 0) != key))
        {
          /* p<key>: the parent row, if there is one */
          char *join = sqlite3_mprintf (" LEFT JOIN main.\"%w\" AS p%d ON %s", parent, key, on->str);
          char *none = sqlite3_mprintf ("%s(%s AND p%d.\"%w\" IS NULL)", missing->len ? " OR " : "",
                                        set->str, key, first_to);
          g_string_append (joins, join);
          g_string_append (missing, none);
          sqlite3_free (join);
          sqlite3_free (none);
          g_string_truncate (on, 0);
          g_string_truncate (set, 0);
          key = -1;
        }
      if (rc != SQLITE_ROW)
        break;
      const char *from = (const char *) sqlite3_column_text (s, 2);
      const char *to = (const char *) sqlite3_column_text (s, 3);
      if (key < 0)
        {
          key = sqlite3_column_int (s, 0);
          g_free (parent);
          g_free (first_to);
          parent = g_strdup ((const char *) sqlite3_column_text (s, 1));
          first_to = g_strdup (to);
        }
      char *eq = sqlite3_mprintf ("%sp%d.\"%w\" = c.\"%w\"", on->len ? " AND " : "", key, to, from);
      char *not_null = sqlite3_mprintf ("%sc.\"%w\" IS NOT NULL", set->len ? " AND " : "", from);
      g_string_append (on, eq);
      g_string_append (set, not_null);
      sqlite3_free (eq);
      sqlite3_free (not_null);
    }
  while (rc == SQLITE_ROW);
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return NULL;
  if (missing->len == 0)   /* no key: nothing missing (the range still binds) */
    return g_strdup ("SELECT 0 WHERE ?1 OR ?2 OR 1");
  char *sql = sqlite3_mprintf ("SELECT count(*) FROM main.\"%w\" AS c%s WHERE c.rowid BETWEEN ?1 AND ?2 AND (%s)",
                               table, joins->str, missing->str);
  char *copy = g_strdup (sql);
  sqlite3_free (sql);
  return copy;
}

ThiduaReferenceCheck *
thidua_reference_check_new (ThiduaStore *store, const char *table, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  g_autofree char *sql = count_sql (db, table);
  sqlite3_stmt *stmt = NULL;

  if (sql == NULL || sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      thidua_store_sql_fail (store, db, 0, "checking references", error);
      return NULL;
    }
  ThiduaReferenceCheck *check = g_new0 (ThiduaReferenceCheck, 1);
  check->stmt = stmt;
  check->table = g_strdup (table);
  return check;
}

gboolean
thidua_reference_check_rows (ThiduaReferenceCheck *check, ThiduaStore *store, gint64 first, gint64 last,
                             GError **error)
{
  sqlite3_stmt *s = check->stmt;
  gint64 missing;

  sqlite3_reset (s);
  sqlite3_bind_int64 (s, 1, first);
  sqlite3_bind_int64 (s, 2, last);
  if (sqlite3_step (s) != SQLITE_ROW)
    return thidua_store_sql_fail (store, sqlite3_db_handle (s), 0, "checking references", error);
  missing = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  if (missing > 0)
    {
      /* (a fault of the writer's, not of the file: the rows it names were
       * all read or written under the same lock) */
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_INVALID,
                   ngettext ("%u row of “%s” would refer to a row that does not exist; nothing was written",
                             "%u rows of “%s” would refer to rows that do not exist; nothing was written",
                             (gulong) MIN (missing, G_MAXUINT)),
                   (guint) MIN (missing, G_MAXUINT), check->table);
      return FALSE;
    }
  return TRUE;
}

void
thidua_reference_check_free (ThiduaReferenceCheck *check)
{
  if (check == NULL)
    return;
  sqlite3_finalize (check->stmt);
  g_free (check->table);
  g_free (check);
}

gboolean
thidua_store_is_referenced (ThiduaStore *store, const char *table, gboolean *referenced, GError **error)
{
  sqlite3 *db = thidua_store_get_db (store);
  sqlite3_stmt *s = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema m, pragma_foreign_key_list (m.name) f "
                               "WHERE m.type = 'table' AND f.\"table\" = ?1 COLLATE NOCASE LIMIT 1", -1, &s, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (s, 1, table, -1, SQLITE_STATIC);
      rc = sqlite3_step (s);
    }
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    *referenced = rc == SQLITE_ROW;
  sqlite3_finalize (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return thidua_store_sql_fail (store, db, rc, "checking references", error);
  return TRUE;
}
