/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-history-dialog.h — "Lịch sử": the sign-off steps of a plan, one
 * after the other (when, the step, by whom, the comment, the content hash
 * at that moment), as thidua_lifecycle_history() gives them. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define THIDUA_TYPE_HISTORY_DIALOG (thidua_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaHistoryDialog, thidua_history_dialog, THIDUA, HISTORY_DIALOG, GtkWindow)

/* events: ThiduaLifecycleEvent, oldest first. */
ThiduaHistoryDialog *thidua_history_dialog_new      (GtkWindow *parent, GPtrArray *events);
/* The text shown (tests). */
const char          *thidua_history_dialog_get_text (ThiduaHistoryDialog *self);

G_END_DECLS
