/* thidua-db-error-window.c — the database could not be opened. */
#include "config.h"
#include "thidua-db-error-window.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ThiduaDbErrorWindow
{
  GtkApplicationWindow  parent_instance;

  GtkLabel             *title_label;
  GtkLabel             *message_label;
  GtkLabel             *hint_label;
  GtkButton            *retry_button;

  char                 *path;
  char                 *message;
};

G_DEFINE_FINAL_TYPE (ThiduaDbErrorWindow, thidua_db_error_window, GTK_TYPE_APPLICATION_WINDOW)

const char *
thidua_db_error_window_get_path (ThiduaDbErrorWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_DB_ERROR_WINDOW (self), NULL);
  return self->path;
}

const char *
thidua_db_error_window_get_message (ThiduaDbErrorWindow *self)
{
  g_return_val_if_fail (THIDUA_IS_DB_ERROR_WINDOW (self), NULL);
  return self->message;
}

static ThiduaApplication *
get_application (ThiduaDbErrorWindow *self)
{
  return THIDUA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThiduaDbErrorWindow *self = THIDUA_DB_ERROR_WINDOW (widget);
  g_autofree char *path = g_strdup (self->path);

  /* open_database closes this window and shows the result. */
  thidua_application_open_database (get_application (self), path);
}

static void
chooser_response (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(ThiduaApplication) app = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        thidua_application_open_database (app, path);
    }
  g_object_unref (native);
}

static void
choose_database (ThiduaDbErrorWindow  *self,
                 GtkFileChooserAction  action)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = NULL;

  native = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SAVE
                                          ? _("New Database")
                                          : _("Open Database"),
                                        GTK_WINDOW (self), action,
                                        action == GTK_FILE_CHOOSER_ACTION_SAVE
                                          ? _("_Create")
                                          : _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "thidua.db");

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Thi Đua databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  /* The window may be gone when the answer comes: hold the application. */
  g_signal_connect (native, "response", G_CALLBACK (chooser_response),
                    g_object_ref (get_application (self)));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  choose_database (THIDUA_DB_ERROR_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  choose_database (THIDUA_DB_ERROR_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static const char *
hint_for_error (const GError *error)
{
  if (error->domain == THIDUA_STORE_ERROR)
    switch ((ThiduaStoreError) error->code)
      {
      case THIDUA_STORE_ERROR_NOT_DATABASE:
        return _("This file is not a Thi Đua database. It has not been changed. "
                 "You can start a new database in another file.");
      case THIDUA_STORE_ERROR_CORRUPT:
        return _("The database is damaged. It has not been changed; keep a copy of it "
                 "for recovery and start a new database in another file.");
      case THIDUA_STORE_ERROR_LOCKED:
        return _("Another program is using the database. Close it and try again.");
      case THIDUA_STORE_ERROR_TOO_NEW:
        return _("The database was written by a newer version of Thi Đua. "
                 "Update Thi Đua to open it.");
      case THIDUA_STORE_ERROR_READ_ONLY:
        return _("The database cannot be written. Check the permissions of the file "
                 "and its folder.");
      default:
        break;
      }
  return _("The file has not been changed. You can try again, open another "
           "database or start a new one.");
}

static void
thidua_db_error_window_finalize (GObject *object)
{
  ThiduaDbErrorWindow *self = THIDUA_DB_ERROR_WINDOW (object);

  g_free (self->path);
  g_free (self->message);
  G_OBJECT_CLASS (thidua_db_error_window_parent_class)->finalize (object);
}

static void
thidua_db_error_window_class_init (ThiduaDbErrorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = thidua_db_error_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thidua/Thidua/thidua-db-error-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ThiduaDbErrorWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaDbErrorWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaDbErrorWindow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ThiduaDbErrorWindow, retry_button);

  gtk_widget_class_install_action (widget_class, "db.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "db.new", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "db.open", NULL, open_database_action);
}

static void
thidua_db_error_window_init (ThiduaDbErrorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
thidua_db_error_window_new (ThiduaApplication *application,
                            const char        *path,
                            const GError      *error)
{
  ThiduaDbErrorWindow *self;
  g_autofree char *title = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  g_return_val_if_fail (THIDUA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (THIDUA_TYPE_DB_ERROR_WINDOW, "application", application, NULL);
  self->path = g_strdup (path);

  /* The store's message already names the file; say it again in the title
   * so the user sees which file at a glance even if the message is long. */
  title = g_strdup_printf (_("Could not open the database “%s”"), basename);
  if (strstr (error->message, path) != NULL)
    self->message = g_strdup (error->message);
  else
    self->message = g_strdup_printf ("%s: %s", path, error->message);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->message_label, self->message);
  gtk_label_set_label (self->hint_label, hint_for_error (error));

  /* Retrying only helps when something outside may change. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "db.retry",
                                 g_error_matches (error, THIDUA_STORE_ERROR,
                                                  THIDUA_STORE_ERROR_LOCKED) ||
                                 g_error_matches (error, THIDUA_STORE_ERROR,
                                                  THIDUA_STORE_ERROR_FAILED) ||
                                 g_error_matches (error, THIDUA_STORE_ERROR,
                                                  THIDUA_STORE_ERROR_READ_ONLY));
  return GTK_WINDOW (self);
}
