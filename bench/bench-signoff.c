/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-signoff.c — sign-off (issue 12): fills a database with N issued
 * plans (default 10,000) and M complete drafts ready to issue, prints
 * their ids and one code, and times verify in process.
 *
 *   bench-signoff DB [N] [M]   prints "name value" lines; the ids of M
 *                              drafts left for the CLI on a line
 *                              "drafts ID ID …" and "code CODE".  Another M
 *                              drafts are issued in process (with the
 *                              renderer's completeness check) and timed.
 */
#include "config.h"
#include "thidua-lifecycle.h"
#include "thidua-canonical.h"
#include "thidua-stamp.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
  guint   n_issued;
  guint   n_drafts;
  GArray *drafts;
  char   *code;
} Fill;

static gint64
add_plan (ThiduaStore *store, ThiduaPlan *base, guint i, GError **error)
{
  g_autoptr(ThiduaPlan) plan = thidua_plan_copy (base);
  g_autofree char *subject = g_strdup_printf ("Kế hoạch thi đua số %u", i);

  thidua_plan_set_subject (plan, subject);
  return thidua_store_insert_plan (store, plan, error);
}

static gboolean
fill (ThiduaStore *store, gpointer data, GError **error)
{
  Fill *f = data;
  g_autoptr(ThiduaPlan) base = thidua_store_plan_from_template (store, "education-office", error);

  if (base == NULL)
    return FALSE;
  thidua_plan_set_signer_name (base, "Nguyễn Văn An");
  for (guint i = 0; i < f->n_issued; i++)
    {
      /* Ten bodies, spread over the years, so the register has series. */
      g_autofree char *body = g_strdup_printf ("PHÒNG GIÁO DỤC SỐ %u", i % 10);
      g_auto(ThiduaIssueResult) r = { 0 };
      ThiduaIssueRequest req = { 0, 1 + i % 28, 1 + (i / 28) % 12, 2000 + i % 25, "Văn thư", NULL, NULL };
      gint64 id;

      thidua_plan_set_issuing_body (base, body);
      if ((id = add_plan (store, base, i, error)) == 0
          || !thidua_lifecycle_issue (store, id, &req, &r, error))
        return FALSE;
      if (i == f->n_issued / 2)
        f->code = g_strdup (r.code);
    }
  thidua_plan_set_issuing_body (base, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO");
  for (guint i = 0; i < 2 * f->n_drafts; i++)
    {
      gint64 id = add_plan (store, base, f->n_issued + i, error);

      if (id == 0)
        return FALSE;
      g_array_append_val (f->drafts, id);
    }
  return TRUE;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  Fill f = { 10000, 21, g_array_new (FALSE, FALSE, sizeof (gint64)), NULL };
  double t[25];
  gint64 start;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-signoff DB [N] [M]\n");
      return 2;
    }
  if (argc > 2)
    f.n_issued = (guint) atoi (argv[2]);
  if (argc > 3)
    f.n_drafts = (guint) atoi (argv[3]);
  store = thidua_store_open (argv[1], 0, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!thidua_store_transaction (store, fill, &f, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("fill_%u_issued_s\t%.1f\n", f.n_issued, (g_get_monotonic_time () - start) / 1e6);

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_autoptr(ThiduaOutgoingEntry) e = NULL;

      start = g_get_monotonic_time ();
      e = thidua_lifecycle_verify (store, f.code, NULL);
      t[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (e != NULL);
    }
  qsort (t, G_N_ELEMENTS (t), sizeof (double), compare_doubles);
  printf ("verify_in_process_ms\t%.3f\n", t[G_N_ELEMENTS (t) / 2]);

  {
    g_autofree double *ti = g_new (double, f.n_drafts);

    for (guint i = 0; i < f.n_drafts; i++)
      {
        g_auto(ThiduaIssueResult) r = { 0 };
        ThiduaIssueRequest req = { 0, 6, 12, 2026, "Văn thư", thidua_issue_check_plan, NULL };

        start = g_get_monotonic_time ();
        if (!thidua_lifecycle_issue (store, g_array_index (f.drafts, gint64, f.n_drafts + i),
                                     &req, &r, &error))
          {
            fprintf (stderr, "%s\n", error->message);
            return 1;
          }
        ti[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    qsort (ti, f.n_drafts, sizeof (double), compare_doubles);
    if (f.n_drafts > 0)
      printf ("issue_in_process_ms\t%.3f\n", ti[f.n_drafts / 2]);
  }
  printf ("code\t%s\ndrafts", f.code);
  for (guint i = 0; i < f.n_drafts; i++)
    printf (" %" G_GINT64_FORMAT, g_array_index (f.drafts, gint64, i));
  printf ("\n");
  g_free (f.code);
  g_array_unref (f.drafts);
  return 0;
}
