/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-office.c — office: show or set the office that keeps the database. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-exchange.h"

int
cmd_office (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *name = NULL, *code = NULL, *parent = NULL, *signer = NULL;
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, "The office's name (printed top left)", "NAME" },
    { "code", 'c', 0, G_OPTION_ARG_STRING, &code, "Its code", "CODE" },
    { "parent", 'p', 0, G_OPTION_ARG_STRING, &parent, "The superior office's name", "NAME" },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &signer, "Default signer of register tables", "NAME" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  gboolean set;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_fail (ctx, "unexpected argument “%s”", argv[1]);
  set = name != NULL || code != NULL || parent != NULL || signer != NULL;
  if (set && name == NULL)
    return cli_fail (ctx, "--name is required to set the office");
  if ((store = cli_open_store (ctx, !set)) == NULL)
    return 1;
  if ((office = thidua_store_get_office (store, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);

  if (set)
    {
      /* what is not given stays as it was */
      g_free (office->name);
      office->name = g_steal_pointer (&name);
      if (code != NULL)
        {
          g_free (office->code);
          office->code = g_steal_pointer (&code);
        }
      if (parent != NULL)
        {
          g_free (office->parent);
          office->parent = g_steal_pointer (&parent);
        }
      if (signer != NULL)
        {
          g_free (office->signer);
          office->signer = g_steal_pointer (&signer);
        }
      if (!thidua_store_set_office (store, office, &error))
        return cli_fail (ctx, "%s", error->message);
      return 0;
    }

  {
    g_autofree char *n = cli_one_line (office->name);
    g_autofree char *c = cli_one_line (office->code);
    g_autofree char *p = cli_one_line (office->parent);
    cli_print ("%s\t%s\t%s\n", n, c, p);
  }
  {
    /* The exchange key, to compare by phone with the offices it sends to. */
    g_autofree char *fingerprint = thidua_exchange_dup_own_fingerprint (store, NULL);
    if (fingerprint != NULL)
      cli_print ("key\t%s\n", fingerprint);
  }
  return 0;
}
