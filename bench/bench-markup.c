/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-markup.c — the body parser and Vietnamese text functions of
 * issue 2 on seed text.
 *
 *   bench-markup [SEEDS_DIR]   prints TAB-separated "name value" lines;
 *                              times in milliseconds, medians.
 *
 * A printed page of plan body holds about 3 kB of Vietnamese; the
 * "10 pages" body is the five seeds repeated up to 30 kB.
 */
#include "config.h"
#include "thidua-markup.h"
#include "thidua-text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *t, guint n)
{
  qsort (t, n, sizeof (double), compare_doubles);
  return t[n / 2];
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GString *
seed_text (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *all = g_string_new (NULL);
  const char *name;

  if (d == NULL)
    g_error ("cannot open %s", dir);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL))
        {
          g_string_append (all, contents);
          g_string_append (all, "\n\n");
        }
    }
  return all;
}

/* unit repeated, cut at the last line break before size */
static char *
repeat_to (const GString *unit, gsize size)
{
  GString *out = g_string_sized_new (size + unit->len);
  const char *nl;

  while (out->len < size)
    g_string_append_len (out, unit->str, unit->len);
  g_string_truncate (out, size);
  nl = strrchr (out->str, '\n');
  if (nl != NULL)
    g_string_truncate (out, nl - out->str + 1);
  return g_string_free (out, FALSE);
}

static double
time_parse (const char *text, guint runs, guint *n_blocks)
{
  double *t = g_new (double, runs);
  double m;

  for (guint i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      ThiduaBody *body = thidua_body_parse (text);

      t[i] = (g_get_monotonic_time () - start) / 1000.0;
      *n_blocks = thidua_body_n_blocks (body);
      thidua_body_unref (body);
    }
  m = median (t, runs);
  g_free (t);
  return m;
}

int
main (int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : THIDUA_BENCH_SEEDS;
  g_autoptr(GString) seeds = seed_text (dir);
  g_autofree char *pages10 = repeat_to (seeds, 30 * 1024);
  g_autofree char *mb10 = repeat_to (seeds, 10 * 1024 * 1024);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô" };
  const char *middle[] = { "Văn", "Thị", "Minh", "Đức", "Thu", "Hữu", "Ngọc" };
  const char *given[] = { "An", "Ân", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hòa", "Hoà", "Thiện",
                          "Tăng", "Ánh", "Ưng", "Yến", "Ơn", "Ấn", "Lan", "Mai" };
  double t[11];
  guint n_blocks = 0;

  printf ("markup_parse_10_pages_bytes\t%zu\n", strlen (pages10));
  printf ("markup_parse_10_pages_ms\t%.3f\n", time_parse (pages10, 201, &n_blocks));
  printf ("markup_parse_10_pages_blocks\t%u\n", n_blocks);
  printf ("markup_parse_10_mb_ms\t%.1f\n", time_parse (mb10, 5, &n_blocks));
  printf ("markup_parse_10_mb_blocks\t%u\n", n_blocks);
  {
    /* the same body typed decomposed (Unikey "Unicode tổ hợp"): every
     * block goes through normalisation */
    g_autofree char *nfd = g_utf8_normalize (mb10, -1, G_NORMALIZE_NFD);

    printf ("markup_parse_10_mb_decomposed_ms\t%.1f\n", time_parse (nfd, 3, &n_blocks));
  }

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_free (thidua_text_nfc (mb10, -1));
      t[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (i == 4)
        break;
    }
  printf ("text_nfc_10_mb_ms\t%.1f\n", median (t, 5));

  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (names, g_strdup_printf ("%s %s %s",
                                             family[i % G_N_ELEMENTS (family)],
                                             middle[(i / 3) % G_N_ELEMENTS (middle)],
                                             given[(i * 7) % G_N_ELEMENTS (given)]));
  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      for (guint k = 0; k < names->len; k++)
        g_ptr_array_add (keys, thidua_text_person_sort_key (names->pdata[k]));
      g_ptr_array_sort (keys, compare_keys);
      t[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  printf ("text_person_keys_2000_ms\t%.3f\n", median (t, G_N_ELEMENTS (t)));
  return 0;
}
