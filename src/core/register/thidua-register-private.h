/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-private.h — SQLite helpers shared by the register's
 * modules (register, checks, import, targets).  Not installed. */
#pragma once

#include <sqlite3.h>
#include "thidua-register.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Returns: (transfer none): the store's connection; never close it. */
sqlite3      *thidua_register_get_db (ThiduaRegister *self);
/* Prepares or sets a FAILED error naming what was being done.
 * Returns: (transfer full): sqlite3_finalize() it (g_autoptr works). */
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

/* thidua_reg_person_set_full_name()'s split without a string per part:
 * out = the full name (the words after the honorific joined by one space)
 * NUL family NUL middle NUL given, its first *full_len bytes the full name,
 * parts[] the offsets of the other three; *honorific "", "Ông" or "Bà"
 * (static), or NULL when full_name is not UTF-8.  FALSE when no name is
 * left. */
gboolean thidua_reg_split_full_name (const char *full_name, GString *out, const char **honorific,
                                     gsize *full_len, gsize parts[3]);

/* Staging (see thidua-register.c): rows are written to temp.stage_* with
 * these statements (seq first, references > 0 existing ids, < 0 staged
 * seqs, 0 none), then moved by the flush functions, the only INSERT of
 * each entity.  base -1 lets SQLite choose ids; otherwise a row's id is
 * base + seq.  _stage_begin creates the tables and empties them. */
/* The last two parameters of each, left unbound (NULL) for this office's
 * own rows, are the global id and the office a received row belongs to. */
#define THIDUA_REGISTER_STAGE_UNIT \
  "INSERT INTO temp.stage_units (seq, parent, name, name_key, sort_key, kind, uuid, office_id) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
#define THIDUA_REGISTER_STAGE_PERSON \
  "INSERT INTO temp.stage_people (seq, honorific, family_name, middle_name, given_name, position, unit, " \
  "start_date, birth_year, name_key, sort_key, uuid, office_id) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
#define THIDUA_REGISTER_STAGE_REGISTRATION \
  "INSERT INTO temp.stage_registrations (seq, person, unit, title, plan_id, initiative, status, result, " \
  "decision, note, uuid, office_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
gboolean thidua_register_stage_begin (ThiduaRegister *self, GError **error);
gboolean thidua_register_flush_units (ThiduaRegister *self, gint64 base, gint64 import_id, GError **error);
gboolean thidua_register_flush_people (ThiduaRegister *self, gint64 unit_base, gint64 base,
                                       gint64 import_id, GError **error);
gboolean thidua_register_flush_registrations (ThiduaRegister *self, gint64 year_id, gint64 unit_base,
                                              gint64 person_base, gint64 import_id, GError **error);

/* The same on a store's connection, inside the caller's transaction, for
 * core modules that write rows without a ThiduaRegister (the exchange's
 * received rows). */
gboolean thidua_register_stage_begin_on (ThiduaStore *store, GError **error);
gboolean thidua_register_flush_units_on (ThiduaStore *store, gint64 base, gint64 import_id, GError **error);
gboolean thidua_register_flush_people_on (ThiduaStore *store, gint64 unit_base, gint64 base,
                                          gint64 import_id, GError **error);
gboolean thidua_register_flush_registrations_on (ThiduaStore *store, gint64 year_id, gint64 unit_base,
                                                 gint64 person_base, gint64 import_id, GError **error);
/* How many references of staged rows (> 0: an existing id) name no row:
 * what foreign keys would refuse once they are flushed, for a connection
 * that writes without them.  -1 with @error if SQLite failed. */
gint64   thidua_register_count_staged_dangling_on (ThiduaStore *store, GError **error);

/* A registration with its person's and unit's names, in the columns
 * thidua_register_registration_from_row() reads; append WHERE/ORDER BY. */
#define THIDUA_REGISTER_SELECT \
  "SELECT r.id, y.label, ifnull (r.person_id, 0), ifnull (r.unit_id, 0), r.title, " \
  "ifnull (r.plan_id, 0), r.initiative, r.status, r.result, r.decision, r.note, " \
  "ifnull (r.import_id, 0), " \
  "ifnull (p.honorific, ''), ifnull (p.family_name, ''), ifnull (p.middle_name, ''), " \
  "ifnull (p.given_name, ''), ifnull (p.position, ''), ifnull (p.birth_year, 0), " \
  "ifnull (u.name, ''), ifnull (p.sort_key, ''), ifnull (u.sort_key, ''), " \
  "ifnull (p.name_key, ''), ifnull (u.name_key, '') " \
  "FROM registrations r JOIN reg_years y ON y.id = r.year_id " \
  "LEFT JOIN people p ON p.id = r.person_id LEFT JOIN units u ON u.id = r.unit_id "

/* Reads the current row of a THIDUA_REGISTER_SELECT statement.
 * Returns: (transfer full) */
ThiduaRegistration *thidua_register_registration_from_row (sqlite3_stmt *sel);

/* Keys stored with every name: folded for search, collation for order.
 * Returns: (transfer full) */
char *thidua_register_person_sort_key (const ThiduaRegPerson *person);

G_END_DECLS
