/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-outgoing-dialog.h — "Sổ văn bản đi": which year of the outgoing
 * register to show; it opens as print-preview pages (Nghị định 30, Phụ lục
 * IV), with Print. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_OUTGOING_DIALOG (thidua_outgoing_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaOutgoingDialog, thidua_outgoing_dialog, THIDUA, OUTGOING_DIALOG, GtkWindow)

ThiduaOutgoingDialog *thidua_outgoing_dialog_new (GtkWindow *parent, ThiduaStore *store);

G_END_DECLS
