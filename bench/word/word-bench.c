/* SPDX-License-Identifier: GPL-3.0-or-later */
/* word-bench.c — the editable exports and the .docx import, in process.
 *
 *   word-bench [--runs N] [--out DIR] PLAN.json [MORE.json …]
 *
 * The plan is PLAN with the bodies of MORE appended (the union seed with
 * seeds 003 and 002 makes ten pages).  Prints TAB-separated lines:
 *   pages              pages of the native layout
 *   export_docx_ms     .docx from a composed layout (median)
 *   export_odt_ms      .odt from a composed layout (median)
 *   layout_export_ms   layout + .docx, from the plan (median)
 *   import_docx_ms     that .docx read and recognised (median)
 *   import_odt_ms      the .odt read and recognised (median)
 * and writes DIR/plan.docx and DIR/plan.odt for the LibreOffice comparison
 * in bench/run-word.sh. */
#include "config.h"
#include "thidua-export.h"
#include "thidua-layout.h"
#include "thidua-word.h"
#include "thidua-import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, int n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return v[n / 2];
}

static ThiduaPlan *
load (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaPlan *plan;

  if (!g_file_get_contents (path, &contents, NULL, &error)
      || (plan = thidua_plan_new_from_json (contents, -1, &error)) == NULL)
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      exit (1);
    }
  return plan;
}

int
main (int argc, char **argv)
{
  int runs = 15;
  const char *out = ".";
  g_autoptr(ThiduaPlan) plan = NULL;
  g_autoptr(GString) body = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GBytes) odt = NULL;
  double *t;
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (strcmp (argv[i], "--runs") == 0 && i + 1 < argc)
        runs = atoi (argv[++i]);
      else if (strcmp (argv[i], "--out") == 0 && i + 1 < argc)
        out = argv[++i];
    }
  if (i >= argc || runs < 1)
    {
      fprintf (stderr, "usage: word-bench [--runs N] [--out DIR] PLAN.json [MORE.json …]\n");
      return 2;
    }
  plan = load (argv[i]);
  body = g_string_new (thidua_plan_get_body (plan));
  for (int k = i + 1; k < argc; k++)
    {
      g_autoptr(ThiduaPlan) more = load (argv[k]);
      g_string_append (body, "\n\n");
      g_string_append (body, thidua_plan_get_body (more));
    }
  thidua_plan_set_body (plan, body->str);
  t = g_new (double, runs);

  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  printf ("pages\t%u\n", thidua_layout_get_n_pages (layout));

  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) b = thidua_export_docx_bytes (layout, plan, &error);
      t[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      if (r == 0)
        docx = g_bytes_ref (b);
    }
  printf ("export_docx_ms\t%.2f\n", median (t, runs));
  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) b = thidua_export_odt_bytes (layout, plan, &error);
      t[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      if (r == 0)
        odt = g_bytes_ref (b);
    }
  printf ("export_odt_ms\t%.2f\n", median (t, runs));
  for (int r = 0; r < runs; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(ThiduaLayout) l = thidua_layout_new_for_plan (plan, &error);
      g_autoptr(GBytes) b = thidua_export_docx_bytes (l, plan, &error);
      t[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
    }
  printf ("layout_export_ms\t%.2f\n", median (t, runs));

  for (int f = 0; f < 2; f++)
    {
      GBytes *b = f == 0 ? docx : odt;

      for (int r = 0; r < runs; r++)
        {
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(ThiduaPlan) p = thidua_document_import_data (g_bytes_get_data (b, NULL), g_bytes_get_size (b),
                                                                 THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                                                                 NULL, NULL, NULL, &error);
          t[r] = (g_get_monotonic_time () - t0) / 1000.0;
          g_assert_no_error (error);
        }
      printf ("%s\t%.2f\n", f == 0 ? "import_docx_ms" : "import_odt_ms", median (t, runs));
    }

  {
    g_autofree char *d = g_build_filename (out, "plan.docx", NULL);
    g_autofree char *o = g_build_filename (out, "plan.odt", NULL);
    g_file_set_contents (d, g_bytes_get_data (docx, NULL), (gssize) g_bytes_get_size (docx), NULL);
    g_file_set_contents (o, g_bytes_get_data (odt, NULL), (gssize) g_bytes_get_size (odt), NULL);
  }
  g_free (t);
  return 0;
}
