/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-outgoing-dialog.c — the year, then the register's pages. */
#include "config.h"
#include "thidua-outgoing-dialog.h"
#include "thidua-outgoing.h"
#include "thidua-print-preview.h"

struct _ThiduaOutgoingDialog
{
  GtkWindow      parent_instance;

  ThiduaStore   *store;

  GtkSpinButton *year_spin;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (ThiduaOutgoingDialog, thidua_outgoing_dialog, GTK_TYPE_WINDOW)

static void
show_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaOutgoingDialog *self = THIDUA_OUTGOING_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaLayout) layout =
    thidua_outgoing_layout_new (self->store, (guint) gtk_spin_button_get_value_as_int (self->year_spin),
                                &plan, &error);

  if (layout == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  /* The same pages the printer gets, with its Print button. */
  gtk_window_present (thidua_print_preview_new (parent, layout, plan));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
thidua_outgoing_dialog_dispose (GObject *object)
{
  ThiduaOutgoingDialog *self = THIDUA_OUTGOING_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_OUTGOING_DIALOG);
  G_OBJECT_CLASS (thidua_outgoing_dialog_parent_class)->dispose (object);
}

static void
thidua_outgoing_dialog_class_init (ThiduaOutgoingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_outgoing_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-outgoing-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaOutgoingDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, ThiduaOutgoingDialog, error_label);
  gtk_widget_class_install_action (widget_class, "outgoing.show", NULL, show_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_outgoing_dialog_init (ThiduaOutgoingDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
}

ThiduaOutgoingDialog *
thidua_outgoing_dialog_new (GtkWindow *parent, ThiduaStore *store)
{
  ThiduaOutgoingDialog *self = g_object_new (THIDUA_TYPE_OUTGOING_DIALOG, "transient-for", parent, NULL);

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  return self;
}
