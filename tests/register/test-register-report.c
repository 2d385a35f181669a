/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-report.c — the printed tables read back with poppler:
 * landscape A4, the header row on every page with table rows, every
 * registration present once; the unit form in portrait. */
#include "config.h"

#include <glib/gstdio.h>
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

/* An office's layout in force from 5 August 2025 (the date of Thông tư
 * 15/2025/TT-BNV; its forms could not be read, so the columns here are a
 * test's): 2024 prints with the shipped layout, 2026 with the office's; a
 * column naming an unknown field is refused, naming the file and field. */
static const char *office_forms =
  "{\"forms\": [{\"id\": \"mau-thu\", \"from\": \"2025-08-05\", \"verification\": \"practice\","
  " \"summary\": {\"title\": \"BẢNG TỔNG HỢP ĐĂNG KÝ (MẪU THỬ)\","
  "  \"columns\": [{\"field\": \"number\", \"heading\": \"Số TT\", \"weight\": 4, \"align\": \"center\"},"
  "   {\"field\": \"name\", \"heading\": \"Họ và tên cá nhân\", \"weight\": 20},"
  "   {\"field\": \"position_unit\", \"heading\": \"Chức vụ, nơi công tác\", \"weight\": 20},"
  "   {\"field\": \"titles\", \"heading\": \"Danh hiệu đăng ký\", \"weight\": 20}],"
  "  \"totals_heading\": \"SỐ LIỆU TỔNG HỢP\","
  "  \"totals_columns\": [{\"field\": \"title\", \"heading\": \"Danh hiệu\", \"weight\": 10},"
  "   {\"field\": \"people\", \"heading\": \"Số cá nhân\", \"weight\": 3, \"align\": \"right\"}],"
  "  \"signatures\": [\"Thủ trưởng cơ quan\"]},"
  " \"unit\": {\"title\": \"PHIẾU ĐĂNG KÝ\", \"people_heading\": \"Cá nhân\", \"units_heading\": \"Tập thể\","
  "  \"people_columns\": [{\"field\": \"name\", \"heading\": \"Họ và tên\", \"weight\": 1}],"
  "  \"unit_columns\": [{\"field\": \"name\", \"heading\": \"Tên tập thể\", \"weight\": 1}],"
  "  \"signatures\": [\"Thủ trưởng đơn vị\"]}}]}";

static char *
report_text (RegFixture *f, const char *year, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(ThiduaReport) report = thidua_report_new_register (f->reg, year, NULL, &error);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;

  g_assert_no_error (error);
  g_assert_true (thidua_report_write_pdf (report, path, &error));
  doc = open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  return poppler_page_get_text (page);
}

static void
test_forms_by_date (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "thidua", NULL);
  g_autofree char *forms = g_build_filename (dir, "register-forms.json", NULL);
  gint64 unit = thidua_register_add_unit (f->reg, 0, "Phòng Tổ chức", "phòng", &error);
  gint64 p = reg_add_person (f, "Lê Thị Hoa", unit, 1980);
  g_autofree char *t2024 = NULL, *t2026 = NULL;

  reg_add (f, "2024", p, "LĐTT");
  reg_add (f, "2026", p, "LĐTT");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (forms, office_forms, -1, &error));

  t2024 = report_text (f, "2024", "forms-2024.pdf");
  t2026 = report_text (f, "2026", "forms-2026.pdf");
  /* 2024: the shipped layout */
  g_assert_nonnull (strstr (t2024, "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2024"));
  g_assert_nonnull (strstr (t2024, "Hình thức khen thưởng"));
  g_assert_nonnull (strstr (t2024, "NGƯỜI LẬP BIỂU"));
  g_assert_null (strstr (t2024, "Họ và tên cá nhân"));
  /* 2026: the office's, with its one signature */
  g_assert_nonnull (strstr (t2026, "BẢNG TỔNG HỢP ĐĂNG KÝ (MẪU THỬ) NĂM 2026"));
  g_assert_nonnull (strstr (t2026, "Họ và tên cá nhân"));
  g_assert_nonnull (strstr (t2026, "Phòng Tổ chức"));
  g_assert_nonnull (strstr (t2026, "SỐ LIỆU TỔNG HỢP"));
  g_assert_nonnull (strstr (t2026, "THỦ TRƯỞNG CƠ QUAN"));
  g_assert_null (strstr (t2026, "NGƯỜI LẬP BIỂU"));
  g_assert_null (strstr (t2026, "Hình thức khen thưởng"));

  /* a field the table does not have */
  {
    g_autofree char *bad = g_strdup (office_forms);
    g_autoptr(ThiduaReport) report = NULL;
    char *at = strstr (bad, "\"field\": \"titles\"");
    memcpy (at, "\"field\": \"hobbys\"", strlen ("\"field\": \"hobbys\""));
    g_assert_true (g_file_set_contents (forms, bad, -1, &error));
    report = thidua_report_new_register (f->reg, "2026", NULL, &error);
    g_assert_null (report);
    g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "hobbys"));
    g_assert_nonnull (strstr (error->message, "register-forms.json"));
    g_assert_nonnull (strstr (error->message, "mau-thu"));
  }
  g_assert_cmpint (g_unlink (forms), ==, 0);
}

int
main (int argc, char **argv)
{
  /* the office's files go to a directory of this run, never the user's */
  g_autofree char *config = g_dir_make_tmp ("thidua-report-config-XXXXXX", NULL);
  int status;

  g_assert_nonnull (config);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, RegFixture, NULL, reg_fixture_set_up, func, reg_fixture_tear_down)
  ADD ("/register/report/total-keeps-rows", test_total_keeps_rows);
  ADD ("/register/report/office-heads-summary", test_office_heads_summary);
  ADD ("/register/report/summary-landscape", test_summary);
  ADD ("/register/report/unit-form-portrait", test_unit_form);
  ADD ("/register/report/header-from-plan", test_header_from_plan);
  ADD ("/register/report/forms-by-date", test_forms_by_date);
  status = g_test_run ();
  {
    g_autofree char *thidua = g_build_filename (config, "thidua", NULL);
    g_rmdir (thidua);
    g_rmdir (config);
  }
  return status;
}
