/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-print-preview.c — print preview window. */
#include "config.h"
#include "thidua-print-preview.h"
#include "thidua-preview.h"
#include "thidua-print.h"

#include <glib/gi18n.h>

struct _ThiduaPrintPreview
{
  GtkWindow      parent_instance;
  ThiduaPreview *preview;
  ThiduaLayout  *layout;
  ThiduaPlan    *plan;
};

G_DEFINE_FINAL_TYPE (ThiduaPrintPreview, thidua_print_preview, GTK_TYPE_WINDOW)

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThiduaPrintPreview *self = THIDUA_PRINT_PREVIEW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));
  g_autoptr(ThiduaLayout) layout = g_object_ref (self->layout);
  g_autoptr(ThiduaPlan) plan = self->plan ? g_object_ref (self->plan) : NULL;
  g_autoptr(GError) error = NULL;

  /* The pages shown are the pages printed. */
  gtk_window_destroy (GTK_WINDOW (widget));
  if (thidua_print_run (parent, layout, plan, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                        NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                                  "%s", _("Could not print"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
thidua_print_preview_dispose (GObject *object)
{
  ThiduaPrintPreview *self = THIDUA_PRINT_PREVIEW (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->plan);
  G_OBJECT_CLASS (thidua_print_preview_parent_class)->dispose (object);
}

static void
thidua_print_preview_class_init (ThiduaPrintPreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thidua_print_preview_dispose;
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
thidua_print_preview_new (GtkWindow    *parent,
                          ThiduaLayout *layout,
                          ThiduaPlan   *plan)
{
  ThiduaPrintPreview *self;

  g_return_val_if_fail (THIDUA_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (plan == NULL || THIDUA_IS_PLAN (plan), NULL);

  self = g_object_new (THIDUA_TYPE_PRINT_PREVIEW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->layout = g_object_ref (layout);
  self->plan = plan ? g_object_ref (plan) : NULL;
  thidua_preview_set_layout (self->preview, layout);
  return GTK_WINDOW (self);
}
