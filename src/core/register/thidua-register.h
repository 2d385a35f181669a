/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register.h — the register of emulation registrations: units (a
 * tree), people, registration years and registrations, kept in the store's
 * SQLite database (tables from migrations/100-register.sql).
 *
 * Every string entering the register is NFC; names get a folded search key
 * and a Vietnamese sort key (given name first).  Every change runs in a
 * store transaction. */
#pragma once

#include <gio/gio.h>
#include "thidua-catalog.h"
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER (thidua_register_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegister, thidua_register, THIDUA, REGISTER, GObject)

#define THIDUA_REGISTER_ERROR (thidua_register_error_quark ())
typedef enum {
  THIDUA_REGISTER_ERROR_INVALID,    /* a value the register refuses; the message says which */
  THIDUA_REGISTER_ERROR_DUPLICATE,  /* the same title twice in a year */
  THIDUA_REGISTER_ERROR_NOT_FOUND,
  THIDUA_REGISTER_ERROR_FAILED,     /* SQLite failed */
} ThiduaRegisterError;
GQuark thidua_register_error_quark (void);

typedef enum {
  THIDUA_REG_STATUS_REGISTERED,
  THIDUA_REG_STATUS_WITHDRAWN,
} ThiduaRegStatus;

typedef enum {
  THIDUA_REG_RESULT_PENDING,
  THIDUA_REG_RESULT_ACHIEVED,
  THIDUA_REG_RESULT_NOT_ACHIEVED,
} ThiduaRegResult;

/* _to_string: Returns: (transfer none): a static nick (NULL, with a
 *   critical, for a value outside the enum).
 * _from_string: @s: (nullable): NULL or an unknown nick gives FALSE.
 *   @out: (out): set only when TRUE is returned. */
const char *thidua_reg_status_to_string   (ThiduaRegStatus status);   /* "registered" */
gboolean    thidua_reg_status_from_string (const char *s, ThiduaRegStatus *out);
const char *thidua_reg_result_to_string   (ThiduaRegResult result);   /* "not-achieved" */
gboolean    thidua_reg_result_from_string (const char *s, ThiduaRegResult *out);

/* ---- years ---- */

/* "2024", "2023-2024" (also "2023 - 2024", "2023–2024", "2023/2024");
 * the second year must follow the first.  label gets the canonical form.
 * @text: (nullable): NULL is not a year.
 * @label: (out) (optional) (transfer full): set only on success.
 * @start_year, @school: (out) (optional): set only on success. */
gboolean    thidua_reg_year_parse (const char *text, char **label,
                                   int *start_year, gboolean *school,
                                   GError **error);
/* The label of the year before: "2023" → "2022", "2023-2024" → "2022-2023".
 * @label: (nullable)
 * Returns: (transfer full) (nullable): NULL when label is not a year. */
char       *thidua_reg_year_previous (const char *label);

/* ---- units ---- */

typedef struct {
  gint64  id;
  gint64  parent_id;     /* 0 at the top */
  char   *name;
  char   *kind;          /* "khoa", "phòng", "tổ", "chi bộ", "trường" … or "" */
  int     closed_year;   /* 0 while the unit exists */
} ThiduaRegUnit;
void thidua_reg_unit_free (ThiduaRegUnit *unit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRegUnit, thidua_reg_unit_free)

/* Returns the new id, or 0 with an error (a sibling with the same name,
 * case and diacritics aside, is refused).
 * @name: copied; NULL or blank is refused.  @kind: (nullable): NULL is "". */
gint64      thidua_register_add_unit   (ThiduaRegister *self, gint64 parent_id,
                                        const char *name, const char *kind,
                                        GError **error);
/* The unit named so (folded comparison), anywhere in the tree; 0 if none.
 * @name: (nullable) */
gint64      thidua_register_find_unit  (ThiduaRegister *self, const char *name);
/* Marks a unit as gone from that year on (merged, dissolved); 0 reopens it. */
gboolean    thidua_register_close_unit (ThiduaRegister *self, gint64 id,
                                        int closed_year, GError **error);
/* All units (ThiduaRegUnit), parents before children, siblings in
 * Vietnamese order.
 * Returns: (transfer full) (element-type ThiduaRegUnit): frees its
 *   elements. */
GPtrArray  *thidua_register_list_units (ThiduaRegister *self, GError **error);

/* ---- people ---- */

typedef struct {
  gint64  id;
  char   *honorific;     /* "Ông", "Bà" or "" */
  char   *family_name;   /* Nguyễn */
  char   *middle_name;   /* Thị Thu */
  char   *given_name;    /* Hà */
  char   *position;
  gint64  unit_id;
  char   *start_date;    /* "YYYY-MM-DD" or "" */
  int     birth_year;    /* 0 when unknown */
} ThiduaRegPerson;
ThiduaRegPerson *thidua_reg_person_new  (void);
void             thidua_reg_person_free (ThiduaRegPerson *person);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRegPerson, thidua_reg_person_free)
/* Splits "Ông Nguyễn Văn An" into honorific, family, middle and given
 * names (NFC, white space collapsed).  FALSE when no name is left.
 * @full_name: (nullable): NULL leaves no name.  The family, middle and
 *   given names are replaced (the old strings freed) only when TRUE is
 *   returned; a FALSE may still have reset the honorific to "". */
gboolean         thidua_reg_person_set_full_name (ThiduaRegPerson *person, const char *full_name);
/* "Nguyễn Văn An" (without the honorific).
 * @person: its name fields must not be NULL (as _new and the loaders
 *   give them).
 * Returns: (transfer full) */
char            *thidua_reg_person_dup_full_name (const ThiduaRegPerson *person);

/* add_person and update_person: @person: (transfer none) (inout): not
 *   kept; its strings are normalised in place (old ones freed) and
 *   add_person sets person->id.
 * load_person: Returns: (transfer full): thidua_reg_person_free() it. */
gint64      thidua_register_add_person    (ThiduaRegister *self, ThiduaRegPerson *person,
                                           GError **error);
ThiduaRegPerson *thidua_register_load_person (ThiduaRegister *self, gint64 id, GError **error);
gboolean    thidua_register_update_person (ThiduaRegister *self, ThiduaRegPerson *person,
                                           GError **error);

/* ---- registrations ---- */

typedef struct {
  gint64           id;
  char            *year;        /* label: "2024" */
  gint64           person_id;   /* 0 for a collective registration */
  gint64           unit_id;     /* the person's unit, or the collective */
  char            *title;       /* catalog id */
  gint64           plan_id;     /* 0 when none */
  char            *initiative;
  ThiduaRegStatus  status;
  ThiduaRegResult  result;
  char            *decision;
  char            *note;
  gint64           import_id;   /* the import batch that created it, or 0 */

  /* Filled by queries, ignored when storing */
  char            *person_name; /* full name, "" for a collective */
  char            *honorific;
  char            *given_name;
  char            *position;
  char            *unit_name;
  int              birth_year;
  char            *search_key;   /* folded person and unit names */
  char            *sort_key;     /* the person's Vietnamese sort key (given name first) */
  char            *unit_sort_key;
} ThiduaRegistration;
/* _new gives every string "" (never NULL); _copy copies every string.
 * Both (transfer full): thidua_registration_free() the result. */
ThiduaRegistration *thidua_registration_new  (void);
ThiduaRegistration *thidua_registration_copy (const ThiduaRegistration *r);
void                thidua_registration_free (ThiduaRegistration *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRegistration, thidua_registration_free)

/* Adds (creating the year when new); the same title twice for the same
 * person (or unit) and year is refused with THIDUA_REGISTER_ERROR_DUPLICATE
 * and a message naming both.  Sets r->id.
 * add and update: @r: (transfer none) (inout): not kept; its strings
 *   are normalised in place.
 * load: Returns: (transfer full) */
gint64      thidua_register_add    (ThiduaRegister *self, ThiduaRegistration *r, GError **error);
/* Changes title, plan, initiative, status, result, decision, note. */
gboolean    thidua_register_update (ThiduaRegister *self, ThiduaRegistration *r, GError **error);
gboolean    thidua_register_remove (ThiduaRegister *self, gint64 id, GError **error);
ThiduaRegistration *thidua_register_load (ThiduaRegister *self, gint64 id, GError **error);

/* ---- everyday edits (each one transaction; each returns what undo needs) ---- */

/* The person of that full name in that unit (folded comparison), or 0. */
gint64      thidua_register_find_person (ThiduaRegister *self, const char *full_name, gint64 unit_id);

/* Registers r->title for a person (person_name, in unit_name, position
 * for a new person) or, with person_name NULL, for the unit itself; the
 * unit and the person are found by name or created.  All or nothing: a
 * refusal (unknown title, the same title twice in a year) leaves the
 * register unchanged.  Sets r->id, r->person_id and r->unit_id.
 * @r: (transfer none) (inout): not kept; r->id is 0 after a failure.
 * @person_name: (nullable): NULL registers the unit itself.
 * @position: (nullable): used only for a new person; NULL is "".
 * @unit_name: (nullable): NULL or "" is no unit (then person_name is
 *   required). */
gint64      thidua_register_add_by_name (ThiduaRegister *self, ThiduaRegistration *r,
                                         const char *person_name, const char *position,
                                         const char *unit_name, GError **error);
/* Puts back a registration removed by thidua_register_delete() (undo),
 * with its id.
 * @r: (transfer none): not kept; r->id must be > 0. */
gboolean    thidua_register_restore (ThiduaRegister *self, const ThiduaRegistration *r,
                                     GError **error);
/* Removes a registration; *old (may be NULL) gets it, for undo.
 * @old: (out) (optional) (transfer full): set only on success. */
gboolean    thidua_register_delete (ThiduaRegister *self, gint64 id,
                                    ThiduaRegistration **old, GError **error);
/* Withdrawn or registered again; *old gets the row before (undo: _update).
 * @old: (out) (optional) (transfer full): set only on success. */
gboolean    thidua_register_set_status (ThiduaRegister *self, gint64 id, ThiduaRegStatus status,
                                        ThiduaRegistration **old, GError **error);
/* Result and decision for many rows at once ("Đạt", "25/QĐ-UBND" for 40
 * selected rows), in one transaction; every id must exist.  *old (may be
 * NULL) gets the rows before, in the order of ids (undo: _update_many).
 * @ids: (array length=n_ids): may be NULL when n_ids is 0.
 * @decision: (nullable): NULL is "".
 * @old: (out) (optional) (transfer full) (element-type ThiduaRegistration):
 *   set only on success; the array frees its elements. */
gboolean    thidua_register_set_results (ThiduaRegister *self, const gint64 *ids, guint n_ids,
                                         ThiduaRegResult result, const char *decision,
                                         GPtrArray **old, GError **error);
/* Writes back title, plan, initiative, status, result, decision and note
 * of each row (ThiduaRegistration), in one transaction.
 * @rows: (transfer none) (element-type ThiduaRegistration): not kept;
 *   each row's strings are normalised in place. */
gboolean    thidua_register_update_many (ThiduaRegister *self, GPtrArray *rows, GError **error);

typedef enum {
  THIDUA_REG_SORT_UNIT,   /* unit, the unit's own registrations first, then people by given name */
  THIDUA_REG_SORT_NAME,   /* people by given name, family, middle (Vietnamese order) */
  THIDUA_REG_SORT_TITLE,  /* catalog order, then unit */
} ThiduaRegSort;

typedef struct {
  const char     *year;     /* required */
  const char     *search;   /* folded match on person and unit names; NULL: all */
  const char     *unit;     /* a unit's name: it and the units inside it; NULL: all */
  const char     *title;    /* name, abbreviation or id; NULL: all */
  int             status;   /* a ThiduaRegStatus, or -1 for any */
  int             result;   /* a ThiduaRegResult, or -1 for any */
  ThiduaRegSort   sort;
} ThiduaRegQuery;
/* The query's strings are borrowed for the call only. */
#define THIDUA_REG_QUERY_INIT { NULL, NULL, NULL, NULL, -1, -1, THIDUA_REG_SORT_UNIT }

/* The matching registrations (ThiduaRegistration) with names filled in.
 * An unknown year gives an empty list; an unknown unit or title an error.
 * @query: (transfer none): query->year must not be NULL.
 * Returns: (transfer full) (element-type ThiduaRegistration): frees its
 *   elements. */
GPtrArray  *thidua_register_query (ThiduaRegister *self, const ThiduaRegQuery *query,
                                   GError **error);
/* Year labels, oldest first.
 * Returns: (transfer full) (array zero-terminated=1): g_strfreev() it;
 *   empty (not NULL) when there are none. */
GStrv       thidua_register_list_years (ThiduaRegister *self, GError **error);
/* The plan a year belongs to (0: none); set with _set_year_plan.
 * @year: (nullable): what is not a year gives 0. */
gint64      thidua_register_get_year_plan (ThiduaRegister *self, const char *year);
gboolean    thidua_register_set_year_plan (ThiduaRegister *self, const char *year,
                                           gint64 plan_id, GError **error);

/* ---- for the other register modules ---- */

/* Returns: (transfer none): the register's own, valid while it lives. */
ThiduaStore   *thidua_register_get_store   (ThiduaRegister *self);
ThiduaCatalog *thidua_register_get_catalog (ThiduaRegister *self);
/* The year's id, creating the year when create is TRUE; 0 with an error. */
gint64      thidua_register_ensure_year (ThiduaRegister *self, const char *label,
                                         gboolean create, GError **error);
/* Sets a THIDUA_REGISTER_ERROR_FAILED error from SQLite's last message.
 * @error: (nullable)  @doing: put in front of the message. */
gboolean    thidua_register_sql_fail (ThiduaRegister *self, GError **error, const char *doing);

/* @store, @catalog: (transfer none): the register keeps a reference to
 *   each (construct properties). */
ThiduaRegister *thidua_register_new (ThiduaStore *store, ThiduaCatalog *catalog);

G_END_DECLS
