/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-lifecycle.c — submit, return, issue, replace, history, register. */
#include "config.h"
#include "thidua-lifecycle.h"
#include "thidua-canonical.h"
#include "thidua-store-private.h"
#include "thidua-text.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

G_DEFINE_QUARK (thidua-lifecycle-error-quark, thidua_lifecycle_error)

/* ---- small helpers ---------------------------------------------------- */

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

static sqlite3 *
db_of (ThiduaStore *store)
{
  return thidua_store_get_db (store);
}

/* A refusal by a trigger carries its own sentence; anything else is a
 * storage failure. */
static gboolean
sql_fail (ThiduaStore *store, GError **error, const char *doing)
{
  sqlite3 *db = db_of (store);

  if ((sqlite3_errcode (db) & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE,
                   _("Refused while %s: %s"), _(doing), sqlite3_errmsg (db));
      return FALSE;
    }
  return thidua_store_sql_fail (store, db, 0, doing, error);
}

static gboolean
prepare (ThiduaStore *store, Stmt *s, const char *sql, const char *doing, GError **error)
{
  if (sqlite3_prepare_v2 (db_of (store), sql, -1, &s->stmt, NULL) != SQLITE_OK)
    return sql_fail (store, error, doing);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt, int i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);
  return s ? s : "";
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *s)
{
  sqlite3_bind_text (stmt, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

static char *
nfc_or_empty (const char *s)
{
  return thidua_text_nfc (s ? s : "", -1);
}

gboolean
thidua_lifecycle_status_is_frozen (const char *status)
{
  return g_strcmp0 (status, "issued") == 0 || g_strcmp0 (status, "replaced") == 0;
}

/* ---- info --------------------------------------------------------------- */

void
thidua_lifecycle_info_clear (ThiduaLifecycleInfo *info)
{
  g_clear_pointer (&info->status, g_free);
  g_clear_pointer (&info->code, g_free);
  info->replaces = info->replaced_by = 0;
  info->submissions = 0;
}

gboolean
thidua_lifecycle_get_info (ThiduaStore *store, gint64 id, ThiduaLifecycleInfo *out, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (store), FALSE);
  memset (out, 0, sizeof *out);
  if (!prepare (store, &s,
                "SELECT status, code, ifnull (replaces, 0), "
                "(SELECT count (*) FROM plan_events WHERE plan_id = ?1 AND to_status = 'submitted'), "
                "ifnull ((SELECT id FROM plans n WHERE n.replaces = ?1 "
                "         AND n.status IN ('issued', 'replaced') LIMIT 1), 0) "
                "FROM plans WHERE id = ?1", N_("reading a plan"), error))
    return FALSE;
  sqlite3_bind_int64 (s.stmt, 1, id);
  rc = sqlite3_step (s.stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, THIDUA_STORE_ERROR, THIDUA_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with ID %lld"), (long long) id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return sql_fail (store, error, N_("reading a plan"));
  out->status = g_strdup (column_text (s.stmt, 0));
  out->code = g_strdup (column_text (s.stmt, 1));
  out->replaces = sqlite3_column_int64 (s.stmt, 2);
  out->submissions = (guint) sqlite3_column_int (s.stmt, 3);
  out->replaced_by = sqlite3_column_int64 (s.stmt, 4);
  return TRUE;
}

guint
thidua_lifecycle_draft_round (const ThiduaLifecycleInfo *info)
{
  if (g_strcmp0 (info->status, "submitted") == 0)
    return MAX (info->submissions, 1);
  return info->submissions + 1;
}

/* ---- events ----------------------------------------------------------- */

static char *
now_local_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

static gboolean
add_event (ThiduaStore *store, gint64 id, const char *from, const char *to,
           const char *by, const char *comment, const char *hash, GError **error)
{
  g_auto(Stmt) s = { 0 };
  g_autofree char *at = now_local_iso ();
  g_autofree char *by_nfc = nfc_or_empty (by);
  g_autofree char *comment_nfc = nfc_or_empty (comment);

  if (!prepare (store, &s, "INSERT INTO plan_events "
                           "(plan_id, at, from_status, to_status, by_name, comment, content_hash) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", N_("recording the history"), error))
    return FALSE;
  sqlite3_bind_int64 (s.stmt, 1, id);
  bind_text (s.stmt, 2, at);
  bind_text (s.stmt, 3, from);
  bind_text (s.stmt, 4, to);
  bind_text (s.stmt, 5, g_strstrip (by_nfc));
  bind_text (s.stmt, 6, g_strstrip (comment_nfc));
  bind_text (s.stmt, 7, hash);
  if (sqlite3_step (s.stmt) != SQLITE_DONE)
    return sql_fail (store, error, N_("recording the history"));
  return TRUE;
}

static gboolean
set_status (ThiduaStore *store, gint64 id, const char *status, GError **error)
{
  g_auto(Stmt) s = { 0 };

  if (!prepare (store, &s, "UPDATE plans SET status = ?1 WHERE id = ?2",
                N_("changing the plan's state"), error))
    return FALSE;
  bind_text (s.stmt, 1, status);
  sqlite3_bind_int64 (s.stmt, 2, id);
  if (sqlite3_step (s.stmt) != SQLITE_DONE)
    return sql_fail (store, error, N_("changing the plan's state"));
  return TRUE;
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "draft") == 0)
    return _("a draft");
  if (g_strcmp0 (status, "submitted") == 0)
    return _("submitted for signing");
  if (g_strcmp0 (status, "returned") == 0)
    return _("returned for changes");
  if (g_strcmp0 (status, "issued") == 0)
    return _("issued");
  if (g_strcmp0 (status, "replaced") == 0)
    return _("replaced");
  return status;
}

typedef struct {
  gint64      id;
  const char *to;
  const char *by;
  const char *comment;
} Step;

/* submit and return: check the state, record, move. */
static gboolean
step_txn (ThiduaStore *store, gpointer data, GError **error)
{
  Step *st = data;
  g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (store, st->id, error);
  g_autofree char *hash = NULL;
  const char *from;
  gboolean allowed;

  if (plan == NULL)
    return FALSE;
  from = thidua_plan_get_status (plan);
  if (g_strcmp0 (st->to, "submitted") == 0)
    allowed = g_strcmp0 (from, "draft") == 0 || g_strcmp0 (from, "returned") == 0;
  else
    allowed = g_strcmp0 (from, "submitted") == 0;
  if (!allowed)
    {
      if (g_strcmp0 (st->to, "submitted") == 0)
        g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE,
                     _("Plan %lld cannot be submitted: it is %s"),
                     (long long) st->id, status_label (from));
      else
        g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE,
                     _("Plan %lld cannot be returned: it is %s, not submitted for signing"),
                     (long long) st->id, status_label (from));
      return FALSE;
    }
  hash = thidua_canonical_hash (plan);
  return add_event (store, st->id, from, st->to, st->by, st->comment, hash, error)
         && set_status (store, st->id, st->to, error);
}

gboolean
thidua_lifecycle_submit (ThiduaStore *store, gint64 id, const char *by, GError **error)
{
  Step st = { id, "submitted", by, "" };

  g_return_val_if_fail (THIDUA_IS_STORE (store), FALSE);
  return thidua_store_transaction (store, step_txn, &st, error);
}

gboolean
thidua_lifecycle_return (ThiduaStore *store, gint64 id, const char *by,
                         const char *comment, GError **error)
{
  Step st = { id, "returned", by, comment };
  g_autofree char *trimmed = g_strstrip (g_strdup (comment ? comment : ""));

  g_return_val_if_fail (THIDUA_IS_STORE (store), FALSE);
  if (trimmed[0] == '\0')
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INVALID,
                   _("Returning a plan needs the leader's comment"));
      return FALSE;
    }
  if (!g_utf8_validate (comment, -1, NULL))
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INVALID,
                   _("The comment is not valid UTF-8"));
      return FALSE;
    }
  return thidua_store_transaction (store, step_txn, &st, error);
}

/* ---- issue -------------------------------------------------------------- */

void
thidua_issue_result_clear (ThiduaIssueResult *r)
{
  g_clear_pointer (&r->code, g_free);
}

static char *
body_key (const char *issuing_body)
{
  g_autofree char *folded = thidua_text_fold (issuing_body ? issuing_body : "");
  /* One space between words: "SỞ  Y TẾ" and "Sở Y tế" are one body. */
  g_auto(GStrv) words = g_strsplit_set (folded, " \t\n\r", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

static gboolean
next_number_in_txn (ThiduaStore *store, const char *key, guint year, guint *out, GError **error)
{
  g_auto(Stmt) s = { 0 };

  if (!prepare (store, &s, "SELECT ifnull (max (number), 0) + 1 FROM outgoing_numbers "
                           "WHERE body_key = ?1 AND year = ?2", N_("reading the outgoing register"), error))
    return FALSE;
  bind_text (s.stmt, 1, key);
  sqlite3_bind_int (s.stmt, 2, (int) year);
  if (sqlite3_step (s.stmt) != SQLITE_ROW)
    return sql_fail (store, error, N_("reading the outgoing register"));
  *out = (guint) sqlite3_column_int (s.stmt, 0);
  return TRUE;
}

guint
thidua_lifecycle_next_number (ThiduaStore *store, const char *issuing_body, guint year, GError **error)
{
  g_autofree char *key = body_key (issuing_body);
  guint n = 0;

  g_return_val_if_fail (THIDUA_IS_STORE (store), 0);
  return next_number_in_txn (store, key, year, &n, error) ? n : 0;
}

typedef struct {
  gint64                    id;
  const ThiduaIssueRequest *req;
  ThiduaIssueResult        *result;
} Issue;

static gboolean
number_used (ThiduaStore *store, const char *key, guint year, guint number,
             gint64 *by_plan, GError **error)
{
  g_auto(Stmt) s = { 0 };
  int rc;

  *by_plan = 0;
  if (!prepare (store, &s, "SELECT plan_id FROM outgoing_numbers "
                           "WHERE body_key = ?1 AND year = ?2 AND number = ?3",
                N_("reading the outgoing register"), error))
    return FALSE;
  bind_text (s.stmt, 1, key);
  sqlite3_bind_int (s.stmt, 2, (int) year);
  sqlite3_bind_int (s.stmt, 3, (int) number);
  rc = sqlite3_step (s.stmt);
  if (rc == SQLITE_ROW)
    *by_plan = sqlite3_column_int64 (s.stmt, 0);
  else if (rc != SQLITE_DONE)
    return sql_fail (store, error, N_("reading the outgoing register"));
  return TRUE;
}

static gboolean
issue_txn (ThiduaStore *store, gpointer data, GError **error)
{
  Issue *is = data;
  const ThiduaIssueRequest *req = is->req;
  g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (store, is->id, error);
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *code = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *issued_on = NULL;
  g_auto(Stmt) s = { 0 };
  g_autofree char *from = NULL;
  guint number;
  gint64 holder;

  if (plan == NULL || !thidua_lifecycle_get_info (store, is->id, &info, error))
    return FALSE;
  from = g_strdup (thidua_plan_get_status (plan));   /* the plan's status changes below */
  if (thidua_lifecycle_status_is_frozen (from))
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE,
                   _("Plan %lld is already %s"), (long long) is->id, status_label (from));
      return FALSE;
    }

  key = body_key (thidua_plan_get_issuing_body (plan));
  if (key[0] == '\0')
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INCOMPLETE,
                   _("Plan %lld cannot be issued: the issuing body (cơ quan ban hành) is missing"),
                   (long long) is->id);
      return FALSE;
    }

  /* The plan it replaces must still be the issued one. */
  if (info.replaces != 0)
    {
      g_auto(ThiduaLifecycleInfo) old = { 0 };

      if (!thidua_lifecycle_get_info (store, info.replaces, &old, error))
        return FALSE;
      if (g_strcmp0 (old.status, "issued") != 0)
        {
          g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE,
                       _("Plan %lld replaces plan %lld, which is %s, not issued"),
                       (long long) is->id, (long long) info.replaces, status_label (old.status));
          return FALSE;
        }
    }

  if (req->number != 0)
    {
      number = req->number;
      if (!number_used (store, key, req->year, number, &holder, error))
        return FALSE;
      if (holder != 0)
        {
          g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_NUMBER_USED,
                       _("Number %u of %u is already used by “%s” (plan %lld)"),
                       number, req->year, thidua_plan_get_issuing_body (plan), (long long) holder);
          return FALSE;
        }
    }
  else if (!next_number_in_txn (store, key, req->year, &number, error))
    return FALSE;

  number_text = g_strdup_printf ("%u", number);
  thidua_plan_set_number (plan, number_text);
  thidua_plan_set_date (plan, req->day, req->month, req->year);
  thidua_plan_set_status (plan, "issued");
  if (req->check != NULL && !req->check (plan, req->check_data, error))
    return FALSE;

  hash = thidua_canonical_hash (plan);
  code = thidua_canonical_code_from_hash (hash);
  issued_on = g_strdup_printf ("%04u-%02u-%02u", req->year, req->month, req->day);

  /* The register row first: its UNIQUE constraint is the last guard
   * against two issuers taking the same number. */
  if (!prepare (store, &s, "INSERT INTO outgoing_numbers "
                           "(issuing_body, body_key, year, number, plan_id, issued_on) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", N_("taking the number"), error))
    return FALSE;
  bind_text (s.stmt, 1, thidua_plan_get_issuing_body (plan));
  bind_text (s.stmt, 2, key);
  sqlite3_bind_int (s.stmt, 3, (int) req->year);
  sqlite3_bind_int (s.stmt, 4, (int) number);
  sqlite3_bind_int64 (s.stmt, 5, is->id);
  bind_text (s.stmt, 6, issued_on);
  if (sqlite3_step (s.stmt) != SQLITE_DONE)
    {
      if ((sqlite3_errcode (db_of (store)) & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_NUMBER_USED,
                       _("Number %u of %u is already used by “%s”"),
                       number, req->year, thidua_plan_get_issuing_body (plan));
          return FALSE;
        }
      return sql_fail (store, error, N_("taking the number"));
    }
  stmt_clear (&s);

  if (!add_event (store, is->id, from, "issued", req->by, "", hash, error))
    return FALSE;
  if (!prepare (store, &s, "UPDATE plans SET number = ?1, day = ?2, month = ?3, year = ?4, "
                           "code = ?5, status = 'issued', modified = ?6 WHERE id = ?7",
                N_("issuing the plan"), error))
    return FALSE;
  bind_text (s.stmt, 1, number_text);
  sqlite3_bind_int (s.stmt, 2, (int) req->day);
  sqlite3_bind_int (s.stmt, 3, (int) req->month);
  sqlite3_bind_int (s.stmt, 4, (int) req->year);
  bind_text (s.stmt, 5, code);
  sqlite3_bind_int64 (s.stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (s.stmt, 7, is->id);
  if (sqlite3_step (s.stmt) != SQLITE_DONE)
    return sql_fail (store, error, N_("issuing the plan"));

  if (info.replaces != 0)
    {
      g_autoptr(ThiduaPlan) old = thidua_store_load_plan (store, info.replaces, error);
      g_autofree char *old_hash = NULL;
      g_autofree char *comment = NULL;

      if (old == NULL)
        return FALSE;
      old_hash = thidua_canonical_hash (old);
      comment = g_strdup_printf (_("replaced by plan %lld, number %s"),
                                 (long long) is->id, number_text);
      if (!add_event (store, info.replaces, "issued", "replaced", req->by, comment, old_hash, error)
          || !set_status (store, info.replaces, "replaced", error))
        return FALSE;
    }

  is->result->number = number;
  is->result->day = req->day;
  is->result->month = req->month;
  is->result->year = req->year;
  is->result->code = g_steal_pointer (&code);
  return TRUE;
}

gboolean
thidua_lifecycle_issue (ThiduaStore *store, gint64 id, const ThiduaIssueRequest *req,
                        ThiduaIssueResult *result, GError **error)
{
  ThiduaIssueRequest r = *req;
  Issue is = { id, &r, result };
  g_autoptr(GError) date_error = NULL;

  g_return_val_if_fail (THIDUA_IS_STORE (store), FALSE);
  memset (result, 0, sizeof *result);
  if (r.day == 0 && r.month == 0 && r.year == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      r.day = g_date_time_get_day_of_month (now);
      r.month = g_date_time_get_month (now);
      r.year = g_date_time_get_year (now);
    }
  if (r.day == 0 || r.month == 0 || r.year == 0
      || !thidua_plan_check_date (r.day, r.month, r.year, &date_error))
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_INVALID,
                   _("The date of issue is not a whole, possible date%s%s"),
                   date_error ? ": " : "", date_error ? date_error->message : "");
      return FALSE;
    }
  /* The completeness check first outside the transaction: a refusal
   * takes no lock, and the check's first run (fonts, profile) does not
   * hold the write lock another issuer is waiting for.  It runs again
   * inside, on the plan exactly as issued. */
  if (r.check != NULL)
    {
      g_autoptr(ThiduaPlan) plan = thidua_store_load_plan (store, id, error);

      if (plan == NULL)
        return FALSE;
      if (!thidua_lifecycle_status_is_frozen (thidua_plan_get_status (plan)))
        {
          thidua_plan_set_number (plan, "1");
          thidua_plan_set_date (plan, r.day, r.month, r.year);
          thidua_plan_set_status (plan, "issued");
          if (!r.check (plan, r.check_data, error))
            return FALSE;
        }
    }
  if (!thidua_store_transaction (store, issue_txn, &is, error))
    {
      thidua_issue_result_clear (result);
      return FALSE;
    }
  return TRUE;
}

/* ---- replace ------------------------------------------------------------ */

gint64
thidua_lifecycle_replace (ThiduaStore *store, gint64 id, GError **error)
{
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  g_auto(Stmt) s = { 0 };
  gint64 copy;

  g_return_val_if_fail (THIDUA_IS_STORE (store), 0);
  if (!thidua_lifecycle_get_info (store, id, &info, error))
    return 0;
  if (g_strcmp0 (info.status, "issued") != 0)
    {
      g_set_error (error, THIDUA_LIFECYCLE_ERROR, THIDUA_LIFECYCLE_ERROR_WRONG_STATE,
                   _("Only an issued plan can be replaced; plan %lld is %s"),
                   (long long) id, status_label (info.status));
      return 0;
    }
  /* The copy and its "replaces" are two writes; a failure of the second
   * leaves an ordinary draft copy, never a half-issued plan. */
  if ((copy = thidua_store_duplicate_plan (store, id, error)) == 0)
    return 0;
  if (!prepare (store, &s, "UPDATE plans SET replaces = ?1 WHERE id = ?2",
                N_("recording the replacement"), error))
    return 0;
  sqlite3_bind_int64 (s.stmt, 1, id);
  sqlite3_bind_int64 (s.stmt, 2, copy);
  if (sqlite3_step (s.stmt) != SQLITE_DONE)
    return sql_fail (store, error, N_("recording the replacement")), 0;
  return copy;
}

/* ---- history --------------------------------------------------------------- */

void
thidua_lifecycle_event_free (ThiduaLifecycleEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->at);
  g_free (e->from);
  g_free (e->to);
  g_free (e->by);
  g_free (e->comment);
  g_free (e->content_hash);
  g_free (e);
}

GPtrArray *
thidua_lifecycle_history (ThiduaStore *store, gint64 id, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_lifecycle_event_free);
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  g_auto(Stmt) s = { 0 };
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  if (!thidua_lifecycle_get_info (store, id, &info, error))
    return NULL;
  if (!prepare (store, &s, "SELECT at, from_status, to_status, by_name, comment, content_hash "
                           "FROM plan_events WHERE plan_id = ?1 ORDER BY id",
                N_("reading the history"), error))
    return NULL;
  sqlite3_bind_int64 (s.stmt, 1, id);
  while ((rc = sqlite3_step (s.stmt)) == SQLITE_ROW)
    {
      ThiduaLifecycleEvent *e = g_new0 (ThiduaLifecycleEvent, 1);

      e->at = g_strdup (column_text (s.stmt, 0));
      e->from = g_strdup (column_text (s.stmt, 1));
      e->to = g_strdup (column_text (s.stmt, 2));
      e->by = g_strdup (column_text (s.stmt, 3));
      e->comment = g_strdup (column_text (s.stmt, 4));
      e->content_hash = g_strdup (column_text (s.stmt, 5));
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    return sql_fail (store, error, N_("reading the history")), NULL;
  return g_steal_pointer (&out);
}

/* ---- the register and verify ---------------------------------------------- */

void
thidua_outgoing_entry_free (ThiduaOutgoingEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->symbol);
  g_free (e->number_and_symbol);
  g_free (e->issued_on);
  g_free (e->issuing_body);
  g_free (e->type_name);
  g_free (e->subject);
  g_free (e->signer);
  g_free (e->recipients);
  g_free (e->filing);
  g_free (e->code);
  g_free (e->status);
  g_free (e);
}

#define ENTRY_SQL \
  "SELECT o.plan_id, o.number, p.symbol, o.issued_on, p.issuing_body, p.type_name, " \
  "p.subject, p.signer_position, p.signer_name, p.code, p.status, ifnull (p.replaces, 0), p.profile " \
  "FROM outgoing_numbers o JOIN plans p ON p.id = o.plan_id "

/* Numbers below 10 print with a leading zero (all three profiles say so:
 * number.leading_zero_below = 10); the party writes "05-KH/…", the state
 * and unions "05/KH-…". */
static char *
number_and_symbol (guint number, const char *symbol, const char *profile)
{
  const char *sep = g_strcmp0 (profile, "party") == 0 ? "-" : "/";

  if (symbol == NULL || symbol[0] == '\0')
    return g_strdup_printf ("%02u", number);
  return g_strdup_printf ("%02u%s%s", number, sep, symbol);
}

static ThiduaOutgoingEntry *
read_entry (ThiduaStore *store, sqlite3_stmt *stmt, GError **error)
{
  ThiduaOutgoingEntry *e = g_new0 (ThiduaOutgoingEntry, 1);
  g_auto(Stmt) r = { 0 };
  g_autoptr(GPtrArray) sent = g_ptr_array_new_with_free_func (g_free);
  const char *position = column_text (stmt, 7);
  const char *name = column_text (stmt, 8);
  int rc;

  e->plan_id = sqlite3_column_int64 (stmt, 0);
  e->number = (guint) sqlite3_column_int (stmt, 1);
  e->symbol = g_strdup (column_text (stmt, 2));
  e->number_and_symbol = number_and_symbol (e->number, e->symbol, column_text (stmt, 12));
  e->issued_on = g_strdup (column_text (stmt, 3));
  e->issuing_body = g_strdup (column_text (stmt, 4));
  e->type_name = g_strdup (column_text (stmt, 5));
  e->subject = g_strdup (column_text (stmt, 6));
  e->signer = g_strdup_printf ("%s%s%s", position, position[0] && name[0] ? " " : "", name);
  e->code = g_strdup (column_text (stmt, 9));
  e->status = g_strdup (column_text (stmt, 10));
  e->replaces = sqlite3_column_int64 (stmt, 11);
  e->filing = g_strdup ("");

  if (!prepare (store, &r, "SELECT line FROM plan_recipients WHERE plan_id = ?1 ORDER BY position",
                N_("reading the outgoing register"), error))
    goto fail;
  sqlite3_bind_int64 (r.stmt, 1, e->plan_id);
  while ((rc = sqlite3_step (r.stmt)) == SQLITE_ROW)
    {
      g_autofree char *line = g_strstrip (g_strdup (column_text (r.stmt, 0)));
      gsize len = strlen (line);

      while (len > 0 && (line[len - 1] == ';' || line[len - 1] == '.' || line[len - 1] == ','))
        line[--len] = '\0';
      if (g_str_has_prefix (line, "Lưu"))
        {
          const char *rest = line + strlen ("Lưu");

          while (*rest == ':' || *rest == ' ')
            rest++;
          g_free (e->filing);
          e->filing = g_strdup (rest);
        }
      else if (line[0] != '\0')
        g_ptr_array_add (sent, g_steal_pointer (&line));
    }
  if (rc != SQLITE_DONE)
    {
      sql_fail (store, error, N_("reading the outgoing register"));
      goto fail;
    }
  g_ptr_array_add (sent, NULL);
  e->recipients = g_strjoinv ("; ", (char **) sent->pdata);
  return e;

fail:
  thidua_outgoing_entry_free (e);
  return NULL;
}

GPtrArray *
thidua_lifecycle_numbers (ThiduaStore *store, guint year, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) thidua_outgoing_entry_free);
  g_auto(Stmt) s = { 0 };
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  if (!prepare (store, &s, ENTRY_SQL "WHERE o.year = ?1 ORDER BY o.number, o.body_key",
                N_("reading the outgoing register"), error))
    return NULL;
  sqlite3_bind_int (s.stmt, 1, (int) year);
  while ((rc = sqlite3_step (s.stmt)) == SQLITE_ROW)
    {
      ThiduaOutgoingEntry *e = read_entry (store, s.stmt, error);

      if (e == NULL)
        return NULL;
      g_ptr_array_add (out, e);
    }
  if (rc != SQLITE_DONE)
    return sql_fail (store, error, N_("reading the outgoing register")), NULL;
  return g_steal_pointer (&out);
}

ThiduaOutgoingEntry *
thidua_lifecycle_verify (ThiduaStore *store, const char *typed, GError **error)
{
  g_autofree char *code = thidua_canonical_normalize_code (typed);
  g_auto(Stmt) s = { 0 };
  int rc;

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  if (code == NULL)
    return NULL;
  /* "code <> ''" lets SQLite use the partial index plans_by_code; without
   * it every plan was read (a bound value never proves the condition). */
  if (!prepare (store, &s, ENTRY_SQL "WHERE p.code = ?1 AND p.code <> ''",
                N_("looking up a code"), error))
    return NULL;
  bind_text (s.stmt, 1, code);
  rc = sqlite3_step (s.stmt);
  if (rc == SQLITE_ROW)
    return read_entry (store, s.stmt, error);
  if (rc != SQLITE_DONE)
    sql_fail (store, error, N_("looking up a code"));
  return NULL;
}
