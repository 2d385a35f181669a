/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-exchange.h — packages that carry a register between offices by
 * file: registers up (a school to its education office), results down.
 *
 * A package (.thidua) is a SQLite database file, gzip-compressed, holding
 * the rows and a manifest, signed with the sending office's Ed25519 key
 * (libsodium).  It is hostile input: it is checked whole (size, schema,
 * counts, content hash, signature, pinned key, sequence) before anything
 * is written, then applied in one transaction. */
#pragma once

#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_EXCHANGE_ERROR (thidua_exchange_error_quark ())
typedef enum {
  THIDUA_EXCHANGE_ERROR_NOT_PACKAGE,   /* not a package at all, empty, truncated */
  THIDUA_EXCHANGE_ERROR_DAMAGED,       /* a package whose content or signature does not hold */
  THIDUA_EXCHANGE_ERROR_TOO_LARGE,
  THIDUA_EXCHANGE_ERROR_UNTRUSTED,     /* signed by another key than the pinned one */
  THIDUA_EXCHANGE_ERROR_STALE,         /* older than the last one received */
  THIDUA_EXCHANGE_ERROR_NOT_FOR_US,    /* a downward package for another office */
  THIDUA_EXCHANGE_ERROR_INVALID,       /* a request that cannot be met (no office name, …) */
  THIDUA_EXCHANGE_ERROR_FAILED,
} ThiduaExchangeError;
GQuark thidua_exchange_error_quark (void);

/* Caps: a package larger than these is refused before it is read. */
#define THIDUA_EXCHANGE_MAX_FILE     (G_GINT64_CONSTANT (256) << 20)
#define THIDUA_EXCHANGE_MAX_CONTENT  (G_GINT64_CONSTANT (1024) << 20)
#define THIDUA_EXCHANGE_MAX_ROWS     2000000

/* This office as packages name it (name and code from `office`). */
typedef struct {
  char   *name;
  char   *code;
  guint8  public_key[32];
} ThiduaExchangeOffice;
void thidua_exchange_office_free (ThiduaExchangeOffice *office);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaExchangeOffice, thidua_exchange_office_free)

/* The office's identity; makes its key pair at first use.
 * Returns: (transfer full): a new ThiduaExchangeOffice (a _get_ that
 *   gives a copy); thidua_exchange_office_free() it. */
ThiduaExchangeOffice *thidua_exchange_get_office (ThiduaStore *store, GError **error);
/* "AB12 CD34 …": 16 bytes of SHA-256 of the public key, for reading aloud.
 * @public_key: (array fixed-size=32)
 * Returns: (transfer full) */
char *thidua_exchange_fingerprint (const guint8 public_key[32]);

/* Upward: this office's units, people and registrations of `year` and its
 * issued plans. */
gboolean thidua_exchange_export (ThiduaStore *store, const char *year,
                                 const char *path, GError **error);
/* Downward: the results of the rows received from office `to`. */
gboolean thidua_exchange_export_results (ThiduaStore *store, const char *year,
                                         const char *to, const char *path,
                                         GError **error);

#define THIDUA_EXCHANGE_MAX_LISTED 500

typedef enum {
  THIDUA_EXCHANGE_ADDED,
  THIDUA_EXCHANGE_CHANGED,
  THIDUA_EXCHANGE_REMOVED,
  THIDUA_EXCHANGE_REVIEW,
} ThiduaExchangeChangeKind;

typedef struct {
  ThiduaExchangeChangeKind kind;
  char *uuid;
  char *what;     /* "Nguyễn Văn A — Lao động tiên tiến" */
  char *reason;   /* for REVIEW: why it needs a look */
} ThiduaExchangeChange;

typedef struct {
  char      *from_name;
  char      *from_code;
  char      *fingerprint;
  gboolean   first_from_office;   /* the key was pinned by this package */
  char      *direction;           /* "up" or "down" */
  char      *year;
  gint64     sequence;
  guint      added, changed, removed, review;
  /* ThiduaExchangeChange: every row to review, and the first
   * THIDUA_EXCHANGE_MAX_LISTED of each other kind (the counts say all). */
  GPtrArray *changes;
} ThiduaExchangeReport;
void thidua_exchange_report_free (ThiduaExchangeReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaExchangeReport, thidua_exchange_report_free)

/* Checks the package and computes what it would change.  With apply,
 * applies it in one transaction; without, writes nothing (the review).
 * Returns: (transfer full): thidua_exchange_report_free() frees it and
 *   its changes, (element-type ThiduaExchangeChange), which frees its
 *   elements (ThiduaExchangeChange has no public free function). */
ThiduaExchangeReport *thidua_exchange_import (ThiduaStore *store, const char *path,
                                              gboolean apply, GError **error);

/* One line per office and year received: ThiduaExchangeReceived. */
typedef struct {
  char   *office;
  char   *year;
  gint64  received;   /* unix time */
  gint64  rows;
} ThiduaExchangeReceived;
void       thidua_exchange_received_free (ThiduaExchangeReceived *r);
/* Returns: (transfer full) (element-type ThiduaExchangeReceived): frees
 *   its elements. */
GPtrArray *thidua_exchange_list (ThiduaStore *store, GError **error);

/* An issued plan received from another office, by its printed code:
 * office name, number/symbol, date; FALSE when none has it.
 * @office, @number_symbol, @date: (out) (transfer full): not optional;
 *   set only when TRUE is returned.  FALSE with no error when no plan has
 *   the code. */
gboolean thidua_exchange_verify_code (ThiduaStore *store, const char *code,
                                      char **office, char **number_symbol,
                                      char **date, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* Registration id → the name of the office it was received from, for the
 * rows of `year` that came by package (this office's own rows are absent).
 * Returns: (transfer full) (element-type gint64 utf8): keys are gint64 *,
 *   values strings; the table frees both (g_hash_table_unref()). */
GHashTable *thidua_exchange_row_offices (ThiduaStore *store, const char *year, GError **error);

/* The year across offices: one ThiduaExchangeTally per office and title
 * (registrations not withdrawn, and how many achieved), this office first,
 * then the offices in name order. */
typedef struct {
  char  *office;
  char  *title;      /* catalog id */
  guint  registered;
  guint  achieved;
} ThiduaExchangeTally;
void       thidua_exchange_tally_free (ThiduaExchangeTally *t);
/* Returns: (transfer full) (element-type ThiduaExchangeTally): frees its
 *   elements. */
GPtrArray *thidua_exchange_rollup (ThiduaStore *store, const char *year, GError **error);

G_END_DECLS

G_BEGIN_DECLS
/* The fingerprint of this office's key, or NULL (no error) while it has
 * none: the key is made at the first export or import, not by reading.
 * Returns: (transfer full) (nullable) */
char *thidua_exchange_dup_own_fingerprint (ThiduaStore *store, GError **error);
G_END_DECLS

G_BEGIN_DECLS
/* Every check of a package that needs no database: size, format, schema,
 * manifest, counts, content hash and signature (the fuzz target's entry). */
gboolean thidua_exchange_check_file (const char *path, GError **error);
G_END_DECLS

G_BEGIN_DECLS
/* Trust: the key an office's package is signed by against the key pinned
 * for that office here.  A package signed by another key is refused until
 * the pinned key is replaced by this explicit action. */
typedef struct {
  char *office;    /* the office the package names */
  char *code;
  char *pinned;    /* fingerprint of the key pinned here */
  char *offered;   /* fingerprint of the key that signed the package */
} ThiduaExchangeKeyConflict;
void thidua_exchange_key_conflict_free (ThiduaExchangeKeyConflict *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaExchangeKeyConflict, thidua_exchange_key_conflict_free)

/* The conflict of a package (whole-checked first), or NULL: with an error
 * when the package cannot be read, without one when its key is the pinned
 * one or its office has none pinned yet. */
ThiduaExchangeKeyConflict *thidua_exchange_key_conflict (ThiduaStore *store, const char *path,
                                                         GError **error);

/* Replaces the key pinned for the package's office by the key that signed
 * the package, when `fingerprint` (as read by phone: spaces and case do not
 * matter) is that key's.  The replacement is recorded; packages signed by
 * the new key are numbered from their own first one.  Nothing else is
 * imported: import the package afterwards. */
gboolean thidua_exchange_replace_key (ThiduaStore *store, const char *path, const char *fingerprint,
                                      GError **error);
G_END_DECLS
