/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-test-sql.h — SQL run straight on a store's connection, for the
 * tests of core's SQLite pieces. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

/* Runs @sql (several statements allowed); a failure ends the test. */
static inline void
thidua_test_exec_ok (sqlite3 *db, const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}
