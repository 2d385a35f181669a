/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-catalog.h — the titles, ratings and forms of reward a registration
 * can name, and the rules the register checks; both read from data files
 * (data/catalog/titles.json, rules.json) so an office can edit them. */
#pragma once

#include <glib-object.h>
#include "thidua-rules.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_CATALOG (thidua_catalog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaCatalog, thidua_catalog, THIDUA, CATALOG, GObject)

#define THIDUA_CATALOG_ERROR (thidua_catalog_error_quark ())
typedef enum {
  THIDUA_CATALOG_ERROR_INVALID,   /* a data file is malformed; the message names file and entry */
} ThiduaCatalogError;
GQuark thidua_catalog_error_quark (void);

typedef enum {
  THIDUA_TITLE_KIND_TITLE,   /* danh hiệu thi đua */
  THIDUA_TITLE_KIND_RATING,  /* xếp loại: Hoàn thành xuất sắc nhiệm vụ */
  THIDUA_TITLE_KIND_REWARD,  /* hình thức khen thưởng */
} ThiduaTitleKind;

typedef enum {
  THIDUA_SUBJECT_INDIVIDUAL = 1 << 0,
  THIDUA_SUBJECT_COLLECTIVE = 1 << 1,
  THIDUA_SUBJECT_BOTH       = THIDUA_SUBJECT_INDIVIDUAL | THIDUA_SUBJECT_COLLECTIVE,
} ThiduaSubject;

/* Owned by the catalog; valid as long as it lives. */
typedef struct {
  char            *id;             /* stable key stored in registrations: "cstdcs" */
  char            *name;           /* "Chiến sĩ thi đua cơ sở" */
  char           **abbreviations;  /* "CSTĐCS", … */
  char           **aliases;
  ThiduaTitleKind  kind;
  ThiduaSubject    subject;
  char            *system;         /* "state" or "union" */
  char            *level;
  guint            position;       /* order in the data file, used for sorting */
  char           **legal;          /* document numbers it is defined in ("legal" in titles.json) */
} ThiduaTitle;

/* The default data files, then the office's overrides from
 * <user config dir>/thidua/rules.json when that file exists. */
ThiduaCatalog *thidua_catalog_new_default    (GError **error);
/* Explicit files (tests); rules_path may be NULL for no rules.
 * @rules_path: (nullable) */
ThiduaCatalog *thidua_catalog_new_from_files (const char *titles_path,
                                              const char *rules_path,
                                              GError    **error);
/* Overrides rules by id: {"rules": [{"id": …, "enabled": false}, …]}. */
gboolean       thidua_catalog_apply_overrides (ThiduaCatalog *self,
                                               const char    *path,
                                               GError       **error);

/* The titles and rules handed out below are (transfer none): owned by
 * the catalog and valid while it lives. */
guint              thidua_catalog_get_n_titles (ThiduaCatalog *self);
/* thidua_catalog_lookup: @id: (nullable)  Returns: (nullable): NULL when
 * no title has that id. */
const ThiduaTitle *thidua_catalog_get_title    (ThiduaCatalog *self, guint index);
const ThiduaTitle *thidua_catalog_lookup       (ThiduaCatalog *self, const char *id);
/* Matches text a person typed (name, abbreviation or alias; any case, with
 * or without diacritics, quotes or a leading "danh hiệu") or an id.
 * NULL when nothing matches.
 * @text: (nullable)
 * Returns: (transfer none) (nullable) */
const ThiduaTitle *thidua_catalog_match        (ThiduaCatalog *self, const char *text);
/* The abbreviation when it has one, else the name.
 * Returns: (transfer none): owned by title. */
const char        *thidua_title_get_short_name (const ThiduaTitle *title);

/* Rules in file order (ThiduaRule), enabled or not.
 * Returns: (transfer none) (element-type ThiduaRule): the catalog's own
 *   array, NOT a copy: do not unref or change it.
 * thidua_catalog_lookup_rule: Returns: (transfer none) (nullable): the
 *   catalog's rule itself (apply_overrides changes it in place); ref it
 *   to keep it. */
GPtrArray         *thidua_catalog_get_rules    (ThiduaCatalog *self);
ThiduaRule        *thidua_catalog_lookup_rule  (ThiduaCatalog *self, const char *id);

/* The legal-document table the rules and titles cite (NULL when none was
 * given).  set_legal checks that every document a rule period or a title
 * cites is in the table; the error names the rule or title.
 * thidua_catalog_get_legal: Returns: (transfer none) (nullable)
 * thidua_catalog_set_legal: @legal: (transfer none): not NULL; the
 *   catalog keeps a reference once the check passes. */
ThiduaLegalTable  *thidua_catalog_get_legal    (ThiduaCatalog *self);
gboolean           thidua_catalog_set_legal    (ThiduaCatalog    *self,
                                                ThiduaLegalTable *legal,
                                                GError          **error);
/* The date whose rules a registration year is judged by: 31 December of a
 * calendar year; for a school year the day of its last year given by
 * "school_year_end" (MM-DD, default 05-31) in rules.json or the office's
 * overrides.
 * @out: (out caller-allocates) */
void               thidua_catalog_reference_date (ThiduaCatalog *self, int start_year,
                                                  gboolean school, GDate *out);

/* The key thidua_catalog_match() compares: folded, quotes and trailing
 * punctuation dropped.
 * @text: (nullable): NULL counts as "".
 * Returns: (transfer full) */
char              *thidua_catalog_match_key    (const char *text);

G_END_DECLS
