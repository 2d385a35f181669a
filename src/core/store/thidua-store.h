/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-store.h — the one SQLite database that holds plans, templates and
 * (later) the register.  Every change runs in a transaction. */
#pragma once

#include <gio/gio.h>
#include "thidua-plan.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_STORE (thidua_store_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaStore, thidua_store, THIDUA, STORE, GObject)

#define THIDUA_STORE_ERROR (thidua_store_error_quark ())
typedef enum {
  THIDUA_STORE_ERROR_NOT_DATABASE,   /* the file is not SQLite */
  THIDUA_STORE_ERROR_CORRUPT,        /* SQLite but damaged */
  THIDUA_STORE_ERROR_READ_ONLY,      /* a write on a read-only database */
  THIDUA_STORE_ERROR_LOCKED,         /* busy: another program holds it */
  THIDUA_STORE_ERROR_TOO_NEW,        /* schema newer than this program */
  THIDUA_STORE_ERROR_NOT_FOUND,
  THIDUA_STORE_ERROR_INVALID,        /* a value the model refuses */
  THIDUA_STORE_ERROR_FAILED,         /* anything else, e.g. disk full */
} ThiduaStoreError;
GQuark thidua_store_error_quark (void);

typedef enum {
  THIDUA_STORE_OPEN_DEFAULT   = 0,
  THIDUA_STORE_OPEN_READ_ONLY = 1 << 0,  /* also chosen when the file is read-only */
  THIDUA_STORE_OPEN_NO_SEED   = 1 << 1,  /* do not seed built-in templates */
  /* One short session (a thidua-cli command): the plan tables are not read
   * whole at open.  A read finds damage where it reads; the first write
   * still checks the whole file first. */
  THIDUA_STORE_OPEN_NO_PROBE  = 1 << 2,
} ThiduaStoreOpenFlags;

/* The schema version this program writes: the number of migration files
 * in src/core/store/migrations (PRAGMA user_version). */
int          thidua_store_latest_version (void);

/* <user data dir>/thidua/thidua.db */
char        *thidua_store_default_path (void);

/* Opens or creates the database, migrates it forward and seeds the built-in
 * templates on first creation.  A file that cannot be opened is left
 * untouched and the error names the file and what is wrong. */
ThiduaStore *thidua_store_open      (const char            *path,
                                     ThiduaStoreOpenFlags   flags,
                                     GError               **error);
/* For migration tests: stops migrating at schema version `version`. */
ThiduaStore *thidua_store_open_at_version (const char            *path,
                                           ThiduaStoreOpenFlags   flags,
                                           int                    version,
                                           GError               **error);
/* A connection of its own to self's file, for one long write (an import):
 * self's connection may be busy on another thread (autosave), and its
 * transaction depth is not the writer's to share.  Its staged rows stay in
 * memory, with a 64 MB cache.  Refused with the error of any write when
 * self is read-only; never seeds templates.
 * Returns: (transfer full) (nullable): NULL with error. */
ThiduaStore *thidua_store_open_writer (ThiduaStore           *self,
                                       ThiduaStoreOpenFlags   flags,
                                       GError               **error);
const char  *thidua_store_get_path  (ThiduaStore *self);
gboolean     thidua_store_is_read_only (ThiduaStore *self);
int          thidua_store_get_schema_version (ThiduaStore *self);
/* What a committed transaction touched; the "changed" signal's detail is
 * thidua_store_change_to_string() of one of these.
 * thidua_store_change_to_string: Returns: (transfer none) (nullable): a
 * static nick ("plans", …); NULL unless change is exactly one flag. */
typedef enum {
  THIDUA_STORE_CHANGE_PLANS     = 1 << 0,
  THIDUA_STORE_CHANGE_TEMPLATES = 1 << 1,
  THIDUA_STORE_CHANGE_TARGETS   = 1 << 2,
  THIDUA_STORE_CHANGE_REGISTER  = 1 << 3,
  THIDUA_STORE_CHANGE_OFFICE    = 1 << 4,
} ThiduaStoreChange;
const char  *thidua_store_change_to_string (ThiduaStoreChange change);
/* Emits "changed" for @changes (ThiduaStoreChange bits) committed through
 * another connection of this process to the same file
 * (thidua_store_open_writer()), as self's own commit would have; outside
 * any transaction of self, on the thread that uses self. */
void         thidua_store_announce (ThiduaStore *self, ThiduaStoreChange changes);

/* PRAGMA data_version: changes when another connection (another process,
 * a worker's own connection) committed to the file since the last call on
 * this connection.  Views poll it to see writes they were not told of. */
gint64       thidua_store_get_data_version (ThiduaStore *self);
/* TRUE inside thidua_store_transaction() on this store. */
gboolean     thidua_store_in_transaction (ThiduaStore *self);


/* Runs func inside BEGIN IMMEDIATE … COMMIT; rolls back if it fails.
 * @func: (scope call): called once, before this returns; it returns FALSE
 *   and sets its error to roll back.
 * @data: (nullable): handed to func. */
typedef gboolean (*ThiduaStoreTxnFunc) (ThiduaStore *store, gpointer data, GError **error);
gboolean     thidua_store_transaction (ThiduaStore *self, ThiduaStoreTxnFunc func,
                                       gpointer data, GError **error);

/* Plans */
typedef struct {
  gint64  id;
  char   *status;
  guint   day, month, year;
  char   *number;
  char   *symbol;
  char   *subject;
  char   *issuing_body;
  char   *profile;
  gint64  modified;
} ThiduaPlanSummary;
void thidua_plan_summary_free (ThiduaPlanSummary *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaPlanSummary, thidua_plan_summary_free)

/* Sorted by date (newest first; blank parts count as the start of the
 * period), then id.  search is matched on the folded key (đ = d,
 * no diacritics, any case, every word must occur); NULL lists all.
 * Returns a GPtrArray of ThiduaPlanSummary.
 * @search: (nullable): NULL or "" lists all.
 * Returns: (transfer full) (element-type ThiduaPlanSummary): frees its
 *   elements. */
GPtrArray   *thidua_store_list_plans  (ThiduaStore *self, const char *search, GError **error);
/* Plan `id`'s summary as thidua_store_list_plans() gives it, when the plan
 * exists and matches search.
 * @search: (nullable): as for thidua_store_list_plans.
 * Returns: (transfer full) (nullable): NULL without an error when there is
 *   no such plan or it does not match; NULL with error when reading failed. */
ThiduaPlanSummary *thidua_store_get_plan_summary (ThiduaStore *self, gint64 id,
                                                  const char *search, GError **error);
ThiduaPlan  *thidua_store_load_plan   (ThiduaStore *self, gint64 id, GError **error);
/* Inserts, sets the plan's id and times; returns the id or 0.
 * @plan: (transfer none): not kept; stored from a copy, so a failed
 *   insert leaves it unchanged. */
gint64       thidua_store_insert_plan (ThiduaStore *self, ThiduaPlan *plan, GError **error);
gboolean     thidua_store_update_plan (ThiduaStore *self, ThiduaPlan *plan, GError **error);
gboolean     thidua_store_delete_plan (ThiduaStore *self, gint64 id, GError **error);
/* A copy as a new draft (for next year's plan); returns the new id. */
gint64       thidua_store_duplicate_plan (ThiduaStore *self, gint64 id, GError **error);

/* Templates */
typedef struct {
  char *name;    /* "covid-party-school" */
  char *title;   /* shown to the user */
  char *profile;
} ThiduaTemplateInfo;
void thidua_template_info_free (ThiduaTemplateInfo *t);

/* Returns: (transfer full) (element-type ThiduaTemplateInfo): frees its
 *   elements. */
GPtrArray   *thidua_store_list_templates (ThiduaStore *self, GError **error);
/* A plan made from the template (not yet stored).
 * @name: (nullable): NULL = "blank-state".
 * Returns: (transfer full): a new plan. */
ThiduaPlan  *thidua_store_plan_from_template (ThiduaStore *self, const char *name, GError **error);
/* Creates and stores a plan from a template; NULL name = "blank-state".
 * @template_name: (nullable) */
gint64       thidua_store_new_plan    (ThiduaStore *self, const char *template_name, GError **error);

/* The office that keeps this database (issue 11): printed at the top left
 * of register tables.  Every field "" when not set. */
typedef struct {
  char *name;     /* "SỞ Y TẾ" */
  char *code;     /* "SYT" */
  char *parent;   /* the superior office: "UBND TỈNH ĐIỆN BIÊN" */
  char *signer;   /* default signer of register tables */
} ThiduaOffice;
void          thidua_office_free (ThiduaOffice *office);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaOffice, thidua_office_free)

/* Returns: (transfer full): a new ThiduaOffice, free with
 *   thidua_office_free() (a _get_ that gives a copy). */
ThiduaOffice *thidua_store_get_office (ThiduaStore *self, GError **error);
/* Name is required; NFC, white space trimmed.  Emits "changed::office".
 * @office: (transfer none): copied; a NULL field counts as "". */
gboolean      thidua_store_set_office (ThiduaStore *self, const ThiduaOffice *office,
                                       GError **error);

G_END_DECLS
