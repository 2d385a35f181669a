/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-issue-dialog.h — "Ban hành": the number proposed from the
 * outgoing register (another may be typed), the date of signing (today by
 * default), who issues it, and the checklist of what a signed plan needs.
 * Issuing goes through thidua_lifecycle_issue(); a refusal is shown in the
 * dialog and nothing changes. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-store.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_ISSUE_DIALOG (thidua_issue_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaIssueDialog, thidua_issue_dialog, THIDUA, ISSUE_DIALOG, GtkWindow)

/* settings gives and keeps "user-name". */
ThiduaIssueDialog *thidua_issue_dialog_new (GtkWindow   *parent,
                                            ThiduaStore *store,
                                            gint64       plan_id,
                                            GSettings   *settings);
guint        thidua_issue_dialog_get_proposed_number (ThiduaIssueDialog *self);
/* The checklist as shown: one reason per line, "" when complete. */
char        *thidua_issue_dialog_dup_blockers (ThiduaIssueDialog *self);
/* Issues with what the fields hold; emits ::issued and closes, or returns
 * FALSE with error (also shown in the dialog). */
gboolean     thidua_issue_dialog_issue (ThiduaIssueDialog *self, GError **error);

G_END_DECLS
