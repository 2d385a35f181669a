/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-app-startup.c — start to first frame of thidua on a database of
 * 2,000 plans, median of 10 runs.
 *
 *   bench-app-startup PATH-TO-thidua [DB [PATH-TO-bench-bare-window]]
 *
 * With the third argument the same is measured for a bare GtkApplication
 * window (bench-bare-window) and the ratio of the medians is printed: the
 * goal is thidua within 1.35× of it.
 *
 * Runs `thidua --db DB` with THIDUA_BENCH=1 THIDUA_BENCH_QUIT=1; the app
 * prints the real time of its first painted frame, counted here from just
 * before the process was spawned.  Needs a display (xvfb-run). */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "thidua-store.h"

#define N_PLANS 2000
#define N_RUNS  10

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static gboolean
make_database (const char *path, GError **error)
{
  g_autoptr(ThiduaStore) store = thidua_store_open (path, THIDUA_STORE_OPEN_DEFAULT, error);
  g_autoptr(GPtrArray) existing = NULL;
  static const char * const templates[] = {
    "education-office", "covid-party-school", "annual-party-school", "labour-federation",
  };

  if (store == NULL)
    return FALSE;
  existing = thidua_store_list_plans (store, NULL, error);
  if (existing == NULL)
    return FALSE;
  for (guint i = existing->len; i < N_PLANS; i++)
    if (thidua_store_new_plan (store, templates[i % G_N_ELEMENTS (templates)], error) == 0)
      return FALSE;
  return TRUE;
}

/* Median first-frame time of `program` (argv NULL-terminated), ms. */
static gboolean
measure (const char * const *args,
         const char         *what,
         double             *median,
         double             *min,
         GError            **error)
{
  double ms[N_RUNS];

  for (int run = 0; run < N_RUNS; run++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autofree char *out = NULL;
      const char *line;
      gint64 start, frame;

      g_subprocess_launcher_setenv (launcher, "THIDUA_BENCH", "1", TRUE);
      g_subprocess_launcher_setenv (launcher, "THIDUA_BENCH_QUIT", "1", TRUE);
      start = g_get_real_time ();
      proc = g_subprocess_launcher_spawnv (launcher, args, error);
      if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, error))
        return FALSE;
      line = out ? strstr (out, "THIDUA_BENCH first-frame-real ") : NULL;
      if (line == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s run %d: no first-frame line in the output:\n%s", what, run, out ? out : "");
          return FALSE;
        }
      frame = g_ascii_strtoll (line + strlen ("THIDUA_BENCH first-frame-real "), NULL, 10);
      ms[run] = (frame - start) / 1000.0;
      g_print ("%s run %d: %.1f ms\n", what, run + 1, ms[run]);
    }
  qsort (ms, N_RUNS, sizeof (double), cmp_double);
  *median = (ms[N_RUNS / 2 - 1] + ms[N_RUNS / 2]) / 2;
  *min = ms[0];
  g_print ("%s: start to first frame median %.1f ms (min %.1f, max %.1f) over %d runs\n",
           what, *median, ms[0], ms[N_RUNS - 1], N_RUNS);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  double median, min, bare_median, bare_min;

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-thidua [DB [PATH-TO-bench-bare-window]]\n", argv[0]);
      return 2;
    }
  db = argc > 2 ? g_strdup (argv[2])
                : g_build_filename (g_get_tmp_dir (), "thidua-bench-2000.db", NULL);
  if (!make_database (db, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  {
    const char *args[] = { argv[1], "--db", db, NULL };

    if (!measure (args, "thidua (2,000 plans)", &median, &min, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  if (argc > 3)
    {
      const char *args[] = { argv[3], NULL };

      if (!measure (args, "bare GtkApplication window", &bare_median, &bare_min, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("ratio thidua / bare: median %.2f, min %.2f (goal <= 1.35)\n",
               median / bare_median, min / bare_min);
    }
  return 0;
}
