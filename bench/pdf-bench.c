/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pdf-bench.c — how long importing a plan's PDF takes (issue 18).
 *
 *   pdf-bench [--runs N] FILE.pdf
 * Each run reads the PDF (poppler: glyph boxes, fonts), rebuilds the page
 * and recognises the plan — all that `thidua-cli import` does before
 * storing.  Prints TAB-separated "name value" lines (milliseconds,
 * medians). */
#include <glib.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "thidua-import.h"
#include "thidua-pdf.h"

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  guint runs = 20;
  const char *path;
  g_autoptr(GArray) read_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_pages = 0;

  if (argc == 4 && strcmp (argv[1], "--runs") == 0)
    {
      runs = (guint) atoi (argv[2]);
      path = argv[3];
    }
  else if (argc == 2)
    path = argv[1];
  else
    {
      g_printerr ("usage: pdf-bench [--runs N] FILE.pdf\n");
      return 2;
    }

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(ThiduaPdfText) text = NULL;
      g_autoptr(ThiduaPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time (), t1;
      clock_t c0;
      double ms;

      if (!thidua_pdf_read (path, &text, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (read_ms, ms);
      n_pages = text->n_pages;

      t0 = g_get_monotonic_time ();
      c0 = clock ();
      plan = thidua_pdf_import (path, THIDUA_IMPORT_PROFILE_AUTO, NULL, &error);
      if (plan == NULL)
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (import_ms, ms);
      /* CPU time too: on a loaded machine the wall time is mostly waiting */
      ms = (clock () - c0) * 1000.0 / CLOCKS_PER_SEC;
      g_array_append_val (cpu_ms, ms);
    }
  g_array_sort (read_ms, compare);
  g_array_sort (import_ms, compare);
  g_array_sort (cpu_ms, compare);
  g_print ("pdf_pages\t%u\n", n_pages);
  g_print ("pdf_read_rebuild_ms\t%.2f\n", g_array_index (read_ms, double, runs / 2));
  g_print ("pdf_import_ms\t%.2f\n", g_array_index (import_ms, double, runs / 2));
  g_print ("pdf_import_cpu_ms\t%.2f\n", g_array_index (cpu_ms, double, runs / 2));
  g_print ("pdf_import_max_ms\t%.2f\n", g_array_index (import_ms, double, runs - 1));
  return 0;
}
