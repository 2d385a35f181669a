/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — thidua, the GTK application. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "thidua-application.h"
#include "thidua-paths.h"
#include "thidua-settings.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ThiduaApplication) app = NULL;
  g_autoptr(GSettings) settings = thidua_settings_new ();

  /* The language setting must act before gettext picks a catalog;
   * GSettings works without a display, so it is read first. */
  thidua_settings_apply_language (settings);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Thi Đua"));
  app = thidua_application_new (NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
