/* cmd-import.c — import-text: a plan from a text file in any of the
 * encodings Vietnamese plans arrive in. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-import.h"

#include <glib/gi18n.h>
#include <stdio.h>

int
cmd_import_text (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *encoding_name = NULL;
  g_autofree char *profile_name = NULL;
  GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      "auto (default), utf-8, utf-16, tcvn3, vni or cp1258", "ENCODING" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_name,
      "state, party or union (default: from the text)", "PROFILE" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  ThiduaEncoding encoding = THIDUA_ENCODING_AUTO;
  ThiduaProfileKind profile_kind;
  int profile = THIDUA_IMPORT_PROFILE_AUTO;
  gint64 id;

  if (!cli_parse_options (ctx, entries, "FILE", &argc, &argv))
    return 2;
  if (argc < 2)
    return cli_fail (ctx, _("a FILE to import is required"));
  if (argc > 2)
    return cli_fail (ctx, _("unexpected argument “%s”"), argv[2]);
  if (encoding_name != NULL && !thidua_encoding_from_string (encoding_name, &encoding))
    return cli_fail (ctx, _("unknown encoding “%s” (auto, utf-8, utf-16, tcvn3, vni, cp1258)"),
                     encoding_name);
  if (profile_name != NULL)
    {
      if (!thidua_profile_kind_from_string (profile_name, &profile_kind))
        return cli_fail (ctx, _("unknown profile “%s” (state, party, union)"), profile_name);
      profile = profile_kind;
    }

  /* Recognise first: a file that cannot be read leaves the database as it was. */
  file = g_file_new_for_commandline_arg (argv[1]);
  plan = thidua_import_file (file, encoding, profile, NULL, warnings, NULL, &error);
  if (plan == NULL)
    return cli_fail (ctx, "%s", error->message);

  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((id = thidua_store_insert_plan (store, plan, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);

  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "thidua-cli: import-text: warning: %s\n",
             (const char *) g_ptr_array_index (warnings, i));
  cli_warn_legal_bases (ctx, plan);
  cli_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}
