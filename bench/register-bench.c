/* SPDX-License-Identifier: GPL-3.0-or-later */
/* register-bench.c — issue 6: 100,000 registrations across 300 units.
 *
 *   register-bench WORKDIR
 *
 * Generates the register as CSV and XLSX (libxlsxwriter), then times, in
 * process: CSV import, XLSX import, `check`, queries (all, by name with
 * Vietnamese order, folded search) and the 5,000-row summary report to
 * PDF.  Prints NAME<TAB>VALUE lines; numbers go in bench/README-register.md. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

#include "thidua-catalog.h"
#include "thidua-csv.h"
#include "thidua-register.h"
#include "thidua-register-check.h"
#include "thidua-register-import.h"
#include "thidua-register-model.h"
#include "thidua-register-table.h"
#include "thidua-report.h"
#include "thidua-xlsx.h"

static const char * const families[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
  "Hồ", "Ngô", "Dương", "Lý", "Lò", "Đinh", "Mai", "Hà", "Tạ", "Lương",
};
static const char * const middles[] = {
  "Văn", "Thị", "Thị Thu", "Minh", "Đức", "Quang", "Thanh", "Ngọc", "Hữu", "Xuân", "Hoàng",
  "Thị Kim", "Công", "Thị Ánh", "Bá",
};
static const char * const givens[] = {
  "An", "Anh", "Ánh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng",
  "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngân", "Nhung", "Phong", "Phúc",
  "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến", "Ước", "Ơn",
};
static const char * const kinds[] = { "Khoa", "Phòng", "Tổ", "Trường Tiểu học", "Trường THCS" };
static const char * const places[] = {
  "Lý luận cơ sở", "Xây dựng Đảng", "Nhà nước và pháp luật", "Đào tạo", "Tổ chức, hành chính",
  "Him Lam", "Mường Thanh", "Điện Biên Phủ", "Tân Uyên", "Sìn Hồ",
};

/* rows of the form, until n registrations: title column, reward column */
static ThiduaTable *
generate (guint n_units, guint n_registrations, guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ThiduaTable *t = thidua_table_new ();
  const char *header[] = { "STT", "Họ và tên", "Chức vụ", "Đơn vị", "Loại", "Danh hiệu thi đua",
                           "Hình thức khen thưởng", "Năm sinh", "Sáng kiến", "Ghi chú", NULL };
  guint count = 0, row = 1, person = 0;

  thidua_table_take_row (t, row++, g_strdupv ((char **) header));
  for (guint u = 0; u < n_units && count < n_registrations; u++)
    {
      char **cells = g_new0 (char *, 11);
      cells[0] = g_strdup_printf ("%u", row - 1);
      cells[1] = g_strdup_printf ("%s %s %u", kinds[u % G_N_ELEMENTS (kinds)],
                                  places[(u / G_N_ELEMENTS (kinds)) % G_N_ELEMENTS (places)], u + 1);
      cells[2] = g_strdup ("");
      cells[3] = g_strdup ("");
      cells[4] = g_strdup ("Tập thể");
      cells[5] = g_strdup (u % 3 ? "Tập thể lao động tiên tiến" : "TTLĐXS");
      for (guint k = 6; k < 10; k++)
        cells[k] = g_strdup ("");
      thidua_table_take_row (t, row++, cells);
      count++;
    }
  while (count < n_registrations)
    {
      char **cells = g_new0 (char *, 11);
      guint u = g_rand_int_range (rand, 0, n_units);
      int r = g_rand_int_range (rand, 0, 100);
      gboolean cs = r < 12, reward = r >= 70;

      cells[0] = g_strdup_printf ("%u", row - 1);
      cells[1] = g_strdup_printf ("%s %s %s", families[g_rand_int_range (rand, 0, G_N_ELEMENTS (families))],
                                  middles[g_rand_int_range (rand, 0, G_N_ELEMENTS (middles))],
                                  givens[g_rand_int_range (rand, 0, G_N_ELEMENTS (givens))]);
      cells[2] = g_strdup (person % 10 ? "Giảng viên" : "Trưởng khoa");
      cells[3] = g_strdup_printf ("%s %s %u", kinds[u % G_N_ELEMENTS (kinds)],
                                  places[(u / G_N_ELEMENTS (kinds)) % G_N_ELEMENTS (places)], u + 1);
      cells[4] = g_strdup ("Cá nhân");
      cells[5] = g_strdup (cs ? "LĐTT; CSTĐCS" : r < 90 ? "Lao động tiên tiến" : "HTXSNV");
      cells[6] = g_strdup (reward ? "Giấy khen của Hiệu trưởng" : "");
      cells[7] = g_strdup_printf ("%d", 1960 + (int) (person % 40));
      cells[8] = g_strdup (cs ? "Đổi mới phương pháp giảng dạy" : "");
      cells[9] = g_strdup ("");
      thidua_table_take_row (t, row++, cells);
      count += (cs ? 2 : 1) + (reward ? 1 : 0);
      person++;
    }
  return t;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static ThiduaRegister *
fresh_register (const char *dir, const char *name, ThiduaCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(ThiduaStore) store = NULL;

  g_remove (path);
  store = thidua_store_open (path, THIDUA_STORE_OPEN_NO_SEED, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  return thidua_register_new (store, catalog);
}

static void
time_import (ThiduaRegister *reg, const char *path, const char *year, const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (reg, year);
  double t0 = now_ms (), t1, t2;

  if (!thidua_register_import_prepare_file (import, path, &error))
    g_error ("%s", error->message);
  t1 = now_ms ();
  if (thidua_register_import_commit (import, NULL, NULL, &error) == 0)
    g_error ("%s", error->message);
  t2 = now_ms ();
  printf ("%s_rows_accepted\t%u\n", label, thidua_register_import_get_n_accepted (import));
  printf ("%s_rows_rejected\t%u\n", label, thidua_register_import_get_rejections (import)->len);
  printf ("%s_registrations\t%u\n", label, thidua_register_import_get_n_registrations (import));
  printf ("%s_read_and_map_ms\t%.0f\n", label, t1 - t0);
  printf ("%s_commit_ms\t%.0f\n", label, t2 - t1);
  printf ("%s_total_ms\t%.0f\n", label, t2 - t0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaCatalog) catalog = NULL;
  g_autoptr(ThiduaTable) table = NULL;
  g_autoptr(ThiduaTable) small = NULL;
  g_autoptr(ThiduaRegister) a = NULL;
  g_autoptr(ThiduaRegister) b = NULL;
  g_autofree char *csv = NULL, *xlsx = NULL, *small_csv = NULL, *pdf = NULL;
  double t0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: register-bench WORKDIR\n");
      return 2;
    }
  csv = g_build_filename (argv[1], "register-100k.csv", NULL);
  xlsx = g_build_filename (argv[1], "register-100k.xlsx", NULL);
  small_csv = g_build_filename (argv[1], "register-5k.csv", NULL);
  pdf = g_build_filename (argv[1], "register-5k.pdf", NULL);
  if ((catalog = thidua_catalog_new_default (&error)) == NULL)
    g_error ("%s", error->message);

  table = generate (300, 100000, 42);
  if (!thidua_csv_write (csv, table, &error) || !thidua_xlsx_write (xlsx, "Đăng ký", table, &error))
    g_error ("%s", error->message);
  small = generate (30, 5000, 7);
  if (!thidua_csv_write (small_csv, small, &error))
    g_error ("%s", error->message);

  a = fresh_register (argv[1], "bench-csv.db", catalog);
  time_import (a, csv, "2024", "csv_import");
  b = fresh_register (argv[1], "bench-xlsx.db", catalog);
  time_import (b, xlsx, "2024", "xlsx_import");

  /* check, median of 5 */
  {
    double times[5];
    guint n = 0;
    for (guint i = 0; i < 5; i++)
      {
        g_autoptr(GPtrArray) findings = NULL;
        t0 = now_ms ();
        findings = thidua_register_check (a, "2024", 0, &error);
        times[i] = now_ms () - t0;
        if (findings == NULL)
          g_error ("%s", error->message);
        n = findings->len;
      }
    for (guint i = 0; i < 5; i++)
      for (guint j = i + 1; j < 5; j++)
        if (times[j] < times[i])
          { double x = times[i]; times[i] = times[j]; times[j] = x; }
    printf ("check_findings\t%u\n", n);
    printf ("check_ms_median5\t%.0f\n", times[2]);
  }

  /* queries the view and `register list` make */
  {
    ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    q.year = "2024";
    t0 = now_ms ();
    rows = thidua_register_query (a, &q, &error);
    printf ("query_all_by_unit_rows\t%u\n", rows->len);
    printf ("query_all_by_unit_ms\t%.0f\n", now_ms () - t0);
    g_clear_pointer (&rows, g_ptr_array_unref);
    q.sort = THIDUA_REG_SORT_NAME;
    t0 = now_ms ();
    rows = thidua_register_query (a, &q, &error);
    printf ("query_all_by_given_name_ms\t%.0f\n", now_ms () - t0);
    g_clear_pointer (&rows, g_ptr_array_unref);
    q.search = "nguyen thi anh";
    t0 = now_ms ();
    rows = thidua_register_query (a, &q, &error);
    printf ("query_search_rows\t%u\n", rows->len);
    printf ("query_search_ms\t%.0f\n", now_ms () - t0);
  }

  /* the view's model: load once, then filter as the user types and sort */
  {
    g_autoptr(ThiduaRegisterModel) m = thidua_register_model_new (a);
    const char *typed = "nguyen thi anh";
    double worst = 0, total = 0;
    guint n = 0;

    for (int run = 0; run < 3; run++)
      {
        /* a new model each time: the first read also warms SQLite's cache */
        g_autoptr(ThiduaRegisterModel) fresh = thidua_register_model_new (a);
        clock_t c0 = clock ();

        t0 = now_ms ();
        if (!thidua_register_model_load (fresh, "2024", &error))
          g_error ("%s", error->message);
        printf ("model_load_ms\t%.0f\tcpu\t%.0f\n", now_ms () - t0, (clock () - c0) * 1000.0 / CLOCKS_PER_SEC);
      }
    if (!thidua_register_model_load (m, "2024", &error))
      g_error ("%s", error->message);
    for (gsize len = 1; len <= strlen (typed); len++)
      {
        g_autofree char *prefix = g_strndup (typed, len);
        double t = now_ms (), d;
        thidua_register_model_set_search (m, prefix);
        d = now_ms () - t;
        worst = MAX (worst, d);
        total += d;
        n++;
      }
    printf ("model_filter_keystroke_ms_mean\t%.1f\n", total / n);
    printf ("model_filter_keystroke_ms_worst\t%.1f\n", worst);
    printf ("model_filter_rows\t%u\n", g_list_model_get_n_items (G_LIST_MODEL (m)));
    thidua_register_model_set_search (m, "");
    t0 = now_ms ();
    thidua_register_model_set_sort (m, THIDUA_REG_SORT_NAME);
    printf ("model_sort_by_given_name_ms\t%.0f\n", now_ms () - t0);
  }

  /* the 5,000-row summary to PDF, in its own year */
  time_import (a, small_csv, "2023", "small_import");
  {
    g_autoptr(ThiduaReport) report = NULL;
    double t1;
    t0 = now_ms ();
    report = thidua_report_new_register (a, "2023", NULL, &error);
    if (report == NULL)
      g_error ("%s", error->message);
    t1 = now_ms ();
    if (!thidua_report_write_pdf (report, pdf, &error))
      g_error ("%s", error->message);
    printf ("report_registrations\t%u\n", thidua_report_get_n_registrations (report));
    printf ("report_pages\t%u\n", thidua_layout_get_n_pages (thidua_report_get_layout (report)));
    printf ("report_compose_ms\t%.0f\n", t1 - t0);
    printf ("report_pdf_ms\t%.0f\n", now_ms () - t1);
    printf ("report_total_ms\t%.0f\n", now_ms () - t0);
  }
  return 0;
}
