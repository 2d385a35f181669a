/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-settings.c — GSettings without GSETTINGS_SCHEMA_DIR. */
#include "config.h"
#include "thidua-settings.h"
#include "thidua-paths.h"

GSettings *
thidua_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *build_datadir = thidua_paths_get_build_datadir ();

  /* An uninstalled build must not pick up an older installed schema: the
   * build's compiled schemas come first, the system ones are the parent. */
  if (build_datadir != NULL)
    {
      g_autofree char *compiled = g_build_filename (build_datadir, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_EXISTS))
        build_source = g_settings_schema_source_new_from_directory (build_datadir, source,
                                                                    FALSE, NULL);
      if (build_source != NULL)
        source = build_source;
    }

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  /* Installed under a prefix the system does not search (XDG_DATA_DIRS):
   * the schema compiled by the install sits beside our data. */
  if (schema == NULL && !thidua_paths_is_uninstalled ())
    {
      g_autofree char *share = g_path_get_dirname (thidua_paths_get_datadir ());
      g_autofree char *dir = g_build_filename (share, "glib-2.0", "schemas", NULL);
      g_autoptr(GSettingsSchemaSource) installed =
        g_settings_schema_source_new_from_directory (dir, g_settings_schema_source_get_default (),
                                                     FALSE, NULL);
      if (installed != NULL)
        schema = g_settings_schema_source_lookup (installed, APP_ID, TRUE);
    }
  if (schema == NULL)
    g_error ("The settings schema %s is not installed; run glib-compile-schemas "
             "on the schema directory of this installation", APP_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

void
thidua_settings_apply_language (GSettings *settings)
{
  g_autofree char *language = g_settings_get_string (settings, "language");

  if (g_strcmp0 (language, "vi") == 0 || g_strcmp0 (language, "en") == 0)
    g_setenv ("LANGUAGE", language, TRUE);
}
