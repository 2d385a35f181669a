/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-window-actions.c — the window's actions (win.*): new, duplicate,
 * delete and its undo, search, print, export, databases, sections.
 * Each is a plain GtkWidgetClass action; new ones are added to
 * _thidua_window_class_add_actions at the end of this file. */
#include "config.h"
#include "thidua-window-private.h"
#include "thidua-exchange-dialog.h"
#include "thidua-export-flow.h"
#include "thidua-application.h"
#include "thidua-print.h"
#include "thidua-register-view.h"
#include "thidua-render.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

static void
focus_field_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  const char *field;
  int line;

  g_variant_get (param, "(&si)", &field, &line);
  _thidua_window_ensure_editor (self);
  thidua_plan_editor_focus_field (self->plan_editor, field, line);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  ThiduaLayout *layout;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "register") == 0)
    {
      GtkWidget *page = thidua_window_get_section (self, "register");

      if (!thidua_register_view_print (THIDUA_REGISTER_VIEW (page), NULL, &error))
        _thidua_window_report_error (self, _("Could not print"), error);
      return;
    }
  if (self->document == NULL)
    return;
  thidua_preview_flush (self->preview);
  layout = thidua_preview_get_layout (self->preview);
  if (layout == NULL)
    return;
  if (thidua_print_run (GTK_WINDOW (self), layout, thidua_document_get_plan (self->document),
                        GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _thidua_window_report_error (self, _("Could not print"), error);
}

gboolean
thidua_window_export (ThiduaWindow  *self,
                      const char    *path,
                      GError       **error)
{
  return thidua_export_flow_write_plan (self, path, error);
}

/* The chooser, the write and the message are thidua-export-flow.c's. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  thidua_export_flow_plan (THIDUA_WINDOW (widget), param ? g_variant_get_string (param, NULL) : "pdf");
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = g_variant_get_string (param, NULL);
  gint64 id;

  gtk_menu_button_popdown (self->new_button);

  id = thidua_store_new_plan (self->store, *name ? name : NULL, &error);
  if (id == 0)
    {
      _thidua_window_report_error (self, _("Could not create the plan"), error);
      return;
    }

  /* A search that hides the new plan would look like nothing happened. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  thidua_window_reload_plans (self);
  thidua_window_select_plan (self, id);
}

static void
new_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->new_button)))
    gtk_menu_button_popup (self->new_button);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = thidua_window_get_selected_plan (self);
  gint64 copy;

  if (id == 0)
    return;
  copy = thidua_store_duplicate_plan (self->store, id, &error);
  if (copy == 0)
    {
      _thidua_window_report_error (self, _("Could not duplicate the plan"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  thidua_window_reload_plans (self);
  thidua_window_select_plan (self, copy);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(ThiduaDocument) deleted = NULL;
  g_autofree char *msg = NULL;
  gint64 id = thidua_window_get_selected_plan (self);

  if (id == 0)
    return;

  /* What is typed but not yet written goes in first, so Undo brings back
   * exactly what was on screen. */
  if (self->document != NULL)
    thidua_document_flush (self->document, NULL);
  plan = thidua_store_load_plan (self->store, id, &error);
  /* the plan with its targets, as a document: Undo stores both again */
  if (plan != NULL)
    deleted = thidua_document_new (self->store, _thidua_window_get_register (self), plan);
  if (deleted != NULL && thidua_document_get_targets_error (deleted) != NULL)
    error = g_error_copy (thidua_document_get_targets_error (deleted));
  if (plan == NULL || error != NULL || !thidua_store_delete_plan (self->store, id, &error))
    {
      _thidua_window_report_error (self, _("Could not delete the plan"), error);
      return;
    }
  g_set_object (&self->deleted, deleted);
  thidua_window_reload_plans (self);

  /* No confirmation maze: the delete happens, and can be undone. */
  msg = g_strdup_printf (_("The plan “%s” was deleted."),
                         *thidua_plan_get_subject (plan) ? thidua_plan_get_subject (plan)
                                                         : _("(No subject)"));
  thidua_window_show_banner (self, msg, FALSE);
  gtk_button_set_label (self->banner_button, _("_Undo"));
  gtk_button_set_use_underline (self->banner_button, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), "win.undo-delete");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", TRUE);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->deleted == NULL)
    return;
  id = thidua_document_reinsert (self->deleted, &error);
  if (id == 0)
    {
      _thidua_window_report_error (self, _("Could not bring the plan back"), error);
      return;
    }
  g_clear_object (&self->deleted);
  g_clear_handle_id (&self->thumbnail_source, g_source_remove);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-delete", FALSE);
  thidua_window_hide_banner (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  thidua_window_reload_plans (self);
  thidua_window_select_plan (self, id);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  thidua_application_choose_database (THIDUA_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget))),
                                      GTK_WINDOW (widget), FALSE);
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  thidua_application_choose_database (THIDUA_APPLICATION (gtk_window_get_application (GTK_WINDOW (widget))),
                                      GTK_WINDOW (widget), TRUE);
}

static void
receive_package_response (GtkNativeDialog *native, int response, ThiduaWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      ThiduaExchangeDialog *dialog = thidua_exchange_dialog_new (GTK_WINDOW (self), self->store, file);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (native);
}

/* A package from another office: the review dialog shows what it changes
 * before anything is received. */
static void
receive_package_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Receive a Package"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Thi Đua packages"));
  gtk_file_filter_add_pattern (filter, "*.thidua");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (receive_package_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  ThiduaWindow *self = THIDUA_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (gtk_stack_get_child_by_name (self->section_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->section_stack, name);
}

void
_thidua_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.new-plan", "s", new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.new-menu", NULL, new_menu_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.receive-package", NULL, receive_package_action);
  gtk_widget_class_install_action (widget_class, "win.focus-field", "(si)", focus_field_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
}
