/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-lifecycle.c — submit, return, issue, replace, history, numbers,
 * verify: the life of a plan after drafting.  Every refusal exits
 * non-zero, names the reason and changes nothing (core runs each step in
 * one transaction; the database's triggers are the last guard). */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-exchange.h"
#include "thidua-lifecycle.h"
#include "thidua-canonical.h"
#include "thidua-issue-check.h"

#include <stdio.h>
#include <string.h>

/* ID and, for the simple steps, nothing else. */
static gboolean
one_id (CliContext *ctx, int argc, char **argv, const char *usage, gint64 *id)
{
  if (argc != 2)
    {
      cli_fail (ctx, "usage: %s", usage);
      return FALSE;
    }
  return cli_parse_id (ctx, argv[1], id);
}

static gboolean
valid_text (CliContext *ctx, const char *what, const char *s)
{
  if (s != NULL && (!g_utf8_validate (s, -1, NULL) || strlen (s) > 4096))
    {
      cli_fail (ctx, "%s must be valid UTF-8 and at most 4096 bytes", what);
      return FALSE;
    }
  return TRUE;
}

int
cmd_submit (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *by = NULL;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Who submits", "NAME" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, entries, "ID", &argc, &argv))
    return 2;
  if (!one_id (ctx, argc, argv, "submit ID [--by NAME]", &id))
    return 2;
  if (!valid_text (ctx, "--by", by))
    return 2;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if (!thidua_lifecycle_submit (store, id, by, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

int
cmd_return (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *by = NULL;
  g_autofree char *comment = NULL;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, "The leader's comment (required)", "TEXT" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Who returns it", "NAME" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!cli_parse_options (ctx, entries, "ID", &argc, &argv))
    return 2;
  if (!one_id (ctx, argc, argv, "return ID --comment TEXT [--by NAME]", &id))
    return 2;
  if (comment == NULL)
    return cli_fail (ctx, "--comment TEXT is required: the leader's reason for returning the plan");
  if (!valid_text (ctx, "--by", by) || !valid_text (ctx, "--comment", comment))
    return 2;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if (!thidua_lifecycle_return (store, id, by, comment, &error))
    return cli_fail (ctx, "%s", error->message);
  return 0;
}

static gboolean
parse_date (const char *s, guint *d, guint *m, guint *y)
{
  guint64 yy, mm, dd;
  g_auto(GStrv) parts = NULL;

  if (s == NULL || strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  parts = g_strsplit (s, "-", 3);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &yy, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &mm, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &dd, NULL)
      || !g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) yy))
    return FALSE;
  *y = (guint) yy;
  *m = (guint) mm;
  *d = (guint) dd;
  return TRUE;
}

int
cmd_issue (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *by = NULL;
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  GOptionEntry entries[] = {
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, "The number, when the register is kept elsewhere", "N" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Date of signing (default today)", "YYYY-MM-DD" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Who issues it", "NAME" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(ThiduaIssueResult) result = { 0 };
  ThiduaIssueRequest req = { 0 };
  gint64 id;

  if (!cli_parse_options (ctx, entries, "ID", &argc, &argv))
    return 2;
  if (!one_id (ctx, argc, argv, "issue ID [--number N] [--date YYYY-MM-DD] [--by NAME]", &id))
    return 2;
  if (!valid_text (ctx, "--by", by))
    return 2;
  if (number != NULL)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (number, 10, 1, 999999, &n, NULL))
        return cli_fail (ctx, "--number “%s” is not a number from 1 to 999999", number);
      req.number = (guint) n;
    }
  if (date != NULL && !parse_date (date, &req.day, &req.month, &req.year))
    return cli_fail (ctx, "--date “%s” is not a possible date YYYY-MM-DD", date);
  req.by = by;
  req.check = thidua_issue_check_plan;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if (!thidua_lifecycle_issue (store, id, &req, &result, &error))
    return cli_fail (ctx, "%s", error->message);
  cli_print ("%u\t%04u-%02u-%02u\t%s\n", result.number, result.year, result.month, result.day,
             result.code);
  return 0;
}

int
cmd_replace (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, copy;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (!one_id (ctx, argc, argv, "replace ID", &id))
    return 2;
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((copy = thidua_lifecycle_replace (store, id, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);
  cli_print ("%" G_GINT64_FORMAT "\n", copy);
  return 0;
}

int
cmd_history (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 id;

  if (!cli_parse_options (ctx, NULL, "ID", &argc, &argv))
    return 2;
  if (!one_id (ctx, argc, argv, "history ID", &id))
    return 2;
  if ((store = cli_open_store (ctx, TRUE)) == NULL)
    return 1;
  if ((events = thidua_lifecycle_history (store, id, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
  for (guint i = 0; i < events->len; i++)
    {
      ThiduaLifecycleEvent *e = g_ptr_array_index (events, i);
      g_autofree char *by = cli_one_line (e->by);
      g_autofree char *comment = cli_one_line (e->comment);

      g_string_append_printf (out, "%s\t%s\t%s\t%s\t%s\n", e->at, e->from, e->to, by, comment);
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}

int
cmd_numbers (CliContext *ctx, int argc, char **argv)
{
  int year = 0;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "The calendar year", "Y" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Print the register to this PDF", "FILE.pdf" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cli_parse_options (ctx, entries, "", &argc, &argv))
    return 2;
  if (argc != 1)
    return cli_fail (ctx, "usage: numbers --year Y [-o FILE.pdf]");
  if (year < 1 || year > 9999)
    return cli_fail (ctx, "--year Y is required (1 to 9999)");
  if (output != NULL && !g_str_has_suffix (output, ".pdf"))
    return cli_fail (ctx, "the register prints to a .pdf file, not “%s”", output);
  if ((store = cli_open_store (ctx, TRUE)) == NULL)
    return 1;
  if (output != NULL)
    {
      /* The printed register needs the renderer: its module. */
      gboolean (*write_pdf) (ThiduaStore *, guint, const char *, GError **)
        = cli_module_symbol (ctx, "render", "thidua_outgoing_write_pdf");

      if (write_pdf == NULL)
        return 1;
      if (!write_pdf (store, (guint) year, output, &error))
        return cli_fail (ctx, "%s", error->message);
      return 0;
    }
  if ((entries_found = thidua_lifecycle_numbers (store, (guint) year, &error)) == NULL)
    return cli_fail (ctx, "%s", error->message);
  for (guint i = 0; i < entries_found->len; i++)
    {
      ThiduaOutgoingEntry *e = g_ptr_array_index (entries_found, i);
      g_autofree char *symbol = cli_one_line (e->symbol);
      g_autofree char *subject = cli_one_line (e->subject);

      g_string_append_printf (out, "%u\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\n",
                              e->number, symbol, e->issued_on, e->plan_id, subject);
    }
  fwrite (out->str, 1, out->len, stdout);
  return 0;
}

int
cmd_verify (CliContext *ctx, int argc, char **argv)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaOutgoingEntry *e;
  g_autofree char *code = NULL;

  if (!cli_parse_options (ctx, NULL, "CODE", &argc, &argv))
    return 2;
  if (argc != 2)
    return cli_fail (ctx, "usage: verify CODE");
  if ((code = thidua_canonical_normalize_code (argv[1])) == NULL)
    return cli_fail (ctx, "“%s” is not a code: %d letters and digits as printed on the page",
                     argv[1], THIDUA_CODE_LENGTH);
  if ((store = cli_open_store (ctx, TRUE)) == NULL)
    return 1;
  e = thidua_lifecycle_verify (store, code, &error);
  if (e == NULL && error != NULL)
    return cli_fail (ctx, "%s", error->message);
  if (e == NULL)
    {
      /* A plan issued by another office, received in its package. */
      g_autofree char *office = NULL, *number = NULL, *date = NULL;
      if (thidua_exchange_verify_code (store, code, &office, &number, &date, &error))
        {
          g_autofree char *from = cli_one_line (office);
          cli_print ("-\t%s\t%s\t%s\n", number, date, from);
          return 0;
        }
      if (error != NULL)
        return cli_fail (ctx, "%s", error->message);
      return cli_fail (ctx, "no issued plan has the code %s", argv[1]);
    }
  cli_print ("%" G_GINT64_FORMAT "\t%s\t%s\n", e->plan_id, e->number_and_symbol, e->issued_on);
  thidua_outgoing_entry_free (e);
  return 0;
}
