/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render-table.c — table blocks in the one renderer, read back from
 * the PDF with poppler: the header row on top of every page the table
 * runs onto, no row split across pages, group rows kept with the row
 * after them, and forms (landscape, no number, date and signatures at
 * the end). */
#include "config.h"
#include "../thidua-test-tmp.h"

#include <poppler.h>
#include <string.h>

#include "thidua-layout.h"
#include "thidua-markup.h"
#include "thidua-render.h"

/* poppler-glib 22.12 has no autoptr cleanups */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define N_ROWS 150
#define GROUP_EVERY 25

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = thidua_test_tmpdir_new ("thidua-table");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  thidua_test_tmpdir_remove (f->dir);
  g_free (f->dir);
}

static ThiduaPlan *
form_plan (void)
{
  ThiduaPlan *plan = thidua_plan_new ();

  thidua_plan_set_issuing_body (plan, "TRƯỜNG CHÍNH TRỊ TỈNH");
  thidua_plan_set_place (plan, "Lai Châu");
  thidua_plan_set_type_name (plan, "BẢNG KIỂM TRA");
  return plan;
}

/* A heading, then a table of N_ROWS rows of two lines each ("Rnnn-a",
 * "Rnnn-b" in one cell), a group row before every GROUP_EVERY rows. */
static ThiduaBody *
table_body (void)
{
  ThiduaBody *body = thidua_body_new ();
  g_autoptr(ThiduaBodyTable) table = thidua_body_table_new ();

  thidua_body_table_add_column (table, "Số TT", 1, THIDUA_BODY_TABLE_ALIGN_CENTER);
  thidua_body_table_add_column (table, "Nội dung kiểm tra", 6, THIDUA_BODY_TABLE_ALIGN_LEFT);
  thidua_body_table_add_column (table, "Ghi chú", 3, THIDUA_BODY_TABLE_ALIGN_LEFT);
  for (guint i = 1; i <= N_ROWS; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      g_autofree char *text = g_strdup_printf ("R%03u-a dòng một\nR%03u-b dòng hai", i, i);
      const char *cells[] = { n, text, "Đạt", NULL };

      if ((i - 1) % GROUP_EVERY == 0)
        {
          g_autofree char *group = g_strdup_printf ("Nhóm G%u", (i - 1) / GROUP_EVERY + 1);
          const char *g[] = { group, NULL };
          thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_GROUP, g);
        }
      thidua_body_table_add_row (table, THIDUA_BODY_TABLE_ROW_BODY, cells);
    }
  thidua_body_append_text (body, THIDUA_BLOCK_HEADING, 1, "I.", "Kết quả kiểm tra", FALSE);
  thidua_body_append_table (body, table);
  thidua_body_append_text (body, THIDUA_BLOCK_PARAGRAPH, 0, "", "Đoạn sau bảng.", FALSE);
  return body;
}

static PopplerDocument *
write_and_open (ThiduaLayout *layout, ThiduaPlan *plan, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  PopplerDocument *doc;

  g_assert_true (thidua_render_to_pdf (layout, plan, path, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

/* The top of the first match on the page, in points from the top; -1 if
 * the text is not there. */
static double
text_top (PopplerPage *page, const char *text)
{
  GList *found = poppler_page_find_text (page, text);
  double w, h, top = -1;

  poppler_page_get_size (page, &w, &h);
  if (found != NULL)
    {
      PopplerRectangle *r = found->data;
      /* find_text answers in PDF space: origin at the bottom */
      top = h - MAX (r->y1, r->y2);
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return top;
}

static guint
count (const char *hay, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (hay, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_rows_and_header (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = thidua_profile_load ("state", &error);
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(ThiduaPlan) plan = form_plan ();
  g_autoptr(ThiduaBody) body = table_body ();
  g_autofree char *path = g_build_filename (f->dir, "table.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree guint *row_page = g_new0 (guint, N_ROWS + 1);
  ThiduaLayoutForm form = { .n_signatures = 1, .signatures = { { "Thủ trưởng đơn vị", NULL } } };
  int n_pages;

  g_assert_no_error (error);
  layout = thidua_layout_new (profile);
  thidua_layout_update_form (layout, plan, body, &form);
  doc = write_and_open (layout, plan, path);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages, ==, (int) thidua_layout_get_n_pages (layout));
  g_assert_cmpint (n_pages, >=, 3);

  for (int p = 0; p < n_pages; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, p);
      g_autofree char *text = poppler_page_get_text (page);
      double header_top = text_top (page, "Nội dung kiểm tra");
      guint rows_here = 0;

      for (guint i = 1; i <= N_ROWS; i++)
        {
          g_autofree char *a = g_strdup_printf ("R%03u-a", i);
          g_autofree char *b = g_strdup_printf ("R%03u-b", i);
          guint na = count (text, a), nb = count (text, b);

          /* a row is on one page, whole */
          g_assert_cmpuint (na, ==, nb);
          if (na == 0)
            continue;
          g_assert_cmpuint (na, ==, 1);
          g_assert_cmpuint (row_page[i], ==, 0);
          row_page[i] = (guint) p + 1;
          rows_here++;
          /* below the header row of this page */
          g_assert_cmpfloat (header_top, >=, 0);
          g_assert_cmpfloat (text_top (page, a), >, header_top);
        }
      /* the header row is printed once on each page with rows, and never
       * alone at the foot of a page */
      if (rows_here > 0)
        g_assert_cmpuint (count (text, "Nội dung kiểm tra"), ==, 1);
      else
        g_assert_cmpuint (count (text, "Nội dung kiểm tra"), ==, 0);

      /* a group row is followed by its first row on the same page */
      for (guint g = 0; g * GROUP_EVERY < N_ROWS; g++)
        {
          g_autofree char *group = g_strdup_printf ("Nhóm G%u\n", g + 1);
          g_autofree char *first = g_strdup_printf ("R%03u-a", g * GROUP_EVERY + 1);

          if (strstr (text, group) != NULL)
            g_assert_nonnull (strstr (text, first));
        }
    }
  /* every row printed */
  for (guint i = 1; i <= N_ROWS; i++)
    if (row_page[i] == 0)
      g_error ("row %u is missing", i);
  /* rows in order */
  for (guint i = 2; i <= N_ROWS; i++)
    g_assert_cmpuint (row_page[i], >=, row_page[i - 1]);
}

static void
test_landscape_form (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = thidua_profile_load ("state", &error);
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(ThiduaPlan) plan = form_plan ();
  g_autoptr(ThiduaBody) body = table_body ();
  g_autofree char *path = g_build_filename (f->dir, "landscape.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) last = NULL;
  g_autofree char *last_text = NULL;
  GPtrArray *warnings;
  ThiduaLayoutForm form = {
    .landscape = TRUE,
    .n_signatures = 2,
    .signatures = { { "Người lập biểu", NULL }, { "Thủ trưởng đơn vị", "Nguyễn Văn Ký" } },
  };
  int n_pages;

  g_assert_no_error (error);
  layout = thidua_layout_new (profile);
  thidua_layout_update_form (layout, plan, body, &form);
  g_assert_cmpfloat_with_epsilon (thidua_layout_get_page_width (layout), 841.89, 0.5);
  g_assert_cmpfloat_with_epsilon (thidua_layout_get_page_height (layout), 595.28, 0.5);

  /* a form has no number, subject or recipients to warn about */
  warnings = thidua_layout_get_warnings (layout);
  for (guint i = 0; i < warnings->len; i++)
    {
      ThiduaLayoutWarning *w = g_ptr_array_index (warnings, i);
      g_assert_cmpstr (w->field, !=, "recipients");
      g_assert_cmpstr (w->field, !=, "signer.name");
      g_assert_cmpstr (w->field, !=, "subject");
      g_assert_cmpstr (w->field, !=, "body");
    }

  doc = write_and_open (layout, plan, path);
  n_pages = poppler_document_get_n_pages (doc);
  for (int p = 0; p < n_pages; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, p);
      g_autofree char *text = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 841.89, 1.0);
      g_assert_cmpfloat_with_epsilon (h, 595.28, 1.0);
      g_assert_null (strstr (text, "Số:"));
      if (p == 0)
        {
          g_assert_nonnull (strstr (text, "TRƯỜNG CHÍNH TRỊ TỈNH"));
          g_assert_nonnull (strstr (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
          g_assert_nonnull (strstr (text, "BẢNG KIỂM TRA"));
        }
    }
  /* the place and date, then both signatures, after the table */
  last = poppler_document_get_page (doc, n_pages - 1);
  last_text = poppler_page_get_text (last);
  g_assert_nonnull (strstr (last_text, "Lai Châu, ngày"));
  g_assert_nonnull (strstr (last_text, "NGƯỜI LẬP BIỂU"));
  g_assert_nonnull (strstr (last_text, "THỦ TRƯỞNG ĐƠN VỊ"));
  g_assert_nonnull (strstr (last_text, "Nguyễn Văn Ký"));
  g_assert_cmpfloat (text_top (last, "Lai Châu, ngày"), >, text_top (last, "Đoạn sau bảng"));
  g_assert_cmpfloat (text_top (last, "THỦ TRƯỞNG ĐƠN VỊ"), >, text_top (last, "Lai Châu, ngày"));
  g_assert_cmpfloat (text_top (last, "Nguyễn Văn Ký"), >, text_top (last, "THỦ TRƯỞNG ĐƠN VỊ") + 40);
  /* the two signatures side by side */
  g_assert_cmpfloat_with_epsilon (text_top (last, "NGƯỜI LẬP BIỂU"),
                                  text_top (last, "THỦ TRƯỞNG ĐƠN VỊ"), 1.0);
}

/* The same layout object goes back to a portrait plan afterwards. */
static void
test_form_then_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaProfile) profile = thidua_profile_load ("state", &error);
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(ThiduaPlan) plan = form_plan ();
  g_autoptr(ThiduaBody) body = table_body ();
  ThiduaLayoutForm form = { .landscape = TRUE, .n_signatures = 1 };

  g_assert_no_error (error);
  layout = thidua_layout_new (profile);
  thidua_layout_update_form (layout, plan, body, &form);
  g_assert_cmpfloat (thidua_layout_get_page_width (layout), >, thidua_layout_get_page_height (layout));
  thidua_plan_set_body (plan, "Nội dung./.");
  thidua_layout_update (layout, plan);
  g_assert_cmpfloat_with_epsilon (thidua_layout_get_page_width (layout), 595.28, 0.5);
  g_assert_cmpuint (thidua_layout_get_n_pages (layout), ==, 1);
}

/* A table typed in a plan's body ("|" lines) is the same block: printed
 * with its header row on every page, every row once. */
static void
test_table_in_plan_body (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThiduaLayout) layout = NULL;
  g_autoptr(ThiduaPlan) plan = form_plan ();
  g_autoptr(GString) body = g_string_new ("I. CHỈ TIÊU\n| STT | Đơn vị đăng ký | Chỉ tiêu |\n|:-:|---|--:|\n");
  g_autofree char *path = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  int n_pages;

  for (guint i = 1; i <= 90; i++)
    g_string_append_printf (body, "| %u | Đơn vị U%03u | %u%% |\n", i, i, 50 + i % 50);
  g_string_append (body, "Các đơn vị thực hiện./.");
  thidua_plan_set_subject (plan, "Chỉ tiêu thi đua");
  thidua_plan_set_body (plan, body->str);
  layout = thidua_layout_new_for_plan (plan, &error);
  g_assert_no_error (error);
  doc = write_and_open (layout, plan, path);
  n_pages = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n_pages, >=, 2);
  for (int p = 0; p < n_pages; p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, p);
      g_autofree char *text = poppler_page_get_text (page);

      if (strstr (text, "Đơn vị U") != NULL)
        {
          g_assert_cmpuint (count (text, "Đơn vị đăng ký"), ==, 1);
          g_assert_cmpfloat (text_top (page, "Đơn vị đăng ký"), <, text_top (page, "Đơn vị U"));
        }
      g_string_append (all, text);
    }
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *unit = g_strdup_printf ("Đơn vị U%03u", i);
      g_assert_cmpuint (count (all->str, unit), ==, 1);
    }
  /* the "|" and the rule line are markup, not text */
  g_assert_null (strstr (all->str, "|"));
  g_assert_null (strstr (all->str, ":-:"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/render/table/rows-whole-header-repeated", Fixture, NULL,
              fixture_set_up, test_rows_and_header, fixture_tear_down);
  g_test_add ("/render/table/landscape-form", Fixture, NULL,
              fixture_set_up, test_landscape_form, fixture_tear_down);
  g_test_add ("/render/table/in-plan-body", Fixture, NULL,
              fixture_set_up, test_table_in_plan_body, fixture_tear_down);
  g_test_add ("/render/table/form-then-plan", Fixture, NULL,
              fixture_set_up, test_form_then_plan, fixture_tear_down);
  return g_test_run ();
}
