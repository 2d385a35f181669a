/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-report.c — the printed tables read back with poppler:
 * landscape A4, the header row on every page with table rows, every
 * registration present once; the unit form in portrait. */
#include "config.h"

#include <poppler.h>
#include <string.h>

#include "register-test-util.h"
#include "thidua-report.h"

/* poppler-glib 22.12 has no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static guint
count_occurrences (const char *hay, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (hay, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* 12 units of 25 people; each LĐTT, every fifth also a reward, each unit
 * TTLĐTT; one withdrawn registration that must not print. */
static void
fill (RegFixture *f, guint n_units, guint per_unit)
{
  g_autoptr(GError) error = NULL;

  for (guint u = 0; u < n_units; u++)
    {
      g_autofree char *uname = g_strdup_printf ("Khoa Số %02u", u + 1);
      gint64 unit = thidua_register_add_unit (f->reg, 0, uname, "khoa", &error);

      g_assert_no_error (error);
      reg_add_full (f, "2024", 0, unit, "TTLĐTT", NULL, THIDUA_REG_RESULT_PENDING);
      for (guint i = 0; i < per_unit; i++)
        {
          g_autofree char *name = g_strdup_printf ("Nguyễn Thị Người%02ux%02u", u + 1, i + 1);
          gint64 p = reg_add_person (f, name, unit, 1970 + i);
          reg_add (f, "2024", p, "LĐTT");
          if (i % 5 == 0)
            reg_add (f, "2024", p, "Bằng khen của Chủ tịch UBND tỉnh");
        }
    }
  {
    gint64 unit = thidua_register_find_unit (f->reg, "Khoa Số 01");
    gint64 p = reg_add_person (f, "Trần Văn Rút", unit, 1990);
    g_autoptr(ThiduaRegistration) r = thidua_register_load (f->reg, reg_add (f, "2024", p, "LĐTT"), &error);
    r->status = THIDUA_REG_STATUS_WITHDRAWN;
    g_assert_true (thidua_register_update (f->reg, r, &error));
  }
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* The total row ("Cộng") and the signatures never start the last page
 * alone: for every length of the table, the page that prints "Cộng" also
 * prints the totals row before it (issue 11). */
static void
test_total_keeps_rows (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 unit = thidua_register_add_unit (f->reg, 0, "Phòng Tổng hợp", "phòng", &error);
  guint checked = 0, broke = 0;

  for (guint n = 1; n <= 48; n++)
    {
      g_autofree char *name = g_strdup_printf ("Lê Văn Số%02u", n);
      g_autofree char *path = g_build_filename (f->dir, "cong.pdf", NULL);
      g_autoptr(ThiduaReport) report = NULL;
      g_autoptr(PopplerDocument) doc = NULL;
      int pages;

      reg_add (f, "2024", reg_add_person (f, name, unit, 1980), "LĐTT");
      if (n < 8)
        continue;
      report = thidua_report_new_register (f->reg, "2024", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (thidua_report_write_pdf (report, path, &error));
      doc = open_pdf (path);
      pages = poppler_document_get_n_pages (doc);
      for (int i = 0; i < pages; i++)
        {
          g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
          g_autofree char *text = poppler_page_get_text (page);
          const char *cong = strstr (text, "Cộng");
          const char *row;

          if (cong == NULL)
            continue;
          /* the totals row of LĐTT comes along, and the signatures too */
          row = g_strrstr_len (text, cong - text, "Lao động tiên tiến");
          if (row == NULL)
            g_error ("%u people: “Cộng” starts page %d of %d alone:\n%s", n, i + 1, pages, text);
          g_assert_nonnull (strstr (cong, "THỦ TRƯỞNG ĐƠN VỊ"));
          if (i > 0 && strstr (text, "Lê Văn Số") == NULL)
            broke++;   /* the totals table itself went over */
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 41);
  /* the lengths tried include tables whose totals reach a page of their own */
  g_assert_cmpuint (broke, >, 0);
}

/* The office set in the database heads the year's summary, top left,
 * under its superior, and signs it (issue 11). */
static void
test_office_heads_summary (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "office.pdf", NULL);
  g_autoptr(ThiduaReport) report = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  ThiduaOffice office = { "Sở Y tế", "SYT", "UBND tỉnh Điện Biên", "Lò Văn Thắng" };
  gint64 unit = thidua_register_add_unit (f->reg, 0, "Phòng Tổ chức", "phòng", &error);

  reg_add (f, "2024", reg_add_person (f, "Lê Thị Hoa", unit, 1980), "LĐTT");
  g_assert_true (thidua_store_set_office (f->store, &office, &error));
  g_assert_no_error (error);
  report = thidua_report_new_register (f->reg, "2024", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thidua_plan_get_issuing_body (thidua_report_get_plan (report)), ==, "SỞ Y TẾ");
  g_assert_cmpstr (thidua_plan_get_superior_body (thidua_report_get_plan (report)), ==, "UBND TỈNH ĐIỆN BIÊN");
  g_assert_true (thidua_report_write_pdf (report, path, &error));
  doc = open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  /* top left, before the title */
  g_assert_nonnull (strstr (text, "SỞ Y TẾ"));
  g_assert_true (strstr (text, "SỞ Y TẾ") < strstr (text, "BẢNG TỔNG HỢP"));
  g_assert_nonnull (strstr (text, "UBND TỈNH ĐIỆN BIÊN"));
  g_assert_nonnull (strstr (text, "Lò Văn Thắng"));
}

static void
test_summary (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "tong-hop.pdf", NULL);
  g_autoptr(ThiduaReport) report = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  int n_pages;

  fill (f, 12, 25);
  report = thidua_report_new_register (f->reg, "2024", NULL, &error);
  g_assert_no_error (error);
  /* 12 collective + 300 LĐTT + 60 rewards; the withdrawn one is left out */
  g_assert_cmpuint (thidua_report_get_n_registrations (report), ==, 372);
  g_assert_true (thidua_report_write_pdf (report, path, &error));
  g_assert_no_error (error);

  doc = open_pdf (path);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages, ==, (int) thidua_layout_get_n_pages (thidua_report_get_layout (report)));
  g_assert_cmpint (n_pages, >, 3);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      /* landscape A4 */
      g_assert_cmpfloat_with_epsilon (w, 841.89, 1.0);
      g_assert_cmpfloat_with_epsilon (h, 595.28, 1.0);
      /* every page with people on it starts with the header row */
      if (strstr (text, "Người") != NULL)
        {
          g_assert_nonnull (strstr (text, "Họ và tên"));
          g_assert_nonnull (strstr (text, "Danh hiệu thi đua"));
          g_assert_nonnull (strstr (text, "Hình thức khen thưởng"));
          g_assert_nonnull (strstr (text, "Ghi chú"));
        }
      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }

  /* every person once, in Vietnamese NFC text */
  for (guint u = 0; u < 12; u++)
    for (guint i = 0; i < 25; i++)
      {
        g_autofree char *name = g_strdup_printf ("Nguyễn Thị Người%02ux%02u", u + 1, i + 1);
        if (count_occurrences (all->str, name) != 1)
          g_error ("%s appears %u times", name, count_occurrences (all->str, name));
      }
  g_assert_cmpuint (count_occurrences (all->str, "Trần Văn Rút"), ==, 0);
  g_assert_cmpuint (count_occurrences (all->str, "Tập thể Khoa Số 07"), ==, 1);
  g_assert_nonnull (strstr (all->str, "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2024"));
  g_assert_nonnull (strstr (all->str, "NGƯỜI LẬP BIỂU"));
  g_assert_nonnull (strstr (all->str, "THỦ TRƯỞNG ĐƠN VỊ"));
  g_assert_nonnull (strstr (all->str, "TỔNG HỢP THEO DANH HIỆU"));
  /* the totals: 300 LĐTT, 60 + 0 Bằng khen, 12 TTLĐTT */
  g_assert_nonnull (strstr (all->str, "300"));
  /* 60 rows (the cell may wrap, so only its start) and the totals line */
  g_assert_cmpuint (count_occurrences (all->str, "Bằng khen"), ==, 61);
}

static void
test_unit_form (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "don-vi.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *text = NULL;
  double w, h;

  fill (f, 3, 10);
  g_assert_true (thidua_report_write_register_pdf (f->reg, "2024", "khoa so 02", path, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      /* portrait A4 */
      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 595.28, 1.0);
      g_assert_cmpfloat_with_epsilon (h, 841.89, 1.0);
      g_string_append (all, page_text);
    }
  text = g_string_free (g_steal_pointer (&all), FALSE);
  g_assert_nonnull (strstr (text, "BẢN ĐĂNG KÝ THI ĐUA NĂM 2024"));
  /* the unit as registered, not as typed */
  g_assert_nonnull (strstr (text, "Đơn vị: Khoa Số 02"));
  g_assert_nonnull (strstr (text, "KHOA SỐ 02"));
  g_assert_nonnull (strstr (text, "Tập thể Khoa Số 02"));
  g_assert_nonnull (strstr (text, "Người02x10"));
  g_assert_null (strstr (text, "Người01x"));
  g_assert_nonnull (strstr (text, "THỦ TRƯỞNG ĐƠN VỊ"));
  g_assert_null (strstr (text, "NGƯỜI LẬP BIỂU"));

  g_assert_false (thidua_report_write_register_pdf (f->reg, "2024", "Khoa không có", path, &error));
  g_assert_nonnull (strstr (error->message, "Khoa không có"));
}

static void
test_header_from_plan (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaPlan) plan = thidua_plan_new ();
  g_autofree char *path = g_build_filename (f->dir, "party.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  thidua_plan_set_profile (plan, THIDUA_PROFILE_PARTY);
  thidua_plan_set_superior_body (plan, "Tỉnh ủy Lai Châu");
  thidua_plan_set_issuing_body (plan, "Trường Chính trị");
  thidua_plan_set_place (plan, "Lai Châu");
  id = thidua_store_insert_plan (f->store, plan, &error);
  g_assert_no_error (error);
  fill (f, 1, 3);
  g_assert_true (thidua_register_set_year_plan (f->reg, "2024", id, &error));
  g_assert_true (thidua_report_write_register_pdf (f->reg, "2024", NULL, path, &error));
  g_assert_no_error (error);
  doc = open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  g_assert_nonnull (strstr (text, "TỈNH ỦY LAI CHÂU"));
  g_assert_nonnull (strstr (text, "TRƯỜNG CHÍNH TRỊ"));
  g_assert_nonnull (strstr (text, "ĐẢNG CỘNG SẢN VIỆT NAM"));
  g_assert_null (strstr (text, "Độc lập"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, RegFixture, NULL, reg_fixture_set_up, func, reg_fixture_tear_down)
  ADD ("/register/report/total-keeps-rows", test_total_keeps_rows);
  ADD ("/register/report/office-heads-summary", test_office_heads_summary);
  ADD ("/register/report/summary-landscape", test_summary);
  ADD ("/register/report/unit-form-portrait", test_unit_form);
  ADD ("/register/report/header-from-plan", test_header_from_plan);
  return g_test_run ();
}
