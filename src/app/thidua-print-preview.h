/* thidua-print-preview.h — the print dialog's "Preview", inside the app:
 * the same pages as the printer gets, drawn by the layout renderer (GTK
 * would otherwise hand a PDF to an external viewer that may be missing). */
#pragma once

#include <gtk/gtk.h>
#include "thidua-plan.h"

G_BEGIN_DECLS

#define THIDUA_TYPE_PRINT_PREVIEW (thidua_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (ThiduaPrintPreview, thidua_print_preview, THIDUA, PRINT_PREVIEW, GtkWindow)

/* A window over parent showing plan's pages; its Print button activates
 * win.print on parent. */
GtkWindow *thidua_print_preview_new (GtkWindow  *parent,
                                     ThiduaPlan *plan);

G_END_DECLS
