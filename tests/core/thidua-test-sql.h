/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-test-sql.h — a store in a temporary folder, and SQL run straight
 * on its connection, for the tests of core's SQLite pieces. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "../thidua-test-tmp.h"
#include "thidua-store.h"
#include "thidua-store-private.h"

typedef struct {
  char        *dir;
  ThiduaStore *store;
  sqlite3     *db;     /* the store's */
} ThiduaTestDb;

/* Runs @sql (several statements allowed); a failure ends the test. */
static inline void
thidua_test_exec_ok (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* A new store, without seeded templates, in a folder named after @tag. */
static inline void
thidua_test_db_open (ThiduaTestDb *t, const char *tag)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  t->dir = thidua_test_tmpdir_new (tag);
  path = g_build_filename (t->dir, "t.db", NULL);
  t->store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  g_assert_no_error (error);
  t->db = thidua_store_get_db (t->store);
}

static inline void
thidua_test_db_close (ThiduaTestDb *t)
{
  g_clear_object (&t->store);
  thidua_test_tmpdir_remove (t->dir);
  g_clear_pointer (&t->dir, g_free);
}
