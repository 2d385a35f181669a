/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-print.h — printing and exporting a plan with the one renderer. */
#pragma once

#include <gtk/gtk.h>
#include "thidua-layout.h"

G_BEGIN_DECLS

/* Runs a GtkPrintOperation whose pages are drawn by
 * thidua_layout_draw_page(): A4 (landscape when the layout is), full page
 * in points (the layout carries the profile's margins), no scaling.  plan
 * (may be NULL) names the job.  With
 * GTK_PRINT_OPERATION_ACTION_EXPORT, export_path is the PDF written.
 * The system dialog's "Preview" opens ThiduaPrintPreview (the same pages,
 * in the app) instead of an external viewer. */
GtkPrintOperationResult thidua_print_run (GtkWindow               *parent,
                                          ThiduaLayout            *layout,
                                          ThiduaPlan              *plan,
                                          GtkPrintOperationAction  action,
                                          const char              *export_path,
                                          GError                 **error);

G_END_DECLS
