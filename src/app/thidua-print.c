/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-print.c — GtkPrintOperation over the layout renderer. */
#include "config.h"
#include "thidua-print.h"
#include "thidua-print-preview.h"

#include <glib/gi18n.h>

static void
draw_page (GtkPrintOperation *op,
           GtkPrintContext   *context,
           int                page_nr,
           ThiduaLayout      *layout)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  /* Units are points from the paper's corner (use-full-page): the same
   * coordinates as the preview and the PDF export. */
  thidua_layout_draw_page (layout, cr, page_nr);
}

static gboolean
end_preview_idle (gpointer data)
{
  gtk_print_operation_preview_end_preview (GTK_PRINT_OPERATION_PREVIEW (data));
  return G_SOURCE_REMOVE;
}

static gboolean
preview (GtkPrintOperation        *op,
         GtkPrintOperationPreview *op_preview,
         GtkPrintContext          *context,
         GtkWindow                *parent,
         ThiduaLayout             *layout)
{
  ThiduaPlan *plan = g_object_get_data (G_OBJECT (op), "thidua-plan");
  cairo_surface_t *surface;
  cairo_t *cr;

  /* Our own window draws exactly these pages with the renderer, rather
   * than a PDF handed to an external viewer that may not exist.  GTK
   * wants a cairo context on the print context once the preview is
   * taken over; it draws nothing into it, and the preview is ended as
   * soon as the operation has returned. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  gtk_print_context_set_cairo_context (context, cr, 72, 72);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_idle_add_full (G_PRIORITY_DEFAULT, end_preview_idle, g_object_ref (op_preview),
                   g_object_unref);

  gtk_window_present (thidua_print_preview_new (parent, layout, plan));
  return TRUE;
}

GtkPrintOperationResult
thidua_print_run (GtkWindow                *parent,
                  ThiduaLayout             *layout,
                  ThiduaPlan               *plan,
                  GtkPrintOperationAction   action,
                  const char               *export_path,
                  GError                  **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *title = NULL;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), GTK_PRINT_OPERATION_RESULT_ERROR);

  gtk_page_setup_set_paper_size (setup, a4);
  /* The register's summary is composed across the page. */
  gtk_page_setup_set_orientation (setup, thidua_layout_get_page_width (layout) >
                                         thidua_layout_get_page_height (layout)
                                         ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
  /* The layout places everything inside the profile's margins itself. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (op, setup);

  gtk_print_operation_set_n_pages (op, MAX (thidua_layout_get_n_pages (layout), 1));
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_embed_page_setup (op, FALSE);

  if (plan != NULL)
    {
      title = g_strdup_printf ("%s %s", thidua_plan_get_type_name (plan),
                               thidua_plan_get_subject (plan));
      gtk_print_operation_set_job_name (op, g_strstrip (title));
    }
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (op, export_path);

  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page), layout);
  if (plan != NULL)
    g_object_set_data_full (G_OBJECT (op), "thidua-plan", g_object_ref (plan), g_object_unref);
  g_signal_connect (op, "preview", G_CALLBACK (preview), layout);

  return gtk_print_operation_run (op, action, parent, error);
}
