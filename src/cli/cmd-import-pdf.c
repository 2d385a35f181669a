/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd-import-pdf.c — import of a PDF plan (thidua-cli-pdf, the module with
 * poppler), reached from cmd-import.c once the file is known to be a PDF. */
#include "config.h"
#include "thidua-cli.h"
#include "thidua-pdf.h"

#include <stdio.h>

/* PDF: the text layer rebuilt as the page shows it, then the recogniser.
 * Nothing is written unless the PDF was read. */
int
cli_import_pdf (CliContext *ctx, const char *path, int profile)
{
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 id;

  plan = thidua_pdf_import (path, profile, warnings, &error);
  if (plan == NULL)
    return cli_fail (ctx, "%s", error->message);
  if ((store = cli_open_store (ctx, FALSE)) == NULL)
    return 1;
  if ((id = thidua_store_insert_plan (store, plan, &error)) == 0)
    return cli_fail (ctx, "%s", error->message);
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "thidua-cli: import: warning: %s\n",
             (const char *) g_ptr_array_index (warnings, i));
  cli_warn_legal_bases (ctx, plan);
  cli_print ("%" G_GINT64_FORMAT "\n", id);
  return 0;
}
