/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register.c — units, people and registrations in SQLite. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "thidua-register.h"
#include "thidua-register-private.h"
#include "thidua-store-private.h"

#include <string.h>

#include "thidua-text.h"
#include "thidua-core-enums.h"


struct _ThiduaRegister
{
  GObject        parent_instance;

  ThiduaStore   *store;
  ThiduaCatalog *catalog;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CATALOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThiduaRegister, thidua_register, G_TYPE_OBJECT)
G_DEFINE_QUARK (thidua-register-error-quark, thidua_register_error)

static void
thidua_register_dispose (GObject *object)
{
  ThiduaRegister *self = THIDUA_REGISTER (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  G_OBJECT_CLASS (thidua_register_parent_class)->dispose (object);
}

static void
thidua_register_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ThiduaRegister *self = THIDUA_REGISTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Every write of this store's connection that touched the register,
 * with the store's detail ("register" or "targets"). */
static void
on_store_changed (ThiduaRegister *self, const char *what)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (what));
}

static void
thidua_register_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ThiduaRegister *self = THIDUA_REGISTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      g_signal_connect_object (self->store, "changed::register", G_CALLBACK (on_store_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "changed::targets", G_CALLBACK (on_store_changed),
                               self, G_CONNECT_SWAPPED);
      break;
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_register_class_init (ThiduaRegisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = thidua_register_dispose;
  object_class->get_property = thidua_register_get_property;
  object_class->set_property = thidua_register_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, THIDUA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, THIDUA_TYPE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ThiduaRegister::changed:
   *
   * After a committed change to units, people, registrations, imports or
   * targets through this register's store; the detail says which, as the
   * store's "changed" does: "register" (the rows) or "targets" (a plan's
   * targets).  Other processes' changes show in
   * thidua_store_get_data_version() instead.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
thidua_register_init (ThiduaRegister *self)
{
}

ThiduaRegister *
thidua_register_new (ThiduaStore *store, ThiduaCatalog *catalog)
{
  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  g_return_val_if_fail (THIDUA_IS_CATALOG (catalog), NULL);
  return g_object_new (THIDUA_TYPE_REGISTER, "store", store, "catalog", catalog, NULL);
}

ThiduaStore *
thidua_register_get_store (ThiduaRegister *self)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), NULL);
  return self->store;
}

ThiduaCatalog *
thidua_register_get_catalog (ThiduaRegister *self)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), NULL);
  return self->catalog;
}

sqlite3 *
thidua_register_get_db (ThiduaRegister *self)
{
  return thidua_store_get_db (self->store);
}

static gboolean
store_sql_fail (ThiduaStore *store, GError **error, const char *doing)
{
  return thidua_store_sql_fail (store, NULL, 0, doing, error);
}

gboolean
thidua_register_sql_fail (ThiduaRegister *self, GError **error, const char *doing)
{
  return store_sql_fail (self->store, error, doing);
}

static sqlite3_stmt *
store_prepare (ThiduaStore *store, const char *sql, const char *doing, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (thidua_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      store_sql_fail (store, error, doing);
      return NULL;
    }
  return stmt;
}

sqlite3_stmt *
thidua_register_prepare (ThiduaRegister *self, const char *sql, const char *doing, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (thidua_register_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      thidua_register_sql_fail (self, error, doing);
      return NULL;
    }
  return stmt;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- staging: the one INSERT of each entity ---- */

/* Every unit, person and registration enters its table the same way: its
 * row is written to a temp.stage_* table (rows in this process's memory,
 * thidua-store-stage.c: this connection only, no lock on the file), then
 * one INSERT … SELECT moves the staged rows.  A single
 * add stages one row; an import stages 100,000 outside any lock and moves
 * them in one short transaction.  Staged references: > 0 an existing id,
 * < 0 the seq of a row staged in the same batch, 0 none. */
static const char stage_schema[] =
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stage_units USING thidua_stage (seq, parent, name, "
  "  name_key, sort_key, kind, uuid, office_id);"
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stage_people USING thidua_stage (seq, honorific, "
  "  family_name, middle_name, given_name, position, unit, start_date, birth_year, name_key, "
  "  sort_key, uuid, office_id);"
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.stage_registrations USING thidua_stage (seq, person, "
  "  unit, title, plan_id, initiative, status, result, decision, note, uuid, office_id);"
  "DELETE FROM temp.stage_units; DELETE FROM temp.stage_people; DELETE FROM temp.stage_registrations;";

gboolean
thidua_register_stage_begin_on (ThiduaStore *store, GError **error)
{
  if (sqlite3_exec (thidua_store_get_db (store), stage_schema, NULL, NULL, NULL) != SQLITE_OK)
    return store_sql_fail (store, error, "preparing a change");
  return TRUE;
}

gboolean
thidua_register_stage_begin (ThiduaRegister *self, GError **error)
{
  return thidua_register_stage_begin_on (self->store, error);
}

gint64
thidua_register_count_staged_dangling_on (ThiduaStore *store, GError **error)
{
  /* each parent joined by its id: a seek per reference (a NOT EXISTS per
   * reference ran a subprogram per row, three times slower) */
  g_autoptr(sqlite3_stmt) stmt = store_prepare (store,
      "SELECT (SELECT count(*) FROM temp.stage_units s LEFT JOIN units u ON u.id = s.parent "
      "          WHERE s.parent > 0 AND u.id IS NULL) "
      "     + (SELECT count(*) FROM temp.stage_people s LEFT JOIN units u ON u.id = s.unit "
      "          WHERE s.unit > 0 AND u.id IS NULL) "
      "     + (SELECT count(*) FROM temp.stage_registrations s LEFT JOIN people p ON p.id = s.person "
      "          LEFT JOIN units u ON u.id = s.unit LEFT JOIN plans l ON l.id = s.plan_id "
      "          WHERE (s.person > 0 AND p.id IS NULL) OR (s.unit > 0 AND u.id IS NULL) "
      "             OR (s.plan_id IS NOT NULL AND l.id IS NULL))",
      "checking references", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      store_sql_fail (store, error, "checking references");
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* base < 0: ids chosen by SQLite (a single add); id 0: NULL */
static inline void
bind_base (sqlite3_stmt *stmt, int i, gint64 base)
{
  if (base >= 0)
    sqlite3_bind_int64 (stmt, i, base);
  else
    sqlite3_bind_null (stmt, i);
}

static gboolean
flush (ThiduaStore *store, sqlite3_stmt *stmt, const char *doing, GError **error)
{
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return store_sql_fail (store, error, doing);
  return TRUE;
}

gboolean
thidua_register_flush_units_on (ThiduaStore *store, gint64 base, gint64 import_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_prepare (store,
      "INSERT INTO units (id, parent_id, name, name_key, sort_key, kind, import_id, created, uuid, office_id) "
      "SELECT ?1 + seq, CASE WHEN parent < 0 THEN ?1 - parent ELSE nullif (parent, 0) END, "
      "name, name_key, sort_key, kind, ?2, ?3, uuid, office_id FROM temp.stage_units ORDER BY seq",
      "adding a unit", error);

  if (stmt == NULL)
    return FALSE;
  bind_base (stmt, 1, base);
  reg_bind_id (stmt, 2, import_id);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  return flush (store, stmt, "adding a unit", error);
}

gboolean
thidua_register_flush_units (ThiduaRegister *self, gint64 base, gint64 import_id, GError **error)
{
  return thidua_register_flush_units_on (self->store, base, import_id, error);
}

gboolean
thidua_register_flush_people_on (ThiduaStore *store, gint64 unit_base, gint64 base,
                                 gint64 import_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_prepare (store,
      "INSERT INTO people (id, honorific, family_name, middle_name, given_name, position, "
      "unit_id, start_date, birth_year, name_key, sort_key, import_id, created, uuid, office_id) "
      "SELECT ?1 + seq, honorific, family_name, middle_name, given_name, position, "
      "CASE WHEN unit < 0 THEN ?2 - unit ELSE nullif (unit, 0) END, start_date, birth_year, "
      "name_key, sort_key, ?3, ?4, uuid, office_id FROM temp.stage_people ORDER BY seq",
      "adding a person", error);

  if (stmt == NULL)
    return FALSE;
  bind_base (stmt, 1, base);
  bind_base (stmt, 2, unit_base);
  reg_bind_id (stmt, 3, import_id);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
  return flush (store, stmt, "adding a person", error);
}

gboolean
thidua_register_flush_people (ThiduaRegister *self, gint64 unit_base, gint64 base,
                              gint64 import_id, GError **error)
{
  return thidua_register_flush_people_on (self->store, unit_base, base, import_id, error);
}

static gboolean
flush_registrations (ThiduaStore *store, gint64 year_id, gint64 unit_base, gint64 person_base,
                     gint64 base, gint64 import_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = store_prepare (store,
      "INSERT INTO registrations (id, year_id, person_id, unit_id, title, plan_id, initiative, "
      "status, result, decision, note, import_id, created, modified, uuid, office_id) "
      "SELECT ?6 + seq, ?1, CASE WHEN person < 0 THEN ?2 - person ELSE nullif (person, 0) END, "
      "CASE WHEN unit < 0 THEN ?3 - unit ELSE nullif (unit, 0) END, title, plan_id, initiative, "
      "status, result, decision, note, ?4, ?5, ?5, uuid, office_id FROM temp.stage_registrations ORDER BY seq",
      "adding a registration", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, year_id);
  bind_base (stmt, 2, person_base);
  bind_base (stmt, 3, unit_base);
  reg_bind_id (stmt, 4, import_id);
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  bind_base (stmt, 6, base);
  return flush (store, stmt, "adding a registration", error);
}

gboolean
thidua_register_flush_registrations_on (ThiduaStore *store, gint64 year_id, gint64 unit_base,
                                        gint64 person_base, gint64 import_id, GError **error)
{
  return flush_registrations (store, year_id, unit_base, person_base, -1, import_id, error);
}

gboolean
thidua_register_flush_registrations (ThiduaRegister *self, gint64 year_id, gint64 unit_base,
                                     gint64 person_base, gint64 import_id, GError **error)
{
  return flush_registrations (self->store, year_id, unit_base, person_base, -1, import_id, error);
}

/* One staged registration (seq 1) back under its old id. */
static gboolean
thidua_register_flush_registrations_with_id (ThiduaRegister *self, gint64 year_id, gint64 id,
                                             gint64 import_id, GError **error)
{
  return flush_registrations (self->store, year_id, -1, -1, id - 1, import_id, error);
}

/* ---- enums ---- */

/* The nicks of the GEnum types (thidua-core-enums.h) are the strings
 * stored in the database and taken by the CLI: "not-achieved". */
static const char *
enum_nick (GType type, int value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_type_class_unref (klass);   /* static types stay loaded */
  return v ? v->value_nick : NULL;
}

static gboolean
enum_from_nick (GType type, const char *nick, int *out)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = nick ? g_enum_get_value_by_nick (klass, nick) : NULL;

  g_type_class_unref (klass);
  if (v == NULL)
    return FALSE;
  *out = v->value;
  return TRUE;
}

/* Both enums are int-sized: one checked lookup serves each pair below. */
static const char *
enum_to_string (GType type, int value)
{
  const char *nick = enum_nick (type, value);

  g_return_val_if_fail (nick != NULL, NULL);
  return nick;
}

const char *
thidua_reg_status_to_string (ThiduaRegStatus status)
{
  return enum_to_string (THIDUA_TYPE_REG_STATUS, status);
}

gboolean
thidua_reg_status_from_string (const char *s, ThiduaRegStatus *out)
{
  G_STATIC_ASSERT (sizeof (ThiduaRegStatus) == sizeof (int));
  return enum_from_nick (THIDUA_TYPE_REG_STATUS, s, (int *) out);
}

const char *
thidua_reg_result_to_string (ThiduaRegResult result)
{
  return enum_to_string (THIDUA_TYPE_REG_RESULT, result);
}

gboolean
thidua_reg_result_from_string (const char *s, ThiduaRegResult *out)
{
  G_STATIC_ASSERT (sizeof (ThiduaRegResult) == sizeof (int));
  return enum_from_nick (THIDUA_TYPE_REG_RESULT, s, (int *) out);
}

/* ---- years ---- */

static gboolean
parse_year_number (const char *s, int *out)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (s, 10, 1900, 2200, &v, NULL))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

gboolean
thidua_reg_year_parse (const char *text, char **label, int *start_year,
                       gboolean *school, GError **error)
{
  g_autofree char *stripped = thidua_text_strip (text ? text : "");
  g_autoptr(GString) compact = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  int a = 0, b = 0;

  /* "2023 – 2024", "2023/2024", "Năm học 2023-2024" → "2023-2024" */
  for (const char *p = stripped; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c) && c < 128)
        g_string_append_c (compact, (char) c);
      else if (c == '-' || c == '/' || c == 0x2013 || c == 0x2014)
        g_string_append_c (compact, '-');
      else if (g_unichar_isspace (c))
        continue;
      else if (compact->len == 0 && (g_unichar_isalpha (c) || g_unichar_ismark (c)))
        continue; /* a leading word such as "Năm học" */
      else
        {
          g_string_truncate (compact, 0);
          g_string_append (compact, "?");
          break;
        }
    }

  parts = g_strsplit (compact->str, "-", -1);
  if (g_strv_length (parts) == 1 && parse_year_number (parts[0], &a))
    {
      if (label) *label = g_strdup_printf ("%d", a);
      if (start_year) *start_year = a;
      if (school) *school = FALSE;
      return TRUE;
    }
  if (g_strv_length (parts) == 2 && parse_year_number (parts[0], &a)
      && parse_year_number (parts[1], &b))
    {
      if (b != a + 1)
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                       _("“%s” is not a school year: the second year must follow the first (%d-%d)"),
                       stripped, a, a + 1);
          return FALSE;
        }
      if (label) *label = g_strdup_printf ("%d-%d", a, b);
      if (start_year) *start_year = a;
      if (school) *school = TRUE;
      return TRUE;
    }
  g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
               _("“%s” is not a year: write a calendar year (2024) or a school year (2023-2024)"),
               stripped);
  return FALSE;
}

char *
thidua_reg_year_previous (const char *label)
{
  int start;
  gboolean school;

  if (!thidua_reg_year_parse (label, NULL, &start, &school, NULL))
    return NULL;
  return school ? g_strdup_printf ("%d-%d", start - 1, start) : g_strdup_printf ("%d", start - 1);
}

gint64
thidua_register_ensure_year (ThiduaRegister *self, const char *text, gboolean create, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  int start;
  gboolean school;
  int rc;

  if (!thidua_reg_year_parse (text, &label, &start, &school, error))
    return 0;
  sel = thidua_register_prepare (self, "SELECT id FROM reg_years WHERE label = ?1",
                                 "reading the register's years", error);
  if (sel == NULL)
    return 0;
  reg_bind_text (sel, 1, label);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (sel, 0);
  if (rc != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, "reading the register's years");
  if (!create)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   _("the register has nothing for %s"), label);
      return 0;
    }
  ins = thidua_register_prepare (self,
                                 "INSERT INTO reg_years (label, start_year, school) VALUES (?1, ?2, ?3)",
                                 "adding a year to the register", error);
  if (ins == NULL)
    return 0;
  reg_bind_text (ins, 1, label);
  sqlite3_bind_int (ins, 2, start);
  sqlite3_bind_int (ins, 3, school);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, "adding a year to the register");
  return sqlite3_last_insert_rowid (thidua_register_get_db (self));
}

GStrv
thidua_register_list_years (ThiduaRegister *self, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  int rc;

  sel = thidua_register_prepare (self, "SELECT label FROM reg_years ORDER BY start_year, school",
                                 "reading the register's years", error);
  if (sel == NULL)
    return NULL;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    g_strv_builder_add (b, reg_column_text (sel, 0));
  if (rc != SQLITE_DONE)
    {
      thidua_register_sql_fail (self, error, "reading the register's years");
      return NULL;
    }
  return g_strv_builder_end (b);
}

gint64
thidua_register_get_year_plan (ThiduaRegister *self, const char *year)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autofree char *label = NULL;

  if (!thidua_reg_year_parse (year, &label, NULL, NULL, NULL))
    return 0;
  sel = thidua_register_prepare (self, "SELECT ifnull (plan_id, 0) FROM reg_years WHERE label = ?1",
                                 "reading the register's years", NULL);
  if (sel == NULL)
    return 0;
  reg_bind_text (sel, 1, label);
  return sqlite3_step (sel) == SQLITE_ROW ? sqlite3_column_int64 (sel, 0) : 0;
}

typedef struct {
  const char *year;
  gint64      plan_id;
} YearPlan;

/* The store's transaction callback gets the store; the register rides
 * along in a small closure instead of global state. */
typedef struct {
  ThiduaRegister *self;
  gboolean      (*func) (ThiduaRegister *self, gpointer data, GError **error);
  gpointer        data;
} RegTxn;

static gboolean
reg_txn_trampoline (ThiduaStore *store, gpointer data, GError **error)
{
  RegTxn *t = data;
  return t->func (t->self, t->data, error);
}

static gboolean
run_txn (ThiduaRegister *self,
         gboolean (*func) (ThiduaRegister *self, gpointer data, GError **error),
         gpointer data, GError **error)
{
  RegTxn t = { self, func, data };
  return thidua_store_transaction (self->store, reg_txn_trampoline, &t, error);
}

static gboolean
set_year_plan_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  YearPlan *yp = data;
  g_autoptr(sqlite3_stmt) upd = NULL;
  gint64 year_id = thidua_register_ensure_year (self, yp->year, TRUE, error);

  if (year_id == 0)
    return FALSE;
  upd = thidua_register_prepare (self, "UPDATE reg_years SET plan_id = ?1 WHERE id = ?2",
                                 "linking the year to its plan", error);
  if (upd == NULL)
    return FALSE;
  reg_bind_id (upd, 1, yp->plan_id);
  sqlite3_bind_int64 (upd, 2, year_id);
  if (sqlite3_step (upd) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, "linking the year to its plan");
  return TRUE;
}

gboolean
thidua_register_set_year_plan (ThiduaRegister *self, const char *year, gint64 plan_id, GError **error)
{
  YearPlan yp = { year, plan_id };

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  return run_txn (self, set_year_plan_cb, &yp, error);
}

/* ---- units ---- */

void
thidua_reg_unit_free (ThiduaRegUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->name);
  g_free (unit->kind);
  g_free (unit);
}

typedef struct {
  gint64      parent_id;
  const char *name;
  const char *kind;
  gint64      id;
} AddUnit;

static gboolean
add_unit_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  AddUnit *au = data;
  g_autofree char *name = thidua_text_nfc (au->name ? au->name : "", -1);
  g_autofree char *stripped = NULL;
  g_autofree char *kind = thidua_text_nfc (au->kind ? au->kind : "", -1);
  g_autofree char *key = NULL;
  g_autofree char *sort_key = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(GError) local = NULL;
  int rc;

  if (name == NULL || kind == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a unit's name is not valid UTF-8 text"));
      return FALSE;
    }
  stripped = thidua_text_strip (name);
  if (*stripped == '\0')
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a unit needs a name"));
      return FALSE;
    }
  key = thidua_text_fold (stripped);
  sort_key = thidua_text_collate_key (stripped);
  if (!thidua_register_stage_begin (self, error))
    return FALSE;
  ins = thidua_register_prepare (self, THIDUA_REGISTER_STAGE_UNIT, "adding a unit", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, 1);
  sqlite3_bind_int64 (ins, 2, au->parent_id > 0 ? au->parent_id : 0);
  reg_bind_text (ins, 3, stripped);
  reg_bind_text (ins, 4, key);
  reg_bind_text (ins, 5, sort_key);
  reg_bind_text (ins, 6, kind);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, "adding a unit");
  if (!thidua_register_flush_units (self, -1, 0, &local))
    {
      sqlite3 *db = thidua_register_get_db (self);
      rc = sqlite3_extended_errcode (db);
      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                     _("cannot add the unit “%s”: its parent unit does not exist"), stripped);
      else
        g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE,
                     _("a unit named “%s” already exists there"), stripped);
      return FALSE;
    }
  au->id = sqlite3_last_insert_rowid (thidua_register_get_db (self));
  return TRUE;
}

gint64
thidua_register_add_unit (ThiduaRegister *self, gint64 parent_id, const char *name,
                          const char *kind, GError **error)
{
  AddUnit au = { parent_id, name, kind, 0 };

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), 0);
  if (!run_txn (self, add_unit_cb, &au, error))
    return 0;
  return au.id;
}

gint64
thidua_register_find_unit (ThiduaRegister *self, const char *name)
{
  g_autofree char *key = thidua_text_fold (name);
  g_autoptr(sqlite3_stmt) sel = NULL;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), 0);
  sel = thidua_register_prepare (self, "SELECT id FROM units WHERE name_key = ?1 ORDER BY id LIMIT 1",
                                 "finding a unit", NULL);
  if (sel == NULL)
    return 0;
  reg_bind_text (sel, 1, key);
  return sqlite3_step (sel) == SQLITE_ROW ? sqlite3_column_int64 (sel, 0) : 0;
}

/* After a single add's flush: its new id, or the error, a missing
 * reference (foreign key) told as missing. */
static gboolean
take_flushed (ThiduaRegister *self, gboolean flushed, GError **local, const char *missing,
              gint64 *id, GError **error)
{
  sqlite3 *db = thidua_register_get_db (self);

  if (!flushed)
    {
      if (sqlite3_extended_errcode (db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND, missing);
      else
        g_propagate_error (error, g_steal_pointer (local));
      return FALSE;
    }
  *id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Runs an UPDATE or DELETE of one row: a row that is not there is
 * NOT_FOUND ("there is no unit 7"). */
static gboolean
step_one (ThiduaRegister *self, sqlite3_stmt *stmt, const char *doing, const char *what,
          gint64 id, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, doing);
  if (sqlite3_changes (thidua_register_get_db (self)) == 0)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   "there is no %s %" G_GINT64_FORMAT, what, id);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 id;
  int    year;
} CloseUnit;

static gboolean
close_unit_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  CloseUnit *cu = data;
  g_autoptr(sqlite3_stmt) upd = thidua_register_prepare (self,
      "UPDATE units SET closed_year = ?1 WHERE id = ?2", "closing a unit", error);

  if (upd == NULL)
    return FALSE;
  if (cu->year > 0)
    sqlite3_bind_int (upd, 1, cu->year);
  else
    sqlite3_bind_null (upd, 1);
  sqlite3_bind_int64 (upd, 2, cu->id);
  return step_one (self, upd, "closing a unit", "unit", cu->id, error);
}

gboolean
thidua_register_close_unit (ThiduaRegister *self, gint64 id, int closed_year, GError **error)
{
  CloseUnit cu = { id, closed_year };

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  return run_txn (self, close_unit_cb, &cu, error);
}

GPtrArray *
thidua_register_list_units (ThiduaRegister *self, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_reg_unit_free);
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  sel = thidua_register_prepare (self,
                                 "SELECT id, ifnull (parent_id, 0), name, kind, ifnull (closed_year, 0) "
                                 "FROM units ORDER BY sort_key, id",
                                 "reading units", error);
  if (sel == NULL)
    return NULL;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      ThiduaRegUnit *u = g_new0 (ThiduaRegUnit, 1);
      GPtrArray *siblings;
      gint64 *key;

      u->id = sqlite3_column_int64 (sel, 0);
      u->parent_id = sqlite3_column_int64 (sel, 1);
      u->name = g_strdup (reg_column_text (sel, 2));
      u->kind = g_strdup (reg_column_text (sel, 3));
      u->closed_year = sqlite3_column_int (sel, 4);
      g_ptr_array_add (all, u);
      siblings = g_hash_table_lookup (children, &u->parent_id);
      if (siblings == NULL)
        {
          key = g_new (gint64, 1);
          *key = u->parent_id;
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children, key, siblings);
        }
      g_ptr_array_add (siblings, u);
    }
  if (rc != SQLITE_DONE)
    {
      thidua_register_sql_fail (self, error, "reading units");
      return NULL;
    }

  /* Depth first from the top, keeping the sorted order of siblings. */
  out = g_ptr_array_new_full (all->len, (GDestroyNotify) thidua_reg_unit_free);
  {
    g_autoptr(GPtrArray) todo = g_ptr_array_new ();
    GPtrArray *top = g_hash_table_lookup (children, &(gint64) { 0 });

    for (guint i = top ? top->len : 0; i > 0; i--)
      g_ptr_array_add (todo, g_ptr_array_index (top, i - 1));
    while (todo->len > 0)
      {
        ThiduaRegUnit *u = g_ptr_array_steal_index (todo, todo->len - 1);
        GPtrArray *kids = g_hash_table_lookup (children, &u->id);

        g_ptr_array_add (out, u);
        for (guint i = kids ? kids->len : 0; i > 0; i--)
          g_ptr_array_add (todo, g_ptr_array_index (kids, i - 1));
      }
  }
  /* A unit whose parent chain is broken (only possible if the file was
   * edited with foreign keys off) is not reached from the top: list it at
   * the end rather than drop or leak it.  Ownership moved to out, so all
   * must not free them. */
  if (out->len < all->len)
    {
      g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < out->len; i++)
        g_hash_table_add (reached, g_ptr_array_index (out, i));
      for (guint i = 0; i < all->len; i++)
        if (!g_hash_table_contains (reached, g_ptr_array_index (all, i)))
          g_ptr_array_add (out, g_ptr_array_index (all, i));
    }
  g_ptr_array_set_free_func (all, NULL);
  return g_steal_pointer (&out);
}

/* ---- people ---- */

ThiduaRegPerson *
thidua_reg_person_new (void)
{
  ThiduaRegPerson *p = g_new0 (ThiduaRegPerson, 1);

  p->honorific = g_strdup ("");
  p->family_name = g_strdup ("");
  p->middle_name = g_strdup ("");
  p->given_name = g_strdup ("");
  p->position = g_strdup ("");
  p->start_date = g_strdup ("");
  return p;
}

void
thidua_reg_person_free (ThiduaRegPerson *p)
{
  if (p == NULL)
    return;
  g_free (p->honorific);
  g_free (p->family_name);
  g_free (p->middle_name);
  g_free (p->given_name);
  g_free (p->position);
  g_free (p->start_date);
  g_free (p);
}

/* The white space a name is split on, including no-break spaces from
 * spreadsheets.  The text is valid UTF-8.  No character of U+0080–U+07FF
 * but U+00A0, and none of U+1E00–U+1FFF (the Vietnamese letters), is white
 * space: those are answered without GLib. */
static inline gboolean
name_space_at (const char *q, gsize *len)
{
  const guchar *u = (const guchar *) q;
  gunichar c;

  if (u[0] < 0x80)
    {
      *len = 1;
      return u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r' || u[0] == '\f';
    }
  if (u[0] < 0xE0)
    {
      *len = 2;
      return u[0] == 0xC2 && u[1] == 0xA0;
    }
  if (u[0] == 0xE1 && u[1] >= 0xB8)
    {
      *len = 3;
      return FALSE;
    }
  c = g_utf8_get_char (q);
  *len = g_utf8_skip[u[0]];
  return g_unichar_isspace (c) || c == 0xA0;
}

gboolean
thidua_reg_split_full_name (const char *full_name, GString *out, const char **honorific,
                            gsize *full_len, gsize parts[3])
{
  g_autofree char *owned = NULL;
  const char *s = full_name ? full_name : "";
  const char *q;
  char *o;
  gsize len, first_len = 0, second_len = 0, last_len = 0, family_len, middle_len, given_len;
  guint n_words = 0, first = 0;

  *honorific = NULL;
  /* NFC; a name typed or read is almost always NFC already */
  len = strlen (s);
  if (!thidua_text_is_surely_nfc (s, (gssize) len))
    {
      if ((s = owned = thidua_text_nfc (s, -1)) == NULL)
        {
          g_string_truncate (out, 0);
          return FALSE;
        }
      len = strlen (s);
    }

  /* the words joined by one space (no longer than the text), then the
   * parts (no longer either), each with a NUL */
  g_string_set_size (out, 2 * len + 4);
  o = out->str;
  for (q = s; *q != '\0';)
    {
      const char *start;
      gsize n;

      while (*q != '\0' && name_space_at (q, &n))
        q += n;
      start = q;
      while (*q != '\0' && !name_space_at (q, &n))
        q += n;
      if (q == start)
        continue;
      if (n_words > 0)
        *o++ = ' ';
      memcpy (o, start, q - start);
      o += q - start;
      if (n_words == 0)
        first_len = q - start;
      else if (n_words == 1)
        second_len = q - start;
      last_len = q - start;
      n_words++;
    }
  *full_len = o - out->str;

  *honorific = "";
  /* "Ông" and "Bà" are at most 4 bytes in NFC: longer words are not folded */
  if (n_words > 1 && first_len <= 4
      /* an ASCII letter first folds to itself in lower case */
      && ((guchar) out->str[0] >= 0x80 || strchr ("oObB", out->str[0]) != NULL))
    {
      if (thidua_text_fold_equal (out->str, first_len, "ong"))
        *honorific = "Ông", first = 1;
      else if (thidua_text_fold_equal (out->str, first_len, "ba"))
        *honorific = "Bà", first = 1;
    }
  if (first >= n_words)
    {
      g_string_truncate (out, 0);
      return FALSE;
    }
  if (first == 1)
    {
      /* the full name is without it */
      memmove (out->str, out->str + first_len + 1, *full_len - first_len - 1);
      *full_len -= first_len + 1;
      first_len = second_len;
    }

  /* family NUL middle NUL given, copied from the full name: its first
   * word, those between, its last (the one word left is the given name) */
  given_len = last_len;
  family_len = n_words - first >= 2 ? first_len : 0;
  middle_len = n_words - first >= 3 ? *full_len - family_len - given_len - 2 : 0;
  parts[0] = *full_len + 1;
  parts[1] = parts[0] + family_len + 1;
  parts[2] = parts[1] + middle_len + 1;
  o = out->str;
  o[*full_len] = '\0';
  memcpy (o + parts[0], o, family_len);
  o[parts[0] + family_len] = '\0';
  memcpy (o + parts[1], o + family_len + 1, middle_len);
  o[parts[1] + middle_len] = '\0';
  memcpy (o + parts[2], o + *full_len - given_len, given_len);
  g_string_truncate (out, parts[2] + given_len);
  return TRUE;
}

gboolean
thidua_reg_person_set_full_name (ThiduaRegPerson *p, const char *full_name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *honorific;
  gsize full_len, parts[3];
  gboolean ok = thidua_reg_split_full_name (full_name, out, &honorific, &full_len, parts);

  if (honorific != NULL)
    {
      g_free (p->honorific);
      p->honorific = g_strdup (honorific);
    }
  if (!ok)
    return FALSE;
  g_free (p->family_name);
  g_free (p->middle_name);
  g_free (p->given_name);
  p->family_name = g_strdup (out->str + parts[0]);
  p->middle_name = g_strdup (out->str + parts[1]);
  p->given_name = g_strdup (out->str + parts[2]);
  return TRUE;
}

char *
thidua_reg_person_dup_full_name (const ThiduaRegPerson *p)
{
  GString *s = g_string_new (p->family_name);

  if (*p->middle_name)
    {
      if (s->len) g_string_append_c (s, ' ');
      g_string_append (s, p->middle_name);
    }
  if (*p->given_name)
    {
      if (s->len) g_string_append_c (s, ' ');
      g_string_append (s, p->given_name);
    }
  return g_string_free (s, FALSE);
}

char *
thidua_register_person_sort_key (const ThiduaRegPerson *p)
{
  g_autofree char *full = thidua_reg_person_dup_full_name (p);
  return thidua_text_person_sort_key (full);
}

static gboolean
normalise_person (ThiduaRegPerson *p, GError **error)
{
  char **fields[] = { &p->honorific, &p->family_name, &p->middle_name, &p->given_name,
                      &p->position, &p->start_date };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char *nfc = thidua_text_nfc (*fields[i] ? *fields[i] : "", -1);
      char *stripped;

      if (nfc == NULL)
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                       _("a person's details are not valid UTF-8 text"));
          return FALSE;
        }
      stripped = thidua_text_strip (nfc);
      g_free (nfc);
      g_free (*fields[i]);
      *fields[i] = stripped;
    }
  if (*p->given_name == '\0')
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a person needs a name"));
      return FALSE;
    }
  if (*p->honorific && !g_str_equal (p->honorific, "Ông") && !g_str_equal (p->honorific, "Bà"))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("“%s” is not Ông or Bà"), p->honorific);
      return FALSE;
    }
  if (p->birth_year != 0 && (p->birth_year < 1900 || p->birth_year > 2100))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("%d is not a birth year"), p->birth_year);
      return FALSE;
    }
  if (*p->start_date)
    {
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", p->start_date);
      dt = g_date_time_new_from_iso8601 (iso, NULL);
      if (dt == NULL || strlen (p->start_date) != 10)
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                       _("“%s” is not a date (YYYY-MM-DD)"), p->start_date);
          return FALSE;
        }
    }
  return TRUE;
}

static void
bind_person (sqlite3_stmt *stmt, const ThiduaRegPerson *p)
{
  g_autofree char *full = thidua_reg_person_dup_full_name (p);
  g_autofree char *key = thidua_text_fold (full);
  g_autofree char *sort_key = thidua_text_person_sort_key (full);

  reg_bind_text (stmt, 1, p->honorific);
  reg_bind_text (stmt, 2, p->family_name);
  reg_bind_text (stmt, 3, p->middle_name);
  reg_bind_text (stmt, 4, p->given_name);
  reg_bind_text (stmt, 5, p->position);
  reg_bind_id (stmt, 6, p->unit_id);
  reg_bind_text (stmt, 7, p->start_date);
  if (p->birth_year)
    sqlite3_bind_int (stmt, 8, p->birth_year);
  else
    sqlite3_bind_null (stmt, 8);
  reg_bind_text (stmt, 9, key);
  reg_bind_text (stmt, 10, sort_key);
}

static gboolean
add_person_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  ThiduaRegPerson *p = data;
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autofree char *full = thidua_reg_person_dup_full_name (p);
  g_autofree char *key = thidua_text_fold (full);
  g_autofree char *sort_key = thidua_text_person_sort_key (full);
  g_autoptr(GError) local = NULL;
  g_autofree char *missing = NULL;

  if (!thidua_register_stage_begin (self, error))
    return FALSE;
  ins = thidua_register_prepare (self, THIDUA_REGISTER_STAGE_PERSON, "adding a person", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, 1);
  reg_bind_text (ins, 2, p->honorific);
  reg_bind_text (ins, 3, p->family_name);
  reg_bind_text (ins, 4, p->middle_name);
  reg_bind_text (ins, 5, p->given_name);
  reg_bind_text (ins, 6, p->position);
  sqlite3_bind_int64 (ins, 7, p->unit_id > 0 ? p->unit_id : 0);
  reg_bind_text (ins, 8, p->start_date);
  if (p->birth_year)
    sqlite3_bind_int (ins, 9, p->birth_year);
  else
    sqlite3_bind_null (ins, 9);
  reg_bind_text (ins, 10, key);
  reg_bind_text (ins, 11, sort_key);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, "adding a person");
  missing = g_strdup_printf ("unit %" G_GINT64_FORMAT " does not exist", p->unit_id);
  return take_flushed (self, thidua_register_flush_people (self, -1, -1, 0, &local), &local,
                       missing, &p->id, error);
}

gint64
thidua_register_add_person (ThiduaRegister *self, ThiduaRegPerson *person, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), 0);
  if (!normalise_person (person, error))
    return 0;
  if (!run_txn (self, add_person_cb, person, error))
    return 0;
  return person->id;
}

static gboolean
update_person_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  ThiduaRegPerson *p = data;
  g_autoptr(sqlite3_stmt) upd = NULL;

  upd = thidua_register_prepare (self,
      "UPDATE people SET honorific = ?1, family_name = ?2, middle_name = ?3, given_name = ?4, "
      "position = ?5, unit_id = ?6, start_date = ?7, birth_year = ?8, name_key = ?9, "
      "sort_key = ?10 WHERE id = ?11", "changing a person", error);
  if (upd == NULL)
    return FALSE;
  bind_person (upd, p);
  sqlite3_bind_int64 (upd, 11, p->id);
  return step_one (self, upd, "changing a person", "person", p->id, error);
}

gboolean
thidua_register_update_person (ThiduaRegister *self, ThiduaRegPerson *person, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  if (!normalise_person (person, error))
    return FALSE;
  return run_txn (self, update_person_cb, person, error);
}

ThiduaRegPerson *
thidua_register_load_person (ThiduaRegister *self, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  ThiduaRegPerson *p;
  int rc;

  sel = thidua_register_prepare (self,
      "SELECT honorific, family_name, middle_name, given_name, position, ifnull (unit_id, 0), "
      "start_date, ifnull (birth_year, 0) FROM people WHERE id = ?1", "reading a person", error);
  if (sel == NULL)
    return NULL;
  sqlite3_bind_int64 (sel, 1, id);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   "there is no person %" G_GINT64_FORMAT, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      thidua_register_sql_fail (self, error, "reading a person");
      return NULL;
    }
  p = g_new0 (ThiduaRegPerson, 1);
  p->id = id;
  p->honorific = g_strdup (reg_column_text (sel, 0));
  p->family_name = g_strdup (reg_column_text (sel, 1));
  p->middle_name = g_strdup (reg_column_text (sel, 2));
  p->given_name = g_strdup (reg_column_text (sel, 3));
  p->position = g_strdup (reg_column_text (sel, 4));
  p->unit_id = sqlite3_column_int64 (sel, 5);
  p->start_date = g_strdup (reg_column_text (sel, 6));
  p->birth_year = sqlite3_column_int (sel, 7);
  return p;
}

/* ---- registrations ---- */

ThiduaRegistration *
thidua_registration_new (void)
{
  ThiduaRegistration *r = g_new0 (ThiduaRegistration, 1);

  r->year = g_strdup ("");
  r->title = g_strdup ("");
  r->initiative = g_strdup ("");
  r->decision = g_strdup ("");
  r->note = g_strdup ("");
  r->person_name = g_strdup ("");
  r->honorific = g_strdup ("");
  r->given_name = g_strdup ("");
  r->position = g_strdup ("");
  r->unit_name = g_strdup ("");
  r->search_key = g_strdup ("");
  r->sort_key = g_strdup ("");
  r->unit_sort_key = g_strdup ("");
  return r;
}

ThiduaRegistration *
thidua_registration_copy (const ThiduaRegistration *r)
{
  ThiduaRegistration *c = g_memdup2 (r, sizeof *r);

  c->year = g_strdup (r->year);
  c->title = g_strdup (r->title);
  c->initiative = g_strdup (r->initiative);
  c->decision = g_strdup (r->decision);
  c->note = g_strdup (r->note);
  c->person_name = g_strdup (r->person_name);
  c->honorific = g_strdup (r->honorific);
  c->given_name = g_strdup (r->given_name);
  c->position = g_strdup (r->position);
  c->unit_name = g_strdup (r->unit_name);
  c->search_key = g_strdup (r->search_key);
  c->sort_key = g_strdup (r->sort_key);
  c->unit_sort_key = g_strdup (r->unit_sort_key);
  return c;
}

void
thidua_registration_free (ThiduaRegistration *r)
{
  if (r == NULL)
    return;
  g_free (r->year);
  g_free (r->title);
  g_free (r->initiative);
  g_free (r->decision);
  g_free (r->note);
  g_free (r->person_name);
  g_free (r->honorific);
  g_free (r->given_name);
  g_free (r->position);
  g_free (r->unit_name);
  g_free (r->search_key);
  g_free (r->sort_key);
  g_free (r->unit_sort_key);
  g_free (r);
}

static gboolean
normalise_text_field (char **field, GError **error)
{
  char *nfc = thidua_text_nfc (*field ? *field : "", -1);

  if (nfc == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a registration's text is not valid UTF-8"));
      return FALSE;
    }
  g_free (*field);
  *field = thidua_text_strip (nfc);
  g_free (nfc);
  return TRUE;
}

/* "Nguyễn Văn An" or "Khoa Lý luận cơ sở", for messages. */
static char *
describe_who (ThiduaRegister *self, gint64 person_id, gint64 unit_id)
{
  g_autoptr(sqlite3_stmt) sel = NULL;

  if (person_id > 0)
    {
      sel = thidua_register_prepare (self,
          "SELECT trim (family_name || ' ' || middle_name) || ' ' || given_name FROM people WHERE id = ?1",
          "reading a person", NULL);
      if (sel == NULL)
        return g_strdup ("?");
      sqlite3_bind_int64 (sel, 1, person_id);
    }
  else
    {
      sel = thidua_register_prepare (self, "SELECT name FROM units WHERE id = ?1", "reading a unit", NULL);
      if (sel == NULL)
        return g_strdup ("?");
      sqlite3_bind_int64 (sel, 1, unit_id);
    }
  if (sqlite3_step (sel) == SQLITE_ROW)
    {
      g_autofree char *s = g_strdup (reg_column_text (sel, 0));
      /* collapse the double space of a person without a middle name */
      GString *out = g_string_new (NULL);
      for (const char *p = s; *p; p++)
        if (!(*p == ' ' && (out->len == 0 || out->str[out->len - 1] == ' ')))
          g_string_append_c (out, *p);
      return g_string_free (out, FALSE);
    }
  return g_strdup ("?");
}

static gboolean
validate_registration (ThiduaRegister *self, ThiduaRegistration *r, GError **error)
{
  const ThiduaTitle *title;
  char **fields[] = { &r->title, &r->initiative, &r->decision, &r->note };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!normalise_text_field (fields[i], error))
      return FALSE;

  title = thidua_catalog_match (self->catalog, r->title);
  if (title == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("“%s” is not a title or form of reward in the catalog"), r->title);
      return FALSE;
    }
  g_free (r->title);
  r->title = g_strdup (title->id);

  if (r->person_id <= 0 && r->unit_id <= 0)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a registration needs a person or a unit"));
      return FALSE;
    }
  if (r->person_id > 0 && !(title->subject & THIDUA_SUBJECT_INDIVIDUAL))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("“%s” is a title for collectives, not for a person"), title->name);
      return FALSE;
    }
  if (r->person_id <= 0 && !(title->subject & THIDUA_SUBJECT_COLLECTIVE))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("“%s” is a title for individuals, not for a unit"), title->name);
      return FALSE;
    }
  return TRUE;
}

/* The id of a registration with the same who, title and year, or 0. */
static gint64
find_same (ThiduaRegister *self, gint64 year_id, gint64 person_id, gint64 unit_id,
           const char *title, gint64 except_id, gboolean *withdrawn)
{
  g_autoptr(sqlite3_stmt) sel = NULL;

  if (person_id > 0)
    sel = thidua_register_prepare (self,
        "SELECT id, status FROM registrations WHERE year_id = ?1 AND person_id = ?2 AND title = ?3 AND id <> ?4",
        "checking for the same title", NULL);
  else
    sel = thidua_register_prepare (self,
        "SELECT id, status FROM registrations WHERE year_id = ?1 AND person_id IS NULL AND unit_id = ?2 "
        "AND title = ?3 AND id <> ?4", "checking for the same title", NULL);
  if (sel == NULL)
    return 0;
  sqlite3_bind_int64 (sel, 1, year_id);
  sqlite3_bind_int64 (sel, 2, person_id > 0 ? person_id : unit_id);
  reg_bind_text (sel, 3, title);
  sqlite3_bind_int64 (sel, 4, except_id);
  if (sqlite3_step (sel) != SQLITE_ROW)
    return 0;
  if (withdrawn)
    *withdrawn = g_str_equal (reg_column_text (sel, 1), "withdrawn");
  return sqlite3_column_int64 (sel, 0);
}

static gboolean
refuse_duplicate (ThiduaRegister *self, ThiduaRegistration *r, gint64 year_id, GError **error)
{
  gboolean withdrawn = FALSE;
  g_autofree char *who = NULL;
  g_autofree char *label = NULL;
  const ThiduaTitle *title;

  if (find_same (self, year_id, r->person_id, r->unit_id, r->title, r->id, &withdrawn) == 0)
    return TRUE;
  who = describe_who (self, r->person_id, r->unit_id);
  title = thidua_catalog_lookup (self->catalog, r->title);
  thidua_reg_year_parse (r->year, &label, NULL, NULL, NULL);
  g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_DUPLICATE,
               withdrawn ? _("%s is already registered for “%s” in %s (withdrawn: change that "
                             "registration's status instead)")
                         : _("%s is already registered for “%s” in %s"),
               who, title->name, label ? label : r->year);
  return FALSE;
}

/* One registration as the staged row seq 1 (adding it, or restoring it). */
static gboolean
stage_registration (ThiduaRegister *self, const ThiduaRegistration *r, const char *doing, GError **error)
{
  g_autoptr(sqlite3_stmt) ins = NULL;

  if (!thidua_register_stage_begin (self, error))
    return FALSE;
  ins = thidua_register_prepare (self, THIDUA_REGISTER_STAGE_REGISTRATION, doing, error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, 1);
  sqlite3_bind_int64 (ins, 2, r->person_id > 0 ? r->person_id : 0);
  sqlite3_bind_int64 (ins, 3, r->unit_id > 0 ? r->unit_id : 0);
  reg_bind_text (ins, 4, r->title);
  reg_bind_id (ins, 5, r->plan_id);
  reg_bind_text (ins, 6, r->initiative);
  reg_bind_text (ins, 7, thidua_reg_status_to_string (r->status));
  reg_bind_text (ins, 8, thidua_reg_result_to_string (r->result));
  reg_bind_text (ins, 9, r->decision);
  reg_bind_text (ins, 10, r->note);
  if (sqlite3_step (ins) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, doing);
  return TRUE;
}

static gboolean
add_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  ThiduaRegistration *r = data;
  g_autoptr(GError) local = NULL;
  gint64 year_id;

  year_id = thidua_register_ensure_year (self, r->year, TRUE, error);
  if (year_id == 0)
    return FALSE;
  /* A person's registration carries the person's unit when none is given. */
  if (r->person_id > 0 && r->unit_id <= 0)
    {
      g_autoptr(ThiduaRegPerson) p = thidua_register_load_person (self, r->person_id, error);
      if (p == NULL)
        return FALSE;
      r->unit_id = p->unit_id;
    }
  if (!refuse_duplicate (self, r, year_id, error))
    return FALSE;

  if (!stage_registration (self, r, "adding a registration", error))
    return FALSE;
  return take_flushed (self, thidua_register_flush_registrations (self, year_id, -1, -1, r->import_id, &local),
                       &local, _("the person, unit or plan of the registration does not exist"), &r->id, error);
}

gint64
thidua_register_add (ThiduaRegister *self, ThiduaRegistration *r, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), 0);
  g_return_val_if_fail (r != NULL, 0);

  if (!validate_registration (self, r, error))
    return 0;
  if (!run_txn (self, add_cb, r, error))
    return 0;
  return r->id;
}

static gboolean
update_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  ThiduaRegistration *r = data;
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  gint64 year_id;
  int rc;

  sel = thidua_register_prepare (self,
      "SELECT r.year_id, y.label FROM registrations r JOIN reg_years y ON y.id = r.year_id WHERE r.id = ?1",
      "changing a registration", error);
  if (sel == NULL)
    return FALSE;
  sqlite3_bind_int64 (sel, 1, r->id);
  rc = sqlite3_step (sel);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                   "there is no registration %" G_GINT64_FORMAT, r->id);
      return FALSE;
    }
  year_id = sqlite3_column_int64 (sel, 0);
  g_free (r->year);
  r->year = g_strdup (reg_column_text (sel, 1));
  if (!refuse_duplicate (self, r, year_id, error))
    return FALSE;

  upd = thidua_register_prepare (self,
      "UPDATE registrations SET title = ?1, plan_id = ?2, initiative = ?3, status = ?4, "
      "result = ?5, decision = ?6, note = ?7, modified = ?8 WHERE id = ?9",
      "changing a registration", error);
  if (upd == NULL)
    return FALSE;
  reg_bind_text (upd, 1, r->title);
  reg_bind_id (upd, 2, r->plan_id);
  reg_bind_text (upd, 3, r->initiative);
  reg_bind_text (upd, 4, thidua_reg_status_to_string (r->status));
  reg_bind_text (upd, 5, thidua_reg_result_to_string (r->result));
  reg_bind_text (upd, 6, r->decision);
  reg_bind_text (upd, 7, r->note);
  sqlite3_bind_int64 (upd, 8, now_seconds ());
  sqlite3_bind_int64 (upd, 9, r->id);
  if (sqlite3_step (upd) != SQLITE_DONE)
    return thidua_register_sql_fail (self, error, "changing a registration");
  return TRUE;
}

gboolean
thidua_register_update (ThiduaRegister *self, ThiduaRegistration *r, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  if (!validate_registration (self, r, error))
    return FALSE;
  return run_txn (self, update_cb, r, error);
}

static gboolean
remove_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(sqlite3_stmt) del = thidua_register_prepare (self,
      "DELETE FROM registrations WHERE id = ?1", "removing a registration", error);

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  return step_one (self, del, "removing a registration", "registration", id, error);
}

gboolean
thidua_register_remove (ThiduaRegister *self, gint64 id, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  return run_txn (self, remove_cb, &id, error);
}

/* ---- everyday edits ---- */

gint64
thidua_register_find_person (ThiduaRegister *self, const char *full_name, gint64 unit_id)
{
  g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
  g_autofree char *full = NULL;
  g_autofree char *key = NULL;
  g_autoptr(sqlite3_stmt) sel = NULL;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), 0);
  if (!thidua_reg_person_set_full_name (p, full_name))
    return 0;
  full = thidua_reg_person_dup_full_name (p);
  key = thidua_text_fold (full);
  sel = thidua_register_prepare (self,
      "SELECT id FROM people WHERE name_key = ?1 AND ifnull (unit_id, 0) = ?2 ORDER BY id LIMIT 1",
      "finding a person", NULL);
  if (sel == NULL)
    return 0;
  reg_bind_text (sel, 1, key);
  sqlite3_bind_int64 (sel, 2, unit_id > 0 ? unit_id : 0);
  return sqlite3_step (sel) == SQLITE_ROW ? sqlite3_column_int64 (sel, 0) : 0;
}

typedef struct {
  ThiduaRegistration *r;
  const char         *person;
  const char         *position;
  const char         *unit;
} AddByName;

static gboolean
add_by_name_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  AddByName *a = data;
  gint64 unit_id = 0, person_id = 0;

  if (a->unit != NULL && *a->unit)
    {
      unit_id = thidua_register_find_unit (self, a->unit);
      if (unit_id == 0 && (unit_id = thidua_register_add_unit (self, 0, a->unit, "", error)) == 0)
        return FALSE;
    }
  if (a->person != NULL)
    {
      person_id = thidua_register_find_person (self, a->person, unit_id);
      if (person_id == 0)
        {
          g_autoptr(ThiduaRegPerson) p = thidua_reg_person_new ();
          if (!thidua_reg_person_set_full_name (p, a->person))
            {
              g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                           _("a person needs a name"));
              return FALSE;
            }
          g_free (p->position);
          p->position = g_strdup (a->position ? a->position : "");
          p->unit_id = unit_id;
          if ((person_id = thidua_register_add_person (self, p, error)) == 0)
            return FALSE;
        }
    }
  a->r->person_id = person_id;
  a->r->unit_id = unit_id;
  if (!validate_registration (self, a->r, error))
    return FALSE;
  return add_cb (self, a->r, error);
}

gint64
thidua_register_add_by_name (ThiduaRegister *self, ThiduaRegistration *r, const char *person_name,
                             const char *position, const char *unit_name, GError **error)
{
  AddByName a = { r, person_name, position, unit_name };

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), 0);
  g_return_val_if_fail (r != NULL, 0);
  if (person_name == NULL && (unit_name == NULL || *unit_name == '\0'))
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a registration needs a person or a unit"));
      return 0;
    }
  /* an unknown title is refused before anything is looked up or created */
  if (thidua_catalog_match (self->catalog, r->title ? r->title : "") == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("“%s” is not a title or form of reward in the catalog"), r->title ? r->title : "");
      return 0;
    }
  if (!run_txn (self, add_by_name_cb, &a, error))
    {
      r->id = 0;
      return 0;
    }
  return r->id;
}

static gboolean
restore_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  const ThiduaRegistration *r = data;
  gint64 year_id = thidua_register_ensure_year (self, r->year, TRUE, error);

  if (year_id == 0 || !stage_registration (self, r, "restoring a registration", error))
    return FALSE;
  /* the staged registration (seq 1) gets its old id back */
  return thidua_register_flush_registrations_with_id (self, year_id, r->id, r->import_id, error);
}

gboolean
thidua_register_restore (ThiduaRegister *self, const ThiduaRegistration *r, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (r != NULL && r->id > 0, FALSE);
  return run_txn (self, restore_cb, (gpointer) r, error);
}

gboolean
thidua_register_delete (ThiduaRegister *self, gint64 id, ThiduaRegistration **old, GError **error)
{
  g_autoptr(ThiduaRegistration) before = NULL;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  if ((before = thidua_register_load (self, id, error)) == NULL)
    return FALSE;
  if (!thidua_register_remove (self, id, error))
    return FALSE;
  if (old)
    *old = g_steal_pointer (&before);
  return TRUE;
}

gboolean
thidua_register_set_status (ThiduaRegister *self, gint64 id, ThiduaRegStatus status,
                            ThiduaRegistration **old, GError **error)
{
  g_autoptr(ThiduaRegistration) before = NULL;
  g_autoptr(ThiduaRegistration) r = NULL;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  if ((before = thidua_register_load (self, id, error)) == NULL)
    return FALSE;
  r = thidua_registration_copy (before);
  r->status = status;
  if (!thidua_register_update (self, r, error))
    return FALSE;
  if (old)
    *old = g_steal_pointer (&before);
  return TRUE;
}

typedef struct {
  const gint64    *ids;
  guint            n_ids;
  ThiduaRegResult  result;
  const char      *decision;
  GPtrArray       *old;
} SetResults;

static gboolean
set_results_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  SetResults *sr = data;
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  gint64 now = now_seconds ();

  sel = thidua_register_prepare (self, THIDUA_REGISTER_SELECT "WHERE r.id = ?1", "reading a registration", error);
  upd = thidua_register_prepare (self,
      "UPDATE registrations SET result = ?1, decision = ?2, modified = ?3 WHERE id = ?4",
      "entering results", error);
  if (sel == NULL || upd == NULL)
    return FALSE;
  reg_bind_text (upd, 1, thidua_reg_result_to_string (sr->result));
  sqlite3_bind_text (upd, 2, sr->decision, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upd, 3, now);
  for (guint i = 0; i < sr->n_ids; i++)
    {
      int rc;

      if (sr->old != NULL)
        {
          sqlite3_bind_int64 (sel, 1, sr->ids[i]);
          rc = sqlite3_step (sel);
          if (rc == SQLITE_ROW)
            g_ptr_array_add (sr->old, thidua_register_registration_from_row (sel));
          sqlite3_reset (sel);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return thidua_register_sql_fail (self, error, "reading a registration");
        }
      sqlite3_bind_int64 (upd, 4, sr->ids[i]);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        return thidua_register_sql_fail (self, error, "entering results");
      if (sqlite3_changes (thidua_register_get_db (self)) == 0)
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                       "there is no registration %" G_GINT64_FORMAT, sr->ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
thidua_register_set_results (ThiduaRegister *self, const gint64 *ids, guint n_ids,
                             ThiduaRegResult result, const char *decision,
                             GPtrArray **old, GError **error)
{
  g_autofree char *nfc = NULL;
  g_autoptr(GPtrArray) before = NULL;
  SetResults sr;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  nfc = thidua_text_nfc (decision ? decision : "", -1);
  if (nfc == NULL)
    {
      g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID,
                   _("a registration's text is not valid UTF-8"));
      return FALSE;
    }
  if (old)
    before = g_ptr_array_new_full (n_ids, (GDestroyNotify) thidua_registration_free);
  {
    g_autofree char *stripped = thidua_text_strip (nfc);
    sr = (SetResults) { ids, n_ids, result, stripped, before };
    if (!run_txn (self, set_results_cb, &sr, error))
      return FALSE;
  }
  if (old)
    *old = g_steal_pointer (&before);
  return TRUE;
}

static gboolean
update_many_cb (ThiduaRegister *self, gpointer data, GError **error)
{
  GPtrArray *rows = data;

  for (guint i = 0; i < rows->len; i++)
    if (!update_cb (self, g_ptr_array_index (rows, i), error))
      return FALSE;
  return TRUE;
}

gboolean
thidua_register_update_many (ThiduaRegister *self, GPtrArray *rows, GError **error)
{
  g_return_val_if_fail (THIDUA_IS_REGISTER (self), FALSE);
  for (guint i = 0; i < rows->len; i++)
    if (!validate_registration (self, g_ptr_array_index (rows, i), error))
      return FALSE;
  return run_txn (self, update_many_cb, rows, error);
}

/* ---- queries ---- */

ThiduaRegistration *
thidua_register_registration_from_row (sqlite3_stmt *sel)
{
  ThiduaRegistration *r = g_new0 (ThiduaRegistration, 1);
  ThiduaRegPerson p = { 0 };

  r->id = sqlite3_column_int64 (sel, 0);
  r->year = g_strdup (reg_column_text (sel, 1));
  r->person_id = sqlite3_column_int64 (sel, 2);
  r->unit_id = sqlite3_column_int64 (sel, 3);
  r->title = g_strdup (reg_column_text (sel, 4));
  r->plan_id = sqlite3_column_int64 (sel, 5);
  r->initiative = g_strdup (reg_column_text (sel, 6));
  thidua_reg_status_from_string (reg_column_text (sel, 7), &r->status);
  thidua_reg_result_from_string (reg_column_text (sel, 8), &r->result);
  r->decision = g_strdup (reg_column_text (sel, 9));
  r->note = g_strdup (reg_column_text (sel, 10));
  r->import_id = sqlite3_column_int64 (sel, 11);
  r->honorific = g_strdup (reg_column_text (sel, 12));
  p.family_name = (char *) reg_column_text (sel, 13);
  p.middle_name = (char *) reg_column_text (sel, 14);
  p.given_name = (char *) reg_column_text (sel, 15);
  r->person_name = thidua_reg_person_dup_full_name (&p);
  r->given_name = g_strdup (p.given_name);
  r->position = g_strdup (reg_column_text (sel, 16));
  r->birth_year = sqlite3_column_int (sel, 17);
  r->unit_name = g_strdup (reg_column_text (sel, 18));
  r->sort_key = g_strdup (reg_column_text (sel, 19));
  r->unit_sort_key = g_strdup (reg_column_text (sel, 20));
  r->search_key = g_strconcat (reg_column_text (sel, 21), " ", reg_column_text (sel, 22), NULL);
  return r;
}

ThiduaRegistration *
thidua_register_load (ThiduaRegister *self, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) sel = NULL;
  int rc;

  sel = thidua_register_prepare (self, THIDUA_REGISTER_SELECT "WHERE r.id = ?1",
                                 "reading a registration", error);
  if (sel == NULL)
    return NULL;
  sqlite3_bind_int64 (sel, 1, id);
  rc = sqlite3_step (sel);
  if (rc == SQLITE_ROW)
    return thidua_register_registration_from_row (sel);
  if (rc == SQLITE_DONE)
    g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                 "there is no registration %" G_GINT64_FORMAT, id);
  else
    thidua_register_sql_fail (self, error, "reading a registration");
  return NULL;
}

typedef struct {
  ThiduaRegistration *r;
  char               *person_key;
  char               *unit_key;
  guint               title_pos;
} SortItem;

static int
cmp_str (const char *a, const char *b)
{
  return strcmp (a ? a : "", b ? b : "");
}

static int
cmp_by_unit (gconstpointer pa, gconstpointer pb)
{
  const SortItem *a = pa, *b = pb;
  int c;

  if ((c = cmp_str (a->unit_key, b->unit_key)) != 0)
    return c;
  if (a->r->unit_id != b->r->unit_id)
    return a->r->unit_id < b->r->unit_id ? -1 : 1;
  /* the unit's own registrations before its members' */
  if ((a->r->person_id == 0) != (b->r->person_id == 0))
    return a->r->person_id == 0 ? -1 : 1;
  if ((c = cmp_str (a->person_key, b->person_key)) != 0)
    return c;
  if (a->r->person_id != b->r->person_id)
    return a->r->person_id < b->r->person_id ? -1 : 1;
  if (a->title_pos != b->title_pos)
    return a->title_pos < b->title_pos ? -1 : 1;
  return a->r->id < b->r->id ? -1 : a->r->id > b->r->id;
}

static int
cmp_by_name (gconstpointer pa, gconstpointer pb)
{
  const SortItem *a = pa, *b = pb;
  int c;

  if ((a->r->person_id == 0) != (b->r->person_id == 0))
    return a->r->person_id == 0 ? 1 : -1;
  if ((c = cmp_str (a->person_key, b->person_key)) != 0)
    return c;
  if ((c = cmp_str (a->unit_key, b->unit_key)) != 0)
    return c;
  if (a->r->person_id != b->r->person_id)
    return a->r->person_id < b->r->person_id ? -1 : 1;
  if (a->title_pos != b->title_pos)
    return a->title_pos < b->title_pos ? -1 : 1;
  return a->r->id < b->r->id ? -1 : a->r->id > b->r->id;
}

static int
cmp_by_title (gconstpointer pa, gconstpointer pb)
{
  const SortItem *a = pa, *b = pb;

  if (a->title_pos != b->title_pos)
    return a->title_pos < b->title_pos ? -1 : 1;
  return cmp_by_unit (pa, pb);
}

GPtrArray *
thidua_register_query (ThiduaRegister *self, const ThiduaRegQuery *q, GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) sel = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SortItem));
  g_autofree char *label = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *unit_key = NULL;
  const ThiduaTitle *title = NULL;
  GPtrArray *out;
  int rc;

  g_return_val_if_fail (THIDUA_IS_REGISTER (self), NULL);
  g_return_val_if_fail (q != NULL && q->year != NULL, NULL);

  if (!thidua_reg_year_parse (q->year, &label, NULL, NULL, error))
    return NULL;
  if (q->title != NULL && *q->title != '\0')
    {
      title = thidua_catalog_match (self->catalog, q->title);
      if (title == NULL)
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                       _("“%s” is not a title or form of reward in the catalog"), q->title);
          return NULL;
        }
    }
  if (q->unit != NULL && *q->unit != '\0')
    {
      unit_key = thidua_text_fold (q->unit);
      if (thidua_register_find_unit (self, q->unit) == 0)
        {
          g_set_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND,
                       _("the register has no unit named “%s”"), q->unit);
          return NULL;
        }
      g_string_append (sql, "WITH RECURSIVE sub (id) AS (SELECT id FROM units WHERE name_key = ?2 "
                            "UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) ");
    }
  g_string_append (sql, THIDUA_REGISTER_SELECT "WHERE y.label = ?1 ");
  if (unit_key)
    g_string_append (sql, "AND r.unit_id IN (SELECT id FROM sub) ");
  if (title)
    g_string_append (sql, "AND r.title = ?3 ");
  if (q->status >= 0)
    g_string_append (sql, "AND r.status = ?4 ");
  if (q->result >= 0)
    g_string_append (sql, "AND r.result = ?5 ");

  sel = thidua_register_prepare (self, sql->str, "reading the register", error);
  if (sel == NULL)
    return NULL;
  reg_bind_text (sel, 1, label);
  if (unit_key)
    reg_bind_text (sel, 2, unit_key);
  if (title)
    reg_bind_text (sel, 3, title->id);
  if (q->status >= 0)
    reg_bind_text (sel, 4, thidua_reg_status_to_string (q->status));
  if (q->result >= 0)
    reg_bind_text (sel, 5, thidua_reg_result_to_string (q->result));

  if (q->search != NULL && *q->search != '\0')
    needle = thidua_text_fold (q->search);

  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      SortItem item;
      const ThiduaTitle *t;

      if (needle != NULL)
        {
          g_autofree char *hay = g_strconcat (reg_column_text (sel, 21), " ",
                                              reg_column_text (sel, 22), NULL);
          if (!thidua_text_folded_match (hay, needle))
            continue;
        }
      item.r = thidua_register_registration_from_row (sel);
      item.person_key = item.r->sort_key;
      item.unit_key = item.r->unit_sort_key;
      t = thidua_catalog_lookup (self->catalog, item.r->title);
      item.title_pos = t ? t->position : G_MAXUINT;
      g_array_append_val (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < items->len; i++)
        {
          SortItem *it = &g_array_index (items, SortItem, i);
          thidua_registration_free (it->r);
        }
      thidua_register_sql_fail (self, error, "reading the register");
      return NULL;
    }

  g_array_sort (items, q->sort == THIDUA_REG_SORT_NAME ? cmp_by_name
                       : q->sort == THIDUA_REG_SORT_TITLE ? cmp_by_title : cmp_by_unit);
  out = g_ptr_array_new_full (items->len, (GDestroyNotify) thidua_registration_free);
  for (guint i = 0; i < items->len; i++)
    {
      SortItem *it = &g_array_index (items, SortItem, i);
      g_ptr_array_add (out, it->r);
    }
  return out;
}
