/* SPDX-License-Identifier: GPL-3.0-or-later */
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
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  thidua_application_choose_database (get_application (THIDUA_DB_ERROR_WINDOW (widget)),
                                      GTK_WINDOW (widget), TRUE);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  thidua_application_choose_database (get_application (THIDUA_DB_ERROR_WINDOW (widget)),
                                      GTK_WINDOW (widget), FALSE);
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
