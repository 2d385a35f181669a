/* SPDX-License-Identifier: GPL-3.0-or-later */
/* register-edit-bench.c — issue 11: bulk result entry ("Đạt", decision
 * 25/QĐ-UBND) for 5,000 selected registrations, keeping the rows before
 * for undo, then the undo itself.  Goal: < 300 ms.  Prints name value. */
#include "config.h"

#include <stdio.h>
#include <time.h>
#include <glib/gstdio.h>

#include "thidua-catalog.h"
#include "thidua-register.h"
#include "thidua-register-batch.h"
#include "thidua-register-history.h"
#include "thidua-register-model.h"
#include "thidua-store.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (argc > 1 ? argv[1] : g_get_tmp_dir (), "edit-bench.db", NULL);
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(ThiduaCatalog) catalog = NULL;
  g_autoptr(ThiduaRegister) reg = NULL;
  g_autoptr(ThiduaRegisterBatch) batch = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  const char *titles[] = { "ldtt" };
  gint64 t0, t1, t2;
  clock_t c0, c1, c2;

  g_remove (path);
  if ((store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error)) == NULL
      || (catalog = thidua_catalog_new_default (&error)) == NULL)
    g_error ("%s", error->message);
  reg = thidua_register_new (store, catalog);
  batch = thidua_register_batch_new (reg, "2024", FALSE, &error);
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Nguyễn Văn %c%c%c", 'A' + i % 26, 'A' + i / 26 % 26, 'A' + i / 676);
      g_autofree char *unit = g_strdup_printf ("Phòng %u", i % 40);
      ThiduaRegisterBatchRow row = { i + 2, FALSE, name, "", unit, 1980, "", "", "",
                                     THIDUA_REG_STATUS_REGISTERED, THIDUA_REG_RESULT_PENDING, titles, 1 };
      char *reason = NULL;
      if (!thidua_register_batch_add (batch, &row, &reason))
        g_error ("%s", reason);
    }
  if (thidua_register_batch_commit (batch, "bench", 0, NULL, NULL, &error) == 0)
    g_error ("%s", error->message);
  q.year = "2024";
  rows = thidua_register_query (reg, &q, &error);
  for (guint i = 0; i < rows->len; i++)
    g_array_append_val (ids, ((ThiduaRegistration *) rows->pdata[i])->id);

  t0 = g_get_monotonic_time ();
  c0 = clock ();
  if (!thidua_register_set_results (reg, (gint64 *) ids->data, ids->len, THIDUA_REG_RESULT_ACHIEVED,
                                    "25/QĐ-UBND", &before, &error))
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  c1 = clock ();
  if (!thidua_register_update_many (reg, before, &error))
    g_error ("%s", error->message);
  t2 = g_get_monotonic_time ();
  c2 = clock ();
  printf ("bulk_results_%u_ms\t%.1f\n", ids->len, (t1 - t0) / 1000.0);
  printf ("bulk_results_undo_%u_ms\t%.1f\n", ids->len, (t2 - t1) / 1000.0);
  /* the VM is shared: CPU time says what the code costs */
  printf ("bulk_results_%u_cpu_ms\t%.1f\n", ids->len, (c1 - c0) * 1000.0 / CLOCKS_PER_SEC);
  printf ("bulk_results_undo_%u_cpu_ms\t%.1f\n", ids->len, (c2 - c1) * 1000.0 / CLOCKS_PER_SEC);

  /* the page's way: the step recorded in the register history, undone and
   * redone through it (one UPDATE per distinct result and decision) */
  {
    g_autoptr(ThiduaRegisterHistory) history = thidua_register_history_new (reg);
    g_autoptr(GPtrArray) old = NULL;
    gint64 h0, h1, h2, h3;

    h0 = g_get_monotonic_time ();
    if (!thidua_register_set_results (reg, (gint64 *) ids->data, ids->len, THIDUA_REG_RESULT_ACHIEVED,
                                      "25/QĐ-UBND", &old, &error))
      g_error ("%s", error->message);
    thidua_register_history_begin (history, "bench");
    for (guint i = 0; i < old->len; i++)
      {
        g_autoptr(ThiduaRegistration) after = thidua_registration_copy (old->pdata[i]);
        after->result = THIDUA_REG_RESULT_ACHIEVED;
        g_free (after->decision);
        after->decision = g_strdup ("25/QĐ-UBND");
        thidua_register_history_record (history, old->pdata[i], after);
      }
    thidua_register_history_commit (history);
    h1 = g_get_monotonic_time ();
    if (!thidua_register_history_undo (history, &error))
      g_error ("%s", error->message);
    h2 = g_get_monotonic_time ();
    if (!thidua_register_history_redo (history, &error))
      g_error ("%s", error->message);
    h3 = g_get_monotonic_time ();
    printf ("history_bulk_results_%u_ms\t%.1f\n", ids->len, (h1 - h0) / 1000.0);
    printf ("history_undo_%u_ms\t%.1f\n", ids->len, (h2 - h1) / 1000.0);
    printf ("history_redo_%u_ms\t%.1f\n", ids->len, (h3 - h2) / 1000.0);
  }
  /* the page's model: the 5,000 edited rows re-read and announced */
  {
    g_autoptr(ThiduaRegisterModel) model = thidua_register_model_new (reg);
    gint64 m0, m1, m2;
    clock_t k0, k1;

    m0 = g_get_monotonic_time ();
    if (!thidua_register_model_load (model, "2024", &error))
      g_error ("%s", error->message);
    m1 = g_get_monotonic_time ();
    k0 = clock ();
    if (!thidua_register_model_refresh_rows (model, (gint64 *) ids->data, ids->len, &error))
      g_error ("%s", error->message);
    k1 = clock ();
    m2 = g_get_monotonic_time ();
    printf ("model_load_%u_ms\t%.1f\n", ids->len, (m1 - m0) / 1000.0);
    printf ("model_refresh_%u_rows_ms\t%.1f\tcpu\t%.1f\n", ids->len, (m2 - m1) / 1000.0,
            (k1 - k0) * 1000.0 / CLOCKS_PER_SEC);
  }
  g_remove (path);
  return 0;
}
