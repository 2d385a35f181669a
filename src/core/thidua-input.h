/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-input.h — the one way to read a file that comes from outside.
 *
 * Every outside file is hostile: it may be a device (/dev/zero), a FIFO,
 * a folder, a symbolic link pointing anywhere, or far larger than it says.
 * thidua_input_read() opens regular files only, never follows a symbolic
 * link, and counts the bytes while it reads, so a file that grows or lies
 * about its size stops at the cap.
 *
 * thidua_output_*: the one way to write a file the user named.  The data
 * go to a new file in the same folder, which is renamed over the target
 * once complete: a link at the target is replaced, never followed, and a
 * failed write leaves what was there before. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Caps for the kinds of files the program reads. */
#define THIDUA_INPUT_MAX_JSON   (8 * 1024 * 1024)    /* a plan, targets, a profile */
#define THIDUA_INPUT_MAX_TEXT   (16 * 1024 * 1024)   /* a plan as text */
#define THIDUA_INPUT_MAX_SHEET  (64 * 1024 * 1024)   /* a register spreadsheet */

/* Checks that PATH names a regular file (not a link, device, FIFO or folder)
 * of at most MAX bytes; the error (G_IO_ERROR) names the file. */
gboolean thidua_input_check (const char *path, gsize max, GError **error);

/* Reads all of PATH, refusing what is not a regular file or holds more
 * than MAX bytes.  The result is NUL-terminated (not counted in LEN).
 * @contents: (out) (transfer full): set only on success; g_free() it.
 * @len: (out) (optional): may be NULL. */
gboolean thidua_input_read (const char  *path,
                            gsize        max,
                            char       **contents,
                            gsize       *len,
                            GError     **error);

typedef struct _ThiduaOutput ThiduaOutput;

/* Starts writing PATH: a new temporary file next to it.
 * Returns: (transfer full): end it with thidua_output_commit() or
 *   thidua_output_abort(), either of which frees it. */
ThiduaOutput *thidua_output_open      (const char *path, GError **error);
/* The temporary file's name, for libraries that write by name.
 * Returns: (transfer none): valid until OUT is committed or aborted. */
const char   *thidua_output_get_temp_path (ThiduaOutput *out);
gboolean      thidua_output_write     (ThiduaOutput *out, const void *data, gsize len,
                                       GError **error);
/* Flushes, closes and renames the temporary file over PATH; frees OUT
 * either way (on failure the temporary file is removed).
 * @out: (transfer full): do not use it after this call. */
gboolean      thidua_output_commit    (ThiduaOutput *out, GError **error);
/* Removes the temporary file and frees OUT; NULL is fine.
 * @out: (transfer full) (nullable) */
void          thidua_output_abort     (ThiduaOutput *out);
/* The whole file at once. */
gboolean      thidua_output_set_contents (const char *path, const void *data, gsize len,
                                          GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThiduaOutput, thidua_output_abort)

G_END_DECLS
