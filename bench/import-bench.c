/* SPDX-License-Identifier: GPL-3.0-or-later */
/* import-bench.c — how long importing a 10-page plan takes (issue 5).
 *
 * The plan is the union seed (004) with the bodies of seeds 003 and 002
 * put before its closing: about 10 printed pages.  Each run reads the file,
 * decodes it, recognises the plan and stores it in a SQLite database — all
 * that `thidua-cli import-text` does after the process has started.
 *
 *   import-bench [--runs N] SEEDS_DIR
 * prints TAB-separated "name value" lines (milliseconds, medians).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "thidua-import.h"
#include "thidua-store.h"
#include "import-test-util.h"

static char *
read_seed (const char *dir, const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        char *text = NULL;

        g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
        return text;
      }
  g_error ("no seed %s in %s", prefix, dir);
}

/* The body of a seed: from its first Roman heading to its recipients. */
static char *
seed_body (const char *text)
{
  const char *start = strstr (text, "\nI. ");
  const char *end = strstr (text, "Nơi nh");

  g_assert_nonnull (start);
  if (end == NULL || end < start)
    end = text + strlen (text);
  return g_strndup (start + 1, end - start - 1);
}

static char *
ten_page_plan (const char *seeds)
{
  g_autofree char *s4 = read_seed (seeds, "004_");
  g_autofree char *s3 = read_seed (seeds, "003_");
  g_autofree char *s2 = read_seed (seeds, "002_");
  g_autofree char *b3 = seed_body (s3);
  g_autofree char *b2 = seed_body (s2);
  const char *closing = strstr (s4, "Nơi nhận:");

  g_assert_nonnull (closing);
  return g_strdup_printf ("TỔNG LĐLĐ VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                          "LĐLĐ TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\n"
                          "Số: 123/KH-LĐLĐ\t\n"
                          "%.*s\n%s\n%s\n%s",
                          (int) (closing - s4), s4, b3, b2, closing);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int argc, char *argv[])
{
  int runs = 50;
  g_autofree char *seeds_dir = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per variant (median reported)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("SEEDS_DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *plan_text = NULL;
  g_autoptr(ThiduaStore) store = NULL;
  static const char * const variants[] = { "utf-8", "nfd", "utf-16le-bom", "tcvn3", "vni", "cp1258" };
  gint64 t0;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("usage: import-bench [--runs N] SEEDS_DIR\n");
      return 2;
    }
  seeds_dir = g_strdup (argv[1]);
  plan_text = ten_page_plan (seeds_dir);
  dir = g_dir_make_tmp ("thidua-import-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "bench.db", NULL);

  t0 = g_get_monotonic_time ();
  store = thidua_store_open (db, THIDUA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_print ("plan_bytes\t%zu\n", strlen (plan_text));
  g_print ("store_open_ms\t%.2f\n", (g_get_monotonic_time () - t0) / 1000.0);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(GBytes) bytes = strcmp (variants[v], "utf-8") == 0
                                ? g_bytes_new (plan_text, strlen (plan_text))
                                : itest_encode (plan_text, variants[v]);
      g_autofree char *path = g_build_filename (dir, variants[v], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) recognise = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      g_assert_true (g_file_set_contents (path, data, len, NULL));
      for (int r = 0; r < runs; r++)
        {
          g_autoptr(ThiduaPlan) plan = NULL;
          g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
          gint64 start = g_get_monotonic_time (), mid;
          clock_t cpu_start = clock ();
          double ms;

          plan = thidua_import_file (file, THIDUA_ENCODING_AUTO, THIDUA_IMPORT_PROFILE_AUTO,
                                     NULL, warnings, NULL, &error);
          g_assert_no_error (error);
          mid = g_get_monotonic_time ();
          g_assert_cmpint (thidua_store_insert_plan (store, plan, &error), >, 0);
          g_assert_no_error (error);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (total, ms);
          /* CPU time: what the machine's other load does not inflate */
          ms = (clock () - cpu_start) * 1000.0 / CLOCKS_PER_SEC;
          g_array_append_val (cpu, ms);
          ms = (mid - start) / 1000.0;
          g_array_append_val (recognise, ms);
          /* every variant must give the same plan */
          g_assert_cmpstr (thidua_plan_get_symbol (plan), ==, "KH-LĐLĐ");
          g_assert_cmpstr (thidua_plan_get_signer_name (plan), ==, "Nguyễn Thị Thiện");
        }
      g_print ("import_%s_ms\t%.2f\n", variants[v], median (total));
      g_print ("import_%s_cpu_ms\t%.2f\n", variants[v], median (cpu));
      g_print ("decode_recognise_%s_ms\t%.2f\n", variants[v], median (recognise));
    }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_remove (p);
      }
    g_rmdir (dir);
  }
  return 0;
}
