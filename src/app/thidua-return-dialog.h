/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-return-dialog.h — "Trả lại": the leader's comment for a plan sent
 * back for changes.  Returning goes through thidua_lifecycle_return(); a
 * refusal (no comment, a plan not submitted) is shown in the dialog and
 * nothing changes. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_RETURN_DIALOG (thidua_return_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaReturnDialog, thidua_return_dialog, THIDUA, RETURN_DIALOG, GtkWindow)

/* by: the name recorded in the history. */
ThiduaReturnDialog *thidua_return_dialog_new (GtkWindow   *parent,
                                              ThiduaStore *store,
                                              gint64       plan_id,
                                              const char  *by);

G_END_DECLS
