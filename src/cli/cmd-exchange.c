/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-exchange.c — thidua-cli exchange export|import|list: packages that
 * carry a register between offices (see thidua-exchange.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "thidua-cli.h"
#include "thidua-paths.h"
#include "thidua-exchange.h"

static int
exchange_export (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *year = NULL, *to = NULL, *out = NULL;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year, "The registration year", "Y" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, "The office whose results go down", "OFFICE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The package to write", "FILE.thidua" },
    { NULL }
  };
  if (!cli_parse_options (ctx, entries, NULL, &argc, &argv))
    return 2;
  if (year == NULL || out == NULL || argc > 1)
    return cli_fail (ctx, "usage: exchange export --year Y [--to OFFICE] -o FILE.thidua");
  /* an export reads about three times the database into memory: in huge
   * pages (thidua-paths.c) */
  g_autoptr(ThiduaStore) store = cli_open_store_with (ctx, THIDUA_STORE_OPEN_NO_SEED);
  if (store == NULL)
    return 1;
  g_autofree void *heap = thidua_paths_shape_heap_for_file (thidua_store_get_path (store), 4);
  g_autoptr(GError) error = NULL;
  gboolean ok = to ? thidua_exchange_export_results (store, year, to, out, &error)
                   : thidua_exchange_export (store, year, out, &error);
  if (!ok)
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

static int
exchange_import (CliContext *ctx, int argc, char **argv)
{
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Show what would change, change nothing", NULL },
    { NULL }
  };
  if (!cli_parse_options (ctx, entries, "FILE.thidua", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: exchange import FILE.thidua");
  /* the import's memory in huge pages (thidua-paths.c) */
  g_autofree void *heap = thidua_paths_shape_heap_for_file (argv[1], 16);
  /* an exchange reads no templates */
  g_autoptr(ThiduaStore) store = cli_open_store_with (ctx, THIDUA_STORE_OPEN_NO_SEED
                                                           | (dry_run ? THIDUA_STORE_OPEN_READ_ONLY : 0));
  if (store == NULL)
    return 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaExchangeReport) r = thidua_exchange_import (store, argv[1], !dry_run, &error);
  if (r == NULL && g_error_matches (error, THIDUA_EXCHANGE_ERROR, THIDUA_EXCHANGE_ERROR_UNTRUSTED))
    return cli_fail (ctx, _("%s\nOnce the new key is confirmed by phone: "
                            "thidua-cli exchange trust %s --replace \"FINGERPRINT\""),
                     error->message, argv[1]);
  if (r == NULL)
    return cli_fail (ctx, "%s", error->message);
  if (r->first_from_office)
    g_printerr (_("First package from “%s”: its key %s is now trusted. "
                  "Compare this fingerprint with that office by phone.\n"),
                r->from_name, r->fingerprint);
  for (guint i = 0; i < r->changes->len; i++)
    {
      ThiduaExchangeChange *c = g_ptr_array_index (r->changes, i);
      if (c->kind == THIDUA_EXCHANGE_REVIEW)
        g_printerr (_("to review: %s: %s\n"), c->what, c->reason);
    }
  cli_print ("from %s: %u added, %u changed, %u removed, %u to review\n",
             r->from_name, r->added, r->changed, r->removed, r->review);
  return 0;
}

static int
exchange_list (CliContext *ctx, int argc, char **argv)
{
  if (!cli_parse_options (ctx, NULL, NULL, &argc, &argv))
    return 2;
  g_autoptr(ThiduaStore) store = cli_open_store (ctx, TRUE);
  if (store == NULL)
    return 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = thidua_exchange_list (store, &error);
  if (list == NULL)
    return cli_fail (ctx, "%s", error->message);
  for (guint i = 0; i < list->len; i++)
    {
      ThiduaExchangeReceived *r = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (r->received);
      g_autofree char *when = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *office = cli_one_line (r->office);
      cli_print ("%s\t%s\t%s\t%" G_GINT64_FORMAT "\n", office, r->year, when, r->rows);
    }
  return 0;
}

/* The explicit action that replaces a pinned key: without --replace it
 * shows both fingerprints; with it, the new key (whose fingerprint must be
 * given, as confirmed by phone) replaces the pinned one. */
static int
exchange_trust (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *replace = NULL;
  GOptionEntry entries[] = {
    { "replace", 0, 0, G_OPTION_ARG_STRING, &replace,
      "Pin the package's key, whose fingerprint this is, in place of the pinned one", "FINGERPRINT" },
    { NULL }
  };
  if (!cli_parse_options (ctx, entries, "FILE.thidua", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: exchange trust FILE.thidua [--replace FINGERPRINT]");
  g_autoptr(ThiduaStore) store = cli_open_store (ctx, replace == NULL);
  if (store == NULL)
    return 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaExchangeKeyConflict) c = thidua_exchange_key_conflict (store, argv[1], &error);
  if (c == NULL && error != NULL)
    return cli_fail (ctx, "%s", error->message);
  if (replace == NULL)
    {
      if (c == NULL)
        {
          cli_print (_("The package's key is the one trusted for its office (or none is pinned yet).\n"));
          return 0;
        }
      g_autofree char *office = cli_one_line (c->office);
      cli_print ("office\t%s\npinned\t%s\npackage\t%s\n", office, c->pinned, c->offered);
      return 1;
    }
  if (!thidua_exchange_replace_key (store, argv[1], replace, &error))
    return cli_fail (ctx, "%s", error->message);
  if (c != NULL)
    g_printerr (_("The key of “%s” is now %s (was %s). Import the package to receive it.\n"),
                c->office, c->offered, c->pinned);
  return 0;
}

int
cmd_exchange (CliContext *ctx, int argc, char **argv)
{
  static const struct { const char *name; CliCommandFunc func; } verbs[] = {
    { "export", exchange_export },
    { "import", exchange_import },
    { "list", exchange_list },
    { "trust", exchange_trust },
  };
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
      if (g_str_equal (argv[1], verbs[i].name))
        return verbs[i].func (ctx, argc - 1, argv + 1);
  return cli_fail (ctx, "usage: exchange export --year Y [--to OFFICE] -o FILE.thidua | "
                          "exchange import FILE.thidua | exchange list | "
                          "exchange trust FILE.thidua [--replace FINGERPRINT]");
}
