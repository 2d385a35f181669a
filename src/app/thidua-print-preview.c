/* thidua-print-preview.c — print preview window. */
#include "config.h"
#include "thidua-print-preview.h"
#include "thidua-preview.h"

#include <glib/gi18n.h>

struct _ThiduaPrintPreview
{
  GtkWindow      parent_instance;
  ThiduaPreview *preview;
};

G_DEFINE_FINAL_TYPE (ThiduaPrintPreview, thidua_print_preview, GTK_TYPE_WINDOW)

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  gtk_window_destroy (GTK_WINDOW (widget));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.print", NULL);
}

static void
thidua_print_preview_class_init (ThiduaPrintPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (THIDUA_TYPE_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-print-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaPrintPreview, preview);
  gtk_widget_class_install_action (widget_class, "print-preview.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "print-preview.print", NULL);
}

static void
thidua_print_preview_init (ThiduaPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
thidua_print_preview_new (GtkWindow  *parent,
                          ThiduaPlan *plan)
{
  ThiduaPrintPreview *self;

  g_return_val_if_fail (THIDUA_IS_PLAN (plan), NULL);

  self = g_object_new (THIDUA_TYPE_PRINT_PREVIEW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  thidua_preview_set_plan (self->preview, plan);
  return GTK_WINDOW (self);
}
