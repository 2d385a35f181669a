/* SPDX-License-Identifier: GPL-3.0-or-later */
/* register-batch-bench.c — issue 10: the per-row work of an import in
 * core, without the file reader and without the commit: 100,000 rows of
 * the shape bench/register-100k-people.awk writes (distinct people in 300
 * units) added to a batch, on an empty register and again (with replace)
 * on a register that holds them.  CPU time, best of RUNS (default 5):
 * the machine is shared.  Prints name value. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "thidua-catalog.h"
#include "thidua-register.h"
#include "thidua-register-batch.h"
#include "thidua-store.h"

#define N_ROWS 100000

typedef struct {
  char *name, *unit;
  int   birth_year;
} Row;

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* as bench/register-100k-people.awk writes them */
static Row *
make_rows (void)
{
  g_auto(GStrv) fam = g_strsplit ("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý", " ", -1);
  g_auto(GStrv) mid = g_strsplit ("Văn Thị Hữu Đức Minh Thu Thanh Ngọc Quốc Xuân Hồng Kim Bảo Gia Anh Tuấn", " ", -1);
  g_auto(GStrv) giv = g_strsplit ("An Bình Chi Dũng Hà Hải Hạnh Hùng Hương Khánh Lan Linh Long Mai Nam Nga "
                                  "Phúc Quân Sơn Tâm Thảo Trang Tú Vân Yến Đào Giang Hoa Huy Khoa", " ", -1);
  guint nf = g_strv_length (fam), nm = g_strv_length (mid), ng = g_strv_length (giv);
  Row *rows = g_new (Row, N_ROWS);

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint u = i % 300, k = i / 300;

      rows[i].name = g_strdup_printf ("%s %s %s", fam[k % nf], mid[(k / nf) % nm], giv[(k / (nf * nm)) % ng]);
      rows[i].unit = g_strdup_printf ("Phòng số %u", u + 1);
      rows[i].birth_year = 1960 + (int) (i % 40);
    }
  return rows;
}

/* the CPU time of a batch's reading of the register and of its rows */
static double
run (ThiduaRegister *reg, const Row *rows, gboolean replace, ThiduaRegisterBatch **out)
{
  static const char *titles[] = { "ldtt" };
  g_autoptr(GError) error = NULL;
  ThiduaRegisterBatch *batch;
  double c0 = cpu_ms (), c1;

  batch = thidua_register_batch_new (reg, "2024", replace, &error);
  if (batch == NULL)
    g_error ("%s", error->message);
  thidua_register_batch_reserve (batch, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    {
      ThiduaRegisterBatchRow row = { i + 2, FALSE, rows[i].name, "Chuyên viên", rows[i].unit,
                                     rows[i].birth_year, "", "", "", THIDUA_REG_STATUS_REGISTERED,
                                     THIDUA_REG_RESULT_PENDING, titles, 1 };
      char *reason = NULL;

      if (!thidua_register_batch_add (batch, &row, &reason))
        g_error ("row %u: %s", i, reason);
    }
  c1 = cpu_ms ();
  if (out != NULL)
    *out = batch;
  else
    thidua_register_batch_free (batch);
  return c1 - c0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (argc > 1 ? argv[1] : g_get_tmp_dir (), "batch-bench.db", NULL);
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaCatalog) catalog = NULL;
  g_autoptr(ThiduaRegister) reg = NULL;
  ThiduaRegisterBatch *batch = NULL;
  const char *runs_env = g_getenv ("RUNS");
  guint runs = runs_env ? MAX (1, atoi (runs_env)) : 5;
  Row *rows = make_rows ();
  double fresh = G_MAXDOUBLE, again = G_MAXDOUBLE;

  g_remove (path);
  if ((store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error)) == NULL
      || (catalog = thidua_catalog_new_default (&error)) == NULL)
    g_error ("%s", error->message);
  reg = thidua_register_new (store, catalog);

  /* not MIN (x, run ()): the macro would run it twice */
  for (guint r = 0; r < runs; r++)
    {
      double t = run (reg, rows, FALSE, NULL);
      fresh = MIN (fresh, t);
    }
  run (reg, rows, FALSE, &batch);
  if (thidua_register_batch_commit (batch, "bench", 0, NULL, NULL, &error) == 0)
    g_error ("%s", error->message);
  thidua_register_batch_free (batch);
  for (guint r = 0; r < runs; r++)
    {
      double t = run (reg, rows, TRUE, NULL);
      again = MIN (again, t);
    }

  printf ("batch_add_100k_new_cpu_ms\t%.1f\n", fresh);
  printf ("batch_add_100k_existing_cpu_ms\t%.1f\n", again);

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_free (rows[i].name);
      g_free (rows[i].unit);
    }
  g_free (rows);
  g_clear_object (&reg);
  g_clear_object (&store);
  g_remove (path);
  return 0;
}
