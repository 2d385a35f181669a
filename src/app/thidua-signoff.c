/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-signoff.c — the window's sign-off actions and state display. */
#include "config.h"
#include "thidua-signoff.h"
#include "thidua-application.h"
#include "thidua-issue-dialog.h"
#include "thidua-return-dialog.h"
#include "thidua-history-dialog.h"
#include "thidua-check-print-dialog.h"
#include "thidua-outgoing-dialog.h"
#include "thidua-lifecycle.h"
#include "thidua-canonical.h"
#include "thidua-plan-editor.h"
#include "thidua-preview.h"
#include "thidua-stamp.h"
#include "thidua-document.h"

#include <glib/gi18n.h>

#define BANNER_KEY "thidua-signoff-banner"
#define DIALOG_KEY "thidua-signoff-issue-dialog"

static GSettings *
settings_of (ThiduaWindow *win)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (win));

  return THIDUA_IS_APPLICATION (app) ? thidua_application_get_settings (THIDUA_APPLICATION (app)) : NULL;
}

static char *
user_name (ThiduaWindow *win)
{
  GSettings *settings = settings_of (win);

  return settings ? g_settings_get_string (settings, "user-name") : g_strdup ("");
}

const char *
thidua_signoff_status_text (const char *status)
{
  if (g_strcmp0 (status, "submitted") == 0)
    return _("Submitted for signing");
  if (g_strcmp0 (status, "returned") == 0)
    return _("Returned for changes");
  if (g_strcmp0 (status, "issued") == 0)
    return _("Issued");
  if (g_strcmp0 (status, "replaced") == 0)
    return _("Replaced");
  return _("Draft");
}

/* Pending edits reach the store before a step reads the plan. */
static gboolean
flush (ThiduaWindow *win)
{
  ThiduaDocument *doc = thidua_window_get_document (win);
  g_autoptr(GError) error = NULL;

  if (doc == NULL || thidua_document_flush (doc, &error))
    return TRUE;
  thidua_window_show_banner (win, error->message, TRUE);
  return FALSE;
}

static void
step_done (ThiduaWindow *win, gboolean ok, const GError *error)
{
  if (!ok)
    {
      thidua_window_show_banner (win, error->message, TRUE);
      return;
    }
  thidua_window_reload_plans (win);
  thidua_window_reopen_plan (win);
}

static void
submit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);
  g_autofree char *by = user_name (win);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!flush (win))
    return;
  ok = thidua_lifecycle_submit (thidua_window_get_store (win), thidua_window_get_selected_plan (win),
                                by, &error);
  step_done (win, ok, error);
}

/* ---- return: the leader's comment (thidua-return-dialog.ui) ------------- */

static void
returned_cb (ThiduaReturnDialog *dialog, gint64 id, ThiduaWindow *win)
{
  step_done (win, TRUE, NULL);
}

static void
return_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);
  g_autofree char *by = user_name (win);
  ThiduaReturnDialog *dialog = thidua_return_dialog_new (GTK_WINDOW (win), thidua_window_get_store (win),
                                                         thidua_window_get_selected_plan (win), by);

  g_signal_connect_object (dialog, "returned", G_CALLBACK (returned_cb), win, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- issue ---------------------------------------------------------------- */

static void
issued_cb (ThiduaIssueDialog *dialog, gint64 id, ThiduaWindow *win)
{
  step_done (win, TRUE, NULL);
}

static void
issue_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);
  ThiduaIssueDialog *dialog;

  if (!flush (win))
    return;
  dialog = thidua_issue_dialog_new (GTK_WINDOW (win), thidua_window_get_store (win),
                                    thidua_window_get_selected_plan (win), settings_of (win));
  g_signal_connect_object (dialog, "issued", G_CALLBACK (issued_cb), win, 0);
  g_object_set_data_full (G_OBJECT (win), DIALOG_KEY, g_object_ref (dialog), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
thidua_signoff_get_issue_dialog (ThiduaWindow *win)
{
  return g_object_get_data (G_OBJECT (win), DIALOG_KEY);
}

static void
replace_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 copy = thidua_lifecycle_replace (thidua_window_get_store (win),
                                          thidua_window_get_selected_plan (win), &error);

  if (copy == 0)
    {
      thidua_window_show_banner (win, error->message, TRUE);
      return;
    }
  thidua_window_reload_plans (win);
  thidua_window_select_plan (win, copy);
}

/* ---- history (thidua-history-dialog.ui) ----------------------------------- */

static void
history_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = thidua_lifecycle_history (thidua_window_get_store (win),
                                                          thidua_window_get_selected_plan (win),
                                                          &error);

  if (events == NULL)
    {
      thidua_window_show_banner (win, error->message, TRUE);
      return;
    }
  gtk_window_present (GTK_WINDOW (thidua_history_dialog_new (GTK_WINDOW (win), events)));
}

/* ---- "Kiểm tra bản in": a code typed from paper (thidua-check-print-dialog.ui) */

static void
printout_found_cb (ThiduaCheckPrintDialog *dialog, gint64 id, ThiduaWindow *win)
{
  thidua_window_select_plan (win, id);
}

static void
check_print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);
  ThiduaCheckPrintDialog *dialog = thidua_check_print_dialog_new (GTK_WINDOW (win),
                                                                  thidua_window_get_store (win));

  g_signal_connect_object (dialog, "found", G_CALLBACK (printout_found_cb), win, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the outgoing register (thidua-outgoing-dialog.ui) ---------------------- */

static void
register_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ThiduaWindow *win = THIDUA_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (thidua_outgoing_dialog_new (GTK_WINDOW (win),
                                                              thidua_window_get_store (win))));
}

/* ---- hooks -------------------------------------------------------------------- */

void
thidua_signoff_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.submit-plan", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "win.return-plan", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "win.issue-plan", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "win.replace-plan", NULL, replace_action);
  gtk_widget_class_install_action (widget_class, "win.plan-history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.check-print", NULL, check_print_action);
  gtk_widget_class_install_action (widget_class, "win.outgoing-register", NULL, register_action);
}

void
thidua_signoff_init_window (ThiduaWindow *win)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) plan = g_menu_new ();
  g_autoptr(GMenu) office = g_menu_new ();
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (win));
  GtkWidget *button;

  g_menu_append (plan, _("_Submit for Signing"), "win.submit-plan");
  g_menu_append (plan, _("_Return…"), "win.return-plan");
  g_menu_append (plan, _("_Issue…"), "win.issue-plan");
  g_menu_append (plan, _("Re_place"), "win.replace-plan");
  g_menu_append (plan, _("_History"), "win.plan-history");
  g_menu_append (office, _("_Check a Printout…"), "win.check-print");
  g_menu_append (office, _("_Outgoing Register…"), "win.outgoing-register");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (plan));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (office));

  button = gtk_menu_button_new ();
  gtk_widget_set_name (button, "signoff-button");
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Sign-off"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Submit, return, issue and check plans"));
  if (GTK_IS_HEADER_BAR (titlebar))
    gtk_header_bar_pack_end (GTK_HEADER_BAR (titlebar), button);
  thidua_signoff_plan_opened (win, NULL);
}

static void
set_banner (ThiduaWindow *win, const char *message)
{
  const char *mine = g_object_get_data (G_OBJECT (win), BANNER_KEY);
  const char *shown = thidua_window_get_banner (win);

  if (message == NULL)
    {
      /* Hide only our own message, never a save error. */
      if (mine != NULL && g_strcmp0 (shown, mine) == 0)
        thidua_window_hide_banner (win);
      g_object_set_data (G_OBJECT (win), BANNER_KEY, NULL);
      return;
    }
  thidua_window_show_banner (win, message, FALSE);
  g_object_set_data_full (G_OBJECT (win), BANNER_KEY, g_strdup (message), g_free);
}

void
thidua_signoff_plan_opened (ThiduaWindow *win, ThiduaPlan *plan)
{
  ThiduaStore *store = thidua_window_get_store (win);
  gboolean writable = store != NULL && !thidua_store_is_read_only (store);
  g_auto(ThiduaLifecycleInfo) info = { 0 };
  const char *status;
  gboolean have = plan != NULL && store != NULL
                  && thidua_lifecycle_get_info (store, thidua_plan_get_id (plan), &info, NULL);

  status = have ? info.status : "";
  gtk_widget_action_set_enabled (GTK_WIDGET (win), "win.submit-plan", have && writable
                                 && (g_strcmp0 (status, "draft") == 0 || g_strcmp0 (status, "returned") == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (win), "win.return-plan", have && writable
                                 && g_strcmp0 (status, "submitted") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (win), "win.issue-plan", have && writable
                                 && !thidua_lifecycle_status_is_frozen (status));
  gtk_widget_action_set_enabled (GTK_WIDGET (win), "win.replace-plan", have && writable
                                 && g_strcmp0 (status, "issued") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (win), "win.plan-history", have);
  if (!have)
    {
      set_banner (win, NULL);
      return;
    }

  /* Submitted: the leader has the text; it changes only after a return.
   * Issued or replaced: never again (the database refuses it too). */
  if (g_strcmp0 (status, "submitted") == 0 || thidua_lifecycle_status_is_frozen (status))
    thidua_plan_editor_set_editable (thidua_window_get_editor (win), FALSE);
  if (thidua_window_get_preview (win) != NULL)
    {
      ThiduaLayout *layout = thidua_preview_get_layout (thidua_window_get_preview (win));

      if (layout != NULL)
        {
          thidua_layout_set_lifecycle (layout, plan, &info);
          gtk_widget_queue_draw (GTK_WIDGET (thidua_window_get_preview (win)));
        }
    }

  if (g_strcmp0 (status, "submitted") == 0)
    set_banner (win, _("Submitted for signing: the form is read-only until the plan is returned."));
  else if (g_strcmp0 (status, "issued") == 0)
    {
      g_autofree char *code = thidua_canonical_format_code (info.code);
      g_autoptr(ThiduaOutgoingEntry) entry = thidua_lifecycle_verify (store, info.code, NULL);
      g_autofree char *msg = g_strdup_printf (_("Issued as number %s on %02u/%02u/%u, code %s: "
                                                "the plan is read-only. Use Replace for a new version."),
                                              entry ? entry->number_and_symbol : thidua_plan_get_number (plan),
                                              thidua_plan_get_day (plan),
                                              thidua_plan_get_month (plan), thidua_plan_get_year (plan),
                                              code);
      set_banner (win, msg);
    }
  else if (g_strcmp0 (status, "replaced") == 0)
    {
      g_autofree char *msg = g_strdup_printf (_("Replaced by plan %lld: the plan is read-only."),
                                              (long long) info.replaced_by);
      set_banner (win, msg);
    }
  else
    set_banner (win, NULL);
}
