/* main.c — thidua, the GTK application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "thidua-application.h"
#include "thidua-paths.h"
#include "thidua-settings.h"

/* The language setting must act before gettext picks a catalog; GSettings
 * works without a display, so read it first. */
static void
apply_language_setting (void)
{
  g_autoptr(GSettings) settings = thidua_settings_new ();
  g_autofree char *language = g_settings_get_string (settings, "language");

  if (g_strcmp0 (language, "vi") == 0 || g_strcmp0 (language, "en") == 0)
    g_setenv ("LANGUAGE", language, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ThiduaApplication) app = NULL;

  apply_language_setting ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Thi Đua"));
  app = thidua_application_new (NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
