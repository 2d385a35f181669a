/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-plan.h — one KẾ HOẠCH as printed: header, subject, body, closing.
 *
 * Every string held by a plan is NFC; setters normalise.  Blank parts are
 * "" (never NULL) and blank date parts are 0.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define THIDUA_TYPE_PLAN (thidua_plan_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPlan, thidua_plan, THIDUA, PLAN, GObject)

/* The built-in profiles.  Further ones (another mass organisation) are
 * data: each data/profiles/<name>.json beyond these gets the next kind, in
 * name order (thidua_profile_kind_count()). */
typedef enum {
  THIDUA_PROFILE_STATE,
  THIDUA_PROFILE_PARTY,
  THIDUA_PROFILE_UNION,
  THIDUA_PROFILE_YOUTH,
} ThiduaProfileKind;
#define THIDUA_PROFILE_N_BUILTIN (THIDUA_PROFILE_YOUTH + 1)

#define THIDUA_PLAN_ERROR (thidua_plan_error_quark ())
typedef enum {
  THIDUA_PLAN_ERROR_INVALID_DATE,
  THIDUA_PLAN_ERROR_INVALID_PROFILE,
  THIDUA_PLAN_ERROR_INVALID_JSON,
  THIDUA_PLAN_ERROR_INVALID_TEXT,
} ThiduaPlanError;
GQuark thidua_plan_error_quark (void);

/* thidua_profile_kind_to_string: Returns: (transfer none): kept for the
 *   life of the process.
 * thidua_profile_kind_from_string: @s: (nullable): NULL gives FALSE.
 *   @out: (out): set only when TRUE is returned. */
const char        *thidua_profile_kind_to_string   (ThiduaProfileKind kind);
gboolean           thidua_profile_kind_from_string (const char        *s,
                                                    ThiduaProfileKind *out);
/* Built-in kinds and those found in data/profiles/. */
guint              thidua_profile_kind_count       (void);

ThiduaPlan  *thidua_plan_new               (void);
ThiduaPlan  *thidua_plan_copy              (ThiduaPlan  *self);
/* Takes every edited field of `from` (not the id, status or times).
 * @from: (transfer none): copied. */
void         thidua_plan_assign_content    (ThiduaPlan  *self, ThiduaPlan *from);

gint64       thidua_plan_get_id            (ThiduaPlan *self);
void         thidua_plan_set_id            (ThiduaPlan *self, gint64 id);
ThiduaProfileKind thidua_plan_get_profile  (ThiduaPlan *self);
void         thidua_plan_set_profile       (ThiduaPlan *self, ThiduaProfileKind profile);

/* Header
 * The string getters here and below: Returns: (transfer none): never
 * NULL, valid until that field is set again.  The setters: @s:
 * (nullable): copied (NFC); NULL and invalid UTF-8 store "". */
const char  *thidua_plan_get_superior_body (ThiduaPlan *self);
void         thidua_plan_set_superior_body (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_issuing_body  (ThiduaPlan *self);
void         thidua_plan_set_issuing_body  (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_number        (ThiduaPlan *self);
void         thidua_plan_set_number        (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_symbol        (ThiduaPlan *self);
void         thidua_plan_set_symbol        (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_place         (ThiduaPlan *self);
void         thidua_plan_set_place         (ThiduaPlan *self, const char *s);
/* 0 means blank (left for the clerk to fill in by hand). */
guint        thidua_plan_get_day           (ThiduaPlan *self);
guint        thidua_plan_get_month         (ThiduaPlan *self);
guint        thidua_plan_get_year          (ThiduaPlan *self);
void         thidua_plan_set_date          (ThiduaPlan *self, guint day, guint month, guint year);
/* FALSE with THIDUA_PLAN_ERROR_INVALID_DATE naming the problem (31/02). */
gboolean     thidua_plan_check_date        (guint day, guint month, guint year, GError **error);

/* Title */
const char  *thidua_plan_get_type_name     (ThiduaPlan *self);
void         thidua_plan_set_type_name     (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_subject       (ThiduaPlan *self);
void         thidua_plan_set_subject       (ThiduaPlan *self, const char *s);

/* Body, in the markup of thidua-markup.h */
const char  *thidua_plan_get_body          (ThiduaPlan *self);
void         thidua_plan_set_body          (ThiduaPlan *self, const char *s);

/* Closing: recipients as written, without the leading "- "
 * thidua_plan_get_recipients: Returns: (transfer none) (array
 *   zero-terminated=1): never NULL, valid until the recipients are set
 *   again.
 * thidua_plan_set_recipients: @lines: (nullable) (array zero-terminated=1):
 *   copied; NULL clears them. */
const char * const *thidua_plan_get_recipients (ThiduaPlan *self);
void         thidua_plan_set_recipients    (ThiduaPlan *self, const char * const *lines);
const char  *thidua_plan_get_signer_authority    (ThiduaPlan *self);
void         thidua_plan_set_signer_authority    (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_signer_on_behalf_of (ThiduaPlan *self);
void         thidua_plan_set_signer_on_behalf_of (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_signer_position     (ThiduaPlan *self);
void         thidua_plan_set_signer_position     (ThiduaPlan *self, const char *s);
const char  *thidua_plan_get_signer_name         (ThiduaPlan *self);
void         thidua_plan_set_signer_name         (ThiduaPlan *self, const char *s);

const char  *thidua_plan_get_status        (ThiduaPlan *self);
void         thidua_plan_set_status        (ThiduaPlan *self, const char *s);
gint64       thidua_plan_get_created       (ThiduaPlan *self); /* unix seconds */
gint64       thidua_plan_get_modified      (ThiduaPlan *self);
void         thidua_plan_set_times         (ThiduaPlan *self, gint64 created, gint64 modified);

/* JSON, as in `thidua-cli show --json` (see README).  from_json validates
 * every field: unknown profile, impossible date or a wrong type fail with
 * THIDUA_PLAN_ERROR naming the key.  The "id" member is ignored on input.
 * thidua_plan_to_json_node: Returns: (transfer full): json_node_unref() it.
 * thidua_plan_new_from_json_node: @node: (transfer none) (nullable): NULL
 *   or a non-object fails. */
JsonNode    *thidua_plan_to_json_node      (ThiduaPlan *self);
char        *thidua_plan_to_json           (ThiduaPlan *self, gboolean pretty);
ThiduaPlan  *thidua_plan_new_from_json_node (JsonNode *node, GError **error);
/* Parse errors carry "line L, column C". */
/* A body longer than this (bytes) is refused when read from JSON. */
#define THIDUA_PLAN_MAX_BODY (2 * 1024 * 1024)
/* @len: -1 when json is NUL-terminated. */
ThiduaPlan  *thidua_plan_new_from_json     (const char *json, gssize len, GError **error);

G_END_DECLS
