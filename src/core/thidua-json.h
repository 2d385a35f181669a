/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-json.h — the one guard every JSON file goes through.
 *
 * json-glib 1.6 parses recursively with no depth limit, cuts strings at an
 * escaped NUL, and wraps integers that do not fit 64 bits.  Before it sees
 * the text, a scan of the bytes refuses nesting deeper than 64 levels, NUL
 * in any string (naming the key), and numbers that do not fit (showing the
 * value as written).  The member readers refuse a wrong type, naming the
 * key.  thidua_json_to_data() escapes every control character. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define THIDUA_JSON_MAX_DEPTH 64

#define THIDUA_JSON_ERROR (thidua_json_error_quark ())
GQuark thidua_json_error_quark (void);

typedef enum {
  THIDUA_JSON_ERROR_SYNTAX,
  THIDUA_JSON_ERROR_DEPTH,
  THIDUA_JSON_ERROR_NUL,
  THIDUA_JSON_ERROR_NUMBER,
  THIDUA_JSON_ERROR_TYPE,
} ThiduaJsonError;

/* The byte scan alone (depth, NUL, numbers). */
gboolean  thidua_json_check (const char *data, gsize len, GError **error);
/* The scan, then json-glib; the root node, owned by the caller.
 * @len: -1 when data is NUL-terminated.
 * Returns: (transfer full): json_node_unref() it. */
JsonNode *thidua_json_parse (const char *data, gssize len, GError **error);
/* thidua_input_read() with the JSON cap, then thidua_json_parse(); the
 * error names the file.
 * Returns: (transfer full): json_node_unref() it. */
JsonNode *thidua_json_load_file (const char *path, GError **error);

/* Members of an object; WHERE prefixes the key in messages ("signer.", or
 * "" at the top).  A missing or null member sets *present (may be NULL) to
 * FALSE and succeeds; a member of another type fails, naming the key.
 * @where: (nullable): NULL counts as "".
 * @out: (out) (transfer none): the string inside obj, valid while obj
 *   lives; NULL when the member is missing or null (member_string has
 *   no @present: test *out).  Set to NULL/0 on entry, whatever follows.
 * @present: (out) (optional): may be NULL. */
gboolean thidua_json_member_string (JsonObject *obj, const char *where, const char *key,
                                    const char **out, GError **error);
gboolean thidua_json_member_int    (JsonObject *obj, const char *where, const char *key,
                                    gint64 *out, gboolean *present, GError **error);
gboolean thidua_json_member_number (JsonObject *obj, const char *where, const char *key,
                                    double *out, gboolean *present, GError **error);

/* json-glib's generator, with every control character in strings written
 * as \u00XX (json-glib 1.6 leaves U+0001–U+001F other than \b\f\n\r\t raw).
 * @node: (transfer none) */
char *thidua_json_to_data (JsonNode *node, gboolean pretty);

G_END_DECLS
