/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-issue-dialog.c — the "Ban hành" dialog. */
#include "config.h"
#include "thidua-issue-dialog.h"
#include "thidua-lifecycle.h"
#include "thidua-stamp.h"

#include <glib/gi18n.h>
#include <stdio.h>

struct _ThiduaIssueDialog
{
  GtkWindow       parent_instance;

  GtkSpinButton  *number_spin;
  GtkLabel       *number_hint;
  GtkEntry       *date_entry;
  GtkEntry       *by_entry;
  GtkLabel       *checklist_label;
  GtkLabel       *error_label;

  ThiduaStore    *store;
  GSettings      *settings;
  ThiduaPlan     *plan;
  gint64          plan_id;
  guint           proposed;
  guint           proposed_year;
};

G_DEFINE_FINAL_TYPE (ThiduaIssueDialog, thidua_issue_dialog, GTK_TYPE_WINDOW)

enum { ISSUED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* "05/12/2026" (also 5/12/2026, 2026-12-05) → parts; FALSE if impossible. */
static gboolean
parse_date (const char *text, guint *d, guint *m, guint *y)
{
  char extra;

  if (sscanf (text, "%u/%u/%u%c", d, m, y, &extra) != 3
      && sscanf (text, "%u-%u-%u%c", y, m, d, &extra) != 3)
    return FALSE;
  return *y >= 1000 && *y <= 9999 && g_date_valid_dmy (*d, *m, *y);
}

/* The plan as it would be issued, for the checklist. */
static void
update_checklist (ThiduaIssueDialog *self)
{
  g_autoptr(ThiduaPlan) will = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *number = NULL;
  guint d = 0, m = 0, y = 0;

  if (self->plan == NULL)
    return;
  will = thidua_plan_copy (self->plan);
  number = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->number_spin));
  thidua_plan_set_number (will, number);
  if (parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), &d, &m, &y))
    thidua_plan_set_date (will, d, m, y);
  else
    thidua_plan_set_date (will, 0, 0, 0);
  thidua_plan_set_status (will, "issued");
  reasons = thidua_issue_blockers (will);
  if (reasons->len == 0)
    g_string_append (text, _("✓ Complete: the plan can be issued"));
  for (guint i = 0; i < reasons->len; i++)
    g_string_append_printf (text, "%s✗ %s", i ? "\n" : "", (char *) reasons->pdata[i]);
  gtk_label_set_text (self->checklist_label, text->str);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "issue.issue", reasons->len == 0);
}

/* A new year has its own series: propose again when the year changes. */
static void
date_changed (ThiduaIssueDialog *self)
{
  guint d, m, y;

  if (parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), &d, &m, &y)
      && y != self->proposed_year && self->plan != NULL)
    {
      g_autofree char *hint = NULL;

      self->proposed_year = y;
      self->proposed = thidua_lifecycle_next_number (self->store,
                                                     thidua_plan_get_issuing_body (self->plan),
                                                     y, NULL);
      gtk_spin_button_set_value (self->number_spin, MAX (self->proposed, 1));
      hint = g_strdup_printf (_("Next number of %u in the outgoing register: %02u. "
                                "Type another only when the register is kept elsewhere."),
                              y, self->proposed);
      gtk_label_set_text (self->number_hint, hint);
    }
  update_checklist (self);
}

gboolean
thidua_issue_dialog_issue (ThiduaIssueDialog *self, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_auto(ThiduaIssueResult) result = { 0 };
  ThiduaIssueRequest req = { 0 };
  const char *by = gtk_editable_get_text (GTK_EDITABLE (self->by_entry));
  guint number = (guint) gtk_spin_button_get_value_as_int (self->number_spin);

  g_return_val_if_fail (THIDUA_IS_ISSUE_DIALOG (self), FALSE);

  if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                   &req.day, &req.month, &req.year))
    g_set_error (&local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("The date of signing is not a possible date (dd/mm/yyyy)"));
  else
    {
      /* The proposed number goes through the register's own choice, so a
       * number taken meanwhile by another computer gives the next one. */
      req.number = number == self->proposed ? 0 : number;
      req.by = by;
      req.check = thidua_issue_check_plan;
      thidua_lifecycle_issue (self->store, self->plan_id, &req, &result, &local);
    }
  if (local != NULL)
    {
      gtk_label_set_text (self->error_label, local->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (self->settings != NULL && g_strcmp0 (by, "") != 0)
    g_settings_set_string (self->settings, "user-name", by);
  g_signal_emit (self, signals[ISSUED], 0, self->plan_id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
issue_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  thidua_issue_dialog_issue (THIDUA_ISSUE_DIALOG (widget), NULL);
}

guint
thidua_issue_dialog_get_proposed_number (ThiduaIssueDialog *self)
{
  g_return_val_if_fail (THIDUA_IS_ISSUE_DIALOG (self), 0);
  return self->proposed;
}

char *
thidua_issue_dialog_dup_blockers (ThiduaIssueDialog *self)
{
  const char *text;

  g_return_val_if_fail (THIDUA_IS_ISSUE_DIALOG (self), NULL);
  text = gtk_label_get_text (self->checklist_label);
  return g_str_has_prefix (text, "✓") ? g_strdup ("") : g_strdup (text);
}

static void
thidua_issue_dialog_dispose (GObject *object)
{
  ThiduaIssueDialog *self = THIDUA_ISSUE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (self), THIDUA_TYPE_ISSUE_DIALOG);
  G_OBJECT_CLASS (thidua_issue_dialog_parent_class)->dispose (object);
}

static void
thidua_issue_dialog_class_init (ThiduaIssueDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thidua_issue_dialog_dispose;
  signals[ISSUED] = g_signal_new ("issued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-issue-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, ThiduaIssueDialog, name)
  BIND (number_spin);
  BIND (number_hint);
  BIND (date_entry);
  BIND (by_entry);
  BIND (checklist_label);
  BIND (error_label);
#undef BIND
  gtk_widget_class_install_action (widget_class, "issue.issue", NULL, issue_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thidua_issue_dialog_init (ThiduaIssueDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ThiduaIssueDialog *
thidua_issue_dialog_new (GtkWindow *parent, ThiduaStore *store, gint64 plan_id, GSettings *settings)
{
  ThiduaIssueDialog *self = g_object_new (THIDUA_TYPE_ISSUE_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->plan_id = plan_id;
  self->plan = thidua_store_load_plan (store, plan_id, &error);
  if (self->plan == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "issue.issue", FALSE);
      return self;
    }
  if (settings != NULL)
    {
      g_autofree char *name = g_settings_get_string (settings, "user-name");
      gtk_editable_set_text (GTK_EDITABLE (self->by_entry), name);
    }
  g_signal_connect_swapped (self->date_entry, "changed", G_CALLBACK (date_changed), self);
  g_signal_connect_swapped (self->number_spin, "value-changed", G_CALLBACK (update_checklist), self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), today);
  return self;
}
