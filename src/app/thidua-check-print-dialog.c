/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-check-print-dialog.c — is this paper a printout of an issued plan? */
#include "config.h"
#include "thidua-check-print-dialog.h"
#include "thidua-lifecycle.h"
#include "thidua-signoff.h"

#include <glib/gi18n.h>

struct _ThiduaCheckPrintDialog
{
  GtkWindow    parent_instance;

  ThiduaStore *store;

  GtkEntry    *code_entry;
  GtkLabel    *result_label;
};

G_DEFINE_FINAL_TYPE (ThiduaCheckPrintDialog, thidua_check_print_dialog, GTK_TYPE_WINDOW)

enum { FOUND, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
check_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaCheckPrintDialog *self = THIDUA_CHECK_PRINT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaOutgoingEntry) hit =
    thidua_lifecycle_verify (self->store, gtk_editable_get_text (GTK_EDITABLE (self->code_entry)), &error);
  g_autofree char *text = NULL;

  if (hit == NULL)
    {
      gtk_label_set_text (self->result_label,
                          error ? error->message
                                : _("No issued plan has this code: the paper is not a "
                                    "printout of an issued plan of this database."));
      return;
    }
  text = g_strdup_printf (_("Issued plan number %s of %s (%s): “%s”. It is open now: "
                            "compare the paper with it."),
                          hit->number_and_symbol, hit->issued_on,
                          thidua_signoff_status_text (hit->status), hit->subject);
  gtk_label_set_text (self->result_label, text);
  g_signal_emit (self, signals[FOUND], 0, hit->plan_id);
}

static void
thidua_check_print_dialog_dispose (GObject *object)
{
  ThiduaCheckPrintDialog *self = THIDUA_CHECK_PRINT_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_CHECK_PRINT_DIALOG);
  G_OBJECT_CLASS (thidua_check_print_dialog_parent_class)->dispose (object);
}

static void
thidua_check_print_dialog_class_init (ThiduaCheckPrintDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_check_print_dialog_dispose;
  /* A hit: the id of the stored plan, for the window to open. */
  signals[FOUND] = g_signal_new ("found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-check-print-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaCheckPrintDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaCheckPrintDialog, result_label);
  gtk_widget_class_install_action (widget_class, "check-print.check", NULL, check_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_check_print_dialog_init (ThiduaCheckPrintDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaCheckPrintDialog *
thidua_check_print_dialog_new (GtkWindow *parent, ThiduaStore *store)
{
  ThiduaCheckPrintDialog *self = g_object_new (THIDUA_TYPE_CHECK_PRINT_DIALOG,
                                               "transient-for", parent, NULL);

  g_return_val_if_fail (THIDUA_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  return self;
}
