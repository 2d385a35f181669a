/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-register-edit.c — register add | set | withdraw | delete: the
 * register kept by hand, as the window does it.  A refusal changes
 * nothing. */
#include "config.h"
#include "thidua-cli.h"

#include "thidua-catalog.h"
#include "thidua-register.h"
#include "thidua-register-edit.h"

static gboolean
parse_reg_id (CliContext *ctx, int argc, char **argv, gint64 *id)
{
  guint64 v;

  if (argc < 2)
    {
      cli_fail (ctx, "a registration ID is required");
      return FALSE;
    }
  if (argc > 2)
    {
      cli_fail (ctx, "unexpected argument “%s”", argv[2]);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &v, NULL))
    {
      cli_fail (ctx, "“%s” is not a registration ID (a positive whole number)", argv[1]);
      return FALSE;
    }
  *id = (gint64) v;
  return TRUE;
}

int
register_add (CliContext *ctx, CliOpenRegister open, int argc, char **argv)
{
  g_autofree char *year = NULL, *person = NULL, *unit = NULL, *position = NULL;
  g_autofree char *collective = NULL, *title = NULL, *initiative = NULL, *note = NULL;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year, "Registration year (2024 or 2023-2024)", "YEAR" },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, "The person's full name", "NAME" },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, "The person's unit", "UNIT" },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position, "The person's position (for a new person)", "P" },
    { "collective", 0, 0, G_OPTION_ARG_STRING, &collective, "Register the unit itself", "UNIT" },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, "Title or form of reward: name or code (LĐTT)", "TITLE" },
    { "initiative", 0, 0, G_OPTION_ARG_STRING, &initiative, "The initiative or research it rests on", "TEXT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "A note", "TEXT" },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(ThiduaRegistration) r = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_fail (ctx, "unexpected argument “%s”", argv[1]);
  if (year == NULL)
    return cli_fail (ctx, "--year is required (2024 or 2023-2024)");
  if (title == NULL)
    return cli_fail (ctx, "--title is required (a catalog name or code, e.g. LĐTT)");
  if ((person == NULL) == (collective == NULL))
    return cli_fail (ctx, "give either --person NAME --unit UNIT or --collective UNIT");
  if (person != NULL && unit == NULL)
    return cli_fail (ctx, "--unit is required with --person");
  if (collective != NULL && (unit != NULL || position != NULL))
    return cli_fail (ctx, "--unit and --position go with --person, not --collective");
  if (!thidua_reg_year_parse (year, NULL, NULL, NULL, &error))
    return cli_fail (ctx, "%s", error->message);
  if ((reg = open (ctx, FALSE)) == NULL)
    return 1;

  r = thidua_registration_new ();
  g_free (r->year);
  r->year = g_strdup (year);
  g_free (r->title);
  r->title = g_strdup (title);
  g_free (r->initiative);
  r->initiative = g_strdup (initiative ? initiative : "");
  g_free (r->note);
  r->note = g_strdup (note ? note : "");
  if (thidua_register_add_by_name (reg, r, person, position, person ? unit : collective, &error) == 0)
    return cli_fail (ctx, "%s", error->message);
  cli_print ("%" G_GINT64_FORMAT "\n", r->id);
  return 0;
}

int
register_set (CliContext *ctx, CliOpenRegister open, int argc, char **argv)
{
  g_autofree char *title = NULL, *initiative = NULL, *note = NULL, *result = NULL, *decision = NULL;
  GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, "Title or form of reward: name or code", "TITLE" },
    { "initiative", 0, 0, G_OPTION_ARG_STRING, &initiative, "The initiative or research", "TEXT" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "A note", "TEXT" },
    { "result", 0, 0, G_OPTION_ARG_STRING, &result, "pending, achieved or not-achieved", "RESULT" },
    { "decision", 0, 0, G_OPTION_ARG_STRING, &decision, "The decision's number (25/QĐ-UBND)", "TEXT" },
    { NULL }
  };
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(ThiduaRegistration) r = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaRegResult res = THIDUA_REG_RESULT_PENDING;
  gint64 id;

  if (!cli_parse_options (ctx, entries, "ID", &argc, &argv))
    return 2;
  if (!parse_reg_id (ctx, argc, argv, &id))
    return 2;
  if (result != NULL && !thidua_reg_result_from_string (result, &res))
    return cli_fail (ctx, "--result must be pending, achieved or not-achieved, not “%s”", result);
  if ((reg = open (ctx, FALSE)) == NULL)
    return 1;
  if ((r = thidua_register_load (reg, id, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
#define SET(field, value) \
  if (value != NULL) { g_free (r->field); r->field = g_steal_pointer (&value); }
  SET (title, title);
  SET (initiative, initiative);
  SET (note, note);
  SET (decision, decision);
#undef SET
  if (result != NULL)
    r->result = res;
  if (!thidua_register_update (reg, r, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

int
register_withdraw (CliContext *ctx, CliOpenRegister open, int argc, char **argv)
{
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (!parse_reg_id (ctx, argc, argv, &id))
    return 2;
  if ((reg = open (ctx, FALSE)) == NULL)
    return 1;
  if (!thidua_register_set_status (reg, id, THIDUA_REG_STATUS_WITHDRAWN, NULL, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

int
register_delete (CliContext *ctx, CliOpenRegister open, int argc, char **argv)
{
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (!parse_reg_id (ctx, argc, argv, &id))
    return 2;
  if ((reg = open (ctx, FALSE)) == NULL)
    return 1;
  if (!thidua_register_delete (reg, id, NULL, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}
