/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-plan.c — templates, new, list, show, import-json, duplicate, delete. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-input.h"
#include "thidua-json.h"
#include "thidua-plan.h"
#include "thidua-lifecycle.h"
#include "thidua-legal.h"

#include <stdio.h>

void
cli_warn_legal_bases (CliContext *ctx, ThiduaPlan *plan)
{
  g_autoptr(ThiduaLegalTable) legal = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  if ((legal = thidua_legal_table_new_default (&error)) == NULL)
    {
      fprintf (stderr, "thidua-cli: %s: warning: legal: %s\n", ctx->command, error->message);
      return;
    }
  findings = thidua_legal_check_plan (legal, plan);
  for (guint i = 0; i < findings->len; i++)
    {
      ThiduaLegalFinding *f = g_ptr_array_index (findings, i);
      fprintf (stderr, "thidua-cli: %s: warning: body (body line %d): %s\n",
               ctx->command, f->line + 1, f->message);
    }
}

int
cmd_templates (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(GError) error = NULL;

  if (!cli_parse_options (ctx, NULL, "", &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_fail (ctx, "unexpected argument “%s”", argv[1]);
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((templates = thidua_store_list_templates (store, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
  for (guint i = 0; i < templates->len; i++)
    {
      ThiduaTemplateInfo *t = g_ptr_array_index (templates, i);
      g_autofree char *title = cli_one_line (t->title);
      cli_print ("%s\t%s\n", t->name, title);
    }
  return 0;
}

int
cmd_new (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *template_name = NULL;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_name, "Template to start from", "NAME" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_fail (ctx, "unexpected argument “%s”", argv[1]);
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((id = thidua_store_new_plan (store, template_name, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);
  cli_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

static char *
format_date (ThiduaPlanSummary *p)
{
  /* Blank parts print as "..", so a plan awaiting its day still sorts and reads. */
  g_autofree char *d = p->day ? g_strdup_printf ("%02u", p->day) : g_strdup ("..");
  g_autofree char *m = p->month ? g_strdup_printf ("%02u", p->month) : g_strdup ("..");
  g_autofree char *y = p->year ? g_strdup_printf ("%04u", p->year) : g_strdup ("....");

  if (!p->day && !p->month && !p->year)
    return g_strdup ("");
  return g_strdup_printf ("%s-%s-%s", y, m, d);
}

int
cmd_list (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *search = NULL;
  GOptionEntry entries[] = {
    { "search", 's', 0, G_OPTION_ARG_STRING, &search,
      "Only plans whose words match (no diacritics needed, đ = d)", "TEXT" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return 2;
  if (argc > 1)
    return cli_fail (ctx, "unexpected argument “%s”", argv[1]);
  if (search != NULL && !g_utf8_validate (search, -1, NULL))
    return cli_fail (ctx, "the search text is not valid UTF-8");
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((plans = thidua_store_list_plans (store, search, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);

  for (guint i = 0; i < plans->len; i++)
    {
      ThiduaPlanSummary *p = g_ptr_array_index (plans, i);
      g_autofree char *date = format_date (p);
      g_autofree char *number = cli_one_line (p->number);
      g_autofree char *subject = cli_one_line (p->subject);
      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
                              p->id, p->status, date, number, subject);
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}

int
cmd_show (CliContext *ctx, int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the plan as one JSON object", NULL },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, entries, "ID", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: show ID --json");
  if (!cli_parse_id (ctx, argv[1], &id))
    return 2;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((plan = thidua_store_load_plan (store, id, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);

  /* JSON is the only format for now; --json is accepted as the contract says. */
  {
    g_auto(ThiduaLifecycleInfo) info = { 0 };
    g_autoptr(JsonNode) node = thidua_plan_to_json_node (plan);
    JsonObject *obj = json_node_get_object (node);

    /* Sign-off state lives beside the model (thidua-lifecycle.h). */
    if (!thidua_lifecycle_get_info (store, id, &info, &error))
      return cli_fail (ctx, "%s", error->message);
    json_object_set_string_member (obj, "status", info.status);
    json_object_set_string_member (obj, "code", info.code);
    if (info.replaces != 0)
      json_object_set_int_member (obj, "replaces", info.replaces);
    else
      json_object_set_null_member (obj, "replaces");
    /* Every control character escaped (json-glib 1.6 leaves U+001F raw). */
    text = thidua_json_to_data (node, TRUE);
  }
  cli_print ("%s\n", text);
  return 0;
}

int
cmd_import_json (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  gint64 id;

  if (!cli_parse_options (ctx, NULL, "FILE", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: import-json FILE");
  if (!thidua_input_read (argv[1], THIDUA_INPUT_MAX_JSON, &contents, &len, &error))
    return cli_fail (ctx, "%s", error->message);
  /* Parse and validate everything before touching the database: a bad
   * file leaves no partial plan behind. */
  if ((plan = thidua_plan_new_from_json (contents, len, &error)) == NULL)
    {
      g_autofree char *display = g_filename_display_name (argv[1]);
      return cli_fail (ctx, "%s: %s", display, error->message);
    }
  /* Only drafts come in: an issued plan exists once, with its history. */
  if (g_strcmp0 (thidua_plan_get_status (plan), "draft") != 0
      && g_strcmp0 (thidua_plan_get_status (plan), "") != 0)
    {
      g_autofree char *display = g_filename_display_name (argv[1]);
      return cli_fail (ctx, "%s: only a draft can be imported; this plan's status is “%s” "
                       "(remove \"status\" or set it to \"draft\")",
                       display, thidua_plan_get_status (plan));
    }
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((id = thidua_store_insert_plan (store, plan, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);
  cli_warn_legal_bases (ctx, plan);
  cli_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}

int
cmd_duplicate (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  gint64 id, copy;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: duplicate ID");
  if (!cli_parse_id (ctx, argv[1], &id))
    return 2;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((copy = thidua_store_duplicate_plan (store, id, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);
  /* The copy is for a new year: its legal bases are judged today. */
  if ((plan = thidua_store_load_plan (store, copy, &error)) != NULL)
    cli_warn_legal_bases (ctx, plan);
  cli_print ("%" G_GINT64_FORMAT "\n", copy);
  return 0;
}

int
cmd_delete (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: delete ID");
  if (!cli_parse_id (ctx, argv[1], &id))
    return 2;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  {
    g_auto(ThiduaLifecycleInfo) info = { 0 };

    if (thidua_lifecycle_get_info (store, id, &info, NULL)
        && thidua_lifecycle_status_is_frozen (info.status))
      return cli_fail (ctx, "plan %" G_GINT64_FORMAT " is %s and cannot be deleted: "
                       "an issued plan stays in the register (use replace for a new version)",
                       id, info.status);
  }
  if (!thidua_store_delete_plan (store, id, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}
