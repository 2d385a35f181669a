/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-store.c — the plan list of issue 2: a database of N plans
 * (default 2,000) and the folded search over it, in process.
 *
 *   bench-store DB [N]    fills DB (when new) and prints TAB-separated
 *                         "name value" lines in milliseconds (median of 25).
 */
#include "config.h"
#include "thidua-store.h"

#include <stdio.h>
#include <stdlib.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median_ms (ThiduaStore *store, const char *search, guint *n_found)
{
  double t[25];

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) found = thidua_store_list_plans (store, search, NULL);
      t[i] = (g_get_monotonic_time () - start) / 1000.0;
      *n_found = found->len;
    }
  qsort (t, G_N_ELEMENTS (t), sizeof (double), compare_doubles);
  return t[G_N_ELEMENTS (t) / 2];
}

static gboolean
fill (ThiduaStore *store, gpointer data, GError **error)
{
  guint n = GPOINTER_TO_UINT (data);
  const char *templates[] = { "covid-party-school", "annual-party-school", "education-office",
                              "labour-federation" };
  const char *topics[] = { "phòng, chống dịch Covid-19", "chuyển đổi số", "cải cách hành chính",
                           "xây dựng nông thôn mới", "dạy tốt, học tốt", "đoàn kết, sáng tạo" };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ThiduaPlan) plan = thidua_store_plan_from_template (store, templates[i % 4], error);
      g_autofree char *subject = NULL;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      if (plan == NULL)
        return FALSE;
      subject = g_strdup_printf ("Phát động phong trào thi đua “%s” năm %u, đợt %u",
                                 topics[i % G_N_ELEMENTS (topics)], 2015 + i % 10, i);
      thidua_plan_set_subject (plan, subject);
      thidua_plan_set_number (plan, number);
      thidua_plan_set_date (plan, 1 + i % 28, 1 + i % 12, 2015 + i % 10);
      if (thidua_store_insert_plan (store, plan, error) == 0)
        return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 2000;
  guint found = 0;
  double ms;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-store DB [N]\n");
      return 2;
    }
  store = thidua_store_open (argv[1], 0, &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  all = thidua_store_list_plans (store, NULL, &error);
  if (all->len < n)
    {
      gint64 start = g_get_monotonic_time ();
      if (!thidua_store_transaction (store, fill, GUINT_TO_POINTER (n - all->len), &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("fill_%u_plans_ms\t%.1f\n", n - all->len, (g_get_monotonic_time () - start) / 1000.0);
    }

  ms = median_ms (store, NULL, &found);
  printf ("list_all_ms\t%.2f\t(%u plans)\n", ms, found);
  ms = median_ms (store, "chuyen doi so", &found);
  printf ("search_3_words_ms\t%.2f\t(%u found)\n", ms, found);
  ms = median_ms (store, "DONG", &found);
  printf ("search_one_word_ms\t%.2f\t(%u found)\n", ms, found);
  return 0;
}
