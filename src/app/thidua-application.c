/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-application.c — start-up, database opening, app-wide actions. */
#include "config.h"
#include "thidua-application.h"
#include "thidua-db-error-window.h"
#include "thidua-import-dialog.h"
#include "thidua-preferences-dialog.h"
#include "thidua-settings.h"
#include "thidua-window.h"

#include <glib/gi18n.h>

struct _ThiduaApplication
{
  GtkApplication  parent_instance;
  char           *db_path;
  ThiduaStore    *store;
  GSettings      *settings;
  int             system_prefers_dark;  /* -1 until read at startup */
};

G_DEFINE_FINAL_TYPE (ThiduaApplication, thidua_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
absolute_path (const char *path)
{
  g_autofree char *cwd = g_get_current_dir ();
  return g_canonicalize_filename (path, cwd);
}

char *
thidua_application_id_for_database (const char *path)
{
  g_autofree char *default_path = thidua_store_default_path ();
  g_autofree char *abs = NULL;
  g_autofree char *abs_default = NULL;
  g_autofree char *hash = NULL;

  if (path == NULL)
    return g_strdup (APP_ID);

  abs = absolute_path (path);
  abs_default = absolute_path (default_path);
  if (g_strcmp0 (abs, abs_default) == 0)
    return g_strdup (APP_ID);

  /* D-Bus names allow [A-Za-z0-9_] per element, not starting with a digit;
   * 12 hex digits keep collisions out of reach for a user's few files. */
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, abs, -1);
  hash[12] = '\0';
  return g_strdup_printf ("%s.Db%s", APP_ID, hash);
}

const char *
thidua_application_get_db_path (ThiduaApplication *self)
{
  g_return_val_if_fail (THIDUA_IS_APPLICATION (self), NULL);
  return self->db_path;
}

ThiduaStore *
thidua_application_get_store (ThiduaApplication *self)
{
  g_return_val_if_fail (THIDUA_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
thidua_application_get_settings (ThiduaApplication *self)
{
  g_return_val_if_fail (THIDUA_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
set_db_path (ThiduaApplication *self, const char *path)
{
  g_autofree char *abs = path ? absolute_path (path) : thidua_store_default_path ();

  if (g_strcmp0 (abs, self->db_path) == 0)
    return;
  g_free (self->db_path);
  self->db_path = g_steal_pointer (&abs);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

/* Closes every window as the user would, so each one saves its plan
 * (close-request); FALSE when a window refused because its plan could not
 * be written (it says so in its banner and stays open). */
static gboolean
close_windows (ThiduaApplication *self)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
  return gtk_application_get_windows (GTK_APPLICATION (self)) == NULL;
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

void
thidua_application_choose_database (ThiduaApplication *self,
                                    GtkWindow         *parent,
                                    gboolean           create)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (THIDUA_IS_APPLICATION (self));

  native = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"), parent,
                                        create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        create ? _("_Create") : _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "thidua.db");
  gtk_file_filter_set_name (filter, _("Thi Đua databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  /* The parent may be gone when the answer comes: hold the application. */
  g_signal_connect (native, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
thidua_application_open_database (ThiduaApplication *self,
                                  const char        *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  GtkWindow *window;

  g_return_val_if_fail (THIDUA_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The old windows go first so their pending edits are flushed into the
   * database they belong to before the store changes. */
  if (!close_windows (self))
    return FALSE;

  set_db_path (self, path);
  store = thidua_store_open (self->db_path, THIDUA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_clear_object (&self->store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      window = thidua_db_error_window_new (self, self->db_path, error);
      gtk_window_present (window);
      return FALSE;
    }

  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  window = GTK_WINDOW (thidua_window_new (self, self->store));
  gtk_window_present (window);
  return TRUE;
}

static int
thidua_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  ThiduaApplication *self = THIDUA_APPLICATION (app);
  g_autofree char *db = NULL;
  g_autofree char *id = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    set_db_path (self, db);

  /* Still unregistered here: the id can follow the database chosen. */
  id = thidua_application_id_for_database (self->db_path);
  g_application_set_application_id (app, id);

  return G_APPLICATION_CLASS (thidua_application_parent_class)->handle_local_options (app, options);
}

static void
thidua_application_activate (GApplication *app)
{
  ThiduaApplication *self = THIDUA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  thidua_application_open_database (self, self->db_path);
}

static void
app_about (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Thi Đua developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Thi Đua"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Draft emulation movement plans and print them in the official layout"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         /* Translators: put your names here */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
app_quit (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  /* The application ends with its last window; a window that could not
   * save keeps it running. */
  close_windows (THIDUA_APPLICATION (user_data));
}

/* Tùy chọn: the user's name, the office, the style, the language. */
static void
app_preferences (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  ThiduaApplication *self = THIDUA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ThiduaPreferencesDialog *dialog;

  /* without a database (the error window) there is no office to set */
  if (self->store == NULL)
    return;
  dialog = thidua_preferences_dialog_new (parent, self->settings, self->store);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_entries[] = {
  { "preferences", app_preferences },
  { "about", app_about },
  { "quit", app_quit },
};

/* The style setting: dark or light windows, or what the desktop asked
 * for when the app started (GTK 4.8 has no live colour-scheme API). */
static void
apply_style (ThiduaApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  int style = g_settings_get_enum (self->settings, "style");

  gboolean dark = FALSE, want;

  if (gtk_settings == NULL)
    return;
  g_object_get (gtk_settings, "gtk-application-prefer-dark-theme", &dark, NULL);
  if (self->system_prefers_dark < 0)
    self->system_prefers_dark = dark;
  want = style == 2 ? TRUE : style == 1 ? FALSE : (gboolean) self->system_prefers_dark;
  /* Setting it, even to the same value, makes GTK load its theme again
   * (as much work as the first load at start-up): only a change is written. */
  if (want != dark)
    g_object_set (gtk_settings, "gtk-application-prefer-dark-theme", want, NULL);
}

static void
thidua_application_startup (GApplication *app)
{
  ThiduaApplication *self = THIDUA_APPLICATION (app);
  g_autoptr(GAction) language = NULL;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (thidua_application_parent_class)->startup (app);

  gtk_css_provider_load_from_resource (css, "/io/github/thidua/Thidua/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  /* The choice applies at the next start: gettext has already picked the
   * catalog for this one (see main.c). */
  thidua_import_dialog_add_actions (GTK_APPLICATION (app));
  language = g_settings_create_action (self->settings, "language");
  g_action_map_add_action (G_ACTION_MAP (app), language);
  {
    g_autoptr(GAction) style = g_settings_create_action (self->settings, "style");

    g_action_map_add_action (G_ACTION_MAP (app), style);
    g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (apply_style),
                             self, G_CONNECT_SWAPPED);
    apply_style (self);
  }

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static void
thidua_application_dispose (GObject *object)
{
  ThiduaApplication *self = THIDUA_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (thidua_application_parent_class)->dispose (object);
}

static void
thidua_application_finalize (GObject *object)
{
  ThiduaApplication *self = THIDUA_APPLICATION (object);

  g_free (self->db_path);
  G_OBJECT_CLASS (thidua_application_parent_class)->finalize (object);
}

static void
thidua_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ThiduaApplication *self = THIDUA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ThiduaApplication *self = THIDUA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      set_db_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thidua_application_class_init (ThiduaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = thidua_application_dispose;
  object_class->finalize = thidua_application_finalize;
  object_class->get_property = thidua_application_get_property;
  object_class->set_property = thidua_application_set_property;

  app_class->handle_local_options = thidua_application_handle_local_options;
  app_class->startup = thidua_application_startup;
  app_class->activate = thidua_application_activate;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, THIDUA_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thidua_application_init (ThiduaApplication *self)
{
  self->system_prefers_dark = -1;
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database FILE instead of the default one"), N_("FILE") },
    { NULL }
  };

  self->settings = thidua_settings_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

ThiduaApplication *
thidua_application_new (const char *db_path)
{
  g_autofree char *id = thidua_application_id_for_database (db_path);

  return g_object_new (THIDUA_TYPE_APPLICATION,
                       "application-id", id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* Derived ids (one per database) must still find
                        * the same resources (help overlay). */
                       "resource-base-path", "/io/github/thidua/Thidua",
                       "db-path", db_path,
                       NULL);
}
