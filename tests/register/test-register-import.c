/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-register-import.c — CSV, XLSX and XLS import; rejected rows by
 * number; nothing overwritten without replace; undo as a whole; export
 * that imports back unchanged. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "register-test-util.h"
#include "thidua-csv.h"
#include "thidua-register-export.h"
#include "thidua-register-import.h"
#include "thidua-xlsx.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register", name, NULL);
}

static ThiduaRegisterImport *
import_file (RegFixture *f, const char *path, const char *year, gboolean replace, gint64 *batch)
{
  g_autoptr(GError) error = NULL;
  ThiduaRegisterImport *import = thidua_register_import_new (f->reg, year);

  thidua_register_import_set_replace (import, replace);
  g_assert_true (thidua_register_import_prepare_file (import, path, &error));
  g_assert_no_error (error);
  if (thidua_register_import_get_n_accepted (import) > 0)
    {
      gint64 id = thidua_register_import_commit (import, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      if (batch)
        *batch = id;
    }
  return import;
}

static guint
count_year (RegFixture *f, const char *year)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;

  q.year = year;
  rows = thidua_register_query (f->reg, &q, NULL);
  return rows->len;
}

static ThiduaRegistration *
find (GPtrArray *rows, const char *name, const char *title)
{
  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      const char *who = r->person_id ? r->person_name : r->unit_name;
      if (g_str_equal (who, name) && g_str_equal (r->title, title))
        return r;
    }
  return NULL;
}

/* The fixture as the secretaries' form: title rows, numbering row,
 * sections, quoted cells with ; and line breaks. */
static void
check_fixture_import (RegFixture *f, ThiduaRegisterImport *import)
{
  GPtrArray *rej = thidua_register_import_get_rejections (import);
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  ThiduaRegistration *r;
  const struct { guint row; const char *words; } expected[] = {
    { 10, "Lao động giỏi" },
    { 11, "no name" },
    { 12, "collectives" },
    { 13, "twice in the file (row 7)" },
  };

  g_assert_cmpuint (thidua_register_import_get_header_row (import), ==, 4);
  g_assert_cmpint (thidua_register_import_get_column (import, THIDUA_REGISTER_COLUMN_NAME), ==, 1);
  g_assert_cmpint (thidua_register_import_get_column (import, THIDUA_REGISTER_COLUMN_TITLE), ==, 5);
  g_assert_cmpint (thidua_register_import_get_column (import, THIDUA_REGISTER_COLUMN_REWARD), ==, 6);
  g_assert_cmpint (thidua_register_import_get_column (import, THIDUA_REGISTER_COLUMN_YEAR), ==, -1);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 6);
  g_assert_cmpuint (rej->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < rej->len; i++)
    {
      ThiduaRegisterRejection *x = g_ptr_array_index (rej, i);
      g_assert_cmpuint (x->row, ==, expected[i].row);
      if (strstr (x->reason, expected[i].words) == NULL)
        g_error ("row %u: “%s” lacks “%s”", x->row, x->reason, expected[i].words);
    }

  q.year = "2024";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_no_error (error);
  /* An: LĐTT + GK; Bình: LĐTT + CSTĐCS; Cường: CSTĐCS; Giang: LĐTT +
   * CSTĐCS; Khoa: TTLĐXS; Phòng Đào tạo: TTLĐTT + GK */
  g_assert_cmpuint (rows->len, ==, 10);
  r = find (rows, "Trần Thị Bình", "cstdcs");
  g_assert_nonnull (r);
  g_assert_cmpstr (r->honorific, ==, "Bà");
  g_assert_cmpstr (r->unit_name, ==, "Khoa Lý luận cơ sở");
  g_assert_cmpstr (r->position, ==, "Giảng viên");
  g_assert_cmpstr (r->initiative, ==, "Đổi mới phương pháp giảng dạy; lớp trung cấp");
  g_assert_cmpstr (r->note, ==, "ghi chú có \"ngoặc kép\"");
  r = find (rows, "Đỗ Thị Giang", "ldtt");
  g_assert_nonnull (r);
  g_assert_cmpstr (r->unit_name, ==, "Phòng Tổ chức, hành chính");
  g_assert_cmpstr (r->initiative, ==, "Sáng kiến \"số hóa hồ sơ\"");
  g_assert_nonnull (find (rows, "Đỗ Thị Giang", "cstdcs"));
  g_assert_nonnull (find (rows, "Nguyễn Văn An", "gk"));
  r = find (rows, "Khoa Lý luận cơ sở", "ttldxs");
  g_assert_nonnull (r);
  g_assert_cmpint (r->person_id, ==, 0);
  /* the collective is the same unit the people belong to */
  g_assert_cmpint (r->unit_id, ==, find (rows, "Nguyễn Văn An", "ldtt")->unit_id);
  g_assert_nonnull (find (rows, "Phòng Đào tạo", "gk"));
  g_assert_cmpint (find (rows, "Phòng Đào tạo", "gk")->person_id, ==, 0);
}

static void
test_csv_fixture (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = fixture ("dang-ky-2024.csv");
  g_autoptr(ThiduaRegisterImport) import = import_file (f, path, "2024", FALSE, NULL);

  check_fixture_import (f, import);
}

/* The same rows written in other encodings, separators and normal forms. */
static char *
write_variant (RegFixture *f, const char *name, const char *from_charset, gboolean nfd, char sep)
{
  g_autofree char *src = fixture ("dang-ky-2024.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(ThiduaTable) table = thidua_csv_read (src, &error);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *converted = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  gsize len = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < thidua_table_get_n_rows (table); i++)
    {
      const char * const *row = thidua_table_get_row (table, i, NULL);
      for (guint j = 0; row[j]; j++)
        {
          g_autofree char *cell = nfd ? g_utf8_normalize (row[j], -1, G_NORMALIZE_NFD) : g_strdup (row[j]);
          g_autoptr(GString) q = g_string_new (NULL);
          if (j)
            g_string_append_c (out, sep);
          for (const char *p = cell; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (q, '"');
              g_string_append_c (q, *p);
            }
          if (strchr (cell, sep) || strchr (cell, '\n') || strchr (cell, '"'))
            g_string_append_printf (out, "\"%s\"", q->str);
          else
            g_string_append (out, cell);
        }
      g_string_append (out, "\r\n");
    }
  if (from_charset == NULL)
    {
      g_file_set_contents (path, out->str, out->len, &error);
      return path;
    }
  converted = g_convert (out->str, out->len, from_charset, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  if (g_str_equal (from_charset, "UTF-16LE"))
    {
      g_autoptr(GString) bom = g_string_new_len ("\xff\xfe", 2);
      g_string_append_len (bom, converted, len);
      g_file_set_contents (path, bom->str, bom->len, &error);
    }
  else
    g_file_set_contents (path, converted, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_csv_variants (RegFixture *f, gconstpointer data)
{
  struct { const char *name; const char *charset; gboolean nfd; char sep; } cases[] = {
    { "utf8-comma.csv", NULL, FALSE, ',' },
    { "utf8-nfd-semicolon.csv", NULL, TRUE, ';' },
    { "utf16-tab.csv", "UTF-16LE", FALSE, '\t' },
    { "utf16-nfd-comma.csv", "UTF-16LE", TRUE, ',' },
    { "cp1258-semicolon.csv", "CP1258", FALSE, ';' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_variant (f, cases[i].name, cases[i].charset, cases[i].nfd, cases[i].sep);
      g_autofree char *year = g_strdup_printf ("%u", 2010 + i);
      g_autoptr(ThiduaRegisterImport) import = NULL;
      g_autoptr(GError) error = NULL;
      ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
      g_autoptr(GPtrArray) rows = NULL;

      g_test_message ("%s", cases[i].name);
      import = import_file (f, path, year, FALSE, NULL);
      g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 6);
      g_assert_cmpuint (thidua_register_import_get_rejections (import)->len, ==, 4);
      q.year = year;
      rows = thidua_register_query (f->reg, &q, &error);
      g_assert_cmpuint (rows->len, ==, 10);
      /* stored NFC whatever came in */
      g_assert_nonnull (find (rows, "Trần Thị Bình", "cstdcs"));
      g_assert_nonnull (find (rows, "Khoa Lý luận cơ sở", "ttldxs"));
    }
  /* every year reused the same people and units */
  {
    g_autoptr(GPtrArray) units = thidua_register_list_units (f->reg, NULL);
    g_assert_cmpuint (units->len, ==, 4);
  }
}

static void
test_nothing_overwritten (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = fixture ("dang-ky-2024.csv");
  g_autofree char *changed = g_build_filename (f->dir, "changed.csv", NULL);
  g_autoptr(ThiduaRegisterImport) first = import_file (f, path, "2024", FALSE, NULL);
  g_autoptr(ThiduaRegisterImport) again = NULL;
  g_autoptr(ThiduaRegisterImport) replace = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 batch = 0;
  GPtrArray *rej;

  /* the same file again: every row already there is rejected, nothing changes */
  again = import_file (f, path, "2024", FALSE, NULL);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (again), ==, 0);
  rej = thidua_register_import_get_rejections (again);
  g_assert_cmpuint (rej->len, ==, 10);
  g_assert_nonnull (strstr (((ThiduaRegisterRejection *) rej->pdata[0])->reason, "already registered"));
  g_assert_cmpuint (count_year (f, "2024"), ==, 10);

  /* with replace, the rows update what is there, and undo puts it back */
  g_file_get_contents (path, &text, NULL, &error);
  {
    g_autofree char *edited = NULL;
    GString *s = g_string_new (text);
    g_string_replace (s, "Đề tài cấp trường", "Đề tài cấp tỉnh", 0);
    edited = g_string_free (s, FALSE);
    g_file_set_contents (changed, edited, -1, &error);
  }
  replace = import_file (f, changed, "2024", TRUE, &batch);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (replace), ==, 6);
  g_assert_cmpuint (count_year (f, "2024"), ==, 10);
  q.year = "2024";
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_cmpstr (find (rows, "Lê Văn Cường", "cstdcs")->initiative, ==, "Đề tài cấp tỉnh");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (thidua_register_undo_import (f->reg, batch, &error));
  g_assert_no_error (error);
  rows = thidua_register_query (f->reg, &q, &error);
  g_assert_cmpuint (rows->len, ==, 10);
  g_assert_cmpstr (find (rows, "Lê Văn Cường", "cstdcs")->initiative, ==, "Đề tài cấp trường");
  g_assert_false (thidua_register_undo_import (f->reg, batch, &error));
  g_assert_nonnull (strstr (error->message, "already been undone"));
}

static void
test_undo_whole_import (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = fixture ("dang-ky-2024.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaRegisterImport) import = NULL;
  g_autoptr(GPtrArray) units = NULL;
  gint64 batch = 0;
  gint64 kept_unit = thidua_register_add_unit (f->reg, 0, "Phòng Đào tạo", "phòng", &error);
  gint64 kept = reg_add_person (f, "Vũ Thị Hạnh", kept_unit, 1979);

  reg_add (f, "2024", kept, "LĐTT");
  import = import_file (f, path, "2024", FALSE, &batch);
  g_assert_cmpuint (count_year (f, "2024"), ==, 11);

  g_assert_true (thidua_register_undo_import (f->reg, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_year (f, "2024"), ==, 1);
  /* the units the import created are gone, the one that was there stays */
  units = thidua_register_list_units (f->reg, &error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpint (((ThiduaRegUnit *) units->pdata[0])->id, ==, kept_unit);
  g_assert_false (thidua_register_undo_import (f->reg, 9999, &error));
}

static void
test_bad_files (RegFixture *f, gconstpointer data)
{
  struct { const char *name; const char *contents; const char *words; } cases[] = {
    { "no-header.csv", "a;b;c\n1;2;3\n", "no header row" },
    { "no-title.csv", "Họ và tên;Đơn vị\nNguyễn Văn An;Khoa A\n", "no “Danh hiệu thi đua”" },
    { "quote.csv", "Họ và tên;Danh hiệu\n\"Nguyễn Văn An;LĐTT\n", "never closed" },
    { "binary.csv", "\xff\xfe\x00\xd8", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, cases[i].name, NULL);
      g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (f->reg, "2024");
      g_autoptr(GError) error = NULL;

      g_file_set_contents (path, cases[i].contents, -1, NULL);
      g_assert_false (thidua_register_import_prepare_file (import, path, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("%s: “%s” lacks “%s”", cases[i].name, error->message, cases[i].words);
    }
  g_assert_cmpuint (count_year (f, "2024"), ==, 0);
}

static void
test_year_column (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "years.csv", NULL);
  g_autoptr(ThiduaRegisterImport) import = NULL;
  GPtrArray *rej;

  g_file_set_contents (path,
      "Họ tên,Đơn vị,Danh hiệu,Năm,Năm sinh,Kết quả\n"
      "Nguyễn Văn An,Khoa A,LĐTT,2023-2024,1980,Đạt\n"
      "Trần Văn Bảo,Khoa A,LĐTT,2022-2023,1981,\n"
      "Lê Văn Cao,Khoa A,LĐTT,,15/03/1982,Không đạt\n"
      "Lý Văn Danh,Khoa A,LĐTT,,1982,Xuất sắc\n"
      "Mai Văn Đông,Khoa A,LĐTT,,hai nghìn,\n", -1, NULL);
  import = import_file (f, path, "2023 - 2024", FALSE, NULL);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 2);
  rej = thidua_register_import_get_rejections (import);
  g_assert_cmpuint (rej->len, ==, 3);
  g_assert_cmpuint (((ThiduaRegisterRejection *) rej->pdata[0])->row, ==, 3);
  g_assert_nonnull (strstr (((ThiduaRegisterRejection *) rej->pdata[0])->reason, "2022-2023"));
  g_assert_cmpuint (((ThiduaRegisterRejection *) rej->pdata[1])->row, ==, 5);
  g_assert_cmpuint (((ThiduaRegisterRejection *) rej->pdata[2])->row, ==, 6);
  {
    ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    q.year = "2023-2024";
    rows = thidua_register_query (f->reg, &q, NULL);
    g_assert_cmpint (find (rows, "Nguyễn Văn An", "ldtt")->result, ==, THIDUA_REG_RESULT_ACHIEVED);
    g_assert_cmpint (find (rows, "Lê Văn Cao", "ldtt")->result, ==, THIDUA_REG_RESULT_NOT_ACHIEVED);
    g_assert_cmpint (find (rows, "Lê Văn Cao", "ldtt")->birth_year, ==, 1982);
  }
}

/* An XLSX written by libxlsxwriter, as Excel would save it; headers in
 * NFC or NFD, numbers as numbers. */
static char *
write_xlsx (RegFixture *f, const char *name, gboolean nfd)
{
  g_autofree char *src = fixture ("dang-ky-2024.csv");
  g_autoptr(ThiduaTable) table = thidua_csv_read (src, NULL);
  char *path = g_build_filename (f->dir, name, NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Tổng hợp");

  for (guint i = 0; i < thidua_table_get_n_rows (table); i++)
    {
      const char * const *row = thidua_table_get_row (table, i, NULL);
      for (guint j = 0; row[j]; j++)
        {
          g_autofree char *cell = nfd ? g_utf8_normalize (row[j], -1, G_NORMALIZE_NFD) : g_strdup (row[j]);
          if (*cell == '\0')
            continue;
          if (j == 0 && g_ascii_isdigit (*cell))
            worksheet_write_number (ws, i, j, g_ascii_strtod (cell, NULL), NULL);
          else
            worksheet_write_string (ws, i, j, cell, NULL);
        }
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static void
test_xlsx_nfc (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = write_xlsx (f, "dang-ky.xlsx", FALSE);
  g_autoptr(ThiduaRegisterImport) import = import_file (f, path, "2024", FALSE, NULL);

  check_fixture_import (f, import);
}

static void
test_xlsx_nfd (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = write_xlsx (f, "dang-ky-nfd.xlsx", TRUE);
  g_autoptr(ThiduaRegisterImport) import = import_file (f, path, "2024", FALSE, NULL);

  check_fixture_import (f, import);
}

static void
test_damaged_xlsx (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "damaged.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) table = NULL;

  g_file_set_contents (path, "PK\x03\x04 this is not a zip", -1, NULL);
  table = thidua_table_load (path, &error);
  g_assert_null (table);
  g_assert_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "damaged.xlsx"));
}

/* LibreOffice installed with Writer but without Calc starts, then cannot
 * load a CSV, and no file comes out: the conversion itself is impossible
 * there.  Calc is libsclo next to the soffice binary. */
static gboolean
soffice_has_calc (const char *soffice)
{
  g_autofree char *real = realpath (soffice, NULL);
  g_autofree char *dir = real ? g_path_get_dirname (real) : NULL;
  g_autofree char *calc = dir ? g_build_filename (dir, "libsclo.so", NULL) : NULL;

  return calc != NULL && g_file_test (calc, G_FILE_TEST_EXISTS);
}

/* LibreOffice's own conversion of the CSV, to XLSX and to legacy XLS;
 * NULL when this LibreOffice has no Calc to convert with. */
static char *
soffice_convert (RegFixture *f, const char *csv, const char *format)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", f->dir);
  g_autofree char *base = g_path_get_basename (csv);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  /* comma, double quote, UTF-8, from row 1 */
  const char *argv[] = { soffice, profile, "--headless", "--infilter=CSV:44,34,76,1",
                         "--convert-to", format, "--outdir", f->dir, csv, NULL };

  if (soffice == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  *strrchr (base, '.') = '\0';
  out = g_strdup_printf ("%s/%s.%s", f->dir, base, format);
  if (!g_file_test (out, G_FILE_TEST_EXISTS) && !soffice_has_calc (soffice))
    return NULL;
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  return g_steal_pointer (&out);
}

static void
test_libreoffice (RegFixture *f, gconstpointer data)
{
  const char *format = data;
  g_autofree char *csv = write_variant (f, "lo.csv", NULL, FALSE, ',');
  g_autofree char *csv_nfd = write_variant (f, "lo-nfd.csv", NULL, TRUE, ',');
  g_autofree char *converted = NULL;
  g_autofree char *converted_nfd = NULL;

  g_autofree char *soffice = g_find_program_in_path ("soffice");

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  converted = soffice_convert (f, csv, format);
  if (converted == NULL)
    {
      /* Writer without Calc: a conversion LibreOffice cannot do here */
      g_test_skip ("this LibreOffice has no Calc (package libreoffice-calc): it cannot convert CSV");
      return;
    }
  {
    g_autoptr(ThiduaRegisterImport) import = import_file (f, converted, "2024", FALSE, NULL);
    check_fixture_import (f, import);
  }
  converted_nfd = soffice_convert (f, csv_nfd, format);
  g_assert_nonnull (converted_nfd);
  {
    g_autoptr(ThiduaRegisterImport) import = import_file (f, converted_nfd, "2025", FALSE, NULL);
    g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 6);
    g_assert_cmpuint (thidua_register_import_get_rejections (import)->len, ==, 4);
    g_assert_cmpuint (count_year (f, "2025"), ==, 10);
  }
}

/* The same register as LibreOffice 7.4 wrote it (XLSX and legacy XLS, with
 * NFC and with decomposed headers), kept under tests/fixtures so that the
 * import of a real program's files is tested where LibreOffice is not
 * installed.  Made with: soffice --headless --infilter=CSV:59,34,76,1
 * --convert-to xlsx|xls dang-ky-2024.csv (and its NFD copy). */
static void
test_libreoffice_files (RegFixture *f, gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register",
                                            "libreoffice", name, NULL);
  g_autoptr(ThiduaRegisterImport) import = import_file (f, path, "2024", FALSE, NULL);

  check_fixture_import (f, import);
}

/* Export, then import the file into an empty register: the same rows. */
static void
test_export_round_trip (RegFixture *f, gconstpointer data)
{
  const char *ext = data;
  g_autofree char *path = fixture ("dang-ky-2024.csv");
  g_autofree char *out = g_strdup_printf ("%s/export.%s", f->dir, ext);
  g_autoptr(ThiduaRegisterImport) first = import_file (f, path, "2024", FALSE, NULL);
  g_autoptr(GError) error = NULL;
  RegFixture g = { 0 };
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(ThiduaRegisterImport) back = NULL;

  /* a result and a withdrawal travel too */
  q.year = "2024";
  a = thidua_register_query (f->reg, &q, NULL);
  ((ThiduaRegistration *) a->pdata[0])->result = THIDUA_REG_RESULT_ACHIEVED;
  g_free (((ThiduaRegistration *) a->pdata[0])->decision);
  ((ThiduaRegistration *) a->pdata[0])->decision = g_strdup ("12/QĐ-TCT");
  g_assert_true (thidua_register_update (f->reg, a->pdata[0], &error));
  ((ThiduaRegistration *) a->pdata[1])->status = THIDUA_REG_STATUS_WITHDRAWN;
  g_assert_true (thidua_register_update (f->reg, a->pdata[1], &error));
  g_clear_pointer (&a, g_ptr_array_unref);

  g_assert_true (thidua_register_export (f->reg, "2024", out, &error));
  g_assert_no_error (error);

  reg_fixture_set_up (&g, NULL);
  back = import_file (&g, out, "2024", FALSE, NULL);
  g_assert_cmpuint (thidua_register_import_get_rejections (back)->len, ==, 0);
  a = thidua_register_query (f->reg, &q, NULL);
  b = thidua_register_query (g.reg, &q, NULL);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      ThiduaRegistration *x = a->pdata[i], *y = b->pdata[i];
      g_assert_cmpstr (x->person_name, ==, y->person_name);
      g_assert_cmpstr (x->honorific, ==, y->honorific);
      g_assert_cmpstr (x->unit_name, ==, y->unit_name);
      g_assert_cmpstr (x->position, ==, y->position);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->initiative, ==, y->initiative);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpstr (x->decision, ==, y->decision);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->result, ==, y->result);
      g_assert_cmpint (x->person_id == 0, ==, y->person_id == 0);
    }
  reg_fixture_tear_down (&g, NULL);
}

static void
test_csv_parser (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) t = NULL;
  const char *data = "a,\"b,c\",\"d\"\"e\"\r\n\"multi\nline\",x\r\n\r\nlast";

  t = thidua_csv_parse ("t.csv", data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thidua_table_get_n_rows (t), ==, 4);
  g_assert_cmpstr (thidua_table_get_cell (t, 0, 1), ==, "b,c");
  g_assert_cmpstr (thidua_table_get_cell (t, 0, 2), ==, "d\"e");
  g_assert_cmpstr (thidua_table_get_cell (t, 1, 0), ==, "multi\nline");
  g_assert_cmpstr (thidua_table_get_cell (t, 3, 0), ==, "last");
  g_assert_cmpstr (thidua_table_get_cell (t, 3, 5), ==, "");
  g_assert_cmpint (thidua_csv_guess_separator ("a;b;\"c;d,e,f,g\"\n", 16), ==, ';');
  g_assert_cmpint (thidua_csv_guess_separator ("a,b;c,d\n", 8), ==, ',');
  g_clear_pointer (&t, thidua_table_free);
  t = thidua_csv_parse ("t.csv", "a\n\"open\nb\n", 10, &error);
  g_assert_null (t);
  g_assert_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  /* plain runs are copied at once: quotes inside, Vietnamese text, the
   * other separator, and the cap of 128 kB a cell exactly where it was */
  t = thidua_csv_parse ("t.csv", "Nguyễn Văn \"An\",Tổ 1;2\nx", 29, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (thidua_table_get_cell (t, 0, 0), ==, "Nguyễn Văn \"An\"");
  g_assert_cmpstr (thidua_table_get_cell (t, 0, 1), ==, "Tổ 1;2");
  g_assert_cmpstr (thidua_table_get_cell (t, 1, 0), ==, "x");
  g_clear_pointer (&t, thidua_table_free);
  for (guint extra = 0; extra < 2; extra++)
    {
      gsize cap = 128 * 1024 + extra;
      g_autofree char *big = g_malloc (cap + 8);

      memcpy (big, "a,", 2);
      memset (big + 2, 'x', cap);
      memcpy (big + 2 + cap, ",b\n", 3);
      t = thidua_csv_parse ("t.csv", big, cap + 5, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (strlen (thidua_table_get_cell (t, 0, 1)), ==, cap);
          g_assert_cmpstr (thidua_table_get_cell (t, 0, 2), ==, "b");
          g_clear_pointer (&t, thidua_table_free);
        }
      else
        {
          g_assert_null (t);
          g_assert_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED);
          g_assert_nonnull (strstr (error->message, "longer than 131072 bytes"));
          g_clear_error (&error);
        }
    }
}

/* The parser cuts cells out of its own copy of the text: quotes, escaped
 * quotes and CR LF inside a cell shorten it where it is; the cap counts
 * the cell as kept; a NUL from a conversion empties its cell; NFD text is
 * composed and NFC text kept; rows handed out stay valid as more come;
 * thidua_csv_parse_owned() leaves the same cells as thidua_csv_parse(). */
static void
test_csv_parser_in_place (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) t = NULL;
  const char *quotes = "\"a\"\"b\"c,\"x\" \"y\",q\"r\"s,\"\"\"\"\r\n\"\",\"\"\",\r\n\r\n\"\r\nz\"\r";
  const char * const *first;

  t = thidua_csv_parse ("t.csv", quotes, strlen (quotes), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thidua_table_get_n_rows (t), ==, 3);
  first = thidua_table_get_row (t, 0, NULL);
  g_assert_cmpstr (first[0], ==, "a\"bc");
  g_assert_cmpstr (first[1], ==, "x \"y\"");
  g_assert_cmpstr (first[2], ==, "q\"r\"s");
  g_assert_cmpstr (first[3], ==, "\"");
  g_assert_null (first[4]);
  g_assert_cmpstr (thidua_table_get_cell (t, 1, 0), ==, "");
  g_assert_cmpstr (thidua_table_get_cell (t, 1, 1), ==, "\",\n\n");
  g_assert_cmpstr (thidua_table_get_cell (t, 2, 0), ==, "z\"");
  {
    guint number;
    thidua_table_get_row (t, 2, &number);
    g_assert_cmpuint (number, ==, 3);
  }
  g_clear_pointer (&t, thidua_table_free);

  /* NFD composed, NFC (with a no-break space) kept, a combining mark at a
   * cell's start left as it is; the same from a buffer the parser takes */
  {
    const char *text = "Nguye\xcc\x82\xcc\x83n,\xc2\xa0Tr\xe1\xba\xa7n\xc2\xa0,\xcc\x81x\n";
    g_autofree char *owned = g_strdup (text);

    for (guint k = 0; k < 2; k++)
      {
        t = k == 0 ? thidua_csv_parse ("t.csv", text, strlen (text), &error)
                   : thidua_csv_parse_owned ("t.csv", g_steal_pointer (&owned), strlen (text), &error);
        g_assert_no_error (error);
        g_assert_cmpstr (thidua_table_get_cell (t, 0, 0), ==, "Nguy\xe1\xbb\x85n");
        g_assert_cmpstr (thidua_table_get_cell (t, 0, 1), ==, "\xc2\xa0Tr\xe1\xba\xa7n\xc2\xa0");
        g_assert_cmpstr (thidua_table_get_cell (t, 0, 2), ==, "\xcc\x81x");
        g_clear_pointer (&t, thidua_table_free);
      }
  }

  /* UTF-16 with a NUL character: that cell is empty, its neighbours not */
  {
    static const char utf16[] = "\xff\xfe" "a\0;\0b\0\0\0c\0;\0d\0\n\0";

    t = thidua_csv_parse ("t.csv", utf16, sizeof utf16 - 1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (thidua_table_get_cell (t, 0, 0), ==, "a");
    g_assert_cmpstr (thidua_table_get_cell (t, 0, 1), ==, "");
    g_assert_cmpstr (thidua_table_get_cell (t, 0, 2), ==, "d");
    g_clear_pointer (&t, thidua_table_free);
  }

  /* the cap counts what the cell keeps: 131,072 escaped quotes are
   * 262,144 bytes read for a cell of 131,072; one more is refused */
  for (guint extra = 0; extra < 2; extra++)
    {
      gsize n = 128 * 1024 + extra;
      g_autoptr(GString) big = g_string_new ("a,\"");

      for (gsize i = 0; i < n; i++)
        g_string_append (big, "\"\"");
      g_string_append (big, "\"\nb\n");
      t = thidua_csv_parse ("t.csv", big->str, big->len, &error);
      if (extra == 0)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (strlen (thidua_table_get_cell (t, 0, 1)), ==, n);
          g_assert_cmpstr (thidua_table_get_cell (t, 1, 0), ==, "b");
          g_clear_pointer (&t, thidua_table_free);
        }
      else
        {
          g_assert_null (t);
          g_assert_error (error, THIDUA_TABLE_ERROR, THIDUA_TABLE_ERROR_MALFORMED);
          g_assert_nonnull (strstr (error->message, "line 1 is longer than 131072 bytes"));
          g_clear_error (&error);
        }
    }

  /* 70,000 rows of three cells: the first row's cells, taken before the
   * others were read, are still there after */
  {
    g_autoptr(GString) many = g_string_new (NULL);
    g_autofree char *last = NULL;

    for (guint i = 0; i < 70000; i++)
      g_string_append_printf (many, "r%u,Nguy\xe1\xbb\x85n %u,x\r\n", i, i);
    t = thidua_csv_parse ("t.csv", many->str, many->len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (thidua_table_get_n_rows (t), ==, 70000);
    first = thidua_table_get_row (t, 0, NULL);
    g_assert_cmpstr (first[1], ==, "Nguy\xe1\xbb\x85n 0");
    last = g_strdup_printf ("Nguy\xe1\xbb\x85n %u", 69999);
    g_assert_cmpstr (thidua_table_get_cell (t, 69999, 1), ==, last);
    g_assert_cmpstr (thidua_table_get_cell (t, 69999, 2), ==, "x");
    g_assert_null (thidua_table_get_row (t, 69999, NULL)[3]);
  }
}

/* ---- date cells ---- */

static void
test_serial_to_date (void)
{
  const struct { double serial; gboolean date1904; const char *iso; } cases[] = {
    { 1, FALSE, "1900-01-01" },
    { 59, FALSE, "1900-02-28" },
    { 61, FALSE, "1900-03-01" },        /* after Lotus's 29 February 1900 */
    { 29353, FALSE, "1980-05-12" },
    { 29353.75, FALSE, "1980-05-12" },  /* a time of day does not change the date */
    { 36526, FALSE, "2000-01-01" },
    { 0, TRUE, "1904-01-01" },
    { 27891, TRUE, "1980-05-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = thidua_xlsx_serial_to_date (cases[i].serial, cases[i].date1904);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
  g_assert_null (thidua_xlsx_serial_to_date (0, FALSE));
  g_assert_null (thidua_xlsx_serial_to_date (-5, TRUE));
  g_assert_null (thidua_xlsx_serial_to_date (1e9, FALSE));
}

static int
birth_year_of (RegFixture *f, const char *year, const char *name)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;

  q.year = year;
  rows = thidua_register_query (f->reg, &q, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      ThiduaRegistration *r = g_ptr_array_index (rows, i);
      if (g_str_equal (r->person_name, name))
        return r->birth_year;
    }
  g_error ("%s is not registered in %s", name, year);
  return 0;
}

/* ngay-sinh.csv as LibreOffice 7.4 converted it (soffice --headless
 * --infilter=CSV:59,34,76,1,,1066,false,false,true --convert-to xlsx|xls):
 * ISO dates become date cells, "12/05/1982" stays text, 1968 a number. */
static void
test_date_cells_libreoffice (RegFixture *f, gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (g_getenv ("THIDUA_TEST_FIXTURES"), "register",
                                            "libreoffice", name, NULL);
  g_autoptr(ThiduaRegisterImport) import = import_file (f, path, "2024", FALSE, NULL);
  GPtrArray *rej = thidua_register_import_get_rejections (import);
  ThiduaRegisterRejection *x;

  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 5);
  g_assert_cmpint (birth_year_of (f, "2024", "Nguyễn Văn Ngày"), ==, 1980);
  g_assert_cmpint (birth_year_of (f, "2024", "Trần Thị Tháng"), ==, 1975);
  g_assert_cmpint (birth_year_of (f, "2024", "Lê Văn Năm"), ==, 1990);
  g_assert_cmpint (birth_year_of (f, "2024", "Phạm Thị Chữ"), ==, 1982);
  g_assert_cmpint (birth_year_of (f, "2024", "Hoàng Văn Số"), ==, 1968);
  /* neither a date nor a year: named by row and column */
  g_assert_cmpuint (rej->len, ==, 1);
  x = g_ptr_array_index (rej, 0);
  g_assert_cmpuint (x->row, ==, 7);
  g_assert_nonnull (strstr (x->reason, "không nhớ"));
  g_assert_nonnull (strstr (x->reason, "Năm sinh"));
}

/* Date cells written by libxlsxwriter with a dd/mm/yyyy format; then the
 * same day numbers in a workbook that counts from 1904 (old Excel for
 * Mac), made by setting date1904 in its workbook.xml. */
static char *
write_date_xlsx (RegFixture *f, const char *name, gboolean date1904)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  lxw_format *date = workbook_add_format (wb);
  lxw_datetime born = { 1980, 5, 12, 0, 0, 0 };
  lxw_datetime other = { 1969, 12, 31, 0, 0, 0 };

  format_set_num_format (date, "dd/mm/yyyy");
  worksheet_write_string (ws, 0, 0, "Họ và tên", NULL);
  worksheet_write_string (ws, 0, 1, "Đơn vị", NULL);
  worksheet_write_string (ws, 0, 2, "Danh hiệu", NULL);
  worksheet_write_string (ws, 0, 3, "Ngày sinh", NULL);
  worksheet_write_string (ws, 1, 0, "Đỗ Văn Lịch", NULL);
  worksheet_write_string (ws, 1, 1, "Phòng Đào tạo", NULL);
  worksheet_write_string (ws, 1, 2, "LĐTT", NULL);
  worksheet_write_string (ws, 2, 0, "Ngô Thị Lịch", NULL);
  worksheet_write_string (ws, 2, 1, "Phòng Đào tạo", NULL);
  worksheet_write_string (ws, 2, 2, "LĐTT", NULL);
  if (!date1904)
    {
      worksheet_write_datetime (ws, 1, 3, &born, date);
      worksheet_write_datetime (ws, 2, 3, &other, date);
    }
  else
    {
      worksheet_write_number (ws, 1, 3, 27891, date);   /* 12/05/1980 from 1904 */
      worksheet_write_number (ws, 2, 3, 24105, date);   /* 31/12/1969 from 1904 */
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  if (date1904)
    {
      int zerr = 0;
      zip_t *zip = zip_open (path, 0, &zerr);
      zip_stat_t st;
      zip_file_t *file;
      g_autofree char *xml = NULL;
      g_autofree char *patched = NULL;
      zip_source_t *src;

      g_assert_nonnull (zip);
      g_assert_cmpint (zip_stat (zip, "xl/workbook.xml", 0, &st), ==, 0);
      xml = g_malloc0 (st.size + 1);
      file = zip_fopen (zip, "xl/workbook.xml", 0);
      g_assert_cmpint (zip_fread (file, xml, st.size), ==, (zip_int64_t) st.size);
      zip_fclose (file);
      g_assert_nonnull (strstr (xml, "<workbookPr "));
      {
        g_auto(GStrv) parts = g_strsplit (xml, "<workbookPr ", 2);
        patched = g_strconcat (parts[0], "<workbookPr date1904=\"1\" ", parts[1], NULL);
      }
      src = zip_source_buffer (zip, g_strdup (patched), strlen (patched), 1);
      g_assert_cmpint (zip_file_add (zip, "xl/workbook.xml", src, ZIP_FL_OVERWRITE), >=, 0);
      g_assert_cmpint (zip_close (zip), ==, 0);
    }
  return g_steal_pointer (&path);
}

static void
test_date_cells_xlsxwriter (RegFixture *f, gconstpointer data)
{
  gboolean date1904 = GPOINTER_TO_INT (data);
  g_autofree char *path = write_date_xlsx (f, "ngay.xlsx", date1904);
  g_autoptr(ThiduaRegisterImport) import = import_file (f, path, "2024", FALSE, NULL);

  g_assert_cmpuint (thidua_register_import_get_rejections (import)->len, ==, 0);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 2);
  g_assert_cmpint (birth_year_of (f, "2024", "Đỗ Văn Lịch"), ==, 1980);
  g_assert_cmpint (birth_year_of (f, "2024", "Ngô Thị Lịch"), ==, 1969);
}

/* A day number whose date format was lost (a General cell, a CSV) is not
 * taken for a year: the message says which date it would be. */
static void
test_date_serial_without_format (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "serial.csv", NULL);
  g_autoptr(ThiduaRegisterImport) import = NULL;
  ThiduaRegisterRejection *x;

  g_assert_true (g_file_set_contents (path,
                                      "Họ và tên;Đơn vị;Danh hiệu;Năm sinh\n"
                                      "Mai Văn Số;Phòng Đào tạo;LĐTT;29353\n"
                                      "Mai Thị Năm;Phòng Đào tạo;LĐTT;1981\n", -1, NULL));
  import = import_file (f, path, "2024", FALSE, NULL);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 1);
  g_assert_cmpuint (thidua_register_import_get_rejections (import)->len, ==, 1);
  x = g_ptr_array_index (thidua_register_import_get_rejections (import), 0);
  g_assert_cmpuint (x->row, ==, 2);
  g_assert_nonnull (strstr (x->reason, "29353"));
  g_assert_nonnull (strstr (x->reason, "12/05/1980"));
  g_assert_cmpint (birth_year_of (f, "2024", "Mai Thị Năm"), ==, 1981);
}

/* Dates typed as text in the birth-year column give their year, in the
 * three ways secretaries write them; a plausible number stays a year. */
static void
test_text_dates (RegFixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "text-dates.csv", NULL);
  g_autoptr(ThiduaRegisterImport) import = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "Họ và tên;Đơn vị;Danh hiệu;Năm sinh\n"
                                      "Mai Văn Gạch;Phòng Đào tạo;LĐTT;12/05/1980\n"
                                      "Mai Văn Ngang;Phòng Đào tạo;LĐTT;13-06-1981\n"
                                      "Mai Văn Iso;Phòng Đào tạo;LĐTT;1982-07-14\n"
                                      "Mai Văn Năm;Phòng Đào tạo;LĐTT;1983\n", -1, NULL));
  import = import_file (f, path, "2024", FALSE, NULL);
  g_assert_cmpuint (thidua_register_import_get_rejections (import)->len, ==, 0);
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 4);
  g_assert_cmpint (birth_year_of (f, "2024", "Mai Văn Gạch"), ==, 1980);
  g_assert_cmpint (birth_year_of (f, "2024", "Mai Văn Ngang"), ==, 1981);
  g_assert_cmpint (birth_year_of (f, "2024", "Mai Văn Iso"), ==, 1982);
  g_assert_cmpint (birth_year_of (f, "2024", "Mai Văn Năm"), ==, 1983);
}

/* ---- the import's own connection ---- */

typedef struct {
  RegFixture *f;
  guint       calls;
  gint64      person;    /* registered by "the window" during the import, or 0 */
} WorkerCheck;

static ThiduaTable *
big_table (guint n)
{
  ThiduaTable *table = thidua_table_new ();
  const char *header[] = { "Họ và tên", "Đơn vị", "Năm sinh", "Danh hiệu thi đua", NULL };

  thidua_table_take_row (table, 1, g_strdupv ((char **) header));
  for (guint i = 0; i < n; i++)
    {
      char *cells[5] = {
        g_strdup_printf ("Nguyễn Văn An %c%c", 'A' + i % 26, 'A' + (i / 26) % 26),
        g_strdup_printf ("Phòng số %u", i % 7 + 1),
        g_strdup_printf ("%u", 1960 + i % 40),
        g_strdup ("Lao động tiên tiến"),
        NULL,
      };
      thidua_table_take_row (table, i + 2, g_strdupv (cells));
      for (guint c = 0; c < 4; c++)
        g_free (cells[c]);
    }
  return table;
}

/* Called on the commit's thread while rows are staged: the window's
 * connection must be free, and a write through it must not wait for the
 * import. */
static void
worker_progress (guint done, guint total, gpointer data)
{
  WorkerCheck *w = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Tổ %u", w->calls);

  w->calls++;
  g_assert_false (thidua_store_in_transaction (w->f->store));
  g_assert_cmpint (thidua_register_add_unit (w->f->reg, 0, name, "", &error), >, 0);
  g_assert_no_error (error);
  if (w->person > 0 && w->calls == 1)
    reg_add (w->f, "2024", w->person, "LĐTT");
}

static gint64
count (RegFixture *f, const char *year)
{
  ThiduaRegQuery q = THIDUA_REG_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;

  q.year = year;
  rows = thidua_register_query (f->reg, &q, NULL);
  return rows ? (gint64) rows->len : -1;
}

static void
test_own_connection (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) table = big_table (2500);
  g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (f->reg, "2024");
  WorkerCheck w = { f, 0, 0 };
  gint64 batch;

  g_assert_true (thidua_register_import_prepare_table (import, "big.csv", table, &error));
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 2500);
  batch = thidua_register_import_commit (import, worker_progress, &w, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch, >, 0);
  g_assert_cmpuint (w.calls, ==, 3);
  g_assert_cmpint (count (f, "2024"), ==, 2500);
  /* the window's own units, written during the import, are there too */
  g_assert_cmpint (thidua_register_find_unit (f->reg, "Tổ 2"), >, 0);
}

/* A conflicting write made while the rows were staged: the import fails
 * as a whole and the other write stays. */
static void
test_all_or_nothing (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) table = big_table (1500);
  g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (f->reg, "2024");
  gint64 phong = thidua_register_add_unit (f->reg, 0, "Phòng số 3", "", NULL);
  WorkerCheck w = { f, 0, 0 };

  /* row 2 of the table: "Nguyễn Văn An CA", Phòng số 3, 1962 */
  w.person = reg_add_person (f, "Nguyễn Văn An CA", phong, 1962);
  g_assert_true (thidua_register_import_prepare_table (import, "big.csv", table, &error));
  g_assert_cmpuint (thidua_register_import_get_n_accepted (import), ==, 1500);
  g_assert_cmpint (thidua_register_import_commit (import, worker_progress, &w, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (count (f, "2024"), ==, 1);
  g_assert_cmpint (thidua_register_find_unit (f->reg, "Phòng số 1"), ==, 0);
}

/* Deletes the person w->person from another program while the rows are
 * staged (the file is not locked then). */
static void
delete_person_progress (guint done, guint total, gpointer data)
{
  WorkerCheck *w = data;
  g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_keys = ON; DELETE FROM people WHERE id = %" G_GINT64_FORMAT,
                                          w->person);
  const char *argv[] = { "sqlite3", thidua_store_get_path (w->f->store), sql, NULL };
  int status = 0;

  if (w->calls++ > 0)
    return;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, NULL));
  g_assert_cmpint (status, ==, 0);
}

/* A person the import names, deleted by another program while the rows
 * were staged: the move refuses the whole import (no registration may
 * point at nobody). */
static void
test_deleted_meanwhile (RegFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaTable) table = big_table (1500);
  g_autoptr(ThiduaRegisterImport) import = thidua_register_import_new (f->reg, "2024");
  gint64 phong = thidua_register_add_unit (f->reg, 0, "Phòng số 3", "", NULL);
  WorkerCheck w = { f, 0, 0 };

  /* row 2 of the table: "Nguyễn Văn An CA", Phòng số 3, 1962 */
  w.person = reg_add_person (f, "Nguyễn Văn An CA", phong, 1962);
  g_assert_true (thidua_register_import_prepare_table (import, "big.csv", table, &error));
  g_assert_cmpint (thidua_register_import_commit (import, delete_person_progress, &w, &error), ==, 0);
  g_assert_error (error, THIDUA_REGISTER_ERROR, THIDUA_REGISTER_ERROR_NOT_FOUND);
  g_assert_cmpint (count (f, "2024"), ==, 0);
  g_assert_cmpint (thidua_register_find_unit (f->reg, "Phòng số 1"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, RegFixture, NULL, reg_fixture_set_up, func, reg_fixture_tear_down)
#define ADD_DATA(path, data, func) \
  g_test_add (path, RegFixture, data, reg_fixture_set_up, func, reg_fixture_tear_down)
  g_test_add_func ("/register/import/csv-parser", test_csv_parser);
  g_test_add_func ("/register/import/csv-parser-in-place", test_csv_parser_in_place);
  ADD ("/register/import/own-connection", test_own_connection);
  ADD ("/register/import/all-or-nothing", test_all_or_nothing);
  ADD ("/register/import/deleted-meanwhile", test_deleted_meanwhile);
  ADD ("/register/import/csv-fixture", test_csv_fixture);
  g_test_add_func ("/register/import/date-serials", test_serial_to_date);
  ADD_DATA ("/register/import/date-cells-libreoffice-xlsx", "ngay-sinh.xlsx", test_date_cells_libreoffice);
  ADD_DATA ("/register/import/date-cells-libreoffice-xls", "ngay-sinh.xls", test_date_cells_libreoffice);
  ADD_DATA ("/register/import/date-cells-xlsxwriter", GINT_TO_POINTER (FALSE), test_date_cells_xlsxwriter);
  ADD_DATA ("/register/import/date-cells-1904", GINT_TO_POINTER (TRUE), test_date_cells_xlsxwriter);
  ADD ("/register/import/date-serial-without-format", test_date_serial_without_format);
  ADD ("/register/import/text-dates", test_text_dates);
  ADD ("/register/import/csv-encodings-separators-nfd", test_csv_variants);
  ADD ("/register/import/nothing-overwritten", test_nothing_overwritten);
  ADD ("/register/import/undo-whole-import", test_undo_whole_import);
  ADD ("/register/import/bad-files", test_bad_files);
  ADD ("/register/import/year-column", test_year_column);
  ADD ("/register/import/xlsx-libxlsxwriter-nfc", test_xlsx_nfc);
  ADD ("/register/import/xlsx-libxlsxwriter-nfd", test_xlsx_nfd);
  ADD ("/register/import/xlsx-damaged", test_damaged_xlsx);
  ADD_DATA ("/register/import/libreoffice-xlsx", "xlsx", test_libreoffice);
  ADD_DATA ("/register/import/libreoffice-xls", "xls", test_libreoffice);
  ADD_DATA ("/register/import/libreoffice-file-xlsx", "dang-ky-2024.xlsx", test_libreoffice_files);
  ADD_DATA ("/register/import/libreoffice-file-xls", "dang-ky-2024.xls", test_libreoffice_files);
  ADD_DATA ("/register/import/libreoffice-file-nfd-xlsx", "dang-ky-2024-nfd.xlsx", test_libreoffice_files);
  ADD_DATA ("/register/import/libreoffice-file-nfd-xls", "dang-ky-2024-nfd.xls", test_libreoffice_files);
  ADD_DATA ("/register/import/export-round-trip-csv", "csv", test_export_round_trip);
  ADD_DATA ("/register/import/export-round-trip-xlsx", "xlsx", test_export_round_trip);
  return g_test_run ();
}
