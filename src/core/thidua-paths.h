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

/* PATH (UTF-8, as GLib names files) in the form a C library that opens
 * files with fopen() needs (libfreexl, libxlsxwriter).  POSIX: PATH itself.
 * Windows: fopen() takes the active code page, which the programs'
 * manifest makes UTF-8 (Windows 10 1903 and later); on an older Windows
 * the name converted to the code page, or the 8.3 short name of the
 * existing file when a character has no place in it.  NULL, with an error
 * naming the file, when Windows has no such name for it. */
char       *thidua_paths_for_c_library (const char *path, GError **error);
/* The folder such a library should put its own temporary files in, in the
 * same form; NULL for the library's default (POSIX: tmpfile()). */
char       *thidua_paths_get_c_library_tmpdir (void);

/* For a process that only prints (thidua-cli render, render-json), called
 * first thing: on glibc/Linux, gives the heap 8 MB in transparent huge
 * pages so that the layout's first touches of memory are not a page fault
 * each (thidua-paths.c says why).  Elsewhere, or under a sanitizer's
 * malloc, does nothing.
 * Returns: (transfer full) (nullable): a block to g_free() when the
 *   command ends, or NULL. */
void       *thidua_paths_shape_heap_for_print (void);

/* The same for a command that reads a large file (register import,
 * exchange import): @factor bytes of heap in huge pages per byte of the
 * file, at least 8 MB and at most 256 MB (reserved, not touched: only the
 * 2 MB pages the command uses become resident).
 * Returns: (transfer full) (nullable): as above. */
void       *thidua_paths_shape_heap_for_file (const char *path, guint factor);

/* Memory about to be written, mapped in one call instead of a page fault
 * at each page's first write (Linux 5.14 and later; elsewhere, or when
 * refused, nothing: the pages fault in as they are written). */
void        thidua_paths_prefault (gpointer data, gsize bytes);

/* The whole 2 MB pages inside a block of at least 4 MB marked for
 * transparent huge pages (Linux, where the system leaves them to
 * madvise); elsewhere nothing. */
void        thidua_paths_advise_huge_pages (gpointer data, gsize bytes);

G_END_DECLS
