/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-register-import-dialog.h — importing registrations from CSV, XLSX
 * or XLS: shows the column mapping found from the headers and every row
 * that cannot be taken (number and reason) before anything changes, then
 * imports the rest in one transaction with a progress bar, and offers to
 * undo the whole import. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-register.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_REGISTER_IMPORT_DIALOG (thidua_register_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaRegisterImportDialog, thidua_register_import_dialog, THIDUA,
                      REGISTER_IMPORT_DIALOG, GtkWindow)

ThiduaRegisterImportDialog *thidua_register_import_dialog_new (GtkWindow *parent, ThiduaRegister *reg,
                                                               const char *year);
/* Reads the file and shows the preview; FALSE with an error when the file
 * cannot be read or has no header row (nothing changed). */
gboolean   thidua_register_import_dialog_set_file (ThiduaRegisterImportDialog *self, GFile *file,
                                                   GError **error);
/* The import batch made by the last import (0 before), for undo. */
gint64     thidua_register_import_dialog_get_batch (ThiduaRegisterImportDialog *self);

G_END_DECLS
