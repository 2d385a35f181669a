/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-cli.c — thidua-cli: the core and renderer without a display. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-paths.h"

#include <locale.h>
#include <signal.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char     *name;
  CliCommandFunc  func;
  const char     *usage;
} CliCommand;

/* Later subcommands (render, import-text, register …) join this table. */
static const CliCommand commands[] = {
  { "templates",   cmd_templates,   "templates" },
  { "new",         cmd_new,         "new [--template NAME]" },
  { "list",        cmd_list,        "list [--search TEXT]" },
  { "show",        cmd_show,        "show ID --json" },
  { "import-json", cmd_import_json, "import-json FILE" },
  { "import",      cmd_import,      "import FILE [--profile state|party|union|youth] [--encoding …]   .docx .odt .fodt .doc (with LibreOffice), .pdf or text" },
  { "import-text", cmd_import_text, "import-text FILE [--encoding auto|utf-8|utf-16|tcvn3|vni|cp1258] [--profile state|party|union|youth]" },
  { "duplicate",   cmd_duplicate,   "duplicate ID" },
  { "delete",      cmd_delete,      "delete ID" },
  { "render",      cmd_render,      "render ID -o FILE.pdf|.png|.svg|.docx|.odt [--page N] [--dpi N]" },
  { "render-json", cmd_render_json, "render-json FILE -o OUT [--page N] [--dpi N]" },
  { "exchange",    cmd_exchange,    "exchange export --year Y [--to OFFICE] -o FILE.thidua | import FILE.thidua | list" },
  { "office",      cmd_office,      "office [--name NAME [--code CODE] [--parent NAME] [--signer NAME]]" },
  { "register",    cmd_register,    "register import|list|add|set|withdraw|delete|check|report|export|undo-import … (register --help)" },
  { "submit",      cmd_submit,      "submit ID [--by NAME]" },
  { "return",      cmd_return,      "return ID --comment TEXT [--by NAME]" },
  { "issue",       cmd_issue,       "issue ID [--number N] [--date YYYY-MM-DD] [--by NAME]" },
  { "replace",     cmd_replace,     "replace ID" },
  { "history",     cmd_history,     "history ID" },
  { "numbers",     cmd_numbers,     "numbers --year Y [-o FILE.pdf]" },
  { "verify",      cmd_verify,      "verify CODE" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: thidua-cli [--db PATH] COMMAND [ARGS…]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  thidua-cli [--db PATH] %s\n", commands[i].usage);
}

void
cli_print (const char *format, ...)
{
  va_list args;
  g_autofree char *s = NULL;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (s, stdout);
}

char *
cli_one_line (const char *s)
{
  char *out = g_strdup (s ? s : "");

  for (char *p = out; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return out;
}

int
cli_fail (CliContext *ctx, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "thidua-cli: %s%s%s\n", ctx->command ? ctx->command : "",
           ctx->command ? ": " : "", msg);
  return 1;
}

ThiduaStore *
cli_open_store (CliContext *ctx, gboolean read_only)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ctx->db_path ? g_strdup (ctx->db_path) : thidua_store_default_path ();
  ThiduaStore *store;

  store = thidua_store_open (path, read_only ? THIDUA_STORE_OPEN_READ_ONLY : 0, &error);
  if (store == NULL)
    cli_fail (ctx, "%s", error->message);
  return store;
}

gboolean
cli_parse_options (CliContext *ctx, GOptionEntry *entries, const char *parameter_string,
                   int *argc, char ***argv)
{
  g_autoptr(GOptionContext) octx = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (octx, TRUE);
  if (entries != NULL)
    g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, argc, argv, &error))
    {
      cli_fail (ctx, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cli_parse_id (CliContext *ctx, const char *arg, gint64 *id)
{
  guint64 v;

  if (arg == NULL)
    {
      cli_fail (ctx, "a plan ID is required");
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (arg, 10, 1, G_MAXINT64, &v, NULL))
    {
      cli_fail (ctx, "“%s” is not a plan ID (a positive whole number)", arg);
      return FALSE;
    }
  *id = (gint64) v;
  return TRUE;
}

int
main (int argc, char **argv)
{
  CliContext ctx = { 0 };
  int i = 1;

  setlocale (LC_ALL, "");
#ifdef SIGXFSZ
  /* Past the file size limit (ulimit -f) a write then fails with EFBIG,
   * which every writer reports with the file's name, instead of the
   * signal killing the program silently in the middle of a write. */
  signal (SIGXFSZ, SIG_IGN);
#endif
  /* Messages of core and renderer follow LANGUAGE like the app's. */
  bindtextdomain (GETTEXT_PACKAGE, thidua_paths_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      if (strcmp (argv[i], "--db") == 0 && i + 1 < argc)
        {
          ctx.db_path = argv[i + 1];
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          ctx.db_path = argv[i] + 5;
          i++;
        }
      else if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        {
          print_usage (stdout);
          return 0;
        }
      else if (strcmp (argv[i], "--version") == 0)
        {
          printf ("thidua-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else
        {
          fprintf (stderr, "thidua-cli: unknown option “%s”\n", argv[i]);
          print_usage (stderr);
          return 2;
        }
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return 2;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (strcmp (argv[i], commands[c].name) == 0)
      {
        ctx.command = commands[c].name;
        return commands[c].func (&ctx, argc - i, argv + i);
      }

  fprintf (stderr, "thidua-cli: unknown command “%s”\n", argv[i]);
  print_usage (stderr);
  return 2;
}
