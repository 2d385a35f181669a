/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-import-dialog.h — "Import from file…" and "Paste as new plan":
 * shows what was recognised in the text (header, subject, headings,
 * recipients, signer) so a wrong guess can be corrected before the plan is
 * created. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-import.h"
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_IMPORT_DIALOG (thidua_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaImportDialog, thidua_import_dialog, THIDUA, IMPORT_DIALOG, GtkWindow)

ThiduaImportDialog *thidua_import_dialog_new       (GtkWindow   *parent,
                                                    ThiduaStore *store);

/* Recognises text (from the clipboard); source names it for the user. */
void         thidua_import_dialog_set_text  (ThiduaImportDialog *self,
                                             const char         *text,
                                             const char         *source);
/* Reads and recognises a file; FALSE with error (nothing shown) when it
 * cannot be imported: empty, binary, too large, unreadable. */
gboolean     thidua_import_dialog_set_file  (ThiduaImportDialog  *self,
                                             GFile               *file,
                                             GError             **error);

/* The plan as the fields now stand (the user's corrections included). */
ThiduaPlan  *thidua_import_dialog_get_plan  (ThiduaImportDialog *self);
/* The warnings of the recognition, one per line. */
const char  *thidua_import_dialog_get_warnings (ThiduaImportDialog *self);

/* Stores the plan; emits ::plan-created and closes.  Returns the id, or 0
 * with error (an impossible date, a database error), the dialog kept open. */
gint64       thidua_import_dialog_create    (ThiduaImportDialog  *self,
                                             GError             **error);

/* How many lines were left out before the document's header (a legal
 * site's metadata); the dialog offers to keep them (import.keep-preamble). */
guint        thidua_import_dialog_get_n_skipped (ThiduaImportDialog *self);

/* The clipboard as recogniser text: its text/html when offered (Word,
 * LibreOffice, a browser: table cells and list labels kept, see
 * thidua-import-html.h), else its plain text. */
void         thidua_import_read_clipboard_async  (GdkClipboard        *clipboard,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char        *thidua_import_read_clipboard_finish (GdkClipboard        *clipboard,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Adds app.import-file and app.paste-as-new to application: both act on
 * the active ThiduaWindow (its store; the new plan is selected in it). */
void         thidua_import_dialog_add_actions (GtkApplication *application);

G_END_DECLS
