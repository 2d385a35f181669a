/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thidua-pdf-sniff.c — is this a PDF?  Apart from the reader so that what
 * only asks (thidua-cli's import, choosing its module) needs no poppler. */
#include "config.h"
#include "thidua-pdf.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

gboolean
thidua_pdf_sniff (const guint8 *data, gsize len)
{
  gsize n = MIN (len, 1024);

  for (gsize i = 0; i + 5 <= n; i++)
    if (memcmp (data + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

gboolean
thidua_pdf_sniff_file (const char *path)
{
  guint8 head[1024];
  gsize n = 0;
  FILE *f;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF");
  if ((f = g_fopen (path, "rb")) == NULL)
    return FALSE;
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  return thidua_pdf_sniff (head, n);
}
