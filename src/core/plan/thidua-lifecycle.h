/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-lifecycle.h — the life of a plan after drafting: submit (trình
 * ký), return (trả lại), issue (ban hành) with a number from the outgoing
 * register, replace (thay thế); the append-only history; verify a code
 * read from paper.
 *
 * The database enforces the rules too (migration 110): an issued plan's
 * content cannot change and history rows cannot be changed or deleted, by
 * this code or any other.
 */
#pragma once

#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_LIFECYCLE_ERROR (thidua_lifecycle_error_quark ())
typedef enum {
  THIDUA_LIFECYCLE_ERROR_WRONG_STATE,   /* the step is not allowed from the plan's state */
  THIDUA_LIFECYCLE_ERROR_NUMBER_USED,   /* the body already used that number that year */
  THIDUA_LIFECYCLE_ERROR_INCOMPLETE,    /* the completeness check refused; message names why */
  THIDUA_LIFECYCLE_ERROR_INVALID,       /* a bad argument: date, number, empty comment */
} ThiduaLifecycleError;
GQuark thidua_lifecycle_error_quark (void);

typedef struct {
  char    *status;       /* draft, submitted, returned, issued, replaced */
  char    *code;         /* "" until issued */
  gint64   replaces;     /* 0: none */
  gint64   replaced_by;  /* 0: none (the issued plan that replaced it) */
  guint    submissions;  /* submit events so far */
} ThiduaLifecycleInfo;
void     thidua_lifecycle_info_clear (ThiduaLifecycleInfo *info);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThiduaLifecycleInfo, thidua_lifecycle_info_clear)

/* @out: (out caller-allocates): zeroed on entry WITHOUT freeing what it
 *   held (clear a reused one first); on success its strings are the
 *   caller's, freed by thidua_lifecycle_info_clear() / g_auto. */
gboolean thidua_lifecycle_get_info (ThiduaStore *store, gint64 id,
                                    ThiduaLifecycleInfo *out, GError **error);
/* The draft round printed as "DỰ THẢO LẦN n": the submission the text is
 * for (submissions so far, plus one while it is being redrafted). */
guint    thidua_lifecycle_draft_round (const ThiduaLifecycleInfo *info);
/* Issued or replaced: read-only everywhere.
 * @status: (nullable): NULL is not frozen. */
gboolean thidua_lifecycle_status_is_frozen (const char *status);

/* @by: (nullable): copied into the history; NULL counts as "".
 * thidua_lifecycle_return: @comment: (nullable): but NULL or blank fails
 *   with THIDUA_LIFECYCLE_ERROR_INVALID. */
gboolean thidua_lifecycle_submit (ThiduaStore *store, gint64 id, const char *by, GError **error);
gboolean thidua_lifecycle_return (ThiduaStore *store, gint64 id, const char *by,
                                  const char *comment, GError **error);

/* Called inside the issuing transaction with the plan exactly as it will
 * be issued (number, date, status "issued"); FALSE with
 * THIDUA_LIFECYCLE_ERROR_INCOMPLETE naming every reason refuses. */
typedef gboolean (*ThiduaIssueCheckFunc) (ThiduaPlan *plan, gpointer data, GError **error);

typedef struct {
  guint                 number;      /* 0: the next in the register */
  guint                 day, month, year;   /* 0: today */
  const char           *by;
  ThiduaIssueCheckFunc  check;       /* may be NULL */
  gpointer              check_data;
} ThiduaIssueRequest;

typedef struct {
  guint  number;
  guint  day, month, year;
  char  *code;
} ThiduaIssueResult;
void     thidua_issue_result_clear (ThiduaIssueResult *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThiduaIssueResult, thidua_issue_result_clear)

/* Issues the plan: takes the number (BEGIN IMMEDIATE; the UNIQUE
 * constraint is the last guard), sets number and date, computes the code,
 * records the event; a replacement marks the plan it replaces.  On any
 * refusal nothing changes.
 * @req: (transfer none): req->by (nullable) is copied into the history;
 *   req->check (nullable) is (scope call): called before and inside the
 *   transaction, never after this returns.
 * @result: (out caller-allocates): zeroed on entry WITHOUT freeing what
 *   it held; filled on success (free code with
 *   thidua_issue_result_clear()), left cleared on failure. */
gboolean thidua_lifecycle_issue  (ThiduaStore *store, gint64 id, const ThiduaIssueRequest *req,
                                  ThiduaIssueResult *result, GError **error);
/* The number issuing would propose now for this body and year.
 * @issuing_body: (nullable): NULL counts as "". */
guint    thidua_lifecycle_next_number (ThiduaStore *store, const char *issuing_body,
                                       guint year, GError **error);

/* A new draft copy of issued plan `id` that will replace it once issued;
 * returns its id or 0. */
gint64   thidua_lifecycle_replace (ThiduaStore *store, gint64 id, GError **error);

typedef struct {
  char *at;          /* YYYY-MM-DDTHH:MM:SS */
  char *from;
  char *to;
  char *by;
  char *comment;
  char *content_hash;
} ThiduaLifecycleEvent;
void       thidua_lifecycle_event_free (ThiduaLifecycleEvent *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaLifecycleEvent, thidua_lifecycle_event_free)
/* Oldest first; a GPtrArray of ThiduaLifecycleEvent.
 * Returns: (transfer full) (element-type ThiduaLifecycleEvent): frees its
 *   elements. */
GPtrArray *thidua_lifecycle_history (ThiduaStore *store, gint64 id, GError **error);

typedef struct {
  gint64  plan_id;
  guint   number;
  char   *symbol;
  char   *number_and_symbol;  /* as printed: "02/KH-SYT" */
  char   *issued_on;          /* YYYY-MM-DD */
  char   *issuing_body;
  char   *type_name;
  char   *subject;
  char   *signer;             /* position and name */
  char   *recipients;         /* the lines but the filing one, "; "-joined */
  char   *filing;             /* the "Lưu: …" line, without "Lưu:" */
  char   *code;
  char   *status;
  gint64  replaces;
} ThiduaOutgoingEntry;
void       thidua_outgoing_entry_free (ThiduaOutgoingEntry *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaOutgoingEntry, thidua_outgoing_entry_free)
/* The register of a year, by number (then issuing body); a GPtrArray of
 * ThiduaOutgoingEntry.
 * Returns: (transfer full) (element-type ThiduaOutgoingEntry): frees its
 *   elements. */
GPtrArray *thidua_lifecycle_numbers (ThiduaStore *store, guint year, GError **error);
/* The issued (or replaced) plan printed with this code; NULL without error
 * when none has it.
 * @code: (nullable): as typed; NULL or what cannot be a code gives NULL
 *   without error.
 * Returns: (transfer full) (nullable): thidua_outgoing_entry_free() it. */
ThiduaOutgoingEntry *thidua_lifecycle_verify (ThiduaStore *store, const char *code, GError **error);

G_END_DECLS
