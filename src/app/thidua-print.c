/* thidua-print.c — GtkPrintOperation over the layout renderer. */
#include "config.h"
#include "thidua-print.h"

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
preview (GtkPrintOperation        *op,
         GtkPrintOperationPreview *op_preview,
         GtkPrintContext          *context,
         GtkWindow                *parent,
         GtkWidget                *preview_widget)
{
  /* The window's preview pane draws exactly these pages; show it rather
   * than hand a PDF to an external viewer that may not exist. */
  gtk_print_operation_preview_end_preview (op_preview);
  if (preview_widget != NULL)
    gtk_widget_grab_focus (preview_widget);
  return TRUE;
}

GtkPrintOperationResult
thidua_print_run (GtkWindow                *parent,
                  ThiduaLayout             *layout,
                  ThiduaPlan               *plan,
                  GtkPrintOperationAction   action,
                  const char               *export_path,
                  GtkWidget                *preview_widget,
                  GError                  **error)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *title = NULL;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), GTK_PRINT_OPERATION_RESULT_ERROR);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
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
  g_signal_connect (op, "preview", G_CALLBACK (preview), preview_widget);

  return gtk_print_operation_run (op, action, parent, error);
}
