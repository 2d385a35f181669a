/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-dump.c — prints what the PDF reader rebuilt (the text handed to the
 * recogniser), for looking at a PDF by hand and for the tests' messages. */
#include <glib.h>
#include <stdio.h>
#include "thidua-pdf.h"

int
main (int argc, char **argv)
{
  g_autoptr(ThiduaPdfText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: pdf-dump FILE.pdf\n");
      return 2;
    }
  if (!thidua_pdf_read (argv[1], &text, &error))
    {
      fprintf (stderr, "pdf-dump: %s\n", error->message);
      return 1;
    }
  plain = thidua_pdf_text_to_plain (text);
  fputs (plain, stdout);
  return 0;
}
