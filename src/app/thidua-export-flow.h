/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-export-flow.h — saving a copy out of the app, the same way for
 * every export (plan PDF, PNG, DOCX, ODT; the register's tables and
 * spreadsheets): the proposed file name, the folder the chooser opens in,
 * the chooser, the write, and a message saying where the file went with a
 * button that opens it. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-window.h"

G_BEGIN_DECLS

/* One kind of file the chooser offers. */
typedef struct {
  const char *extension;   /* "pdf", without the dot */
  const char *label;       /* the filter's name, translated */
  const char *mime_type;   /* or NULL */
} ThiduaExportFormat;

/* Writes the file at path; FALSE with error when it could not. */
typedef gboolean (*ThiduaExportWriteFunc) (const char  *path,
                                           gpointer     user_data,
                                           GError     **error);

/* The longest proposed name, in characters, before the extension. */
#define THIDUA_EXPORT_NAME_MAX 60

/* A file name made from a subject: quotes dropped, characters Windows
 * refuses replaced, spaces collapsed, cut at a word to at most max_chars
 * characters (never inside a word unless one word is longer), no trailing
 * dot or space; `fallback` when nothing is left.  ".extension" appended. */
char     *thidua_export_file_name      (const char *subject,
                                        const char *fallback,
                                        const char *extension,
                                        guint       max_chars);

/* The folder the chooser opens in: the last export folder while it
 * exists, else the user's Documents folder, else the home folder; never
 * the folder the app was started from. */
char     *thidua_export_initial_folder (GSettings  *settings);

/* Remembers the folder of path as the last export folder. */
void      thidua_export_remember_folder (GSettings  *settings,
                                         const char *path);

/* Runs the whole flow: a save chooser titled `title` with one filter per
 * format, opening in the initial folder with `name` proposed; on accept
 * adds the first format's extension when the name has none of theirs,
 * calls write, remembers the folder and shows the message.  A failure is
 * shown as a message too.  destroy frees user_data when the flow ends. */
void      thidua_export_flow_run        (GtkWindow                 *parent,
                                         GSettings                 *settings,
                                         const char                *title,
                                         const char                *name,
                                         const ThiduaExportFormat  *formats,
                                         guint                      n_formats,
                                         ThiduaExportWriteFunc      write,
                                         gpointer                   user_data,
                                         GDestroyNotify             destroy);

/* The message after a file was written: where it went, "Mở" (open it),
 * "Mở thư mục" (its folder) and "Đóng".  Returns the message window. */
GtkWindow *thidua_export_flow_show_done (GtkWindow  *parent,
                                         const char *path);

/* The plan open in the window, written to path by the one renderer:
 * .pdf (all pages), .png (the page shown, 150 dpi), .docx or .odt
 * (editable); remembers the folder for the next export. */
gboolean  thidua_export_flow_write_plan (ThiduaWindow *window,
                                         const char   *path,
                                         GError      **error);

/* win.export's body: the chooser for the open plan in `format` ("pdf",
 * "png", "docx", "odt"), named after its subject. */
void      thidua_export_flow_plan       (ThiduaWindow *window,
                                         const char   *format);

G_END_DECLS
