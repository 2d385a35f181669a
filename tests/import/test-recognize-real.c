/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-recognize-real.c — plans as they really come: flattened headers,
 * bodies broken over lines, a site's preamble, one-line text, the Youth
 * Union, closing blocks from PDFs.  Every fixture is written here or in
 * tests/fixtures/import-corpus (written for this project, with the fields
 * each must import with). */
#include <json-glib/json-glib.h>
#include <string.h>

#include "thidua-import.h"
#include "thidua-import-html.h"

static const char *NAT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
static const char *MOTTO = "Độc lập - Tự do - Hạnh phúc";
static const char *BODY = "Căn cứ Luật Thi đua, khen thưởng năm 2022;\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
                          "Thi đua tốt.\n\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện./.\n\n";
static const char *CLOSING = "Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n"
                             "CHỦ TỊCH\n\n\nLê Văn Lương\n";

typedef struct {
  ThiduaPlan *plan;
  GPtrArray  *warnings;
  GPtrArray  *skipped;
} Result;

static void
result_clear (Result *r)
{
  g_clear_object (&r->plan);
  g_clear_pointer (&r->warnings, g_ptr_array_unref);
  g_clear_pointer (&r->skipped, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
recognize_flags (Result *r, const char *text, ThiduaImportFlags flags)
{
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  r->skipped = g_ptr_array_new_with_free_func (g_free);
  r->plan = thidua_import_text_full (text, -1, THIDUA_IMPORT_PROFILE_AUTO, flags, r->warnings,
                                     r->skipped);
  g_assert_nonnull (r->plan);
  for (guint i = 0; i < r->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (r->warnings, i));
}

static void
recognize (Result *r, const char *text)
{
  recognize_flags (r, text, 0);
}

/* header + the title + BODY + closing */
static char *
plan_text (const char *header, const char *title, const char *closing)
{
  return g_strconcat (header, "\n\n", title, "\n\n", BODY, closing != NULL ? closing : CLOSING, NULL);
}

static void
assert_header (Result *r, const char *superior, const char *issuing, const char *number,
               const char *symbol, const char *place, guint d, guint m, guint y)
{
  g_assert_cmpstr (thidua_plan_get_superior_body (r->plan), ==, superior);
  g_assert_cmpstr (thidua_plan_get_issuing_body (r->plan), ==, issuing);
  g_assert_cmpstr (thidua_plan_get_number (r->plan), ==, number);
  g_assert_cmpstr (thidua_plan_get_symbol (r->plan), ==, symbol);
  g_assert_cmpstr (thidua_plan_get_place (r->plan), ==, place);
  g_assert_cmpuint (thidua_plan_get_day (r->plan), ==, d);
  g_assert_cmpuint (thidua_plan_get_month (r->plan), ==, m);
  g_assert_cmpuint (thidua_plan_get_year (r->plan), ==, y);
}

static void
assert_body_clean (Result *r)
{
  g_auto(GStrv) lines = g_strsplit (thidua_plan_get_body (r->plan), "\n", -1);

  g_assert_true (g_str_has_prefix (thidua_plan_get_body (r->plan), "Căn cứ Luật"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpstr (g_strstrip (lines[i]), !=, "|");
      g_assert_cmpstr (lines[i], !=, "-");
    }
}

/* 1. A provincial People's Committee: its name on two lines, no superior. */
static void
test_two_line_body (void)
{
  static const struct { const char *header, *superior, *issuing; } cases[] = {
    { "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU", "", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU" },
    { "ỦY BAN NHÂN DÂN\nHUYỆN TAM ĐƯỜNG", "", "ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG" },
    { "UBND TỈNH ĐIỆN BIÊN\nHỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG", "UBND TỈNH ĐIỆN BIÊN", "HỘI ĐỒNG THI ĐUA KHEN THƯỞNG" },
    { "HỘI ĐỒNG THI ĐUA -\nKHEN THƯỞNG TỈNH", "", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH" },
    { "HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG\nHUYỆN SÌN HỒ", "", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN SÌN HỒ" },
    { "UBND HUYỆN SÌN HỒ\nPHÒNG GIÁO DỤC VÀ\nĐÀO TẠO", "UBND HUYỆN SÌN HỒ", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" },
    /* two bodies stay two */
    { "UBND TỈNH ĐIỆN BIÊN\nSỞ Y TẾ", "UBND TỈNH ĐIỆN BIÊN", "SỞ Y TẾ" },
    { "TỈNH ỦY LAI CHÂU\nTRƯỜNG CHÍNH TRỊ", "TỈNH ỦY LAI CHÂU", "TRƯỜNG CHÍNH TRỊ" },
    { "HUYỆN ĐOÀN TAM ĐƯỜNG\nBCH ĐOÀN TRƯỜNG THPT", "HUYỆN ĐOÀN TAM ĐƯỜNG", "BCH ĐOÀN TRƯỜNG THPT" },
    /* issue 18: superior, locality, issuing committee */
    { "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC", "ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH",
      "BAN THƯỜNG TRỰC" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };
      g_autofree char *header = g_strdup_printf ("%s\n%s\n%s\nSố: 29/KH-UBND\nLai Châu, ngày 10 tháng 01 năm 2025",
                                                 cases[i].header, NAT, MOTTO);
      g_autofree char *text = plan_text (header, "KẾ HOẠCH\nThi đua năm 2025", NULL);

      recognize (&r, text);
      assert_header (&r, cases[i].superior, cases[i].issuing, "29", "KH-UBND", "Lai Châu", 10, 1, 2025);
      /* the national heading decides, whatever the bodies' words */
      g_assert_cmpint (thidua_plan_get_profile (r.plan), ==, THIDUA_PROFILE_STATE);
      assert_body_clean (&r);
      g_assert_cmpstr (thidua_plan_get_signer_name (r.plan), ==, "Lê Văn Lương");
    }
}

/* 2. The two-column header flattened by a copy. */
static void
test_flattened_headers (void)
{
  static const char * const headers[] = {
    /* tabs */
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 29/KH-UBND\tLai Châu, ngày 05 tháng 4 năm 2024",
    /* pipes, a trailing pipe, stray pipes and a lone dash */
    "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| TỈNH LAI CHÂU | Độc lập - Tự do - Hạnh phúc |\n"
    "|\n-\n| Số: 29/KH-UBND | Lai Châu, ngày 05 tháng 4 năm 2024 |\n|",
    "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nTỈNH LAI CHÂU | Độc lập - Tự do - Hạnh phúc |\n"
    "Số: 29/KH-UBND | Lai Châu, ngày 05 tháng 4 năm 2024 |",
    /* runs of spaces */
    "ỦY BAN NHÂN DÂN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LAI CHÂU       Độc lập - Tự do - Hạnh phúc\n"
    "Số: 29/KH-UBND              Lai Châu, ngày 05 tháng 4 năm 2024",
    /* every cell hard-wrapped, one after the other */
    "ỦY BAN NHÂN\nDÂN\nTỈNH LAI CHÂU\nSố:\n29/KH-UBND\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do -\nHạnh phúc\nLai\nChâu, ngày 05 tháng 4 năm\n2024",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_auto(Result) r = { 0 };
      g_autofree char *text = plan_text (headers[i], "KẾ HOẠCH\nTổ chức thi đua năm 2024\n-", NULL);

      g_test_message ("header %u", i);
      recognize (&r, text);
      assert_header (&r, "", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "29", "KH-UBND", "Lai Châu", 5, 4, 2024);
      g_assert_cmpstr (thidua_plan_get_subject (r.plan), ==, "Tổ chức thi đua năm 2024");
      g_assert_cmpint (thidua_plan_get_profile (r.plan), ==, THIDUA_PROFILE_STATE);
      assert_body_clean (&r);
    }
}

/* The body's own tables keep their pipes. */
static void
test_body_table_kept (void)
{
  g_auto(Result) r = { 0 };

  recognize (&r, "| SỞ Y TẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n\nKẾ HOẠCH\nThi đua\n\n"
             "I. CHỈ TIÊU\n| STT | Danh hiệu |\n|---|---|\n| 1 | Lao động tiên tiến |\n");
  g_assert_cmpstr (thidua_plan_get_issuing_body (r.plan), ==, "SỞ Y TẾ");
  g_assert_cmpstr (thidua_plan_get_body (r.plan), ==,
                   "I. CHỈ TIÊU\n| STT | Danh hiệu |\n|---|---|\n| 1 | Lao động tiên tiến |");
}

/* 3. A copy without its KẾ HOẠCH line. */
static void
test_missing_type_name (void)
{
  g_auto(Result) r = { 0 };
  g_autofree char *header = g_strdup_printf ("UBND TỈNH ĐIỆN BIÊN\nSỞ Y TẾ\n%s\n%s\nSố: 215/KH-SYT\n"
                                             "Điện Biên, ngày 08 tháng 02 năm 2024", NAT, MOTTO);
  g_autofree char *text = plan_text (header, "Tổ chức phong trào thi đua\nnăm 2024", NULL);

  recognize (&r, text);
  g_assert_cmpstr (thidua_plan_get_type_name (r.plan), ==, "KẾ HOẠCH");
  g_assert_cmpstr (thidua_plan_get_subject (r.plan), ==, "Tổ chức phong trào thi đua năm 2024");
  assert_header (&r, "UBND TỈNH ĐIỆN BIÊN", "SỞ Y TẾ", "215", "KH-SYT", "Điện Biên", 8, 2, 2024);
  assert_body_clean (&r);
}

/* 4. A legal site's lines before the document: left out and reported, or
 * kept on request. */
static void
test_preamble (void)
{
  const char *preamble = "Thuộc tính văn bản\nSố hiệu: 29/KH-UBND\nLoại văn bản: Kế hoạch\n"
                         "Người ký: Lê Văn Lương\nNgày hiệu lực: Đã biết\nĐang tải văn bản...\n"
                         "Kế hoạch 29/KH-UBND thi đua năm 2025 tỉnh Lai Châu\n";
  g_autofree char *header = g_strdup_printf ("%sỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n%s\n%s\n"
                                             "Số: 29/KH-UBND\nLai Châu, ngày 10 tháng 01 năm 2025",
                                             preamble, NAT, MOTTO);
  g_autofree char *text = plan_text (header, "KẾ HOẠCH\nThi đua năm 2025", NULL);

  {
    g_auto(Result) r = { 0 };

    recognize (&r, text);
    g_assert_cmpuint (r.skipped->len, ==, 7);
    g_assert_cmpstr (g_ptr_array_index (r.skipped, 0), ==, "Thuộc tính văn bản");
    g_assert_cmpstr (g_ptr_array_index (r.skipped, 6), ==, "Kế hoạch 29/KH-UBND thi đua năm 2025 tỉnh Lai Châu");
    assert_header (&r, "", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "29", "KH-UBND", "Lai Châu", 10, 1, 2025);
    assert_body_clean (&r);
  }
  {
    g_auto(Result) r = { 0 };

    recognize_flags (&r, text, THIDUA_IMPORT_KEEP_PREAMBLE);
    g_assert_cmpuint (r.skipped->len, ==, 7);
    g_assert_true (g_str_has_prefix (thidua_plan_get_body (r.plan), "Thuộc tính văn bản\n\nSố hiệu: 29/KH-UBND"));
    g_assert_cmpstr (thidua_plan_get_issuing_body (r.plan), ==, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU");
  }
  {
    /* no site lines: nothing is skipped, header text stays at the body's top */
    g_auto(Result) r = { 0 };

    recognize (&r, "Bản sao\nSỞ Y TẾ\nSố: 1/KH-SYT\n\nKẾ HOẠCH\nThi đua\n\nI. MỤC ĐÍCH\n");
    g_assert_cmpuint (r.skipped->len, ==, 0);
    g_assert_true (g_str_has_prefix (thidua_plan_get_body (r.plan), "Bản sao"));
  }
}

/* 5. A whole document on one line. */
static void
test_one_line (void)
{
  g_auto(Result) r = { 0 };
  const char * const *rec;

  recognize (&r, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
             "Hạnh phúc Số: 29/KH-UBND Lai Châu, ngày 10 tháng 01 năm 2025 KẾ HOẠCH Thi đua năm 2025 "
             "Căn cứ Luật Thi đua, khen thưởng năm 2022; I. MỤC ĐÍCH, YÊU CẦU Thi đua tốt. "
             "II. TỔ CHỨC THỰC HIỆN Các đơn vị thực hiện./. Nơi nhận: - UBND tỉnh (b/c); - Lưu: VT. "
             "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn Lương");
  assert_header (&r, "", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "29", "KH-UBND", "Lai Châu", 10, 1, 2025);
  g_assert_cmpstr (thidua_plan_get_subject (r.plan), ==, "Thi đua năm 2025");
  g_assert_cmpstr (thidua_plan_get_body (r.plan), ==,
                   "Căn cứ Luật Thi đua, khen thưởng năm 2022;\nI. MỤC ĐÍCH, YÊU CẦU\nThi đua tốt.\n"
                   "II. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện./.");
  rec = thidua_plan_get_recipients (r.plan);
  g_assert_cmpuint (g_strv_length ((char **) rec), ==, 2);
  g_assert_cmpstr (rec[1], ==, "Lưu: VT.");
  g_assert_cmpstr (thidua_plan_get_signer_authority (r.plan), ==, "KT.");
  g_assert_cmpstr (thidua_plan_get_signer_on_behalf_of (r.plan), ==, "CHỦ TỊCH");
  g_assert_cmpstr (thidua_plan_get_signer_position (r.plan), ==, "PHÓ CHỦ TỊCH");
  g_assert_cmpstr (thidua_plan_get_signer_name (r.plan), ==, "Lê Văn Lương");
}

/* 6. The Youth Union. */
static void
test_youth (void)
{
  g_auto(Result) r = { 0 };
  g_autofree char *text = plan_text ("BAN CHẤP HÀNH TRUNG ƯƠNG\tĐOÀN TNCS HỒ CHÍ MINH\n***\n"
                                     "Số: 225-KH/TWĐTN-CTTN\tHà Nội, ngày 14 tháng 3 năm 2025",
                                     "KẾ HOẠCH\nTổ chức phong trào thi đua năm 2025",
                                     "Nơi nhận:\n- Các tỉnh, thành đoàn;\n- Lưu: VP.\n\nTM. BAN THƯỜNG VỤ\n"
                                     "BÍ THƯ\n\n\nBùi Quang Huy\n");

  recognize (&r, text);
  g_assert_cmpint (thidua_plan_get_profile (r.plan), ==, THIDUA_PROFILE_YOUTH);
  g_assert_cmpstr (thidua_profile_kind_to_string (THIDUA_PROFILE_YOUTH), ==, "youth");
  assert_header (&r, "", "BAN CHẤP HÀNH TRUNG ƯƠNG", "225", "KH/TWĐTN-CTTN", "Hà Nội", 14, 3, 2025);
  g_assert_cmpstr (thidua_plan_get_signer_authority (r.plan), ==, "TM.");
  g_assert_cmpstr (thidua_plan_get_signer_on_behalf_of (r.plan), ==, "BAN THƯỜNG VỤ");
  g_assert_cmpstr (thidua_plan_get_signer_position (r.plan), ==, "BÍ THƯ");
  g_assert_cmpstr (thidua_plan_get_signer_name (r.plan), ==, "Bùi Quang Huy");
  assert_body_clean (&r);
}

/* Issue 18: closing blocks as they come. */
static void
test_closings (void)
{
  static const struct {
    const char *closing, *authority, *behalf, *position, *name;
    const char *recipients[4];
    const char *body_end;
  } cases[] = {
    /* a recipient wrapped without its dash */
    { "Nơi nhận:\n- UBND tỉnh (b/c);\n- Chi bộ, Ban Giám hiệu nhà trường và các tổ\ncông đoàn trực thuộc;\n"
      "- Lưu: VT.\n\nHIỆU TRƯỞNG\n\n\nĐỗ Văn Hòa\n",
      "", "", "HIỆU TRƯỞNG", "Đỗ Văn Hòa",
      { "UBND tỉnh (b/c);", "Chi bộ, Ban Giám hiệu nhà trường và các tổ công đoàn trực thuộc;", "Lưu: VT." }, NULL },
    /* recipients and signature interleaved, columns by spaces */
    { "Nơi nhận:                                     KT. GIÁM ĐỐC\n"
      "- UBND tỉnh (b/c);                            PHÓ GIÁM ĐỐC\n- Lưu: VT.\n\n"
      "                                              Đỗ Văn Hòa\n",
      "KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Văn Hòa", { "UBND tỉnh (b/c);", "Lưu: VT." }, NULL },
    /* interleaved by tabs */
    { "Nơi nhận:\tTM. BAN THƯỜNG VỤ\n- UBND tỉnh (b/c);\tCHỦ TỊCH\n- Lưu: VT.\n\n\tĐỗ Văn Hòa\n",
      "TM.", "BAN THƯỜNG VỤ", "CHỦ TỊCH", "Đỗ Văn Hòa", { "UBND tỉnh (b/c);", "Lưu: VT." }, NULL },
    /* a second post under the name: the signer stays, the line is kept */
    { "Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nĐỗ Văn Hòa\n"
      "Phó Trưởng ban Thường trực Ban Thi đua - Khen thưởng\n",
      "KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đỗ Văn Hòa", { "Lưu: VT." },
      "Phó Trưởng ban Thường trực Ban Thi đua - Khen thưởng" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };
      g_autofree char *header = g_strdup_printf ("UBND TỈNH LAI CHÂU\nSỞ NỘI VỤ\n%s\n%s\nSố: 29/KH-SNV\n"
                                                 "Lai Châu, ngày 10 tháng 01 năm 2025", NAT, MOTTO);
      g_autofree char *text = plan_text (header, "KẾ HOẠCH\nThi đua năm 2025", cases[i].closing);
      const char * const *rec;
      guint n = 0;

      g_test_message ("closing %u", i);
      recognize (&r, text);
      g_assert_cmpstr (thidua_plan_get_signer_authority (r.plan), ==, cases[i].authority);
      g_assert_cmpstr (thidua_plan_get_signer_on_behalf_of (r.plan), ==, cases[i].behalf);
      g_assert_cmpstr (thidua_plan_get_signer_position (r.plan), ==, cases[i].position);
      g_assert_cmpstr (thidua_plan_get_signer_name (r.plan), ==, cases[i].name);
      rec = thidua_plan_get_recipients (r.plan);
      while (cases[i].recipients[n] != NULL)
        n++;
      g_assert_cmpuint (g_strv_length ((char **) rec), ==, n);
      for (guint k = 0; k < n; k++)
        g_assert_cmpstr (rec[k], ==, cases[i].recipients[k]);
      if (cases[i].body_end != NULL)
        g_assert_true (g_str_has_suffix (thidua_plan_get_body (r.plan), cases[i].body_end));
      else
        g_assert_true (g_str_has_suffix (thidua_plan_get_body (r.plan), "thực hiện./."));
    }
}

/* Issue 18: a stamped number typed into the blank, a date filled by hand
 * or left blank. */
static void
test_stamped_numbers (void)
{
  static const struct { const char *number_line, *date_line, *number; guint d, m; } cases[] = {
    { "Số:173 /KH-UBND", "Mường Kim, ngày 28    tháng  4    năm 2026", "173", 28, 4 },
    { "Số:  05 /KH-UBND", "Mường Kim, ngày     tháng     năm 2026", "05", 0, 0 },
    { "Số: ....../KH-UBND", "Mường Kim, ngày ...... tháng ...... năm 2026", "", 0, 0 },
    { "Số:   /KH-UBND", "Mường Kim, ngày    tháng 4   năm 2026", "", 0, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Result) r = { 0 };
      g_autofree char *header = g_strdup_printf ("ỦY BAN NHÂN DÂN\t%s\nXÃ MƯỜNG KIM\t%s\n%s\t%s", NAT, MOTTO,
                                                 cases[i].number_line, cases[i].date_line);
      g_autofree char *text = plan_text (header, "KẾ HOẠCH\nThi đua năm 2026", NULL);

      recognize (&r, text);
      assert_header (&r, "", "ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM", cases[i].number, "KH-UBND", "Mường Kim",
                     cases[i].d, cases[i].m, 2026);
    }
}


/* 7. HTML as Word, LibreOffice or a browser put it on the clipboard: the
 * header and closing tables keep their columns, lists their labels. */
static const char *WORD_HTML =
  "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=\"utf-8\">"
  "<title>Kế hoạch</title><style><!-- p.MsoNormal {margin:0} --></style></head><body lang=VI>"
  "<!--[if gte mso 9]><xml><o:DocumentProperties>x</o:DocumentProperties></xml><![endif]-->"
  "<table class=MsoTableGrid border=0><tr>"
  "<td width=250><p class=MsoNormal align=center>ỦY BAN NHÂN DÂN</p>"
  "<p class=MsoNormal align=center><b>TỈNH LAI CHÂU</b></p>"
  "<p class=MsoNormal align=center>Số:&nbsp;29/KH-UBND</p></td>\n"
  "<td width=350><p align=center><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>"
  "<p align=center><b><u>Độc lập - Tự do - Hạnh phúc</u></b></p>"
  "<p align=center><i>Lai Châu, ngày 05 tháng 4 năm 2024</i></p></td></tr></table>"
  "<p class=MsoNormal align=center><b>KẾ HOẠCH</b></p>"
  "<p class=MsoNormal align=center><b>Tổ chức phong trào thi đua\n năm 2024</b></p>"
  "<p>Căn cứ Luật Thi đua, khen thưởng năm 2022;</p>"
  "<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>"
  "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>"
  "<span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp;&nbsp;</span></span><![endif]>Thi đua tốt.</p>"
  "<ol start=2><li>Thi đua giỏi.</li><li>Thi đua đều.</li></ol>"
  "<ul><li>Một &amp; hai</li></ul>"
  "<p><b>II. TỔ CHỨC THỰC HIỆN</b></p><p>Các đơn vị thực hiện./.</p>"
  "<table><tr><td><p><b><i>Nơi nhận:</i></b></p><p>- UBND tỉnh (b/c);</p><p>- Lưu: VT.</p></td>"
  "<td><p align=center><b>TM. ỦY BAN NHÂN DÂN</b></p><p align=center><b>CHỦ TỊCH</b></p>"
  "<p>&nbsp;</p><p align=center><b>Lê Văn Lương</b></p></td></tr></table></body></html>";

static void
test_html (void)
{
  g_autofree char *text = thidua_import_html_to_text (WORD_HTML, -1);
  g_auto(Result) r = { 0 };
  const char * const *rec;

  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                   "TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\n"
                                   "Số: 29/KH-UBND\tLai Châu, ngày 05 tháng 4 năm 2024\n"));
  g_assert_nonnull (strstr (text, "\n1. Thi đua tốt.\n2. Thi đua giỏi.\n3. Thi đua đều.\n- Một & hai\n"));
  g_assert_null (strstr (text, "DocumentProperties"));
  g_assert_null (strstr (text, "MsoNormal"));
  g_assert_null (strstr (text, "<"));

  recognize (&r, text);
  assert_header (&r, "", "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "29", "KH-UBND", "Lai Châu", 5, 4, 2024);
  g_assert_cmpstr (thidua_plan_get_subject (r.plan), ==, "Tổ chức phong trào thi đua năm 2024");
  g_assert_cmpstr (thidua_plan_get_body (r.plan), ==,
                   "Căn cứ Luật Thi đua, khen thưởng năm 2022;\nI. MỤC ĐÍCH, YÊU CẦU\n1. Thi đua tốt.\n"
                   "2. Thi đua giỏi.\n3. Thi đua đều.\n- Một & hai\nII. TỔ CHỨC THỰC HIỆN\n"
                   "Các đơn vị thực hiện./.");
  rec = thidua_plan_get_recipients (r.plan);
  g_assert_cmpuint (g_strv_length ((char **) rec), ==, 2);
  g_assert_cmpstr (rec[0], ==, "UBND tỉnh (b/c);");
  g_assert_cmpstr (thidua_plan_get_signer_authority (r.plan), ==, "TM.");
  g_assert_cmpstr (thidua_plan_get_signer_position (r.plan), ==, "CHỦ TỊCH");
  g_assert_cmpstr (thidua_plan_get_signer_name (r.plan), ==, "Lê Văn Lương");
}

/* Hostile HTML: unclosed tags, deep nesting, a lone "<", broken entities. */
static void
test_html_hostile (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (deep, "<table><tr><td>x");
  a = thidua_import_html_to_text (deep->str, -1);
  g_assert_true (g_utf8_validate (a, -1, NULL));
  g_assert_nonnull (strstr (a, "x"));
  b = thidua_import_html_to_text ("a < b &amp c &#0; &#x110000; <p", -1);
  g_assert_true (g_utf8_validate (b, -1, NULL));
  g_assert_true (g_str_has_prefix (b, "a < b &amp c"));
  c = thidua_import_html_to_text ("<!-- never closed", -1);
  g_assert_cmpstr (c, ==, "");
}

/* The corpus: every plan imports with exactly the fields written beside it. */
static void
test_corpus (void)
{
  static const char * const fields[] = {
    "profile", "superior_body", "issuing_body", "number", "symbol", "place", "date", "type_name",
    "subject", "outline", "recipients", "signer",
  };
  g_autofree char *dir_path = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "import-corpus", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - 4));
  g_assert_cmpuint (names->len, >=, 20);

  for (guint i = 0; i < names->len; i++)
    {
      const char *base = g_ptr_array_index (names, i);
      g_autofree char *txt = g_strdup_printf ("%s/%s.txt", dir_path, base);
      g_autofree char *json = g_strdup_printf ("%s/%s.json", dir_path, base);
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) got = NULL;
      g_auto(Result) r = { 0 };
      JsonObject *expected, *actual;

      g_test_message ("%s", base);
      g_assert_true (g_file_get_contents (txt, &text, NULL, &error));
      g_assert_true (json_parser_load_from_file (parser, json, &error));
      expected = json_node_get_object (json_parser_get_root (parser));
      recognize (&r, text);
      got = thidua_plan_to_json_node (r.plan);
      actual = json_node_get_object (got);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *e = json_to_string (json_object_get_member (expected, fields[f]), FALSE);
          g_autofree char *a = json_to_string (json_object_get_member (actual, fields[f]), FALSE);

          if (g_strcmp0 (e, a) != 0)
            g_test_message ("%s: %s: expected %s, got %s", base, fields[f], e, a);
          g_assert_cmpstr (a, ==, e);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/real/two-line-body", test_two_line_body);
  g_test_add_func ("/import/real/flattened-headers", test_flattened_headers);
  g_test_add_func ("/import/real/body-table-kept", test_body_table_kept);
  g_test_add_func ("/import/real/missing-type-name", test_missing_type_name);
  g_test_add_func ("/import/real/preamble", test_preamble);
  g_test_add_func ("/import/real/one-line", test_one_line);
  g_test_add_func ("/import/real/youth", test_youth);
  g_test_add_func ("/import/real/closings", test_closings);
  g_test_add_func ("/import/real/stamped-numbers", test_stamped_numbers);
  g_test_add_func ("/import/real/html", test_html);
  g_test_add_func ("/import/real/html-hostile", test_html_hostile);
  g_test_add_func ("/import/real/corpus", test_corpus);
  return g_test_run ();
}
