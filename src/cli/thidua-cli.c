/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-cli.c — thidua-cli: the core and renderer without a display. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-paths.h"

#include <locale.h>
#include <signal.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <stdio.h>
#include <string.h>
#ifdef G_OS_WIN32
#include <windows.h>
#endif

typedef struct {
  const char     *name;
  CliCommandFunc  func;     /* in the executable, or NULL: */
  const char     *module;   /* the module that has it (meson.build) */
  const char     *symbol;   /* and its name there */
  const char     *usage;
} CliCommand;

/* Commands that need Pango, the spreadsheet or Word libraries or poppler
 * live in modules, loaded when such a command runs (meson.build). */
#define IN(module, symbol) NULL, module, #symbol
static const CliCommand commands[] = {
  { "templates",   cmd_templates,   NULL, NULL, "templates" },
  { "new",         cmd_new,         NULL, NULL, "new [--template NAME]" },
  { "list",        cmd_list,        NULL, NULL, "list [--search TEXT]" },
  { "show",        cmd_show,        NULL, NULL, "show ID --json" },
  { "import-json", cmd_import_json, NULL, NULL, "import-json FILE" },
  { "import",      IN ("import", cmd_import),      "import FILE [--profile state|party|union|youth] [--encoding …]   .docx .odt .fodt .doc (with LibreOffice), .pdf or text" },
  { "import-text", IN ("import", cmd_import_text), "import-text FILE [--encoding auto|utf-8|utf-16|tcvn3|vni|cp1258] [--profile state|party|union|youth]" },
  { "duplicate",   cmd_duplicate,   NULL, NULL, "duplicate ID" },
  { "delete",      cmd_delete,      NULL, NULL, "delete ID" },
  { "render",      IN ("render", cmd_render),      "render ID -o FILE.pdf|.png|.svg|.docx|.odt [--page N] [--dpi N]" },
  { "render-json", IN ("render", cmd_render_json), "render-json FILE -o OUT [--page N] [--dpi N]" },
  { "exchange",    cmd_exchange,    NULL, NULL, "exchange export --year Y [--to OFFICE] -o FILE.thidua | import FILE.thidua | list" },
  { "office",      cmd_office,      NULL, NULL, "office [--name NAME [--code CODE] [--parent NAME] [--signer NAME]]" },
  { "register",    IN ("register", cmd_register),  "register import|list|add|set|withdraw|delete|check|report|export|undo-import … (register --help)" },
  { "submit",      cmd_submit,      NULL, NULL, "submit ID [--by NAME]" },
  { "return",      cmd_return,      NULL, NULL, "return ID --comment TEXT [--by NAME]" },
  { "issue",       cmd_issue,       NULL, NULL, "issue ID [--number N] [--date YYYY-MM-DD] [--by NAME]" },
  { "replace",     cmd_replace,     NULL, NULL, "replace ID" },
  { "history",     cmd_history,     NULL, NULL, "history ID" },
  { "numbers",     cmd_numbers,     NULL, NULL, "numbers --year Y [-o FILE.pdf]" },
  { "verify",      cmd_verify,      NULL, NULL, "verify CODE" },
};
#undef IN

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

/* The folder of the modules: next to the executable in the build tree,
 * THIDUA_CLI_MODULEDIR (relative to the executable's folder, or
 * absolute) once installed. */
static char *
module_dir (void)
{
  g_autofree char *exe = NULL;
  g_autofree char *exe_dir = NULL;

#ifdef G_OS_WIN32
  {
    wchar_t buf[MAX_PATH * 2];
    DWORD n = GetModuleFileNameW (NULL, buf, G_N_ELEMENTS (buf));

    if (n > 0 && n < G_N_ELEMENTS (buf))
      exe = g_utf16_to_utf8 ((const gunichar2 *) buf, n, NULL, NULL, NULL);
  }
#else
  exe = g_file_read_link ("/proc/self/exe", NULL);
#endif
  if (exe == NULL)
    return g_strdup (THIDUA_CLI_MODULEDIR);
  exe_dir = g_path_get_dirname (exe);
  if (thidua_paths_is_uninstalled ())
    return g_steal_pointer (&exe_dir);
  if (g_path_is_absolute (THIDUA_CLI_MODULEDIR))
    return g_strdup (THIDUA_CLI_MODULEDIR);
  return g_build_filename (exe_dir, THIDUA_CLI_MODULEDIR, NULL);
}

gpointer
cli_module_symbol (CliContext *ctx, const char *module, const char *symbol)
{
  g_autofree char *dir = module_dir ();
  g_autofree char *file = g_strconcat ("thidua-cli-", module, "." G_MODULE_SUFFIX, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GModule *handle;
  gpointer func = NULL;

  /* Kept loaded until the process ends: it registers GTypes.  Bound
   * lazily, as the executable itself is: binding every symbol of the
   * module and of the libraries it brings (Pango, Cairo, HarfBuzz,
   * fontconfig, X11…) up front cost render-json some 4 million
   * instructions of symbol look-ups for functions it never calls. */
  handle = g_module_open (path, G_MODULE_BIND_LOCAL | G_MODULE_BIND_LAZY);
  if (handle == NULL)
    {
      cli_fail (ctx, "cannot load %s (reinstall Thi Đua): %s", path, g_module_error ());
      return NULL;
    }
  g_module_make_resident (handle);
  if (!g_module_symbol (handle, symbol, &func) || func == NULL)
    {
      cli_fail (ctx, "%s has no %s (reinstall Thi Đua)", path, symbol);
      return NULL;
    }
  return func;
}

gboolean
cli_output_is_document (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path ? path : "", -1);

  return g_str_has_suffix (lower, ".docx") || g_str_has_suffix (lower, ".odt");
}

/* The -o/--output of render and render-json as GOption will read it (the
 * last one given), to choose between thidua-cli-render and
 * thidua-cli-document before either is loaded. */
static const char *
render_output (int argc, char **argv)
{
  const char *out = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if ((strcmp (argv[i], "-o") == 0 || strcmp (argv[i], "--output") == 0) && i + 1 < argc)
        out = argv[++i];
      else if (g_str_has_prefix (argv[i], "--output="))
        out = argv[i] + strlen ("--output=");
      else if (g_str_has_prefix (argv[i], "-o") && argv[i][2] != '\0' && argv[i][1] != '-')
        out = argv[i] + 2;
    }
  return out;
}

ThiduaStore *
cli_open_store_with (CliContext *ctx, ThiduaStoreOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ctx->db_path ? g_strdup (ctx->db_path) : thidua_store_default_path ();
  ThiduaStore *store;

  /* One command, then closed: no reading of whole tables at open.  The
   * first write still checks the whole file (thidua-store.h). */
  store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_PROBE | flags, &error);
  if (store == NULL)
    cli_fail (ctx, "%s", error->message);
  return store;
}

ThiduaStore *
cli_open_store (CliContext *ctx, gboolean read_only)
{
  return cli_open_store_with (ctx, read_only ? THIDUA_STORE_OPEN_READ_ONLY : 0);
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
        CliCommandFunc func = commands[c].func;
        const char *module = commands[c].module;

        ctx.command = commands[c].name;
        if (g_strcmp0 (module, "render") == 0
            && cli_output_is_document (render_output (argc - i, argv + i)))
          module = "document";
        /* the register's PDF report and its export (XLSX too) need the
         * renderer and the spreadsheet writers; the rest, a CSV import
         * first, only core (meson.build) */
        if (g_strcmp0 (module, "register") == 0 && i + 1 < argc
            && (strcmp (argv[i + 1], "report") == 0 || strcmp (argv[i + 1], "export") == 0))
          module = "register-documents";
        if (func == NULL && (func = cli_module_symbol (&ctx, module, commands[c].symbol)) == NULL)
          return 1;
        return func (&ctx, argc - i, argv + i);
      }

  fprintf (stderr, "thidua-cli: unknown command “%s”\n", argv[i]);
  print_usage (stderr);
  return 2;
}
