/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-paths.h — where data and translations are, found at run time:
 * the source tree when running from a build directory, next to the
 * executable on Windows, the configured prefix otherwise. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *thidua_paths_get_datadir   (void);  /* contains templates/, profiles/, … */
const char *thidua_paths_get_localedir (void);
/* The thidua_paths_get_* strings are (transfer none): computed once and
 * kept for the life of the process. */
/* Build directory's data/ (compiled GSettings schemas) when uninstalled, else NULL.
 * Returns: (transfer none) (nullable) */
const char *thidua_paths_get_build_datadir (void);
gboolean    thidua_paths_is_uninstalled (void);
/* g_build_filename (datadir, first, …)
 * @first: (nullable): NULL gives datadir itself.
 * Returns: (transfer full) */
char       *thidua_paths_find_data     (const char *first, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
