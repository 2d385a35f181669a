/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-import.c — import (and its older name import-text): a plan from a
 * word-processor file (.docx, .odt, .fodt, .doc through LibreOffice) or a
 * text file in any of the encodings Vietnamese plans arrive in.  The
 * content, not the extension, tells which (thidua-word.h). */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-import.h"
#include "thidua-word.h"
#include "thidua-pdf.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

int
cmd_import_text (CliContext *ctx, int argc, char **argv)
{
  return cmd_import (ctx, argc, argv);
}

int
cmd_import (CliContext *ctx, int argc, char **argv)
{
  g_autofree char *encoding_name = NULL;
  g_autofree char *profile_name = NULL;
  GOptionEntry entries[] = {
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding_name,
      "auto (default), utf-8, utf-16, tcvn3, vni or cp1258", "ENCODING" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_name,
      "state, party, union, youth or another file of data/profiles (default: from the text)",
      "PROFILE" },
    { NULL }
  };
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
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
        return cli_fail (ctx, _("unknown profile “%s” (state, party, union, youth)"), profile_name);
      profile = profile_kind;
    }

  /* A PDF by its content (a file named .pdf that is none is refused as no
   * PDF): its text layer rebuilt as the page shows it. */
  if (thidua_pdf_sniff_file (argv[1]) || g_str_has_suffix (argv[1], ".pdf")
      || g_str_has_suffix (argv[1], ".PDF"))
    {
      /* The reader (poppler) is a module of its own: thidua-cli-pdf. */
      int (*import_pdf) (CliContext *, const char *, int) = cli_module_symbol (ctx, "pdf", "cli_import_pdf");

      if (import_pdf == NULL)
        return 1;
      return import_pdf (ctx, argv[1], profile);
    }

  /* Recognise first: a file that cannot be read leaves the database as it was. */
  file = g_file_new_for_commandline_arg (argv[1]);
  plan = thidua_document_import_file_full (file, encoding, profile, 0, NULL, NULL, warnings, skipped,
                                           NULL, &error);
  if (plan == NULL)
    return cli_fail (ctx, "%s", error->message);

  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((id = thidua_store_insert_plan (store, plan, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);

  /* Nothing is lost silently: what stood before the document is shown. */
  if (skipped->len > 0)
    {
      g_autofree char *head = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "skipped %u line before the document's header:",
                                                            "skipped %u lines before the document's header:",
                                                            skipped->len),
                                               skipped->len);

      fprintf (stderr, "thidua-cli: import-text: %s\n", head);
    }
  for (guint i = 0; i < skipped->len; i++)
    fprintf (stderr, "thidua-cli: import-text: skipped: %s\n",
             (const char *) g_ptr_array_index (skipped, i));
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "thidua-cli: %s: warning: %s\n", ctx->command,
             (const char *) g_ptr_array_index (warnings, i));
  cli_warn_legal_bases (ctx, plan);
  cli_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}
