/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-signoff.h — sign-off in the window: the actions Trình ký, Trả lại,
 * Ban hành, Thay thế, Lịch sử, Kiểm tra bản in and Sổ văn bản đi (a menu
 * in the header bar), the read-only banner of a submitted or issued plan,
 * and the draft marking or proof of issue in the preview.  Kept out of
 * thidua-window.c: the window calls the three hooks below. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-window.h"

G_BEGIN_DECLS

/* From the window's class_init. */
void thidua_signoff_install_actions (GtkWidgetClass *widget_class);
/* From the window's init (adds the menu to the header bar). */
void thidua_signoff_init_window     (ThiduaWindow *window);
/* From open_plan(), after the editor and preview got the plan (NULL: no plan). */
void thidua_signoff_plan_opened     (ThiduaWindow *window, ThiduaPlan *plan);

/* A plan's state as the window names it ("Issued", "Returned for changes" …). */
const char *thidua_signoff_status_text (const char *status);

/* The issue dialog last opened by win.issue-plan (tests). */
GtkWindow *thidua_signoff_get_issue_dialog (ThiduaWindow *window);

G_END_DECLS
