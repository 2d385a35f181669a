/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-legal.h — the legal documents the product cites, each with the
 * period in which it is in force and the document that replaced it, read
 * from data/legal/documents.json (and the office's additions); and the
 * check of a plan's "Căn cứ …" lines against that table, so that a plan
 * dated 2026 citing a repealed decree says which text replaced it. */
#pragma once

#include <glib-object.h>
#include "thidua-plan.h"

G_BEGIN_DECLS

#define THIDUA_LEGAL_ERROR (thidua_legal_error_quark ())
typedef enum {
  THIDUA_LEGAL_ERROR_INVALID,  /* the message names the file, the document and the field */
} ThiduaLegalError;
GQuark thidua_legal_error_quark (void);

typedef enum {
  THIDUA_LEGAL_OFFICIAL,    /* the official text itself was read ("official"; "read" is accepted) */
  THIDUA_LEGAL_SECONDARY,   /* a copy or quotation of the text was read */
  THIDUA_LEGAL_PRACTICE,    /* widely reported, not read */
} ThiduaLegalVerification;

/* Owned by the table.  Dates not given are invalid GDates (g_date_valid()
 * FALSE): an invalid in_force_to means "still in force". */
typedef struct {
  char   *number;        /* "152/2025/NĐ-CP" */
  char   *key;           /* "152/2025/ndcp": how citations are matched */
  char   *kind;          /* "Nghị định" */
  char   *short_name;
  char   *issuer;
  char   *replaced_by;   /* number, or "" */
  char   *note;
  char  **citations;     /* other ways plans cite it ("Luật … ngày 26 tháng 11 năm 2003") */
  GDate   date;
  GDate   in_force_from;
  GDate   in_force_to;
  GDate   checked;
  ThiduaLegalVerification verification;
} ThiduaLegalDocument;

/* "Nghị định 152/2025/NĐ-CP"
 * thidua_legal_document_in_force: @date: not NULL; an invalid GDate is
 *   "any date" (TRUE).
 * thidua_legal_verification_to_string: Returns: (transfer none): static. */
char       *thidua_legal_document_display   (const ThiduaLegalDocument *doc);
gboolean    thidua_legal_document_in_force  (const ThiduaLegalDocument *doc, const GDate *date);
const char *thidua_legal_verification_to_string (ThiduaLegalVerification v);
/* The key a number is compared by: leading zeros, case, diacritics and
 * punctuation of the symbol aside ("06/2022/QH15" → "6/2022/qh15").
 * @number: (nullable): NULL counts as "". */
char       *thidua_legal_number_key         (const char *number);

#define THIDUA_TYPE_LEGAL_TABLE (thidua_legal_table_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaLegalTable, thidua_legal_table, THIDUA, LEGAL_TABLE, GObject)

/* data/legal/documents.json, then <user config dir>/thidua/legal.json when
 * it exists; validated. */
ThiduaLegalTable *thidua_legal_table_new_default   (GError **error);
ThiduaLegalTable *thidua_legal_table_new_from_file (const char *path, GError **error);
/* Adds the documents of another file; an entry with a number already in the
 * table replaces the fields it gives.  Validates the result. */
gboolean          thidua_legal_table_merge_file    (ThiduaLegalTable *self, const char *path,
                                                    GError **error);
/* Dates in order (date ≤ in force from ≤ in force to), every "replaced by"
 * in the table and no cycle through "replaced by". */
gboolean          thidua_legal_table_validate      (ThiduaLegalTable *self, GError **error);

guint                      thidua_legal_table_get_n_documents (ThiduaLegalTable *self);
/* The documents below are (transfer none), owned by the table and valid
 * while it lives (a merge updates an entry in place, it never frees one). */
const ThiduaLegalDocument *thidua_legal_table_get_document    (ThiduaLegalTable *self, guint i);
/* By number, written any way thidua_legal_number_key() folds alike.
 * @number: (nullable)
 * Returns: (transfer none) (nullable): NULL when not in the table. */
const ThiduaLegalDocument *thidua_legal_table_lookup          (ThiduaLegalTable *self,
                                                               const char       *number);
/* The document in force on date along doc's "replaced by" chain (doc itself
 * when in force), or NULL.
 * @doc: (nullable): NULL gives NULL.
 * Returns: (transfer none) (nullable) */
const ThiduaLegalDocument *thidua_legal_table_current         (ThiduaLegalTable          *self,
                                                               const ThiduaLegalDocument *doc,
                                                               const GDate               *date);

/* Replaces every "{{van-ban:NUMBER}}" in text by the citation ("Nghị định
 * số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025") of the document in force on
 * date along NUMBER's chain (NUMBER's own when none is): templates cite
 * texts through the table and stay current.
 * @text: (nullable): NULL counts as "".
 * Returns: (transfer full) */
char *thidua_legal_resolve_placeholders (ThiduaLegalTable *self, const char *text,
                                         const GDate *date);

/* A cited document not in force on the plan's date. */
typedef struct {
  int   line;       /* 0-based body line */
  char *number;     /* the cited document */
  char *current;    /* the document in force then, or NULL */
  char *message;    /* translated sentence naming both */
} ThiduaLegalFinding;
void thidua_legal_finding_free (ThiduaLegalFinding *f);

/* Reads the body's "Căn cứ …" lines and returns a ThiduaLegalFinding for
 * every cited document of the table not in force on date.
 * @body, @date: (nullable): NULL (or an invalid date) gives an empty array.
 * Returns: (transfer full) (element-type ThiduaLegalFinding): frees its
 *   elements; never NULL. */
GPtrArray *thidua_legal_check_body (ThiduaLegalTable *self, const char *body, const GDate *date);
/* The same on the plan's body at the plan's date (today when the plan has
 * no year; a missing day or month counts as the first).
 * Returns: (transfer full) (element-type ThiduaLegalFinding): as above. */
GPtrArray *thidua_legal_check_plan (ThiduaLegalTable *self, ThiduaPlan *plan);
/* The date thidua_legal_check_plan() uses.
 * @out: (out caller-allocates) */
void       thidua_legal_plan_date  (ThiduaPlan *plan, GDate *out);

G_END_DECLS
