/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-print-preview.h — the print dialog's "Preview", inside the app:
 * the same pages as the printer gets, drawn by the layout renderer (GTK
 * would otherwise hand a PDF to an external viewer that may be missing). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-layout.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PRINT_PREVIEW (thidua_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPrintPreview, thidua_print_preview, THIDUA, PRINT_PREVIEW, GtkWindow)

/* A window over parent showing the layout's pages (a plan's, or the
 * register's tables); its Print button opens the print dialog for the
 * same pages.  plan (may be NULL) names the print job. */
GtkWindow *thidua_print_preview_new (GtkWindow    *parent,
                                     ThiduaLayout *layout,
                                     ThiduaPlan   *plan);

G_END_DECLS
