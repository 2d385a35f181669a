/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-check-print-dialog.h — "Kiểm tra bản in": a code typed from paper
 * (any case, with or without dashes, O for 0, I and L for 1) looked up with
 * thidua_lifecycle_verify().  A hit says which plan it is and emits
 * ::found, so the window opens the stored plan beside the paper. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_CHECK_PRINT_DIALOG (thidua_check_print_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaCheckPrintDialog, thidua_check_print_dialog, THIDUA, CHECK_PRINT_DIALOG, GtkWindow)

ThiduaCheckPrintDialog *thidua_check_print_dialog_new (GtkWindow *parent, ThiduaStore *store);

G_END_DECLS
