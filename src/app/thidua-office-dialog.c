/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-office-dialog.c — the office that keeps this database. */
#include "config.h"
#include "thidua-office-dialog.h"
#include "thidua-exchange.h"

struct _ThiduaOfficeDialog
{
  GtkWindow  parent_instance;

  GtkEntry  *name_entry;
  GtkEntry  *code_entry;
  GtkEntry  *parent_entry;
  GtkEntry  *signer_entry;
  GtkLabel  *message_label;
  GtkLabel  *key_label;
};

enum { SIGNAL_SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThiduaOfficeDialog, thidua_office_dialog, GTK_TYPE_WINDOW)

static void
save_clicked (ThiduaOfficeDialog *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

static void
cancel_clicked (ThiduaOfficeDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

ThiduaOffice *
thidua_office_dialog_dup_office (ThiduaOfficeDialog *self)
{
  ThiduaOffice *o = g_new0 (ThiduaOffice, 1);

  o->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  o->code = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_entry)));
  o->parent = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->parent_entry)));
  o->signer = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->signer_entry)));
  return o;
}

void
thidua_office_dialog_set_message (ThiduaOfficeDialog *self, const char *message)
{
  gtk_label_set_text (self->message_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

void
thidua_office_dialog_show_key (ThiduaOfficeDialog *self, ThiduaStore *store)
{
  /* Read, never made here: the key is made by the first package. */
  g_autofree char *fingerprint = thidua_exchange_dup_own_fingerprint (store, NULL);

  /* NULL: no key yet; the template's text says when it is made. */
  if (fingerprint != NULL)
    gtk_label_set_text (self->key_label, fingerprint);
}

GtkEditable *
thidua_office_dialog_get_name_entry (ThiduaOfficeDialog *self)
{
  return GTK_EDITABLE (self->name_entry);
}

static void
thidua_office_dialog_class_init (ThiduaOfficeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-office-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaOfficeDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaOfficeDialog, code_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaOfficeDialog, parent_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaOfficeDialog, signer_entry);
  gtk_widget_class_bind_template_child (widget_class, ThiduaOfficeDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaOfficeDialog, key_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_office_dialog_init (ThiduaOfficeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaOfficeDialog *
thidua_office_dialog_new (GtkWindow *parent, const ThiduaOffice *office)
{
  ThiduaOfficeDialog *self = g_object_new (THIDUA_TYPE_OFFICE_DIALOG,
                                           "transient-for", parent, "modal", TRUE, NULL);

  if (office != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), office->name ? office->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->code_entry), office->code ? office->code : "");
      gtk_editable_set_text (GTK_EDITABLE (self->parent_entry), office->parent ? office->parent : "");
      gtk_editable_set_text (GTK_EDITABLE (self->signer_entry), office->signer ? office->signer : "");
    }
  return self;
}
