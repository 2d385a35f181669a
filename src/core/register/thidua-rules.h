/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-rules.h — one checkable rule of the register, read from
 * data/catalog/rules.json.  The rules are common practice, not verified in
 * the decree's text, so every number lives in the data: an office changes a
 * ratio or switches a rule off there, and each finding names the rule's id
 * and source. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>
#include "thidua-legal.h"

G_BEGIN_DECLS

typedef enum {
  THIDUA_RULE_PREREQUISITE,  /* a title needs other titles (N years running) or an initiative */
  THIDUA_RULE_QUOTA,         /* a title is capped at a percentage of a base */
  THIDUA_RULE_COLLECTIVE,    /* a collective title needs its members to reach titles */
  THIDUA_RULE_TARGET,        /* the plan's targets (chỉ tiêu) */
  THIDUA_RULE_INTEGRITY,     /* data checks: closed units, duplicate people */
} ThiduaRuleKind;

#define THIDUA_RULE_ERROR (thidua_rule_error_quark ())
typedef enum {
  THIDUA_RULE_ERROR_INVALID,
} ThiduaRuleError;
GQuark thidua_rule_error_quark (void);

#define THIDUA_TYPE_RULE (thidua_rule_get_type ())
typedef struct _ThiduaRule ThiduaRule;
GType        thidua_rule_get_type (void) G_GNUC_CONST;

/* _to_string: Returns: (transfer none): static.
 * _from_string: @out: (out): set only when TRUE is returned. */
const char  *thidua_rule_kind_to_string   (ThiduaRuleKind kind);
gboolean     thidua_rule_kind_from_string (const char *s, ThiduaRuleKind *out);

/* Parses one entry of rules.json; the error names the rule and the field.
 * Reference counted: _new_from_json and _ref give (transfer full)
 * references.  @object: (transfer none): what is kept is copied.
 * thidua_rule_unref: @self: not NULL. */
ThiduaRule  *thidua_rule_new_from_json (JsonObject *object, GError **error);
ThiduaRule  *thidua_rule_ref           (ThiduaRule *self);
void         thidua_rule_unref         (ThiduaRule *self);

/* The string getters: Returns: (transfer none): owned by the rule; the
 * source is replaced (and the old one freed) by an override that gives
 * one. */
const char  *thidua_rule_get_id          (const ThiduaRule *self);
ThiduaRuleKind thidua_rule_get_kind      (const ThiduaRule *self);
/* The catalog id of the title the rule is about ("" for target/integrity). */
const char  *thidua_rule_get_title       (const ThiduaRule *self);
gboolean     thidua_rule_get_enabled     (const ThiduaRule *self);
const char  *thidua_rule_get_description (const ThiduaRule *self);
const char  *thidua_rule_get_source      (const ThiduaRule *self);

/* Parameters, with the default when absent.
 * thidua_rule_get_string: @default_value: (nullable)  Returns: (transfer
 *   none) (nullable): default_value itself when absent; otherwise owned by
 *   the rule and valid until thidua_rule_apply_override() (which replaces
 *   the parameters) or the last unref. */
double       thidua_rule_get_number  (const ThiduaRule *self, const char *name, double default_value);
gboolean     thidua_rule_get_boolean (const ThiduaRule *self, const char *name, gboolean default_value);
const char  *thidua_rule_get_string  (const ThiduaRule *self, const char *name, const char *default_value);
/* A string or a list of strings, as a NULL-terminated array (never NULL).
 * Returns: (transfer full) (array zero-terminated=1): g_strfreev() it. */
GStrv        thidua_rule_dup_strings (const ThiduaRule *self, const char *name);

/* Applies an office override ({"id": …, "enabled": …, "parameters": {…},
 * "periods": […]}): enabled and periods replace, parameters are merged
 * member by member.
 * @override: (transfer none).  Not all or nothing: a bad "periods"
 *   fails after the parameters, enabled and source were applied. */
gboolean     thidua_rule_apply_override (ThiduaRule *self, JsonObject *override, GError **error);

/* How many a quota of percent allows out of base: floor (base × percent / 100),
 * computed without floating-point surprises (15% of 20 is 3, of 21 is 3). */
guint        thidua_rule_quota_allowed (guint base, double percent);
/* TRUE when part/whole reaches percent (strict: exceeds it). whole 0 → FALSE. */
gboolean     thidua_rule_percent_reached (guint part, guint whole, double percent, gboolean strict);

/* Periods of application ("periods" in rules.json): each names the legal
 * document in force then, the article ("" when not verified), how far it was
 * verified and, when the substance changed, the parameters of that period
 * (merged over the rule's own).  A rule without periods applies always. */
guint        thidua_rule_get_n_periods        (const ThiduaRule *self);
/* The document numbers period i cites (its document, then "also").
 * Returns: (transfer full) (array zero-terminated=1): g_strfreev() it. */
GStrv        thidua_rule_dup_period_documents (const ThiduaRule *self, guint i);
/* The rule as it applies on date: itself (a new reference) when it has no
 * periods, a copy with the period's parameters and source when a period
 * covers date, NULL when none does (not in force then).  legal (may be
 * NULL) gives the documents' kinds for the source text.
 * @legal: (nullable) (transfer none)
 * Returns: (transfer full) (nullable): thidua_rule_unref() it. */
ThiduaRule  *thidua_rule_at (ThiduaRule *self, const GDate *date, ThiduaLegalTable *legal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaRule, thidua_rule_unref)

G_END_DECLS
