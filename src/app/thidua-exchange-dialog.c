/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-exchange-dialog.c — review, then apply, a package from another
 * office.  The review runs the import with every write skipped, so what it
 * lists is what applying does; nothing is written until "Nhận gói". */
#include "config.h"

#include <glib/gi18n.h>

#include "thidua-exchange-dialog.h"
#include "thidua-exchange.h"

struct _ThiduaExchangeDialog
{
  GtkWindow    parent_instance;

  GtkLabel    *from_label;
  GtkLabel    *key_label;
  GtkLabel    *summary_label;
  GtkListBox  *changes_list;
  GtkButton   *apply_button;
  GtkButton   *trust_button;

  ThiduaStore *store;
  GFile       *file;
};

enum { SIGNAL_APPLIED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThiduaExchangeDialog, thidua_exchange_dialog, GTK_TYPE_WINDOW)

static const char *
kind_heading (ThiduaExchangeChangeKind kind)
{
  switch (kind)
    {
    case THIDUA_EXCHANGE_ADDED:   return _("Added");
    case THIDUA_EXCHANGE_CHANGED: return _("Changed");
    case THIDUA_EXCHANGE_REMOVED: return _("Removed");
    case THIDUA_EXCHANGE_REVIEW:  return _("To review: both offices changed these");
    default:                      return "";
    }
}

static void
add_label_row (GtkListBox *list, const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, heading ? 6 : 18);
  gtk_widget_set_margin_top (label, heading ? 8 : 2);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_list_box_append (list, label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
}

/* The rows of one kind, at most 200 listed (the counts say the rest). */
static void
show_kind (ThiduaExchangeDialog *self, ThiduaExchangeReport *r, ThiduaExchangeChangeKind kind)
{
  guint shown = 0;
  guint total = kind == THIDUA_EXCHANGE_ADDED ? r->added : kind == THIDUA_EXCHANGE_CHANGED ? r->changed
              : kind == THIDUA_EXCHANGE_REMOVED ? r->removed : r->review;
  if (total > 0)
    add_label_row (self->changes_list, kind_heading (kind), TRUE);
  for (guint i = 0; i < r->changes->len; i++)
    {
      ThiduaExchangeChange *c = g_ptr_array_index (r->changes, i);
      if (c->kind != kind)
        continue;
      if (shown < 200)
        {
          g_autofree char *text = c->reason ? g_strdup_printf ("%s — %s", c->what, c->reason) : g_strdup (c->what);
          add_label_row (self->changes_list, text, FALSE);
          shown++;
        }
    }
  if (total > shown)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more"), total - shown);
      add_label_row (self->changes_list, more, FALSE);
    }
}

/* A package signed by another key than the one pinned for its office:
 * both fingerprints, and the explicit action that replaces the pinned one. */
static void
show_key_conflict (ThiduaExchangeDialog *self, const char *path)
{
  g_autoptr(ThiduaExchangeKeyConflict) c = thidua_exchange_key_conflict (self->store, path, NULL);

  if (c == NULL)
    return;
  g_autofree char *text = g_strdup_printf (
      _("Key trusted for %s: %s\nKey this package is signed by: %s\n"
        "If the office made a new key (a new computer, a lost database), confirm the new key's fingerprint "
        "with it by phone before replacing the trusted one."),
      c->office, c->pinned, c->offered);
  gtk_label_set_text (self->key_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_button), TRUE);
  /* not the selectable label: focus there would select its whole text */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->trust_button));
}

static void
review (ThiduaExchangeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(ThiduaExchangeReport) r = thidua_exchange_import (self->store, path, FALSE, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_list))) != NULL)
    gtk_list_box_remove (self->changes_list, child);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->trust_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), r != NULL);
  if (r == NULL)
    {
      gtk_label_set_text (self->from_label, _("This package cannot be received"));
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->key_label), FALSE);
      if (g_error_matches (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_UNTRUSTED))
        show_key_conflict (self, path);
      return;
    }
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, r->sequence);
  g_autofree char *from = g_strdup_printf (_("From %s — year %s, package %s"), r->from_name, r->year, seq);
  gtk_label_set_text (self->from_label, from);
  g_autofree char *key = r->first_from_office
    ? g_strdup_printf (_("First package from this office. Its key is %s: compare it with the office by phone "
                         "before receiving."), r->fingerprint)
    : g_strdup_printf (_("Signed with the key already trusted for this office (%s)."), r->fingerprint);
  gtk_label_set_text (self->key_label, key);
  g_autofree char *summary = g_strdup_printf (_("%u added, %u changed, %u removed, %u to review"),
                                              r->added, r->changed, r->removed, r->review);
  gtk_label_set_text (self->summary_label, summary);
  show_kind (self, r, THIDUA_EXCHANGE_REVIEW);
  show_kind (self, r, THIDUA_EXCHANGE_ADDED);
  show_kind (self, r, THIDUA_EXCHANGE_CHANGED);
  show_kind (self, r, THIDUA_EXCHANGE_REMOVED);
  if (r->added + r->changed + r->removed + r->review == 0)
    add_label_row (self->changes_list, _("Nothing changes: this package was already received."), FALSE);
}

static void
apply_clicked (ThiduaExchangeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(ThiduaExchangeReport) r = thidua_exchange_import (self->store, path, TRUE, &error);

  if (r == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_trust_response (GtkDialog *confirm, int response, ThiduaExchangeDialog *self)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *offered = g_strdup (g_object_get_data (G_OBJECT (confirm), "offered"));
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (confirm));
  if (response != GTK_RESPONSE_ACCEPT || offered == NULL)
    return;
  if (!thidua_exchange_replace_key (self->store, path, offered, &error))
    {
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      return;
    }
  review (self);   /* now signed by the trusted key: the rows it brings */
}

/* The explicit action: asked once more, naming both keys. */
static void
trust_clicked (ThiduaExchangeDialog *self)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaExchangeKeyConflict) c = thidua_exchange_key_conflict (self->store, path, &error);

  if (c == NULL)
    {
      review (self);
      return;
    }
  GtkWidget *confirm = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                               GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                               _("Replace the key trusted for %s?"), c->office);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (confirm),
      _("Trusted now: %s\nNew key: %s\n\nReplace it only if the office read you this new fingerprint by phone. "
        "Packages signed by the old key will then be refused."), c->pinned, c->offered);
  gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Cancel"), GTK_RESPONSE_CANCEL);
  GtkWidget *replace = gtk_dialog_add_button (GTK_DIALOG (confirm), _("_Replace the Key"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (replace, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  g_object_set_data_full (G_OBJECT (confirm), "offered", g_strdup (c->offered), g_free);
  g_signal_connect_object (confirm, "response", G_CALLBACK (on_trust_response), self, 0);
  gtk_window_present (GTK_WINDOW (confirm));
}

static void
thidua_exchange_dialog_dispose (GObject *object)
{
  ThiduaExchangeDialog *self = THIDUA_EXCHANGE_DIALOG (object);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_EXCHANGE_DIALOG);
  G_OBJECT_CLASS (thidua_exchange_dialog_parent_class)->dispose (object);
}

static void
thidua_exchange_dialog_class_init (ThiduaExchangeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_exchange_dialog_dispose;
  signals[SIGNAL_APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-exchange-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaExchangeDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaExchangeDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaExchangeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaExchangeDialog, changes_list);
  gtk_widget_class_bind_template_child (widget_class, ThiduaExchangeDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, ThiduaExchangeDialog, trust_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, trust_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_exchange_dialog_init (ThiduaExchangeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaExchangeDialog *
thidua_exchange_dialog_new (GtkWindow *parent, ThiduaStore *store, GFile *file)
{
  ThiduaExchangeDialog *self = g_object_new (THIDUA_TYPE_EXCHANGE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  review (self);
  return self;
}
