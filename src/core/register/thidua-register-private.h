/* thidua-register-private.h — SQLite helpers shared by the register's
 * modules (register, checks, import, targets).  Not installed. */
#pragma once

#include <sqlite3.h>
#include "thidua-register.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3      *thidua_register_get_db (ThiduaRegister *self);
/* Prepares or sets a FAILED error naming what was being done. */
sqlite3_stmt *thidua_register_prepare (ThiduaRegister *self, const char *sql,
                                       const char *doing, GError **error);

static inline void
reg_bind_text (sqlite3_stmt *stmt, int i, const char *s)
{
  sqlite3_bind_text (stmt, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static inline void
reg_bind_id (sqlite3_stmt *stmt, int i, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, i, id);
  else
    sqlite3_bind_null (stmt, i);
}

static inline const char *
reg_column_text (sqlite3_stmt *stmt, int i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);
  return s ? s : "";
}

/* Keys stored with every name: folded for search, collation for order. */
char *thidua_register_person_sort_key (const ThiduaRegPerson *person);

G_END_DECLS
