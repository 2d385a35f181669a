/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-return-dialog.c — the leader's comment, then the plan goes back. */
#include "config.h"
#include "thidua-return-dialog.h"
#include "thidua-lifecycle.h"

struct _ThiduaReturnDialog
{
  GtkWindow    parent_instance;

  ThiduaStore *store;
  gint64       plan_id;
  char        *by;

  GtkEntry    *comment_entry;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (ThiduaReturnDialog, thidua_return_dialog, GTK_TYPE_WINDOW)

enum { RETURNED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
return_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaReturnDialog *self = THIDUA_RETURN_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!thidua_lifecycle_return (self->store, self->plan_id, self->by,
                                gtk_editable_get_text (GTK_EDITABLE (self->comment_entry)), &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  g_signal_emit (self, signals[RETURNED], 0, self->plan_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
thidua_return_dialog_dispose (GObject *object)
{
  ThiduaReturnDialog *self = THIDUA_RETURN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->by, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_RETURN_DIALOG);
  G_OBJECT_CLASS (thidua_return_dialog_parent_class)->dispose (object);
}

static void
thidua_return_dialog_class_init (ThiduaReturnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_return_dialog_dispose;
  /* The plan went back to "returned": the window reopens it editable. */
  signals[RETURNED] = g_signal_new ("returned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-return-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaReturnDialog, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaReturnDialog, error_label);
  gtk_widget_class_install_action (widget_class, "return.return", NULL, return_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_return_dialog_init (ThiduaReturnDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaReturnDialog *
thidua_return_dialog_new (GtkWindow *parent, ThiduaStore *store, gint64 plan_id, const char *by)
{
  ThiduaReturnDialog *self = g_object_new (THIDUA_TYPE_RETURN_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  self->plan_id = plan_id;
  self->by = g_strdup (by ? by : "");
  return self;
}
