/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-profile.h — a format profile (state, party, union) loaded from
 * data/profiles/<name>.json and checked against data/profiles/ranges.json.
 *
 * Every size, margin, spacing, rule and fixed text of the printed page is a
 * key of the profile file; an office may change a value inside the range
 * the regulation allows.  A missing key, an unknown key, a value of the
 * wrong type or outside its range is an error naming the key: the renderer
 * never falls back silently.
 */
#pragma once

#include <glib-object.h>
#include "thidua-plan.h"

G_BEGIN_DECLS

#define THIDUA_PROFILE_ERROR (thidua_profile_error_quark ())
typedef enum {
  THIDUA_PROFILE_ERROR_NOT_FOUND,    /* no such profile file */
  THIDUA_PROFILE_ERROR_PARSE,        /* not JSON (message has line:column) */
  THIDUA_PROFILE_ERROR_MISSING_KEY,  /* message names the key */
  THIDUA_PROFILE_ERROR_UNKNOWN_KEY,
  THIDUA_PROFILE_ERROR_BAD_TYPE,
  THIDUA_PROFILE_ERROR_OUT_OF_RANGE, /* message names the key, value and range */
} ThiduaProfileError;
GQuark thidua_profile_error_quark (void);

#define THIDUA_TYPE_PROFILE (thidua_profile_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaProfile, thidua_profile, THIDUA, PROFILE, GObject)

/* Loads data/profiles/<name>.json (name is "state", "party" or "union"). */
ThiduaProfile *thidua_profile_load            (const char   *name,
                                               GError      **error);
ThiduaProfile *thidua_profile_load_for_kind   (ThiduaProfileKind kind,
                                               GError      **error);
/* A profile file anywhere (an office's edited copy, tests).  Its "name"
 * member selects the ranges it is checked against. */
ThiduaProfile *thidua_profile_load_from_file  (const char   *path,
                                               GError      **error);
/* Same from memory; ranges_json NULL reads data/profiles/ranges.json.
 * @ranges_json: (nullable) */
ThiduaProfile *thidua_profile_load_from_data  (const char   *json,
                                               const char   *ranges_json,
                                               GError      **error);

/* A profile does not change once loaded: the strings below are (transfer
 * none), valid while the profile lives. */
const char    *thidua_profile_get_name        (ThiduaProfile *self);  /* "state" */
const char    *thidua_profile_get_title       (ThiduaProfile *self);  /* the regulation */
/* Page and margins in points (1 pt = 1/72 in).
 * thidua_profile_get_margins: @top, @bottom, @left, @right: (out)
 *   (optional) */
double         thidua_profile_get_page_width  (ThiduaProfile *self);
double         thidua_profile_get_page_height (ThiduaProfile *self);
void           thidua_profile_get_margins     (ThiduaProfile *self,
                                               double *top, double *bottom,
                                               double *left, double *right);
const char    *thidua_profile_get_font_family (ThiduaProfile *self);
const char    *thidua_profile_get_ending_mark (ThiduaProfile *self);  /* "./." */
/* What joins the number and the symbol: "/" (Số: 215/KH-SYT), "-" (Số 100-KH/TCT). */
const char    *thidua_profile_get_number_separator (ThiduaProfile *self);
/* The example the form shows in an empty field ("superior_body",
 * "issuing_body", "place", "on_behalf_of", "position"): the profile's
 * optional "placeholders" object of strings; NULL when absent. */
const char    *thidua_profile_get_placeholder (ThiduaProfile *self,
                                               const char    *field);

/* The signature's authority prefixes the profile's documents use
 * ("signature.authorities"), the usual one first: "TM.", "KT.", … (state),
 * "T/M", "K/T", … (party).  Free with g_strfreev. */
char         **thidua_profile_dup_authorities (ThiduaProfile *self);

/* Any numeric key by its dotted name ("size.body", "margin.left"): the
 * value as written in the file (mm or pt as the key says).
 * @value: (out) (optional): set only when TRUE (a known key) is returned. */
gboolean       thidua_profile_lookup_number   (ThiduaProfile *self,
                                               const char    *key,
                                               double        *value);

G_END_DECLS
