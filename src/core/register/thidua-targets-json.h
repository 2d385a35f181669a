/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-targets-json.h — a plan's targets from a JSON file
 * (`register targets --set`): an array of
 * {"title", "min", "max", "measure": "percent"|"count", "base"}.
 * Read through the JSON guard; every wrong type is refused naming the
 * target and the key. */
#pragma once

#include "thidua-register-targets.h"

G_BEGIN_DECLS

/* ThiduaPlanTarget items, or NULL with an error naming the file.
 * Returns: (transfer full) (element-type ThiduaPlanTarget): frees its
 *   elements (both functions).
 * @catalog: (transfer none) */
GPtrArray *thidua_plan_targets_load_json (const char *path, ThiduaCatalog *catalog,
                                          GError **error);
/* The same from text (NAME only names it in messages).
 * @data: (array length=len) */
GPtrArray *thidua_plan_targets_from_json (const char *name, const char *data, gsize len,
                                          ThiduaCatalog *catalog, GError **error);

G_END_DECLS
