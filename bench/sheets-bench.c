/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sheets-bench.c — issue 10: reading a register spreadsheet into cells.
 *
 *   sheets-bench FILE [RUNS]
 *   sheets-bench FILE dump    (every row and cell, escaped, or the error)
 *
 * thidua_table_load() of FILE RUNS times (default 7); prints the fastest
 * run's wall and CPU time and the table's size.  The file is read from the
 * page cache after the first run, as in bench/run-register-import.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "thidua-register-table.h"

int
main (int argc, char *argv[])
{
  int runs = argc > 2 ? atoi (argv[2]) : 7;
  gint64 best_wall = G_MAXINT64, best_cpu = G_MAXINT64;
  guint rows = 0, cells = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: sheets-bench FILE [RUNS]\n");
      return 2;
    }
  if (argc > 2 && g_str_equal (argv[2], "dump"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThiduaTable) table = thidua_table_load (argv[1], &error);

      if (table == NULL)
        {
          printf ("error %s %d: %s\n", g_quark_to_string (error->domain), error->code, error->message);
          return 0;
        }
      for (guint i = 0; i < thidua_table_get_n_rows (table); i++)
        {
          guint number;
          const char * const *row = thidua_table_get_row (table, i, &number);

          printf ("%u", number);
          for (; *row; row++)
            {
              g_autofree char *e = g_strescape (*row, NULL);
              printf ("\t[%s]", e);
            }
          printf ("\n");
        }
      return 0;
    }
  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 wall = g_get_monotonic_time ();
      gint64 cpu;
      ThiduaTable *table;
      struct timespec ts;

      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
      cpu = ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
      table = thidua_table_load (argv[1], &error);
      if (table == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      wall = g_get_monotonic_time () - wall;
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
      cpu = ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000 - cpu;
      rows = thidua_table_get_n_rows (table);
      cells = 0;
      for (guint i = 0; i < rows; i++)
        for (const char * const *row = thidua_table_get_row (table, i, NULL); *row; row++)
          cells++;
      thidua_table_free (table);
      best_wall = MIN (best_wall, wall);
      best_cpu = MIN (best_cpu, cpu);
    }
  printf ("table_load_ms\t%.1f\tcpu_ms\t%.1f\trows\t%u\tcells\t%u\n",
          best_wall / 1000.0, best_cpu / 1000.0, rows, cells);
  return 0;
}
